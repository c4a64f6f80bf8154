/*
 * viz/cmd/schedreq.h - a parsed `procviz sched` command line.
 *
 * The same request drives the headless reports (cmd_sched.c) and the
 * scheduler view of the UI: parse argc/argv once, then read the fields.
 * The workload is loaded (file, bundled name, --jobs or --random) during
 * parsing, so every input error is reported at the same place with exit
 * status 2.
 */
#ifndef PROCVIZ_VIZ_SCHEDREQ_H
#define PROCVIZ_VIZ_SCHEDREQ_H

#include <stdbool.h>
#include <stddef.h>

#include "sched/sched.h"
#include "viz/core/report_sched.h"

struct schedreq {
	struct sched_workload workload;	/* owned; loaded by the parser */
	char *title;		/* owned: file path, bundled name, "--jobs
				 * SPEC" or "random N seed S" */
	char **policies;	/* owned, npolicies names, in given order */
	int npolicies;
	struct sched_opts opts;	/* opts.draws points into draws below, so
				 * the struct must not be copied by value */
	long *draws;		/* owned, ndraws: --draws */
	int ndraws;
	enum report_sched_format format;	/* --format; default text */
	bool headless;		/* --headless */
	bool explain;		/* --explain */
	bool help;		/* --help was given: print usage, nothing else
				 * is filled in */
	char *output;		/* owned: --output FILE, NULL = stdout */
};

/* The option summary printed by `procviz sched --help`. */
extern const char schedreq_usage[];

void schedreq_init(struct schedreq *r);
void schedreq_clear(struct schedreq *r);

/*
 * Parse `sched [WORKLOAD] [options]` (argv[0] is the command name and is
 * skipped) into @r, which must be initialised.  Returns 0, or 2 (the
 * usage/input exit status) with a one-line message in err[errlen] naming
 * the option or value at fault, e.g. "--quantum: expected a whole number
 * 1..1000000, got 'x'" or "w.txt:3:5: expected a CPU burst ...".  On
 * error @r holds whatever was parsed so far; schedreq_clear() frees
 * it.
 */
int schedreq_parse(struct schedreq *r, int argc, char **argv,
			char *err, size_t errlen);

struct args_set;
/*
 * The same with another command's options parsed along (@extra, may be
 * NULL: viz/cmd/args.h), e.g. drive's --tick-ms and --cpu.
 */
int schedreq_parse_extra(struct schedreq *r,
			      const struct args_set *extra, int argc,
			      char **argv, char *err, size_t errlen);

/* The report described by @r (pointers borrow from @r). */
void schedreq_report(const struct schedreq *r,
			  struct report_sched *out);

#endif
