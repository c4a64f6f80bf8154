/*
 * sched/policy_hrrn.c - highest response ratio next (non-preemptive).
 *
 * Ratio (w + s) / s, w = ticks since the job last became ready, s = its
 * next CPU burst, compared exactly in integers.  Tie-breaking: equal
 * ratios go to ready-queue order (the first in the FIFO queue), and
 * within one instant to the spec's enqueue order.  Each dispatch scans
 * the ready queue: O(ready) per dispatch, none per tick.
 */
#include <stdio.h>

#include "sched/policy.h"

static void hrrn_enqueue(struct sched_sim *sim, int job, enum sim_enq why)
{
	rq_push_tail(sim, 0, job);
}

/* true if (wa + sa) / sa > (wb + sb) / sb */
static bool hrrn_better(long wa, long sa, long wb, long sb)
{
	__int128 l = (__int128)(wa + sa) * sb;
	__int128 r = (__int128)(wb + sb) * sa;

	return l > r;
}

static int hrrn_dispatch(struct sched_sim *sim, int cur)
{
	long now = sim->c->now;
	int best = -1;

	if (cur >= 0)
		return cur;
	for (int job = sim->c->qhead[0]; job >= 0; job = sim->j[job].next) {
		if (best < 0 ||
		    hrrn_better(now - sim->j[job].mark, sim->j[job].left,
				now - sim->j[best].mark,
				sim->j[best].left))
			best = job;
	}
	if (best >= 0)
		rq_remove(sim, best);
	return best;
}

static void hrrn_explain(const struct sched_sim *sim, int job, char *buf,
			 size_t len)
{
	const struct sim_job *p = &sim->j[job];
	long w = sim->c->now - p->mark;

	snprintf(buf, len, "highest response ratio (%ld+%d)/%d = %.2f", w,
		 p->left, p->left, (double)(w + p->left) / (double)p->left);
}

const struct sched_policy sched_policy_hrrn = {
	.name = "hrrn",
	.describe = "hrrn: highest response ratio next (non-preemptive)",
	.enqueue = hrrn_enqueue,
	.dispatch = hrrn_dispatch,
	.explain = hrrn_explain,
};
