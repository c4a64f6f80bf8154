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
 * Per instant (procviz.1 "SCHEDULING SEMANTICS"): 1. close the tick that
 * just ended, 2. MLFQ boost, 3. enqueue (expired, arrivals, IO
 * completions; textbook convention: the expired job last), 4. dispatch,
 * then the next step runs the tick.  Work per tick is O(1) plus O(log n)
 * per heap operation: arrivals come from a list sorted once, IO
 * completions from a heap.
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
 * sim_seek.c keeps the snapshots and seeks, sim_new.c creates and frees,
 * sim_state.c answers questions about the state, sim_why.c formats the
 * why line.
 */
#define _GNU_SOURCE	/* mremap */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "sched/policy.h"

/*
 * Large buffers (the blob, snapshots, the Gantt chart) ask for huge pages
 * where the kernel offers them on request (THP "madvise" mode): a 5
 * million tick run otherwise spends more time in page faults than in
 * simulation.  Plain malloc elsewhere, and when that fails.
 */
/* SMALL_PAGE: a multiple of every page size Linux runs with (4 to 64 KiB) */
enum { BIG = 4 << 20, HUGE_PAGE = 2 << 20, SMALL_PAGE = 64 << 10 };

void *sim_big_alloc(size_t n)
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

/*
 * Field by field, not memset: this runs at every instant, and a memset of
 * the struct (rep stos) cost a fifth of the instant.  The lists need no
 * clearing: their counts say how much of them is valid.
 */
static void why_reset(struct sim_why *why)
{
	why->closed = -1;
	why->closed_how = SIM_CLOSE_NONE;
	why->blocked_until = 0;
	why->level_from = why->level_to = -1;
	why->boosted = false;
	why->no_demote = false;
	why->narrived = why->nio = why->niodone = 0;
	why->decision = SIM_DEC_IDLE;
	why->chosen = -1;
	why->preempted = -1;
	why->switch_started = false;
	why->after_switch = false;
	why->draw = why->draw_total = 0;
}

/*
 * --whole-slice: a job whose CPU burst ends before its slice does keeps
 * the CPU, doing nothing, to the slice's end (lottery.py charges whole
 * slices); it then finishes or blocks.
 */
static bool holds_slice(const struct sched_sim *sim, const struct sim_job *p)
{
	return sim->o.whole_slice && sim->pol->slices && p->qleft > 0;
}

/* Step 1: the job of burst @r used up its CPU burst: done or blocked. */
static void close_burst(struct sched_sim *sim, int r)
{
	struct sim_job *p = &sim->j[r];
	struct sim_why *why = &sim->c->why;
	long now = sim->c->now;

	p->burst++;
	if (p->burst >= p->nbursts) {
		finish_job(sim, r);
		why->closed_how = SIM_CLOSE_FINISHED;
		return;
	}
	p->state = SCHED_JOB_BLOCKED;
	p->left = p->io_next;
	/* the bursts after this IO are read when it completes */
	__builtin_prefetch(&p->bursts[p->burst + 1]);
	p->mark = now + p->left;
	io_push(sim, p->mark, r);
	why->closed_how = SIM_CLOSE_BLOCKED;
	why->blocked_until = now + p->left;
	if (sim->pol->block)
		sim->pol->block(sim, r);
}

/*
 * Step 1, close the tick that just ended for the job that ran: finished,
 * blocked, expired (*expired = the job, to be re-queued) or continuing.
 * Returns the job that may go on running, or -1.
 */
static int step_close(struct sched_sim *sim, int *expired)
{
	struct sim_core *c = sim->c;
	struct sim_why *why = &c->why;
	int r = c->last_ran;
	struct sim_job *p;

	*expired = -1;
	if (r < 0)
		return c->running;
	p = &sim->j[r];
	why->closed = r;
	why->closed_how = SIM_CLOSE_CONTINUES;
	if (p->left == 0) {
		if (holds_slice(sim, p))
			return c->running;
		close_burst(sim, r);
		return -1;
	}
	why->level_from = p->level;
	if (sim->pol->expired && sim->pol->expired(sim, r)) {
		*expired = r;
		p->state = SCHED_JOB_READY;
		why->closed_how = SIM_CLOSE_EXPIRED;
		return -1;
	}
	return c->running;
}

/* Step 2, the MLFQ boost, when one is due at now. */
static void step_boost(struct sched_sim *sim, int *cur, int expired)
{
	struct sim_core *c = sim->c;
	long now = c->now;

	if (!sim->pol->boost || sim->o.mlfq_boost <= 0 || now == 0 ||
	    now % sim->o.mlfq_boost != 0)
		return;
	c->why.boosted = true;
	sim->pol->boost(sim, cur, expired);
	c->boost_done = true;
	c->busy_at_boost = c->busy;
}

