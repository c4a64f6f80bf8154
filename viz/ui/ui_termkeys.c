/*
 * viz/ui/ui_termkeys.c - key sequences of many terminals (ui_termkeys.h).
 */
#include "viz/ui/ui_termkeys.h"

#include <curses.h>
#include <stdlib.h>

static const struct {
	const char *seq;
	int key;
} ui_termkeys[] = {
	/* Home and End: vt220/tmux/screen/linux, rxvt, xterm (both modes) */
	{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END },
	{ "\033[7~", KEY_HOME }, { "\033[8~", KEY_END },
	{ "\033[H", KEY_HOME }, { "\033[F", KEY_END },
	{ "\033OH", KEY_HOME }, { "\033OF", KEY_END },
	/* PgUp, PgDn, Insert, Delete: the same everywhere that matters */
	{ "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
	{ "\033[2~", KEY_IC }, { "\033[3~", KEY_DC },
	/* Arrows: normal and application cursor mode */
	{ "\033[A", KEY_UP }, { "\033[B", KEY_DOWN },
	{ "\033[C", KEY_RIGHT }, { "\033[D", KEY_LEFT },
	{ "\033OA", KEY_UP }, { "\033OB", KEY_DOWN },
	{ "\033OC", KEY_RIGHT }, { "\033OD", KEY_LEFT },
	/* F1-F4: xterm/tmux (SS3), vt220/rxvt (CSI n ~), linux console */
	{ "\033OP", KEY_F(1) }, { "\033OQ", KEY_F(2) },
	{ "\033OR", KEY_F(3) }, { "\033OS", KEY_F(4) },
	{ "\033[11~", KEY_F(1) }, { "\033[12~", KEY_F(2) },
	{ "\033[13~", KEY_F(3) }, { "\033[14~", KEY_F(4) },
	{ "\033[[A", KEY_F(1) }, { "\033[[B", KEY_F(2) },
	{ "\033[[C", KEY_F(3) }, { "\033[[D", KEY_F(4) },
	{ "\033[[E", KEY_F(5) },
	/* F5-F12: one encoding shared by all of them */
	{ "\033[15~", KEY_F(5) }, { "\033[17~", KEY_F(6) },
	{ "\033[18~", KEY_F(7) }, { "\033[19~", KEY_F(8) },
	{ "\033[20~", KEY_F(9) }, { "\033[21~", KEY_F(10) },
	{ "\033[23~", KEY_F(11) }, { "\033[24~", KEY_F(12) },
	/* Keypad Enter in application mode (screen) */
	{ "\033OM", KEY_ENTER },
};

int ui_termkeys_define(void)
{
	size_t i;
	int n = 0;

	if (!getenv("ESCDELAY"))
		set_escdelay(UI_TERMKEYS_ESCDELAY_MS);
	for (i = 0; i < sizeof(ui_termkeys) / sizeof(ui_termkeys[0]); i++) {
		/* 0: nothing bound yet (the terminfo entry's own win). */
		if (key_defined(ui_termkeys[i].seq) != 0)
			continue;
		if (define_key(ui_termkeys[i].seq, ui_termkeys[i].key) == OK)
			n++;
	}
	return n;
}
