/*
 * viz/cmd/sched_request.c - parse `procviz sched [WORKLOAD] [options]`.
 *
 * The options are a table for the one parser of the front ends
 * (viz/cmd/args.h: long options only, "--opt VALUE" or "--opt=VALUE", no
 * global state, so the UI can parse again at any time); req_option()
 * stores each, and every message names the option and the value at
 * fault.
 */
#include "viz/cmd/sched_request.h"
#include "scenarios/i18n.h"

#include "viz/cmd/args.h"
#include "viz/cmd/cli.h"
#include "viz/cmd/workloads.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_POLICIES "fcfs,sjf,rr,mlfq"

const char sched_request_usage[] =
	N_("Usage: procviz sched [WORKLOAD] [options]\n"
	"\n"
	"Simulate CPU scheduling policies side by side on one workload.\n"
	"WORKLOAD is a workload file, '-' for standard input, or the name of a\n"
	"bundled workload ('procviz list' shows them); or use --jobs/--random.\n"
	"\n"
	"Workload:\n"
	"  --jobs SPEC            inline jobs ARRIVAL:BURSTS[:PRIORITY],... named\n"
	"                         A, B, C...; a bare list 24,3,3 arrives at 0;\n"
	"                         process-run programs c7,i,c1:c3 (cN = N ticks\n"
	"                         of CPU, i = an IO)\n"
	"  --io-length L          ticks of each IO 'i' of a program (default 5)\n"
	"  --random N             N random jobs with CPU and IO bursts\n"
	"  --seed S               seed for --random and lottery (default 0)\n"
	"Policies and their options:\n"
	"  --policy LIST|all      comma-separated (default fcfs,sjf,rr,mlfq);\n"
	"                         all = every policy but procrun\n"
	"  --quantum Q            time slice of rr, prio-rr, lottery, stride\n"
	"                         (default 4)\n"
	"  --convention C         ostep (default) or textbook enqueue order\n"
	"  --switch-cost C        idle ticks at each context switch (default 0)\n"
	"  --prio-high-first      a larger priority number wins\n"
	"  --mlfq-levels N        MLFQ levels (default 3)\n"
	"  --mlfq-quanta Q1,Q2..  quantum per level (one value: all; default 10)\n"
	"  --mlfq-allot A1,A2..   allotment per level in ticks (default: quantum)\n"
	"  --mlfq-boost T         boost every T ticks (default 0: never)\n"
	"  --mlfq-io-stay         IO keeps the level and refills the allotment\n"
	"  --mlfq-io-front        a job back from IO goes to the head of its level\n"
	"  --mlfq-stallings       Stallings' feedback (decide at quantum ends only)\n"
	"  --mlfq-boost-ostep     boost as mlfq.py does (its quantum bug included)\n"
	"  --whole-slice          lottery, stride: a job ending early in its slice\n"
	"                         holds the CPU to the slice's end (lottery.py)\n"
	"  --procrun-switch W     procrun: io (switch on IO, default) or end\n"
	"  --procrun-io-done W    procrun: later (default) or now: when a job\n"
	"                         whose IO completed runs\n"
	"  --draws N,N,...        lottery winning numbers to replay (mod tickets)\n"
	"  --stride-big N         stride's big number (default 10000)\n"
	"Output:\n"
	"  --headless             print a report and exit (no terminal UI)\n"
	"  --format FMT           text (default), json, csv, svg or html\n"
	"                         (html: a web page to replay; no --headless\n"
	"                         needed)\n"
	"  --explain              text/json: say why at every tick\n"
	"  --output FILE          write the report to FILE instead of stdout\n"
	"  --help                 this help\n");

enum opt_id {
	OPT_HELP, OPT_HEADLESS, OPT_FORMAT, OPT_POLICY, OPT_JOBS, OPT_RANDOM,
	OPT_SEED, OPT_QUANTUM, OPT_CONVENTION, OPT_SWITCH_COST,
	OPT_PRIO_HIGH_FIRST, OPT_MLFQ_LEVELS, OPT_MLFQ_QUANTA, OPT_MLFQ_ALLOT,
	OPT_MLFQ_BOOST, OPT_MLFQ_IO_STAY, OPT_MLFQ_IO_FRONT,
	OPT_MLFQ_STALLINGS, OPT_DRAWS, OPT_STRIDE_BIG, OPT_EXPLAIN, OPT_OUTPUT,
	OPT_IO_LENGTH, OPT_BOOST_OSTEP, OPT_WHOLE_SLICE, OPT_PROCRUN_SWITCH,
	OPT_PROCRUN_IO_DONE,
};