/* Step 3b and 3c: arrivals at now, then IO completions at now. */
static void step_enqueue(struct sched_sim *sim)
{
	struct sim_core *c = sim->c;
	struct sim_why *why = &c->why;
	long now = c->now;

	while (c->next_arrival < sim->w.njobs) {
		int a = sim->arrivals[c->next_arrival];

		if (sim->w.jobs[a].arrival != now)
			break;
		c->next_arrival++;
		sim->j[a].left = (int)sim->j[a].bursts[0];
		if (sim->j[a].nbursts > 1)
			sim->j[a].io_next = (int)sim->j[a].bursts[1];
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
		p->left = (int)p->bursts[p->burst];
		if (p->burst + 1 < p->nbursts)
			p->io_next = (int)p->bursts[p->burst + 1];
		why_add(&why->nio, why->io, ev.job);
		make_ready(sim, ev.job, SIM_ENQ_IO);
	}
}

/* The job @pick takes the CPU (it was not on it): count the switch. */
static void take_cpu(struct sched_sim *sim, int pick)
{
	struct sim_core *c = sim->c;
	struct sim_job *p = &sim->j[pick];

	p->state = SCHED_JOB_RUNNING;
	if (c->last_job >= 0 && c->last_job != pick) {
		c->switches++;
		if (sim->o.switch_cost > 0) {
			c->switch_left = sim->o.switch_cost;
			c->why.switch_started = true;
		}
	}
	c->last_job = pick;
}

/*
 * Step 4, dispatch: @cur may continue, @was was on the CPU before the
 * boost and the enqueues.
 */
