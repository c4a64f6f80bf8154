/*
 * tests/helpers/orphan.c - orphan [LIVE_MS]
 *
 * Double fork: a child forks a grandchild and exits at once; this process
 * reaps the child and exits.  The grandchild, re-parented to init or the
 * nearest subreaper, lives LIVE_MS (default 300) more, then exits.
 * Prints "grandchild PID" on stderr.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long live_ms = argc > 1 ? atol(argv[1]) : 300;
	int fds[2], hold[2];
	pid_t child, grandchild = 0;

	/* fds: the child reports the grandchild's pid; hold: EOF = child gone */
	if (pipe(fds) || pipe(hold))
		return 1;
	child = fork();
	if (child < 0)
		return 1;
	if (child == 0) {
		pid_t g = fork();

		if (g == 0) {
			struct timespec ts = { live_ms / 1000,
					       (live_ms % 1000) * 1000000L };
			char c;

			close(fds[0]);
			close(fds[1]);
			close(hold[1]);
			/* Wait until our parent has exited (EOF)... */
			while (read(hold[0], &c, 1) > 0)
				;
			/* ...then live on as an orphan for a while. */
			while (nanosleep(&ts, &ts) < 0)
				;
			_exit(0);
		}
		if (write(fds[1], &g, sizeof(g)) < 0)
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	close(hold[0]);
	close(hold[1]);
	if (read(fds[0], &grandchild, sizeof(grandchild)) != sizeof(grandchild))
		return 1;
	fprintf(stderr, "grandchild %d\n", (int)grandchild);
	fflush(stderr);
	return waitpid(child, NULL, 0) == child ? 0 : 1;
}
