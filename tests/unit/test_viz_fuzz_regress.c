/*
 * tests/unit/test_viz_fuzz_regress.c - the recording parser's, the
 * observation writers' and the lesson file parser's fuzz harnesses
 * replayed on their seeds and on every crashing input kept in
 * tests/fuzz/regress/ (see fuzz_replay.h).
 */
#define _GNU_SOURCE		/* open_memstream, in fuzz_replay.c */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define LLVMFuzzerTestOneInput fuzz_replay_one
#include "tests/fuzz/fuzz_replay.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_report_obs_one
#include "tests/fuzz/fuzz_report_obs.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_lesson_one
#include "tests/fuzz/fuzz_lesson.c"
#undef LLVMFuzzerTestOneInput

#include "tests/unit/fuzz_replay.h"

static void test_replay(void **state)
{
	(void)state;
	fuzz_replay_target("replay", fuzz_replay_one);
}

static void test_report_obs(void **state)
{
	(void)state;
	fuzz_replay_target("report_obs", fuzz_report_obs_one);
}

static void test_lesson(void **state)
{
	(void)state;
	fuzz_replay_target("lesson", fuzz_lesson_one);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_replay),
		cmocka_unit_test(test_report_obs),
		cmocka_unit_test(test_lesson),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
