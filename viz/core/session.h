/*
 * viz/core/session.h - one running lesson scenario, the same whether
 * `procviz run --headless` (viz/cmd/cmd_run.c) or the lesson view
 * (viz/ui/ui_scenario.c) drives it.
 *
 * A session launches the scenario (scenarios/launch.h), follows it with
 * an observer, turns the scenario's steps and notes into note events (and
 * its fork and reap announcements into the observer's hints),
 * says in a note who adopts orphans, passes the lecturer's controls on,
 * stops it at --duration, restarts it, and cleans up.  It never prints,
 * never exits and includes no curses: messages go to the caller's buffer.
 *
 * The observer is the caller's, borrowed for the session's life (free the
 * session first); it must reap children (observer_config.reap_children):
 * the scenario's main process and the orphans procviz adopts.
 *
 *     s = session_new(scen, &opts, obs);
 *     session_launch(s, err, len);    // main process exec'd, waiting
 *     ...write the headers (session_header)...
 *     session_go(s, err, len);        // followed, adopter note, going
 *     session_run(s, &stop_flag);     // headless; the UI ticks instead
 *     session_free(s);                // kills and reaps what is left
 */
#ifndef PROCVIZ_VIZ_SESSION_H
#define PROCVIZ_VIZ_SESSION_H

#include "scenarios/launch.h"
#include "viz/core/observer.h"
#include "viz/core/report_obs.h"

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SESSION_STOP_WAIT_MS 5000	/* after a stop: wait for the end */
#define SESSION_REAP_WAIT_MS 10000	/* all exited: wait for the reaping */

struct session_opts {
	int pace_ms;		/* how long a state stays visible; 0 = the
				 * scenario default */
	bool step_mode;		/* the scenario waits for 'n' at each step */
	bool subreaper;		/* procviz is the subreaper (the caller made
				 * it so with prctl): said in a note */
	int64_t duration_ms;	/* stop the scenario after this; 0 = never */
};

struct session;

/*
 * A session of @scen (borrowed from scen_table) on @obs (borrowed), not
 * started.  Sets SIGCHLD to its default action (an ignored SIGCHLD makes
 * the kernel reap without zombies, and the lesson would show none).
 * NULL when out of memory.
 */
struct session *session_new(const struct scenario *scen,
			    const struct session_opts *o,
			    struct observer *obs);
/* session_end, then free.  NULL is a no-op. */
void session_free(struct session *s);

/*
 * Launch the scenario: its main process is exec'd and named, and waits;
 * the observer is given the scenario's marker.  0, or -errno with "cannot start scenario NAME: why" in err[errlen]
 * (nothing is left running).
 */
int session_launch(struct session *s, char *err, size_t errlen);
/*
 * Follow the launched scenario (observer_add_root with descendants), add
 * the note saying who adopts orphans, start the --duration clock and let
 * the scenario begin.  0, or -errno with a message (then session_end has
 * been done).
 */
int session_go(struct session *s, char *err, size_t errlen);
/* session_launch, then session_go. */
int session_start(struct session *s, char *err, size_t errlen);
/*
 * Kill and reap whatever is left of the scenario and close its pipes
 * (the observer may have reaped the main process: its status is taken
 * from there).  Safe to call twice.
 */
void session_end(struct session *s);
/*
 * End the scenario, note "restart: ...", start it again.  0, or -errno
 * with a message in msg[len].
 */
int session_restart(struct session *s, char *msg, size_t len);

/* Turn every protocol message waiting on the notes pipe into a note. */
void session_drain(struct session *s);
/*
 * SIGKILL every process of the scenario now (not reaped: the observer
 * shows the zombies reaped).  With @why, note it first.  The --duration
 * clock stops.  0 or -errno.
 */
int session_stop(struct session *s, const char *why);
/* The --duration time has come (the scenario is running). */
bool session_due(const struct session *s);
/* When it comes (common/clock.h milliseconds), or -1: none pending. */
int64_t session_due_ms(const struct session *s);

/*
 * Headless: follow the session until it is over.  Over means every
 * process of the scenario has exited (none holds the notes pipe) and has
 * been reaped (the observer tracks nothing).  At --duration or when
 * *@stop becomes non-zero (a signal) the scenario is killed, and the
 * session is followed until everything is gone, at most
 * SESSION_STOP_WAIT_MS.  Once everything has exited, the zombies' reaping
 * is awaited at most SESSION_REAP_WAIT_MS (then a note says so): an
 * adopter that never reaps (the init of some containers) must not hang
 * procviz.  Returns 0 or -errno (poll or the observer failed).
 */
int session_run(struct session *s, const volatile sig_atomic_t *stop);

/*
 * The lecturer's controls (the lesson view's hooks; messages are for its
 * status line).  session_key: a key of the scenario's controls: 1 sent,
 * 0 not a scenario key, -errno.  session_next: 'n' in step mode, 0 or
 * -errno.  session_freeze: SIGSTOP (@frozen) or SIGCONT every process of
 * the scenario, 0 or -errno.
 */
int session_key(struct session *s, int key, char *msg, size_t len);
int session_next(struct session *s, char *msg, size_t len);
int session_freeze(struct session *s, bool frozen, char *msg, size_t len);

/* ---- what the views show ------------------------------------------------ */

const struct scenario *session_scenario(const struct session *s);
/* Launched and not ended. */
bool session_running(const struct session *s);
/* Step mode: the scenario waits for 'n'. */
bool session_waiting(const struct session *s);
/* The current step (0 before the first) and its text ("" before). */
int session_step(const struct session *s, const char **text);
/* The scenario's last note ("" if none yet). */
const char *session_last_note(const struct session *s);
/*
 * After session_end: the exit status of the scenario's main process when
 * it exited by itself with a non-zero status - the lesson failed (gil
 * without python3) and its last note says why - else 0.
 */
int session_failed(const struct session *s);
/* The main process's pid (0 before the launch). */
int session_pid(const struct session *s);
/*
 * The header of this session's reports and recording: source "run", the
 * scenario, the observer's interval, event source and sources, and
 * whether procviz is the subreaper.  Strings borrow from the session and
 * its observer; take it after session_launch (the sources then include
 * the scenario's marker).
 */
void session_header(const struct session *s, struct report_obs_header *h);

#endif
