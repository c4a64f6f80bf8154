/*
 * viz/core/observer.h - the observation run loop: sampler + event source +
 * model + timer, drivable by any poll loop.
 *
 * The observer owns a sampler (viz/core/sampler.h), an event source - the
 * tracer (viz/core/ptrace_src.h) when cfg.trace asks for it and the kernel
 * permits, else the process connector (viz/core/procconn.h) when it is
 * available, else polling's helpers - and a model (viz/core/model.h).  It
 * does not own a loop: the caller asks for the file descriptors to poll
 * and the time until the next sample, polls (together with its own fds,
 * e.g. the terminal), then calls observer_step().  The headless commands
 * use observer_run(); the curses UI calls the pieces from its own loop.
 *
 *     struct pollfd fds[8];
 *     int n = observer_pollfds(o, fds, 8);
 *     poll(fds, n, observer_timeout_ms(o));
 *     observer_step(o);              // reads events, samples when due
 *
 * Events reach sinks in time order: after every model update the observer
 * drains the model's pending queue and calls the sink callback once per
 * event (same thread, inside observer_step / observer_note).  The model is
 * readable at any time between calls (observer_model()).
 *
 * Times are milliseconds since observer_new() (CLOCK_MONOTONIC).
 *
 * Reaping: with reap_children, the observer reaps (waitpid on that exact
 * pid, never -1) a process whose parent is this process only after the
 * model has seen it as a zombie, so the zombie -> reap sequence is always
 * visible.  It never reaps anything else, so other children's statuses
 * stay with their owners.
 */
#ifndef PROCVIZ_VIZ_OBSERVER_H
#define PROCVIZ_VIZ_OBSERVER_H

#include "viz/core/model.h"

#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OBSERVER_INTERVAL_MIN 10
#define OBSERVER_INTERVAL_MAX 1000
#define OBSERVER_INTERVAL_DEFAULT 100

typedef void (*observer_sink_fn)(const struct model_event *ev, void *arg);

struct observer_config {
	int interval_ms;	/* OBSERVER_INTERVAL_MIN..MAX; 0 = default */
	/*
	 * The sources' off switches, set by the front end from the
	 * environment (cli_observer_env(): PROCVIZ_NO_NETLINK=1,
	 * PROCVIZ_NO_PTRACE=1); the core reads no environment.  no_netlink:
	 * no connector, poll; no_ptrace: the tracer refused (-ENOTSUP) as a
	 * kernel would refuse it.
	 */
	bool no_netlink;
	bool no_ptrace;
	/*
	 * Trace the roots (viz/core/ptrace_src.h) where the kernel lets us:
	 * every fork, exec and exit of their trees at once, as the
	 * connector gives them, for any user.  observer_seize() starts it.
	 */
	bool trace;
	bool reap_children;	/* see above; watch sets it */
	bool threads;		/* threads mode: every thread is a task
				 * (procviz.1 "TASKS AND WAITS",
				 * viz/core/tasks.h) */
	observer_sink_fn sink;	/* may be NULL: events stay in the model log */
	void *sink_arg;		/* borrowed, passed to sink */
	/*
	 * Taps (may be NULL), for recording (viz/core/record.h): called with
	 * every snapshot, just before the model is fed it, and with every
	 * note and its time, so that feeding the same calls to a fresh
	 * model derives the very same events.
	 */
	void (*tap_snapshot)(const struct snapshot *s, void *arg);
	void (*tap_note)(int64_t t_ms, const char *text, void *arg);
	void *tap_arg;		/* borrowed, passed to the taps */
	/*
	 * Called first thing in every observer_step() (never in replay) with
	 * observer_now_ms(); may be NULL.  The front ends' test hook
	 * PROCVIZ_TEST_FAIL_AFTER_MS (viz/cmd/cli.h) sits here.
	 */
	void (*step_hook)(int64_t now_ms, void *arg);
	void *step_hook_arg;	/* borrowed, passed to step_hook */
	/*
	 * Called before the observer takes in what it observes (each process
	 * connector message, each poll and sample; never in replay); may be
	 * NULL.  A lesson's session hands it the notes written before that
	 * (observer_note), so notes and events come in the order they
	 * happened.  Set by observer_set_before().
	 */
	void (*before)(void *arg);
	void *before_arg;	/* borrowed, passed to before */
};

struct observer;

/*
 * Create an observer with no roots.  Opens the process connector unless
 * disabled or refused (then polls).  Returns NULL with errno on failure.
 */
struct observer *observer_new(const struct observer_config *cfg);
void observer_free(struct observer *o);	/* NULL is a no-op */

/*
 * Follow @pid and, from now on, every process it or its descendants
 * create.  With @descendants, also every current descendant.  Reads it at
 * once (spawn events for each).  Returns 0 or -errno: -ESRCH no such
 * process, -EACCES/-EPERM not permitted, -EEXIST already followed.
 */
int observer_add_root(struct observer *o, int pid, bool descendants);

/*
 * Trace @pid (and with @descendants its present descendants) with the
 * tracer that cfg.trace started: call it before observer_add_root() for
 * the same pid.  On failure the observer stops tracing and falls back to
 * the connector or polling for good, observer_trace_error() says why, and
 * the -errno comes back: -ENOTSUP not tracing (not asked, refused at
 * start: cfg.no_ptrace, the ptrace policy, a seccomp filter), -EPERM
 * this process may not be traced, -ESRCH no such process.
 */
