/*
 * viz/core/svg_util.h - what every picture writer needs: text escaped for
 * XML (and HTML), and a round step for a time axis.  Shared by the SVG
 * charts of replay (report_svg.c) and of sched (report_sched_svg.c); pure
 * libc, so neither drags the other's dependencies in.
 */
#ifndef PROCVIZ_VIZ_SVG_UTIL_H
#define PROCVIZ_VIZ_SVG_UTIL_H

#include <stdint.h>
#include <stdio.h>

/*
 * Write the NUL-terminated @s to @out as XML character data, fit for an
 * element's text and for a double-quoted attribute value: < > & " become
 * entities; tab is kept (XML 1.0 allows it; it renders as a space); every
 * other control byte (below 0x20: newline, escape...) is dropped, as XML
 * 1.0 does not allow them.  Other bytes pass through unchanged (UTF-8
 * text stays UTF-8).
 */
void svg_text(FILE *out, const char *s);

/*
 * A round step for a time axis (1, 2 or 5 x 10^k units) that gives at
 * most @max ticks over @span (@max >= 1).  A @span <= 0 gives 1.
 */
int64_t svg_tick_step(int64_t span, int max);

#endif
