/*
 * viz/core/trace.c - a recording's processes as a workload (trace.h).
 */
#include "viz/core/trace.h"
#include "common/i18n.h"

#include "sched/sched.h"
#include "viz/core/model.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum tr_phase { TR_NONE, TR_CPU, TR_IO };

struct tr_proc {
	int pid;
	uint64_t start_ticks;
	char comm[SNAP_COMM_LEN];
	int64_t first_ms, last_ms;
	double last_cpu_ms;
	bool ended;
	enum tr_phase phase;
	double acc_ms;			/* the open burst */
	double *bursts;			/* owned: ms, alternating */
	enum tr_phase first_phase;	/* kind of bursts[0] */
	size_t n, cap;
};

struct tr_ctx {
	struct tr_proc *procs;		/* owned */
	size_t n, cap;
	long clk_tck;
	int nomem;
};

static double tr_cpu_ms(const struct tr_ctx *c, const struct snap_proc *sp)
{
	if (sp->has_schedstat)
		return (double)sp->run_ns / 1e6;
	return (double)sp->cpu_ticks * 1000.0 / (double)c->clk_tck;
}

/* Close the open burst of @p (kind p->phase) with acc_ms. */
static void tr_close(struct tr_ctx *c, struct tr_proc *p)
{
	if (p->phase == TR_NONE)
		return;
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 8;
		double *b = realloc(p->bursts, cap * sizeof(*b));

		if (!b) {
			c->nomem = 1;
			return;
		}
		p->bursts = b;
		p->cap = cap;
	}
	if (p->n == 0)
		p->first_phase = p->phase;
	p->bursts[p->n++] = p->acc_ms;
	p->acc_ms = 0;
}

/* Switch @p to @ph (closing the open burst if it differs). */
static void tr_phase(struct tr_ctx *c, struct tr_proc *p, enum tr_phase ph)
{
	if (p->phase == ph)
		return;
	tr_close(c, p);
	p->phase = ph;
	p->acc_ms = 0;
}

static void tr_end(struct tr_ctx *c, struct tr_proc *p)
{
	if (p->ended)
		return;
	tr_close(c, p);
	p->phase = TR_NONE;
	p->ended = true;
}

/* The latest process with @pid (ended too when @ended), or NULL. */
static struct tr_proc *tr_find(struct tr_ctx *c, int pid, bool ended)
{
	size_t i;

	for (i = c->n; i-- > 0;)
		if (c->procs[i].pid == pid)
			return ended || !c->procs[i].ended ? &c->procs[i] :
							      NULL;
	return NULL;
}

static struct tr_proc *tr_add(struct tr_ctx *c, const struct snap_proc *sp,
			      int64_t t_ms)
{
	struct tr_proc *p;

	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 32;
		struct tr_proc *np = realloc(c->procs, cap * sizeof(*np));

		if (!np) {
			c->nomem = 1;
			return NULL;
		}
		c->procs = np;
		c->cap = cap;
	}
	p = &c->procs[c->n++];
	memset(p, 0, sizeof(*p));
	p->pid = sp->pid;
	p->start_ticks = sp->start_ticks;
	p->first_ms = p->last_ms = t_ms;
	p->last_cpu_ms = tr_cpu_ms(c, sp);
	p->phase = sp->state == 'R' ? TR_CPU : TR_IO;
	if (sp->state == 'Z' || sp->state == 'X')
		p->ended = true;
	return p;
}

