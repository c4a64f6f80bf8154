/*
 * viz/cmd/cmd_run.c - `procviz run SCENARIO`.
 *
 *   procviz run NAME [--headless] [--format text|json] [--step]
 *                    [--pace SEC] [--interval MS] [--duration SEC]
 *                    [--subreaper]
 *
 * run launches the scenario (scenarios/launch.h), follows its processes
 * with the observer (viz/core/observer.h), turns the scenario's steps and notes
 * into `note` events, and prints everything with a headless sink
 * (viz/core/report_obs.h).  The run ends when every process of the scenario has
 * exited and been reaped, or at --duration / Ctrl-C / SIGTERM / SIGHUP,
 * when procviz kills what is left and waits (bounded) until it is gone, so
 * the summary's leftover is 0.  Without --headless the lesson view of the
 * terminal UI shows the run instead (viz/ui/ui_scenario.c).
 *
 * `procviz run --scenario-process NAME` is internal: it is how the
 * scenario's main process is entered after the re-exec (launch.h).
 */
#define _GNU_SOURCE
#include "scenarios/i18n.h"
#include "scenarios/launch.h"
#include "viz/cmd/cli.h"
#include "viz/cmd/cmd_home.h"
#include "viz/cmd/obs_opts.h"
#include "viz/core/observer.h"
#include "viz/core/record.h"
#include "viz/core/report_obs.h"
#include "viz/ui/ui_views.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#define RUN_STOP_WAIT_MS 5000	/* after a stop: wait for the end */
#define RUN_REAP_WAIT_MS 10000	/* all exited: wait for the reaping */
#define RUN_PACE_MIN_S 0.05
#define RUN_PACE_MAX_S 60.0

static volatile sig_atomic_t run_stop_requested;

static void run_on_stop_signal(int sig)
{
	(void)sig;
	run_stop_requested = 1;
}

struct run_opts {
	struct obs_opts obs;	/* duration 0: until the scenario is over */
	bool step;
	int pace_ms;
	bool subreaper;
	const char *name;
};

static const char run_help[] =
	"Usage: procviz run SCENARIO [options]\n"
	"Launch a built-in lesson scenario (see 'procviz list') and show its\n"
	"processes live, with a note at each step saying what to look for.\n"
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
	"  --help            this text\n";

/* "zombie, zombie-storm, ..." on @f. */
static void run_print_names(FILE *f)
{
	size_t i;

	for (i = 0; scen_table[i]; i++)
		fprintf(f, "%s%s", i ? ", " : "", scen_table[i]->name);
	fputc('\n', f);
}

/* Returns -1 to go on, else the exit status. */
static int run_parse_opts(int argc, char **argv, struct run_opts *o)
{
	static const struct option opts[] = {
		OBS_OPTS_LONG,
		{ "step", no_argument, NULL, 's' },
		{ "pace", required_argument, NULL, 'p' },
		{ "subreaper", no_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "run";
	double sec;
	int c, rc;

	memset(o, 0, sizeof(*o));
	obs_opts_init(&o->obs);
	o->pace_ms = SCEN_PACE_MS_DEFAULT;
	optind = 1;
	opterr = 0;
	/* Options may come before or after the scenario's name. */
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		rc = obs_opts_take(&o->obs, cmd, c, optarg, argv);
		if (rc == OBS_OPTS_TAKEN)
			continue;
		if (rc != OBS_OPTS_OTHER)
			return rc;
		switch (c) {
		case 's':
			o->step = true;
			break;
		case 'p':
			if (!cli_parse_seconds(optarg, RUN_PACE_MIN_S,
					       RUN_PACE_MAX_S, &sec))
				return cli_usage(cmd,
					"--pace: expected seconds %.2f..%.0f, got '%s'",
					RUN_PACE_MIN_S, RUN_PACE_MAX_S, optarg);
			o->pace_ms = (int)(sec * 1000.0 + 0.5);
			break;
		case 'R':
			o->subreaper = true;
			break;
		case 'h':
			fputs(run_help, stdout);
			return CLI_OK;
		default:
			return cli_usage(cmd, "unknown option '%s'",
					 argv[optind - 1]);
		}
	}
	if (optind >= argc) {
		fputs("procviz: run: no scenario given (procviz run SCENARIO)\n"
		      "scenarios: ", stderr);
		run_print_names(stderr);
		return CLI_USAGE;
	}
	if (optind + 1 < argc)
		return cli_usage(cmd, "unexpected argument '%s'",
				 argv[optind + 1]);
	o->name = argv[optind];
	return -1;
}

static void run_catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = run_on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* An ignored SIGCHLD would make the kernel reap without zombies. */
	signal(SIGCHLD, SIG_DFL);
}

