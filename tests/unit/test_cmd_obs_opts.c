/*
 * tests/unit/test_cmd_obs_opts.c - the options run, watch and attach share
 * are one table of the one parser (viz/cmd/args.h), the same for all
 * three.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "viz/cmd/args.h"
#include "viz/cmd/cli.h"
#include "viz/cmd/obs_opts.h"
#include "viz/core/observer.h"

/* Parse @argv with the common table alone: 0, or CLI_USAGE. */
static int parse(struct obs_opts *o, int argc, char **argv)
{
	struct args_set set;
	struct args_spec spec = { .sets = &set, .nsets = 1 };
	char err[256];

	obs_opts_init(o);
	set = obs_opts_set(o);
	return args_parse(&spec, argc, argv, NULL, err, sizeof(err));
}

static void test_defaults_are_the_spec_defaults(void **state)
{
	struct obs_opts o;
	char *argv[] = { "watch", NULL };

	assert_int_equal(parse(&o, 1, argv), 0);
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

	assert_int_equal(parse(&o, 10, argv), 0);
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

		assert_int_equal(parse(&o, 3, argv), CLI_USAGE);
	}
}

static void test_bad_value_message_names_option_and_value(void **state)
{
	struct obs_opts o;
	struct args_set set;
	struct args_spec spec = { .sets = &set, .nsets = 1 };
	char *argv[] = { "run", "--interval=5x", NULL };
	char err[256];

	obs_opts_init(&o);
	set = obs_opts_set(&o);
	assert_int_equal(args_parse(&spec, 2, argv, NULL, err, sizeof(err)),
			 CLI_USAGE);
	assert_string_equal(err, "--interval: expected milliseconds 10..1000, "
			    "got '5x'");
}

static void test_missing_value_and_unknown_option_are_usage_errors(void **state)
{
	struct obs_opts o;
	char *missing[] = { "watch", "--interval", NULL };
	char *unknown[] = { "watch", "--frobnicate", NULL };

	assert_int_equal(parse(&o, 2, missing), CLI_USAGE);
	assert_int_equal(parse(&o, 2, unknown), CLI_USAGE);
}

struct other {
	bool step;
};

static void test_other_options_are_left_to_the_command(void **state)
{
	static const struct args_option own[] = {
		{ "--step", false, 0, args_take_flag,
		  offsetof(struct other, step) },
	};
	struct other other = { false };
	struct obs_opts o;
	struct args_set sets[2];
	struct args_spec spec = { .sets = sets, .nsets = 2 };
	char *argv[] = { "run", "--headless", "--step", NULL };
	char err[256];

	/* the common table alone does not know --step ... */
	assert_int_equal(parse(&o, 3, argv), CLI_USAGE);
	/* ... the command's own table does, beside the common one */
	obs_opts_init(&o);
	sets[0] = obs_opts_set(&o);
	sets[1] = (struct args_set){ own, 1, NULL, &other };
	assert_int_equal(args_parse(&spec, 3, argv, NULL, err, sizeof(err)),
			 0);
	assert_true(o.headless);
	assert_true(other.step);
}

/* The sources' off switches come from the environment here, and only
 * here (the core reads none). */
static void test_environment_switches_reach_the_config(void **state)
{
	struct observer_config cfg = { 0 };

	(void)state;
	unsetenv("PROCVIZ_NO_NETLINK");
	unsetenv("PROCVIZ_NO_PTRACE");
	cli_observer_env(&cfg);
	assert_false(cfg.no_netlink);
	assert_false(cfg.no_ptrace);
	setenv("PROCVIZ_NO_NETLINK", "0", 1);
	setenv("PROCVIZ_NO_PTRACE", "0", 1);
	cli_observer_env(&cfg);
	assert_false(cfg.no_netlink);
	assert_false(cfg.no_ptrace);
	setenv("PROCVIZ_NO_NETLINK", "1", 1);
	setenv("PROCVIZ_NO_PTRACE", "1", 1);
	cli_observer_env(&cfg);
	assert_true(cfg.no_netlink);
	assert_true(cfg.no_ptrace);
	unsetenv("PROCVIZ_NO_NETLINK");
	unsetenv("PROCVIZ_NO_PTRACE");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_are_the_spec_defaults),
		cmocka_unit_test(test_environment_switches_reach_the_config),
		cmocka_unit_test(test_every_common_option_is_stored),
		cmocka_unit_test(test_bad_values_are_usage_errors),
		cmocka_unit_test(test_bad_value_message_names_option_and_value),
		cmocka_unit_test(
			test_missing_value_and_unknown_option_are_usage_errors),
		cmocka_unit_test(test_other_options_are_left_to_the_command),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
