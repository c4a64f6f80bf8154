/*
 * viz/cmd/cli.c - messages and number parsing for the command front ends.
 */
#include "viz/cmd/cli.h"
#include "scenarios/i18n.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

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