static void tr_reading(struct tr_ctx *c, const struct snap_proc *sp,
		       int64_t t_ms)
{
	struct tr_proc *p = tr_find(c, sp->pid, true);
	double dt, cpu, dcpu;

	if (p && p->start_ticks == sp->start_ticks && p->ended)
		return;			/* a zombie read again */
	if (p && p->start_ticks != sp->start_ticks) {
		tr_end(c, p);		/* the pid was reused */
		p = NULL;
	}
	if (!p) {
		p = tr_add(c, sp, t_ms);
		if (p)
			memcpy(p->comm, sp->comm, sizeof(p->comm));
		return;
	}
	if (sp->comm[0])
		memcpy(p->comm, sp->comm, sizeof(p->comm));
	dt = (double)(t_ms - p->last_ms);
	cpu = tr_cpu_ms(c, sp);
	dcpu = cpu - p->last_cpu_ms;
	if (dt <= 0 && sp->state != 'Z' && sp->state != 'X')
		return;
	if (dt < 0)
		dt = 0;
	if (dcpu < 0)
		dcpu = 0;
	if (dcpu > dt)
		dcpu = dt;
	p->last_ms = t_ms;
	p->last_cpu_ms = cpu;
	if (sp->state == 'Z' || sp->state == 'X') {
		if (dcpu > 0) {
			tr_phase(c, p, TR_CPU);
			p->acc_ms += dcpu;
		}
		tr_end(c, p);
	} else if (sp->state == 'R' || dcpu * 2 >= dt) {
		tr_phase(c, p, TR_CPU);
		p->acc_ms += dcpu;
	} else if (p->phase == TR_CPU) {
		p->acc_ms += dcpu;
		tr_phase(c, p, TR_IO);
		p->acc_ms = dt - dcpu;
	} else {
		if (dcpu > 0) {
			tr_phase(c, p, TR_CPU);
			p->acc_ms = dcpu;
			tr_phase(c, p, TR_IO);
		}
		p->phase = TR_IO;
		p->acc_ms += dt - dcpu;
	}
}

/*
 * The readings of @s in birth order (model_birth_cmp), so that processes
 * first seen together become jobs in the order they were born, as the
 * lesson view and the SVG list them: into @ix[0..n_procs-1].
 */
static void tr_birth_order(const struct snapshot *s, size_t *ix)
{
	size_t i, k;

	for (i = 0; i < s->n_procs; i++) {
		const struct snap_proc *p = &s->procs[i];

		for (k = i; k > 0; k--) {
			const struct snap_proc *q = &s->procs[ix[k - 1]];

			if (model_birth_cmp(q->start_ticks, q->pid,
					    p->start_ticks, p->pid) <= 0)
				break;
			ix[k] = ix[k - 1];
		}
		ix[k] = i;
	}
}

static void tr_sample(struct tr_ctx *c, const struct snapshot *s)
{
	size_t i, *ix = malloc((s->n_procs + 1) * sizeof(*ix));

	if (ix)
		tr_birth_order(s, ix);
	else
		c->nomem = 1;
	for (i = 0; ix && i < s->n_procs; i++)
		tr_reading(c, &s->procs[ix[i]], s->t_ms);
	free(ix);
	for (i = 0; i < s->n_vanished; i++) {
		struct tr_proc *p = tr_find(c, s->vanished[i].pid, false);

		if (p)
			tr_end(c, p);
	}
}

/* A workload name from @comm and @pid: [A-Za-z0-9_.-], at most 31. */
static void tr_name(char *buf, size_t len, const char *comm, int pid)
{
	char clean[SNAP_COMM_LEN];
	size_t i;

	for (i = 0; comm[i] && i + 1 < sizeof(clean); i++) {
		unsigned char ch = (unsigned char)comm[i];

		clean[i] = (char)(isalnum(ch) || ch == '_' || ch == '-' ||
				  ch == '.' ? ch : '_');
	}
	clean[i] = '\0';
	snprintf(buf, len, "%s-%d", i ? clean : "proc", pid);
}

static long tr_ticks(double ms, int tick_ms)
{
	double t = ms / tick_ms + 0.5;

	if (t >= SCHED_TIME_MAX)
		return SCHED_TIME_MAX;
	return (long)t;
}

/*
 * The bursts of @p in ticks, starting with CPU, zeros dropped and
 * neighbours merged, into out[] (capacity p->n + 1).  Returns how many,
 * and the ticks of a leading IO burst in *@lead.
 */
static size_t tr_quantise(const struct tr_proc *p, int tick_ms, long *out,
			  long *lead)
{
	size_t i, n = 0;
	enum tr_phase ph = p->first_phase, last = TR_NONE;

	*lead = 0;
	for (i = 0; i < p->n; i++, ph = ph == TR_CPU ? TR_IO : TR_CPU) {
		long t = tr_ticks(p->bursts[i], tick_ms);

		if (t <= 0)
			continue;
		if (n == 0 && last == TR_NONE && ph == TR_IO) {
			*lead += t;
			if (*lead > SCHED_TIME_MAX)
				*lead = SCHED_TIME_MAX;
			continue;
		}
		if (last == ph) {
			out[n - 1] += t;
			if (out[n - 1] > SCHED_TIME_MAX)
				out[n - 1] = SCHED_TIME_MAX;
		} else {
			out[n++] = t;
			last = ph;
		}
	}
	return n;
}

