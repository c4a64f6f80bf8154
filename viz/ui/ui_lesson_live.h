/*
 * viz/ui/ui_lesson_live.h - a running lesson (viz/core/lesson.h) as the
 * lesson view's hooks, whichever its kind: the lecturer's controls (its
 * keys, n, s, r), the ticks that take in what it writes and stop it at
 * --duration, the observer it runs under, its launch with the
 * recording's header, and its cleanup when the view closes.  Each kind
 * adds its notes panel, its keys line and its own pane: ui_scenario.c,
 * ui_lesson_file.c.  No curses here.
 */
#ifndef PROCVIZ_VIZ_UI_LESSON_LIVE_H
#define PROCVIZ_VIZ_UI_LESSON_LIVE_H

#include "viz/core/lesson.h"
#include "viz/ui/ui_views.h"

/* The first member of each kind's own struct (calloc'd, freed whole). */
struct ui_live {
	struct lesson *l;		/* owned; NULL until made */
	struct observer *obs;		/* owned until the view takes it */
	void (*clear)(struct ui_live *lv);	/* the kind's own cleanup, or
						 * NULL; then lv is freed */
};

/*
 * The observer of a lesson view into lv->obs: @cfg (the kind's settings,
 * session_observer_config or lrun_observer_config, and its sink) with the
 * interval, threads, off switches, step hook and recording taps of @o.
 * NULL with a message in err[errlen].
 */
struct observer *ui_live_observer(struct ui_live *lv,
				  const struct ui_run_opts *o,
				  struct observer_config *cfg, char *err,
				  size_t errlen);

/*
 * Launch lv->l, give @o's recording its header, let it go, and return
 * the lesson view of lv->obs titled "run NAME" (" --step" added in step
 * mode), with the kind's hooks @kind (notes, keys, side pane, their arg
 * the kind's struct) and the lesson's controls.  NULL with a message in
 * err[errlen] when lv->obs or lv->l is NULL or the lesson cannot start:
 * then the lesson, the observer and the kind's struct are freed and
 * nothing is left running.
 */
struct ui_view *ui_live_view_new(struct ui_live *lv, const char *name,
				 const struct ui_run_opts *o,
				 const struct ui_lesson_hooks *kind,
				 char *err, size_t errlen);

#endif
