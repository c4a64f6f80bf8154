/*
 * viz/core/ptrace_tracer.c - the tracer process of ptrace_src.h.
 *
 * One wait loop, as strace's next_event/dispatch_event: every stop of a
 * tracee is sorted into an event (fork, vfork, clone, exec, exit), a
 * group-stop (left stopped with PTRACE_LISTEN), a tracee's first stop
 * (resumed) or a signal on its way to the tracee (handed back unchanged
 * by the restart).  No system-call stops: a tracee stops only at those.
 *
 * Order of what is written, and why:
 *  - a new process is reported at the first of its parent's fork event
 *    and its own first stop, with the parent /proc gives while it is held
 *    there (it has not run, so it was not re-parented); under
 *    PTRACE_SEIZE the child's first stop may come before the parent's
 *    event.  The stop is restarted first and reported after: the report
 *    still comes before anything the child does is reported, since every
 *    later stop of it is handled after this one;
 *  - an exit is reported when the tracer is told of the zombie (the
 *    process's last thread is gone), peeked with WNOWAIT and consumed
 *    only after the report is written: the real parent is told of the
 *    zombie only when the tracer has consumed it, so when procviz finds a
 *    process gone its exit is already in the pipe.  The tracer is never a
 *    parent, so consuming never reaps (ptrace(2), "Real parent");
 *  - an exec from a non-leader thread changes that thread's id to the
 *    process's: the tracer forgets the old id (it has no exit of its own).
 *
 * Writes to procviz block when the pipe is full: the tracees then wait
 * for procviz rather than events being lost.
 */
#define _GNU_SOURCE
#include "viz/core/ptrace_int.h"

#include "common/clock.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TRACER_OPTIONS (PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | \
			PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | \
			PTRACE_O_TRACEEXIT)

struct tracee {
	int tid;
	int tgid;		/* its process; 0 until read */
	bool known;		/* reported (or seized: procviz knows it) */
};

struct tracer {
	int ctl;		/* commands (read end) */
	int ev;			/* events (write end) */
	int sfd;		/* signalfd for SIGCHLD */
	struct tracee *t;	/* owned, n of cap */
	size_t n, cap;
	int *stopped;		/* owned: processes in a group-stop */
	size_t n_stopped, cap_stopped;
	bool broken;		/* procviz's end is gone: detach */
	bool detaching;
};

/* ---- the table of tracees --------------------------------------------- */

static struct tracee *tr_find(struct tracer *tr, int tid)
{
	size_t i;

	for (i = 0; i < tr->n; i++)
		if (tr->t[i].tid == tid)
			return &tr->t[i];
	return NULL;
}

/* Find @tid or add it (not known).  NULL only when memory runs out. */
static struct tracee *tr_get(struct tracer *tr, int tid)
{
	struct tracee *t = tr_find(tr, tid);

	if (t)
		return t;
	if (tr->n == tr->cap) {
		size_t cap = tr->cap ? tr->cap * 2 : 64;
		struct tracee *p = realloc(tr->t, cap * sizeof(*p));

		if (!p)
			return NULL;
		tr->t = p;
		tr->cap = cap;
	}
	t = &tr->t[tr->n++];
	t->tid = tid;
	t->tgid = 0;
	t->known = false;
	return t;
}

static void tr_forget(struct tracer *tr, int tid)
{
	struct tracee *t = tr_find(tr, tid);

	if (t)
		*t = tr->t[--tr->n];
}

static int tr_pid_of(const struct tracee *t)
{
	return t->tgid ? t->tgid : t->tid;
}

/* Group-stopped processes: set @pid's flag; true if it changed. */
static bool tr_set_stopped(struct tracer *tr, int pid, bool on)
{
	size_t i;

	for (i = 0; i < tr->n_stopped; i++) {
		if (tr->stopped[i] != pid)
			continue;
		if (!on)
			tr->stopped[i] = tr->stopped[--tr->n_stopped];
		return !on;
	}
	if (!on)
		return false;
	if (tr->n_stopped == tr->cap_stopped) {
		size_t cap = tr->cap_stopped ? tr->cap_stopped * 2 : 16;
		int *p = realloc(tr->stopped, cap * sizeof(*p));

		if (!p)
			return false;
		tr->stopped = p;
		tr->cap_stopped = cap;
	}
	tr->stopped[tr->n_stopped++] = pid;
	return true;
}

