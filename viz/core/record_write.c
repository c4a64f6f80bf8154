/*
 * viz/core/record_write.c - the recorder: one JSON line per header,
 * sample and note (record.h), through the JSON writer (json.h).
 */
#include "viz/core/json.h"
#include "viz/core/record.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

struct recorder {
	FILE *f;		/* owned */
	struct json_writer w;	/* onto f */
	int err;		/* first write error, -errno */
};

struct recorder *recorder_new(FILE *f)
{
	struct recorder *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->f = f;
	json_writer_init_file(&r->w, r->f);
	return r;
}

struct recorder *recorder_open(const char *path)
{
	FILE *f = fopen(path, "we");
	struct recorder *r;
	int e;

	if (!f)
		return NULL;
	r = recorder_new(f);
	if (r)
		return r;
	e = errno;
	fclose(f);
	errno = e;
	return NULL;
}

/*
 * End a line: hand it to stdio (so an exit() flushes it like any stdio
 * output) and keep the first error.
 */
static void rec_end_line(struct recorder *r)
{
	int err;

	json_write_char(&r->w, '\n');
	err = json_writer_flush(&r->w);
	if (!r->err && err)
		r->err = err;
	if (!r->err && ferror(r->f))
		r->err = errno ? -errno : -EIO;
}

int recorder_header(struct recorder *r, const struct report_obs_header *h)
{
	struct json_writer *w = &r->w;

	json_write_fmt(w, "{\"kind\":\"header\",\"procviz_record\":%d,"
		       "\"source\":", RECORD_VERSION);
	json_write_string(w, h->source ? h->source : "");
	json_write_raw(w, ",\"scenario\":");
	json_write_string_or_null(w, h->scenario);
	json_write_raw(w, ",\"command\":");
	json_write_string_or_null(w, h->command);
	json_write_fmt(w, ",\"pid\":%d,\"interval_ms\":%d,\"event_source\":",
		       h->pid, h->interval_ms);
	json_write_string(w, h->event_source ? h->event_source : "poll");
	if (h->say_subreaper) {
		json_write_raw(w, ",\"subreaper\":");
		json_write_bool(w, h->subreaper);
	}
	if (h->sources) {
		json_write_raw(w, ",\"sources\":");
		json_write_string(w, h->sources);
	}
	if (h->threads)
		json_write_raw(w, ",\"threads\":true");
	json_write_char(w, '}');
	rec_end_line(r);
	fflush(r->f);
	if (!r->err && ferror(r->f))
		r->err = errno ? -errno : -EIO;
	return r->err;
}

/* ,"wait":{...}: what a task sleeps in, when it was read. */
static void rec_wait(struct json_writer *w, const struct snap_wait *wt)
{
	if (!wt->read)
		return;
	json_write_raw(w, ",\"wait\":{\"syscall\":");
	json_write_string(w, wt->syscall);
	json_write_raw(w, ",\"fd\":");
	json_write_string(w, wt->fd);
	json_write_raw(w, ",\"wchan\":");
	json_write_string(w, wt->wchan);
	json_write_char(w, '}');
}

static void rec_task(struct json_writer *w, const struct snap_task *t)
{
	char st[2] = { t->state ? t->state : '?', '\0' };

	json_write_fmt(w, "{\"pid\":%d,\"tid\":%d,\"state\":", t->pid,
		       t->tid);
	json_write_string(w, st);
	json_write_fmt(w, ",\"start\":%" PRIu64 ",\"cpu\":%" PRIu64,
		       t->start_ticks, t->cpu_ticks);
	if (t->has_schedstat)
		json_write_fmt(w, ",\"run_ns\":%" PRIu64 ",\"wait_ns\":%"
			       PRIu64, t->run_ns, t->wait_ns);
	json_write_raw(w, ",\"comm\":");
	json_write_string(w, t->comm);
	rec_wait(w, &t->wait);
	json_write_char(w, '}');
}

