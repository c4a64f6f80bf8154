/*
 * viz/core/json.c - the JSON writer and reader (json.h).
 */
#include "viz/core/json.h"
#include "common/i18n.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define JSON_MAX_DEPTH 16	/* of skipped values */

/* ---- writing ----------------------------------------------------------- */

void json_writer_init_mem(struct json_writer *w, char *buf, size_t len)
{
	w->f = NULL;
	w->buf = buf;
	w->len = len;
	w->used = 0;
	w->err = 0;
	if (len)
		buf[0] = '\0';
}

void json_writer_init_file(struct json_writer *w, FILE *f)
{
	w->f = f;
	w->buf = w->space;
	w->len = sizeof(w->space);
	w->used = 0;
	w->err = 0;
}

int json_writer_flush(struct json_writer *w)
{
	if (!w->f)
		return 0;
	if (w->used && fwrite(w->buf, 1, w->used, w->f) != w->used &&
	    !w->err)
		w->err = errno ? -errno : -EIO;
	w->used = 0;
	return w->err;
}

size_t json_writer_len(const struct json_writer *w)
{
	return w->used;
}

/* Append @n bytes of @s. */
static void jw_put(struct json_writer *w, const char *s, size_t n)
{
	size_t room;

	if (w->f) {
		if (w->used + n > w->len)
			json_writer_flush(w);
		if (n > w->len) {
			if (fwrite(s, 1, n, w->f) != n && !w->err)
				w->err = errno ? -errno : -EIO;
			return;
		}
		memcpy(w->buf + w->used, s, n);
		w->used += n;
		return;
	}
	room = w->used < w->len ? w->len - w->used - 1 : 0;
	if (room) {
		size_t k = n < room ? n : room;

		memcpy(w->buf + w->used, s, k);
		w->buf[w->used + k] = '\0';
	}
	w->used += n;
}

void json_write_raw(struct json_writer *w, const char *s)
{
	jw_put(w, s, strlen(s));
}

void json_write_char(struct json_writer *w, char c)
{
	jw_put(w, &c, 1);
}

void json_write_fmt(struct json_writer *w, const char *fmt, ...)
{
	char tmp[256], *big;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(tmp)) {
		jw_put(w, tmp, (size_t)n);
		return;
	}
	big = malloc((size_t)n + 1);
	if (!big) {
		if (w->f && !w->err)
			w->err = -ENOMEM;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	jw_put(w, big, (size_t)n);
	free(big);
}

void json_write_bool(struct json_writer *w, bool v)
{
	json_write_raw(w, v ? "true" : "false");
}

/*
 * Length of the valid UTF-8 sequence at @s (2..4 bytes; s[0] >= 0x80),
 * or 0: shortest form only, no surrogates, nothing above U+10FFFF
 * (Unicode's table 3-7 of well-formed sequences).
 */
static int utf8_seq_len(const unsigned char *s)
{
	unsigned char lo = 0x80, hi = 0xbf;
	int n, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	if (s[0] == 0xe0)
		lo = 0xa0;
	else if (s[0] == 0xed)
		hi = 0x9f;
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

int json_utf8_len(const unsigned char *s)
{
	return *s < 0x80 ? 1 : utf8_seq_len(s);
}

void json_write_string(struct json_writer *w, const char *str)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	const unsigned char *run = s;	/* bytes to copy as they are */

	json_write_char(w, '"');
	while (*s) {
		char esc[8];
		const char *out = esc;
		size_t k = 2;
		int n = 1;

		if (*s == '"' || *s == '\\') {
			esc[0] = '\\';
			esc[1] = (char)*s;
		} else if (*s == '\n') {
			out = "\\n";
		} else if (*s == '\t') {
			out = "\\t";
		} else if (*s < 0x20 || *s == 0x7f) {
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[*s >> 4];
			esc[5] = hex[*s & 0xf];
			k = 6;
		} else if (*s < 0x80 || (n = utf8_seq_len(s)) > 0) {
			s += n;
			continue;
		} else {
			out = "\\ufffd";
			k = 6;
			n = 1;
		}
		jw_put(w, (const char *)run, (size_t)(s - run));
		jw_put(w, out, k);
		s += n;
		run = s;
	}
	jw_put(w, (const char *)run, (size_t)(s - run));
	json_write_char(w, '"');
}

void json_write_string_or_null(struct json_writer *w, const char *s)
{
	if (s && *s)
		json_write_string(w, s);
	else
		json_write_raw(w, "null");
}

