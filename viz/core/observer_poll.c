/*
 * viz/core/observer_poll.c - what the observer adds when it has no process
 * connector (an unprivileged user on most kernels), so that polling loses
 * as little as the kernel allows (procviz(1), "Observation sources"):
 *
 *  - a pidfd per tracked process (viz/core/pidwatch.h): its exit wakes us
 *    at once, the zombie is read then (exit code: stat field 52), and so
 *    are its children, just re-parented; a process that was reaped before
 *    we read it still gets its status from PIDFD_INFO_EXIT (Linux 6.15);
 *  - the zombies are re-read every ZOMBIE_RECHECK_MS, so a reap is dated closely;
 *  - after a change (a process appeared, exited or vanished) every tracked
 *    process is read every FAST_MS for one period;
 *  - the environment marker (viz/core/marker.h): new processes that carry
 *    it are followed even when they left the tree before we saw them;
 *  - the lessons' announcements (observer_hint_fork/_reap), in both modes.
 */
#include "viz/core/observer_int.h"

#include "viz/core/pidwatch.h"
#include "viz/core/procconn.h"
#include "viz/core/sampler.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static void poll_on_track(int pid, bool added, void *arg)
{
	struct observer *o = arg;

	if (added)
		pidwatch_add(o->pw, pid);	/* best effort: see pidwatch.h */
	else
		pidwatch_forget(o->pw, pid);
}

void obs_poll_start(struct observer *o)
{
	int pids[256];
	size_t n, i;

	if (o->pw || o->replay)
		return;
	o->pw = pidwatch_new();
	if (!o->pw)
		return;
	sampler_set_track_hook(o->sampler, poll_on_track, o);
	n = sampler_pids(o->sampler, pids, 256);
	for (i = 0; i < n && i < 256; i++)
		pidwatch_add(o->pw, pids[i]);
}

void obs_poll_free(struct observer *o)
{
	pidwatch_free(o->pw);
	o->pw = NULL;
}

void obs_poll_fill_exits(struct observer *o)
{
	size_t i;

	if (!o->pw)
		return;
	for (i = 0; i < o->snap.n_vanished; i++) {
		struct snap_vanished *v = &o->snap.vanished[i];

		if (v->exit_code < 0)
			v->exit_code = pidwatch_exit_code(o->pw, v->pid);
	}
}

int obs_poll_fds(const struct observer *o, struct pollfd *fds, int max)
{
	if (!o->pw || max < 1)
		return 0;
	fds[0].fd = pidwatch_fd(o->pw);
	fds[0].events = POLLIN;
	fds[0].revents = 0;
	return 1;
}

int64_t obs_poll_due_ms(const struct observer *o)
{
	int64_t due = -1;

	if (!o->pw)
		return -1;
	if (o->fast_until_ms > o->next_fast_ms)
		due = o->next_fast_ms;
	if (o->model.zombies && (due < 0 || o->next_zombie_recheck_ms < due))
		due = o->next_zombie_recheck_ms;
	return due;
}

static void poll_changed(struct observer *o)
{
	int64_t now = observer_now_ms(o);

	if (!o->pw)
		return;
	if (o->fast_until_ms < now + o->cfg.interval_ms)
		o->fast_until_ms = now + o->cfg.interval_ms;
	if (o->next_fast_ms > now + FAST_MS)
		o->next_fast_ms = now + FAST_MS;
}

/* @pid exited: read it (a zombie, or its status) and its children. */
static void poll_exited(struct observer *o, int pid)
{
	if (!sampler_tracking(o->sampler, pid))
		return;
	snapshot_reset(&o->snap, observer_now_ms(o), false);
	obs_recheck_zombies(o, pid);	/* reaps before this exit */
	if (sampler_sample_one(o->sampler, pid, &o->snap, -1) == -ENOMEM)
		obs_note_err(o, -ENOMEM);
	if (sampler_sample_children(o->sampler, pid, &o->snap) < 0)
		obs_note_err(o, -ENOMEM);
	obs_apply(o);
	poll_changed(o);
}

void obs_poll_step(struct observer *o)
{
	int pids[64], n, i;
	int64_t now;

	if (!o->pw)
		return;
	while ((n = pidwatch_read(o->pw, pids, 64)) > 0) {
		/* A note written before these exits comes before them. */
		obs_before(o);
		for (i = 0; i < n; i++)
			poll_exited(o, pids[i]);
	}
	now = observer_now_ms(o);
	if (o->model.zombies && now >= o->next_zombie_recheck_ms) {
		snapshot_reset(&o->snap, now, false);
		obs_recheck_zombies(o, 0);
		obs_apply(o);
		o->next_zombie_recheck_ms = now + ZOMBIE_RECHECK_MS;
	}
}

