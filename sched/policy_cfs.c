/*
 * sched/policy_cfs.c - a model of Linux's completely fair scheduler.
 *
 * The model (one CPU, one tick = 1 ms):
 * - weight = sched_prio_to_weight[nice + 20] (Linux's table; nice 0 =
 *   1024).  Each tick a job runs adds 2^20 * 1024 / weight to its
 *   vruntime (2^20 per tick at nice 0).
 * - The ready job with the smallest vruntime runs; equal vruntimes go to
 *   ready-queue order (Linux's rbtree puts equal keys to the right).
 * - Slice at dispatch: period * weight / W, at least 1 tick, where period
 *   = max(6, ready jobs) ticks (sched_latency 6 ms, minimum granularity
 *   1 tick) and W is the weight of the ready jobs plus the picked one.
 *   The job keeps the CPU for its slice unless it blocks or finishes; no
 *   wakeup preemption.  At the end of the slice it goes back to the tree.
 * - min_vruntime = the largest vruntime dispatched so far (monotonic).
 *   A new job starts at max(its vruntime, min_vruntime); a job back from
 *   IO at max(its vruntime, min_vruntime - half a period of nice-0
 *   vruntime) (Linux's sleeper credit, GENTLE_FAIR_SLEEPERS).
 */
#include <stdio.h>

#include "common/i18n.h"
#include "sched/policy.h"

static const long prio_to_weight[40] = {
	/* -20 */ 88761, 71755, 56483, 46273, 36291,
	/* -15 */ 29154, 23254, 18705, 14949, 11916,
	/* -10 */ 9548, 7620, 6100, 4904, 3906,
	/*  -5 */ 3121, 2501, 1991, 1586, 1277,
	/*   0 */ 1024, 820, 655, 526, 423,
	/*   5 */ 335, 272, 215, 172, 137,
	/*  10 */ 110, 87, 70, 56, 45,
	/*  15 */ 36, 29, 23, 18, 15,
};

enum { CFS_LATENCY = 6 };
#define CFS_UNIT (1LL << 20)	/* vruntime of one nice-0 tick */

static long cfs_weight(const struct sched_sim *sim, int job)
{
	int nice = sim->w.jobs[job].nice;

	if (nice < -20)
		nice = -20;
	if (nice > 19)
		nice = 19;
	return prio_to_weight[nice + 20];
}

static void cfs_enqueue(struct sched_sim *sim, int job, enum sim_enq why)
{
	long long *vr = &sim->cold[job].vr;
	long long floor = sim->c->minvr;

	if (why == SIM_ENQ_IO)
		floor -= CFS_LATENCY * CFS_UNIT / 2;
	if ((why == SIM_ENQ_ARRIVE || why == SIM_ENQ_IO) && *vr < floor)
		*vr = floor;
	sim->c->total += cfs_weight(sim, job);
	rh_push(sim, job, *vr);
}

static int cfs_dispatch(struct sched_sim *sim, int cur)
{
	struct sim_core *c = sim->c;
	long long period, w;
	int job;

	if (cur >= 0)
		return cur;
	period = c->nready > CFS_LATENCY ? c->nready : CFS_LATENCY;
	job = rh_pop(sim);
	if (job < 0)
		return -1;
	w = cfs_weight(sim, job);
	/* c->total still includes the picked job: W = ready + picked */
	sim->j[job].qleft = (int)(period * w / c->total);
	if (sim->j[job].qleft < 1)
		sim->j[job].qleft = 1;
	c->total -= w;
	if (sim->cold[job].vr > c->minvr)
		c->minvr = sim->cold[job].vr;
	return job;
}

static void cfs_ran(struct sched_sim *sim, int job)
{
	sim->cold[job].vr += CFS_UNIT * 1024 / cfs_weight(sim, job);
	sim->j[job].qleft--;
}

static bool cfs_expired(struct sched_sim *sim, int job)
{
	return sim->j[job].qleft <= 0;
}

static void cfs_explain(const struct sched_sim *sim, int job, char *buf,
			size_t len)
{
	snprintf(buf, len, _("smallest vruntime %.2f, weight %ld, slice %d"),
		 (double)sim->cold[job].vr / (double)CFS_UNIT,
		 cfs_weight(sim, job), sim->j[job].qleft);
}

const struct sched_policy sched_policy_cfs = {
	.name = "cfs",
	.describe = N_("cfs: completely fair scheduler model "
		       "(vruntime, nice=)"),
	.uses_heap = true,
	.enqueue = cfs_enqueue,
	.dispatch = cfs_dispatch,
	.ran = cfs_ran,
	.expired = cfs_expired,
	.explain = cfs_explain,
};
