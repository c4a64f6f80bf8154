/*
 * sched/sim.c - the tick engine: one instant at a time in the spec's
 * order, stepping, seeking (snapshots + replay), results, why lines.
 *
 * State model.  The state at instant `now` is the state after the events
 * of `now` were applied and the dispatcher decided (c->running), before
 * tick [now, now+1) runs.  sched_sim_new() applies instant 0; each
 * sched_sim_step() runs one tick and applies the next instant.  The
 * simulation is done when every job is done at instant now.
 *
 * Per instant (spec.md "Semantics"): 1. close the tick that just ended,
 * 2. MLFQ boost, 3. enqueue (expired, arrivals, IO completions; textbook
 * convention: the expired job last), 4. dispatch, then the next step runs
 * the tick.  Work per tick is O(1) plus O(log n) per heap operation:
 * arrivals come from a list sorted once, IO completions from a heap.
 *
 * Seeking.  All changing state is one blob (see policy.h).  A snapshot of
 * the blob is kept every snap_every ticks; when there are too many, every
 * other one is dropped and the period doubles, so snapshot memory stays
 * under a fixed budget (linear in jobs) whatever the length of the run.
 * Seeking back restores the closest earlier snapshot and replays; the
 * Gantt chart is truncated, then re-extended by the replay.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sched/policy.h"

enum {
	SNAP_BUDGET = 64 << 20,	/* bytes of snapshots we aim for */
	SNAP_MIN = 4,
	SNAP_MAX = 1024,
	SNAP_EVERY = 64,	/* initial period in ticks */
};

static size_t align16(size_t n)
{
	return (n + 15) & ~(size_t)15;
}

static void seterr(char *err, size_t errlen, const char *fmt, const char *s)
{
	if (err && errlen)
		snprintf(err, errlen, fmt, s);
}

/* ---- IO completion heap, ordered by (t, job) ---- */

static bool io_before(const struct sim_io *a, const struct sim_io *b)
{
	return a->t != b->t ? a->t < b->t : a->job < b->job;
}

static void io_push(struct sched_sim *sim, long t, int job)
{
	struct sim_io ev = { t, job };
	int i = sim->c->nio++;

	while (i > 0) {
		int parent = (i - 1) / 2;

		if (!io_before(&ev, &sim->io[parent]))
			break;
		sim->io[i] = sim->io[parent];
		i = parent;
	}
	sim->io[i] = ev;
}

static struct sim_io io_pop(struct sched_sim *sim)
{
	struct sim_io top = sim->io[0];
	struct sim_io last = sim->io[--sim->c->nio];
	int n = sim->c->nio, i = 0;

	for (;;) {
		int l = 2 * i + 1, best = l;

		if (l >= n)
			break;
		if (l + 1 < n && io_before(&sim->io[l + 1], &sim->io[l]))
			best = l + 1;
		if (!io_before(&sim->io[best], &last))
			break;
		sim->io[i] = sim->io[best];
		i = best;
	}
	if (n > 0)
		sim->io[i] = last;
	return top;
}

/* ---- lottery PRNG (splitmix64; state lives in the blob) ---- */

long sim_lottery_draw(struct sched_sim *sim)
{
	struct sim_core *c = sim->c;
	uint64_t z;

	if (c->ndrawn < sim->o.ndraws)
		return sim->o.draws[c->ndrawn++];
	c->rng += 0x9e3779b97f4a7c15ULL;
	z = c->rng;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	return (long)(z >> 2);
}

/* ---- the instant ---- */

static void why_add(int *n, int *list, int job)
{
	if (*n < SIM_WHY_LIST)
		list[*n] = job;
	(*n)++;
}

static void make_ready(struct sched_sim *sim, int job, enum sim_enq why)
{
	struct sim_job *p = &sim->j[job];

	p->state = SCHED_JOB_READY;
	p->ready_since = sim->c->now;
	sim->pol->enqueue(sim, job, why);
}

void sim_preempt(struct sched_sim *sim, int job)
{
	make_ready(sim, job, SIM_ENQ_PREEMPTED);
}

