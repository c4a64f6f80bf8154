/*
 * sched/workload_priv.h - helpers shared by the workload parsers and the
 * random generator (private to sched/).
 */
#ifndef PROCVIZ_SCHED_WORKLOAD_PRIV_H
#define PROCVIZ_SCHED_WORKLOAD_PRIV_H

#include "sched/sched.h"

/*
 * Name job @index (0-based) as a spreadsheet column: A, B, ... Z, AA, AB,
 * ... so inline and random jobs read like the textbooks' A..E.  @buf has
 * room for SCHED_NAME_MAX bytes; any int index fits.
 */
void sched_workload_letter_name(int index, char buf[SCHED_NAME_MAX]);

#endif
