/*
 * viz/core/model.h - the observation model: tracked processes, their history
 * and the events derived from successive snapshots.
 *
 * Pure: no /proc, no libproc2, no curses, no clock.  model_apply() takes a
 * struct snapshot (viz/core/snapshot.h) and updates the table; every change it
 * sees becomes a struct model_event, appended both to the pending queue
 * (drained by the caller: observer, sinks) and to a bounded log (for the
 * UI's event log).  Memory is bounded: each process keeps the last
 * MODEL_HIST_LEN history entries, the log keeps the last MODEL_LOG_LEN
 * events, and at most MODEL_MAX_DEAD vanished processes are kept for
 * display (oldest dropped first).  A long lecture does not grow it.
 *
 * States (procviz.1 "OBSERVATION EVENTS AND STATES"):
 *   zombie   the /proc letter is Z (or X);
 *   stopped  T or t;
 *   blocked  S, D, I (or any other non-R letter);
 *   running / ready  the letter is R.  Linux says R both for a task on a
 *            CPU and for one waiting in a run queue, so procviz looks at
 *            /proc/PID/schedstat: over the interval since the previous
 *            reading, run = growth of time on CPU, wait = growth of
 *            run-queue wait.  The process is READY if wait > run, else
 *            RUNNING (so a process that neither ran nor waited, e.g. one
 *            just woken, counts as running).  Without schedstat, CPU ticks
 *            are used: grew -> running, else ready.  Both shares are kept
 *            (run_pm, wait_pm: per mille of the interval) so a view can
 *            draw running and ready in proportion.
 *
 * Events (procviz.1 "OBSERVATION EVENTS AND STATES"), in the order emitted for
 * one process in one snapshot: spawn, reparent, exec, threads, exit,
 * state, then reap or gone.
 *   spawn     first time a pid (with its start time) is seen; no state
 *             event accompanies it (its first state is in the record).
 *   exec      comm or command line changed.  u.exec.seen says what was
 *             seen, so that no sink claims more: the exec itself (the
 *             connector), a new command line (an exec), a new name with
 *             the same command line (prctl(PR_SET_NAME): u.exec.renamed
 *             set), or only a new name (the command line could not be
 *             read, e.g. it is already a zombie: exec or rename).
 *   state     the derived state changed.
 *   threads   the thread count changed (not reported at spawn).
 *   exit      first seen as a zombie, or vanished without being one;
 *             status/signal from the zombie's exit code when known.
 *   reap      a process seen as a zombie vanished: by = its parent at that
 *             time (or the reaper the source names), zombie_ms = time
 *             from the first zombie reading to the vanishing.
 *   reparent  ppid changed: from, to, to_comm (the new parent's name).
 *   gone      vanished without ever being seen as a zombie.
 *   note      injected text (scenario steps), model_note().
 *
 * Names: news of a process's name can reach the model out of order (a
 * lesson's announcement is read late, a connector's fork message late
 * under load), so an entry says how new its name is (snap_proc.comm_from)
 * and a name older than the one the model has never replaces it: no exec
 * event rolls a name back.  A process's names come in this order: the
 * one inherited at its fork (its parent's), then the one a lesson process
 * announces it gave itself right after its fork, then any later one (an
 * exec, another rename).  So
 *   - an inherited name (not read) names a process first seen, never a
 *     known one;
 *   - an announced name renames a known process only while the model has
 *     seen it under its inherited name alone (model_proc.named false:
 *     first read under its parent's name, or first known from its fork
 *     message); once a reading or an announcement showed a name of its
 *     own, the announcement is older news;
 *   - a name read from /proc always applies (it is read now).
 * A process that gets its parent's name back by an exec after
 * announcing, read only then, is the one case this order cannot tell.
 *
 * Tasks (threads mode, procviz.1 "TASKS AND WAITS"): a snapshot that lists
 * a process's threads (snap_proc.tasks_listed, snapshot.tasks[]) makes
 * each thread other than the main one a task of its own: a struct
 * model_proc with tid != 0, kept apart from the
 * processes (model_task_count/model_task_at), with its own state,
 * history and events, which carry tid:
 *   spawn     a thread first seen (comm: its name; no ppid);
 *   exec      renamed: the thread renamed itself (pthread_setname_np);
 *   state     as for a process;
 *   exit      the thread ended: no longer listed, or its process exited
 *             or vanished (then before the process's own events).
 * The main thread is the process itself (its events carry no tid).
 * Ended tasks are kept for display, at most MODEL_MAX_DEAD_TASKS.
 *
 * Waits: every process and task keeps what it sleeps in (the raw system
 * call, fd link and wchan of the last reading that had them, cleared when
 * it is no longer blocked) and the word wait_classify() makes of them; a
 * state event whose "to" is blocked carries both (u.state.wait WAIT_NONE:
 * not visible).  A task blocked at two readings in a row whose known wait
 * word changed between them (asleep, then on a lock) gets a state event
 * from blocked to blocked with the new word.
 */
#ifndef PROCVIZ_VIZ_MODEL_H
#define PROCVIZ_VIZ_MODEL_H

