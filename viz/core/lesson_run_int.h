/*
 * viz/core/lesson_run_int.h - the state of a running lesson file, shared
 * by lesson_run.c (launch, triggers, steps) and lesson_keys.c (keys, the
 * program's output, its hidden entry).  Nothing else includes it.
 */
#ifndef PROCVIZ_VIZ_LESSON_RUN_INT_H
#define PROCVIZ_VIZ_LESSON_RUN_INT_H

#include "viz/core/lesson_int.h"
#include "viz/core/lesson_run.h"

#include <regex.h>

#define LRUN_LINE 256		/* bytes of a printed line kept */
#define LRUN_SEEN_MAX 512	/* recent events kept for the triggers */

/* What a trigger looks at in an event (lesson_run.c). */
struct lrun_seen {
	int64_t t_ms;
	unsigned char type;	/* enum model_event_type */
	unsigned char to;	/* state: to; spawn: its state */
	unsigned char wait;	/* enum wait_kind */
	bool thread;
	char comm[SNAP_COMM_LEN];
};

struct lrun {
	struct lesson l;		/* first: the lesson it is (its run:
					 * the command; l.stopping: we
					 * killed it, no failure) */
	const struct lesson_file *lf;	/* borrowed */
	bool main_signalled;		/* a lesson key signalled the main
					 * process: its death is no failure */
	int next;			/* steps fired */
	int noted;			/* of which have their note out */
	bool ready;			/* step mode: next's trigger came */
	int64_t step_ms;		/* clock_now_ms of the last step */
	int64_t fired_t_ms;		/* model time the last step fired */
	int64_t event_t_ms;		/* the event that fired it, or -1 */
	int64_t event_seen, fired_seen;	/* its index in seen, or -1 */
	struct lrun_seen seen[LRUN_SEEN_MAX];	/* ring of recent events */
	int64_t nseen;			/* events seen in all */
	int64_t sweep_ms;		/* next /proc sweep (lrun_ended) */
	regex_t re[LF_MAX_STEPS];	/* output-match triggers */
	bool re_ok[LF_MAX_STEPS];
	char buf[2 * LRUN_LINE];	/* a partial printed line */
	size_t blen;
	bool skip_line;			/* dropping a long line's rest */
	char out[LRUN_OUT_LINES][LRUN_LINE];	/* last printed lines */
	int nout;			/* lines printed in all */
	struct lrun_at at[LRUN_MAX_AT];	/* newest first */
	int nat;
	bool paused[LF_MAX_KEYS];	/* pause keys: stopped now */
	char failure[MODEL_NOTE_LEN];
	bool failure_noted;
	char command[1024];		/* the command line (header) */
	char name[64];			/* the file's name (header) */
};

/* lesson_run.c: the lrun that @l is. */
struct lrun *lrun_of(const struct lesson *l);
/* lesson_run.c: what the program printed, the steps due, its failure. */
void lrun_tick(struct lesson *l);
/* lesson_keys.c: a lesson key, n (lesson_ops.key, .next). */
int lrun_key(struct lesson *l, int key, char *msg, size_t len);
int lrun_next(struct lesson *l, char *msg, size_t len);
/* lesson_run.c: fire the next step now (its note at the next tick). */
void lrun_fire(struct lrun *r);
/* lesson_run.c: a line the program printed. */
void lrun_line(struct lrun *r, const char *line);
/* lesson_keys.c: read what the program printed, line by line. */
void lrun_read(struct lrun *r);
/* lesson_keys.c: "NAME [PID]" of a "procviz-at:" line. */
void lrun_take_at(struct lrun *r, const char *rest);

#endif