static const struct {
	const char *name;
	bool has_arg;
	enum opt_id id;
} options[] = {
	{ "--help", false, OPT_HELP },
	{ "--headless", false, OPT_HEADLESS },
	{ "--format", true, OPT_FORMAT },
	{ "--policy", true, OPT_POLICY },
	{ "--jobs", true, OPT_JOBS },
	{ "--random", true, OPT_RANDOM },
	{ "--seed", true, OPT_SEED },
	{ "--quantum", true, OPT_QUANTUM },
	{ "--convention", true, OPT_CONVENTION },
	{ "--switch-cost", true, OPT_SWITCH_COST },
	{ "--prio-high-first", false, OPT_PRIO_HIGH_FIRST },
	{ "--mlfq-levels", true, OPT_MLFQ_LEVELS },
	{ "--mlfq-quanta", true, OPT_MLFQ_QUANTA },
	{ "--mlfq-allot", true, OPT_MLFQ_ALLOT },
	{ "--mlfq-boost", true, OPT_MLFQ_BOOST },
	{ "--mlfq-io-stay", false, OPT_MLFQ_IO_STAY },
	{ "--mlfq-io-front", false, OPT_MLFQ_IO_FRONT },
	{ "--mlfq-stallings", false, OPT_MLFQ_STALLINGS },
	{ "--draws", true, OPT_DRAWS },
	{ "--stride-big", true, OPT_STRIDE_BIG },
	{ "--explain", false, OPT_EXPLAIN },
	{ "--output", true, OPT_OUTPUT },
	{ "--io-length", true, OPT_IO_LENGTH },
	{ "--mlfq-boost-ostep", false, OPT_BOOST_OSTEP },
	{ "--whole-slice", false, OPT_WHOLE_SLICE },
	{ "--procrun-switch", true, OPT_PROCRUN_SWITCH },
	{ "--procrun-io-done", true, OPT_PROCRUN_IO_DONE },
};

void sched_request_init(struct sched_request *r)
{
	memset(r, 0, sizeof(*r));
	sched_workload_init(&r->workload);
	sched_opts_init(&r->opts);
	r->format = REPORT_SCHED_TEXT;
}

static void policies_free(struct sched_request *r)
{
	int i;

	for (i = 0; i < r->npolicies; i++)
		free(r->policies[i]);
	free(r->policies);
	r->policies = NULL;
	r->npolicies = 0;
}

void sched_request_clear(struct sched_request *r)
{
	sched_workload_clear(&r->workload);
	free(r->title);
	policies_free(r);
	free(r->draws);
	free(r->output);
	sched_request_init(r);
}

void sched_request_report(const struct sched_request *r,
			  struct report_sched *out)
{
	memset(out, 0, sizeof(*out));
	out->workload = &r->workload;
	out->title = r->title;
	out->policies = (const char *const *)r->policies;
	out->npolicies = r->npolicies;
	out->opts = &r->opts;
	out->format = r->format;
	out->explain = r->explain;
}

/* Write a message and return the usage status. */
static int req_fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int req_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return CLI_USAGE;
}

static int req_number(const char *opt, const char *s, long min, long max,
		      long *out, char *err, size_t errlen)
{
	if (cli_parse_long(s, min, max, out))
		return 0;
	return req_fail(err, errlen,
			"%s: expected a whole number %ld..%ld, got '%s'", opt,
			min, max, s);
}

/*
 * A comma-separated list of numbers in [min, max] into a new array.
 * Returns 0 or CLI_USAGE.
 */
