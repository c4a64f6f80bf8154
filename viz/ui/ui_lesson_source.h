/*
 * viz/ui/ui_lesson_source.h - the source pane of a lesson file's view: the
 * program's source, scrolled to and highlighting the current step's lines,
 * with the line a process is at marked where the program said so.
 */
#ifndef PROCVIZ_VIZ_UI_LESSON_SOURCE_H
#define PROCVIZ_VIZ_UI_LESSON_SOURCE_H

#include "viz/ui/ui.h"

#include <stddef.h>

struct lesson;		/* a lesson file's, of lrun_new() */

/* Below this many columns (or rows) the pane folds away into the notes. */
#define UI_SOURCE_MIN_COLS 120
#define UI_SOURCE_MIN_ROWS 20

/* The pane's width in a view of @w x @h; 0: folded away. */
int ui_lesson_source_width(const struct lesson *l, int w, int h);
/* Draw the pane in the rectangle. */
void ui_lesson_source_draw(const struct lesson *l, struct ui *ui, int y, int x,
			   int h, int w);
/*
 * Folded: the current step's lines as text for the notes ("file.py
 * 12-14:" then the lines, at most @max of them) into buf[len]; "" when the
 * step shows none.
 */
void ui_lesson_source_text(const struct lesson *l, int max, char *buf,
			   size_t len);

#endif
