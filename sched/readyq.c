/*
 * sched/readyq.c - the ready structures every policy builds on:
 * intrusive doubly linked FIFO lists (one per queue) and one binary heap
 * ordered by (key, seq).  Both keep sim->c->nready up to date.  All
 * operations are O(1) (lists) or O(log n) (heap).
 */
#include <assert.h>

#include "sched/policy.h"

void rq_push_tail(struct sched_sim *sim, int q, int job)
{
	struct sim_core *c = sim->c;
	struct sim_job *p = &sim->j[job];

	assert(p->queue < 0 && p->hpos < 0);
	p->queue = (signed char)q;
	p->next = -1;
	p->prev = c->qtail[q];
	if (c->qtail[q] >= 0)
		sim->j[c->qtail[q]].next = job;
	else
		c->qhead[q] = job;
	c->qtail[q] = job;
	c->qlen[q]++;
	c->nready++;
}

void rq_push_head(struct sched_sim *sim, int q, int job)
{
	struct sim_core *c = sim->c;
	struct sim_job *p = &sim->j[job];

	assert(p->queue < 0 && p->hpos < 0);
	p->queue = (signed char)q;
	p->prev = -1;
	p->next = c->qhead[q];
	if (c->qhead[q] >= 0)
		sim->j[c->qhead[q]].prev = job;
	else
		c->qtail[q] = job;
	c->qhead[q] = job;
	c->qlen[q]++;
	c->nready++;
}

void rq_remove(struct sched_sim *sim, int job)
{
	struct sim_core *c = sim->c;
	struct sim_job *p = &sim->j[job];
	int q = p->queue;

	assert(q >= 0);
	if (p->prev >= 0)
		sim->j[p->prev].next = p->next;
	else
		c->qhead[q] = p->next;
	if (p->next >= 0)
		sim->j[p->next].prev = p->prev;
	else
		c->qtail[q] = p->prev;
	p->next = p->prev = -1;
	p->queue = -1;
	c->qlen[q]--;
	c->nready--;
}

int rq_pop_head(struct sched_sim *sim, int q)
{
	int job = sim->c->qhead[q];

	if (job >= 0) {
		rq_remove(sim, job);
		/* the new head is likely the next job to run: warm it up */
		if (sim->c->qhead[q] >= 0)
			__builtin_prefetch(&sim->j[sim->c->qhead[q]]);
	}
	return job;
}

/* ---- heap ---- */

static bool rh_less(const struct sim_hent *x, const struct sim_hent *y)
{
	if (x->key != y->key)
		return x->key < y->key;
	return x->seq < y->seq;
}

static void rh_set(struct sched_sim *sim, int i, const struct sim_hent *e)
{
	sim->heap[i] = *e;
	sim->j[e->job].hpos = i;
}

static void rh_up(struct sched_sim *sim, int i)
{
	struct sim_hent e = sim->heap[i];

	while (i > 0) {
		int parent = (i - 1) / 2;

		if (!rh_less(&e, &sim->heap[parent]))
			break;
		rh_set(sim, i, &sim->heap[parent]);
		i = parent;
	}
	rh_set(sim, i, &e);
}

static void rh_down(struct sched_sim *sim, int i)
{
	int n = sim->c->nheap;
	struct sim_hent e = sim->heap[i];

	for (;;) {
		int l = 2 * i + 1, best = l;

		if (l >= n)
			break;
		if (l + 1 < n && rh_less(&sim->heap[l + 1], &sim->heap[l]))
			best = l + 1;
		if (!rh_less(&sim->heap[best], &e))
			break;
		rh_set(sim, i, &sim->heap[best]);
		i = best;
	}
	rh_set(sim, i, &e);
}

void rh_push(struct sched_sim *sim, int job, long long key)
{
	struct sim_core *c = sim->c;
	struct sim_hent *e = &sim->heap[c->nheap];

	assert(sim->j[job].hpos < 0 && sim->j[job].queue < 0);
	e->key = key;
	e->seq = c->seq++;
	e->job = job;
	sim->j[job].hpos = c->nheap;
	c->nheap++;
	c->nready++;
	rh_up(sim, c->nheap - 1);
}

int rh_top(const struct sched_sim *sim)
{
	return sim->c->nheap > 0 ? sim->heap[0].job : -1;
}

long long rh_top_key(const struct sched_sim *sim)
{
	return sim->heap[0].key;
}

void rh_remove(struct sched_sim *sim, int job)
{
	struct sim_core *c = sim->c;
	int i = sim->j[job].hpos;
	int moved;

	assert(i >= 0 && i < c->nheap);
	c->nheap--;
	c->nready--;
	sim->j[job].hpos = -1;
	if (i == c->nheap)
		return;
	moved = sim->heap[c->nheap].job;
	rh_set(sim, i, &sim->heap[c->nheap]);
	rh_down(sim, i);
	rh_up(sim, sim->j[moved].hpos);
}

int rh_pop(struct sched_sim *sim)
{
	int job = rh_top(sim);

	if (job >= 0)
		rh_remove(sim, job);
	return job;
}