static void step_dispatch(struct sched_sim *sim, int cur, int was)
{
	struct sim_core *c = sim->c;
	struct sim_why *why = &c->why;
	int pick;

	if (c->ndone == sim->w.njobs) {
		c->running = -1;
		why->decision = SIM_DEC_DONE;
		sim->end = c->now;
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
	pick = sim->pol->dispatch(sim, cur);
	why->chosen = pick;
	if (pick < 0) {
		/* procrun -S SWITCH_ON_END: the CPU waits for an IO */
		why->decision = SIM_DEC_IDLE;
	} else if (pick == was && c->last_ran == was) {
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
	if (pick != cur && pick >= 0)
		take_cpu(sim, pick);
	c->running = pick;
}

/*
 * The events of instant now in spec order, then the decision.  The
 * expired job is queued (3a) before the boost under the OSTEP convention,
 * as mlfq.py re-queues it at the end of the tick, so a boost moves it up
 * with its level; under the textbook convention it is queued last.
 */
void sim_instant(struct sched_sim *sim)
{
	int cur, expired, was;
	bool ostep = sim->o.convention == SCHED_CONV_OSTEP;

	why_reset(&sim->c->why);
	cur = step_close(sim, &expired);
	was = cur;	/* on the CPU and may continue */
	if (expired >= 0 && ostep)
		make_ready(sim, expired, SIM_ENQ_EXPIRED);
	step_boost(sim, &cur, expired);
	step_enqueue(sim);
	if (expired >= 0 && !ostep)
		make_ready(sim, expired, SIM_ENQ_EXPIRED);
	/* an enqueue or a boost may have put the running job back */
	if (cur >= 0 && sim->j[cur].state != SCHED_JOB_RUNNING)
		cur = -1;
	if (expired >= 0)
		sim->c->why.level_to = sim->j[expired].level;
	step_dispatch(sim, cur, was);
}

/*
 * The chart grows by remapping (mremap): no copy of the segments so far
 * and no fresh pages to clear for them, in huge pages where the kernel
 * offers them once it is that large (a 5 million tick run has millions
 * of segments).  A small chart stays in small pages: a huge one would be
 * cleared whole, 2 MiB for every policy of every little workload.
 */
static int gantt_grow(struct sched_sim *sim)
{
	size_t old = sim->gantt_bytes, want, page;
	int ncap = sim->segcap ? sim->segcap * 2 : 64;
	void *p;

	if (ncap < sim->segcap)
		return -ENOMEM;
	want = (size_t)ncap * sizeof(struct sched_segment);
	page = want >= HUGE_PAGE ? (size_t)HUGE_PAGE : SMALL_PAGE;
	want = (want + page - 1) & ~(page - 1);
	if (!old)
		p = mmap(NULL, want, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	else
		p = mremap(sim->gantt, old, want, MREMAP_MAYMOVE);
	if (p == MAP_FAILED)
		return -ENOMEM;
#ifdef MADV_HUGEPAGE
	if (page == HUGE_PAGE)
		(void)madvise(p, want, MADV_HUGEPAGE);
#endif
	sim->gantt = p;
	sim->gantt_bytes = want;
	sim->segcap = (int)(want / sizeof(struct sched_segment) > INT_MAX ?
			    INT_MAX : want / sizeof(struct sched_segment));
	return 0;
}

void sim_gantt_free(struct sched_sim *sim)
{
	if (sim->gantt_bytes)
		munmap(sim->gantt, sim->gantt_bytes);
	sim->gantt = NULL;
	sim->gantt_bytes = 0;
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
	if (sim->nseg == sim->segcap && gantt_grow(sim))
		return -ENOMEM;
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
void sim_view_set(struct sched_sim *sim, long t)
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

/*
 * Jump over idle instants, to at most instant @limit - 1: when nothing
 * runs, nothing is ready and no switch is under way, the instants before
 * the next arrival, IO completion or MLFQ boost change nothing but the
 * clock, so the state there is known without stepping: idle ticks, no
 * events, "CPU idle".  Keeps a workload arriving at 10^9 quick to run.
 */
int sim_skip_idle(struct sched_sim *sim, long limit)
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
	sim_maybe_snap(sim);
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

		if (p->left > 0) {
			p->left--;
			c->busy++;
		}	/* else it holds the rest of its slice (holds_slice) */
		if (!p->started) {
			p->started = true;
			sim->cold[job].first_run = c->now;
		}
		if (sim->pol->ran)
			sim->pol->ran(sim, job);
	}
	c->last_ran = job;
	c->now++;
	view_forward(sim, c->now);
	return 0;
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
	sim_maybe_snap(sim);
	return 1;
}

/*
 * Jump over quiet ticks (sched_sim_finish only): while the running job
 * keeps the CPU and nothing can happen - its burst and its quantum do not
 * end, no arrival, IO completion or boost is due - every instant closes
 * with "continues" and the dispatcher keeps it, for a policy whose only
 * change per tick is counting down the quantum (pol->quiet).  Those ticks
 * are run at once: the state after them is what stepping would leave,
 * apart from the why line, which no one reads while finishing (the next
 * step writes it).  Only at the horizon: the chart is extended here.
 */
static void sim_skip_quiet(struct sched_sim *sim)
{
	struct sim_core *c = sim->c;
	int r = c->running;
	struct sim_job *p;
	struct sched_segment *g;
	long d;

	if (r < 0 || c->switch_left > 0 || !sim->pol->quiet ||
	    c->now != sim->horizon)
		return;
	p = &sim->j[r];
	d = p->left - 1;	/* the tick that ends the burst is stepped */
	if (sim->pol->expired && p->qleft - 1 < d)
		d = p->qleft - 1;
	if (c->next_arrival < sim->w.njobs) {
		long a = sim->w.jobs[sim->arrivals[c->next_arrival]].arrival;

		if (a - c->now - 1 < d)
			d = a - c->now - 1;
	}
	if (c->nio > 0 && sim->io[0].t - c->now - 1 < d)
		d = sim->io[0].t - c->now - 1;
	if (sim->pol->boost && sim->o.mlfq_boost > 0) {
		long b = (c->now / sim->o.mlfq_boost + 1) * sim->o.mlfq_boost;

		if (b - c->now - 1 < d)
			d = b - c->now - 1;
	}
	if (d <= 0)
		return;
	g = sim->nseg ? &sim->gantt[sim->nseg - 1] : NULL;
	if (!g || g->job != r || g->end != c->now) {
		/* the job was just dispatched: its segment starts now */
		if (gantt_append(sim, c->now, r))
			return;	/* no memory: step instead */
		g = &sim->gantt[sim->nseg - 1];
	}
	if (!p->started) {
		p->started = true;
		sim->cold[r].first_run = c->now;
	}
	p->left -= (int)d;
	if (sim->pol->ran)
		p->qleft -= (int)d;	/* quiet: ran counts qleft down */
	c->busy += d;
	c->last_ran = r;
	c->now += d;
	g->end = c->now;
	sim->horizon = c->now;
	view_forward(sim, c->now);
}

int sched_sim_finish(struct sched_sim *sim)
{
	int rc;

	sim->no_snaps = true;
	do {
		if (sim_skip_idle(sim, LONG_MAX)) {
			rc = -ENOMEM;
			break;
		}
		sim_skip_quiet(sim);
	} while ((rc = sched_sim_step(sim)) > 0);
	sim->no_snaps = false;
	return rc;
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

long sched_sim_now(const struct sched_sim *sim)
{
	return sim->c->now;
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
