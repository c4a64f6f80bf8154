/*
 * sched/workload_random.c - reproducible random workloads (--random N
 * --seed S).
 *
 * The distribution (also in procviz.1), chosen so that N jobs make about
 * 50 * N ticks of CPU work, the shape of OSTEP's random MLFQ runs:
 *
 *   - jobs are named A, B, C ... (like --jobs) and listed by arrival;
 *   - job 0 arrives at 0, each next job 0..20 ticks after the previous one
 *     (uniform, mean 10: the CPU is oversubscribed, queues build up);
 *   - 1..4 CPU bursts (uniform), each 1..40 ticks (uniform, mean 20.5),
 *     separated by IO bursts of 1..20 ticks (uniform); the last burst is
 *     CPU;
 *   - priority 1..5, tickets 25, 50 ... 200, nice -5..5 (all uniform).
 *
 * The generator is splitmix64 seeded with @seed, so a seed gives the same
 * jobs on every machine and libc.  Bounded draws use a 64-bit modulo; the
 * bias (< 2^-57) is irrelevant here.
 */
#include "sched/sched.h"
#include "sched/workload_priv.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

struct rng {
	uint64_t state;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [lo, hi]. */
static long rng_range(struct rng *r, long lo, long hi)
{
	return lo + (long)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

int sched_workload_random(struct sched_workload *out, int n,
			  unsigned long seed)
{
	struct rng r = { .state = (uint64_t)seed };
	long bursts[7];
	long arrival = 0;
	int i, k, rc;

	sched_workload_init(out);
	if (n <= 0)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		struct sched_job job;
		int ncpu;

		memset(&job, 0, sizeof(job));
		sched_workload_letter_name(i, job.name);
		if (i > 0)
			arrival += rng_range(&r, 0, 20);
		job.arrival = arrival;
		ncpu = (int)rng_range(&r, 1, 4);
		job.nbursts = 0;
		for (k = 0; k < ncpu; k++) {
			if (k > 0)
				bursts[job.nbursts++] = rng_range(&r, 1, 20);
			bursts[job.nbursts++] = rng_range(&r, 1, 40);
		}
		job.bursts = bursts;
		job.priority = rng_range(&r, 1, 5);
		job.tickets = 25 * rng_range(&r, 1, 8);
		job.nice = (int)rng_range(&r, -5, 5);
		rc = sched_workload_add(out, &job);
		if (rc) {
			sched_workload_clear(out);
			sched_workload_init(out);
			return rc;
		}
	}
	return 0;
}
