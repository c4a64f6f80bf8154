/*
 * viz/ui/ui_wrap.h - the lesson view's layout: how the rows under the
 * title are shared by the process panel, the event log and the notes, and
 * word wrapping by display width, so the log and the notes can grow into
 * every free row instead of cutting their lines.  Pure: no curses.
 */
#ifndef PROCVIZ_VIZ_UI_WRAP_H
#define PROCVIZ_VIZ_UI_WRAP_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The bytes of @s that make its next line of at most @cols display
 * columns, cut at the last break that fits (a blank, or beside a wide CJK
 * character, by the line-breaking rules at the top of ui_wrap.c: never
 * before closing punctuation, never inside a bracketed number), or inside
 * a word longer than the line; *@used gets their width.  Stops at a
 * newline.  Blanks at the cut stay in @s for the caller to skip.  0 only
 * when @s is empty or starts with a newline.
 */
size_t ui_wrap_next(const char *s, int cols, int *used);
/* Display width of the (NUL-terminated) character at @s: a stray byte 1. */
int ui_char_width(const char *s);
/* Lines @s takes wrapped at @cols, later lines indented by @indent. */
int ui_wrap_count(const char *s, int cols, int indent);

enum ui_layout_need { UI_NEED_LOG, UI_NEED_NOTES };

struct ui_layout {
	int tree_h;		/* rows of the process panel, heading too */
	int lower_h;		/* rows under it, 0: none */
	bool side;		/* notes beside the log, else under it */
	int log_w, notes_w;	/* columns of each (side) or w */
	int log_h, notes_h;	/* rows of each; notes_h 0: not shown */
};

/*
 * Share @body rows of @w columns.  The process panel gets the @tree_need
 * rows it needs (at least 4, or all it needs if fewer) unless the log
 * and notes would keep less than 45% then; the log and notes take every
 * row left.  @need(arg, what, cols) says how many rows the log or the
 * notes want at a width, heading included; @notes false: no notes.
 * Notes sit beside the log at 100 columns or more, else under it,
 * getting the rows they want up to half (the log takes the rest).
 */
void ui_layout_lesson(int body, int w, int tree_need, bool notes,
		      int (*need)(void *arg, enum ui_layout_need what,
				  int cols),
		      void *arg, struct ui_layout *out);

#endif
