/*
 * tests/unit/test_cmd_args.c - the one command-line parser of the front
 * ends (viz/cmd/args.h): its syntax, its messages, and that the command
 * tables of run, watch, sched and drive reach the same parser.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "viz/cmd/args.h"
#include "viz/cmd/cli.h"
#include "viz/cmd/schedreq.h"

struct opts {
	bool flag, help;
	const char *value;
	int custom;		/* times take_custom ran */
	const char *last;	/* its last value */
};

static int take_custom(void *ctx, const struct args_option *opt,
		       const char *val, char *err, size_t errlen)
{
	struct opts *o = ctx;

	if (val && strcmp(val, "bad") == 0)
		return args_fail(err, errlen, "%s: expected good, got '%s'",
				 opt->name, val);
	o->custom++;
	o->last = val;
	return 0;
}

static const struct args_option table[] = {
	{ "--flag", false, 0, args_take_flag, offsetof(struct opts, flag) },
	{ "--value", true, 0, args_take_string,
	  offsetof(struct opts, value) },
	{ "--custom", true, 0, take_custom, 0 },
	{ "--help", false, 0, args_take_help, offsetof(struct opts, help) },
};

struct result {
	struct opts o;
	struct args_operands ops;
	int rc, next;
	char err[256];
};

/* Parse the NULL-ended words after "cmd" with the table above. */
static void run_parse(struct result *r, unsigned flags, bool operands,
		      char **words)
{
	char *argv[16] = { "cmd" };
	struct args_set set = { table, ARRAY_SIZE(table), NULL, &r->o };
	struct args_spec spec = {
		.sets = &set, .nsets = 1, .flags = flags,
		.operand = operands ? args_operand_one : NULL,
		.operand_ctx = &r->ops,
	};
	int argc = 1;

	memset(r, 0, sizeof(*r));
	while (words[argc - 1])
		argv[argc] = words[argc - 1], argc++;
	argv[argc] = NULL;
	r->rc = args_parse(&spec, argc, argv, &r->next, r->err,
			   sizeof(r->err));
}

#define PARSE(r, flags, ops, ...) do { \
		char *w_[] = { __VA_ARGS__, NULL }; \
		run_parse(r, flags, ops, w_); \
	} while (0)

static void test_value_forms(void **state)
{
	struct result r;

	PARSE(&r, 0, false, "--value", "a", "--custom=b");
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.o.value, "a");
	assert_string_equal(r.o.last, "b");
	/* an empty value after '=' is a value */
	PARSE(&r, 0, false, "--value=");
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.o.value, "");
	/* a value may start with '-' */
	PARSE(&r, 0, false, "--value", "--flag");
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.o.value, "--flag");
	assert_false(r.o.flag);
	/* '=' inside a separate value is kept */
	PARSE(&r, 0, false, "--custom", "x=y");
	assert_string_equal(r.o.last, "x=y");
}

static void test_errors_name_the_option(void **state)
{
	struct result r;

	PARSE(&r, 0, false, "--nope");
	assert_int_equal(r.rc, CLI_USAGE);
	assert_string_equal(r.err, "unknown option '--nope'");
	PARSE(&r, 0, false, "--nope=1");
	assert_string_equal(r.err, "unknown option '--nope=1'");
	PARSE(&r, 0, false, "--flag", "--value");
	assert_int_equal(r.rc, CLI_USAGE);
	assert_string_equal(r.err, "--value: missing value");
	PARSE(&r, 0, false, "--flag=yes");
	assert_int_equal(r.rc, CLI_USAGE);
	assert_string_equal(r.err, "--flag: takes no value");
	PARSE(&r, 0, false, "--custom", "bad");
	assert_int_equal(r.rc, CLI_USAGE);
	assert_string_equal(r.err, "--custom: expected good, got 'bad'");
	/* names are never abbreviated */
	PARSE(&r, 0, false, "--fla");
	assert_string_equal(r.err, "unknown option '--fla'");
	/* single-dash words are options too */
	PARSE(&r, 0, true, "-5");
	assert_string_equal(r.err, "unknown option '-5'");
}

static void test_operands_anywhere_and_after_double_dash(void **state)
{
	struct result r;

	PARSE(&r, 0, true, "one", "--flag", "two", "--", "--three");
	assert_int_equal(r.rc, 0);
	assert_true(r.o.flag);
	assert_string_equal(r.ops.first, "one");
	assert_string_equal(r.ops.extra, "two");
	assert_int_equal(r.next, 6);
	/* "-" alone is an operand (standard input) */
	PARSE(&r, 0, true, "-");
	assert_string_equal(r.ops.first, "-");
	/* a command without operands refuses them */
	PARSE(&r, 0, false, "--flag", "stray");
	assert_int_equal(r.rc, CLI_USAGE);
	assert_string_equal(r.err, "unexpected argument 'stray'");
}

