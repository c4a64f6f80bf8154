/*
 * tests/unit/test_ui_wrap.c - word wrapping by display width and the
 * lesson layout (viz/ui/ui_wrap.c): the process panel takes what it
 * needs, the log and notes every row left, at the sizes of a lecture
 * hall (80x24, 110x34, 160x48, 240x67).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "viz/ui/ui_wrap.h"

static void test_wrap_next(void **state)
{
	int used;

	(void)state;
	assert_int_equal(ui_wrap_next("hello world", 8, &used), 5);
	assert_int_equal(used, 5);
	assert_int_equal(ui_wrap_next("hello world", 20, &used), 11);
	/* A word longer than the line is cut inside. */
	assert_int_equal(ui_wrap_next("abcdefghij", 4, &used), 4);
	assert_int_equal(ui_wrap_next("", 4, &used), 0);
	assert_int_equal(ui_wrap_count("one two three four", 9, 0), 3);
	/* Continuation lines indented by 10 leave 10 of 20 columns. */
	assert_int_equal(ui_wrap_count("aaaaa bbbbb ccccc ddddd eeeee fffff",
				       20, 10), 4);
	assert_int_equal(ui_wrap_count("aaaaa bbbbb ccccc ddddd eeeee fffff",
				       20, 0), 2);
	assert_int_equal(ui_wrap_count("a\nb", 10, 0), 2);
}

static void test_wrap_utf8_width(void **state)
{
	int used;

	(void)state;
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		skip();
	/* "→" is three bytes, one column: "a →" fits three columns. */
	assert_int_equal(ui_wrap_next("a \xe2\x86\x92", 3, &used), 5);
	assert_int_equal(used, 3);
	assert_int_equal(ui_wrap_next("a \xe2\x86\x92 b", 3, &used), 5);
	setlocale(LC_CTYPE, "C");
}

/* The lines @s wraps into at @cols, joined with '|' (blanks at a cut
 * dropped, as the lesson view does). */
static void wrap_lines(const char *s, int cols, char *out, size_t len)
{
	size_t n = 0;
	int used;

	out[0] = '\0';
	while (*s) {
		size_t k = ui_wrap_next(s, cols, &used);

		assert_true(k > 0);
		assert_true(used <= cols);
		if (n && n + 1 < len)
			out[n++] = '|';
		assert_true(n + k < len);
		memcpy(out + n, s, k);
		n += k;
		out[n] = '\0';
		s += k;
		while (*s == ' ' || *s == '\n')
			s++;
	}
}

/* Does any line of @lines ('|'-joined) start with @what? */
static bool line_starts_with(const char *lines, const char *what)
{
	const char *p = lines;

	for (;;) {
		if (strncmp(p, what, strlen(what)) == 0)
			return true;
		p = strchr(p, '|');
		if (!p)
			return false;
		p++;
	}
}

static void test_wrap_cjk_breaks_between_ideographs(void **state)
{
	char out[512];
	int used;

	(void)state;
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		skip();
	/* No blanks: it still breaks, between two ideographs (2 columns
	 * each): 僵尸进程 is 8 columns, 5 fit two ideographs. */
	assert_int_equal(ui_wrap_next("僵尸进程", 5, &used), 6);
	assert_int_equal(used, 4);
	wrap_lines("父进程调用了等待函数之后僵尸进程就消失了", 10, out,
		   sizeof(out));
	assert_string_equal(out, "父进程调用|了等待函数|之后僵尸进|程就消失了");
	/* Latin words beside CJK: a break at the blank or at the CJK side. */
	wrap_lines("进程 zombie-child 已退出", 17, out, sizeof(out));
	assert_string_equal(out, "进程 zombie-child|已退出");
	wrap_lines("进程 zombie-child 已退出", 16, out, sizeof(out));
	assert_string_equal(out, "进程|zombie-child 已|退出");
	setlocale(LC_CTYPE, "C");
}

static void test_wrap_cjk_never_before_closing(void **state)
{
	static const char *const closers[] = {
		"。", "，", "、", "）", "」", "；", "：", "！", "？",
	};
	char text[128], out[512];
	size_t i;
	int cols;

	(void)state;
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		skip();
	/* At every width, no line starts with closing punctuation. */
	for (i = 0; i < sizeof(closers) / sizeof(closers[0]); i++) {
		snprintf(text, sizeof(text), "子进程退出了%s父进程回收它%s然后"
			 "它就不见了%s", closers[i], closers[i], closers[i]);
		for (cols = 4; cols <= 40; cols++) {
			wrap_lines(text, cols, out, sizeof(out));
			assert_false(line_starts_with(out, closers[i]));
		}
	}
	/* The closing mark stays with the word it closes. */
	wrap_lines("僵尸进程。父进程", 8, out, sizeof(out));
	assert_string_equal(out, "僵尸进|程。父进|程");
	/* ... and an opening one with the word it opens. */
	wrap_lines("父进程「僵尸」", 8, out, sizeof(out));
	assert_string_equal(out, "父进程|「僵尸」");
	setlocale(LC_CTYPE, "C");
}

