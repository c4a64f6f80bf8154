/*
 * tests/unit/test_sched_sim.c - the engine beyond the published answers:
 * properties on random workloads for every policy and both conventions,
 * seeking back and forth, switch cost, IO, MLFQ knobs (hand-traced),
 * why lines, options and API errors.
 */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tests/unit/sched_testlib.h"

/* ---- random workloads from the tests' own PRNG (not workload_random.c:
 * these tests check the engine alone) */

static void random_workload(struct sched_workload *w, uint64_t seed,
			    int njobs, bool with_io)
{
	uint64_t s = seed;

	sched_workload_init(w);
	for (int i = 0; i < njobs; i++) {
		struct sched_job j;
		long bursts[9];

		memset(&j, 0, sizeof(j));
		snprintf(j.name, sizeof(j.name), "J%d", i);
		j.arrival = tl_rng_range(&s, 0, 40);
		j.nbursts = with_io ? (int)tl_rng_range(&s, 1, 9) : 1;
		for (int b = 0; b < j.nbursts; b++)
			bursts[b] = tl_rng_range(&s, 1, b % 2 ? 12 : 15);
		j.bursts = bursts;
		j.priority = tl_rng_range(&s, 0, 4);
		j.tickets = tl_rng_range(&s, 1, 300);
		j.nice = (int)tl_rng_range(&s, -20, 19);
		assert_int_equal(sched_workload_add(w, &j), 0);
	}
}

static void random_opts(struct sched_opts *o, uint64_t seed)
{
	uint64_t s = seed;

	sched_opts_init(o);
	o->quantum = (int)tl_rng_range(&s, 1, 6);
	o->convention = tl_rng_range(&s, 0, 1) ? SCHED_CONV_TEXTBOOK
					    : SCHED_CONV_OSTEP;
	o->switch_cost = (int)tl_rng_range(&s, 0, 2);
	o->prio_high_first = tl_rng_range(&s, 0, 1);
	o->seed = seed;
	o->mlfq_levels = (int)tl_rng_range(&s, 1, 4);
	for (int i = 0; i < o->mlfq_levels; i++) {
		o->mlfq_quanta[i] = (int)tl_rng_range(&s, 1, 5);
		o->mlfq_allot[i] = (int)tl_rng_range(&s, 0, 8);
	}
	o->mlfq_boost = tl_rng_range(&s, 0, 1) ? tl_rng_range(&s, 5, 40) : 0;
	o->mlfq_io_stay = tl_rng_range(&s, 0, 1);
	o->mlfq_io_front = tl_rng_range(&s, 0, 1);
	o->mlfq_stallings = tl_rng_range(&s, 0, 3) == 0;
}

static struct sched_sim *new_sim(const struct sched_workload *w,
				 const char *policy,
				 const struct sched_opts *o)
{
	char err[256] = "";
	struct sched_sim *sim = sched_sim_new(w, policy, o, err, sizeof(err));

	if (!sim)
		print_error("%s: %s\n", policy, err);
	assert_non_null(sim);
	return sim;
}

/* ---- properties ---- */

