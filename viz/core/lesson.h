/*
 * viz/core/lesson.h - a lesson running, whichever kind it is: a built-in
 * scenario (session.h) or a lecturer's lesson file (lesson_run.h).
 * `procviz run` headless (viz/cmd/cmd_run.c) and the lesson view
 * (viz/ui/ui_lesson_live.c) drive either through this header alone.
 *
 * What every lesson does the same way is done here, once: its main
 * process launched under the scenario launcher (scenarios/launch.h: its
 * own process group, the marker, the guardian) and followed by the
 * observer, the note saying who adopts orphans, --duration, freezing,
 * restarting, following it headless to its end, its header, cleaning up.
 * Each kind adds its own part (lesson_int.h): how it launches and is
 * followed, what it writes (notes, printed lines, steps fired on their
 * triggers), its keys, n, and how it fails.  It never prints, never
 * exits and includes no curses: messages go to the caller's buffer.
 *
 * The observer is the caller's, borrowed for the lesson's life (free the
 * lesson first); it must reap children (observer_config.reap_children):
 * the main process and the orphans procviz adopts.
 *
 *     l = session_new(scen, &opts, obs);  // or lrun_new(lf, &opts, obs)
 *     lesson_launch(l, err, len);    // main process exec'd, waiting
 *     ...write the headers (lesson_header)...
 *     lesson_go(l, err, len);        // followed, adopter note, going
 *     lesson_headless(l, &stop);     // headless; the view ticks instead
 *     lesson_free(l);                // kills and reaps what is left
 */
#ifndef PROCVIZ_VIZ_LESSON_H
#define PROCVIZ_VIZ_LESSON_H

#include "viz/core/observer.h"
#include "viz/core/report_obs.h"

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LESSON_STOP_WAIT_MS 5000	/* after a stop: wait for the end */
#define LESSON_REAP_WAIT_MS 10000	/* all exited: wait for the reaping */

struct lesson_opts {
	int pace_ms;		/* a built-in lesson: how long a state stays
				 * visible; 0 = the scenario default */
	bool step_mode;		/* a step waits for n */
	bool headless;		/* a lesson file: key triggers fire at once */
	bool subreaper;		/* procviz is the subreaper (the caller made
				 * it so with prctl): said in a note */
	int64_t duration_ms;	/* stop the lesson after this; 0 = never */
};

struct lesson;

/* lesson_end, then free.  NULL is a no-op. */
void lesson_free(struct lesson *l);

/*
 * Launch the main process: exec'd and waiting, the observer given the
 * lesson's marker.  0, or -errno with "cannot start scenario NAME: why"
 * (or "lesson FILE") in err[errlen]; nothing is left running then.
 */
int lesson_launch(struct lesson *l, char *err, size_t errlen);
/*
 * Follow the launched lesson (observer_add_root with descendants), add
 * the note saying who adopts orphans, start the --duration clock and let
 * it begin.  0, or -errno with a message (then lesson_end has been done).
 */
int lesson_go(struct lesson *l, char *err, size_t errlen);
/* lesson_launch, then lesson_go. */
int lesson_start(struct lesson *l, char *err, size_t errlen);
/*
 * Kill and reap whatever is left of the lesson and close its pipes (the
 * observer may have reaped the main process: its status is taken from
 * there).  Safe to call twice.
 */
void lesson_end(struct lesson *l);
/* End, note "restart: ...", start again.  0, or -errno with msg[len]. */
int lesson_restart(struct lesson *l, char *msg, size_t len);

/*
 * SIGKILL every process of the lesson now (not reaped: the observer shows
 * the zombies reaped).  With @why, note it first.  The --duration clock
 * stops.  0 or -errno.
 */
int lesson_stop(struct lesson *l, const char *why);
/* The --duration time has come (the lesson is running). */
bool lesson_due(const struct lesson *l);
/*
 * When lesson_tick is next needed (common/clock.h milliseconds: the
 * --duration time, a step's time trigger), or -1: none pending.
 */
int64_t lesson_due_ms(const struct lesson *l);
/*
 * Each event the observer delivers, for the lesson's own use (a lesson
 * file's event triggers): the observer's sink must pass every event on.
 */
void lesson_event(struct lesson *l, const struct model_event *ev);
/* The lesson's pipe (notes, printed lines) to poll for POLLIN, or -1. */
int lesson_fd(const struct lesson *l);
/*
 * Take in what the lesson wrote (notes, printed lines), fire the steps
 * that are due, and at --duration stop it with a note saying so.  The
 * view calls it at its ticks; lesson_headless() does it itself.
 */
void lesson_tick(struct lesson *l);

/*
 * Headless: follow the lesson until it is over.  Over means every
 * process of it has exited and has been reaped (the observer tracks
 * nothing).  At --duration or when *@stop becomes non-zero (a signal)
 * the lesson is killed, and followed until everything is gone, at most
 * LESSON_STOP_WAIT_MS.  Once everything has exited, the zombies' reaping
 * is awaited at most LESSON_REAP_WAIT_MS (then a note says so): an
 * adopter that never reaps (the init of some containers) must not hang
 * procviz.  Then one reading more, for the last events.  Returns 0 or
 * -errno (poll or the observer failed).
 */
int lesson_headless(struct lesson *l, const volatile sig_atomic_t *stop);

/*
 * The lecturer's controls (the lesson view's hooks; messages are for its
 * status line).  lesson_key: a key of the lesson's own: 1 done, 0 not one
 * of its keys, -errno.  lesson_next: n, 0 or -errno.  lesson_freeze:
 * SIGSTOP (@frozen) or SIGCONT every process of the lesson, 0 or -errno.
 */
int lesson_key(struct lesson *l, int key, char *msg, size_t len);
int lesson_next(struct lesson *l, char *msg, size_t len);
int lesson_freeze(struct lesson *l, bool frozen, char *msg, size_t len);

/* ---- what the views show ------------------------------------------------ */

/* Launched and not ended. */
bool lesson_running(const struct lesson *l);
/* Step mode: a step waits for n. */
bool lesson_waiting(const struct lesson *l);
/* The main process's pid (0 before the launch). */
int lesson_pid(const struct lesson *l);
/*
 * After lesson_end: whether the lesson itself failed (a built-in lesson's
 * main process exited with a non-zero status, a lesson file's program
 * failed), with "the ... lesson failed ...: why" in msg[len].
 */
bool lesson_failed(const struct lesson *l, char *msg, size_t len);
/*
 * The header of the lesson's reports and recording: source "run", the
 * scenario (a lesson file's name), its command (a lesson file's), the
 * observer's interval, event source and sources, and whether procviz is
 * the subreaper.  Strings borrow from the lesson and its observer; take
 * it after lesson_launch (a built-in lesson's sources then include its
 * marker).
 */
void lesson_header(const struct lesson *l, struct report_obs_header *h);

#endif
