/*
 * viz/core/record.c - recording files: writer and parser (record.h).
 *
 * The parser is a small recursive-descent JSON reader that knows the
 * shape of each line: it reads straight into the snapshot structures,
 * skips unknown members (bounded depth) and reports the first thing that
 * is not what it expected with its line and column (bytes, from 1).
 */
#define _GNU_SOURCE
#include "viz/core/record.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define RECORD_MAX_DEPTH 16	/* of skipped unknown values */
#define RECORD_T_MAX ((int64_t)1 << 53)

/* ---- writing ----------------------------------------------------------- */

struct recorder {
	FILE *f;	/* owned */
	int err;	/* first write error, -errno */
};

struct recorder *recorder_open(const char *path)
{
	struct recorder *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->f = fopen(path, "we");
	if (!r->f) {
		int e = errno;

		free(r);
		errno = e;
		return NULL;
	}
	return r;
}

static void rec_check(struct recorder *r)
{
	if (!r->err && ferror(r->f))
		r->err = errno ? -errno : -EIO;
}

/* A JSON string: quotes, backslashes and control bytes escaped. */
static void rec_string(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	for (; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

static void rec_opt_string(FILE *f, const char *s)
{
	if (s && *s)
		rec_string(f, s);
	else
		fputs("null", f);
}

int recorder_header(struct recorder *r, const struct report_obs_header *h)
{
	fprintf(r->f, "{\"kind\":\"header\",\"procviz_record\":%d,"
		"\"source\":", RECORD_VERSION);
	rec_string(r->f, h->source ? h->source : "");
	fputs(",\"scenario\":", r->f);
	rec_opt_string(r->f, h->scenario);
	fputs(",\"command\":", r->f);
	rec_opt_string(r->f, h->command);
	fprintf(r->f, ",\"pid\":%d,\"interval_ms\":%d,\"event_source\":",
		h->pid, h->interval_ms);
	rec_string(r->f, h->event_source ? h->event_source : "poll");
	if (h->say_subreaper)
		fprintf(r->f, ",\"subreaper\":%s",
			h->subreaper ? "true" : "false");
	if (h->sources) {
		fputs(",\"sources\":", r->f);
		rec_string(r->f, h->sources);
	}
	fputs("}\n", r->f);
	fflush(r->f);
	rec_check(r);
	return r->err;
}

static void rec_proc(FILE *f, const struct snap_proc *p)
{
	char st[2] = { p->state ? p->state : '?', '\0' };

	fprintf(f, "{\"pid\":%d,\"ppid\":%d,\"pgid\":%d,\"sid\":%d,"
		"\"state\":", p->pid, p->ppid, p->pgid, p->sid);
	rec_string(f, st);
	fprintf(f, ",\"threads\":%d,\"start\":%" PRIu64 ",\"cpu\":%" PRIu64,
		p->threads, p->start_ticks, p->cpu_ticks);
	if (p->has_schedstat)
		fprintf(f, ",\"run_ns\":%" PRIu64 ",\"wait_ns\":%" PRIu64,
			p->run_ns, p->wait_ns);
	fprintf(f, ",\"exit_code\":%d,\"comm\":", p->exit_code);
	rec_string(f, p->comm);
	fputs(",\"parent_comm\":", f);
	rec_string(f, p->parent_comm);
	if (p->cmdline_valid) {
		fputs(",\"cmdline\":", f);
		rec_string(f, p->cmdline);
	}
	if (p->exec_seen)
		fputs(",\"exec\":true", f);
	fputc('}', f);
}

void recorder_tap_snapshot(const struct snapshot *s, void *arg)
{
	struct recorder *r = arg;
	size_t i;

	fprintf(r->f, "{\"kind\":\"sample\",\"t_ms\":%" PRId64 ",\"full\":%s,"
		"\"interval_ms\":%d,\"procs\":[", s->t_ms,
		s->full ? "true" : "false", s->interval_ms);
	for (i = 0; i < s->n_procs; i++) {
		if (i)
			fputc(',', r->f);
		rec_proc(r->f, &s->procs[i]);
	}
	fputs("],\"vanished\":[", r->f);
	for (i = 0; i < s->n_vanished; i++)
		fprintf(r->f, "%s{\"pid\":%d,\"exit_code\":%d,\"reaped_by\":%d}",
			i ? "," : "", s->vanished[i].pid,
			s->vanished[i].exit_code, s->vanished[i].reaped_by);
	fputs("]}\n", r->f);
	rec_check(r);
}

void recorder_tap_note(int64_t t_ms, const char *text, void *arg)
{
	struct recorder *r = arg;
	char cut[MODEL_NOTE_LEN];

	/* The model keeps MODEL_NOTE_LEN - 1 bytes: so does the file. */
	snprintf(cut, sizeof(cut), "%s", text ? text : "");
	fprintf(r->f, "{\"kind\":\"note\",\"t_ms\":%" PRId64 ",\"text\":",
		t_ms);
	rec_string(r->f, cut);
	fputs("}\n", r->f);
	rec_check(r);
}

int recorder_close(struct recorder *r)
{
	int err;

	if (!r)
		return 0;
	rec_check(r);
	err = r->err;
	if (fclose(r->f) && !err)
		err = errno ? -errno : -EIO;
	free(r);
	return err;
}

/* ---- parsing: the JSON reader -------------------------------------------- */

struct rp {
	const char *s;		/* the line */
	size_t len, pos;
	const char *name;
	int line;
	char *err;
	size_t errlen;
	int nomem;
};

static int rp_fail(struct rp *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int rp_fail(struct rp *p, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!p->err || !p->errlen)
		return -EINVAL;
	n = snprintf(p->err, p->errlen, "%s:%d:%zu: ", p->name, p->line,
		     p->pos + 1);
	if (n >= 0 && (size_t)n < p->errlen) {
		va_start(ap, fmt);
		vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

static int rp_peek(const struct rp *p)
{
	return p->pos < p->len ? (unsigned char)p->s[p->pos] : -1;
}

static void rp_ws(struct rp *p)
{
	while (p->pos < p->len && (p->s[p->pos] == ' ' ||
				   p->s[p->pos] == '\t' ||
				   p->s[p->pos] == '\r'))
		p->pos++;
}

static int rp_expect(struct rp *p, char c, const char *what)
{
	rp_ws(p);
	if (rp_peek(p) != (unsigned char)c)
		return rp_fail(p, "expected %s", what);
	p->pos++;
	return 0;
}

static int rp_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * A JSON string into buf[cap] (NUL-terminated); longer strings fail with
 * "at most cap-1 bytes".  \u escapes above 0x7f become UTF-8; surrogate
 * pairs are not joined (each half is encoded alone), NUL is refused.
 */
static int rp_string(struct rp *p, char *buf, size_t cap, const char *what)
{
	size_t n = 0, start;

	rp_ws(p);
	if (rp_peek(p) != '"')
		return rp_fail(p, "expected %s (a string)", what);
	start = p->pos++;
	for (;;) {
		unsigned char out[4];
		size_t k = 0, j;
		int c = rp_peek(p);

		if (c < 0)
			return rp_fail(p, "expected '\"' closing the string");
		if (c < 0x20)
			return rp_fail(p, "expected no control byte in a string (escape it)");
		p->pos++;
		if (c == '"')
			break;
		if (c != '\\') {
			out[k++] = (unsigned char)c;
		} else {
			c = rp_peek(p);
			p->pos++;
			switch (c) {
			case '"': case '\\': case '/':
				out[k++] = (unsigned char)c;
				break;
			case 'b': out[k++] = '\b'; break;
			case 'f': out[k++] = '\f'; break;
			case 'n': out[k++] = '\n'; break;
			case 'r': out[k++] = '\r'; break;
			case 't': out[k++] = '\t'; break;
			case 'u': {
				unsigned v = 0;
				int i, h;

				for (i = 0; i < 4; i++) {
					h = rp_hex(rp_peek(p));
					if (h < 0)
						return rp_fail(p, "expected 4 hex digits after \\u");
					v = v * 16 + (unsigned)h;
					p->pos++;
				}
				if (v == 0) {
					p->pos -= 6;
					return rp_fail(p, "expected no \\u0000 in a string");
				}
				if (v < 0x80) {
					out[k++] = (unsigned char)v;
				} else if (v < 0x800) {
					out[k++] = (unsigned char)(0xc0 | (v >> 6));
					out[k++] = (unsigned char)(0x80 | (v & 0x3f));
				} else {
					out[k++] = (unsigned char)(0xe0 | (v >> 12));
					out[k++] = (unsigned char)(0x80 | ((v >> 6) & 0x3f));
					out[k++] = (unsigned char)(0x80 | (v & 0x3f));
				}
				break;
			}
			default:
				p->pos--;
				return rp_fail(p, "expected an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
			}
		}
		if (n + k >= cap) {
			p->pos = start;
			return rp_fail(p, "expected %s of at most %zu bytes",
				       what, cap - 1);
		}
		for (j = 0; j < k; j++)
			buf[n++] = (char)out[j];
	}
	buf[n] = '\0';
	return 0;
}

/* A string or null (stored as ""). */
static int rp_opt_string(struct rp *p, char *buf, size_t cap,
			 const char *what)
{
	rp_ws(p);
	if (p->len - p->pos >= 4 && memcmp(p->s + p->pos, "null", 4) == 0) {
		p->pos += 4;
		buf[0] = '\0';
		return 0;
	}
	return rp_string(p, buf, cap, what);
}

/* A whole number in [min, max]: no fraction, no exponent. */
static int rp_int(struct rp *p, int64_t min, int64_t max, int64_t *out,
		  const char *what)
{
	size_t start;
	bool neg = false;
	uint64_t v = 0;

	rp_ws(p);
	start = p->pos;
	if (rp_peek(p) == '-') {
		neg = true;
		p->pos++;
	}
	if (rp_peek(p) < '0' || rp_peek(p) > '9') {
		p->pos = start;
		return rp_fail(p, "expected %s (a whole number)", what);
	}
	while (rp_peek(p) >= '0' && rp_peek(p) <= '9') {
		if (v > (uint64_t)INT64_MAX / 10) {
			p->pos = start;
			return rp_fail(p, "expected %s in %" PRId64 "..%" PRId64,
				       what, min, max);
		}
		v = v * 10 + (uint64_t)(rp_peek(p) - '0');
		p->pos++;
	}
	if (rp_peek(p) == '.' || rp_peek(p) == 'e' || rp_peek(p) == 'E') {
		p->pos = start;
		return rp_fail(p, "expected %s to be a whole number", what);
	}
	if (v > (uint64_t)INT64_MAX ||
	    (neg ? -(int64_t)v < min : (int64_t)v > max) ||
	    (!neg && (int64_t)v < min)) {
		p->pos = start;
		return rp_fail(p, "expected %s in %" PRId64 "..%" PRId64, what,
			       min, max);
	}
	*out = neg ? -(int64_t)v : (int64_t)v;
	return 0;
}

static int rp_bool(struct rp *p, bool *out, const char *what)
{
	rp_ws(p);
	if (p->len - p->pos >= 4 && memcmp(p->s + p->pos, "true", 4) == 0) {
		p->pos += 4;
		*out = true;
		return 0;
	}
	if (p->len - p->pos >= 5 && memcmp(p->s + p->pos, "false", 5) == 0) {
		p->pos += 5;
		*out = false;
		return 0;
	}
	return rp_fail(p, "expected %s (true or false)", what);
}

/* Skip any JSON value (an unknown member's). */
static int rp_skip(struct rp *p, int depth)
{
	char tmp[4096];
	int64_t v;
	int c, rc;

	if (depth > RECORD_MAX_DEPTH)
		return rp_fail(p, "expected values nested at most %d deep",
			       RECORD_MAX_DEPTH);
	rp_ws(p);
	c = rp_peek(p);
	if (c == '"')
		return rp_string(p, tmp, sizeof(tmp), "a string");
	if (c == '{' || c == '[') {
		int close = c == '{' ? '}' : ']';

		p->pos++;
		rp_ws(p);
		if (rp_peek(p) == close) {
			p->pos++;
			return 0;
		}
		for (;;) {
			if (close == '}') {
				rc = rp_string(p, tmp, sizeof(tmp), "a member name");
				if (!rc)
					rc = rp_expect(p, ':', "':'");
				if (rc)
					return rc;
			}
			rc = rp_skip(p, depth + 1);
			if (rc)
				return rc;
			rp_ws(p);
			if (rp_peek(p) == close) {
				p->pos++;
				return 0;
			}
			rc = rp_expect(p, ',', close == '}' ? "',' or '}'" :
				       "',' or ']'");
			if (rc)
				return rc;
		}
	}
	if (c == 't' || c == 'f') {
		bool b;

		return rp_bool(p, &b, "a value");
	}
	if (c == 'n' && p->len - p->pos >= 4 &&
	    memcmp(p->s + p->pos, "null", 4) == 0) {
		p->pos += 4;
		return 0;
	}
	if (c == '-' || (c >= '0' && c <= '9')) {
		rc = rp_int(p, INT64_MIN + 1, INT64_MAX, &v, "a number");
		return rc;
	}
	return rp_fail(p, "expected a JSON value");
}

/*
 * An object: for each member, @member(p, key, arg) reads the value and
 * returns 0, 1 (unknown key: skipped here) or -errno.  @first: the object
 * is already open and one member was read by the caller.
 */
typedef int (*rp_member_fn)(struct rp *p, const char *key, void *arg);

static int rp_members(struct rp *p, rp_member_fn member, void *arg,
		      bool first_done)
{
	char key[64];
	int rc;

	rp_ws(p);
	if (!first_done) {
		rc = rp_expect(p, '{', "'{'");
		if (rc)
			return rc;
		rp_ws(p);
		if (rp_peek(p) == '}') {
			p->pos++;
			return 0;
		}
	} else {
		if (rp_peek(p) == '}') {
			p->pos++;
			return 0;
		}
		rc = rp_expect(p, ',', "',' or '}'");
		if (rc)
			return rc;
	}
	for (;;) {
		rp_ws(p);
		rc = rp_string(p, key, sizeof(key), "a member name");
		if (!rc)
			rc = rp_expect(p, ':', "':'");
		if (rc)
			return rc;
		rp_ws(p);
		rc = member(p, key, arg);
		if (rc == 1)
			rc = rp_skip(p, 0);
		if (rc)
			return rc;
		rp_ws(p);
		if (rp_peek(p) == '}') {
			p->pos++;
			return 0;
		}
		rc = rp_expect(p, ',', "',' or '}'");
		if (rc)
			return rc;
	}
}

typedef int (*rp_elem_fn)(struct rp *p, void *arg);

static int rp_array(struct rp *p, rp_elem_fn elem, void *arg,
		    const char *what)
{
	int rc;

	rp_ws(p);
	if (rp_peek(p) != '[')
		return rp_fail(p, "expected %s (an array)", what);
	p->pos++;
	rp_ws(p);
	if (rp_peek(p) == ']') {
		p->pos++;
		return 0;
	}
	for (;;) {
		rc = elem(p, arg);
		if (rc)
			return rc;
		rp_ws(p);
		if (rp_peek(p) == ']') {
			p->pos++;
			return 0;
		}
		rc = rp_expect(p, ',', "',' or ']'");
		if (rc)
			return rc;
	}
}

/* ---- parsing: the lines -------------------------------------------------- */

/* Required members seen, as bits; a missing one fails at the '}'. */
static int rp_require(struct rp *p, unsigned seen, unsigned need,
		      const char *const *names, const char *in)
{
	unsigned i;

	for (i = 0; names[i]; i++)
		if ((need & (1u << i)) && !(seen & (1u << i))) {
			p->pos--;	/* at the '}' */
			return rp_fail(p, "expected member \"%s\" in %s",
				       names[i], in);
		}
	return 0;
}

static int rp_key_index(const char *key, const char *const *names)
{
	int i;

	for (i = 0; names[i]; i++)
		if (strcmp(key, names[i]) == 0)
			return i;
	return -1;
}

/*
 * An int.  Snapshot fields take the whole int range: a recording holds
 * what the sampler produced, and replaying it must feed the model the
 * same, odd values included.
 */
static int rp_int_as(struct rp *p, int64_t min, int64_t max, int *out,
		     const char *what)
{
	int64_t v;
	int rc = rp_int(p, min, max, &v, what);

	if (!rc)
		*out = (int)v;
	return rc;
}

/* An unsigned 64-bit counter, the whole range. */
static int rp_u64(struct rp *p, uint64_t *out, const char *what)
{
	size_t start;
	uint64_t v = 0;
	unsigned d;

	rp_ws(p);
	start = p->pos;
	if (rp_peek(p) < '0' || rp_peek(p) > '9')
		return rp_fail(p, "expected %s (a whole number >= 0)", what);
	while (rp_peek(p) >= '0' && rp_peek(p) <= '9') {
		d = (unsigned)(rp_peek(p) - '0');
		if (v > (UINT64_MAX - d) / 10) {
			p->pos = start;
			return rp_fail(p, "expected %s of at most %" PRIu64,
				       what, UINT64_MAX);
		}
		v = v * 10 + d;
		p->pos++;
	}
	if (rp_peek(p) == '.' || rp_peek(p) == 'e' || rp_peek(p) == 'E') {
		p->pos = start;
		return rp_fail(p, "expected %s to be a whole number", what);
	}
	*out = v;
	return 0;
}

/* -- header -- */

static const char *const header_keys[] = {
	"procviz_record", "source", "scenario", "command", "pid",
	"interval_ms", "event_source", "subreaper", "sources", NULL
};

struct header_ctx {
	struct record_header *h;
	unsigned seen;
};

static int header_member(struct rp *p, const char *key, void *arg)
{
	struct header_ctx *c = arg;
	struct record_header *h = c->h;
	int i = rp_key_index(key, header_keys), rc;
	int64_t v;

	if (i < 0)
		return 1;
	c->seen |= 1u << i;
	switch (i) {
	case 0:
		rc = rp_int(p, 0, INT64_MAX, &v, "the format version");
		if (!rc && v != RECORD_VERSION) {
			p->pos--;
			return rp_fail(p, "expected procviz_record %d (this "
				       "procviz reads version %d)",
				       RECORD_VERSION, RECORD_VERSION);
		}
		return rc;
	case 1:
		rc = rp_string(p, h->source, sizeof(h->source), "the source");
		if (!rc && strcmp(h->source, "run") &&
		    strcmp(h->source, "watch") && strcmp(h->source, "attach"))
			return rp_fail(p, "expected source \"run\", \"watch\" "
				       "or \"attach\"");
		return rc;
	case 2:
		return rp_opt_string(p, h->scenario, sizeof(h->scenario),
				     "the scenario");
	case 3:
		return rp_opt_string(p, h->command, sizeof(h->command),
				     "the command");
	case 4:
		return rp_int_as(p, 0, INT32_MAX, &h->pid, "the pid");
	case 5:
		return rp_int_as(p, 1, 1000000, &h->interval_ms,
				 "interval_ms");
	case 6:
		return rp_string(p, h->event_source, sizeof(h->event_source),
				 "the event source");
	case 7:
		h->say_subreaper = true;
		return rp_bool(p, &h->subreaper, "subreaper");
	default:
		return rp_string(p, h->sources, sizeof(h->sources),
				 "the sources");
	}
}

/* -- sample -- */

static const char *const proc_keys[] = {
	"pid", "ppid", "pgid", "sid", "state", "threads", "start", "cpu",
	"run_ns", "wait_ns", "exit_code", "comm", "parent_comm", "cmdline",
	"exec", NULL
};
#define PROC_NEED 0x1cff	/* all but run_ns, wait_ns, cmdline */

struct proc_ctx {
	struct snap_proc *sp;
	unsigned seen;
};

static int proc_member(struct rp *p, const char *key, void *arg)
{
	struct proc_ctx *c = arg;
	struct snap_proc *sp = c->sp;
	int i = rp_key_index(key, proc_keys), rc;
	char st[8];

	if (i < 0)
		return 1;
	c->seen |= 1u << i;
	switch (i) {
	case 0:
		return rp_int_as(p, 1, INT32_MAX, &sp->pid, "a pid > 0");
	case 1:
		return rp_int_as(p, INT32_MIN, INT32_MAX, &sp->ppid, "a ppid");
	case 2:
		return rp_int_as(p, INT32_MIN, INT32_MAX, &sp->pgid, "a pgid");
	case 3:
		return rp_int_as(p, INT32_MIN, INT32_MAX, &sp->sid, "a sid");
	case 4: {
		size_t start = p->pos;

		rc = rp_string(p, st, sizeof(st), "a state letter");
		if (!rc && strlen(st) != 1) {
			p->pos = start;
			return rp_fail(p, "expected one state letter");
		}
		sp->state = st[0];
		return rc;
	}
	case 5:
		return rp_int_as(p, INT32_MIN, INT32_MAX, &sp->threads,
				 "a thread count");
	case 6:
		return rp_u64(p, &sp->start_ticks, "a start time");
	case 7:
		return rp_u64(p, &sp->cpu_ticks, "a CPU time");
	case 8:
		sp->has_schedstat = true;
		return rp_u64(p, &sp->run_ns, "run_ns");
	case 9:
		sp->has_schedstat = true;
		return rp_u64(p, &sp->wait_ns, "wait_ns");
	case 10:
		return rp_int_as(p, INT32_MIN, INT32_MAX, &sp->exit_code,
				 "an exit code");
	case 11:
		return rp_string(p, sp->comm, sizeof(sp->comm), "a comm");
	case 12:
		return rp_string(p, sp->parent_comm, sizeof(sp->parent_comm),
				 "a parent comm");
	case 13:
		sp->cmdline_valid = true;
		return rp_string(p, sp->cmdline, sizeof(sp->cmdline),
				 "a command line");
	default:
		return rp_bool(p, &sp->exec_seen, "exec");
	}
}

static int proc_elem(struct rp *p, void *arg)
{
	struct snapshot *s = arg;
	struct proc_ctx c = { 0 };
	int rc;

	c.sp = snapshot_add_proc(s, 0);
	if (!c.sp) {
		p->nomem = 1;
		return -ENOMEM;
	}
	rc = rp_members(p, proc_member, &c, false);
	if (rc)
		return rc;
	if ((c.seen & 0x300) && (c.seen & 0x300) != 0x300) {
		p->pos--;
		return rp_fail(p, "expected both run_ns and wait_ns, or neither");
	}
	return rp_require(p, c.seen, PROC_NEED, proc_keys, "a process");
}

static const char *const vanished_keys[] = {
	"pid", "exit_code", "reaped_by", NULL
};

struct vanished_ctx {
	struct snap_vanished v;
	bool have_pid;
};

static int vanished_member(struct rp *p, const char *key, void *arg)
{
	struct vanished_ctx *c = arg;
	struct snap_vanished *v = &c->v;
	int i = rp_key_index(key, vanished_keys);

	if (i < 0)
		return 1;
	if (i == 0)
		c->have_pid = true;
	switch (i) {
	case 0:
		return rp_int_as(p, 1, INT32_MAX, &v->pid, "a pid > 0");
	case 1:
		return rp_int_as(p, INT32_MIN, INT32_MAX, &v->exit_code,
				 "an exit code");
	default:
		return rp_int_as(p, INT32_MIN, INT32_MAX, &v->reaped_by,
				 "a reaper pid");
	}
}

static int vanished_elem(struct rp *p, void *arg)
{
	struct snapshot *s = arg;
	struct vanished_ctx c = { .v = { .exit_code = -1 } };
	int rc = rp_members(p, vanished_member, &c, false);

	if (rc)
		return rc;
	if (!c.have_pid) {
		p->pos--;
		return rp_fail(p, "expected member \"pid\" in a vanished process");
	}
	if (snapshot_add_vanished(s, c.v.pid, c.v.exit_code,
				  c.v.reaped_by)) {
		p->nomem = 1;
		return -ENOMEM;
	}
	return 0;
}

static const char *const sample_keys[] = {
	"t_ms", "full", "interval_ms", "procs", "vanished", NULL
};

struct item_ctx {
	struct record_item *it;
	unsigned seen;
};

static int sample_member(struct rp *p, const char *key, void *arg)
{
	struct item_ctx *c = arg;
	struct snapshot *s = &c->it->snap;
	int i = rp_key_index(key, sample_keys);

	if (i < 0)
		return 1;
	if (c->seen & (1u << i))
		return rp_fail(p, "expected \"%s\" only once", key);
	c->seen |= 1u << i;
	switch (i) {
	case 0:
		return rp_int(p, 0, RECORD_T_MAX, &c->it->t_ms, "t_ms >= 0");
	case 1:
		return rp_bool(p, &s->full, "full");
	case 2:
		return rp_int_as(p, INT32_MIN, INT32_MAX, &s->interval_ms,
				 "interval_ms");
	case 3:
		return rp_array(p, proc_elem, s, "procs");
	default:
		return rp_array(p, vanished_elem, s, "vanished");
	}
}

static const char *const note_keys[] = { "t_ms", "text", NULL };

static int note_member(struct rp *p, const char *key, void *arg)
{
	struct item_ctx *c = arg;
	int i = rp_key_index(key, note_keys);

	if (i < 0)
		return 1;
	c->seen |= 1u << i;
	if (i == 0)
		return rp_int(p, 0, RECORD_T_MAX, &c->it->t_ms, "t_ms >= 0");
	return rp_string(p, c->it->text, sizeof(c->it->text), "the note text");
}

/*
 * Parse one line (not blank).  @h non-NULL: it must be the header.
 * Otherwise a sample or a note into @it.
 */
static int rp_line(struct rp *p, struct record_header *h,
		   struct record_item *it)
{
	char kind[16];
	size_t kind_at;
	int rc;

	rc = rp_expect(p, '{', "'{' (each line is one JSON object)");
	if (rc)
		return rc;
	rp_ws(p);
	if (p->len - p->pos < 6 || memcmp(p->s + p->pos, "\"kind\"", 6))
		return rp_fail(p, "expected \"kind\" as the first member");
	p->pos += 6;
	rc = rp_expect(p, ':', "':'");
	rp_ws(p);
	kind_at = p->pos;
	if (!rc)
		rc = rp_string(p, kind, sizeof(kind), "the kind");
	if (rc)
		return rc;
	if (h) {
		struct header_ctx c = { .h = h };

		if (strcmp(kind, "header")) {
			p->pos = kind_at;
			return rp_fail(p, "expected kind \"header\" on the "
				       "first line (is this a procviz "
				       "recording?)");
		}
		memset(h, 0, sizeof(*h));
		rc = rp_members(p, header_member, &c, true);
		if (!rc)
			rc = rp_require(p, c.seen, 0x73, header_keys,
					"the header");
	} else if (strcmp(kind, "sample") == 0) {
		struct item_ctx c = { .it = it };

		it->kind = RECORD_SAMPLE;
		snapshot_reset(&it->snap, 0, false);
		it->snap.interval_ms = 0;
		rc = rp_members(p, sample_member, &c, true);
		if (!rc)
			rc = rp_require(p, c.seen, 0x1b, sample_keys,
					"a sample");
		it->snap.t_ms = it->t_ms;
	} else if (strcmp(kind, "note") == 0) {
		struct item_ctx c = { .it = it };

		it->kind = RECORD_NOTE;
		it->text[0] = '\0';
		rc = rp_members(p, note_member, &c, true);
		if (!rc)
			rc = rp_require(p, c.seen, 0x3, note_keys, "a note");
	} else {
		p->pos = kind_at;
		return rp_fail(p, "expected kind \"sample\" or \"note\"%s",
			       strcmp(kind, "header") ? "" :
			       " (the header comes once, first)");
	}
	if (rc)
		return rc;
	rp_ws(p);
	if (p->pos < p->len)
		return rp_fail(p, "expected the end of the line after the object");
	return 0;
}

/* ---- recordings ---------------------------------------------------------- */

void record_item_init(struct record_item *it)
{
	memset(it, 0, sizeof(*it));
	snapshot_init(&it->snap);
}

void record_item_clear(struct record_item *it)
{
	snapshot_clear(&it->snap);
	memset(it, 0, sizeof(*it));
}

void recording_init(struct recording *r)
{
	memset(r, 0, sizeof(*r));
}

void recording_clear(struct recording *r)
{
	free(r->text);
	free(r->item_off);
	free(r->item_line);
	memset(r, 0, sizeof(*r));
}

static int recording_push(struct recording *r, size_t off, int line)
{
	if (r->n_items == r->cap_items) {
		size_t cap = r->cap_items ? r->cap_items * 2 : 256;
		size_t *o = realloc(r->item_off, cap * sizeof(*o));
		int *l;

		if (!o)
			return -ENOMEM;
		r->item_off = o;
		l = realloc(r->item_line, cap * sizeof(*l));
		if (!l)
			return -ENOMEM;
		r->item_line = l;
		r->cap_items = cap;
	}
	r->item_off[r->n_items] = off;
	r->item_line[r->n_items] = line;
	r->n_items++;
	return 0;
}

static void rp_at(struct rp *p, const struct recording *r, size_t off,
		  int line)
{
	const char *nl = memchr(r->text + off, '\n', r->len - off);

	p->s = r->text + off;
	p->len = nl ? (size_t)(nl - p->s) : r->len - off;
	p->pos = 0;
	p->line = line;
}

static bool line_blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

int recording_parse_mem(const char *data, size_t len, const char *name,
			struct recording *out, char *err, size_t errlen)
{
	struct rp p = { .name = name ? name : "-", .err = err,
			.errlen = errlen };
	struct record_item it;
	size_t off = 0;
	int line = 0, rc = 0;
	bool have_header = false;

	recording_clear(out);
	snprintf(out->name, sizeof(out->name), "%s", p.name);
	out->text = malloc(len + 1);
	if (!out->text) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	memcpy(out->text, data, len);
	out->text[len] = '\0';
	out->len = len;
	record_item_init(&it);
	while (off < len) {
		line++;
		rp_at(&p, out, off, line);
		if (memchr(p.s, '\0', p.len)) {
			p.pos = (size_t)((const char *)memchr(p.s, '\0', p.len) -
					 p.s);
			rc = rp_fail(&p, "expected text (a NUL byte)");
			break;
		}
		if (!line_blank(p.s, p.len)) {
			if (!have_header) {
				rc = rp_line(&p, &out->header, NULL);
				have_header = true;
			} else {
				rc = rp_line(&p, NULL, &it);
				if (!rc) {
					rc = recording_push(out, off, line);
					if (rc)
						p.nomem = 1;
					out->last_t_ms = it.t_ms;
				}
			}
			if (rc)
				break;
		}
		off += p.len + 1;
	}
	if (!rc && !have_header) {
		p.line = line > 0 ? line : 1;
		p.pos = 0;
		rc = rp_fail(&p, "expected a header line (the file is empty)");
	}
	record_item_clear(&it);
	if (rc) {
		if (p.nomem) {
			snprintf(err, errlen, "out of memory");
			rc = -ENOMEM;
		}
		recording_clear(out);
	}
	return rc;
}

int recording_load(const char *path, struct recording *out, char *err,
		   size_t errlen)
{
	FILE *f = fopen(path, "re");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	int rc;

	if (!f) {
		rc = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return rc;
	}
	for (;;) {
		if (cap - len < 65536) {
			char *b = realloc(buf, cap ? cap * 2 : 65536 * 2);

			if (!b) {
				free(buf);
				fclose(f);
				snprintf(err, errlen, "out of memory");
				return -ENOMEM;
			}
			buf = b;
			cap = cap ? cap * 2 : 65536 * 2;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		rc = errno ? -errno : -EIO;
		snprintf(err, errlen, "%s: %s", path, strerror(-rc));
		free(buf);
		fclose(f);
		return rc;
	}
	fclose(f);
	rc = recording_parse_mem(buf ? buf : "", len, path, out, err, errlen);
	free(buf);
	return rc;
}

int recording_item(const struct recording *r, size_t i,
		   struct record_item *it)
{
	struct rp p = { .name = r->name };
	int rc;

	rp_at(&p, r, r->item_off[i], r->item_line[i]);
	rc = rp_line(&p, NULL, it);
	if (rc && p.nomem)
		return -ENOMEM;
	return rc;
}

void recording_report_header(const struct recording *r,
			     struct report_obs_header *h)
{
	memset(h, 0, sizeof(*h));
	h->source = r->header.source;
	h->scenario = r->header.scenario[0] ? r->header.scenario : NULL;
	h->command = r->header.command[0] ? r->header.command : NULL;
	h->pid = r->header.pid;
	h->interval_ms = r->header.interval_ms;
	h->event_source = r->header.event_source;
	h->say_subreaper = r->header.say_subreaper;
	h->subreaper = r->header.subreaper;
	h->sources = r->header.sources[0] ? r->header.sources : NULL;
}
