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
 * Seeking restores the closest snapshot at or before the target (back,
 * or forward to where the run has been) and replays.  A long replay also
 * fills a few "near" snapshots on its way, for the next steps back.  The
 * Gantt chart is computed once up to the furthest instant reached and
 * shown clipped at now.
 *
 * sim_state.c answers questions about the state, sim_why.c formats the
 * why line.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "sched/policy.h"

enum {
	SNAP_BUDGET = 48 << 20,	/* bytes of snapshots we aim for */
	SNAP_MIN = 4,
	SNAP_MAX = 1024,
	SNAP_EVERY = 64,	/* initial period in ticks */
	NEAR_BUDGET = 64 << 20,	/* bytes for snapshots near a back-seek */
	NEAR_MIN = 512,		/* replays shorter than this take none */
};

/*
 * Large buffers (the blob, snapshots, the Gantt chart) ask for huge pages
 * where the kernel offers them on request (THP "madvise" mode): a 5
 * million tick run otherwise spends more time in page faults than in
 * simulation.  Plain malloc elsewhere, and when that fails.
 */
enum { BIG = 4 << 20, HUGE_PAGE = 2 << 20 };

static void *big_alloc(size_t n)
{
	void *p = NULL;

	if (n < BIG)
		return posix_memalign(&p, 64, n) ? NULL : p;
	if (posix_memalign(&p, HUGE_PAGE, n))
		return malloc(n);
#ifdef MADV_HUGEPAGE
	(void)madvise(p, n, MADV_HUGEPAGE);
#endif
	return p;
}

static size_t align16(size_t n)
{
	return (n + 15) & ~(size_t)15;
}

static size_t align64(size_t n)
{
	return (n + 63) & ~(size_t)63;
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
	p->mark = sim->c->now;
	sim->pol->enqueue(sim, job, why);
}

void sim_preempt(struct sched_sim *sim, int job)
{
	make_ready(sim, job, SIM_ENQ_PREEMPTED);
}

static void finish_job(struct sched_sim *sim, int job)
{
	sim->j[job].state = SCHED_JOB_DONE;
	sim->cold[job].finish = sim->c->now;
	sim->c->ndone++;
}

