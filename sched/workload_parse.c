/*
 * sched/workload_parse.c - the workload file format and the inline --jobs
 * forms of procviz.1 "WORKLOADS".
 *
 * File format, one job per line ('#' starts a comment, blank lines are
 * ignored):
 *
 *	NAME  ARRIVAL  CPU[/IO/CPU...]  [PRIORITY]  [tickets=N] [nice=N]
 *
 * The parser works on the whole text in memory with no line buffer, so a
 * line may be any length; it is linear in the input (job names are checked
 * for duplicates with a hash set).  Every error names the position of the
 * offending character as "FILE:LINE:COL: expected ..." (COL is 1-based and
 * counts bytes), and no input makes it crash: NUL bytes and other control
 * or non-ASCII bytes outside comments are reported as unexpected
 * characters, numbers are range-checked while they are read (nothing can
 * overflow), and an input without jobs is an error of its own.
 *
 * On success *out receives the jobs (it is initialised here, whatever it
 * held is not freed); on error *out is left initialised and empty, so
 * sched_workload_clear() on it is always safe.
 */
#include "common/i18n.h"
#include "sched/sched.h"
#include "sched/workload_priv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * Messages are whole sentences in English, translated where they are
 * written (common/i18n.h): parser_fail() translates its format before
 * formatting, parser_fail_msg() a message marked with N_().  The
 * "FILE:LINE:COL: " in front is never translated (editors jump to it), nor
 * are the user's text and the format's keywords quoted in a message.
 */
#define ARRIVAL_MSG \
	N_("expected an arrival time (whole ticks, 0..1000000000)")
#define PRIORITY_MSG N_("expected a priority (a whole number)")

/* Job names seen so far: open addressing over job indices, -1 = empty. */
struct name_set {
	int *slots;		/* owned, size entries */
	size_t size;		/* a power of two, or 0 */
	size_t count;
};

struct parser {
	const char *p;		/* cursor */
	const char *end;	/* end of the text */
	const char *line_start;	/* first byte of the current line */
	long line;		/* 1-based; 0 = --jobs (no line in messages) */
	const char *filename;	/* for messages */
	char *err;
	size_t errlen;
	long *bursts;		/* owned scratch for the job being read */
	int nbursts;
	int cap;
	struct sched_workload w;	/* the jobs read so far */
	long *lines;		/* owned: line of each job, for duplicates */
	int lines_cap;
	struct name_set names;
};

static void parser_init(struct parser *ps, const char *text, size_t len,
			const char *filename, char *err, size_t errlen)
{
	memset(ps, 0, sizeof(*ps));
	ps->p = text;
	ps->end = text + len;
	ps->line_start = text;
	ps->line = 1;
	ps->filename = filename ? filename : "-";
	ps->err = err;
	ps->errlen = errlen;
	sched_workload_init(&ps->w);
}

static void parser_clear(struct parser *ps)
{
	free(ps->bursts);
	free(ps->lines);
	free(ps->names.slots);
	sched_workload_clear(&ps->w);
}

/* "FILE:LINE:COL: " and the formatted @fmt (as it is) at @at. */
static void parser_vput(struct parser *ps, const char *at, const char *fmt,
			va_list ap)
{
	long col = (long)(at - ps->line_start) + 1;
	int n;

	if (!ps->err || ps->errlen == 0)
		return;
	if (ps->line > 0)
		n = snprintf(ps->err, ps->errlen, "%s:%ld:%ld: ", ps->filename,
			     ps->line, col);
	else
		n = snprintf(ps->err, ps->errlen, "%s:%ld: ", ps->filename,
			     col);
	if (n < 0 || (size_t)n >= ps->errlen)
		return;
	vsnprintf(ps->err + n, ps->errlen - (size_t)n, fmt, ap);
}

