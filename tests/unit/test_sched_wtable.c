/*
 * tests/unit/test_sched_wtable.c - the workload table of the scheduler
 * view's editor (sched/workload_table.h): cells checked by the file
 * parser with its messages, rows added and deleted, the file text and the
 * --jobs line read back to the same jobs, random workloads, undo.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sched/sched.h"
#include "sched/workload_table.h"

static const char silberschatz[] =
	"P1      0        24\n"
	"P2      0        3\n"
	"P3      0        3\n";

static void load(struct sched_wtab *t, const char *text)
{
	struct sched_workload w;
	char err[256];

	assert_int_equal(sched_workload_parse_mem(text, strlen(text), "w",
						  &w, err, sizeof(err)), 0);
	sched_wtab_init(t);
	assert_int_equal(sched_wtab_from_workload(t, &w), 0);
	sched_workload_clear(&w);
}

/* Two workloads have the same jobs (names, times, bursts, attributes). */
static void assert_same_jobs(const struct sched_workload *a,
			     const struct sched_workload *b, bool names)
{
	int i, k;

	assert_int_equal(a->njobs, b->njobs);
	for (i = 0; i < a->njobs; i++) {
		const struct sched_job *x = &a->jobs[i], *y = &b->jobs[i];

		if (names)
			assert_string_equal(x->name, y->name);
		assert_int_equal(x->arrival, y->arrival);
		assert_int_equal(x->nbursts, y->nbursts);
		for (k = 0; k < x->nbursts; k++)
			assert_int_equal(x->bursts[k], y->bursts[k]);
		assert_int_equal(x->priority, y->priority);
		assert_int_equal(x->tickets, y->tickets);
		assert_int_equal(x->nice, y->nice);
	}
}

static void test_cells_from_workload(void **state)
{
	struct sched_wtab t;

	(void)state;
	load(&t, "A 2 5/3/2 1 tickets=75 nice=-3\nB 4 7\n");
	assert_int_equal(t.nrows, 2);
	assert_string_equal(t.rows[0].cell[SCHED_WTAB_NAME], "A");
	assert_string_equal(t.rows[0].cell[SCHED_WTAB_ARRIVAL], "2");
	assert_string_equal(t.rows[0].cell[SCHED_WTAB_BURSTS], "5/3/2");
	assert_string_equal(t.rows[0].cell[SCHED_WTAB_PRIORITY], "1");
	assert_string_equal(t.rows[0].cell[SCHED_WTAB_TICKETS], "75");
	assert_string_equal(t.rows[0].cell[SCHED_WTAB_NICE], "-3");
	assert_string_equal(t.rows[1].cell[SCHED_WTAB_TICKETS], "100");
	sched_wtab_clear(&t);
}

