/*
 * scenarios/threads.c - one process with many threads next to many
 * processes: one pid with many tasks (/proc/PID/task) against many pids.
 */
#define _GNU_SOURCE
#include "scenarios/scenario.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define THREADS_N 8

static void *threads_worker(void *arg)
{
	int ms = *(const int *)arg;

	pthread_setname_np(pthread_self(), "worker-thread");
	scen_sleep_ms(ms);
	return NULL;
}

static void threads_process(struct scen_ctx *ctx)
{
	pthread_t t[THREADS_N];
	int i, n = 0, ms = ctx->pace_ms * 2;

	/* One thread for a moment, so that the count visibly climbs. */
	scen_sleep_ms(ctx->pace_ms / 4);
	for (i = 0; i < THREADS_N && i < SCEN_MAX_THREADS; i++) {
		if (pthread_create(&t[i], NULL, threads_worker, &ms) != 0)
			break;
		n++;
	}
	scen_note(ctx, "many-threads %d runs %d threads plus its main thread: "
		  "one pid, %d tasks in /proc/%d/task", (int)getpid(), n,
		  n + 1, (int)getpid());
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	_exit(0);
}

static int threads_run(struct scen_ctx *ctx)
{
	pid_t pids[THREADS_N], p;
	int i, n = 0;

	scen_step(ctx, "One process, %d threads: a single pid whose thread "
		  "count goes up to %d. The threads share one address space.",
		  THREADS_N, THREADS_N + 1);
	p = scen_fork(ctx, "many-threads", 0);
	if (p == 0)
		threads_process(ctx);
	if (p < 0) {
		scen_note(ctx, "error: fork: %s", strerror(errno));
		return 1;
	}
	scen_reap(p);
	scen_hold(ctx, NULL);
	scen_step(ctx, "Now %d processes: %d pids, one thread each, each with "
		  "its own address space.", THREADS_N, THREADS_N);
	for (i = 0; i < THREADS_N; i++) {
		pid_t pid = scen_fork(ctx, "many-procs", 0);

		if (pid == 0) {
			scen_sleep_ms(ctx->pace_ms * 2);
			_exit(0);
		}
		if (pid < 0)
			break;
		pids[n++] = pid;
	}
	scen_note(ctx, "%d processes started", n);
	for (i = 0; i < n; i++)
		scen_reap(pids[i]);
	scen_hold(ctx, NULL);
	return 0;
}

static const char *const threads_explain[] = {
	N_("Threads are tasks inside one process: they share its pid (the"),
	N_("thread group id), memory and files. Processes each get a pid and"),
	N_("their own address space."),
	NULL,
};

static const struct scen_control threads_controls[] = {
	{ 0, NULL },
};

const struct scenario scen_threads = {
	.name = "threads",
	.title = N_("Threads versus processes"),
	.description = N_("one process with many threads next to many processes: "
		       "one pid and many tasks against many pids"),
	.explain = threads_explain,
	.nsteps = 2,
	.main_comm = "threads-demo",
	.controls = threads_controls,
	.run = threads_run,
};
