/*
 * tests/fuzz/workload_promise.h - what sched's workload parsers promise
 * (sched/sched.h), checked by the workload-file and the --jobs harnesses.
 *
 * A parsed workload has at least one job; each arrives in
 * 0..SCHED_TIME_MAX and has at least one burst, alternating CPU, IO,
 * CPU...: a CPU burst is 1..SCHED_TIME_MAX ticks, an IO burst
 * 0..SCHED_TIME_MAX (a 0-tick IO completes at the instant it starts) or,
 * from a process-run instruction list ("i"), SCHED_IO_UNSET.  Once the
 * IO length is set as the command line sets it (--io-length, 5 unless
 * given), no burst is unset and every policy simulates the workload:
 * what the parser accepts, sched_sim_new() accepts too.
 */
#ifndef PROCVIZ_TESTS_FUZZ_WORKLOAD_PROMISE_H
#define PROCVIZ_TESTS_FUZZ_WORKLOAD_PROMISE_H

#include "sched/sched.h"

#include <stdlib.h>

static void workload_promise_check(struct sched_workload *w)
{
	struct sched_sim *sim;
	struct sched_opts o;
	char err[256];
	int i, b;

	if (w->njobs < 1)
		abort();
	for (i = 0; i < w->njobs; i++) {
		const struct sched_job *j = &w->jobs[i];

		if (j->nbursts < 1 || j->arrival < 0 ||
		    j->arrival > SCHED_TIME_MAX)
			abort();
		for (b = 0; b < j->nbursts; b++) {
			long v = j->bursts[b];

			if (b % 2 && v == SCHED_IO_UNSET)
				continue;
			if (v < (b % 2 ? 0 : 1) || v > SCHED_TIME_MAX)
				abort();
		}
	}
	sched_workload_set_io_length(w, 5);
	sched_opts_init(&o);
	for (i = 0; sched_policy_names[i]; i++) {
		sim = sched_sim_new(w, sched_policy_names[i], &o, err,
				    sizeof(err));
		if (!sim)
			abort();	/* parsed, so it must simulate */
		sched_sim_free(sim);
	}
}

#endif
