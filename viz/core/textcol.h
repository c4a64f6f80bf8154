/*
 * viz/core/textcol.h - display columns of text for plain-text reports.
 *
 * A Chinese character takes two columns on a terminal but three bytes, so
 * printf's %-8s lines up English only.  Reports that translate their words
 * pad them with these instead (the terminal UI has its own, ui_strwidth).
 * They read the text as the locale's multibyte encoding (LC_CTYPE).
 */
#ifndef PROCVIZ_VIZ_TEXTCOL_H
#define PROCVIZ_VIZ_TEXTCOL_H

#include <stdbool.h>
#include <stdio.h>

/* Display columns of @s: a wide character counts two, a bad byte one. */
int textcol_width(const char *s);

/* Write @s in @w columns: left-aligned with @left, else right-aligned
 * (text wider than @w is written whole). */
void textcol_pad(FILE *out, const char *s, int w, bool left);

#endif
