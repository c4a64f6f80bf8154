/*
 * sched/policy_srtf.c - shortest remaining time first (preemptive SJF;
 * Stallings' SRT, OSTEP's STCF).
 *
 * Tie-breaking: re-checked at every instant; the running job is
 * preempted only by a job whose remaining CPU burst is strictly shorter.
 * Equal remaining times go to ready-queue order; a preempted job re-enters
 * the ready queue at its tail (a new place in FIFO order).
 */
#include <stdio.h>

#include "common/i18n.h"
#include "sched/policy.h"

static void srtf_enqueue(struct sched_sim *sim, int job, enum sim_enq why)
{
	rh_push(sim, job, sim->j[job].left);
}

static int srtf_dispatch(struct sched_sim *sim, int cur)
{
	int top = rh_top(sim);

	if (cur >= 0 && (top < 0 || rh_top_key(sim) >= sim->j[cur].left))
		return cur;
	top = rh_pop(sim);
	if (cur >= 0)
		sim_preempt(sim, cur);
	return top;
}

static void srtf_explain(const struct sched_sim *sim, int job, char *buf,
			 size_t len)
{
	snprintf(buf, len, _("shortest remaining CPU burst: %d"),
		 sim->j[job].left);
}

const struct sched_policy sched_policy_srtf = {
	.quiet = true,
	.name = "srtf",
	.describe = N_("srtf: shortest remaining time first (preemptive SJF)"),
	.uses_heap = true,
	.enqueue = srtf_enqueue,
	.dispatch = srtf_dispatch,
	.explain = srtf_explain,
};