void json_fput_string(FILE *out, const char *s)
{
	struct json_writer w;

	json_writer_init_file(&w, out);
	json_write_string(&w, s);
	json_writer_flush(&w);
}

/* ---- reading ----------------------------------------------------------- */

int json_read_fail(struct json_reader *r, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!r->err || !r->errlen)
		return -EINVAL;
	n = snprintf(r->err, r->errlen, "%s:%d:%zu: ", r->name, r->line,
		     r->pos + 1);
	if (n >= 0 && (size_t)n < r->errlen) {
		va_start(ap, fmt);
		vsnprintf(r->err + n, r->errlen - (size_t)n, _(fmt), ap);
		va_end(ap);
	}
	return -EINVAL;
}

int json_read_peek(const struct json_reader *r)
{
	return r->pos < r->len ? (unsigned char)r->s[r->pos] : -1;
}

void json_read_ws(struct json_reader *r)
{
	while (r->pos < r->len && (r->s[r->pos] == ' ' ||
				   r->s[r->pos] == '\t' ||
				   r->s[r->pos] == '\r'))
		r->pos++;
}

int json_read_expect(struct json_reader *r, char c, const char *what)
{
	json_read_ws(r);
	if (json_read_peek(r) != (unsigned char)c)
		return json_read_fail(r, "expected %s", _(what));
	r->pos++;
	return 0;
}

static int json_hex(int c)
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
 * The four hex digits of a \u escape (at pos) as UTF-8 into out[];
 * returns the bytes written (1..3) or -EINVAL.
 */
static int json_read_u_escape(struct json_reader *r, unsigned char *out)
{
	unsigned v = 0;
	int i, h;

	for (i = 0; i < 4; i++) {
		h = json_hex(json_read_peek(r));
		if (h < 0)
			return json_read_fail(r, "expected 4 hex digits "
					      "after \\u");
		v = v * 16 + (unsigned)h;
		r->pos++;
	}
	if (v == 0) {
		r->pos -= 6;
		return json_read_fail(r, "expected no \\u0000 in a string");
	}
	if (v < 0x80) {
		out[0] = (unsigned char)v;
		return 1;
	}
	if (v < 0x800) {
		out[0] = (unsigned char)(0xc0 | (v >> 6));
		out[1] = (unsigned char)(0x80 | (v & 0x3f));
		return 2;
	}
	out[0] = (unsigned char)(0xe0 | (v >> 12));
	out[1] = (unsigned char)(0x80 | ((v >> 6) & 0x3f));
	out[2] = (unsigned char)(0x80 | (v & 0x3f));
	return 3;
}

/* The escape after a backslash (at pos) into out[]; bytes or -EINVAL. */
static int json_read_escape(struct json_reader *r, unsigned char *out)
{
	int c = json_read_peek(r);

	r->pos++;
	switch (c) {
	case '"': case '\\': case '/':
		out[0] = (unsigned char)c;
		return 1;
	case 'b': out[0] = '\b'; return 1;
	case 'f': out[0] = '\f'; return 1;
	case 'n': out[0] = '\n'; return 1;
	case 'r': out[0] = '\r'; return 1;
	case 't': out[0] = '\t'; return 1;
	case 'u':
		return json_read_u_escape(r, out);
	default:
		r->pos--;
		return json_read_fail(r, "expected an escape (\\\" \\\\ "
				      "\\/ \\b \\f \\n \\r \\t \\uXXXX)");
	}
}

int json_read_string(struct json_reader *r, char *buf, size_t cap,
		     const char *what)
{
	size_t n = 0, start;

	json_read_ws(r);
	if (json_read_peek(r) != '"')
		return json_read_fail(r, "expected %s (a string)", _(what));
	start = r->pos++;
	for (;;) {
		unsigned char out[4];
		int k = 1, c = json_read_peek(r);

		if (c < 0)
			return json_read_fail(r, "expected '\"' closing the "
					      "string");
		if (c < 0x20)
			return json_read_fail(r, "expected no control byte in "
					      "a string (escape it)");
		r->pos++;
		if (c == '"')
			break;
		if (c != '\\')
			out[0] = (unsigned char)c;
		else if ((k = json_read_escape(r, out)) < 0)
			return k;
		if (n + (size_t)k >= cap) {
			r->pos = start;
			return json_read_fail(r, "expected %s of at most %zu "
					      "bytes", _(what), cap - 1);
		}
		memcpy(buf + n, out, (size_t)k);
		n += (size_t)k;
	}
	buf[n] = '\0';
	return 0;
}

