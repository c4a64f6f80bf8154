/*
 * viz/core/report_gantt.h - the Gantt chart as columns, shared by the
 * text and SVG reports (report_sched.c) and the public
 * report_sched_gantt_line() (report_sched.h).
 */
#ifndef PROCVIZ_VIZ_REPORT_GANTT_H
#define PROCVIZ_VIZ_REPORT_GANTT_H

#include "sched/sched.h"

/*
 * For each of the @ncols columns of @scale ticks over [0, span), the job
 * that ran most of its ticks (-1 idle) into out[ncols]; ties go to the
 * job that got there first.  @count is scratch of njobs + 1 longs, all
 * zero on entry and on return.  Linear in segments + columns.
 */
void report_gantt_buckets(const struct sched_result *res, long span,
			  long scale, int ncols, long *count, int *out);

#endif
