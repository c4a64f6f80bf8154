/*
 * viz/cmd/cmd_replay.c - `procviz replay` and `procviz trace`.
 *
 *   procviz replay FILE [--headless] [--format text|json]
 *   procviz replay FILE --format svg|html [--output FILE]
 *   procviz trace FILE [--tick-ms MS] [--output WORKLOAD]
 *
 * replay feeds a recording (viz/core/record.h, made with --record) to a replay
 * observer: headless, the events it derives go to the same sink as a live
 * run's (viz/core/report_obs.h), so the output is the live run's output; with
 * the terminal UI, the lesson view shows it with a cursor (ui_replay.h);
 * as svg, one picture of the whole lesson (viz/core/report_svg.h); as html,
 * a web page that replays it (viz/core/report_html.h).
 * trace turns the recorded processes into a workload (viz/core/trace.h).
 */
#define _GNU_SOURCE		/* open_memstream */
#include "sched/sched.h"
#include "viz/cmd/args.h"
#include "common/i18n.h"
#include "viz/cmd/cli.h"
#include "viz/cmd/cli_theme.h"
#include "viz/cmd/cmd_home.h"
#include "viz/core/observer.h"
#include "viz/core/record.h"
#include "viz/core/report_html.h"
#include "viz/core/report_obs.h"
#include "viz/core/report_svg.h"
#include "viz/core/trace.h"
#include "viz/ui/ui_replay.h"
#include "viz/ui/ui_views.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char replay_help[] =
	N_("Usage: procviz replay FILE [options]\n"
	"Play back a session saved with --record FILE (run, watch, attach).\n"
	"In the terminal UI the whole timeline is shown and a cursor moves\n"
	"through it (, . one step, [ ] ten, Home End, p plays).\n"
	"\n"
	"Options:\n"
	"  --headless        print the events the live run printed, exit\n"
	"  --format FMT      text (default), json, svg or html\n"
	"                    json: JSON Lines (see procviz(1)); svg: one\n"
	"                    picture of the whole lesson for slides and\n"
	"                    handouts; html: one web page that replays the\n"
	"                    lesson in any browser (svg, html: no terminal)\n"
	"  -o, --output FILE with --headless, --format svg or html: write it\n"
	"                    there\n"
	"                    (default stdout)\n"
	"  --threads         show the recorded threads as task rows from the start\n"
	"  --help            this text\n");

static const char trace_help[] =
	N_("Usage: procviz trace FILE [options]\n"
	"Turn the processes of a recording (--record FILE) into a workload\n"
	"file: one job per process, named COMM-PID, arriving when first seen,\n"
	"with the CPU time it used as CPU bursts and the time it was blocked\n"
	"as IO bursts.  Then: procviz sched WORKLOAD --policy all\n"
	"\n"
	"Options:\n"
	"  --tick-ms MS      length of one tick, 1..60000 (default 100)\n"
	"  -o, --output FILE write the workload there (default stdout)\n"
	"  --help            this text\n");

/* Load @path; a bad file is an input error (2) with FILE:LINE:COL. */
static int replay_load(const char *cmd, const char *path,
		       struct recording *r)
{
	char err[512];
	int rc = recording_load(path, r, err, sizeof(err));

	if (rc == 0)
		return -1;
	if (rc == -ENOMEM)
		return cli_fail(cmd, "%s", err);
	return cli_bad_input(cmd, "%s", err);
}

/* Every item fed in order; events go to the report as they come. */
static int replay_headless(struct recording *r, enum report_obs_format fmt,
			   FILE *out)
{
	struct observer_config cfg = { 0 };
	struct report_obs_header h;
	struct report_obs report;
	struct record_item it;
	struct observer *obs;
	size_t i;
	int rc = 0;

	report_obs_init(&report, out, fmt);
	cfg.interval_ms = r->header.interval_ms;
	cfg.sink = report_obs_event;
	cfg.sink_arg = &report;
	obs = observer_new_replay(&cfg, r->header.event_source);
	if (!obs)
		return cli_fail("replay", "%s", strerror(errno));
	recording_report_header(r, &h);
	report_obs_header(&report, &h);
	record_item_init(&it);
	for (i = 0; i < r->n_items && !rc && !report.err; i++)
		rc = recording_feed(r, i, &it, obs);
	record_item_clear(&it);
	if (!rc)
		report_obs_summary(&report, observer_model(obs));
	observer_free(obs);
	if (rc)
		return cli_fail("replay", "%s", strerror(-rc));
	if (report.err && out == stdout)
		return cli_fail("replay", "standard output: %s",
				strerror(report.err));
	return fflush(out) == 0 && !report.err ? CLI_OK : CLI_FAIL;
}

