/*
 * viz/cmd/schedreq.c - parse `procviz sched [WORKLOAD] [options]`.
 *
 * The options are a table for the one parser of the front ends
 * (viz/cmd/args.h: long options only, "--opt VALUE" or "--opt=VALUE", no
 * global state, so the UI can parse again at any time): each entry names
 * the function that stores it and where.  Every message names the option
 * and the value at fault, and is translated (args_fail).
 */
#include "viz/cmd/schedreq.h"
#include "common/i18n.h"

#include "viz/cmd/args.h"
#include "viz/cmd/cli.h"
#include "viz/cmd/workloads.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_POLICIES "fcfs,sjf,rr,mlfq"

const char schedreq_usage[] =
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

void schedreq_init(struct schedreq *r)
{
	memset(r, 0, sizeof(*r));
	sched_workload_init(&r->workload);
	sched_opts_init(&r->opts);
	r->format = REPORT_SCHED_TEXT;
}

static void policies_free(struct schedreq *r)
{
	int i;

	for (i = 0; i < r->npolicies; i++)
		free(r->policies[i]);
	free(r->policies);
	r->policies = NULL;
	r->npolicies = 0;
}

void schedreq_clear(struct schedreq *r)
{
	sched_workload_clear(&r->workload);
	free(r->title);
	policies_free(r);
	free(r->draws);
	free(r->output);
	schedreq_init(r);
}

