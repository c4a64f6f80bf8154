/*
 * viz/core/observer_trace.c - the observer with the tracer
 * (viz/core/ptrace_src.h) as its event source.
 *
 * The tracer's forks, execs and exits go down the very path the process
 * connector's messages take (obs_conn_event in observer.c), so a traced
 * run reports what root sees with the connector, for any user: each new
 * process with its true parent at once, each exec, each exit while the
 * process is a zombie, with its status.  As with the connector, children
 * are not looked for in /proc (the tracer names every one), and a process
 * found gone has its exit already queued (the tracer reports it before
 * the parent may reap), so its status is never lost.  Threads are read
 * by the samples, as with the connector; in threads mode a new thread's
 * process is also read at once, so a short-lived thread is listed.
 *
 * A traced process reads "t" in /proc while the tracer handles one of its
 * events (microseconds) as well as while it is group-stopped.  Only the
 * second is a stop the program would have had untraced: the tracer says
 * when a process enters and leaves one (PTRACE_SRC_STOP/CONT), and every
 * reading is corrected before the model sees it (obs_trace_fix_states):
 * "T" for a group-stopped process, else "R" (it was executing a fork,
 * exec, exit or signal delivery).
 *
 * Reaps have no event of their own.  Each zombie's pidfd, opened when its
 * exit is reported, hangs up the moment its parent reaps it (Linux wakes
 * pidfd pollers at the release; where it does not, the zombies are
 * re-read every ZOMBIE_RECHECK_MS, as polling does), so a zombie's lifetime is
 * dated from what its parent did, never from the tracer.
 */
#include "viz/core/observer_int.h"

#include "common/i18n.h"
#include "viz/core/ptrace_src.h"
#include "viz/core/sampler.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

int obs_trace_start(struct observer *o)
{
	/* no_ptrace: refused as a kernel would (PROCVIZ_NO_PTRACE=1) */
	int err = o->cfg.no_ptrace ? -ENOTSUP : ptrace_src_open(&o->trace);

	if (err) {
		o->trace = NULL;
		o->trace_err = err;
		return err;
	}
	sampler_set_follow_children(o->sampler, false);
	o->reap_ep = epoll_create1(EPOLL_CLOEXEC); /* -1: re-reads only */
	return 0;
}

void obs_trace_free(struct observer *o)
{
	size_t i;

	ptrace_src_close(o->trace);
	o->trace = NULL;
	for (i = 0; i < o->n_reapw; i++)
		close(o->reapw[i].fd);
	free(o->reapw);
	o->reapw = NULL;
	o->n_reapw = o->cap_reapw = 0;
	if (o->reap_ep >= 0)
		close(o->reap_ep);
	o->reap_ep = -1;
}

/* Stop tracing for good (@err: why) and go on with the other sources. */
static void trace_fall_back(struct observer *o, int err)
{
	obs_trace_free(o);
	o->trace_err = err;
	obs_start_sources(o);
}

int observer_seize(struct observer *o, int pid, bool descendants)
{
	int err;

	if (!o->trace)
		return -ENOTSUP;
	err = ptrace_src_seize(o->trace, pid, descendants);
	if (err)
		trace_fall_back(o, err);
	return err;
}

int observer_tracer_pid(const struct observer *o)
{
	return o->trace ? (int)ptrace_src_tracer_pid(o->trace) : 0;
}

int observer_trace_error(const struct observer *o)
{
	return o->trace ? 0 : o->trace_err;
}

int obs_trace_fds(const struct observer *o, struct pollfd *fds, int max)
{
	int n = 0;

	if (max > n) {
		fds[n].fd = ptrace_src_fd(o->trace);
		fds[n].events = POLLIN;
		fds[n++].revents = 0;
	}
	if (max > n && o->reap_ep >= 0) {
		fds[n].fd = o->reap_ep;
		fds[n].events = POLLIN;
		fds[n++].revents = 0;
	}
	return n;
}

/* Watch zombie @pid's reap (best effort: else the re-reads date it). */
static void reapw_add(struct observer *o, int pid)
{
	struct epoll_event e = { .events = 0 };	/* EPOLLHUP only */
	int fd;

	if (o->reap_ep < 0 || o->n_reapw >= REAPW_MAX)
		return;
	if (o->n_reapw == o->cap_reapw) {
		size_t cap = o->cap_reapw ? o->cap_reapw * 2 : 16;
		struct obs_reapw *p = realloc(o->reapw, cap * sizeof(*p));

		if (!p)
			return;
		o->reapw = p;
		o->cap_reapw = cap;
	}
	fd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (fd < 0)
		return;		/* reaped already */
	e.data.fd = fd;
	if (epoll_ctl(o->reap_ep, EPOLL_CTL_ADD, fd, &e) < 0) {
		close(fd);
		return;
	}
	o->reapw[o->n_reapw].pid = pid;
	o->reapw[o->n_reapw++].fd = fd;
}

/* The pid of watched pidfd @fd, forgetting it; 0 if unknown. */
static int reapw_take(struct observer *o, int fd)
{
	size_t i;
	int pid;

	for (i = 0; i < o->n_reapw; i++) {
		if (o->reapw[i].fd != fd)
			continue;
		pid = o->reapw[i].pid;
		close(fd);	/* leaves the epoll set with it */
		o->reapw[i] = o->reapw[--o->n_reapw];
		return pid;
	}
	return 0;
}

