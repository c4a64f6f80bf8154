/*
 * sched/policy_sjf.c - shortest job first (non-preemptive; Stallings'
 * SPN).
 *
 * Tie-breaking: the ready job with the shortest next CPU burst runs to
 * the end of that burst; equal bursts go to ready-queue order (the job
 * that became ready first), and within one instant to the spec's enqueue
 * order (arrivals in input order, then IO completions in input order).
 */
#include <stdio.h>

#include "common/i18n.h"
#include "sched/policy.h"

static void sjf_enqueue(struct sched_sim *sim, int job, enum sim_enq why)
{
	rh_push(sim, job, sim->j[job].left);
}

static int sjf_dispatch(struct sched_sim *sim, int cur)
{
	return cur >= 0 ? cur : rh_pop(sim);
}

static void sjf_explain(const struct sched_sim *sim, int job, char *buf,
			size_t len)
{
	snprintf(buf, len, _("shortest next CPU burst: %d"),
		 sim->j[job].left);
}

const struct sched_policy sched_policy_sjf = {
	.quiet = true,
	.name = "sjf",
	.describe = N_("sjf: shortest job first (next CPU burst, "
		       "non-preemptive)"),
	.uses_heap = true,
	.enqueue = sjf_enqueue,
	.dispatch = sjf_dispatch,
	.explain = sjf_explain,
};
