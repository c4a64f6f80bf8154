/*
 * viz/cmd/obs_opts.c - the options run, watch and attach share.
 */
#include "viz/cmd/obs_opts.h"

#include "viz/cmd/cli.h"
#include "viz/core/observer.h"

void obs_opts_init(struct obs_opts *o)
{
	o->headless = false;
	o->format = REPORT_OBS_TEXT;
	o->interval_ms = OBSERVER_INTERVAL_DEFAULT;
	o->duration_ms = 0;
	o->record = NULL;
	o->threads = false;
}

int obs_opts_take(struct obs_opts *o, const char *cmd, int c,
		  const char *arg, char **argv)
{
	double sec;
	long v;

	switch (c) {
	case 'H':
		o->headless = true;
		return OBS_OPTS_TAKEN;
	case 'f':
		if (report_obs_format_parse(arg, &o->format))
			return cli_usage(cmd,
				"--format: expected text or json, got '%s'",
				arg);
		return OBS_OPTS_TAKEN;
	case 'i':
		if (!cli_parse_long(arg, OBSERVER_INTERVAL_MIN,
				    OBSERVER_INTERVAL_MAX, &v))
			return cli_usage(cmd,
				"--interval: expected milliseconds %d..%d, got '%s'",
				OBSERVER_INTERVAL_MIN, OBSERVER_INTERVAL_MAX,
				arg);
		o->interval_ms = (int)v;
		return OBS_OPTS_TAKEN;
	case 'd':
		if (!cli_parse_seconds(arg, 0.001, 1e7, &sec))
			return cli_usage(cmd,
				"--duration: expected seconds > 0, got '%s'",
				arg);
		o->duration_ms = (int64_t)(sec * 1000.0 + 0.5);
		return OBS_OPTS_TAKEN;
	case 'o':
		o->record = arg;
		return OBS_OPTS_TAKEN;
	case 'T':
		o->threads = true;
		return OBS_OPTS_TAKEN;
	case ':':
		return cli_usage(cmd, "option '%s' needs a value",
				 argv[optind - 1]);
	case '?':
		return cli_usage(cmd, "unknown option '%s'", argv[optind - 1]);
	default:
		return OBS_OPTS_OTHER;
	}
}
