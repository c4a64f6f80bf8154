/*
 * tests/unit/test_viz_report_tasks.c - tasks and waits in the headless
 * output (procviz.1 "TASKS AND WAITS"): "tid"
 * beside "pid", "wait"/"syscall"/"fd"/"wchan" on a move to blocked and
 * only there, left out when not visible, and the text forms.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "viz/core/report_obs.h"

static struct model_event blocked_ev(int tid, enum wait_kind w,
				     const char *sc, const char *wchan)
{
	struct model_event e;

	memset(&e, 0, sizeof(e));
	e.type = MODEL_EV_STATE;
	e.t_ms = 1300;
	e.pid = 4242;
	e.tid = tid;
	snprintf(e.comm, sizeof(e.comm), "%s", tid ? "worker-1" : "app");
	e.u.state.from = MODEL_ST_RUNNING;
	e.u.state.to = MODEL_ST_BLOCKED;
	e.wait = w;
	snprintf(e.syscall, sizeof(e.syscall), "%s", sc);
	snprintf(e.wchan, sizeof(e.wchan), "%s", wchan);
	return e;
}

static void test_json_state_of_a_thread(void **state)
{
	struct model_event e = blocked_ev(4250, WAIT_LOCK, "futex",
					  "futex_do_wait");
	char buf[1024];

	(void)state;
	report_obs_event_json(&e, buf, sizeof(buf));
	assert_string_equal(buf,
		"{\"kind\":\"event\",\"t_ms\":1300,\"type\":\"state\","
		"\"pid\":4242,\"tid\":4250,\"from\":\"running\","
		"\"to\":\"blocked\",\"wait\":\"lock\",\"syscall\":\"futex\","
		"\"wchan\":\"futex_do_wait\"}");
	report_obs_event_text(&e, true, buf, sizeof(buf));
	assert_string_equal(buf, "+1.300s  4242/4250 worker-1  running → "
			    "blocked: waiting for a lock (futex)");
}

static void test_not_visible_is_left_out(void **state)
{
	struct model_event e = blocked_ev(0, WAIT_NONE, "", "");
	char buf[1024];

	(void)state;
	report_obs_event_json(&e, buf, sizeof(buf));
	assert_string_equal(buf,
		"{\"kind\":\"event\",\"t_ms\":1300,\"type\":\"state\","
		"\"pid\":4242,\"from\":\"running\",\"to\":\"blocked\"}");
	report_obs_event_text(&e, false, buf, sizeof(buf));
	assert_string_equal(buf, "4242 app  running → blocked (waiting for "
			    "what: not visible)");
}

static void test_fd_and_disk(void **state)
{
	struct model_event e = blocked_ev(0, WAIT_PIPE, "read",
					  "anon_pipe_read");
	char buf[1024];

	(void)state;
	snprintf(e.fd, sizeof(e.fd), "pipe:[77]");
	report_obs_event_json(&e, buf, sizeof(buf));
	assert_non_null(strstr(buf, ",\"wait\":\"pipe\",\"syscall\":\"read\","
			       "\"fd\":\"pipe:[77]\",\"wchan\":"
			       "\"anon_pipe_read\"}"));
	e = blocked_ev(0, WAIT_DISK, "", "");
	report_obs_event_text(&e, false, buf, sizeof(buf));
	assert_string_equal(buf, "4242 app  running → blocked: waiting for "
			    "the disk (state D)");
	/* A move elsewhere carries no wait, whatever the event holds. */
	e = blocked_ev(0, WAIT_LOCK, "futex", "");
	e.u.state.to = MODEL_ST_RUNNING;
	e.u.state.from = MODEL_ST_BLOCKED;
	report_obs_event_json(&e, buf, sizeof(buf));
	assert_null(strstr(buf, "wait"));
}

static void test_thread_spawn_and_end(void **state)
{
	struct model_event e;
	char buf[1024];

	(void)state;
	memset(&e, 0, sizeof(e));
	e.type = MODEL_EV_SPAWN;
	e.t_ms = 100;
	e.pid = 4242;
	e.tid = 4250;
	e.ppid = 4242;
	snprintf(e.comm, sizeof(e.comm), "worker-1");
	e.u.spawn.state = MODEL_ST_BLOCKED;
	e.wait = WAIT_SLEEP;
	snprintf(e.syscall, sizeof(e.syscall), "clock_nanosleep");
	report_obs_event_json(&e, buf, sizeof(buf));
	assert_string_equal(buf,
		"{\"kind\":\"event\",\"t_ms\":100,\"type\":\"spawn\","
		"\"pid\":4242,\"tid\":4250,\"comm\":\"worker-1\","
		"\"state\":\"blocked\",\"wait\":\"sleep\","
		"\"syscall\":\"clock_nanosleep\"}");
	report_obs_event_text(&e, false, buf, sizeof(buf));
	assert_string_equal(buf, "4242/4250 worker-1  thread started  "
			    "(blocked: waiting for a timer (clock_nanosleep))");
	e.type = MODEL_EV_EXIT;
	e.u.exit.status = -1;
	e.u.exit.signal = -1;
	report_obs_event_json(&e, buf, sizeof(buf));
	assert_string_equal(buf,
		"{\"kind\":\"event\",\"t_ms\":100,\"type\":\"exit\","
		"\"pid\":4242,\"tid\":4250}");
	report_obs_event_text(&e, false, buf, sizeof(buf));
	assert_string_equal(buf, "4242/4250 worker-1  thread ended");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_state_of_a_thread),
		cmocka_unit_test(test_not_visible_is_left_out),
		cmocka_unit_test(test_fd_and_disk),
		cmocka_unit_test(test_thread_spawn_and_end),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
