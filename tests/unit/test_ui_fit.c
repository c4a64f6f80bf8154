/*
 * tests/unit/test_ui_fit.c - fitting a line of fields to a width
 * (viz/ui/ui_fit.c): fields are shortened or dropped whole, lowest
 * priority first, so no number is ever cut in half.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "viz/ui/ui_fit.h"
#include "viz/ui/ui_keys.h"

/* The fitted line as one string, dropped fields left out. */
static const char *line(const struct ui_field *f, int n, int w, int *used)
{
	static char buf[512];
	const char *out[UI_FIT_MAX];
	int i;

	*used = ui_fit(f, n, w, out);
	buf[0] = '\0';
	for (i = 0; i < n; i++)
		if (out[i])
			strncat(buf, out[i], sizeof(buf) - strlen(buf) - 1);
	return buf;
}

/* The counts line: counts stay, the sampling rate shortens, then goes. */
static void test_counts_line_drops_whole_fields(void **state)
{
	const struct ui_field f[] = {
		{ " Z zombie 12 ", " Z 12 ", 9, 9, UI_ROLE_ZOMBIE, NULL },
		{ "  events: netlink", NULL, 2, 2, UI_ROLE_DIM, NULL },
		{ "  sampling every 100 ms", "  100 ms", 4, 6, UI_ROLE_DIM,
		  NULL },
	};
	int used;

	(void)state;
	assert_string_equal(line(f, 3, 80, &used),
			    " Z zombie 12   events: netlink  sampling every "
			    "100 ms");
	assert_int_equal(used, 53);
	/* One column short: events goes whole, sampling stays whole. */
	assert_string_equal(line(f, 3, 52, &used),
			    " Z zombie 12   sampling every 100 ms");
	/* Then sampling shortens (never "sampling every 1"). */
	assert_string_equal(line(f, 3, 35, &used), " Z zombie 12   100 ms");
	assert_string_equal(line(f, 3, 21, &used), " Z zombie 12   100 ms");
	assert_int_equal(used, 21);
	/* Then it goes; then the count shortens; then nothing fits. */
	assert_string_equal(line(f, 3, 20, &used), " Z zombie 12 ");
	assert_string_equal(line(f, 3, 12, &used), " Z 12 ");
	assert_string_equal(line(f, 3, 5, &used), "");
	assert_int_equal(used, 0);
}

/* Ties go to the later field; NULL and "" are no field. */
static void test_ties_and_empty_fields(void **state)
{
	const struct ui_field f[] = {
		{ "name", NULL, 5, 5, UI_ROLE_NORMAL, NULL },
		{ NULL, NULL, 1, 1, UI_ROLE_NORMAL, NULL },
		{ " (from 2315)", NULL, 3, 3, UI_ROLE_NEW, NULL },
		{ "", NULL, 1, 1, UI_ROLE_NORMAL, NULL },
		{ " --flag 30", NULL, 3, 3, UI_ROLE_DIM, NULL },
	};
	int used;

	(void)state;
	assert_string_equal(line(f, 5, 16, &used), "name (from 2315)");
	assert_string_equal(line(f, 5, 15, &used), "name");
	assert_string_equal(line(f, 5, 3, &used), "");
}

/* Widths are display columns: a CJK character takes two. */
static void test_cjk_width(void **state)
{
	const struct ui_field f[] = {
		{ "orphan-child", NULL, 9, 9, UI_ROLE_NORMAL, NULL },
		{ "\xef\xbc\x88\xe6\x9d\xa5\xe8\x87\xaa 2315\xef\xbc\x89",
		  NULL, 3, 3, UI_ROLE_NEW, NULL },	/* "（来自 2315）" */
	};
	int used;

	(void)state;
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		skip();
	line(f, 2, 25, &used);
	assert_int_equal(used, 25);
	assert_string_equal(line(f, 2, 24, &used), "orphan-child");
	assert_int_equal(used, 12);
}

/*
 * The keys line: whole items only, in order without gaps, the help item
 * kept whatever else has to go.
 */
static void test_keys_line_keeps_help(void **state)
{
	/* "q quit"(6) "space pause"(11) "k signal"(8) "? help"(6) */
	const int w[] = { 6, 11, 8, 6 };
	const bool help[] = { false, false, false, true };
	bool shown[4];

	(void)state;
	assert_int_equal(ui_keys_fit(w, help, 4, 100, shown), 4);
	/* 6+1+11+1+8+1+6 = 34: one column less drops k signal whole. */
	assert_int_equal(ui_keys_fit(w, help, 4, 33, shown), 3);
	assert_true(shown[0] && shown[1] && !shown[2] && shown[3]);
	/* No gap: space pause does not fit, so k signal is not shown. */
	assert_int_equal(ui_keys_fit(w, help, 4, 20, shown), 2);
	assert_true(shown[0] && !shown[1] && !shown[2] && shown[3]);
	assert_int_equal(ui_keys_fit(w, help, 4, 6, shown), 1);
	assert_true(!shown[0] && shown[3]);
	assert_int_equal(ui_keys_fit(w, help, 4, 5, shown), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_line_drops_whole_fields),
		cmocka_unit_test(test_ties_and_empty_fields),
		cmocka_unit_test(test_cjk_width),
		cmocka_unit_test(test_keys_line_keeps_help),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