static int req_list(const char *opt, const char *s, long min, long max,
		    long **out, int *n, char *err, size_t errlen)
{
	char *copy = strdup(s), *tok, *save = NULL;
	long *v = NULL, x;
	int cnt = 0, cap = 0;

	*out = NULL;
	*n = 0;
	if (!copy)
		return req_fail(err, errlen, "out of memory");
	if (!*s || s[strlen(s) - 1] == ',' || *s == ',' || strstr(s, ",,")) {
		free(copy);
		return req_fail(err, errlen,
				"%s: expected comma-separated whole numbers %ld..%ld, got '%s'",
				opt, min, max, s);
	}
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (!cli_parse_long(tok, min, max, &x)) {
			req_fail(err, errlen,
				 "%s: expected whole numbers %ld..%ld, got '%s'",
				 opt, min, max, tok);
			free(copy);
			free(v);
			return CLI_USAGE;
		}
		if (cnt == cap) {
			long *nv;

			cap = cap ? cap * 2 : 16;
			nv = realloc(v, (size_t)cap * sizeof(long));
			if (!nv) {
				free(copy);
				free(v);
				return req_fail(err, errlen, "out of memory");
			}
			v = nv;
		}
		v[cnt++] = x;
	}
	free(copy);
	*out = v;
	*n = cnt;
	return 0;
}

static int req_add_policy(struct sched_request *r, const char *name,
			  char *err, size_t errlen)
{
	char **np;

	np = realloc(r->policies, (size_t)(r->npolicies + 1) * sizeof(char *));
	if (!np)
		return req_fail(err, errlen, "out of memory");
	r->policies = np;
	r->policies[r->npolicies] = strdup(name);
	if (!r->policies[r->npolicies])
		return req_fail(err, errlen, "out of memory");
	r->npolicies++;
	return 0;
}

static int req_policies(struct sched_request *r, const char *list,
			char *err, size_t errlen)
{
	char *copy, *tok, *save = NULL;
	int rc = 0, i;

	policies_free(r);
	if (strcmp(list, "all") == 0) {
		for (i = 0; sched_policy_names[i]; i++) {
			/* procrun is process-run's model, not a CPU policy */
			if (!sched_policy_in_all(sched_policy_names[i]))
				continue;
			rc = req_add_policy(r, sched_policy_names[i], err,
					    errlen);
			if (rc)
				return rc;
		}
		return 0;
	}
	if (!*list || *list == ',' || list[strlen(list) - 1] == ',' ||
	    strstr(list, ",,"))
		return req_fail(err, errlen,
				"--policy: expected comma-separated policy names or 'all', got '%s'",
				list);
	copy = strdup(list);
	if (!copy)
		return req_fail(err, errlen, "out of memory");
	for (tok = strtok_r(copy, ",", &save); tok && !rc;
	     tok = strtok_r(NULL, ",", &save)) {
		if (!sched_policy_exists(tok)) {
			char known[512];
			size_t used = 0;

			known[0] = '\0';
			for (i = 0; sched_policy_names[i] &&
				    used < sizeof(known); i++)
				used += (size_t)snprintf(known + used,
							 sizeof(known) - used,
							 "%s%s", i ? ", " : "",
							 sched_policy_names[i]);
			rc = req_fail(err, errlen,
				      "--policy: unknown policy '%s' (known: %s, or all)",
				      tok, known);
			break;
		}
		rc = req_add_policy(r, tok, err, errlen);
	}
	free(copy);
	return rc;
}

/* Per-level MLFQ values: one value for every level, or one per level. */
static int req_levels(const char *opt, const long *v, int n, int levels,
		      int *out, char *err, size_t errlen)
{
	int i;

	if (n != 1 && n != levels)
		return req_fail(err, errlen,
				"%s: expected 1 value or %d (one per level), got %d",
				opt, levels, n);
	for (i = 0; i < levels; i++)
		out[i] = (int)v[n == 1 ? 0 : i];
	return 0;
}

struct req_state {
	const char *file;	/* positional WORKLOAD */
	const char *jobs;	/* --jobs */
	long random;		/* --random, 0 = none */
	bool seed_given;
	long levels;		/* --mlfq-levels, 0 = not given */
	long *quanta, *allot;	/* owned until the end of parsing */
	int nquanta, nallot;
	long io_length;		/* --io-length, default 5 */
};

