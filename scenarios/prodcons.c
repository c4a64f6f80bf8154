/*
 * scenarios/prodcons.c - producers and consumers on a bounded queue (a
 * POSIX message queue of PRODCONS_SLOTS messages).  Phase 1: fast
 * producers, a slow consumer - the queue fills and the producers block in
 * mq_send().  Phase 2: a slow producer, fast consumers - the queue
 * empties and the consumers block in mq_receive().  The coordinator
 * reports the fill level whenever it changes.
 */
#include "scenarios/scenario.h"

#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define PRODCONS_SLOTS 4
#define PRODCONS_MSG 32
#define PRODCONS_STOP "stop"

struct prodcons_phase {
	int producers, consumers;
	int items;		/* per producer */
	int produce_ms;		/* CPU time to make one item */
	int consume_ms;		/* CPU time to use one item */
	int start_ms;		/* CPU time for a process to get ready */
};

static void prodcons_producer(mqd_t q, const struct prodcons_phase *ph,
			      int id)
{
	char msg[PRODCONS_MSG];
	int i;

	scen_spin_ms(ph->start_ms);	/* getting ready, like a consumer */
	for (i = 0; i < ph->items; i++) {
		scen_spin_ms(ph->produce_ms);	/* making an item: CPU */
		snprintf(msg, sizeof(msg), "item %d.%d", id, i);
		while (mq_send(q, msg, strlen(msg) + 1, 0) < 0)
			if (errno != EINTR)
				_exit(2);
	}
	_exit(0);
}

static void prodcons_consumer(mqd_t q, const struct prodcons_phase *ph)
{
	char msg[PRODCONS_MSG + 1];

	/* Getting ready (CPU), so the class sees it run before it waits. */
	scen_spin_ms(ph->start_ms);
	for (;;) {
		ssize_t n = mq_receive(q, msg, sizeof(msg), NULL);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			_exit(2);
		}
		if (strcmp(msg, PRODCONS_STOP) == 0)
			_exit(0);
		scen_spin_ms(ph->consume_ms);	/* using it: CPU */
	}
}

static long prodcons_fill(mqd_t q)
{
	struct mq_attr a;

	return mq_getattr(q, &a) < 0 ? -1 : a.mq_curmsgs;
}

/* Run one phase; report the fill level while it runs. */
static void prodcons_phase_run(struct scen_ctx *ctx, mqd_t q,
			       const struct prodcons_phase *ph)
{
	pid_t prod[8], cons[8];
	int np = 0, nc = 0, i;
	long last = -1;

	for (i = 0; i < ph->consumers; i++) {
		pid_t pid = scen_fork(ctx, "consumer", 0);

		if (pid == 0)
			prodcons_consumer(q, ph);
		if (pid > 0)
			cons[nc++] = pid;
	}
	for (i = 0; i < ph->producers; i++) {
		pid_t pid = scen_fork(ctx, "producer", 0);

		if (pid == 0)
			prodcons_producer(q, ph, i);
		if (pid > 0)
			prod[np++] = pid;
	}
	/* Watch the producers finish, reporting the fill level. */
	for (i = 0; i < np;) {
		long fill = prodcons_fill(q);
		int st;

		if (fill != last) {
			scen_note(ctx, "queue fill level %ld/%d%s", fill,
				  PRODCONS_SLOTS,
				  fill == PRODCONS_SLOTS ?
				  _(" (full: producers block)") : fill == 0 ?
				  _(" (empty: consumers block)") : "");
			last = fill;
		}
		if (waitpid(prod[i], &st, WNOHANG) == prod[i])
			i++;
		else
			scen_sleep_ms(20);
	}
	for (i = 0; i < nc; i++)
		while (mq_send(q, PRODCONS_STOP, sizeof(PRODCONS_STOP),
			       0) < 0 && errno == EINTR)
			;
	for (i = 0; i < nc; i++)
		scen_reap(cons[i]);
	scen_note(ctx, "phase done: %d items passed through the queue",
		  ph->producers * ph->items);
}

static int prodcons_run(struct scen_ctx *ctx)
{
	struct mq_attr attr = { .mq_maxmsg = PRODCONS_SLOTS,
				.mq_msgsize = PRODCONS_MSG };
	struct prodcons_phase full = {
		.producers = 2, .consumers = 1, .items = 4,
		.produce_ms = 0, .consume_ms = ctx->pace_ms / 4,
		.start_ms = ctx->pace_ms / 4,
	};
	struct prodcons_phase empty = {
		.producers = 1, .consumers = 2, .items = 6,
		.produce_ms = ctx->pace_ms / 4, .consume_ms = 0,
		.start_ms = ctx->pace_ms / 4,
	};
	char name[64];
	mqd_t q;

	snprintf(name, sizeof(name), "/procviz-prodcons-%d", (int)getpid());
	q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
	if (q == (mqd_t)-1) {
		scen_note(ctx, "error: mq_open: %s", strerror(errno));
		return 1;
	}
	mq_unlink(name);	/* the open descriptors keep it alive */
	scen_step(ctx, "Fast producers, a slow consumer: the queue (%d slots) "
		  "fills up and the producers are blocked in mq_send().",
		  PRODCONS_SLOTS);
	prodcons_phase_run(ctx, q, &full);
	scen_hold(ctx, NULL);
	scen_step(ctx, "A slow producer, fast consumers: the queue is empty "
		  "most of the time and the consumers are blocked in "
		  "mq_receive().");
	prodcons_phase_run(ctx, q, &empty);
	scen_hold(ctx, NULL);
	mq_close(q);
	return 0;
}

static const char *const prodcons_explain[] = {
	N_("Producers put items into a bounded queue; consumers take them out."),
	N_("A producer blocks when the queue is full, a consumer when it is"),
	N_("empty: the kernel puts the process to sleep until the other side acts."),
	NULL,
};

static const struct scen_control prodcons_controls[] = {
	{ 0, NULL },
};

const struct scenario scen_prodcons = {
	.name = "prodcons",
	.chapter = SCEN_CH_IPC,
	.title = N_("Producers and consumers on a bounded queue"),
	.description = N_("producers block when the bounded queue is full, "
		       "consumers when it is empty"),
	.explain = prodcons_explain,
	.nsteps = 2,
	.main_comm = "prodcons",
	.controls = prodcons_controls,
	.run = prodcons_run,
};
