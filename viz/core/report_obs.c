/*
 * viz/core/report_obs.c - JSON Lines and text sinks for observation runs.
 */
#define _GNU_SOURCE		/* sigabbrev_np */
#include "viz/core/report_obs.h"

#include "viz/core/json.h"
#include "common/i18n.h"

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
	r->err = 0;
	r->stop = NULL;
}

/* Flush r->out; the first failure is kept and stops the run. */
static void report_obs_flush(struct report_obs *r)
{
	errno = 0;
	if (fflush(r->out) == 0 && !ferror(r->out))
		return;
	if (!r->err)
		r->err = errno ? errno : EIO;
	if (r->stop)
		*r->stop = 1;
}

int report_obs_error(const struct report_obs *r)
{
	return -r->err;
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

/* The JSON object of one event (no newline). */
/* "wait", "syscall", "fd", "wchan" of a move to blocked, where known. */
static void event_json_wait(struct json_writer *w,
			    const struct model_event *ev)
{
	const char *name = wait_name(ev->wait);

	if (name)
		json_write_fmt(w, ",\"wait\":\"%s\"", name);
	if (ev->syscall[0]) {
		json_write_raw(w, ",\"syscall\":");
		json_write_string(w, ev->syscall);
	}
	if (ev->fd[0]) {
		json_write_raw(w, ",\"fd\":");
		json_write_string(w, ev->fd);
	}
	if (ev->wchan[0]) {
		json_write_raw(w, ",\"wchan\":");
		json_write_string(w, ev->wchan);
	}
}

static void event_json(struct json_writer *w, const struct model_event *ev)
{
	json_write_fmt(w, "{\"kind\":\"event\",\"t_ms\":%" PRId64
		       ",\"type\":\"%s\"", ev->t_ms,
		       model_event_name(ev->type));
	if (ev->type != MODEL_EV_NOTE)
		json_write_fmt(w, ",\"pid\":%d", ev->pid);
	if (ev->tid)
		json_write_fmt(w, ",\"tid\":%d", ev->tid);
	switch (ev->type) {
	case MODEL_EV_SPAWN:
		/* A thread has no parent of its own: no ppid. */
		if (!ev->tid)
			json_write_fmt(w, ",\"ppid\":%d", ev->ppid);
		json_write_raw(w, ",\"comm\":");
		json_write_string(w, ev->comm);
		json_write_fmt(w, ",\"state\":\"%s\"",
			       model_state_name(ev->u.spawn.state));
		if (ev->u.spawn.state == MODEL_ST_BLOCKED)
			event_json_wait(w, ev);
		break;
	case MODEL_EV_EXEC:
		json_write_raw(w, ",\"comm\":");
		json_write_string(w, ev->comm);
		if (!ev->tid) {
			json_write_raw(w, ",\"cmdline\":");
			json_write_string(w, ev->u.exec.cmdline);
		}
		if (ev->u.exec.renamed)
			json_write_raw(w, ",\"renamed\":true");
		json_write_fmt(w, ",\"seen\":\"%s\"",
			       model_exec_seen_name(ev->u.exec.seen));
		break;
	case MODEL_EV_STATE:
		json_write_fmt(w, ",\"from\":\"%s\",\"to\":\"%s\"",
			       model_state_name(ev->u.state.from),
			       model_state_name(ev->u.state.to));
		if (ev->u.state.to == MODEL_ST_BLOCKED)
			event_json_wait(w, ev);
		break;
	case MODEL_EV_THREADS:
		json_write_fmt(w, ",\"count\":%d", ev->u.threads.count);
		break;
	case MODEL_EV_EXIT:
		if (ev->u.exit.signal > 0)	/* as the text line */
			json_write_fmt(w, ",\"signal\":%d", ev->u.exit.signal);
		else if (ev->u.exit.status >= 0)
			json_write_fmt(w, ",\"status\":%d", ev->u.exit.status);
		break;
	case MODEL_EV_REAP:
		json_write_fmt(w, ",\"by\":%d,\"zombie_ms\":%" PRId64,
			       ev->u.reap.by, ev->u.reap.zombie_ms);
		break;
	case MODEL_EV_REPARENT:
		json_write_fmt(w, ",\"from\":%d,\"to\":%d,\"to_comm\":",
			       ev->u.reparent.from, ev->u.reparent.to);
		json_write_string(w, ev->u.reparent.to_comm);
		break;
	case MODEL_EV_GONE:
		break;
	case MODEL_EV_NOTE:
		json_write_raw(w, ",\"text\":");
		json_write_string(w, ev->u.note.text);
		break;
	}
	json_write_char(w, '}');
}

int report_obs_event_json(const struct model_event *ev, char *buf,
			  size_t len)
{
	struct json_writer w;

	json_writer_init_mem(&w, buf, len);
	event_json(&w, ev);
	return (int)json_writer_len(&w);
}

static const char *state_why(const struct model_event *ev)
{
	switch (ev->u.state.to) {
	case MODEL_ST_READY:
		return _("runnable, waiting for a CPU");
	case MODEL_ST_STOPPED:
		return _("stopped by a signal");
	default:
		return NULL;
	}
}

int report_obs_wait_text(enum wait_kind w, const char *syscall,
			 const char *wchan, char *buf, size_t len)
{
	struct sb b = { buf, len, 0 };
	const char *phrase;

	if (len)
		buf[0] = '\0';
	if (w == WAIT_NONE) {
		sb_printf(&b, "%s", _("blocked (waiting for what: not visible)"));
		return (int)b.used;
	}
	phrase = _(wait_phrase_of(w, syscall, wchan));
	sb_printf(&b, _("blocked: waiting for %s"), phrase);
	/* Not twice: "any of several files (poll)" names it already. */
	if (syscall && *syscall) {
		if (!strstr(phrase, syscall))
			sb_printf(&b, " (%s)", syscall);
	} else if (wchan && *wchan)
		sb_printf(&b, _(" (in %s)"), wchan);
	else if (w == WAIT_DISK)
		sb_printf(&b, "%s", _(" (state D)"));
	return (int)b.used;
}

static void sb_duration(struct sb *b, int64_t ms)
{
	sb_printf(b, "%" PRId64 ".%03ds", ms / 1000, (int)(ms % 1000));
}

/* The text of a spawn (a process, or a thread under --threads). */
static void event_text_spawn(struct sb *b, const struct model_event *ev)
{
	char w[160];

	if (ev->u.spawn.state == MODEL_ST_BLOCKED)
		report_obs_wait_text(ev->wait, ev->syscall, ev->wchan,
				     w, sizeof(w));
	else
		snprintf(w, sizeof(w), "%s",
			 _(model_state_name(ev->u.spawn.state)));
	if (ev->tid)
		sb_printf(b, _("thread started  (%s)"), w);
	else
		sb_printf(b, _("spawn  (child of %d, %s)"), ev->ppid, w);
}

static void event_text_exec(struct sb *b, const struct model_event *ev)
{
	if (ev->u.exec.renamed && ev->tid)
		sb_printf(b, _("thread renamed itself %s"), ev->comm);
	else if (ev->u.exec.seen == MODEL_EXEC_RENAME)
		sb_printf(b, _("renamed itself %s  (same command line)"),
			  ev->comm);
	else if (ev->u.exec.seen == MODEL_EXEC_COMM)
		sb_printf(b, _("exec or rename to %s  (not seen)"),
			  ev->comm);
	else
		sb_printf(b, _("exec  %s"), ev->u.exec.cmdline[0] ?
			  ev->u.exec.cmdline : ev->comm);
}

static void event_text_state(struct sb *b, const struct model_event *ev,
			     const char *arrow)
{
	const char *why;

	sb_printf(b, "%s %s ", _(model_state_name(ev->u.state.from)),
		  arrow);
	if (ev->u.state.to == MODEL_ST_BLOCKED) {
		char w[160];

		report_obs_wait_text(ev->wait, ev->syscall,
				     ev->wchan, w, sizeof(w));
		sb_printf(b, "%s", w);
	} else {
		sb_printf(b, "%s", _(model_state_name(ev->u.state.to)));
	}
	if (ev->u.state.to == MODEL_ST_ZOMBIE)
		sb_printf(b, _("  (parent %d has not called wait)"),
			  ev->ppid);
	else if ((why = state_why(ev)))
		sb_printf(b, "  (%s)", why);
}

static void event_text_exit(struct sb *b, const struct model_event *ev)
{
	/* The model says -1 for "not known"; 0 is no signal. */
	if (ev->tid) {
		sb_printf(b, "%s", _("thread ended"));
	} else if (ev->u.exit.signal > 0) {
		const char *abbrev = sigabbrev_np(ev->u.exit.signal);

		sb_printf(b, _("exit  killed by signal %d"),
			  ev->u.exit.signal);
		if (abbrev)
			sb_printf(b, " (SIG%s)", abbrev);
	} else if (ev->u.exit.status >= 0) {
		sb_printf(b, _("exit  status %d"), ev->u.exit.status);
	} else {
		sb_printf(b, "%s", _("exit"));
	}
}

int report_obs_event_text(const struct model_event *ev, unsigned flags,
			  char *buf, size_t len)
{
	struct sb b = { buf, len, 0 };
	const char *arrow = flags & REPORT_OBS_TEXT_ASCII ? "->" : "→";

	if (len)
		buf[0] = '\0';
	if (flags & REPORT_OBS_TEXT_TIME) {
		sb_putc(&b, '+');
		sb_duration(&b, ev->t_ms);
		sb_printf(&b, "  ");
	}
	if (ev->type == MODEL_EV_NOTE) {
		sb_printf(&b, _("note: %s"), ev->u.note.text);
		return (int)b.used;
	}
	if (ev->tid)
		sb_printf(&b, "%d/%d %s  ", ev->pid, ev->tid, ev->comm);
	else
		sb_printf(&b, "%d %s  ", ev->pid, ev->comm);
	switch (ev->type) {
	case MODEL_EV_SPAWN:
		event_text_spawn(&b, ev);
		break;
	case MODEL_EV_EXEC:
		event_text_exec(&b, ev);
		break;
	case MODEL_EV_STATE:
		event_text_state(&b, ev, arrow);
		break;
	case MODEL_EV_THREADS:
		sb_printf(&b, _("threads %d %s %d"), ev->u.threads.from, arrow,
			  ev->u.threads.count);
		break;
	case MODEL_EV_EXIT:
		event_text_exit(&b, ev);
		break;
	case MODEL_EV_REAP:
		{
			char d[32];
			struct sb db = { d, sizeof(d), 0 };

			sb_duration(&db, ev->u.reap.zombie_ms);
			sb_printf(&b, _("reaped by %d after %s as a zombie"),
				  ev->u.reap.by, d);
		}
		break;
	case MODEL_EV_REPARENT:
		sb_printf(&b, _("re-parented %d %s %d"), ev->u.reparent.from,
			  arrow, ev->u.reparent.to);
		if (ev->u.reparent.to_comm[0])
			sb_printf(&b, " (%s)", ev->u.reparent.to_comm);
		break;
	case MODEL_EV_GONE:
		sb_printf(&b, "%s",
			  _("gone  (vanished without being seen as a zombie)"));
		break;
	case MODEL_EV_NOTE:
		break;
	}
	return (int)b.used;
}

/*
 * The next word of a comma-separated list at *p into word[len] (words too
 * long are skipped); false at the end.
 */
static bool next_source(const char **p, char *word, size_t len)
{
	while (*p && **p) {
		size_t n = strcspn(*p, ",");
		bool fits = n && n < len;

		if (fits) {
			memcpy(word, *p, n);
			word[n] = '\0';
		}
		*p += n;
		if (**p)
			(*p)++;
		if (fits)
			return true;
	}
	return false;
}

/* h->sources ("poll,pidfd,...", NULL: just the event source). */
static const char *header_sources(const struct report_obs_header *h)
{
	return h->sources ? h->sources : h->event_source;
}

static void header_json(struct json_writer *w,
			const struct report_obs_header *h)
{
	const char *p = header_sources(h);
	char word[32];
	bool first = true;

	json_write_raw(w, "{\"kind\":\"header\",\"procviz\":1,\"source\":");
	json_write_string(w, h->source);
	if (h->scenario) {
		json_write_raw(w, ",\"scenario\":");
		json_write_string(w, h->scenario);
	}
	if (h->command) {
		json_write_raw(w, ",\"command\":");
		json_write_string(w, h->command);
	}
	if (h->pid > 0)
		json_write_fmt(w, ",\"pid\":%d", h->pid);
	json_write_fmt(w, ",\"interval_ms\":%d,\"event_source\":",
		       h->interval_ms);
	json_write_string(w, h->event_source);
	json_write_raw(w, ",\"sources\":[");
	while (next_source(&p, word, sizeof(word))) {
		if (!first)
			json_write_char(w, ',');
		json_write_string(w, word);
		first = false;
	}
	json_write_char(w, ']');
	if (h->say_subreaper) {
		json_write_raw(w, ",\"subreaper\":");
		json_write_bool(w, h->subreaper);
	}
	if (h->threads)
		json_write_raw(w, ",\"threads\":true");
	json_write_char(w, '}');
}

static void header_text(FILE *out, const struct report_obs_header *h)
{
	const char *p = header_sources(h);
	char word[32];
	bool first = true;

	fprintf(out, "# procviz %s%s%s%s%s", h->source,
		h->scenario ? " " : "", h->scenario ? h->scenario : "",
		h->command ? ": " : "", h->command ? h->command : "");
	if (h->pid > 0)
		fprintf(out, " %d", h->pid);
	fprintf(out, _("  (interval %d ms, event source %s, sources "),
		h->interval_ms, h->event_source);
	while (next_source(&p, word, sizeof(word))) {
		fprintf(out, "%s%s", first ? "" : ", ", word);
		first = false;
	}
	/* TRANSLATORS: the bracket that closes the header line */
	fprintf(out, "%s%s%s\n", !h->say_subreaper ? "" : h->subreaper ?
		_(", procviz is the subreaper") :
		_(", orphans go to the system's adopter"),
		_(")"), h->threads ? _("  threads shown as tasks") : "");
}

void report_obs_header(struct report_obs *r,
		       const struct report_obs_header *h)
{
	struct json_writer w;

	if (r->format == REPORT_OBS_JSON) {
		json_writer_init_file(&w, r->out);
		header_json(&w, h);
		json_write_char(&w, '\n');
		json_writer_flush(&w);
	} else {
		header_text(r->out, h);
	}
	report_obs_flush(r);
}

void report_obs_event(const struct model_event *ev, void *arg)
{
	struct report_obs *r = arg;
	struct json_writer w;
	char buf[2048];

	if (r->format == REPORT_OBS_JSON) {
		json_writer_init_file(&w, r->out);
		event_json(&w, ev);
		json_write_char(&w, '\n');
		json_writer_flush(&w);
	} else {
		report_obs_event_text(ev, REPORT_OBS_TEXT_TIME, buf,
				      sizeof(buf));
		fprintf(r->out, "%s\n", buf);
	}
	report_obs_flush(r);
}

void report_obs_summary(struct report_obs *r, const struct model *m)
{
	if (r->format == REPORT_OBS_JSON)
		fprintf(r->out, "{\"kind\":\"summary\",\"processes\":%u,"
			"\"max_zombies\":%u,\"leftover\":%zu}\n",
			m->processes, m->max_zombies, model_alive(m));
	else
		fprintf(r->out,
			_("# summary: processes %u, max_zombies %u, leftover %zu\n"),
			m->processes, m->max_zombies, model_alive(m));
	report_obs_flush(r);
}
