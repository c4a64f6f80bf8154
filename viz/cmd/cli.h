/*
 * viz/cmd/cli.h - small helpers shared by the command front ends (cmd_*.c).
 *
 * Every command is a function int cmd_NAME(int argc, char **argv) with
 * argv[0] the command's name; it returns the process exit status:
 * 0 success, 1 runtime failure, 2 usage or input error (spec.md).
 */
#ifndef PROCVIZ_VIZ_CLI_H
#define PROCVIZ_VIZ_CLI_H

#include <stdbool.h>

enum {
	CLI_OK = 0,
	CLI_FAIL = 1,
	CLI_USAGE = 2,
};

int cmd_home(int argc, char **argv);	/* no arguments: the home screen */
int cmd_run(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_watch(int argc, char **argv);
int cmd_attach(int argc, char **argv);
int cmd_sched(int argc, char **argv);
int cmd_drive(int argc, char **argv);	/* viz/cmd/cmd_drive.c */
int cmd_replay(int argc, char **argv);
int cmd_trace(int argc, char **argv);

/*
 * Print "procviz: CMD: message" and the usage hint to stderr; returns
 * CLI_USAGE so callers can write "return cli_usage(...)".
 */
int cli_usage(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Print "procviz: CMD: message" to stderr; returns CLI_FAIL. */
int cli_fail(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * Parse a whole decimal number in [min, max] from @s.  Returns true and
 * stores it, or false (s empty, junk after the digits, out of range).
 */
bool cli_parse_long(const char *s, long min, long max, long *out);
/* The same for a decimal number of seconds in [min, max] ("0.5", "2"). */
bool cli_parse_seconds(const char *s, double min, double max, double *out);

#endif
