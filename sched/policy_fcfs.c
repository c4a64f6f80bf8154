/*
 * sched/policy_fcfs.c - first come, first served.
 *
 * Tie-breaking: one FIFO ready queue.  Jobs enter it in the spec's order
 * at each instant (arrivals in input order, then IO completions in input
 * order); the head runs until its CPU burst ends.  Never preempts.
 */
#include <stdio.h>

#include "common/i18n.h"
#include "sched/policy.h"

static void fcfs_enqueue(struct sched_sim *sim, int job, enum sim_enq why)
{
	rq_push_tail(sim, 0, job);
}

static int fcfs_dispatch(struct sched_sim *sim, int cur)
{
	return cur >= 0 ? cur : rq_pop_head(sim, 0);
}

static void fcfs_explain(const struct sched_sim *sim, int job, char *buf,
			 size_t len)
{
	snprintf(buf, len, "%s", _("head of the FIFO queue"));
}

const struct sched_policy sched_policy_fcfs = {
	.quiet = true,
	.name = "fcfs",
	.describe = N_("fcfs: first come, first served (FIFO, non-preemptive)"),
	.enqueue = fcfs_enqueue,
	.dispatch = fcfs_dispatch,
	.explain = fcfs_explain,
};