int64_t obs_trace_due_ms(const struct observer *o)
{
	return o->model.zombies ? o->next_zombie_recheck_ms : -1;
}

void obs_trace_step(struct observer *o)
{
	struct epoll_event ev[32];
	int64_t now;
	int n, i;

	if (!o->trace)
		return;
	now = observer_now_ms(o);
	snapshot_reset(&o->snap, now, false);
	while (o->reap_ep >= 0 &&
	       (n = epoll_wait(o->reap_ep, ev, 32, 0)) > 0) {
		obs_before(o);	/* a note written before these reaps */
		for (i = 0; i < n; i++) {
			int pid = reapw_take(o, ev[i].data.fd);

			if (pid && sampler_tracking(o->sampler, pid) &&
			    sampler_sample_one(o->sampler, pid, &o->snap,
					       -1) == -ENOMEM)
				obs_note_err(o, -ENOMEM);
		}
	}
	if (o->snap.n_procs || o->snap.n_vanished)
		obs_apply(o);
	if (o->model.zombies && now >= o->next_zombie_recheck_ms) {
		snapshot_reset(&o->snap, now, false);
		obs_recheck_zombies(o, 0);
		obs_apply(o);
		o->next_zombie_recheck_ms = now + ZOMBIE_RECHECK_MS;
	}
}

static bool trace_gstopped(const struct observer *o, int pid)
{
	return ptrace_src_group_stopped(o->trace, pid);
}

void obs_trace_fix_states(struct observer *o)
{
	size_t i;

	if (!o->trace)
		return;
	for (i = 0; i < o->snap.n_procs; i++) {
		struct snap_proc *sp = &o->snap.procs[i];

		if (sp->state == 't')
			sp->state = trace_gstopped(o, sp->pid) ? 'T' : 'R';
	}
	for (i = 0; i < o->snap.n_tasks; i++) {
		struct snap_task *st = &o->snap.tasks[i];

		if (st->state == 't')
			st->state = trace_gstopped(o, st->pid) ? 'T' : 'R';
	}
}

/* An exec that ran without the program's privileges: say so. */
static void trace_note_nopriv(struct observer *o, int pid)
{
	const struct model_proc *p = model_find(&o->model, pid);
	char text[256];

	snprintf(text, sizeof(text),
		 _("%d %s: a set-user-ID or file-capability program ran "
		   "without its privileges, because it is traced "
		   "(--no-trace runs it with them)"),
		 pid, p ? p->comm : "?");
	obs_note_err(o, observer_note(o, text));
}

/*
 * A new thread of @pid: in threads mode, read the process now, so that a
 * short-lived thread is listed as a task (otherwise only the samples read
 * threads, as with the connector).
 */
static void trace_thread_born(struct observer *o, int pid)
{
	if (!o->cfg.threads || !sampler_tracking(o->sampler, pid))
		return;
	snapshot_reset(&o->snap, observer_now_ms(o), false);
	if (sampler_sample_one(o->sampler, pid, &o->snap, -1) == -ENOMEM)
		obs_note_err(o, -ENOMEM);
	obs_apply(o);
}

static void on_trace_event(const struct ptrace_src_event *ev, void *arg)
{
	struct observer *o = arg;
	struct procconn_event ce = { .pid = ev->pid };

	switch (ev->kind) {
	case PTRACE_SRC_FORK:
		ce.kind = PROCCONN_FORK;
		ce.ppid = ev->ppid;
		break;
	case PTRACE_SRC_EXEC:
		ce.kind = PROCCONN_EXEC;
		break;
	case PTRACE_SRC_EXIT:
		ce.kind = PROCCONN_EXIT;
		ce.exit_code = ev->status;
		break;
	case PTRACE_SRC_STOP:
	case PTRACE_SRC_CONT:
		return;	/* ptrace_src keeps them: trace_gstopped */
	case PTRACE_SRC_THREAD:
		trace_thread_born(o, ev->pid);
		return;
	default:
		return;
	}
	obs_conn_event(o, &ce);
	if (ev->kind == PTRACE_SRC_EXIT &&
	    sampler_tracking(o->sampler, ev->pid))
		reapw_add(o, ev->pid);
	if (ev->kind == PTRACE_SRC_EXEC && (ev->flags & PTRACE_SRC_NOPRIV) &&
	    sampler_tracking(o->sampler, ev->pid))
		trace_note_nopriv(o, ev->pid);
}

void obs_trace_drain(struct observer *o)
{
	int n;

	if (!o->trace)
		return;
	n = ptrace_src_read(o->trace, on_trace_event, o);
	if (n == -EPIPE) {
		/* The tracer died: nothing is traced any more.  Say so. */
		trace_fall_back(o, n);
		o->rescan = true;
		obs_note_err(o, observer_note(o, o->conn ?
			_("the tracer (procviz-trace) is gone: following with "
			  "the process connector from now on") :
			_("the tracer (procviz-trace) is gone: following by "
			  "polling from now on")));
	}
	obs_close_ghosts(o);
}
