/*
 * viz/core/observer_int.h - the observer's insides, shared by observer.c
 * (the loop, the connector) and observer_poll.c (what polling adds: a
 * pidfd per process, the environment marker, the lessons' announcements,
 * faster samples after a change).  Not for use outside viz/core/observer*.
 */
#ifndef PROCVIZ_VIZ_OBSERVER_INT_H
#define PROCVIZ_VIZ_OBSERVER_INT_H

#include "viz/core/marker.h"
#include "viz/core/procconn.h"
#include "viz/core/observer.h"

#define GHOSTS_MAX 64
#define STATUSES_MAX 64
#define ACK_TIMEOUT_MS 500
#define FAST_MS OBSERVER_INTERVAL_MIN	/* polling: period after a change */
#define ZOMBIE_RECHECK_MS 20		/* polling: zombies re-read this often */
#define MARKED_MAX 64		/* new marked processes taken per scan */
#define OBSERVER_NICE (-10)	/* with the connector, if allowed */
#define HINT_GHOST_WAIT_MS 500	/* an announced ghost's reap, awaited */

struct child_status {
	int pid;
	int status;
};

struct observer {
	struct observer_config cfg;
	struct sampler *sampler;	/* owned */
	struct procconn *conn;		/* owned; NULL: polling */
	struct model model;
	struct snapshot snap;		/* scratch, reused */
	int64_t t0_ms;			/* CLOCK_MONOTONIC at creation */
	int64_t next_sample_ms;
	bool have_root;
	bool rescan;			/* connector lost events */
	int self;			/* getpid() */
	int ghosts[GHOSTS_MAX];		/* gone before their fork, or found
					 * gone by a reading: their exit
					 * message is awaited */
	int n_ghosts;
	struct child_status statuses[STATUSES_MAX];	/* ring */
	int n_statuses;
	int err;			/* first error inside a callback */
	unsigned long filter_gen;	/* sampler generation in the filter */
	int *filter_pids;		/* owned scratch for the filter */
	size_t filter_cap;
	bool replay;			/* observer_new_replay */
	char event_source[16];		/* replay: as recorded */
	/* Polling's helpers (observer_poll.c): */
	struct pidwatch *pw;		/* owned; NULL: connector or no pidfd */
	struct marker_scan marker;	/* observer_set_marker; len 0: none */
	bool announced;			/* the run announces its forks */
	int marked[MARKED_MAX];		/* found by the marker, not yet
					 * followed (announced runs) */
	int n_marked;
	int hint_ghosts[GHOSTS_MAX];	/* announced, gone before read */
	int64_t hint_ghost_ms[GHOSTS_MAX];	/* when each was announced */
	int n_hint_ghosts;
	int64_t fast_until_ms;		/* sample every FAST_MS until then */
	int64_t next_fast_ms;
	int64_t next_zombie_recheck_ms;		/* next re-reading of the zombies */
	char sources[80];		/* observer_sources() */
	/* The tracer (observer_trace.c): */
	struct ptrace_src *trace;	/* owned; NULL: not tracing */
	int trace_err;			/* why not (-errno), 0: not asked */
	int reap_ep;			/* epoll of zombies' pidfds, or -1 */
	struct obs_reapw *reapw;	/* owned: what is in it */
	size_t n_reapw, cap_reapw;
};

/* A zombie's pidfd (tracing): it hangs up when the zombie is reaped. */
struct obs_reapw {
	int pid;
	int fd;
};
#define REAPW_MAX 256			/* zombies watched so at once */

/*
 * Read the notes written so far (observer_config.before, the lesson's
 * note pipe) before taking in what happened after them: an event learnt
 * now (a pidfd's exit, a connector message) happened after every note
 * already written, so the log keeps the order things happened in.
 */
void obs_before(struct observer *o);

/*
 * Show a process no reading caught (it came and went between two, or is
 * gone already): an entry with what a fork gives it - @ppid, running, one
 * thread, its parent's group and session, the name @comm (announced) or,
 * @comm NULL or empty, its parent's (inherited) - applied at once.  @held:
 * how many such processes the caller holds already; true if it may hold
 * this one too, false if there is no room (GHOSTS_MAX: it was closed at
 * once, vanished, status unknown) or no memory.  For the connector's
 * ghosts (observer.c) and polling's announced ones (observer_poll.c).
 */
bool obs_show_ghost(struct observer *o, int pid, int ppid, const char *comm,
		    size_t held);

/* observer.c, for observer_poll.c */
void obs_apply(struct observer *o);		/* o->snap into the model */
void obs_note_err(struct observer *o, int err);
void obs_update_filter(struct observer *o);	/* the connector's filter */
void obs_recheck_zombies(struct observer *o, int skip);
void obs_spawn_as_forked(struct observer *o, int fork_ppid);
/* A fork, exec or exit, from the connector or the tracer. */
void obs_conn_event(struct observer *o, const struct procconn_event *ev);
/* After the events were read: the ghosts none came for are gone. */
void obs_close_ghosts(struct observer *o);
/* The connector, or else polling and its helpers. */
void obs_start_sources(struct observer *o);

/* observer_trace.c, for observer.c */
int obs_trace_start(struct observer *o);	/* 0, or -errno: not tracing */
void obs_trace_free(struct observer *o);
int obs_trace_fds(const struct observer *o, struct pollfd *fds, int max);
void obs_trace_drain(struct observer *o);	/* its events */
int64_t obs_trace_due_ms(const struct observer *o);	/* or -1 */
void obs_trace_step(struct observer *o);	/* reaps, zombies */
void obs_trace_fix_states(struct observer *o);	/* o->snap, see there */

/* observer_poll.c, for observer.c */
void obs_poll_start(struct observer *o);	/* pidfds, if the kernel can */
void obs_poll_free(struct observer *o);
void obs_poll_fill_exits(struct observer *o);	/* vanished: exit codes */
int obs_poll_fds(const struct observer *o, struct pollfd *fds, int max);
int64_t obs_poll_due_ms(const struct observer *o);	/* next duty, or -1 */
void obs_poll_step(struct observer *o);	/* pidfd exits, zombies */
void obs_poll_before_sample(struct observer *o);	/* marked processes */
/* After a sample (@periodic: the period's, not a fast one). */
void obs_poll_after_sample(struct observer *o, bool periodic,
			   size_t tracked_before, unsigned zombies_before);
bool obs_poll_done(const struct observer *o);

#endif
