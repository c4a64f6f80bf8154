/*
 * tests/bench/bench_lib.h - what the benchmarks share: the clocks they
 * read, the idle processes they watch, and their clean-up.  Header-only
 * (static functions), included by tests/bench/bench_*.c.
 */
#ifndef PROCVIZ_TESTS_BENCH_LIB_H
#define PROCVIZ_TESTS_BENCH_LIB_H

#include "viz/core/observer.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Wall clock, seconds (monotonic). */
static inline double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* This process's CPU time so far (user + system), seconds. */
static inline double cpu_s(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

/*
 * Fork @n children that run until killed: asleep, or with @spin busy at
 * the lowest priority (always runnable).  -1 when a fork fails.
 */
static inline int spawn_children(pid_t *pids, int n, int spin)
{
	int i;

	for (i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			return -1;
		if (pids[i] == 0) {
			volatile unsigned long x = 0;

			if (spin && nice(19) < 0)
				_exit(1);
			for (;;)
				if (spin)
					x++;
				else
					pause();
		}
	}
	return 0;
}

static inline int spawn_sleepers(pid_t *pids, int n)
{
	return spawn_children(pids, n, 0);
}

/* SIGKILL and reap each of the @n pids that is set (> 0). */
static inline void kill_all(pid_t *pids, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGKILL);
	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			waitpid(pids[i], NULL, 0);
}

/*
 * Watch the @n processes @pids with an observer configured by @cfg for
 * @secs: this process's CPU share of one core meanwhile (percent) into
 * *@pct and the wall time into *@wall, the event source it used into
 * @src.  0, or -errno when no observer could start.
 */
static inline int bench_watch_share(const struct observer_config *cfg,
				    const pid_t *pids, int n, double secs,
				    double *pct, double *wall, char *src,
				    size_t srclen)
{
	struct observer *o = observer_new(cfg);
	double t0, c0;
	int i;

	if (!o)
		return -errno;
	for (i = 0; i < n; i++)
		observer_add_root(o, pids[i], false);
	t0 = now_s();
	c0 = cpu_s();
	observer_run(o, (int64_t)(secs * 1000), NULL);
	*wall = now_s() - t0;
	*pct = 100.0 * (cpu_s() - c0) / *wall;
	snprintf(src, srclen, "%s", observer_event_source(o));
	observer_free(o);
	return 0;
}

#endif
