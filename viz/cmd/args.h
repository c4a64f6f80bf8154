/*
 * viz/cmd/args.h - the one command-line parser of procviz's front ends, in
 * the style of tmux's args_parse: each command declares its options as
 * tables (name, takes a value or not, what stores it), and args_parse()
 * reads any command line against them.
 *
 * The syntax, the same for every command:
 *   - options are long only: --name, --name VALUE or --name=VALUE; "-h"
 *     is --help where a table has --help, "-o FILE" is --output FILE
 *     where a table has --output, "-V" is --version where a table has
 *     --version.  A value may start with '-'
 *     (--record --x records to the file "--x").  Names are matched
 *     exactly, never abbreviated.
 *   - "--" ends the options; "-" alone and anything not starting with '-'
 *     is an operand.  Options and operands may be mixed, unless
 *     ARGS_STOP_AT_OPERAND: then the first operand (or what follows "--")
 *     and all after it are left to the command (watch -- CMD ARG...).
 *   - the first error stops the parse: "unknown option '--x'",
 *     "--x: missing value", "--x: takes no value", or the message of the
 *     option's own check ("--interval: expected milliseconds 10..1000,
 *     got 'x'").  Messages are translated (common/i18n.h).
 * Nothing is printed and no global state is kept (unlike getopt), so a
 * command line can be parsed again at any time (the UI does).  The
 * command prints the message: "procviz: CMD: MESSAGE", exit status 2.
 */
#ifndef PROCVIZ_VIZ_ARGS_H
#define PROCVIZ_VIZ_ARGS_H

#include <stdbool.h>
#include <stddef.h>

struct args_option;

/*
 * Store option @opt with value @val (NULL for an option without one) into
 * @ctx (the table's, see struct args_set).  Returns 0, or CLI_USAGE with
 * a one-line message in err[errlen] (args_fail), or ARGS_STOP to end the
 * parse at once with success (--help).
 */
typedef int (*args_take_fn)(void *ctx, const struct args_option *opt,
			    const char *val, char *err, size_t errlen);

struct args_option {
	const char *name;	/* "--interval" */
	bool has_arg;		/* takes a value */
	int id;			/* for a take function shared by options */
	args_take_fn take;	/* NULL: the set's */
	size_t field;		/* args_take_flag, args_take_string: the
				 * offsetof() of the member in ctx */
};

enum {
	ARGS_STOP = -1,		/* a take function's "stop, all is well" */
};

/* One table and where its options go. */
struct args_set {
	const struct args_option *opts;
	size_t n;		/* entries of opts */
	args_take_fn take;	/* for options without their own */
	void *ctx;		/* passed to the take functions */
};

enum {
	ARGS_STOP_AT_OPERAND = 1,
};

struct args_spec {
	const struct args_set *sets;	/* nsets tables, searched in order */
	int nsets;
	unsigned flags;			/* ARGS_* */
	/*
	 * Called for each operand in order (not with ARGS_STOP_AT_OPERAND);
	 * 0 or CLI_USAGE with a message.  NULL: operands are refused
	 * ("unexpected argument 'x'").
	 */
	int (*operand)(void *ctx, const char *arg, char *err, size_t errlen);
	void *operand_ctx;
};

/*
 * Parse argv[1..argc) (argv[0] is the command's name) by @spec.  Returns
 * 0 with *next = the index of the first argument not parsed (argc when
 * all were; an operand or what follows "--" with ARGS_STOP_AT_OPERAND;
 * the one after a take that said ARGS_STOP), or CLI_USAGE with the
 * message in err[errlen].
 */
int args_parse(const struct args_spec *spec, int argc, char **argv,
	       int *next, char *err, size_t errlen);

/*
 * Take the options of @set out of argv[1..*@argc) wherever they stand,
 * before any command is known (--theme goes with every command): each
 * is found, its value taken and stored as args_parse() would, and it is
 * removed from argv; everything else stays, in order, for the command's
 * own parse.  "--" stops the search (what follows is the command's).
 * argv[*@argc] is set to NULL.  0, or CLI_USAGE with the message.
 */
int args_take_out(const struct args_set *set, int *argc, char **argv,
		  char *err, size_t errlen);

/* Write a message (its format translated) and return CLI_USAGE. */
int args_fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Set the bool at opt->field of ctx. */
int args_take_flag(void *ctx, const struct args_option *opt,
		   const char *val, char *err, size_t errlen);
/* Keep the value (borrowed from argv) in the const char * at opt->field. */
int args_take_string(void *ctx, const struct args_option *opt,
		     const char *val, char *err, size_t errlen);
/* Set the bool at opt->field and stop the parse: --help. */
int args_take_help(void *ctx, const struct args_option *opt,
		   const char *val, char *err, size_t errlen);

/* The operands most commands take: one, and the first one too many. */
struct args_operands {
	const char *first;	/* NULL: none given */
	const char *extra;	/* the second, if any */
};
/* An operand callback filling a struct args_operands. */
int args_operand_one(void *ctx, const char *arg, char *err, size_t errlen);

#endif
