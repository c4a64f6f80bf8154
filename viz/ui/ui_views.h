/*
 * viz/ui/ui_views.h - the screens of procviz, as ui_view objects (ui.h), and
 * the one call front ends make to show them.  No curses here.
 *
 * A view constructor copies what it is given (the caller keeps ownership
 * of its arguments) and returns a view the loop will own, or NULL with a
 * message in err[errlen].
 */
#ifndef PROCVIZ_VIZ_UI_VIEWS_H
#define PROCVIZ_VIZ_UI_VIEWS_H

#include "sched/sched.h"
#include "viz/ui/ui.h"

#include <stddef.h>
#include <stdint.h>

/*
 * Open the terminal, run @views (ownership taken; @views[0] shown first)
 * until the user quits or a signal arrives, restore the terminal.  Back
 * (Esc) opens home through @home (ui_set_home; NULL: Back leaves).
 * Returns the exit status: 0, or 1 with "procviz: message" on stderr when
 * the terminal cannot be used (TERM dumb or unknown, not a terminal).
 */
int ui_main(struct ui_view **views, int n, ui_home_fn home, void *home_arg);


/*
 * The lockstep scheduler view: one lane per policy of @policies[0..n-1]
 * (names from sched_policy_names) on a copy of @w with @opts, all sharing
 * one time cursor.  @title names the workload ("jobs 24,3,3", a file, a
 * bundled workload).  NULL with a message if a policy is unknown or the
 * options are refused by the engine.  An empty @w (no jobs: home's "new
 * workload") opens the view in its workload table, empty; the lanes run
 * once jobs are applied.
 */
struct ui_view *ui_sched_view_new(const struct sched_workload *w,
				  const char *title,
				  const char *const *policies, int npolicies,
				  const struct sched_opts *opts, char *err,
				  size_t errlen);

/* ---- the lesson view ----------------------------------------------------- */

struct observer;

/*
 * What a running scenario adds to the lesson view.  Every member may be
 * NULL (watch and attach have none).  @arg is owned by the hooks and freed
 * with ->free when the view goes (which must also end the scenario's
 * processes); ->free runs before the view frees its observer, so the hooks
 * may borrow that observer until then.  Messages go to the status line,
 * never to the terminal.
 */
struct ui_lesson_hooks {
	void *arg;
	/* Text of the notes panel now ('\n' separates lines), or NULL. */
	const char *(*notes)(void *arg);
	/* Scenario keys for the keys line, "w:parent reaps now|...". */
	const char *(*keys)(void *arg);
	/*
	 * A key the view itself does not use: 1 handled, 0 not a scenario
	 * key, -errno failed (message in msg).
	 */
	int (*key)(void *arg, int key, char *msg, size_t len);
	/* 'n': next step (--step mode).  0, or -errno with msg. */
	int (*next)(void *arg, char *msg, size_t len);
	/* 's': SIGSTOP (frozen) or SIGCONT the scenario's processes. */
	int (*freeze)(void *arg, bool frozen, char *msg, size_t len);
	/* 'r': restart the scenario.  0, or -errno with msg. */
	int (*restart)(void *arg, char *msg, size_t len);
	/* Pacing: when to call ->tick next (ms, monotonic), -1 none. */
	long long (*next_tick_ms)(void *arg, long long now_ms);
	void (*tick)(void *arg, long long now_ms);
	void (*free)(void *arg);
	/*
	 * A pane of the lesson's own at the right (a lesson file's source):
	 * its width in a view of w x h (0: none, folded), and its drawing.
	 */
	int (*side_width)(void *arg, int w, int h);
	void (*draw_side)(void *arg, struct ui *ui, int y, int x, int h,
			  int w);
	/* Show SID and TTY columns (a lesson about sessions). */
	bool session_cols;
};

/*
 * The live lesson view over @o (ownership taken: freed with the view,
 * even on failure).  @title: "run zombie", "watch -- sleep 1", "attach
 * 42".  @hooks (copied; may be NULL): the scenario's part.
 */
struct ui_view *ui_lesson_view_new(struct observer *o, const char *title,
				   const struct ui_lesson_hooks *hooks,
				   char *err, size_t errlen);

/* ---- a running lesson: a built-in scenario, a lesson file --------------- */

struct scenario;
struct recorder;
struct lesson_file;

struct ui_run_opts {
	int interval_ms;	/* sampling period; 0 = default */
	int pace_ms;		/* a scenario: how long a state stays
				 * visible; 0 = default */
	bool step_mode;		/* a step waits for n */
	bool subreaper;		/* procviz adopts orphans (set up by the
				 * caller with prctl; shown in a note) */
	long long duration_ms;	/* stop the lesson after this; 0 = never
				 * (the view stays up to be read) */
	bool threads;		/* --threads (a lesson may turn it on) */
	bool no_netlink;	/* the observer's off switches (observer.h) */
	bool no_ptrace;
	struct recorder *record;	/* borrowed, may be NULL: record the
					 * session (viz/core/record.h); must
					 * outlive the view */
	/* The observer's step hook (observer.h), may be NULL. */
	void (*step_hook)(int64_t now_ms, void *arg);
	void *step_hook_arg;	/* borrowed; must outlive the view */
};

/*
 * Launch @scen (scenarios/launch.h) under a new observer and return the
 * lesson view that shows it, its notes and its controls.  Closing the view
 * kills and reaps every process of the scenario.  NULL with a message in
 * err[errlen] if it cannot be started (nothing is left running then).
 */
struct ui_view *ui_scenario_view_new(const struct scenario *scen,
				     const struct ui_run_opts *o,
				     char *err, size_t errlen);

/*
 * Launch the lesson file @lf (loaded and anchored; borrowed, it must
 * outlive the view, unless @owned) and return the lesson view that
 * shows it with its notes, keys and source pane, as ui_scenario_view_new
 * does a scenario.  With @owned the view frees @lf (lesson_file_clear,
 * free) when it goes, also on failure.
 */
struct ui_view *ui_lesson_file_view_new(struct lesson_file *lf, bool owned,
					const struct ui_run_opts *o,
					char *err, size_t errlen);

/* ---- home ---------------------------------------------------------------- */

enum ui_home_kind {
	UI_HOME_LESSON,		/* a scenario: real processes */
	UI_HOME_WORKLOAD,	/* a scheduling workload: simulated */
};

struct ui_home_item {
	enum ui_home_kind kind;
	const char *name;		/* "zombie", "convoy" */
	const char *description;	/* one line */
	const char *group;		/* heading it is listed under (the
					 * lesson's chapter), or NULL; items
					 * of a group are adjacent */
	bool drive;			/* workloads: run it as `procviz
					 * drive` (real processes) */
	bool file;			/* lessons: a lesson file (name:
					 * its file name, lesson_dirs.h) */
};

/*
 * Start @it: return the view to show (the loop takes it), or NULL with a
 * message in err[errlen] (shown on the status line).
 */
typedef struct ui_view *(*ui_home_start_fn)(void *arg,
					    const struct ui_home_item *it,
					    char *err, size_t errlen);

/*
 * The home screen (->home set): the lessons and the workloads in two
 * lists; Enter starts the selected one through @start (@arg borrowed for
 * the view's life).  @items[0..n-1] are copied.  What the lists hold is
 * the front end's choice (viz/cmd/cmd_home.c).
 */
struct ui_view *ui_home_view_new(const struct ui_home_item *items, int n,
				 ui_home_start_fn start, void *arg, char *err,
				 size_t errlen);

#endif
