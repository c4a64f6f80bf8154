/*
 * viz/ui/ui_lineedit.h - a one-line text editor for a table cell: a caret
 * that moves by whole characters, Backspace that erases one, and the
 * part of the text to show in N display columns so the caret stays in
 * view.  UTF-8 aware: a wide (CJK) character is one step of the caret and
 * two columns.  Pure: no curses (the caller draws).
 */
#ifndef PROCVIZ_VIZ_UI_LINEEDIT_H
#define PROCVIZ_VIZ_UI_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

enum { UI_LINEEDIT_MAX = 4096 };	/* bytes, NUL included */

struct ui_lineedit {
	char text[UI_LINEEDIT_MAX];	/* NUL-terminated */
	size_t len;			/* bytes */
	size_t pos;			/* caret: a byte offset at a
					 * character boundary */
};

/* Start editing @s (cut to fit), the caret at its end. */
void ui_lineedit_set(struct ui_lineedit *le, const char *s);
/*
 * One key (ui.h's UI_KEY_LEFT/RIGHT/HOME/END/BACKSPACE, Ctrl-U, or a
 * byte of typed text: printable ASCII, or UTF-8 bytes as curses hands
 * them over one by one).  True if the key was an editing key.
 */
bool ui_lineedit_key(struct ui_lineedit *le, int key);
/*
 * Show the text in @cols display columns: returns the byte to start at,
 * so that the caret (and the cell it sits on) fits; *@caret_col gets the
 * caret's column from there.
 */
size_t ui_lineedit_view(const struct ui_lineedit *le, int cols,
			int *caret_col);

#endif
