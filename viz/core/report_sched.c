/*
 * viz/core/report_sched.c - headless scheduler reports (JSON, CSV; text in
 * report_sched_text.c, SVG in report_sched_svg.c).
 *
 * One simulation per policy runs to the end on the same workload; the
 * writers below only read the results.  Numbers that can be fractional
 * (averages, utilisation) are printed with two decimals, and as plain
 * integers when they are whole (17, not 17.00) in JSON; the text table
 * always shows two decimals so columns line up.
 */
#include "viz/core/report_sched.h"
#include "common/i18n.h"
#include "sched/labels.h"
#include "viz/core/report_procrun.h"
#include "viz/core/report_sched_priv.h"

#include "viz/core/json.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* --- one run per policy ---------------------------------------------------- */

static void runs_free(struct run *runs, int n)
{
	int i;

	for (i = 0; i < n; i++)
		sched_sim_free(runs[i].sim);
	free(runs);
}

static int runs_new(const struct report_sched *r, struct run **out,
		    char *err, size_t errlen)
{
	struct run *runs;
	int i, rc;

	*out = NULL;
	runs = calloc((size_t)(r->npolicies > 0 ? r->npolicies : 1),
		      sizeof(*runs));
	if (!runs)
		return -ENOMEM;
	for (i = 0; i < r->npolicies; i++) {
		runs[i].policy = r->policies[i];
		runs[i].sim = sched_sim_new(r->workload, r->policies[i],
					    r->opts, err, errlen);
		if (!runs[i].sim) {
			runs_free(runs, i);
			return -EINVAL;
		}
		rc = sched_sim_finish(runs[i].sim);
		if (rc) {
			snprintf(err, errlen, _("%s: simulation failed: %s"),
				 r->policies[i], strerror(-rc));
			runs_free(runs, i + 1);
			return rc;
		}
		sched_sim_result(runs[i].sim, &runs[i].res);
	}
	*out = runs;
	return 0;
}

/* --- small formatting helpers ---------------------------------------------- */

/* @v with two decimals, or as an integer when it rounds to one. */
static const char *num2(double v, char buf[48])
{
	size_t n;

	snprintf(buf, 48, "%.2f", v);
	n = strlen(buf);
	if (n > 3 && strcmp(buf + n - 3, ".00") == 0)
		buf[n - 3] = '\0';
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	return buf;
}

/* A JSON string by procviz's one rule (viz/core/json.h). */
static void json_string(FILE *out, const char *s)
{
	json_fput_string(out, s);
}

/* --- Gantt rendering shared by text and SVG ---------------------------------- */

/*
 * For each of the ncols columns of @scale ticks over [0, span), the job
 * that ran most of its ticks (-1 idle); ties go to the job that got there
 * first.  @count is scratch of njobs + 1 longs, all zero on entry and on
 * return.  Linear in segments + columns.
 */
void report_gantt_buckets(const struct sched_result *res, long span,
			  long scale, int ncols, long *count, int *out)
{
	int seg = 0, c;

	for (c = 0; c < ncols; c++) {
		long lo = (long)c * scale, hi = lo + scale;
		int best = -1, s;
		long best_n = 0, covered = 0, idle_n;

		if (hi > span)
			hi = span;
		while (seg < res->nsegments && res->gantt[seg].end <= lo)
			seg++;
		for (s = seg; s < res->nsegments && res->gantt[s].start < hi;
		     s++) {
			const struct sched_segment *g = &res->gantt[s];
			long a = g->start > lo ? g->start : lo;
			long b = g->end < hi ? g->end : hi;
			int slot = g->job < 0 ? res->njobs : g->job;

			covered += b - a;
			count[slot] += b - a;
			if (g->job >= 0 && count[slot] > best_n) {
				best_n = count[slot];
				best = g->job;
			}
		}
		/* Idle: explicit idle segments and ticks no segment covers. */
		idle_n = (hi - lo) - covered + count[res->njobs];
		if (idle_n > best_n)
			best = -1;
		for (s = seg; s < res->nsegments && res->gantt[s].start < hi;
		     s++)
			count[res->gantt[s].job < 0 ? res->njobs
						    : res->gantt[s].job] = 0;
		out[c] = best;
	}
}

/* The smallest of 1, 2, 5, 10, 20, 50 ... that is >= @v (so axis labels
 * of a scaled chart are round numbers). */
static long nice_ceil(long v)
{
	long base = 1;

	for (;;) {
		if (v <= base)
			return base;
		if (v <= 2 * base)
			return 2 * base;
		if (v <= 5 * base)
			return 5 * base;
		if (base > LONG_MAX / 100)
			return v;
		base *= 10;
	}
}