static void finish_job(struct sched_sim *sim, int job)
{
	sim->j[job].state = SCHED_JOB_DONE;
	sim->j[job].finish = sim->c->now;
	sim->c->ndone++;
}

static void sim_instant(struct sched_sim *sim)
{
	struct sim_core *c = sim->c;
	struct sim_why *why = &c->why;
	long now = c->now;
	int cur = c->running, expired = -1;

	memset(why, 0, sizeof(*why));
	why->closed = -1;
	why->chosen = -1;
	why->preempted = -1;
	why->level_from = why->level_to = -1;

	/* 1. close the tick that just ended */
	if (c->last_ran >= 0) {
		int r = c->last_ran;
		struct sim_job *p = &sim->j[r];

		why->closed = r;
		why->closed_how = SIM_CLOSE_CONTINUES;
		if (p->left == 0) {
			cur = -1;
			p->burst++;
			if (p->burst >= sim->w.jobs[r].nbursts) {
				finish_job(sim, r);
				why->closed_how = SIM_CLOSE_FINISHED;
			} else {
				p->state = SCHED_JOB_BLOCKED;
				p->left = sim_burst_len(sim, r);
				io_push(sim, now + p->left, r);
				why->closed_how = SIM_CLOSE_BLOCKED;
				why->blocked_until = now + p->left;
				if (sim->pol->block)
					sim->pol->block(sim, r);
			}
		} else {
			why->level_from = p->level;
			if (sim->pol->expired(sim, r)) {
				cur = -1;
				expired = r;
				p->state = SCHED_JOB_READY;
				why->closed_how = SIM_CLOSE_EXPIRED;
			}
		}
	}

	/* 2. MLFQ boost */
	if (sim->pol->boost && sim->o.mlfq_boost > 0 && now > 0 &&
	    now % sim->o.mlfq_boost == 0) {
		why->boosted = true;
		sim->pol->boost(sim, &cur, expired);
	}

	/* 3. enqueue: expired, arrivals, IO completions (or expired last) */
	if (expired >= 0 && sim->o.convention == SCHED_CONV_OSTEP)
		make_ready(sim, expired, SIM_ENQ_EXPIRED);
	while (c->next_arrival < sim->w.njobs) {
		int a = sim->arrivals[c->next_arrival];

		if (sim->w.jobs[a].arrival != now)
			break;
		c->next_arrival++;
		sim->j[a].left = sim->w.jobs[a].bursts[0];
		why_add(&why->narrived, why->arrived, a);
		make_ready(sim, a, SIM_ENQ_ARRIVE);
	}
	while (c->nio > 0 && sim->io[0].t == now) {
		struct sim_io ev = io_pop(sim);
		struct sim_job *p = &sim->j[ev.job];

		p->burst++;
		if (p->burst >= sim->w.jobs[ev.job].nbursts) {
			finish_job(sim, ev.job);
			why_add(&why->niodone, why->iodone, ev.job);
			continue;
		}
		p->left = sim_burst_len(sim, ev.job);
		why_add(&why->nio, why->io, ev.job);
		make_ready(sim, ev.job, SIM_ENQ_IO);
	}
	if (expired >= 0 && sim->o.convention == SCHED_CONV_TEXTBOOK)
		make_ready(sim, expired, SIM_ENQ_EXPIRED);
	if (expired >= 0)
		why->level_to = sim->j[expired].level;

	/* 4. dispatch */
	if (c->ndone == sim->w.njobs) {
		c->running = -1;
		why->decision = SIM_DEC_DONE;
		sim->end = now;
		return;
	}
	if (c->switch_left > 0) {
		why->decision = SIM_DEC_SWITCHING;
		why->chosen = c->running;
		return;
	}
	if (cur < 0 && c->nready == 0) {
		c->running = -1;
		why->decision = SIM_DEC_IDLE;
		return;
	}
	{
		int pick = sim->pol->dispatch(sim, cur);

		why->chosen = pick;
		if (pick == cur && c->last_ran == cur) {
			why->decision = SIM_DEC_CONTINUE;
		} else if (pick == cur) {
			why->decision = SIM_DEC_DISPATCH;	/* switch done */
		} else {
			if (cur >= 0) {
				why->decision = SIM_DEC_PREEMPT;
				why->preempted = cur;
			} else {
				why->decision = SIM_DEC_DISPATCH;
			}
			if (pick >= 0) {
				sim->j[pick].state = SCHED_JOB_RUNNING;
				if (c->last_job >= 0 && c->last_job != pick) {
					c->switches++;
					if (sim->o.switch_cost > 0) {
						c->switch_left =
							sim->o.switch_cost;
						why->switch_started = true;
					}
				}
				c->last_job = pick;
			}
		}
		c->running = pick;
	}
}

