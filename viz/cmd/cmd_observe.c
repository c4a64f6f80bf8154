/*
 * viz/cmd/cmd_observe.c - `procviz watch` and `procviz attach`.
 *
 *   procviz watch [options] -- CMD [ARG...]
 *   procviz attach PID [options]
 *
 * Both follow a root process and everything it creates through the
 * observer (viz/core/observer.h) and print its events with a headless sink
 * (viz/core/report_obs.h).  Without --headless the lesson view of the terminal
 * UI (viz/ui/ui_lesson.c) shows them instead.
 */
#define _GNU_SOURCE		/* pipe2 */
#include "viz/cmd/args.h"
#include "common/i18n.h"
#include "viz/cmd/cli.h"
#include "viz/cmd/cmd_home.h"
#include "viz/cmd/obs_opts.h"
#include "viz/core/observer.h"
#include "viz/core/record.h"
#include "viz/core/report_obs.h"
#include "viz/ui/ui_views.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The watched command's environment marker (viz/core/marker.h). */
#define WATCH_MARKER_VAR "PROCVIZ_WATCH"

static const char watch_help[] =
	N_("Usage: procviz watch [options] -- CMD [ARG...]\n"
	"Launch CMD and follow it and every process it creates until all of\n"
	"them have exited, showing each spawn, exec, state change, exit, reap\n"
	"and re-parenting.\n"
	"\n"
	"Options:\n"
	"  --headless        print events to stdout instead of the terminal UI\n"
	"  --format FMT      text (default) or json (JSON Lines, see procviz(1))\n"
	"  --interval MS     sampling period, 10..1000 (default 100)\n"
	"  --duration SEC    stop watching after SEC seconds\n"
	"  --record FILE     save the session for 'procviz replay FILE'\n"
	"  -o, --output FILE with --headless: the events go to FILE; the\n"
	"                    command keeps stdout\n"
	"  --threads         show every thread as a task of its own\n"
	"  --no-trace        do not trace the command with ptrace: follow it\n"
	"                    with the connector (root) or by polling\n"
	"  --help            this text\n");

static const char attach_help[] =
	N_("Usage: procviz attach PID [options]\n"
	"Follow the existing process PID and its descendants (present and\n"
	"future) until they are all gone.\n"
	"\n"
	"Options:\n"
	"  --headless        print events to stdout instead of the terminal UI\n"
	"  --format FMT      text (default) or json (JSON Lines, see procviz(1))\n"
	"  --interval MS     sampling period, 10..1000 (default 100)\n"
	"  --duration SEC    stop after SEC seconds\n"
	"  --record FILE     save the session for 'procviz replay FILE'\n"
	"  -o, --output FILE with --headless: the events go to FILE\n"
	"  --threads         show every thread as a task of its own\n"
	"  --no-trace        do not trace PID with ptrace: follow it with the\n"
	"                    connector (root) or by polling\n"
	"  --help            this text\n");

/* watch and attach have the common options, --no-trace and --help. */
struct observe_opts {
	struct obs_opts obs;
	bool no_trace;
	bool help;
};

static const struct args_option observe_options[] = {
	{ "--no-trace", false, 0, args_take_flag,
	  offsetof(struct observe_opts, no_trace) },
	{ "--help", false, 0, args_take_help,
	  offsetof(struct observe_opts, help) },
};

/*
 * Parse @argv; operands go to @operands (attach), or with it NULL the
 * parse stops at the first one (watch: the command).  Returns -1 to go
 * on (*next: the first argument not parsed), else the exit status (help
 * printed, or a usage error reported).
 */
static int parse_opts(const char *cmd, const char *help, int argc,
		      char **argv, struct observe_opts *out,
		      struct args_operands *operands, int *next)
{
	struct observe_opts oo = { .no_trace = false, .help = false };
	struct args_set sets[2];
	struct args_spec spec = {
		.sets = sets, .nsets = 2,
		.flags = operands ? 0 : ARGS_STOP_AT_OPERAND,
		.operand = operands ? args_operand_one : NULL,
		.operand_ctx = operands,
	};

	obs_opts_init(&oo.obs);
	sets[0] = obs_opts_set(&oo.obs);
	sets[1] = (struct args_set){ observe_options,
				     ARRAY_SIZE(observe_options), NULL, &oo };
	if (cli_args(cmd, &spec, argc, argv, next) >= 0)
		return CLI_USAGE;
	*out = oo;
	if (oo.help) {
		fputs(_(help), stdout);
		return CLI_OK;
	}
	if (oo.obs.output && !oo.obs.headless)
		return cli_usage(cmd, "--output goes with --headless");
	return -1;
}

/*
 * The headless sink, muted until the run has really started (watch: the
 * command was executed), so a failed exec prints nothing on stdout.  When
 * it goes live it first replays what the model logged meanwhile.
 */
