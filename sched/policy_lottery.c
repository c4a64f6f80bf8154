/*
 * sched/policy_lottery.c - lottery scheduling (OSTEP ch. 9, lottery.py).
 *
 * At every decision (the running job's quantum opts.quantum ended, or it
 * blocked or finished) one number is drawn, even when only one job is
 * ready: from opts.draws while they last, then from a PRNG seeded by
 * opts.seed (reproducible).  winner = draw % (tickets of the ready jobs);
 * the ready jobs are walked in job (input) order, as lottery.py does,
 * summing tickets: the first job whose running sum exceeds the winner
 * runs for one quantum.  Arrivals never preempt.  A job with tickets <= 0
 * counts as holding 1 ticket.  The walk is a prefix-sum search in a
 * Fenwick tree over job indices: O(log jobs) per decision.
 */
#include <stdio.h>

#include "common/i18n.h"
#include "sched/policy.h"

static long lottery_tickets(const struct sched_sim *sim, int job)
{
	long t = sim->w.jobs[job].tickets;

	return t > 0 ? t : 1;
}

/*
 * The tickets of the ready jobs in a Fenwick tree indexed by job (1-based
 * in the tree): the walk in job order becomes a prefix-sum search.
 */
static void fen_add(struct sched_sim *sim, int job, long long v)
{
	long long *f = sim->extra;

	for (int i = job + 1; i <= sim->w.njobs; i += i & -i)
		f[i] += v;
}

/* The first job (in job order) whose running ticket sum exceeds @winner. */
static int fen_find(const struct sched_sim *sim, long long winner)
{
	const long long *f = sim->extra;
	int n = sim->w.njobs, pos = 0, step = 1;

	while (step * 2 <= n)
		step *= 2;
	for (; step > 0; step /= 2) {
		if (pos + step <= n && f[pos + step] <= winner) {
			pos += step;
			winner -= f[pos];
		}
	}
	return pos;	/* 0-based job index = 1-based tree index - 1 */
}

static void lottery_enqueue(struct sched_sim *sim, int job, enum sim_enq why)
{
	long t = lottery_tickets(sim, job);

	rq_push_tail(sim, 0, job);	/* the queue shown; order unused */
	fen_add(sim, job, t);
	sim->c->total += t;
}

static int lottery_dispatch(struct sched_sim *sim, int cur)
{
	struct sim_core *c = sim->c;
	long long winner;
	int job;

	if (cur >= 0)
		return cur;
	if (c->nready == 0)
		return -1;
	winner = sim_lottery_draw(sim) % c->total;
	c->why.draw = (long)winner;
	c->why.draw_total = (long)c->total;
	job = fen_find(sim, winner);
	rq_remove(sim, job);
	fen_add(sim, job, -lottery_tickets(sim, job));
	c->total -= lottery_tickets(sim, job);
	sim->j[job].qleft = sim->o.quantum;
	return job;
}

static void lottery_ran(struct sched_sim *sim, int job)
{
	sim->j[job].qleft--;
}

static bool lottery_expired(struct sched_sim *sim, int job)
{
	return sim->j[job].qleft <= 0;
}

static void lottery_explain(const struct sched_sim *sim, int job, char *buf,
			    size_t len)
{
	snprintf(buf, len, _("winning ticket %ld of %ld, %ld tickets"),
		 sim->c->why.draw, sim->c->why.draw_total,
		 lottery_tickets(sim, job));
}

/* The draws replayed, or the count alone when they do not fit. */
static int lottery_params(const struct sched_opts *o,
			  struct sched_policy_param *p)
{
	int n = 0;

	sched_param_add(p, &n, "quantum", "%d", o->quantum);
	if (o->draws && o->ndraws > 0) {
		char *v = p[n].value;
		size_t len = sizeof(p[n].value), used;
		int i;

		used = (size_t)snprintf(v, len, "[");
		for (i = 0; i < o->ndraws && used + 24 < len; i++)
			used += (size_t)snprintf(v + used, len - used, "%s%ld",
						 i ? "," : "", o->draws[i]);
		if (i < o->ndraws) {
			sched_param_add(p, &n, "ndraws", "%d", o->ndraws);
		} else {
			snprintf(v + used, len - used, "]");
			p[n++].key = "draws";
		}
	} else {
		sched_param_add(p, &n, "seed", "%lu", o->seed);
	}
	if (o->whole_slice)
		sched_param_add(p, &n, "whole_slice", "true");
	return n;
}

const struct sched_policy sched_policy_lottery = {
	.quiet = true,
	.name = "lottery",
	.describe = N_("lottery: lottery by tickets= (--seed, --quantum)"),
	.extra_per_job = sizeof(long long),
	.slices = true,
	.enqueue = lottery_enqueue,
	.dispatch = lottery_dispatch,
	.ran = lottery_ran,
	.expired = lottery_expired,
	.explain = lottery_explain,
	.params = lottery_params,
};