static int gantt_append(struct sched_sim *sim, long t, int job)
{
	struct sched_segment *s;

	if (sim->nseg > 0) {
		s = &sim->gantt[sim->nseg - 1];
		if (s->job == job && s->end == t) {
			s->end = t + 1;
			return 0;
		}
	}
	if (sim->nseg == sim->segcap) {
		int ncap = sim->segcap ? sim->segcap * 2 : 64;
		struct sched_segment *ng;

		if (ncap < sim->segcap)
			return -ENOMEM;
		ng = realloc(sim->gantt, (size_t)ncap * sizeof(*ng));
		if (!ng)
			return -ENOMEM;
		sim->gantt = ng;
		sim->segcap = ncap;
	}
	s = &sim->gantt[sim->nseg++];
	s->start = t;
	s->end = t + 1;
	s->job = job;
	return 0;
}

/* Run tick [now, now+1).  -ENOMEM leaves the state unchanged. */
static int sim_tick(struct sched_sim *sim)
{
	struct sim_core *c = sim->c;
	int job = c->switch_left > 0 ? -1 : c->running;

	if (gantt_append(sim, c->now, job))
		return -ENOMEM;
	if (c->switch_left > 0) {
		c->switch_left--;
	} else if (job >= 0) {
		struct sim_job *p = &sim->j[job];

		p->left--;
		if (p->first_run < 0)
			p->first_run = c->now;
		c->busy++;
		sim->pol->ran(sim, job);
	}
	c->last_ran = job;
	c->now++;
	return 0;
}

/* ---- snapshots ---- */

static int snap_take(struct sched_sim *sim)
{
	struct sim_snap *s;

	if (sim->nsnaps == sim->maxsnaps) {
		/* Keep every other one (always the one at 0). */
		int k = 0;

		for (int i = 0; i < sim->nsnaps; i++) {
			if (i % 2 == 0)
				sim->snaps[k++] = sim->snaps[i];
			else
				free(sim->snaps[i].blob);
		}
		sim->nsnaps = k;
		sim->snap_every *= 2;
		if (sim->c->now % sim->snap_every)
			return 0;
	}
	s = &sim->snaps[sim->nsnaps];
	s->blob = malloc(sim->blob_size);
	if (!s->blob)
		return -ENOMEM;
	memcpy(s->blob, sim->blob, sim->blob_size);
	s->t = sim->c->now;
	sim->nsnaps++;
	return 0;
}

static void maybe_snap(struct sched_sim *sim)
{
	long now = sim->c->now;

	if (now % sim->snap_every == 0 &&
	    now > sim->snaps[sim->nsnaps - 1].t)
		(void)snap_take(sim);	/* a missing snapshot only costs time */
}

/* ---- creation ---- */

struct arrival_key {
	long arrival;
	int job;
};

static int cmp_arrival(const void *a, const void *b)
{
	const struct arrival_key *x = a, *y = b;

	if (x->arrival != y->arrival)
		return x->arrival < y->arrival ? -1 : 1;
	return x->job < y->job ? -1 : x->job > y->job;
}