/* ---- writing to procviz ----------------------------------------------- */

static void tr_emit(struct tracer *tr, int kind, int pid, int ppid, int tid,
		    int status, unsigned flags)
{
	struct ptrace_src_event ev = {
		.kind = kind, .pid = pid, .ppid = ppid, .tid = tid,
		.status = status, .flags = flags,
	};
	ssize_t n;

	if (tr->broken)
		return;
	do
		n = write(tr->ev, &ev, sizeof(ev));
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof(ev))
		tr->broken = true;	/* procviz is gone */
}

/*
 * Report @t's birth, once: a process with its real parent, or a thread.
 * @parent: the tracee whose fork event named it, or NULL.
 */
static void tr_announce(struct tracer *tr, struct tracee *t,
			const struct tracee *parent)
{
	int tgid = 0, ppid = 0;

	if (t->known)
		return;
	t->known = true;
	if (ptrace_proc_ids(t->tid, &tgid, &ppid) < 0) {
		/* Gone already (killed): say what its parent's event said. */
		tgid = t->tid;
		ppid = parent ? (parent->tgid ? parent->tgid : parent->tid) :
				0;
	}
	t->tgid = tgid;
	if (tgid != t->tid)
		tr_emit(tr, PTRACE_SRC_THREAD, tgid, 0, t->tid, 0, 0);
	else
		tr_emit(tr, PTRACE_SRC_FORK, t->tid, ppid, t->tid, 0, 0);
}

/* ---- seizing ------------------------------------------------------------ */

static int tr_seize_tid(struct tracer *tr, int tid)
{
	struct tracee *t;
	int tgid = 0, ppid = 0;
	bool stopped;

	if (tr_find(tr, tid))
		return 0;
	/* Stopped already (SIGSTOP before procviz came): say so now. */
	stopped = ptrace_proc_state(tid) == 'T';
	if (ptrace(PTRACE_SEIZE, tid, 0L, (long)TRACER_OPTIONS) < 0)
		return -errno;
	t = tr_get(tr, tid);
	if (!t)
		return -ENOMEM;
	t->known = true;	/* procviz asked for it: it knows it */
	if (ptrace_proc_ids(tid, &tgid, &ppid) == 0)
		t->tgid = tgid;
	tgid = tr_pid_of(t);
	if (stopped && tr_set_stopped(tr, tgid, true))
		tr_emit(tr, PTRACE_SRC_STOP, tgid, 0, tid, 0, 0);
	return 0;
}

/*
 * Every thread of @pid.  A thread may be created while we list them by
 * one not yet seized: list again until a listing adds nobody.
 */
static int tr_seize_process(struct tracer *tr, int pid)
{
	char path[64];
	int added, r;

	r = tr_seize_tid(tr, pid);
	if (r < 0)
		return r;
	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	do {
		struct dirent *de;
		DIR *d = opendir(path);

		added = 0;
		if (!d)
			break;
		while ((de = readdir(d))) {
			int tid = atoi(de->d_name);

			if (tid > 0 && !tr_find(tr, tid) &&
			    tr_seize_tid(tr, tid) == 0)
				added++;
		}
		closedir(d);
	} while (added);
	return 0;
}

/* The children of every tracee, seized until none is left unseized. */
static void tr_seize_descendants(struct tracer *tr)
{
	size_t i;

	for (i = 0; i < tr->n; i++) {
		char path[96], buf[4096], *p, *end;
		int tid = tr->t[i].tid, tgid = tr->t[i].tgid;
		ssize_t n;
		int fd;

		snprintf(path, sizeof(path), "/proc/%d/task/%d/children",
			 tgid ? tgid : tid, tid);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			continue;
		buf[n] = '\0';
		for (p = buf;; p = end) {
			long child = strtol(p, &end, 10);

			if (end == p)
				break;
			if (child > 0 && !tr_find(tr, (int)child))
				tr_seize_process(tr, (int)child);
		}
	}
}

static void tr_command(struct tracer *tr, const struct tracer_cmd *c)
{
	int r = -EINVAL;

	if (c->op == TRACER_ACK)
		return;		/* too late: the zombie was let go */
	if (c->op == TRACER_SEIZE) {
		r = tr_seize_process(tr, c->pid);
		if (r == 0 && (c->flags & 1))
			tr_seize_descendants(tr);
	}
	tr_emit(tr, TRACER_REPLY, c->pid, 0, 0, r, 0);
}