static int parser_put(struct parser *ps, const char *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int parser_put(struct parser *ps, const char *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	parser_vput(ps, at, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* Report "FILE:LINE:COL: expected ..." at @at, translated; -EINVAL. */
static int parser_fail(struct parser *ps, const char *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int parser_fail(struct parser *ps, const char *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	parser_vput(ps, at, _(fmt), ap);
	va_end(ap);
	return -EINVAL;
}

/* The same for a message marked with N_() where it is written. */
static int parser_fail_msg(struct parser *ps, const char *at, const char *msg)
{
	return parser_put(ps, at, "%s", _(msg));
}

static int parser_nomem(struct parser *ps)
{
	if (ps->err && ps->errlen)
		snprintf(ps->err, ps->errlen, _("%s: out of memory"),
			 ps->filename);
	return -ENOMEM;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       is_digit(c) || c == '_' || c == '-' || c == '.';
}

/* End of a field in a file line: whitespace, comment or end of line. */
static bool at_field_end(const struct parser *ps)
{
	return ps->p == ps->end || *ps->p == '\n' || *ps->p == '#' ||
	       is_space(*ps->p);
}

static void skip_spaces(struct parser *ps)
{
	while (ps->p < ps->end && is_space(*ps->p))
		ps->p++;
}

/*
 * Read a decimal number in [min, max] at the cursor (a leading '-' only
 * when min < 0).  On failure reports @msg (marked with N_(), "expected
 * ...") at the first byte of the number and returns -EINVAL.  Stops
 * accumulating once the value is out of range, so no input overflows.
 */
static int parse_number(struct parser *ps, long min, long max, long *out,
			const char *msg)
{
	const char *start = ps->p;
	bool neg = false;
	long v = 0;
	bool big = false;

	if (ps->p < ps->end && *ps->p == '-' && min < 0) {
		neg = true;
		ps->p++;
	}
	if (ps->p == ps->end || !is_digit(*ps->p))
		return parser_fail_msg(ps, start, msg);
	while (ps->p < ps->end && is_digit(*ps->p)) {
		if (!big) {
			v = v * 10 + (*ps->p - '0');
			if (v > SCHED_TIME_MAX)
				big = true;
		}
		ps->p++;
	}
	if (neg)
		v = -v;
	if (big || v < min || v > max)
		return parser_fail_msg(ps, start, msg);
	*out = v;
	return 0;
}

static int bursts_push(struct parser *ps, long v)
{
	if (ps->nbursts == ps->cap) {
		int ncap = ps->cap ? ps->cap * 2 : 16;
		long *nb;

		if (ncap < 0 || (size_t)ncap > SIZE_MAX / sizeof(long))
			return parser_nomem(ps);
		nb = realloc(ps->bursts, (size_t)ncap * sizeof(long));
		if (!nb)
			return parser_nomem(ps);
		ps->bursts = nb;
		ps->cap = ncap;
	}
	ps->bursts[ps->nbursts++] = v;
	return 0;
}

/*
 * A process-run instruction list at the cursor: "c7,i,c1,i" (cN = N ticks
 * of CPU, i = an IO; in process-run the IO is issued by one tick of CPU
 * and its completion handled by another).  Read as bursts: the CPU ticks
 * up to and including each IO's issuing tick, an IO burst of the length
 * left open (SCHED_IO_UNSET, set later by sched_workload_set_io_length()),
 * and the IO-done tick that starts the next CPU burst.  Instructions are
 * separated by ','; @sep (':' in --jobs, else 0) ends the list as well as
 * @ends does.
 */
static int parse_instrs(struct parser *ps, bool (*ends)(const struct parser *),
			char sep)
{
	long cpu = 0, v;
	int rc;

	for (;;) {
		if (ps->p < ps->end && *ps->p == 'c') {
			ps->p++;
			rc = parse_number(ps, 1, SCHED_TIME_MAX, &v,
					  N_("expected a count of CPU ticks "
					     "after 'c' (whole ticks, "
					     "1..1000000000)"));
			if (rc)
				return rc;
			cpu += v;
			if (cpu > SCHED_TIME_MAX)
				return parser_fail(ps, ps->p,
						   "expected a CPU burst of at most 1000000000 ticks");
		} else if (ps->p < ps->end && *ps->p == 'i') {
			ps->p++;
			if (ps->p < ps->end && *ps->p == 'o')
				ps->p++;
			/* the issuing tick makes the burst one tick longer */
			if (cpu + 1 > SCHED_TIME_MAX)
				return parser_fail(ps, ps->p,
						   "expected a CPU burst of at most 1000000000 ticks");
			rc = bursts_push(ps, cpu + 1);
			if (!rc)
				rc = bursts_push(ps, SCHED_IO_UNSET);
			if (rc)
				return rc;
			cpu = 1;	/* the IO-done tick */
		} else {
			return parser_fail(ps, ps->p,
					   "expected an instruction: cN (N ticks of CPU) or i (an IO)");
		}
		/* in a --jobs list a ',' may end the job instead */
		if (ps->p < ps->end && *ps->p == ',' &&
		    (sep || ps->line > 0 ||
		     (ps->p + 1 < ps->end &&
		      (ps->p[1] == 'c' || ps->p[1] == 'i')))) {
			ps->p++;
			continue;
		}
		if ((sep && ps->p < ps->end && *ps->p == sep) || ends(ps))
			break;
		return parser_fail(ps, ps->p,
				   "expected ',' and the next instruction, or the end of the instructions");
	}
	return bursts_push(ps, cpu);
}

/*
 * CPU/IO/CPU... at the cursor.  @seps are the bytes besides '/' that may
 * end the list (the caller checks what follows).  An IO burst may be 0
 * ticks (the IO completes at the instant it starts, as mlfq.py -i 0).
 */
static int parse_bursts(struct parser *ps, bool (*ends)(const struct parser *))
{
	long v;
	int rc;

	ps->nbursts = 0;
	if (ps->p < ps->end && (*ps->p == 'c' || *ps->p == 'i'))
		return parse_instrs(ps, ends, 0);
	for (;;) {
		bool cpu = ps->nbursts % 2 == 0;

		rc = parse_number(ps, cpu ? 1 : 0, SCHED_TIME_MAX, &v,
				  cpu ? N_("expected a CPU burst (whole "
					   "ticks, 1..1000000000)")
				      : N_("expected an IO burst (whole "
					   "ticks, 0..1000000000)"));
		if (rc)
			return rc;
		rc = bursts_push(ps, v);
		if (rc)
			return rc;
		if (ps->p < ps->end && *ps->p == '/') {
			ps->p++;
			continue;
		}
		if (ends(ps))
			return 0;
		return parser_fail(ps, ps->p,
				   "expected '/' and the next burst, or the end of the bursts");
	}
}

/* --- duplicate names ------------------------------------------------- */

static uint64_t name_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;	/* FNV-1a */

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return h;
}

static int names_grow(struct parser *ps)
{
	struct name_set *set = &ps->names;
	size_t nsize = set->size ? set->size * 2 : 64;
	int *slots;
	size_t i;

	if (nsize > SIZE_MAX / sizeof(int))
		return parser_nomem(ps);
	slots = malloc(nsize * sizeof(int));
	if (!slots)
		return parser_nomem(ps);
	for (i = 0; i < nsize; i++)
		slots[i] = -1;
	for (i = 0; i < set->size; i++) {
		int job = set->slots[i];
		size_t h;

		if (job < 0)
			continue;
		h = name_hash(ps->w.jobs[job].name) & (nsize - 1);
		while (slots[h] >= 0)
			h = (h + 1) & (nsize - 1);
		slots[h] = job;
	}
	free(set->slots);
	set->slots = slots;
	set->size = nsize;
	return 0;
}

/* The index of a job named @name, or -1. */
static int names_find(const struct parser *ps, const char *name)
{
	const struct name_set *set = &ps->names;
	size_t h;

	if (!set->size)
		return -1;
	h = name_hash(name) & (set->size - 1);
	while (set->slots[h] >= 0) {
		if (strcmp(ps->w.jobs[set->slots[h]].name, name) == 0)
			return set->slots[h];
		h = (h + 1) & (set->size - 1);
	}
	return -1;
}

/* Append @job to the workload and index its name. */
static int parser_add_job(struct parser *ps, struct sched_job *job)
{
	struct name_set *set = &ps->names;
	size_t h;
	int rc;

	job->bursts = ps->bursts;
	job->nbursts = ps->nbursts;
	if ((set->count + 1) * 2 > set->size) {
		rc = names_grow(ps);
		if (rc)
			return rc;
	}
	if (ps->w.njobs == ps->lines_cap) {
		int ncap = ps->lines_cap ? ps->lines_cap * 2 : 64;
		long *nl;

		if (ncap < 0)
			return parser_nomem(ps);
		nl = realloc(ps->lines, (size_t)ncap * sizeof(long));
		if (!nl)
			return parser_nomem(ps);
		ps->lines = nl;
		ps->lines_cap = ncap;
	}
	rc = sched_workload_add(&ps->w, job);
	if (rc)
		return rc == -ENOMEM ? parser_nomem(ps) : rc;
	ps->lines[ps->w.njobs - 1] = ps->line;
	h = name_hash(job->name) & (set->size - 1);
	while (set->slots[h] >= 0)
		h = (h + 1) & (set->size - 1);
	set->slots[h] = ps->w.njobs - 1;
	set->count++;
	return 0;
}

static void job_defaults(struct sched_job *job)
{
	memset(job, 0, sizeof(*job));
	job->tickets = 100;
}

/*
 * key=value attribute at the cursor (tickets=N, nice=N); @ends says where
 * the value must end.
 */
static int parse_attribute(struct parser *ps, struct sched_job *job,
			   bool (*ends)(const struct parser *))
{
	const char *start = ps->p;
	size_t left = (size_t)(ps->end - ps->p);
	long v;
	int rc;

	if (left >= 8 && memcmp(ps->p, "tickets=", 8) == 0) {
		ps->p += 8;
		rc = parse_number(ps, 1, SCHED_TIME_MAX, &v,
				  N_("expected a ticket count "
				     "(1..1000000000)"));
		if (rc)
			return rc;
		job->tickets = v;
	} else if (left >= 5 && memcmp(ps->p, "nice=", 5) == 0) {
		ps->p += 5;
		rc = parse_number(ps, -20, 19, &v,
				  N_("expected a nice value (-20..19)"));
		if (rc)
			return rc;
		job->nice = (int)v;
	} else {
		return parser_fail(ps, start, "expected tickets=N or nice=N");
	}
	if (!ends(ps))
		return parser_fail(ps, ps->p, "expected a space after %.*s",
				   (int)(ps->p - start), start);
	return 0;
}

/* --- the file format --------------------------------------------------- */

static bool file_field_end(const struct parser *ps)
{
	return at_field_end(ps);
}

/* One non-blank line starting at the cursor (after leading spaces). */
static int parse_line(struct parser *ps)
{
	struct sched_job job;
	const char *start = ps->p;
	bool have_prio = false;
	size_t len;
	long v;
	int rc, dup;

	job_defaults(&job);
	while (ps->p < ps->end && is_name_char(*ps->p))
		ps->p++;
	len = (size_t)(ps->p - start);
	if (len == 0 || !at_field_end(ps))
		return parser_fail(ps, ps->p,
				   "expected a job name (letters, digits, '_', '-', '.')");
	if (len >= SCHED_NAME_MAX)
		return parser_fail(ps, start,
				   "expected a job name of at most %d characters",
				   SCHED_NAME_MAX - 1);
	memcpy(job.name, start, len);
	job.name[len] = '\0';
	dup = names_find(ps, job.name);
	if (dup >= 0)
		return parser_fail(ps, start,
				   "expected a new job name ('%s' is already used on line %ld)",
				   job.name, ps->lines[dup]);

	skip_spaces(ps);
	rc = parse_number(ps, 0, SCHED_TIME_MAX, &job.arrival,
			  ARRIVAL_MSG);
	if (rc)
		return rc;
	if (!at_field_end(ps))
		return parser_fail(ps, ps->p,
				   "expected a space after the arrival time");

	skip_spaces(ps);
	if (at_field_end(ps))
		return parser_fail(ps, ps->p,
				   "expected the bursts (CPU[/IO/CPU...], e.g. 5/3/2)");
	rc = parse_bursts(ps, file_field_end);
	if (rc)
		return rc;

	for (;;) {
		skip_spaces(ps);
		if (ps->p == ps->end || *ps->p == '\n' || *ps->p == '#')
			break;
		if (!have_prio && (is_digit(*ps->p) || *ps->p == '-')) {
			rc = parse_number(ps, -SCHED_TIME_MAX, SCHED_TIME_MAX,
					  &v, PRIORITY_MSG);
			if (rc)
				return rc;
			if (!at_field_end(ps))
				return parser_fail(ps, ps->p,
						   "expected a space after the priority");
			job.priority = v;
			have_prio = true;
			continue;
		}
		rc = parse_attribute(ps, &job, file_field_end);
		if (rc)
			return rc;
		have_prio = true;	/* no priority after an attribute */
	}
	return parser_add_job(ps, &job);
}

/* Skip to the start of the next line (past a comment if any). */
static void next_line(struct parser *ps)
{
	const char *nl = memchr(ps->p, '\n', (size_t)(ps->end - ps->p));

	if (!nl) {
		ps->p = ps->end;
		return;
	}
	ps->p = nl + 1;
	ps->line_start = ps->p;
	ps->line++;
}

/* Hand the jobs over to *out, or report that there were none. */
static int parser_finish(struct parser *ps, struct sched_workload *out,
			 const char *at, const char *none_msg)
{
	if (ps->w.njobs == 0)
		return parser_fail_msg(ps, at, none_msg);
	*out = ps->w;
	sched_workload_init(&ps->w);
	return 0;
}

int sched_workload_parse_mem(const char *text, size_t len,
			     const char *filename, struct sched_workload *out,
			     char *err, size_t errlen)
{
	struct parser ps;
	int rc = 0;

	sched_workload_init(out);
	parser_init(&ps, text ? text : "", text ? len : 0, filename, err,
		    errlen);
	/* A UTF-8 byte order mark (editors on Windows add one) is skipped;
	 * columns still count it, as an editor would show them. */
	if (len >= 3 && memcmp(ps.p, "\xef\xbb\xbf", 3) == 0)
		ps.p += 3;
	while (ps.p < ps.end) {
		skip_spaces(&ps);
		if (ps.p < ps.end && *ps.p != '\n' && *ps.p != '#') {
			rc = parse_line(&ps);
			if (rc)
				break;
		}
		next_line(&ps);
	}
	if (!rc)
		rc = parser_finish(&ps, out, ps.p,
				   N_("expected at least one job line 'NAME ARRIVAL BURSTS [PRIORITY]' (found no jobs)"));
	parser_clear(&ps);
	return rc;
}

int sched_workload_parse(FILE *in, const char *filename,
			 struct sched_workload *out, char *err, size_t errlen)
{
	size_t len = 0, cap = 0, n;
	char *buf = NULL;
	int rc;

	sched_workload_init(out);
	if (!filename)
		filename = "-";
	for (;;) {
		if (cap - len < 4096) {
			size_t ncap = cap ? cap * 2 : 65536;
			char *nb;

			if (ncap < cap || !(nb = realloc(buf, ncap))) {
				free(buf);
				if (err && errlen)
					snprintf(err, errlen,
						 _("%s: out of memory"),
						 filename);
				return -ENOMEM;
			}
			buf = nb;
			cap = ncap;
		}
		n = fread(buf + len, 1, cap - len, in);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(in)) {
		free(buf);
		if (err && errlen)
			snprintf(err, errlen, _("%s: read error"), filename);
		return -EIO;
	}
	rc = sched_workload_parse_mem(buf, len, filename, out, err, errlen);
	free(buf);
	return rc;
}

/* --- the inline --jobs forms --------------------------------------------- */

static bool jobs_item_end(const struct parser *ps)
{
	return ps->p == ps->end || *ps->p == ',';
}

static bool jobs_field_end(const struct parser *ps)
{
	return ps->p == ps->end || *ps->p == ',' || *ps->p == ':';
}

void sched_workload_letter_name(int index, char buf[SCHED_NAME_MAX])
{
	char tmp[SCHED_NAME_MAX];
	int n = 0, i;
	unsigned long v = (unsigned long)(index < 0 ? 0 : index) + 1;

	while (v > 0 && n < SCHED_NAME_MAX - 1) {
		v--;
		tmp[n++] = (char)('A' + v % 26);
		v /= 26;
	}
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
}

/* One item: ARRIVAL:BURSTS[:PRIORITY][:key=value...] or a bare BURSTS. */
static int parse_jobs_item(struct parser *ps)
{
	struct sched_job job;
	const char *q;
	bool full = false;
	long v;
	int rc;

	job_defaults(&job);
	sched_workload_letter_name(ps->w.njobs, job.name);
	for (q = ps->p; q < ps->end && *q != ','; q++)
		if (*q == ':')
			full = true;
	if (jobs_item_end(ps))
		return parser_fail(ps, ps->p,
				   "expected a job (ARRIVAL:BURSTS[:PRIORITY] or a CPU burst)");
	if (full) {
		rc = parse_number(ps, 0, SCHED_TIME_MAX, &job.arrival,
				  ARRIVAL_MSG);
		if (rc)
			return rc;
		if (ps->p == ps->end || *ps->p != ':')
			return parser_fail(ps, ps->p,
					   "expected ':' after the arrival time");
		ps->p++;
	}
	rc = parse_bursts(ps, jobs_field_end);
	if (rc)
		return rc;
	if (!full && !jobs_item_end(ps))
		return parser_fail(ps, ps->p, "expected ',' or the end");
	if (full && ps->p < ps->end && *ps->p == ':') {
		ps->p++;
		if (ps->p < ps->end && (is_digit(*ps->p) || *ps->p == '-')) {
			rc = parse_number(ps, -SCHED_TIME_MAX, SCHED_TIME_MAX,
					  &v, PRIORITY_MSG);
			if (rc)
				return rc;
			if (!jobs_field_end(ps))
				return parser_fail(ps, ps->p,
						   "expected ':', ',' or the end after the priority");
			job.priority = v;
			if (*ps->p == ':')
				ps->p++;
			else
				goto done;
		}
		for (;;) {
			rc = parse_attribute(ps, &job, jobs_field_end);
			if (rc)
				return rc;
			if (ps->p < ps->end && *ps->p == ':') {
				ps->p++;
				continue;
			}
			break;
		}
	}
done:
	if (!jobs_item_end(ps))
		return parser_fail(ps, ps->p, "expected ',' or the end");
	return parser_add_job(ps, &job);
}

static bool spec_end(const struct parser *ps)
{
	return ps->p == ps->end;
}

/* process-run's -P form: programs separated by ':', all arriving at 0. */
static int parse_programs(struct parser *ps)
{
	for (;;) {
		struct sched_job job;
		int rc;

		job_defaults(&job);
		sched_workload_letter_name(ps->w.njobs, job.name);
		ps->nbursts = 0;
		rc = parse_instrs(ps, spec_end, ':');
		if (!rc)
			rc = parser_add_job(ps, &job);
		if (rc || ps->p == ps->end)
			return rc;
		ps->p++;	/* the ':' */
	}
}

int sched_workload_parse_jobs(const char *spec, struct sched_workload *out,
			      char *err, size_t errlen)
{
	struct parser ps;
	int rc;

	sched_workload_init(out);
	if (!spec)
		spec = "";
	parser_init(&ps, spec, strlen(spec), "--jobs", err, errlen);
	ps.line = 0;
	if (*spec == 'c' || *spec == 'i') {
		rc = parse_programs(&ps);
		goto finish;
	}
	for (;;) {
		rc = parse_jobs_item(&ps);
		if (rc)
			break;
		if (ps.p == ps.end)
			break;
		ps.p++;		/* the ',' */
	}
finish:
	if (!rc)
		rc = parser_finish(&ps, out, ps.p,
				   N_("expected at least one job"));
	parser_clear(&ps);
	return rc;
}
