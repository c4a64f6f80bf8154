/*
 * viz/core/json.h - the one JSON module: a writer that every report and
 * the recorder use, and the reader of recordings.
 *
 * Strings, one rule for everything procviz writes (README "JSON strings"):
 *   - '"' and '\' are written \" and \\, newline \n and tab \t;
 *   - every other byte below 0x20, and 0x7f, is written \u00XX (XX in
 *     lower-case hex: \u0001, \u001b, \u007f);
 *   - a valid UTF-8 sequence (shortest form, no surrogate, at most
 *     U+10FFFF) is written as it is;
 *   - every other byte (one that does not start a valid sequence: a stray
 *     continuation byte, a truncated or overlong sequence, 0xc0, 0xc1,
 *     0xf5..0xff) is written \ufffd, U+FFFD REPLACEMENT CHARACTER, one per
 *     byte.
 * So the output is always valid UTF-8 and valid JSON, whatever a process
 * put in its comm or command line.
 *
 * The writer appends to a memory buffer (snprintf-like: it counts what
 * did not fit) or, buffered, to a FILE.  The reader is a small
 * recursive-descent reader over one line of text that reports the first
 * thing that is not what it expected as "NAME:LINE:COL: expected ...".
 * Nothing here prints or exits.
 */
#ifndef PROCVIZ_VIZ_JSON_H
#define PROCVIZ_VIZ_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- writing ----------------------------------------------------------- */

#define JSON_WRITER_BUF 4096

struct json_writer {
	FILE *f;		/* borrowed; NULL: writing to memory */
	char *buf;		/* memory: borrowed; file: points to space */
	size_t len;		/* size of buf */
	size_t used;		/* memory: bytes produced, even past len;
				 * file: bytes waiting in space */
	int err;		/* file: first write error, -errno */
	char space[JSON_WRITER_BUF];	/* file: the buffer */
};

/*
 * Write into buf[len], always NUL-terminated when len > 0; what does not
 * fit is counted (json_writer_len) but dropped, like snprintf.
 */
void json_writer_init_mem(struct json_writer *w, char *buf, size_t len);
/* Write to @f (borrowed), through the writer's own buffer. */
void json_writer_init_file(struct json_writer *w, FILE *f);
/*
 * File: hand what is buffered to the FILE (fwrite; no fflush).  Returns
 * 0, or the first -errno met writing.  Memory: 0.
 */
int json_writer_flush(struct json_writer *w);
/* Memory: the length the whole output needs (like snprintf's result). */
size_t json_writer_len(const struct json_writer *w);

/* Raw text, written as it is (member names, punctuation, numbers). */
void json_write_raw(struct json_writer *w, const char *s);
void json_write_char(struct json_writer *w, char c);
void json_write_fmt(struct json_writer *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* @s as a JSON string literal, quoted, by the rule above. */
void json_write_string(struct json_writer *w, const char *s);
/* The same, or null when @s is NULL or empty. */
void json_write_string_or_null(struct json_writer *w, const char *s);
void json_write_bool(struct json_writer *w, bool v);

/*
 * Length of the valid UTF-8 sequence at @s (NUL-terminated): 1 for an
 * ASCII byte, 2..4, or 0 for a byte that starts none (the rule above).
 */
int json_utf8_len(const unsigned char *s);

/* @s as a JSON string literal on @out (for writers that use stdio). */
void json_fput_string(FILE *out, const char *s);

/* ---- reading ----------------------------------------------------------- */

/*
 * A reader over s[0..len) (one line, not NUL-terminated), positioned at
 * pos.  Errors go to err[errlen] as "NAME:LINE:COL: " and the message,
 * COL counting bytes from 1.  A function that fails returns -EINVAL
 * (-ENOMEM from a callback that sets nomem).
 */
struct json_reader {
	const char *s;		/* borrowed */
	size_t len, pos;
	const char *name;	/* borrowed: the file, for messages */
	int line;
	char *err;		/* borrowed, may be NULL */
	size_t errlen;
	bool nomem;		/* a callback ran out of memory */
};

/*
 * Report "expected ..." at pos; returns -EINVAL.  @fmt is translated
 * before it is formatted (common/i18n.h; the Makefile's xgettext keywords
 * list json_read_fail).  The readers below translate their @what and @in
 * too: a description ("a pid > 0") is marked with N_() where it is
 * written, a member's own name ("run_ns") is left unmarked and stays as
 * it is, being the recording's own word.
 */
int json_read_fail(struct json_reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The byte at pos, or -1 at the end. */
int json_read_peek(const struct json_reader *r);
/* Skip blanks (space, tab, CR). */
void json_read_ws(struct json_reader *r);
/* Skip blanks, then expect byte @c ("expected @what" otherwise). */
int json_read_expect(struct json_reader *r, char c, const char *what);
/*
 * A string into buf[cap] (NUL-terminated); one longer than cap - 1 bytes
 * fails.  \u escapes become UTF-8 (a surrogate pair is not joined: each
 * half is encoded alone); \u0000 and raw control bytes are refused.
 */
int json_read_string(struct json_reader *r, char *buf, size_t cap,
		     const char *what);
/* A string, or null (stored as ""). */
int json_read_string_or_null(struct json_reader *r, char *buf, size_t cap,
			     const char *what);
/* A whole number in [min, max]: no fraction, no exponent. */
int json_read_int(struct json_reader *r, int64_t min, int64_t max,
		  int64_t *out, const char *what);
/* json_read_int into an int. */
int json_read_int_as(struct json_reader *r, int64_t min, int64_t max,
		     int *out, const char *what);
/* A whole number in [0, UINT64_MAX]. */
int json_read_u64(struct json_reader *r, uint64_t *out, const char *what);
int json_read_bool(struct json_reader *r, bool *out, const char *what);
/* Skip any value (bounded nesting). */
int json_read_skip(struct json_reader *r);

/*
 * An object: for each member, @member is called with the reader at its
 * value; it reads the value and returns 0, or 1 to have it skipped (an
 * unknown member), or a negative error.  With @after_first true the '{'
 * and a first member have been read already (the caller read "kind").
 */
typedef int (*json_member_fn)(struct json_reader *r, const char *key,
			      void *arg);
int json_read_object(struct json_reader *r, json_member_fn member,
		     void *arg, bool after_first);
/* An array: @elem reads each element. */
typedef int (*json_elem_fn)(struct json_reader *r, void *arg);
int json_read_array(struct json_reader *r, json_elem_fn elem, void *arg,
		    const char *what);

/* The index of @key in the NULL-terminated @names, or -1. */
int json_key_index(const char *key, const char *const *names);
/*
 * Members seen, as bits of @names' indices: fail at the closing '}' just
 * read, naming the first of @need that was not seen ("expected member
 * \"x\" in @in").  0 when all were.
 */
int json_read_require(struct json_reader *r, unsigned seen, unsigned need,
		      const char *const *names, const char *in);

#endif