static void check_properties(const struct sched_workload *w,
			     const char *policy, const struct sched_opts *o)
{
	struct sched_sim *sim = new_sim(w, policy, o);
	struct sched_result r;
	long *ran = calloc((size_t)w->njobs, sizeof(long));
	int n = w->njobs, *q = malloc((size_t)n * sizeof(int) + 1);

	assert_non_null(ran);
	for (;;) {
		long now = sched_sim_now(sim);
		int run = sched_sim_running(sim), nready = 0, inq = 0;

		/* the decided job is RUNNING, has arrived, is not blocked */
		if (run >= 0) {
			if (sched_sim_job_state(sim, run) != SCHED_JOB_RUNNING)
				print_error("%s t=%ld job %d\n", policy, now, run);
			assert_int_equal(sched_sim_job_state(sim, run),
					 SCHED_JOB_RUNNING);
			assert_true(w->jobs[run].arrival <= now);
			assert_true(sched_sim_job_cpu_left(sim, run) > 0);
		}
		for (int i = 0; i < n; i++) {
			enum sched_job_state st = sched_sim_job_state(sim, i);

			if (st == SCHED_JOB_READY)
				nready++;
			if (st == SCHED_JOB_NEW)
				assert_true(w->jobs[i].arrival > now);
			if (st == SCHED_JOB_BLOCKED)
				assert_true(sched_sim_job_io_left(sim, i) > 0);
		}
		/* every READY job is in exactly one ready queue */
		for (int k = 0; k < sched_sim_nqueues(sim); k++) {
			int m = sched_sim_queue(sim, k, q, n);

			assert_true(m >= 0);
			for (int i = 0; i < m; i++)
				assert_int_equal(sched_sim_job_state(sim, q[i]),
						 SCHED_JOB_READY);
			inq += m;
		}
		assert_int_equal(inq, nready);
		if (sched_sim_step(sim) == 0)
			break;
		/* what ran in the tick is what was decided (-1 while a
		 * context switch idles the CPU) */
		assert_int_equal(sched_sim_last_ran(sim), run);
		if (sched_sim_last_ran(sim) >= 0)
			ran[sched_sim_last_ran(sim)]++;
	}
	assert_true(sched_sim_done(sim));
	sched_sim_result(sim, &r);
	assert_int_equal(r.njobs, n);
	for (int i = 0; i < n; i++) {
		const struct sched_job_result *jr = &r.jobs[i];
		long cpu = 0, io = 0;

		for (int b = 0; b < w->jobs[i].nbursts; b++)
			*(b % 2 ? &io : &cpu) += w->jobs[i].bursts[b];
		assert_int_equal(sched_sim_job_state(sim, i), SCHED_JOB_DONE);
		assert_int_equal(jr->cpu_total, cpu);
		assert_int_equal(jr->io_total, io);
		assert_int_equal(ran[i], cpu);	/* CPU time = sum of bursts */
		assert_true(jr->first_run >= w->jobs[i].arrival);
		assert_int_equal(jr->response,
				 jr->first_run - w->jobs[i].arrival);
		assert_int_equal(jr->turnaround,
				 jr->finish - w->jobs[i].arrival);
		assert_int_equal(jr->waiting, jr->turnaround - cpu - io);
		assert_true(jr->waiting >= 0);
		assert_true(jr->finish <= r.makespan);
	}
	/* the Gantt chart covers [0, makespan) and agrees with the counts */
	{
		long t = 0, busy = 0;

		for (int s = 0; s < r.nsegments; s++) {
			assert_int_equal(r.gantt[s].start, t);
			assert_true(r.gantt[s].end > t);
			if (s > 0)
				assert_true(r.gantt[s].job !=
					    r.gantt[s - 1].job);
			if (r.gantt[s].job >= 0) {
				busy += r.gantt[s].end - t;
				assert_true(w->jobs[r.gantt[s].job].arrival <=
					    t);
			}
			t = r.gantt[s].end;
		}
		assert_int_equal(t, r.makespan);
		if (r.makespan > 0)
			assert_true(fabs(r.cpu_utilization -
					 (double)busy / (double)r.makespan) <
				    1e-9);
	}
	free(q);
	free(ran);
	sched_sim_free(sim);
}

static void test_properties(void **state)
{
	for (uint64_t seed = 1; seed <= 60; seed++) {
		struct sched_workload w;
		struct sched_opts o;

		random_workload(&w, seed, (int)(seed % 25) + 1, seed % 3 != 0);
		random_opts(&o, seed * 7919);
		for (int p = 0; sched_policy_names[p]; p++)
			check_properties(&w, sched_policy_names[p], &o);
		sched_workload_clear(&w);
	}
}

/* SRTF's average waiting is never worse than SJF's without IO. */
static void test_srtf_beats_sjf(void **state)
{
	for (uint64_t seed = 100; seed < 400; seed++) {
		struct sched_workload w;
		struct sched_opts o;
		struct sched_result a, b;
		struct sched_sim *sjf, *srtf;

		random_workload(&w, seed, (int)(seed % 30) + 1, false);
		sched_opts_init(&o);
		sjf = new_sim(&w, "sjf", &o);
		srtf = new_sim(&w, "srtf", &o);
		assert_int_equal(sched_sim_run(sjf), 0);
		assert_int_equal(sched_sim_run(srtf), 0);
		sched_sim_result(sjf, &a);
		sched_sim_result(srtf, &b);
		assert_true(b.avg_waiting <= a.avg_waiting + 1e-9);
		sched_sim_free(sjf);
		sched_sim_free(srtf);
		sched_workload_clear(&w);
	}
}

/* ---- seeking ---- */

struct fingerprint {
	uint64_t h;
	int nseg;
};

static void mix(uint64_t *h, uint64_t v)
{
	*h = (*h ^ v) * 0x100000001b3ULL;
}

static struct fingerprint fp_of2(struct sched_sim *sim, bool whole_gantt);

static struct fingerprint fp_of(struct sched_sim *sim)
{
	return fp_of2(sim, true);
}

/* The state at now; with !whole_gantt only the chart's last segment. */
static struct fingerprint fp_of2(struct sched_sim *sim, bool whole_gantt)
{
	const struct sched_workload *w = sched_sim_workload(sim);
	struct fingerprint f = { 0xcbf29ce484222325ULL, 0 };
	struct sched_result r;
	char why[512];
	int q[64];

