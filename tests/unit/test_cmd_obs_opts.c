/*
 * tests/unit/test_cmd_obs_opts.c - the options run, watch and attach share
 * are parsed once, the same way for all three.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "viz/cmd/cli.h"
#include "viz/cmd/obs_opts.h"
#include "viz/core/observer.h"

/* Run getopt over @argv with the common table; the result of the last
 * obs_opts_take that was not TAKEN, or TAKEN when all were. */
static int parse(struct obs_opts *o, int argc, char **argv)
{
	static const struct option opts[] = {
		OBS_OPTS_LONG,
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;

	obs_opts_init(o);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:", opts, NULL)) != -1) {
		rc = obs_opts_take(o, "test", c, optarg, argv);
		if (rc != OBS_OPTS_TAKEN)
			return rc;
	}
	return OBS_OPTS_TAKEN;
}

static void test_defaults_are_the_spec_defaults(void **state)
{
	struct obs_opts o;
	char *argv[] = { "watch", NULL };

	assert_int_equal(parse(&o, 1, argv), OBS_OPTS_TAKEN);
	assert_false(o.headless);
	assert_int_equal(o.format, REPORT_OBS_TEXT);
	assert_int_equal(o.interval_ms, OBSERVER_INTERVAL_DEFAULT);
	assert_int_equal(o.duration_ms, 0);
	assert_null(o.record);
}

static void test_every_common_option_is_stored(void **state)
{
	struct obs_opts o;
	char *argv[] = { "run", "--headless", "--format", "json",
			 "--interval", "50", "--duration", "1.5",
			 "--record", "f.rec", NULL };

	assert_int_equal(parse(&o, 10, argv), OBS_OPTS_TAKEN);
	assert_true(o.headless);
	assert_int_equal(o.format, REPORT_OBS_JSON);
	assert_int_equal(o.interval_ms, 50);
	assert_int_equal(o.duration_ms, 1500);
	assert_string_equal(o.record, "f.rec");
}

static void test_bad_values_are_usage_errors(void **state)
{
	static const char *const bad[][2] = {
		{ "--format", "xml" },	 { "--interval", "9" },
		{ "--interval", "1001" }, { "--interval", "5x" },
		{ "--duration", "0" },	 { "--duration", "-1" },
		{ "--duration", "nan" }, { "--duration", "" },
	};
	struct obs_opts o;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *argv[] = { "attach", (char *)bad[i][0],
				 (char *)bad[i][1], NULL };
		FILE *saved = stderr;

		stderr = fopen("/dev/null", "w");
		assert_int_equal(parse(&o, 3, argv), CLI_USAGE);
		fclose(stderr);
		stderr = saved;
	}
}

static void test_missing_value_and_unknown_option_are_usage_errors(void **state)
{
	struct obs_opts o;
	char *missing[] = { "watch", "--interval", NULL };
	char *unknown[] = { "watch", "--frobnicate", NULL };
	FILE *saved = stderr;

	stderr = fopen("/dev/null", "w");
	assert_int_equal(parse(&o, 2, missing), CLI_USAGE);
	assert_int_equal(parse(&o, 2, unknown), CLI_USAGE);
	fclose(stderr);
	stderr = saved;
}

static void test_other_options_are_left_to_the_command(void **state)
{
	struct obs_opts o;

	obs_opts_init(&o);
	assert_int_equal(obs_opts_take(&o, "run", 's', NULL, NULL),
			 OBS_OPTS_OTHER);
	assert_int_equal(obs_opts_take(&o, "run", 'p', "2", NULL),
			 OBS_OPTS_OTHER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_are_the_spec_defaults),
		cmocka_unit_test(test_every_common_option_is_stored),
		cmocka_unit_test(test_bad_values_are_usage_errors),
		cmocka_unit_test(
			test_missing_value_and_unknown_option_are_usage_errors),
		cmocka_unit_test(test_other_options_are_left_to_the_command),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
