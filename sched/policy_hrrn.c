/*
 * sched/policy_hrrn.c - highest response ratio next (non-preemptive).
 *
 * Ratio (w + s) / s, w = ticks since the job last became ready, s = its
 * next CPU burst, compared exactly in integers.  Tie-breaking: equal
 * ratios go to ready-queue order (the job that became ready first; within
 * one instant the spec's enqueue order).
 *
 * Speed: among ready jobs with the same s, the one ready first has the
 * highest ratio (and wins ties), so ready jobs are kept in one FIFO per
 * distinct CPU burst length of the workload, and a dispatch compares only
 * the heads of the non-empty FIFOs: O(distinct burst lengths), never a
 * scan of every ready job.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "common/i18n.h"
#include "sched/policy.h"

/* Links are index + 1, so the zeroed blob means "empty". */
struct hrrn_head {
	unsigned long seq;	/* enqueue stamps */
	int ne_first;		/* first non-empty group + 1 */
};

struct hrrn_group {
	int first, last;	/* FIFO of ready jobs + 1 */
	int ne_next, ne_prev;	/* list of non-empty groups + 1 */
};

struct hrrn_job {
	unsigned long seq;	/* ready-queue order */
	int next;		/* next in its group + 1 */
	int group;
};

static struct hrrn_head *hd(const struct sched_sim *sim)
{
	return sim->extra;
}

static struct hrrn_group *groups(const struct sched_sim *sim)
{
	return (struct hrrn_group *)((char *)sim->extra +
				     sizeof(struct hrrn_head));
}

static struct hrrn_job *hjobs(const struct sched_sim *sim)
{
	return (struct hrrn_job *)(groups(sim) + sim->npstatic);
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

/* Static data: the sorted distinct CPU burst lengths of the workload. */
static long hrrn_setup(struct sched_sim *sim)
{
	size_t n = 0, k = 0;
	long *len;

	for (int i = 0; i < sim->w.njobs; i++)
		n += (size_t)(sim->w.jobs[i].nbursts + 1) / 2;
	len = malloc((n ? n : 1) * sizeof(long));
	if (!len)
		return -ENOMEM;
	for (int i = 0; i < sim->w.njobs; i++)
		for (int b = 0; b < sim->w.jobs[i].nbursts; b += 2)
			len[k++] = sim->w.jobs[i].bursts[b];
	qsort(len, n, sizeof(long), cmp_long);
	k = 0;
	for (size_t i = 0; i < n; i++)
		if (k == 0 || len[k - 1] != len[i])
			len[k++] = len[i];
	sim->pstatic = len;
	sim->npstatic = (long)k;
	return (long)(sizeof(struct hrrn_head) + k * sizeof(struct hrrn_group) +
		      (size_t)sim->w.njobs * sizeof(struct hrrn_job));
}

static int group_of(const struct sched_sim *sim, long s)
{
	const long *len = sim->pstatic;
	long lo = 0, hi = sim->npstatic - 1;

	while (lo < hi) {
		long mid = (lo + hi) / 2;

		if (len[mid] < s)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (int)lo;
}

static void hrrn_enqueue(struct sched_sim *sim, int job, enum sim_enq why)
{
	struct hrrn_group *g = groups(sim);
	struct hrrn_job *hj = &hjobs(sim)[job];
	int gi = group_of(sim, sim->j[job].left);

	rq_push_tail(sim, 0, job);	/* the queue shown, and nready */
	hj->seq = hd(sim)->seq++;
	hj->group = gi;
	hj->next = 0;
	if (g[gi].last) {
		hjobs(sim)[g[gi].last - 1].next = job + 1;
	} else {
		int old = hd(sim)->ne_first;

		g[gi].first = job + 1;
		g[gi].ne_prev = 0;
		g[gi].ne_next = old;
		if (old)
			g[old - 1].ne_prev = gi + 1;
		hd(sim)->ne_first = gi + 1;
	}
	g[gi].last = job + 1;
}

/* Take the head of group @gi (the picked job) off its FIFO. */
static void group_pop(struct sched_sim *sim, int gi)
{
	struct hrrn_group *g = groups(sim);
	int job = g[gi].first - 1;

	g[gi].first = hjobs(sim)[job].next;
	if (g[gi].first)
		return;
	g[gi].last = 0;
	if (g[gi].ne_prev)
		g[g[gi].ne_prev - 1].ne_next = g[gi].ne_next;
	else
		hd(sim)->ne_first = g[gi].ne_next;
	if (g[gi].ne_next)
		g[g[gi].ne_next - 1].ne_prev = g[gi].ne_prev;
}

/* true if job a goes before job b: higher ratio, then queue order */
static bool hrrn_before(const struct sched_sim *sim, int a, int b)
{
	long now = sim->c->now;
	long wa = now - sim->j[a].mark, sa = sim->j[a].left;
	long wb = now - sim->j[b].mark, sb = sim->j[b].left;
	__int128 l = (__int128)(wa + sa) * sb;
	__int128 r = (__int128)(wb + sb) * sa;

	if (l != r)
		return l > r;
	return hjobs(sim)[a].seq < hjobs(sim)[b].seq;
}

static int hrrn_dispatch(struct sched_sim *sim, int cur)
{
	const struct hrrn_group *g = groups(sim);
	int best = -1;

	if (cur >= 0)
		return cur;
	for (int gi = hd(sim)->ne_first; gi; gi = g[gi - 1].ne_next) {
		int job = g[gi - 1].first - 1;

		if (best < 0 || hrrn_before(sim, job, best))
			best = job;
	}
	if (best >= 0) {
		group_pop(sim, hjobs(sim)[best].group);
		rq_remove(sim, best);
	}
	return best;
}

static void hrrn_explain(const struct sched_sim *sim, int job, char *buf,
			 size_t len)
{
	const struct sim_job *p = &sim->j[job];
	long w = sim->c->now - p->mark;

	snprintf(buf, len, _("highest response ratio (%ld+%d)/%d = %.2f"), w,
		 p->left, p->left, (double)(w + p->left) / (double)p->left);
}

const struct sched_policy sched_policy_hrrn = {
	.quiet = true,
	.name = "hrrn",
	.describe = N_("hrrn: highest response ratio next (non-preemptive)"),
	.setup = hrrn_setup,
	.enqueue = hrrn_enqueue,
	.dispatch = hrrn_dispatch,
	.explain = hrrn_explain,
};
