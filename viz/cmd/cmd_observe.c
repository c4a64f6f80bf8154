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
#include "viz/cmd/cli.h"
#include "viz/cmd/cmd_home.h"
#include "viz/cmd/obs_opts.h"
#include "viz/core/observer.h"
#include "viz/core/record.h"
#include "viz/core/report_obs.h"
#include "viz/ui/ui_views.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The watched command's environment marker (viz/core/marker.h). */
#define WATCH_MARKER_VAR "PROCVIZ_WATCH"

static volatile sig_atomic_t stop_requested;

static void on_stop_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}


static const char watch_help[] =
	"Usage: procviz watch [options] -- CMD [ARG...]\n"
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
	"  --help            this text\n";

static const char attach_help[] =
	"Usage: procviz attach PID [options]\n"
	"Follow the existing process PID and its descendants (present and\n"
	"future) until they are all gone.\n"
	"\n"
	"Options:\n"
	"  --headless        print events to stdout instead of the terminal UI\n"
	"  --format FMT      text (default) or json (JSON Lines, see procviz(1))\n"
	"  --interval MS     sampling period, 10..1000 (default 100)\n"
	"  --duration SEC    stop after SEC seconds\n"
	"  --record FILE     save the session for 'procviz replay FILE'\n"
	"  --help            this text\n";

/*
 * Parse options up to the first operand.  Returns -1 to go on, else the
 * exit status (help printed, or a usage error reported).
 */
static int parse_opts(const char *cmd, const char *help, int argc,
		      char **argv, struct obs_opts *o)
{
	static const struct option opts[] = {
		OBS_OPTS_LONG,
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;

	obs_opts_init(o);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:", opts, NULL)) != -1) {
		if (c == 'h') {
			fputs(help, stdout);
			return CLI_OK;
		}
		rc = obs_opts_take(o, cmd, c, optarg, argv);
		if (rc != OBS_OPTS_TAKEN)
			return rc == OBS_OPTS_OTHER ?
			       cli_usage(cmd, "unknown option '%s'",
					 argv[optind - 1]) : rc;
	}
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

static void catch_stop_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* An ignored SIGCHLD would make the kernel reap without zombies. */
	signal(SIGCHLD, SIG_DFL);
}

/*
 * Open --record FILE (before anything starts: exit 2 naming it).
 * Returns -1 to go on, else the exit status.
 */
static int open_record(const char *cmd, const struct obs_opts *o,
		       struct sink *sink)
{
	sink->rec = NULL;
	if (!o->record)
		return -1;
	sink->rec = recorder_open(o->record);
	if (sink->rec)
		return -1;
	fprintf(stderr, "procviz: %s: --record: cannot write '%s': %s\n",
		cmd, o->record, strerror(errno));
	return CLI_USAGE;
}

/* Close the recording; a write error turns success into failure. */
static int close_record(const char *cmd, struct sink *sink, int rc)
{
	int err = recorder_close(sink->rec);

	sink->rec = NULL;
	if (err && rc == CLI_OK)
		return cli_fail(cmd, "--record: writing failed: %s",
				strerror(-err));
	return rc;
}

/*
 * Start the observer; with a recording, its header goes out now, before
 * any reading (@h: source, command or pid set by the caller).
 */
static struct observer *start_observer(const char *cmd,
				       const struct obs_opts *o,
				       struct sink *sink, bool reap,
				       struct report_obs_header *h)
{
	struct observer_config cfg = {
		.interval_ms = o->interval_ms,
		.reap_children = reap,
		.sink = sink_event,
		.sink_arg = sink,
	};
	struct observer *obs;

	report_obs_init(&sink->report, stdout, o->format);
	sink->live = false;
	if (sink->rec) {
		cfg.tap_snapshot = recorder_tap_snapshot;
		cfg.tap_note = recorder_tap_note;
		cfg.tap_arg = sink->rec;
	}
	obs = observer_new(&cfg);
	if (!obs) {
		cli_fail(cmd, "cannot start observing: %s", strerror(errno));
		return NULL;
	}
	h->interval_ms = observer_interval_ms(obs);
	h->event_source = observer_event_source(obs);
	h->sources = observer_sources(obs);
	if (sink->rec)
		recorder_header(sink->rec, h);
	return obs;
}

