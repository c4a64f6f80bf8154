/*
 * tests/unit/test_viz_session.c - a scenario as a lesson (session.c on
 * lesson.c), as both `procviz run --headless` and the lesson view drive
 * it, on real scenarios.
 *
 * The scenarios are launched the way procviz launches them: by re-executing
 * this very binary as `... run --scenario-process NAME` (scenarios/launch.h),
 * which main() below hands to scen_child_main().  Every test ends by
 * checking that nothing of the scenario is left.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "scenarios/launch.h"
#include "viz/core/observer.h"
#include "viz/core/session.h"

#define PACE_MS 50

struct fixture {
	struct observer *obs;
	struct lesson *s;
	char err[256];
};

static void fx_open(struct fixture *fx, const char *name,
		    const struct lesson_opts *o)
{
	struct observer_config cfg = { .interval_ms = 20,
				       .reap_children = true };
	const struct scenario *scen = scen_find(name);

	assert_non_null(scen);
	fx->obs = observer_new(&cfg);
	assert_non_null(fx->obs);
	fx->s = session_new(scen, o, fx->obs);
	assert_non_null(fx->s);
	fx->err[0] = '\0';
}

/* Free the session; its main process must be gone (not even a zombie). */
static void fx_close(struct fixture *fx)
{
	int pid = lesson_pid(fx->s);

	lesson_free(fx->s);
	observer_free(fx->obs);
	if (pid > 0)
		assert_int_equal(kill(pid, 0) < 0 ? errno : 0, ESRCH);
}

/* The texts of the model's note events, in order, into notes[max]. */
static int fx_notes(const struct fixture *fx, const char **notes, int max)
{
	const struct model *m = observer_model(fx->obs);
	size_t i;
	int n = 0;

	for (i = 0; i < model_log_count(m) && n < max; i++) {
		const struct model_event *ev = model_log_get(m, i);

		if (ev->type == MODEL_EV_NOTE)
			notes[n++] = ev->u.note.text;
	}
	return n;
}

static void test_headless_run_notes_every_step_then_ends(void **state)
{
	struct lesson_opts o = { .pace_ms = PACE_MS };
	struct fixture fx;
	const char *notes[64], *text;
	char want[32];
	int n, i, step = 0;

	(void)state;
	fx_open(&fx, "zombie", &o);
	assert_false(lesson_running(fx.s));
	assert_int_equal(lesson_launch(fx.s, fx.err, sizeof(fx.err)), 0);
	assert_true(lesson_running(fx.s));
	assert_true(lesson_pid(fx.s) > 0);
	assert_int_equal(lesson_go(fx.s, fx.err, sizeof(fx.err)), 0);
	assert_int_equal(lesson_headless(fx.s, NULL), 0);
	assert_true(observer_done(fx.obs));
	assert_int_equal(model_alive(observer_model(fx.obs)), 0);

	n = fx_notes(&fx, notes, 64);
	assert_true(n >= 2);
	/* first, who adopts orphans; then every step, in order */
	assert_string_equal(notes[0], "procviz is not a subreaper: orphans go "
			    "to init (pid 1) or to the nearest subreaper "
			    "ancestor, as without procviz");
	for (i = 1; i < n; i++) {
		snprintf(want, sizeof(want), "step %d/%d: ", step + 1,
			 session_scenario(fx.s)->nsteps);
		if (strncmp(notes[i], want, strlen(want)) == 0)
			step++;
	}
	assert_int_equal(step, session_scenario(fx.s)->nsteps);
	assert_int_equal(session_step(fx.s, &text), step);
	assert_true(text[0] != '\0');
	fx_close(&fx);
}

static void test_stop_flag_kills_the_scenario(void **state)
{
	struct lesson_opts o = { .pace_ms = 60000 };
	volatile sig_atomic_t stop = 1;
	struct fixture fx;

	(void)state;
	fx_open(&fx, "zombie-storm", &o);
	assert_int_equal(lesson_start(fx.s, fx.err, sizeof(fx.err)), 0);
	/* A stop requested before anything ran: killed, followed to the end */
	assert_int_equal(lesson_headless(fx.s, &stop), 0);
	assert_true(observer_done(fx.obs));
	assert_int_equal(model_alive(observer_model(fx.obs)), 0);
	assert_false(lesson_due(fx.s));
	fx_close(&fx);
}

static void test_duration_stops_before_the_last_step(void **state)
{
	struct lesson_opts o = { .pace_ms = 60000, .duration_ms = 100 };
	struct fixture fx;
	const char *notes[16];
	int n;

	(void)state;
	fx_open(&fx, "zombie", &o);
	assert_int_equal(lesson_due_ms(fx.s), -1);
	assert_int_equal(lesson_start(fx.s, fx.err, sizeof(fx.err)), 0);
	assert_true(lesson_due_ms(fx.s) >= 0);
	assert_int_equal(lesson_headless(fx.s, NULL), 0);
	/* a pace of a minute: only the duration can have ended it */
	assert_true(session_step(fx.s, NULL) < session_scenario(fx.s)->nsteps);
	/* and a note says so */
	n = fx_notes(&fx, notes, 16);
	while (n > 0 && strcmp(notes[n - 1], "--duration reached: the "
			       "scenario is stopped (SIGKILL)") != 0)
		n--;
	assert_true(n > 0);
	assert_int_equal(lesson_due_ms(fx.s), -1);
	assert_int_equal(model_alive(observer_model(fx.obs)), 0);
	fx_close(&fx);
}

