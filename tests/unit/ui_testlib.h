/*
 * tests/unit/ui_testlib.h - the fixture shared by the UI's unit tests
 * (test_ui_*): a session on ncurses without a terminal, the screen a
 * temporary file and the keys a pipe (ui_open_stream), and the screen read
 * back with curses' own winnstr.  Static inline, like sched_testlib.h;
 * include it after cmocka.h.
 */
#ifndef PROCVIZ_TESTS_UI_TESTLIB_H
#define PROCVIZ_TESTS_UI_TESTLIB_H

#include <curses.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "viz/ui/ui.h"

/* The session and its two ends (cmocka's state). */
struct ui_fixture {
	struct ui *ui;
	FILE *out, *in;
	int keys_wr;		/* write end of the keys pipe */
};

/* cmocka setup: a session on a temporary file and a pipe, TERM xterm. */
static inline int ui_fixture_setup(void **state)
{
	struct ui_fixture *fx = calloc(1, sizeof(*fx));
	char err[256];
	int p[2];

	assert_non_null(fx);
	assert_int_equal(pipe(p), 0);
	fx->keys_wr = p[1];
	fx->in = fdopen(p[0], "r");
	fx->out = tmpfile();
	assert_non_null(fx->in);
	assert_non_null(fx->out);
	fx->ui = ui_open_stream(fx->out, fx->in, "xterm", err, sizeof(err));
	if (!fx->ui)
		fail_msg("ui_open_stream: %s", err);
	*state = fx;
	return 0;
}

/* cmocka teardown: closes the session and both ends. */
static inline int ui_fixture_teardown(void **state)
{
	struct ui_fixture *fx = *state;

	ui_close(fx->ui);
	fclose(fx->in);
	fclose(fx->out);
	close(fx->keys_wr);
	free(fx);
	return 0;
}

/* Row @y of the screen as text, trailing blanks removed (a static
 * buffer, overwritten by the next call). */
static inline const char *row(int y)
{
	static char buf[512];
	int n = mvinnstr(y, 0, buf, COLS < 511 ? COLS : 511);

	if (n < 0)
		n = 0;
	buf[n] = '\0';
	while (n > 0 && buf[n - 1] == ' ')
		buf[--n] = '\0';
	return buf;
}

/* Whether any row of the screen contains @text. */
static inline bool screen_has(const char *text)
{
	int y;

	for (y = 0; y < LINES; y++)
		if (strstr(row(y), text))
			return true;
	return false;
}

#endif
