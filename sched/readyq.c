/*
 * sched/readyq.c - the ready structures every policy builds on:
 * intrusive doubly linked FIFO lists (one per queue) and one binary heap
 * ordered by (key, seq).  Both keep sim->c->nready up to date.  All
 * operations are O(1) (lists) or O(log n) (heap), except the sorted
 * insert used by lottery.
 */
#include <assert.h>

#include "sched/policy.h"

void rq_push_tail(struct sched_sim *sim, int q, int job)
{
	struct sim_core *c = sim->c;
	struct sim_job *p = &sim->j[job];

	assert(p->queue < 0 && p->hpos < 0);
	p->seq = c->seq++;
	p->queue = q;
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
	p->seq = c->seq++;
	p->queue = q;
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

	if (job >= 0)
		rq_remove(sim, job);
	return job;
}

void rq_insert_sorted(struct sched_sim *sim, int q, int job)
{
	struct sim_core *c = sim->c;
	struct sim_job *p = &sim->j[job];
	int after = c->qtail[q];

	/* Walk back from the tail: jobs mostly arrive in index order. */
	while (after >= 0 && after > job)
		after = sim->j[after].prev;
	if (after < 0) {
		rq_push_head(sim, q, job);
		return;
	}
	assert(p->queue < 0 && p->hpos < 0);
	p->seq = c->seq++;
	p->queue = q;
	p->prev = after;
	p->next = sim->j[after].next;
	if (p->next >= 0)
		sim->j[p->next].prev = job;
	else
		c->qtail[q] = job;
	sim->j[after].next = job;
	c->qlen[q]++;
	c->nready++;
}

/* ---- heap ---- */

bool rh_before(const struct sched_sim *sim, int a, int b)
{
	const struct sim_job *x = &sim->j[a], *y = &sim->j[b];

	if (x->key != y->key)
		return x->key < y->key;
	return x->seq < y->seq;
}

static void rh_set(struct sched_sim *sim, int i, int job)
{
	sim->heap[i] = job;
	sim->j[job].hpos = i;
}

static void rh_up(struct sched_sim *sim, int i)
{
	int job = sim->heap[i];

	while (i > 0) {
		int parent = (i - 1) / 2;

		if (!rh_before(sim, job, sim->heap[parent]))
			break;
		rh_set(sim, i, sim->heap[parent]);
		i = parent;
	}
	rh_set(sim, i, job);
}

static void rh_down(struct sched_sim *sim, int i)
{
	int n = sim->c->nheap;
	int job = sim->heap[i];

	for (;;) {
		int l = 2 * i + 1, best = l;

		if (l >= n)
			break;
		if (l + 1 < n && rh_before(sim, sim->heap[l + 1], sim->heap[l]))
			best = l + 1;
		if (!rh_before(sim, sim->heap[best], job))
			break;
		rh_set(sim, i, sim->heap[best]);
		i = best;
	}
	rh_set(sim, i, job);
}

void rh_push(struct sched_sim *sim, int job)
{
	struct sim_core *c = sim->c;

	assert(sim->j[job].hpos < 0 && sim->j[job].queue < 0);
	sim->j[job].seq = c->seq++;
	sim->heap[c->nheap] = job;
	sim->j[job].hpos = c->nheap;
	c->nheap++;
	c->nready++;
	rh_up(sim, c->nheap - 1);
}

int rh_top(const struct sched_sim *sim)
{
	return sim->c->nheap > 0 ? sim->heap[0] : -1;
}

void rh_remove(struct sched_sim *sim, int job)
{
	struct sim_core *c = sim->c;
	int i = sim->j[job].hpos;
	int last;

	assert(i >= 0 && i < c->nheap);
	c->nheap--;
	c->nready--;
	sim->j[job].hpos = -1;
	if (i == c->nheap)
		return;
	last = sim->heap[c->nheap];
	rh_set(sim, i, last);
	rh_down(sim, i);
	rh_up(sim, sim->j[last].hpos);
}

int rh_pop(struct sched_sim *sim)
{
	int job = rh_top(sim);

	if (job >= 0)
		rh_remove(sim, job);
	return job;
}