	mix(&f.h, (uint64_t)sched_sim_now(sim));
	mix(&f.h, (uint64_t)sched_sim_running(sim));
	mix(&f.h, (uint64_t)sched_sim_last_ran(sim));
	for (int i = 0; i < w->njobs; i++) {
		mix(&f.h, sched_sim_job_state(sim, i));
		mix(&f.h, (uint64_t)sched_sim_job_cpu_left(sim, i));
		mix(&f.h, (uint64_t)sched_sim_job_io_left(sim, i));
		mix(&f.h, (uint64_t)sched_sim_job_level(sim, i));
		mix(&f.h, (uint64_t)sched_sim_job_allot_left(sim, i));
	}
	for (int k = 0; k < sched_sim_nqueues(sim); k++) {
		int m = sched_sim_queue(sim, k, q, 64);

		for (int i = 0; i < m && i < 64; i++)
			mix(&f.h, (uint64_t)q[i]);
	}
	sched_sim_why(sim, why, sizeof(why));
	for (const char *p = why; *p; p++)
		mix(&f.h, (uint64_t)(unsigned char)*p);
	sched_sim_result(sim, &r);
	f.nseg = r.nsegments;
	for (int s = whole_gantt || r.nsegments == 0 ? 0 : r.nsegments - 1;
	     s < r.nsegments; s++) {
		mix(&f.h, (uint64_t)r.gantt[s].start);
		mix(&f.h, (uint64_t)r.gantt[s].end);
		mix(&f.h, (uint64_t)r.gantt[s].job);
	}
	mix(&f.h, (uint64_t)r.context_switches);
	for (int i = 0; i < r.njobs; i++) {
		mix(&f.h, (uint64_t)r.jobs[i].first_run);
		mix(&f.h, (uint64_t)r.jobs[i].finish);
	}
	return f;
}

static void test_seek(void **state)
{
	for (uint64_t seed = 1; seed <= 12; seed++) {
		struct sched_workload w;
		struct sched_opts o;

		/* long enough (hundreds of ticks) for several snapshots */
		random_workload(&w, seed, 40, true);
		random_opts(&o, seed);
		for (int p = 0; sched_policy_names[p]; p++) {
			struct sched_sim *sim =
				new_sim(&w, sched_policy_names[p], &o);
			long end = sched_sim_end(sim);
			struct fingerprint *ref;
			uint64_t s = seed;

			assert_int_equal(sched_sim_now(sim), 0);
			assert_true(end > 0);
			ref = calloc((size_t)end + 1, sizeof(*ref));
			assert_non_null(ref);
			for (long t = 0; t <= end; t++) {
				ref[t] = fp_of(sim);
				assert_int_equal(sched_sim_step(sim),
						 t < end ? 1 : 0);
			}
			for (int k = 0; k < 60; k++) {
				long t = tl_rng_range(&s, 0, end);
				struct fingerprint f;

				assert_int_equal(sched_sim_seek(sim, t), 0);
				f = fp_of(sim);
				assert_int_equal(f.nseg, ref[t].nseg);
				assert_true(f.h == ref[t].h);
				/* one tick back, one forward */
				if (t > 0) {
					assert_int_equal(
						sched_sim_seek(sim, t - 1), 0);
					assert_true(fp_of(sim).h ==
						    ref[t - 1].h);
				}
			}
			assert_int_equal(sched_sim_seek(sim, end + 1), -EINVAL);
			assert_int_equal(sched_sim_now(sim), end);
			assert_int_equal(sched_sim_seek(sim, -1), -EINVAL);
			free(ref);
			sched_sim_free(sim);
		}
		sched_workload_clear(&w);
	}
}

/* Long runs: stepping back tick by tick uses the snapshots taken near
 * the previous seek back; every state still equals stepping from 0. */
static void test_seek_long(void **state)
{
	static const char *const pols[] = { "mlfq", "lottery" };
	struct sched_workload w;
	struct sched_opts o;
	uint64_t s = 7;

	sched_workload_init(&w);
	for (int i = 0; i < 30; i++) {
		struct sched_job j;
		long b[5];

		memset(&j, 0, sizeof(j));
		snprintf(j.name, sizeof(j.name), "L%d", i);
		j.arrival = tl_rng_range(&s, 0, 300000);
		j.nbursts = 5;
		for (int k = 0; k < 5; k++)
			b[k] = tl_rng_range(&s, 5000, 30000);
		j.bursts = b;
		j.tickets = tl_rng_range(&s, 1, 100);
		assert_int_equal(sched_workload_add(&w, &j), 0);
	}
	sched_opts_init(&o);
	o.quantum = 3;
	o.mlfq_boost = 500;
	for (size_t p = 0; p < sizeof(pols) / sizeof(pols[0]); p++) {
		struct sched_sim *sim = new_sim(&w, pols[p], &o);
		long end = sched_sim_end(sim);
		struct fingerprint *ref = calloc((size_t)end + 1, sizeof(*ref));

		assert_non_null(ref);
		/* long enough for regular snapshots > 512 ticks apart */
		assert_true(end > 1100000);
		for (long t = 0; t <= end; t++) {
			ref[t] = fp_of2(sim, false);
			sched_sim_step(sim);
		}
		for (long t = end; t > end - 300; t--) {
			assert_int_equal(sched_sim_seek(sim, t), 0);
			assert_true(fp_of2(sim, false).h == ref[t].h);
		}
		for (int k = 0; k < 20; k++) {
			long t = tl_rng_range(&s, 0, end);

			assert_int_equal(sched_sim_seek(sim, t), 0);
			assert_true(fp_of2(sim, false).h == ref[t].h);
			assert_int_equal(sched_sim_seek(sim, t - t / 3), 0);
			assert_true(fp_of2(sim, false).h == ref[t - t / 3].h);
		}
		free(ref);
		sched_sim_free(sim);
	}
	sched_workload_clear(&w);
}

