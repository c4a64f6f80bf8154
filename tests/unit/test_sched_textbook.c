/*
 * tests/unit/test_sched_textbook.c - every published answer we know of,
 * to the tick: the 48 cases of shared/cases/textbook.json (Silberschatz,
 * Stallings, OSTEP, exam questions), transcribed into the table below,
 * plus the OSTEP MLFQ figure and the two conventions where they
 * differ.  Each row: workload, policy, options, then whatever the source
 * publishes (Gantt string one char per tick = last char of the job name,
 * per-job finish/turnaround/waiting/response, averages, switches,
 * completion order, an IO completion instant).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tests/unit/sched_testlib.h"

struct tcase {
	const char *id, *policy, *jobs;
	int quantum;		/* 0 = default */
	bool textbook, high_first, stallings, io_stay, io_front;
	int levels;
	const char *mlfq_quanta, *mlfq_allot, *draws;
	long boost, stride_big;
	const char *gantt;
	const char *finish, *tat, *wait, *resp;	/* per job, -1 = n/a */
	double avg_wait, avg_tat, avg_resp, avg_ntat;	/* 0 = n/a */
	long switches;		/* 0 = n/a */
	const char *order;	/* completion order */
	const char *io_job;	/* job whose first IO ends at io_done */
	long io_done;
};