int observer_seize(struct observer *o, int pid, bool descendants);
/*
 * The tracer's pid, for a process about to be traced to name it with
 * prctl(PR_SET_PTRACER); 0 when not tracing.
 */
int observer_tracer_pid(const struct observer *o);
/*
 * Why the observer does not trace although cfg.trace asked it to: 0
 * (it traces, or was not asked), or the -errno of the refusal.
 */
int observer_trace_error(const struct observer *o);

/* "ptrace", "netlink" or "poll": the event source in use. */
const char *observer_event_source(const struct observer *o);
/*
 * Every source in use, comma-separated, the event source first: "ptrace",
 * "netlink" or "poll", then "pidfd" (polling: a pidfd per process wakes us at its
 * exit), "pidfd-exit" (the kernel gives the status of a process reaped
 * before we read it), "marker" (polling: new processes carrying the
 * marker are followed), "scenario" (the processes announce their forks
 * and reaps).  procviz(1) says what each mode sees.  The string lives in
 * @o until the next call.
 */
const char *observer_sources(struct observer *o);

/*
 * The processes to follow carry @entry ("NAME=VALUE", copied; NULL: none)
 * in their exec-time environment: when polling, new processes carrying it
 * are followed even if they left the tree unseen (viz/core/marker.h).
 * @announced: they announce their forks and reaps (observer_hint_*).
 */
/* Set (or with @fn NULL, clear) the config's before hook. */
void observer_set_before(struct observer *o, void (*fn)(void *arg),
			 void *arg);

void observer_set_marker(struct observer *o, const char *entry,
			 bool announced);

/*
 * A followed process announced that it forked @pid (named @comm, may be
 * NULL), before the child ran anything (the scenario protocol,
 * scenarios/scenario.h).  Follows @pid and reads it now; if it is already
 * gone, reports it from the announcement (spawn, then its exit when
 * observer_hint_reap() or the next sample says so).  0 or -errno.
 */
int observer_hint_fork(struct observer *o, int pid, int ppid,
		       const char *comm);
/*
 * A followed process @by announced that wait() returned @pid with the
 * wait status @status: the exit and the reap are reported with them.
 * 0 or -errno.
 */
int observer_hint_reap(struct observer *o, int pid, int by, int status);
int observer_interval_ms(const struct observer *o);
/*
 * Change the sampling period while running (the lesson view's +/-):
 * clamped to OBSERVER_INTERVAL_MIN..MAX; the next reading comes no later
 * than one new period from now.  Returns the period now in force.
 */
int observer_set_interval(struct observer *o, int interval_ms);
int64_t observer_now_ms(const struct observer *o);
/*
 * Threads mode (the lesson view's H turns it on while running): from the
 * next reading on, every thread of a followed process is read as a task.
 * A replay observer only remembers the flag (its recording decides).
 */
bool observer_threads(const struct observer *o);
void observer_set_threads(struct observer *o, bool on);

/*
 * Fill up to @max pollfds (events = POLLIN); returns the number used.
 * Call it before every poll: the set can change (a connector whose
 * socket fails is dropped, and the observer goes on by polling).
 */
int observer_pollfds(const struct observer *o, struct pollfd *fds,
		     int max);
/* Milliseconds until the next sample is due (0 if overdue). */
int observer_timeout_ms(const struct observer *o);
/*
 * Do whatever is due: read connector events (and sample the processes
 * they name at once), take the periodic sample if its time has come, reap
 * (see above), deliver events.  Never blocks.  Returns 0 or -errno.
 */
int observer_step(struct observer *o);

/* Inject a note event (a scenario's step) at the current time. */
int observer_note(struct observer *o, const char *text);

/*
 * True once at least one root was added and no tracked process is left in
 * /proc (all exited and were reaped).
 */
bool observer_done(const struct observer *o);

/* The model, read-only; valid until observer_free. */
const struct model *observer_model(const struct observer *o);

/*
 * Headless loop: step until observer_done, @duration_ms elapsed
 * (0 = no limit) or *@stop becomes non-zero (may be NULL).  A final
 * sample is taken before returning.  Returns 0 or -errno.
 */
int observer_run(struct observer *o, int64_t duration_ms,
		 volatile sig_atomic_t *stop);

/*
 * A replay observer: no /proc, no connector, no clock.  Its model is fed
 * by the caller (a recording, viz/core/record.h) through observer_feed*;
 * observer_step does nothing, observer_pollfds gives no fds, the time is
 * the model's last reading, observer_add_root fails with -EPERM and
 * observer_done is true once something was fed and no process is alive.
 * @event_source is copied ("netlink"/"poll" as recorded).  The taps of
 * @cfg are ignored.  NULL with errno on failure.
 */
struct observer *observer_new_replay(const struct observer_config *cfg,
				     const char *event_source);
/* Whether @o watches real processes (false for a replay observer). */
bool observer_live(const struct observer *o);
/* Replay observer only: feed a snapshot / a note, deliver the events. */
int observer_feed(struct observer *o, const struct snapshot *s);
int observer_feed_note(struct observer *o, int64_t t_ms, const char *text);
/* Replay observer only: forget everything (an empty model).  0/-ENOMEM. */
int observer_feed_reset(struct observer *o);

/*
 * Wait status of a reaped direct child (reap_children), true if known.
 * Lets `watch` report how its command ended.
 */
bool observer_child_status(const struct observer *o, int pid, int *status);

#endif
