/*
 * tests/unit/test_viz_palette.c - the one colour table and the pictures'
 * helpers: every state and job has a well-formed colour with a readable
 * ink, jobs cycle in the screen's order, XML text is escaped the one way,
 * and axis steps are round.
 */
#define _GNU_SOURCE		/* open_memstream */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "viz/core/palette.h"
#include "viz/core/svg_util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void assert_rgb(const char *s)
{
	int i;

	assert_non_null(s);
	assert_int_equal(strlen(s), 7);
	assert_int_equal(s[0], '#');
	for (i = 1; i < 7; i++)
		assert_true(isxdigit((unsigned char)s[i]));
}

static void assert_colour(const struct palette_colour *c)
{
	assert_non_null(c);
	assert_rgb(c->rgb);
	assert_rgb(c->ink_rgb);
	assert_true(c->xterm >= 16 && c->xterm <= 255);
	assert_true(c->ink_xterm >= 16 && c->ink_xterm <= 255);
	assert_true(c->ansi >= 0 && c->ansi <= 7);
	assert_true(c->ink_ansi >= 0 && c->ink_ansi <= 7);
	assert_true(c->ansi != c->ink_ansi);	/* text never vanishes */
}

static void test_states(void **state)
{
	int s, t;

	(void)state;
	for (s = MODEL_ST_RUNNING; s <= MODEL_ST_GONE; s++)
		assert_colour(palette_state((enum model_state)s));
	/* the five live states are told apart by colour too */
	for (s = MODEL_ST_RUNNING; s < MODEL_ST_GONE; s++)
		for (t = s + 1; t < MODEL_ST_GONE; t++)
			assert_string_not_equal(
				palette_state((enum model_state)s)->rgb,
				palette_state((enum model_state)t)->rgb);
	/* out of range: gone's, never NULL */
	assert_ptr_equal(palette_state((enum model_state)99),
			 palette_state(MODEL_ST_GONE));
}

static void test_jobs(void **state)
{
	static const short screen[] = { 214, 74, 36, 175, 25 };
	int j, k;

	(void)state;
	for (j = 0; j < PALETTE_NJOBS; j++) {
		assert_colour(palette_job(j));
		for (k = 0; k < j; k++)
			assert_string_not_equal(palette_job(j)->rgb,
						palette_job(k)->rgb);
	}
	/* the order the screen always drew its first five jobs in */
	for (j = 0; j < 5; j++)
		assert_int_equal(palette_job(j)->xterm, screen[j]);
	assert_ptr_equal(palette_job(PALETTE_NJOBS + 3), palette_job(3));
	assert_ptr_equal(palette_job(-1), palette_job(0));
}

static char *text_of(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	svg_text(f, s);
	fclose(f);
	return buf;
}

static void test_svg_text(void **state)
{
	char *t;

	(void)state;
	t = text_of("a<b>&\"c\"");
	assert_string_equal(t, "a&lt;b&gt;&amp;&quot;c&quot;");
	free(t);
	/* tab kept (XML allows it), other control bytes dropped */
	t = text_of("x\ty\nz\033[1m\x7f");
	assert_string_equal(t, "x\tyz[1m\x7f");
	free(t);
	t = text_of("\xe8\xbf\x9b\xe7\xa8\x8b");	/* UTF-8 passes */
	assert_string_equal(t, "\xe8\xbf\x9b\xe7\xa8\x8b");
	free(t);
}

static void test_tick_step(void **state)
{
	(void)state;
	assert_int_equal(svg_tick_step(10, 20), 1);
	assert_int_equal(svg_tick_step(30, 20), 2);
	assert_int_equal(svg_tick_step(90, 20), 5);
	assert_int_equal(svg_tick_step(150, 20), 10);
	assert_int_equal(svg_tick_step(12000, 12), 1000);
	assert_int_equal(svg_tick_step(0, 12), 1);
	assert_int_equal(svg_tick_step(-5, 12), 1);
	assert_true(svg_tick_step(INT64_MAX, 12) > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_states),
		cmocka_unit_test(test_jobs),
		cmocka_unit_test(test_svg_text),
		cmocka_unit_test(test_tick_step),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
