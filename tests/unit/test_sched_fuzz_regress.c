/*
 * tests/unit/test_sched_fuzz_regress.c - the workload file, --jobs,
 * simulator and workload table fuzz harnesses replayed on their seeds and
 * on every crashing input kept in tests/fuzz/regress/ (see
 * fuzz_replay.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define LLVMFuzzerTestOneInput fuzz_workload_one
#include "tests/fuzz/fuzz_workload.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_jobs_one
#include "tests/fuzz/fuzz_jobs.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_sim_one
#include "tests/fuzz/fuzz_sim.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_wtable_one
#include "tests/fuzz/fuzz_wtable.c"
#undef LLVMFuzzerTestOneInput

#include "tests/unit/fuzz_replay.h"

static void test_workload(void **state)
{
	(void)state;
	fuzz_replay_target("workload", fuzz_workload_one);
}

static void test_jobs(void **state)
{
	(void)state;
	fuzz_replay_target("jobs", fuzz_jobs_one);
}

static void test_sim(void **state)
{
	(void)state;
	fuzz_replay_target("sim", fuzz_sim_one);
}

static void test_wtable(void **state)
{
	(void)state;
	fuzz_replay_target("wtable", fuzz_wtable_one);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_workload),
		cmocka_unit_test(test_jobs),
		cmocka_unit_test(test_sim),
		cmocka_unit_test(test_wtable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
