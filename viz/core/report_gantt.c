/*
 * viz/core/report_gantt.c - the one-character-per-column Gantt chart of
 * the scheduler reports (report_sched.h, report_gantt.h): a display
 * symbol per job, and each column's job when a column spans many ticks.
 */
#include "viz/core/report_gantt.h"
#include "viz/core/report_sched.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

bool report_sched_symbols(const struct sched_workload *w, char *syms)
{
	static const char pool[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	bool seen[256] = { false };
	bool own = true;
	int i;

	for (i = 0; i < w->njobs && own; i++) {
		unsigned char c = (unsigned char)w->jobs[i].name[0];

		if (w->jobs[i].name[1] != '\0' || c == '.' || seen[c])
			own = false;
		seen[c] = true;
	}
	for (i = 0; i < w->njobs; i++)
		syms[i] = own ? w->jobs[i].name[0]
			      : (i < (int)sizeof(pool) - 1 ? pool[i] : '*');
	return own;
}

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

long report_sched_gantt_line(const struct sched_result *res, long span,
			     const char *syms, int width, char *buf)
{
	long scale, *count;
	int ncols, c, *cols;

	if (width < 1)
		width = 1;
	if (span <= 0) {
		buf[0] = '\0';
		return 1;
	}
	scale = nice_ceil((span + width - 1) / width);
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
	for (c = 0; c < ncols; c++)
		buf[c] = cols[c] < 0 ? '.' : syms[cols[c]];
	buf[ncols] = '\0';
	free(count);
	free(cols);
	return scale;
}

