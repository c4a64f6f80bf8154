/*
 * viz/cmd/cmd_run.c - `procviz run SCENARIO`.
 *
 *   procviz run NAME [--headless] [--format text|json] [--step]
 *                    [--pace SEC] [--interval MS] [--duration SEC]
 *                    [--subreaper]
 *
 * run drives a lesson (viz/core/lesson.h: launch, notes, cleanup): a
 * built-in scenario (viz/core/session.h) or a lesson file
 * (viz/core/lesson_run.h, cmd_runfile.c), which follows the lesson's
 * processes with the observer (viz/core/observer.h) and turns its steps
 * and notes into `note` events; headless, everything goes to a report
 * sink (viz/core/report_obs.h), the lesson seeing each event first (its
 * triggers).  The run ends when every process of the lesson has exited
 * and been reaped, or at --duration / Ctrl-C / SIGTERM / SIGHUP, when
 * procviz kills what is left and waits (bounded) until it is gone, so the
 * summary's leftover is 0.  Without --headless the lesson view of the
 * terminal UI drives the same lesson (viz/ui/ui_scenario.c,
 * viz/ui/ui_lesson_file.c).  Either way the header goes out once the
 * lesson is launched and before it is followed.
 *
 * `procviz run --scenario-process NAME` and `--lesson-process` are
 * internal: they are how a lesson's main process is entered after the
 * re-exec (launch.h, lesson_run.h).
 */
#define _GNU_SOURCE
#include "common/i18n.h"
#include "scenarios/launch.h"
#include "viz/cmd/args.h"
#include "viz/cmd/cli.h"
#include "viz/cmd/cmd_home.h"
#include "viz/cmd/cmd_runfile.h"
#include "viz/cmd/obs_opts.h"
#include "viz/core/lesson_file.h"
#include "viz/core/lesson_run.h"
#include "viz/core/observer.h"
#include "viz/core/record.h"
#include "viz/core/report_obs.h"
#include "viz/core/session.h"
#include "viz/ui/ui_views.h"

#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#define RUN_PACE_MIN_S 0.05
#define RUN_PACE_MAX_S 60.0

struct run_opts {
	struct obs_opts obs;	/* duration 0: until the scenario is over */
	bool step;
	int pace_ms;
	bool subreaper;
	bool help;
	const char *name;
};

static const char run_help[] =
	N_("Usage: procviz run SCENARIO|FILE [options]\n"
	"Launch a built-in lesson scenario (see 'procviz list'), or a lesson\n"
	"file (procviz-lesson(5)), and show its processes live, with a note\n"
	"at each step saying what to look for.\n"
	"\n"
	"Options:\n"
	"  --headless        print events and notes to stdout, no terminal UI\n"
	"  --format FMT      text (default) or json (JSON Lines, see procviz(1))\n"
	"  --step            wait for the lecturer (n) before each step;\n"
	"                    headless runs advance on their own\n"
	"  --pace SEC        how long each state stays visible (default 3)\n"
	"  --interval MS     sampling period, 10..1000 (default 100)\n"
	"  --duration SEC    stop the scenario after SEC seconds\n"
	"  --subreaper       make procviz the subreaper: it adopts orphans\n"
	"                    (default: they go to init or the system's subreaper)\n"
	"  --record FILE     save the session for 'procviz replay FILE'\n"
	"  -o, --output FILE with --headless: the events go to FILE\n"
	"  --threads         show every thread as a task of its own\n"
	"  --help            this text\n");

/* "zombie, zombie-storm, ...": every scenario's name, into buf[len]. */
static const char *run_names(char *buf, size_t len)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; scen_table[i] && n < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s", i ? ", " : "",
				      scen_table[i]->name);
	return buf;
}

static int run_take_pace(void *ctx, const struct args_option *opt,
			 const char *val, char *err, size_t errlen)
{
	struct run_opts *o = ctx;
	double sec;

	if (!cli_parse_seconds(val, RUN_PACE_MIN_S, RUN_PACE_MAX_S, &sec))
		return args_fail(err, errlen, "--pace: expected seconds "
				 "%.2f..%.0f, got '%s'", RUN_PACE_MIN_S,
				 RUN_PACE_MAX_S, val);
	o->pace_ms = (int)(sec * 1000.0 + 0.5);
	return 0;
}

static const struct args_option run_options[] = {
	{ "--step", false, 0, args_take_flag, offsetof(struct run_opts, step) },
	{ "--pace", true, 0, run_take_pace, 0 },
	{ "--subreaper", false, 0, args_take_flag,
	  offsetof(struct run_opts, subreaper) },
	{ "--help", false, 0, args_take_help,
	  offsetof(struct run_opts, help) },
};

/*
 * Options may come before or after the scenario's name.  Returns -1 to go
 * on, else the exit status.
 */