struct sink {
	struct report_obs report;
	bool live;
	struct recorder *rec;		/* owned, NULL: not recording */
	FILE *out;			/* the events: --output (owned) or
					 * stdout */
	int64_t fail_after_ms;		/* the test hook's (cli.h) */
};

static void sink_event(const struct model_event *ev, void *arg)
{
	struct sink *s = arg;

	if (s->live)
		report_obs_event(ev, &s->report);
}

static void sink_go_live(struct sink *s, const struct observer *obs,
			 const struct report_obs_header *h)
{
	const struct model *m = observer_model(obs);
	size_t i;

	report_obs_header(&s->report, h);
	for (i = 0; i < model_log_count(m); i++)
		report_obs_event(model_log_get(m, i), &s->report);
	s->live = true;
}

/*
 * Open --record FILE and --output FILE (before anything starts: exit 2
 * naming it).  Returns -1 to go on, else the exit status.
 */
static int open_files(const char *cmd, const struct obs_opts *o,
		      struct sink *sink)
{
	int rc;

	sink->rec = NULL;
	sink->out = stdout;
	rc = obs_opts_open_output(cmd, o, &sink->out);
	if (rc >= 0)
		return rc;
	if (!o->record)
		return -1;
	sink->rec = cli_open_record(cmd, o->record);
	if (sink->rec)
		return -1;
	cli_close_output(cmd, "--output", o->output, sink->out, CLI_OK);
	sink->out = stdout;
	return CLI_USAGE;
}

/* Close the files; a write error turns success into failure. */
static int close_files(const char *cmd, const struct obs_opts *o,
		       struct sink *sink, int rc)
{
	int err = recorder_close(sink->rec);

	sink->rec = NULL;
	if (err && rc == CLI_OK)
		rc = cli_fail(cmd, "--record: writing failed: %s",
			      strerror(-err));
	rc = cli_close_output(cmd, "--output", o->output, sink->out, rc);
	sink->out = stdout;
	return rc;
}

/* Start the observer (tracing unless @no_trace). */
static struct observer *start_observer(const char *cmd,
				       const struct obs_opts *o,
				       struct sink *sink, bool reap,
				       bool no_trace)
{
	struct observer_config cfg = {
		.interval_ms = o->interval_ms,
		.reap_children = reap,
		.threads = o->threads,
		.trace = !no_trace,
		.sink = sink_event,
		.sink_arg = sink,
	};
	struct observer *obs;

	report_obs_init(&sink->report, sink->out, o->format);
	sink->report.stop = &cli_stop_requested;
	sink->live = false;
	cli_test_fail_arm(&cfg, &sink->fail_after_ms);
	cli_observer_env(&cfg);
	if (sink->rec) {
		cfg.tap_snapshot = recorder_tap_snapshot;
		cfg.tap_note = recorder_tap_note;
		cfg.tap_arg = sink->rec;
	}
	obs = observer_new(&cfg);
	if (!obs)
		cli_fail(cmd, "cannot start observing: %s", strerror(errno));
	return obs;
}

/*
 * The sources are settled (the root is traced, or tracing was refused):
 * fill @h (source, command or pid set by the caller) and, with a
 * recording, write its header now, before any reading.  A refusal to
 * trace is said on stderr, in words.
 */
static void settle_header(const char *cmd, struct observer *obs,
			  const struct obs_opts *o, struct sink *sink,
			  struct report_obs_header *h)
{
	int terr = observer_trace_error(obs);

	h->event_source = observer_event_source(obs);
	if (terr && terr != -ENOTSUP && strcmp(h->event_source, "poll"))
		cli_say(cmd, "cannot trace with ptrace (%s): following with "
			"the process connector instead", strerror(-terr));
	else if (terr && terr != -ENOTSUP)
		cli_say(cmd, "cannot trace with ptrace (%s): following by "
			"polling instead, which misses processes living less "
			"than a sample period", strerror(-terr));
	h->interval_ms = observer_interval_ms(obs);
	h->event_source = observer_event_source(obs);
	h->threads = o->threads;
	h->sources = observer_sources(obs);
	if (sink->rec)
		recorder_header(sink->rec, h);
}

/* Headless: follow until the end, then the summary.  The exit status. */
static int finish(const char *cmd, struct observer *obs, struct sink *sink,
		  const struct obs_opts *o)
{
	int err = observer_run(obs, o->duration_ms, &cli_stop_requested);

	report_obs_summary(&sink->report, observer_model(obs));
	if (err)
		return cli_fail(cmd, "observing failed: %s", strerror(-err));
	err = report_obs_error(&sink->report);
	if (err)
		return cli_fail(cmd, "standard output: %s; stopped watching",
				strerror(-err));
	return CLI_OK;
}

