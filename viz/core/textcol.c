/*
 * viz/core/textcol.c - display columns of text (textcol.h).
 */
#define _GNU_SOURCE		/* wcwidth */
#include "viz/core/textcol.h"

#include <string.h>
#include <wchar.h>

int textcol_width(const char *s)
{
	mbstate_t st;
	size_t left = strlen(s), n;
	int w = 0, cw;
	wchar_t wc;

	memset(&st, 0, sizeof(st));
	while (left > 0) {
		n = mbrtowc(&wc, s, left, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof(st));
			n = 1;
			cw = 1;
		} else {
			cw = wcwidth(wc);
			cw = cw < 0 ? 1 : cw;
		}
		w += cw;
		s += n;
		left -= n;
	}
	return w;
}

void textcol_pad(FILE *out, const char *s, int w, bool left)
{
	int pad = w - textcol_width(s);

	if (left)
		fputs(s, out);
	for (; pad > 0; pad--)
		fputc(' ', out);
	if (!left)
		fputs(s, out);
}
