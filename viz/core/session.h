/*
 * viz/core/session.h - a built-in lesson scenario as a lesson (lesson.h),
 * the same whether `procviz run --headless` (viz/cmd/cmd_run.c) or the
 * lesson view (viz/ui/ui_scenario.c) drives it.
 *
 * The scenario (scenarios/launch.h) is followed with the observer, its
 * marker for polling's sake; its steps and notes become note events, its
 * fork and reap announcements the observer's hints; its control keys and
 * n (in step mode) go to it.  Its processes have all exited when none
 * holds the notes pipe any more, and it is over once that pipe is read
 * to its end.  It failed when its main process exited by itself with a
 * non-zero status (gil without python3); its last note says why.
 */
#ifndef PROCVIZ_VIZ_SESSION_H
#define PROCVIZ_VIZ_SESSION_H

#include "scenarios/launch.h"
#include "viz/core/lesson.h"

/*
 * A lesson of @scen (borrowed from scen_table) on @obs (borrowed), not
 * started (lesson_launch).  @o->headless does not matter.  NULL when out
 * of memory.
 */
struct lesson *session_new(const struct scenario *scen,
			   const struct lesson_opts *o, struct observer *obs);

/*
 * How a scenario is observed: set @cfg's reap_children, and threads when
 * @scen is about threads.
 */
void session_observer_config(const struct scenario *scen,
			     struct observer_config *cfg);

/*
 * Turn every protocol message waiting on the notes pipe into a note (the
 * lesson's tick does it; the observer's before hook too).  The functions
 * below take a lesson of session_new().
 */
void session_drain(struct lesson *l);

const struct scenario *session_scenario(const struct lesson *l);
/* The current step (0 before the first) and its text ("" before). */
int session_step(const struct lesson *l, const char **text);
/* The scenario's last note ("" if none yet). */
const char *session_last_note(const struct lesson *l);
/*
 * After lesson_end: the exit status of the scenario's main process when
 * it exited by itself with a non-zero status, else 0.
 */
int session_failed(const struct lesson *l);

#endif
