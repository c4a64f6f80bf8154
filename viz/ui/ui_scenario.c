/*
 * viz/ui/ui_scenario.c - a running scenario as the lesson view's hooks: its
 * notes panel, its control keys, freeze/thaw, next step, restart, and its
 * cleanup when the view closes.  No curses here: it only feeds ui_lesson.
 */
#include "scenarios/launch.h"
#include "viz/core/observer.h"
#include "scenarios/i18n.h"
#include "viz/core/record.h"
#include "viz/ui/ui_views.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct lesson_run {
	const struct scenario *scen;	/* borrowed from scen_table */
	struct scen_opts sopts;
	bool subreaper;
	long long duration_ms, stop_at_ms;	/* --duration; -1: none due */
	struct scen_run run;
	bool running;			/* run is filled */
	struct observer *obs;	/* borrowed: the view frees it after
				 * these hooks */
	char step_text[SCEN_LINE_MAX];	/* the current step, in words */
	int step;
	char last_note[SCEN_LINE_MAX];
	char notes[4096];
	char keys[256];
};

static long long lr_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Steps and notes from the scenario's pipe become note events. */
static void lr_drain(struct lesson_run *lr)
{
	char text[MODEL_NOTE_LEN + 32];
	struct scen_msg msg;

	if (!lr->running)
		return;
	while (scen_run_read(&lr->run, &msg) == 1) {
		switch (msg.kind) {
		case SCEN_MSG_STEP:
			lr->step = msg.step;
			snprintf(lr->step_text, sizeof(lr->step_text), "%s",
				 msg.text);
			snprintf(text, sizeof(text), "step %d/%d: %s",
				 msg.step, lr->scen->nsteps, msg.text);
			observer_note(lr->obs, text);
			break;
		case SCEN_MSG_NOTE:
			snprintf(lr->last_note, sizeof(lr->last_note), "%s",
				 msg.text);
			observer_note(lr->obs, msg.text);
			break;
		case SCEN_MSG_WAIT:
			break;
		case SCEN_MSG_FORK:
			observer_hint_fork(lr->obs, msg.pid, msg.ppid, msg.text);
			break;
		case SCEN_MSG_REAP:
			observer_hint_reap(lr->obs, msg.pid, msg.ppid, msg.status);
			break;
		}
	}
}

static const char *lr_notes(void *arg)
{
	struct lesson_run *lr = arg;
	size_t n = 0;
	int i;

#define LR_ADD(...) do { \
		if (n < sizeof(lr->notes)) \
			n += (size_t)snprintf(lr->notes + n, \
					      sizeof(lr->notes) - n, \
					      __VA_ARGS__); \
	} while (0)
	LR_ADD("%s\n", lr->scen->title);
	if (lr->step > 0)
		LR_ADD("\nNOW, step %d of %d: %s\n", lr->step,
		       lr->scen->nsteps, lr->step_text);
	else
		LR_ADD("\nStarting...\n");
	if (lr->running && lr->run.waiting)
		LR_ADD("\nPress n for the next step.\n");
	if (lr->last_note[0])
		LR_ADD("\nLast note: %s\n", lr->last_note);
	LR_ADD("\n");
	for (i = 0; lr->scen->explain && lr->scen->explain[i]; i++)
		LR_ADD("%s ", lr->scen->explain[i]);
#undef LR_ADD
	return lr->notes;
}

static const char *lr_keys(void *arg)
{
	struct lesson_run *lr = arg;
	const struct scen_control *c;
	size_t n = 0;

	lr->keys[0] = '\0';
	for (c = lr->scen->controls; c && c->key; c++)
		if (n < sizeof(lr->keys))
			n += (size_t)snprintf(lr->keys + n,
					      sizeof(lr->keys) - n, "%s%c:%s",
					      n ? "|" : "", c->key, c->label);
	return lr->keys;
}

static int lr_key(void *arg, int key, char *msg, size_t len)
{
	struct lesson_run *lr = arg;
	const struct scen_control *c;
	int rc;

	for (c = lr->scen->controls; c && c->key; c++)
		if (c->key == key)
			break;
	if (!c || !c->key)
		return 0;
	rc = lr->running ? scen_run_control(&lr->run, (char)key) : -EPIPE;
	if (rc == -EPIPE)
		snprintf(msg, len, "the scenario is over (r restarts it)");
	else if (rc < 0)
		snprintf(msg, len, "%c: %s", key, strerror(-rc));
	else
		snprintf(msg, len, "%c: %s", key, c->label);
	return rc < 0 ? rc : 1;
}

static int lr_next(void *arg, char *msg, size_t len)
{
	struct lesson_run *lr = arg;
	int rc;

	if (!lr->sopts.step_mode) {
		snprintf(msg, len, "steps advance on their own here; "
			 "procviz run %s --step waits for n", lr->scen->name);
		return -EINVAL;
	}
	rc = lr->running ? scen_run_control(&lr->run, 'n') : -EPIPE;
	if (rc < 0)
		snprintf(msg, len, "next step: %s", rc == -EPIPE ?
			 "the scenario is over" : strerror(-rc));
	return rc;
}

static int lr_freeze(void *arg, bool frozen, char *msg, size_t len)
{
	struct lesson_run *lr = arg;
	int rc = lr->running ? scen_run_signal(&lr->run, frozen ? SIGSTOP :
					       SIGCONT) : -ESRCH;

	if (rc < 0) {
		snprintf(msg, len, "freeze: %s", strerror(-rc));
		return rc;
	}
	return 0;
}

