/*
 * tests/unit/test_viz_report_html.c - the web page's escaping (no data can
 * end its <script> element; text is text, invalid UTF-8 U+FFFD) and a
 * schedule's page: one data element holding sched's JSON with "why" and
 * "ready", the CSP, the embedded script and style; the states' and jobs'
 * colours are the palette's, written by procviz (none in handout.css),
 * and the page opens in the theme it is given.
 */
#define _GNU_SOURCE		/* open_memstream */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "viz/core/palette.h"
#include "viz/core/report_html.h"
#include "viz/core/web_assets.h"

/* Run @fn over @s into a fresh string (the caller frees it). */
static char *capture_text(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	report_html_text(f, s);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static char *capture_json(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	report_html_json(f, s, strlen(s));
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void test_json_cannot_end_script(void **state)
{
	char *s = capture_json("{\"comm\":\"</script><!--&\xe2\x80\xa8"
			       "\xe2\x80\xa9\xe2\x80\xa7\"}");

	(void)state;
	assert_string_equal(s, "{\"comm\":\"\\u003c/script\\u003e\\u003c!--"
			    "\\u0026\\u2028\\u2029\xe2\x80\xa7\"}");
	free(s);
	/* a cut sequence at the very end is copied as it is */
	s = capture_json("x\xe2\x80");
	assert_string_equal(s, "x\xe2\x80");
	free(s);
}

static void test_text_is_text(void **state)
{
	char *s = capture_text("<b>\"a\" & 'b'</b>");

	(void)state;
	assert_string_equal(s, "&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;"
			    "&lt;/b&gt;");
	free(s);
	/* invalid UTF-8 and control bytes: U+FFFD; valid UTF-8 kept */
	s = capture_text("\xff\xc0\x80\x01ok \xe5\x83\xb5");
	assert_string_equal(s, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
			    "\xef\xbf\xbdok \xe5\x83\xb5");
	free(s);
}

static void test_assets_are_embedded(void **state)
{
	(void)state;
	assert_true(web_handout_js_len > 1000);
	assert_true(web_handout_css_len > 1000);
	assert_int_equal(strlen((const char *)web_handout_js),
			 web_handout_js_len);
	assert_null(strstr((const char *)web_handout_js, "</script"));
	assert_null(strstr((const char *)web_handout_css, "</style"));
	/* the three script files, in order */
	assert_non_null(strstr((const char *)web_handout_js,
			       "procviz.lesson = function"));
	assert_non_null(strstr((const char *)web_handout_js,
			       "procviz.schedule = function"));
}

static void test_sched_page(void **state)
{
	static long b1[] = { 3 }, b2[] = { 2 };
	struct sched_job jobs[] = {
		{ .name = "A</script>", .arrival = 0, .bursts = b1,
		  .nbursts = 1, .tickets = 100 },
		{ .name = "B", .arrival = 1, .bursts = b2, .nbursts = 1,
		  .tickets = 100 },
	};
	struct sched_workload w = { .jobs = jobs, .njobs = 2 };
	const char *const policies[] = { "fcfs", "rr" };
	struct sched_opts opts;
	struct report_sched r = { 0 };
	struct report_html_config cfg = { REPORT_HTML_DARK };
	char err[256], *buf = NULL, *data, *end;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	sched_opts_init(&opts);
	r.workload = &w;
	r.title = "t";
	r.policies = policies;
	r.npolicies = 2;
	r.opts = &opts;
	assert_non_null(f);
	assert_int_equal(report_html_sched(f, &r, &cfg, err, sizeof(err)), 0);
	assert_int_equal(fclose(f), 0);
	assert_non_null(strstr(buf, "Content-Security-Policy"));
	assert_non_null(strstr(buf, "default-src 'none'"));
	assert_non_null(strstr(buf, "data-kind=\"sched\""));
	data = strstr(buf, "<script type=\"application/json\" id=\"pv-data\">");
	assert_non_null(data);
	end = strstr(data + 10, "</script>");
	assert_non_null(end);
	*end = '\0';
	assert_non_null(strstr(data, "{\"procviz\":1,\"workload\":["));
	assert_non_null(strstr(data, "A\\u003c/script\\u003e"));
	assert_non_null(strstr(data, "\"why\":[\"t=0: "));
	assert_non_null(strstr(data, "\"ready\":[[[]],"));
	/* the page's own script follows the data */
	*end = '<';
	assert_non_null(strstr(end, "procviz.schedule = function"));
	free(buf);
}

/* report_html_palette's text, a fresh string (the caller frees it). */
static char *capture_palette(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	report_html_palette(f);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* "--NAME: FILL; --NAME-fg: INK;" in @css, after @from. */
static const char *assert_prop(const char *css, const char *from,
			       const char *name, const char *fill,
			       const char *ink)
{
	char want[128];
	const char *at;

	snprintf(want, sizeof(want), "--%s: %s; --%s-fg: %s;", name, fill,
		 name, ink);
	at = strstr(strstr(css, from), want);
	if (!at)
		fail_msg("no \"%s\" after \"%s\" in:\n%s", want, from, css);
	return at;
}

static void test_palette_css(void **state)
{
	char *css = capture_palette(), name[16];
	const char *mono;
	int st, j;

	(void)state;
	mono = strstr(css, "body[data-theme=\"mono\"] {");
	assert_non_null(mono);
	assert_true(strstr(css, ":root {") < mono);
	/* dark and light (:root): the palette's fills and inks */
	for (st = MODEL_ST_RUNNING; st <= MODEL_ST_GONE; st++) {
		const struct palette_colour *c = palette_state(st);

		assert_true(assert_prop(css, ":root", model_state_name(st),
					c->rgb, c->ink_rgb) < mono);
	}
	for (j = 0; j < PALETTE_NJOBS; j++) {
		snprintf(name, sizeof(name), "j%d", j);
		assert_true(assert_prop(css, ":root", name,
					palette_job(j)->rgb,
					palette_job(j)->ink_rgb) < mono);
	}
	/* mono: no colour, black and white text on black, white, greys */
	assert_prop(css, "body[data-theme", "running", "#000000", "#ffffff");
	assert_prop(css, "body[data-theme", "ready", "#ffffff", "#000000");
	assert_prop(css, "body[data-theme", "j11", "#dddddd", "#000000");
	free(css);
	/* the style file has no state or job colour of its own */
	assert_null(strstr((const char *)web_handout_css, "--running:"));
	assert_null(strstr((const char *)web_handout_css, "--j0:"));
	assert_null(strstr((const char *)web_handout_css,
			   palette_state(MODEL_ST_RUNNING)->rgb));
}

/* A lesson's page in each theme: body data-theme, the palette first. */
static void test_theme(void **state)
{
	static const char *const names[] = { "dark", "light", "mono" };
	int t;

	(void)state;
	for (t = REPORT_HTML_DARK; t <= REPORT_HTML_MONO; t++) {
		struct report_html_config cfg = { (enum report_html_theme)t };
		char *buf = NULL, want[64], *css;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);

		assert_non_null(f);
		report_html_begin(f, "replay", "T", &cfg);
		assert_int_equal(fclose(f), 0);
		snprintf(want, sizeof(want), "data-theme=\"%s\"", names[t]);
		assert_non_null(strstr(buf, want));
		snprintf(want, sizeof(want), "data-job-colours=\"%d\"",
			 PALETTE_NJOBS);
		assert_non_null(strstr(buf, want));
		css = capture_palette();
		assert_non_null(strstr(buf, css));
		assert_true(strstr(buf, css) < strstr(buf, "</style>"));
		free(css);
		free(buf);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_cannot_end_script),
		cmocka_unit_test(test_text_is_text),
		cmocka_unit_test(test_assets_are_embedded),
		cmocka_unit_test(test_sched_page),
		cmocka_unit_test(test_palette_css),
		cmocka_unit_test(test_theme),
	};

	return cmocka_run_group_tests_name("viz_report_html", tests, NULL,
					   NULL);
}
