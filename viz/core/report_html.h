/*
 * viz/core/report_html.h - a recorded lesson or a schedule as one web page
 * that students replay in a browser (`procviz replay FILE --format html`,
 * `procviz sched ... --format html`).
 *
 * The page is one self-contained file: no network, nothing to install.
 *   - Its data is the JSON procviz already writes, in one
 *     <script type="application/json" id="pv-data"> element: for a lesson,
 *     the JSON Lines of `replay --headless --format json` (header, events,
 *     summary) as the elements of one array; for a schedule, the document
 *     of `sched --headless --format json`, with the "why" lines of
 *     --explain and the per-instant "ready" queues when the schedule is
 *     small enough (REPORT_HTML_DETAIL_*).  Inside the element '<', '>',
 *     '&', U+2028 and U+2029 are written as \u escapes, so no recorded
 *     name can end the element.
 *   - The page's labels, translated (gettext) when it is written, are a
 *     second JSON object (id "pv-text"); a lesson's event log is written
 *     as HTML text, in the wording of --format text, so it reads (and
 *     prints) without the script.
 *   - The script and the style are viz/web/handout.js and handout.css,
 *     compiled into the binary (viz/core/web_assets.h).
 *   - A Content-Security-Policy forbids every fetch (default-src 'none';
 *     the inline script and style only; images only as data: URLs).
 *   - The states' and the jobs' colours are the one palette's
 *     (viz/core/palette.h), written into the page's style as CSS custom
 *     properties when it is written: the same as the terminal's and the
 *     SVG's.  handout.css has the layout and the themes' other colours.
 *   - The page opens in the theme the caller gives (struct
 *     report_html_config: the front end's --theme, as the terminal's);
 *     the page has a theme switch too.  Nothing here reads the
 *     environment.
 *
 * Nothing here prints anything but the page, or exits.
 */
#ifndef PROCVIZ_VIZ_REPORT_HTML_H
#define PROCVIZ_VIZ_REPORT_HTML_H

#include "viz/core/record.h"
#include "viz/core/report_sched.h"

#include <stddef.h>
#include <stdio.h>

/*
 * A schedule's page carries the tick-by-tick "why" lines and ready queues
 * when it has at most this many jobs and instants (summed over the
 * policies); a bigger one has its charts and metrics only.
 */
#define REPORT_HTML_DETAIL_JOBS 100
#define REPORT_HTML_DETAIL_TICKS 20000

/* The theme the page opens in (the terminal's --theme). */
enum report_html_theme {
	REPORT_HTML_DARK,	/* light text on a dark background */
	REPORT_HTML_LIGHT,	/* dark text on white */
	REPORT_HTML_MONO,	/* no colour: letters, words, patterns */
};

/* What the front end tells the page. */
struct report_html_config {
	enum report_html_theme theme;
};

/*
 * The page of the lesson in @r, opening as @cfg says.  Returns 0, or
 * -errno with a message in err[errlen] (-ENOMEM, -EIO on a write error).
 */
int report_html_replay(FILE *out, const struct recording *r,
		       const struct report_html_config *cfg, char *err,
		       size_t errlen);

/*
 * The page of the schedules of @r (its format and explain are ignored),
 * opening as @cfg says.  Returns 0, or -errno with a message in
 * err[errlen]: -EINVAL when a simulation cannot be made (as
 * report_sched_write), -ENOMEM, -EIO.
 */
int report_html_sched(FILE *out, const struct report_sched *r,
		      const struct report_html_config *cfg, char *err,
		      size_t errlen);

/* ---- shared by the two pages (report_html.c) --------------------------- */

/* @s as HTML text: & < > " ' escaped, invalid UTF-8 as U+FFFD. */
void report_html_text(FILE *out, const char *s);
/*
 * @len bytes of JSON (valid UTF-8, as procviz writes it) with '<' '>' '&'
 * U+2028 U+2029 written as \u escapes: safe inside a <script> element.
 */
void report_html_json(FILE *out, const char *s, size_t len);
/*
 * The palette's colours as CSS custom properties, for each theme:
 * --running, --running-fg, ... --gone-fg (fill and text of each state,
 * by model_state_name) and --j0, --j0-fg ... (each job colour,
 * PALETTE_NJOBS of them); dark and light as the palette gives them, mono
 * in black, white and greys.
 */
void report_html_palette(FILE *out);
/*
 * Everything up to and including the opening <main>: doctype, CSP, title
 * (@title, HTML-escaped), the style (the palette, then handout.css), the
 * body with the data-kind ("replay" or "sched"), the data-theme of
 * @cfg and the data-job-colours (PALETTE_NJOBS) the script reads.
 */
void report_html_begin(FILE *out, const char *kind, const char *title,
		       const struct report_html_config *cfg);
/*
 * The closing </main>, the labels object, then the data element's
 * opening tag: the caller writes the JSON with report_html_json and ends
 * with report_html_end, which closes it and writes the script.
 */
void report_html_data_begin(FILE *out);
void report_html_end(FILE *out);

#endif
