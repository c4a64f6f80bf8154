/*
 * viz/ui/ui_lesson_source.c - the source pane (ui_lesson_source.h).
 *
 * Each row is "NNNN M text": the line number, a mark, the line.  The mark
 * is '*' on the current step's lines (drawn highlighted too: never by
 * colour alone) and '>' on a line a process said it is at (a
 * "procviz-at: NAME PID" line it printed: never guessed), whose pid goes
 * at the right.  Tabs become spaces; wide (CJK) characters take their two
 * columns (ui_put), so the code keeps its alignment.
 */
#include "viz/ui/ui_lesson_source.h"

#include "common/i18n.h"
#include "viz/core/lesson_run.h"

#include <stdio.h>
#include <string.h>

/* The step whose lines the pane shows: the newest fired one that has
 * some, else -1. */
static int src_step(const struct lesson *l)
{
	const struct lesson_file *lf = lrun_lesson(l);
	int i;

	for (i = lrun_step(l) - 1; i >= 0; i--)
		if (lf->steps[i].source >= 0 && lf->steps[i].first > 0)
			return i;
	return -1;
}

int ui_lesson_source_width(const struct lesson *l, int w, int h)
{
	const struct lesson_file *lf = lrun_lesson(l);
	int sw;

	if (!lf->nsources || w < UI_SOURCE_MIN_COLS || h < UI_SOURCE_MIN_ROWS)
		return 0;
	sw = w * 2 / 5;
	return sw > 100 ? 100 : sw;
}

/* @line with tabs expanded, into buf (len bytes of it, not NUL-ended). */
static void src_expand(const char *line, size_t n, char *buf, size_t len)
{
	size_t i, k = 0;

	for (i = 0; i < n && k + 5 < len; i++) {
		if (line[i] == '\t') {
			do
				buf[k++] = ' ';
			while (k % 4 && k + 1 < len);
		} else if (line[i] != '\r') {
			buf[k++] = line[i];
		}
	}
	buf[k] = '\0';
}

void ui_lesson_source_draw(const struct lesson *l, struct ui *ui, int y, int x,
			   int h, int w)
{
	const struct lesson_file *lf = lrun_lesson(l);
	struct lrun_at at[LRUN_MAX_AT];
	int nat = lrun_at_lines(l, at, LRUN_MAX_AT);
	int si = src_step(l), src = 0, first = 0, last = 0, top, row, n, k;
	const struct lf_source *s;
	char head[256], text[1024], num[16];
	size_t len;
	const char *line;

	if (si >= 0) {
		src = lf->steps[si].source;
		first = lf->steps[si].first;
		last = lf->steps[si].last;
	} else if (nat) {
		src = at[0].source;
	}
	s = &lf->sources[src];
	ui_fill(ui, y, x, h, w, UI_ROLE_NORMAL);
	if (si >= 0)
		snprintf(head, sizeof(head), _("source: %s, step %d: lines "
					       "%d-%d"), s->name, si + 1,
			 first, last);
	else
		snprintf(head, sizeof(head), _("source: %s"), s->name);
	ui_rule(ui, y, x, w, UI_ROLE_BORDER, head);
	if (h < 2 || w < 12)
		return;
	/* Scroll so that the step's lines sit in the middle. */
	n = h - 1;
	top = first ? first - (n - (last - first + 1)) / 2 : 1;
	if (first && last - first + 1 >= n)
		top = first;
	if (top > s->nlines - n + 1)
		top = s->nlines - n + 1;
	if (top < 1)
		top = 1;
	for (row = 0; row < n; row++) {
		int ln = top + row, pid = 0;
		bool hl = first && ln >= first && ln <= last;
		enum ui_role role = hl ? UI_ROLE_SELECT : UI_ROLE_NORMAL;
		char mark = hl ? '*' : ' ';

		line = lf_source_line(s, ln, &len);
		if (!line)
			break;
		for (k = 0; k < nat; k++)
			if (at[k].source == src && at[k].line == ln) {
				mark = '>';
				pid = at[k].pid;
				break;
			}
		if (hl)
			ui_fill(ui, y + 1 + row, x, 1, w, role);
		snprintf(num, sizeof(num), "%4d %c ", ln, mark);
		ui_put(ui, y + 1 + row, x, w, mark == '>' ? UI_ROLE_NEW :
		       hl ? role : UI_ROLE_DIM, num);
		src_expand(line, len, text, sizeof(text));
		if (pid) {
			char tag[24];
			int tw;

			snprintf(tag, sizeof(tag), " <%d", pid);
			tw = (int)strlen(tag);
			ui_put(ui, y + 1 + row, x + 7, w - 7 - tw, role, text);
			ui_put(ui, y + 1 + row, x + w - tw, tw, UI_ROLE_NEW,
			       tag);
		} else {
			ui_put(ui, y + 1 + row, x + 7, w - 7, role, text);
		}
	}
}

void ui_lesson_source_text(const struct lesson *l, int max, char *buf,
			   size_t len)
{
	const struct lesson_file *lf = lrun_lesson(l);
	int si = src_step(l), ln;
	const struct lf_source *s;
	size_t n = 0, k;
	const char *line;
	char text[512];

	buf[0] = '\0';
	if (si < 0)
		return;
	s = &lf->sources[lf->steps[si].source];
	n += (size_t)snprintf(buf, len, "%s %d-%d:\n", s->name,
			      lf->steps[si].first, lf->steps[si].last);
	for (ln = lf->steps[si].first;
	     ln <= lf->steps[si].last && ln < lf->steps[si].first + max &&
	     n < len; ln++) {
		line = lf_source_line(s, ln, &k);
		if (!line)
			break;
		src_expand(line, k, text, sizeof(text));
		n += (size_t)snprintf(buf + n, len - n, "%4d * %s\n", ln,
				      text);
	}
}