/* Each bad cell is refused with the parser's words and the column. */
static void test_bad_cells_have_parser_messages(void **state)
{
	static const struct {
		int col;
		const char *text, *msg;
	} cases[] = {
		{ SCHED_WTAB_BURSTS, "x",
		  "bursts: expected a CPU burst (whole ticks, 1..1000000000), got 'x'" },
		{ SCHED_WTAB_BURSTS, "5/x",
		  "bursts: expected an IO burst (whole ticks, 0..1000000000), got 'x'" },
		{ SCHED_WTAB_BURSTS, "5/3/0",
		  "bursts: expected a CPU burst (whole ticks, 1..1000000000), got '0'" },
		{ SCHED_WTAB_BURSTS, "5x",
		  "bursts: expected '/' and the next burst, or the end of the bursts, got 'x'" },
		{ SCHED_WTAB_BURSTS, "",
		  "bursts: expected the bursts (CPU[/IO/CPU...], e.g. 5/3/2)" },
		{ SCHED_WTAB_BURSTS, "c2,x",
		  "bursts: expected an instruction: cN (N ticks of CPU) or i (an IO), got 'x'" },
		{ SCHED_WTAB_ARRIVAL, "-1",
		  "arrival: expected an arrival time (whole ticks, 0..1000000000), got '-1'" },
		{ SCHED_WTAB_ARRIVAL, "",
		  "arrival: expected an arrival time (whole ticks, 0..1000000000)" },
		{ SCHED_WTAB_ARRIVAL, "3a",
		  "arrival: expected a space after the arrival time, got 'a'" },
		{ SCHED_WTAB_NAME, "",
		  "name: expected a job name (letters, digits, '_', '-', '.')" },
		{ SCHED_WTAB_NAME, "P*",
		  "name: expected a job name (letters, digits, '_', '-', '.'), got '*'" },
		{ SCHED_WTAB_NAME, "P2",
		  "name: expected a new job name ('P2' is already used on row 2)" },
		{ SCHED_WTAB_PRIORITY, "x",
		  "priority: expected a priority (a whole number), got 'x'" },
		{ SCHED_WTAB_PRIORITY, "2x",
		  "priority: expected a space after the priority, got 'x'" },
		{ SCHED_WTAB_TICKETS, "0",
		  "tickets: expected a ticket count (1..1000000000), got '0'" },
		{ SCHED_WTAB_NICE, "20",
		  "nice: expected a nice value (-20..19), got '20'" },
		{ SCHED_WTAB_NAME, "\xe5\xbc\xa0\xe4\xb8\x89",	/* 张三 */
		  "name: expected a job name (letters, digits, '_', '-', '.'), got '\xe5\xbc\xa0\xe4\xb8\x89'" },
		{ SCHED_WTAB_BURSTS, "5/\xef\xbc\x93",	/* fullwidth 3 */
		  "bursts: expected an IO burst (whole ticks, 0..1000000000), got '\xef\xbc\x93'" },
		{ SCHED_WTAB_NAME, "\xef\xbb\xbfP9",	/* a byte order mark */
		  "name: expected a job name (letters, digits, '_', '-', '.'), got '\xef\xbb\xbfP9'" },
		{ SCHED_WTAB_BURSTS, "5 3",
		  "bursts: expected no blank, '#' or other special character, got ' 3'" },
		{ SCHED_WTAB_BURSTS, "5#",
		  "bursts: expected no blank, '#' or other special character, got '#'" },
	};
	struct sched_wtab t;
	char err[256];
	size_t i;

	(void)state;
	load(&t, silberschatz);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err[0] = '\0';
		assert_int_equal(sched_wtab_set(&t, 0, cases[i].col,
						cases[i].text, err,
						sizeof(err)), -EINVAL);
		if (strcmp(err, cases[i].msg)) {
			print_error("cell '%s': expected\n  %s\ngot\n  %s\n",
				    cases[i].text, cases[i].msg, err);
			fail();
		}
	}
	/* Nothing changed. */
	assert_string_equal(t.rows[0].cell[SCHED_WTAB_NAME], "P1");
	assert_string_equal(t.rows[0].cell[SCHED_WTAB_BURSTS], "24");
	sched_wtab_clear(&t);
}

static void test_good_cells_are_kept_as_typed(void **state)
{
	struct sched_wtab t;
	struct sched_workload w;
	char err[256];

	(void)state;
	load(&t, silberschatz);
	assert_int_equal(sched_wtab_set(&t, 0, SCHED_WTAB_ARRIVAL, "1", err,
					sizeof(err)), 0);
	assert_int_equal(sched_wtab_set(&t, 1, SCHED_WTAB_BURSTS, "c2,i,c1",
					err, sizeof(err)), 0);
	assert_int_equal(sched_wtab_set(&t, 2, SCHED_WTAB_PRIORITY, "", err,
					sizeof(err)), 0);
	assert_int_equal(sched_wtab_set(&t, 2, SCHED_WTAB_NAME, "long_job.3",
					err, sizeof(err)), 0);
	assert_string_equal(t.rows[1].cell[SCHED_WTAB_BURSTS], "c2,i,c1");
	assert_int_equal(sched_wtab_workload(&t, &w, err, sizeof(err)), 0);
	assert_int_equal(w.jobs[0].arrival, 1);
	/* c2,i,c1 is 3/IO/2 with the default IO length 5. */
	assert_int_equal(w.jobs[1].nbursts, 3);
	assert_int_equal(w.jobs[1].bursts[0], 3);
	assert_int_equal(w.jobs[1].bursts[1], 5);
	assert_int_equal(w.jobs[1].bursts[2], 2);
	assert_string_equal(w.jobs[2].name, "long_job.3");
	sched_workload_clear(&w);
	sched_wtab_clear(&t);
}

/* The issue's example: P1 arrives at 1, FCFS runs P2 P3 P1, wait 8/3. */
static void test_edit_changes_the_schedule(void **state)
{
	struct sched_wtab t;
	struct sched_workload w;
	struct sched_opts o;
	struct sched_result r;
	struct sched_sim *sim;
	char err[256];

	(void)state;
	load(&t, silberschatz);
	assert_int_equal(sched_wtab_set(&t, 0, SCHED_WTAB_ARRIVAL, "1", err,
					sizeof(err)), 0);
	assert_int_equal(sched_wtab_workload(&t, &w, err, sizeof(err)), 0);
	sched_opts_init(&o);
	sim = sched_sim_new(&w, "fcfs", &o, err, sizeof(err));
	assert_non_null(sim);
	assert_int_equal(sched_sim_run(sim), 0);
	sched_sim_result(sim, &r);
	assert_int_equal(r.jobs[0].waiting, 5);
	assert_int_equal(r.jobs[1].waiting, 0);
	assert_int_equal(r.jobs[2].waiting, 3);
	assert_true(r.avg_waiting > 2.666 && r.avg_waiting < 2.667);
	sched_sim_free(sim);
	sched_workload_clear(&w);
	sched_wtab_clear(&t);
}

