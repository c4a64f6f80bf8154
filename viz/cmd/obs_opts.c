/*
 * viz/cmd/obs_opts.c - the options run, watch and attach share.
 */
#include "viz/cmd/obs_opts.h"

#include "viz/cmd/cli.h"
#include "viz/core/observer.h"

#include <stddef.h>

enum { OBS_FORMAT, OBS_INTERVAL, OBS_DURATION };

static int obs_take(void *ctx, const struct args_option *opt,
		    const char *val, char *err, size_t errlen)
{
	struct obs_opts *o = ctx;
	double sec;
	long v;

	switch (opt->id) {
	case OBS_FORMAT:
		if (report_obs_format_parse(val, &o->format))
			return args_fail(err, errlen, "--format: expected "
					 "text or json, got '%s'", val);
		return 0;
	case OBS_INTERVAL:
		if (!cli_parse_long(val, OBSERVER_INTERVAL_MIN,
				    OBSERVER_INTERVAL_MAX, &v))
			return args_fail(err, errlen, "--interval: expected "
					 "milliseconds %d..%d, got '%s'",
					 OBSERVER_INTERVAL_MIN,
					 OBSERVER_INTERVAL_MAX, val);
		o->interval_ms = (int)v;
		return 0;
	default:
		if (!cli_parse_seconds(val, 0.001, 1e7, &sec))
			return args_fail(err, errlen, "--duration: expected "
					 "seconds > 0, got '%s'", val);
		o->duration_ms = (int64_t)(sec * 1000.0 + 0.5);
		return 0;
	}
}

static const struct args_option obs_options[] = {
	{ "--headless", false, 0, args_take_flag,
	  offsetof(struct obs_opts, headless) },
	{ "--format", true, OBS_FORMAT, NULL, 0 },
	{ "--interval", true, OBS_INTERVAL, NULL, 0 },
	{ "--duration", true, OBS_DURATION, NULL, 0 },
	{ "--record", true, 0, args_take_string,
	  offsetof(struct obs_opts, record) },
	{ "--output", true, 0, args_take_string,
	  offsetof(struct obs_opts, output) },
	{ "--threads", false, 0, args_take_flag,
	  offsetof(struct obs_opts, threads) },
};

void obs_opts_init(struct obs_opts *o)
{
	o->headless = false;
	o->format = REPORT_OBS_TEXT;
	o->interval_ms = OBSERVER_INTERVAL_DEFAULT;
	o->duration_ms = 0;
	o->record = NULL;
	o->output = NULL;
	o->threads = false;
}

int obs_opts_open_output(const char *cmd, const struct obs_opts *o,
			 FILE **out)
{
	*out = stdout;
	if (!o->output)
		return -1;
	if (!o->headless)
		return cli_usage(cmd, "--output goes with --headless");
	*out = cli_open_output(cmd, "--output", o->output);
	return *out ? -1 : CLI_USAGE;
}

struct args_set obs_opts_set(struct obs_opts *o)
{
	struct args_set s = {
		.opts = obs_options,
		.n = sizeof(obs_options) / sizeof(obs_options[0]),
		.take = obs_take,
		.ctx = o,
	};

	return s;
}
