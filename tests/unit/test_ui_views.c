/*
 * tests/unit/test_ui_views.c - the real views in the session, without a
 * terminal: ncurses on a temporary file and a pipe (ui_open_stream), the
 * keys handed in with ui_key(), the screen read back with winnstr.  The
 * C locale is kept, so the screen is ASCII.
 *
 * What it proves: the lesson view's event log words every event exactly
 * as `--format text` does (report_obs_event_text, with "->" in ASCII);
 * each view's keys line, help overlay and dialog hints come from its key
 * table and its keys do what the table says (lesson, sched, home).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sched/sched.h"
#include "viz/core/observer.h"
#include "viz/core/report_obs.h"
#include "viz/core/snapshot.h"
#include "viz/ui/ui.h"
#include "viz/ui/ui_keys.h"
#include "viz/ui/ui_views.h"
#include "tests/unit/ui_testlib.h"
#include "tests/unit/viz_testlib.h"

/* Fail with the whole screen when @text is not on it. */
static void expect_on_screen(const char *text)
{
	int y;

	if (screen_has(text))
		return;
	for (y = 0; y < LINES; y++)
		print_message("%2d|%s\n", y, row(y));
	fail_msg("not on the screen: \"%s\"", text);
}

/* The first screen row that starts with @text, or -1. */
static int row_of(const char *text)
{
	int y;

	for (y = 0; y < LINES; y++)
		if (strncmp(row(y), text, strlen(text)) == 0)
			return y;
	return -1;
}

static const char *keys_line(void)
{
	return row(LINES - 1);
}

/* ---- the lesson view ----------------------------------------------------- */

/*
 * A replay observer fed a parent and a child that is killed by SIGKILL
 * and reaped, then a note: spawn, state, exit, reap and note events.
 */
static struct ui_view *lesson_over_a_replay(struct observer **out)
{
	struct observer_config cfg = { .interval_ms = 100 };
	struct observer *o = observer_new_replay(&cfg, "poll");
	struct snapshot s;
	struct ui_view *v;
	char err[256];

	assert_non_null(o);
	snapshot_init(&s);
	snapshot_reset(&s, 0, true);
	vt_proc(&s, 10, 1, "parent", 'S');
	vt_proc(&s, 11, 10, "child", 'S');
	assert_int_equal(observer_feed(o, &s), 0);
	snapshot_reset(&s, 100, true);
	vt_proc(&s, 10, 1, "parent", 'S');
	vt_proc(&s, 11, 10, "child", 'Z')->exit_code = 9;
	assert_int_equal(observer_feed(o, &s), 0);
	snapshot_reset(&s, 200, true);
	vt_proc(&s, 10, 1, "parent", 'S');
	assert_int_equal(snapshot_add_vanished(&s, 11, 9, 10), 0);
	assert_int_equal(observer_feed(o, &s), 0);
	assert_int_equal(observer_feed_note(o, 250, "a note"), 0);
	snapshot_clear(&s);
	v = ui_lesson_view_new(o, "replay test", NULL, err, sizeof(err));
	if (!v)
		fail_msg("lesson view: %s", err);
	*out = o;
	return v;
}

static void lesson_log_words_events_as_format_text(void **state)
{
	struct ui_fixture *fx = *state;
	struct observer *o;
	struct ui_view *v = lesson_over_a_replay(&o);
	const struct model *m = observer_model(o);
	char text[512];
	size_t i;
	bool zombie = false;

	ui_push(fx->ui, v);
	ui_resize(fx->ui, 40, 160);
	ui_redraw(fx->ui);
	assert_true(model_log_count(m) >= 5);
	for (i = 0; i < model_log_count(m); i++) {
		const struct model_event *e = model_log_get(m, i);

		report_obs_event_text(e, REPORT_OBS_TEXT_TIME |
				      REPORT_OBS_TEXT_ASCII, text,
				      sizeof(text));
		expect_on_screen(text);
		zombie |= e->type == MODEL_EV_STATE &&
			  e->u.state.to == MODEL_ST_ZOMBIE;
	}
	assert_true(zombie);
	expect_on_screen("+0.100s  11 child  blocked -> zombie  (parent 10 "
			 "has not called wait)");
	expect_on_screen("11 child  exit  killed by signal 9 (SIGKILL)");
	expect_on_screen("note: a note");
}