/* A string or null (stored as ""). */
int json_read_string_or_null(struct json_reader *r, char *buf, size_t cap,
			     const char *what)
{
	json_read_ws(r);
	if (r->len - r->pos >= 4 && memcmp(r->s + r->pos, "null", 4) == 0) {
		r->pos += 4;
		buf[0] = '\0';
		return 0;
	}
	return json_read_string(r, buf, cap, what);
}

/* A '.', 'e' or 'E' follows the digits: not a whole number. */
static bool json_read_fraction(const struct json_reader *r)
{
	int c = json_read_peek(r);

	return c == '.' || c == 'e' || c == 'E';
}

/* A whole number in [min, max]: no fraction, no exponent. */
int json_read_int(struct json_reader *r, int64_t min, int64_t max,
		  int64_t *out, const char *what)
{
	size_t start;
	bool neg = false;
	uint64_t v = 0;

	json_read_ws(r);
	start = r->pos;
	if (json_read_peek(r) == '-') {
		neg = true;
		r->pos++;
	}
	if (json_read_peek(r) < '0' || json_read_peek(r) > '9') {
		r->pos = start;
		return json_read_fail(r, "expected %s (a whole number)",
				      _(what));
	}
	while (json_read_peek(r) >= '0' && json_read_peek(r) <= '9') {
		if (v > (uint64_t)INT64_MAX / 10) {
			r->pos = start;
			return json_read_fail(r, "expected %s in %" PRId64
					      "..%" PRId64, _(what), min, max);
		}
		v = v * 10 + (uint64_t)(json_read_peek(r) - '0');
		r->pos++;
	}
	if (json_read_fraction(r)) {
		r->pos = start;
		return json_read_fail(r, "expected %s to be a whole number",
				      _(what));
	}
	if (v > (uint64_t)INT64_MAX ||
	    (neg ? -(int64_t)v < min : (int64_t)v > max) ||
	    (!neg && (int64_t)v < min)) {
		r->pos = start;
		return json_read_fail(r, "expected %s in %" PRId64 "..%" PRId64,
				      _(what), min, max);
	}
	*out = neg ? -(int64_t)v : (int64_t)v;
	return 0;
}

int json_read_bool(struct json_reader *r, bool *out, const char *what)
{
	json_read_ws(r);
	if (r->len - r->pos >= 4 && memcmp(r->s + r->pos, "true", 4) == 0) {
		r->pos += 4;
		*out = true;
		return 0;
	}
	if (r->len - r->pos >= 5 && memcmp(r->s + r->pos, "false", 5) == 0) {
		r->pos += 5;
		*out = false;
		return 0;
	}
	return json_read_fail(r, "expected %s (true or false)", _(what));
}

/* Skip any JSON value (an unknown member's). */
static int json_skip_depth(struct json_reader *r, int depth)
{
	char tmp[4096];
	int64_t v;
	int c, rc;

	if (depth > JSON_MAX_DEPTH)
		return json_read_fail(r, "expected values nested at most %d "
				      "deep", JSON_MAX_DEPTH);
	json_read_ws(r);
	c = json_read_peek(r);
	if (c == '"')
		return json_read_string(r, tmp, sizeof(tmp), N_("a string"));
	if (c == '{' || c == '[') {
		int close = c == '{' ? '}' : ']';

		r->pos++;
		json_read_ws(r);
		if (json_read_peek(r) == close) {
			r->pos++;
			return 0;
		}
		for (;;) {
			if (close == '}') {
				rc = json_read_string(r, tmp, sizeof(tmp),
						      N_("a member name"));
				if (!rc)
					rc = json_read_expect(r, ':', "':'");
				if (rc)
					return rc;
			}
			rc = json_skip_depth(r, depth + 1);
			if (rc)
				return rc;
			json_read_ws(r);
			if (json_read_peek(r) == close) {
				r->pos++;
				return 0;
			}
			rc = json_read_expect(r, ',', close == '}' ?
					      N_("',' or '}'") :
					      N_("',' or ']'"));
			if (rc)
				return rc;
		}
	}
	if (c == 't' || c == 'f') {
		bool b;

		return json_read_bool(r, &b, N_("a value"));
	}
	if (c == 'n' && r->len - r->pos >= 4 &&
	    memcmp(r->s + r->pos, "null", 4) == 0) {
		r->pos += 4;
		return 0;
	}
	if (c == '-' || (c >= '0' && c <= '9'))
		return json_read_int(r, INT64_MIN + 1, INT64_MAX, &v,
				     N_("a number"));
	return json_read_fail(r, "expected a JSON value");
}