struct replay_opts {
	bool headless;
	enum report_obs_format format;
	bool help;
	bool threads;			/* replay: task rows from the start */
	bool svg;			/* replay: --format svg */
	bool html;			/* replay: --format html */
	long tick_ms;			/* trace */
	const char *output;		/* trace, svg, html: --output or NULL */
};

static int replay_take(void *ctx, const struct args_option *opt,
		       const char *val, char *err, size_t errlen)
{
	struct replay_opts *o = ctx;

	if (opt->id == 'f') {
		o->svg = strcmp(val, "svg") == 0;
		o->html = strcmp(val, "html") == 0;
		if (!o->svg && !o->html &&
		    report_obs_format_parse(val, &o->format))
			return args_fail(err, errlen, "--format: expected "
					 "text, json, svg or html, got '%s'",
					 val);
	} else if (!cli_parse_long(val, 1, 60000, &o->tick_ms)) {
		return args_fail(err, errlen, "--tick-ms: expected "
				 "milliseconds 1..60000, got '%s'", val);
	}
	return 0;
}

static const struct args_option replay_options[] = {
	{ "--headless", false, 0, args_take_flag,
	  offsetof(struct replay_opts, headless) },
	{ "--format", true, 'f', replay_take, 0 },
	{ "--threads", false, 0, args_take_flag,
	  offsetof(struct replay_opts, threads) },
	{ "--output", true, 0, args_take_string,
	  offsetof(struct replay_opts, output) },
	{ "--help", false, 0, args_take_help,
	  offsetof(struct replay_opts, help) },
};

static const struct args_option trace_options[] = {
	{ "--tick-ms", true, 't', replay_take, 0 },
	{ "--output", true, 0, args_take_string,
	  offsetof(struct replay_opts, output) },
	{ "--help", false, 0, args_take_help,
	  offsetof(struct replay_opts, help) },
};

/*
 * Parse replay's or trace's command line and load its recording into @r
 * (recording_init'ed).  Returns -1 to go on, else the exit status (help
 * printed, a usage error, a bad file).
 */
static int replay_parse(const char *cmd, int argc, char **argv,
			struct replay_opts *o, struct recording *r)
{
	bool trace = strcmp(cmd, "trace") == 0;
	struct args_operands file = { 0 };
	struct args_set set = {
		trace ? trace_options : replay_options,
		trace ? ARRAY_SIZE(trace_options) : ARRAY_SIZE(replay_options),
		NULL, o,
	};
	struct args_spec spec = {
		.sets = &set, .nsets = 1,
		.operand = args_operand_one, .operand_ctx = &file,
	};

	memset(o, 0, sizeof(*o));
	o->format = REPORT_OBS_TEXT;
	o->tick_ms = TRACE_TICK_MS_DEFAULT;
	if (cli_args(cmd, &spec, argc, argv, NULL) >= 0)
		return CLI_USAGE;
	if (o->help) {
		fputs(_(trace ? trace_help : replay_help), stdout);
		return CLI_OK;
	}
	if (!file.first)
		return trace ? cli_usage(cmd, "no recording given (procviz "
					 "trace FILE)") :
			       cli_usage(cmd, "no recording given (procviz "
					 "replay FILE)");
	if (file.extra)
		return cli_usage(cmd, "unexpected argument '%s'", file.extra);
	return replay_load(cmd, file.first, r);
}

