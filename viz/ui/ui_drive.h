/*
 * viz/ui/ui_drive.h - the live view of `procviz drive`: the simulated Gantt
 * chart and the real processes' states as /proc reports them, tick for
 * tick, with both sets of times.  No curses here.
 */
#ifndef PROCVIZ_VIZ_UI_DRIVE_H
#define PROCVIZ_VIZ_UI_DRIVE_H

#include <stddef.h>

#include "sched/sched.h"
#include "viz/core/drive.h"

struct ui_view;

/*
 * Start the run (drive_new(): the job processes are launched and stopped
 * now) and return its view, which steps it from the UI's poll loop and
 * ends it (every job killed and reaped) when freed.  NULL with a message
 * in err[errlen].
 */
struct ui_view *ui_drive_view_new(const struct sched_workload *w,
				  const char *title, const char *policy,
				  const struct sched_opts *opts,
				  const struct drive_config *cfg, char *err,
				  size_t errlen);

#endif