int json_read_skip(struct json_reader *r)
{
	return json_skip_depth(r, 0);
}

/*
 * After an object's member or an array's element: @close ends it (*done),
 * else a ',' must come.  @what names both for the message.
 */
static int json_read_next(struct json_reader *r, char close,
			  const char *what, bool *done)
{
	json_read_ws(r);
	*done = json_read_peek(r) == close;
	if (*done) {
		r->pos++;
		return 0;
	}
	return json_read_expect(r, ',', what);
}

int json_read_object(struct json_reader *r, json_member_fn member,
		     void *arg, bool first_done)
{
	char key[64];
	bool done;
	int rc;

	json_read_ws(r);
	if (!first_done) {
		rc = json_read_expect(r, '{', "'{'");
		if (rc)
			return rc;
		json_read_ws(r);
		if (json_read_peek(r) == '}') {
			r->pos++;
			return 0;
		}
	} else {
		/* The caller read the first member: a '}' or ',' follows. */
		rc = json_read_next(r, '}', N_("',' or '}'"), &done);
		if (rc || done)
			return rc;
	}
	for (;;) {
		json_read_ws(r);
		rc = json_read_string(r, key, sizeof(key),
				      N_("a member name"));
		if (!rc)
			rc = json_read_expect(r, ':', "':'");
		if (rc)
			return rc;
		json_read_ws(r);
		rc = member(r, key, arg);
		if (rc == 1)
			rc = json_skip_depth(r, 0);
		if (!rc)
			rc = json_read_next(r, '}', N_("',' or '}'"), &done);
		if (rc || done)
			return rc;
	}
}

int json_read_array(struct json_reader *r, json_elem_fn elem, void *arg,
		    const char *what)
{
	bool done;
	int rc;

	json_read_ws(r);
	if (json_read_peek(r) != '[')
		return json_read_fail(r, "expected %s (an array)", _(what));
	r->pos++;
	json_read_ws(r);
	if (json_read_peek(r) == ']') {
		r->pos++;
		return 0;
	}
	for (;;) {
		rc = elem(r, arg);
		if (!rc)
			rc = json_read_next(r, ']', N_("',' or ']'"), &done);
		if (rc || done)
			return rc;
	}
}

/* Required members seen, as bits; a missing one fails at the '}'. */
int json_read_require(struct json_reader *r, unsigned seen, unsigned need,
		      const char *const *names, const char *in)
{
	unsigned i;

	for (i = 0; names[i]; i++)
		if ((need & (1u << i)) && !(seen & (1u << i))) {
			r->pos--;	/* at the '}' */
			return json_read_fail(r, "expected member \"%s\" in "
					      "%s", names[i], _(in));
		}
	return 0;
}

int json_key_index(const char *key, const char *const *names)
{
	int i;

	for (i = 0; names[i]; i++)
		if (strcmp(key, names[i]) == 0)
			return i;
	return -1;
}

int json_read_int_as(struct json_reader *r, int64_t min, int64_t max,
		     int *out, const char *what)
{
	int64_t v;
	int rc = json_read_int(r, min, max, &v, what);

	if (!rc)
		*out = (int)v;
	return rc;
}

/* An unsigned 64-bit counter, the whole range. */
int json_read_u64(struct json_reader *r, uint64_t *out, const char *what)
{
	size_t start;
	uint64_t v = 0;
	unsigned d;

	json_read_ws(r);
	start = r->pos;
	if (json_read_peek(r) < '0' || json_read_peek(r) > '9')
		return json_read_fail(r, "expected %s (a whole number >= 0)",
				      _(what));
	while (json_read_peek(r) >= '0' && json_read_peek(r) <= '9') {
		d = (unsigned)(json_read_peek(r) - '0');
		if (v > (UINT64_MAX - d) / 10) {
			r->pos = start;
			return json_read_fail(r, "expected %s of at most %"
					      PRIu64, _(what), UINT64_MAX);
		}
		v = v * 10 + d;
		r->pos++;
	}
	if (json_read_fraction(r)) {
		r->pos = start;
		return json_read_fail(r, "expected %s to be a whole number",
				      _(what));
	}
	*out = v;
	return 0;
}