/* ---- small hand-traced cases ---- */

static char *run_gantt(const char *jobs, const char *policy,
		       const struct sched_opts *o, struct sched_result *r,
		       struct sched_sim **simp, struct sched_workload *w)
{
	struct sched_sim *sim;

	assert_int_equal(tl_workload(w, jobs), 0);
	sim = new_sim(w, policy, o);
	assert_int_equal(sched_sim_run(sim), 0);
	sched_sim_result(sim, r);
	*simp = sim;
	return tl_gantt(r, w);
}

static void expect_gantt(const char *jobs, const char *policy,
			 const struct sched_opts *o, const char *want)
{
	struct sched_workload w;
	struct sched_result r;
	struct sched_sim *sim;
	char *g = run_gantt(jobs, policy, o, &r, &sim, &w);

	assert_string_equal(g, want);
	free(g);
	sched_sim_free(sim);
	sched_workload_clear(&w);
}

static void test_switch_cost(void **state)
{
	struct sched_opts o;
	struct sched_workload w;
	struct sched_result r;
	struct sched_sim *sim;
	char *g;

	sched_opts_init(&o);
	o.switch_cost = 1;
	g = run_gantt("A:0:2 B:0:2 C:0:1", "fcfs", &o, &r, &sim, &w);
	assert_string_equal(g, "AA-BB-C");
	assert_int_equal(r.context_switches, 2);
	assert_int_equal(r.jobs[1].waiting, 3);
	assert_int_equal(r.jobs[2].first_run, 6);
	assert_int_equal(r.makespan, 7);
	free(g);
	sched_sim_free(sim);
	sched_workload_clear(&w);

	/* the same job again (after its IO) is not a switch */
	o.switch_cost = 2;
	g = run_gantt("A:0:1/2/1", "rr", &o, &r, &sim, &w);
	assert_string_equal(g, "A--A");
	assert_int_equal(r.context_switches, 0);
	free(g);
	sched_sim_free(sim);
	sched_workload_clear(&w);

	/* RR q=1 A B alternate: every change is a switch */
	sched_opts_init(&o);
	o.quantum = 1;
	g = run_gantt("A:0:2 B:0:2", "rr", &o, &r, &sim, &w);
	assert_string_equal(g, "ABAB");
	assert_int_equal(r.context_switches, 3);
	free(g);
	sched_sim_free(sim);
	sched_workload_clear(&w);
}

static void test_io(void **state)
{
	struct sched_opts o;
	struct sched_workload w;
	struct sched_result r;
	struct sched_sim *sim;
	char *g;

	sched_opts_init(&o);
	/* a job ending with IO is done when the IO ends; IO is parallel */
	g = run_gantt("A:0:2/3 B:0:1/3/1 C:3:1", "fcfs", &o, &r, &sim, &w);
	assert_string_equal(g, "AABC--B");
	assert_int_equal(r.jobs[0].finish, 5);
	assert_int_equal(r.jobs[0].waiting, 0);
	assert_int_equal(r.jobs[1].finish, 7);
	assert_int_equal(r.jobs[1].waiting, 2);
	assert_int_equal(r.makespan, 7);
	assert_true(fabs(r.cpu_utilization - 5.0 / 7.0) < 1e-9);
	free(g);
	sched_sim_free(sim);
	sched_workload_clear(&w);

	/* late first arrival: the CPU idles, response counts from arrival */
	g = run_gantt("A:3:2", "rr", &o, &r, &sim, &w);
	assert_string_equal(g, "---AA");
	assert_int_equal(r.jobs[0].response, 0);
	assert_int_equal(r.jobs[0].turnaround, 2);
	free(g);
	sched_sim_free(sim);
	sched_workload_clear(&w);
}