static const struct tcase cases[] = {
	{
		.id = "sil-fcfs-24-3-3",
		.policy = "fcfs",
		.jobs = "P1:0:24 P2:0:3 P3:0:3",
		.wait = "0 24 27",
		.avg_wait = 17.0,
	},
	{
		.id = "sil-fcfs-3-3-24",
		.policy = "fcfs",
		.jobs = "P2:0:3 P3:0:3 P1:0:24",
		.wait = "0 3 6",
		.avg_wait = 3.0,
	},
	{
		.id = "sil-sjf-6-8-7-3",
		.policy = "sjf",
		.jobs = "P1:0:6 P2:0:8 P3:0:7 P4:0:3",
		.wait = "3 16 9 0",
		.avg_wait = 7.0,
	},
	{
		.id = "sil-sjf-6-8-7-3-as-fcfs",
		.policy = "fcfs",
		.jobs = "P1:0:6 P2:0:8 P3:0:7 P4:0:3",
		.avg_wait = 10.25,
	},
	{
		.id = "sil-srtf-8-4-9-5",
		.policy = "srtf",
		.jobs = "P1:0:8 P2:1:4 P3:2:9 P4:3:5",
		.gantt = "12222444441111111333333333",
		.wait = "9 0 15 2",
		.finish = "17 5 26 10",
		.avg_wait = 6.5,
	},
	{
		.id = "sil-srtf-set-as-nonpreemptive-sjf",
		.policy = "sjf",
		.jobs = "P1:0:8 P2:1:4 P3:2:9 P4:3:5",
		.wait = "0 7 15 9",
		.avg_wait = 7.75,
	},
	{
		.id = "sil-priority-np",
		.policy = "prio",
		.jobs = "P1:0:10:p=3 P2:0:1:p=1 P3:0:2:p=4 P4:0:1:p=5 P5:0:5:p=2",
		.gantt = "2555551111111111334",
		.wait = "6 0 16 18 1",
		.avg_wait = 8.2,
	},
	{
		.id = "sil-rr-q4",
		.policy = "rr",
		.quantum = 4,
		.jobs = "P1:0:24 P2:0:3 P3:0:3",
		.wait = "6 4 7",
		.avg_wait = 5.66,
	},
	{
		.id = "sil10-priority-rr-q2",
		.policy = "prio-rr",
		.quantum = 2,
		.jobs = "P1:0:4:p=3 P2:0:5:p=2 P3:0:8:p=2 P4:0:7:p=1 P5:0:3:p=3",
		.gantt = "444444422332233233331155115",
	},
	{
		.id = "stallings-fcfs",
		.policy = "fcfs",
		.jobs = "A:0:3 B:2:6 C:4:4 D:6:5 E:8:2",
		.gantt = "AAABBBBBBCCCCDDDDDEE",
		.finish = "3 9 13 18 20",
		.tat = "3 7 9 12 12",
		.avg_tat = 8.6,
		.avg_ntat = 2.56,
	},
	{
		.id = "stallings-rr-q1",
		.policy = "rr",
		.quantum = 1,
		.textbook = true,
		.jobs = "A:0:3 B:2:6 C:4:4 D:6:5 E:8:2",
		.gantt = "AABABCBDCBEDCBEDCBDD",
		.finish = "4 18 17 20 15",
		.tat = "4 16 13 14 7",
		.avg_tat = 10.8,
		.avg_ntat = 2.71,
	},
	{
		.id = "stallings-rr-q4",
		.policy = "rr",
		.quantum = 4,
		.textbook = true,
		.jobs = "A:0:3 B:2:6 C:4:4 D:6:5 E:8:2",
		.gantt = "AAABBBBCCCCDDDDBBEED",
		.finish = "3 17 11 20 19",
		.tat = "3 15 7 14 11",
		.avg_tat = 10.0,
		.avg_ntat = 2.71,
	},
	{
		.id = "stallings-spn",
		.policy = "sjf",
		.jobs = "A:0:3 B:2:6 C:4:4 D:6:5 E:8:2",
		.gantt = "AAABBBBBBEECCCCDDDDD",
		.finish = "3 9 15 20 11",
		.tat = "3 7 11 14 3",
		.avg_tat = 7.6,
		.avg_ntat = 1.84,
	},
	{
		.id = "stallings-srt",
		.policy = "srtf",
		.jobs = "A:0:3 B:2:6 C:4:4 D:6:5 E:8:2",
		.gantt = "AAABCCCCEEBBBBBDDDDD",
		.finish = "3 15 8 20 10",
		.tat = "3 13 4 14 2",
		.avg_tat = 7.2,
		.avg_ntat = 1.59,
	},
	{
		.id = "stallings-hrrn",
		.policy = "hrrn",
		.jobs = "A:0:3 B:2:6 C:4:4 D:6:5 E:8:2",
		.gantt = "AAABBBBBBCCCCEEDDDDD",
		.finish = "3 9 13 20 15",
		.tat = "3 7 9 14 7",
		.avg_tat = 8.0,
		.avg_ntat = 2.14,
	},
	{
		.id = "stallings-fb-q1",
		.policy = "mlfq",
		.textbook = true,
		.levels = 8,
		.mlfq_quanta = "1,1,1,1,1,1,1,1",
		.mlfq_allot = "1,1,1,1,1,1,1,1",
		.stallings = true,
		.jobs = "A:0:3 B:2:6 C:4:4 D:6:5 E:8:2",
		.gantt = "AABACBDCEDEBCDBCDBDB",
		.finish = "4 20 16 19 11",
		.tat = "4 18 12 13 3",
		.avg_tat = 10.0,
		.avg_ntat = 2.29,
	},
	{
		.id = "stallings-fb-q2i",
		.policy = "mlfq",
		.textbook = true,
		.levels = 6,
		.mlfq_quanta = "1,2,4,8,16,32",
		.mlfq_allot = "1,2,4,8,16,32",
		.stallings = true,
		.jobs = "A:0:3 B:2:6 C:4:4 D:6:5 E:8:2",
		.gantt = "AABACBBDECCDDEBBBCDD",
		.finish = "4 17 18 20 14",
		.tat = "4 15 14 14 6",
		.avg_tat = 10.6,
		.avg_ntat = 2.63,
	},
	{
		.id = "ostep7-fifo-3x10",
		.policy = "fcfs",
		.jobs = "A:0:10 B:0:10 C:0:10",
		.avg_tat = 20.0,
	},
	{
		.id = "ostep7-fifo-convoy",
		.policy = "fcfs",
		.jobs = "A:0:100 B:0:10 C:0:10",
		.avg_tat = 110.0,
	},
	{
		.id = "ostep7-sjf-convoy",
		.policy = "sjf",
		.jobs = "A:0:100 B:0:10 C:0:10",
		.avg_tat = 50.0,
		.order = "B C A",
	},
	{
		.id = "ostep7-sjf-late",
		.policy = "sjf",
		.jobs = "A:0:100 B:10:10 C:10:10",
		.avg_tat = 103.33,
	},
	{
		.id = "ostep7-stcf-late",
		.policy = "srtf",
		.jobs = "A:0:100 B:10:10 C:10:10",
		.resp = "0 0 10",
		.avg_tat = 50.0,
		.avg_resp = 3.33,
	},
	{
		.id = "ostep7-sjf-3x5-response",
		.policy = "sjf",
		.jobs = "A:0:5 B:0:5 C:0:5",
		.avg_resp = 5.0,
	},
	{
		.id = "ostep7-rr-3x5",
		.policy = "rr",
		.quantum = 1,
		.jobs = "A:0:5 B:0:5 C:0:5",
		.finish = "13 14 15",
		.avg_tat = 14.0,
		.avg_resp = 1.0,
	},
	{
		.id = "ostep9-lottery-example",
		.policy = "lottery",
		.quantum = 1,
		.draws = "63,85,70,39,76,17,29,41,36,39,10,99,68,83,63,62,43,0,49,49",
		.jobs = "A:0:16:t=75 B:0:4:t=25",
		.gantt = "ABAABAAAAAABABAAAAAA",
	},
	{
		.id = "ostep9-stride-fig9.3",
		.policy = "stride",
		.quantum = 1,
		.stride_big = 10000,
		.jobs = "A:0:2:t=100 B:0:1:t=50 C:0:5:t=250",
		.gantt = "ABCCCACC",
	},
	{
		.id = "tanenbaum-sjf-8-4-4-4",
		.policy = "sjf",
		.jobs = "A:0:8 B:0:4 C:0:4 D:0:4",
		.tat = "20 4 8 12",
		.avg_tat = 11.0,
	},
	{
		.id = "gate2004-q46-srpt",
		.policy = "srtf",
		.jobs = "P1:0:5 P2:1:3 P3:2:3 P4:4:1",
		.tat = "12 3 6 1",
		.avg_tat = 5.5,
	},
	{
		.id = "gate2006-srtf-context-switches",
		.policy = "srtf",
		.jobs = "P0:0:10 P1:2:20 P2:6:30",
		.gantt = "000000000011111111111111111111222222222222222222222222222222",
		.switches = 2,
	},
	{
		.id = "gate2011-psjf",
		.policy = "srtf",
		.jobs = "P0:0:9 P1:1:4 P2:2:9",
		.wait = "4 0 11",
		.avg_wait = 5.0,
	},
	{
		.id = "gate2012-fcfs-order",
		.policy = "fcfs",
		.jobs = "P1:0:5 P2:1:7 P3:3:4",
		.order = "P1 P2 P3",
	},
	{
		.id = "gate2012-rr2-order",
		.policy = "rr",
		.quantum = 2,
		.jobs = "P1:0:5 P2:1:7 P3:3:4",
		.order = "P1 P3 P2",
	},
	{
		.id = "gate2014-1-srtf",
		.policy = "srtf",
		.jobs = "A:0:6 B:3:2 C:5:4 D:7:6 E:10:3",
		.tat = "8 2 7 14 5",
		.avg_tat = 7.2,
	},
	{
		.id = "gate2014-2-rr-io",
		.policy = "rr",
		.quantum = 50,
		.textbook = true,
		.jobs = "A:0:100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500/100/500 B:5:350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500/350/500 C:10:200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500/200/500",
		.io_job = "C",
		.io_done = 1000,
	},
	{
		.id = "gate2014-3-srtf",
		.policy = "srtf",
		.jobs = "P1:0:12 P2:2:4 P3:3:6 P4:8:5",
		.wait = "15 0 3 4",
		.avg_wait = 5.5,
	},
	{
		.id = "gate2015-3-fcfs",
		.policy = "fcfs",
		.jobs = "A:0:3 B:1:6 C:4:4 D:6:2",
		.tat = "3 8 9 9",
		.avg_tat = 7.25,
	},
	{
		.id = "gate2015-3-sjf",
		.policy = "sjf",
		.jobs = "A:0:3 B:1:6 C:4:4 D:6:2",
		.tat = "3 8 11 5",
		.avg_tat = 6.75,
	},
	{
		.id = "gate2015-3-srt",
		.policy = "srtf",
		.jobs = "A:0:3 B:1:6 C:4:4 D:6:2",
		.tat = "3 14 4 4",
		.avg_tat = 6.25,
	},
	{
		.id = "gate2015-3-rr2",
		.policy = "rr",
		.quantum = 2,
		.textbook = true,
		.jobs = "A:0:3 B:1:6 C:4:4 D:6:2",
		.gantt = "AABBACCBBDDCCBB",
		.tat = "5 14 9 5",
		.avg_tat = 8.25,
	},
	{
		.id = "gate2016-2-srtf",
		.policy = "srtf",
		.jobs = "P1:0:10 P2:3:6 P3:7:1 P4:8:3",
		.tat = "20 7 1 5",
		.avg_tat = 8.25,
	},
	{
		.id = "gate2017-1-srtf",
		.policy = "srtf",
		.jobs = "P1:0:7 P2:3:3 P3:5:5 P4:6:2",
		.wait = "5 0 7 0",
		.avg_wait = 3.0,
	},
	{
		.id = "gate2017-2-prio-preemptive",
		.policy = "pprio",
		.jobs = "P1:0:11:p=2 P2:5:28:p=0 P3:12:2:p=3 P4:2:10:p=1 P5:9:16:p=4",
		.gantt = "1144422222222222222222222222222224444444111111111335555555555555555",
		.wait = "38 0 37 28 42",
		.finish = "49 33 51 40 67",
		.avg_wait = 29.0,
	},
	{
		.id = "gate2019-srtf-z2",
		.policy = "srtf",
		.jobs = "P1:0:3 P2:1:1 P3:3:3 P4:4:2",
		.wait = "1 0 3 0",
		.avg_wait = 1.0,
	},
	{
		.id = "gate2020-sjf",
		.policy = "sjf",
		.jobs = "P1:0:8 P2:0:7 P3:0:2 P4:0:4",
		.avg_tat = 10.5,
	},
	{
		.id = "gate2020-rr4",
		.policy = "rr",
		.quantum = 4,
		.jobs = "P1:0:8 P2:0:7 P3:0:2 P4:0:4",
		.finish = "18 21 10 14",
		.avg_tat = 15.75,
	},
	{
		.id = "gate2025-srtf",
		.policy = "srtf",
		.jobs = "P1:0:10 P2:1:13 P3:2:6 P4:8:9",
		.tat = "16 37 6 17",
		.avg_tat = 19.0,
	},
	{
		.id = "depaul-fcfs",
		.policy = "fcfs",
		.jobs = "P1:0:4 P2:1:6 P3:2:4",
		.wait = "0 3 8",
		.finish = "4 10 14",
		.avg_wait = 3.667,
	},
	{
		.id = "depaul-rr-q3",
		.policy = "rr",
		.quantum = 3,
		.jobs = "P1:0:4 P2:1:6 P3:2:4",
		.gantt = "11122233312223",
		.wait = "6 6 8",
		.finish = "10 13 14",
		.avg_wait = 6.667,
	},
	/* OSTEP's MLFQ chapter, one long job and one short one */
	{
		.id = "ostep8-mlfq-180-20",
		.policy = "mlfq",
		.jobs = "A:0:180 B:100:20",
		.tat = "200 20",
		.finish = "200 120",
	},
	/* Stallings RR q=1 under the OSTEP convention (traced by hand: the
	 * expired job is queued before the arrival, so t=2 A runs again) */
	{
		.id = "stallings-rr-q1-ostep",
		.policy = "rr",
		.quantum = 1,
		.jobs = "A:0:3 B:2:6 C:4:4 D:6:5 E:8:2",
		.gantt = "AAABBCBCDBCEDBCEDBDD",
	},
};

