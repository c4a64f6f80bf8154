/*
 * viz/ui/ui_lesson_file.c - a running lesson file as the lesson view's
 * hooks: its notes, its keys, n, freeze, restart, and (through
 * ui_lesson_source.c) its source pane.  The run itself is a struct lrun
 * (viz/core/lesson_run.h), the same that `procviz run FILE --headless`
 * drives.  No curses here.
 */
#include "common/i18n.h"
#include "viz/core/lesson_run.h"
#include "viz/core/record.h"
#include "viz/ui/ui_lesson_source.h"
#include "viz/ui/ui_views.h"

#include "common/clock.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct file_run {
	struct lrun *r;			/* owned */
	struct lesson_file *lf;		/* owned when owned */
	bool owned;
	struct observer *obs;		/* borrowed from the view */
	bool folded;			/* the source pane is folded away */
	char notes[8192];
	char keys[1024];
};

static const char *fr_notes(void *arg)
{
	struct file_run *fr = arg;
	const struct lesson_file *lf = fr->lf;
	enum lf_lang lang = lf_lang_now();
	const char *out[LRUN_OUT_LINES];
	char why[96];
	int step = lrun_step(fr->r), n_out, i;
	size_t n = 0;

#define FR_ADD(...) do { \
		if (n < sizeof(fr->notes)) \
			n += (size_t)snprintf(fr->notes + n, \
					      sizeof(fr->notes) - n, \
					      __VA_ARGS__); \
	} while (0)
	FR_ADD("%s\n", lf_text_get(&lf->title, lang));
	if (step > 0) {
		lrun_trigger_text(&lf->steps[step - 1], why, sizeof(why));
		FR_ADD(_("\nNOW, step %d of %d (%s): %s\n"), step, lf->nsteps,
		       why, lf_text_get(&lf->steps[step - 1].note, lang));
	} else {
		FR_ADD("%s", _("\nStarting...\n"));
	}
	if (lrun_waiting(fr->r))
		FR_ADD("%s", _("\nPress n for the next step.\n"));
	else if (step < lf->nsteps) {
		lrun_trigger_text(&lf->steps[step], why, sizeof(why));
		FR_ADD(_("\nNext: step %d starts on %s (n: now)\n"), step + 1,
		       why);
	}
	if (fr->folded && step > 0) {
		char src[2048];

		ui_lesson_source_text(fr->r, 6, src, sizeof(src));
		if (src[0])
			FR_ADD("\n%s", src);
	}
	if (lrun_failure(fr->r)[0])
		FR_ADD(_("\nTHE LESSON'S PROGRAM FAILED: %s\n"),
		       lrun_failure(fr->r));
	n_out = lrun_output(fr->r, out, LRUN_OUT_LINES);
	if (n_out)
		FR_ADD("%s", _("\nThe program printed:\n"));
	for (i = 0; i < n_out; i++)
		FR_ADD("  %s\n", out[i]);
	if (lf->description.s[LF_LANG_EN] || lf->description.s[LF_LANG_ZH_CN])
		FR_ADD("\n%s\n", lf_text_get(&lf->description, lang));
#undef FR_ADD
	return fr->notes;
}

static const char *fr_keys(void *arg)
{
	struct file_run *fr = arg;
	const struct lesson_file *lf = fr->lf;
	size_t n = 0;
	int i;

	fr->keys[0] = '\0';
	for (i = 0; i < lf->nkeys; i++)
		if (n < sizeof(fr->keys))
			n += (size_t)snprintf(fr->keys + n,
					      sizeof(fr->keys) - n, "%s%c:%s",
					      n ? "|" : "", lf->keys[i].key,
					      lf_text_get(&lf->keys[i].label,
							  lf_lang_now()));
	return fr->keys;
}

static int fr_key(void *arg, int key, char *msg, size_t len)
{
	struct file_run *fr = arg;
	int rc = lrun_key(fr->r, key, msg, len);

	lrun_tick(fr->r);
	return rc;
}

static int fr_next(void *arg, char *msg, size_t len)
{
	return lrun_next(((struct file_run *)arg)->r, msg, len);
}

static int fr_freeze(void *arg, bool frozen, char *msg, size_t len)
{
	return lrun_freeze(((struct file_run *)arg)->r, frozen, msg, len);
}

