/*
 * tests/unit/test_ui_lineedit.c - the table cell's line editor
 * (viz/ui/ui_lineedit.h): the caret moves by whole characters, Backspace
 * erases one (a CJK character is three bytes), and the text shown in a
 * narrow cell scrolls by display columns so the caret stays in it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>

#include "viz/ui/ui.h"
#include "viz/ui/ui_lineedit.h"

#define ZHANG "\xe5\xbc\xa0"	/* 张: 3 bytes, 2 columns */

static void type(struct ui_lineedit *le, const char *s)
{
	while (*s)
		assert_true(ui_lineedit_key(le, (unsigned char)*s++));
}

static void test_ascii_editing(void **state)
{
	struct ui_lineedit le;

	(void)state;
	ui_lineedit_set(&le, "24");
	assert_int_equal(le.pos, 2);
	ui_lineedit_key(&le, UI_KEY_HOME);
	type(&le, "5/3/");
	assert_string_equal(le.text, "5/3/24");
	ui_lineedit_key(&le, UI_KEY_RIGHT);
	ui_lineedit_key(&le, UI_KEY_BACKSPACE);
	assert_string_equal(le.text, "5/3/4");
	assert_int_equal(le.pos, 4);
	ui_lineedit_key(&le, 'U' - 64);
	assert_string_equal(le.text, "");
	assert_false(ui_lineedit_key(&le, UI_KEY_F10));
	assert_false(ui_lineedit_key(&le, '\t'));
}

static void test_cjk_is_one_step_two_columns(void **state)
{
	struct ui_lineedit le;
	int col;

	(void)state;
	ui_lineedit_set(&le, "");
	type(&le, "P" ZHANG "1");
	assert_int_equal(le.len, 5);
	ui_lineedit_key(&le, UI_KEY_LEFT);	/* before 1 */
	ui_lineedit_key(&le, UI_KEY_LEFT);	/* before 张, not inside */
	assert_int_equal(le.pos, 1);
	ui_lineedit_key(&le, UI_KEY_RIGHT);
	assert_int_equal(le.pos, 4);
	assert_int_equal(ui_lineedit_view(&le, 20, &col), 0);
	assert_int_equal(col, 3);		/* P + 张 */
	ui_lineedit_key(&le, UI_KEY_BACKSPACE);	/* erases all of 张 */
	assert_string_equal(le.text, "P1");
	assert_int_equal(le.pos, 1);
}

static void test_view_scrolls_to_the_caret(void **state)
{
	struct ui_lineedit le;
	size_t start;
	int col;

	(void)state;
	ui_lineedit_set(&le, "0123456789");
	start = ui_lineedit_view(&le, 4, &col);	/* caret at the end */
	assert_int_equal(start, 7);
	assert_int_equal(col, 3);
	ui_lineedit_key(&le, UI_KEY_HOME);
	assert_int_equal(ui_lineedit_view(&le, 4, &col), 0);
	assert_int_equal(col, 0);
	/* Wide characters: the caret's column never splits one. */
	ui_lineedit_set(&le, ZHANG ZHANG ZHANG);
	start = ui_lineedit_view(&le, 5, &col);
	assert_int_equal(start, 3);		/* 张张 then the caret */
	assert_int_equal(col, 4);
	/* A text cut inside a character loses the broken rest. */
	ui_lineedit_set(&le, "A" "\xe5\xbc");
	assert_string_equal(le.text, "A");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii_editing),
		cmocka_unit_test(test_cjk_is_one_step_two_columns),
		cmocka_unit_test(test_view_scrolls_to_the_caret),
	};

	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 77;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
