/*
 * scenarios/semaphore.c - twenty worker threads and a counting semaphore
 * of five.  Five are inside at a time, running or sleeping while they
 * "work"; the others are blocked waiting for the semaphore (a futex: wait
 * `lock`).  As each leaves, one more enters.  The lecturer changes the
 * semaphore's size while it runs ('+', '-').
 *
 * The semaphore is a counter, a limit and a condition variable under a
 * mutex, so that its size can change live (a sem_t cannot shrink); a
 * thread waiting in pthread_cond_wait() is blocked on a futex exactly as
 * one in sem_wait() would be.
 */
#define _GNU_SOURCE
#include "scenarios/scenario.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SEM_WORKERS 20
#define SEM_SIZE 5
#define SEM_MAX_SIZE SEM_WORKERS

struct sem_lesson {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int limit;		/* the semaphore's size */
	int inside;		/* threads holding it now */
	int done;		/* threads that have left */
	int most;		/* most inside at once, so far */
	int work_ms;
	struct scen_ctx *ctx;	/* notes only: written atomically */
};

struct sem_worker {
	struct sem_lesson *s;
	int id;
};

static void sem_enter(struct sem_lesson *s, int id)
{
	int waiting;

	pthread_mutex_lock(&s->mu);
	while (s->inside >= s->limit)
		pthread_cond_wait(&s->cv, &s->mu);
	s->inside++;
	if (s->inside > s->most)
		s->most = s->inside;
	waiting = SEM_WORKERS - s->done - s->inside;
	scen_note(s->ctx, "worker-%02d (tid %d) enters: %d inside (size %d), "
		  "%d waiting", id, (int)syscall(SYS_gettid), s->inside,
		  s->limit, waiting);
	pthread_mutex_unlock(&s->mu);
}

static void sem_leave(struct sem_lesson *s, int id)
{
	pthread_mutex_lock(&s->mu);
	s->inside--;
	s->done++;
	scen_note(s->ctx, "worker-%02d leaves: %d inside, %d done", id,
		  s->inside, s->done);
	pthread_cond_signal(&s->cv);	/* one leaves, one enters */
	pthread_mutex_unlock(&s->mu);
}

static void *sem_worker_main(void *arg)
{
	struct sem_worker *w = arg;
	char name[16];
	int spin;

	snprintf(name, sizeof(name), "worker-%02d", w->id);
	pthread_setname_np(pthread_self(), name);
	sem_enter(w->s, w->id);
	/* Work: a little CPU (at most half a second), then waiting (IO). */
	spin = w->s->work_ms / 3 < 500 ? w->s->work_ms / 3 : 500;
	scen_spin_ms(spin);
	scen_sleep_ms(w->s->work_ms - spin);
	sem_leave(w->s, w->id);
	return NULL;
}

/* '+' or '-': the semaphore's size changes while it runs. */
static void sem_resize(struct sem_lesson *s, char key)
{
	pthread_mutex_lock(&s->mu);
	if (key == '+' && s->limit < SEM_MAX_SIZE)
		s->limit++;
	else if (key == '-' && s->limit > 1)
		s->limit--;
	scen_note(s->ctx, "the lecturer pressed %c: the semaphore's size is "
		  "now %d (%d inside)%s", key, s->limit, s->inside,
		  s->inside > s->limit ? _("; no one enters until enough "
					   "have left") : "");
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

/* Wait until @done threads have left, taking '+'/'-' meanwhile. */
static void sem_wait_done(struct sem_lesson *s, int done)
{
	for (;;) {
		char k;
		int d;

		pthread_mutex_lock(&s->mu);
		d = s->done;
		pthread_mutex_unlock(&s->mu);
		if (d >= done)
			return;
		k = scen_wait(s->ctx, 50, "+-");
		if (k)
			sem_resize(s, k);
	}
}

static int sem_run(struct scen_ctx *ctx)
{
	struct sem_lesson s = { .limit = SEM_SIZE, .ctx = ctx };
	struct sem_worker w[SEM_WORKERS];
	pthread_t t[SEM_WORKERS];
	int i, n = 0;

	pthread_mutex_init(&s.mu, NULL);
	pthread_cond_init(&s.cv, NULL);
	s.work_ms = ctx->pace_ms;
	scen_step(ctx, "%d worker threads, one semaphore of %d: %d get in "
		  "and work (running or sleeping); the other %d are blocked "
		  "waiting for it (lock). + and - change its size.",
		  SEM_WORKERS, SEM_SIZE, SEM_SIZE, SEM_WORKERS - SEM_SIZE);
	for (i = 0; i < SEM_WORKERS && i < SCEN_MAX_THREADS; i++) {
		w[i].s = &s;
		w[i].id = i + 1;
		if (pthread_create(&t[i], NULL, sem_worker_main, &w[i]) != 0) {
			scen_note(ctx, "error: pthread_create: %s",
				  strerror(errno));
			break;
		}
		n++;
	}
	scen_note(ctx, "semaphore %d (pid %d): %d threads started, plus the "
		  "main thread", SEM_SIZE, (int)getpid(), n);
	sem_wait_done(&s, 1);
	scen_step(ctx, "A worker leaves and signals the semaphore: one "
		  "blocked worker wakes up and enters. Inside there are never "
		  "more than the semaphore's size.");
	sem_wait_done(&s, n);
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	scen_step(ctx, "All %d workers have been through, at most %d inside "
		  "at a time (the semaphore's size is %d).", n, s.most,
		  s.limit);
	scen_hold(ctx, NULL);
	pthread_cond_destroy(&s.cv);
	pthread_mutex_destroy(&s.mu);
	return 0;
}

static const char *const sem_explain[] = {
	N_("A semaphore of N lets N threads in at a time; the others block"),
	N_("in wait() until one leaves and calls post(). Blocked threads"),
	N_("sleep on a futex: procviz shows them blocked, waiting for a"),
	N_("lock."),
	NULL,
};

static const struct scen_control sem_controls[] = {
	{ '+', N_("one more place in the semaphore") },
	{ '-', N_("one place fewer") },
	{ 0, NULL },
};

const struct scenario scen_semaphore = {
	.name = "semaphore",
	.chapter = SCEN_CH_THREADS,
	.title = N_("A semaphore: twenty threads, five at a time"),
	.description = N_("twenty worker threads and a semaphore of five: five "
			  "inside, the rest blocked until one leaves"),
	.explain = sem_explain,
	.nsteps = 3,
	.main_comm = "semaphore",
	.controls = sem_controls,
	.threads = true,
	.run = sem_run,
};
