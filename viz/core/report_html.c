/*
 * viz/core/report_html.c - the page around the data (report_html.h): its
 * head, the palette's colours as CSS, the theme; and a recorded lesson's
 * page.
 *
 * A lesson is fed to a replay observer, as `replay --headless` does; its
 * sink keeps each event twice: as the JSON line of --format json (the
 * page's data) and as the text line of --format text (the page's event
 * log, in the lecturer's language).
 */
#define _GNU_SOURCE		/* open_memstream */
#include "viz/core/report_html.h"
#include "viz/core/json.h"
#include "viz/core/observer.h"
#include "viz/core/palette.h"
#include "viz/core/report_obs.h"
#include "viz/core/web_assets.h"
#include "common/i18n.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * Every fetch is forbidden: only the page's own inline script and style
 * run, images only from data: URLs (none are used today).
 */
#define HTML_CSP "default-src 'none'; script-src 'unsafe-inline'; " \
	"style-src 'unsafe-inline'; img-src data:; base-uri 'none'; " \
	"form-action 'none'"

/* The page's words, by the key the script looks them up with. */
static const struct {
	const char *key, *text;
} html_labels[] = {
	{ "play", N_("Play") },
	{ "pause", N_("Pause") },
	{ "prev_event", N_("Previous event") },
	{ "next_event", N_("Next event") },
	{ "prev_step", N_("Previous step") },
	{ "next_step", N_("Next step") },
	{ "prev_tick", N_("Previous tick") },
	{ "next_tick", N_("Next tick") },
	{ "time", N_("Time") },
	{ "procs", N_("%1 processes") },
	{ "tick", N_("tick") },
	{ "event_n", N_("event %1 of %2") },
	{ "tree", N_("Processes now") },
	{ "timeline", N_("Timeline") },
	{ "log", N_("Events") },
	{ "notes", N_("Lesson steps and notes") },
	{ "details", N_("Details") },
	{ "details_hint", N_("Hover over or tap a process for its details.") },
	{ "pid", N_("pid") },
	{ "parent", N_("parent") },
	{ "state", N_("state") },
	{ "exit", N_("exit status") },
	{ "signal", N_("killed by signal") },
	{ "waited", N_("waited for") },
	{ "reaped", N_("reaped by") },
	{ "none", N_("none") },
	{ "not_yet", N_("not yet started") },
	{ "theme", N_("Theme") },
	{ "dark", N_("dark") },
	{ "light", N_("light") },
	{ "mono", N_("mono") },
	{ "keys", N_("Keys: \u2190 \u2192 step, space play/pause, Home End") },
	{ "running", N_("running") },
	{ "ready", N_("ready") },
	{ "blocked", N_("blocked") },
	{ "stopped", N_("stopped") },
	{ "zombie", N_("zombie") },
	{ "gone", N_("gone") },
	{ "gantt", N_("Gantt chart") },
	{ "cpu", N_("CPU") },
	{ "queue", N_("ready queue") },
	{ "level", N_("level %1") },
	{ "why", N_("why") },
	{ "idle", N_("idle") },
	{ "empty", N_("empty") },
	{ "metrics", N_("Metrics") },
	{ "policy", N_("policy") },
	{ "job", N_("job") },
	{ "arrival", N_("arrival") },
	{ "first_run", N_("first run") },
	{ "finish", N_("finish") },
	{ "response", N_("response") },
	{ "turnaround", N_("turnaround") },
	{ "waiting", N_("waiting") },
	{ "average", N_("average") },
	{ "switches", N_("context switches") },
	{ "util", N_("CPU utilization") },
	{ "makespan", N_("makespan") },
	{ "no_detail", N_("This schedule is too long for tick-by-tick "
			  "detail here: procviz sched --headless --explain "
			  "prints every why line.") },
	{ "per_job", N_("each job") },
	{ "jobs_many", N_("%1 jobs: open to show each one") },
};

#define HTML_NLABELS (sizeof(html_labels) / sizeof(html_labels[0]))

void report_html_text(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		size_t n = json_utf8_len(p);

		if (n == 0) {
			fputs("\xef\xbf\xbd", out);	/* U+FFFD */
			p++;
			continue;
		}
		switch (*p) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default:
			if (*p < 0x20 && *p != '\n' && *p != '\t')
				fputs("\xef\xbf\xbd", out);
			else
				fwrite(p, 1, n, out);
		}
		p += n;
	}
}

