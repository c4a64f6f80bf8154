/*
 * sched/policy_mlfq.c - multi-level feedback queue, OSTEP's simulator
 * (mlfq.py) by default, Stallings' feedback with opts.mlfq_stallings.
 *
 * Levels 0 (top) .. L-1.  Tie-breaking and rules:
 * - A new job enters level 0 at the tail with a fresh quantum and
 *   allotment.  The highest non-empty level runs its head.
 * - Use of a level is charged across IO and preemption: neither refreshes
 *   the quantum or the allotment (OSTEP's rule 4).  When a quantum is used
 *   up, one quantum is charged to the allotment; an exhausted allotment
 *   demotes the job (even when it is alone), at the bottom level it
 *   refills in place.  The expired job goes to the tail of its (new)
 *   level, before or after the arrivals of that instant per the
 *   convention.
 * - A job arriving or returning from IO at a higher level preempts the
 *   running job at once; the preempted job stays at the head of its level.
 * - A job back from IO goes to the tail of its level (--mlfq-io-front:
 *   the head, before the running job if that one is at the same level —
 *   OSTEP's -I, where the running job is the head of its queue — so it
 *   runs next).  --mlfq-io-stay refills quantum and allotment whenever the
 *   job issues IO; as in OSTEP, an IO issued on the last tick of a quantum
 *   still has that expiry charged.
 * - Boost every B ticks: every unfinished job goes to level 0 with a
 *   fresh quantum and allotment; the ready jobs of the lower levels are
 *   appended to level 0 lowest level first (OSTEP's order), and a running
 *   job below level 0 goes back to the head of its level before the move.
 *   A boost visits every job: O(jobs) per boost.  A job whose quantum
 *   expires at the very instant of a boost is queued (tail of its new
 *   level) before the boost under the OSTEP convention, as mlfq.py
 *   re-queues it at the end of the tick, so the boost moves it up with
 *   its level; under the textbook convention it is queued after the
 *   boosted jobs.  --mlfq-boost-ostep reproduces mlfq.py's boost exactly
 *   (see mlfq_boost_job).  tests/e2e/ostep.py checks all of this against
 *   answers of mlfq.py itself.
 * - Stallings (--mlfq-stallings): decisions only when the running job's
 *   quantum ends (or it blocks/finishes): no preemption by arrivals; an
 *   expired job is not charged or demoted when nobody else is ready at
 *   that moment (it keeps its level with a fresh quantum).
 */
#include <stdio.h>

#include "common/i18n.h"
#include "sched/policy.h"

static int mlfq_q(const struct sched_sim *sim, int level)
{
	return sim->o.mlfq_quanta[level];
}

static int mlfq_nqueues(const struct sched_opts *o)
{
	return o->mlfq_levels;
}

static void mlfq_fresh(struct sched_sim *sim, int job, int level)
{
	struct sim_job *p = &sim->j[job];

	p->level = (signed char)level;
	p->qleft = mlfq_q(sim, level);
	p->allot = (int)sched_mlfq_allot(&sim->o, level);
}

/*
 * mlfq.py's boost (--mlfq-boost-ostep), bug for bug (ostep-homework
 * issue #13): it sets the boosted job's ticks left to the top level's
 * allotment, a count of quanta (1 by default), and leaves its count of
 * quanta left as it was.  Jobs that have not arrived yet are boosted too,
 * so they start with that quantum.
 */
static int mlfq_ostep_quantum(const struct sched_sim *sim)
{
	long a = sched_mlfq_allot(&sim->o, 0);
	int q = mlfq_q(sim, 0);

	return (int)((a + q - 1) / q);
}

static void mlfq_boost_job(struct sched_sim *sim, int job)
{
	struct sim_job *p = &sim->j[job];
	int qo = mlfq_q(sim, p->level);
	long count = (p->allot + qo - 1) / qo;

	if (!sim->o.mlfq_boost_ostep) {
		mlfq_fresh(sim, job, 0);
		return;
	}
	p->level = 0;
	p->qleft = mlfq_ostep_quantum(sim);
	p->allot = (int)(count * mlfq_q(sim, 0));
}

