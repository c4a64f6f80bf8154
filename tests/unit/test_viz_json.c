/*
 * tests/unit/test_viz_json.c - procviz's one JSON module: the string rule
 * (control bytes, 0x7f, valid and invalid UTF-8), the writer to memory
 * (snprintf-like) and to a FILE (buffered), and the reader (what the
 * writer writes reads back; errors carry NAME:LINE:COL).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "viz/core/json.h"

/* @s as a JSON string, written to memory. */
static const char *quote(const char *s)
{
	static char buf[1024];
	struct json_writer w;

	json_writer_init_mem(&w, buf, sizeof(buf));
	json_write_string(&w, s);
	assert_true(json_writer_len(&w) < sizeof(buf));
	return buf;
}

static void test_short_escapes(void **state)
{
	(void)state;
	assert_string_equal(quote(""), "\"\"");
	assert_string_equal(quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
	assert_string_equal(quote("1\n2\t3"), "\"1\\n2\\t3\"");
	/* '/' needs no escape and gets none */
	assert_string_equal(quote("a/b"), "\"a/b\"");
}

static void test_control_bytes_and_del_as_u00xx(void **state)
{
	char s[2] = { 0, 0 };
	char want[16];
	int c;

	(void)state;
	for (c = 1; c < 0x20; c++) {
		if (c == '\n' || c == '\t')
			continue;
		s[0] = (char)c;
		snprintf(want, sizeof(want), "\"\\u%04x\"", c);
		assert_string_equal(quote(s), want);
	}
	assert_string_equal(quote("\r\b\f\x1b"),
			    "\"\\u000d\\u0008\\u000c\\u001b\"");
	assert_string_equal(quote("x\x7fy"), "\"x\\u007fy\"");
}

static void test_valid_utf8_is_kept(void **state)
{
	(void)state;
	assert_string_equal(quote("\xc3\xa9"), "\"\xc3\xa9\"");		/* é */
	assert_string_equal(quote("\xe2\x86\x92"), "\"\xe2\x86\x92\"");	/* → */
	assert_string_equal(quote("\xf0\x9f\x90\xa7"),
			    "\"\xf0\x9f\x90\xa7\"");			/* U+1F427 */
	assert_string_equal(quote("\xf4\x8f\xbf\xbf"),
			    "\"\xf4\x8f\xbf\xbf\"");			/* U+10FFFF */
	assert_string_equal(quote("\xed\x9f\xbf"), "\"\xed\x9f\xbf\"");	/* U+D7FF */
}

static void test_invalid_utf8_becomes_fffd_per_byte(void **state)
{
	(void)state;
	/* stray continuation bytes, and bytes that never start a sequence */
	assert_string_equal(quote("a\x80z"), "\"a\\ufffdz\"");
	assert_string_equal(quote("\xff\xfe"), "\"\\ufffd\\ufffd\"");
	assert_string_equal(quote("\xc0\xaf"), "\"\\ufffd\\ufffd\"");	/* overlong '/' */
	assert_string_equal(quote("\xc1\xbf"), "\"\\ufffd\\ufffd\"");
	assert_string_equal(quote("\xf5\x80\x80\x80"),
			    "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");	/* > U+10FFFF */
	/* overlong three- and four-byte forms */
	assert_string_equal(quote("\xe0\x80\xaf"),
			    "\"\\ufffd\\ufffd\\ufffd\"");
	assert_string_equal(quote("\xf0\x80\x80\xaf"),
			    "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
	/* a surrogate, U+D800, encoded */
	assert_string_equal(quote("\xed\xa0\x80"),
			    "\"\\ufffd\\ufffd\\ufffd\"");
	/* above U+10FFFF with a valid lead */
	assert_string_equal(quote("\xf4\x90\x80\x80"),
			    "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
	/* truncated sequences, at the end and before ASCII */
	assert_string_equal(quote("\xe2\x86"), "\"\\ufffd\\ufffd\"");
	assert_string_equal(quote("\xc3" "a"), "\"\\ufffda\"");
	/* a valid sequence right after an invalid byte is kept */
	assert_string_equal(quote("\xff\xc3\xa9"), "\"\\ufffd\xc3\xa9\"");
}

static void test_null_or_empty_string_or_null(void **state)
{
	char buf[64];
	struct json_writer w;

	(void)state;
	json_writer_init_mem(&w, buf, sizeof(buf));
	json_write_string_or_null(&w, NULL);
	json_write_char(&w, ',');
	json_write_string_or_null(&w, "");
	json_write_char(&w, ',');
	json_write_string_or_null(&w, "x");
	json_write_char(&w, ',');
	json_write_bool(&w, true);
	json_write_fmt(&w, ",%d", 42);
	assert_string_equal(buf, "null,null,\"x\",true,42");
}

static void test_memory_writer_counts_like_snprintf(void **state)
{
	char small[8], big[64];
	struct json_writer w;

	(void)state;
	json_writer_init_mem(&w, small, sizeof(small));
	json_write_string(&w, "hello\x01world");
	json_writer_init_mem(&w, big, sizeof(big));
	json_write_string(&w, "hello\x01world");
	assert_string_equal(big, "\"hello\\u0001world\"");
	json_writer_init_mem(&w, small, sizeof(small));
	json_write_string(&w, "hello\x01world");
	assert_int_equal(json_writer_len(&w), strlen(big));
	assert_int_equal(strlen(small), sizeof(small) - 1);
	assert_memory_equal(small, big, sizeof(small) - 1);
	/* a zero-length buffer: nothing written, everything counted */
	json_writer_init_mem(&w, NULL, 0);
	json_write_raw(&w, "abc");
	assert_int_equal(json_writer_len(&w), 3);
}

static void test_file_writer_buffers_and_flushes(void **state)
{
	struct json_writer w;
	char *text = NULL, *want;
	size_t len = 0, i, n = 3 * JSON_WRITER_BUF;
	FILE *f = open_memstream(&text, &len);

	(void)state;
	assert_non_null(f);
	want = malloc(n + 3);
	assert_non_null(want);
	json_writer_init_file(&w, f);
	for (i = 0; i < n; i++) {
		json_write_char(&w, (char)('a' + i % 26));
		want[i] = (char)('a' + i % 26);
	}
	want[n] = '\0';
	/* one piece longer than the buffer goes through too */
	json_write_string(&w, want + n - JSON_WRITER_BUF - 10);
	assert_int_equal(json_writer_flush(&w), 0);
	fclose(f);
	assert_int_equal(len, n + JSON_WRITER_BUF + 10 + 2);
	assert_memory_equal(text, want, n);
	assert_int_equal(text[n], '"');
	free(text);
	free(want);
}

static void test_fput_string(void **state)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	(void)state;
	json_fput_string(f, "t\x7f\xff");
	fclose(f);
	assert_string_equal(text, "\"t\\u007f\\ufffd\"");
	free(text);
}

static void reader_over(struct json_reader *r, const char *s, char *err,
			size_t errlen)
{
	memset(r, 0, sizeof(*r));
	r->s = s;
	r->len = strlen(s);
	r->name = "t.json";
	r->line = 3;
	r->err = err;
	r->errlen = errlen;
}

static void test_written_strings_read_back(void **state)
{
	static const char *const in[] = {
		"plain", "a\"b\\c/d", "1\n2\t3\r4\b5\f6", "\x01\x1f\x7f",
		"\xc3\xa9\xe2\x86\x92\xf0\x9f\x90\xa7", "",
	};
	struct json_reader r;
	char err[128], back[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		reader_over(&r, quote(in[i]), err, sizeof(err));
		assert_int_equal(json_read_string(&r, back, sizeof(back),
						  "s"), 0);
		assert_string_equal(back, in[i]);
		assert_int_equal(r.pos, r.len);
	}
	/* invalid UTF-8 reads back as U+FFFD, one per byte */
	reader_over(&r, quote("x\xff"), err, sizeof(err));
	assert_int_equal(json_read_string(&r, back, sizeof(back), "s"), 0);
	assert_string_equal(back, "x\xef\xbf\xbd");
}

static void test_reader_errors_name_line_and_column(void **state)
{
	struct json_reader r;
	char err[128], buf[4];
	int64_t v;

	(void)state;
	reader_over(&r, "\"abcd\"", err, sizeof(err));
	assert_int_equal(json_read_string(&r, buf, sizeof(buf), "a name"),
			 -EINVAL);
	assert_string_equal(err, "t.json:3:1: expected a name of at most 3 "
			    "bytes");
	reader_over(&r, "  1.5", err, sizeof(err));
	assert_int_equal(json_read_int(&r, 0, 9, &v, "n"), -EINVAL);
	assert_string_equal(err, "t.json:3:3: expected n to be a whole "
			    "number");
	reader_over(&r, "\"a\\u0000\"", err, sizeof(err));
	assert_int_equal(json_read_string(&r, buf, sizeof(buf), "s"),
			 -EINVAL);
	assert_string_equal(err, "t.json:3:3: expected no \\u0000 in a "
			    "string");
	reader_over(&r, "[1,{\"a\":[true,null,\"x\"]}] ,", err, sizeof(err));
	assert_int_equal(json_read_skip(&r), 0);
	assert_int_equal(json_read_expect(&r, ',', "','"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_short_escapes),
		cmocka_unit_test(test_control_bytes_and_del_as_u00xx),
		cmocka_unit_test(test_valid_utf8_is_kept),
		cmocka_unit_test(test_invalid_utf8_becomes_fffd_per_byte),
		cmocka_unit_test(test_null_or_empty_string_or_null),
		cmocka_unit_test(test_memory_writer_counts_like_snprintf),
		cmocka_unit_test(test_file_writer_buffers_and_flushes),
		cmocka_unit_test(test_fput_string),
		cmocka_unit_test(test_written_strings_read_back),
		cmocka_unit_test(test_reader_errors_name_line_and_column),
	};

	return cmocka_run_group_tests_name("viz json", tests, NULL, NULL);
}