/* Turn every protocol message waiting on the notes pipe into a note. */
static void run_drain_notes(struct scen_run *run, struct observer *obs)
{
	char text[MODEL_NOTE_LEN + 32];
	struct scen_msg msg;

	while (scen_run_read(run, &msg) == 1) {
		switch (msg.kind) {
		case SCEN_MSG_STEP:
			snprintf(text, sizeof(text), "step %d/%d: %s", msg.step,
				 run->scen->nsteps, msg.text);
			observer_note(obs, text);
			break;
		case SCEN_MSG_NOTE:
			observer_note(obs, msg.text);
			break;
		case SCEN_MSG_WAIT:
			break;	/* the UI shows run->waiting */
		case SCEN_MSG_FORK:
			observer_hint_fork(obs, msg.pid, msg.ppid, msg.text);
			break;
		case SCEN_MSG_REAP:
			observer_hint_reap(obs, msg.pid, msg.ppid, msg.status);
			break;
		}
	}
}

/* Who adopts orphans during this run, as a note for the class. */
static void run_note_adopter(struct observer *obs, bool subreaper)
{
	char text[MODEL_NOTE_LEN];

	if (subreaper)
		snprintf(text, sizeof(text), "--subreaper is in force: "
			 "procviz (pid %d) is a subreaper and adopts the "
			 "scenario's orphans", (int)getpid());
	else
		snprintf(text, sizeof(text), "procviz is not a subreaper: "
			 "orphans go to init (pid 1) or to the nearest "
			 "subreaper ancestor, as without procviz");
	observer_note(obs, text);
}

/*
 * Follow the run until it is over: every process of the scenario has
 * exited (no process holds the notes pipe) and has been reaped (the
 * observer tracks nothing).  After a stop (--duration, a signal) the
 * scenario is killed and we keep observing until everything is gone, at
 * most RUN_STOP_WAIT_MS.  Once everything has exited, the zombies' reaping
 * is awaited at most RUN_REAP_WAIT_MS: an adopter that never reaps (the
 * init of some containers) must not hang procviz.
 */