/* The picture (or the page, @html) of the lesson, to @output or stdout. */
static int replay_svg(const struct recording *r, const char *output,
		      bool html)
{
	FILE *out = output ? cli_open_output("replay", "--output", output) :
			     stdout;
	struct report_html_config cfg;
	char err[512];
	int rc;

	if (!out)
		return CLI_USAGE;
	cli_theme_html(&cfg);
	rc = html ? report_html_replay(out, r, &cfg, err, sizeof(err)) :
		    report_svg_write(out, r, err, sizeof(err));
	rc = rc ? cli_fail("replay", "%s", err) : CLI_OK;
	rc = cli_close_output("replay", "--output", output, out, rc);
	if (rc)
		return rc;
	if (output)
		cli_say("replay", html ? N_("page written to %s") :
			N_("picture written to %s"), output);
	return CLI_OK;
}

int cmd_replay(int argc, char **argv)
{
	struct replay_opts o;
	struct recording r;
	int rc;

	recording_init(&r);
	rc = replay_parse("replay", argc, argv, &o, &r);
	if (rc >= 0)
		return rc;
	if (o.output && !o.svg && !o.html && !o.headless) {
		recording_clear(&r);
		return cli_usage("replay", "--output goes with --headless, "
				 "--format svg or --format html");
	}
	if (o.svg || o.html) {
		/* --threads: a row per task (a threads recording has them). */
		if (o.threads)
			r.header.threads = true;
		rc = replay_svg(&r, o.output, o.html);
		recording_clear(&r);
		return rc;
	}
	/*
	 * The view: task rows from the start (the default for a recording
	 * made in threads mode).  Headless prints what the live run did.
	 */
	if (!o.headless && o.threads)
		r.header.threads = true;
	if (!o.headless && ui_check_terminal("replay")) {
		recording_clear(&r);
		return CLI_FAIL;
	}
	if (o.headless) {
		FILE *out = o.output ? cli_open_output("replay", "--output",
						       o.output) : stdout;

		rc = out ? replay_headless(&r, o.format, out) : CLI_USAGE;
		if (out)
			rc = cli_close_output("replay", "--output", o.output,
					      out, rc);
	} else {
		char err[512];
		struct ui_view *v = ui_replay_view_new(&r, err, sizeof(err));

		rc = v ? ui_main(&v, 1, cmd_home_view, NULL) :
			 cli_fail("replay", "%s", err);
	}
	recording_clear(&r);
	return rc;
}

int cmd_trace(int argc, char **argv)
{
	struct replay_opts o;
	struct sched_workload w;
	struct recording r;
	char err[512], *text = NULL;
	size_t len = 0;
	int rc, njobs;
	FILE *mem, *out;

	recording_init(&r);
	rc = replay_parse("trace", argc, argv, &o, &r);
	if (rc >= 0)
		return rc;
	mem = open_memstream(&text, &len);
	if (!mem) {
		recording_clear(&r);
		return cli_fail("trace", "%s", strerror(errno));
	}
	rc = trace_write(mem, &r, (int)o.tick_ms, sysconf(_SC_CLK_TCK), &njobs,
			 err, sizeof(err));
	recording_clear(&r);
	if (fclose(mem) && !rc) {
		snprintf(err, sizeof(err), "%s", strerror(errno));
		rc = -ENOMEM;
	}
	if (rc) {
		free(text);
		return cli_fail("trace", "%s", err);
	}
	/* What we write must be what `procviz sched` reads. */
	sched_workload_init(&w);
	rc = sched_workload_parse_mem(text, len, "trace", &w, err,
				      sizeof(err));
	sched_workload_clear(&w);
	if (rc) {
		free(text);
		return cli_fail("trace", "internal error: %s", err);
	}
	out = o.output ? cli_open_output("trace", "--output", o.output) :
			 stdout;
	if (!out) {
		free(text);
		return CLI_USAGE;
	}
	fwrite(text, 1, len, out);
	free(text);
	if (out == stdout && fflush(out) != 0)
		return cli_fail("trace", "cannot write '%s': %s", "stdout",
				strerror(errno));
	rc = cli_close_output("trace", "--output", o.output, out, CLI_OK);
	if (rc)
		return rc;
	if (o.output)
		cli_say("trace", ngettext("%d job written to %s",
					  "%d jobs written to %s", njobs),
			njobs, o.output);
	return CLI_OK;
}
