/*
 * scenarios/event.c - the traffic light: an event (Python's
 * threading.Event) between threads.  A light thread sets the event
 * (green) and clears it (red) every few seconds; car threads drive while
 * it is set - a busy loop, so a driving car is running (or ready, when
 * there are more cars than CPUs), never asleep - and wait on it while it
 * is clear - blocked on a futex (wait `lock`).  The lecturer's 'g' turns
 * the light green now.
 *
 * The event is a flag and a condition variable under a mutex, which is
 * what threading.Event is.  The main thread runs the script (steps, keys)
 * and tells the light when to start its next phase, so that in --step
 * mode each colour is one step; the light thread times the phase itself.
 */
#define _GNU_SOURCE
#include "scenarios/scenario.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define EVENT_CARS 4
#define EVENT_PHASES 4		/* red, green, red, green */

struct event_lesson {
	pthread_mutex_t mu;
	pthread_cond_t green_cv;	/* the event: cars wait here */
	pthread_cond_t light_cv;	/* the light waits here */
	pthread_cond_t main_cv;		/* the main thread waits here */
	bool green;		/* the event is set */
	bool armed;		/* the light may time its phase */
	bool now;		/* 'g': turn green at once */
	bool stop;
	int changes;		/* colour changes so far */
	int crossed;		/* crossings during the last green */
	int phase_ms;
	struct scen_ctx *ctx;
};

struct event_car {
	struct event_lesson *e;
	int id;
};

static void event_deadline(struct timespec *ts, int ms)
{
	clock_gettime(CLOCK_REALTIME, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

/* The light: waits to be armed, times its phase, changes colour. */
static void *event_light(void *arg)
{
	struct event_lesson *e = arg;
	struct timespec ts;

	pthread_setname_np(pthread_self(), "light");
	pthread_mutex_lock(&e->mu);
	while (!e->stop) {
		while (!e->armed && !e->stop)
			pthread_cond_wait(&e->light_cv, &e->mu);
		if (e->stop)
			break;
		event_deadline(&ts, e->phase_ms);
		while (!e->stop && !e->now &&
		       pthread_cond_timedwait(&e->light_cv, &e->mu, &ts) !=
		       ETIMEDOUT)
			;
		if (e->stop)
			break;
		e->green = !e->green;	/* set or clear the event */
		e->now = false;
		e->armed = false;
		if (e->green)
			e->crossed = 0;	/* counted until the next red */
		e->changes++;
		if (e->green)
			pthread_cond_broadcast(&e->green_cv);
		pthread_cond_broadcast(&e->main_cv);
	}
	pthread_mutex_unlock(&e->mu);
	return NULL;
}

/* A car: waits for green (event.wait()), crosses, goes round again. */
static void *event_car_main(void *arg)
{
	struct event_car *c = arg;
	struct event_lesson *e = c->e;
	char name[16];

	snprintf(name, sizeof(name), "car-%d", c->id);
	pthread_setname_np(pthread_self(), name);
	for (;;) {
		pthread_mutex_lock(&e->mu);
		while (!e->green && !e->stop)
			pthread_cond_wait(&e->green_cv, &e->mu);
		if (e->stop) {
			pthread_mutex_unlock(&e->mu);
			return NULL;
		}
		e->crossed++;
		pthread_mutex_unlock(&e->mu);
		/* Driving (across, round the block): CPU all the way, so
		 * the screen shows it running, as the step says. */
		scen_spin_ms(e->phase_ms / 8);
	}
}

/* Arm the light and wait for its next change; 'g' makes it green now. */
static void event_phase(struct event_lesson *e)
{
	int before;

	pthread_mutex_lock(&e->mu);
	before = e->changes;
	e->armed = true;
	pthread_cond_broadcast(&e->light_cv);
	while (e->changes == before) {
		pthread_mutex_unlock(&e->mu);
		if (scen_wait(e->ctx, 50, "g") == 'g') {
			pthread_mutex_lock(&e->mu);
			if (!e->green && e->changes == before) {
				e->now = true;
				pthread_cond_broadcast(&e->light_cv);
				scen_note(e->ctx, "the lecturer pressed g: "
					  "the light turns green now");
			} else {
				scen_note(e->ctx, "g: the light is already "
					  "green");
			}
			pthread_mutex_unlock(&e->mu);
		}
		pthread_mutex_lock(&e->mu);
	}
	if (!e->green)
		scen_note(e->ctx, "%d crossings while it was green",
			  e->crossed);
	pthread_mutex_unlock(&e->mu);
}

static int event_run(struct scen_ctx *ctx)
{
	struct event_lesson e = { .ctx = ctx,
				  .phase_ms = ctx->pace_ms * 3 / 2 };
	struct event_car cars[EVENT_CARS];
	pthread_t light, t[EVENT_CARS];
	int i, n = 0, phase;

	pthread_mutex_init(&e.mu, NULL);
	pthread_cond_init(&e.green_cv, NULL);
	pthread_cond_init(&e.light_cv, NULL);
	pthread_cond_init(&e.main_cv, NULL);
	if (pthread_create(&light, NULL, event_light, &e) != 0) {
		scen_note(ctx, "error: pthread_create: %s", strerror(errno));
		return 1;
	}
	for (i = 0; i < EVENT_CARS; i++) {
		cars[i].e = &e;
		cars[i].id = i + 1;
		if (pthread_create(&t[i], NULL, event_car_main, &cars[i]) == 0)
			n++;
	}
	scen_note(ctx, "traffic-light %d: a light thread and %d car threads",
		  (int)getpid(), n);
	ctx->urgent = "g";	/* g also ends a step-mode wait */
	for (phase = 0; phase < EVENT_PHASES; phase++) {
		bool green;

		pthread_mutex_lock(&e.mu);
		green = e.green;
		pthread_mutex_unlock(&e.mu);
		if (green)
			scen_step_now(ctx, "The light is GREEN: the event is "
				      "set, every waiting car wakes up and "
				      "drives: running on a CPU, or ready "
				      "for one when cars outnumber CPUs.");
		else
			scen_step(ctx, "The light is RED: the event is clear; "
				  "each car waits on it, blocked (lock). "
				  "Press g to turn it green now.");
		event_phase(&e);
	}
	ctx->urgent = NULL;
	scen_step(ctx, "The light is RED for the night: the cars park and "
		  "their threads end.");
	pthread_mutex_lock(&e.mu);
	e.stop = true;
	pthread_cond_broadcast(&e.green_cv);
	pthread_cond_broadcast(&e.light_cv);
	pthread_mutex_unlock(&e.mu);
	pthread_join(light, NULL);
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	scen_hold(ctx, NULL);
	return 0;
}

static const char *const event_explain[] = {
	N_("An event is a flag threads can wait for: wait() blocks while it"),
	N_("is clear, set() wakes every waiter, clear() makes the next ones"),
	N_("wait. The light sets and clears it; the cars wait on it at red."),
	NULL,
};

static const struct scen_control event_controls[] = {
	{ 'g', N_("the light turns green now") },
	{ 0, NULL },
};

const struct scenario scen_event = {
	.name = "event",
	.chapter = SCEN_CH_THREADS,
	.title = N_("An event: the traffic light"),
	.description = N_("a light thread sets and clears an event; car "
			  "threads drive at green and wait, blocked, at red"),
	.explain = event_explain,
	.nsteps = EVENT_PHASES + 1,
	.main_comm = "traffic-light",
	.controls = event_controls,
	.threads = true,
	.run = event_run,
};
