/*
 * viz/ui/ui_sched.h - the state of the lockstep scheduler view, shared by
 * its two files: ui_sched.c (the simulations, the keys, time) and
 * ui_sched_draw.c (the screen).  Not for other views: they make one with
 * ui_sched_view_new() (ui_views.h).
 */
#ifndef PROCVIZ_VIZ_UI_SCHED_H
#define PROCVIZ_VIZ_UI_SCHED_H

#include "sched/labels.h"
#include "sched/sched.h"
#include "viz/ui/ui.h"
#include "viz/ui/ui_keys.h"

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

/* ui_sched_draw.c: the view's ->draw. */
void sv_draw(struct ui_view *v, struct ui *ui, int y, int x, int h, int w);

#endif
