/*
 * viz/core/observer.c - sampler + event source + model + timer (observer.h).
 *
 * With the process connector, every fork of a tracked process adds the
 * child at once and reads it; every exec and exit of a tracked process
 * reads it at once (an exiting process is already a zombie when the exit
 * message is sent, so its zombie state is always seen unless its parent
 * ignores SIGCHLD).  A child that is already gone when its fork message is
 * handled (it lived less than the time to read one message) is still
 * reported, from what the messages say: spawn, then exit and gone.  The
 * periodic sample then reads everything for states and counters.
 * Without the connector, the periodic sample also reads each tracked
 * process's children files, so every process and zombie that lasts a
 * sample period is seen.
 */
#define _GNU_SOURCE		/* SCHED_RESET_ON_FORK */
#include "viz/core/observer.h"

#include "viz/core/observer_int.h"
#include "viz/core/pidwatch.h"
#include "viz/core/procconn.h"
#include "viz/core/sampler.h"
#include "common/clock.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int64_t observer_now_ms(const struct observer *o)
{
	if (o->replay)
		return o->model.last_t_ms;
	return clock_now_ms() - o->t0_ms;
}

/*
 * With the connector, the time between a process's exit message and our
 * reading of its zombie is our wake-up latency: on a busy machine the
 * scheduler can keep us waiting longer than a zombie lives (1 ms).  So
 * procviz asks for a higher priority (nice -10: the kernel then runs it
 * as soon as a message arrives), which root may do.  SCHED_RESET_ON_FORK
 * gives every process we start the default priority again, so no lesson
 * runs boosted.  Refused (not root): nothing changes.
 */
static void boost_priority(void)
{
	struct sched_param sp = { .sched_priority = 0 };
	int nice;

	if (sched_setscheduler(0, SCHED_OTHER | SCHED_RESET_ON_FORK, &sp) < 0)
		return;
	errno = 0;
	nice = getpriority(PRIO_PROCESS, 0);
	if (errno || nice <= OBSERVER_NICE ||
	    setpriority(PRIO_PROCESS, 0, OBSERVER_NICE) < 0)
		return;
}

struct observer *observer_new(const struct observer_config *cfg)
{
	struct observer *o = calloc(1, sizeof(*o));
	int err;

	if (!o)
		return NULL;
	o->cfg = *cfg;
	if (!o->cfg.interval_ms)
		o->cfg.interval_ms = OBSERVER_INTERVAL_DEFAULT;
	if (o->cfg.interval_ms < OBSERVER_INTERVAL_MIN ||
	    o->cfg.interval_ms > OBSERVER_INTERVAL_MAX) {
		free(o);
		errno = EINVAL;
		return NULL;
	}
	o->self = (int)getpid();
	o->reap_ep = -1;
	snapshot_init(&o->snap);
	o->sampler = sampler_new();
	err = model_init(&o->model);
	if (!o->sampler || err) {
		sampler_free(o->sampler);
		model_clear(&o->model);
		free(o);
		errno = ENOMEM;
		return NULL;
	}
	sampler_set_threads(o->sampler, o->cfg.threads);
	if (!o->cfg.trace || obs_trace_start(o) < 0)
		obs_start_sources(o);
	else
		boost_priority();
	o->t0_ms = clock_now_ms();
	o->next_sample_ms = o->cfg.interval_ms;
	return o;
}

void obs_start_sources(struct observer *o)
{
	if (o->cfg.no_netlink || procconn_open(&o->conn, ACK_TIMEOUT_MS))
		o->conn = NULL;
	sampler_set_follow_children(o->sampler, o->conn == NULL);
	if (!o->conn)
		obs_poll_start(o);
	else
		boost_priority();
}

void observer_free(struct observer *o)
{
	if (!o)
		return;
	obs_trace_free(o);
	procconn_close(o->conn);
	sampler_free(o->sampler);
	obs_poll_free(o);
	model_clear(&o->model);
	snapshot_clear(&o->snap);
	free(o->filter_pids);
	free(o);
}