static void test_insert_and_delete(void **state)
{
	struct sched_wtab t;
	char err[256];

	(void)state;
	load(&t, "A 0 3\nC 4 2\n");
	assert_int_equal(sched_wtab_insert(&t, 2), 0);
	assert_int_equal(t.nrows, 3);
	/* The first free letter, the arrival of the row above. */
	assert_string_equal(t.rows[2].cell[SCHED_WTAB_NAME], "B");
	assert_string_equal(t.rows[2].cell[SCHED_WTAB_ARRIVAL], "4");
	assert_string_equal(t.rows[2].cell[SCHED_WTAB_BURSTS], "5");
	assert_int_equal(sched_wtab_insert(&t, 0), 0);
	assert_string_equal(t.rows[0].cell[SCHED_WTAB_NAME], "D");
	assert_string_equal(t.rows[0].cell[SCHED_WTAB_ARRIVAL], "0");
	assert_int_equal(sched_wtab_delete(&t, 1), 0);
	assert_int_equal(t.nrows, 3);
	assert_string_equal(t.rows[0].cell[SCHED_WTAB_NAME], "D");
	assert_string_equal(t.rows[1].cell[SCHED_WTAB_NAME], "C");
	assert_int_equal(sched_wtab_delete(&t, 3), -EINVAL);
	/* A deleted name is free again. */
	assert_int_equal(sched_wtab_set(&t, 0, SCHED_WTAB_NAME, "A", err,
					sizeof(err)), 0);
	while (t.nrows)
		assert_int_equal(sched_wtab_delete(&t, 0), 0);
	assert_int_equal(sched_wtab_workload(&t, &(struct sched_workload){ 0 },
					     err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "found no jobs"));
	sched_wtab_clear(&t);
}

/* The file text and the --jobs line read back to the same jobs. */
static void test_text_and_jobs_round_trip(void **state)
{
	static const char text[] =
		"A    2 5/3/2 1 tickets=75 nice=-3\n"
		"Bee  4 7     0 tickets=5\n"
		"C    9 c2,i,c1\n"
		"D   10 1     -4 nice=19\n";
	struct sched_wtab t, back;
	struct sched_workload w, wf, wj;
	char err[256], *file, *jobs;

	(void)state;
	load(&t, text);
	assert_int_equal(sched_wtab_workload(&t, &w, err, sizeof(err)), 0);
	assert_int_equal(sched_wtab_text(&t, "edited\nin class", &file), 0);
	assert_non_null(strstr(file, "# edited\n# in class\n"));
	assert_int_equal(sched_workload_parse_mem(file, strlen(file), "f", &wf,
						  err, sizeof(err)), 0);
	assert_same_jobs(&w, &wf, true);
	assert_int_equal(sched_wtab_jobs(&t, &jobs), 0);
	assert_string_equal(jobs, "2:5/3/2:1:tickets=75:nice=-3,4:7:tickets=5,"
			    "9:3/5/2,10:1:-4:nice=19");
	assert_int_equal(sched_workload_parse_jobs(jobs, &wj, err,
						   sizeof(err)), 0);
	assert_same_jobs(&w, &wj, false);
	/* The table of the file is the table. */
	load(&back, file);
	assert_int_equal(back.nrows, 4);
	assert_string_equal(back.rows[1].cell[SCHED_WTAB_NAME], "Bee");
	assert_string_equal(back.rows[1].cell[SCHED_WTAB_TICKETS], "5");
	free(file);
	free(jobs);
	sched_workload_clear(&w);
	sched_workload_clear(&wf);
	sched_workload_clear(&wj);
	sched_wtab_clear(&back);
	sched_wtab_clear(&t);
}

/* An instruction list typed in a cell stays one in the --jobs line. */
static void test_jobs_keeps_instruction_lists(void **state)
{
	struct sched_wtab t;
	struct sched_workload w, wj;
	char err[256], *jobs;

	(void)state;
	load(&t, "A 0 3\nB 1 2\n");
	assert_int_equal(sched_wtab_set(&t, 0, SCHED_WTAB_BURSTS, "c2,i,c1",
					err, sizeof(err)), 0);
	assert_int_equal(sched_wtab_jobs(&t, &jobs), 0);
	assert_string_equal(jobs, "0:c2,i,c1,1:2");
	assert_int_equal(sched_workload_parse_jobs(jobs, &wj, err,
						   sizeof(err)), 0);
	sched_workload_set_io_length(&wj, SCHED_WTAB_IO_DEFAULT);
	assert_int_equal(sched_wtab_workload(&t, &w, err, sizeof(err)), 0);
	assert_same_jobs(&w, &wj, false);
	free(jobs);
	sched_workload_clear(&w);
	sched_workload_clear(&wj);
	sched_wtab_clear(&t);
}