static int fr_restart(void *arg, char *msg, size_t len)
{
	return lrun_restart(((struct file_run *)arg)->r, msg, len);
}

static long long fr_next_tick(void *arg, long long now_ms)
{
	struct file_run *fr = arg;
	int64_t due = lrun_due_ms(fr->r);
	/* The program's lines and the deferred notes: at the sampling pace. */
	long long soon = now_ms + observer_interval_ms(fr->obs);

	return due >= 0 && due < soon ? due : soon;
}

static void fr_tick(void *arg, long long now_ms)
{
	struct file_run *fr = arg;

	lrun_tick(fr->r);
	(void)now_ms;
}

static void fr_free(void *arg)
{
	struct file_run *fr = arg;

	if (!fr)
		return;
	lrun_free(fr->r);
	if (fr->owned && fr->lf) {
		lesson_file_clear(fr->lf);
		free(fr->lf);
	}
	free(fr);
}

static void fr_draw_side(void *arg, struct ui *ui, int y, int x, int h,
			 int w)
{
	struct file_run *fr = arg;

	ui_lesson_source_draw(fr->r, ui, y, x, h, w);
}

static int fr_side_width(void *arg, int w, int h)
{
	struct file_run *fr = arg;
	int sw = ui_lesson_source_width(fr->r, w, h);

	fr->folded = sw == 0;
	return sw;
}

/* The sink: the run's triggers see every event (once there is a run). */
static void fr_event(const struct model_event *ev, void *arg)
{
	struct file_run *fr = arg;

	if (fr->r)
		lrun_event(ev, fr->r);
}

/* The observer: the lesson's sink sees every event (its triggers). */
static struct observer *fr_observer(const struct ui_lesson_file_opts *o,
				    struct file_run *fr, char *err,
				    size_t errlen)
{
	struct observer_config cfg = {
		.interval_ms = o->interval_ms,
		.no_netlink = o->no_netlink,
		.no_ptrace = o->no_ptrace,
		.trace = true,		/* as watch: lrun_follow() */
		.reap_children = true,
		.threads = o->threads || fr->lf->threads,
		.sink = fr_event,
		.sink_arg = fr,
		.step_hook = o->step_hook,
		.step_hook_arg = o->step_hook_arg,
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

struct ui_view *ui_lesson_file_view_new(struct lesson_file *lf, bool owned,
					const struct ui_lesson_file_opts *o,
					char *err, size_t errlen)
{
	struct lrun_opts lo = {
		.step_mode = o->step_mode,
		.subreaper = o->subreaper,
		.duration_ms = o->duration_ms,
	};
	struct ui_lesson_hooks hooks = { 0 };
	struct report_obs_header h;
	struct file_run *fr;
	char title[160];

	fr = calloc(1, sizeof(*fr));
	if (!fr) {
		snprintf(err, errlen, _("out of memory"));
		goto fail_lf;
	}
	fr->lf = lf;
	fr->owned = owned;
	fr->obs = fr_observer(o, fr, err, errlen);
	if (!fr->obs)
		goto fail;
	fr->r = lrun_new(lf, &lo, fr->obs);
	if (!fr->r) {
		snprintf(err, errlen, _("out of memory"));
		goto fail;
	}
	if (lrun_launch(fr->r, err, errlen) < 0)
		goto fail;
	if (o->record) {
		lrun_header(fr->r, &h);
		recorder_header(o->record, &h);
	}
	if (lrun_go(fr->r, err, errlen) < 0)
		goto fail;
	hooks.arg = fr;
	hooks.notes = fr_notes;
	hooks.keys = fr_keys;
	hooks.key = fr_key;
	hooks.next = fr_next;
	hooks.freeze = fr_freeze;
	hooks.restart = fr_restart;
	hooks.next_tick_ms = fr_next_tick;
	hooks.tick = fr_tick;
	hooks.free = fr_free;
	hooks.draw_side = fr_draw_side;
	hooks.side_width = fr_side_width;
	snprintf(title, sizeof(title), "run %s%s", lf->path,
		 o->step_mode ? " --step" : "");
	return ui_lesson_view_new(fr->obs, title, &hooks, err, errlen);
fail:
	lrun_free(fr->r);
	observer_free(fr->obs);
	fr->r = NULL;
	fr->owned = false;
	free(fr);
fail_lf:
	if (owned) {
		lesson_file_clear(lf);
		free(lf);
	}
	return NULL;
}