/* Idle stretches are jumped over, yet look exactly like stepping. */
static void test_idle_jump(void **state)
{
	struct sched_opts o;
	struct sched_workload w;
	struct sched_result r;
	struct sched_sim *sim, *ref;
	char a[256], b[256];

	sched_opts_init(&o);
	o.mlfq_boost = 7;
	assert_int_equal(tl_workload(&w, "A:0:2/1000000/3 B:1000000000:2"),
			 0);
	sim = new_sim(&w, "mlfq", &o);
	assert_int_equal(sched_sim_run(sim), 0);
	sched_sim_result(sim, &r);
	assert_int_equal(r.makespan, 1000000002);
	assert_int_equal(r.nsegments, 5);
	assert_int_equal(r.gantt[1].start, 2);
	assert_int_equal(r.gantt[1].end, 1000002);
	assert_int_equal(r.gantt[1].job, -1);
	assert_int_equal(r.jobs[0].finish, 1000005);
	assert_int_equal(r.jobs[1].response, 0);
	/* the instant before B arrives, and around A's IO, as stepped */
	ref = new_sim(&w, "mlfq", &o);
	for (long t = 0; t < 1000010; t++) {
		if (t % 99991 == 0 || (t > 999990 && t < 1000010)) {
			assert_int_equal(sched_sim_seek(sim, t), 0);
			assert_string_equal(sched_sim_why(sim, a, sizeof(a)),
					    sched_sim_why(ref, b, sizeof(b)));
			assert_int_equal(sched_sim_last_ran(sim),
					 sched_sim_last_ran(ref));
			assert_int_equal(sched_sim_job_level(sim, 0),
					 sched_sim_job_level(ref, 0));
			assert_int_equal(sched_sim_job_io_left(sim, 0),
					 sched_sim_job_io_left(ref, 0));
		}
		assert_int_equal(sched_sim_step(ref), 1);
	}
	assert_int_equal(sched_sim_seek(sim, 999999999), 0);
	assert_string_equal(sched_sim_why(sim, a, sizeof(a)),
			    "t=999999999: nothing ready: CPU idle");
	assert_int_equal(sched_sim_seek(sim, 999999994), 0);
	assert_string_equal(sched_sim_why(sim, a, sizeof(a)),
			    "t=999999994: priority boost: every job back to "
			    "level 0; nothing ready: CPU idle");
	assert_int_equal(sched_sim_seek(sim, 1000000000), 0);
	assert_string_equal(sched_sim_why(sim, a, sizeof(a)),
			    "t=1000000000: B arrived; B runs (head of level 0, "
			    "quantum left 10, allotment left 10)");
	sched_sim_free(ref);
	sched_sim_free(sim);
	sched_workload_clear(&w);
}

static void mlfq_opts(struct sched_opts *o, int levels, int quantum)
{
	sched_opts_init(o);
	o->mlfq_levels = levels;
	for (int i = 0; i < levels; i++)
		o->mlfq_quanta[i] = quantum;
}

static void test_mlfq_knobs(void **state)
{
	struct sched_opts o;
	struct sched_workload w;
	struct sched_sim *sim;
	char lv[16];

	/* IO return to the tail (default) or the head (--mlfq-io-front: at t=6
	 * B goes in front of C, running at its level, and runs next: OSTEP -I) */
	mlfq_opts(&o, 1, 3);
	expect_gantt("A:0:9 B:0:1/2/2 C:0:9", "mlfq", &o,
		     "AAABCCCAAABBCCCAAACCC");
	o.mlfq_io_front = true;
	expect_gantt("A:0:9 B:0:1/2/2 C:0:9", "mlfq", &o,
		     "AAABCCBBCAAACCCAAACCC");

	/* OSTEP rule 4 (charged across IO) vs the gameable --mlfq-io-stay */
	mlfq_opts(&o, 2, 2);
	expect_gantt("A:0:8 B:0:1/1/1/1/1/1/1", "mlfq", &o, "AABABAAABAAB");
	o.mlfq_io_stay = true;
	expect_gantt("A:0:8 B:0:1/1/1/1/1/1/1", "mlfq", &o, "AABABABABAAA");

	/* boost every 3 ticks lifts a lone job back to level 0 */
	mlfq_opts(&o, 2, 2);
	o.mlfq_boost = 3;
	assert_int_equal(tl_workload(&w, "A:0:10"), 0);
	sim = new_sim(&w, "mlfq", &o);
	for (int t = 0; t < 10; t++) {
		lv[t] = (char)('0' + sched_sim_job_level(sim, 0));
		assert_int_equal(sched_sim_step(sim), 1);
	}
	lv[10] = '\0';
	assert_string_equal(lv, "0010010010");
	sched_sim_free(sim);
	sched_workload_clear(&w);

	/* a longer allotment: two quanta at level 0 before demotion */
	mlfq_opts(&o, 2, 2);
	o.mlfq_allot[0] = 4;
	assert_int_equal(tl_workload(&w, "A:0:6"), 0);
	sim = new_sim(&w, "mlfq", &o);
	for (int t = 0; t < 6; t++) {
		lv[t] = (char)('0' + sched_sim_job_level(sim, 0));
		assert_int_equal(sched_sim_step(sim), 1);
	}
	lv[6] = '\0';
	assert_string_equal(lv, "000011");
	sched_sim_free(sim);
	sched_workload_clear(&w);
}

