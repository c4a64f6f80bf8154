/*
 * scenarios/pool.c - a pool of three worker processes takes ten tasks from
 * a queue (a pipe of fixed-size task records: each read() of one record
 * is atomic, so every task goes to exactly one worker).  The workers
 * report what they did on a result pipe.
 *
 * Each worker writes its own "task N done" note before it reports, and
 * the workers exit only when the master closes the queue after the last
 * result: the notes and the exits reach procviz in the order they
 * happened (a note written by the master after reading a result could
 * come after the worker's exit).
 */
#include "scenarios/scenario.h"

#include <errno.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define POOL_WORKERS 3
#define POOL_TASKS 10

struct pool_msg {
	int task;		/* -1: no more tasks */
	int worker;		/* result: the worker's index */
	int pid;
};

static void pool_worker(struct scen_ctx *ctx, int w, int tasks, int results)
{
	struct pool_msg m;

	for (;;) {
		ssize_t n = read(tasks, &m, sizeof(m));

		if (n < 0 && errno == EINTR)
			continue;
		if (n != (ssize_t)sizeof(m) || m.task < 0)
			_exit(0);	/* the queue is closed: done */
		/* A task: a bit of CPU, then some waiting (like IO). */
		scen_spin_ms(ctx->pace_ms / 10);
		scen_sleep_ms(ctx->pace_ms / 5 +
			      (m.task % 3) * ctx->pace_ms / 10);
		m.worker = w;
		m.pid = (int)getpid();
		scen_note(ctx, "task %d done by worker %d (pid %d)", m.task,
			  w + 1, m.pid);
		if (write(results, &m, sizeof(m)) != (ssize_t)sizeof(m))
			_exit(2);
	}
}

static int pool_run(struct scen_ctx *ctx)
{
	int tasks[2], results[2], done[POOL_WORKERS] = { 0 };
	pid_t pids[POOL_WORKERS];
	int i, n = 0, got = 0;
	struct pool_msg m;

	if (pipe(tasks) < 0 || pipe(results) < 0) {
		scen_note(ctx, "error: pipe: %s", strerror(errno));
		return 1;
	}
	scen_step(ctx, "pool-master starts %d workers and puts %d tasks in the "
		  "queue. Each idle worker takes the next task.", POOL_WORKERS,
		  POOL_TASKS);
	i = scen_fork_n(ctx, "pool-worker", POOL_WORKERS, pids, &n);
	if (i >= 0) {
		close(tasks[1]);
		close(results[0]);
		pool_worker(ctx, i, tasks[0], results[1]);
	}
	close(tasks[0]);
	close(results[1]);
	for (i = 0; i < POOL_TASKS; i++) {
		m.task = i + 1;
		if (write(tasks[1], &m, sizeof(m)) != (ssize_t)sizeof(m))
			break;
	}
	while (got < POOL_TASKS && read(results[0], &m, sizeof(m)) ==
	       (ssize_t)sizeof(m)) {
		got++;
		if (m.worker >= 0 && m.worker < POOL_WORKERS)
			done[m.worker]++;
	}
	scen_step(ctx, "Every task is done: the master closes the queue and "
		  "the workers, reading end of file, exit.");
	close(tasks[1]);
	for (i = 0; i < n; i++)
		scen_reap(pids[i]);
	scen_note(ctx, "%d tasks done by %d workers: %d, %d and %d tasks", got,
		  n, done[0], done[1], done[2]);
	scen_hold(ctx, NULL);
	return 0;
}

static const char *const pool_explain[] = {
	N_("A process pool: a fixed set of workers shares a queue of tasks."),
	N_("Starting a process is not free, so the workers are reused: three"),
	N_("processes do ten tasks, each taking the next one when it is idle."),
	NULL,
};

static const struct scen_control pool_controls[] = {
	{ 0, NULL },
};

const struct scenario scen_pool = {
	.name = "pool",
	.title = N_("A pool of three workers, ten tasks"),
	.description = N_("a pool of three worker processes takes ten tasks from "
		       "a queue"),
	.explain = pool_explain,
	.nsteps = 2,
	.main_comm = "pool-master",
	.controls = pool_controls,
	.run = pool_run,
};
