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
 * counts as holding 1 ticket.  The walk is O(ready) per decision.
 */
#include <stdio.h>

#include "sched/policy.h"

static long lottery_tickets(const struct sched_sim *sim, int job)
{
	long t = sim->w.jobs[job].tickets;

	return t > 0 ? t : 1;
}

static void lottery_enqueue(struct sched_sim *sim, int job, enum sim_enq why)
{
	rq_insert_sorted(sim, 0, job);
	sim->c->total += lottery_tickets(sim, job);
}

static int lottery_dispatch(struct sched_sim *sim, int cur)
{
	struct sim_core *c = sim->c;
	long long winner, sum = 0;
	long draw;
	int job;

	if (cur >= 0)
		return cur;
	if (c->nready == 0)
		return -1;
	draw = sim_lottery_draw(sim);
	winner = draw % c->total;
	c->why.draw = (long)winner;
	c->why.draw_total = (long)c->total;
	for (job = c->qhead[0]; job >= 0; job = sim->j[job].next) {
		sum += lottery_tickets(sim, job);
		if (sum > winner)
			break;
	}
	rq_remove(sim, job);
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
	snprintf(buf, len, "winning ticket %ld of %ld, %ld tickets",
		 sim->c->why.draw, sim->c->why.draw_total,
		 lottery_tickets(sim, job));
}

const struct sched_policy sched_policy_lottery = {
	.name = "lottery",
	.describe = "lottery: lottery by tickets= (--seed, --quantum)",
	.enqueue = lottery_enqueue,
	.dispatch = lottery_dispatch,
	.ran = lottery_ran,
	.expired = lottery_expired,
	.explain = lottery_explain,
};
