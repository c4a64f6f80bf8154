/*
 * viz/core/lesson_int.h - the part of a running lesson every kind shares
 * (lesson.c), and what each kind adds through struct lesson_ops: a
 * built-in scenario (session.c), a lesson file (lesson_run.c).  Only
 * these include it.
 */
#ifndef PROCVIZ_VIZ_LESSON_INT_H
#define PROCVIZ_VIZ_LESSON_INT_H

#include "scenarios/launch.h"
#include "viz/core/lesson.h"

struct lesson_ops {
	const char *idle_fmt;	/* N_("scenario %s: not launched") */
	const char *start_fmt;	/* N_("cannot start scenario %s: %s") */
	const char *follow_fmt;	/* N_("cannot follow scenario %s: %s") */
	/*
	 * Start the main process into l->run, held before its exec (see
	 * scen_run_start), and set the kind's own state afresh.  0/-errno.
	 */
	int (*launch)(struct lesson *l);
	/* Follow the launched main process with l->obs.  0 or -errno. */
	int (*follow)(struct lesson *l);
	/*
	 * Take in what the lesson wrote and act on it: after each observer
	 * step, at the view's ticks, once more at the end.
	 */
	void (*take)(struct lesson *l);
	/* lesson_event(); NULL: the kind has no use for events. */
	void (*event)(struct lesson *l, const struct model_event *ev);
	/* The kind's own next deadline for take (clock_now_ms), or -1;
	 * NULL: none. */
	int64_t (*due_ms)(const struct lesson *l);
	/*
	 * Every process of the lesson has exited (the zombies' reaping is
	 * then awaited, bounded).  @now: clock_now_ms.
	 */
	bool (*ended)(struct lesson *l, int64_t now);
	/*
	 * Whether a lesson whose observer follows nothing more is over only
	 * once ended (or stopped) too: a built-in lesson's notes pipe must be
	 * read to its end.
	 */
	bool over_when_ended;
	/* lesson_key(), lesson_next(), lesson_waiting() (when running). */
	int (*key)(struct lesson *l, int key, char *msg, size_t len);
	int (*next)(struct lesson *l, char *msg, size_t len);
	bool (*waiting)(const struct lesson *l);
	/* lesson_failed() of the kind; called after lesson_end. */
	bool (*failed)(const struct lesson *l, char *msg, size_t len);
	/* Free the kind's own part and @l (after lesson_end). */
	void (*free)(struct lesson *l);
};

/* The first member of each kind's own struct. */
struct lesson {
	const struct lesson_ops *ops;	/* static */
	struct observer *obs;		/* borrowed */
	const char *label;		/* messages: its name or file; borrowed */
	const char *name;		/* the header's scenario; borrowed */
	const char *command;		/* the header's command, or NULL */
	struct lesson_opts o;
	struct scen_run run;		/* the main process, when running */
	bool running;			/* run is filled */
	bool stopping;			/* lesson_stop() killed it */
	int64_t stop_at_ms;		/* --duration: clock_now_ms() due, or
					 * -1 */
};

/*
 * Set @l up as a lesson of kind @ops over @obs (borrowed), not started.
 * Sets SIGCHLD to its default action (an ignored SIGCHLD makes the kernel
 * reap without zombies, and the lesson would show none).
 */
void lesson_init(struct lesson *l, const struct lesson_ops *ops,
		 const struct lesson_opts *o, struct observer *obs);

#endif
