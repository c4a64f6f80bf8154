/*
 * tests/fuzz/fuzz_wtable.c - libFuzzer harness for the scheduler view's
 * workload table (sched/workload_table.h).  The input is a script, one
 * operation a line: "a R" adds a job before row R, "d R" deletes row R,
 * "r N" draws N random jobs, "u" pushes / undoes, and "C R TEXT" (C a
 * column digit 0-5) sets a cell.  Whatever the script, the table keeps
 * its promise: a refused cell changes nothing and says which column, and
 * a table with rows always becomes a workload whose file text and --jobs
 * line read back to the same jobs.  Never crash, hang or leak.
 */
#include "sched/sched.h"
#include "sched/workload_table.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void wt_same_jobs(const struct sched_workload *a,
			 const struct sched_workload *b, int names)
{
	int i, k;

	if (a->njobs != b->njobs)
		abort();
	for (i = 0; i < a->njobs; i++) {
		const struct sched_job *x = &a->jobs[i], *y = &b->jobs[i];

		if ((names && strcmp(x->name, y->name)) ||
		    x->arrival != y->arrival || x->nbursts != y->nbursts ||
		    x->priority != y->priority || x->tickets != y->tickets ||
		    x->nice != y->nice)
			abort();
		for (k = 0; k < x->nbursts; k++)
			if (x->bursts[k] != y->bursts[k])
				abort();
	}
}

/* The table turns into a workload, and back through file and --jobs. */
static void wt_check(const struct sched_wtab *t)
{
	struct sched_workload w, wf, wj;
	char err[512], *text, *jobs;

	if (t->nrows == 0)
		return;
	if (sched_wtab_workload(t, &w, err, sizeof(err)))
		abort();
	if (sched_wtab_text(t, "fuzz", &text))
		abort();
	if (sched_workload_parse_mem(text, strlen(text), "f", &wf, err,
				     sizeof(err)))
		abort();
	sched_workload_set_io_length(&wf, t->io_length);
	wt_same_jobs(&w, &wf, 1);
	if (sched_wtab_jobs(t, &jobs))
		abort();
	if (sched_workload_parse_jobs(jobs, &wj, err, sizeof(err)))
		abort();
	sched_workload_set_io_length(&wj, t->io_length);
	wt_same_jobs(&w, &wj, 0);
	free(text);
	free(jobs);
	sched_workload_clear(&w);
	sched_workload_clear(&wf);
	sched_workload_clear(&wj);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	struct sched_wtab_hist h;
	struct sched_wtab t;
	char line[SCHED_WTAB_CELL_MAX + 8], err[512];
	int ops = 0;

	sched_wtab_init(&t);
	sched_wtab_hist_init(&h);
	while (p < end && ops++ < 64) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		int row;

		if (n >= sizeof(line))
			n = sizeof(line) - 1;
		memcpy(line, p, n);
		line[n] = '\0';
		p = nl ? nl + 1 : end;
		row = n > 2 ? atoi(line + 2) % 64 : 0;
		if (line[0] == 'a') {
			sched_wtab_insert(&t, row);
		} else if (line[0] == 'd') {
			sched_wtab_delete(&t, row);
		} else if (line[0] == 'r') {
			sched_wtab_random(&t, row % 8, (unsigned long)n);
		} else if (line[0] == 'u') {
			if (sched_wtab_hist_push(&h, &t))
				abort();
			if (n > 1 && sched_wtab_hist_undo(&h)) {
				sched_wtab_clear(&t);
				if (sched_wtab_copy(&t, sched_wtab_hist_top(&h)))
					abort();
			}
		} else if (line[0] >= '0' && line[0] <= '5' && n >= 2) {
			const char *text = strchr(line + 2, ' ');
			int col = line[0] - '0';
			struct sched_wtab before;

			if (sched_wtab_copy(&before, &t))
				abort();
			err[0] = '\0';
			if (sched_wtab_set(&t, row, col, text ? text + 1 : "",
					   err, sizeof(err))) {
				size_t k = strlen(sched_wtab_col_names[col]);

				if (!sched_wtab_equal(&before, &t))
					abort();	/* refused: unchanged */
				if (row >= 0 && row < t.nrows &&
				    (strncmp(err, sched_wtab_col_names[col],
					     k) || err[k] != ':'))
					abort();	/* names the column */
			}
			sched_wtab_clear(&before);
		}
	}
	/*
	 * The round trip once, at the script's end: a state the script went
	 * through is the end of a shorter script, which the fuzzer runs too.
	 */
	wt_check(&t);
	sched_wtab_hist_clear(&h);
	sched_wtab_clear(&t);
	return 0;
}