static void sim_instant(struct sched_sim *sim)
{
	struct sim_core *c = sim->c;
	struct sim_why *why = &c->why;
	long now = c->now;
	int cur = c->running, expired = -1, was;

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
			if (p->burst >= p->nbursts) {
				finish_job(sim, r);
				why->closed_how = SIM_CLOSE_FINISHED;
			} else {
				p->state = SCHED_JOB_BLOCKED;
				p->left = (int)p->bursts[p->burst];
				if (p->burst + 1 < p->nbursts)
					p->after_io = (int)p->bursts[p->burst + 1];
				p->mark = now + p->left;
				io_push(sim, p->mark, r);
				why->closed_how = SIM_CLOSE_BLOCKED;
				why->blocked_until = now + p->left;
				if (sim->pol->block)
					sim->pol->block(sim, r);
			}
		} else {
			why->level_from = p->level;
			if (sim->pol->expired && sim->pol->expired(sim, r)) {
				cur = -1;
				expired = r;
				p->state = SCHED_JOB_READY;
				why->closed_how = SIM_CLOSE_EXPIRED;
			}
		}
	}

	was = cur;	/* on the CPU and may continue */

	/* 2. MLFQ boost */
	if (sim->pol->boost && sim->o.mlfq_boost > 0 && now > 0 &&
	    now % sim->o.mlfq_boost == 0) {
		why->boosted = true;
		sim->pol->boost(sim, &cur, expired);
		c->boost_done = true;
		c->busy_at_boost = c->busy;
	}

	/* 3. enqueue: expired, arrivals, IO completions (or expired last) */
	if (expired >= 0 && sim->o.convention == SCHED_CONV_OSTEP)
		make_ready(sim, expired, SIM_ENQ_EXPIRED);
	while (c->next_arrival < sim->w.njobs) {
		int a = sim->arrivals[c->next_arrival];

		if (sim->w.jobs[a].arrival != now)
			break;
		c->next_arrival++;
		sim->j[a].left = (int)sim->j[a].bursts[0];
		why_add(&why->narrived, why->arrived, a);
		make_ready(sim, a, SIM_ENQ_ARRIVE);
	}
	while (c->nio > 0 && sim->io[0].t == now) {
		struct sim_io ev = io_pop(sim);
		struct sim_job *p = &sim->j[ev.job];

		p->burst++;
		if (p->burst >= p->nbursts) {
			finish_job(sim, ev.job);
			why_add(&why->niodone, why->iodone, ev.job);
			continue;
		}
		p->left = p->after_io;
		why_add(&why->nio, why->io, ev.job);
		make_ready(sim, ev.job, SIM_ENQ_IO);
	}
	if (expired >= 0 && sim->o.convention == SCHED_CONV_TEXTBOOK)
		make_ready(sim, expired, SIM_ENQ_EXPIRED);
	/* an enqueue may have put the running job back (mlfq-io-front) */
	if (cur >= 0 && sim->j[cur].state != SCHED_JOB_RUNNING)
		cur = -1;
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
		if (pick == was && c->last_ran == was) {
			why->decision = SIM_DEC_CONTINUE;
		} else if (pick == was) {
			/* a context switch ended, or a boost re-picked it */
			why->decision = SIM_DEC_DISPATCH;
			why->after_switch = c->last_ran < 0;
		} else if (was >= 0) {
			why->decision = SIM_DEC_PREEMPT;
			why->preempted = was;
		} else {
			why->decision = SIM_DEC_DISPATCH;
		}
		if (pick != cur) {
			if (pick >= 0) {
				struct sim_job *p = &sim->j[pick];

				/* its next burst is read when this one ends */
				__builtin_prefetch(&p->bursts[p->burst + 1]);
				p->state = SCHED_JOB_RUNNING;
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
		ng = big_alloc((size_t)ncap * sizeof(*ng));
		if (!ng)
			return -ENOMEM;
		if (sim->nseg)
			memcpy(ng, sim->gantt, (size_t)sim->nseg * sizeof(*ng));
		free(sim->gantt);
		sim->gantt = ng;
		sim->segcap = ncap;
	}
	s = &sim->gantt[sim->nseg++];
	s->start = t;
	s->end = t + 1;
	s->job = job;
	return 0;
}

/*
 * The Gantt chart is computed once up to the horizon (the furthest
 * instant reached) and never recomputed: the timeline is deterministic.
 * What sched_sim_result() shows is the view of [0, now): the first nview
 * segments, the last one clipped at now in place (its true end kept in
 * clip_end and put back before the view moves).
 */
static void view_unclip(struct sched_sim *sim)
{
	if (sim->clip >= 0) {
		sim->gantt[sim->clip].end = sim->clip_end;
		sim->clip = -1;
	}
}

static void view_clip(struct sched_sim *sim, long t)
{
	int k = sim->nview;

	if (k > 0 && sim->gantt[k - 1].end > t) {
		sim->clip = k - 1;
		sim->clip_end = sim->gantt[k - 1].end;
		sim->gantt[k - 1].end = t;
	}
}

