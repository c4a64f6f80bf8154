/*
 * sched/sim_state.c - what the simulation shows at instant now: job
 * states, ready queues in pick order, and the results so far.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sched/policy.h"

/* ---- state queries ---- */

static bool job_ok(const struct sched_sim *sim, int job)
{
	return job >= 0 && job < sim->w.njobs;
}

int sched_sim_last_ran(const struct sched_sim *sim)
{
	return sim->c->last_ran;
}

int sched_sim_running(const struct sched_sim *sim)
{
	return sim->c->switch_left > 0 ? -1 : sim->c->running;
}

enum sched_job_state sched_sim_job_state(const struct sched_sim *sim, int job)
{
	if (!job_ok(sim, job))
		return SCHED_JOB_NEW;
	return (enum sched_job_state)sim->j[job].state;
}

const char *sched_sim_job_instr(const struct sched_sim *sim, int job)
{
	const struct sim_job *p;
	long total, k;

	if (!job_ok(sim, job) || sched_sim_running(sim) != job)
		return NULL;
	p = &sim->j[job];
	total = p->bursts[p->burst];
	k = total - p->left;	/* ticks of the burst already run */
	if (p->burst > 0 && k == 0)
		return "io_done";
	if (p->burst + 1 < p->nbursts && k == total - 1)
		return "io";
	return "cpu";
}

long sched_sim_job_cpu_left(const struct sched_sim *sim, int job)
{
	const struct sim_job *p;

	if (!job_ok(sim, job))
		return 0;
	p = &sim->j[job];
	switch (p->state) {
	case SCHED_JOB_NEW:
		return sim->w.jobs[job].bursts[0];
	case SCHED_JOB_READY:
	case SCHED_JOB_RUNNING:
		return p->left;
	default:
		return 0;
	}
}

long sched_sim_job_io_left(const struct sched_sim *sim, int job)
{
	if (!job_ok(sim, job) || sim->j[job].state != SCHED_JOB_BLOCKED)
		return 0;
	return sim->j[job].mark - sim->c->now;
}

int sched_sim_job_level(const struct sched_sim *sim, int job)
{
	if (!job_ok(sim, job) || !sim->pol->has_levels)
		return 0;
	return sim->j[job].level;
}

long sched_sim_job_allot_left(const struct sched_sim *sim, int job)
{
	if (!job_ok(sim, job) || !sim->pol->has_levels)
		return -1;
	return sim->j[job].allot;
}

int sched_sim_nqueues(const struct sched_sim *sim)
{
	return sim->nq;
}

/*
 * The first @max ready jobs in heap order, best first, in O(max log max):
 * a best-first walk of the heap with a small frontier heap of indices
 * (the children of an entry are never better than the entry).
 */
static bool hent_less(const struct sim_hent *x, const struct sim_hent *y)
{
	return x->key != y->key ? x->key < y->key : x->seq < y->seq;
}

static void front_push(const struct sim_hent *h, int *f, int *nf, int idx)
{
	int i = (*nf)++;

	while (i > 0 && hent_less(&h[idx], &h[f[(i - 1) / 2]])) {
		f[i] = f[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	f[i] = idx;
}

static int front_pop(const struct sim_hent *h, int *f, int *nf)
{
	int top = f[0], last = f[--(*nf)], i = 0;

	for (;;) {
		int l = 2 * i + 1, b = l;

		if (l >= *nf)
			break;
		if (l + 1 < *nf && hent_less(&h[f[l + 1]], &h[f[l]]))
			b = l + 1;
		if (!hent_less(&h[f[b]], &h[last]))
			break;
		f[i] = f[b];
		i = b;
	}
	if (*nf > 0)
		f[i] = last;
	return top;
}

static int heap_list(const struct sched_sim *sim, int *out, int max)
{
	const struct sim_hent *h = sim->heap;
	int n = sim->c->nheap, nf = 0, k = 0;
	int *front;

	if (max <= 0 || n == 0)
		return n;
	front = malloc(((size_t)(max < n ? max : n) + 2) * 2 * sizeof(int));
	if (!front)
		return -ENOMEM;
	front_push(h, front, &nf, 0);
	while (k < max && nf > 0) {
		int i = front_pop(h, front, &nf);

		out[k++] = h[i].job;
		if (2 * i + 1 < n)
			front_push(h, front, &nf, 2 * i + 1);
		if (2 * i + 2 < n)
			front_push(h, front, &nf, 2 * i + 2);
	}
	free(front);
	return n;
}

int sched_sim_queue(const struct sched_sim *sim, int q, int *out, int max)
{
	const struct sim_core *c = sim->c;
	int n = 0;

	if (q < 0 || q >= sim->nq)
		return 0;
	if (sim->pol->uses_heap)
		return heap_list(sim, out, max);
	for (int job = c->qhead[q]; job >= 0; job = sim->j[job].next) {
		if (n < max)
			out[n] = job;
		n++;
	}
	return n;
}

/* ---- results ---- */

void sched_sim_result(const struct sched_sim *sim, struct sched_result *out)
{
	const struct sim_core *c = sim->c;
	double sr = 0, st = 0, sw = 0, sn = 0;
	int ndone = 0;

	memset(out, 0, sizeof(*out));
	for (int i = 0; i < sim->w.njobs; i++) {
		const struct sim_job *p = &sim->j[i];
		struct sched_job_result *r = &sim->res[i];
		long arr = sim->w.jobs[i].arrival;

		r->first_run = sim->cold[i].first_run;
		r->finish = sim->cold[i].finish;
		r->cpu_total = sim->cpu_total[i];
		r->io_total = sim->io_total[i];
		r->response = p->started ? sim->cold[i].first_run - arr : -1;
		r->turnaround = r->waiting = -1;
		if (p->state == SCHED_JOB_DONE) {
			r->turnaround = sim->cold[i].finish - arr;
			r->waiting = r->turnaround - r->cpu_total - r->io_total;
			sr += (double)r->response;
			st += (double)r->turnaround;
			sw += (double)r->waiting;
			sn += (double)r->turnaround / (double)r->cpu_total;
			ndone++;
		}
	}
	out->gantt = sim->gantt;
	out->nsegments = sim->nview;
	out->jobs = sim->res;
	out->njobs = sim->w.njobs;
	if (ndone > 0) {
		out->avg_response = sr / ndone;
		out->avg_turnaround = st / ndone;
		out->avg_waiting = sw / ndone;
		out->avg_norm_turnaround = sn / ndone;
	}
	out->context_switches = c->switches;
	out->makespan = c->now;
	out->cpu_utilization = c->now > 0 ? (double)c->busy / (double)c->now
					  : 0.0;
}
