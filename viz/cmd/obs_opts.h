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

#include "viz/cmd/args.h"
#include "viz/core/report_obs.h"

struct obs_opts {
	bool headless;
	enum report_obs_format format;
	int interval_ms;
	int64_t duration_ms;		/* 0: until the run ends by itself */
	const char *record;		/* --record FILE (borrows argv), or NULL */
	bool threads;			/* --threads: every thread a task */
};

/* Defaults: text, not headless, the observer's default interval. */
void obs_opts_init(struct obs_opts *o);

/*
 * The table of the common options, storing into @o: --headless, --format,
 * --interval, --duration, --record, --threads.
 */
struct args_set obs_opts_set(struct obs_opts *o);

#endif