#include "viz/core/snapshot.h"
#include "viz/core/wait.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MODEL_HIST_LEN 512	/* history entries kept per process */
#define MODEL_LOG_LEN 2000	/* events kept in the log */
#define MODEL_MAX_DEAD 256	/* vanished processes kept for display */
#define MODEL_MAX_DEAD_TASKS 256	/* ended tasks kept for display */
#define MODEL_NOTE_LEN 256
#define MODEL_HASH_SIZE 1024	/* internal: buckets of the pid index */

enum model_state {
	MODEL_ST_RUNNING,
	MODEL_ST_READY,
	MODEL_ST_BLOCKED,
	MODEL_ST_STOPPED,
	MODEL_ST_ZOMBIE,
	MODEL_ST_GONE,		/* no longer in /proc (reaped or vanished) */
};

/* What an exec event rests on (model.h, "exec"). */
enum model_exec_seen {
	MODEL_EXEC_SEEN,	/* the event source reported the exec */
	MODEL_EXEC_CMDLINE,	/* a new command line was read */
	MODEL_EXEC_RENAME,	/* new comm, same command line */
	MODEL_EXEC_COMM,	/* new comm only: exec or rename, not seen */
};

enum model_event_type {
	MODEL_EV_SPAWN,
	MODEL_EV_EXEC,
	MODEL_EV_STATE,
	MODEL_EV_THREADS,
	MODEL_EV_EXIT,
	MODEL_EV_REAP,
	MODEL_EV_REPARENT,
	MODEL_EV_GONE,
	MODEL_EV_NOTE,
};

struct model_event {
	enum model_event_type type;
	int64_t t_ms;
	int pid;			/* 0 for note */
	int tid;			/* a thread's event: its tid, else 0 */
	char comm[SNAP_COMM_LEN];	/* the process's (thread's) comm */
	int ppid;			/* spawn, state: the current parent */
	uint64_t start_ticks;		/* its start time (model_birth_cmp) */
	/*
	 * spawn whose state is blocked, state whose "to" is blocked: what it
	 * waits for (model.h "Waits"; WAIT_NONE: not visible) and the raw
	 * facts ("" unknown).
	 */
	enum wait_kind wait;
	char syscall[SNAP_SYSCALL_LEN];
	char fd[SNAP_FD_LEN];
	char wchan[SNAP_WCHAN_LEN];
	union {
		struct {			/* spawn */
			/* The state first seen, so a process blocked from
			 * birth reads as blocked without a state event. */
			enum model_state state;
		} spawn;
		struct {			/* exec */
			char cmdline[SNAP_CMDLINE_LEN];
			/* Only comm changed, the command line read the
			 * same (prctl(PR_SET_NAME)): shown as a rename. */
			bool renamed;
			enum model_exec_seen seen;
		} exec;
		struct {			/* state */
			enum model_state from, to;
		} state;
		struct {			/* threads */
			int from, count;
		} threads;
		struct {			/* exit: -1 when unknown */
			int status, signal;
		} exit;
		struct {			/* reap */
			int by;
			int64_t zombie_ms;
		} reap;
		struct {			/* reparent */
			int from, to;
			char to_comm[SNAP_COMM_LEN];
		} reparent;
		struct {			/* note */
			char text[MODEL_NOTE_LEN];
		} note;
	} u;
};

/* One history entry: the state at one reading. */
struct model_hist {
	int64_t t_ms;
	uint8_t state;		/* enum model_state */
	uint16_t run_pm;	/* per mille of the interval on a CPU */
	uint16_t wait_pm;	/* per mille of the interval in a run queue */
};

struct model_proc {
	int pid, ppid, pgid, sid;
	int tid;			/* a task (thread): its tid; else 0 */
	uint64_t start_ticks;
	char comm[SNAP_COMM_LEN];
	/* comm is one of its own, not the one inherited at its fork: an
	 * announced name is then older news (model.h "Names"). */
	bool named;
	char cmdline[SNAP_CMDLINE_LEN];
	char raw_state;			/* last /proc letter */
	enum model_state state;
	int threads;
	int max_threads;		/* the most it had at one reading */
	int tty_nr;			/* controlling terminal (dev), 0 none */
	int64_t first_ms;		/* first seen */
	int64_t last_ms;		/* last reading */
	int64_t zombie_ms;		/* first seen as zombie, -1 never */
	int64_t gone_ms;		/* vanished, -1 still present */
	int exit_status, exit_signal;	/* -1 unknown */
	uint64_t cpu_ticks, run_ns, wait_ns;	/* at the last reading */
	bool has_schedstat;
	uint16_t run_pm, wait_pm;	/* last interval's shares */
	/* What it sleeps in while blocked (model.h "Waits"). */
	enum wait_kind wait;
	char syscall[SNAP_SYSCALL_LEN];
	char fd[SNAP_FD_LEN];
	char wchan[SNAP_WCHAN_LEN];
	unsigned long seen_gen;		/* internal: last model_apply listing */
	/* history ring: hist[(hist_head + i) % MODEL_HIST_LEN], i < hist_n */
	struct model_hist hist[MODEL_HIST_LEN];
	size_t hist_head, hist_n;
	struct model_proc *hash_next;	/* internal: pid hash chain */
};