static void lr_stop(struct lesson_run *lr)
{
	int st;

	if (!lr->running)
		return;
	/* The observer may have reaped the main process already. */
	if (observer_child_status(lr->obs, lr->run.pid, &st))
		scen_run_main_reaped(&lr->run, st);
	scen_run_clear(&lr->run);
	lr->running = false;
}

static int lr_start(struct lesson_run *lr, char *err, size_t errlen)
{
	char text[MODEL_NOTE_LEN];
	int rc;

	rc = scen_run_start(&lr->run, lr->scen, &lr->sopts);
	if (rc < 0) {
		snprintf(err, errlen, _("cannot start scenario %s: %s"),
			 lr->scen->name, strerror(-rc));
		return rc;
	}
	lr->running = true;
	observer_set_marker(lr->obs, lr->run.guard.marker, true);
	rc = observer_add_root(lr->obs, lr->run.pid, true);
	if (rc < 0) {
		snprintf(err, errlen, _("cannot follow scenario %s: %s"),
			 lr->scen->name, strerror(-rc));
		lr_stop(lr);
		return rc;
	}
	if (lr->subreaper)
		snprintf(text, sizeof(text), "--subreaper is in force: procviz "
			 "(pid %d) adopts the scenario's orphans",
			 (int)getpid());
	else
		snprintf(text, sizeof(text), "procviz is not a subreaper: "
			 "orphans go to init (pid 1) or the nearest subreaper");
	observer_note(lr->obs, text);
	lr->step = 0;
	lr->step_text[0] = lr->last_note[0] = '\0';
	lr->stop_at_ms = lr->duration_ms > 0 ? lr_now_ms() + lr->duration_ms :
			 -1;
	rc = scen_run_go(&lr->run);
	if (rc < 0) {
		snprintf(err, errlen, _("cannot start scenario %s: %s"),
			 lr->scen->name, strerror(-rc));
		lr_stop(lr);
	}
	return rc;
}

static int lr_restart(void *arg, char *msg, size_t len)
{
	struct lesson_run *lr = arg;

	lr_stop(lr);
	observer_note(lr->obs, "restart: the lecturer started the scenario "
		      "again");
	return lr_start(lr, msg, len);
}

/* The view ticks at the sampling rate, enough for the notes pipe. */
static long long lr_next_tick(void *arg, long long now_ms)
{
	struct lesson_run *lr = arg;

	return lr->running ? lr->stop_at_ms : -1;
}

static void lr_tick(void *arg, long long now_ms)
{
	struct lesson_run *lr = arg;

	lr_drain(lr);
	if (lr->running && lr->stop_at_ms >= 0 && now_ms >= lr->stop_at_ms) {
		lr->stop_at_ms = -1;
		observer_note(lr->obs, "--duration reached: the scenario is "
			      "stopped (SIGKILL)");
		scen_run_stop(&lr->run);
	}
}

static void lr_free(void *arg)
{
	struct lesson_run *lr = arg;

	if (!lr)
		return;
	lr_stop(lr);
	free(lr);
}

struct ui_view *ui_scenario_view_new(const struct scenario *scen,
				     const struct ui_scenario_opts *o,
				     char *err, size_t errlen)
{
	struct observer_config cfg = { 0 };
	struct ui_lesson_hooks hooks = { 0 };
	struct lesson_run *lr;
	struct observer *obs;
	char title[128];

	lr = calloc(1, sizeof(*lr));
	if (!lr) {
		snprintf(err, errlen, _("out of memory"));
		return NULL;
	}
	/* An ignored SIGCHLD would make the kernel reap without zombies. */
	signal(SIGCHLD, SIG_DFL);
	cfg.interval_ms = o->interval_ms;
	cfg.reap_children = true;	/* the main process, adopted orphans */
	if (o->record) {
		cfg.tap_snapshot = recorder_tap_snapshot;
		cfg.tap_note = recorder_tap_note;
		cfg.tap_arg = o->record;
	}
	obs = observer_new(&cfg);
	if (!obs) {
		snprintf(err, errlen, _("cannot start observing: %s"),
			 strerror(errno));
		free(lr);
		return NULL;
	}
	if (o->record) {
		struct report_obs_header h = {
			.source = "run",
			.scenario = scen->name,
			.interval_ms = observer_interval_ms(obs),
			.event_source = observer_event_source(obs),
			.say_subreaper = true,
			.subreaper = o->subreaper,
		};

		recorder_header(o->record, &h);
	}
	lr->scen = scen;
	lr->obs = obs;
	lr->sopts.pace_ms = o->pace_ms > 0 ? o->pace_ms : SCEN_PACE_MS_DEFAULT;
	lr->sopts.step_mode = o->step_mode;
	lr->subreaper = o->subreaper;
	lr->duration_ms = o->duration_ms;
	if (lr_start(lr, err, errlen) < 0) {
		observer_free(obs);
		free(lr);
		return NULL;
	}
	hooks.arg = lr;
	hooks.notes = lr_notes;
	hooks.keys = lr_keys;
	hooks.key = lr_key;
	hooks.next = lr_next;
	hooks.freeze = lr_freeze;
	hooks.restart = lr_restart;
	hooks.next_tick_ms = lr_next_tick;
	hooks.tick = lr_tick;
	hooks.free = lr_free;
	snprintf(title, sizeof(title), "run %s%s", scen->name,
		 o->step_mode ? " --step" : "");
	return ui_lesson_view_new(obs, title, &hooks, err, errlen);
}
