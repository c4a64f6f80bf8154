/*
 * tests/unit/test_sched_parse.c - the workload file parser, the --jobs
 * forms and --random: accepted inputs, and every error with its exact
 * "FILE:LINE:COL: expected ..." message.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sched/sched.h"

static int parse_str(const char *text, struct sched_workload *w, char *err,
		     size_t errlen)
{
	return sched_workload_parse_mem(text, strlen(text), "w.txt", w, err,
					errlen);
}

static void test_parse_basic_file(void **state)
{
	static const char text[] =
		"# name  arrival  bursts     [priority]\n"
		"P1      0        24\n"
		"\n"
		"P2\t0\t3   # a comment\n"
		"   A       2        5/3/2      1 tickets=75 nice=-3\r\n"
		"B 4 7/2 tickets=5\n"
		"C 9 1 -4";
	struct sched_workload w;
	char err[256] = "";

	(void)state;
	assert_int_equal(parse_str(text, &w, err, sizeof(err)), 0);
	assert_int_equal(w.njobs, 5);
	assert_string_equal(w.jobs[0].name, "P1");
	assert_int_equal(w.jobs[0].arrival, 0);
	assert_int_equal(w.jobs[0].nbursts, 1);
	assert_int_equal(w.jobs[0].bursts[0], 24);
	assert_int_equal(w.jobs[0].priority, 0);
	assert_int_equal(w.jobs[0].tickets, 100);
	assert_int_equal(w.jobs[0].nice, 0);
	assert_string_equal(w.jobs[1].name, "P2");
	assert_int_equal(w.jobs[1].bursts[0], 3);
	assert_string_equal(w.jobs[2].name, "A");
	assert_int_equal(w.jobs[2].arrival, 2);
	assert_int_equal(w.jobs[2].nbursts, 3);
	assert_int_equal(w.jobs[2].bursts[0], 5);
	assert_int_equal(w.jobs[2].bursts[1], 3);
	assert_int_equal(w.jobs[2].bursts[2], 2);
	assert_int_equal(w.jobs[2].priority, 1);
	assert_int_equal(w.jobs[2].tickets, 75);
	assert_int_equal(w.jobs[2].nice, -3);
	assert_int_equal(w.jobs[3].nbursts, 2);	/* ends with IO */
	assert_int_equal(w.jobs[3].bursts[1], 2);
	assert_int_equal(w.jobs[3].priority, 0);
	assert_int_equal(w.jobs[3].tickets, 5);
	assert_int_equal(w.jobs[4].priority, -4);
	sched_workload_clear(&w);
}

struct bad_case {
	const char *text;
	size_t len;		/* 0 = strlen(text) */
	const char *msg;
};

