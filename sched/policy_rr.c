/*
 * sched/policy_rr.c - round robin with quantum opts.quantum.
 *
 * Tie-breaking: one FIFO ready queue; a dispatched job gets a fresh
 * quantum; when it expires the job re-enters at the tail (before or after
 * the jobs arriving / returning from IO at that instant, per the
 * convention: OSTEP = before, textbook = after).  A job alone whose
 * quantum expires is re-dispatched at once (not a context switch).
 * Arrivals never preempt.
 */
#include <stdio.h>

#include "common/i18n.h"
#include "sched/policy.h"

static void rr_enqueue(struct sched_sim *sim, int job, enum sim_enq why)
{
	rq_push_tail(sim, 0, job);
}

static int rr_dispatch(struct sched_sim *sim, int cur)
{
	int job;

	if (cur >= 0)
		return cur;
	job = rq_pop_head(sim, 0);
	if (job >= 0)
		sim->j[job].qleft = sim->o.quantum;
	return job;
}

static void rr_ran(struct sched_sim *sim, int job)
{
	sim->j[job].qleft--;
}

static bool rr_expired(struct sched_sim *sim, int job)
{
	return sim->j[job].qleft <= 0;
}

static void rr_explain(const struct sched_sim *sim, int job, char *buf,
		       size_t len)
{
	snprintf(buf, len, _("head of the queue, quantum %d"),
		 sim->o.quantum);
}

static int rr_params(const struct sched_opts *o, struct sched_policy_param *p)
{
	int n = 0;

	sched_param_add(p, &n, "quantum", "%d", o->quantum);
	return n;
}

static void rr_label(const struct sched_opts *o, char *out, size_t len)
{
	snprintf(out, len, "RR q=%d", o->quantum);
}

const struct sched_policy sched_policy_rr = {
	.quiet = true,
	.name = "rr",
	.describe = N_("rr: round robin, --quantum Q (default 4)"),
	.enqueue = rr_enqueue,
	.dispatch = rr_dispatch,
	.ran = rr_ran,
	.expired = rr_expired,
	.explain = rr_explain,
	.params = rr_params,
	.label = rr_label,
};