struct model {
	struct model_proc **procs;	/* owned; in order of first sight */
	size_t n_procs, cap_procs;
	size_t n_dead;			/* of which have gone_ms >= 0 */
	struct model_event *pending;	/* owned; not yet drained */
	size_t n_pending, cap_pending;
	struct model_event *log;	/* owned ring of MODEL_LOG_LEN */
	size_t log_head, log_n;
	uint64_t events_total;
	unsigned processes;		/* distinct processes ever tracked */
	unsigned zombies;		/* zombies now */
	unsigned max_zombies;		/* most zombies at one time */
	int64_t last_t_ms;
	struct model_proc **tasks;	/* owned; tasks, in order of sight */
	size_t n_tasks, cap_tasks;
	size_t n_dead_tasks;		/* of which have ended */
	unsigned long gen;		/* internal: model_apply count */
	struct model_proc *hash[MODEL_HASH_SIZE];	/* internal */
	struct model_proc *task_hash[MODEL_HASH_SIZE];	/* internal */
	size_t *order;			/* internal, owned: model_apply's
					 * birth order of a snapshot */
	size_t cap_order;
};

/* Caller-owned model.  model_init returns 0 or -ENOMEM. */
int model_init(struct model *m);
void model_clear(struct model *m);

/*
 * Fold a snapshot into the model and derive events (appended to the
 * pending queue and the log, in the order described above; a snapshot's
 * processes are handled in their order, then its vanished list).  A full
 * snapshot adds one history entry to every process it lists.  A process
 * not listed and not vanished is left unchanged (even in a full
 * snapshot: whoever builds the snapshot decides what vanished).
 * Returns 0, or -ENOMEM (the model stays consistent; events may be lost).
 */
int model_apply(struct model *m, const struct snapshot *s);

/* Append a note event (text truncated to MODEL_NOTE_LEN - 1). 0/-ENOMEM. */
int model_note(struct model *m, int64_t t_ms, const char *text);

/*
 * Pending events, oldest first, valid until the next model_apply,
 * model_note or model_pending_clear.
 */
size_t model_pending(const struct model *m, const struct model_event **out);
void model_pending_clear(struct model *m);

/* The log: i = 0 is the oldest kept event; i < model_log_count(m). */
size_t model_log_count(const struct model *m);
const struct model_event *model_log_get(const struct model *m, size_t i);

/*
 * Birth order, the one order of siblings everywhere (tree, SVG, replay,
 * the events of one reading): by start time (@start, clock ticks since
 * boot), then by pid or tid (@id).  A start time of 0 (unknown) sorts as
 * the earliest.  <0, 0 or >0 as strcmp.
 */
int model_birth_cmp(uint64_t start_a, int id_a, uint64_t start_b, int id_b);

/*
 * Processes in birth order (model_birth_cmp), vanished ones kept included.
 * model_apply handles a reading's processes and tasks in birth order too,
 * so the spawn events of siblings seen together come oldest first.
 */
size_t model_count(const struct model *m);
const struct model_proc *model_proc_at(const struct model *m, size_t i);
/* The present (not vanished) process with @pid, else NULL. */
const struct model_proc *model_find(const struct model *m, int pid);
/*
 * Fill @sp with @p as it was last read: the reading that would give the
 * model @p back (its ids, state letter, threads, times, name, command
 * line), the reverse of what model_apply() takes from a reading.  A field
 * added to one goes to both (model.c keeps them side by side).
 */
void model_proc_give(const struct model_proc *p, struct snap_proc *sp);
/* History entry i (0 = oldest kept) of @p. */
const struct model_hist *model_proc_hist(const struct model_proc *p,
					 size_t i);
/* Tasks (threads other than main ones) in birth order, ended ones kept
 * included. */
size_t model_task_count(const struct model *m);
const struct model_proc *model_task_at(const struct model *m, size_t i);
/* The live task @tid, else NULL. */
const struct model_proc *model_find_task(const struct model *m, int tid);
/* Processes still present (not vanished), zombies included. */
size_t model_alive(const struct model *m);

/* "running", "ready", ... as in procviz.1; "gone" for MODEL_ST_GONE. */
const char *model_state_name(enum model_state st);
/* One letter for monochrome views: R r B T Z -  (running, ready...). */
char model_state_letter(enum model_state st);
/*
 * The state a /proc state letter shows, the one mapping of procviz: R
 * running; Z zombie, X and x dead (a zombie on its way out); T, t
 * stopped; any other (S, D, I, W, P...) blocked.  R alone cannot tell
 * running from ready: the model derives ready from the CPU time.
 */
enum model_state model_state_from_letter(char c);
/* "spawn", "exec", ... as in procviz.1. */
const char *model_event_name(enum model_event_type t);
/* "exec", "cmdline", "rename", "comm": the JSON "seen" of an exec. */
const char *model_exec_seen_name(enum model_exec_seen seen);

#endif
