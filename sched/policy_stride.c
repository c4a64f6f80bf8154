/*
 * sched/policy_stride.c - stride scheduling (OSTEP ch. 9).
 *
 * stride = opts.stride_big / tickets (at least 1).  Each tick a job runs
 * adds its stride to its pass.  At every decision (quantum opts.quantum
 * ended, or the job blocked or finished) the ready job with the lowest
 * pass runs; equal passes go to ready-queue order (and within one
 * instant to the spec's enqueue order).  A job arriving or returning
 * from IO starts at max(its pass, the global pass), the global pass being
 * the pass of the last job dispatched, so sleeping earns no credit.
 * Arrivals never preempt.
 */
#include <stdio.h>

#include "common/i18n.h"
#include "sched/policy.h"

static long long stride_of(const struct sched_sim *sim, int job)
{
	long t = sim->w.jobs[job].tickets;
	long long s = sim->o.stride_big / (t > 0 ? t : 1);

	return s > 0 ? s : 1;
}

static void stride_enqueue(struct sched_sim *sim, int job, enum sim_enq why)
{
	long long *vr = &sim->cold[job].vr;

	if ((why == SIM_ENQ_ARRIVE || why == SIM_ENQ_IO) &&
	    *vr < sim->c->minvr)
		*vr = sim->c->minvr;
	rh_push(sim, job, *vr);
}

static int stride_dispatch(struct sched_sim *sim, int cur)
{
	int job;

	if (cur >= 0)
		return cur;
	job = rh_pop(sim);
	if (job >= 0) {
		if (sim->cold[job].vr > sim->c->minvr)
			sim->c->minvr = sim->cold[job].vr;
		sim->j[job].qleft = sim->o.quantum;
	}
	return job;
}

static void stride_ran(struct sched_sim *sim, int job)
{
	sim->cold[job].vr += stride_of(sim, job);
	sim->j[job].qleft--;
}

static bool stride_expired(struct sched_sim *sim, int job)
{
	return sim->j[job].qleft <= 0;
}

static void stride_explain(const struct sched_sim *sim, int job, char *buf,
			   size_t len)
{
	snprintf(buf, len, _("lowest pass %lld, stride %lld"),
		 sim->cold[job].vr,
		 stride_of(sim, job));
}

static int stride_params(const struct sched_opts *o,
			 struct sched_policy_param *p)
{
	int n = 0;

	sched_param_add(p, &n, "quantum", "%d", o->quantum);
	sched_param_add(p, &n, "stride_big", "%ld", o->stride_big);
	if (o->whole_slice)
		sched_param_add(p, &n, "whole_slice", "true");
	return n;
}

const struct sched_policy sched_policy_stride = {
	.name = "stride",
	.describe = N_("stride: stride scheduling by tickets= "
		       "(lowest pass first)"),
	.uses_heap = true,
	.slices = true,
	.enqueue = stride_enqueue,
	.dispatch = stride_dispatch,
	.ran = stride_ran,
	.expired = stride_expired,
	.explain = stride_explain,
	.params = stride_params,
};
