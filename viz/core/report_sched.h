/*
 * viz/core/report_sched.h - headless reports of scheduler simulations:
 * text (Gantt chart + metrics table + optional "why" lines), JSON
 * (procviz.1 "SCHEDULER OPTIONS", --format json), CSV and SVG.
 *
 * A report runs one simulation per policy on the same workload and writes
 * to a FILE*; it never touches a terminal (no curses) and never exits.
 */
#ifndef PROCVIZ_VIZ_REPORT_SCHED_H
#define PROCVIZ_VIZ_REPORT_SCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "sched/labels.h"
#include "sched/sched.h"

enum report_sched_format {
	REPORT_SCHED_TEXT,
	REPORT_SCHED_JSON,
	REPORT_SCHED_CSV,
	REPORT_SCHED_SVG,
	REPORT_SCHED_HTML,	/* written by report_html_sched() */
};

/*
 * "text", "json", "csv", "svg", "html" -> the format; false if unknown.
 * Inline so that parsing a request (viz/cmd/schedreq.c, also linked alone
 * into the fuzz harnesses) does not pull in the report writers.
 */
static inline bool report_sched_parse_format(const char *s,
					     enum report_sched_format *out)
{
	static const char *const names[] = {
		"text", "json", "csv", "svg", "html",
	};
	static const enum report_sched_format fmts[] = {
		REPORT_SCHED_TEXT, REPORT_SCHED_JSON, REPORT_SCHED_CSV,
		REPORT_SCHED_SVG, REPORT_SCHED_HTML,
	};
	size_t i;

	for (i = 0; s && i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(s, names[i]) == 0) {
			*out = fmts[i];
			return true;
		}
	}
	return false;
}

/* What to report; every pointer is borrowed for the call. */
struct report_sched {
	const struct sched_workload *workload;
	const char *title;		/* workload name shown in text/svg */
	const char *const *policies;	/* policy names, in report order */
	int npolicies;
	const struct sched_opts *opts;
	enum report_sched_format format;
	bool explain;			/* text: per-tick "why" lines */
	/* json: with explain, "ready": each instant's ready queues (the
	 * web page, viz/core/report_html.h) */
	bool ready;
	/* json: the why lines in the reader's language (the web page); a
	 * JSON file never depends on the locale */
	bool why_translated;
	int width;			/* text: most chart columns; 0 = 72 */
};

/*
 * Simulate every policy and write the report to @out (not
 * REPORT_SCHED_HTML: that is report_html_sched's).  Returns 0, or
 * -EINVAL with a message in err[errlen] when a simulation cannot be
 * created (unknown policy, bad options), -ENOMEM, or -EIO when writing
 * failed.
 */
int report_sched_write(FILE *out, const struct report_sched *r, char *err,
		       size_t errlen);

/*
 * Write the one-character-per-tick Gantt string of @res over ticks
 * [0, span): job i is shown as syms[i], idle as '.'.  When span exceeds
 * @width the chart is scaled to ceil(span / width) ticks per character,
 * each character showing the job that ran most of its ticks.  Writes at
 * most width characters plus a NUL into buf (buf has width + 1 bytes);
 * returns the ticks per character.
 */
long report_sched_gantt_line(const struct sched_result *res, long span,
			     const char *syms, int width, char *buf);

/*
 * The same with the jobs' labels from sched_labels() (sched/labels.h),
 * @lw cells wide.  With one-cell labels it is the line above.  With
 * two-cell labels each column is two characters: a run of one job starts
 * with its label and goes on with '-' ("10------3-..").  At most @width
 * characters plus a NUL; returns the ticks per column.
 */
long report_sched_gantt_labels(const struct sched_result *res, long span,
			       const char (*labels)[SCHED_LABEL_LEN], int lw,
			       int width, char *buf);

#endif