static void test_random_is_the_random_recipe(void **state)
{
	struct sched_wtab t;
	struct sched_workload w, r;
	char err[256];

	(void)state;
	sched_wtab_init(&t);
	assert_int_equal(sched_wtab_random(&t, 5, 42), 0);
	assert_int_equal(t.nrows, 5);
	assert_int_equal(sched_wtab_workload(&t, &w, err, sizeof(err)), 0);
	assert_int_equal(sched_workload_random(&r, 5, 42), 0);
	assert_same_jobs(&w, &r, true);
	/* The table says which draw it is, until it is changed. */
	assert_int_equal(t.random_n, 5);
	assert_int_equal(t.seed, 42);
	assert_int_equal(sched_wtab_random(&t, 0, 1), -EINVAL);
	assert_int_equal(t.nrows, 5);
	assert_int_equal(t.random_n, 5);
	assert_int_equal(sched_wtab_set(&t, 0, SCHED_WTAB_NAME, "A", err,
					sizeof(err)), 0);	/* no change */
	assert_int_equal(t.random_n, 5);
	assert_int_equal(sched_wtab_set(&t, 0, SCHED_WTAB_NAME, "Z", err,
					sizeof(err)), 0);
	assert_int_equal(t.random_n, 0);
	sched_workload_clear(&w);
	sched_workload_clear(&r);
	sched_wtab_clear(&t);
}

static void test_undo_goes_back_to_the_start(void **state)
{
	struct sched_wtab_hist h, copy;
	struct sched_wtab t, start;
	char err[256];
	int i;

	(void)state;
	load(&t, silberschatz);
	load(&start, silberschatz);
	sched_wtab_hist_init(&h);
	assert_int_equal(sched_wtab_hist_push(&h, &t), 0);
	assert_false(sched_wtab_hist_changed(&h));
	assert_int_equal(sched_wtab_hist_push(&h, &t), 0);	/* no change */
	assert_int_equal(h.n, 1);
	assert_int_equal(sched_wtab_set(&t, 0, SCHED_WTAB_ARRIVAL, "1", err,
					sizeof(err)), 0);
	assert_int_equal(sched_wtab_hist_push(&h, &t), 0);
	assert_int_equal(sched_wtab_insert(&t, 3), 0);
	assert_int_equal(sched_wtab_hist_push(&h, &t), 0);
	assert_true(sched_wtab_hist_changed(&h));
	assert_int_equal(sched_wtab_hist_copy(&copy, &h), 0);
	assert_int_equal(copy.n, 3);
	assert_true(sched_wtab_equal(sched_wtab_hist_top(&copy), &t));
	assert_true(sched_wtab_hist_undo(&h));
	assert_int_equal(sched_wtab_hist_top(&h)->nrows, 3);
	assert_true(sched_wtab_hist_undo(&h));
	assert_true(sched_wtab_equal(sched_wtab_hist_top(&h), &start));
	assert_false(sched_wtab_hist_changed(&h));
	assert_false(sched_wtab_hist_undo(&h));
	/* A long history keeps the start. */
	for (i = 0; i < SCHED_WTAB_HIST_MAX + 20; i++) {
		char a[16];

		snprintf(a, sizeof(a), "%d", i + 1);
		assert_int_equal(sched_wtab_set(&t, 1, SCHED_WTAB_ARRIVAL, a,
						err, sizeof(err)), 0);
		assert_int_equal(sched_wtab_hist_push(&h, &t), 0);
	}
	assert_int_equal(h.n, SCHED_WTAB_HIST_MAX);
	while (sched_wtab_hist_undo(&h))
		;
	assert_true(sched_wtab_equal(sched_wtab_hist_top(&h), &start));
	sched_wtab_hist_clear(&h);
	sched_wtab_hist_clear(&copy);
	sched_wtab_clear(&t);
	sched_wtab_clear(&start);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cells_from_workload),
		cmocka_unit_test(test_bad_cells_have_parser_messages),
		cmocka_unit_test(test_good_cells_are_kept_as_typed),
		cmocka_unit_test(test_edit_changes_the_schedule),
		cmocka_unit_test(test_insert_and_delete),
		cmocka_unit_test(test_text_and_jobs_round_trip),
		cmocka_unit_test(test_jobs_keeps_instruction_lists),
		cmocka_unit_test(test_random_is_the_random_recipe),
		cmocka_unit_test(test_undo_goes_back_to_the_start),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
