/*
 * viz/ui/ui_draw.c - the drawing helpers of ui.h: text clipped to a width
 * in display columns (UTF-8 or the locale's charset, junk bytes shown as
 * '?'), filled rectangles, rules and boxes, and the too-small screen.
 * Every helper stays inside the screen whatever it is given.
 */
#define _GNU_SOURCE	/* wcwidth, whatever the curses flags say */

#include "viz/ui/ui_priv.h"
#include "viz/ui/ui_wrap.h"
#include "common/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/*
 * Walk @s one character at a time: its byte length and display width.
 * Bytes that are not a printable character in the locale count as one
 * '?' (so a command line with junk cannot break the layout).
 */
static size_t ui_char(const char *s, mbstate_t *st, int *width, bool *bad)
{
	wchar_t wc;
	size_t n = mbrtowc(&wc, s, MB_CUR_MAX, st);
	int wd;

	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		memset(st, 0, sizeof(*st));
		*width = 1;
		*bad = true;
		return 1;
	}
	wd = wcwidth(wc);
	*bad = wd < 0;
	*width = wd < 0 ? 1 : wd;
	return n;
}

int ui_strwidth(const char *s)
{
	mbstate_t st;
	int w = 0, cw;
	bool bad;

	memset(&st, 0, sizeof(st));
	while (*s) {
		s += ui_char(s, &st, &cw, &bad);
		w += cw;
	}
	return w;
}

size_t ui_wrap_cut(const char *s, int w)
{
	int used;
	size_t n = ui_wrap_next(s, w, &used);	/* one set of rules */

	return n || !*s ? n : 1;	/* a newline: one byte */
}

const char *ui_pad(char *buf, size_t len, const char *s, int width)
{
	int w = width < 0 ? -width : width, sw;
	size_t n = 0, cut;

	if (!len)
		return buf;
	cut = ui_wrap_cut(s, w);
	/* ui_wrap_cut keeps one character even when it is too wide. */
	sw = ui_strwidth(s) <= w ? ui_strwidth(s) : w;
	if (strlen(s) > cut) {
		char tmp[256];

		snprintf(tmp, sizeof(tmp), "%.*s", (int)cut, s);
		sw = ui_strwidth(tmp);
	}
	if (width > 0)
		while (sw < w && n + 1 < len) {
			buf[n++] = ' ';
			sw++;
		}
	n += (size_t)snprintf(buf + n, len - n, "%.*s", (int)cut, s);
	if (n >= len)
		n = len - 1;
	if (width < 0)
		while (sw < w && n + 1 < len) {
			buf[n++] = ' ';
			sw++;
		}
	buf[n] = '\0';
	return buf;
}

int ui_put(struct ui *ui, int y, int x, int w, enum ui_role role,
	   const char *s)
{
	mbstate_t st;
	int used = 0, cw;
	bool bad;

	if (w <= 0 || y < 0 || x < 0 || y >= LINES || x >= COLS)
		return 0;
	if (x + w > COLS)
		w = COLS - x;
	memset(&st, 0, sizeof(st));
	attrset(ui->attr[role]);
	move(y, x);
	while (*s) {
		size_t n = ui_char(s, &st, &cw, &bad);

		if (used + cw > w)
			break;
		if (bad)
			addch('?');
		else
			addnstr(s, (int)n);
		s += n;
		used += cw;
	}
	attrset(A_NORMAL);
	return used;
}

int ui_putf(struct ui *ui, int y, int x, int w, enum ui_role role,
	    const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return ui_put(ui, y, x, w, role, buf);
}

void ui_fill(struct ui *ui, int y, int x, int h, int w, enum ui_role role)
{
	int i, j;

	if (x < 0 || y < 0)
		return;
	if (x + w > COLS)
		w = COLS - x;
	if (y + h > LINES)
		h = LINES - y;
	attrset(ui->attr[role]);
	for (i = 0; i < h; i++) {
		move(y + i, x);
		for (j = 0; j < w; j++)
			addch(' ');
	}
	attrset(A_NORMAL);
}

void ui_rule(struct ui *ui, int y, int x, int w, enum ui_role role,
	     const char *title)
{
	int i, used = 0;

	if (title && *title && w > 4) {
		used += ui_put(ui, y, x, w, UI_ROLE_BORDER, ui->g->hline);
		used += ui_put(ui, y, x + used, w - used, role, " ");
		used += ui_put(ui, y, x + used, w - used, UI_ROLE_HEADING,
			       title);
		used += ui_put(ui, y, x + used, w - used, role, " ");
	}
	for (i = used; i < w; i++)
		ui_put(ui, y, x + i, 1, UI_ROLE_BORDER, ui->g->hline);
}

void ui_box(struct ui *ui, int y, int x, int h, int w, enum ui_role role,
	    const char *title)
{
	int i;

	if (h < 2 || w < 2)
		return;
	ui_put(ui, y, x, 1, role, ui->g->tl);
	ui_rule(ui, y, x + 1, w - 2, role, title);
	ui_put(ui, y, x + w - 1, 1, role, ui->g->tr);
	for (i = 1; i < h - 1; i++) {
		ui_put(ui, y + i, x, 1, role, ui->g->vline);
		ui_put(ui, y + i, x + w - 1, 1, role, ui->g->vline);
	}
	ui_put(ui, y + h - 1, x, 1, role, ui->g->bl);
	for (i = 1; i < w - 1; i++)
		ui_put(ui, y + h - 1, x + i, 1, role, ui->g->hline);
	ui_put(ui, y + h - 1, x + w - 1, 1, role, ui->g->br);
}

/* Must work down to 1x1. */
void ui_draw_too_small(struct ui *ui, int need_w, int need_h)
{
	char msg[128];
	int y = LINES / 2 - 1;

	if (y < 0)
		y = 0;
	ui_put(ui, y, 0, COLS, UI_ROLE_WARN, _("Terminal too small"));
	snprintf(msg, sizeof(msg), "%dx%d, need %dx%d", COLS, LINES, need_w,
		 need_h);
	ui_put(ui, y + 1, 0, COLS, UI_ROLE_NORMAL, msg);
	ui_put(ui, y + 2, 0, COLS, UI_ROLE_DIM, _("F10 quits"));
}

