/*
 * tests/unit/test_sched_ostep.c - the engine against answers printed by
 * OSTEP's homework simulators themselves (process-run.py, mlfq.py,
 * lottery.py), on small hand-picked cases that pin down the rules the
 * differential harness (tests/e2e/ostep.py) found: process-run's choice of
 * the next process and of the IO-done one, mlfq.py's boost (order and
 * quantum), lottery.py's whole slices, a zero-length IO.  The expected
 * strings are the simulators' output, transcribed.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/sched_testlib.h"

/* process-run's table as "states,cpu,ios[*] ..." (c i d r b x codes). */
static char *pr_table(const char *programs, long io, bool end, bool now)
{
	static const char code[] = { [SCHED_PR_NEW] = 'n',
		[SCHED_PR_READY] = 'r', [SCHED_PR_RUN_CPU] = 'c',
		[SCHED_PR_RUN_IO] = 'i', [SCHED_PR_RUN_IO_DONE] = 'd',
		[SCHED_PR_BLOCKED] = 'b', [SCHED_PR_DONE] = 'x' };
	struct sched_workload w;
	struct sched_opts o;
	struct sched_pr_table t;
	char err[256], *out = malloc(8192);
	size_t n = 0;

	assert_non_null(out);
	assert_int_equal(sched_workload_parse_jobs(programs, &w, err,
						   sizeof(err)), 0);
	sched_workload_set_io_length(&w, io);
	sched_opts_init(&o);
	o.procrun_switch_end = end;
	o.procrun_io_now = now;
	assert_int_equal(sched_pr_table_build(&w, "procrun", &o, &t, err,
					      sizeof(err)), 0);
	out[0] = '\0';
	for (long r = 0; r < t.nrows && n < 8000; r++) {
		n += (size_t)snprintf(out + n, 8192 - n, "%s", r ? " " : "");
		for (int j = 0; j < t.njobs; j++)
			out[n++] = code[t.cells[r * t.njobs + j]];
		n += (size_t)snprintf(out + n, 8192 - n, ",%d,%d%s", t.cpu[r],
				      t.ios[r], t.io_done[r] ? "*" : "");
	}
	sched_pr_table_free(&t);
	sched_workload_clear(&w);
	return out;
}

static void test_process_run(void **state)
{
	char *s;

	(void)state;
	/* process-run.py -P c2,i,c1:c3 -L 2 -c -p */
	s = pr_table("c2,i,c1:c3", 2, false, false);
	assert_string_equal(s, "cr,1,0 cr,1,0 ir,1,0 bc,1,1 bc,1,1 rc,1,0* "
			    "dx,1,0 cx,1,0");
	free(s);
	/* -P i,c1:c2,i -L 1 -S SWITCH_ON_END -I IO_RUN_IMMEDIATE */
	s = pr_table("i,c1:c2,i", 1, true, true);
	assert_string_equal(s, "ir,1,0 br,0,1 dr,1,0* cr,1,0 xc,1,0 xc,1,0 "
			    "xi,1,0 xb,0,1 xd,1,0*");
	free(s);
	/* -P c1,i:i,c1:c2 -L 3 -I IO_RUN_IMMEDIATE */
	s = pr_table("c1,i:i,c1:c2", 3, false, true);
	assert_string_equal(s, "crr,1,0 irr,1,0 bir,1,1 bbc,1,2 bbc,1,2 "
			    "dbx,1,1* xdx,1,0* xcx,1,0");
	free(s);
}

static char *run_gantt(const char *spec, const char *policy,
		       const struct sched_opts *o, struct sched_result *r,
		       struct sched_sim **simp)
{
	struct sched_workload w;
	char err[256];
	struct sched_sim *sim;

	assert_int_equal(tl_workload(&w, spec), 0);
	sim = sched_sim_new(&w, policy, o, err, sizeof(err));
	assert_non_null(sim);
	assert_int_equal(sched_sim_run(sim), 0);
	sched_sim_result(sim, r);
	*simp = sim;
	{
		char *g = tl_gantt(r, sched_sim_workload(sim));

		sched_workload_clear(&w);
		return g;
	}
}

static void test_mlfq_boost(void **state)
{
	struct sched_opts o;
	struct sched_result r;
	struct sched_sim *sim;
	char *g;

	(void)state;
	/*
	 * mlfq.py -l 0,30,0:2,8,3 -n 2 -q 4 -B 8 -i 2 -c: job 0 expires at
	 * 8 with the boost (queued first, then boosted), and after a boost
	 * the quantum is the allotment (1 tick) - mlfq.py's own boost.
	 */
	sched_opts_init(&o);
	o.mlfq_levels = 2;
	o.mlfq_quanta[0] = o.mlfq_quanta[1] = 4;
	o.mlfq_boost = 8;
	o.mlfq_boost_ostep = true;
	g = run_gantt("A:0:30 B:2:3/2/3/2/2", "mlfq", &o, &r, &sim);
	assert_string_equal(g, "AAAABBBAABAAAABBAABAAABAAAAAAAAAAAAAAA");
	assert_int_equal(r.jobs[0].turnaround, 38);
	assert_int_equal(r.jobs[1].turnaround, 21);
	assert_int_equal(r.jobs[1].response, 2);
	free(g);
	sched_sim_free(sim);

	/* mlfq.py -l 0,5,2 -i 0 -c: each IO completes as it starts */
	sched_opts_init(&o);
	g = run_gantt("A:0:2/0/2/0/1", "mlfq", &o, &r, &sim);
	assert_string_equal(g, "AAAAA");
	assert_int_equal(r.jobs[0].turnaround, 5);
	free(g);
	sched_sim_free(sim);
}

static void test_lottery_whole_slice(void **state)
{
	static const long draws[] = { 134364, 847434, 763775 };
	struct sched_opts o;
	struct sched_result r;
	struct sched_sim *sim;
	char *g;

	(void)state;
	/*
	 * lottery.py -q 2 -l 3:10,2:5 -s 1 -c: job 0 runs 2, then 1 and
	 * holds its slice, DONE at time 4; job 1 DONE at 6.
	 */
	sched_opts_init(&o);
	o.quantum = 2;
	o.whole_slice = true;
	o.draws = draws;
	o.ndraws = 3;
	g = run_gantt("A:0:3:t=10 B:0:2:t=5", "lottery", &o, &r, &sim);
	assert_string_equal(g, "AAAABB");
	assert_int_equal(r.jobs[0].finish, 4);
	assert_int_equal(r.jobs[1].finish, 6);
	assert_int_equal(r.jobs[0].cpu_total, 3);
	free(g);
	sched_sim_free(sim);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_process_run),
		cmocka_unit_test(test_mlfq_boost),
		cmocka_unit_test(test_lottery_whole_slice),
	};

	return cmocka_run_group_tests_name("sched ostep", tests, NULL, NULL);
}