void report_html_json(FILE *out, const char *s, size_t len)
{
	size_t i, from = 0;

	for (i = 0; i < len; i++) {
		const char *esc = NULL;
		unsigned char c = (unsigned char)s[i];

		if (c == '<')
			esc = "\\u003c";
		else if (c == '>')
			esc = "\\u003e";
		else if (c == '&')
			esc = "\\u0026";
		else if (c == 0xe2 && i + 2 < len &&
			 (unsigned char)s[i + 1] == 0x80 &&
			 ((unsigned char)s[i + 2] == 0xa8 ||
			  (unsigned char)s[i + 2] == 0xa9))
			esc = (unsigned char)s[i + 2] == 0xa8 ? "\\u2028" :
								"\\u2029";
		if (!esc)
			continue;
		fwrite(s + from, 1, i - from, out);
		fputs(esc, out);
		if (c == 0xe2)
			i += 2;
		from = i + 1;
	}
	fwrite(s + from, 1, len - from, out);
}

static const char *const html_theme_names[] = {
	[REPORT_HTML_DARK] = "dark",
	[REPORT_HTML_LIGHT] = "light",
	[REPORT_HTML_MONO] = "mono",
};

/*
 * The mono theme has no colour, as the terminal's (ui_theme.c, mono_attr):
 * the states the terminal shows reversed are dark with white text
 * (running black, zombie dark grey: bold and not, there), the others
 * white with black text (gone: grey text, the terminal's dim); the jobs,
 * all reversed there, take four greys in turn so that neighbours differ.
 * handout.css adds the states' patterns and the jobs' edges.
 */
static const struct {
	const char *fill, *ink;
} html_mono_states[MODEL_ST_GONE + 1] = {
	[MODEL_ST_RUNNING] = { "#000000", "#ffffff" },
	[MODEL_ST_READY] = { "#ffffff", "#000000" },
	[MODEL_ST_BLOCKED] = { "#ffffff", "#000000" },
	[MODEL_ST_STOPPED] = { "#ffffff", "#000000" },
	[MODEL_ST_ZOMBIE] = { "#555555", "#ffffff" },
	[MODEL_ST_GONE] = { "#ffffff", "#555555" },
}, html_mono_jobs[] = {
	{ "#000000", "#ffffff" }, { "#ffffff", "#000000" },
	{ "#555555", "#ffffff" }, { "#dddddd", "#000000" },
};

#define HTML_NMONO_JOBS (sizeof(html_mono_jobs) / sizeof(html_mono_jobs[0]))

/* One custom property and its text colour: "--NAME: FILL; --NAME-fg: INK;" */
static void html_colour(FILE *out, const char *name, int n, const char *fill,
			const char *ink)
{
	char prop[32];

	if (n >= 0)
		snprintf(prop, sizeof(prop), "%s%d", name, n);
	else
		snprintf(prop, sizeof(prop), "%s", name);
	fprintf(out, "\t--%s: %s; --%s-fg: %s;\n", prop, fill, prop, ink);
}

void report_html_palette(FILE *out)
{
	int st, j;

	fputs("/* the states and the jobs: procviz's palette "
	      "(viz/core/palette.c) */\n:root {\n", out);
	for (st = 0; st <= MODEL_ST_GONE; st++)
		html_colour(out, model_state_name(st), -1,
			    palette_state(st)->rgb, palette_state(st)->ink_rgb);
	for (j = 0; j < PALETTE_NJOBS; j++)
		html_colour(out, "j", j, palette_job(j)->rgb,
			    palette_job(j)->ink_rgb);
	fputs("}\nbody[data-theme=\"mono\"] {\n", out);
	for (st = 0; st <= MODEL_ST_GONE; st++)
		html_colour(out, model_state_name(st), -1,
			    html_mono_states[st].fill,
			    html_mono_states[st].ink);
	for (j = 0; j < PALETTE_NJOBS; j++)
		html_colour(out, "j", j,
			    html_mono_jobs[j % HTML_NMONO_JOBS].fill,
			    html_mono_jobs[j % HTML_NMONO_JOBS].ink);
	fputs("}\n", out);
}

void report_html_begin(FILE *out, const char *kind, const char *title,
		       const struct report_html_config *cfg)
{
	/* TRANSLATORS: the page's language code (BCP 47) after "lang=",
	 * e.g. lang=zh-CN. */
	const char *lang = _("lang=en");
	unsigned theme = (unsigned)cfg->theme;

	if (theme >= sizeof(html_theme_names) / sizeof(html_theme_names[0]))
		theme = REPORT_HTML_DARK;
	lang = strncmp(lang, "lang=", 5) == 0 ? lang + 5 : "en";
	fputs("<!DOCTYPE html>\n<html lang=\"", out);
	report_html_text(out, lang);
	fputs("\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta http-equiv=\"Content-Security-Policy\" content=\""
	      HTML_CSP "\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, "
	      "initial-scale=1\">\n<meta name=\"generator\" content=\"procviz"
	      "\">\n<title>", out);
	report_html_text(out, title);
	fputs("</title>\n<style>\n", out);
	report_html_palette(out);
	fwrite(web_handout_css, 1, web_handout_css_len, out);
	fprintf(out, "</style>\n</head>\n<body data-kind=\"%s\" "
		"data-theme=\"%s\" data-job-colours=\"%d\">\n<header><h1>",
		kind, html_theme_names[theme], PALETTE_NJOBS);
	report_html_text(out, title);
	fputs("</h1></header>\n<main id=\"pv-app\">\n", out);
}

