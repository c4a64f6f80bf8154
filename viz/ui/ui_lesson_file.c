/*
 * viz/ui/ui_lesson_file.c - a running lesson file in the lesson view: its
 * notes, its keys line and (through ui_lesson_source.c) its source pane;
 * the rest is any lesson's (ui_lesson_live.c).  The run itself is a
 * lesson of viz/core/lesson_run.h, the same that `procviz run FILE
 * --headless` drives.  No curses here.
 */
#include "common/i18n.h"
#include "viz/core/lesson_run.h"
#include "viz/ui/ui_lesson_live.h"
#include "viz/ui/ui_lesson_source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct file_run {
	struct ui_live live;		/* first: the lesson */
	struct lesson_file *lf;		/* owned when owned */
	bool owned;
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
	int step = lrun_step(fr->live.l), n_out, i;
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
	if (lesson_waiting(fr->live.l))
		FR_ADD("%s", _("\nPress n for the next step.\n"));
	else if (step < lf->nsteps) {
		lrun_trigger_text(&lf->steps[step], why, sizeof(why));
		FR_ADD(_("\nNext: step %d starts on %s (n: now)\n"), step + 1,
		       why);
	}
	if (fr->folded && step > 0) {
		char src[2048];

		ui_lesson_source_text(fr->live.l, 6, src, sizeof(src));
		if (src[0])
			FR_ADD("\n%s", src);
	}
	if (lrun_failure(fr->live.l)[0])
		FR_ADD(_("\nTHE LESSON'S PROGRAM FAILED: %s\n"),
		       lrun_failure(fr->live.l));
	n_out = lrun_output(fr->live.l, out, LRUN_OUT_LINES);
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

/* The lesson file, when the view owns it. */
static void fr_clear(struct ui_live *lv)
{
	struct file_run *fr = (struct file_run *)lv;

	if (fr->owned && fr->lf) {
		lesson_file_clear(fr->lf);
		free(fr->lf);
	}
}

static void fr_draw_side(void *arg, struct ui *ui, int y, int x, int h,
			 int w)
{
	struct file_run *fr = arg;

	ui_lesson_source_draw(fr->live.l, ui, y, x, h, w);
}

static int fr_side_width(void *arg, int w, int h)
{
	struct file_run *fr = arg;
	int sw = ui_lesson_source_width(fr->live.l, w, h);

	fr->folded = sw == 0;
	return sw;
}

/* The sink: the lesson's triggers see every event (once it is made). */
static void fr_event(const struct model_event *ev, void *arg)
{
	struct ui_live *lv = arg;

	if (lv->l)
		lesson_event(lv->l, ev);
}

struct ui_view *ui_lesson_file_view_new(struct lesson_file *lf, bool owned,
					const struct ui_run_opts *o,
					char *err, size_t errlen)
{
	struct lesson_opts lo = {
		.step_mode = o->step_mode,
		.subreaper = o->subreaper,
		.duration_ms = o->duration_ms,
	};
	struct ui_lesson_hooks hooks = {
		.notes = fr_notes,
		.keys = fr_keys,
		.draw_side = fr_draw_side,
		.side_width = fr_side_width,
	};
	struct observer_config cfg = { .sink = fr_event };
	struct file_run *fr = calloc(1, sizeof(*fr));

	if (!fr) {
		snprintf(err, errlen, _("out of memory"));
		if (owned) {
			lesson_file_clear(lf);
			free(lf);
		}
		return NULL;
	}
	fr->lf = lf;
	fr->owned = owned;
	fr->live.clear = fr_clear;
	cfg.sink_arg = &fr->live;
	lrun_observer_config(lf, &cfg);
	if (ui_live_observer(&fr->live, o, &cfg, err, errlen))
		fr->live.l = lrun_new(lf, &lo, fr->live.obs);
	return ui_live_view_new(&fr->live, lf->path, o, &hooks, err, errlen);
}