static int req_load_file(struct sched_request *r, const char *name,
			 char *err, size_t errlen)
{
	const struct workloads_entry *b;
	FILE *f;
	int rc, e;

	if (strcmp(name, "-") == 0) {
		rc = sched_workload_parse(stdin, "-", &r->workload, err, errlen);
		return rc ? CLI_USAGE : 0;
	}
	f = fopen(name, "r");
	if (f) {
		rc = sched_workload_parse(f, name, &r->workload, err, errlen);
		fclose(f);
		return rc ? CLI_USAGE : 0;
	}
	e = errno;
	b = workloads_find(name);
	if (b) {
		rc = sched_workload_parse_mem(b->text, strlen(b->text), name,
					      &r->workload, err, errlen);
		return rc ? CLI_USAGE : 0;
	}
	return req_fail(err, errlen,
			"cannot open workload '%s': %s (and no bundled workload has that name; see 'procviz list')",
			name, strerror(e));
}

/* --help, --headless, --explain, --format: what to output. */
static int req_output_option(struct sched_request *r, enum opt_id id,
			     const char *val, char *err, size_t errlen)
{
	switch (id) {
	case OPT_HELP:
		r->help = true;
		break;
	case OPT_HEADLESS:
		r->headless = true;
		break;
	case OPT_EXPLAIN:
		r->explain = true;
		break;
	default:
		if (!report_sched_parse_format(val, &r->format))
			return req_fail(err, errlen,
					"--format: expected text, json, csv, svg or html, got '%s'",
					val);
	}
	return 0;
}

/* The --mlfq-* options. */
static int req_mlfq_option(struct sched_request *r, struct req_state *st,
			   enum opt_id id, const char *opt, const char *val,
			   char *err, size_t errlen)
{
	long v;
	int rc = 0;

	switch (id) {
	case OPT_MLFQ_LEVELS:
		rc = req_number(opt, val, 1, SCHED_MLFQ_MAX, &st->levels, err,
				errlen);
		break;
	case OPT_MLFQ_QUANTA:
		free(st->quanta);
		rc = req_list(opt, val, 1, 1000000, &st->quanta, &st->nquanta,
			      err, errlen);
		break;
	case OPT_MLFQ_ALLOT:
		free(st->allot);
		rc = req_list(opt, val, 1, SCHED_TIME_MAX, &st->allot,
			      &st->nallot, err, errlen);
		break;
	case OPT_MLFQ_BOOST:
		rc = req_number(opt, val, 0, SCHED_TIME_MAX, &v, err, errlen);
		r->opts.mlfq_boost = v;
		break;
	case OPT_MLFQ_IO_STAY:
		r->opts.mlfq_io_stay = true;
		break;
	case OPT_MLFQ_IO_FRONT:
		r->opts.mlfq_io_front = true;
		break;
	default:
		r->opts.mlfq_stallings = true;
		break;
	}
	return rc;
}