static const struct bad_case bad_files[] = {
	{ "", 0,
	  "w.txt:1:1: expected at least one job line 'NAME ARRIVAL BURSTS [PRIORITY]' (found no jobs)" },
	{ "# only a comment\n\n   \n", 0,
	  "w.txt:4:1: expected at least one job line 'NAME ARRIVAL BURSTS [PRIORITY]' (found no jobs)" },
	{ "P1 0 24\nP2\n", 0,
	  "w.txt:2:3: expected an arrival time (whole ticks, 0..1000000000)" },
	{ "P1 0\n", 0,
	  "w.txt:1:5: expected the bursts (CPU[/IO/CPU...], e.g. 5/3/2)" },
	{ "P1 0 # no bursts\n", 0,
	  "w.txt:1:6: expected the bursts (CPU[/IO/CPU...], e.g. 5/3/2)" },
	{ "P1 -3 4\n", 0,
	  "w.txt:1:4: expected an arrival time (whole ticks, 0..1000000000)" },
	{ "P1 0 -4\n", 0,
	  "w.txt:1:6: expected a CPU burst (whole ticks, 1..1000000000)" },
	{ "P1 0 0\n", 0,
	  "w.txt:1:6: expected a CPU burst (whole ticks, 1..1000000000)" },
	{ "P1 0 5/-1/3\n", 0,
	  "w.txt:1:8: expected an IO burst (whole ticks, 0..1000000000)" },
	{ "P1 0 5/\n", 0,
	  "w.txt:1:8: expected an IO burst (whole ticks, 0..1000000000)" },
	{ "P1 0 c3,x\n", 0,
	  "w.txt:1:9: expected an instruction: cN (N ticks of CPU) or i (an IO)" },
	{ "P1 0 c0\n", 0,
	  "w.txt:1:7: expected a count of CPU ticks after 'c' (whole ticks, 1..1000000000)" },
	{ "P1 0 5/3/\n", 0,
	  "w.txt:1:10: expected a CPU burst (whole ticks, 1..1000000000)" },
	{ "P1 0 1000000001\n", 0,
	  "w.txt:1:6: expected a CPU burst (whole ticks, 1..1000000000)" },
	{ "P1 99999999999999999999999999999999 5\n", 0,
	  "w.txt:1:4: expected an arrival time (whole ticks, 0..1000000000)" },
	{ "P1 0 5x\n", 0,
	  "w.txt:1:7: expected '/' and the next burst, or the end of the bursts" },
	{ "P1 0x 5\n", 0,
	  "w.txt:1:5: expected a space after the arrival time" },
	{ "P1 0 5 2 3\n", 0,
	  "w.txt:1:10: expected tickets=N or nice=N" },
	{ "P1 0 5 2x\n", 0,
	  "w.txt:1:9: expected a space after the priority" },
	{ "P1 0 5 tickets=0\n", 0,
	  "w.txt:1:16: expected a ticket count (1..1000000000)" },
	{ "P1 0 5 nice=20\n", 0,
	  "w.txt:1:13: expected a nice value (-20..19)" },
	{ "P1 0 5 nice=-2y\n", 0,
	  "w.txt:1:15: expected a space after nice=-2" },
	{ "P1 0 5 color=red\n", 0,
	  "w.txt:1:8: expected tickets=N or nice=N" },
	{ "P1 0 5 tickets=3 7\n", 0,
	  "w.txt:1:18: expected tickets=N or nice=N" },
	{ "P1 0 5\nP2 1 3\nP1 2 4\n", 0,
	  "w.txt:3:1: expected a new job name ('P1' is already used on line 1)" },
	{ "P\xc3\xa9 0 5\n", 0,
	  "w.txt:1:2: expected a job name (letters, digits, '_', '-', '.')" },
	{ "P1 0 5\n\x7f" "ELF\x01\x02\n", 0,
	  "w.txt:2:1: expected a job name (letters, digits, '_', '-', '.')" },
	{ "P1 0\0 5\n", 8,
	  "w.txt:1:5: expected a space after the arrival time" },
	{ "\0\0\0\0", 4,
	  "w.txt:1:1: expected a job name (letters, digits, '_', '-', '.')" },
	{ "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 0 5\n", 0,
	  "w.txt:1:1: expected a job name of at most 31 characters" },
	{ "\xef\xbb\xbfP1 0 5\nP2 0 -1\n", 0,
	  "w.txt:2:6: expected a CPU burst (whole ticks, 1..1000000000)" },
	{ "P1 0 5\r\nP2 0 5\r1 2\n", 0,
	  "w.txt:2:10: expected tickets=N or nice=N" },
	{ "P1 0 5 99999999999\n", 0,
	  "w.txt:1:8: expected a priority (a whole number)" },
};

static void test_parse_errors_exact(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_files) / sizeof(bad_files[0]); i++) {
		const struct bad_case *c = &bad_files[i];
		size_t len = c->len ? c->len : strlen(c->text);
		struct sched_workload w;
		char err[256] = "";
		int rc;

		rc = sched_workload_parse_mem(c->text, len, "w.txt", &w, err,
					      sizeof(err));
		if (rc != -EINVAL || strcmp(err, c->msg) != 0) {
			print_error("case %zu: rc %d\n  expected: %s\n  got:      %s\n",
				    i, rc, c->msg, err);
			fail();
		}
		assert_int_equal(w.njobs, 0);
		sched_workload_clear(&w);
	}
}

/* Random bytes never crash the parser and always give 0 or a message. */
static void test_parse_junk_never_crashes(void **state)
{
	unsigned long x = 12345;
	char buf[512];
	int round;

	(void)state;
	for (round = 0; round < 2000; round++) {
		struct sched_workload w;
		char err[256] = "";
		size_t len = (size_t)(round % (int)sizeof(buf)), i;
		int rc;

		for (i = 0; i < len; i++) {
			x = x * 6364136223846793005UL + 1442695040888963407UL;
			/* Bias toward the format's own bytes. */
			buf[i] = (round & 1) ? "P0123456789 /\n#\t=-tickets"
					       [(x >> 33) % 26]
					     : (char)(x >> 33);
		}
		rc = sched_workload_parse_mem(buf, len, "junk", &w, err,
					      sizeof(err));
		if (rc == 0) {
			assert_true(w.njobs > 0);
		} else {
			assert_int_equal(rc, -EINVAL);
			assert_int_equal(strncmp(err, "junk:", 5), 0);
			assert_non_null(strstr(err, "expected"));
		}
		sched_workload_clear(&w);
	}
}