/* sim->arrivals = job indices by (arrival, input order). */
static int sort_arrivals(struct sched_sim *sim)
{
	int n = sim->w.njobs;
	bool sorted = true;
	struct arrival_key *k;

	for (int i = 0; i < n; i++) {
		sim->arrivals[i] = i;
		if (i > 0 && sim->w.jobs[i].arrival < sim->w.jobs[i - 1].arrival)
			sorted = false;
	}
	if (sorted)
		return 0;
	k = malloc((size_t)n * sizeof(*k));
	if (!k)
		return -ENOMEM;
	for (int i = 0; i < n; i++) {
		k[i].arrival = sim->w.jobs[i].arrival;
		k[i].job = i;
	}
	qsort(k, (size_t)n, sizeof(*k), cmp_arrival);
	for (int i = 0; i < n; i++)
		sim->arrivals[i] = k[i].job;
	free(k);
	return 0;
}

static int check_workload(const struct sched_workload *w, char *err,
			  size_t errlen)
{
	for (int i = 0; i < w->njobs; i++) {
		const struct sched_job *jb = &w->jobs[i];

		if (jb->arrival < 0) {
			seterr(err, errlen, "job %s arrives before 0",
			       jb->name);
			return -EINVAL;
		}
		if (jb->nbursts < 1 || !jb->bursts) {
			seterr(err, errlen, "job %s has no bursts", jb->name);
			return -EINVAL;
		}
		for (int b = 0; b < jb->nbursts; b++) {
			if (jb->bursts[b] <= 0) {
				seterr(err, errlen,
				       "job %s has a burst shorter than 1 tick",
				       jb->name);
				return -EINVAL;
			}
		}
	}
	return 0;
}

static void sim_reset(struct sched_sim *sim)
{
	struct sim_core *c = sim->c;

	memset(sim->blob, 0, sim->blob_size);
	c->running = c->last_ran = c->last_job = -1;
	c->rng = (unsigned long long)sim->o.seed;
	for (int q = 0; q < SCHED_MLFQ_MAX; q++)
		c->qhead[q] = c->qtail[q] = -1;
	for (int i = 0; i < sim->w.njobs; i++) {
		struct sim_job *p = &sim->j[i];

		p->first_run = p->finish = -1;
		p->next = p->prev = p->hpos = p->queue = -1;
		p->state = SCHED_JOB_NEW;
	}
}

struct sched_sim *sched_sim_new(const struct sched_workload *w,
				const char *policy,
				const struct sched_opts *opts, char *err,
				size_t errlen)
{
	const struct sched_policy *pol = policy ? sched_policy_find(policy)
						: NULL;
	struct sched_opts defaults;
	struct sched_sim *sim;
	size_t n, off_jobs, off_heap, off_io;

	if (!pol) {
		seterr(err, errlen, "unknown policy '%s'",
		       policy ? policy : "(none)");
		return NULL;
	}
	if (!opts) {
		sched_opts_init(&defaults);
		opts = &defaults;
	}
	if (sched_opts_check(opts, err, errlen))
		return NULL;
	if (!w || check_workload(w, err, errlen))
		return NULL;

	sim = calloc(1, sizeof(*sim));
	if (!sim)
		goto nomem;
	snprintf(sim->policy_name, sizeof(sim->policy_name), "%s", pol->name);
	sim->pol = pol;
	sim->o = *opts;
	sim->end = -1;
	if (sched_workload_copy(&sim->w, w))
		goto nomem_free;
	if (opts->ndraws > 0) {
		sim->draws = malloc((size_t)opts->ndraws * sizeof(long));
		if (!sim->draws)
			goto nomem_free;
		memcpy(sim->draws, opts->draws,
		       (size_t)opts->ndraws * sizeof(long));
	}
	sim->o.draws = sim->draws;
	n = (size_t)w->njobs;
	sim->arrivals = malloc((n ? n : 1) * sizeof(int));
	sim->cpu_total = calloc(n ? n : 1, sizeof(long));
	sim->io_total = calloc(n ? n : 1, sizeof(long));
	sim->res = calloc(n ? n : 1, sizeof(*sim->res));
	if (!sim->arrivals || !sim->cpu_total || !sim->io_total || !sim->res)
		goto nomem_free;
	for (int i = 0; i < w->njobs; i++)
		for (int b = 0; b < w->jobs[i].nbursts; b++) {
			if (b % 2 == 0)
				sim->cpu_total[i] += w->jobs[i].bursts[b];
			else
				sim->io_total[i] += w->jobs[i].bursts[b];
		}
	if (sort_arrivals(sim))
		goto nomem_free;
	sim->nq = pol->nqueues ? pol->nqueues(&sim->o) : 1;

	off_jobs = align16(sizeof(struct sim_core));
	off_heap = off_jobs + align16(n * sizeof(struct sim_job));
	off_io = off_heap + align16(n * sizeof(int));
	sim->blob_size = off_io + align16(n * sizeof(struct sim_io));
	sim->blob = malloc(sim->blob_size);
	if (!sim->blob)
		goto nomem_free;
	sim->c = sim->blob;
	sim->j = (struct sim_job *)((char *)sim->blob + off_jobs);
	sim->heap = (int *)((char *)sim->blob + off_heap);
	sim->io = (struct sim_io *)((char *)sim->blob + off_io);

	sim->maxsnaps = (int)(SNAP_BUDGET / sim->blob_size);
	if (sim->maxsnaps < SNAP_MIN)
		sim->maxsnaps = SNAP_MIN;
	if (sim->maxsnaps > SNAP_MAX)
		sim->maxsnaps = SNAP_MAX;
	sim->snaps = calloc((size_t)sim->maxsnaps, sizeof(*sim->snaps));
	if (!sim->snaps)
		goto nomem_free;
	sim->snap_every = SNAP_EVERY;

	sim_reset(sim);
	sim_instant(sim);
	if (snap_take(sim))
		goto nomem_free;
	return sim;

nomem_free:
	sched_sim_free(sim);
nomem:
	seterr(err, errlen, "%s", "out of memory");
	return NULL;
}