static void test_why(void **state)
{
	struct sched_opts o;
	struct sched_workload w;
	struct sched_sim *sim;
	char buf[256];

	sched_opts_init(&o);
	o.quantum = 4;
	assert_int_equal(tl_workload(&w, "A:0:6 B:4:2"), 0);
	sim = new_sim(&w, "rr", &o);
	assert_string_equal(sched_sim_why(sim, buf, sizeof(buf)),
			    "t=0: A arrived; A runs (head of the queue, "
			    "quantum 4)");
	assert_int_equal(sched_sim_seek(sim, 4), 0);
	assert_string_equal(sched_sim_why(sim, buf, sizeof(buf)),
			    "t=4: quantum of A expired; B arrived and is "
			    "queued after A (OSTEP order); A runs (head of "
			    "the queue, quantum 4)");
	sched_sim_free(sim);

	o.convention = SCHED_CONV_TEXTBOOK;
	sim = new_sim(&w, "rr", &o);
	assert_int_equal(sched_sim_seek(sim, 4), 0);
	assert_string_equal(sched_sim_why(sim, buf, sizeof(buf)),
			    "t=4: quantum of A expired; B arrived and is "
			    "queued before A (textbook order); B runs (head "
			    "of the queue, quantum 4)");
	assert_int_equal(sched_sim_running(sim), 1);
	assert_int_equal(sched_sim_seek(sim, 8), 0);
	assert_string_equal(sched_sim_why(sim, buf, sizeof(buf)),
			    "t=8: A finished; all jobs done");
	/* a short buffer is truncated, never overrun */
	assert_int_equal(strlen(sched_sim_why(sim, buf, 8)), 7);
	sched_sim_free(sim);
	sched_workload_clear(&w);

	sched_opts_init(&o);
	assert_int_equal(tl_workload(&w, "A:0:5 B:1:1"), 0);
	sim = new_sim(&w, "srtf", &o);
	assert_int_equal(sched_sim_step(sim), 1);
	assert_string_equal(sched_sim_why(sim, buf, sizeof(buf)),
			    "t=1: B arrived; B preempts A (shortest "
			    "remaining CPU burst: 1)");
	sched_sim_free(sim);
	sched_workload_clear(&w);
}

/* Why lines for MLFQ, Stallings' feedback, lottery and switch costs. */
static void test_why_more(void **state)
{
	static const struct {
		const char *policy, *jobs;
		bool stallings, textbook;
		int levels, quantum, switch_cost;
		long t;
		const char *want;
	} rows[] = {
		{ "mlfq", "A:0:9 B:0:1/2/2 C:3:9", false, false, 2, 3, 0, 3,
		  "t=3: quantum of A expired (demoted to level 1); C arrived; "
		  "B runs (head of level 0, quantum left 3, allotment left "
		  "3)" },
		{ "mlfq", "A:0:9 B:0:1/2/2 C:3:9", false, false, 2, 3, 0, 4,
		  "t=4: B started IO until 6; C runs (head of level 0, "
		  "quantum left 3, allotment left 3)" },
		{ "mlfq", "A:0:9 B:0:1/2/2 C:3:9", false, false, 2, 3, 0, 7,
		  "t=7: quantum of C expired (demoted to level 1); B runs "
		  "(head of level 0, quantum left 2, allotment left 3)" },
		{ "mlfq", "A:0:3 B:2:6", true, true, 8, 1, 0, 1,
		  "t=1: quantum of A expired (nobody else ready: stays at "
		  "level 0); A runs (head of level 0, quantum left 1, "
		  "allotment left 1)" },
		{ "rr", "A:0:2 B:0:2", false, false, 3, 4, 1, 2,
		  "t=2: A finished; B runs (head of the queue, quantum 4); "
		  "context switch: CPU idle for 1 tick" },
		{ "rr", "A:0:2 B:0:2", false, false, 3, 4, 1, 3,
		  "t=3: B runs after the context switch" },
		{ "rr", "A:0:2 B:0:2", false, false, 3, 4, 2, 3,
		  "t=3: context switch to B: CPU idle (1 more)" },
		{ "lottery", "A:0:2:t=75 B:0:2:t=25", false, false, 3, 1, 0, 0,
		  "t=0: A and B arrived; B runs (winning ticket 85 of 100, 25 "
		  "tickets)" },
		{ "hrrn", "A:0:3 B:1:5 C:2:1", false, false, 3, 1, 0, 3,
		  "t=3: A finished; C runs (highest response ratio (1+1)/1 = "
		  "2.00)" },
	};
	long draws[] = { 85, 10 };

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct sched_opts o;
		struct sched_workload w;
		struct sched_sim *sim;
		char buf[256];

		mlfq_opts(&o, rows[i].levels, rows[i].quantum);
		o.quantum = rows[i].quantum;
		o.mlfq_stallings = rows[i].stallings;
		if (rows[i].textbook)
			o.convention = SCHED_CONV_TEXTBOOK;
		o.switch_cost = rows[i].switch_cost;
		o.draws = draws;
		o.ndraws = 2;
		assert_int_equal(tl_workload(&w, rows[i].jobs), 0);
		sim = new_sim(&w, rows[i].policy, &o);
		assert_int_equal(sched_sim_seek(sim, rows[i].t), 0);
		assert_string_equal(sched_sim_why(sim, buf, sizeof(buf)),
				    rows[i].want);
		sched_sim_free(sim);
		sched_workload_clear(&w);
	}
}

