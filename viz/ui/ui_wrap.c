/*
 * viz/ui/ui_wrap.c - wrapping and the lesson layout (ui_wrap.h).
 *
 * Line breaking follows the usual rules for mixed Latin and CJK text (a
 * small part of Unicode's UAX #14 and of the Chinese and Japanese
 * "kinsoku" rules): a line may break at a blank, or between two
 * characters when one of them is wide (CJK text has no blanks), but
 *  - never before closing punctuation (。，、）」；：！？ ...), which stays
 *    at the end of the line it closes;
 *  - never after opening punctuation (（「 ...);
 *  - never inside a short bracketed group that holds a number, so that
 *    "（共 3 步）" or "(pid 2315)" is never cut in two;
 *  - never at the blank between a number and a CJK character ("第 2 步"):
 *    CJK text breaks between its ideographs instead.
 */
#define _GNU_SOURCE		/* wcwidth */
#include "viz/ui/ui_wrap.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* A bracketed group longer than this may break inside, number or not. */
#define UI_WRAP_GROUP_COLS 24

struct ui_wrap_ch {
	wchar_t wc;		/* the character, 0 for a stray byte */
	size_t n;		/* its bytes, >= 1 */
	int w;			/* its display width, >= 0 */
};

/* One character of @s (not at its end). */
static void ui_wrap_get(const char *s, struct ui_wrap_ch *c)
{
	mbstate_t st;
	wchar_t wc;
	size_t n;
	int cw;

	memset(&st, 0, sizeof(st));
	n = mbrtowc(&wc, s, MB_CUR_MAX, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		c->wc = 0;
		c->n = 1;
		c->w = 1;	/* a stray byte shows as one cell */
		return;
	}
	cw = wcwidth(wc);
	c->wc = wc;
	c->n = n;
	c->w = cw < 0 ? 1 : cw;
}

int ui_char_width(const char *s)
{
	struct ui_wrap_ch c;

	ui_wrap_get(s, &c);
	return c.w;
}

static bool ui_wrap_in(wchar_t c, const unsigned int *set)
{
	for (; *set; set++)
		if ((unsigned int)c == *set)
			return true;
	return false;
}

/* Closing punctuation: never the first character of a line. */
static bool ui_wrap_no_start(wchar_t c)
{
	static const unsigned int set[] = {
		')', ']', '}', ',', '.', ';', ':', '!', '?', '%',
		0x3001, 0x3002,		/* 、 。 */
		0xff0c, 0xff0e,		/* ， ． */
		0xff09, 0xff3d, 0xff5d,	/* ） ］ ｝ */
		0x300d, 0x300f, 0x3011,	/* 」 』 】 */
		0x3009, 0x300b, 0x3015,	/* 〉 》 〕 */
		0xff1b, 0xff1a,		/* ； ： */
		0xff01, 0xff1f,		/* ！ ？ */
		0x2019, 0x201d,		/* ’ ” */
		0x2026, 0x2025,		/* … ‥ */
		0x30fc, 0x3005, 0xff05,	/* ー 々 ％ */
		0
	};

	return ui_wrap_in(c, set);
}

/* Opening punctuation: never the last character of a line. */
static bool ui_wrap_no_end(wchar_t c)
{
	static const unsigned int set[] = {
		'(', '[', '{',
		0xff08, 0xff3b, 0xff5b,	/* （ ［ ｛ */
		0x300c, 0x300e, 0x3010,	/* 「 『 【 */
		0x3008, 0x300a, 0x3014,	/* 〈 《 〔 */
		0x2018, 0x201c,		/* ‘ “ */
		0
	};

	return ui_wrap_in(c, set);
}

static bool ui_wrap_open(wchar_t c)
{
	return c == '(' || c == 0xff08;
}

static bool ui_wrap_close(wchar_t c)
{
	return c == ')' || c == 0xff09;
}

static bool ui_wrap_digit(wchar_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xff10 && c <= 0xff19);
}

/*
 * @s starts with an opening bracket: if a closing one follows within
 * UI_WRAP_GROUP_COLS columns, on the same line and with a digit between
 * them, the bytes up to and including it (no break inside); else 0.
 */
static size_t ui_wrap_group(const char *s)
{
	struct ui_wrap_ch c;
	size_t i = 0;
	int w = 0;
	bool digit = false;

	ui_wrap_get(s, &c);
	i += c.n;
	w += c.w;
	while (s[i] && s[i] != '\n' && w <= UI_WRAP_GROUP_COLS) {
		ui_wrap_get(s + i, &c);
		i += c.n;
		w += c.w;
		if (ui_wrap_close(c.wc))
			return digit && w <= UI_WRAP_GROUP_COLS ? i : 0;
		if (ui_wrap_open(c.wc))
			return 0;	/* nested: leave it to the rules */
		digit = digit || ui_wrap_digit(c.wc);
	}
	return 0;
}

/*
 * May a line end between @prev (the last character before, blanks
 * skipped) and @next, with (@blank) or without blanks between them?
 */
static bool ui_wrap_can_break(wchar_t prev, int prev_w, bool blank,
			      wchar_t next, int next_w)
{
	if (ui_wrap_no_start(next) || ui_wrap_no_end(prev))
		return false;
	if (blank)
		return !((ui_wrap_digit(prev) && next_w > 1) ||
			 (prev_w > 1 && ui_wrap_digit(next)));
	return prev_w > 1 || next_w > 1;
}

size_t ui_wrap_next(const char *s, int cols, int *used)
{
	struct ui_wrap_ch c = { 0, 1, 1 }, prev = { 0, 1, 0 };
	size_t i = 0, cut = 0, blank_at = 0, group_end = 0;
	int w = 0, cut_w = 0, blank_w = 0;
	bool blank = false;

	if (cols < 1)
		cols = 1;
	for (;;) {
		if (!s[i] || s[i] == '\n') {
			*used = w;	/* the rest fits */
			return i;
		}
		ui_wrap_get(s + i, &c);
		if (s[i] == ' ') {
			if (!blank) {
				blank = true;
				blank_at = i;
				blank_w = w;
			}
		} else {
			if (i > 0 && i >= group_end &&
			    ui_wrap_can_break(prev.wc, prev.w, blank, c.wc,
					      c.w)) {
				cut = blank ? blank_at : i;
				cut_w = blank ? blank_w : w;
			}
		}
		if (w + c.w > cols)
			break;
		if (s[i] != ' ') {
			if (ui_wrap_open(c.wc) && i >= group_end) {
				size_t g = ui_wrap_group(s + i);

				group_end = g ? i + g : 0;
			}
			prev = c;
			blank = false;
		}
		i += c.n;
		w += c.w;
	}
	/* The line is full at a blank: end it there if the next word may
	 * start a line. */
	if (s[i] == ' ' && i >= group_end) {
		size_t j = i;

		while (s[j] == ' ')
			j++;
		if (s[j]) {
			ui_wrap_get(s + j, &c);
			if (s[j] == '\n' ||
			    ui_wrap_can_break(prev.wc, prev.w, true, c.wc, c.w))
				cut = blank_at, cut_w = blank_w;
		} else {
			cut = blank_at;
			cut_w = blank_w;
		}
	}
	if (cut > 0) {
		*used = cut_w;
		return cut;
	}
	if (i == 0) {
		ui_wrap_get(s, &c);	/* wider than the line */
		i = c.n;
		w = c.w;
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
