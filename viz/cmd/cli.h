/*
 * viz/cmd/cli.h - small helpers shared by the command front ends (cmd_*.c).
 *
 * Every command is a function int cmd_NAME(int argc, char **argv) with
 * argv[0] the command's name; it returns the process exit status:
 * 0 success, 1 runtime failure, 2 usage or input error (procviz.1 "EXIT
 * STATUS").
 */
#ifndef PROCVIZ_VIZ_CLI_H
#define PROCVIZ_VIZ_CLI_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct args_spec;
struct recorder;
struct observer_config;

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

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
int cmd_lesson(int argc, char **argv);	/* viz/cmd/cmd_lesson.c */

/*
 * Print "procviz: CMD: message" and the usage hint to stderr; returns
 * CLI_USAGE so callers can write "return cli_usage(...)".
 */
int cli_usage(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * Print "procviz: CMD: message" to stderr and return CLI_USAGE, without
 * the usage hint: an input error whose message says all (a bad file, an
 * unknown process), exit status 2.
 */
int cli_bad_input(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * Print "procviz: CMD: message" to stderr and nothing else: a note on
 * the way (a file written, a fallback taken), the exit status is the
 * caller's.  Every message of the front ends goes through cli_usage,
 * cli_bad_input, cli_fail or cli_say, which translate @fmt.
 */
void cli_say(const char *cmd, const char *fmt, ...)
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

/*
 * Parse a command line with the one parser (viz/cmd/args.h).  Returns -1
 * when it parsed (*next as args_parse sets it; @next may be NULL), or
 * CLI_USAGE after printing "procviz: CMD: message" and the usage hint.
 */
int cli_args(const char *cmd, const struct args_spec *spec, int argc,
	     char **argv, int *next);

/*
 * The one way every command opens a file it was told to write (--output,
 * --record), before anything starts: created or truncated, close-on-exec.
 * Returns it, or NULL after printing
 *   procviz: CMD: OPT: cannot write 'PATH': REASON
 * and then the caller returns CLI_USAGE (the file named is the input
 * error, exit status 2).
 */
FILE *cli_open_output(const char *cmd, const char *opt, const char *path);
/* The same for --record: a recorder writing to PATH (viz/core/record.h). */
struct recorder *cli_open_record(const char *cmd, const char *path);
/*
 * Close what cli_open_output() opened (stdout and NULL are left alone):
 * a write error turns @rc CLI_OK into CLI_FAIL, printing
 *   procviz: CMD: OPT: writing 'PATH' failed: REASON
 * Returns the exit status.
 */
int cli_close_output(const char *cmd, const char *opt, const char *path,
		     FILE *f, int rc);

/*
 * Set by SIGINT, SIGTERM and SIGHUP once cli_catch_signals() is in force;
 * the command's loop notices it and ends the run the normal way.
 */
extern volatile sig_atomic_t cli_stop_requested;

/*
 * The one signal setup of the headless front ends: SIGINT, SIGTERM and
 * SIGHUP only set cli_stop_requested (tmux's way: the handler sets a
 * flag, the loop acts on it); SIGCHLD goes back to its default action,
 * because an ignored SIGCHLD makes the kernel reap children itself and
 * the zombie lessons would show nothing.  SIGPIPE is ignored for the
 * whole program by main().
 */
void cli_catch_signals(void);

/*
 * The exit-path tests' fatal error.  With PROCVIZ_TEST_FAIL_AFTER_MS=N in
 * the environment (a whole number >= 0), set @cfg's step hook so that the
 * first observer_step() N ms or more after observer_new() prints
 * "procviz: injected fatal error" and exits 1 from deep inside procviz,
 * the way a fatal error would: the atexit hooks run (the UI's puts the
 * terminal back), the scenario's guardian cleans up.  @after_ms (the
 * caller's, living as long as the observer) keeps N.  Unset or not a
 * number: nothing is set.
 */
void cli_test_fail_arm(struct observer_config *cfg, int64_t *after_ms);
/*
 * The sources' off switches from the environment (procviz(1)
 * ENVIRONMENT), read here and nowhere else: PROCVIZ_NO_NETLINK set and not
 * "0" sets cfg->no_netlink (poll); PROCVIZ_NO_PTRACE=1 sets cfg->no_ptrace
 * (the tracer refused as a kernel would).  Leaves the rest of @cfg alone.
 */
void cli_observer_env(struct observer_config *cfg);

#endif
