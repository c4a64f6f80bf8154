/*
 * sched/policy_prio.c - priority scheduling: prio (non-preemptive),
 * pprio (preemptive) and prio-rr (preemptive, round robin with quantum
 * opts.quantum among equal priorities — Silberschatz 10th ed.).
 *
 * Tie-breaking: the smallest priority number first (--prio-high-first:
 * the largest).  Equal priorities go to ready-queue order (FIFO), and
 * within one instant to the spec's enqueue order.  pprio and prio-rr
 * preempt the running job only for a strictly better priority; the
 * preempted job re-enters the ready queue at its tail.  prio-rr gives a
 * fresh quantum at every dispatch; an expired job goes to the tail, so
 * the next job of the same priority runs (alone, it runs again).
 */
#include <stdio.h>

#include "common/i18n.h"
#include "sched/policy.h"

static long long prio_key(const struct sched_sim *sim, int job)
{
	long p = sim->w.jobs[job].priority;

	return sim->o.prio_high_first ? -(long long)p : (long long)p;
}

static void prio_enqueue(struct sched_sim *sim, int job, enum sim_enq why)
{
	rh_push(sim, job, prio_key(sim, job));
}

static int prio_dispatch(struct sched_sim *sim, int cur)
{
	return cur >= 0 ? cur : rh_pop(sim);
}

static int pprio_dispatch(struct sched_sim *sim, int cur)
{
	int top = rh_top(sim);

	if (cur >= 0 && (top < 0 || rh_top_key(sim) >= prio_key(sim, cur)))
		return cur;
	top = rh_pop(sim);
	if (cur >= 0)
		sim_preempt(sim, cur);
	return top;
}

static int prio_rr_dispatch(struct sched_sim *sim, int cur)
{
	int job = pprio_dispatch(sim, cur);

	if (job >= 0 && job != cur)
		sim->j[job].qleft = sim->o.quantum;
	return job;
}

static void prio_rr_ran(struct sched_sim *sim, int job)
{
	sim->j[job].qleft--;
}

static bool prio_rr_expired(struct sched_sim *sim, int job)
{
	return sim->j[job].qleft <= 0;
}

static void prio_explain(const struct sched_sim *sim, int job, char *buf,
			 size_t len)
{
	if (sim->o.prio_high_first)
		snprintf(buf, len, _("best priority: %ld (largest number "
				     "first)"), sim->w.jobs[job].priority);
	else
		snprintf(buf, len, _("best priority: %ld (smallest number "
				     "first)"), sim->w.jobs[job].priority);
}

static int prio_params(const struct sched_opts *o, struct sched_policy_param *p)
{
	int n = 0;

	if (o->prio_high_first)
		sched_param_add(p, &n, "prio_high_first", "true");
	return n;
}

static int prio_rr_params(const struct sched_opts *o,
			  struct sched_policy_param *p)
{
	int n = 0;

	sched_param_add(p, &n, "quantum", "%d", o->quantum);
	if (o->prio_high_first)
		sched_param_add(p, &n, "prio_high_first", "true");
	return n;
}

const struct sched_policy sched_policy_prio = {
	.quiet = true,
	.name = "prio",
	.describe = N_("prio: priority, non-preemptive (smaller number first)"),
	.uses_heap = true,
	.enqueue = prio_enqueue,
	.dispatch = prio_dispatch,
	.explain = prio_explain,
	.params = prio_params,
};

const struct sched_policy sched_policy_pprio = {
	.quiet = true,
	.name = "pprio",
	.describe = N_("pprio: priority, preemptive (smaller number first)"),
	.uses_heap = true,
	.enqueue = prio_enqueue,
	.dispatch = pprio_dispatch,
	.explain = prio_explain,
	.params = prio_params,
};

const struct sched_policy sched_policy_prio_rr = {
	.quiet = true,
	.name = "prio-rr",
	.describe = N_("prio-rr: preemptive priority, round robin --quantum Q "
		       "among equals"),
	.uses_heap = true,
	.enqueue = prio_enqueue,
	.dispatch = prio_rr_dispatch,
	.ran = prio_rr_ran,
	.expired = prio_rr_expired,
	.explain = prio_explain,
	.params = prio_rr_params,
};