/* One used-up quantum: charge the allotment, demote when it is spent. */
static void mlfq_charge(struct sched_sim *sim, int job)
{
	struct sim_job *p = &sim->j[job];

	p->allot -= mlfq_q(sim, p->level);
	if (p->allot <= 0) {
		if (p->level < sim->o.mlfq_levels - 1)
			mlfq_fresh(sim, job, p->level + 1);
		else
			mlfq_fresh(sim, job, p->level);
	} else {
		p->qleft = mlfq_q(sim, p->level);
	}
}

/*
 * --mlfq-io-front: in OSTEP the running job sits at the head of its level,
 * and a job back from IO is inserted before it, so it runs next even at
 * the same level.  Put a running job of that level back at the head first
 * (so the IO job goes in front of it); the engine sees it is no longer
 * RUNNING.  Not under Stallings (no mid-quantum decisions) nor while a
 * --switch-cost switch is idling the CPU.
 */
static void mlfq_unrun_same_level(struct sched_sim *sim, int level)
{
	struct sim_core *c = sim->c;
	int r = c->running;

	if (r < 0 || sim->j[r].state != SCHED_JOB_RUNNING ||
	    sim->j[r].level != level || sim->o.mlfq_stallings ||
	    c->switch_left > 0)
		return;
	sim->j[r].state = SCHED_JOB_READY;
	sim->j[r].mark = c->now;
	rq_push_head(sim, level, r);
}

static void mlfq_enqueue(struct sched_sim *sim, int job, enum sim_enq why)
{
	struct sim_job *p = &sim->j[job];

	switch (why) {
	case SIM_ENQ_ARRIVE:
		mlfq_fresh(sim, job, 0);
		if (sim->o.mlfq_boost_ostep && sim->o.mlfq_boost > 0 &&
		    sim->c->now >= sim->o.mlfq_boost)
			p->qleft = mlfq_ostep_quantum(sim);
		rq_push_tail(sim, 0, job);
		break;
	case SIM_ENQ_IO:
		if (sim->o.mlfq_io_front) {
			mlfq_unrun_same_level(sim, p->level);
			rq_push_head(sim, p->level, job);
		} else {
			rq_push_tail(sim, p->level, job);
		}
		break;
	case SIM_ENQ_PREEMPTED:
		rq_push_head(sim, p->level, job);
		break;
	case SIM_ENQ_EXPIRED:
		if (sim->o.mlfq_stallings && !sim->c->why.boosted) {
			if (sim->c->nready == 0) {
				p->qleft = mlfq_q(sim, p->level);
				sim->c->why.no_demote = true;
			} else {
				mlfq_charge(sim, job);
			}
		}
		rq_push_tail(sim, p->level, job);
		break;
	}
}

static int mlfq_top(const struct sched_sim *sim)
{
	for (int q = 0; q < sim->o.mlfq_levels; q++)
		if (sim->c->qhead[q] >= 0)
			return q;
	return -1;
}

static int mlfq_dispatch(struct sched_sim *sim, int cur)
{
	int top = mlfq_top(sim);
	int job;

	if (cur >= 0) {
		if (sim->o.mlfq_stallings || top < 0 ||
		    top >= sim->j[cur].level)
			return cur;
	}
	if (top < 0)
		return -1;
	job = rq_pop_head(sim, top);
	if (cur >= 0)
		sim_preempt(sim, cur);
	return job;
}

static void mlfq_ran(struct sched_sim *sim, int job)
{
	sim->j[job].qleft--;
}

static bool mlfq_expired(struct sched_sim *sim, int job)
{
	if (sim->j[job].qleft > 0)
		return false;
	if (!sim->o.mlfq_stallings)
		mlfq_charge(sim, job);
	return true;
}

