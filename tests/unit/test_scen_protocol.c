/*
 * tests/unit/test_scen_protocol.c - the scenario table, the notes protocol
 * (what scenario code writes, what procviz parses) and the control keys,
 * over real pipes but without launching anything.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scenarios/launch.h"
#include "scenarios/scenario.h"

static void test_table_is_complete(void **state)
{
	/* Chapter by chapter: processes, IPC, threads and sync. */
	static const char *const want[] = {
		"zombie", "zombie-storm", "orphan", "daemon", "join",
		"terminate", "isolation", "pool", "cpuio",
		"pipe", "prodcons", "joinable", "manager", "server",
		"threads", "gil", "race", "semaphore", "event", "deadlock",
		NULL,
	};
	size_t i, j;

	(void)state;
	for (i = 0; want[i]; i++) {
		assert_non_null(scen_table[i]);
		assert_string_equal(scen_table[i]->name, want[i]);
		assert_ptr_equal(scen_find(want[i]), scen_table[i]);
	}
	assert_null(scen_table[i]);
	assert_null(scen_find("no-such"));
	assert_null(scen_find(NULL));
	for (i = 0; scen_table[i]; i++) {
		const struct scenario *s = scen_table[i];

		assert_non_null(s->title);
		assert_non_null(s->description);
		/* list prints tab-separated lines */
		assert_null(strchr(s->description, '\t'));
		assert_null(strchr(s->description, '\n'));
		assert_non_null(s->explain);
		assert_non_null(s->explain[0]);
		assert_true(s->nsteps >= 1);
		assert_non_null(s->main_comm);
		assert_true(strlen(s->main_comm) < 16);	/* TASK_COMM_LEN */
		assert_non_null(s->controls);
		assert_non_null(s->run);
		for (j = 0; s->controls[j].key; j++) {
			char k = s->controls[j].key;

			assert_true(k != 'n');	/* generic */
			/* a letter, '+' or '-': what scen_wait() can take */
			assert_true((k >= 'a' && k <= 'z') || k == '+' ||
				    k == '-');
			assert_non_null(s->controls[j].label);
		}
		/* listed chapter by chapter, never going back */
		assert_true(s->chapter < SCEN_CH_COUNT);
		if (i > 0)
			assert_true(s->chapter >= scen_table[i - 1]->chapter);
		assert_non_null(scen_chapter_title(s->chapter));
	}
}

struct fx {
	int notes[2], ctl[2];
	struct scen_ctx ctx;
	struct scen_run run;
	int nforks;
};

static int fx_setup(void **state)
{
	static struct fx f;

	memset(&f, 0, sizeof(f));
	if (pipe2(f.notes, O_CLOEXEC) || pipe2(f.ctl, O_CLOEXEC))
		return -1;
	fcntl(f.notes[0], F_SETFL, O_NONBLOCK);
	f.ctx.scen = scen_find("zombie");
	f.ctx.note_fd = f.notes[1];
	f.ctx.ctl_fd = f.ctl[0];
	f.ctx.pace_ms = 10;
	f.ctx.nforks = &f.nforks;
	f.run.scen = f.ctx.scen;
	f.run.note_fd = f.notes[0];
	f.run.ctl_fd = f.ctl[1];
	f.run.guard.fd = -1;
	*state = &f;
	return 0;
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;

	if (f->notes[1] >= 0)
		close(f->notes[1]);
	if (f->run.note_fd >= 0)
		close(f->run.note_fd);
	close(f->ctl[0]);
	close(f->ctl[1]);
	return 0;
}

