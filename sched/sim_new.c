/*
 * sched/sim_new.c - creating and freeing a simulation: the checks, the
 * simulation's own flat copy of the workload, the blob laid out for the
 * policy (see policy.h), the snapshot budget, and instant 0.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "sched/policy.h"

enum {
	SNAP_BUDGET = 48 << 20,	/* bytes of snapshots we aim for */
	SNAP_MIN = 4,
	SNAP_MAX = 1024,
	SNAP_EVERY = 64,	/* initial period in ticks */
	NEAR_BUDGET = 64 << 20,	/* bytes for snapshots near a back-seek */
};

static size_t align16(size_t n)
{
	return (n + 15) & ~(size_t)15;
}

static size_t align64(size_t n)
{
	return (n + 63) & ~(size_t)63;
}

/* The message @fmt, translated (common/i18n.h), into err[errlen]. */
static void seterr(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, _(fmt), ap);
	va_end(ap);
}

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
			if (jb->bursts[b] == SCHED_IO_UNSET && b % 2) {
				seterr(err, errlen, "job %s has an IO whose "
				       "length is not set", jb->name);
				return -EINVAL;
			}
			if (jb->bursts[b] < (b % 2 ? 0 : 1)) {
				if (b % 2)
					seterr(err, errlen, "job %s has an IO "
					       "burst shorter than 0 ticks",
					       jb->name);
				else
					seterr(err, errlen, "job %s has a CPU "
					       "burst shorter than 1 tick",
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
	sim->flat = sim_big_alloc((total ? total : 1) * sizeof(long));
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

/* The options, the draws and the per-job sums: everything but the blob. */
static int sim_copy_inputs(struct sched_sim *sim,
			   const struct sched_workload *w,
			   const struct sched_opts *opts)
{
	size_t n = (size_t)w->njobs;

	sim->o = *opts;
	sim->end = -1;
	sim->clip = -1;
	if (copy_workload_flat(sim, w))
		return -ENOMEM;
	if (opts->ndraws > 0) {
		sim->draws = malloc((size_t)opts->ndraws * sizeof(long));
		if (!sim->draws)
			return -ENOMEM;
		memcpy(sim->draws, opts->draws,
		       (size_t)opts->ndraws * sizeof(long));
	}
	sim->o.draws = sim->draws;
	sim->arrivals = malloc((n ? n : 1) * sizeof(int));
	sim->cpu_total = calloc(n ? n : 1, sizeof(long));
	sim->io_total = calloc(n ? n : 1, sizeof(long));
	sim->res = calloc(n ? n : 1, sizeof(*sim->res));
	if (!sim->arrivals || !sim->cpu_total || !sim->io_total || !sim->res)
		return -ENOMEM;
	for (int i = 0; i < w->njobs; i++)
		for (int b = 0; b < w->jobs[i].nbursts; b++) {
			if (b % 2 == 0)
				sim->cpu_total[i] += w->jobs[i].bursts[b];
			else
				sim->io_total[i] += w->jobs[i].bursts[b];
		}
	return sort_arrivals(sim);
}

/* The blob: core, jobs, cold, heap (if used), IO heap, policy extra. */
static int sim_layout(struct sched_sim *sim)
{
	const struct sched_policy *pol = sim->pol;
	size_t n = (size_t)sim->w.njobs;
	size_t off_jobs, off_cold, off_heap, off_io, off_extra, extra;

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
			return -ENOMEM;
		extra += (size_t)more;
	}
	sim->blob_size = off_extra + align64(extra);
	sim->blob = sim_big_alloc(sim->blob_size);
	if (!sim->blob)
		return -ENOMEM;
	sim->c = sim->blob;
	sim->j = (struct sim_job *)((char *)sim->blob + off_jobs);
	sim->cold = (struct sim_cold *)((char *)sim->blob + off_cold);
	sim->heap = (struct sim_hent *)((char *)sim->blob + off_heap);
	sim->io = (struct sim_io *)((char *)sim->blob + off_io);
	sim->extra = extra ? (char *)sim->blob + off_extra : NULL;
	return 0;
}

/*
 * The snapshot budget.  Copying the blob costs about blob_size / 500
 * ticks of simulation; one snapshot per blob_size / 32 ticks keeps that
 * under ~1/16 of the run time while a step back replays at most a few
 * periods.
 */
static int sim_snaps_init(struct sched_sim *sim)
{
	sim->maxsnaps = (int)(SNAP_BUDGET / sim->blob_size);
	if (sim->maxsnaps < SNAP_MIN)
		sim->maxsnaps = SNAP_MIN;
	if (sim->maxsnaps > SNAP_MAX)
		sim->maxsnaps = SNAP_MAX;
	sim->snaps = calloc((size_t)sim->maxsnaps, sizeof(*sim->snaps));
	if (!sim->snaps)
		return -ENOMEM;
	sim->nnear = (int)(NEAR_BUDGET / sim->blob_size);
	if (sim->nnear > NEAR_SLOTS)
		sim->nnear = NEAR_SLOTS;
	sim->snap_every = SNAP_EVERY;
	while ((size_t)sim->snap_every < sim->blob_size / 32)
		sim->snap_every *= 2;
	return 0;
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

	if (!pol) {
		if (policy)
			seterr(err, errlen, "unknown policy '%s'", policy);
		else
			seterr(err, errlen, "no policy given");
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
	if (sim_copy_inputs(sim, w, opts))
		goto nomem_free;
	sim->nq = pol->nqueues ? pol->nqueues(&sim->o) : 1;
	if (sim_layout(sim) || sim_snaps_init(sim))
		goto nomem_free;
	sim_reset(sim);
	sim_instant(sim);
	if (sim_snap_take(sim))
		goto nomem_free;
	return sim;

nomem_free:
	sched_sim_free(sim);
nomem:
	seterr(err, errlen, "out of memory");
	return NULL;
}

void sched_sim_free(struct sched_sim *sim)
{
	if (!sim)
		return;
	/* blobs are taken in slot order and only swapped: a prefix is set */
	for (int i = 0; sim->snaps && i < sim->maxsnaps && sim->snaps[i].blob;
	     i++)
		free(sim->snaps[i].blob);
	for (int i = 0; i < NEAR_SLOTS; i++)
		free(sim->near[i].blob);
	free(sim->snaps);
	free(sim->blob);
	free(sim->pstatic);
	sim_gantt_free(sim);
	free(sim->res);
	free(sim->io_total);
	free(sim->cpu_total);
	free(sim->arrivals);
	free(sim->draws);
	free(sim->w.jobs);
	free(sim->flat);
	free(sim);
}

