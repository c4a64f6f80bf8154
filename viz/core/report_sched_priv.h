/*
 * viz/core/report_sched_priv.h - what the scheduler report writers share
 * (report_sched.c, report_sched_svg.c); not for use elsewhere.
 */
#ifndef PROCVIZ_VIZ_REPORT_SCHED_PRIV_H
#define PROCVIZ_VIZ_REPORT_SCHED_PRIV_H

#include <stdio.h>

#include "sched/labels.h"
#include "sched/sched.h"
#include "viz/core/report_sched.h"

/* One policy's simulation, run to the end. */
struct run {
	const char *policy;		/* borrowed from the report */
	struct sched_sim *sim;		/* owned */
	struct sched_result res;	/* borrows from sim */
};

/*
 * Columns of @scale ticks over [0, span): out[c] = the job that ran most
 * of column c (-1 idle), ties to the earlier job.  @count is scratch of
 * njobs + 1 longs, all zero on entry and on return.
 */
void report_gantt_buckets(const struct sched_result *res, long span,
			  long scale, int ncols, long *count, int *out);

/* Every job's Gantt label (sched/labels.h), shared by text and SVG. */
struct gantt_labels {
	char (*lab)[SCHED_LABEL_LEN];	/* owned, one per job */
	int width;			/* cells: 1 or 2 */
	bool legend;			/* some label is not its name */
};

/* The text report of @runs (one per policy of @r), jobs labelled by @gl. */
void report_sched_write_text(FILE *out, const struct report_sched *r,
			     const struct run *runs,
			     const struct gantt_labels *gl);

/* The SVG report of @runs (one per policy of @r), jobs labelled by @gl. */
void report_sched_write_svg(FILE *out, const struct report_sched *r,
			    const struct run *runs,
			    const struct gantt_labels *gl);

#endif
