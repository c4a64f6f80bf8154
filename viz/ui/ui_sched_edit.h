/*
 * viz/ui/ui_sched_edit.h - the state of the scheduler view's workload
 * table, shared by its two files: ui_sched_edit.c (the keys, the changes)
 * and ui_sched_edit_draw.c (the screen).  Private to them.
 */
#ifndef PROCVIZ_VIZ_UI_SCHED_EDIT_H
#define PROCVIZ_VIZ_UI_SCHED_EDIT_H

#include "viz/ui/ui_lineedit.h"
#include "viz/ui/ui_sched.h"

enum {
	SE_RANDOM_JOBS = 5,	/* `r` on an empty table */
	SE_MSG_LINES = 3,	/* most rows a refusal takes under its cell */
	SE_GAP = 2,		/* blanks between columns */
};

struct sv_edit {
	struct sched_wtab_hist hist;	/* owned: a copy of the view's; its
					 * top is the table shown */
	int row, col;			/* the cursor (nrows: Apply) */
	int first;			/* first display line shown */
	bool fresh;			/* the view has no workload yet */
	bool help;			/* the help overlay is up */
	bool editing;			/* a cell is being typed */
	struct ui_lineedit le;		/* its text and caret */
	char msg[512];			/* said under the cursor's row */
	unsigned long next_seed;	/* `r` */
};

/* The table shown: the latest state of its history. */
static inline const struct sched_wtab *se_tab(const struct sv_edit *e)
{
	return sched_wtab_hist_top(&e->hist);
}

/* The table's keys (ui_sched_edit.c), for the help overlay too. */
extern const struct ui_key se_keys_table[];

#endif
