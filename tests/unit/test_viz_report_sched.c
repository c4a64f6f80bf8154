/*
 * tests/unit/test_viz_report_sched.c - the text Gantt line of the sched
 * reports: one character per tick, scaling to round numbers of ticks per
 * character with the majority job per character, idle shown as '.', and
 * the choice of display symbols.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "viz/core/report_sched.h"

static struct sched_result result_of(const struct sched_segment *segs,
				     int nseg, int njobs)
{
	struct sched_result r;

	memset(&r, 0, sizeof(r));
	r.gantt = segs;
	r.nsegments = nseg;
	r.njobs = njobs;
	return r;
}

static void test_gantt_one_char_per_tick(void **state)
{
	static const struct sched_segment segs[] = {
		{ 0, 3, 0 }, { 3, 5, -1 }, { 5, 6, 1 }, { 6, 8, 0 },
	};
	struct sched_result r = result_of(segs, 4, 2);
	char buf[73];

	(void)state;
	assert_int_equal(report_sched_gantt_line(&r, 8, "AB", 72, buf), 1);
	assert_string_equal(buf, "AAA..BAA");
}

static void test_gantt_scaled_majority(void **state)
{
	/* 100 ticks into 10 columns: 10 ticks per character. */
	static const struct sched_segment segs[] = {
		{ 0, 6, 0 },	/* col 0: A 6, B 4 -> A */
		{ 6, 16, 1 },	/* col 1: B 6, idle 4 -> B */
		{ 16, 20, -1 },
		{ 20, 25, 0 },	/* col 2: A 5, B 5 -> A (first) */
		{ 25, 30, 1 },
		{ 30, 90, -1 },	/* cols 3..8 idle */
		{ 90, 93, 0 },	/* col 9: A 3 + A 3 = 6 beats B 4 */
		{ 93, 97, 1 },
		{ 97, 100, 0 },
	};
	struct sched_result r = result_of(segs, 9, 2);
	char buf[11];

	(void)state;
	assert_int_equal(report_sched_gantt_line(&r, 100, "AB", 10, buf), 10);
	assert_string_equal(buf, "ABA......A");
}

static void test_gantt_scale_is_round(void **state)
{
	static const struct sched_segment segs[] = { { 0, 731, 0 } };
	struct sched_result r = result_of(segs, 1, 1);
	char buf[73];

	(void)state;
	/* 731 / 72 -> 10.2 ticks per char, rounded up to 20. */
	assert_int_equal(report_sched_gantt_line(&r, 731, "A", 72, buf), 20);
	assert_int_equal((int)strlen(buf), 37);
	assert_int_equal(report_sched_gantt_line(&r, 144, "A", 72, buf), 2);
	assert_int_equal((int)strlen(buf), 72);
	assert_int_equal(report_sched_gantt_line(&r, 145, "A", 72, buf), 5);
	assert_int_equal((int)strlen(buf), 29);
}

static void test_gantt_uncovered_ticks_are_idle(void **state)
{
	static const struct sched_segment segs[] = { { 2, 4, 0 } };
	struct sched_result r = result_of(segs, 1, 1);
	char buf[73];

	(void)state;
	report_sched_gantt_line(&r, 6, "X", 72, buf);
	assert_string_equal(buf, "..XX..");
}

/* Two-cell labels: every column two characters, a run starts with them. */
static void test_gantt_two_cell_labels(void **state)
{
	static const char labels[][SCHED_LABEL_LEN] = { "1", "10" };
	struct sched_segment g[] = { { 0, 2, 0 }, { 2, 3, 1 }, { 3, 4, -1 } };
	struct sched_result r = { 0 };
	char buf[80];

	(void)state;
	r.gantt = g;
	r.nsegments = 3;
	r.njobs = 2;
	assert_int_equal(report_sched_gantt_labels(&r, 4, labels, 2, 72, buf),
			 1);
	assert_string_equal(buf, "1---10..");
}

static void test_parse_format(void **state)
{
	enum report_sched_format f;

	(void)state;
	assert_true(report_sched_parse_format("svg", &f));
	assert_int_equal(f, REPORT_SCHED_SVG);
	assert_true(report_sched_parse_format("csv", &f));
	assert_int_equal(f, REPORT_SCHED_CSV);
	assert_false(report_sched_parse_format("SVG", &f));
	assert_false(report_sched_parse_format(NULL, &f));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gantt_one_char_per_tick),
		cmocka_unit_test(test_gantt_scaled_majority),
		cmocka_unit_test(test_gantt_scale_is_round),
		cmocka_unit_test(test_gantt_uncovered_ticks_are_idle),
		cmocka_unit_test(test_gantt_two_cell_labels),
		cmocka_unit_test(test_parse_format),
	};

	return cmocka_run_group_tests_name("viz_report_sched", tests, NULL,
					   NULL);
}
