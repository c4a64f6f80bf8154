/*
 * viz/core/web_assets.h - the web page's own script and style
 * (viz/web/handout.js, handout_lesson.js and handout_sched.js one after
 * the other; viz/web/handout.css), compiled into the binary.
 *
 * The Makefile writes BUILD/gen/web_assets.c from those files with
 * viz/web/embed.sh at build time; each array holds the file's bytes, then
 * a NUL that the length does not count.
 */
#ifndef PROCVIZ_VIZ_WEB_ASSETS_H
#define PROCVIZ_VIZ_WEB_ASSETS_H

#include <stddef.h>

extern const unsigned char web_handout_js[];
extern const size_t web_handout_js_len;
extern const unsigned char web_handout_css[];
extern const size_t web_handout_css_len;

#endif