static int run_parse_opts(int argc, char **argv, struct run_opts *o)
{
	struct args_operands name = { 0 };
	char names[1024];
	struct args_set sets[2];
	struct args_spec spec = {
		.sets = sets, .nsets = 2,
		.operand = args_operand_one, .operand_ctx = &name,
	};

	memset(o, 0, sizeof(*o));
	obs_opts_init(&o->obs);
	o->pace_ms = SCEN_PACE_MS_DEFAULT;
	sets[0] = obs_opts_set(&o->obs);
	sets[1] = (struct args_set){ run_options, ARRAY_SIZE(run_options),
				     NULL, o };
	if (cli_args("run", &spec, argc, argv, NULL) >= 0)
		return CLI_USAGE;
	if (o->help) {
		fputs(_(run_help), stdout);
		return CLI_OK;
	}
	if (!name.first)
		return cli_bad_input("run", "no scenario given (procviz run "
				     "SCENARIO)\nscenarios: %s",
				     run_names(names, sizeof(names)));
	if (name.extra)
		return cli_usage("run", "unexpected argument '%s'", name.extra);
	o->name = name.first;
	return -1;
}

/* Close the recording; a write error turns success into failure. */
static int run_close_record(struct recorder *rec, int rc)
{
	int err = recorder_close(rec);

	if (err && rc == CLI_OK)
		return cli_fail("run", "--record: writing failed: %s",
				strerror(-err));
	return rc;
}

/* What run runs: a built-in scenario or a lesson file, one of them. */
struct run_what {
	const struct scenario *scen;
	struct lesson_file *lf;
};

static void run_observe(const struct run_what *w, struct observer_config *cfg)
{
	if (w->lf)
		lrun_observer_config(w->lf, cfg);
	else
		session_observer_config(w->scen, cfg);
}

static struct lesson *run_lesson_new(const struct run_what *w,
				     const struct lesson_opts *lo,
				     struct observer *obs)
{
	return w->lf ? lrun_new(w->lf, lo, obs) : session_new(w->scen, lo, obs);
}

/*
 * The terminal UI: the lesson view launches and follows the lesson.  It
 * starts before the screen's own signal handlers go in, and it is stopped
 * and reaped (its view freed) after they come out.  A Ctrl-C, SIGTERM or
 * SIGHUP in either window must not kill procviz by the default action,
 * nor be lost: they are blocked until the screen's handlers are in (then
 * one that came meanwhile ends the loop at once), and again from the end
 * of the loop to the exit.  Lesson processes start with an empty mask
 * (launch.c).
 */
static int run_show_ui(const struct run_what *w, const struct run_opts *o,
		       struct recorder *rec)
{
	struct ui_run_opts uo = {
		.interval_ms = o->obs.interval_ms,
		.pace_ms = o->pace_ms,
		.step_mode = o->step,
		.subreaper = o->subreaper,
		.duration_ms = o->obs.duration_ms,
		.record = rec,
		.threads = o->obs.threads,
	};
	struct observer_config hook = { 0 };
	struct ui_view *v;
	struct ui *ui;
	sigset_t stops, old;
	int64_t fail_after_ms;
	char err[1024];

	if (ui_check_terminal("run"))
		return CLI_FAIL;
	cli_test_fail_arm(&hook, &fail_after_ms);
	cli_observer_env(&hook);
	uo.step_hook = hook.step_hook;
	uo.step_hook_arg = hook.step_hook_arg;
	uo.no_netlink = hook.no_netlink;
	uo.no_ptrace = hook.no_ptrace;
	sigemptyset(&stops);
	sigaddset(&stops, SIGINT);
	sigaddset(&stops, SIGTERM);
	sigaddset(&stops, SIGHUP);
	sigprocmask(SIG_BLOCK, &stops, &old);
	v = w->lf ? ui_lesson_file_view_new(w->lf, false, &uo, err,
					    sizeof(err)) :
		    ui_scenario_view_new(w->scen, &uo, err, sizeof(err));
	if (!v) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		return cli_fail("run", "%s", err);
	}
	ui = ui_open(err, sizeof(err));
	if (!ui) {
		v->free(v);
		sigprocmask(SIG_SETMASK, &old, NULL);
		return cli_fail("run", "%s", err);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	ui_set_home(ui, cmd_home_view, NULL);
	ui_run(ui, &v, 1, 0);
	sigprocmask(SIG_BLOCK, &stops, NULL);
	ui_close(ui);
	return CLI_OK;
}

/* The headless sink: the lesson sees each event (its triggers), then the
 * report. */
struct run_sink {
	struct report_obs report;
	struct lesson *l;		/* NULL until made */
};

static void run_event(const struct model_event *ev, void *arg)
{
	struct run_sink *s = arg;

	if (s->l)
		lesson_event(s->l, ev);
	report_obs_event(ev, &s->report);
}

