/*
 * viz/core/report_sched.c - headless scheduler reports (text, JSON, CSV, SVG).
 *
 * One simulation per policy runs to the end on the same workload; the
 * writers below only read the results.  Numbers that can be fractional
 * (averages, utilisation) are printed with two decimals, and as plain
 * integers when they are whole (17, not 17.00) in JSON; the text table
 * always shows two decimals so columns line up.
 */
#include "viz/core/report_sched.h"
#include "sched/labels.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

enum {
	TEXT_WIDTH_DEFAULT = 72,
	LEGEND_MAX = 62,	/* jobs named in a legend */
	PARAMS_MAX = 12,
};

/* Every job's Gantt label (sched/labels.h), shared by text and SVG. */
struct gantt_labels {
	char (*lab)[SCHED_LABEL_LEN];	/* owned, one per job */
	int width;			/* cells: 1 or 2 */
	bool legend;			/* some label is not its name */
};

/* --- one run per policy ---------------------------------------------------- */

struct run {
	const char *policy;		/* borrowed from the report */
	struct sched_sim *sim;		/* owned */
	struct sched_result res;	/* borrows from sim */
};

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
		rc = sched_sim_run(runs[i].sim);
		if (rc) {
			snprintf(err, errlen, "%s: simulation failed: %s",
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

static void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

void report_json_string(FILE *out, const char *s)
{
	json_string(out, s);
}

static void xml_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '&': fputs("&amp;", out); break;
		case '"': fputs("&quot;", out); break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\t')
				fputc(*s, out);
		}
	}
}

static bool policy_is(const char *policy, const char *name)
{
	return strcmp(policy, name) == 0;
}

/*
 * The options that matter to @policy, as key and JSON value ("4",
 * "[10,10]", "true", "\"textbook\"").
 */
struct param {
	const char *key;
	char value[256];
};

static void param_list(char *buf, size_t len, const int *v, int n)
{
	size_t used = 0;
	int i;

	used += (size_t)snprintf(buf, len, "[");
	for (i = 0; i < n && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%d",
					 i ? "," : "", v[i]);
	if (used < len)
		snprintf(buf + used, len - used, "]");
}

static int policy_params(const char *policy, const struct sched_opts *o,
			 struct param *p)
{
	int n = 0;

#define PARAM(k, ...) do { \
		p[n].key = (k); \
		snprintf(p[n].value, sizeof(p[n].value), __VA_ARGS__); \
		n++; \
	} while (0)
	if (policy_is(policy, "rr") || policy_is(policy, "prio-rr") ||
	    policy_is(policy, "lottery") || policy_is(policy, "stride"))
		PARAM("quantum", "%d", o->quantum);
	if ((policy_is(policy, "prio") || policy_is(policy, "pprio") ||
	     policy_is(policy, "prio-rr")) && o->prio_high_first)
		PARAM("prio_high_first", "true");
	if (policy_is(policy, "mlfq")) {
		PARAM("levels", "%d", o->mlfq_levels);
		p[n].key = "quanta";
		param_list(p[n].value, sizeof(p[n].value), o->mlfq_quanta,
			   o->mlfq_levels);
		n++;
		{
			int allot[SCHED_MLFQ_MAX], i;

			/* 0 means one quantum of the level (sched_opts). */
			for (i = 0; i < o->mlfq_levels && i < SCHED_MLFQ_MAX;
			     i++)
				allot[i] = o->mlfq_allot[i] > 0
						   ? o->mlfq_allot[i]
						   : o->mlfq_quanta[i];
			p[n].key = "allot";
			param_list(p[n].value, sizeof(p[n].value), allot, i);
			n++;
		}
		PARAM("boost", "%ld", o->mlfq_boost);
		if (o->mlfq_io_stay)
			PARAM("io_stay", "true");
		if (o->mlfq_io_front)
			PARAM("io_front", "true");
		if (o->mlfq_stallings)
			PARAM("stallings", "true");
	}
	if (policy_is(policy, "lottery")) {
		if (o->draws && o->ndraws > 0) {
			size_t used = 0;
			int i;

			p[n].key = "draws";
			used += (size_t)snprintf(p[n].value, sizeof(p[n].value),
						 "[");
			for (i = 0; i < o->ndraws &&
				    used + 24 < sizeof(p[n].value); i++)
				used += (size_t)snprintf(p[n].value + used,
							 sizeof(p[n].value) - used,
							 "%s%ld", i ? "," : "",
							 o->draws[i]);
			if (i < o->ndraws) {
				/* Too many to show: give the count only. */
				snprintf(p[n].value, sizeof(p[n].value), "%d",
					 o->ndraws);
				p[n].key = "ndraws";
			} else {
				snprintf(p[n].value + used,
					 sizeof(p[n].value) - used, "]");
			}
			n++;
		} else {
			PARAM("seed", "%lu", o->seed);
		}
	}
	if (policy_is(policy, "stride"))
		PARAM("stride_big", "%ld", o->stride_big);
	if (o->convention == SCHED_CONV_TEXTBOOK)
		PARAM("convention", "\"textbook\"");
	if (o->switch_cost > 0)
		PARAM("switch_cost", "%d", o->switch_cost);
