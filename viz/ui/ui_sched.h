/*
 * viz/ui/ui_sched.h - the state of the lockstep scheduler view, shared by
 * its files: ui_sched.c (the simulations, the keys, time), ui_sched_draw.c
 * (the screen) and the workload table ui_sched_edit.c (`e`: edit the
 * jobs, undo, write them out).  Not for other views: they make one with
 * ui_sched_view_new() (ui_views.h).
 */
#ifndef PROCVIZ_VIZ_UI_SCHED_H
#define PROCVIZ_VIZ_UI_SCHED_H

#include "sched/labels.h"
#include "sched/sched.h"
#include "sched/workload_table.h"
#include "viz/ui/ui.h"
#include "viz/ui/ui_keys.h"
#include "viz/ui/ui_prompt.h"

#include <stdbool.h>

enum {
	SV_MAX_LANES = 16,
	SV_MAX_POLICIES = 32,
	SV_LINE = 512,
	SV_QUANTUM_MAX = 1000,
};

extern const int sv_speeds[];	/* ticks/s, in ui_sched.c */
enum { SV_NSPEEDS = 6 };

enum sv_density { SV_FULL, SV_COMPACT, SV_GANTT, SV_ONELINE };
enum sv_modal { SV_MODAL_NONE, SV_MODAL_POLICIES, SV_MODAL_QUANTUM,
		SV_MODAL_HELP };
enum sv_metrics { SV_METRICS_NONE, SV_METRICS_AVG, SV_METRICS_FULL };

struct sv_lane {
	char policy[SCHED_NAME_MAX];
	char label[48];			/* "RR q=4" */
	struct sched_sim *sim;		/* owned */
	int y0, y1;			/* rows drawn last time (mouse) */
};

struct sched_view {
	struct sched_workload w;	/* owned copy */
	char title[128];
	struct sched_opts opts;		/* draws points to ->draws */
	long *draws;			/* owned copy of lottery draws */
	struct sv_lane lanes[SV_MAX_LANES];
	int nlanes;
	char (*labels)[SCHED_LABEL_LEN];	/* owned: a label per job
						 * (sched/labels.h) */
	int label_w;			/* cells of the widest: 1 or 2 */
	bool legend;			/* labels differ from names */
	long t, end;
	bool playing;
	int speed;			/* index into sv_speeds */
	long long next_ms;
	bool metrics;
	int selected;			/* lane */
	enum sv_modal modal;
	int modal_cursor;
	struct ui_help_pos help_pos;	/* the help screen's scrolling */
	bool pick[SV_MAX_POLICIES];
	char input[8];
	/* Geometry of the last draw, for mouse clicks. */
	int gantt_x, gantt_cells, ruler_y;
	int zoom;			/* columns per tick (big when short) */
	long gantt_start, gantt_ticks;	/* first tick shown, how many */
	int per_cell;			/* ticks a cell covers: 1, or more
					 * at the end, so that the whole
					 * schedule shows (as the SVG) */
	int lblw;
	/* The workload table (ui_sched_edit.c). */
	struct sched_wtab_hist hist;	/* owned: the workloads applied,
					 * hist.tabs[0] the one the view
					 * started with */
	struct sv_edit *edit;		/* owned: the table while it is
					 * open, else NULL */
	struct ui_prompt prompt;	/* `w`: the file name */
	char base_title[128];		/* the title it started with */
	unsigned long seed0;		/* opts.seed the view started with */
};

static inline const char *sv_name(const struct sched_view *sv, int job)
{
	return sv->w.jobs[job].name;
}

/* The key tables (ui_sched.c): the view's, and each dialog's. */
extern const struct ui_key sv_keys_main[];
extern const struct ui_key sv_keys_policies[];
extern const struct ui_key sv_keys_quantum[];

/* The number of policies the chooser lists. */
int sv_policy_count(void);

/*
 * ui_sched.c: put a copy of @w in the view and re-run every lane on it,
 * keeping the time cursor (clamped to the new end).  On failure (-EINVAL,
 * -ENOMEM; message in err) the view is as it was.
 */
int sv_set_workload(struct sched_view *sv, const struct sched_workload *w,
		    char *err, size_t errlen);

/* ---- ui_sched_edit.c: the workload table --------------------------------- */

/*
 * Start the undo history with the view's workload.  @open: the view has
 * no workload yet (home's "new workload"): the table opens, empty.
 * 0 or -ENOMEM.
 */
int sv_edit_init(struct sched_view *sv, bool open);
void sv_edit_free(struct sched_view *sv);
/* The key table in force while the table or the `w` prompt is open. */
const struct ui_key *sv_edit_keys(struct sched_view *sv);
/* Draw the table (when open) over the view's area; false if closed. */
bool sv_edit_draw(struct ui_view *v, struct ui *ui, int y, int x, int h,
		  int w);
/* The main view's keys: `e` open the table, `u` undo, `w` write. */
enum ui_action sv_edit_open(struct ui_view *v, struct ui *ui, int key);
enum ui_action sv_edit_undo(struct ui_view *v, struct ui *ui, int key);
enum ui_action sv_edit_write(struct ui_view *v, struct ui *ui, int key);
/* Has the workload been changed from the one the view started with? */
bool sv_edit_changed(struct ui_view *v, struct ui *ui);

/* ui_sched_draw.c: the view's ->draw. */
void sv_draw(struct ui_view *v, struct ui *ui, int y, int x, int h, int w);

#endif