/* The terminal UI: the lesson view takes the observer. */
static int show_ui(const char *cmd, struct observer *obs, const char *title)
{
	struct ui_view *v;
	char err[256];

	v = ui_lesson_view_new(obs, title, NULL, err, sizeof(err));
	if (!v)
		return cli_fail(cmd, "%s", err);
	return ui_main(&v, 1, cmd_home_view, NULL);
}

/* After the UI: end the watched command if it still runs. */
static void end_child(pid_t pid)
{
	int status;

	if (pid <= 0 || waitpid(pid, &status, WNOHANG) != 0)
		return;		/* reaped now, or already by the observer */
	kill(pid, SIGTERM);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
}

/* Join argv into one line for the header (truncated if very long). */
static void join_args(char **argv, char *buf, size_t len)
{
	size_t used = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; argv[i] && used + 1 < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i ? " " : "", argv[i]);
}

/*
 * In the child: put the marker first in the environment the command gets
 * (whatever it does, its descendants carry it: viz/core/marker.h).
 */
static void child_mark(char *marker)
{
	size_t n = 0, i, k = 1;
	char **env;

	while (environ && environ[n])
		n++;
	env = calloc(n + 2, sizeof(*env));
	if (!env)
		return;
	env[0] = marker;
	for (i = 0; i < n; i++)
		if (strncmp(environ[i], WATCH_MARKER_VAR "=",
			    sizeof(WATCH_MARKER_VAR)) != 0)
			env[k++] = environ[i];
	environ = env;
}

/*
 * In the child: default signals, empty mask, let @tracer trace us (Yama
 * ptrace_scope 1; elsewhere the call fails harmlessly), wait for "go",
 * exec.
 */
