/*
 * tests/bench/bench_sched.c - speed and memory of the scheduling engine on
 * work the size and shape of OSTEP's Python simulators' big runs:
 *
 * - mlfq.py -j 100000 (about 77 s): 100,000 jobs at 0, run time 1..99,
 *   an IO of 5 ticks every 1..9 CPU ticks (about 5 million ticks), under
 *   3-level MLFQ (quanta 10);
 * - scheduler.py -p RR -q 1 -j 100000 (about 13.5 s): 100,000 jobs at 0,
 *   run time 1..10, round robin with quantum 1.
 *
 * Also: stepping back one tick from the end, seeking to the middle and
 * back to the end, and peak memory.  Prints "what: figure (target)";
 * never fails on speed (figures depend on the machine).  The workloads
 * come from a local PRNG (the random generator is another module).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "tests/bench/bench_lib.h"
#include "tests/unit/sched_testlib.h"

/* mlfq.py's random jobs: run time R, an IO of io ticks every F ticks. */
static int make_mlfq_workload(struct sched_workload *w, int n, uint64_t seed)
{
	long *b = malloc(256 * sizeof(long));
	uint64_t s = seed;

	if (!b)
		return -1;
	sched_workload_init(w);
	for (int i = 0; i < n; i++) {
		struct sched_job j;
		long run = tl_rng_range(&s, 1, 99), freq = tl_rng_range(&s, 1, 9);
		int nb = 0;

		memset(&j, 0, sizeof(j));
		snprintf(j.name, sizeof(j.name), "J%d", i);
		while (run > 0) {
			long cpu = run < freq ? run : freq;

			b[nb++] = cpu;
			run -= cpu;
			if (run > 0)
				b[nb++] = 5;
		}
		j.bursts = b;
		j.nbursts = nb;
		j.tickets = 100;
		if (sched_workload_add(w, &j)) {
			free(b);
			return -1;
		}
	}
	free(b);
	return 0;
}

static int make_rr_workload(struct sched_workload *w, int n, uint64_t seed)
{
	uint64_t s = seed;

	sched_workload_init(w);
	for (int i = 0; i < n; i++) {
		struct sched_job j;
		long burst = tl_rng_range(&s, 1, 10);

		memset(&j, 0, sizeof(j));
		snprintf(j.name, sizeof(j.name), "J%d", i);
		j.bursts = &burst;
		j.nbursts = 1;
		j.tickets = 100;
		if (sched_workload_add(w, &j))
			return -1;
	}
	return 0;
}

static int bench(const char *title, const struct sched_workload *w,
		 const char *policy, const struct sched_opts *o,
		 double python_s)
{
	char err[256];
	struct sched_sim *sim;
	struct sched_result r;
	double t0, c0, t_run, c_run, t_back, t_more, t_mid, t_end;
	long end;

	t0 = now_s();
	c0 = cpu_s();
	sim = sched_sim_new(w, policy, o, err, sizeof(err));
	if (!sim) {
		printf("%s: cannot start: %s\n", title, err);
		return 1;
	}
	if (sched_sim_run(sim)) {
		printf("%s: out of memory\n", title);
		sched_sim_free(sim);
		return 1;
	}
	t_run = now_s() - t0;
	c_run = cpu_s() - c0;
	end = sched_sim_now(sim);
	sched_sim_result(sim, &r);
	printf("%s: %ld ticks in %.3f s (%.3f s of CPU), %.1f M ticks/s, "
	       "%.0fx the Python simulator's %.1f s (target: well under 1 s, "
	       ">= 100x)\n", title, end, t_run, c_run,
	       (double)end / t_run / 1e6, python_s / t_run, python_s);
	printf("%s: avg turnaround %.2f, avg response %.2f, %ld switches, "
	       "%d Gantt segments\n", title, r.avg_turnaround,
	       r.avg_response, r.context_switches, r.nsegments);

	t0 = now_s();
	sched_sim_seek(sim, end - 1);
	t_back = now_s() - t0;
	t0 = now_s();
	for (long k = 2; k <= 101; k++)
		sched_sim_seek(sim, end - k);
	t_more = (now_s() - t0) / 100;
	t0 = now_s();
	sched_sim_seek(sim, end / 2);
	t_mid = now_s() - t0;
	t0 = now_s();
	sched_sim_seek(sim, end);
	t_end = now_s() - t0;
	printf("%s: step back from tick %ld: %.1f ms, then 100 more steps "
	       "back: %.2f ms each; seek to the middle: %.1f ms; forward to "
	       "the end: %.1f ms (target: instant)\n", title, end,
	       t_back * 1e3, t_more * 1e3, t_mid * 1e3, t_end * 1e3);
	sched_sim_free(sim);
	return 0;
}

/* One line: how long @policy takes on @w (quantum as in @o). */
static int run_only(const struct sched_workload *w, const char *policy,
		    const struct sched_opts *o)
{
	char err[256];
	double t0 = now_s(), c0 = cpu_s();
	struct sched_sim *sim = sched_sim_new(w, policy, o, err, sizeof(err));
	int rc;

	if (!sim) {
		printf("%s: cannot start: %s\n", policy, err);
		return 1;
	}
	rc = sched_sim_run(sim);
	printf("  %-8s %ld ticks in %.3f s (%.3f s of CPU)%s\n", policy,
	       sched_sim_now(sim), now_s() - t0, cpu_s() - c0,
	       rc ? " out of memory" : "");
	sched_sim_free(sim);
	return rc != 0;
}

int main(int argc, char **argv)
{
	/* "bench_sched mlfq", "rr" or "all" runs one part */
	const char *only = argc > 1 ? argv[1] : "";
	struct sched_workload w;
	struct sched_opts o;
	struct rusage ru;
	int rc = 0;

	if (!strcmp(only, "all"))
		only = "";
	if (strcmp(only, "rr") && make_mlfq_workload(&w, 100000, 1)) {
		printf("out of memory\n");
		return 1;
	}
	sched_opts_init(&o);	/* 3 levels, quanta 10: OSTEP's defaults */
	if (strcmp(only, "rr")) {
		rc |= bench("mlfq, 100000 jobs with IO", &w, "mlfq", &o, 77.0);
		sched_workload_clear(&w);
	}
	if (!strcmp(only, "") || !strcmp(only, "all"))
		printf("every policy (quantum 4) on the same 100000 jobs with "
		       "IO:\n");
	if (!strcmp(only, "") || !strcmp(only, "all")) {
		/* every policy on the same 100,000 jobs with IO */
		if (make_mlfq_workload(&w, 100000, 1)) {
			printf("out of memory\n");
			return 1;
		}
		for (int p = 0; sched_policy_names[p]; p++)
			rc |= run_only(&w, sched_policy_names[p], &o);
		sched_workload_clear(&w);
	}
	if (strcmp(only, "mlfq")) {
		if (make_rr_workload(&w, 100000, 2)) {
			printf("out of memory\n");
			return 1;
		}
		o.quantum = 1;
		rc |= bench("rr q=1, 100000 jobs", &w, "rr", &o, 13.5);
		sched_workload_clear(&w);
	}

	getrusage(RUSAGE_SELF, &ru);
	printf("peak memory: %.1f MB (bounded snapshots: linear in jobs)\n",
	       (double)ru.ru_maxrss / 1024.0);
	return rc;
}
