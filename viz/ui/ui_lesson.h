/*
 * viz/ui/ui_lesson.h - the state of the live lesson view, shared by its
 * files: ui_lesson.c (time, keys, the view object), ui_lesson_tree.c (the
 * process tree and its timelines) and ui_lesson_draw.c (the rest of the
 * screen).  Other views make one with ui_lesson_view_new() (ui_views.h).
 */
#ifndef PROCVIZ_VIZ_UI_LESSON_H
#define PROCVIZ_VIZ_UI_LESSON_H

#include "viz/core/observer.h"
#include "viz/ui/ui.h"
#include "viz/ui/ui_keys.h"
#include "viz/ui/ui_prompt.h"
#include "viz/ui/ui_views.h"

#include <stdbool.h>
#include <stdint.h>

enum {
	LV_NEW_MS = 2000,	/* a new process is highlighted this long */
	LV_TOMB_MS = 3000,	/* a vanished one stays as a tombstone */
	LV_MAX_ROWS = 1024,
	LV_MAX_REPARENTS = 256,
	LV_LINE = 512,
};

/* The signals the 'k' dialog offers (ui_lesson.c). */
struct lv_signal {
	int sig;
	const char *name, *why;
};
extern const struct lv_signal lv_signals[];
enum { LV_NSIGNALS = 8 };

enum lv_modal { LV_MODAL_NONE, LV_MODAL_HELP, LV_MODAL_SIGNAL };

struct lv_row {
	const struct model_proc *p;	/* borrowed from the model */
	int depth;
	int came_from;			/* re-parented from this pid */
};

struct lesson_view {
	struct observer *o;		/* owned */
	struct ui_lesson_hooks hooks;	/* hooks.arg owned */
	char title[128];
	bool paused, frozen;
	int64_t pause_t_ms;		/* timeline's right edge, paused */
	int scroll;			/* cells back from the right */
	int per_cell;			/* samples per timeline cell */
	int selected_pid;
	int selected_tid;		/* a task row: its tid; else 0 */
	bool show_tasks;		/* H: threads as task rows */
	enum lv_modal modal;
	int modal_cursor;
	struct ui_help_pos help_pos;	/* the help screen's scrolling */
	int notes_top;			/* first row of the notes shown */
	int notes_rows, notes_page;	/* last draw: rows in all, shown */
	unsigned notes_hash;		/* of the notes' head: a new step
					 * scrolls back to the top */
	uint64_t seen_events;
	int64_t seen_t_ms;
	struct lv_row rows[LV_MAX_ROWS];
	int nrows;
	struct {
		int pid, from;
	} reparents[LV_MAX_REPARENTS];	/* from the log, newest first */
	int nreparents;
	int rows_y, rows_first;		/* last draw, for the mouse */
	bool done_warned;
	struct ui_prompt prompt;	/* '/' filter, 'a' affinity */
	int prompt_pid;			/* 'a': the process asked about */
	char filter[UI_PROMPT_LEN];	/* rows shown: name has this */
	char filter_before[UI_PROMPT_LEN];	/* to put back on Esc */
};

/* ---- ui_lesson_tree.c ---------------------------------------------------- */

/* The model's time now: the last reading (no wall clock in the picture). */
int64_t lv_now(const struct lesson_view *lv);
/*
 * Every process of the lesson has ended (observer_done): the view keeps
 * the last picture, every row marked "ended", until r or q.
 */
bool lv_ended(const struct lesson_view *lv);
/* Rebuild lv->rows: tree order, as seen at the timeline's right edge. */
void lv_build_rows(struct lesson_view *lv);
/* The row of the selected process, or -1. */
int lv_selected_index(const struct lesson_view *lv);
/* The tree with a state timeline per row, in the rectangle. */
void lv_draw_tree(struct lesson_view *lv, struct ui *ui, int y, int x, int h,
		  int w);

/* ---- ui_lesson_draw.c ---------------------------------------------------- */

/* The view's ->draw. */
void lv_draw(struct ui_view *v, struct ui *ui, int y, int x, int h, int w);

/* ---- ui_lesson_proc.c: htop habits on the selected process ------------- */

/* Whether the view watches live processes (not a recording). */
bool lv_live(struct ui_view *v, struct ui *ui);
/* F7/] nice -1, F8/[ nice +1 (procctl_nice_set), with a status line. */
enum ui_action lv_renice(struct ui_view *v, struct ui *ui, int key);
/* a: ask for the CPUs of the selected process (a CPU list). */
enum ui_action lv_affinity(struct ui_view *v, struct ui *ui, int key);
/* /: ask for the filter; the rows follow the typing. */
enum ui_action lv_filter(struct ui_view *v, struct ui *ui, int key);
/* Every key while lv->prompt is open. */
enum ui_action lv_prompt_key(struct ui_view *v, struct ui *ui, int key);
/* Whether @p's name or command line has the filter (always, without). */
bool lv_filter_match(const struct lesson_view *lv,
		     const struct model_proc *p);

/* ---- ui_lesson.c: the key tables (the main one, the signal dialog's) ----- */

extern const struct ui_key lv_keys_main[];
extern const struct ui_key lv_keys_signal[];

#endif