static void __attribute__((noreturn))
child_exec(char **argv, int go_fd, int err_fd, char *marker, int tracer)
{
	sigset_t none;
	char c;
	int sig, e;

	child_mark(marker);
	if (tracer > 0)
		prctl(PR_SET_PTRACER, (unsigned long)tracer, 0, 0, 0);
	for (sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			signal(sig, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	/* Returns at EOF: the observer has registered us. */
	while (read(go_fd, &c, 1) < 0 && errno == EINTR)
		;
	close(go_fd);
	execvp(argv[0], argv);
	e = errno;
	while (write(err_fd, &e, sizeof(e)) < 0 && errno == EINTR)
		;
	_exit(127);
}

/*
 * Fork the command @argv, stopped until the observer traces and follows it
 * (the recording's header is written in between: settle_header), then
 * exec'd with @marker first in its environment.  Returns -1 to go on with
 * *pid set, else the exit status after the message (2: the command cannot
 * be executed; nothing is left).
 */
static int watch_start(const char *cmd, struct observer *obs, char **argv,
		       char *marker, const struct obs_opts *o,
		       struct sink *sink, struct report_obs_header *h,
		       pid_t *pid)
{
	int tracer = observer_tracer_pid(obs);
	bool headless = o->headless;

	int go[2] = { -1, -1 }, errp[2] = { -1, -1 }, rc, e = 0, status;
	ssize_t r;

	if (pipe2(go, O_CLOEXEC) || pipe2(errp, O_CLOEXEC)) {
		e = errno;
		close(go[0]);
		close(go[1]);
		return cli_fail(cmd, "pipe: %s", strerror(e));
	}
	fflush(stdout);
	*pid = fork();
	if (*pid == 0) {
		close(go[1]);
		close(errp[0]);
		if (!headless) {	/* keep the screen clean */
			int null = open("/dev/null", O_RDWR | O_CLOEXEC);

			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
		}
		child_exec(argv, go[0], errp[1], marker, tracer);
	}
	e = errno;
	close(go[0]);
	close(errp[1]);
	if (*pid < 0) {
		close(go[1]);
		close(errp[0]);
		return cli_fail(cmd, "fork: %s", strerror(e));
	}
	observer_seize(obs, *pid, false);	/* else: fallen back */
	settle_header(cmd, obs, o, sink, h);
	rc = observer_add_root(obs, *pid, false);
	close(go[1]);			/* go */
	while ((r = read(errp[0], &e, sizeof(e))) < 0 && errno == EINTR)
		;
	close(errp[0]);
	if (r == (ssize_t)sizeof(e)) {
		while (waitpid(*pid, &status, 0) < 0 && errno == EINTR)
			;
		return cli_bad_input(cmd, "%s: %s", argv[0], strerror(e));
	}
	if (rc && rc != -ESRCH) {
		end_child(*pid);
		return cli_fail(cmd, "cannot follow %s: %s", argv[0],
				strerror(-rc));
	}
	return -1;
}

int cmd_watch(int argc, char **argv)
{
	const char *cmd = "watch";
	struct report_obs_header h = { .source = "watch" };
	struct sink sink = { .rec = NULL, .out = NULL };
	struct observer *obs = NULL;
	char command[1024], title[1100], marker[64];
	struct observe_opts oo;
	struct obs_opts o;
	pid_t pid = -1;
	int rc, next;

	rc = parse_opts(cmd, watch_help, argc, argv, &oo, NULL, &next);
	if (rc >= 0)
		return rc;
	o = oo.obs;
	if (next >= argc)
		return cli_usage(cmd, "no command given (procviz watch -- CMD [ARG...])");
	argv += next;
	if (!o.headless && ui_check_terminal(cmd))
		return CLI_FAIL;
	rc = open_files(cmd, &o, &sink);
	if (rc >= 0)
		return rc;
	join_args(argv, command, sizeof(command));
	h.command = command;
	cli_catch_signals();
	obs = start_observer(cmd, &o, &sink, true, oo.no_trace);
	if (!obs) {
		rc = CLI_FAIL;
		goto out;
	}
	snprintf(marker, sizeof(marker), WATCH_MARKER_VAR "=%d.%lld",
		 (int)getpid(), (long long)observer_now_ms(obs));
	observer_set_marker(obs, marker, false);
	rc = watch_start(cmd, obs, argv, marker, &o, &sink, &h, &pid);
	if (rc >= 0)
		goto out;
	if (o.headless) {
		sink_go_live(&sink, obs, &h);
		rc = finish(cmd, obs, &sink, &o);
		goto out;
	}
	snprintf(title, sizeof(title), "watch -- %s", command);
	rc = show_ui(cmd, obs, title);
	obs = NULL;			/* the view took it */
	end_child(pid);
out:
	observer_free(obs);
	return close_files(cmd, &o, &sink, rc);
}

/*
 * The process to attach to, checked: -1 to go on with *pid, else the
 * exit status after the message.
 */
static int attach_pid(const char *cmd, const char *operand, long *pid)
{
	if (!cli_parse_long(operand, 1, 0x7fffffff, pid))
		return cli_usage(cmd, "'%s' is not a process id", operand);
	if (*pid == (long)getpid())
		return cli_usage(cmd, "%ld is procviz itself", *pid);
	if (kill((pid_t)*pid, 0) == 0)
		return -1;
	if (errno == ESRCH)
		return cli_bad_input(cmd, "no process with id %ld", *pid);
	return cli_fail(cmd, "process %ld: not permitted to observe it (%s)",
			*pid, strerror(errno));
}

int cmd_attach(int argc, char **argv)
{
	const char *cmd = "attach";
	struct report_obs_header h = { .source = "attach" };
	struct args_operands operand = { 0 };
	struct sink sink = { .rec = NULL, .out = NULL };
	struct observer *obs = NULL;
	struct observe_opts oo;
	struct obs_opts o;
	char title[64];
	long pid;
	int rc;

	/* PID may come before or after the options. */
	rc = parse_opts(cmd, attach_help, argc, argv, &oo, &operand, NULL);
	if (rc >= 0)
		return rc;
	o = oo.obs;
	if (!operand.first)
		return cli_usage(cmd, "no process id given (procviz attach PID)");
	if (operand.extra)
		return cli_usage(cmd, "unexpected argument '%s'",
				 operand.extra);
	rc = attach_pid(cmd, operand.first, &pid);
	if (rc >= 0)
		return rc;
	if (!o.headless && ui_check_terminal(cmd))
		return CLI_FAIL;
	rc = open_files(cmd, &o, &sink);
	if (rc >= 0)
		return rc;
	h.pid = (int)pid;
	cli_catch_signals();
	obs = start_observer(cmd, &o, &sink, false, oo.no_trace);
	if (obs) {
		observer_seize(obs, (int)pid, true); /* else: fallen back */
		settle_header(cmd, obs, &o, &sink, &h);
	}
	rc = obs ? observer_add_root(obs, (int)pid, true) : -ENOMEM;
	if (rc == -ESRCH) {
		rc = cli_bad_input(cmd, "no process with id %ld", pid);
	} else if (rc) {
		rc = obs ? cli_fail(cmd, "process %ld: %s", pid,
				    strerror(-rc)) : CLI_FAIL;
	} else if (o.headless) {
		sink_go_live(&sink, obs, &h);
		rc = finish(cmd, obs, &sink, &o);
	} else {
		snprintf(title, sizeof(title), "attach %ld", pid);
		rc = show_ui(cmd, obs, title);
		obs = NULL;		/* the view took it */
	}
	observer_free(obs);
	return close_files(cmd, &o, &sink, rc);
}