static void lesson_keys_line_help_and_keys_from_its_table(void **state)
{
	struct ui_fixture *fx = *state;
	struct observer *o;

	ui_push(fx->ui, lesson_over_a_replay(&o));
	ui_resize(fx->ui, 40, 160);
	ui_redraw(fx->ui);
	assert_string_equal(keys_line(),
			    "q/F10 quit space pause s freeze n next "
			    "Left/Right timeline +/- sampling </> zoom "
			    "Up/Down select k signal r restart / filter "
			    "H threads "
			    "Esc home ?/F1 help");
	ui_key(fx->ui, '?');
	ui_redraw(fx->ui);
	expect_on_screen("H           show/hide threads as task rows under "
			 "their process");
	expect_on_screen("lock      a mutex, semaphore, event (futex) or "
			 "file lock");
	expect_on_screen("space       pause/resume the display (processes "
			 "keep running)");
	expect_on_screen("k           send the selected process a signal");
	expect_on_screen("States: R running");
	assert_string_equal(keys_line(), "Up/Down scroll PgUp/PgDn page "
			    "Home/End top/end Esc close");
	ui_key(fx->ui, 'x');	/* any other key closes the help */
	ui_redraw(fx->ui);
	assert_false(screen_has("States: R running"));
	/* k on a recording: no signal dialog, a warning. */
	ui_key(fx->ui, 'k');
	ui_redraw(fx->ui);
	assert_string_equal(keys_line(),
			    "a recording: no live process to signal");
	assert_false(screen_has("signal to"));
	/* space pauses the display (the title says so). */
	ui_key(fx->ui, ' ');
	ui_redraw(fx->ui);
	expect_on_screen("DISPLAY PAUSED");
	ui_key(fx->ui, 'q');
	assert_true(ui_quitting(fx->ui));
}

/* ---- the scheduler view -------------------------------------------------- */

static struct ui_view *sched_view(void)
{
	static const char *const policies[] = { "fcfs", "rr" };
	struct sched_workload w;
	struct sched_opts opts;
	struct ui_view *v;
	char err[256];

	sched_workload_init(&w);
	sched_opts_init(&opts);
	assert_int_equal(sched_workload_parse_jobs("24,3,3", &w, err,
						   sizeof(err)), 0);
	v = ui_sched_view_new(&w, "--jobs 24,3,3", policies, 2, &opts, err,
			      sizeof(err));
	sched_workload_clear(&w);
	if (!v)
		fail_msg("sched view: %s", err);
	return v;
}