/*
 * Headless: the lesson prints through the report sink.  The header goes
 * out once the lesson is launched (a launch failure prints nothing on
 * stdout) and before it is followed, so every event comes after it; the
 * lesson waits for lesson_go() meanwhile.
 */
static int run_headless(const struct run_what *w, const struct run_opts *o,
			struct recorder *rec, FILE *out)
{
	struct lesson_opts lo = {
		.pace_ms = o->pace_ms,
		.headless = true,	/* headless runs advance on their own */
		.subreaper = o->subreaper,
		.duration_ms = o->obs.duration_ms,
	};
	struct observer_config cfg = {
		.interval_ms = o->obs.interval_ms,
		.threads = o->obs.threads,
		.sink = run_event,
	};
	struct run_sink sink = { .l = NULL };
	struct report_obs_header h;
	struct observer *obs;
	int64_t fail_after_ms;
	char err[1024];
	int rc;

	cli_catch_signals();
	report_obs_init(&sink.report, out, o->obs.format);
	sink.report.stop = &cli_stop_requested;
	cfg.sink_arg = &sink;
	run_observe(w, &cfg);
	if (rec) {
		cfg.tap_snapshot = recorder_tap_snapshot;
		cfg.tap_note = recorder_tap_note;
		cfg.tap_arg = rec;
	}
	cli_test_fail_arm(&cfg, &fail_after_ms);
	cli_observer_env(&cfg);
	obs = observer_new(&cfg);
	if (!obs)
		return cli_fail("run", "cannot start observing: %s",
				strerror(errno));
	sink.l = run_lesson_new(w, &lo, obs);
	fflush(stdout);
	rc = sink.l ? lesson_launch(sink.l, err, sizeof(err)) : -ENOMEM;
	if (rc < 0)
		goto out;
	lesson_header(sink.l, &h);
	report_obs_header(&sink.report, &h);
	if (rec)
		recorder_header(rec, &h);
	rc = lesson_go(sink.l, err, sizeof(err));
	if (rc < 0)
		goto out;
	rc = lesson_headless(sink.l, &cli_stop_requested);
	report_obs_summary(&sink.report, observer_model(obs));
	if (rc >= 0 && report_obs_error(&sink.report)) {
		rc = report_obs_error(&sink.report);
		snprintf(err, sizeof(err),
			 _("standard output: %s; the lesson was stopped"),
			 strerror(-rc));
	} else if (rc < 0) {
		snprintf(err, sizeof(err), _("observing failed: %s"),
			 strerror(-rc));
	}
	lesson_end(sink.l);
	if (rc >= 0 && lesson_failed(sink.l, err, sizeof(err)))
		rc = -ECANCELED;
out:
	if (!sink.l)
		snprintf(err, sizeof(err), "out of memory");
	lesson_free(sink.l);
	observer_free(obs);
	return rc < 0 ? cli_fail("run", "%s", err) : CLI_OK;
}

/* Run @w as @o says: its output, its recording, headless or on screen. */
static int run_lesson(const struct run_what *w, const struct run_opts *o)
{
	struct recorder *rec = NULL;
	FILE *out;
	int rc;

	if (o->subreaper && prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0)
		return cli_fail("run", "--subreaper: %s", strerror(errno));
	rc = obs_opts_open_output("run", &o->obs, &out);
	if (rc >= 0)
		return rc;
	if (o->obs.record) {
		rec = cli_open_record("run", o->obs.record);
		if (!rec)
			return cli_close_output("run", "--output", o->obs.output,
						out, CLI_USAGE);
	}
	rc = o->obs.headless ? run_headless(w, o, rec, out) :
			      run_show_ui(w, o, rec);
	rc = run_close_record(rec, rc);
	return cli_close_output("run", "--output", o->obs.output, out, rc);
}

int cmd_run(int argc, char **argv)
{
	struct run_what w = { NULL, NULL };
	struct run_opts o;
	char names[1024];
	int rc;

	if (argc > 1 && strcmp(argv[1], SCEN_CHILD_OPTION) == 0)
		return scen_child_main(argc, argv);
	if (argc > 1 && strcmp(argv[1], LRUN_CHILD_OPTION) == 0)
		return lrun_child_main(argc, argv);
	rc = run_parse_opts(argc, argv, &o);
	if (rc >= 0)
		return rc;
	if (o.obs.output && !o.obs.headless)
		return cli_usage("run", "--output goes with --headless");
	if (runfile_is_file(o.name)) {
		rc = runfile_load(o.name, &w.lf);
		if (rc >= 0)
			return rc;
	} else {
		w.scen = scen_find(o.name);
		if (!w.scen)
			return cli_bad_input("run", "unknown scenario '%s'\n"
					     "scenarios: %s", o.name,
					     run_names(names, sizeof(names)));
	}
	rc = run_lesson(&w, &o);
	if (w.lf) {
		lesson_file_clear(w.lf);
		free(w.lf);
	}
	return rc;
}