/*
 * Keep the connector's filter in step with the followed set, so messages
 * about other processes on the machine do not wake us (procconn.h).
 */
void obs_update_filter(struct observer *o)
{
	unsigned long gen = sampler_generation(o->sampler);
	size_t n;

	if (!o->conn || gen == o->filter_gen)
		return;
	n = sampler_count(o->sampler);
	if (n > o->filter_cap && n <= PROCCONN_FILTER_MAX) {
		size_t cap = n * 2 < PROCCONN_FILTER_MAX ? n * 2 :
							   PROCCONN_FILTER_MAX;
		int *p = realloc(o->filter_pids, cap * sizeof(*p));

		if (!p)
			return;
		o->filter_pids = p;
		o->filter_cap = cap;
	}
	if (n <= PROCCONN_FILTER_MAX)
		sampler_pids(o->sampler, o->filter_pids, n);
	if (procconn_filter(o->conn, o->filter_pids, n) == 0)
		o->filter_gen = gen;
}

const char *observer_event_source(const struct observer *o)
{
	if (o->replay)
		return o->event_source;
	if (o->trace)
		return "ptrace";
	return o->conn ? "netlink" : "poll";
}

int observer_interval_ms(const struct observer *o)
{
	return o->cfg.interval_ms;
}

int observer_set_interval(struct observer *o, int interval_ms)
{
	int64_t due;

	if (interval_ms < OBSERVER_INTERVAL_MIN)
		interval_ms = OBSERVER_INTERVAL_MIN;
	if (interval_ms > OBSERVER_INTERVAL_MAX)
		interval_ms = OBSERVER_INTERVAL_MAX;
	o->cfg.interval_ms = interval_ms;
	due = observer_now_ms(o) + interval_ms;
	if (o->next_sample_ms > due)
		o->next_sample_ms = due;
	return interval_ms;
}

bool observer_threads(const struct observer *o)
{
	return o->cfg.threads;
}

void observer_set_threads(struct observer *o, bool on)
{
	o->cfg.threads = on;
	if (o->sampler)
		sampler_set_threads(o->sampler, on);
}

const struct model *observer_model(const struct observer *o)
{
	return &o->model;
}

/* Hand the model's new events to the sink, oldest first. */
static void deliver(struct observer *o)
{
	const struct model_event *ev;
	size_t i, n = model_pending(&o->model, &ev);

	if (o->cfg.sink)
		for (i = 0; i < n; i++)
			o->cfg.sink(&ev[i], o->cfg.sink_arg);
	model_pending_clear(&o->model);
}


void obs_apply(struct observer *o)
{
	obs_poll_fill_exits(o);
	obs_trace_fix_states(o);
	if (o->cfg.tap_snapshot)
		o->cfg.tap_snapshot(&o->snap, o->cfg.tap_arg);
	obs_note_err(o, model_apply(&o->model, &o->snap));
	deliver(o);
}

void obs_note_err(struct observer *o, int err)
{
	if (err && !o->err)
		o->err = err;
}

static void remember_status(struct observer *o, int pid, int status)
{
	struct child_status *cs = &o->statuses[o->n_statuses % STATUSES_MAX];

	cs->pid = pid;
	cs->status = status;
	o->n_statuses++;
}

bool observer_child_status(const struct observer *o, int pid, int *status)
{
	int i, n = o->n_statuses < STATUSES_MAX ? o->n_statuses : STATUSES_MAX;

	for (i = 0; i < n; i++) {
		if (o->statuses[i].pid == pid) {
			*status = o->statuses[i].status;
			return true;
		}
	}
	return false;
}

/*
 * Reap our own children that the model has seen as zombies at an earlier
 * reading than the last one (so a zombie stays on screen for about one
 * period), and report each reap at once (observer.h: never waitpid(-1)).
 * Called after each full sample.
 */