static void test_subreaper_note_and_header(void **state)
{
	struct lesson_opts o = { .pace_ms = PACE_MS, .subreaper = true };
	struct report_obs_header h;
	struct fixture fx;
	const char *notes[4];
	char want[128];

	(void)state;
	fx_open(&fx, "zombie", &o);
	lesson_header(fx.s, &h);
	assert_string_equal(h.source, "run");
	assert_string_equal(h.scenario, "zombie");
	assert_int_equal(h.interval_ms, 20);
	assert_string_equal(h.event_source, observer_event_source(fx.obs));
	assert_true(h.say_subreaper);
	assert_true(h.subreaper);
	assert_int_equal(lesson_start(fx.s, fx.err, sizeof(fx.err)), 0);
	assert_true(fx_notes(&fx, notes, 4) >= 1);
	snprintf(want, sizeof(want), "--subreaper is in force: procviz (pid "
		 "%d) is a subreaper and adopts the scenario's orphans",
		 (int)getpid());
	assert_string_equal(notes[0], want);
	lesson_end(fx.s);
	assert_false(lesson_running(fx.s));
	lesson_end(fx.s);	/* twice is fine */
	fx_close(&fx);
}

static void test_controls_and_restart(void **state)
{
	struct lesson_opts o = { .pace_ms = 60000 };
	struct fixture fx;
	const char *notes[16];
	char msg[128];
	int first, n;

	(void)state;
	fx_open(&fx, "zombie", &o);
	/* before the start: a control says the scenario is over */
	msg[0] = '\0';
	assert_int_equal(lesson_freeze(fx.s, true, msg, sizeof(msg)),
			 -ESRCH);
	assert_string_equal(msg, "freeze: No such process");
	assert_int_equal(lesson_start(fx.s, fx.err, sizeof(fx.err)), 0);
	first = lesson_pid(fx.s);
	/* not in step mode: 'n' is refused with a hint */
	assert_int_equal(lesson_next(fx.s, msg, sizeof(msg)), -EINVAL);
	assert_string_equal(msg, "steps advance on their own here; procviz "
			    "run zombie --step waits for n");
	/* a key that is no control of the scenario is not its business */
	assert_int_equal(lesson_key(fx.s, '~', msg, sizeof(msg)), 0);
	assert_int_equal(lesson_freeze(fx.s, true, msg, sizeof(msg)), 0);
	assert_int_equal(lesson_freeze(fx.s, false, msg, sizeof(msg)), 0);
	assert_int_equal(lesson_restart(fx.s, msg, sizeof(msg)), 0);
	assert_true(lesson_running(fx.s));
	assert_int_not_equal(lesson_pid(fx.s), first);
	assert_int_equal(kill(first, 0) < 0 ? errno : 0, ESRCH);
	assert_int_equal(session_step(fx.s, NULL), 0);
	n = fx_notes(&fx, notes, 16);
	assert_true(n >= 3);
	assert_string_equal(notes[n - 2], "restart: the lecturer started the "
			    "scenario again");
	assert_string_equal(notes[n - 1], notes[0]);	/* adopter again */
	fx_close(&fx);
}

static void test_step_mode_waits_for_next(void **state)
{
	struct lesson_opts o = { .pace_ms = PACE_MS, .step_mode = true };
	struct fixture fx;
	char msg[128];
	int i;

	(void)state;
	fx_open(&fx, "zombie", &o);
	assert_int_equal(lesson_start(fx.s, fx.err, sizeof(fx.err)), 0);
	/* poll with a deadline (5 s) until the scenario waits for 'n' */
	for (i = 0; i < 500 && !lesson_waiting(fx.s); i++) {
		usleep(10000);
		session_drain(fx.s);
		observer_step(fx.obs);
	}
	assert_true(lesson_waiting(fx.s));
	assert_int_equal(session_step(fx.s, NULL), 0);
	assert_int_equal(lesson_next(fx.s, msg, sizeof(msg)), 0);
	for (i = 0; i < 500 && session_step(fx.s, NULL) < 1; i++) {
		usleep(10000);
		session_drain(fx.s);
		observer_step(fx.obs);
	}
	assert_int_equal(session_step(fx.s, NULL), 1);
	fx_close(&fx);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headless_run_notes_every_step_then_ends),
		cmocka_unit_test(test_stop_flag_kills_the_scenario),
		cmocka_unit_test(test_duration_stops_before_the_last_step),
		cmocka_unit_test(test_subreaper_note_and_header),
		cmocka_unit_test(test_controls_and_restart),
		cmocka_unit_test(test_step_mode_waits_for_next),
	};

	/* The re-exec of a scenario's main process (scenarios/launch.h). */
	if (argc >= 3 && strcmp(argv[2], SCEN_CHILD_OPTION) == 0)
		return scen_child_main(argc - 1, argv + 1);
	return cmocka_run_group_tests_name("viz session", tests, NULL, NULL);
}
