/*
 * scenarios/pipe.c - a parent and a child exchange messages over two
 * pipes; each blocks in read() until the other writes.
 */
#include "scenarios/scenario.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define PIPE_ROUNDS 3

static ssize_t pipe_read_line(int fd, char *buf, size_t len)
{
	ssize_t n;

	do
		n = read(fd, buf, len - 1);
	while (n < 0 && errno == EINTR);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

static void pipe_send(int fd, const char *msg)
{
	ssize_t n;

	do
		n = write(fd, msg, strlen(msg));
	while (n < 0 && errno == EINTR);
}

static void pipe_child(struct scen_ctx *ctx, int in, int out)
{
	char buf[128], reply[160];

	for (;;) {
		/* Blocked here until the parent writes. */
		if (pipe_read_line(in, buf, sizeof(buf)) <= 0)
			_exit(0);
		scen_note(ctx, "pipe-child %d read \"%s\"; computing a reply "
			  "(running) while the parent is blocked in read()",
			  (int)getpid(), buf);
		scen_spin_ms(ctx->pace_ms);
		/* The messages are for people too: in their language. */
		snprintf(reply, sizeof(reply), _("pong to %s"), buf);
		pipe_send(out, reply);
	}
}

static int pipe_run(struct scen_ctx *ctx)
{
	int down[2], up[2], i;
	char buf[128], msg[32];
	pid_t kid;

	if (pipe(down) < 0 || pipe(up) < 0) {
		scen_note(ctx, "error: pipe: %s", strerror(errno));
		return 1;
	}
	scen_step(ctx, "pipe-parent forks pipe-child; the child waits in "
		  "read() for a message: it is blocked.");
	kid = scen_fork(ctx, "pipe-child", 0);
	if (kid < 0) {
		scen_note(ctx, "error: fork: %s", strerror(errno));
		return 1;
	}
	if (kid == 0) {
		close(down[1]);
		close(up[0]);
		pipe_child(ctx, down[0], up[1]);
	}
	close(down[0]);
	close(up[1]);
	scen_hold(ctx, NULL);
	scen_step(ctx, "They exchange %d messages. Each one is blocked in "
		  "read() while the other computes (running).", PIPE_ROUNDS);
	for (i = 1; i <= PIPE_ROUNDS; i++) {
		snprintf(msg, sizeof(msg), _("ping %d"), i);
		pipe_send(down[1], msg);
		/* Blocked here until the child replies. */
		if (pipe_read_line(up[0], buf, sizeof(buf)) <= 0)
			break;
		scen_note(ctx, "pipe-parent %d read \"%s\"; computing the next "
			  "message (running) while the child is blocked in "
			  "read()", (int)getpid(), buf);
		scen_spin_ms(ctx->pace_ms);
	}
	scen_step(ctx, "The parent closes its end: the child's read() "
		  "returns 0 (end of file) and it exits.");
	close(down[1]);
	scen_reap(kid);
	scen_hold(ctx, NULL);
	return 0;
}

static const char *const pipe_explain[] = {
	N_("A pipe is a kernel buffer with a read end and a write end."),
	N_("read() on an empty pipe blocks until someone writes; the two"),
	N_("processes take turns: one runs while the other is blocked."),
	NULL,
};

static const struct scen_control pipe_controls[] = {
	{ 0, NULL },
};

const struct scenario scen_pipe = {
	.name = "pipe",
	.chapter = SCEN_CH_IPC,
	.title = N_("Pipes: each side blocks in read() until the other writes"),
	.description = N_("parent and child exchange messages over pipes; each "
		       "blocks in read() until the other writes"),
	.explain = pipe_explain,
	.nsteps = 3,
	.main_comm = "pipe-parent",
	.controls = pipe_controls,
	.run = pipe_run,
};
