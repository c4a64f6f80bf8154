/*
 * scenarios/threads.c - one process with many threads next to many
 * processes: one pid with many tasks (/proc/PID/task) against many pids.
 * The lesson turns --threads on: each thread, named worker-1..worker-8,
 * is a row of its own; each computes a little (running or ready: eight
 * threads share the CPUs), then sleeps (blocked, waiting for a timer).
 */
#define _GNU_SOURCE
#include "scenarios/scenario.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define THREADS_N 8

struct threads_arg {
	int index;		/* 1..THREADS_N */
	int ms;			/* how long it lives */
};

static void *threads_worker(void *arg)
{
	const struct threads_arg *a = arg;
	int spin = a->ms / 8 < 500 ? a->ms / 8 : 500;
	char name[16];

	snprintf(name, sizeof(name), "worker-%d", a->index);
	pthread_setname_np(pthread_self(), name);
	scen_spin_ms(spin);
	scen_sleep_ms(a->ms - spin);
	return NULL;
}

static void threads_process(struct scen_ctx *ctx)
{
	pthread_t t[THREADS_N];
	struct threads_arg args[THREADS_N];
	int i, n = 0;

	/* One thread for a moment, so that the count visibly climbs. */
	scen_sleep_ms(ctx->pace_ms / 4);
	for (i = 0; i < THREADS_N && i < SCEN_MAX_THREADS; i++) {
		args[i].index = i + 1;
		args[i].ms = ctx->pace_ms * 2;
		if (pthread_create(&t[i], NULL, threads_worker, &args[i]) != 0)
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
	N_("Each thread is a row of its own under its process (H hides them)."),
	NULL,
};

static const struct scen_control threads_controls[] = {
	{ 0, NULL },
};

const struct scenario scen_threads = {
	.name = "threads",
	.chapter = SCEN_CH_THREADS,
	.title = N_("Threads versus processes"),
	.description = N_("one process with many threads next to many processes: "
		       "one pid and many tasks against many pids"),
	.explain = threads_explain,
	.nsteps = 2,
	.main_comm = "threads-demo",
	.controls = threads_controls,
	.threads = true,
	.run = threads_run,
};