/*
 * Follow the new processes that carry the marker.  In a run whose
 * processes announce their forks, one found now is followed at the next
 * sample only: its announcement (already written, since it is written
 * before the child does anything) is read in between, and it says who
 * forked it, which a process re-parented already no longer shows.
 */
void obs_poll_before_sample(struct observer *o)
{
	int pids[MARKED_MAX], n, i;

	/* The connector and the tracer name every new process themselves. */
	if (o->conn || o->trace || !o->marker.len)
		return;
	for (i = 0; i < o->n_marked; i++)
		if (!sampler_tracking(o->sampler, o->marked[i]) &&
		    !model_find(&o->model, o->marked[i]))
			sampler_track(o->sampler, o->marked[i]);
	o->n_marked = 0;
	n = marker_scan_new(&o->marker, pids, MARKED_MAX);
	for (i = 0; i < n; i++) {
		if (sampler_tracking(o->sampler, pids[i]))
			continue;
		if (o->announced)
			o->marked[o->n_marked++] = pids[i];
		else
			sampler_track(o->sampler, pids[i]);
	}
}

/*
 * Announced processes gone before we read them whose reap was not
 * announced (their reaper is not ours, e.g. init) within HINT_GHOST_WAIT_MS:
 * their exit is unknown.
 */
static void poll_close_hint_ghosts(struct observer *o)
{
	int64_t now = observer_now_ms(o);
	int i = 0;

	if (!o->n_hint_ghosts)
		return;
	snapshot_reset(&o->snap, now, false);
	while (i < o->n_hint_ghosts) {
		if (now - o->hint_ghost_ms[i] < HINT_GHOST_WAIT_MS) {
			i++;
			continue;
		}
		snapshot_add_vanished(&o->snap, o->hint_ghosts[i], -1, 0);
		o->n_hint_ghosts--;
		o->hint_ghosts[i] = o->hint_ghosts[o->n_hint_ghosts];
		o->hint_ghost_ms[i] = o->hint_ghost_ms[o->n_hint_ghosts];
	}
	if (o->snap.n_vanished)
		obs_apply(o);
}

void obs_poll_after_sample(struct observer *o, bool periodic,
			   size_t tracked_before, unsigned zombies_before)
{
	bool changed = sampler_count(o->sampler) > tracked_before ||
		       o->snap.n_vanished || o->model.zombies > zombies_before;

	if (periodic)
		poll_close_hint_ghosts(o);
	if (!o->pw)
		return;
	o->next_fast_ms = observer_now_ms(o) + FAST_MS;
	if (changed)
		poll_changed(o);
}

bool obs_poll_done(const struct observer *o)
{
	return o->n_hint_ghosts == 0 && o->n_marked == 0;
}

/* --- public: observer.h ---------------------------------------------------- */

void observer_set_marker(struct observer *o, const char *entry,
			 bool announced)
{
	marker_scan_init(&o->marker, entry);
	o->announced = announced;
}

const char *observer_sources(struct observer *o)
{
	snprintf(o->sources, sizeof(o->sources), "%s%s%s%s%s",
		 observer_event_source(o), o->pw ? ",pidfd" : "",
		 o->pw && pidwatch_has_exit_info(o->pw) ? ",pidfd-exit" : "",
		 !o->conn && !o->trace && o->marker.len && !o->replay ?
			 ",marker" : "",
		 o->announced ? ",scenario" : "");
	return o->sources;
}

/* A process known only from an announcement: show what it said. */
static void poll_hint_ghost(struct observer *o, int pid, int ppid,
			    const char *comm)
{
	if (!obs_show_ghost(o, pid, ppid, comm, o->n_hint_ghosts))
		return;
	o->hint_ghost_ms[o->n_hint_ghosts] = observer_now_ms(o);
	o->hint_ghosts[o->n_hint_ghosts++] = pid;
}

static bool poll_take_hint_ghost(struct observer *o, int pid)
{
	int i;

	for (i = 0; i < o->n_hint_ghosts; i++) {
		if (o->hint_ghosts[i] == pid) {
			o->n_hint_ghosts--;
			o->hint_ghosts[i] = o->hint_ghosts[o->n_hint_ghosts];
			o->hint_ghost_ms[i] = o->hint_ghost_ms[o->n_hint_ghosts];
			return true;
		}
	}
	return false;
}

