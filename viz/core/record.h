/*
 * viz/core/record.h - recording an observation session (run, watch, attach)
 * and reading it back (procviz replay, procviz trace).
 *
 * A recording holds what the model was fed, not what it derived: every
 * snapshot (viz/core/snapshot.h) in the order the observer applied it, and
 * every note with its time.  Feeding them to a fresh model (model_apply,
 * model_note) derives the very same events through the same code, so a
 * replay prints what the live run printed.
 *
 * The file is JSON Lines (procviz(1) "RECORDING FORMAT"), one object per
 * line, "kind" always the first member:
 *
 *   {"kind":"header","procviz_record":1,"source":"run","scenario":"zombie",
 *    "command":null,"pid":0,"interval_ms":100,"event_source":"netlink"}
 *   {"kind":"sample","t_ms":12,"full":true,"interval_ms":100,
 *    "procs":[{"pid":42,"ppid":41,"pgid":41,"sid":7,"state":"R",
 *              "threads":1,"start":123,"cpu":5,"run_ns":1,"wait_ns":2,
 *              "exit_code":-1,"comm":"a","parent_comm":"b","cmdline":"a x"}],
 *    "vanished":[{"pid":40,"exit_code":0,"reaped_by":41}]}
 *   {"kind":"note","t_ms":40,"text":"step 1/3: ..."}
 *
 * Threads mode and waits (model.h "Tasks", "Waits") add, where read: in
 * a process "wait":{"syscall":..,"fd":..,"wchan":..} (present exactly
 * when it was read) and "tasks_listed":true; in a sample "tasks":[{"pid",
 * "tid","state","start","cpu","run_ns","wait_ns","comm","wait"}]; in the
 * header "threads":true.  Recordings without them replay as before.
 *
 * The header comes first and only once.  In a process, "run_ns" and
 * "wait_ns" are present exactly when schedstat was read, "cmdline"
 * exactly when the command line was (re-)read.  Members may come in any
 * order after "kind"; unknown members are skipped (later versions may
 * add some); blank lines are ignored.  Strings follow procviz's one JSON
 * string rule (viz/core/json.h): valid UTF-8 is kept as it is, a byte
 * that is not valid UTF-8 (a comm need not be UTF-8) is written as
 * U+FFFD and so replays as U+FFFD.
 *
 * The code: record_write.c (the recorder), record_schema.c (each line's
 * members), record_load.c (recordings in memory), over json.c.  Nothing
 * here prints or exits; errors come back as 0/-errno with a
 * "FILE:LINE:COL: expected ..." message.
 */
#ifndef PROCVIZ_VIZ_RECORD_H
#define PROCVIZ_VIZ_RECORD_H

#include "viz/core/model.h"
#include "viz/core/report_obs.h"
#include "viz/core/snapshot.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define RECORD_VERSION 1
#define RECORD_COMMAND_LEN 1024

/* ---- writing ----------------------------------------------------------- */

struct recorder;

/*
 * Create (truncate) @path for writing.  NULL with errno on failure: the
 * front end reports it and exits 2 before anything is started.
 */
struct recorder *recorder_open(const char *path);
/* A recorder writing to @f, which it owns from now on (recorder_close). */
struct recorder *recorder_new(FILE *f);
/* The header line (once, before any sample).  0 or -errno. */
int recorder_header(struct recorder *r, const struct report_obs_header *h);
/*
 * Observer taps (observer_config.tap_snapshot / tap_note with the
 * recorder as argument): append one line.  A write error is kept and
 * returned by recorder_close.
 */
void recorder_tap_snapshot(const struct snapshot *s, void *arg);
void recorder_tap_note(int64_t t_ms, const char *text, void *arg);
/*
 * Flush, close and free.  Returns 0, or the first -errno met while
 * writing.  NULL is a no-op returning 0.
 */
int recorder_close(struct recorder *r);

/* ---- reading ----------------------------------------------------------- */

struct record_header {
	char source[16];		/* "run", "watch", "attach" */
	char scenario[64];		/* "" unless run */
	char command[RECORD_COMMAND_LEN];	/* "" unless watch */
	int pid;			/* attach: the root, else 0 */
	int interval_ms;
	char event_source[16];		/* "netlink" or "poll" */
	bool say_subreaper;		/* run: "subreaper" was recorded */
	bool subreaper;
	bool threads;			/* started in threads mode */
	char sources[80];		/* "netlink,scenario"...; "" if none */
};

enum record_kind {
	RECORD_SAMPLE,
	RECORD_NOTE,
};

/* One line after the header, decoded. */
struct record_item {
	enum record_kind kind;
	int64_t t_ms;			/* SAMPLE: snap.t_ms too */
	struct snapshot snap;		/* SAMPLE (arrays owned) */
	char text[MODEL_NOTE_LEN];	/* NOTE */
};

void record_item_init(struct record_item *it);
void record_item_clear(struct record_item *it);

/*
 * A parsed recording: the header, and the items kept as their lines (the
 * file's text is owned), decoded again on demand by recording_item, so a
 * long lecture costs its file size, not one struct per process reading.
 */
struct recording {
	struct record_header header;
	char *text;			/* owned: the whole file */
	size_t len;
	size_t *item_off;		/* owned: offset of each item's line */
	int *item_line;			/* owned: its line number */
	size_t n_items, cap_items;
	int64_t last_t_ms;		/* time of the last item */
	char name[256];			/* file name, for messages */
};

void recording_init(struct recording *r);
void recording_clear(struct recording *r);

/*
 * Parse @len bytes of @data (copied) named @name in messages.  Every line
 * is checked in full.  Returns 0, or -EINVAL with "NAME:LINE:COL: what
 * was expected" in err[errlen] (-ENOMEM: "out of memory").  On error @out
 * is left empty (still to be cleared).
 */
int recording_parse_mem(const char *data, size_t len, const char *name,
			struct recording *out, char *err, size_t errlen);
/* Read and parse @path.  -errno from opening or reading, with a message. */
int recording_load(const char *path, struct recording *out, char *err,
		   size_t errlen);

/*
 * Decode item @i (< n_items) into @it (record_item_init'ed; its arrays
 * are reused).  0, or -ENOMEM (-EINVAL cannot happen after a parse).
 */
struct observer;
/*
 * Decode item @i into @it (as recording_item) and feed it to @obs (a
 * replay observer): a sample as observer_feed, a note as
 * observer_feed_note.  0 or -errno.  The one replay step of every
 * reader of a recording (replay, its views and pictures).
 */
int recording_feed(const struct recording *r, size_t i,
		   struct record_item *it, struct observer *obs);
int recording_item(const struct recording *r, size_t i,
		   struct record_item *it);

/* Fill a report header from the recording's (borrowing its strings). */
void recording_report_header(const struct recording *r,
			     struct report_obs_header *h);

#endif
