/*
 * tests/unit/test_cmd_fuzz_regress.c - the `procviz sched` command-line
 * fuzz harness replayed on its seeds and on every crashing input kept in
 * tests/fuzz/regress/sched_args/ (see fuzz_replay.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define LLVMFuzzerTestOneInput fuzz_sched_args_one
#include "tests/fuzz/fuzz_sched_args.c"
#undef LLVMFuzzerTestOneInput

#include "tests/unit/fuzz_replay.h"

static void test_sched_args(void **state)
{
	(void)state;
	fuzz_replay_target("sched_args", fuzz_sched_args_one);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sched_args),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
