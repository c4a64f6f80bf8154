/*
 * viz/ui_views.h - the screens of procviz, as ui_view objects (ui.h), and
 * the one call front ends make to show them.  No curses here.
 *
 * A view constructor copies what it is given (the caller keeps ownership
 * of its arguments) and returns a view the loop will own, or NULL with a
 * message in err[errlen].
 */
#ifndef PROCVIZ_VIZ_UI_VIEWS_H
#define PROCVIZ_VIZ_UI_VIEWS_H

#include "sched/sched.h"
#include "viz/ui.h"

#include <stddef.h>

/*
 * Open the terminal, run @views (ownership taken; @views[0] shown first)
 * until the user quits or a signal arrives, restore the terminal.
 * Returns the exit status: 0, or 1 with "procviz: message" on stderr when
 * the terminal cannot be used (TERM dumb or unknown, not a terminal).
 */
int ui_main(struct ui_view **views, int n);

/*
 * The lockstep scheduler view: one lane per policy of @policies[0..n-1]
 * (names from sched_policy_names) on a copy of @w with @opts, all sharing
 * one time cursor.  @title names the workload ("jobs 24,3,3", a file, a
 * bundled workload).  NULL with a message if a policy is unknown or the
 * options are refused by the engine.
 */
struct ui_view *ui_sched_view_new(const struct sched_workload *w,
				  const char *title,
				  const char *const *policies, int npolicies,
				  const struct sched_opts *opts, char *err,
				  size_t errlen);

#endif
