/*
 * tests/fuzz/fuzz_sim.c - libFuzzer harness for the tick engine.  The
 * input bytes choose the policy, a small workload (up to 12 jobs, bursts
 * up to 16 ticks, IO bursts from 0, arrivals up to 40) and every option;
 * the policy then runs to the end with its invariants checked at every
 * instant, and a few seeks back must land on exactly the states seen
 * while stepping.  Any broken invariant aborts.  One policy an input,
 * chosen by its first byte, not every policy on every input: each
 * execution is then about as dear as one simulation, so the fuzzer tries
 * more workloads on each policy in the same time.
 */
#include "sched/sched.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct bytes {
	const uint8_t *p;
	size_t n;
};

static unsigned take(struct bytes *b, unsigned mod)
{
	unsigned v = 0;

	if (b->n) {
		v = *b->p++;
		b->n--;
	}
	return mod ? v % mod : v;
}

static void check(int ok)
{
	if (!ok)
		abort();
}

static uint64_t state_hash(struct sched_sim *sim, int njobs)
{
	uint64_t h = 1469598103934665603ULL;

	h = (h ^ (uint64_t)sched_sim_now(sim)) * 1099511628211ULL;
	h = (h ^ (uint64_t)sched_sim_running(sim)) * 1099511628211ULL;
	h = (h ^ (uint64_t)sched_sim_last_ran(sim)) * 1099511628211ULL;
	for (int i = 0; i < njobs; i++) {
		h = (h ^ (uint64_t)sched_sim_job_state(sim, i)) * 1099511628211ULL;
		h = (h ^ (uint64_t)sched_sim_job_cpu_left(sim, i)) *
		    1099511628211ULL;
		h = (h ^ (uint64_t)sched_sim_job_io_left(sim, i)) *
		    1099511628211ULL;
		h = (h ^ (uint64_t)sched_sim_job_level(sim, i)) *
		    1099511628211ULL;
	}
	return h;
}

/*
 * The seeks' targets are drawn before the run, so that the state hash is
 * taken only at those instants (and at the end, where a target past the
 * end lands): hashing every instant cost more than simulating it.
 */
enum { NSEEK = 4 };

static void run_policy(const struct sched_workload *w, const char *policy,
		       const struct sched_opts *o, struct bytes *b)
{
	char err[256];
	struct sched_sim *sim = sched_sim_new(w, policy, o, err, sizeof(err));
	struct sched_result r;
	long target[NSEEK], n = 0, ran = 0, cpu = 0, end;
	uint64_t hist[NSEEK] = { 0 }, last = 0;

	check(sim != NULL);
	for (int k = 0; k < NSEEK; k++)
		target[k] = (long)take(b, 0) * 16;
	for (;;) {
		int run = sched_sim_running(sim), q[16];

		for (int k = 0; k < NSEEK; k++)
			if (target[k] == n)
				hist[k] = state_hash(sim, w->njobs);
		n++;
		if (run >= 0) {
			check(sched_sim_job_state(sim, run) ==
			      SCHED_JOB_RUNNING);
			check(w->jobs[run].arrival <= sched_sim_now(sim));
		}
		for (int k = 0; k < sched_sim_nqueues(sim); k++) {
			int m = sched_sim_queue(sim, k, q, 16);

			for (int i = 0; i < m && i < 16; i++)
				check(sched_sim_job_state(sim, q[i]) ==
				      SCHED_JOB_READY);
		}
		if (sched_sim_step(sim) == 0) {
			last = state_hash(sim, w->njobs);
			break;
		}
		check(sched_sim_last_ran(sim) == run);
		ran += run >= 0;
	}
	for (int i = 0; i < w->njobs; i++) {
		check(sched_sim_job_state(sim, i) == SCHED_JOB_DONE);
		for (int k = 0; k < w->jobs[i].nbursts; k += 2)
			cpu += w->jobs[i].bursts[k];
	}
	check(ran == cpu);
	sched_sim_result(sim, &r);
	for (int i = 0; i < r.njobs; i++)
		check(r.jobs[i].waiting >= 0 &&
		      r.jobs[i].first_run >= w->jobs[i].arrival);
	/* the state was read at instants 0 .. n-1 and at the end */
	end = sched_sim_now(sim);
	for (int k = 0; k < NSEEK; k++) {
		bool past = target[k] >= n;

		check(sched_sim_seek(sim, past ? end : target[k]) == 0);
		check(state_hash(sim, w->njobs) == (past ? last : hist[k]));
	}
	sched_sim_free(sim);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bytes b = { data, size };
	struct sched_workload w;
	struct sched_opts o;
	long draws[8];
	int npolicies = 0, policy, njobs;

	while (sched_policy_names[npolicies])
		npolicies++;
	policy = (int)take(&b, (unsigned)npolicies);
	njobs = (int)take(&b, 12) + 1;

	sched_workload_init(&w);
	for (int i = 0; i < njobs; i++) {
		struct sched_job j;
		long bursts[7];

		memset(&j, 0, sizeof(j));
		j.name[0] = (char)('A' + i);
		j.arrival = take(&b, 41);
		j.nbursts = (int)take(&b, 7) + 1;
		/*
		 * CPU bursts 1..16, IO bursts 0..15 (a 0-tick IO is valid):
		 * longer than any quantum (1..6), allotment (0..8) and boost
		 * period (1..30) can make interesting, and short enough that
		 * an execution is cheap.
		 */
		for (int k = 0; k < j.nbursts; k++)
			bursts[k] = take(&b, 16) + (k % 2 ? 0 : 1);
		j.bursts = bursts;
		j.priority = take(&b, 5);
		j.tickets = take(&b, 200);
		j.nice = (int)take(&b, 40) - 20;
		if (sched_workload_add(&w, &j))
			abort();
	}
	sched_opts_init(&o);
	o.quantum = (int)take(&b, 6) + 1;
	o.convention = take(&b, 2) ? SCHED_CONV_TEXTBOOK : SCHED_CONV_OSTEP;
	o.switch_cost = (int)take(&b, 3);
	o.prio_high_first = take(&b, 2);
	o.seed = take(&b, 0);
	o.ndraws = (int)take(&b, 9);
	for (int i = 0; i < o.ndraws; i++)
		draws[i] = take(&b, 0);
	o.draws = draws;
	o.stride_big = (long)take(&b, 0) * 50 + 1;
	o.mlfq_levels = (int)take(&b, 4) + 1;
	for (int i = 0; i < o.mlfq_levels; i++) {
		o.mlfq_quanta[i] = (int)take(&b, 5) + 1;
		o.mlfq_allot[i] = (int)take(&b, 9);
	}
	o.mlfq_boost = take(&b, 3) ? 0 : (long)take(&b, 30) + 1;
	o.mlfq_io_stay = take(&b, 2);
	o.mlfq_io_front = take(&b, 2);
	o.mlfq_stallings = take(&b, 2);
	run_policy(&w, sched_policy_names[policy], &o, &b);
	sched_workload_clear(&w);
	return 0;
}