static int run_loop(struct scen_run *run, struct observer *obs,
		    const struct run_opts *o)
{
	int64_t stop_at = o->obs.duration_ms > 0 ? observer_now_ms(obs) +
			  o->obs.duration_ms : -1;
	int64_t give_up = -1;
	bool stopping = false;
	int err = 0;

	for (;;) {
		struct pollfd fds[9];
		int n, timeout;
		int64_t now;

		n = observer_pollfds(obs, fds, 8);
		if (run->note_fd >= 0) {
			fds[n].fd = run->note_fd;
			fds[n].events = POLLIN;
			fds[n].revents = 0;
			n++;
		}
		timeout = observer_timeout_ms(obs);
		now = observer_now_ms(obs);
		if (stop_at >= 0 && !stopping && stop_at - now < timeout)
			timeout = stop_at - now > 0 ? (int)(stop_at - now) : 0;
		if (poll(fds, (nfds_t)n, timeout) < 0 && errno != EINTR) {
			err = -errno;
			break;
		}
		run_drain_notes(run, obs);
		err = observer_step(obs);
		if (err)
			break;
		run_drain_notes(run, obs);
		now = observer_now_ms(obs);
		if (!stopping && (run_stop_requested ||
				  (stop_at >= 0 && now >= stop_at))) {
			scen_run_stop(run);
			stopping = true;
			give_up = now + RUN_STOP_WAIT_MS;
		}
		if (give_up < 0 && run->note_fd < 0)
			give_up = now + RUN_REAP_WAIT_MS;
		if (observer_done(obs) && (run->note_fd < 0 || stopping))
			break;
		if (give_up >= 0 && now >= give_up) {
			if (!stopping)
				observer_note(obs, "the scenario's processes "
					      "have exited but some are still "
					      "zombies: their adopter does not "
					      "reap them (try --subreaper)");
			break;
		}
	}
	return err;
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

/* The terminal UI: the lesson view launches and follows the scenario. */
static int run_show_ui(const struct scenario *scen, const struct run_opts *o,
		       struct recorder *rec)
{
	struct ui_scenario_opts uo = {
		.interval_ms = o->obs.interval_ms,
		.pace_ms = o->pace_ms,
		.step_mode = o->step,
		.subreaper = o->subreaper,
		.duration_ms = o->obs.duration_ms,
		.record = rec,
	};
	struct ui_view *v;
	struct ui *ui;
	sigset_t stops, old;
	char err[256];

	if (ui_check_terminal("run"))
		return CLI_FAIL;
	if (o->subreaper && prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0)
		return cli_fail("run", "--subreaper: %s", strerror(errno));
	/*
	 * The scenario starts before the screen's own signal handlers go in,
	 * and it is stopped and reaped (its view freed) after they come out.
	 * A Ctrl-C, SIGTERM or SIGHUP in either window must not kill procviz
	 * by the default action, nor be lost: they are blocked until the
	 * screen's handlers are in (then one that came meanwhile ends the
	 * loop at once), and again from the end of the loop to the exit.
	 * Scenario processes start with an empty mask (launch.c).
	 */
	sigemptyset(&stops);
	sigaddset(&stops, SIGINT);
	sigaddset(&stops, SIGTERM);
	sigaddset(&stops, SIGHUP);
	sigprocmask(SIG_BLOCK, &stops, &old);
	v = ui_scenario_view_new(scen, &uo, err, sizeof(err));
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

int cmd_run(int argc, char **argv)
{
	const char *cmd = "run";
	struct report_obs_header h = { .source = "run" };
	struct observer_config cfg = { 0 };
	const struct scenario *scen;
	struct scen_opts sopts;
	struct report_obs report;
	struct scen_run run;
	struct observer *obs;
	struct recorder *rec = NULL;
	struct run_opts o;
	int rc, err;

	if (argc > 1 && strcmp(argv[1], SCEN_CHILD_OPTION) == 0)
		return scen_child_main(argc, argv);
	rc = run_parse_opts(argc, argv, &o);
	if (rc >= 0)
		return rc;
	scen = scen_find(o.name);
	if (!scen) {
		fprintf(stderr, "procviz: run: unknown scenario '%s'\n"
			"scenarios: ", o.name);
		run_print_names(stderr);
		return CLI_USAGE;
	}
	if (o.obs.record) {
		rec = recorder_open(o.obs.record);
		if (!rec) {
			fprintf(stderr, "procviz: run: --record: cannot write "
				"'%s': %s\n", o.obs.record, strerror(errno));
			return CLI_USAGE;
		}
	}
	if (!o.obs.headless) {
		rc = run_show_ui(scen, &o, rec);
		return run_close_record(rec, rc);
	}
	/* Headless scenarios advance on their own, --step or not. */
	sopts.pace_ms = o.pace_ms;
	sopts.step_mode = false;
	run_catch_signals();
	if (o.subreaper && prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0) {
		recorder_close(rec);
		return cli_fail(cmd, "--subreaper: %s", strerror(errno));
	}
	report_obs_init(&report, stdout, o.obs.format);
	cfg.interval_ms = o.obs.interval_ms;
	cfg.reap_children = true;	/* the main process, adopted orphans */
	cfg.sink = report_obs_event;
	cfg.sink_arg = &report;
	if (rec) {
		cfg.tap_snapshot = recorder_tap_snapshot;
		cfg.tap_note = recorder_tap_note;
		cfg.tap_arg = rec;
	}
	obs = observer_new(&cfg);
	if (!obs) {
		recorder_close(rec);
		return cli_fail(cmd, "cannot start observing: %s",
				strerror(errno));
	}
	fflush(stdout);
	rc = scen_run_start(&run, scen, &sopts);
	if (rc < 0) {
		observer_free(obs);
		recorder_close(rec);
		return cli_fail(cmd, "cannot start scenario %s: %s", scen->name,
				strerror(-rc));
	}
	/*
	 * The header goes out once the scenario is launched (a launch
	 * failure prints nothing on stdout) and before the scenario is
	 * followed, so every event comes after it.  The scenario waits for
	 * scen_run_go(): nothing happens in between.
	 */
	observer_set_marker(obs, run.guard.marker, true);
	h.scenario = scen->name;
	h.interval_ms = observer_interval_ms(obs);
	h.event_source = observer_event_source(obs);
	h.sources = observer_sources(obs);
	h.say_subreaper = true;
	h.subreaper = o.subreaper;
	report_obs_header(&report, &h);
	if (rec)
		recorder_header(rec, &h);
	rc = observer_add_root(obs, run.pid, true);
	if (rc < 0) {
		scen_run_clear(&run);
		observer_free(obs);
		recorder_close(rec);
		return cli_fail(cmd, "cannot follow scenario %s: %s",
				scen->name, strerror(-rc));
	}
	run_note_adopter(obs, o.subreaper);
	rc = scen_run_go(&run);
	err = rc < 0 ? rc : run_loop(&run, obs, &o);
	if (err >= 0)
		observer_step(obs);
	report_obs_summary(&report, observer_model(obs));
	{
		int st;

		if (observer_child_status(obs, run.pid, &st))
			scen_run_main_reaped(&run, st);
	}
	scen_run_clear(&run);
	observer_free(obs);
	if (err < 0) {
		recorder_close(rec);
		return cli_fail(cmd, "observing failed: %s", strerror(-err));
	}
	return run_close_record(rec, CLI_OK);
}
