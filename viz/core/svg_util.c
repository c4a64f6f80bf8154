/*
 * viz/core/svg_util.c - XML text and axis ticks for the pictures (see
 * svg_util.h).
 */
#include "viz/core/svg_util.h"

void svg_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '&': fputs("&amp;", out); break;
		case '"': fputs("&quot;", out); break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\t')
				fputc(*s, out);
		}
	}
}

int64_t svg_tick_step(int64_t span, int max)
{
	static const int64_t mult[] = { 1, 2, 5 };
	int64_t base = 1;

	if (span <= 0 || max < 1)
		return 1;
	for (;;) {
		int i;

		for (i = 0; i < 3; i++)
			if (span / (base * mult[i]) <= max)
				return base * mult[i];
		if (base > INT64_MAX / 100)
			return span;
		base *= 10;
	}
}
