/*
 * viz/core/observer_ghost.c - a process no reading caught: it came and
 * went between two readings, and the connector's fork message or a
 * lesson's announcement is all that says it was there
 * (observer_int.h, obs_show_ghost()).  Both the connector's ghosts
 * (observer.c) and polling's announced ones (observer_poll.c) are shown
 * by this one function.
 */
#include "viz/core/observer_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

bool obs_show_ghost(struct observer *o, int pid, int ppid, const char *comm,
		    size_t held)
{
	const struct model_proc *parent = model_find(&o->model, ppid);
	struct snap_proc *sp;

	snapshot_reset(&o->snap, observer_now_ms(o), false);
	sp = snapshot_add_proc(&o->snap, pid);
	if (!sp) {
		obs_note_err(o, -ENOMEM);
		return false;
	}
	sp->ppid = ppid;
	sp->state = 'R';
	sp->threads = 1;
	snprintf(sp->comm, sizeof(sp->comm), "%s", comm ? comm : "");
	/* No name announced: the one it had at its fork, its parent's. */
	sp->comm_from = sp->comm[0] ? SNAP_COMM_ANNOUNCED :
				      SNAP_COMM_INHERITED;
	if (parent) {
		sp->pgid = parent->pgid;
		sp->sid = parent->sid;
		if (!sp->comm[0])
			memcpy(sp->comm, parent->comm, sizeof(sp->comm));
	}
	obs_apply(o);
	if (held < GHOSTS_MAX)
		return true;
	/* No room to wait for its end: close it now, its status unknown. */
	snapshot_reset(&o->snap, observer_now_ms(o), false);
	snapshot_add_vanished(&o->snap, pid, -1, 0);
	obs_apply(o);
	return false;
}
