/*
 * sched/policy_procrun.c - OSTEP's process-run.py (chapter 4, the process
 * states), as a policy.
 *
 * Jobs are usually instruction lists ("c7,i,c1": see sched.h), read as
 * bursts.  process-run keeps a current process and switches only when it
 * issues an IO (-S SWITCH_ON_IO, the default) or finishes; opts:
 * - procrun_switch_end (-S SWITCH_ON_END): the CPU stays with the current
 *   job while its IO is in flight (idle), and is given to another job
 *   only when it finishes;
 * - procrun_io_now (-I IO_RUN_IMMEDIATE): a job whose IO completes takes
 *   the CPU at once (the running job goes back to READY); of several
 *   completing at one instant, the last in input order runs.  Without it
 *   (IO_RUN_LATER) the job waits its turn, and runs at once only when
 *   the CPU would otherwise idle (the first of several, in input order).
 * Tie-breaking: the next job is the first READY one after the current
 * job in input order, wrapping around (process-run's next_proc); jobs
 * whose IO completes at that same instant are not candidates (process-run
 * picks before it handles the completions).  No quantum, no preemption
 * otherwise.  A pick scans the jobs: O(jobs) per decision.
 */
#include <stdio.h>

#include "common/i18n.h"
#include "sched/policy.h"

/* sim->extra: per job, 1 + the instant its last IO completed (0: never). */
static bool io_done_now(const struct sched_sim *sim, int job)
{
	const long *mark = sim->extra;

	return mark[job] == sim->c->now + 1;
}

static void procrun_enqueue(struct sched_sim *sim, int job, enum sim_enq why)
{
	long *mark = sim->extra;

	if (why == SIM_ENQ_IO)
		mark[job] = sim->c->now + 1;
	rq_push_tail(sim, 0, job);	/* the queue shown; order unused */
}

/* The first READY job after @after in input order, wrapping around. */
static int next_ready(const struct sched_sim *sim, int after, bool skip_io)
{
	int n = sim->w.njobs;

	for (int k = 1; k <= n; k++) {
		int j = ((after < 0 ? -1 : after) + k) % n;

		if (after < 0)
			j = k - 1;
		if (sim->j[j].state == SCHED_JOB_READY &&
		    !(skip_io && io_done_now(sim, j)))
			return j;
	}
	return -1;
}

/* Of the jobs whose IO completed now, the first (or last) in input order. */
static int io_job(const struct sched_sim *sim, bool last)
{
	int found = -1;

	for (int j = 0; j < sim->w.njobs; j++) {
		if (sim->j[j].state == SCHED_JOB_READY && io_done_now(sim, j)) {
			found = j;
			if (!last)
				break;
		}
	}
	return found;
}

static int procrun_pick(struct sched_sim *sim, int cur)
{
	int holder = sim->c->last_job, pick;

	if (sim->o.procrun_switch_end) {
		if (cur >= 0)
			return cur;
		if (holder >= 0 && sim->j[holder].state == SCHED_JOB_BLOCKED)
			return -1;
		if (holder >= 0 && sim->j[holder].state == SCHED_JOB_READY)
			return holder;
		return next_ready(sim, holder, false);
	}
	if (sim->o.procrun_io_now) {
		pick = io_job(sim, true);
		if (pick >= 0)
			return pick;
	}
	if (cur >= 0)
		return cur;
	pick = next_ready(sim, holder, true);
	return pick >= 0 ? pick : io_job(sim, false);
}

static int procrun_dispatch(struct sched_sim *sim, int cur)
{
	int pick = procrun_pick(sim, cur);

	if (pick < 0 || pick == cur)
		return pick;
	rq_remove(sim, pick);
	if (cur >= 0)
		sim_preempt(sim, cur);
	return pick;
}

static void procrun_explain(const struct sched_sim *sim, int job, char *buf,
			    size_t len)
{
	if (io_done_now(sim, job) && sim->o.procrun_io_now)
		snprintf(buf, len, "%s",
			 _("its IO is done (IO_RUN_IMMEDIATE)"));
	else if (io_done_now(sim, job))
		snprintf(buf, len, "%s",
			 _("its IO is done (nothing else to run)"));
	else
		snprintf(buf, len, "%s",
			 _("next ready after the current process"));
}

static int procrun_params(const struct sched_opts *o,
			  struct sched_policy_param *p)
{
	int n = 0;

	sched_param_add(p, &n, "switch", "\"%s\"", o->procrun_switch_end ?
			"SWITCH_ON_END" : "SWITCH_ON_IO");
	sched_param_add(p, &n, "io_done", "\"%s\"", o->procrun_io_now ?
			"IO_RUN_IMMEDIATE" : "IO_RUN_LATER");
	return n;
}

static void procrun_label(const struct sched_opts *o, char *out, size_t len)
{
	/* The lane's title in the scheduler view, one whole title each. */
	static const char *const titles[2][2] = {
		{ N_("PROCRUN switch on IO"),
		  N_("PROCRUN switch on IO, IO runs now") },
		{ N_("PROCRUN switch at end"),
		  N_("PROCRUN switch at end, IO runs now") },
	};

	snprintf(out, len, "%s", _(titles[o->procrun_switch_end ? 1 : 0]
					 [o->procrun_io_now ? 1 : 0]));
}

const struct sched_policy sched_policy_procrun = {
	.quiet = true,
	.name = "procrun",
	.describe = N_("procrun: OSTEP's process-run (switch on IO; "
		    "--procrun-switch, --procrun-io-done, --io-length)"),
	.extra_per_job = sizeof(long),
	.state_table = true,
	.enqueue = procrun_enqueue,
	.dispatch = procrun_dispatch,
	.explain = procrun_explain,
	.params = procrun_params,
	.label = procrun_label,
};