/* ---- the stops ---------------------------------------------------------- */

static bool tr_is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

/* A tracee stopped with wait status @st: sort it out and restart it. */
static void tr_stopped(struct tracer *tr, int tid, int st)
{
	int sig = WSTOPSIG(st), event = (unsigned)st >> 16, pid;
	struct tracee *t = tr_get(tr, tid), *c;
	unsigned long msg = 0;

	if (!t) {
		ptrace(PTRACE_CONT, tid, 0L, (long)(event ? 0 : sig));
		return;
	}
	/* Its first stop, before its parent's fork event. */
	if (!t->known) {
		if (event == PTRACE_EVENT_STOP && !tr_is_stop_signal(sig)) {
			ptrace(PTRACE_CONT, tid, 0L, 0L);
			tr_announce(tr, t, NULL);
			return;
		}
		tr_announce(tr, t, NULL);
	}
	pid = tr_pid_of(t);
	switch (event) {
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		if (ptrace(PTRACE_GETEVENTMSG, tid, 0L, &msg) < 0)
			msg = 0;
		ptrace(PTRACE_CONT, tid, 0L, 0L);
		c = msg ? tr_get(tr, (int)msg) : NULL;
		t = tr_find(tr, tid);	/* tr_get may have moved it */
		if (c && !c->known)
			tr_announce(tr, c, t);
		break;
	case PTRACE_EVENT_EXEC:
		if (ptrace(PTRACE_GETEVENTMSG, tid, 0L, &msg) == 0 &&
		    (int)msg != tid)
			tr_forget(tr, (int)msg);	/* a thread exec'd */
		t = tr_find(tr, tid);
		if (t)
			t->tgid = tid;
		ptrace(PTRACE_CONT, tid, 0L, 0L);
		tr_emit(tr, PTRACE_SRC_EXEC, tid, 0, tid, 0,
			ptrace_proc_lost_privilege(tid) ? PTRACE_SRC_NOPRIV :
							  0);
		break;
	case PTRACE_EVENT_EXIT:
		ptrace(PTRACE_CONT, tid, 0L, 0L);
		break;
	case PTRACE_EVENT_STOP:
		if (tr_is_stop_signal(sig)) {
			/* A group-stop: stay stopped, and tell. */
			ptrace(PTRACE_LISTEN, tid, 0L, 0L);
			if (tr_set_stopped(tr, pid, true))
				tr_emit(tr, PTRACE_SRC_STOP, pid, 0, tid, 0,
					0);
			break;
		}
		/* The end of a group-stop, or an interrupt. */
		ptrace(PTRACE_CONT, tid, 0L, 0L);
		if (tr_set_stopped(tr, pid, false))
			tr_emit(tr, PTRACE_SRC_CONT, pid, 0, tid, 0, 0);
		break;
	default:
		/* A signal on its way to the tracee: hand it back. */
		ptrace(PTRACE_CONT, tid, 0L, (long)sig);
		if (sig == SIGCONT && tr_set_stopped(tr, pid, false))
			tr_emit(tr, PTRACE_SRC_CONT, pid, 0, tid, 0, 0);
		break;
	}
}

/* siginfo of an exit back to a wait status, as wait4 gives it. */
static int tr_wait_status(const siginfo_t *si)
{
	if (si->si_code == CLD_EXITED)
		return (si->si_status & 0xff) << 8;
	return (si->si_status & 0x7f) | (si->si_code == CLD_DUMPED ? 0x80 : 0);
}

static void tr_command(struct tracer *tr, const struct tracer_cmd *c);

/*
 * Hold the zombie @pid until procviz has read it, TRACER_ACK_US at most.
 * Commands that come meanwhile are served.
 */