static void test_steps_and_notes_round_trip(void **state)
{
	struct fx *f = *state;
	struct scen_msg m;

	scen_step(&f->ctx, "first %d", 1);
	scen_note(&f->ctx, "a fact\nwith a newline");
	scen_step(&f->ctx, "second");
	assert_int_equal(scen_run_read(&f->run, &m), 1);
	assert_int_equal(m.kind, SCEN_MSG_STEP);
	assert_int_equal(m.step, 1);
	assert_string_equal(m.text, "first 1");
	assert_int_equal(scen_run_read(&f->run, &m), 1);
	assert_int_equal(m.kind, SCEN_MSG_NOTE);
	/* one protocol line per note: newlines become spaces */
	assert_string_equal(m.text, "a fact with a newline");
	assert_int_equal(scen_run_read(&f->run, &m), 1);
	assert_int_equal(m.step, 2);
	assert_int_equal(f->run.step, 2);
	assert_int_equal(scen_run_read(&f->run, &m), 0);	/* nothing yet */
}

static void test_malformed_and_partial_lines(void **state)
{
	struct fx *f = *state;
	static const char junk[] = "bogus line\nstep x nope\nstep 0 zero\n"
				   "note par";
	struct scen_msg m;
	char longline[3 * SCEN_LINE_MAX];

	assert_int_equal(write(f->notes[1], junk, sizeof(junk) - 1),
			 (ssize_t)sizeof(junk) - 1);
	/* the three bad lines are skipped; the partial one waits */
	assert_int_equal(scen_run_read(&f->run, &m), 0);
	assert_int_equal(write(f->notes[1], "tial\n", 5), 5);
	assert_int_equal(scen_run_read(&f->run, &m), 1);
	assert_string_equal(m.text, "partial");
	/* an over-long line is dropped, the next one still parses */
	memset(longline, 'x', sizeof(longline));
	assert_int_equal(write(f->notes[1], longline, sizeof(longline)),
			 (ssize_t)sizeof(longline));
	assert_int_equal(write(f->notes[1], "\nnote after\n", 12), 12);
	while (scen_run_read(&f->run, &m) == 1 &&
	       strcmp(m.text, "after") != 0)
		;
	assert_string_equal(m.text, "after");
}

static void test_eof_means_every_process_is_gone(void **state)
{
	struct fx *f = *state;
	struct scen_msg m;

	scen_note(&f->ctx, "last words");
	close(f->notes[1]);
	f->notes[1] = -1;
	assert_int_equal(scen_run_read(&f->run, &m), 1);
	assert_string_equal(m.text, "last words");
	assert_int_equal(scen_run_read(&f->run, &m), -EPIPE);
	assert_int_equal(f->run.note_fd, -1);
	assert_int_equal(scen_run_read(&f->run, &m), -EPIPE);
}

static void test_controls_reach_the_scenario(void **state)
{
	struct fx *f = *state;

	/* zombie knows 'w' and the generic 'n', nothing else */
	assert_int_equal(scen_run_control(&f->run, 'x'), -EINVAL);
	assert_int_equal(scen_run_control(&f->run, 'w'), 0);
	assert_int_equal(scen_run_control(&f->run, 'n'), 0);
	/* waiting for 'n' only keeps 'w' pending */
	assert_int_equal(scen_wait(&f->ctx, 1000, "n"), 'n');
	assert_true(scen_take_key(&f->ctx, 'w'));
	assert_false(scen_take_key(&f->ctx, 'w'));
	/* nothing pending: the wait times out */
	assert_int_equal(scen_wait(&f->ctx, 20, "w"), 0);
}

static void test_plus_and_minus_are_controls(void **state)
{
	struct fx *f = *state;

	/* semaphore's + and - (its size) reach it like letters do */
	f->run.scen = scen_find("semaphore");
	assert_non_null(f->run.scen);
	assert_int_equal(scen_run_control(&f->run, 'w'), -EINVAL);
	assert_int_equal(scen_run_control(&f->run, '+'), 0);
	assert_int_equal(scen_wait(&f->ctx, 1000, "+-"), '+');
	assert_int_equal(scen_run_control(&f->run, '-'), 0);
	assert_int_equal(scen_run_control(&f->run, 'n'), 0);
	assert_int_equal(scen_wait(&f->ctx, 1000, "n"), 'n');
	assert_true(scen_take_key(&f->ctx, '-'));	/* kept meanwhile */
	assert_false(scen_take_key(&f->ctx, '+'));
	assert_int_equal(scen_wait(&f->ctx, 20, "+-"), 0);
}