void report_html_data_begin(FILE *out)
{
	char *text = NULL;
	size_t len = 0, i;
	FILE *mem = open_memstream(&text, &len);

	fputs("</main>\n<footer id=\"pv-status\" hidden></footer>\n"
	      "<script type=\"application/json\" id=\"pv-text\">", out);
	if (mem) {
		fputc('{', mem);
		for (i = 0; i < HTML_NLABELS; i++) {
			fprintf(mem, "%s\"%s\":", i ? ",\n" : "",
				html_labels[i].key);
			json_fput_string(mem, _(html_labels[i].text));
		}
		fputc('}', mem);
	}
	if (mem && fclose(mem) == 0)
		report_html_json(out, text, len);
	else
		fputs("{}", out);	/* the script falls back to English */
	free(text);
	fputs("</script>\n<script type=\"application/json\" id=\"pv-data\">",
	      out);
}

void report_html_end(FILE *out)
{
	fputs("</script>\n<script>\n", out);
	fwrite(web_handout_js, 1, web_handout_js_len, out);
	fputs("</script>\n</body>\n</html>\n", out);
}

/* ---- a lesson ------------------------------------------------------------ */

struct html_lesson {
	FILE *json;		/* owned: ",\n" and each event's JSON line */
	FILE *log;		/* owned: each event's <li> */
	char *buf;		/* owned: one line */
	size_t cap;
	int err;		/* first -errno met in the sink */
};

/* Format into L->buf with @fn (snprintf-like), growing it as needed. */
static const char *hl_line(struct html_lesson *L,
			   const struct model_event *ev, bool text)
{
	for (;;) {
		int n = text ? report_obs_event_text(ev, REPORT_OBS_TEXT_TIME,
						     L->buf, L->cap) :
			       report_obs_event_json(ev, L->buf, L->cap);
		char *p;

		if (n >= 0 && (size_t)n < L->cap)
			return L->buf;
		p = realloc(L->buf, (size_t)(n > 0 ? n : 0) + 1);
		if (!p) {
			L->err = -ENOMEM;
			return NULL;
		}
		L->buf = p;
		L->cap = (size_t)(n > 0 ? n : 0) + 1;
	}
}

static void hl_sink(const struct model_event *ev, void *arg)
{
	struct html_lesson *L = arg;
	const char *s;

	if (L->err)
		return;
	s = hl_line(L, ev, false);
	if (s) {
		fputs(",\n", L->json);
		fputs(s, L->json);
	}
	s = hl_line(L, ev, true);
	if (s) {
		fputs(ev->type == MODEL_EV_NOTE ? "<li class=\"note\">" :
						  "<li>", L->log);
		report_html_text(L->log, s);
		fputs("</li>\n", L->log);
	}
}

/* Feed @r to a replay observer: header, events, summary as JSON. */
static int hl_collect(const struct recording *r, struct html_lesson *L,
		      FILE *head, FILE *tail)
{
	struct observer_config cfg = { 0 };
	struct report_obs_header h;
	struct report_obs rep;
	struct record_item it;
	struct observer *obs;
	size_t i;
	int rc = 0;

	cfg.interval_ms = r->header.interval_ms;
	cfg.threads = r->header.threads;	/* task rows, as the SVG */
	cfg.sink = hl_sink;
	cfg.sink_arg = L;
	obs = observer_new_replay(&cfg, r->header.event_source);
	if (!obs)
		return -errno;
	recording_report_header(r, &h);
	report_obs_init(&rep, head, REPORT_OBS_JSON);
	report_obs_header(&rep, &h);
	record_item_init(&it);
	for (i = 0; i < r->n_items && !rc && !L->err; i++)
		rc = recording_feed(r, i, &it, obs);
	record_item_clear(&it);
	if (!rc && !L->err) {
		report_obs_init(&rep, tail, REPORT_OBS_JSON);
		report_obs_summary(&rep, observer_model(obs));
	}
	observer_free(obs);
	return rc ? rc : L->err;
}

/* The title: the lesson, the watched command or the attached pid. */
static void hl_title(const struct recording *r, char *buf, size_t len)
{
	const struct record_header *h = &r->header;

	if (h->scenario[0])
		snprintf(buf, len, _("Lesson: %s"), h->scenario);
	else if (h->command[0])
		snprintf(buf, len, _("Watched: %s"), h->command);
	else
		snprintf(buf, len, _("Attached to pid %d"), h->pid);
}