static void reap_seen_zombies(struct observer *o)
{
	size_t i;

	if (!o->cfg.reap_children)
		return;
restart:
	for (i = 0; i < model_count(&o->model); i++) {
		const struct model_proc *p = model_proc_at(&o->model, i);
		int status, pid = p->pid;

		if (p->state != MODEL_ST_ZOMBIE || p->ppid != o->self ||
		    p->zombie_ms >= o->model.last_t_ms)
			continue;
		if (waitpid(pid, &status, WNOHANG) != pid)
			continue;
		remember_status(o, pid, status);
		sampler_untrack(o->sampler, pid);
		snapshot_reset(&o->snap, observer_now_ms(o), false);
		obs_note_err(o, snapshot_add_vanished(&o->snap, pid, status,
						  o->self));
		obs_apply(o);
		goto restart;	/* the table may have changed */
	}
}

/*
 * Read every tracked process.  @periodic: the period's sample (a history
 * entry for each, and the reaping of seen zombies); else one of the quick
 * extra samples polling takes after a change (a partial snapshot).
 */
static void hold_unknown_exits(struct observer *o);

static int sample_all(struct observer *o, bool periodic)
{
	size_t tracked = sampler_count(o->sampler);
	unsigned zombies = o->model.zombies;
	int err;

	obs_poll_before_sample(o);
	err = sampler_sample(o->sampler, &o->snap, observer_now_ms(o));
	o->snap.interval_ms = o->cfg.interval_ms;
	o->snap.full = periodic;
	hold_unknown_exits(o);
	obs_apply(o);
	obs_poll_after_sample(o, periodic, tracked, zombies);
	if (periodic)
		reap_seen_zombies(o);
	return err;
}

static int full_sample(struct observer *o)
{
	return sample_all(o, true);
}

int observer_add_root(struct observer *o, int pid, bool descendants)
{
	int err;

	if (o->replay)
		return -EPERM;
	err = sampler_track(o->sampler, pid);
	if (err)
		return err;
	if (descendants) {
		err = sampler_scan_descendants(o->sampler);
		if (err < 0)
			return err;
	}
	o->have_root = true;
	obs_update_filter(o);
	return full_sample(o);
}

static bool is_ghost(const struct observer *o, int pid)
{
	int i;

	for (i = 0; i < o->n_ghosts; i++)
		if (o->ghosts[i] == pid)
			return true;
	return false;
}

/*
 * A process gone before its fork message was handled: report it anyway,
 * under the name it had at its fork, its parent's.  One the model knows
 * already (its announcement or a reading came first, model.h "Names")
 * knows newer than the message: only its exit message is awaited.
 */
static void add_ghost(struct observer *o, const struct procconn_event *ev)
{
	if (model_find(&o->model, ev->pid)) {
		if (!is_ghost(o, ev->pid) && o->n_ghosts < GHOSTS_MAX)
			o->ghosts[o->n_ghosts++] = ev->pid;
		return;
	}
	/* A fork message names no child: it carries its parent's name. */
	if (obs_show_ghost(o, ev->pid, ev->ppid, NULL, o->n_ghosts))
		o->ghosts[o->n_ghosts++] = ev->pid;
}

/*
 * With the connector, a process that a reading finds gone has its exit
 * message queued already: the kernel sends it before the parent can reap
 * (do_exit() calls proc_exit_connector() before exit_notify()).  Hold such
 * a vanishing of unknown status as a ghost, so that the message, read
 * next, closes it with its status; conn_drain() closes the ones no
 * message came for (lost to an overflow).  Order is kept.
 */
static void hold_unknown_exits(struct observer *o)
{
	size_t i, n = 0;

	if (!o->conn && !o->trace)
		return;
	for (i = 0; i < o->snap.n_vanished; i++) {
		struct snap_vanished v = o->snap.vanished[i];

		if (v.exit_code < 0 && o->n_ghosts < GHOSTS_MAX &&
		    !is_ghost(o, v.pid)) {
			o->ghosts[o->n_ghosts++] = v.pid;
			continue;
		}
		o->snap.vanished[n++] = v;
	}
	o->snap.n_vanished = n;
}

