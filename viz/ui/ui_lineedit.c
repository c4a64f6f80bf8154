/*
 * viz/ui/ui_lineedit.c - a one-line, UTF-8 aware text editor
 * (ui_lineedit.h).
 */
#include "viz/ui/ui_lineedit.h"
#include "viz/ui/ui_wrap.h"
#include "viz/ui/ui.h"

#include <stdio.h>
#include <string.h>

static bool le_cont(char c)
{
	return ((unsigned char)c & 0xc0) == 0x80;	/* 10xxxxxx */
}

/* The byte after the character at @i. */
static size_t le_next(const struct ui_lineedit *le, size_t i)
{
	if (i < le->len)
		i++;
	while (i < le->len && le_cont(le->text[i]))
		i++;
	return i;
}

/* The byte where the character before @i starts. */
static size_t le_prev(const struct ui_lineedit *le, size_t i)
{
	if (i > 0)
		i--;
	while (i > 0 && le_cont(le->text[i]))
		i--;
	return i;
}

/* Columns of text[a, b). */
static int le_cols(const struct ui_lineedit *le, size_t a, size_t b)
{
	int w = 0;

	while (a < b) {
		size_t n = le_next(le, a);

		w += ui_char_width(le->text + a);
		a = n;
	}
	return w;
}

void ui_lineedit_set(struct ui_lineedit *le, const char *s)
{
	snprintf(le->text, sizeof(le->text), "%s", s ? s : "");
	le->len = strlen(le->text);
	/* A cut inside a character drops the rest of it too. */
	if (le->len > 0 && (unsigned char)le->text[le->len - 1] >= 0x80) {
		size_t lead = le_prev(le, le->len);
		unsigned char c = (unsigned char)le->text[lead];
		size_t need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;

		if (le->len - lead < need) {
			le->len = lead;
			le->text[lead] = '\0';
		}
	}
	le->pos = le->len;
}

bool ui_lineedit_key(struct ui_lineedit *le, int key)
{
	size_t at;

	switch (key) {
	case UI_KEY_LEFT:
		le->pos = le_prev(le, le->pos);
		return true;
	case UI_KEY_RIGHT:
		le->pos = le_next(le, le->pos);
		return true;
	case UI_KEY_HOME:
		le->pos = 0;
		return true;
	case UI_KEY_END:
		le->pos = le->len;
		return true;
	case UI_KEY_BACKSPACE:
		at = le_prev(le, le->pos);
		memmove(le->text + at, le->text + le->pos,
			le->len - le->pos + 1);
		le->len -= le->pos - at;
		le->pos = at;
		return true;
	case 'U' - 64:		/* Ctrl-U: start again */
		le->len = le->pos = 0;
		le->text[0] = '\0';
		return true;
	default:
		if (key < ' ' || key == 127 || key > 0xff)
			return false;
		/* A byte of a UTF-8 character goes in as it comes: curses
		 * hands them over in a row, so they stay together. */
		if (le->len + 1 >= sizeof(le->text))
			return true;	/* full: swallowed */
		memmove(le->text + le->pos + 1, le->text + le->pos,
			le->len - le->pos + 1);
		le->text[le->pos++] = (char)key;
		le->len++;
		return true;
	}
}

size_t ui_lineedit_view(const struct ui_lineedit *le, int cols,
			int *caret_col)
{
	size_t start = 0;
	/* The caret's own cell: the character under it, or a blank. */
	int cw = le->pos < le->len ?
		 ui_char_width(le->text + le->pos) :
		 1;

	if (cols < 1)
		cols = 1;
	while (start < le->pos && le_cols(le, start, le->pos) + cw > cols)
		start = le_next(le, start);
	*caret_col = le_cols(le, start, le->pos);
	return start;
}
