/*
 * viz/cmd/args.c - the one command-line parser (args.h).
 */
#include "viz/cmd/args.h"

#include "common/i18n.h"
#include "viz/cmd/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int args_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!errlen)
		return CLI_USAGE;
	va_start(ap, fmt);
	vsnprintf(err, errlen, _(fmt), ap);
	va_end(ap);
	return CLI_USAGE;
}

int args_take_flag(void *ctx, const struct args_option *opt,
		   const char *val, char *err, size_t errlen)
{
	*(bool *)((char *)ctx + opt->field) = true;
	return 0;
}

int args_take_string(void *ctx, const struct args_option *opt,
		     const char *val, char *err, size_t errlen)
{
	*(const char **)((char *)ctx + opt->field) = val;
	return 0;
}

int args_take_help(void *ctx, const struct args_option *opt,
		   const char *val, char *err, size_t errlen)
{
	args_take_flag(ctx, opt, val, err, errlen);
	return ARGS_STOP;
}

int args_operand_one(void *ctx, const char *arg, char *err, size_t errlen)
{
	struct args_operands *o = ctx;

	if (!o->first)
		o->first = arg;
	else if (!o->extra)
		o->extra = arg;
	return 0;
}

/* The option named by @arg ("--name" or "--name=value"), and its set. */
static const struct args_option *args_find(const struct args_spec *spec,
					   const char *arg, size_t len,
					   const struct args_set **set)
{
	int s;
	size_t k;

	for (s = 0; s < spec->nsets; s++) {
		const struct args_set *st = &spec->sets[s];

		for (k = 0; k < st->n; k++) {
			const char *name = st->opts[k].name;

			if (strlen(name) == len &&
			    strncmp(arg, name, len) == 0) {
				*set = st;
				return &st->opts[k];
			}
		}
	}
	return NULL;
}

/*
 * The option at argv[*i]: find it, take its value (moving *i past a
 * separate one), store it.  0, CLI_USAGE or ARGS_STOP.
 */
static int args_option(const struct args_spec *spec, int argc, char **argv,
		       int *i, char *err, size_t errlen)
{
	const char *a = argv[*i], *eq, *val = NULL;
	const struct args_option *opt;
	const struct args_set *set = NULL;
	args_take_fn take;

	eq = strchr(a, '=');
	if (strcmp(a, "-h") == 0)
		a = "--help";
	else if (strcmp(a, "-o") == 0)
		a = "--output";
	else if (strcmp(a, "-V") == 0)
		a = "--version";
	opt = args_find(spec, a, eq ? (size_t)(eq - a) : strlen(a), &set);
	if (!opt)
		return args_fail(err, errlen, "unknown option '%s'", argv[*i]);
	if (opt->has_arg) {
		if (eq)
			val = eq + 1;
		else if (*i + 1 < argc)
			val = argv[++*i];
		else
			return args_fail(err, errlen, "%s: missing value",
					 opt->name);
	} else if (eq) {
		return args_fail(err, errlen, "%s: takes no value", opt->name);
	}
	take = opt->take ? opt->take : set->take;
	return take(set->ctx, opt, val, err, errlen);
}

int args_take_out(const struct args_set *set, int *argc, char **argv,
		  char *err, size_t errlen)
{
	const struct args_spec spec = { set, 1, 0, NULL, NULL };
	const struct args_set *found;
	int i, o, rc;

	if (errlen)
		err[0] = '\0';
	for (i = o = 1; i < *argc; i++) {
		const char *a = argv[i], *eq = strchr(a, '=');

		if (strcmp(a, "--") == 0) {
			while (i < *argc)
				argv[o++] = argv[i++];
			break;
		}
		if (a[0] != '-' ||
		    !args_find(&spec, a, eq ? (size_t)(eq - a) : strlen(a),
			       &found)) {
			argv[o++] = argv[i];
			continue;
		}
		rc = args_option(&spec, *argc, argv, &i, err, errlen);
		if (rc && rc != ARGS_STOP)
			return rc;
	}
	argv[o] = NULL;
	*argc = o;
	return 0;
}

/* An operand: the command's, or an error if it takes none. */
static int args_operand(const struct args_spec *spec, const char *arg,
			char *err, size_t errlen)
{
	if (!spec->operand)
		return args_fail(err, errlen, "unexpected argument '%s'", arg);
	return spec->operand(spec->operand_ctx, arg, err, errlen);
}

int args_parse(const struct args_spec *spec, int argc, char **argv,
	       int *next, char *err, size_t errlen)
{
	bool stop_at = spec->flags & ARGS_STOP_AT_OPERAND;
	bool only_operands = false;
	int i, rc = 0;

	if (errlen)
		err[0] = '\0';
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!only_operands && strcmp(a, "--") == 0) {
			only_operands = true;
			if (stop_at) {
				i++;
				break;
			}
			continue;
		}
		if (only_operands || a[0] != '-' || strcmp(a, "-") == 0) {
			if (stop_at)
				break;
			rc = args_operand(spec, a, err, errlen);
		} else {
			rc = args_option(spec, argc, argv, &i, err, errlen);
		}
		if (rc == ARGS_STOP) {
			i++;
			rc = 0;
			break;
		}
		if (rc)
			return rc;
	}
	if (next)
		*next = i;
	return 0;
}
