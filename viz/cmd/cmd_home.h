/*
 * viz/cmd/cmd_home.h - procviz's home screen, as the front ends give it
 * to the UI (ui_set_home, ui_main): every lesson (scen_table) and bundled
 * workload (workloads_table), and Enter starts one the way the command
 * line would.
 */
#ifndef PROCVIZ_VIZ_CMD_HOME_H
#define PROCVIZ_VIZ_CMD_HOME_H

#include <stddef.h>

struct ui_view;

/*
 * A ui_home_fn (viz/ui/ui.h): home over every scenario and bundled
 * workload, plus the workload files @files[0..nfiles-1] (those given to
 * `procviz sched FILE`; bundled names among them are skipped).  @arg is
 * unused.  NULL with a message in err[errlen].
 */
struct ui_view *cmd_home_view(void *arg, const char *const *files,
			      int nfiles, char *err, size_t errlen);

#endif