static void test_parse_long_line(void **state)
{
	size_t n = 200000, i, len = 0;
	char *text = malloc(n * 4 + 32);
	struct sched_workload w;
	char err[256] = "";

	(void)state;
	assert_non_null(text);
	len += (size_t)sprintf(text, "L 0 ");
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(text + len, i ? "/%zu" : "%zu", i % 9 + 1);
	text[len++] = '\n';
	assert_int_equal(sched_workload_parse_mem(text, len, "long", &w, err,
						  sizeof(err)), 0);
	assert_int_equal(w.njobs, 1);
	assert_int_equal(w.jobs[0].nbursts, (int)n);
	sched_workload_clear(&w);
	/* The same line with junk at its very end: the column is exact. */
	text[len - 1] = 'x';
	assert_int_equal(sched_workload_parse_mem(text, len, "long", &w, err,
						  sizeof(err)), -EINVAL);
	{
		char want[128];

		snprintf(want, sizeof(want),
			 "long:1:%zu: expected '/' and the next burst, or the end of the bursts",
			 len);
		assert_string_equal(err, want);
	}
	free(text);
}

static void test_parse_100000_jobs(void **state)
{
	int n = 100000, i;
	size_t cap = (size_t)n * 40, len = 0;
	char *text = malloc(cap);
	struct sched_workload w;
	char err[256] = "";

	(void)state;
	assert_non_null(text);
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, cap - len,
					"job%d %d %d/%d/%d %d\n", i, i, i % 50 + 1,
					i % 7 + 1, i % 13 + 1, i % 5);
	assert_int_equal(sched_workload_parse_mem(text, len, "big", &w, err,
						  sizeof(err)), 0);
	assert_int_equal(w.njobs, n);
	assert_string_equal(w.jobs[n - 1].name, "job99999");
	assert_int_equal(w.jobs[n - 1].arrival, n - 1);
	assert_int_equal(w.jobs[n - 1].bursts[2], (n - 1) % 13 + 1);
	sched_workload_clear(&w);
	/* A duplicate at the very end is still found (and named). */
	len += (size_t)snprintf(text + len, cap - len, "job4242 1 1\n");
	assert_int_equal(sched_workload_parse_mem(text, len, "big", &w, err,
						  sizeof(err)), -EINVAL);
	assert_string_equal(err,
			    "big:100001:1: expected a new job name ('job4242' is already used on line 4243)");
	free(text);
}

static void test_parse_file_stream(void **state)
{
	FILE *f = tmpfile();
	struct sched_workload w;
	char err[256] = "";

	(void)state;
	assert_non_null(f);
	fputs("P1 0 24\nP2 0 3\nP3 0 3\n", f);
	rewind(f);
	assert_int_equal(sched_workload_parse(f, "sil.txt", &w, err,
					      sizeof(err)), 0);
	assert_int_equal(w.njobs, 3);
	assert_int_equal(w.jobs[2].bursts[0], 3);
	sched_workload_clear(&w);
	rewind(f);
	fputs("P1 0 24\nP2 0 x\n", f);
	rewind(f);
	assert_int_equal(sched_workload_parse(f, "sil.txt", &w, err,
					      sizeof(err)), -EINVAL);
	assert_string_equal(err,
			    "sil.txt:2:6: expected a CPU burst (whole ticks, 1..1000000000)");
	fclose(f);
}

static void test_jobs_forms(void **state)
{
	struct sched_workload w;
	char err[256] = "";

	(void)state;
	assert_int_equal(sched_workload_parse_jobs("24,3,3", &w, err,
						   sizeof(err)), 0);
	assert_int_equal(w.njobs, 3);
	assert_string_equal(w.jobs[0].name, "A");
	assert_string_equal(w.jobs[2].name, "C");
	assert_int_equal(w.jobs[0].bursts[0], 24);
	assert_int_equal(w.jobs[1].arrival, 0);
	sched_workload_clear(&w);

	assert_int_equal(sched_workload_parse_jobs("0:24,2:5/3/2:1,4:6:2:tickets=30:nice=5,7:1:tickets=9",
						   &w, err, sizeof(err)), 0);
	assert_int_equal(w.njobs, 4);
	assert_int_equal(w.jobs[1].arrival, 2);
	assert_int_equal(w.jobs[1].nbursts, 3);
	assert_int_equal(w.jobs[1].bursts[1], 3);
	assert_int_equal(w.jobs[1].priority, 1);
	assert_int_equal(w.jobs[2].priority, 2);
	assert_int_equal(w.jobs[2].tickets, 30);
	assert_int_equal(w.jobs[2].nice, 5);
	assert_int_equal(w.jobs[3].priority, 0);
	assert_int_equal(w.jobs[3].tickets, 9);
	sched_workload_clear(&w);
}