void schedreq_report(const struct schedreq *r,
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

static int req_number(const char *opt, const char *s, long min, long max,
		      long *out, char *err, size_t errlen)
{
	if (cli_parse_long(s, min, max, out))
		return 0;
	return args_fail(err, errlen,
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
		return args_fail(err, errlen, "out of memory");
	if (!*s || s[strlen(s) - 1] == ',' || *s == ',' || strstr(s, ",,")) {
		free(copy);
		return args_fail(err, errlen,
				"%s: expected comma-separated whole numbers %ld..%ld, got '%s'",
				opt, min, max, s);
	}
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (!cli_parse_long(tok, min, max, &x)) {
			args_fail(err, errlen,
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
				return args_fail(err, errlen, "out of memory");
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

static int req_add_policy(struct schedreq *r, const char *name,
			  char *err, size_t errlen)
{
	char **np;

	np = realloc(r->policies, (size_t)(r->npolicies + 1) * sizeof(char *));
	if (!np)
		return args_fail(err, errlen, "out of memory");
	r->policies = np;
	r->policies[r->npolicies] = strdup(name);
	if (!r->policies[r->npolicies])
		return args_fail(err, errlen, "out of memory");
	r->npolicies++;
	return 0;
}

static int req_policies(struct schedreq *r, const char *list,
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
		return args_fail(err, errlen,
				"--policy: expected comma-separated policy names or 'all', got '%s'",
				list);
	copy = strdup(list);
	if (!copy)
		return args_fail(err, errlen, "out of memory");
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
			rc = args_fail(err, errlen,
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
		return args_fail(err, errlen,
				"%s: expected 1 value or %d (one per level), got %d",
				opt, levels, n);
	for (i = 0; i < levels; i++)
		out[i] = (int)v[n == 1 ? 0 : i];
	return 0;
}

/* A list of whole numbers given to an option. */
struct req_values {
	long *v;		/* owned, n of them */
	int n;
};

/* What is known only once every option is read (req_finish). */
struct req_state {
	const char *file;	/* positional WORKLOAD */
	const char *jobs;	/* --jobs */
	long random;		/* --random, 0 = none */
	long levels;		/* --mlfq-levels, 0 = not given */
	struct req_values quanta, allot;	/* --mlfq-quanta, -allot */
	struct req_values draws;	/* --draws, then the request's */
	long io_length;		/* --io-length, default 5 */
};

static int req_load_file(struct schedreq *r, const char *name,
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
	return args_fail(err, errlen,
			"cannot open workload '%s': %s (and no bundled workload has that name; see 'procviz list')",
			name, strerror(e));
}

static int req_finish(struct schedreq *r, struct req_state *st,
		      char *err, size_t errlen)
{
	char title[128];
	int sources = (st->file != NULL) + (st->jobs != NULL) +
		      (st->random > 0);
	int levels, i, rc;

	if (sources == 0)
		return args_fail(err, errlen,
				"no workload: give a file, a bundled workload name ('procviz list'), --jobs or --random");
	if (sources > 1)
		return args_fail(err, errlen,
				"give one workload only: a file or name, --jobs or --random");
	if (r->npolicies == 0) {
		rc = req_policies(r, DEFAULT_POLICIES, err, errlen);
		if (rc)
			return rc;
	}

	levels = st->levels ? (int)st->levels
			    : st->quanta.n > 1 ? st->quanta.n
			    : st->allot.n > 1 ? st->allot.n
			    : r->opts.mlfq_levels;
	if (levels > SCHED_MLFQ_MAX)
		return args_fail(err, errlen,
				"--mlfq-quanta: at most %d levels", SCHED_MLFQ_MAX);
	r->opts.mlfq_levels = levels;
	if (st->quanta.n) {
		rc = req_levels("--mlfq-quanta", st->quanta.v, st->quanta.n,
				levels, r->opts.mlfq_quanta, err, errlen);
		if (rc)
			return rc;
	} else {
		for (i = 1; i < levels; i++)
			if (r->opts.mlfq_quanta[i] <= 0)
				r->opts.mlfq_quanta[i] = r->opts.mlfq_quanta[0];
	}
	if (st->allot.n) {
		rc = req_levels("--mlfq-allot", st->allot.v, st->allot.n,
				levels, r->opts.mlfq_allot, err, errlen);
		if (rc)
			return rc;
	} else {
		for (i = 0; i < levels; i++)
			r->opts.mlfq_allot[i] = r->opts.mlfq_quanta[i];
	}
	r->draws = st->draws.v;
	r->ndraws = st->draws.n;
	st->draws.v = NULL;
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
			rc = args_fail(err, errlen, "--random: %s",
				      strerror(-rc));
		snprintf(title, sizeof(title), _("random %ld jobs, seed %lu"),
			 st->random, r->opts.seed);
	}
	if (rc)
		return rc;
	sched_workload_set_io_length(&r->workload, st->io_length);
	r->title = strdup(title);
	if (!r->title)
		return args_fail(err, errlen, "out of memory");
	return 0;
}


/* What the take functions of a sched command line store into. */
struct req_ctx {
	struct schedreq *r;
	struct req_state st;
};

/* Options whose value is a whole number or a list of them. */
enum req_id {
	REQ_RANDOM, REQ_SEED, REQ_QUANTUM, REQ_SWITCH_COST, REQ_MLFQ_LEVELS,
	REQ_MLFQ_BOOST, REQ_STRIDE_BIG, REQ_IO_LENGTH, REQ_MLFQ_QUANTA,
	REQ_MLFQ_ALLOT, REQ_DRAWS, REQ_NRANGES,
};

/*
 * Each one's range, and where it goes: the option's field is the
 * offsetof() of an int or long member of struct sched_opts (@in_opts) or
 * of struct req_state, or of a struct req_values there (lists).
 */
static const struct req_range {
	long min, max;
	bool in_opts, is_int;
} req_ranges[REQ_NRANGES] = {
	[REQ_RANDOM] = { 1, 1000000, false, false },
	[REQ_SEED] = { 0, LONG_MAX, true, false },	/* unsigned long */
	[REQ_QUANTUM] = { 1, 1000000, true, true },
	[REQ_SWITCH_COST] = { 0, 1000000, true, true },
	[REQ_MLFQ_LEVELS] = { 1, SCHED_MLFQ_MAX, false, false },
	[REQ_MLFQ_BOOST] = { 0, SCHED_TIME_MAX, true, false },
	[REQ_STRIDE_BIG] = { 1, SCHED_TIME_MAX, true, false },
	[REQ_IO_LENGTH] = { 0, SCHED_TIME_MAX, false, false },
	[REQ_MLFQ_QUANTA] = { 1, 1000000, false, false },
	[REQ_MLFQ_ALLOT] = { 1, SCHED_TIME_MAX, false, false },
	[REQ_DRAWS] = { 0, LONG_MAX, false, false },
};

static int req_take_number(void *ctx, const struct args_option *opt,
			   const char *val, char *err, size_t errlen)
{
	struct req_ctx *c = ctx;
	const struct req_range *g = &req_ranges[opt->id];
	char *at = (g->in_opts ? (char *)&c->r->opts : (char *)&c->st) +
		   opt->field;
	long v;
	int rc = req_number(opt->name, val, g->min, g->max, &v, err, errlen);

	if (rc)
		return rc;
	if (g->is_int)
		*(int *)at = (int)v;
	else
		*(long *)at = v;	/* the seed's unsigned long too */
	return 0;
}

static int req_take_list(void *ctx, const struct args_option *opt,
			 const char *val, char *err, size_t errlen)
{
	struct req_ctx *c = ctx;
	const struct req_range *g = &req_ranges[opt->id];
	struct req_values *l = (struct req_values *)((char *)&c->st +
						     opt->field);

	free(l->v);
	return req_list(opt->name, val, g->min, g->max, &l->v, &l->n, err,
			errlen);
}

/* A flag of the request (field: in struct schedreq). */
static int req_take_flag(void *ctx, const struct args_option *opt,
			 const char *val, char *err, size_t errlen)
{
	return args_take_flag(((struct req_ctx *)ctx)->r, opt, val, err,
			      errlen);
}

/* A flag of the simulation (field: in struct sched_opts). */
static int req_take_opts_flag(void *ctx, const struct args_option *opt,
			      const char *val, char *err, size_t errlen)
{
	return args_take_flag(&((struct req_ctx *)ctx)->r->opts, opt, val,
			      err, errlen);
}

static int req_take_format(void *ctx, const struct args_option *opt,
			   const char *val, char *err, size_t errlen)
{
	struct req_ctx *c = ctx;

	if (!report_sched_parse_format(val, &c->r->format))
		return args_fail(err, errlen,
				 "--format: expected text, json, csv, svg or html, got '%s'",
				 val);
	return 0;
}

static int req_take_policy(void *ctx, const struct args_option *opt,
			   const char *val, char *err, size_t errlen)
{
	return req_policies(((struct req_ctx *)ctx)->r, val, err, errlen);
}

static int req_take_convention(void *ctx, const struct args_option *opt,
			       const char *val, char *err, size_t errlen)
{
	struct sched_opts *o = &((struct req_ctx *)ctx)->r->opts;

	if (strcmp(val, "ostep") == 0)
		o->convention = SCHED_CONV_OSTEP;
	else if (strcmp(val, "textbook") == 0)
		o->convention = SCHED_CONV_TEXTBOOK;
	else
		return args_fail(err, errlen,
				 "--convention: expected ostep or textbook, got '%s'",
				 val);
	return 0;
}

/*
 * --procrun-switch io|end, --procrun-io-done later|now (or OSTEP's words);
 * field: the bool in struct sched_opts that the second word sets.
 */
static int req_take_procrun(void *ctx, const struct args_option *opt,
			    const char *val, char *err, size_t errlen)
{
	struct req_ctx *c = ctx;
	bool sw = strcmp(opt->name, "--procrun-switch") == 0;
	const char *a = sw ? "io" : "later", *b = sw ? "end" : "now";
	const char *oa = sw ? "SWITCH_ON_IO" : "IO_RUN_LATER";
	const char *ob = sw ? "SWITCH_ON_END" : "IO_RUN_IMMEDIATE";
	bool *flag = (bool *)((char *)&c->r->opts + opt->field);

	if (strcmp(val, a) == 0 || strcmp(val, oa) == 0)
		*flag = false;
	else if (strcmp(val, b) == 0 || strcmp(val, ob) == 0)
		*flag = true;
	else
		return args_fail(err, errlen, "%s: expected %s or %s, got '%s'",
				 opt->name, a, b, val);
	return 0;
}

static int req_take_output(void *ctx, const struct args_option *opt,
			   const char *val, char *err, size_t errlen)
{
	struct schedreq *r = ((struct req_ctx *)ctx)->r;

	free(r->output);
	r->output = strdup(val);
	return r->output ? 0 : args_fail(err, errlen, "out of memory");
}

#define REQ_FLAG(name, member) \
	{ name, false, 0, req_take_flag, offsetof(struct schedreq, member) }
#define REQ_OPTS_FLAG(name, member) \
	{ name, false, 0, req_take_opts_flag, \
	  offsetof(struct sched_opts, member) }
#define REQ_NUMBER(name, id, in, member) \
	{ name, true, id, req_take_number, offsetof(in, member) }
#define REQ_LIST(name, id, member) \
	{ name, true, id, req_take_list, offsetof(struct req_state, member) }

/* The sched options, for the one parser (viz/cmd/args.h). */
static const struct args_option req_options[] = {
	/* --help only marks the request: the rest is still checked */
	REQ_FLAG("--help", help),
	REQ_FLAG("--headless", headless),
	REQ_FLAG("--explain", explain),
	{ "--format", true, 0, req_take_format, 0 },
	{ "--output", true, 0, req_take_output, 0 },
	{ "--policy", true, 0, req_take_policy, 0 },
	{ "--jobs", true, 0, args_take_string,
	  offsetof(struct req_ctx, st.jobs) },
	REQ_NUMBER("--random", REQ_RANDOM, struct req_state, random),
	REQ_NUMBER("--seed", REQ_SEED, struct sched_opts, seed),
	REQ_NUMBER("--io-length", REQ_IO_LENGTH, struct req_state, io_length),
	REQ_NUMBER("--quantum", REQ_QUANTUM, struct sched_opts, quantum),
	{ "--convention", true, 0, req_take_convention, 0 },
	REQ_NUMBER("--switch-cost", REQ_SWITCH_COST, struct sched_opts,
		   switch_cost),
	REQ_OPTS_FLAG("--prio-high-first", prio_high_first),
	REQ_NUMBER("--mlfq-levels", REQ_MLFQ_LEVELS, struct req_state,
		   levels),
	REQ_LIST("--mlfq-quanta", REQ_MLFQ_QUANTA, quanta),
	REQ_LIST("--mlfq-allot", REQ_MLFQ_ALLOT, allot),
	REQ_NUMBER("--mlfq-boost", REQ_MLFQ_BOOST, struct sched_opts,
		   mlfq_boost),
	REQ_OPTS_FLAG("--mlfq-io-stay", mlfq_io_stay),
	REQ_OPTS_FLAG("--mlfq-io-front", mlfq_io_front),
	REQ_OPTS_FLAG("--mlfq-stallings", mlfq_stallings),
	REQ_OPTS_FLAG("--mlfq-boost-ostep", mlfq_boost_ostep),
	REQ_OPTS_FLAG("--whole-slice", whole_slice),
	{ "--procrun-switch", true, 0, req_take_procrun,
	  offsetof(struct sched_opts, procrun_switch_end) },
	{ "--procrun-io-done", true, 0, req_take_procrun,
	  offsetof(struct sched_opts, procrun_io_now) },
	REQ_LIST("--draws", REQ_DRAWS, draws),
	REQ_NUMBER("--stride-big", REQ_STRIDE_BIG, struct sched_opts,
		   stride_big),
};

/* The positional WORKLOAD: one at most. */
static int req_operand(void *ctx, const char *arg, char *err, size_t errlen)
{
	struct req_ctx *c = ctx;

	if (c->st.file)
		return args_fail(err, errlen,
				 "unexpected argument '%s' (the workload is already '%s')",
				 arg, c->st.file);
	c->st.file = arg;
	return 0;
}

int schedreq_parse(struct schedreq *r, int argc, char **argv, char *err,
		   size_t errlen)
{
	return schedreq_parse_extra(r, NULL, argc, argv, err, errlen);
}

int schedreq_parse_extra(struct schedreq *r, const struct args_set *extra,
			 int argc, char **argv, char *err, size_t errlen)
{
	struct req_ctx c = { .r = r, .st = { .io_length = 5 } };
	struct args_set sets[2] = {
		{ req_options, ARRAY_SIZE(req_options), NULL, &c },
	};
	struct args_spec spec = {
		.sets = sets, .nsets = extra ? 2 : 1,
		.operand = req_operand, .operand_ctx = &c,
	};
	int rc;

	if (extra)
		sets[1] = *extra;
	rc = args_parse(&spec, argc, argv, NULL, err, errlen);
	if (!rc && !r->help)
		rc = req_finish(r, &c.st, err, errlen);
	free(c.st.quanta.v);
	free(c.st.allot.v);
	free(c.st.draws.v);
	return rc;
}