void sched_sim_free(struct sched_sim *sim)
{
	if (!sim)
		return;
	for (int i = 0; i < sim->nsnaps; i++)
		free(sim->snaps[i].blob);
	free(sim->snaps);
	free(sim->blob);
	free(sim->gantt);
	free(sim->res);
	free(sim->io_total);
	free(sim->cpu_total);
	free(sim->arrivals);
	free(sim->draws);
	sched_workload_clear(&sim->w);
	free(sim);
}

/* ---- stepping ---- */

bool sched_sim_done(const struct sched_sim *sim)
{
	return sim->c->ndone == sim->w.njobs;
}

int sched_sim_step(struct sched_sim *sim)
{
	if (sched_sim_done(sim))
		return 0;
	if (sim_tick(sim))
		return -ENOMEM;
	sim_instant(sim);
	maybe_snap(sim);
	return 1;
}

int sched_sim_run(struct sched_sim *sim)
{
	int rc;

	while ((rc = sched_sim_step(sim)) > 0)
		;
	return rc;
}

static void gantt_truncate(struct sched_sim *sim, long t)
{
	/* Keep the segments of [0, t): drop those starting at t or later. */
	int lo = 0, hi = sim->nseg;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (sim->gantt[mid].start < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	sim->nseg = lo;
	if (lo > 0 && sim->gantt[lo - 1].end > t)
		sim->gantt[lo - 1].end = t;
}

int sched_sim_seek(struct sched_sim *sim, long t)
{
	int rc;

	if (t < 0)
		return -EINVAL;
	if (t < sim->c->now) {
		int lo = 0, hi = sim->nsnaps - 1;

		/* last snapshot with time <= t (snaps[0] is at 0) */
		while (lo < hi) {
			int mid = lo + (hi - lo + 1) / 2;

			if (sim->snaps[mid].t <= t)
				lo = mid;
			else
				hi = mid - 1;
		}
		memcpy(sim->blob, sim->snaps[lo].blob, sim->blob_size);
		gantt_truncate(sim, sim->c->now);
	}
	while (sim->c->now < t) {
		rc = sched_sim_step(sim);
		if (rc < 0)
			return rc;
		if (rc == 0)
			return -EINVAL;	/* beyond the end: left at the end */
	}
	return 0;
}

long sched_sim_now(const struct sched_sim *sim)
{
	return sim->c->now;
}

long sched_sim_end(struct sched_sim *sim)
{
	long at = sim->c->now;

	if (sim->end < 0) {
		if (sched_sim_run(sim) < 0)
			return -ENOMEM;
		(void)sched_sim_seek(sim, at);
	}
	return sim->end;
}

const char *sched_sim_policy(const struct sched_sim *sim)
{
	return sim->policy_name;
}

const struct sched_workload *sched_sim_workload(const struct sched_sim *sim)
{
	return &sim->w;
}

const struct sched_opts *sched_sim_opts(const struct sched_sim *sim)
{
	return &sim->o;
}

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
	const struct sim_job *p;

	if (!job_ok(sim, job))
		return 0;
	p = &sim->j[job];
	if (p->state != SCHED_JOB_BLOCKED)
		return 0;
	/* left holds the IO burst; the completion instant is in the heap */
	for (int i = 0; i < sim->c->nio; i++)
		if (sim->io[i].job == job)
			return sim->io[i].t - sim->c->now;
	return 0;
}