static int parse_list(const char *s, long *out, int max)
{
	int n = 0;
	char *end;

	while (s && *s && n < max) {
		out[n++] = strtol(s, &end, 10);
		if (end == s)
			break;
		s = end;
		while (*s == ' ' || *s == ',')
			s++;
	}
	return n;
}

static void opts_from(const struct tcase *c, struct sched_opts *o,
		      long *draws)
{
	long v[SCHED_MLFQ_MAX];
	int n;

	sched_opts_init(o);
	if (c->quantum)
		o->quantum = c->quantum;
	if (c->textbook)
		o->convention = SCHED_CONV_TEXTBOOK;
	o->prio_high_first = c->high_first;
	o->mlfq_stallings = c->stallings;
	o->mlfq_io_stay = c->io_stay;
	o->mlfq_io_front = c->io_front;
	if (c->levels)
		o->mlfq_levels = c->levels;
	if (c->boost)
		o->mlfq_boost = c->boost;
	if (c->stride_big)
		o->stride_big = c->stride_big;
	n = parse_list(c->mlfq_quanta, v, SCHED_MLFQ_MAX);
	for (int i = 0; i < n; i++)
		o->mlfq_quanta[i] = (int)v[i];
	n = parse_list(c->mlfq_allot, v, SCHED_MLFQ_MAX);
	for (int i = 0; i < n; i++)
		o->mlfq_allot[i] = (int)v[i];
	if (c->draws) {
		o->ndraws = parse_list(c->draws, draws, 256);
		o->draws = draws;
	}
}