/*
 * @pid is shown under the name its parent had (read, or reported by the
 * connector, before it renamed itself; it may be gone before the next
 * reading): the announcement gives the name it gave itself (scen_fork()
 * renames the child, same program: a rename).  Once the model has seen
 * it under a name of its own (a later exec or rename, read before the
 * announcement was), the announcement is older news: nothing to apply
 * (model.h "Names"; the model would ignore it too).
 */
static void poll_hint_rename(struct observer *o, int pid, const char *comm)
{
	const struct model_proc *mp = model_find(&o->model, pid);
	struct snap_proc *sp;

	if (!mp || mp->named || !comm || !*comm ||
	    !strncmp(mp->comm, comm, SNAP_COMM_LEN))
		return;
	snapshot_reset(&o->snap, observer_now_ms(o), false);
	sp = snapshot_add_proc(&o->snap, pid);
	if (!sp) {
		obs_note_err(o, -ENOMEM);
		return;
	}
	model_proc_give(mp, sp);	/* as last read, renamed: */
	snprintf(sp->comm, sizeof(sp->comm), "%s", comm);
	sp->comm_from = SNAP_COMM_ANNOUNCED;
	obs_apply(o);
}

/*
 * Whether the model already showed @pid come and go in the last
 * HINT_GHOST_WAIT_MS: a fork the connector saw, gone before it could be read
 * (a ghost), whose announcement comes after (daemon-launch, which forks
 * the daemon and exits at once).  Announced again it would be a second
 * process.
 */
static bool poll_shown_gone(const struct observer *o, int pid)
{
	int64_t now = observer_now_ms(o);
	size_t i;

	for (i = model_count(&o->model); i-- > 0;) {
		const struct model_proc *p = model_proc_at(&o->model, i);

		if (p->pid == pid && p->gone_ms >= 0 &&
		    now - p->gone_ms < HINT_GHOST_WAIT_MS)
			return true;
	}
	return false;
}

int observer_hint_fork(struct observer *o, int pid, int ppid,
		       const char *comm)
{
	int err, i;

	if (o->replay)
		return -EPERM;
	if (pid > 0 && model_find(&o->model, pid)) {
		poll_hint_rename(o, pid, comm);
		return 0;
	}
	if (pid <= 0 || sampler_tracking(o->sampler, pid) ||
	    poll_shown_gone(o, pid))
		return 0;
	for (i = 0; i < o->n_hint_ghosts; i++)
		if (o->hint_ghosts[i] == pid)
			return 0;
	for (i = 0; i < o->n_ghosts; i++)
		if (o->ghosts[i] == pid)
			return 0;
	err = sampler_track(o->sampler, pid);
	if (err == -ESRCH) {
		poll_hint_ghost(o, pid, ppid, comm);
		return 0;
	}
	if (err)
		return err;
	obs_update_filter(o);	/* its exec and exit must reach us */
	snapshot_reset(&o->snap, observer_now_ms(o), false);
	err = sampler_sample_one(o->sampler, pid, &o->snap, -1);
	if (err == -ESRCH) {
		poll_hint_ghost(o, pid, ppid, comm);
		return 0;
	}
	if (err)
		return err;
	/* Re-parented before we read it: show the fork as it was. */
	if (o->snap.n_procs == 1 && o->snap.procs[0].ppid != ppid)
		obs_spawn_as_forked(o, ppid);
	obs_apply(o);
	poll_changed(o);
	return 0;
}

int observer_hint_reap(struct observer *o, int pid, int by, int status)
{
	size_t i;

	if (o->replay)
		return -EPERM;
	snapshot_reset(&o->snap, observer_now_ms(o), false);
	if (poll_take_hint_ghost(o, pid)) {
		snapshot_add_vanished(&o->snap, pid, status, by);
		obs_apply(o);
		return 0;
	}
	if (!sampler_tracking(o->sampler, pid))
		return 0;
	if (sampler_sample_one(o->sampler, pid, &o->snap, status) == -ENOMEM)
		return -ENOMEM;
	for (i = 0; i < o->snap.n_vanished; i++)
		if (o->snap.vanished[i].pid == pid)
			o->snap.vanished[i].reaped_by = by;
	obs_apply(o);
	poll_changed(o);
	return 0;
}