static void test_jobs_names_beyond_z(void **state)
{
	char spec[200 * 2 + 1];
	struct sched_workload w;
	char err[256] = "";
	int i;

	(void)state;
	for (i = 0; i < 200; i++)
		memcpy(spec + 2 * i, "1,", 2);
	spec[2 * 200 - 1] = '\0';
	assert_int_equal(sched_workload_parse_jobs(spec, &w, err, sizeof(err)),
			 0);
	assert_int_equal(w.njobs, 200);
	assert_string_equal(w.jobs[25].name, "Z");
	assert_string_equal(w.jobs[26].name, "AA");
	assert_string_equal(w.jobs[27].name, "AB");
	assert_string_equal(w.jobs[51].name, "AZ");
	assert_string_equal(w.jobs[52].name, "BA");
	sched_workload_clear(&w);
}

static const struct bad_case bad_jobs[] = {
	{ "", 0,
	  "--jobs:1: expected a job (ARRIVAL:BURSTS[:PRIORITY] or a CPU burst)" },
	{ "24,,3", 0,
	  "--jobs:4: expected a job (ARRIVAL:BURSTS[:PRIORITY] or a CPU burst)" },
	{ "24,3,", 0,
	  "--jobs:6: expected a job (ARRIVAL:BURSTS[:PRIORITY] or a CPU burst)" },
	{ "0:24,x:3", 0,
	  "--jobs:6: expected an arrival time (whole ticks, 0..1000000000)" },
	{ "0:24,1:0", 0,
	  "--jobs:8: expected a CPU burst (whole ticks, 1..1000000000)" },
	{ "0:", 0,
	  "--jobs:3: expected a CPU burst (whole ticks, 1..1000000000)" },
	{ "-1:5", 0,
	  "--jobs:1: expected an arrival time (whole ticks, 0..1000000000)" },
	{ "24 3", 0,
	  "--jobs:3: expected '/' and the next burst, or the end of the bursts" },
	{ "0:5:1:bogus=2", 0, "--jobs:7: expected tickets=N or nice=N" },
	{ "0:5:1x", 0,
	  "--jobs:6: expected ':', ',' or the end after the priority" },
	{ "5000000000", 0,
	  "--jobs:1: expected a CPU burst (whole ticks, 1..1000000000)" },
};

static void test_jobs_errors_exact(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_jobs) / sizeof(bad_jobs[0]); i++) {
		struct sched_workload w;
		char err[256] = "";
		int rc;

		rc = sched_workload_parse_jobs(bad_jobs[i].text, &w, err,
					       sizeof(err));
		if (rc != -EINVAL || strcmp(err, bad_jobs[i].msg) != 0) {
			print_error("case %zu '%s': rc %d\n  expected: %s\n  got:      %s\n",
				    i, bad_jobs[i].text, rc, bad_jobs[i].msg,
				    err);
			fail();
		}
		sched_workload_clear(&w);
	}
}