static void check_per_job(const struct tcase *c, const char *what,
			  const char *list, const struct sched_result *r,
			  size_t field)
{
	long v[64];
	int n = parse_list(list, v, 64);

	if (!list)
		return;
	assert_int_equal(n, r->njobs);
	for (int i = 0; i < n; i++) {
		long got = *(const long *)((const char *)&r->jobs[i] + field);

		if (v[i] < 0)
			continue;
		if (got != v[i])
			print_error("%s: job %d %s: got %ld, want %ld\n", c->id,
				    i, what, got, v[i]);
		assert_int_equal(got, v[i]);
	}
}

static void check_avg(const struct tcase *c, const char *what, double got,
		      double want)
{
	if (want == 0)
		return;
	/* published averages are rounded or truncated to 2-3 decimals */
	if (fabs(got - want) > 0.011)
		print_error("%s: average %s %.4f, want %.4f\n", c->id, what,
			    got, want);
	assert_true(fabs(got - want) <= 0.011);
}

static void run_case(const struct tcase *c)
{
	struct sched_workload w;
	struct sched_opts o;
	struct sched_result r;
	struct sched_sim *sim;
	long draws[256];
	long io_seen = -1;
	int io_job = -1;
	char err[256];

	assert_int_equal(tl_workload(&w, c->jobs), 0);
	opts_from(c, &o, draws);
	sim = sched_sim_new(&w, c->policy, &o, err, sizeof(err));
	if (!sim)
		print_error("%s: %s\n", c->id, err);
	assert_non_null(sim);
	for (int i = 0; c->io_job && i < w.njobs; i++)
		if (!strcmp(w.jobs[i].name, c->io_job))
			io_job = i;
	if (c->io_job) {
		enum sched_job_state prev = sched_sim_job_state(sim, io_job);

		assert_true(io_job >= 0);
		while (sched_sim_step(sim) > 0 && io_seen < 0) {
			enum sched_job_state st =
				sched_sim_job_state(sim, io_job);

			if (prev == SCHED_JOB_BLOCKED &&
			    st != SCHED_JOB_BLOCKED)
				io_seen = sched_sim_now(sim);
			prev = st;
		}
		assert_int_equal(io_seen, c->io_done);
	}
	assert_int_equal(sched_sim_run(sim), 0);
	assert_true(sched_sim_done(sim));
	sched_sim_result(sim, &r);
	if (c->gantt) {
		char *g = tl_gantt(&r, &w);

		if (strcmp(g, c->gantt))
			print_error("%s: gantt %s, want %s\n", c->id, g,
				    c->gantt);
		assert_string_equal(g, c->gantt);
		free(g);
	}
	check_per_job(c, "finish", c->finish, &r,
		      offsetof(struct sched_job_result, finish));
	check_per_job(c, "turnaround", c->tat, &r,
		      offsetof(struct sched_job_result, turnaround));
	check_per_job(c, "waiting", c->wait, &r,
		      offsetof(struct sched_job_result, waiting));
	check_per_job(c, "response", c->resp, &r,
		      offsetof(struct sched_job_result, response));
	check_avg(c, "waiting", r.avg_waiting, c->avg_wait);
	check_avg(c, "turnaround", r.avg_turnaround, c->avg_tat);
	check_avg(c, "response", r.avg_response, c->avg_resp);
	check_avg(c, "normalised turnaround", r.avg_norm_turnaround,
		  c->avg_ntat);
	if (c->switches)
		assert_int_equal(r.context_switches, c->switches);
	if (c->order) {
		/* names in order of finish (ties by input order) */
		char buf[256] = "";
		long last = -1;

		for (int k = 0; k < w.njobs; k++) {
			long best = -1;
			int bj = -1;

			for (int i = 0; i < w.njobs; i++) {
				long f = r.jobs[i].finish;

				if (f > last && (best < 0 || f < best)) {
					best = f;
					bj = i;
				}
			}
			if (bj < 0)
				break;
			last = best;
			if (buf[0])
				strcat(buf, " ");
			strcat(buf, w.jobs[bj].name);
		}
		assert_string_equal(buf, c->order);
	}
	sched_sim_free(sim);
	sched_workload_clear(&w);
}

static void test_case(void **state)
{
	run_case(*state);
}

int main(void)
{
	enum { N = sizeof(cases) / sizeof(cases[0]) };
	struct CMUnitTest tests[N];

	for (int i = 0; i < N; i++) {
		tests[i] = (struct CMUnitTest){ .name = cases[i].id,
						.test_func = test_case,
						.initial_state =
							(void *)&cases[i] };
	}
	return cmocka_run_group_tests_name("sched textbook", tests, NULL,
					   NULL);
}