static void tr_await_ack(struct tracer *tr, int pid)
{
	struct timespec now, end;

	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_nsec += TRACER_ACK_US * 1000L;
	end.tv_sec += end.tv_nsec / 1000000000L;
	end.tv_nsec %= 1000000000L;
	while (!tr->broken) {
		struct pollfd p = { .fd = tr->ctl, .events = POLLIN };
		struct timespec left;
		struct tracer_cmd c;
		ssize_t n;

		clock_gettime(CLOCK_MONOTONIC, &now);
		left.tv_sec = end.tv_sec - now.tv_sec;
		left.tv_nsec = end.tv_nsec - now.tv_nsec;
		if (left.tv_nsec < 0) {
			left.tv_sec--;
			left.tv_nsec += 1000000000L;
		}
		if (left.tv_sec < 0)
			return;
		n = ppoll(&p, 1, &left, NULL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		n = read(tr->ctl, &c, sizeof(c));
		if (n < 0 && errno == EINTR)
			continue;
		if (n != (ssize_t)sizeof(c)) {
			tr->broken = true;	/* procviz is done */
			return;
		}
		if (c.op == TRACER_ACK) {
			if (c.pid == pid)
				return;
			continue;	/* one that came too late */
		}
		if (c.op == TRACER_QUIT) {
			tr->broken = true;
			return;
		}
		tr_command(tr, &c);
	}
}

/* @tid is a zombie now (exit status @status): report a process's end. */
static void tr_exited(struct tracer *tr, int tid, int status)
{
	struct tracee *t = tr_get(tr, tid);
	int pid;

	if (!t)
		return;
	if (!t->known)
		tr_announce(tr, t, NULL);
	pid = tr_pid_of(t);
	if (pid == tid && !tr->detaching) {
		tr_set_stopped(tr, pid, false);
		tr_emit(tr, PTRACE_SRC_EXIT, pid, 0, tid, status, 0);
		tr_await_ack(tr, pid);
	}
	tr_forget(tr, tid);
}

/*
 * Peek at the next tracee with news (WNOWAIT), then consume it.  Returns
 * the tid, 0 if none has news, -1 if nothing is traced.  @st: its wait
 * status, *@exited whether it is a zombie (already reported).
 */
static int tr_next(struct tracer *tr, int *st, bool *exited)
{
	siginfo_t si;
	int tid, r;

	memset(&si, 0, sizeof(si));
	do
		r = waitid(P_ALL, 0, &si, WEXITED | WSTOPPED | __WALL |
			   WNOHANG | WNOWAIT);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return -1;
	tid = si.si_pid;
	if (!tid)
		return 0;
	*exited = si.si_code == CLD_EXITED || si.si_code == CLD_KILLED ||
		  si.si_code == CLD_DUMPED;
	if (*exited)
		tr_exited(tr, tid, tr_wait_status(&si));
	do
		r = waitpid(tid, st, __WALL | WNOHANG);
	while (r < 0 && errno == EINTR);
	if (r != tid)
		return 0;
	if (!*exited && !WIFSTOPPED(*st)) {
		/* Killed between the peek and now: report it late. */
		tr_exited(tr, tid, *st);
		*exited = true;
	}
	return tid;
}

static void tr_drain(struct tracer *tr)
{
	bool exited;
	int tid, st;

	while ((tid = tr_next(tr, &st, &exited)) > 0)
		if (!exited)
			tr_stopped(tr, tid, st);
}

/* Drain the signalfd; true if SIGTERM came (time to go). */
static bool tr_read_signals(struct tracer *tr)
{
	struct signalfd_siginfo ssi;
	bool term = false;

	while (read(tr->sfd, &ssi, sizeof(ssi)) == (ssize_t)sizeof(ssi))
		if (ssi.ssi_signo == SIGTERM)
			term = true;
	return term;
}

/* ---- detaching ------------------------------------------------------- */

/* A stop while detaching: let a new child be detached too, then go. */
static void tr_detach_one(struct tracer *tr, int tid, int st)
{
	int sig = WSTOPSIG(st), event = (unsigned)st >> 16;
	unsigned long msg = 0;

	switch (event) {
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		/* The child stops at birth: it is detached then. */
		if (ptrace(PTRACE_GETEVENTMSG, tid, 0L, &msg) == 0 && msg)
			tr_get(tr, (int)msg);
		sig = 0;
		break;
	case 0:
		break;	/* a signal: hand it back with the detach */
	default:
		sig = 0;	/* an event or a group-stop: nothing to give */
		break;
	}
	ptrace(PTRACE_DETACH, tid, 0L, (long)sig);
	tr_forget(tr, tid);
}

/*
 * Detach from everything: interrupt every tracee, then detach each as it
 * stops, never waiting for one in particular (detaching vfork's parent
 * and child one after the other could deadlock).
 */
static void tr_detach_all(struct tracer *tr)
{
	int64_t end = clock_now_ms() + TRACER_DETACH_MS;
	size_t i;

	tr->detaching = true;
	for (i = 0; i < tr->n; i++)
		ptrace(PTRACE_INTERRUPT, tr->t[i].tid, 0L, 0L);
	while (tr->n && clock_now_ms() < end) {
		struct pollfd p = { .fd = tr->sfd, .events = POLLIN };
		bool exited;
		int tid, st, got = 0;

		while ((tid = tr_next(tr, &st, &exited)) > 0) {
			got = 1;
			if (!exited)
				tr_detach_one(tr, tid, st);
		}
		if (tid < 0)
			break;		/* nothing traced any more */
		/* Children named by fork events meanwhile: interrupt. */
		for (i = 0; i < tr->n; i++)
			ptrace(PTRACE_INTERRUPT, tr->t[i].tid, 0L, 0L);
		if (!got)
			poll(&p, 1, 50);
		tr_read_signals(tr);
	}
}

/* ---- the process ----------------------------------------------------- */

/*
 * May we trace?  Seize a child of ours that waits, then let it go.
 * 0 or -errno.
 */
static int tr_probe(void)
{
	int p[2], r = 0, st;
	pid_t child;
	char c;

	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	child = fork();
	if (child < 0) {
		r = -errno;
		close(p[0]);
		close(p[1]);
		return r;
	}
	if (child == 0) {
		close(p[1]);
		while (read(p[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(p[0]);
	/* No options: it exits without a stop, and its exit detaches it. */
	if (ptrace(PTRACE_SEIZE, child, 0L, 0L) < 0)
		r = -errno;
	close(p[1]);		/* it reads EOF and exits */
	while (waitpid(child, &st, __WALL) < 0 && errno == EINTR)
		;
	return r;
}

static void tr_setup_signals(int *sfd)
{
	sigset_t chld;
	int sig;

	for (sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP && sig != SIGCHLD)
			signal(sig, sig == SIGINT ||
			       sig == SIGHUP || sig == SIGQUIT ||
			       sig == SIGPIPE || sig == SIGTSTP ||
			       sig == SIGTTIN || sig == SIGTTOU ||
			       sig == SIGUSR1 || sig == SIGUSR2 ||
			       sig == SIGWINCH ? SIG_IGN : SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigaddset(&chld, SIGTERM);	/* detach, then exit */
	sigprocmask(SIG_SETMASK, &chld, NULL);
	*sfd = signalfd(-1, &chld, SFD_NONBLOCK | SFD_CLOEXEC);
}

void ptrace_tracer_main(int ctl, int ev, pid_t parent)
{
	struct tracer tr = { .ctl = ctl, .ev = ev, .sfd = -1 };
	int probe, devnull;

	prctl(PR_SET_NAME, "procviz-trace", 0, 0, 0);
	/* Our own, not procviz's: its terminal's signals end procviz. */
	tr_setup_signals(&tr.sfd);
	prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
	if (getppid() != parent)
		_exit(0);	/* procviz died already: nothing traced */
	devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (devnull >= 0) {
		dup2(devnull, 0);
		dup2(devnull, 1);
		dup2(devnull, 2);
	}
	probe = tr.sfd < 0 ? -errno : tr_probe();
	tr_emit(&tr, TRACER_READY, (int)getpid(), 0, 0, probe, 0);
	if (probe < 0)
		_exit(1);
	while (!tr.broken) {
		struct pollfd p[2] = {
			{ .fd = tr.sfd, .events = POLLIN },
			{ .fd = tr.ctl, .events = POLLIN },
		};

		tr_drain(&tr);
		if (tr.broken)
			break;
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			break;
		if (tr_read_signals(&tr))
			break;
		if (p[1].revents) {
			struct tracer_cmd c;
			ssize_t n = read(tr.ctl, &c, sizeof(c));

			if (n < 0 && errno == EINTR)
				continue;
			if (n != (ssize_t)sizeof(c) || c.op == TRACER_QUIT)
				break;	/* procviz is done */
			tr_command(&tr, &c);
		}
	}
	tr_detach_all(&tr);
	_exit(0);
}
