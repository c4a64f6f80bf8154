/*
 * tests/unit/sched_testlib.h - small helpers shared by the test_sched_*
 * tests: build a workload from a compact string without the parser, run
 * a policy, and render the Gantt chart one character per tick.
 */
#ifndef PROCVIZ_TESTS_SCHED_TESTLIB_H
#define PROCVIZ_TESTS_SCHED_TESTLIB_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sched/sched.h"

/* A local PRNG (splitmix64) for random workloads in tests and the bench. */
static inline uint64_t tl_rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [lo, hi]. */
static inline long tl_rng_range(uint64_t *s, long lo, long hi)
{
	return lo + (long)(tl_rng_next(s) % (uint64_t)(hi - lo + 1));
}

/*
 * "A:0:3 B:2:6/2/1:p=3:t=75:n=-5" -> jobs NAME:ARRIVAL:BURSTS[:p=PRIO]
 * [:t=TICKETS][:n=NICE].  Returns 0 or -1 on a malformed string.
 */
static inline int tl_workload(struct sched_workload *w, const char *spec)
{
	char buf[8192], *save = NULL, *tok;

	sched_workload_init(w);
	snprintf(buf, sizeof(buf), "%s", spec);
	for (tok = strtok_r(buf, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save)) {
		struct sched_job j;
		long bursts[4096];
		char *f, *s2 = NULL, *b, *s3 = NULL;
		int field = 0;

		memset(&j, 0, sizeof(j));
		j.tickets = 100;
		j.bursts = bursts;
		for (f = strtok_r(tok, ":", &s2); f;
		     f = strtok_r(NULL, ":", &s2), field++) {
			if (field == 0)
				snprintf(j.name, sizeof(j.name), "%s", f);
			else if (field == 1)
				j.arrival = strtol(f, NULL, 10);
			else if (field == 2)
				for (b = strtok_r(f, "/", &s3); b && j.nbursts < 4096;
				     b = strtok_r(NULL, "/", &s3))
					bursts[j.nbursts++] = strtol(b, NULL, 10);
			else if (!strncmp(f, "p=", 2))
				j.priority = strtol(f + 2, NULL, 10);
			else if (!strncmp(f, "t=", 2))
				j.tickets = strtol(f + 2, NULL, 10);
			else if (!strncmp(f, "n=", 2))
				j.nice = (int)strtol(f + 2, NULL, 10);
			else
				return -1;
		}
		if (field < 3 || sched_workload_add(w, &j))
			return -1;
	}
	return 0;
}

/* One character per tick: the last character of the job's name, '-' idle. */
static inline char *tl_gantt(const struct sched_result *r,
			     const struct sched_workload *w)
{
	long n = r->nsegments ? r->gantt[r->nsegments - 1].end : 0;
	char *s = malloc((size_t)n + 1);

	for (int i = 0; s && i < r->nsegments; i++) {
		const struct sched_segment *g = &r->gantt[i];
		char c = '-';

		if (g->job >= 0) {
			const char *nm = w->jobs[g->job].name;

			c = nm[strlen(nm) - 1];
		}
		for (long t = g->start; t < g->end; t++)
			s[t] = c;
	}
	if (s)
		s[n] = '\0';
	return s;
}

#endif
