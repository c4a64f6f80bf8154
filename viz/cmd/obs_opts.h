/*
 * viz/cmd/obs_opts.h - the options run, watch and attach share (procviz.1
 * "COMMON OPTIONS", plus --record): one table for the one parser
 * (viz/cmd/args.h), so the three commands accept and reject exactly the
 * same things with the same messages.
 */
#ifndef PROCVIZ_VIZ_OBS_OPTS_H
#define PROCVIZ_VIZ_OBS_OPTS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "viz/cmd/args.h"
#include "viz/core/report_obs.h"

struct obs_opts {
	bool headless;
	enum report_obs_format format;
	int interval_ms;
	int64_t duration_ms;		/* 0: until the run ends by itself */
	const char *record;		/* --record FILE (borrows argv), or NULL */
	const char *output;		/* --output/-o FILE, or NULL */
	bool threads;			/* --threads: every thread a task */
};

/* Defaults: text, not headless, the observer's default interval. */
void obs_opts_init(struct obs_opts *o);

/*
 * Where the headless events go: --output opened (cli_open_output), or
 * stdout.  -1 to go on with *@out set, else the exit status (2: --output
 * without --headless, or a file that cannot be written; said on stderr).
 * Close it with cli_close_output(cmd, "--output", o->output, *out, rc).
 */
int obs_opts_open_output(const char *cmd, const struct obs_opts *o,
			 FILE **out);

/*
 * The table of the common options, storing into @o: --headless, --format,
 * --interval, --duration, --record, --output (-o), --threads.
 */
struct args_set obs_opts_set(struct obs_opts *o);

#endif