static bool take_ghost(struct observer *o, int pid)
{
	int i;

	for (i = 0; i < o->n_ghosts; i++) {
		if (o->ghosts[i] == pid) {
			o->ghosts[i] = o->ghosts[--o->n_ghosts];
			return true;
		}
	}
	return false;
}

/*
 * Re-read the tracked zombies (other than @skip) into the snapshot being
 * built.  A reap has no message of its own, but a parent that reaps
 * usually forks, execs or exits soon after, so this dates most reaps
 * more closely than the next periodic sample would.
 */
void obs_recheck_zombies(struct observer *o, int skip)
{
	size_t i;

	if (!o->model.zombies)
		return;
	for (i = 0; i < model_count(&o->model); i++) {
		const struct model_proc *p = model_proc_at(&o->model, i);

		if (p->state == MODEL_ST_ZOMBIE && p->pid != skip &&
		    sampler_sample_one(o->sampler, p->pid, &o->snap, -1) ==
			    -ENOMEM)
			obs_note_err(o, -ENOMEM);
	}
}

/*
 * The child in o->snap was re-parented before we read it (its parent
 * exited at once: a double fork).  Report it first as the fork message
 * saw it, child of @fork_ppid, so the re-parenting shows as an event.
 */
void obs_spawn_as_forked(struct observer *o, int fork_ppid)
{
	struct snap_proc real = o->snap.procs[0];
	struct snap_proc *sp;

	o->snap.procs[0].ppid = fork_ppid;
	o->snap.procs[0].parent_comm[0] = '\0';
	obs_apply(o);
	snapshot_reset(&o->snap, o->snap.t_ms, false);
	sp = snapshot_add_proc(&o->snap, real.pid);
	if (sp)
		*sp = real;
}

static void conn_event_read(struct observer *o,
			    const struct procconn_event *ev)
{
	int err;

	switch (ev->kind) {
	case PROCCONN_OVERFLOW:
		o->rescan = true;
		return;
	case PROCCONN_FORK:
		/* A ghost's children are ours too (it forked, then died). */
		if ((!sampler_tracking(o->sampler, ev->ppid) &&
		     !is_ghost(o, ev->ppid)) ||
		    sampler_tracking(o->sampler, ev->pid))
			return;
		err = sampler_track(o->sampler, ev->pid);
		if (err == -ESRCH) {
			add_ghost(o, ev);
			return;
		}
		if (err) {
			obs_note_err(o, err);
			return;
		}
		/* Its exec and exit must reach us from now on. */
		obs_update_filter(o);
		break;
	case PROCCONN_EXEC:
		sampler_exec_hint(o->sampler, ev->pid);
		break;
	case PROCCONN_EXIT:
		if (take_ghost(o, ev->pid)) {
			snapshot_reset(&o->snap, observer_now_ms(o), false);
			snapshot_add_vanished(&o->snap, ev->pid, ev->exit_code,
					      0);
			obs_apply(o);
			return;
		}
		break;
	}
	if (!sampler_tracking(o->sampler, ev->pid))
		return;
	/* Reaps first: they happened before this message was sent. */
	if (o->model.zombies) {
		snapshot_reset(&o->snap, observer_now_ms(o), false);
		obs_recheck_zombies(o, ev->pid);
		obs_apply(o);
	}
	snapshot_reset(&o->snap, observer_now_ms(o), false);
	err = sampler_sample_one(o->sampler, ev->pid, &o->snap,
				 ev->kind == PROCCONN_EXIT ? ev->exit_code : -1);
	if (err == -ENOMEM)
		obs_note_err(o, err);
	/*
	 * Exited and reaped between sampler_track() and this reading (a
	 * fork storm): it was never shown, so its vanishing alone would be
	 * dropped.  Show it from its fork message; its exit message follows.
	 */
	if (err == -ESRCH && ev->kind == PROCCONN_FORK &&
	    !model_find(&o->model, ev->pid)) {
		add_ghost(o, ev);
		return;
	}
	/* Released before we knew its parent: ppid reads 0. */
	if (ev->kind == PROCCONN_FORK && o->snap.n_procs == 1 &&
	    o->snap.procs[0].ppid == 0)
		o->snap.procs[0].ppid = ev->ppid;
	if (ev->kind == PROCCONN_FORK && o->snap.n_procs == 1 &&
	    o->snap.procs[0].ppid != ev->ppid &&
	    !model_find(&o->model, ev->pid))
		obs_spawn_as_forked(o, ev->ppid);
	hold_unknown_exits(o);
	obs_apply(o);
}

