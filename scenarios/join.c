/*
 * scenarios/join.c - the seed's exercise: start three children that each
 * print a line, first without waiting for each (they run concurrently and
 * print in the order they finish), then waiting for each one before
 * starting the next (serial: they print in order).
 */
#include "scenarios/scenario.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define JOIN_N 3

/*
 * Child i works longer the smaller i is, then "prints" (a note).  With a
 * @gate (the concurrent round) it starts when the parent has started them
 * all, so that a slow fork does not reorder them.
 */
static void join_child(struct scen_ctx *ctx, int i, int out, int gate)
{
	char c = (char)('1' + i);

	if (gate >= 0)
		while (read(gate, &c, 1) < 0 && errno == EINTR)
			;
	c = (char)('1' + i);
	scen_sleep_ms((JOIN_N - i) * ctx->pace_ms / 3);
	scen_note(ctx, "child %d (pid %d) prints: hello from child %d", i + 1,
		  (int)getpid(), i + 1);
	if (write(out, &c, 1) != 1)
		_exit(2);
	_exit(0);
}

/* Collect the order in which the children printed. */
static void join_order(int in, char *order, size_t len)
{
	size_t n = 0;
	char c;

	while (n + 2 < len && read(in, &c, 1) == 1) {
		if (n)
			order[n++] = ' ';
		order[n++] = c;
	}
	order[n] = '\0';
}

static int join_round(struct scen_ctx *ctx, bool wait_each, char *order,
		      size_t len)
{
	pid_t pids[JOIN_N];
	int fds[2], gate[2] = { -1, -1 }, i, n = 0;

	if (pipe(fds) < 0)
		return -1;
	if (!wait_each && pipe(gate) < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	for (i = 0; i < JOIN_N; i++) {
		pid_t pid = scen_fork(ctx, "join-child", 0);

		if (pid == 0) {
			close(fds[0]);
			if (gate[1] >= 0)
				close(gate[1]);
			join_child(ctx, i, fds[1], gate[0]);
		}
		if (pid < 0) {
			scen_note(ctx, "error: fork: %s", strerror(errno));
			break;
		}
		pids[n++] = pid;
		if (wait_each)
			scen_reap(pid);
	}
	if (gate[1] >= 0) {	/* all started: go */
		close(gate[0]);
		close(gate[1]);
	}
	close(fds[1]);
	join_order(fds[0], order, len);
	close(fds[0]);
	if (!wait_each)
		for (i = 0; i < n; i++)
			scen_reap(pids[i]);
	return 0;
}

static int join_run(struct scen_ctx *ctx)
{
	char order[32];

	scen_step(ctx, "Start %d children without waiting for each: they run "
		  "concurrently; child 1 works longest.", JOIN_N);
	if (join_round(ctx, false, order, sizeof(order)) < 0)
		return 1;
	scen_note(ctx, "without waiting: the children printed in the order "
		  "%s (concurrent)", order);
	scen_hold(ctx, NULL);
	scen_step(ctx, "Start each child and wait for it (join) before "
		  "starting the next: one at a time.");
	if (join_round(ctx, true, order, sizeof(order)) < 0)
		return 1;
	scen_note(ctx, "waiting for each: the children printed in the order "
		  "%s (serial)", order);
	scen_hold(ctx, NULL);
	return 0;
}

static const char *const join_explain[] = {
	N_("Starting a child does not wait for it. Without waiting the children"),
	N_("run at the same time and finish in any order; waiting (join) for"),
	N_("each before starting the next makes them run one after the other."),
	NULL,
};

static const struct scen_control join_controls[] = {
	{ 0, NULL },
};

const struct scenario scen_join = {
	.name = "join",
	.title = N_("Join: concurrent versus serial"),
	.description = N_("start three children and print in order, with and "
		       "without waiting for each (concurrent vs serial)"),
	.explain = join_explain,
	.nsteps = 2,
	.main_comm = "join-parent",
	.controls = join_controls,
	.run = join_run,
};