static int req_finish(struct sched_request *r, struct req_state *st,
		      char *err, size_t errlen)
{
	char title[128];
	int sources = (st->file != NULL) + (st->jobs != NULL) +
		      (st->random > 0);
	int levels, i, rc;

	if (sources == 0)
		return req_fail(err, errlen,
				"no workload: give a file, a bundled workload name ('procviz list'), --jobs or --random");
	if (sources > 1)
		return req_fail(err, errlen,
				"give one workload only: a file or name, --jobs or --random");
	if (r->npolicies == 0) {
		rc = req_policies(r, DEFAULT_POLICIES, err, errlen);
		if (rc)
			return rc;
	}

	levels = st->levels ? (int)st->levels
			    : st->nquanta > 1 ? st->nquanta
			    : st->nallot > 1 ? st->nallot : r->opts.mlfq_levels;
	if (levels > SCHED_MLFQ_MAX)
		return req_fail(err, errlen,
				"--mlfq-quanta: at most %d levels", SCHED_MLFQ_MAX);
	r->opts.mlfq_levels = levels;
	if (st->nquanta) {
		rc = req_levels("--mlfq-quanta", st->quanta, st->nquanta, levels,
				r->opts.mlfq_quanta, err, errlen);
		if (rc)
			return rc;
	} else {
		for (i = 1; i < levels; i++)
			if (r->opts.mlfq_quanta[i] <= 0)
				r->opts.mlfq_quanta[i] = r->opts.mlfq_quanta[0];
	}
	if (st->nallot) {
		rc = req_levels("--mlfq-allot", st->allot, st->nallot, levels,
				r->opts.mlfq_allot, err, errlen);
		if (rc)
			return rc;
	} else {
		for (i = 0; i < levels; i++)
			r->opts.mlfq_allot[i] = r->opts.mlfq_quanta[i];
	}
	r->opts.draws = r->draws;
	r->opts.ndraws = r->ndraws;

	if (st->file) {
		rc = req_load_file(r, st->file, err, errlen);
		snprintf(title, sizeof(title), "%s", st->file);
	} else if (st->jobs) {
		rc = sched_workload_parse_jobs(st->jobs, &r->workload, err,
					       errlen) ? CLI_USAGE : 0;
		snprintf(title, sizeof(title), "--jobs %s", st->jobs);
	} else {
		rc = sched_workload_random(&r->workload, (int)st->random,
					   r->opts.seed);
		if (rc)
			rc = req_fail(err, errlen, "--random: %s",
				      strerror(-rc));
		snprintf(title, sizeof(title), "random %ld jobs, seed %lu",
			 st->random, r->opts.seed);
	}
	if (rc)
		return rc;
	sched_workload_set_io_length(&r->workload, st->io_length);
	r->title = strdup(title);
	if (!r->title)
		return req_fail(err, errlen, "out of memory");
	return 0;
}

/* --procrun-switch io|end, --procrun-io-done later|now (or OSTEP's words) */
static int req_procrun(struct sched_request *r, enum opt_id id,
		       const char *opt, const char *val, char *err,
		       size_t errlen)
{
	bool sw = id == OPT_PROCRUN_SWITCH;
	const char *a = sw ? "io" : "later", *b = sw ? "end" : "now";
	const char *oa = sw ? "SWITCH_ON_IO" : "IO_RUN_LATER";
	const char *ob = sw ? "SWITCH_ON_END" : "IO_RUN_IMMEDIATE";
	bool *flag = sw ? &r->opts.procrun_switch_end
			: &r->opts.procrun_io_now;

	if (strcmp(val, a) == 0 || strcmp(val, oa) == 0)
		*flag = false;
	else if (strcmp(val, b) == 0 || strcmp(val, ob) == 0)
		*flag = true;
	else
		return req_fail(err, errlen, "%s: expected %s or %s, got '%s'",
				opt, a, b, val);
	return 0;
}

/*
 * One case per option of the table above, each a line or two: a long
 * switch that reads as a table, which is clearer whole than split.
 */
