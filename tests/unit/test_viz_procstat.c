/*
 * tests/unit/test_viz_procstat.c - the one /proc stat parser, on lines
 * written by hand: odd command names, a zombie's exit code, cut lines.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "viz/core/procstat.h"

#include <errno.h>

/* Fields 1..52 with the given comm and state; exit code last. */
#define LINE(comm, st, exitc) \
	"4242 (" comm ") " st " 4241 4200 4100 34817 -1 4194560 100 0 0 0 " \
	"7 5 0 0 20 0 3 0 123456 1000 200 18446744073709551615 1 1 0 0 " \
	"0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 " exitc

static void test_fields_of_a_running_process(void **state)
{
	struct procstat ps;

	assert_int_equal(procstat_parse(LINE("sh", "R", "0"), &ps), 0);
	assert_string_equal(ps.comm, "sh");
	assert_int_equal(ps.state, 'R');
	assert_int_equal(ps.ppid, 4241);
	assert_int_equal(ps.pgid, 4200);
	assert_int_equal(ps.sid, 4100);
	assert_int_equal(ps.tty_nr, 34817);	/* pts/1: major 136 */
	assert_int_equal(ps.cpu_ticks, 12);
	assert_int_equal(ps.threads, 3);
	assert_int_equal(ps.start_ticks, 123456);
	assert_int_equal(ps.exit_code, -1);	/* not a zombie: not read */
}

static void test_comm_with_spaces_and_parentheses(void **state)
{
	struct procstat ps;

	assert_int_equal(procstat_parse(LINE("a) (b c", "S", "0"), &ps), 0);
	assert_string_equal(ps.comm, "a) (b c");
	assert_int_equal(ps.state, 'S');
	assert_int_equal(ps.ppid, 4241);
}

static void test_zombie_and_reaped_exit_codes(void **state)
{
	struct procstat ps;

	assert_int_equal(procstat_parse(LINE("z", "Z", "1792"), &ps), 0);
	assert_int_equal(ps.exit_code, 1792);	/* exit(7) as a wait status */
	assert_int_equal(procstat_parse(LINE("x", "X", "9"), &ps), 0);
	assert_int_equal(ps.exit_code, 9);
}

static void test_cut_or_foreign_lines_are_refused(void **state)
{
	struct procstat ps;

	assert_int_equal(procstat_parse("", &ps), -EINVAL);
	assert_int_equal(procstat_parse("4242 (sh", &ps), -EINVAL);
	assert_int_equal(procstat_parse("4242 (sh) ", &ps), -EINVAL);
	assert_int_equal(procstat_parse("4242 (sh) R 1 2 3", &ps), -EINVAL);
}

static void test_numbers_of_a_schedstat_line(void **state)
{
	const char *q = "123 -4 5\n";

	assert_int_equal(procstat_num(&q), 123);
	assert_int_equal((long long)procstat_num(&q), -4);
	assert_int_equal(procstat_num(&q), 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_of_a_running_process),
		cmocka_unit_test(test_comm_with_spaces_and_parentheses),
		cmocka_unit_test(test_zombie_and_reaped_exit_codes),
		cmocka_unit_test(test_cut_or_foreign_lines_are_refused),
		cmocka_unit_test(test_numbers_of_a_schedstat_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
