/*
 * viz/core/report_obs.c - JSON Lines and text sinks for observation runs.
 */
#define _GNU_SOURCE		/* sigabbrev_np */
#include "viz/core/report_obs.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

int report_obs_format_parse(const char *s, enum report_obs_format *out)
{
	if (strcmp(s, "text") == 0)
		*out = REPORT_OBS_TEXT;
	else if (strcmp(s, "json") == 0)
		*out = REPORT_OBS_JSON;
	else
		return -EINVAL;
	return 0;
}

void report_obs_init(struct report_obs *r, FILE *out,
		     enum report_obs_format format)
{
	r->out = out;
	r->format = format;
}

/* A bounded string builder: keeps counting past the end, like snprintf. */
struct sb {
	char *buf;
	size_t len, used;
};

static void sb_printf(struct sb *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void sb_printf(struct sb *b, const char *fmt, ...)
{
	va_list ap;
	size_t room = b->used < b->len ? b->len - b->used : 0;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? b->buf + b->used : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		b->used += (size_t)n;
}

static void sb_putc(struct sb *b, char c)
{
	if (b->used + 1 < b->len) {
		b->buf[b->used] = c;
		b->buf[b->used + 1] = '\0';
	}
	b->used++;
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid. */
static int utf8_len(const unsigned char *s)
{
	int n, i;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0 && s[0] >= 0xc2)
		n = 2;
	else if ((s[0] & 0xf0) == 0xe0)
		n = 3;
	else if ((s[0] & 0xf8) == 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

/* A JSON string literal; invalid UTF-8 becomes U+FFFD. */
static void sb_json_str(struct sb *b, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	sb_putc(b, '"');
	while (*s) {
		int n;

		if (*s == '"' || *s == '\\') {
			sb_putc(b, '\\');
			sb_putc(b, (char)*s++);
		} else if (*s == '\n') {
			sb_printf(b, "\\n");
			s++;
		} else if (*s == '\t') {
			sb_printf(b, "\\t");
			s++;
		} else if (*s < 0x20 || *s == 0x7f) {
			sb_printf(b, "\\u%04x", *s++);
		} else if ((n = utf8_len(s)) > 0) {
			while (n--)
				sb_putc(b, (char)*s++);
		} else {
			sb_printf(b, "\\ufffd");
			s++;
		}
	}
	sb_putc(b, '"');
}

int report_obs_event_json(const struct model_event *ev, char *buf,
			  size_t len)
{
	struct sb b = { buf, len, 0 };

	if (len)
		buf[0] = '\0';
	sb_printf(&b, "{\"kind\":\"event\",\"t_ms\":%" PRId64 ",\"type\":\"%s\"",
		  ev->t_ms, model_event_name(ev->type));
	if (ev->type != MODEL_EV_NOTE)
		sb_printf(&b, ",\"pid\":%d", ev->pid);
	switch (ev->type) {
	case MODEL_EV_SPAWN:
		sb_printf(&b, ",\"ppid\":%d,\"comm\":", ev->ppid);
		sb_json_str(&b, ev->comm);
		sb_printf(&b, ",\"state\":\"%s\"",
			  model_state_name(ev->u.spawn.state));
		break;
	case MODEL_EV_EXEC:
		sb_printf(&b, ",\"comm\":");
		sb_json_str(&b, ev->comm);
		sb_printf(&b, ",\"cmdline\":");
		sb_json_str(&b, ev->u.exec.cmdline);
		if (ev->u.exec.renamed)
			sb_printf(&b, ",\"renamed\":true");
		sb_printf(&b, ",\"seen\":\"%s\"",
			  model_exec_seen_name(ev->u.exec.seen));
		break;
	case MODEL_EV_STATE:
		sb_printf(&b, ",\"from\":\"%s\",\"to\":\"%s\"",
			  model_state_name(ev->u.state.from),
			  model_state_name(ev->u.state.to));
		break;
	case MODEL_EV_THREADS:
		sb_printf(&b, ",\"count\":%d", ev->u.threads.count);
		break;
	case MODEL_EV_EXIT:
		if (ev->u.exit.signal > 0)	/* as the text line */
			sb_printf(&b, ",\"signal\":%d", ev->u.exit.signal);
		else if (ev->u.exit.status >= 0)
			sb_printf(&b, ",\"status\":%d", ev->u.exit.status);
		break;
	case MODEL_EV_REAP:
		sb_printf(&b, ",\"by\":%d,\"zombie_ms\":%" PRId64,
			  ev->u.reap.by, ev->u.reap.zombie_ms);
		break;
	case MODEL_EV_REPARENT:
		sb_printf(&b, ",\"from\":%d,\"to\":%d,\"to_comm\":",
			  ev->u.reparent.from, ev->u.reparent.to);
		sb_json_str(&b, ev->u.reparent.to_comm);
		break;
	case MODEL_EV_GONE:
		break;
	case MODEL_EV_NOTE:
		sb_printf(&b, ",\"text\":");
		sb_json_str(&b, ev->u.note.text);
		break;
	}
	sb_putc(&b, '}');
	return (int)b.used;
}

static const char *state_why(const struct model_event *ev)
{
	switch (ev->u.state.to) {
	case MODEL_ST_READY:
		return "runnable, waiting for a CPU";
	case MODEL_ST_BLOCKED:
		return "sleeping: waiting for an event or I/O";
	case MODEL_ST_STOPPED:
		return "stopped by a signal";
	default:
		return NULL;
	}
}

static void sb_duration(struct sb *b, int64_t ms)
{
	sb_printf(b, "%" PRId64 ".%03ds", ms / 1000, (int)(ms % 1000));
}

int report_obs_event_text(const struct model_event *ev, unsigned flags,
			  char *buf, size_t len)
{
	struct sb b = { buf, len, 0 };
	const char *arrow = flags & REPORT_OBS_TEXT_ASCII ? "->" : "→";
	const char *why;

	if (len)
		buf[0] = '\0';
	if (flags & REPORT_OBS_TEXT_TIME) {
		sb_putc(&b, '+');
		sb_duration(&b, ev->t_ms);
		sb_printf(&b, "  ");
	}
	if (ev->type == MODEL_EV_NOTE) {
		sb_printf(&b, "note: %s", ev->u.note.text);
		return (int)b.used;
	}
	sb_printf(&b, "%d %s  ", ev->pid, ev->comm);
	switch (ev->type) {
	case MODEL_EV_SPAWN:
		sb_printf(&b, "spawn  (child of %d, %s)", ev->ppid,
			  model_state_name(ev->u.spawn.state));
		break;
	case MODEL_EV_EXEC:
		if (ev->u.exec.seen == MODEL_EXEC_RENAME)
			sb_printf(&b, "renamed itself %s  (same command line)",
				  ev->comm);
		else if (ev->u.exec.seen == MODEL_EXEC_COMM)
			sb_printf(&b, "exec or rename to %s  (not seen)",
				  ev->comm);
		else
			sb_printf(&b, "exec  %s", ev->u.exec.cmdline[0] ?
				  ev->u.exec.cmdline : ev->comm);
		break;
	case MODEL_EV_STATE:
		sb_printf(&b, "%s %s %s", model_state_name(ev->u.state.from),
			  arrow, model_state_name(ev->u.state.to));
		if (ev->u.state.to == MODEL_ST_ZOMBIE)
			sb_printf(&b, "  (parent %d has not called wait)",
				  ev->ppid);
		else if ((why = state_why(ev)))
			sb_printf(&b, "  (%s)", why);
		break;
	case MODEL_EV_THREADS:
		sb_printf(&b, "threads %d %s %d", ev->u.threads.from, arrow,
			  ev->u.threads.count);
		break;
	case MODEL_EV_EXIT:
		/* The model says -1 for "not known"; 0 is no signal. */
		if (ev->u.exit.signal > 0) {
			const char *abbrev = sigabbrev_np(ev->u.exit.signal);

			sb_printf(&b, "exit  killed by signal %d",
				  ev->u.exit.signal);
			if (abbrev)
				sb_printf(&b, " (SIG%s)", abbrev);
		} else if (ev->u.exit.status >= 0) {
			sb_printf(&b, "exit  status %d", ev->u.exit.status);
		} else {
			sb_printf(&b, "exit");
		}
		break;
	case MODEL_EV_REAP:
		sb_printf(&b, "reaped by %d after ", ev->u.reap.by);
		sb_duration(&b, ev->u.reap.zombie_ms);
		sb_printf(&b, " as a zombie");
		break;
	case MODEL_EV_REPARENT:
		sb_printf(&b, "re-parented %d %s %d", ev->u.reparent.from,
			  arrow, ev->u.reparent.to);
		if (ev->u.reparent.to_comm[0])
			sb_printf(&b, " (%s)", ev->u.reparent.to_comm);
		break;
	case MODEL_EV_GONE:
		sb_printf(&b, "gone  (vanished without being seen as a zombie)");
		break;
	case MODEL_EV_NOTE:
		break;
	}
	return (int)b.used;
}

/*
 * h->sources ("poll,pidfd,...", NULL: just the event source) as JSON
 * strings separated by commas, or as words separated by ", ".
 */
static void header_sources(struct sb *b, const struct report_obs_header *h,
			   bool json)
{
	const char *p = h->sources ? h->sources : h->event_source;
	char word[32];
	bool first = true;

	while (p && *p) {
		size_t n = strcspn(p, ",");

		if (n && n < sizeof(word)) {
			memcpy(word, p, n);
			word[n] = '\0';
			if (!first)
				sb_printf(b, json ? "," : ", ");
			if (json)
				sb_json_str(b, word);
			else
				sb_printf(b, "%s", word);
			first = false;
		}
		p += n;
		if (*p)
			p++;
	}
}

void report_obs_header(struct report_obs *r,
		       const struct report_obs_header *h)
{
	char buf[1024];
	struct sb b = { buf, sizeof(buf), 0 };

	buf[0] = '\0';
	if (r->format == REPORT_OBS_JSON) {
		sb_printf(&b, "{\"kind\":\"header\",\"procviz\":1,\"source\":");
		sb_json_str(&b, h->source);
		if (h->scenario) {
			sb_printf(&b, ",\"scenario\":");
			sb_json_str(&b, h->scenario);
		}
		if (h->command) {
			sb_printf(&b, ",\"command\":");
			sb_json_str(&b, h->command);
		}
		if (h->pid > 0)
			sb_printf(&b, ",\"pid\":%d", h->pid);
		sb_printf(&b, ",\"interval_ms\":%d,\"event_source\":",
			  h->interval_ms);
		sb_json_str(&b, h->event_source);
		sb_printf(&b, ",\"sources\":[");
		header_sources(&b, h, true);
		sb_putc(&b, ']');
		if (h->say_subreaper)
			sb_printf(&b, ",\"subreaper\":%s",
				  h->subreaper ? "true" : "false");
		sb_putc(&b, '}');
	} else {
		sb_printf(&b, "# procviz %s", h->source);
		if (h->scenario)
			sb_printf(&b, " %s", h->scenario);
		if (h->command)
			sb_printf(&b, ": %s", h->command);
		if (h->pid > 0)
			sb_printf(&b, " %d", h->pid);
		sb_printf(&b, "  (interval %d ms, event source %s, sources ",
			  h->interval_ms, h->event_source);
		header_sources(&b, h, false);
		sb_printf(&b, "%s)",
			  !h->say_subreaper ? "" : h->subreaper ?
			  ", procviz is the subreaper" :
			  ", orphans go to the system's adopter");
	}
	fprintf(r->out, "%s\n", buf);
	fflush(r->out);
}

void report_obs_event(const struct model_event *ev, void *arg)
{
	struct report_obs *r = arg;
	char buf[2048];

	if (r->format == REPORT_OBS_JSON)
		report_obs_event_json(ev, buf, sizeof(buf));
	else
		report_obs_event_text(ev, REPORT_OBS_TEXT_TIME, buf,
				      sizeof(buf));
	fprintf(r->out, "%s\n", buf);
	fflush(r->out);
}

void report_obs_summary(struct report_obs *r, const struct model *m)
{
	if (r->format == REPORT_OBS_JSON)
		fprintf(r->out, "{\"kind\":\"summary\",\"processes\":%u,"
			"\"max_zombies\":%u,\"leftover\":%zu}\n",
			m->processes, m->max_zombies, model_alive(m));
	else
		fprintf(r->out,
			"# summary: processes %u, max_zombies %u, leftover %zu\n",
			m->processes, m->max_zombies, model_alive(m));
	fflush(r->out);
}