int sched_sim_job_level(const struct sched_sim *sim, int job)
{
	if (!job_ok(sim, job) || sim->pol != &sched_policy_mlfq)
		return 0;
	return sim->j[job].level;
}

long sched_sim_job_allot_left(const struct sched_sim *sim, int job)
{
	if (!job_ok(sim, job) || sim->pol != &sched_policy_mlfq)
		return -1;
	return sim->j[job].allot;
}

int sched_sim_nqueues(const struct sched_sim *sim)
{
	return sim->nq;
}

struct heap_key {
	long long key;
	unsigned long seq;
	int job;
};

static int cmp_heap(const void *a, const void *b)
{
	const struct heap_key *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int sched_sim_queue(const struct sched_sim *sim, int q, int *out, int max)
{
	const struct sim_core *c = sim->c;
	int n = 0;

	if (q < 0 || q >= sim->nq)
		return 0;
	if (sim->pol->uses_heap) {
		struct heap_key *tmp;

		if (c->nheap == 0)
			return 0;
		tmp = malloc((size_t)c->nheap * sizeof(*tmp));
		if (!tmp)
			return -ENOMEM;
		for (int i = 0; i < c->nheap; i++) {
			int job = sim->heap[i];

			tmp[i].key = sim->j[job].key;
			tmp[i].seq = sim->j[job].seq;
			tmp[i].job = job;
		}
		qsort(tmp, (size_t)c->nheap, sizeof(*tmp), cmp_heap);
		for (int i = 0; i < c->nheap && i < max; i++)
			out[i] = tmp[i].job;
		free(tmp);
		return c->nheap;
	}
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

		r->first_run = p->first_run;
		r->finish = p->finish;
		r->cpu_total = sim->cpu_total[i];
		r->io_total = sim->io_total[i];
		r->response = p->first_run >= 0 ? p->first_run - arr : -1;
		r->turnaround = r->waiting = -1;
		if (p->state == SCHED_JOB_DONE) {
			r->turnaround = p->finish - arr;
			r->waiting = r->turnaround - r->cpu_total - r->io_total;
			sr += (double)r->response;
			st += (double)r->turnaround;
			sw += (double)r->waiting;
			sn += (double)r->turnaround / (double)r->cpu_total;
			ndone++;
		}
	}
	out->gantt = sim->gantt;
	out->nsegments = sim->nseg;
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

/* ---- why ---- */

struct wbuf {
	char *buf;
	size_t len, used;
	bool first;
};

static void wput(struct wbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void wput(struct wbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->used >= b->len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->buf + b->used, b->len - b->used, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	b->used += (size_t)n;
	if (b->used >= b->len)
		b->used = b->len - 1;
}

static void wsep(struct wbuf *b)
{
	if (!b->first)
		wput(b, "; ");
	b->first = false;
}

static const char *jname(const struct sched_sim *sim, int job)
{
	return sim->w.jobs[job].name;
}

static void wlist(struct wbuf *b, const struct sched_sim *sim, int n,
		  const int *list)
{
	for (int i = 0; i < n && i < SIM_WHY_LIST; i++)
		wput(b, "%s%s", i ? (i + 1 == n ? " and " : ", ") : "",
		     jname(sim, list[i]));
	if (n > SIM_WHY_LIST)
		wput(b, " and %d more", n - SIM_WHY_LIST);
}

const char *sched_sim_why(const struct sched_sim *sim, char *buf, size_t len)
{
	const struct sim_why *y = &sim->c->why;
	struct wbuf b = { buf, len, 0, true };
	bool expired = y->closed_how == SIM_CLOSE_EXPIRED;
	bool textbook = sim->o.convention == SCHED_CONV_TEXTBOOK;

	if (!buf || len == 0)
		return buf;
	buf[0] = '\0';
	wput(&b, "t=%ld: ", sim->c->now);
	if (y->closed >= 0) {
		const char *n = jname(sim, y->closed);

		switch (y->closed_how) {
		case SIM_CLOSE_FINISHED:
			wsep(&b);
			wput(&b, "%s finished", n);
			break;
		case SIM_CLOSE_BLOCKED:
			wsep(&b);
			wput(&b, "%s started IO until %ld", n, y->blocked_until);
			break;
		case SIM_CLOSE_EXPIRED:
			wsep(&b);
			wput(&b, "quantum of %s expired", n);
			if (y->level_to > y->level_from)
				wput(&b, " (demoted to level %d)", y->level_to);
			else if (y->no_demote)
				wput(&b, " (nobody else ready: stays at level %d)",
				     y->level_to);
			break;
		default:
			break;
		}
	}
	if (y->boosted) {
		wsep(&b);
		wput(&b, "priority boost: every job back to level 0");
	}
	if (y->narrived) {
		wsep(&b);
		wlist(&b, sim, y->narrived, y->arrived);
		wput(&b, " arrived");
		if (expired)
			wput(&b, " and %s queued %s %s (%s order)",
			     y->narrived > 1 ? "are" : "is",
			     textbook ? "before" : "after",
			     jname(sim, y->closed),
			     textbook ? "textbook" : "OSTEP");
	}
	if (y->nio) {
		wsep(&b);
		wlist(&b, sim, y->nio, y->io);
		wput(&b, " finished IO");
		if (expired)
			wput(&b, " and %s queued %s %s (%s order)",
			     y->nio > 1 ? "are" : "is",
			     textbook ? "before" : "after",
			     jname(sim, y->closed),
			     textbook ? "textbook" : "OSTEP");
	}
	if (y->niodone) {
		wsep(&b);
		wlist(&b, sim, y->niodone, y->iodone);
		wput(&b, " finished (last burst was IO)");
	}
	wsep(&b);
	switch (y->decision) {
	case SIM_DEC_DONE:
		wput(&b, "all jobs done");
		break;
	case SIM_DEC_IDLE:
		wput(&b, "nothing ready: CPU idle");
		break;
	case SIM_DEC_SWITCHING:
		wput(&b, "context switch to %s: CPU idle (%ld more)",
		     jname(sim, y->chosen), sim->c->switch_left);
		break;
	case SIM_DEC_CONTINUE:
		wput(&b, "%s continues", jname(sim, y->chosen));
		break;
	case SIM_DEC_PREEMPT:
		wput(&b, "%s preempts %s", jname(sim, y->chosen),
		     jname(sim, y->preempted));
		break;
	default:
		wput(&b, "%s runs", jname(sim, y->chosen));
		break;
	}
	if (y->chosen >= 0 && y->decision != SIM_DEC_SWITCHING &&
	    y->decision != SIM_DEC_CONTINUE && sim->pol->explain) {
		char tmp[128];

		tmp[0] = '\0';
		sim->pol->explain(sim, y->chosen, tmp, sizeof(tmp));
		if (tmp[0])
			wput(&b, " (%s)", tmp);
	}
	if (y->switch_started)
		wput(&b, "; context switch: CPU idle for %d tick%s",
		     sim->o.switch_cost, sim->o.switch_cost == 1 ? "" : "s");
	return buf;
}