static void sched_keys_and_dialogs_from_its_tables(void **state)
{
	struct ui_fixture *fx = *state;

	ui_push(fx->ui, sched_view());
	ui_resize(fx->ui, 30, 160);
	ui_redraw(fx->ui);
	expect_on_screen("t = 0 of 30");
	assert_string_equal(keys_line(),
			    "q/F10 quit Right/Left tick space play "
			    "e edit jobs +/- speed Home/End start/end "
			    "p policies t quantum c convention m metrics "
			    "Esc home Tab switch ?/F1 help");
	ui_key(fx->ui, UI_KEY_RIGHT);
	ui_key(fx->ui, UI_KEY_PGDN);
	ui_redraw(fx->ui);
	expect_on_screen("t = 11 of 30");
	/* t: the quantum dialog; its hint and keys line from one table. */
	ui_key(fx->ui, 't');
	ui_redraw(fx->ui);
	expect_on_screen("0-9: quantum   Enter: re-run   Esc: cancel");
	assert_string_equal(keys_line(), "0-9 quantum Enter re-run Esc cancel");
	ui_key(fx->ui, UI_KEY_BACKSPACE);
	ui_key(fx->ui, 'y');	/* swallowed, not a quit */
	ui_key(fx->ui, '2');
	ui_key(fx->ui, UI_KEY_ENTER);
	ui_redraw(fx->ui);
	expect_on_screen("RR q=2");
	/* p: the policy chooser. */
	ui_key(fx->ui, 'p');
	ui_redraw(fx->ui);
	expect_on_screen("[x] fcfs");
	expect_on_screen("Up/Down: move   space: toggle   Enter: show   "
			 "Esc: cancel");
	ui_key(fx->ui, UI_KEY_ESC);
	ui_redraw(fx->ui);
	assert_false(screen_has("[x] fcfs"));
	/* ?: the help, from the same table as the keys line. */
	ui_key(fx->ui, '?');
	ui_redraw(fx->ui);
	expect_on_screen("PgDn/PgUp   ten ticks forward / back");
	expect_on_screen("t           change the round-robin quantum");
	ui_key(fx->ui, 'q');	/* closes the help, does not quit */
	assert_false(ui_quitting(fx->ui));
	ui_key(fx->ui, 'x');	/* x quits nowhere (one rule: q, F10) */
	assert_false(ui_quitting(fx->ui));
	ui_key(fx->ui, 'q');
	assert_true(ui_quitting(fx->ui));
}

/*
 * e: the workload table, its keys line from its own table; a bad cell
 * keeps its editor, a good one is kept, Apply re-runs at the same tick.
 */
static void sched_workload_table_keys(void **state)
{
	struct ui_fixture *fx = *state;
	const char *k;

	ui_push(fx->ui, sched_view());
	ui_resize(fx->ui, 30, 160);
	ui_key(fx->ui, UI_KEY_PGDN);
	ui_key(fx->ui, 'e');
	ui_redraw(fx->ui);
	expect_on_screen("the workload table, jobs: 3");
	assert_string_equal(keys_line(),
			    "Enter edit/apply a add d delete u undo "
			    "r random w write Esc cancel ? help");
	ui_key(fx->ui, UI_KEY_RIGHT);	/* arrival */
	ui_key(fx->ui, UI_KEY_ENTER);
	ui_key(fx->ui, UI_KEY_BACKSPACE);
	for (k = "1q"; *k; k++)		/* typed, not the quantum */
		ui_key(fx->ui, *k);
	ui_key(fx->ui, UI_KEY_ENTER);
	ui_redraw(fx->ui);
	expect_on_screen("arrival: expected a space after the arrival time, "
			 "got 'q'");
	assert_string_equal(keys_line(), "Enter keep Esc drop the edit "
			    "Left/Right caret Backspace/^U erase");
	ui_key(fx->ui, UI_KEY_BACKSPACE);
	ui_key(fx->ui, UI_KEY_ENTER);
	ui_key(fx->ui, UI_KEY_END);	/* Apply */
	ui_key(fx->ui, UI_KEY_ENTER);
	ui_redraw(fx->ui);
	expect_on_screen("--jobs 24,3,3 (edited)   t = 10 of 30");
	expect_on_screen("done: B C");	/* B and C ran first */
	assert_true(strstr(keys_line(), "u undo") != NULL);
	ui_key(fx->ui, 'u');
	ui_redraw(fx->ui);
	expect_on_screen("--jobs 24,3,3   t = 10 of 30");
	/* A shorter workload: the tick is clamped to its new end. */
	ui_key(fx->ui, UI_KEY_END);
	ui_key(fx->ui, 'e');
	ui_key(fx->ui, UI_KEY_RIGHT);
	ui_key(fx->ui, UI_KEY_RIGHT);	/* bursts */
	ui_key(fx->ui, UI_KEY_ENTER);
	ui_key(fx->ui, 'U' - 64);	/* Ctrl-U */
	ui_key(fx->ui, '4');
	ui_key(fx->ui, UI_KEY_ENTER);
	ui_key(fx->ui, UI_KEY_END);
	ui_key(fx->ui, UI_KEY_ENTER);
	ui_redraw(fx->ui);
	expect_on_screen("--jobs 24,3,3 (edited)   t = 10 of 10");
	ui_key(fx->ui, 'q');	/* q quits in every view */
	assert_true(ui_quitting(fx->ui));
}

