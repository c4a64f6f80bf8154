/*
 * tests/helpers/forkloop.c - a fork-heavy program for make bench:
 *
 *   forkloop N
 *
 * N times: fork, the child exits at once (status i & 0xff), the parent
 * waits for it.  Prints on stdout the total time and how long after the
 * child's last instruction its parent's waitpid() returned (median, 99th
 * percentile, max): what a tracer adds to a parent's wait shows there.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1000, i, st;
	volatile long long *shared;
	long long *lat, t0;

	if (n <= 0)
		return 2;
	shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	lat = calloc((size_t)n, sizeof(*lat));
	if (shared == MAP_FAILED || !lat)
		return 1;
	t0 = now_ns();
	for (i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0)
			return 1;
		if (pid == 0) {
			*shared = now_ns();
			_exit(i & 0xff);
		}
		if (waitpid(pid, &st, 0) != pid)
			return 1;
		lat[i] = now_ns() - *shared;
	}
	t0 = now_ns() - t0;
	qsort(lat, (size_t)n, sizeof(*lat), cmp);
	printf("forkloop: %d forks in %.1f ms; the parent's wait returned "
	       "%.1f us (median), %.1f us (p99), %.1f us (max) after the "
	       "child's exit\n", n, t0 / 1e6, lat[n / 2] / 1e3,
	       lat[n * 99 / 100] / 1e3, lat[n - 1] / 1e3);
	return 0;
}
