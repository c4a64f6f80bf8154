/*
 * sched/sim_seek.c - snapshots and seeking: a bounded set of copies of
 * the blob (see policy.h and sim.c "Seeking"), restore and replay.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "sched/policy.h"

enum {
	NEAR_MIN = 512,		/* replays shorter than this take none */
};

/* ---- snapshots ---- */

int sim_snap_take(struct sched_sim *sim)
{
	struct sim_snap *s;

	if (sim->nsnaps == sim->maxsnaps) {
		/*
		 * Keep every other one (always the one at 0) and double the
		 * period.  Entries are swapped, not freed: every buffer is
		 * allocated once and reused, so no page faults later.
		 */
		int k = 0;

		for (int i = 0; i < sim->nsnaps; i += 2) {
			struct sim_snap tmp = sim->snaps[k];

			sim->snaps[k++] = sim->snaps[i];
			sim->snaps[i] = tmp;
		}
		sim->nsnaps = k;
		sim->snap_every *= 2;
		if (sim->c->now < sim->snaps[k - 1].t + sim->snap_every)
			return 0;
	}
	s = &sim->snaps[sim->nsnaps];
	if (!s->blob) {
		s->blob = sim_big_alloc(sim->blob_size);
		if (!s->blob)
			return -ENOMEM;
	}
	memcpy(s->blob, sim->blob, sim->blob_size);
	s->t = sim->c->now;
	sim->nsnaps++;
	return 0;
}


void sim_maybe_snap(struct sched_sim *sim)
{
	long now = sim->c->now;

	if (sim->no_snaps)
		return;
	if (now >= sim->snaps[sim->nsnaps - 1].t + sim->snap_every)
		(void)sim_snap_take(sim);	/* a missing snapshot only costs time */
}

/* The latest snapshot (regular or near) at or before instant @t. */
static const struct sim_snap *snap_before(const struct sched_sim *sim,
					  long t)
{
	const struct sim_snap *best;
	int lo = 0, hi = sim->nsnaps - 1;

	/* snaps[0] is at 0 */
	while (lo < hi) {
		int mid = lo + (hi - lo + 1) / 2;

		if (sim->snaps[mid].t <= t)
			lo = mid;
		else
			hi = mid - 1;
	}
	best = &sim->snaps[lo];
	for (int i = 0; i < sim->nnear; i++)
		if (sim->near[i].blob && sim->near[i].t <= t &&
		    sim->near[i].t > best->t)
			best = &sim->near[i];
	return best;
}

/*
 * Seeking back restores the latest snapshot before @t and replays.  When
 * the replay is long, NEAR_SLOTS extra snapshots are taken on the way,
 * evenly spaced, so that stepping back tick by tick from there replays a
 * fraction of the distance instead of all of it each time.
 */
int sched_sim_seek(struct sched_sim *sim, long t)
{
	long plan[NEAR_SLOTS];
	int nplan = 0, rc;

	if (t < 0)
		return -EINVAL;
	if (t < sim->c->now) {
		const struct sim_snap *base = snap_before(sim, t);
		long d = t - base->t;

		memcpy(sim->blob, base->blob, sim->blob_size);
		sim_view_set(sim, sim->c->now);
		if (d >= NEAR_MIN)
			for (int k = 0; k < sim->nnear; k++)
				plan[nplan++] = base->t + d * (k + 1) /
						(sim->nnear + 1);
	}
	if (t > sim->c->now) {
		/* a snapshot beyond now (after a seek back) saves replaying */
		const struct sim_snap *base = snap_before(sim, t);

		if (base->t > sim->c->now) {
			memcpy(sim->blob, base->blob, sim->blob_size);
			sim_view_set(sim, sim->c->now);
		}
	}
	while (sim->c->now < t) {
		if (sim_skip_idle(sim, t + 1))
			return -ENOMEM;
		if (sim->c->now == t)
			break;
		rc = sched_sim_step(sim);
		if (rc < 0)
			return rc;
		if (rc == 0)
			return -EINVAL;	/* beyond the end: left at the end */
		if (nplan > 0 && sim->c->now >= plan[0]) {
			struct sim_snap *s = &sim->near[sim->nnear - nplan];

			if (!s->blob)
				s->blob = sim_big_alloc(sim->blob_size);
			if (s->blob) {
				memcpy(s->blob, sim->blob, sim->blob_size);
				s->t = sim->c->now;
			}
			memmove(plan, plan + 1, (size_t)--nplan * sizeof(long));
		}
	}
	return 0;
}

long sched_sim_end(struct sched_sim *sim)
{
	long at = sim->c->now;

	if (sim->end < 0) {
		if (sched_sim_run(sim) < 0)
			return -ENOMEM;
		(void)sched_sim_seek(sim, at);
	}
	return sim->end;
}

