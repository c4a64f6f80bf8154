/*
 * viz/core/snapshot.h - one reading of a set of processes, as the model sees it.
 *
 * A snapshot is the data that flows from a source (the /proc sampler, a
 * test's hand-written sequence, a replay file) into model_apply().  It is
 * plain data: no pointers into the source, no libproc2 or curses types, so
 * the model can be unit-tested without /proc.
 *
 * A snapshot may be FULL (every tracked process was read: this is a sample
 * period, and the model records one history entry per process) or PARTIAL
 * (only some processes were read at once, e.g. because the process
 * connector reported a fork or an exit; the model updates those only).
 * Either way, a process listed in vanished[] has disappeared from /proc
 * (reaped, or never seen as a zombie) and is no longer tracked.
 */
#ifndef PROCVIZ_VIZ_SNAPSHOT_H
#define PROCVIZ_VIZ_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SNAP_COMM_LEN 16	/* TASK_COMM_LEN, including the NUL */
#define SNAP_CMDLINE_LEN 256	/* longer command lines are truncated */
#define SNAP_SYSCALL_LEN 24	/* a system call's name */
#define SNAP_FD_LEN 48		/* an fd's link, "pipe:[1234]" */
#define SNAP_WCHAN_LEN 40	/* a kernel function's name */

/*
 * What a blocked task sleeps in (viz/core/wait.h turns it into a word).
 * Read only when the task is blocked and its state just changed, or now
 * and then while it stays blocked: @read says this reading has it; when
 * false the strings are empty and the previous ones still hold.
 */
struct snap_wait {
	bool read;
	char syscall[SNAP_SYSCALL_LEN];	/* "futex"; "" not visible */
	char fd[SNAP_FD_LEN];		/* its fd argument's link, or "" */
	char wchan[SNAP_WCHAN_LEN];	/* "" or "0": not visible */
};

/*
 * Where a process entry's comm comes from (model.h "Names"), from the
 * newest to the oldest news of a process's name:
 *   READ       read from /proc for this entry (every sampler reading);
 *   ANNOUNCED  the name a lesson process announced it gave itself right
 *              after its fork (the scenario protocol): older than a
 *              reading that saw another name of its own;
 *   INHERITED  not read: its parent's, the name every child has at its
 *              fork (a process known only from its fork message): the
 *              oldest name it can have.
 */
enum snap_comm_from {
	SNAP_COMM_READ,		/* 0: a zeroed entry */
	SNAP_COMM_ANNOUNCED,
	SNAP_COMM_INHERITED,
};

/* One process as read from /proc/PID/{stat,schedstat,cmdline}. */
struct snap_proc {
	int pid;
	int ppid;
	int pgid;
	int sid;
	int tty_nr;		/* controlling terminal (dev_t), 0 none */
	char state;		/* the /proc letter: R S D I T t Z X ... */
	int threads;		/* num_threads */
	uint64_t start_ticks;	/* starttime: (pid, start_ticks) is the identity */
	uint64_t cpu_ticks;	/* utime + stime, clock ticks */
	bool has_schedstat;	/* run_ns/wait_ns are valid */
	uint64_t run_ns;	/* schedstat: time on a CPU (main thread) */
	uint64_t wait_ns;	/* schedstat: time waiting in a run queue */
	int exit_code;		/* wait(2)-style status of a zombie, -1 unknown */
	char comm[SNAP_COMM_LEN];
	enum snap_comm_from comm_from;	/* how new comm is (see above) */
	char parent_comm[SNAP_COMM_LEN];	/* comm of ppid, "" unknown */
	bool exec_seen;		/* the event source saw it exec since the
				 * previous reading (the connector) */
	bool cmdline_valid;	/* cmdline was (re-)read for this snapshot */
	char cmdline[SNAP_CMDLINE_LEN];	/* argv joined by spaces */
	struct snap_wait wait;	/* the main thread's (see above) */
	/*
	 * Threads mode: every thread of this process other than the main one
	 * is in the snapshot's tasks[] (a thread not listed has ended).
	 */
	bool tasks_listed;
};

/*
 * One thread (task) of a process, other than its main thread, read from
 * /proc/PID/task/TID/{stat,schedstat} (threads mode only).
 */
struct snap_task {
	int pid;		/* the process (thread group) */
	int tid;		/* the thread, != pid */
	char state;		/* the /proc letter */
	uint64_t start_ticks;	/* (tid, start_ticks) is the identity */
	uint64_t cpu_ticks;
	bool has_schedstat;
	uint64_t run_ns, wait_ns;
	char comm[SNAP_COMM_LEN];	/* the thread's own name */
	struct snap_wait wait;
};

/* A tracked process that is no longer in /proc. */
struct snap_vanished {
	int pid;
	int exit_code;		/* wait(2)-style status if known, else -1 */
	int reaped_by;		/* pid that reaped it if known (0 = unknown) */
};

struct snapshot {
	int64_t t_ms;		/* time of the reading, ms since the run began */
	bool full;		/* a sample period (see above) */
	int interval_ms;	/* the sample period, for full snapshots */
	struct snap_proc *procs;	/* owned, n_procs valid of cap_procs */
	size_t n_procs, cap_procs;
	struct snap_vanished *vanished;	/* owned */
	size_t n_vanished, cap_vanished;
	struct snap_task *tasks;	/* owned: threads mode, see above */
	size_t n_tasks, cap_tasks;
};

void snapshot_init(struct snapshot *s);
void snapshot_clear(struct snapshot *s);	/* frees the arrays */
/* Forget the contents, keep the memory.  Sets t_ms and full. */
void snapshot_reset(struct snapshot *s, int64_t t_ms, bool full);
/*
 * Append a zeroed entry and return it (exit_code -1), or NULL on -ENOMEM.
 * The pointer is valid until the next append or clear.
 */
struct snap_proc *snapshot_add_proc(struct snapshot *s, int pid);
/* Append a zeroed task entry (as above), or NULL on -ENOMEM. */
struct snap_task *snapshot_add_task(struct snapshot *s, int pid, int tid);
int snapshot_add_vanished(struct snapshot *s, int pid, int exit_code,
			  int reaped_by);

#endif
