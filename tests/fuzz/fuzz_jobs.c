/*
 * tests/fuzz/fuzz_jobs.c - libFuzzer harness for the inline --jobs parser.
 * The input is a NUL-free string; it must parse or fail with a
 * "--jobs:COL: ..." message.
 */
#include "sched/sched.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sched_workload w;
	char err[256], *spec;
	int i, rc;

	spec = malloc(size + 1);
	if (!spec)
		return 0;
	memcpy(spec, data, size);
	spec[size] = '\0';
	sched_workload_init(&w);
	err[0] = '\0';
	rc = sched_workload_parse_jobs(spec, &w, err, sizeof(err));
	if (rc == 0) {
		if (w.njobs < 1)
			abort();
		for (i = 0; i < w.njobs; i++)
			if (w.jobs[i].nbursts < 1 || w.jobs[i].bursts[0] <= 0)
				abort();
	} else if (strncmp(err, "--jobs:", 7) != 0) {
		abort();
	}
	sched_workload_clear(&w);
	free(spec);
	return 0;
}
