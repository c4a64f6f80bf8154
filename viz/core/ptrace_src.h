/*
 * viz/core/ptrace_src.h - every fork, exec and exit of a traced process
 * tree, by ptrace(2), without privilege: the event source an ordinary user
 * has where the process connector (procconn.h) is refused.
 *
 * How: procviz forks a tracer process ("procviz-trace", the code is in
 * ptrace_tracer.c).  It PTRACE_SEIZEs the processes it is asked to, with
 * PTRACE_O_TRACEFORK|VFORK|CLONE|EXEC|EXIT and no system-call stops, so
 * every process and thread they create is traced from birth and stops
 * once before it runs: the tracer reports it with its true parent then.
 * It reports each exec, and each exit when the process has become a zombie
 * (its last thread is gone), with the wait status, BEFORE it lets the real
 * parent see the zombie: a process procviz finds gone always has its exit
 * event queued already.  Everything else is handed back unchanged: signals
 * are re-injected as they came, group-stops stay stops (PTRACE_LISTEN),
 * the program's own wait() results are untouched.
 *
 * Why a process and not a thread of procviz: ptrace is per thread, but
 * wait() is per thread group.  A tracer in procviz's own thread group
 * would be both the tracer and the real parent of the watched command, and
 * its wait() for the command's exit would reap it (ptrace(2), "Real
 * parent"); procviz's own waitpid() for that child would also see its
 * ptrace stops.  A separate tracer is never anybody's parent: its wait()
 * only consumes the stops and exit notifications that tracing adds, and
 * procviz reaps its own child exactly as untraced.  It is not an ancestor
 * of the traced processes either, so it is never a subreaper: an orphan
 * goes where it would go without procviz.
 *
 * Permission: the tracer may trace what the system's ptrace policy lets an
 * ordinary process trace (Yama ptrace_scope 0: the user's own processes;
 * 1: descendants, or a process that named it with PR_SET_PTRACER - which
 * `watch` makes its command do before exec, see ptrace_src_tracer_pid();
 * 2 or 3, or a seccomp filter: nothing).  ptrace_src_open() asks the
 * kernel once, by seizing a child of the tracer's own.
 *
 * Ending: ptrace_src_close(), or procviz's exit however it happens
 * (SIGKILL included: the tracer reads end of file on its command pipe),
 * makes the tracer detach from every tracee in two phases, as strace does:
 * PTRACE_INTERRUPT them all, then detach each as it stops, handing back a
 * signal it was about to receive.  A process that was group-stopped stays
 * stopped (it was stopped before procviz), no other is left stopped or
 * traced.  Past TRACER_DETACH_MS the tracer exits and the kernel detaches
 * the rest (tracees in a ptrace stop are then resumed).
 *
 * The observer does not open it when its config says no_ptrace (the front
 * end's PROCVIZ_NO_PTRACE=1), so tests can exercise the other sources.
 *
 * Threads: call every function from one thread of procviz.
 */
#ifndef PROCVIZ_VIZ_PTRACE_SRC_H
#define PROCVIZ_VIZ_PTRACE_SRC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

enum ptrace_src_kind {
	PTRACE_SRC_FORK,	/* pid: a new process, ppid: its real parent
				 * (read before the child ran anything) */
	PTRACE_SRC_THREAD,	/* tid: a new thread of process pid */
	PTRACE_SRC_EXEC,	/* pid (its tgid, even when a thread exec'd) */
	PTRACE_SRC_EXIT,	/* pid: a process whose last thread is gone,
				 * now a zombie; status: wait(2)-style */
	PTRACE_SRC_STOP,	/* pid: the process is in a group-stop
				 * (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU) */
	PTRACE_SRC_CONT,	/* pid: its group-stop ended (SIGCONT) */
};

/*
 * A traced process shows "t" (tracing stop) in /proc/PID/stat both while
 * it is group-stopped and, for a few microseconds, while the tracer
 * handles one of its events; only STOP..CONT is a real stop.
 */

/* PTRACE_SRC_EXEC flags */
enum {
	/*
	 * The program is set-user-ID, set-group-ID or has file capabilities,
	 * and it runs without them: the kernel does not grant privileges to
	 * a traced exec unless the tracer itself could (ptrace(2),
	 * "execve(2) under ptrace").
	 */
	PTRACE_SRC_NOPRIV = 1u << 0,
};

struct ptrace_src_event {
	int kind;		/* enum ptrace_src_kind */
	int pid;
	int ppid;		/* FORK */
	int tid;		/* THREAD; else = pid */
	int status;		/* EXIT */
	unsigned flags;		/* EXEC: PTRACE_SRC_* */
};

struct ptrace_src;

/*
 * Start the tracer and ask the kernel whether it may trace: 0 and *out,
 * or -errno: -EPERM (the ptrace policy or
 * a seccomp filter forbids it), -ENOSYS, or fork/pipe errors.  Nothing is
 * left running on error.
 */
int ptrace_src_open(struct ptrace_src **out);

/*
 * Detach from everything (see above), stop the tracer and wait for it.
 * NULL is a no-op.
 */
void ptrace_src_close(struct ptrace_src *t);

/*
 * The tracer's pid: a process that is to be traced names it with
 * prctl(PR_SET_PTRACER) (Yama ptrace_scope 1 lets a process trace only its
 * descendants, and the tracer is not an ancestor of what it traces).
 */
pid_t ptrace_src_tracer_pid(const struct ptrace_src *t);

/*
 * Trace @pid (a process: each of its threads) and with @descendants every
 * process it has created that is still there, and from now on everything
 * they create.  Blocks until the tracer answers.  Returns 0 or -errno:
 * -EPERM not permitted (the policy, another user's process, or a process
 * already traced by someone else), -ESRCH no such process, -EPIPE the
 * tracer is gone.  Events that come meanwhile are kept for
 * ptrace_src_read().
 */
int ptrace_src_seize(struct ptrace_src *t, int pid, bool descendants);

/*
 * Whether process @pid is in a group-stop, by the STOP and CONT events
 * read so far, those kept by ptrace_src_seize() included (a process
 * stopped before it was seized is reported STOP at once).
 */
bool ptrace_src_group_stopped(const struct ptrace_src *t, int pid);

/* The non-blocking descriptor to poll for POLLIN. */
int ptrace_src_fd(const struct ptrace_src *t);

/*
 * Call @fn for every event queued, in the order they happened, without
 * blocking.  Returns how many, or -EPIPE once the tracer is gone (it
 * died: nothing is traced any more).
 */
int ptrace_src_read(struct ptrace_src *t,
		    void (*fn)(const struct ptrace_src_event *ev, void *arg),
		    void *arg);

#endif
