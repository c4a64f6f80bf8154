/*
 * viz/cmd/cli.c - messages and number parsing for the command front ends.
 */
#include "viz/cmd/cli.h"
#include "common/i18n.h"

#include "viz/cmd/args.h"
#include "viz/core/observer.h"
#include "viz/core/record.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

volatile sig_atomic_t cli_stop_requested;

static void cli_on_stop_signal(int sig)
{
	(void)sig;
	cli_stop_requested = 1;
}

void cli_catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = cli_on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGCHLD, SIG_DFL);
}

static void cli_vsay(const char *cmd, const char *fmt, va_list ap)
{
	fputs("procviz: ", stderr);
	if (cmd)
		fprintf(stderr, "%s: ", cmd);
	vfprintf(stderr, _(fmt), ap);
	fputc('\n', stderr);
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vsay(cmd, fmt, ap);
	va_end(ap);
	fputs(_("Try 'procviz --help' for more information.\n"), stderr);
	return CLI_USAGE;
}

int cli_bad_input(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vsay(cmd, fmt, ap);
	va_end(ap);
	return CLI_USAGE;
}

void cli_say(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vsay(cmd, fmt, ap);
	va_end(ap);
}

int cli_fail(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vsay(cmd, fmt, ap);
	va_end(ap);
	return CLI_FAIL;
}

bool cli_parse_seconds(const char *s, double min, double max, double *out)
{
	char *end;
	double v;

	if (!s || !*s)
		return false;
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(v) || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool cli_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!s || !*s)
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < min || v > max)
		return false;
	*out = v;
	return true;
}

static void cli_test_fail_check(int64_t now_ms, void *arg)
{
	const int64_t *after_ms = arg;

	if (now_ms < *after_ms)
		return;
	fputs("procviz: injected fatal error (PROCVIZ_TEST_FAIL_AFTER_MS)\n",
	      stderr);
	exit(1);
}

void cli_test_fail_arm(struct observer_config *cfg, int64_t *after_ms)
{
	const char *s = getenv("PROCVIZ_TEST_FAIL_AFTER_MS");
	char *end;
	long long v;

	if (!s || !*s)
		return;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < 0)
		return;
	*after_ms = (int64_t)v;
	cfg->step_hook = cli_test_fail_check;
	cfg->step_hook_arg = after_ms;
}

int cli_args(const char *cmd, const struct args_spec *spec, int argc,
	     char **argv, int *next)
{
	char err[512];

	if (args_parse(spec, argc, argv, next, err, sizeof(err)))
		return cli_usage(cmd, "%s", err);
	return -1;
}

FILE *cli_open_output(const char *cmd, const char *opt, const char *path)
{
	FILE *f = fopen(path, "we");

	if (!f)
		cli_say(cmd, "%s: cannot write '%s': %s", opt, path,
			strerror(errno));
	return f;
}

struct recorder *cli_open_record(const char *cmd, const char *path)
{
	FILE *f = cli_open_output(cmd, "--record", path);
	struct recorder *r;

	if (!f)
		return NULL;
	r = recorder_new(f);
	if (!r) {
		fclose(f);
		cli_say(cmd, "%s: cannot write '%s': %s", "--record", path,
			strerror(ENOMEM));
	}
	return r;
}

int cli_close_output(const char *cmd, const char *opt, const char *path,
		     FILE *f, int rc)
{
	int bad;

	if (!f || f == stdout)
		return rc;
	bad = ferror(f);
	if (fclose(f) != 0 || bad) {
		if (rc == CLI_OK)
			rc = cli_fail(cmd, "%s: writing '%s' failed: %s", opt,
				      path, strerror(bad ? EIO : errno));
	}
	return rc;
}

void cli_observer_env(struct observer_config *cfg)
{
	const char *nl = getenv("PROCVIZ_NO_NETLINK");
	const char *pt = getenv("PROCVIZ_NO_PTRACE");

	if (nl && *nl && strcmp(nl, "0") != 0)
		cfg->no_netlink = true;
	if (pt && strcmp(pt, "1") == 0)
		cfg->no_ptrace = true;
}
