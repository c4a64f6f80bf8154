/*
 * tests/helpers/zombie_parent.c - zombie_parent [HOLD_MS [STATUS]]
 *
 * Forks a child that exits at once with STATUS (default 5), keeps it a
 * zombie for HOLD_MS (default 300) from the moment it exited, without
 * reaping it, then reaps it and exits 0.  Prints "child PID" on stderr (stdout may be procviz's JSON) so a test can name it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long hold_ms = argc > 1 ? atol(argv[1]) : 300;
	int status = argc > 2 ? atoi(argv[2]) : 5;
	struct timespec ts = { hold_ms / 1000, (hold_ms % 1000) * 1000000L };
	siginfo_t si;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0)
		_exit(status);
	fprintf(stderr, "child %d\n", (int)pid);
	fflush(stderr);
	/*
	 * The hold starts when the child is a zombie (WNOWAIT: it is not
	 * reaped), not at the fork: on a busy machine the child may run its
	 * exit later than HOLD_MS after the fork.
	 */
	while (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT) < 0)
		if (errno != EINTR)
			return 1;
	/* The lesson: the child stays a zombie while nobody reaps it. */
	while (nanosleep(&ts, &ts) < 0)
		;
	if (waitpid(pid, NULL, 0) != pid)
		return 1;
	return 0;
}