static void tr_clear(struct tr_ctx *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->procs[i].bursts);
	free(c->procs);
}

/*
 * Write process @i of @c as a workload line (or a "# skipped" comment:
 * returns 0 then, 1 for a job).  -ENOMEM.
 */
static int tr_write_proc(FILE *out, const struct tr_ctx *c, size_t i,
			 int64_t t0, int tick_ms)
{
	const struct tr_proc *p = &c->procs[i];
	long *b = malloc((p->n + 1) * sizeof(*b)), lead, arrival;
	char name[SCHED_NAME_MAX];
	size_t n, k;

	if (!b)
		return -ENOMEM;
	n = tr_quantise(p, tick_ms, b, &lead);
	tr_name(name, sizeof(name), p->comm, p->pid);
	for (k = 0; k < i; k++)		/* a reused pid: name.2 */
		if (c->procs[k].pid == p->pid) {
			size_t l = strlen(name);

			snprintf(name + (l > 24 ? 24 : l),
				 sizeof(name) - (l > 24 ? 24 : l), ".%zu", i);
			break;
		}
	if (n == 0) {
		fprintf(out, "# skipped %s: no whole tick of CPU\n", name);
		free(b);
		return 0;
	}
	arrival = tr_ticks((double)(p->first_ms - t0), tick_ms) + lead;
	fprintf(out, "%s\t%ld\t", name, arrival < 0 ? 0 :
		arrival > SCHED_TIME_MAX ? SCHED_TIME_MAX : arrival);
	for (k = 0; k < n; k++)
		fprintf(out, "%s%ld", k ? "/" : "", b[k]);
	fputc('\n', out);
	free(b);
	return 1;
}

/* Every sample of @r into @c; *t0: the earliest sample's time. */
static int tr_read(struct tr_ctx *c, const struct recording *r, int64_t *t0)
{
	struct record_item it;
	size_t i;
	int rc = 0;

	*t0 = -1;
	record_item_init(&it);
	for (i = 0; i < r->n_items && !c->nomem; i++) {
		rc = recording_item(r, i, &it);
		if (rc)
			break;
		if (it.kind != RECORD_SAMPLE)
			continue;
		if (*t0 < 0 || it.t_ms < *t0)
			*t0 = it.t_ms;	/* the earliest, in case of disorder */
		tr_sample(c, &it.snap);
	}
	record_item_clear(&it);
	for (i = 0; i < c->n; i++)
		tr_end(c, &c->procs[i]);
	return c->nomem || rc ? -ENOMEM : 0;
}

int trace_write(FILE *out, const struct recording *r, int tick_ms,
		long clk_tck, int *njobs, char *err, size_t errlen)
{
	struct tr_ctx c = { .clk_tck = clk_tck > 0 ? clk_tck : 100 };
	int64_t t0;
	size_t i, skipped = 0;
	int rc;

	*njobs = 0;
	if (tick_ms < 1)
		tick_ms = TRACE_TICK_MS_DEFAULT;
	rc = tr_read(&c, r, &t0);
	if (!rc) {
		fprintf(out, "# procviz trace of %s (%s%s%s), one tick = %d "
			"ms\n", r->name, r->header.source,
			r->header.scenario[0] ? " " : "", r->header.scenario,
			tick_ms);
		fprintf(out, "# one job per process: CPU bursts = CPU time "
			"used, IO bursts = time blocked (procviz(1) TRACE)\n");
		fprintf(out, "# name\tarrival\tbursts\n");
	}
	for (i = 0; i < c.n && !rc; i++) {
		rc = tr_write_proc(out, &c, i, t0, tick_ms);
		if (rc > 0)
			(*njobs)++;
		else if (rc == 0)
			skipped++;
		rc = rc < 0 ? rc : 0;
	}
	tr_clear(&c);
	if (rc) {
		snprintf(err, errlen, "%s", _("out of memory"));
		return -ENOMEM;
	}
	if (*njobs == 0) {
		if (skipped == 1)
			snprintf(err, errlen, _("%s: no process used a whole "
						"tick of CPU (1 process; try a "
						"smaller --tick-ms)"), r->name);
		else
			snprintf(err, errlen, _("%s: no process used a whole "
						"tick of CPU (%zu processes; "
						"try a smaller --tick-ms)"),
				 r->name, skipped);
		return -ENOENT;
	}
	return 0;
}
