/*
 * viz/core/report_procrun.c - process-run's state table, as text in the
 * tool's own layout and as JSON (see report_procrun.h).
 */
#include "viz/core/report_procrun.h"

#include "viz/core/json.h"

#include <stdio.h>

#include "sched/sched.h"

void report_procrun_text(FILE *out, const struct report_sched *r,
			 const char *policy)
{
	const struct sched_workload *w = r->workload;
	struct sched_pr_table t;
	char err[256];

	if (sched_pr_table_build(w, policy, r->opts, &t, err, sizeof(err))) {
		fprintf(out, "\n  (no state table: %s)\n", err);
		return;
	}
	fputs("\n  Time", out);
	for (int j = 0; j < w->njobs; j++)
		fprintf(out, " %13s", w->jobs[j].name);
	fprintf(out, " %13s %13s\n", "CPU", "IOs");
	for (long row = 0; row < t.nrows; row++) {
		fprintf(out, "  %3ld%c", row + 1, t.io_done[row] ? '*' : ' ');
		for (int j = 0; j < w->njobs; j++)
			fprintf(out, " %13s",
				sched_pr_word(t.cells[row * w->njobs + j]));
		fprintf(out, " %13s", t.cpu[row] ? "1" : "");
		if (t.ios[row])
			fprintf(out, " %13d", t.ios[row]);
		fputc('\n', out);
	}
	fprintf(out, "\n  Stats: Total Time %ld\n", t.nrows);
	fprintf(out, "  Stats: CPU Busy %ld (%.2f%%)\n", t.cpu_busy,
		t.nrows ? 100.0 * (double)t.cpu_busy / (double)t.nrows : 0.0);
	fprintf(out, "  Stats: IO Busy  %ld (%.2f%%)\n", t.io_busy,
		t.nrows ? 100.0 * (double)t.io_busy / (double)t.nrows : 0.0);
	sched_pr_table_free(&t);
}

void report_procrun_json(FILE *out, const struct report_sched *r,
			 const char *policy)
{
	const struct sched_workload *w = r->workload;
	struct sched_pr_table t;
	char err[256];

	if (sched_pr_table_build(w, policy, r->opts, &t, err, sizeof(err))) {
		fputs(",\n \"table\":null", out);
		return;
	}
	fputs(",\n \"table\":{\"columns\":[", out);
	for (int j = 0; j < w->njobs; j++) {
		fputs(j ? "," : "", out);
		json_fput_string(out, w->jobs[j].name);
	}
	fputs("],\"rows\":[", out);
	for (long row = 0; row < t.nrows; row++) {
		fprintf(out, "%s{\"time\":%ld,\"states\":[", row ? ",\n  " : "\n  ",
			row + 1);
		for (int j = 0; j < w->njobs; j++)
			fprintf(out, "%s\"%s\"", j ? "," : "",
				sched_pr_word(t.cells[row * w->njobs + j]));
		fprintf(out, "],\"cpu\":%d,\"ios\":%d,\"io_done\":%s}",
			t.cpu[row], t.ios[row],
			t.io_done[row] ? "true" : "false");
	}
	fprintf(out, "]},\n \"stats\":{\"total\":%ld,\"cpu_busy\":%ld,"
		"\"io_busy\":%ld}", t.nrows, t.cpu_busy, t.io_busy);
	sched_pr_table_free(&t);
}