/* Instruction lists (process-run) and zero-length IO bursts. */
static void test_instructions_and_zero_io(void **state)
{
	static const char file[] = "P0 0 c2,i,c1\nP1 3 i\nP2 0 5/0/3\n";
	struct sched_workload w;
	char err[256] = "";

	(void)state;
	assert_int_equal(sched_workload_parse_mem(file, strlen(file), "w.txt",
						  &w, err, sizeof(err)), 0);
	assert_int_equal(w.njobs, 3);
	/* c2,i,c1: 2 CPU + the issuing tick, the IO, the done tick + 1 */
	assert_int_equal(w.jobs[0].nbursts, 3);
	assert_int_equal(w.jobs[0].bursts[0], 3);
	assert_int_equal(w.jobs[0].bursts[1], SCHED_IO_UNSET);
	assert_int_equal(w.jobs[0].bursts[2], 2);
	assert_int_equal(w.jobs[1].arrival, 3);
	assert_int_equal(w.jobs[1].bursts[0], 1);
	assert_int_equal(w.jobs[1].bursts[2], 1);
	assert_int_equal(w.jobs[2].bursts[1], 0);
	sched_workload_set_io_length(&w, 4);
	assert_int_equal(w.jobs[0].bursts[1], 4);
	assert_int_equal(w.jobs[2].bursts[1], 0);	/* not an "i" */
	sched_workload_clear(&w);

	/* process-run's -P form: programs separated by ':' */
	assert_int_equal(sched_workload_parse_jobs("c7,i,c1,i:c3", &w, err,
						   sizeof(err)), 0);
	assert_int_equal(w.njobs, 2);
	assert_string_equal(w.jobs[1].name, "B");
	assert_int_equal(w.jobs[0].nbursts, 5);	/* 8/L/3/L/1 */
	assert_int_equal(w.jobs[0].bursts[0], 8);
	assert_int_equal(w.jobs[0].bursts[2], 3);
	assert_int_equal(w.jobs[0].bursts[4], 1);
	assert_int_equal(w.jobs[1].bursts[0], 3);
	sched_workload_clear(&w);
	assert_int_equal(sched_workload_parse_jobs("c3:", &w, err,
						   sizeof(err)), -EINVAL);
	assert_string_equal(err, "--jobs:4: expected an instruction: cN (N "
			    "ticks of CPU) or i (an IO)");
	sched_workload_clear(&w);
	assert_int_equal(sched_workload_parse_jobs("0:5/0/5", &w, err,
						   sizeof(err)), 0);
	assert_int_equal(w.jobs[0].bursts[1], 0);
	sched_workload_clear(&w);
}

static void test_random_reproducible(void **state)
{
	struct sched_workload a, b, c;
	int i, k, differ = 0, io = 0;

	(void)state;
	assert_int_equal(sched_workload_random(&a, 1000, 42), 0);
	assert_int_equal(sched_workload_random(&b, 1000, 42), 0);
	assert_int_equal(sched_workload_random(&c, 1000, 43), 0);
	assert_int_equal(a.njobs, 1000);
	for (i = 0; i < a.njobs; i++) {
		const struct sched_job *ja = &a.jobs[i], *jb = &b.jobs[i];

		assert_string_equal(ja->name, jb->name);
		assert_int_equal(ja->arrival, jb->arrival);
		assert_int_equal(ja->nbursts, jb->nbursts);
		assert_true(ja->nbursts % 2 == 1 && ja->nbursts <= 7);
		if (i > 0)
			assert_true(ja->arrival >= a.jobs[i - 1].arrival &&
				    ja->arrival <= a.jobs[i - 1].arrival + 20);
		for (k = 0; k < ja->nbursts; k++) {
			assert_int_equal(ja->bursts[k], jb->bursts[k]);
			assert_true(ja->bursts[k] >= 1 &&
				    ja->bursts[k] <= (k % 2 ? 20 : 40));
		}
		io += ja->nbursts > 1;
		assert_true(ja->priority >= 1 && ja->priority <= 5);
		assert_true(ja->tickets >= 25 && ja->tickets <= 200);
		assert_true(ja->nice >= -5 && ja->nice <= 5);
		if (ja->nbursts != c.jobs[i].nbursts ||
		    ja->bursts[0] != c.jobs[i].bursts[0])
			differ++;
	}
	assert_true(io > 500);		/* most jobs do IO */
	assert_true(differ > 500);	/* another seed, other jobs */
	assert_string_equal(a.jobs[0].name, "A");
	assert_int_equal(a.jobs[0].arrival, 0);
	sched_workload_clear(&a);
	sched_workload_clear(&b);
	sched_workload_clear(&c);
	assert_int_equal(sched_workload_random(&a, 0, 1), -EINVAL);
	sched_workload_clear(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_basic_file),
		cmocka_unit_test(test_parse_errors_exact),
		cmocka_unit_test(test_parse_junk_never_crashes),
		cmocka_unit_test(test_parse_long_line),
		cmocka_unit_test(test_parse_100000_jobs),
		cmocka_unit_test(test_parse_file_stream),
		cmocka_unit_test(test_jobs_forms),
		cmocka_unit_test(test_jobs_names_beyond_z),
		cmocka_unit_test(test_jobs_errors_exact),
		cmocka_unit_test(test_random_reproducible),
		cmocka_unit_test(test_instructions_and_zero_io),
	};

	return cmocka_run_group_tests_name("sched_parse", tests, NULL, NULL);
}
