/*
 * viz/core/lesson_run.h - a lesson file as a lesson (lesson.h): its
 * command launched, followed and guarded, its steps fired on their
 * triggers, its keys acted on.  The file lesson's counterpart of
 * session.h: `procviz run FILE` headless (viz/cmd/cmd_run.c) and the
 * lesson view (viz/ui/ui_lesson_file.c) drive the same lesson.
 *
 * The command runs exactly as a built-in lesson's main process does
 * (scenarios/launch.h: its own process group, the marker in its
 * environment, the guardian that kills whatever is left however procviz
 * ends), entered through `procviz run --lesson-process DIR CMD...`, which
 * changes to DIR and executes CMD with stdin reading the lesson keys'
 * lines, stdout and stderr writing to procviz (the lines the program
 * prints: output triggers, the `procviz-at:` marker lines of the source
 * pane) and PYTHONUNBUFFERED=1 (a Python demo's prints arrive at once).
 * It is followed the way `watch` follows its command (lrun_follow(), the
 * one place to change when watch's source changes).  Its processes have
 * all exited when its main process is reaped and no process carries its
 * marker; it fails when its program does (not by procviz's stop nor a
 * lesson key's signal).
 *
 * Steps fire in order.  Only the next step's trigger is looked at; an
 * event trigger is matched against the model's events as the observer
 * delivers them (lesson_event) and against those delivered since the
 * step before fired (in the same reading as its event, or later), an
 * output trigger against each printed line, time and counts at each
 * lesson_tick().  A state trigger (spawn, zombie, block) also holds for a
 * task already in that state.  A step that fires becomes a note event
 * "step N/M (TRIGGER): NOTE", at the next lesson_tick().  n fires the
 * next step whatever its trigger (the lecturer's override); headless
 * (lesson_opts.headless), a key trigger fires at once.  With step_mode a
 * step whose trigger happened waits for n.
 */
#ifndef PROCVIZ_VIZ_LESSON_RUN_H
#define PROCVIZ_VIZ_LESSON_RUN_H

#include "viz/core/lesson.h"
#include "viz/core/lesson_file.h"

/* The hidden first option of `procviz run` that enters a lesson's command. */
#define LRUN_CHILD_OPTION "--lesson-process"
#define LRUN_AT_PREFIX "procviz-at:"	/* "procviz-at: NAME [PID]" */
#define LRUN_MAX_AT 8			/* marker lines remembered */
#define LRUN_OUT_LINES 4		/* printed lines remembered */

/* A line a process is at, from a "procviz-at: NAME [PID]" line. */
struct lrun_at {
	int source;		/* index into the lesson's sources */
	int line;		/* 1-based */
	int pid;		/* 0 when the line did not say */
};

/*
 * A lesson of @lf (borrowed; outlives the lesson) on @obs (borrowed, must
 * reap children; traced as watch's: observer_config.trace), not started
 * (lesson_launch).  @o->pace_ms does not matter.  NULL when out of memory.
 */
struct lesson *lrun_new(const struct lesson_file *lf,
			const struct lesson_opts *o, struct observer *obs);

/*
 * How a lesson file is observed: set @cfg's trace (as watch's, see
 * lrun_follow), reap_children, and threads when @lf asks for them.
 */
void lrun_observer_config(const struct lesson_file *lf,
			  struct observer_config *cfg);

/* The functions below take a lesson of lrun_new(). */

/* ---- what the views show ------------------------------------------------ */

const struct lesson_file *lrun_lesson(const struct lesson *l);
/* Steps fired so far (0 before the first); the current one is index-1. */
int lrun_step(const struct lesson *l);
/* The trigger of step @i in words ("zombie zombie-child"), into buf. */
void lrun_trigger_text(const struct lf_step *s, char *buf, size_t len);
/* The last lines the program printed, oldest first; how many. */
int lrun_output(const struct lesson *l, const char **lines, int max);
/* The marker lines processes are at, newest first; how many. */
int lrun_at_lines(const struct lesson *l, struct lrun_at *out, int max);
/* Why the program failed ("" if it did not). */
const char *lrun_failure(const struct lesson *l);

/*
 * In the lesson's main process (`procviz run --lesson-process DIR CMD`):
 * wait for go, change to DIR, execute CMD.  Returns 2 when not started by
 * procviz; otherwise never returns (127 after printing why the command
 * cannot run).
 */
int lrun_child_main(int argc, char **argv);

#endif