/* The notes written so far come first (observer_config.before). */
void obs_before(struct observer *o)
{
	if (o->cfg.before)
		o->cfg.before(o->cfg.before_arg);
}

void observer_set_before(struct observer *o, void (*fn)(void *arg),
			 void *arg)
{
	o->cfg.before = fn;
	o->cfg.before_arg = arg;
}

void obs_conn_event(struct observer *o, const struct procconn_event *ev)
{
	obs_before(o);
	conn_event_read(o, ev);
	/*
	 * Its children (tracked or not, the exiting process may be a root's
	 * parent) were re-parented before the message was sent: show it now.
	 */
	if (ev->kind == PROCCONN_EXIT) {
		snapshot_reset(&o->snap, observer_now_ms(o), false);
		if (sampler_sample_children(o->sampler, ev->pid, &o->snap) > 0) {
			hold_unknown_exits(o);
			obs_apply(o);
		}
	}
}

static void on_conn_event(const struct procconn_event *ev, void *arg)
{
	obs_conn_event(arg, ev);
}

void obs_close_ghosts(struct observer *o)
{
	if (o->n_ghosts) {
		snapshot_reset(&o->snap, observer_now_ms(o), false);
		while (o->n_ghosts)
			snapshot_add_vanished(&o->snap,
					      o->ghosts[--o->n_ghosts], -1, 0);
		obs_apply(o);
	}
}

/*
 * Read the connector's queue, then close the ghosts: a ghost's exit
 * message was queued before it became a ghost, so it has been read by now
 * unless lost.
 */
static void conn_drain(struct observer *o)
{
	int err;

	obs_trace_drain(o);
	if (!o->conn)
		return;
	err = procconn_read(o->conn, on_conn_event, o);
	if (err < 0) {
		/* A broken socket: carry on by polling. */
		obs_note_err(o, err);
		procconn_close(o->conn);
		o->conn = NULL;
		sampler_set_follow_children(o->sampler, true);
		o->rescan = true;
		obs_poll_start(o);
	}
	obs_close_ghosts(o);
}

int observer_pollfds(const struct observer *o, struct pollfd *fds, int max)
{
	if (o->trace)
		return obs_trace_fds(o, fds, max);
	if (!o->conn || max < 1)
		return obs_poll_fds(o, fds, max);
	fds[0].fd = procconn_fd(o->conn);
	fds[0].events = POLLIN;
	fds[0].revents = 0;
	return 1;
}

int observer_timeout_ms(const struct observer *o)
{
	int64_t left, due;

	if (o->replay)
		return o->cfg.interval_ms;
	due = o->trace ? obs_trace_due_ms(o) : obs_poll_due_ms(o);
	if (due < 0 || due > o->next_sample_ms)
		due = o->next_sample_ms;
	left = due - observer_now_ms(o);
	return left > 0 ? (int)left : 0;
}

