/*
 * viz/ui/ui_wrap.c - wrapping and the lesson layout (ui_wrap.h).
 */
#define _GNU_SOURCE		/* wcwidth */
#include "viz/ui/ui_wrap.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* One character of @s: its bytes (>= 1) and display width (>= 0). */
static size_t ui_wrap_char(const char *s, int *width)
{
	mbstate_t st;
	wchar_t wc;
	size_t n;
	int cw;

	memset(&st, 0, sizeof(st));
	n = mbrtowc(&wc, s, MB_CUR_MAX, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*width = 1;	/* a stray byte shows as one cell */
		return 1;
	}
	cw = wcwidth(wc);
	*width = cw < 0 ? 1 : cw;
	return n;
}

size_t ui_wrap_next(const char *s, int cols, int *used)
{
	size_t i = 0, cut = 0;
	int w = 0, cut_w = 0;

	if (cols < 1)
		cols = 1;
	while (s[i] && s[i] != '\n') {
		int cw;
		size_t n = ui_wrap_char(s + i, &cw);

		if (w + cw > cols)
			break;
		if (s[i] == ' ') {
			cut = i;
			cut_w = w;
		}
		i += n;
		w += cw;
	}
	/* Cut at the last blank, unless the line ends just before one. */
	if (s[i] && s[i] != '\n' && s[i] != ' ' && cut > 0) {
		i = cut;
		w = cut_w;
	}
	if (i == 0 && s[0] && s[0] != '\n') {
		int cw;

		i = ui_wrap_char(s, &cw);	/* wider than the line */
		w = cw;
	}
	*used = w;
	return i;
}

int ui_wrap_count(const char *s, int cols, int indent)
{
	int n = 0, used, avail = cols;

	do {
		size_t k = ui_wrap_next(s, avail, &used);

		s += k;
		while (*s == ' ')
			s++;
		if (*s == '\n')
			s++;
		n++;
		avail = cols - indent > 8 ? cols - indent : cols;
	} while (*s);
	return n;
}

static int ui_min(int a, int b)
{
	return a < b ? a : b;
}

void ui_layout_lesson(int body, int w, int tree_need, bool notes,
		      int (*need)(void *arg, enum ui_layout_need what,
				  int cols),
		      void *arg, struct ui_layout *out)
{
	int log_need, notes_need = 0, lower_need, keep, floor;

	memset(out, 0, sizeof(*out));
	if (body < 0)
		body = 0;
	out->side = notes && w >= 100;
	out->notes_w = out->side ? w * 2 / 5 : w;
	out->log_w = out->side ? w - out->notes_w - 1 : w;
	log_need = need(arg, UI_NEED_LOG, out->log_w);
	if (notes)
		notes_need = need(arg, UI_NEED_NOTES, out->notes_w);
	if (log_need < 2)
		log_need = 2;
	lower_need = out->side ? (log_need > notes_need ? log_need :
				  notes_need) : log_need + notes_need;
	keep = ui_min(lower_need, body * 45 / 100);
	out->tree_h = ui_min(tree_need, body - keep);
	floor = ui_min(ui_min(tree_need, 4), body);
	if (floor < 2)
		floor = ui_min(2, body);
	if (out->tree_h < floor)
		out->tree_h = floor;
	out->lower_h = body - out->tree_h;
	if (out->lower_h < 2) {
		out->tree_h = body;
		out->lower_h = 0;
		return;
	}
	if (!notes) {
		out->log_h = out->lower_h;
		return;
	}
	if (out->side) {
		out->log_h = out->notes_h = out->lower_h;
		return;
	}
	if (out->lower_h < 6) {
		out->log_h = out->lower_h;	/* too few rows to share */
		return;
	}
	if (log_need + notes_need <= out->lower_h)
		out->notes_h = notes_need;
	else
		out->notes_h = ui_min(notes_need,
				      out->lower_h - log_need > out->lower_h / 2 ?
				      out->lower_h - log_need :
				      out->lower_h / 2);
	if (out->notes_h < 2)
		out->notes_h = 2;
	out->log_h = out->lower_h - out->notes_h;
}