/* The view for instant @t, from anywhere (binary search). */
static void view_set(struct sched_sim *sim, long t)
{
	int lo = 0, hi = sim->nseg;

	view_unclip(sim);
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (sim->gantt[mid].start < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	sim->nview = lo;
	view_clip(sim, t);
}

/* The view for instant @t from an earlier one (amortised O(1)). */
static void view_forward(struct sched_sim *sim, long t)
{
	if (sim->clip >= 0 && sim->clip_end > t) {
		sim->gantt[sim->clip].end = t;
		return;
	}
	view_unclip(sim);
	while (sim->nview < sim->nseg && sim->gantt[sim->nview].start < t)
		sim->nview++;
	view_clip(sim, t);
}

static void maybe_snap(struct sched_sim *sim);

/*
 * Jump over idle instants, to at most instant @limit - 1: when nothing
 * runs, nothing is ready and no switch is under way, the instants before
 * the next arrival, IO completion or MLFQ boost change nothing but the
 * clock, so the state there is known without stepping: idle ticks, no
 * events, "CPU idle".  Keeps a workload arriving at 10^9 quick to run.
 */
static int sim_skip_idle(struct sched_sim *sim, long limit)
{
	struct sim_core *c = sim->c;
	long next = limit, to;

	if (c->running >= 0 || c->nready > 0 || c->switch_left > 0 ||
	    c->ndone == sim->w.njobs)
		return 0;
	if (c->next_arrival < sim->w.njobs) {
		long a = sim->w.jobs[sim->arrivals[c->next_arrival]].arrival;

		if (a < next)
			next = a;
	}
	if (c->nio > 0 && sim->io[0].t < next)
		next = sim->io[0].t;
	/*
	 * A boost changes nothing if one happened since a job last ran (only
	 * running changes levels and allotments): such boosts may be jumped
	 * over; the first one after running may not.
	 */
	if (sim->pol->boost && sim->o.mlfq_boost > 0 &&
	    !(c->boost_done && c->busy == c->busy_at_boost)) {
		long b = (c->now / sim->o.mlfq_boost + 1) * sim->o.mlfq_boost;

		if (b < next)
			next = b;
	}
	to = next - 1;
	if (to <= c->now)
		return 0;
	if (to > sim->horizon) {
		/* the chart is known up to the horizon; extend it from there */
		view_unclip(sim);
		if (gantt_append(sim, sim->horizon, -1))
			return -ENOMEM;
		sim->gantt[sim->nseg - 1].end = to;
		sim->horizon = to;
	}
	c->now = to;
	view_forward(sim, to);
	c->last_ran = -1;
	memset(&c->why, 0, sizeof(c->why));
	c->why.closed = c->why.chosen = c->why.preempted = -1;
	c->why.level_from = c->why.level_to = -1;
	c->why.decision = SIM_DEC_IDLE;
	c->why.boosted = sim->pol->boost && sim->o.mlfq_boost > 0 &&
			 to % sim->o.mlfq_boost == 0;
	maybe_snap(sim);
	return 0;
}

/* Run tick [now, now+1).  -ENOMEM leaves the state unchanged. */
static int sim_tick(struct sched_sim *sim)
{
	struct sim_core *c = sim->c;
	int job = c->switch_left > 0 ? -1 : c->running;

	if (c->now == sim->horizon) {
		if (gantt_append(sim, c->now, job))
			return -ENOMEM;
		sim->horizon++;
	}
	if (c->switch_left > 0) {
		c->switch_left--;
	} else if (job >= 0) {
		struct sim_job *p = &sim->j[job];

		p->left--;
		if (!p->started) {
			p->started = true;
			sim->cold[job].first_run = c->now;
		}
		c->busy++;
		if (sim->pol->ran)
			sim->pol->ran(sim, job);
	}
	c->last_ran = job;
	c->now++;
	view_forward(sim, c->now);
	return 0;
}

/* ---- snapshots ---- */

static int snap_take(struct sched_sim *sim)
{
	struct sim_snap *s;

	if (sim->nsnaps == sim->maxsnaps) {
		/*
		 * Keep every other one (always the one at 0) and double the
		 * period.  Entries are swapped, not freed: every buffer is
		 * allocated once and reused, so no page faults later.
		 */
		int k = 0;

		for (int i = 0; i < sim->nsnaps; i += 2) {
			struct sim_snap tmp = sim->snaps[k];

			sim->snaps[k++] = sim->snaps[i];
			sim->snaps[i] = tmp;
		}
		sim->nsnaps = k;
		sim->snap_every *= 2;
		if (sim->c->now < sim->snaps[k - 1].t + sim->snap_every)
			return 0;
	}
	s = &sim->snaps[sim->nsnaps];
	if (!s->blob) {
		s->blob = big_alloc(sim->blob_size);
		if (!s->blob)
			return -ENOMEM;
	}
	memcpy(s->blob, sim->blob, sim->blob_size);
	s->t = sim->c->now;
	sim->nsnaps++;
	return 0;
}


static void maybe_snap(struct sched_sim *sim)
{
	long now = sim->c->now;

	if (now >= sim->snaps[sim->nsnaps - 1].t + sim->snap_every)
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

		if (jb->arrival < 0 || jb->arrival > SCHED_TIME_MAX) {
			seterr(err, errlen, "job %s arrives outside 0..1000000000",
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
			if (jb->bursts[b] > SCHED_TIME_MAX) {
				seterr(err, errlen,
				       "job %s has a burst longer than "
				       "1000000000 ticks", jb->name);
				return -EINVAL;
			}
		}
	}
	return 0;
}

/*
 * The simulation's own copy of the workload: the jobs array and one
 * array holding every burst (one allocation instead of one per job, and
 * the bursts of neighbouring jobs are neighbours in memory).  sim->w
 * looks like any workload to readers but is freed here, not by
 * sched_workload_clear().
 */
static int copy_workload_flat(struct sched_sim *sim,
			      const struct sched_workload *w)
{
	size_t total = 0, at = 0;
	int n = w->njobs > 0 ? w->njobs : 0;

	for (int i = 0; i < n; i++)
		total += (size_t)w->jobs[i].nbursts;
	sim->w.jobs = malloc(((size_t)n + 1) * sizeof(*w->jobs));
	sim->flat = big_alloc((total ? total : 1) * sizeof(long));
	if (!sim->w.jobs || !sim->flat)
		return -ENOMEM;
	for (int i = 0; i < n; i++) {
		struct sched_job *j = &sim->w.jobs[i];

		*j = w->jobs[i];
		j->name[SCHED_NAME_MAX - 1] = '\0';
		memcpy(&sim->flat[at], w->jobs[i].bursts,
		       (size_t)j->nbursts * sizeof(long));
		j->bursts = &sim->flat[at];
		at += (size_t)j->nbursts;
	}
	sim->w.njobs = sim->w.cap = n;
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

		sim->cold[i].first_run = sim->cold[i].finish = -1;
		p->next = p->prev = p->hpos = p->queue = -1;
		p->bursts = sim->w.jobs[i].bursts;
		p->nbursts = sim->w.jobs[i].nbursts;
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
	size_t n, off_jobs, off_cold, off_heap, off_io, off_extra, extra;

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
	sim->clip = -1;
	if (copy_workload_flat(sim, w))
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

	off_jobs = align64(sizeof(struct sim_core));
	off_cold = off_jobs + align64(n * sizeof(struct sim_job));
	off_heap = off_cold + align64(n * sizeof(struct sim_cold));
	off_io = off_heap + (pol->uses_heap ? align16(n * sizeof(struct sim_hent))
					     : 0);
	off_extra = off_io + align64(n * sizeof(struct sim_io));
	extra = (n + 1) * pol->extra_per_job;
	if (pol->setup) {
		long more = pol->setup(sim);

		if (more < 0)
			goto nomem_free;
		extra += (size_t)more;
	}
	sim->blob_size = off_extra + align64(extra);
	sim->blob = big_alloc(sim->blob_size);
	if (!sim->blob)
		goto nomem_free;
	sim->c = sim->blob;
	sim->j = (struct sim_job *)((char *)sim->blob + off_jobs);
	sim->cold = (struct sim_cold *)((char *)sim->blob + off_cold);
	sim->heap = (struct sim_hent *)((char *)sim->blob + off_heap);
	sim->io = (struct sim_io *)((char *)sim->blob + off_io);
	sim->extra = extra ? (char *)sim->blob + off_extra : NULL;

	sim->maxsnaps = (int)(SNAP_BUDGET / sim->blob_size);
	if (sim->maxsnaps < SNAP_MIN)
		sim->maxsnaps = SNAP_MIN;
	if (sim->maxsnaps > SNAP_MAX)
		sim->maxsnaps = SNAP_MAX;
	sim->snaps = calloc((size_t)sim->maxsnaps, sizeof(*sim->snaps));
	if (!sim->snaps)
		goto nomem_free;
	/*
	 * Copying the blob costs about blob_size / 500 ticks of simulation;
	 * one snapshot per blob_size / 32 ticks keeps that under ~1/16 of
	 * the run time while a step back replays at most a few periods.
	 */
	sim->nnear = (int)(NEAR_BUDGET / sim->blob_size);
	if (sim->nnear > NEAR_SLOTS)
		sim->nnear = NEAR_SLOTS;
	sim->snap_every = SNAP_EVERY;
	while ((size_t)sim->snap_every < sim->blob_size / 32)
		sim->snap_every *= 2;

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
	for (int i = 0; sim->snaps && i < sim->maxsnaps; i++)
		free(sim->snaps[i].blob);
	for (int i = 0; i < NEAR_SLOTS; i++)
		free(sim->near[i].blob);
	free(sim->snaps);
	free(sim->blob);
	free(sim->pstatic);
	free(sim->gantt);
	free(sim->res);
	free(sim->io_total);
	free(sim->cpu_total);
	free(sim->arrivals);
	free(sim->draws);
	free(sim->w.jobs);
	free(sim->flat);
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

	do {
		if (sim_skip_idle(sim, LONG_MAX))
			return -ENOMEM;
	} while ((rc = sched_sim_step(sim)) > 0);
	return rc;
}

/* The latest snapshot (regular or near) at or before instant @t. */
static const struct sim_snap *snap_before(const struct sched_sim *sim,
					  long t)
{
	const struct sim_snap *best;
	int lo = 0, hi = sim->nsnaps - 1;

	/* snaps[0] is at 0 */
	while (lo < hi) {
		int mid = lo + (hi - lo + 1) / 2;

		if (sim->snaps[mid].t <= t)
			lo = mid;
		else
			hi = mid - 1;
	}
	best = &sim->snaps[lo];
	for (int i = 0; i < sim->nnear; i++)
		if (sim->near[i].blob && sim->near[i].t <= t &&
		    sim->near[i].t > best->t)
			best = &sim->near[i];
	return best;
}

/*
 * Seeking back restores the latest snapshot before @t and replays.  When
 * the replay is long, NEAR_SLOTS extra snapshots are taken on the way,
 * evenly spaced, so that stepping back tick by tick from there replays a
 * fraction of the distance instead of all of it each time.
 */
int sched_sim_seek(struct sched_sim *sim, long t)
{
	long plan[NEAR_SLOTS];
	int nplan = 0, rc;

	if (t < 0)
		return -EINVAL;
	if (t < sim->c->now) {
		const struct sim_snap *base = snap_before(sim, t);
		long d = t - base->t;

		memcpy(sim->blob, base->blob, sim->blob_size);
		view_set(sim, sim->c->now);
		if (d >= NEAR_MIN)
			for (int k = 0; k < sim->nnear; k++)
				plan[nplan++] = base->t + d * (k + 1) /
						(sim->nnear + 1);
	}
	if (t > sim->c->now) {
		/* a snapshot beyond now (after a seek back) saves replaying */
		const struct sim_snap *base = snap_before(sim, t);

		if (base->t > sim->c->now) {
			memcpy(sim->blob, base->blob, sim->blob_size);
			view_set(sim, sim->c->now);
		}
	}
	while (sim->c->now < t) {
		if (sim_skip_idle(sim, t + 1))
			return -ENOMEM;
		if (sim->c->now == t)
			break;
		rc = sched_sim_step(sim);
		if (rc < 0)
			return rc;
		if (rc == 0)
			return -EINVAL;	/* beyond the end: left at the end */
		if (nplan > 0 && sim->c->now >= plan[0]) {
			struct sim_snap *s = &sim->near[sim->nnear - nplan];

			if (!s->blob)
				s->blob = big_alloc(sim->blob_size);
			if (s->blob) {
				memcpy(s->blob, sim->blob, sim->blob_size);
				s->t = sim->c->now;
			}
			memmove(plan, plan + 1, (size_t)--nplan * sizeof(long));
		}
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