static void test_api(void **state)
{
	struct sched_opts o;
	struct sched_workload w, w2;
	struct sched_sim *sim;
	char err[128];
	int n = 0;

	for (; sched_policy_names[n]; n++) {
		assert_true(sched_policy_exists(sched_policy_names[n]));
		assert_non_null(sched_policy_describe(sched_policy_names[n]));
		assert_true(strncmp(sched_policy_describe(
					    sched_policy_names[n]),
				    sched_policy_names[n],
				    strlen(sched_policy_names[n])) == 0);
	}
	assert_int_equal(n, 13);	/* and procrun */
	assert_false(sched_policy_exists("nope"));
	assert_null(sched_policy_describe("nope"));

	assert_int_equal(tl_workload(&w, "A:0:3 B:1:2"), 0);
	sched_opts_init(&o);
	assert_int_equal(o.quantum, 4);
	assert_int_equal(o.mlfq_levels, 3);
	assert_int_equal(o.mlfq_quanta[0], 10);
	assert_null(sched_sim_new(&w, "nope", &o, err, sizeof(err)));
	assert_string_equal(err, "unknown policy 'nope'");
	o.quantum = 0;
	assert_null(sched_sim_new(&w, "rr", &o, err, sizeof(err)));
	assert_string_equal(err, "quantum must be at least 1");
	sched_opts_init(&o);
	o.mlfq_levels = 17;
	assert_null(sched_sim_new(&w, "mlfq", &o, err, sizeof(err)));
	sched_opts_init(&o);

	/* the simulation owns a copy of the workload */
	assert_int_equal(sched_workload_copy(&w2, &w), 0);
	sim = sched_sim_new(&w2, "fcfs", NULL, err, sizeof(err));
	assert_non_null(sim);
	sched_workload_clear(&w2);
	assert_string_equal(sched_sim_policy(sim), "fcfs");
	assert_string_equal(sched_sim_workload(sim)->jobs[1].name, "B");
	assert_int_equal(sched_sim_opts(sim)->quantum, 4);
	assert_int_equal(sched_sim_end(sim), 5);
	assert_int_equal(sched_sim_now(sim), 0);
	assert_int_equal(sched_sim_last_ran(sim), -1);
	assert_int_equal(sched_sim_running(sim), 0);
	assert_int_equal(sched_sim_job_state(sim, 1), SCHED_JOB_NEW);
	assert_int_equal(sched_sim_job_cpu_left(sim, 1), 2);
	assert_int_equal(sched_sim_job_level(sim, 0), 0);
	assert_int_equal(sched_sim_job_allot_left(sim, 0), -1);
	assert_int_equal(sched_sim_step(sim), 1);
	assert_int_equal(sched_sim_last_ran(sim), 0);
	assert_int_equal(sched_sim_job_state(sim, 1), SCHED_JOB_READY);
	sched_sim_free(sim);
	sched_sim_free(NULL);

	/* bad workloads are refused with a message */
	{
		struct sched_workload bad;
		long b[] = { 0 };
		struct sched_job j;

		memset(&j, 0, sizeof(j));
		snprintf(j.name, sizeof(j.name), "Z");
		j.bursts = b;
		j.nbursts = 1;
		sched_workload_init(&bad);
		assert_int_equal(sched_workload_add(&bad, &j), 0);
		assert_null(sched_sim_new(&bad, "fcfs", &o, err, sizeof(err)));
		assert_string_equal(err,
				    "job Z has a CPU burst shorter than 1 tick");
		j.nbursts = 0;
		assert_int_equal(sched_workload_add(&bad, &j), -EINVAL);
		sched_workload_clear(&bad);
	}

	/* heap-ordered queues are listed in pick order, ties FIFO */
	{
		struct sched_workload wq;
		int ids[8];

		assert_int_equal(tl_workload(&wq, "A:0:9 B:1:5 C:1:3 D:1:4 "
					     "E:1:3 F:1:1/4/1"), 0);
		sim = sched_sim_new(&wq, "sjf", &o, err, sizeof(err));
		assert_non_null(sim);
		assert_int_equal(sched_sim_step(sim), 1);
		assert_int_equal(sched_sim_queue(sim, 0, ids, 8), 5);
		assert_int_equal(ids[0], 5);
		assert_int_equal(ids[1], 2);
		assert_int_equal(ids[2], 4);
		assert_int_equal(ids[3], 3);
		assert_int_equal(ids[4], 1);
		assert_int_equal(sched_sim_queue(sim, 0, ids, 2), 5);
		assert_int_equal(ids[0], 5);
		assert_int_equal(ids[1], 2);
		/* F runs [9,10) after A, then IO until 14: 3 ticks left at 11 */
		assert_int_equal(sched_sim_seek(sim, 11), 0);
		assert_int_equal(sched_sim_job_state(sim, 5), SCHED_JOB_BLOCKED);
		assert_int_equal(sched_sim_job_io_left(sim, 5), 3);
		assert_int_equal(sched_sim_job_cpu_left(sim, 5), 0);
		sched_sim_free(sim);
		sched_workload_clear(&wq);
	}

	/* an empty workload is done at once */
	sched_workload_init(&w2);
	sim = sched_sim_new(&w2, "mlfq", &o, err, sizeof(err));
	assert_non_null(sim);
	assert_true(sched_sim_done(sim));
	assert_int_equal(sched_sim_step(sim), 0);
	assert_int_equal(sched_sim_end(sim), 0);
	sched_sim_free(sim);
	sched_workload_clear(&w);
}