static void mlfq_block(struct sched_sim *sim, int job)
{
	struct sim_job *p = &sim->j[job];
	bool used_up = p->qleft <= 0;

	if (sim->o.mlfq_io_stay)
		mlfq_fresh(sim, job, p->level);
	if (used_up)
		mlfq_charge(sim, job);
}

static void mlfq_boost(struct sched_sim *sim, int *cur, int expired)
{
	struct sim_core *c = sim->c;

	/* (a job being switched in by --switch-cost keeps the CPU) */
	if (*cur >= 0 && sim->j[*cur].level > 0 && c->switch_left == 0) {
		int r = *cur;

		sim->j[r].state = SCHED_JOB_READY;
		sim->j[r].mark = c->now;
		rq_push_head(sim, sim->j[r].level, r);
		*cur = -1;
	}
	/* Splice levels L-1 .. 1 onto the tail of level 0. */
	for (int q = sim->o.mlfq_levels - 1; q > 0; q--) {
		int job;

		while ((job = rq_pop_head(sim, q)) >= 0)
			rq_push_tail(sim, 0, job);
	}
	for (int i = 0; i < sim->w.njobs; i++) {
		unsigned char st = sim->j[i].state;

		if (st != SCHED_JOB_NEW && st != SCHED_JOB_DONE)
			mlfq_boost_job(sim, i);
	}
}

static void mlfq_explain(const struct sched_sim *sim, int job, char *buf,
			 size_t len)
{
	const struct sim_job *p = &sim->j[job];

	snprintf(buf, len, _("head of level %d, quantum left %d, allotment "
			     "left %d"), p->level, p->qleft, p->allot);
}

static int mlfq_params(const struct sched_opts *o, struct sched_policy_param *p)
{
	int allot[SCHED_MLFQ_MAX], n = 0, i;

	sched_param_add(p, &n, "levels", "%d", o->mlfq_levels);
	sched_param_list(p, &n, "quanta", o->mlfq_quanta, o->mlfq_levels);
	for (i = 0; i < o->mlfq_levels && i < SCHED_MLFQ_MAX; i++)
		allot[i] = (int)sched_mlfq_allot(o, i);
	sched_param_list(p, &n, "allot", allot, i);
	sched_param_add(p, &n, "boost", "%ld", o->mlfq_boost);
	if (o->mlfq_io_stay)
		sched_param_add(p, &n, "io_stay", "true");
	if (o->mlfq_io_front)
		sched_param_add(p, &n, "io_front", "true");
	if (o->mlfq_stallings)
		sched_param_add(p, &n, "stallings", "true");
	if (o->mlfq_boost_ostep)
		sched_param_add(p, &n, "boost_ostep", "true");
	return n;
}

static void mlfq_label(const struct sched_opts *o, char *out, size_t len)
{
	bool same = true;
	int l, n;

	for (l = 1; l < o->mlfq_levels; l++)
		same &= o->mlfq_quanta[l] == o->mlfq_quanta[0];
	/* TRANSLATORS: the lane's title, "MLFQ 3 lvl q=10": levels. */
	n = snprintf(out, len, _("MLFQ %d lvl "), o->mlfq_levels);
	for (l = 0; l < (same ? 1 : o->mlfq_levels) && n > 0 &&
		    (size_t)n < len; l++)
		n += snprintf(out + n, len - (size_t)n, "%s%d",
			      l ? "," : "q=", o->mlfq_quanta[l]);
}

const struct sched_policy sched_policy_mlfq = {
	.quiet = true,
	.name = "mlfq",
	.describe = N_("mlfq: multi-level feedback queue (OSTEP rules; "
		    "--mlfq-* knobs)"),
	.has_levels = true,
	.nqueues = mlfq_nqueues,
	.enqueue = mlfq_enqueue,
	.dispatch = mlfq_dispatch,
	.ran = mlfq_ran,
	.expired = mlfq_expired,
	.block = mlfq_block,
	.boost = mlfq_boost,
	.explain = mlfq_explain,
	.params = mlfq_params,
	.label = mlfq_label,
};