static void test_stop_at_operand_leaves_the_rest(void **state)
{
	struct result r;

	PARSE(&r, ARGS_STOP_AT_OPERAND, false, "--flag", "sleep", "--value");
	assert_int_equal(r.rc, 0);
	assert_true(r.o.flag);
	assert_null(r.o.value);
	assert_int_equal(r.next, 2);
	PARSE(&r, ARGS_STOP_AT_OPERAND, false, "--", "--flag");
	assert_int_equal(r.rc, 0);
	assert_false(r.o.flag);
	assert_int_equal(r.next, 2);
	PARSE(&r, ARGS_STOP_AT_OPERAND, false, "--flag");
	assert_int_equal(r.next, 2);
}

static void test_help_stops_and_dash_h_is_help(void **state)
{
	struct result r;

	PARSE(&r, 0, false, "--help", "--nope");
	assert_int_equal(r.rc, 0);
	assert_true(r.o.help);
	assert_int_equal(r.next, 2);
	PARSE(&r, 0, false, "-h");
	assert_int_equal(r.rc, 0);
	assert_true(r.o.help);
	/* an error before --help is reported */
	PARSE(&r, 0, false, "--nope", "--help");
	assert_int_equal(r.rc, CLI_USAGE);
	assert_false(r.o.help);
}

struct drive_like {
	bool fast;
};

static void test_schedreq_takes_a_second_table(void **state)
{
	static const struct args_option extra[] = {
		{ "--fast", false, 0, args_take_flag,
		  offsetof(struct drive_like, fast) },
	};
	struct drive_like d = { false };
	struct args_set set = { extra, 1, NULL, &d };
	struct schedreq req;
	char *argv[] = { "drive", "--jobs", "3,2", "--fast", "--policy",
			 "rr", NULL };
	char *bad[] = { "sched", "--jobs", "3", "--fast", NULL };
	char err[256];

	schedreq_init(&req);
	assert_int_equal(schedreq_parse_extra(&req, &set, 6, argv, err,
						   sizeof(err)), 0);
	assert_true(d.fast);
	assert_int_equal(req.npolicies, 1);
	assert_int_equal(req.workload.njobs, 2);
	schedreq_clear(&req);
	/* plain sched does not know drive's option */
	schedreq_init(&req);
	assert_int_equal(schedreq_parse(&req, 4, bad, err, sizeof(err)),
			 CLI_USAGE);
	assert_string_equal(err, "unknown option '--fast'");
	schedreq_clear(&req);
}

/* --theme's way: an option of every command, taken out before the command
 * is known; the rest stays in order, "--" ends the search. */
static void test_take_out_leaves_the_rest(void **state)
{
	const char *got = NULL;
	const struct args_option one[] = {
		{ "--theme", true, 0, args_take_string, 0 },
	};
	const struct args_set set = { one, 1, NULL, &got };
	char a0[] = "procviz", a1[] = "run", a2[] = "--theme", a3[] = "light",
	     a4[] = "zombie", a5[] = "--theme=mono", a6[] = "--pace",
	     a7[] = "1", a8[] = "--", a9[] = "--theme", a10[] = "dark";
	char *argv[] = { a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, NULL };
	char *miss[] = { a0, a4, a2, NULL };
	int argc = 11, n = 3;
	char err[256];

	(void)state;
	assert_int_equal(args_take_out(&set, &argc, argv, err, sizeof(err)),
			 0);
	assert_string_equal(got, "mono");	/* the last one given */
	assert_int_equal(argc, 8);
	assert_string_equal(argv[1], "run");
	assert_string_equal(argv[2], "zombie");
	assert_string_equal(argv[3], "--pace");
	assert_string_equal(argv[4], "1");
	assert_string_equal(argv[5], "--");
	assert_string_equal(argv[6], "--theme");	/* the command's */
	assert_string_equal(argv[7], "dark");
	assert_null(argv[8]);
	assert_int_equal(args_take_out(&set, &n, miss, err, sizeof(err)),
			 CLI_USAGE);
	assert_string_equal(err, "--theme: missing value");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value_forms),
		cmocka_unit_test(test_errors_name_the_option),
		cmocka_unit_test(test_operands_anywhere_and_after_double_dash),
		cmocka_unit_test(test_stop_at_operand_leaves_the_rest),
		cmocka_unit_test(test_help_stops_and_dash_h_is_help),
		cmocka_unit_test(test_schedreq_takes_a_second_table),
		cmocka_unit_test(test_take_out_leaves_the_rest),
	};

	return cmocka_run_group_tests_name("cmd args", tests, NULL, NULL);
}
