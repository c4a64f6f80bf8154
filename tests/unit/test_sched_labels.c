/*
 * tests/unit/test_sched_labels.c - the Gantt labels of sched/labels.c:
 * the shortest distinct part of each name, two cells where needed, a
 * legend flag whenever a label is not the name, and always distinct.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "sched/labels.h"

enum { T_MAX = 200 };

/* Label the space-separated @names; the labels joined by blanks. */
static int label(const char *names, char *out, size_t len, bool *legend)
{
	static char lab[T_MAX][SCHED_LABEL_LEN];
	struct sched_workload w;
	char buf[4096], *tok, *save = NULL;
	long burst = 1;
	int width, i;

	sched_workload_init(&w);
	snprintf(buf, sizeof(buf), "%s", names);
	for (tok = strtok_r(buf, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save)) {
		struct sched_job j = { 0 };

		snprintf(j.name, sizeof(j.name), "%s", tok);
		j.bursts = &burst;
		j.nbursts = 1;
		assert_int_equal(sched_workload_add(&w, &j), 0);
	}
	width = sched_labels(&w, lab, legend);
	out[0] = '\0';
	for (i = 0; i < w.njobs; i++) {
		int k;

		for (k = 0; k < i; k++)
			assert_string_not_equal(lab[k], lab[i]);
		assert_true(strlen(lab[i]) >= 1 && strlen(lab[i]) <= 2);
		assert_true((int)strlen(lab[i]) <= width);
		snprintf(out + strlen(out), len - strlen(out), "%s%s",
			 i ? " " : "", lab[i]);
	}
	sched_workload_clear(&w);
	return width;
}

#define LABELS(names, want, want_w, want_legend)                        \
	do {                                                            \
		char got[1024];                                         \
		bool lg;                                                \
		assert_int_equal(label(names, got, sizeof(got), &lg),   \
				 want_w);                               \
		assert_string_equal(got, want);                         \
		assert_int_equal(lg, want_legend);                      \
	} while (0)

static void test_labels_own_names(void **state)
{
	(void)state;
	LABELS("A B C", "A B C", 1, false);
	LABELS("x", "x", 1, false);
}

static void test_labels_common_prefix(void **state)
{
	(void)state;
	LABELS("P1 P2 P3", "1 2 3", 1, true);
	LABELS("job-a.sh job-b.sh", "a b", 1, true);
	LABELS("init worker cache", "i w c", 1, true);
}

static void test_labels_two_cells(void **state)
{
	(void)state;
	LABELS("P1 P2 P3 P4 P5 P6 P7 P8 P9 P10 P11 P12",
	       "1 2 3 4 5 6 7 8 9 10 11 12", 2, true);
	LABELS("cpu1 cpu2 io", "c1 c2 io", 2, true);
	LABELS("cpu1 cpu2 disk", "c1 c2 d", 2, true);
	/* A one-letter job keeps its name next to longer ones. */
	LABELS("A AB", "A AB", 2, false);
}

static void test_labels_unusable_characters(void **state)
{
	char got[1024];
	bool lg;

	(void)state;
	/* '.' is the idle cell, '-' the fill: never a label. */
	assert_int_equal(label(". -", got, sizeof(got), &lg), 2);
	assert_true(lg);
	assert_null(strchr(got, '.'));
	assert_null(strchr(got, '-'));
	/* Non-ASCII names get labels from the pool, still distinct. */
	assert_int_equal(label("\xc3\xa9 \xc3\xa8", got, sizeof(got), &lg), 2);
}

static void test_labels_many_jobs(void **state)
{
	char names[T_MAX * 8] = "", got[T_MAX * 4];
	bool lg;
	int i;

	(void)state;
	/* 62 jobs once got '*' beyond the pool: now each its own label. */
	for (i = 1; i <= 120; i++)
		snprintf(names + strlen(names), sizeof(names) - strlen(names),
			 "%sP%d", i > 1 ? " " : "", i);
	assert_int_equal(label(names, got, sizeof(got), &lg), 2);
	assert_null(strchr(got, '*'));
	/* label() checked them all distinct; P100..P120 need the pool. */
}

static void test_labels_cell(void **state)
{
	(void)state;
	assert_int_equal(sched_label_cell("7", 1, 5, '-'), '7');
	assert_int_equal(sched_label_cell("10", 2, 0, '-'), '1');
	assert_int_equal(sched_label_cell("10", 2, 1, '-'), '0');
	assert_int_equal(sched_label_cell("10", 2, 2, '-'), '-');
	assert_int_equal(sched_label_cell("1", 2, 1, ' '), ' ');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_labels_own_names),
		cmocka_unit_test(test_labels_common_prefix),
		cmocka_unit_test(test_labels_two_cells),
		cmocka_unit_test(test_labels_unusable_characters),
		cmocka_unit_test(test_labels_many_jobs),
		cmocka_unit_test(test_labels_cell),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
