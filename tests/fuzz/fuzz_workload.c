/*
 * tests/fuzz/fuzz_workload.c - libFuzzer harness for the workload file
 * parser.  Any input must either parse into a workload that satisfies the
 * parser's promises or fail with an "NAME:LINE:COL: ..." message; never
 * crash, hang or leak.
 */
#include "sched/sched.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sched_workload w;
	char err[256];
	int i, b, rc;

	sched_workload_init(&w);
	err[0] = '\0';
	rc = sched_workload_parse_mem((const char *)data, size, "fuzz", &w,
				      err, sizeof(err));
	if (rc == 0) {
		if (w.njobs < 1)
			abort();
		for (i = 0; i < w.njobs; i++) {
			if (w.jobs[i].nbursts < 1 || w.jobs[i].arrival < 0 ||
			    w.jobs[i].arrival > SCHED_TIME_MAX)
				abort();
			for (b = 0; b < w.jobs[i].nbursts; b++)
				if (w.jobs[i].bursts[b] <= 0 ||
				    w.jobs[i].bursts[b] > SCHED_TIME_MAX)
					abort();
		}
	} else if (strncmp(err, "fuzz:", 5) != 0) {
		abort();	/* every error names the file */
	}
	sched_workload_clear(&w);
	return 0;
}
