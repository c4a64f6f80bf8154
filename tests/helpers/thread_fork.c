/*
 * tests/helpers/thread_fork.c - thread_fork [LIVE_MS]
 *
 * Starts three threads; one of them forks a child that lives LIVE_MS
 * (default 300) and waits for it, so the child is listed only in that
 * thread's /proc/PID/task/TID/children.  Prints "child PID" on stderr.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long live_ms = 300;

static void nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0)
		;
}

static void *forker(void *arg)
{
	pid_t pid = fork();

	(void)arg;
	if (pid == 0) {
		nap(live_ms);
		_exit(0);
	}
	if (pid > 0) {
		fprintf(stderr, "child %d\n", (int)pid);
		waitpid(pid, NULL, 0);
	}
	return NULL;
}

static void *sleeper(void *arg)
{
	(void)arg;
	nap(live_ms);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t[3];
	int i;

	if (argc > 1)
		live_ms = atol(argv[1]);
	nap(150);		/* be seen single-threaded first */
	pthread_create(&t[0], NULL, forker, NULL);
	pthread_create(&t[1], NULL, sleeper, NULL);
	pthread_create(&t[2], NULL, sleeper, NULL);
	for (i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	nap(150);		/* and single-threaded again */
	return 0;
}
