/*
 * viz/core/report_sched_svg.c - the SVG report: a Gantt chart for slides,
 * one lane per policy, job names in the bars, a legend and a tick axis.
 */
#include "viz/core/report_sched.h"
#include "common/i18n.h"
#include "viz/core/report_sched_priv.h"
#include "viz/core/palette.h"
#include "viz/core/svg_util.h"

#include <stdlib.h>
#include <string.h>

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

static void svg_rect(FILE *out, double x0, double x1, int y, int job,
		     const struct sched_workload *w,
		     const struct gantt_labels *gl, long t0, long t1)
{
	const struct palette_colour *c = palette_job(job);
	const char *name = w->jobs[job].name;
	double width = x1 - x0;

	/* The name where it fits, else the job's label (see the legend). */
	if (width < 8.0 * (double)strlen(name) + 4.0)
		name = gl->lab[job];

	/* A white edge separates neighbours, unless it would hide the fill. */
	fprintf(out,
		"<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" "
		"fill=\"%s\"%s><title>",
		x0, y, width, SVG_LANE_H, c->rgb,
		width >= 4.0 ? " stroke=\"#ffffff\" stroke-width=\"1\"" : "");
	svg_text(out, w->jobs[job].name);
	fprintf(out, " %ld-%ld</title></rect>\n", t0, t1);
	if (width >= 8.0 * (double)strlen(name) + 4.0) {
		fprintf(out,
			"<text x=\"%.2f\" y=\"%d\" text-anchor=\"middle\" "
			"fill=\"%s\">",
			x0 + width / 2, y + SVG_LANE_H / 2 + SVG_FONT_PX / 2 - 1,
			c->ink_rgb);
		svg_text(out, name);
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
	svg_text(out, run->policy);
	{
		/* The quantum is part of the name on slides: "rr q=4". */
		struct sched_policy_param p[SCHED_PARAM_MAX];
		int n = sched_policy_params(run->policy, r->opts, p);

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
		report_gantt_buckets(res, span, scale, ncols, count, cols);
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

/* Legend: colour, label and name: colour is never the only cue. */
static void svg_legend(FILE *out, const struct sched_workload *w,
		       const struct gantt_labels *gl, int legend_y,
		       int nlegend, int per_row, int plot_w)
{
	int legend_rows = (nlegend + per_row - 1) / per_row, i;

	for (i = 0; i < nlegend; i++) {
		const struct palette_colour *c = palette_job(i);
		int x = SVG_LEFT + (i % per_row) * (plot_w / per_row);
		int y = legend_y + (i / per_row) * 22;

		fprintf(out,
			"<rect class=\"legend\" x=\"%d\" y=\"%d\" width=\"18\" "
			"height=\"16\" fill=\"%s\"/>\n",
			x, y - 12, c->rgb);
		fprintf(out, "<text class=\"label\" x=\"%d\" y=\"%d\" "
			"text-anchor=\"middle\" font-size=\"11\" fill=\"%s\">",
			x + 9, y, c->ink_rgb);
		svg_text(out, gl->lab[i]);
		fputs("</text>\n", out);
		fprintf(out, "<text x=\"%d\" y=\"%d\">", x + 24, y);
		svg_text(out, w->jobs[i].name);
		fputs("</text>\n", out);
	}
	if (w->njobs > nlegend)
		fprintf(out,
			"<text x=\"%d\" y=\"%d\" fill=\"#555555\">and %d more"
			"</text>\n",
			SVG_LEFT, legend_y + legend_rows * 22, w->njobs - nlegend);
}

void report_sched_write_svg(FILE *out, const struct report_sched *r,
			    const struct run *runs,
			    const struct gantt_labels *gl)
{
	const struct sched_workload *w = r->workload;
	int plot_w = SVG_W - SVG_LEFT - SVG_RIGHT;
	int lanes_h = r->npolicies * (SVG_LANE_H + SVG_LANE_GAP);
	int axis_y = SVG_TOP + lanes_h;
	int legend_y = axis_y + 44, legend_rows, per_row, nlegend, h, i;
	long span = 1, step, t;
	double pxt;
	const char *title = r->title ? r->title : _("workload");
	char head[600];

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
	svg_text(out, title);
	fputs("</title>\n", out);
	fprintf(out, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n",
		SVG_W, h);
	fprintf(out, "<text x=\"%d\" y=\"28\" font-size=\"18\" "
		"font-weight=\"bold\">", SVG_LEFT);
	if (w->njobs == 1)
		snprintf(head, sizeof(head), _("%s (1 job)"), title);
	else
		snprintf(head, sizeof(head), _("%s (%d jobs)"), title,
			 w->njobs);
	svg_text(out, head);
	fputs("</text>\n", out);

	/* Grid and tick axis. */
	step = (long)svg_tick_step(span, 20);
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

	svg_legend(out, w, gl, legend_y, nlegend, per_row, plot_w);
	fputs("</svg>\n", out);
}