static void test_step_mode_waits_for_n(void **state)
{
	struct fx *f = *state;
	struct scen_msg m;

	f->ctx.step_mode = true;
	assert_int_equal(scen_run_control(&f->run, 'n'), 0);
	scen_step(&f->ctx, "go");
	assert_int_equal(scen_run_read(&f->run, &m), 1);
	assert_int_equal(m.kind, SCEN_MSG_WAIT);
	assert_true(f->run.waiting);
	assert_int_equal(scen_run_read(&f->run, &m), 1);
	assert_int_equal(m.kind, SCEN_MSG_STEP);
	assert_false(f->run.waiting);
	/* an urgent key ends the wait too and stays pending */
	f->ctx.urgent = "w";
	assert_int_equal(scen_run_control(&f->run, 'w'), 0);
	scen_step(&f->ctx, "urgent");
	assert_true(scen_take_key(&f->ctx, 'w'));
	/* in step mode a hold cut short by 'n' keeps it for the next step */
	assert_int_equal(scen_run_control(&f->run, 'n'), 0);
	f->ctx.pace_ms = 5000;
	assert_int_equal(scen_hold(&f->ctx, NULL), 'n');
	scen_step(&f->ctx, "no second n needed");
	f->ctx.step_mode = false;
}

static void test_fork_cap(void **state)
{
	struct fx *f = *state;

	f->nforks = SCEN_MAX_PROCS;
	errno = 0;
	assert_int_equal(scen_fork(&f->ctx, "never", 0), -1);
	assert_int_equal(errno, EAGAIN);
	assert_int_equal(f->nforks, SCEN_MAX_PROCS);
}

/*
 * A child of scen_fork() announces itself before it returns; a reap line
 * carries the reaped pid, the reaper and the wait status; bad ones are
 * skipped.
 */
static void test_fork_and_reap_announcements(void **state)
{
	struct fx *f = *state;
	static const char lines[] = "reap 12 11 2304\nreap 12 11\n"
				    "fork 0 1 x\nfork 13 x y\nreap 1 2 3 4\n"
				    "reap 14 11 -1\n";
	struct scen_msg m;
	pid_t kid;
	int st;

	kid = scen_fork(&f->ctx, "announced", 0);
	if (kid == 0)
		_exit(0);
	assert_true(kid > 0);
	assert_int_equal(waitpid(kid, &st, 0), kid);
	assert_int_equal(scen_run_read(&f->run, &m), 1);
	assert_int_equal(m.kind, SCEN_MSG_FORK);
	assert_int_equal(m.pid, kid);
	assert_int_equal(m.ppid, getpid());
	assert_string_equal(m.text, "announced");
	assert_int_equal(write(f->notes[1], lines, sizeof(lines) - 1),
			 (ssize_t)sizeof(lines) - 1);
	assert_int_equal(scen_run_read(&f->run, &m), 1);
	assert_int_equal(m.kind, SCEN_MSG_REAP);
	assert_int_equal(m.pid, 12);
	assert_int_equal(m.ppid, 11);
	assert_int_equal(m.status, 2304);
	/* the four malformed lines are skipped */
	assert_int_equal(scen_run_read(&f->run, &m), 1);
	assert_int_equal(m.kind, SCEN_MSG_REAP);
	assert_int_equal(m.pid, 14);
	assert_int_equal(m.status, -1);
	assert_int_equal(scen_run_read(&f->run, &m), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_is_complete),
		cmocka_unit_test_setup_teardown(test_steps_and_notes_round_trip,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_malformed_and_partial_lines,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_eof_means_every_process_is_gone, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(test_controls_reach_the_scenario,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_plus_and_minus_are_controls, fx_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(test_step_mode_waits_for_n,
						fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_fork_cap, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_fork_and_reap_announcements, fx_setup,
			fx_teardown),
	};

	return cmocka_run_group_tests_name("scenario protocol", tests, NULL,
					   NULL);
}
