/*
 * tests/fuzz/fuzz_jobs.c - libFuzzer harness for the inline --jobs parser.
 * The input is a string (cut at its first NUL); it must parse into a
 * workload that keeps the parsers' promises (workload_promise.h) or fail
 * with a "--jobs:COL: ..." message; never crash, hang or leak.
 */
#include "sched/sched.h"
#include "tests/fuzz/workload_promise.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sched_workload w;
	char err[256], *spec;
	int rc;

	spec = malloc(size + 1);
	if (!spec)
		return 0;
	memcpy(spec, data, size);
	spec[size] = '\0';
	sched_workload_init(&w);
	err[0] = '\0';
	rc = sched_workload_parse_jobs(spec, &w, err, sizeof(err));
	if (rc == 0) {
		workload_promise_check(&w);
	} else if (strncmp(err, "--jobs:", 7) != 0) {
		abort();
	}
	sched_workload_clear(&w);
	free(spec);
	return 0;
}
