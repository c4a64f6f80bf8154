/*
 * viz/cmd/obs_opts.h - the options run, watch and attach share (spec.md
 * "Common options", plus --record): one parser, so the three commands
 * accept and reject exactly the same things with the same messages.
 *
 * Use: put OBS_OPTS_LONG in the command's getopt_long table, call
 * obs_opts_init() first and obs_opts_take() for every option getopt
 * returns; it handles the common ones and the errors getopt reports.
 */
#ifndef PROCVIZ_VIZ_OBS_OPTS_H
#define PROCVIZ_VIZ_OBS_OPTS_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>

#include "viz/core/report_obs.h"

struct obs_opts {
	bool headless;
	enum report_obs_format format;
	int interval_ms;
	int64_t duration_ms;		/* 0: until the run ends by itself */
	const char *record;		/* --record FILE (borrows argv), or NULL */
	bool threads;			/* --threads: every thread a task */
};

/* The getopt_long entries of the common options (short codes H f i d o T). */
#define OBS_OPTS_LONG                                             \
	{ "headless", no_argument, NULL, 'H' },                   \
	{ "format", required_argument, NULL, 'f' },               \
	{ "interval", required_argument, NULL, 'i' },             \
	{ "duration", required_argument, NULL, 'd' },             \
	{ "record", required_argument, NULL, 'o' },               \
	{ "threads", no_argument, NULL, 'T' }

/* Defaults: text, not headless, the observer's default interval. */
void obs_opts_init(struct obs_opts *o);

enum {
	OBS_OPTS_TAKEN = -1,	/* a common option, stored */
	OBS_OPTS_OTHER = -2,	/* not a common option: the caller's */
};

/*
 * Take getopt_long's result @c (with optarg @arg) for command @cmd.
 * Returns OBS_OPTS_TAKEN, OBS_OPTS_OTHER, or an exit status after
 * reporting a usage error (a bad value, a missing value for ':', an
 * unknown option for '?').  argv is getopt's, for naming the option.
 */
int obs_opts_take(struct obs_opts *o, const char *cmd, int c,
		  const char *arg, char **argv);

#endif