/* ---- home ---------------------------------------------------------------- */

struct started {
	int calls;
	char name[32];
	bool drive;
};

static struct ui_view *start_nothing(void *arg, const struct ui_home_item *it,
				     char *err, size_t errlen)
{
	struct started *s = arg;

	s->calls++;
	s->drive = it->drive;
	snprintf(s->name, sizeof(s->name), "%s", it->name);
	snprintf(err, errlen, "not in this test");
	return NULL;
}

static void home_keys_follow_the_list_and_start_items(void **state)
{
	static const struct ui_home_item items[] = {
		{ .kind = UI_HOME_LESSON, .name = "zombie",
		  .description = "children that are not waited for",
		  .group = "Processes" },
		{ .kind = UI_HOME_LESSON, .name = "orphan",
		  .description = "a parent that goes first",
		  .group = "Processes" },
		{ .kind = UI_HOME_LESSON, .name = "pipe",
		  .description = "a parent and a child talk",
		  .group = "IPC" },
		{ .kind = UI_HOME_WORKLOAD, .name = "convoy",
		  .description = "one long job first" },
	};
	struct ui_fixture *fx = *state;
	struct started s = { 0 };
	struct ui_view *v;
	char err[256];

	v = ui_home_view_new(items, 4, start_nothing, &s, err, sizeof(err));
	assert_non_null(v);
	assert_true(v->home);
	ui_push(fx->ui, v);
	ui_resize(fx->ui, 30, 120);
	ui_redraw(fx->ui);
	expect_on_screen("> zombie");
	/* each group's heading, once, before its first item */
	expect_on_screen(" Processes");
	expect_on_screen(" IPC");
	assert_int_equal(row_of(" IPC") + 1, row_of("  pipe"));
	assert_int_equal(row_of(" Processes") + 1, row_of("> zombie"));
	assert_string_equal(keys_line(), "Enter start Up/Down choose "
			    "Left/Right/Tab other list q/F10 quit");
	ui_key(fx->ui, UI_KEY_DOWN);
	ui_key(fx->ui, UI_KEY_ENTER);
	assert_int_equal(s.calls, 1);
	assert_string_equal(s.name, "orphan");
	assert_false(s.drive);
	ui_redraw(fx->ui);
	assert_string_equal(keys_line(), "orphan: not in this test");
	ui_key(fx->ui, UI_KEY_DOWN);	/* over the IPC heading */
	ui_key(fx->ui, UI_KEY_ENTER);
	assert_int_equal(s.calls, 2);
	assert_string_equal(s.name, "pipe");
	ui_key(fx->ui, UI_KEY_RIGHT);	/* the workloads */
	ui_key(fx->ui, 'd');
	assert_int_equal(s.calls, 3);
	assert_string_equal(s.name, "convoy");
	assert_true(s.drive);
	ui_key(fx->ui, UI_KEY_TAB);	/* nothing runs: the other list */
	ui_key(fx->ui, 'd');		/* not on lessons */
	assert_int_equal(s.calls, 3);
	ui_key(fx->ui, 'q');
	assert_true(ui_quitting(fx->ui));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, ui_fixture_setup, \
					      ui_fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(lesson_log_words_events_as_format_text),
		T(lesson_keys_line_help_and_keys_from_its_table),
		T(sched_workload_table_keys),
		T(sched_keys_and_dialogs_from_its_tables),
		T(home_keys_follow_the_list_and_start_items),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
