/*
 * viz/main.c - procviz entry point: global options and command dispatch.
 *
 * Each command parses its own options (cmd_*.c).  main only handles
 * --help and --version and picks the command; only main and the command
 * front ends decide the exit status.
 */
#include "viz/cmd/cli.h"
#include "viz/cmd/cli_theme.h"
#include "viz/cmd/locale.h"
#include "common/i18n.h"
#include "scenarios/launch.h"
#include "viz/core/lesson_run.h"

#include "viz/cmd/args.h"

#include <stdbool.h>
#include <stddef.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static const char usage_text[] = N_(
	"Usage:\n"
	"  procviz                                  home screen: pick a lesson or a workload\n"
	"  procviz run SCENARIO [options]           launch a built-in scenario and show it live\n"
	"  procviz watch [options] -- CMD [ARG...]  launch any command and show its process tree\n"
	"  procviz attach PID [options]             show a process and its descendants live\n"
	"  procviz sched [WORKLOAD] [options]       simulate schedulers side by side\n"
	"  procviz drive WORKLOAD --policy P        run the jobs as real processes, scheduled by P\n"
	"  procviz list                             list scenarios and bundled workloads\n"
	"  procviz replay FILE [options]            play back a session saved with --record\n"
	"  procviz trace FILE [options]             a recording's processes as a workload\n"
	"  procviz run FILE.yaml [options]          run a lesson file (procviz-lesson(5))\n"
	"  procviz lesson check FILE...             check lesson files without running them\n"
	"  procviz --help | --version\n"
	"\n"
	"Common options:\n"
	"  --headless            no terminal UI: print to stdout, exit when the run ends\n"
	"  --format FMT          text or json (sched: also csv, svg)\n"
	"  --interval MS         sampling period in ms (10..1000, default 100)\n"
	"  --duration SEC        stop after SEC seconds\n"
	"  --step                scenario waits for the lecturer at each step\n"
	"  --theme T             dark, light (projectors) or mono; default\n"
	"                        PROCVIZ_THEME, else mono under NO_COLOR, else dark\n"
	"\n"
	"Each command takes --help for its own options.  See procviz(1).\n");

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
};

static const struct command commands[] = {
	{ "run", cmd_run },
	{ "watch", cmd_watch },
	{ "attach", cmd_attach },
	{ "sched", cmd_sched },
	{ "drive", cmd_drive },
	{ "list", cmd_list },
	{ "replay", cmd_replay },
	{ "trace", cmd_trace },
	{ "lesson", cmd_lesson },
};

/* procviz --help / --version (-h, -V): the one parser, main's table. */
struct main_opts {
	bool help, version;
};

static const struct args_option main_table[] = {
	{ "--help", false, 0, args_take_flag, offsetof(struct main_opts, help) },
	{ "--version", false, 0, args_take_flag,
	  offsetof(struct main_opts, version) },
};

static int main_options(int argc, char **argv)
{
	struct main_opts o = { 0 };
	const struct args_set set = { main_table,
		sizeof(main_table) / sizeof(main_table[0]), NULL, &o };
	const struct args_spec spec = { &set, 1, ARGS_STOP_AT_OPERAND,
					NULL, NULL };
	int next, rc;

	rc = cli_args(NULL, &spec, argc, argv, &next);
	if (rc >= 0)
		return rc;
	if (o.help) {
		fputs(_(usage_text), stdout);
		return CLI_OK;
	}
	if (o.version) {
		printf("procviz %s\n", PROCVIZ_VERSION);
		return CLI_OK;
	}
	return cli_usage(NULL, "unexpected argument '%s'", argv[next]);
}

int main(int argc, char **argv)
{
	struct ui_config ui_cfg;
	size_t i;
	int c;

	/*
	 * SIGPIPE never kills procviz: a write to a pipe whose reader is gone
	 * (a lesson's control channel after the lesson ended, a report piped
	 * to head) fails with EPIPE where it happens, and the caller says so
	 * and ends the run the normal way, cleaning up and restoring the
	 * terminal.  Every process procviz starts gets its signals back to
	 * their defaults before exec (launch.c, cmd_observe.c), so no program
	 * under procviz inherits this.  A lesson's own process is this binary
	 * too (run --scenario-process, and run --lesson-process, which execs a
	 * lesson file's command): it keeps every signal at its default, as a
	 * lesson about pipes must.
	 */
	if (!(argc > 2 && strcmp(argv[1], "run") == 0 &&
	      (strcmp(argv[2], SCEN_CHILD_OPTION) == 0 ||
	       strcmp(argv[2], LRUN_CHILD_OPTION) == 0)))
		signal(SIGPIPE, SIG_IGN);
	cli_locale_init();
	/* --theme goes with any command (and none): taken out here, and
	 * handed to the screen before any command opens it. */
	c = cli_theme_take(&argc, argv, &ui_cfg);
	if (c)
		return c;
	ui_configure(&ui_cfg);
	if (argc < 2)
		return cmd_home(argc, argv);
	if (argv[1][0] != '-') {
		for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			if (strcmp(argv[1], commands[i].name) == 0)
				return commands[i].fn(argc - 1, argv + 1);
		return cli_usage(NULL, "unknown command '%s'", argv[1]);
	}
	return main_options(argc, argv);
}