static void rec_proc(struct json_writer *w, const struct snap_proc *p)
{
	char st[2] = { p->state ? p->state : '?', '\0' };

	json_write_fmt(w, "{\"pid\":%d,\"ppid\":%d,\"pgid\":%d,\"sid\":%d,"
		       "\"state\":", p->pid, p->ppid, p->pgid, p->sid);
	json_write_string(w, st);
	json_write_fmt(w, ",\"threads\":%d,\"start\":%" PRIu64
		       ",\"cpu\":%" PRIu64, p->threads, p->start_ticks,
		       p->cpu_ticks);
	if (p->tty_nr)	/* optional: a recording without it has none */
		json_write_fmt(w, ",\"tty\":%d", p->tty_nr);
	if (p->has_schedstat)
		json_write_fmt(w, ",\"run_ns\":%" PRIu64 ",\"wait_ns\":%"
			       PRIu64, p->run_ns, p->wait_ns);
	json_write_fmt(w, ",\"exit_code\":%d,\"comm\":", p->exit_code);
	json_write_string(w, p->comm);
	if (p->comm_from != SNAP_COMM_READ)
		json_write_raw(w, p->comm_from == SNAP_COMM_ANNOUNCED ?
			       ",\"comm_from\":\"announced\"" :
			       ",\"comm_from\":\"inherited\"");
	json_write_raw(w, ",\"parent_comm\":");
	json_write_string(w, p->parent_comm);
	if (p->cmdline_valid) {
		json_write_raw(w, ",\"cmdline\":");
		json_write_string(w, p->cmdline);
	}
	if (p->exec_seen)
		json_write_raw(w, ",\"exec\":true");
	rec_wait(w, &p->wait);
	if (p->tasks_listed)
		json_write_raw(w, ",\"tasks_listed\":true");
	json_write_char(w, '}');
}

void recorder_tap_snapshot(const struct snapshot *s, void *arg)
{
	struct recorder *r = arg;
	struct json_writer *w = &r->w;
	size_t i;

	json_write_fmt(w, "{\"kind\":\"sample\",\"t_ms\":%" PRId64
		       ",\"full\":%s,\"interval_ms\":%d,\"procs\":[",
		       s->t_ms, s->full ? "true" : "false", s->interval_ms);
	for (i = 0; i < s->n_procs; i++) {
		if (i)
			json_write_char(w, ',');
		rec_proc(w, &s->procs[i]);
	}
	json_write_raw(w, "],\"vanished\":[");
	for (i = 0; i < s->n_vanished; i++)
		json_write_fmt(w, "%s{\"pid\":%d,\"exit_code\":%d,"
			       "\"reaped_by\":%d}", i ? "," : "",
			       s->vanished[i].pid, s->vanished[i].exit_code,
			       s->vanished[i].reaped_by);
	json_write_char(w, ']');
	if (s->n_tasks) {
		json_write_raw(w, ",\"tasks\":[");
		for (i = 0; i < s->n_tasks; i++) {
			if (i)
				json_write_char(w, ',');
			rec_task(w, &s->tasks[i]);
		}
		json_write_char(w, ']');
	}
	json_write_char(w, '}');
	rec_end_line(r);
}

void recorder_tap_note(int64_t t_ms, const char *text, void *arg)
{
	struct recorder *r = arg;
	char cut[MODEL_NOTE_LEN];

	/* The model keeps MODEL_NOTE_LEN - 1 bytes: so does the file. */
	snprintf(cut, sizeof(cut), "%s", text ? text : "");
	json_write_fmt(&r->w, "{\"kind\":\"note\",\"t_ms\":%" PRId64
		       ",\"text\":", t_ms);
	json_write_string(&r->w, cut);
	json_write_char(&r->w, '}');
	rec_end_line(r);
}

int recorder_close(struct recorder *r)
{
	int err;

	if (!r)
		return 0;
	err = json_writer_flush(&r->w);
	if (!r->err && err)
		r->err = err;
	if (!r->err && ferror(r->f))
		r->err = errno ? -errno : -EIO;
	err = r->err;
	if (fclose(r->f) && !err)
		err = errno ? -errno : -EIO;
	free(r);
	return err;
}