#undef PARAM
	return n;
}

/* --- Gantt rendering shared by text and SVG ---------------------------------- */

/*
 * For each of the ncols columns of @scale ticks over [0, span), the job
 * that ran most of its ticks (-1 idle); ties go to the job that got there
 * first.  @count is scratch of njobs + 1 longs, all zero on entry and on
 * return.  Linear in segments + columns.
 */
static void gantt_buckets(const struct sched_result *res, long span,
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
	gantt_buckets(res, span, scale, ncols, count, cols);
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

/* --- text -------------------------------------------------------------- */

static int digits(long v)
{
	int n = 1;

	if (v < 0)
		return digits(-v) + 1;
	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

/*
 * The tick axis under a chart drawn at column @indent + 1 onward, @cw
 * characters per column of @scale ticks: the label of boundary b starts
 * under the character of its column.
 */
static void text_axis(FILE *out, int indent, int ncols, int cw, long scale,
		      long span)
{
	int step = (digits(span) + 1 <= 5 ? 5 : 10) * cw;
	int len = indent + 1 + ncols + digits(span) + 2;
	char *line = malloc((size_t)len + 1);
	int last_end = -1, last_start = -1, b, i;
	char lab[32];

	if (!line)
		return;
	memset(line, ' ', (size_t)len);
	for (b = 0; b <= ncols; b += step) {
		int col = indent + 1 + b;
		int n = snprintf(lab, sizeof(lab), "%ld", (long)(b / cw) * scale);

		if (b == ncols || col <= last_end)
			continue;
		memcpy(line + col, lab, (size_t)n);
		last_start = col;
		last_end = col + n;
	}
	/* The end of the chart is always labelled, with the true span. */
	{
		int col = indent + 1 + ncols;
		int n = snprintf(lab, sizeof(lab), "%ld", span);

		if (col <= last_end && last_start >= 0)
			memset(line + last_start, ' ',
			       (size_t)(last_end - last_start));
		memcpy(line + col, lab, (size_t)n);
		last_end = col + n;
	}
	for (i = last_end; i > 0 && line[i - 1] == ' '; i--)
		;
	line[i] = '\0';
	fprintf(out, "%s\n", line);
	free(line);
}

static void text_params(FILE *out, const char *policy,
			const struct sched_opts *o)
{
	struct param p[PARAMS_MAX];
	int n = policy_params(policy, o, p), i;

	if (n == 0)
		return;
	fputs(" | ", out);
	for (i = 0; i < n; i++) {
		const char *v = p[i].value, *k;

		fputs(i ? ", " : "", out);
		for (k = p[i].key; *k; k++)
			fputc(*k == '_' ? ' ' : *k, out);
		if (strcmp(v, "true") == 0)
			continue;
		fputc(' ', out);
		for (; *v; v++)
			if (*v != '[' && *v != ']' && *v != '"')
				fputc(*v, out);
	}
}

static void text_explain(FILE *out, const struct report_sched *r,
			 const char *policy)
{
	struct sched_sim *sim;
	char err[256], why[512];

	sim = sched_sim_new(r->workload, policy, r->opts, err, sizeof(err));
	if (!sim)
		return;
	fputs("\n  why:\n", out);
	for (;;) {
		fprintf(out, "    %s\n", sched_sim_why(sim, why, sizeof(why)));
		if (sched_sim_done(sim) || sched_sim_step(sim) != 1)
			break;
	}
	sched_sim_free(sim);
}

static void text_run(FILE *out, const struct report_sched *r,
		     const struct run *run, const struct gantt_labels *gl)
{
	const struct sched_workload *w = r->workload;
	const struct sched_result *res = &run->res;
	const char *desc = sched_policy_describe(run->policy);
	int width = r->width > 0 ? r->width : TEXT_WIDTH_DEFAULT;
	long span = res->makespan;
	int namew = 3, i, k;
	char *bar, b1[48], b2[48], b3[48];
	long scale;
	bool idle = false;

	for (i = 0; i < res->nsegments; i++)
		idle |= res->gantt[i].job < 0;
	fprintf(out, "%s", desc ? desc : run->policy);
	text_params(out, run->policy, r->opts);
	fputc('\n', out);

	bar = malloc((size_t)width + 1);
	if (!bar)
		return;
	scale = report_sched_gantt_labels(res, span,
		(const char (*)[SCHED_LABEL_LEN])gl->lab, gl->width, width,
		bar);
	fprintf(out, "  |%s|\n", bar);
	text_axis(out, 2, (int)strlen(bar), gl->width > 1 ? 2 : 1, scale,
		  span);
	free(bar);

	fputs("  ", out);
	if (gl->legend) {
		for (i = 0; i < w->njobs && i < LEGEND_MAX; i++)
			if (strcmp(w->jobs[i].name, gl->lab[i]) != 0)
				fprintf(out, "%s=%s ", gl->lab[i],
					w->jobs[i].name);
		if (w->njobs > LEGEND_MAX)
			fprintf(out, "(and %d more) ", w->njobs - LEGEND_MAX);
	}
	if (idle)
		fputs(".=idle ", out);
	if (gl->width > 1)
		fputs("(a run of a job: its label, then -) ", out);
	if (scale > 1)
		fprintf(out,
			"(%s = %ld ticks, showing the job that ran most of them)",
			gl->width > 1 ? "2 chars" : "1 char", scale);
	else
		fprintf(out, "(%s = 1 tick)",
			gl->width > 1 ? "2 chars" : "1 char");
	fputs("\n\n", out);

	for (i = 0; i < w->njobs; i++) {
		int n = (int)strlen(w->jobs[i].name);

		if (n > namew)
			namew = n;
	}
	fprintf(out, "  %-*s  %7s  %9s  %7s  %8s  %10s  %8s\n", namew, "job",
		"arrival", "first run", "finish", "response", "turnaround",
		"waiting");
	for (i = 0; i < w->njobs && i < res->njobs; i++) {
		const struct sched_job_result *j = &res->jobs[i];

		fprintf(out, "  %-*s  %7ld  %9ld  %7ld  %8ld  %10ld  %8ld\n",
			namew, w->jobs[i].name, w->jobs[i].arrival,
			j->first_run, j->finish, j->response, j->turnaround,
			j->waiting);
	}
	k = namew + 2 + 7 + 2 + 9 + 2 + 7 + 2;
	snprintf(b1, sizeof(b1), "%.2f", res->avg_response);
	snprintf(b2, sizeof(b2), "%.2f", res->avg_turnaround);
	snprintf(b3, sizeof(b3), "%.2f", res->avg_waiting);
	fprintf(out, "  %-*s%8s  %10s  %8s\n", k, "average", b1, b2, b3);
	fprintf(out,
		"  context switches %ld, CPU utilisation %.2f%%, makespan %ld, "
		"mean normalised turnaround %.2f\n",
		res->context_switches, res->cpu_utilization * 100.0,
		res->makespan, res->avg_norm_turnaround);
	if (r->explain)
		text_explain(out, r, run->policy);
}

static void write_text(FILE *out, const struct report_sched *r,
		       const struct run *runs, const struct gantt_labels *gl)
{
	int i;

	fprintf(out, "procviz sched: %s (%d job%s)\n",
		r->title ? r->title : "workload", r->workload->njobs,
		r->workload->njobs == 1 ? "" : "s");
	for (i = 0; i < r->npolicies; i++) {
		fputc('\n', out);
		text_run(out, r, &runs[i], gl);
	}
}

/* --- JSON ----------------------------------------------------------------- */

static void json_long_or_null(FILE *out, long v)
{
	if (v < 0)
		fputs("null", out);
	else
		fprintf(out, "%ld", v);
}

static void json_run(FILE *out, const struct report_sched *r,
		     const struct run *run)
{
	const struct sched_workload *w = r->workload;
	const struct sched_result *res = &run->res;
	struct param p[PARAMS_MAX];
	int n = policy_params(run->policy, r->opts, p), i;
	char b[48];

	fputs("{\"policy\":", out);
	json_string(out, run->policy);
	fputs(",\"params\":{", out);
	for (i = 0; i < n; i++) {
		fprintf(out, "%s", i ? "," : "");
		json_string(out, p[i].key);
		fprintf(out, ":%s", p[i].value);
	}
	fputs("},\n \"gantt\":[", out);
	for (i = 0; i < res->nsegments; i++) {
		const struct sched_segment *g = &res->gantt[i];

		fprintf(out, "%s{\"start\":%ld,\"end\":%ld,\"job\":",
			i ? "," : "", g->start, g->end);
		if (g->job < 0 || g->job >= w->njobs)
			fputs("null", out);
		else
			json_string(out, w->jobs[g->job].name);
		fputc('}', out);
	}
	fputs("],\n \"jobs\":[", out);
	for (i = 0; i < res->njobs && i < w->njobs; i++) {
		const struct sched_job_result *j = &res->jobs[i];
		bool done = j->finish >= 0;

		fprintf(out, "%s{\"name\":", i ? ",\n  " : "");
		json_string(out, w->jobs[i].name);
		fprintf(out, ",\"arrival\":%ld,\"first_run\":", w->jobs[i].arrival);
		json_long_or_null(out, j->first_run);
		fputs(",\"finish\":", out);
		json_long_or_null(out, j->finish);
		fputs(",\"response\":", out);
		json_long_or_null(out, j->first_run >= 0 ? j->response : -1);
		fputs(",\"turnaround\":", out);
		json_long_or_null(out, done ? j->turnaround : -1);
		fputs(",\"waiting\":", out);
		json_long_or_null(out, done ? j->waiting : -1);
		fputc('}', out);
	}
	fprintf(out, "],\n \"avg\":{\"response\":%s", num2(res->avg_response, b));
	fprintf(out, ",\"turnaround\":%s", num2(res->avg_turnaround, b));
	fprintf(out, ",\"waiting\":%s", num2(res->avg_waiting, b));
	fprintf(out, ",\"norm_turnaround\":%s}",
		num2(res->avg_norm_turnaround, b));
	fprintf(out, ",\n \"context_switches\":%ld", res->context_switches);
	fprintf(out, ",\"cpu_utilization\":%s", num2(res->cpu_utilization, b));
	fprintf(out, ",\"makespan\":%ld", res->makespan);
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
	fputc('}', out);
}

static void write_json(FILE *out, const struct report_sched *r,
		       const struct run *runs)
{
	const struct sched_workload *w = r->workload;
	int i, k;

	fputs("{\"procviz\":1,\"workload\":[", out);
	for (i = 0; i < w->njobs; i++) {
		const struct sched_job *j = &w->jobs[i];

		fprintf(out, "%s{\"name\":", i ? ",\n  " : "\n  ");
		json_string(out, j->name);
		fprintf(out, ",\"arrival\":%ld,\"bursts\":[", j->arrival);
		for (k = 0; k < j->nbursts; k++)
			fprintf(out, "%s%ld", k ? "," : "", j->bursts[k]);
		fprintf(out, "],\"priority\":%ld", j->priority);
		if (j->tickets != 100)
			fprintf(out, ",\"tickets\":%ld", j->tickets);
		if (j->nice != 0)
			fprintf(out, ",\"nice\":%d", j->nice);
		fputc('}', out);
	}
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

/* --- SVG ---------------------------------------------------------------- */

/* Okabe-Ito colours (safe for colour-blind viewers) and lighter tints. */
static const struct {
	const char *fill, *ink;
} palette[] = {
	{ "#E69F00", "#000000" }, { "#56B4E9", "#000000" },
	{ "#009E73", "#ffffff" }, { "#F0E442", "#000000" },
	{ "#0072B2", "#ffffff" }, { "#D55E00", "#ffffff" },
	{ "#CC79A7", "#000000" }, { "#999999", "#000000" },
	{ "#F5CF80", "#000000" }, { "#AAD9F4", "#000000" },
	{ "#80CEB9", "#000000" }, { "#E5AE8A", "#000000" },
};

enum {
	SVG_W = 960,
	SVG_LEFT = 110,
	SVG_RIGHT = 30,
	SVG_TOP = 48,
	SVG_LANE_H = 30,
	SVG_LANE_GAP = 14,
	SVG_FONT_PX = 13,
	SVG_LEGEND_MAX = 32,	/* four rows of eight */
};

static long nice_step(long span, int max_ticks)
{
	static const long mult[] = { 1, 2, 5 };
	long base = 1;

	for (;;) {
		size_t i;

		for (i = 0; i < 3; i++)
			if (span / (base * mult[i]) <= max_ticks)
				return base * mult[i];
		if (base > 1000000000L)
			return span > 0 ? span : 1;
		base *= 10;
	}
}

static void svg_rect(FILE *out, double x0, double x1, int y, int job,
		     const struct sched_workload *w,
		     const struct gantt_labels *gl, long t0, long t1)
{
	size_t pi = (size_t)job % (sizeof(palette) / sizeof(palette[0]));
	const char *name = w->jobs[job].name;
	double width = x1 - x0;

	/* The name where it fits, else the job's label (see the legend). */
	if (width < 8.0 * (double)strlen(name) + 4.0)
		name = gl->lab[job];

	/* A white edge separates neighbours, unless it would hide the fill. */
	fprintf(out,
		"<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" "
		"fill=\"%s\"%s><title>",
		x0, y, width, SVG_LANE_H, palette[pi].fill,
		width >= 4.0 ? " stroke=\"#ffffff\" stroke-width=\"1\"" : "");
	xml_text(out, w->jobs[job].name);
	fprintf(out, " %ld-%ld</title></rect>\n", t0, t1);
	if (width >= 8.0 * (double)strlen(name) + 4.0) {
		fprintf(out,
			"<text x=\"%.2f\" y=\"%d\" text-anchor=\"middle\" "
			"fill=\"%s\">",
			x0 + width / 2, y + SVG_LANE_H / 2 + SVG_FONT_PX / 2 - 1,
			palette[pi].ink);
		xml_text(out, name);
		fputs("</text>\n", out);
	}
}

static void svg_lane(FILE *out, const struct report_sched *r,
		     const struct run *run, const struct gantt_labels *gl,
		     int y, long span, double pxt)
{
	const struct sched_result *res = &run->res;
	int plot_w = SVG_W - SVG_LEFT - SVG_RIGHT, i;

	fprintf(out,
		"<text x=\"%d\" y=\"%d\" text-anchor=\"end\" "
		"font-weight=\"bold\">",
		SVG_LEFT - 10, y + SVG_LANE_H / 2 + SVG_FONT_PX / 2 - 1);
	xml_text(out, run->policy);
	{
		/* The quantum is part of the name on slides: "rr q=4". */
		struct param p[PARAMS_MAX];
		int n = policy_params(run->policy, r->opts, p);

		for (i = 0; i < n; i++)
			if (strcmp(p[i].key, "quantum") == 0)
				fprintf(out, " q=%s", p[i].value);
	}
	fputs("</text>\n", out);
	fprintf(out,
		"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
		"fill=\"#f4f4f4\"/>\n",
		SVG_LEFT, y, plot_w, SVG_LANE_H);
	if (span <= plot_w) {
		/* Exact: one rectangle per segment. */
		for (i = 0; i < res->nsegments; i++) {
			const struct sched_segment *g = &res->gantt[i];

			if (g->job < 0 || g->job >= r->workload->njobs)
				continue;
			svg_rect(out, SVG_LEFT + g->start * pxt,
				 SVG_LEFT + g->end * pxt, y, g->job,
				 r->workload, gl, g->start, g->end);
		}
		return;
	}
	/* Long runs: one column per pixel, the job that ran most of it. */
	{
		long scale = (span + plot_w - 1) / plot_w;
		int ncols = (int)((span + scale - 1) / scale), c = 0;
		long *count = calloc((size_t)res->njobs + 1, sizeof(long));
		int *cols = malloc((size_t)ncols * sizeof(int));

		if (!count || !cols) {
			free(count);
			free(cols);
			return;
		}
		gantt_buckets(res, span, scale, ncols, count, cols);
		while (c < ncols) {
			int e = c;

			while (e < ncols && cols[e] == cols[c])
				e++;
			if (cols[c] >= 0) {
				long t1 = (long)e * scale;

				if (t1 > span)
					t1 = span;
				svg_rect(out, SVG_LEFT + c * scale * pxt,
					 SVG_LEFT + t1 * pxt, y, cols[c],
					 r->workload, gl, (long)c * scale, t1);
			}
			c = e;
		}
		free(count);
		free(cols);
	}
}

static void write_svg(FILE *out, const struct report_sched *r,
		      const struct run *runs, const struct gantt_labels *gl)
{
	const struct sched_workload *w = r->workload;
	int plot_w = SVG_W - SVG_LEFT - SVG_RIGHT;
	int lanes_h = r->npolicies * (SVG_LANE_H + SVG_LANE_GAP);
	int axis_y = SVG_TOP + lanes_h;
	int legend_y = axis_y + 44, legend_rows, per_row, nlegend, h, i;
	long span = 1, step, t;
	double pxt;

	for (i = 0; i < r->npolicies; i++)
		if (runs[i].res.makespan > span)
			span = runs[i].res.makespan;
	pxt = (double)plot_w / (double)span;
	nlegend = w->njobs < SVG_LEGEND_MAX ? w->njobs : SVG_LEGEND_MAX;
	per_row = 8;
	legend_rows = (nlegend + per_row - 1) / per_row;
	h = legend_y + legend_rows * 22 + 16;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
	fprintf(out,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		"height=\"%d\" viewBox=\"0 0 %d %d\" "
		"font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" "
		"font-size=\"%d\">\n",
		SVG_W, h, SVG_W, h, SVG_FONT_PX);
	fputs("<title>procviz sched: ", out);
	xml_text(out, r->title ? r->title : "workload");
	fputs("</title>\n", out);
	fprintf(out, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n",
		SVG_W, h);
	fprintf(out, "<text x=\"%d\" y=\"28\" font-size=\"18\" "
		"font-weight=\"bold\">", SVG_LEFT);
	xml_text(out, r->title ? r->title : "workload");
	fprintf(out, " (%d job%s)</text>\n", w->njobs,
		w->njobs == 1 ? "" : "s");

	/* Grid and tick axis. */
	step = nice_step(span, 20);
	fprintf(out, "<g stroke=\"#dddddd\" stroke-width=\"1\">\n");
	for (t = 0; t <= span; t += step)
		fprintf(out,
			"<line x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\"/>\n",
			SVG_LEFT + t * pxt, SVG_TOP - 4, SVG_LEFT + t * pxt,
			axis_y);
	fputs("</g>\n", out);

	for (i = 0; i < r->npolicies; i++)
		svg_lane(out, r, &runs[i], gl,
			 SVG_TOP + i * (SVG_LANE_H + SVG_LANE_GAP), span, pxt);

	fprintf(out,
		"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		"stroke=\"#333333\" stroke-width=\"1\"/>\n",
		SVG_LEFT, axis_y, SVG_LEFT + plot_w, axis_y);
	for (t = 0; t <= span; t += step) {
		double x = SVG_LEFT + t * pxt;

		fprintf(out,
			"<line x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\" "
			"stroke=\"#333333\"/>\n",
			x, axis_y, x, axis_y + 5);
		fprintf(out,
			"<text x=\"%.2f\" y=\"%d\" text-anchor=\"middle\">%ld"
			"</text>\n",
			x, axis_y + 19, t);
	}
	fprintf(out,
		"<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#555555\">"
		"tick</text>\n",
		SVG_LEFT - 10, axis_y + 19);

	/* Legend: colour, label and name: colour is never the only cue. */
	for (i = 0; i < nlegend; i++) {
		size_t pi = (size_t)i % (sizeof(palette) / sizeof(palette[0]));
		int x = SVG_LEFT + (i % per_row) * (plot_w / per_row);
		int y = legend_y + (i / per_row) * 22;

		fprintf(out,
			"<rect class=\"legend\" x=\"%d\" y=\"%d\" width=\"18\" "
			"height=\"16\" fill=\"%s\"/>\n",
			x, y - 12, palette[pi].fill);
		fprintf(out, "<text class=\"label\" x=\"%d\" y=\"%d\" "
			"text-anchor=\"middle\" font-size=\"11\" fill=\"%s\">",
			x + 9, y, palette[pi].ink);
		xml_text(out, gl->lab[i]);
		fputs("</text>\n", out);
		fprintf(out, "<text x=\"%d\" y=\"%d\">", x + 24, y);
		xml_text(out, w->jobs[i].name);
		fputs("</text>\n", out);
	}
	if (w->njobs > nlegend)
		fprintf(out,
			"<text x=\"%d\" y=\"%d\" fill=\"#555555\">and %d more"
			"</text>\n",
			SVG_LEFT, legend_y + legend_rows * 22, w->njobs - nlegend);
	fputs("</svg>\n", out);
}

/* ------------------------------------------------------------------------ */

int report_sched_write(FILE *out, const struct report_sched *r, char *err,
		       size_t errlen)
{
	struct run *runs;
	struct gantt_labels gl;
	int rc;

	if (!r->workload || r->workload->njobs <= 0 || r->npolicies <= 0) {
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
		write_text(out, r, runs, &gl);
		break;
	case REPORT_SCHED_JSON:
		write_json(out, r, runs);
		break;
	case REPORT_SCHED_CSV:
		write_csv(out, r, runs);
		break;
	case REPORT_SCHED_SVG:
		write_svg(out, r, runs, &gl);
		break;
	}
	free(gl.lab);
	runs_free(runs, r->npolicies);
	if (fflush(out) != 0 || ferror(out)) {
		snprintf(err, errlen, "write error: %s", strerror(errno));
		return -EIO;
	}
	return 0;
}