int observer_step(struct observer *o)
{
	int64_t now;
	int err;

	o->err = 0;
	if (o->replay)
		return 0;
	if (o->cfg.step_hook)
		o->cfg.step_hook(observer_now_ms(o), o->cfg.step_hook_arg);
	conn_drain(o);
	obs_before(o);
	obs_poll_step(o);
	obs_trace_step(o);
	if (o->rescan) {
		o->rescan = false;
		err = sampler_scan_descendants(o->sampler);
		if (err < 0)
			obs_note_err(o, err);
		o->next_sample_ms = 0;	/* read everything now */
	}
	now = observer_now_ms(o);
	if (now >= o->next_sample_ms ||
	    (o->fast_until_ms > now && now >= o->next_fast_ms))
		obs_before(o);
	if (now >= o->next_sample_ms) {
		obs_note_err(o, full_sample(o));
		o->next_sample_ms += o->cfg.interval_ms;
		if (o->next_sample_ms <= now)
			o->next_sample_ms = now + o->cfg.interval_ms;
	} else if (o->fast_until_ms > now && now >= o->next_fast_ms) {
		obs_note_err(o, sample_all(o, false));
	}
	obs_update_filter(o);
	return o->err;
}

int observer_note(struct observer *o, const char *text)
{
	int64_t t_ms = observer_now_ms(o);
	int err;

	if (o->cfg.tap_note)
		o->cfg.tap_note(t_ms, text, o->cfg.tap_arg);
	err = model_note(&o->model, t_ms, text);
	deliver(o);
	return err;
}

bool observer_done(const struct observer *o)
{
	if (o->replay)
		return o->have_root && model_alive(&o->model) == 0;
	return o->have_root && sampler_count(o->sampler) == 0 &&
	       model_alive(&o->model) == 0 && o->n_ghosts == 0 &&
	       obs_poll_done(o);
}

int observer_run(struct observer *o, int64_t duration_ms,
		 volatile sig_atomic_t *stop)
{
	struct pollfd fds[4];
	int err = 0;

	if (o->replay)
		return 0;
	while (!observer_done(o) && !(stop && *stop)) {
		int n = observer_pollfds(o, fds, 4);
		int timeout = observer_timeout_ms(o);

		if (duration_ms > 0) {
			int64_t left = duration_ms - observer_now_ms(o);

			if (left <= 0)
				break;
			if (left < timeout)
				timeout = (int)left;
		}
		if (poll(fds, (nfds_t)n, timeout) < 0 && errno != EINTR)
			return -errno;
		err = observer_step(o);
		if (err == -ENOMEM)
			return err;
	}
	if (!observer_done(o)) {
		err = full_sample(o);
		conn_drain(o);	/* the exits that sample found */
	}
	return err == -ENOMEM ? err : 0;
}

struct observer *observer_new_replay(const struct observer_config *cfg,
				     const char *event_source)
{
	struct observer *o = calloc(1, sizeof(*o));

	if (!o)
		return NULL;
	o->cfg = *cfg;
	o->cfg.tap_snapshot = NULL;
	o->cfg.tap_note = NULL;
	if (o->cfg.interval_ms <= 0)
		o->cfg.interval_ms = OBSERVER_INTERVAL_DEFAULT;
	o->replay = true;
	o->reap_ep = -1;
	snprintf(o->event_source, sizeof(o->event_source), "%s",
		 event_source ? event_source : "poll");
	snapshot_init(&o->snap);
	if (model_init(&o->model)) {
		free(o);
		errno = ENOMEM;
		return NULL;
	}
	o->self = (int)getpid();
	return o;
}

bool observer_live(const struct observer *o)
{
	return !o->replay;
}

int observer_feed(struct observer *o, const struct snapshot *s)
{
	int err;

	if (!o->replay)
		return -EPERM;
	o->have_root = true;
	err = model_apply(&o->model, s);
	deliver(o);
	return err;
}

int observer_feed_note(struct observer *o, int64_t t_ms, const char *text)
{
	int err;

	if (!o->replay)
		return -EPERM;
	err = model_note(&o->model, t_ms, text);
	deliver(o);
	return err;
}

int observer_feed_reset(struct observer *o)
{
	if (!o->replay)
		return -EPERM;
	model_clear(&o->model);
	o->have_root = false;
	return model_init(&o->model);
}
