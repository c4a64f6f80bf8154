/*
 * viz/core/report_sched_text.c - the scheduler report as text: per policy
 * its Gantt chart with a tick axis, the job table, the averages and, with
 * --explain, the why line of every instant.
 *
 * In the class's language (common/i18n.h): the words are translated and
 * the table is padded by display columns (a Chinese character takes two),
 * so that it lines up in either language.  Numbers, job names and the
 * policies' parameter names stay as they are; in English the report is
 * byte for byte what it always was.
 */
#include "viz/core/report_sched_priv.h"
#include "common/i18n.h"
#include "viz/core/report_procrun.h"
#include "viz/core/textcol.h"

#include <stdlib.h>
#include <string.h>

enum {
	TEXT_WIDTH_DEFAULT = 72,
	LEGEND_MAX = 62,	/* jobs named in a legend */
};

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
	struct sched_policy_param p[SCHED_PARAM_MAX];
	int n = sched_policy_params(policy, o, p), i;

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
	fprintf(out, "\n  %s\n", _("why:"));
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
	/* TRANSLATORS: the job table's headings (columns are padded to
	 * their width). */
	const char *head[7] = {
		_("job"), _("arrival"), _("first run"), _("finish"),
		_("response"), _("turnaround"), _("waiting"),
	};
	static const int cw_min[7] = { 3, 7, 9, 7, 8, 10, 8 };
	int cw[7] = { 0 };
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
			fprintf(out, _("(and %d more) "),
				w->njobs - LEGEND_MAX);
	}
	if (idle)
		fputs(_(".=idle "), out);
	if (gl->width > 1)
		fputs(_("(a run of a job: its label, then -) "), out);
	if (scale > 1 && gl->width > 1)
		fprintf(out, _("(2 chars = %ld ticks, showing the job that ran "
			       "most of them)"), scale);
	else if (scale > 1)
		fprintf(out, _("(1 char = %ld ticks, showing the job that ran "
			       "most of them)"), scale);
	else
		fputs(gl->width > 1 ? _("(2 chars = 1 tick)") :
		      _("(1 char = 1 tick)"), out);
	fputs("\n\n", out);

	for (i = -1; i < w->njobs; i++) {
		int n = textcol_width(i < 0 ? head[0] : w->jobs[i].name);

		if (n > namew)
			namew = n;
	}
	/* Each column as wide as its heading, at least its English one. */
	for (i = 1; i < 7; i++) {
		cw[i] = textcol_width(head[i]);
		cw[i] = cw[i] < cw_min[i] ? cw_min[i] : cw[i];
	}
	fputs("  ", out);
	textcol_pad(out, head[0], namew, true);
	for (i = 1; i < 7; i++) {
		fputs("  ", out);
		textcol_pad(out, head[i], cw[i], false);
	}
	fputc('\n', out);
	for (i = 0; i < w->njobs && i < res->njobs; i++) {
		const struct sched_job_result *j = &res->jobs[i];

		fputs("  ", out);
		textcol_pad(out, w->jobs[i].name, namew, true);
		fprintf(out, "  %*ld  %*ld  %*ld  %*ld  %*ld  %*ld\n",
			cw[1], w->jobs[i].arrival, cw[2], j->first_run,
			cw[3], j->finish, cw[4], j->response,
			cw[5], j->turnaround, cw[6], j->waiting);
	}
	k = namew + 2 + cw[1] + 2 + cw[2] + 2 + cw[3] + 2;
	snprintf(b1, sizeof(b1), "%.2f", res->avg_response);
	snprintf(b2, sizeof(b2), "%.2f", res->avg_turnaround);
	snprintf(b3, sizeof(b3), "%.2f", res->avg_waiting);
	fputs("  ", out);
	textcol_pad(out, _("average"), k, true);
	fprintf(out, "%*s  %*s  %*s\n", cw[4], b1, cw[5], b2, cw[6], b3);
	fprintf(out, _("  context switches %ld, CPU utilisation %.2f%%, "
		       "makespan %ld, mean normalised turnaround %.2f\n"),
		res->context_switches, res->cpu_utilization * 100.0,
		res->makespan, res->avg_norm_turnaround);
	if (sched_policy_state_table(run->policy))
		report_procrun_text(out, r, run->policy);
	if (r->explain)
		text_explain(out, r, run->policy);
}

void report_sched_write_text(FILE *out, const struct report_sched *r,
			     const struct run *runs,
			     const struct gantt_labels *gl)
{
	int i;

	const char *title = r->title ? r->title : _("workload");

	if (r->workload->njobs == 1)
		fprintf(out, _("procviz sched: %s (1 job)\n"), title);
	else
		fprintf(out, _("procviz sched: %s (%d jobs)\n"), title,
			r->workload->njobs);
	for (i = 0; i < r->npolicies; i++) {
		fputc('\n', out);
		text_run(out, r, &runs[i], gl);
	}
}