static int finish(const char *cmd, struct observer *obs, struct sink *sink,
		  const struct obs_opts *o)
{
	int err = observer_run(obs, o->duration_ms, &stop_requested);

	report_obs_summary(&sink->report, observer_model(obs));
	observer_free(obs);
	if (err) {
		close_record(cmd, sink, CLI_FAIL);
		return cli_fail(cmd, "observing failed: %s", strerror(-err));
	}
	return close_record(cmd, sink, CLI_OK);
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

	if (waitpid(pid, &status, WNOHANG) != 0)
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

/* In the child: default signals, empty mask, wait for "go", exec. */
static void __attribute__((noreturn))
child_exec(char **argv, int go_fd, int err_fd, char *marker)
{
	sigset_t none;
	char c;
	int sig, e;

	child_mark(marker);
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

int cmd_watch(int argc, char **argv)
{
	const char *cmd = "watch";
	struct report_obs_header h = { .source = "watch" };
	char command[1024], marker[64];
	struct obs_opts o;
	struct observer *obs;
	struct sink sink;
	int go[2], errp[2], rc, e = 0, status;
	pid_t pid;
	ssize_t r;

	rc = parse_opts(cmd, watch_help, argc, argv, &o);
	if (rc >= 0)
		return rc;
	if (optind >= argc)
		return cli_usage(cmd, "no command given (procviz watch -- CMD [ARG...])");
	argv += optind;
	if (!o.headless && ui_check_terminal(cmd))
		return CLI_FAIL;
	rc = open_record(cmd, &o, &sink);
	if (rc >= 0)
		return rc;
	join_args(argv, command, sizeof(command));
	h.command = command;
	catch_stop_signals();
	obs = start_observer(cmd, &o, &sink, true, &h);
	if (!obs)
		return close_record(cmd, &sink, CLI_FAIL);
	snprintf(marker, sizeof(marker), WATCH_MARKER_VAR "=%d.%lld",
		 (int)getpid(), (long long)observer_now_ms(obs));
	observer_set_marker(obs, marker, false);
	h.sources = observer_sources(obs);
	if (pipe2(go, O_CLOEXEC) || pipe2(errp, O_CLOEXEC)) {
		observer_free(obs);
		close_record(cmd, &sink, CLI_FAIL);
		return cli_fail(cmd, "pipe: %s", strerror(errno));
	}
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		observer_free(obs);
		close_record(cmd, &sink, CLI_FAIL);
		return cli_fail(cmd, "fork: %s", strerror(errno));
	}
	if (pid == 0) {
		close(go[1]);
		close(errp[0]);
		if (!o.headless) {	/* keep the screen clean */
			int null = open("/dev/null", O_RDWR | O_CLOEXEC);

			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
		}
		child_exec(argv, go[0], errp[1], marker);
	}
	close(go[0]);
	close(errp[1]);
	rc = observer_add_root(obs, pid, false);
	close(go[1]);			/* go */
	while ((r = read(errp[0], &e, sizeof(e))) < 0 && errno == EINTR)
		;
	close(errp[0]);
	if (r == (ssize_t)sizeof(e)) {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		observer_free(obs);
		close_record(cmd, &sink, CLI_USAGE);
		fprintf(stderr, "procviz: %s: %s: %s\n", cmd, argv[0],
			strerror(e));
		return CLI_USAGE;
	}
	if (rc && rc != -ESRCH) {
		observer_free(obs);
		close_record(cmd, &sink, CLI_FAIL);
		return cli_fail(cmd, "cannot follow %s: %s", argv[0],
				strerror(-rc));
	}
	if (!o.headless) {
		char title[1100];

		snprintf(title, sizeof(title), "watch -- %s", command);
		rc = show_ui(cmd, obs, title);
		end_child(pid);
		return close_record(cmd, &sink, rc);
	}
	sink_go_live(&sink, obs, &h);
	return finish(cmd, obs, &sink, &o);
}

int cmd_attach(int argc, char **argv)
{
	const char *cmd = "attach";
	struct report_obs_header h = { .source = "attach" };
	struct obs_opts o;
	struct observer *obs;
	struct sink sink;
	long pid;
	int rc;
	char *operand;

	/* PID may come before or after the options. */
	if (argc > 1 && argv[1][0] != '-') {
		operand = argv[1];
		argv[1] = argv[0];
		argc--;
		argv++;
		rc = parse_opts(cmd, attach_help, argc, argv, &o);
		if (rc >= 0)
			return rc;
		if (optind < argc)
			return cli_usage(cmd, "unexpected argument '%s'",
					 argv[optind]);
	} else {
		rc = parse_opts(cmd, attach_help, argc, argv, &o);
		if (rc >= 0)
			return rc;
		if (optind >= argc)
			return cli_usage(cmd, "no process id given (procviz attach PID)");
		if (optind + 1 < argc)
			return cli_usage(cmd, "unexpected argument '%s'",
					 argv[optind + 1]);
		operand = argv[optind];
	}
	if (!cli_parse_long(operand, 1, 0x7fffffff, &pid))
		return cli_usage(cmd, "'%s' is not a process id", operand);
	if (pid == (long)getpid())
		return cli_usage(cmd, "%ld is procviz itself", pid);
	if (kill((pid_t)pid, 0) < 0) {
		if (errno == ESRCH) {
			fprintf(stderr, "procviz: %s: no process with id %ld\n",
				cmd, pid);
			return CLI_USAGE;
		}
		return cli_fail(cmd, "process %ld: not permitted to observe it (%s)",
				pid, strerror(errno));
	}
	if (!o.headless && ui_check_terminal(cmd))
		return CLI_FAIL;
	rc = open_record(cmd, &o, &sink);
	if (rc >= 0)
		return rc;
	h.pid = (int)pid;
	catch_stop_signals();
	obs = start_observer(cmd, &o, &sink, false, &h);
	if (!obs)
		return close_record(cmd, &sink, CLI_FAIL);
	rc = observer_add_root(obs, (int)pid, true);
	if (rc) {
		observer_free(obs);
		close_record(cmd, &sink, CLI_FAIL);
		if (rc == -ESRCH) {
			fprintf(stderr, "procviz: %s: no process with id %ld\n",
				cmd, pid);
			return CLI_USAGE;
		}
		return cli_fail(cmd, "process %ld: %s", pid, strerror(-rc));
	}
	if (!o.headless) {
		char title[64];

		snprintf(title, sizeof(title), "attach %ld", pid);
		return close_record(cmd, &sink, show_ui(cmd, obs, title));
	}
	sink_go_live(&sink, obs, &h);
	return finish(cmd, obs, &sink, &o);
}