/* Lottery is reproducible from the seed and fair on average. */
static void test_lottery_seed(void **state)
{
	struct sched_opts o;
	struct sched_workload w;
	struct sched_result r1, r2;
	struct sched_sim *a, *b;
	char *g1, *g2;
	long na = 0;

	sched_opts_init(&o);
	o.quantum = 1;
	o.seed = 42;
	assert_int_equal(tl_workload(&w, "A:0:3000:t=300 B:0:3000:t=100"), 0);
	a = new_sim(&w, "lottery", &o);
	b = new_sim(&w, "lottery", &o);
	assert_int_equal(sched_sim_run(a), 0);
	assert_int_equal(sched_sim_run(b), 0);
	sched_sim_result(a, &r1);
	sched_sim_result(b, &r2);
	g1 = tl_gantt(&r1, &w);
	g2 = tl_gantt(&r2, &w);
	assert_string_equal(g1, g2);
	for (int t = 0; t < 2000; t++)
		na += g1[t] == 'A';
	/* 3:1 tickets: about 1500 of the first 2000 ticks */
	assert_true(na > 1400 && na < 1600);
	free(g1);
	free(g2);
	sched_sim_free(a);
	sched_sim_free(b);
	sched_workload_clear(&w);
}

/* Stride and CFS share the CPU in proportion to tickets / weight. */
static void test_proportional(void **state)
{
	struct sched_opts o;
	struct sched_workload w;
	struct sched_result r;
	struct sched_sim *sim;
	char *g;
	long na = 0;

	sched_opts_init(&o);
	o.quantum = 1;
	g = run_gantt("A:0:1000:t=200 B:0:1000:t=100", "stride", &o, &r, &sim,
		      &w);
	for (int t = 0; t < 900; t++)
		na += g[t] == 'A';
	assert_int_equal(na, 600);
	free(g);
	sched_sim_free(sim);
	sched_workload_clear(&w);

	/* nice 0 vs nice 5: weights 1024 : 335, about 3 : 1 */
	na = 0;
	g = run_gantt("A:0:1000:n=0 B:0:1000:n=5", "cfs", &o, &r, &sim, &w);
	for (int t = 0; t < 1000; t++)
		na += g[t] == 'A';
	assert_true(na > 740 && na < 770);
	free(g);
	sched_sim_free(sim);
	sched_workload_clear(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_properties),
		cmocka_unit_test(test_srtf_beats_sjf),
		cmocka_unit_test(test_seek),
		cmocka_unit_test(test_seek_long),
		cmocka_unit_test(test_switch_cost),
		cmocka_unit_test(test_io),
		cmocka_unit_test(test_idle_jump),
		cmocka_unit_test(test_mlfq_knobs),
		cmocka_unit_test(test_why),
		cmocka_unit_test(test_why_more),
		cmocka_unit_test(test_api),
		cmocka_unit_test(test_lottery_seed),
		cmocka_unit_test(test_proportional),
	};

	return cmocka_run_group_tests_name("sched engine", tests, NULL, NULL);
}
