/*
 * viz/core/lesson_run.h - a lesson file running: its command launched,
 * followed and guarded, its steps fired on their triggers, its keys acted
 * on.  The file lesson's counterpart of session.h: `procviz run FILE`
 * headless (viz/cmd/cmd_runfile.c) and the lesson view
 * (viz/ui/ui_lesson_file.c) drive the same struct lrun.
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
 * one place to change when watch's source changes).
 *
 * Steps fire in order.  Only the next step's trigger is looked at; an
 * event trigger is matched against the model's events as the observer
 * delivers them (give lrun_event as, or call it from, the observer's
 * sink) and against those delivered since the step before fired (in the
 * same reading as its event, or later), an output trigger against each
 * printed line, time and counts at each lrun_tick().  A state trigger
 * (spawn, zombie, block) also holds for a task already in that state.  A step that fires becomes a note event
 * "step N/M (TRIGGER): NOTE", at the next lrun_tick().  n fires the next
 * step whatever its trigger (the lecturer's override); headless, a key
 * trigger fires at once.  With step_mode a step whose trigger happened
 * waits for n.
 */
#ifndef PROCVIZ_VIZ_LESSON_RUN_H
#define PROCVIZ_VIZ_LESSON_RUN_H

#include "viz/core/lesson_file.h"
#include "viz/core/observer.h"
#include "viz/core/report_obs.h"

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The hidden first option of `procviz run` that enters a lesson's command. */
#define LRUN_CHILD_OPTION "--lesson-process"
#define LRUN_AT_PREFIX "procviz-at:"	/* "procviz-at: NAME [PID]" */
#define LRUN_MAX_AT 8			/* marker lines remembered */
#define LRUN_OUT_LINES 4		/* printed lines remembered */

struct lrun_opts {
	bool step_mode;		/* a triggered step waits for n */
	bool headless;		/* key triggers fire at once */
	bool subreaper;		/* procviz is the subreaper (a note) */
	int64_t duration_ms;	/* stop after this; 0 = never */
};

/* A line a process is at, from a "procviz-at: NAME [PID]" line. */
struct lrun_at {
	int source;		/* index into the lesson's sources */
	int line;		/* 1-based */
	int pid;		/* 0 when the line did not say */
};

struct lrun;

/*
 * A run of @lf (borrowed; outlives the run) on @obs (borrowed, must reap
 * children).  Sets SIGCHLD to its default.  NULL when out of memory.
 */
struct lrun *lrun_new(const struct lesson_file *lf,
		      const struct lrun_opts *o, struct observer *obs);
/* lrun_end, then free.  NULL is a no-op. */
void lrun_free(struct lrun *r);

/* Launch the command, held before its exec.  0 or -errno with a message. */
int lrun_launch(struct lrun *r, char *err, size_t errlen);
/* Follow it (lrun_follow), note who adopts orphans, let it go.  0/-errno. */
int lrun_go(struct lrun *r, char *err, size_t errlen);
/* Kill and reap whatever is left.  Safe to call twice. */
void lrun_end(struct lrun *r);
/* End, note "restart", launch and go again.  0 or -errno with a message. */
int lrun_restart(struct lrun *r, char *msg, size_t len);

/* The observer's sink (@arg: the struct lrun): match event triggers. */
void lrun_event(const struct model_event *ev, void *arg);
/*
 * Read the lines the program printed, check time and count triggers, fire
 * the steps that are due (their notes), say when the program failed, stop
 * at --duration.  Call it after observer_step().
 */
void lrun_tick(struct lrun *r);
/* When lrun_tick is next needed (clock_now_ms), or -1. */
int64_t lrun_due_ms(const struct lrun *r);
/* The program's output fd to poll for POLLIN, or -1. */
int lrun_fd(const struct lrun *r);

/*
 * Headless: follow until every process is gone (or *@stop, --duration:
 * then kill and wait, bounded).  0 or -errno.
 */
int lrun_run(struct lrun *r, const volatile sig_atomic_t *stop);

/* A lesson key: 1 done (msg says what), 0 not one, -errno. */
int lrun_key(struct lrun *r, int key, char *msg, size_t len);
/* n: fire the next step now.  0, or -errno with msg. */
int lrun_next(struct lrun *r, char *msg, size_t len);
/* s: SIGSTOP/SIGCONT every process of the lesson.  0 or -errno. */
int lrun_freeze(struct lrun *r, bool frozen, char *msg, size_t len);

/* ---- what the views show ------------------------------------------------ */

const struct lesson_file *lrun_lesson(const struct lrun *r);
bool lrun_running(const struct lrun *r);
/* Steps fired so far (0 before the first); the current one is index-1. */
int lrun_step(const struct lrun *r);
/* Step mode: the next step's trigger came, it waits for n. */
bool lrun_waiting(const struct lrun *r);
/* The trigger of step @i in words ("zombie zombie-child"), into buf. */
void lrun_trigger_text(const struct lf_step *s, char *buf, size_t len);
/* The last lines the program printed, oldest first; how many. */
int lrun_output(const struct lrun *r, const char **lines, int max);
/* The marker lines processes are at, newest first; how many. */
int lrun_at_lines(const struct lrun *r, struct lrun_at *out, int max);
/* Why the program failed ("" if it did not). */
const char *lrun_failure(const struct lrun *r);
/* The main process's pid (0 before the launch). */
int lrun_pid(const struct lrun *r);
/*
 * The header: source "run", scenario the file's name ("zombie.yaml", at
 * most 63 bytes, as a recording keeps it), command, sources.
 */
void lrun_header(const struct lrun *r, struct report_obs_header *h);

/*
 * In the lesson's main process (`procviz run --lesson-process DIR CMD`):
 * wait for go, change to DIR, execute CMD.  Returns 2 when not started by
 * procviz; otherwise never returns (127 after printing why the command
 * cannot run).
 */
int lrun_child_main(int argc, char **argv);

#endif
