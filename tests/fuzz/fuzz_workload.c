/*
 * tests/fuzz/fuzz_workload.c - libFuzzer harness for the workload file
 * parser.  Any input must either parse into a workload that keeps the
 * parsers' promises (workload_promise.h: 0-tick IO allowed, an
 * instruction list's IO unset until the IO length is given, and every
 * policy takes the result) or fail with a "NAME:LINE:COL: ..." message;
 * never crash, hang or leak.
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
	char err[256];
	int rc;

	sched_workload_init(&w);
	err[0] = '\0';
	rc = sched_workload_parse_mem((const char *)data, size, "fuzz", &w,
				      err, sizeof(err));
	if (rc == 0) {
		workload_promise_check(&w);
	} else if (strncmp(err, "fuzz:", 5) != 0) {
		abort();	/* every error names the file */
	}
	sched_workload_clear(&w);
	return 0;
}
