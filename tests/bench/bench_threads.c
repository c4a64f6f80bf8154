/*
 * tests/bench/bench_threads.c - what threads mode and waits cost.
 *
 *  1. Microseconds per task per sample: the sampler in threads mode reading
 *     one process with 64 sleeping threads (each thread's stat, and its
 *     schedstat when it ran, by pread on kept-open files).  Target: a task
 *     costs what a process costs, <= 5 us.
 *  2. Microseconds for one reading of what a task sleeps in (syscall,
 *     wchan, the fd's link): paid only when a task's state changes to
 *     blocked, or every TASKS_WAIT_EVERY readings while it stays blocked.
 *  3. CPU share of one core while the observer watches 50 processes at a
 *     50 ms interval, threads mode off (target <= 1 %) and on, and on
 *     with the 64-thread process added.
 *
 * Prints figures; asserts nothing (speed is not a test).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/bench/bench_lib.h"
#include "viz/core/observer.h"
#include "viz/core/sampler.h"
#include "viz/core/tasks.h"

enum { THREADS = 64, PROCS = 50 };

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

/* A child with THREADS sleeping threads besides its main one. */
static pid_t spawn_threaded(void)
{
	int ready[2];
	pid_t pid;
	char c;

	if (pipe(ready))
		return -1;
	pid = fork();
	if (pid == 0) {
		pthread_t t;
		int i;

		close(ready[0]);
		for (i = 0; i < THREADS; i++)
			if (pthread_create(&t, NULL, sleeper, NULL))
				_exit(1);
		close(ready[1]);
		for (;;)
			pause();
	}
	close(ready[1]);
	while (read(ready[0], &c, 1) < 0 && errno == EINTR)
		;
	close(ready[0]);
	return pid;
}

static void bench_tasks(pid_t threaded, int rounds)
{
	struct sampler *s = sampler_new();
	struct snapshot snap;
	double t0, c0, wall, cpu;
	int i;

	snapshot_init(&snap);
	sampler_set_threads(s, true);
	sampler_track(s, threaded);
	sampler_sample(s, &snap, 0);	/* warm up: the task files opened */
	t0 = now_s();
	c0 = cpu_s();
	for (i = 0; i < rounds; i++)
		sampler_sample(s, &snap, i);
	wall = now_s() - t0;
	cpu = cpu_s() - c0;
	printf("sampler, threads mode: %.2f us per task per sample wall, %.2f us CPU (one process with %d threads = %zu tasks listed x %d samples; target <= 5 us)\n",
	       wall * 1e6 / (THREADS + 1) / rounds,
	       cpu * 1e6 / (THREADS + 1) / rounds, THREADS, snap.n_tasks,
	       rounds);
	snapshot_clear(&snap);
	sampler_free(s);
}

static void bench_wait_read(pid_t pid, int rounds)
{
	struct snap_wait w;
	double t0 = now_s();
	int i;

	for (i = 0; i < rounds; i++)
		tasks_wait_read(pid, pid, &w);
	printf("reading what a task sleeps in (syscall, wchan, fd link): %.2f us per reading (%s, %s; only on a change to blocked or every %d readings while blocked)\n",
	       (now_s() - t0) * 1e6 / rounds, w.syscall[0] ? w.syscall : "?",
	       w.wchan[0] ? w.wchan : "?", TASKS_WAIT_EVERY);
}

static void bench_watch(pid_t *pids, int n, bool threads, const char *what,
			double secs)
{
	struct observer_config cfg = { .interval_ms = 50, .threads = threads };
	double pct = 0, wall = 0;
	char src[32];
	int err = bench_watch_share(&cfg, pids, n, secs, &pct, &wall, src,
				    sizeof(src));

	if (err) {
		printf("observer: %s\n", strerror(-err));
		return;
	}
	printf("watching %s at 50 ms, threads mode %s (%s): %.3f %% of one core over %.1f s%s\n",
	       what, threads ? "on" : "off", src, pct, wall,
	       threads ? "" : " (target <= 1 %)");
}

int main(void)
{
	pid_t pids[PROCS + 1];

	memset(pids, 0, sizeof(pids));
	pids[PROCS] = spawn_threaded();
	if (pids[PROCS] < 0 || spawn_sleepers(pids, PROCS)) {
		perror("fork");
		kill_all(pids, PROCS + 1);
		return 1;
	}
	bench_tasks(pids[PROCS], 500);
	bench_wait_read(pids[0], 2000);
	bench_watch(pids, PROCS, false, "50 processes", 3.0);
	bench_watch(pids, PROCS, true, "50 processes", 3.0);
	bench_watch(pids, PROCS + 1, true,
		    "50 processes + one with 64 threads", 3.0);
	kill_all(pids, PROCS + 1);
	return 0;
}