static int req_option(struct sched_request *r, struct req_state *st,
		      enum opt_id id, const char *opt, const char *val,
		      char *err, size_t errlen)
{
	long v;
	int rc = 0;

	switch (id) {
	case OPT_HELP:
	case OPT_HEADLESS:
	case OPT_EXPLAIN:
	case OPT_FORMAT:
		rc = req_output_option(r, id, val, err, errlen);
		break;
	case OPT_POLICY:
		rc = req_policies(r, val, err, errlen);
		break;
	case OPT_JOBS:
		st->jobs = val;
		break;
	case OPT_RANDOM:
		rc = req_number(opt, val, 1, 1000000, &st->random, err,
				errlen);
		break;
	case OPT_SEED:
		rc = req_number(opt, val, 0, LONG_MAX, &v, err, errlen);
		r->opts.seed = (unsigned long)v;
		st->seed_given = true;
		break;
	case OPT_QUANTUM:
		rc = req_number(opt, val, 1, 1000000, &v, err, errlen);
		r->opts.quantum = (int)v;
		break;
	case OPT_CONVENTION:
		if (strcmp(val, "ostep") == 0)
			r->opts.convention = SCHED_CONV_OSTEP;
		else if (strcmp(val, "textbook") == 0)
			r->opts.convention = SCHED_CONV_TEXTBOOK;
		else
			rc = req_fail(err, errlen,
				      "--convention: expected ostep or textbook, got '%s'",
				      val);
		break;
	case OPT_SWITCH_COST:
		rc = req_number(opt, val, 0, 1000000, &v, err, errlen);
		r->opts.switch_cost = (int)v;
		break;
	case OPT_PRIO_HIGH_FIRST:
		r->opts.prio_high_first = true;
		break;
	case OPT_MLFQ_LEVELS:
	case OPT_MLFQ_QUANTA:
	case OPT_MLFQ_ALLOT:
	case OPT_MLFQ_BOOST:
	case OPT_MLFQ_IO_STAY:
	case OPT_MLFQ_IO_FRONT:
	case OPT_MLFQ_STALLINGS:
		rc = req_mlfq_option(r, st, id, opt, val, err, errlen);
		break;
	case OPT_DRAWS:
		free(r->draws);
		rc = req_list(opt, val, 0, LONG_MAX, &r->draws, &r->ndraws, err,
			      errlen);
		break;
	case OPT_STRIDE_BIG:
		rc = req_number(opt, val, 1, SCHED_TIME_MAX, &v, err, errlen);
		r->opts.stride_big = v;
		break;
	case OPT_IO_LENGTH:
		rc = req_number(opt, val, 0, SCHED_TIME_MAX, &st->io_length,
				err, errlen);
		break;
	case OPT_BOOST_OSTEP:
		r->opts.mlfq_boost_ostep = true;
		break;
	case OPT_WHOLE_SLICE:
		r->opts.whole_slice = true;
		break;
	case OPT_PROCRUN_SWITCH:
	case OPT_PROCRUN_IO_DONE:
		rc = req_procrun(r, id, opt, val, err, errlen);
		break;
	case OPT_OUTPUT:
		free(r->output);
		r->output = strdup(val);
		if (!r->output)
			rc = req_fail(err, errlen, "out of memory");
		break;
	}
	return rc;
}

/* What the take functions of a sched command line store into. */
struct req_ctx {
	struct sched_request *r;
	struct req_state *st;
};

static int req_take(void *ctx, const struct args_option *opt,
		    const char *val, char *err, size_t errlen)
{
	struct req_ctx *c = ctx;

	return req_option(c->r, c->st, (enum opt_id)opt->id, opt->name, val,
			  err, errlen);
}

/* The positional WORKLOAD: one at most. */
static int req_operand(void *ctx, const char *arg, char *err, size_t errlen)
{
	struct req_ctx *c = ctx;

	if (c->st->file)
		return req_fail(err, errlen,
				"unexpected argument '%s' (the workload is already '%s')",
				arg, c->st->file);
	c->st->file = arg;
	return 0;
}

int sched_request_parse(struct sched_request *r, int argc, char **argv,
			char *err, size_t errlen)
{
	return sched_request_parse_extra(r, NULL, argc, argv, err, errlen);
}

int sched_request_parse_extra(struct sched_request *r,
			      const struct args_set *extra, int argc,
			      char **argv, char *err, size_t errlen)
{
	struct req_state st;
	struct req_ctx c = { r, &st };
	struct args_option opts[ARRAY_SIZE(options)];
	struct args_set sets[2];
	struct args_spec spec = {
		.sets = sets, .nsets = extra ? 2 : 1,
		.operand = req_operand, .operand_ctx = &c,
	};
	size_t k;
	int rc;

	memset(&st, 0, sizeof(st));
	st.io_length = 5;
	if (errlen)
		err[0] = '\0';
	/* The one parser's table (viz/cmd/args.h); req_take stores them. */
	memset(opts, 0, sizeof(opts));
	for (k = 0; k < ARRAY_SIZE(options); k++) {
		opts[k].name = options[k].name;
		opts[k].has_arg = options[k].has_arg;
		opts[k].id = options[k].id;
	}
	sets[0] = (struct args_set){ opts, ARRAY_SIZE(opts), req_take, &c };
	if (extra)
		sets[1] = *extra;
	rc = args_parse(&spec, argc, argv, NULL, err, errlen);
	if (!rc && !r->help)
		rc = req_finish(r, &st, err, errlen);
	free(st.quanta);
	free(st.allot);
	return rc;
}