/* A memory stream's text without its trailing newline. */
static size_t hl_trim(const char *s, size_t len)
{
	while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	return len;
}

int report_html_replay(FILE *out, const struct recording *r,
		       const struct report_html_config *cfg, char *err,
		       size_t errlen)
{
	struct html_lesson L = { 0 };
	char *hs = NULL, *ts = NULL, *js = NULL, *ls = NULL, title[1200];
	size_t hn = 0, tn = 0, jn = 0, ln = 0;
	FILE *head = open_memstream(&hs, &hn);
	FILE *tail = open_memstream(&ts, &tn);
	int rc = -ENOMEM;

	L.json = open_memstream(&js, &jn);
	L.log = open_memstream(&ls, &ln);
	if (head && tail && L.json && L.log)
		rc = hl_collect(r, &L, head, tail);
	if (head && fclose(head) && !rc)
		rc = -ENOMEM;
	if (tail && fclose(tail) && !rc)
		rc = -ENOMEM;
	if (L.json && fclose(L.json) && !rc)
		rc = -ENOMEM;
	if (L.log && fclose(L.log) && !rc)
		rc = -ENOMEM;
	if (rc) {
		snprintf(err, errlen, "%s", strerror(-rc));
		goto out;
	}
	hl_title(r, title, sizeof(title));
	report_html_begin(out, "replay", title, cfg);
	fputs("<section id=\"pv-logsec\"><h2>", out);
	report_html_text(out, _("Events"));
	fputs("</h2>\n<ol id=\"pv-log\">\n", out);
	fwrite(ls, 1, ln, out);
	fputs("</ol></section>\n", out);
	report_html_data_begin(out);
	fputc('[', out);
	report_html_json(out, hs, hl_trim(hs, hn));
	report_html_json(out, js, jn);
	fputs(",\n", out);
	report_html_json(out, ts, hl_trim(ts, tn));
	fputc(']', out);
	report_html_end(out);
	if (fflush(out) != 0 || ferror(out)) {
		snprintf(err, errlen, "write error: %s", strerror(errno));
		rc = -EIO;
	}
out:
	free(L.buf);
	free(hs);
	free(ts);
	free(js);
	free(ls);
	return rc;
}

/* ---- a schedule ---------------------------------------------------------- */

/* Small enough for the why lines and ready queues of every instant? */
static bool hs_detail(const struct report_sched *r)
{
	long ticks = 0, t;
	int i, k;

	if (r->workload->njobs > REPORT_HTML_DETAIL_JOBS)
		return false;
	/* An upper bound of each makespan: all the work, one after another,
	 * from the last arrival (switch costs and idling included). */
	t = 0;
	for (i = 0; i < r->workload->njobs; i++) {
		const struct sched_job *j = &r->workload->jobs[i];

		if (j->arrival > t)
			t = j->arrival;
	}
	for (i = 0; i < r->workload->njobs; i++) {
		for (k = 0; k < r->workload->jobs[i].nbursts; k++) {
			t += r->workload->jobs[i].bursts[k] *
			     (1 + (r->opts ? r->opts->switch_cost : 0));
			if (t > REPORT_HTML_DETAIL_TICKS)
				return false;	/* and no overflow */
		}
	}
	for (i = 0; i < r->npolicies; i++) {
		ticks += t + 1;
		if (ticks > REPORT_HTML_DETAIL_TICKS)
			return false;
	}
	return true;
}

int report_html_sched(FILE *out, const struct report_sched *r,
		      const struct report_html_config *cfg, char *err,
		      size_t errlen)
{
	struct report_sched rj = *r;
	char *js = NULL, title[512];
	size_t jn = 0;
	FILE *mem;
	int rc;

	if (!r->workload || r->workload->njobs <= 0 || r->npolicies <= 0) {
		snprintf(err, errlen, "nothing to report");
		return -EINVAL;
	}
	rj.format = REPORT_SCHED_JSON;
	rj.explain = rj.ready = hs_detail(r);
	/* the page is in the reader's language, its why lines too */
	rj.why_translated = true;
	mem = open_memstream(&js, &jn);
	if (!mem) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -ENOMEM;
	}
	rc = report_sched_write(mem, &rj, err, errlen);
	if (fclose(mem) && !rc) {
		snprintf(err, errlen, "out of memory");
		rc = -ENOMEM;
	}
	if (rc) {
		free(js);
		return rc;
	}
	snprintf(title, sizeof(title), _("Schedule: %s"),
		 r->title && *r->title ? r->title : "procviz sched");
	report_html_begin(out, "sched", title, cfg);
	report_html_data_begin(out);
	report_html_json(out, js, hl_trim(js, jn));
	report_html_end(out);
	free(js);
	if (fflush(out) != 0 || ferror(out)) {
		snprintf(err, errlen, "write error: %s", strerror(errno));
		return -EIO;
	}
	return 0;
}