long report_sched_gantt_labels(const struct sched_result *res, long span,
			       const char (*labels)[SCHED_LABEL_LEN], int lw,
			       int width, char *buf)
{
	int cw = lw > 1 ? 2 : 1, ncols, c, k, pos = 0;
	long scale, *count;
	int *cols;

	if (width < cw)
		width = cw;
	if (span <= 0) {
		buf[0] = '\0';
		return 1;
	}
	ncols = width / cw;
	scale = nice_ceil((span + ncols - 1) / ncols);
	ncols = (int)((span + scale - 1) / scale);
	count = calloc((size_t)res->njobs + 1, sizeof(long));
	cols = malloc((size_t)ncols * sizeof(int));
	if (!count || !cols) {
		free(count);
		free(cols);
		buf[0] = '\0';
		return scale;
	}
	report_gantt_buckets(res, span, scale, ncols, count, cols);
	for (c = 0; c < ncols; c++) {
		/* Two-cell labels start each run of a job, '-' goes on. */
		pos = c > 0 && cols[c - 1] == cols[c] ? pos + cw : 0;
		for (k = 0; k < cw; k++)
			buf[c * cw + k] = cols[c] < 0 ? '.' :
				sched_label_cell(labels[cols[c]], lw, pos + k,
						 '-');
	}
	buf[ncols * cw] = '\0';
	free(count);
	free(cols);
	return scale;
}

long report_sched_gantt_line(const struct sched_result *res, long span,
			     const char *syms, int width, char *buf)
{
	char (*labels)[SCHED_LABEL_LEN];
	long scale;
	int i;

	labels = calloc((size_t)res->njobs + 1, sizeof(*labels));
	if (!labels) {
		buf[0] = '\0';
		return 1;
	}
	for (i = 0; i < res->njobs; i++)
		labels[i][0] = syms[i];
	scale = report_sched_gantt_labels(res, span,
					  (const char (*)[SCHED_LABEL_LEN])labels,
					  1, width, buf);
	free(labels);
	return scale;
}

/* --- JSON ----------------------------------------------------------------- */

/*
 * The Gantt chart and the job table of a big run are millions of small
 * items (OSTEP's 100,000-job MLFQ run writes about 100 MB), so they go
 * through a buffer with hand-rolled integers instead of stdio's printf,
 * and every job's name is escaped once (by json_string, the one escaper)
 * before the loop.
 */
struct obuf {
	FILE *out;
	size_t n;
	char buf[1 << 16];
};

static void ob_flush(struct obuf *b)
{
	if (b->n)
		fwrite(b->buf, 1, b->n, b->out);
	b->n = 0;
}

static void ob_mem(struct obuf *b, const char *s, size_t len)
{
	if (b->n + len > sizeof(b->buf)) {
		ob_flush(b);
		if (len > sizeof(b->buf)) {
			fwrite(s, 1, len, b->out);
			return;
		}
	}
	memcpy(b->buf + b->n, s, len);
	b->n += len;
}

#define OB_LIT(b, s) ob_mem((b), (s), sizeof(s) - 1)

