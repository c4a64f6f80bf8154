/*
 * sched/labels.h - a short label for every job in a Gantt chart.
 *
 * Gantt cells are one character wide, job names are not.  A job is shown
 * by the shortest distinct part of its name:
 *
 *   A B C            -> A B C    (the names, no legend)
 *   P1 P2 P3         -> 1 2 3    (the part after the common prefix)
 *   init worker cache-> i w c    (distinct initials)
 *   P1 ... P12       -> 1 ... 9 10 11 12   (two cells where needed)
 *   cpu1 cpu2 disk   -> c1 c2 d  (initial and a later letter)
 *
 * The common prefix and suffix of all names are left out first; then one
 * cell per job is tried (each job's first character); if two jobs would
 * share one, labels of up to two cells are made, a job keeping one cell
 * when nothing else begins with it, else taking its initial and its last
 * (or another) character.  Labels are printable ASCII and never
 * '.', '-' or a blank (the chart's idle and fill cells); a name without
 * enough such characters gets a label from A-Z a-z 0-9 pairs.  Labels are
 * always distinct for distinct names.  Colour is never the only cue: the
 * views draw a legend "1=P1 2=P2" wherever a label is not its name.
 *
 * One pure function, used by every Gantt chart (the text and SVG reports,
 * the scheduler view, the drive view), so all of them agree.
 */
#ifndef PROCVIZ_SCHED_LABELS_H
#define PROCVIZ_SCHED_LABELS_H

#include "sched/sched.h"

#include <stdbool.h>

enum { SCHED_LABEL_LEN = 3 };	/* at most two cells, and the NUL */

/*
 * Fill labels[0..w->njobs-1] (the caller's array).  Returns the width in
 * cells of the widest label (1 or 2; 1 when there are no jobs) and sets
 * *@legend when some label is not its job's whole name.  Never fails.
 */
int sched_labels(const struct sched_workload *w,
		 char (*labels)[SCHED_LABEL_LEN], bool *legend);

/*
 * What cell @pos (0 = first) of a run of one job's cells shows, in a chart
 * whose labels are @width cells wide: with one-cell labels every cell
 * shows the label; with two-cell labels the run starts with its label and
 * goes on with @fill ('-' in plain text, a blank where colour shows the
 * run).
 */
char sched_label_cell(const char *label, int width, int pos, char fill);

#endif
