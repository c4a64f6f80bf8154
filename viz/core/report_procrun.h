/*
 * viz/core/report_procrun.h - process-run's state table in the reports
 * (policies for which sched_policy_state_table() holds: procrun).
 */
#ifndef PROCVIZ_VIZ_REPORT_PROCRUN_H
#define PROCVIZ_VIZ_REPORT_PROCRUN_H

#include <stdio.h>

#include "viz/core/report_sched.h"

/*
 * Text: process-run's table ("Time", one column per job, "CPU", "IOs",
 * '*' where an IO completed) and its stats lines.
 */
void report_procrun_text(FILE *out, const struct report_sched *r,
			 const char *policy);
/*
 * JSON members (after a ',') of the policy's result: "table":{"columns":
 * [names], "rows":[{"time":1,"states":[...],"cpu":1,"ios":0,
 * "io_done":false},...]}, "stats":{"total":T,"cpu_busy":C,"io_busy":I}.
 */
void report_procrun_json(FILE *out, const struct report_sched *r,
			 const char *policy);

#endif