static void test_wrap_cjk_never_inside_bracketed_number(void **state)
{
	const char *text = "第 2 步（共 3 步）：父进程调用 wait() "
			   "回收僵尸进程。";
	char out[512];
	int cols;

	(void)state;
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		skip();
	/* (At 12 columns "（共 3 步）：" cannot stay whole: 13 columns.) */
	for (cols = 13; cols <= 60; cols++) {
		wrap_lines(text, cols, out, sizeof(out));
		/* The group is whole on one line, the number with its word. */
		assert_non_null(strstr(out, "（共 3 步）"));
		assert_null(strstr(out, "第|"));
		assert_null(strstr(out, "第 2|"));
		assert_false(line_starts_with(out, "："));
		assert_false(line_starts_with(out, "。"));
	}
	/* The case of the issue: the group moves down whole. */
	wrap_lines("第 2 步（共 3 步）", 12, out, sizeof(out));
	assert_string_equal(out, "第 2 步|（共 3 步）");
	/* English too: "(pid 2315)" is never cut. */
	for (cols = 12; cols <= 30; cols++) {
		wrap_lines("orphan-child (from 2315) re-parented to init",
			   cols, out, sizeof(out));
		assert_non_null(strstr(out, "(from 2315)"));
	}
	setlocale(LC_CTYPE, "C");
}

struct needs {
	int log_lines, notes_lines;	/* at 80 columns; narrower: more */
};

static int need(void *arg, enum ui_layout_need what, int cols)
{
	const struct needs *n = arg;
	int lines = what == UI_NEED_LOG ? n->log_lines : n->notes_lines;

	return 1 + (lines * 80 + cols - 1) / cols;
}

static void check_sums(const struct ui_layout *l, int body, bool notes)
{
	assert_int_equal(l->tree_h + l->lower_h, body);
	if (l->lower_h && notes && !l->side && l->notes_h)
		assert_int_equal(l->log_h + l->notes_h, l->lower_h);
	else if (l->lower_h)
		assert_int_equal(l->log_h, l->lower_h);
}

static void test_layout_sizes(void **state)
{
	static const int sizes[][2] = { { 80, 24 }, { 110, 34 }, { 160, 48 },
					{ 240, 67 } };
	struct needs few = { 13, 9 };	/* the zombie lesson */
	struct ui_layout l;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		int w = sizes[i][0], body = sizes[i][1] - 3;

		/* Four processes: the panel takes 5 rows, no more. */
		ui_layout_lesson(body, w, 5, true, need, &few, &l);
		check_sums(&l, body, true);
		assert_int_equal(l.tree_h, 5);
		assert_int_equal(l.side, w >= 100);
		/* Every row left goes to the log and the notes. */
		assert_int_equal(l.lower_h, body - 5);
		if (!l.side)
			assert_true(l.notes_h >= 2);
	}
}

static void test_layout_big_tree(void **state)
{
	struct needs many = { 500, 9 };
	struct ui_layout l;

	(void)state;
	/* 100 processes at 110x34: the panel leaves the log 45%. */
	ui_layout_lesson(31, 110, 101, true, need, &many, &l);
	check_sums(&l, 31, true);
	assert_int_equal(l.lower_h, 31 * 45 / 100);
	/* A short log: the tree takes the rows the log does not need. */
	many.log_lines = 3;
	many.notes_lines = 3;
	ui_layout_lesson(31, 110, 101, true, need, &many, &l);
	check_sums(&l, 31, true);
	/* The notes beside it want the most: 6 lines at 44 columns. */
	assert_int_equal(l.lower_h, 1 + 6);
	/* Tiny: all to the panel, never negative. */
	ui_layout_lesson(2, 40, 10, false, need, &many, &l);
	assert_int_equal(l.tree_h, 2);
	assert_int_equal(l.lower_h, 0);
	ui_layout_lesson(0, 40, 10, false, need, &many, &l);
	assert_int_equal(l.tree_h + l.lower_h, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wrap_next),
		cmocka_unit_test(test_wrap_utf8_width),
		cmocka_unit_test(test_wrap_cjk_breaks_between_ideographs),
		cmocka_unit_test(test_wrap_cjk_never_before_closing),
		cmocka_unit_test(test_wrap_cjk_never_inside_bracketed_number),
		cmocka_unit_test(test_layout_sizes),
		cmocka_unit_test(test_layout_big_tree),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
