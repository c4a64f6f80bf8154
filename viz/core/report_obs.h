/*
 * viz/core/report_obs.h - headless sinks for observation runs (run, watch,
 * attach): JSON Lines exactly as in procviz.1
 * "OBSERVATION EVENTS AND STATES", or readable text.
 *
 * JSON: a header line, one line per event in the order given, a summary
 * line.  Text: a "# ..." header line, one line per event such as
 *   +1.204s  4242 zombie-child  running → zombie  (parent 4241 has not called wait)
 *   +1.300s  4242/4250 worker-1  running → blocked: waiting for a lock (futex)
 * (a thread's events name it PID/TID, procviz.1 "TASKS AND WAITS").
 * and a "# ..." summary line.  Output is flushed after every line, so a
 * pipe reader sees events as they happen.
 *
 * report_obs_event() has the observer_sink_fn signature: pass the
 * struct report_obs as the sink argument.
 */
#ifndef PROCVIZ_VIZ_REPORT_OBS_H
#define PROCVIZ_VIZ_REPORT_OBS_H

#include "viz/core/model.h"

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum report_obs_format {
	REPORT_OBS_TEXT,
	REPORT_OBS_JSON,
};

struct report_obs {
	FILE *out;			/* borrowed */
	enum report_obs_format format;
	int err;			/* errno of the first failed write, or 0 */
	/*
	 * Set to 1 when a write fails (the reader of a pipe went away,
	 * a full disk), so that the command's loop ends the run the normal
	 * way; NULL: nobody to tell.  Borrowed.
	 */
	volatile sig_atomic_t *stop;
};

struct report_obs_header {
	const char *source;		/* "run", "watch", "attach" */
	const char *scenario;		/* run only, else NULL */
	const char *command;		/* watch: the command line, else NULL */
	int pid;			/* attach: the root pid, else 0 */
	int interval_ms;
	const char *event_source;	/* "netlink" or "poll" */
	/*
	 * Every source in use, comma-separated (observer_sources()), e.g.
	 * "poll,pidfd,pidfd-exit,marker,scenario"; NULL: event_source alone.
	 */
	const char *sources;
	bool say_subreaper;		/* run: print "subreaper" */
	bool subreaper;			/* procviz adopts orphans */
	bool threads;			/* threads mode: "threads":true */
};

/* Parse "text" or "json".  Returns 0 or -EINVAL. */
int report_obs_format_parse(const char *s, enum report_obs_format *out);

void report_obs_init(struct report_obs *r, FILE *out,
		     enum report_obs_format format);
void report_obs_header(struct report_obs *r,
		       const struct report_obs_header *h);
/* Sink callback: @arg is a struct report_obs *. */
void report_obs_event(const struct model_event *ev, void *arg);
/* Summary: processes, max_zombies, leftover (= model_alive(m)). */
void report_obs_summary(struct report_obs *r, const struct model *m);
/*
 * 0 if every write so far reached r->out, else -errno of the first that
 * did not (-EPIPE: the reader went away).
 */
int report_obs_error(const struct report_obs *r);

/* Flags of report_obs_event_text(). */
enum {
	REPORT_OBS_TEXT_TIME = 1u << 0,	/* the "+1.204s  " prefix */
	REPORT_OBS_TEXT_ASCII = 1u << 1,	/* "->" for the arrow "→" */
};

/*
 * Format one event as the text line (no newline) into buf[len]: the one
 * wording of each event, for --format text and the views' event log
 * alike.  @flags: REPORT_OBS_TEXT_*.  Returns the length it needed (like
 * snprintf).
 */
int report_obs_event_text(const struct model_event *ev, unsigned flags,
			  char *buf, size_t len);
/*
 * A move to blocked in words: "blocked: waiting for a lock (futex)", or
 * "blocked (waiting for what: not visible)" for WAIT_NONE.  Like snprintf.
 */
int report_obs_wait_text(enum wait_kind w, const char *syscall,
			 const char *wchan, char *buf, size_t len);
/* The JSON line for one event (no newline) into buf[len]; like snprintf. */
int report_obs_event_json(const struct model_event *ev, char *buf,
			  size_t len);

#endif
