/*
 * viz/ui/ui_scenario.c - a running scenario as the lesson view's hooks: its
 * notes panel, its control keys, freeze/thaw, next step, restart, and its
 * cleanup when the view closes.  The scenario itself is a session
 * (viz/core/session.h), the same that `procviz run --headless` drives.
 * No curses here: it only feeds ui_lesson.
 */
#include "viz/core/observer.h"
#include "common/i18n.h"
#include "viz/core/record.h"
#include "viz/core/session.h"
#include "viz/ui/ui_views.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct lesson_run {
	struct session *s;	/* owned */
	char notes[4096];
	char keys[256];
};

static const char *lr_notes(void *arg)
{
	struct lesson_run *lr = arg;
	const struct scenario *scen = session_scenario(lr->s);
	const char *step_text;
	int step = session_step(lr->s, &step_text), i;
	size_t n = 0;

#define LR_ADD(...) do { \
		if (n < sizeof(lr->notes)) \
			n += (size_t)snprintf(lr->notes + n, \
					      sizeof(lr->notes) - n, \
					      __VA_ARGS__); \
	} while (0)
	LR_ADD("%s\n", _(scen->title));
	if (step > 0)
		LR_ADD(_("\nNOW, step %d of %d: %s\n"), step, scen->nsteps,
		       step_text);
	else
		LR_ADD("%s", _("\nStarting...\n"));
	if (session_waiting(lr->s))
		LR_ADD("%s", _("\nPress n for the next step.\n"));
	if (session_last_note(lr->s)[0])
		LR_ADD(_("\nLast note: %s\n"), session_last_note(lr->s));
	LR_ADD("\n");
	for (i = 0; scen->explain && scen->explain[i]; i++) {
		const char *line = _(scen->explain[i]);
		size_t len = strlen(line);

		/* English lines join with a space; Chinese ones need none. */
		LR_ADD("%s%s", line, len && (unsigned char)line[len - 1] < 0x80 ?
		       " " : "");
	}
#undef LR_ADD
	return lr->notes;
}

static const char *lr_keys(void *arg)
{
	struct lesson_run *lr = arg;
	const struct scen_control *c;
	size_t n = 0;

	lr->keys[0] = '\0';
	for (c = session_scenario(lr->s)->controls; c && c->key; c++)
		if (n < sizeof(lr->keys))
			n += (size_t)snprintf(lr->keys + n,
					      sizeof(lr->keys) - n, "%s%c:%s",
					      n ? "|" : "", c->key, _(c->label));
	return lr->keys;
}

static int lr_key(void *arg, int key, char *msg, size_t len)
{
	struct lesson_run *lr = arg;

	return session_key(lr->s, key, msg, len);
}

static int lr_next(void *arg, char *msg, size_t len)
{
	struct lesson_run *lr = arg;

	return session_next(lr->s, msg, len);
}

static int lr_freeze(void *arg, bool frozen, char *msg, size_t len)
{
	struct lesson_run *lr = arg;

	return session_freeze(lr->s, frozen, msg, len);
}

static int lr_restart(void *arg, char *msg, size_t len)
{
	struct lesson_run *lr = arg;

	return session_restart(lr->s, msg, len);
}

/* The view ticks at the sampling rate, enough for the notes pipe. */
static long long lr_next_tick(void *arg, long long now_ms)
{
	struct lesson_run *lr = arg;

	return session_due_ms(lr->s);
}

static void lr_tick(void *arg, long long now_ms)
{
	struct lesson_run *lr = arg;

	session_drain(lr->s);
	if (session_due(lr->s))
		session_stop(lr->s, _("--duration reached: the scenario is "
				       "stopped (SIGKILL)"));
}

static void lr_free(void *arg)
{
	struct lesson_run *lr = arg;

	if (!lr)
		return;
	session_free(lr->s);
	free(lr);
}

/* The observer of a scenario's lesson, with its recording's header. */
static struct observer *lr_observer(const struct ui_scenario_opts *o,
				    char *err, size_t errlen)
{
	struct observer_config cfg = {
		.interval_ms = o->interval_ms,
		.reap_children = true,	/* the main process, adopted orphans */
		.step_hook = o->step_hook,
		.step_hook_arg = o->step_hook_arg,
		.no_netlink = o->no_netlink,
		.no_ptrace = o->no_ptrace,
	};
	struct observer *obs;

	if (o->record) {
		cfg.tap_snapshot = recorder_tap_snapshot;
		cfg.tap_note = recorder_tap_note;
		cfg.tap_arg = o->record;
	}
	obs = observer_new(&cfg);
	if (!obs)
		snprintf(err, errlen, _("cannot start observing: %s"),
			 strerror(errno));
	return obs;
}

struct ui_view *ui_scenario_view_new(const struct scenario *scen,
				     const struct ui_scenario_opts *o,
				     char *err, size_t errlen)
{
	struct session_opts so = {
		.pace_ms = o->pace_ms,
		.step_mode = o->step_mode,
		.subreaper = o->subreaper,
		.duration_ms = o->duration_ms,
	};
	struct ui_lesson_hooks hooks = { 0 };
	struct report_obs_header h;
	struct lesson_run *lr;
	struct observer *obs;
	char title[128];

	lr = calloc(1, sizeof(*lr));
	if (!lr) {
		snprintf(err, errlen, _("out of memory"));
		return NULL;
	}
	obs = lr_observer(o, err, errlen);
	if (!obs) {
		free(lr);
		return NULL;
	}
	/* --threads, or a lesson about threads: every thread a task. */
	observer_set_threads(obs, o->threads || scen->threads);
	lr->s = session_new(scen, &so, obs);
	if (!lr->s) {
		snprintf(err, errlen, _("out of memory"));
		observer_free(obs);
		free(lr);
		return NULL;
	}
	/* As headless: the recording's header once the scenario is launched. */
	if (session_launch(lr->s, err, errlen) < 0)
		goto fail;
	if (o->record) {
		session_header(lr->s, &h);
		recorder_header(o->record, &h);
	}
	if (session_go(lr->s, err, errlen) < 0)
		goto fail;
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
	hooks.session_cols = scen->session_cols;
	snprintf(title, sizeof(title), "run %s%s", scen->name,
		 o->step_mode ? " --step" : "");
	return ui_lesson_view_new(obs, title, &hooks, err, errlen);
fail:
	session_free(lr->s);
	observer_free(obs);
	free(lr);
	return NULL;
}