static void ob_long(struct obuf *b, long v)
{
	char t[24];
	int i = (int)sizeof(t);
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	do {
		t[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		t[--i] = '-';
	ob_mem(b, t + i, sizeof(t) - (size_t)i);
}

static void ob_long_or_null(struct obuf *b, long v)
{
	if (v < 0)
		OB_LIT(b, "null");
	else
		ob_long(b, v);
}

/*
 * Every job's name as a JSON string, one after another in *text, job i
 * at off[i] .. off[i + 1].  0 or -ENOMEM.
 */
static int json_names(const struct sched_workload *w, char **text,
		      size_t **off)
{
	size_t len = 0;
	FILE *m = open_memstream(text, &len);
	int i;

	*off = malloc(((size_t)w->njobs + 1) * sizeof(**off));
	if (!m || !*off) {
		if (m)
			fclose(m);
		free(*text);
		free(*off);
		*text = NULL;
		*off = NULL;
		return -ENOMEM;
	}
	for (i = 0; i < w->njobs; i++) {
		(*off)[i] = (size_t)ftell(m);
		json_string(m, w->jobs[i].name);
	}
	(*off)[i] = (size_t)ftell(m);
	if (fclose(m) != 0) {
		free(*text);
		free(*off);
		*text = NULL;
		*off = NULL;
		return -ENOMEM;
	}
	return 0;
}

static void json_gantt_jobs(struct obuf *b, const struct sched_workload *w,
			    const struct sched_result *res, const char *names,
			    const size_t *off)
{
	int i;

	OB_LIT(b, "\n \"gantt\":[");
	for (i = 0; i < res->nsegments; i++) {
		const struct sched_segment *g = &res->gantt[i];

		if (i)
			OB_LIT(b, ",");
		OB_LIT(b, "{\"start\":");
		ob_long(b, g->start);
		OB_LIT(b, ",\"end\":");
		ob_long(b, g->end);
		OB_LIT(b, ",\"job\":");
		if (g->job < 0 || g->job >= w->njobs)
			OB_LIT(b, "null");
		else
			ob_mem(b, names + off[g->job],
			       off[g->job + 1] - off[g->job]);
		OB_LIT(b, "}");
	}
	OB_LIT(b, "],\n \"jobs\":[");
	for (i = 0; i < res->njobs && i < w->njobs; i++) {
		const struct sched_job_result *j = &res->jobs[i];
		bool done = j->finish >= 0;

		if (i)
			OB_LIT(b, ",\n  ");
		OB_LIT(b, "{\"name\":");
		ob_mem(b, names + off[i], off[i + 1] - off[i]);
		OB_LIT(b, ",\"arrival\":");
		ob_long(b, w->jobs[i].arrival);
		OB_LIT(b, ",\"first_run\":");
		ob_long_or_null(b, j->first_run);
		OB_LIT(b, ",\"finish\":");
		ob_long_or_null(b, j->finish);
		OB_LIT(b, ",\"response\":");
		ob_long_or_null(b, j->first_run >= 0 ? j->response : -1);
		OB_LIT(b, ",\"turnaround\":");
		ob_long_or_null(b, done ? j->turnaround : -1);
		OB_LIT(b, ",\"waiting\":");
		ob_long_or_null(b, done ? j->waiting : -1);
		OB_LIT(b, "}");
	}
	OB_LIT(b, "]");
}

/*
 * "ready": at each instant of the why lines, after its decision, every
 * ready queue (MLFQ: one per level, top first) as job names, head first.
 */
static void json_ready(FILE *out, const struct report_sched *r,
		       const struct run *run)
{
	const struct sched_workload *w = r->workload;
	int *ids = malloc((size_t)w->njobs * sizeof(*ids));
	struct sched_sim *sim;
	char err[256];
	bool first = true;
	int q, k, n;

	sim = ids ? sched_sim_new(w, run->policy, r->opts, err, sizeof(err)) :
		    NULL;
	fputs(",\n \"ready\":[", out);
	while (sim) {
		fputs(first ? "[" : ",\n  [", out);
		for (q = 0; q < sched_sim_nqueues(sim); q++) {
			n = sched_sim_queue(sim, q, ids, w->njobs);
			fputs(q ? ",[" : "[", out);
			for (k = 0; k < n && k < w->njobs; k++) {
				fputs(k ? "," : "", out);
				json_string(out, w->jobs[ids[k]].name);
			}
			fputc(']', out);
		}
		fputc(']', out);
		first = false;
		if (sched_sim_done(sim) || sched_sim_step(sim) != 1)
			break;
	}
	fputc(']', out);
	sched_sim_free(sim);
	free(ids);
}

static void json_run(FILE *out, const struct report_sched *r,
		     const struct run *run)
{
	const struct sched_workload *w = r->workload;
	const struct sched_result *res = &run->res;
	struct sched_policy_param p[SCHED_PARAM_MAX];
	int n = sched_policy_params(run->policy, r->opts, p), i;
	char b[48];

	fputs("{\"policy\":", out);
	json_string(out, run->policy);
	fputs(",\"params\":{", out);
	for (i = 0; i < n; i++) {
		fprintf(out, "%s", i ? "," : "");
		json_string(out, p[i].key);
		fprintf(out, ":%s", p[i].value);
	}
	fputs("},", out);
	{
		struct obuf *ob = malloc(sizeof(*ob));
		char *names = NULL;
		size_t *off = NULL;

		if (!ob || json_names(w, &names, &off)) {
			free(ob);
			fputs("\"error\":\"out of memory\"}", out);
			return;
		}
		ob->out = out;
		ob->n = 0;
		json_gantt_jobs(ob, w, res, names, off);
		ob_flush(ob);
		free(ob);
		free(names);
		free(off);
	}
	fprintf(out, ",\n \"avg\":{\"response\":%s", num2(res->avg_response, b));
	fprintf(out, ",\"turnaround\":%s", num2(res->avg_turnaround, b));
	fprintf(out, ",\"waiting\":%s", num2(res->avg_waiting, b));
	fprintf(out, ",\"norm_turnaround\":%s}",
		num2(res->avg_norm_turnaround, b));
	fprintf(out, ",\n \"context_switches\":%ld", res->context_switches);
	fprintf(out, ",\"cpu_utilization\":%s", num2(res->cpu_utilization, b));
	fprintf(out, ",\"makespan\":%ld", res->makespan);
	if (sched_policy_state_table(run->policy))
		report_procrun_json(out, r, run->policy);
	if (r->explain) {
		struct sched_sim *sim;
		char err[256], why[512];
		bool first = true;

		sim = sched_sim_new(w, run->policy, r->opts, err, sizeof(err));
		fputs(",\n \"why\":[", out);
		while (sim) {
			fputs(first ? "" : ",\n  ", out);
			json_string(out, sched_sim_why(sim, why, sizeof(why)));
			first = false;
			if (sched_sim_done(sim) || sched_sim_step(sim) != 1)
				break;
		}
		fputc(']', out);
		sched_sim_free(sim);
	}
	if (r->explain && r->ready)
		json_ready(out, r, run);
	fputc('}', out);
}

static void write_json(FILE *out, const struct report_sched *r,
		       const struct run *runs)
{
	const struct sched_workload *w = r->workload;
	struct obuf *ob;
	int i, k;

	fputs("{\"procviz\":1,\"workload\":[", out);
	ob = malloc(sizeof(*ob));
	if (!ob)
		return;
	ob->out = out;
	ob->n = 0;
	for (i = 0; i < w->njobs; i++) {
		const struct sched_job *j = &w->jobs[i];

		if (i)
			OB_LIT(ob, ",\n  ");
		else
			OB_LIT(ob, "\n  ");
		ob_flush(ob);	/* the name goes through stdio */
		fputs("{\"name\":", out);
		json_string(out, j->name);
		OB_LIT(ob, ",\"arrival\":");
		ob_long(ob, j->arrival);
		OB_LIT(ob, ",\"bursts\":[");
		for (k = 0; k < j->nbursts; k++) {
			if (k)
				OB_LIT(ob, ",");
			ob_long(ob, j->bursts[k]);
		}
		OB_LIT(ob, "],\"priority\":");
		ob_long(ob, j->priority);
		if (j->tickets != 100) {
			OB_LIT(ob, ",\"tickets\":");
			ob_long(ob, j->tickets);
		}
		if (j->nice != 0) {
			OB_LIT(ob, ",\"nice\":");
			ob_long(ob, j->nice);
		}
		OB_LIT(ob, "}");
	}
	ob_flush(ob);
	free(ob);
	fputs("],\n\"results\":[", out);
	for (i = 0; i < r->npolicies; i++) {
		fputs(i ? ",\n" : "\n", out);
		json_run(out, r, &runs[i]);
	}
	fputs("\n]}\n", out);
}

/* --- CSV -------------------------------------------------------------------- */

static void write_csv(FILE *out, const struct report_sched *r,
		      const struct run *runs)
{
	const struct sched_workload *w = r->workload;
	int i, k;

	fputs("policy,job,arrival,first_run,finish,response,turnaround,"
	      "waiting,cpu,io\n", out);
	for (i = 0; i < r->npolicies; i++) {
		const struct sched_result *res = &runs[i].res;

		for (k = 0; k < res->njobs && k < w->njobs; k++) {
			const struct sched_job_result *j = &res->jobs[k];

			fprintf(out, "%s,%s,%ld,%ld,%ld,%ld,%ld,%ld,%ld,%ld\n",
				runs[i].policy, w->jobs[k].name,
				w->jobs[k].arrival, j->first_run, j->finish,
				j->response, j->turnaround, j->waiting,
				j->cpu_total, j->io_total);
		}
	}
}

/* ------------------------------------------------------------------------ */

int report_sched_write(FILE *out, const struct report_sched *r, char *err,
		       size_t errlen)
{
	struct run *runs;
	struct gantt_labels gl;
	locale_t c_locale;
	int rc;

	if (!r->workload || r->workload->njobs <= 0 || r->npolicies <= 0 ||
	    r->format == REPORT_SCHED_HTML) {
		snprintf(err, errlen, "nothing to report");
		return -EINVAL;
	}
	rc = runs_new(r, &runs, err, errlen);
	if (rc)
		return rc;
	gl.lab = calloc((size_t)r->workload->njobs, sizeof(*gl.lab));
	if (!gl.lab) {
		runs_free(runs, r->npolicies);
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	gl.width = sched_labels(r->workload, gl.lab, &gl.legend);
	switch (r->format) {
	case REPORT_SCHED_TEXT:
		report_sched_write_text(out, r, runs, &gl);
		break;
	case REPORT_SCHED_JSON:
		/* The why lines as written, whatever the locale (but the
		 * web page's, in the reader's language). */
		c_locale = i18n_c_begin(!r->why_translated);
		write_json(out, r, runs);
		i18n_c_end(c_locale);
		break;
	case REPORT_SCHED_CSV:
		write_csv(out, r, runs);
		break;
	case REPORT_SCHED_SVG:
		report_sched_write_svg(out, r, runs, &gl);
		break;
	case REPORT_SCHED_HTML:
		break;
	}
	free(gl.lab);
	runs_free(runs, r->npolicies);
	if (fflush(out) != 0 || ferror(out)) {
		snprintf(err, errlen, _("write error: %s"), strerror(errno));
		return -EIO;
	}
	return 0;
}
