/*
 * scenarios/joinable.c - a joinable queue (multiprocessing.JoinableQueue)
 * between processes.  The producer puts ten items, then waits in join()
 * until the consumers have called task_done() for every one - blocked on
 * a futex (wait `lock`).  The consumers are daemonic: when the producer
 * ends, the kernel terminates them (PR_SET_PDEATHSIG), still waiting in
 * get() for more.
 *
 * The queue is a ring of item numbers, a count of unfinished tasks, a
 * mutex and two condition variables in shared memory (process-shared):
 * a shared counter and a condition variable are all join() needs.
 */
#define _GNU_SOURCE
#include "scenarios/scenario.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define JQ_ITEMS 10
#define JQ_CONSUMERS 3

struct jq {
	pthread_mutex_t mu;
	pthread_cond_t not_empty;	/* get() waits here */
	pthread_cond_t all_done;	/* join() waits here */
	int items[JQ_ITEMS];
	int head, tail;		/* ring, never more than JQ_ITEMS */
	int unfinished;			/* put() minus task_done() */
};

static int jq_init(struct jq *q)
{
	pthread_mutexattr_t ma;
	pthread_condattr_t ca;

	pthread_mutexattr_init(&ma);
	pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
	pthread_condattr_init(&ca);
	pthread_condattr_setpshared(&ca, PTHREAD_PROCESS_SHARED);
	if (pthread_mutex_init(&q->mu, &ma) ||
	    pthread_cond_init(&q->not_empty, &ca) ||
	    pthread_cond_init(&q->all_done, &ca))
		return -1;
	pthread_mutexattr_destroy(&ma);
	pthread_condattr_destroy(&ca);
	q->head = q->tail = q->unfinished = 0;
	return 0;
}

static void jq_put(struct jq *q, int item)
{
	pthread_mutex_lock(&q->mu);
	q->items[q->tail++ % JQ_ITEMS] = item;
	q->unfinished++;
	pthread_cond_signal(&q->not_empty);
	pthread_mutex_unlock(&q->mu);
}

static int jq_get(struct jq *q)
{
	int item;

	pthread_mutex_lock(&q->mu);
	while (q->head == q->tail)
		pthread_cond_wait(&q->not_empty, &q->mu);
	item = q->items[q->head++ % JQ_ITEMS];
	pthread_mutex_unlock(&q->mu);
	return item;
}

/* task_done() for @item, said in a note before join() can return. */
static void jq_task_done(struct scen_ctx *ctx, struct jq *q, int item)
{
	int left;

	pthread_mutex_lock(&q->mu);
	left = --q->unfinished;
	scen_note(ctx, "jq-consumer %d: item %d done, task_done(): %d left",
		  (int)getpid(), item, left);
	if (left == 0)
		pthread_cond_broadcast(&q->all_done);
	pthread_mutex_unlock(&q->mu);
}

static void jq_join(struct jq *q)
{
	pthread_mutex_lock(&q->mu);
	while (q->unfinished > 0)
		pthread_cond_wait(&q->all_done, &q->mu);
	pthread_mutex_unlock(&q->mu);
}

static void jq_consumer(struct scen_ctx *ctx, struct jq *q, pid_t parent)
{
	/* Daemonic: the kernel ends it when the producer ends. */
	prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
	if (getppid() != parent)
		_exit(0);
	for (;;) {
		int item = jq_get(q);

		scen_spin_ms(ctx->pace_ms / 6);	/* the work: CPU */
		scen_sleep_ms(ctx->pace_ms / 3);	/* and waiting */
		jq_task_done(ctx, q, item);
	}
}

static void jq_producer(struct scen_ctx *ctx, struct jq *q)
{
	int i;

	for (i = 0; i < JQ_CONSUMERS; i++) {
		pid_t pid = scen_fork(ctx, "jq-consumer", 0);

		if (pid == 0)
			jq_consumer(ctx, q, getppid());
		if (pid < 0)
			scen_note(ctx, "error: fork: %s", strerror(errno));
	}
	for (i = 1; i <= JQ_ITEMS; i++)
		jq_put(q, i);
	scen_note(ctx, "jq-producer %d put %d items and calls join(): blocked "
		  "until %d task_done()", (int)getpid(), JQ_ITEMS, JQ_ITEMS);
	jq_join(q);
	scen_note(ctx, "jq-producer %d: join() returned - every item is done",
		  (int)getpid());
	scen_sleep_ms(ctx->pace_ms);
	_exit(0);
}

static int jq_run(struct scen_ctx *ctx)
{
	struct jq *q;
	pid_t pid;
	int st;

	q = mmap(NULL, sizeof(*q), PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (q == MAP_FAILED || jq_init(q) < 0) {
		scen_note(ctx, "error: shared queue: %s", strerror(errno));
		return 1;
	}
	scen_step(ctx, "jq-producer starts %d daemonic consumers, puts %d "
		  "items and calls join(): it is blocked (lock) until every "
		  "item is marked done.", JQ_CONSUMERS, JQ_ITEMS);
	pid = scen_fork(ctx, "jq-producer", 0);
	if (pid == 0)
		jq_producer(ctx, q);
	if (pid < 0) {
		scen_note(ctx, "error: fork: %s", strerror(errno));
		return 1;
	}
	st = scen_reap(pid);
	scen_step(ctx, "The producer has finished (status %d). Its consumers "
		  "were daemonic, waiting in get() for more: they were "
		  "terminated with it (SIGTERM).", st >= 0 &&
		  WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	scen_hold(ctx, NULL);
	munmap(q, sizeof(*q));
	return 0;
}

static const char *const jq_explain[] = {
	N_("A joinable queue counts unfinished items: put() adds one,"),
	N_("task_done() removes one, and join() blocks until the count is"),
	N_("zero. Daemonic consumers are ended with their parent, however"),
	N_("long they would wait."),
	NULL,
};

static const struct scen_control jq_controls[] = {
	{ 0, NULL },
};

const struct scenario scen_joinable = {
	.name = "joinable",
	.chapter = SCEN_CH_IPC,
	.title = N_("A joinable queue: join() waits for every task_done()"),
	.description = N_("the producer puts ten items and blocks in join() "
			  "until daemonic consumers mark each one done"),
	.explain = jq_explain,
	.nsteps = 2,
	.main_comm = "joinable",
	.controls = jq_controls,
	.run = jq_run,
};
