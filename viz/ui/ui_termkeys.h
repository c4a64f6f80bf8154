/*
 * viz/ui/ui_termkeys.h - the escape sequences of Home, End, PgUp, PgDn,
 * the arrows and F1-F12 in every common encoding, whatever TERM says.
 *
 * Terminals do not agree, and the terminfo entry TERM names is often not
 * the terminal in use (TERM=xterm-256color set in a shell inside tmux is
 * common): tmux sends \e[4~ for End, which xterm's entry does not list, so
 * curses would read Esc, '[', '4', '~' as four keys.  Like htop's CRT.c,
 * procviz teaches curses every common sequence (xterm normal and
 * application modes, vt220, rxvt, screen and tmux, the linux console),
 * each only where the terminfo entry left it free.
 */
#ifndef PROCVIZ_VIZ_UI_TERMKEYS_H
#define PROCVIZ_VIZ_UI_TERMKEYS_H

/* Escape delay for a lone Esc, in ms, unless ESCDELAY is set. */
#define UI_TERMKEYS_ESCDELAY_MS 25

/*
 * After newterm()/set_term() and keypad(): define the sequences; set the
 * escape delay (unless the ESCDELAY environment variable is set).
 * Returns how many sequences were added.
 */
int ui_termkeys_define(void);

#endif
