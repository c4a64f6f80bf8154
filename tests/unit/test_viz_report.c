/*
 * tests/unit/test_viz_report.c - the JSON Lines and text sinks produce
 * exactly the lines of procviz.1.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "viz/core/report_obs.h"

static struct model_event ev_of(enum model_event_type t, int64_t t_ms,
				int pid, const char *comm)
{
	struct model_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = t;
	ev.t_ms = t_ms;
	ev.pid = pid;
	snprintf(ev.comm, sizeof(ev.comm), "%s", comm);
	return ev;
}

static const char *json(const struct model_event *ev)
{
	static char buf[1024];

	report_obs_event_json(ev, buf, sizeof(buf));
	return buf;
}

static const char *text(const struct model_event *ev)
{
	static char buf[1024];

	report_obs_event_text(ev, true, buf, sizeof(buf));
	return buf;
}

static void test_json_events_match_spec(void **state)
{
	struct model_event ev = ev_of(MODEL_EV_SPAWN, 12, 4242, "zombie-child");

	ev.ppid = 4241;
	ev.u.spawn.state = MODEL_ST_BLOCKED;
	/* procviz.1's line, extended with the state first seen */
	assert_string_equal(json(&ev),
		"{\"kind\":\"event\",\"t_ms\":12,\"type\":\"spawn\",\"pid\":4242,\"ppid\":4241,\"comm\":\"zombie-child\",\"state\":\"blocked\"}");
	ev = ev_of(MODEL_EV_STATE, 310, 4242, "zombie-child");
	ev.u.state.from = MODEL_ST_RUNNING;
	ev.u.state.to = MODEL_ST_ZOMBIE;
	assert_string_equal(json(&ev),
		"{\"kind\":\"event\",\"t_ms\":310,\"type\":\"state\",\"pid\":4242,\"from\":\"running\",\"to\":\"zombie\"}");
	ev = ev_of(MODEL_EV_REAP, 3105, 4242, "zombie-child");
	ev.u.reap.by = 4241;
	ev.u.reap.zombie_ms = 2795;
	assert_string_equal(json(&ev),
		"{\"kind\":\"event\",\"t_ms\":3105,\"type\":\"reap\",\"pid\":4242,\"by\":4241,\"zombie_ms\":2795}");
	ev = ev_of(MODEL_EV_EXIT, 5, 7, "x");
	ev.u.exit.status = 3;
	ev.u.exit.signal = -1;
	assert_string_equal(json(&ev),
		"{\"kind\":\"event\",\"t_ms\":5,\"type\":\"exit\",\"pid\":7,\"status\":3}");
	ev.u.exit.status = -1;
	ev.u.exit.signal = 9;
	assert_string_equal(json(&ev),
		"{\"kind\":\"event\",\"t_ms\":5,\"type\":\"exit\",\"pid\":7,\"signal\":9}");
	ev.u.exit.signal = -1;
	assert_string_equal(json(&ev),
		"{\"kind\":\"event\",\"t_ms\":5,\"type\":\"exit\",\"pid\":7}");
	ev = ev_of(MODEL_EV_REPARENT, 6, 8, "d");
	ev.u.reparent.from = 7;
	ev.u.reparent.to = 1;
	snprintf(ev.u.reparent.to_comm, SNAP_COMM_LEN, "init");
	assert_string_equal(json(&ev),
		"{\"kind\":\"event\",\"t_ms\":6,\"type\":\"reparent\",\"pid\":8,\"from\":7,\"to\":1,\"to_comm\":\"init\"}");
	ev = ev_of(MODEL_EV_GONE, 7, 8, "d");
	assert_string_equal(json(&ev),
		"{\"kind\":\"event\",\"t_ms\":7,\"type\":\"gone\",\"pid\":8}");
	ev = ev_of(MODEL_EV_THREADS, 8, 8, "d");
	ev.u.threads.count = 4;
	assert_string_equal(json(&ev),
		"{\"kind\":\"event\",\"t_ms\":8,\"type\":\"threads\",\"pid\":8,\"count\":4}");
	ev = ev_of(MODEL_EV_NOTE, 9, 0, "");
	snprintf(ev.u.note.text, sizeof(ev.u.note.text), "step 2");
	assert_string_equal(json(&ev),
		"{\"kind\":\"event\",\"t_ms\":9,\"type\":\"note\",\"text\":\"step 2\"}");
	ev = ev_of(MODEL_EV_EXEC, 10, 8, "sleep");
	snprintf(ev.u.exec.cmdline, sizeof(ev.u.exec.cmdline), "sleep 1");
	assert_string_equal(json(&ev),
		"{\"kind\":\"event\",\"t_ms\":10,\"type\":\"exec\",\"pid\":8,\"comm\":\"sleep\",\"cmdline\":\"sleep 1\",\"seen\":\"exec\"}");
	ev.u.exec.seen = MODEL_EXEC_RENAME;
	ev.u.exec.renamed = true;
	assert_string_equal(json(&ev),
		"{\"kind\":\"event\",\"t_ms\":10,\"type\":\"exec\",\"pid\":8,\"comm\":\"sleep\",\"cmdline\":\"sleep 1\",\"renamed\":true,\"seen\":\"rename\"}");
	ev.u.exec.seen = MODEL_EXEC_COMM;
	ev.u.exec.renamed = false;
	ev.u.exec.cmdline[0] = '\0';
	assert_string_equal(json(&ev),
		"{\"kind\":\"event\",\"t_ms\":10,\"type\":\"exec\",\"pid\":8,\"comm\":\"sleep\",\"cmdline\":\"\",\"seen\":\"comm\"}");
}

static void test_json_strings_are_escaped(void **state)
{
	struct model_event ev = ev_of(MODEL_EV_NOTE, 1, 0, "");

	snprintf(ev.u.note.text, sizeof(ev.u.note.text),
		 "a\"b\\c\nd\x01 é \xff");
	assert_string_equal(json(&ev),
		"{\"kind\":\"event\",\"t_ms\":1,\"type\":\"note\",\"text\":\"a\\\"b\\\\c\\nd\\u0001 é \\ufffd\"}");
}

static void test_text_lines_read_well(void **state)
{
	struct model_event ev = ev_of(MODEL_EV_STATE, 1204, 4242,
				      "zombie-child");

	ev.ppid = 4241;
	ev.u.state.from = MODEL_ST_RUNNING;
	ev.u.state.to = MODEL_ST_ZOMBIE;
	assert_string_equal(text(&ev),
		"+1.204s  4242 zombie-child  running → zombie  (parent 4241 has not called wait)");
	ev = ev_of(MODEL_EV_REAP, 3105, 4242, "zombie-child");
	ev.u.reap.by = 4241;
	ev.u.reap.zombie_ms = 1901;
	assert_string_equal(text(&ev),
		"+3.105s  4242 zombie-child  reaped by 4241 after 1.901s as a zombie");
	ev = ev_of(MODEL_EV_EXIT, 0, 12, "k");
	ev.u.exit.status = -1;
	ev.u.exit.signal = 9;
	assert_string_equal(text(&ev),
		"+0.000s  12 k  exit  killed by signal 9 (SIGKILL)");
	ev = ev_of(MODEL_EV_NOTE, 2000, 0, "");
	snprintf(ev.u.note.text, sizeof(ev.u.note.text), "the parent waits");
	assert_string_equal(text(&ev), "+2.000s  note: the parent waits");
	report_obs_event_text(&ev, false, NULL, 0);
	/* An exec says no more than was seen. */
	ev = ev_of(MODEL_EV_EXEC, 10, 8, "true");
	ev.u.exec.seen = MODEL_EXEC_COMM;
	assert_string_equal(text(&ev),
		"+0.010s  8 true  exec or rename to true  (not seen)");
	ev.u.exec.seen = MODEL_EXEC_RENAME;
	ev.u.exec.renamed = true;
	assert_string_equal(text(&ev),
		"+0.010s  8 true  renamed itself true  (same command line)");
	ev.u.exec.seen = MODEL_EXEC_SEEN;
	ev.u.exec.renamed = false;
	snprintf(ev.u.exec.cmdline, sizeof(ev.u.exec.cmdline), "true -x");
	assert_string_equal(text(&ev), "+0.010s  8 true  exec  true -x");
}

static void test_header_and_summary(void **state)
{
	struct report_obs_header h = {
		.source = "run", .scenario = "zombie", .interval_ms = 100,
		.event_source = "netlink",
	};
	struct report_obs r;
	struct model m;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(model_init(&m), 0);
	report_obs_init(&r, f, REPORT_OBS_JSON);
	report_obs_header(&r, &h);
	report_obs_summary(&r, &m);
	fclose(f);
	assert_string_equal(buf,
		"{\"kind\":\"header\",\"procviz\":1,\"source\":\"run\",\"scenario\":\"zombie\",\"interval_ms\":100,\"event_source\":\"netlink\",\"sources\":[\"netlink\"]}\n"
		"{\"kind\":\"summary\",\"processes\":0,\"max_zombies\":0,\"leftover\":0}\n");
	free(buf);
	/* Every source in use, in order, as a JSON array and in words. */
	h.event_source = "poll";
	h.sources = "poll,pidfd,pidfd-exit,marker,scenario";
	f = open_memstream(&buf, &len);
	report_obs_init(&r, f, REPORT_OBS_JSON);
	report_obs_header(&r, &h);
	report_obs_init(&r, f, REPORT_OBS_TEXT);
	report_obs_header(&r, &h);
	fclose(f);
	assert_string_equal(buf,
		"{\"kind\":\"header\",\"procviz\":1,\"source\":\"run\",\"scenario\":\"zombie\",\"interval_ms\":100,\"event_source\":\"poll\",\"sources\":[\"poll\",\"pidfd\",\"pidfd-exit\",\"marker\",\"scenario\"]}\n"
		"# procviz run zombie  (interval 100 ms, event source poll, sources poll, pidfd, pidfd-exit, marker, scenario)\n");
	free(buf);
	model_clear(&m);
}

static void test_format_parse(void **state)
{
	enum report_obs_format f;

	assert_int_equal(report_obs_format_parse("json", &f), 0);
	assert_int_equal(f, REPORT_OBS_JSON);
	assert_int_equal(report_obs_format_parse("text", &f), 0);
	assert_int_equal(f, REPORT_OBS_TEXT);
	assert_int_not_equal(report_obs_format_parse("csv", &f), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_events_match_spec),
		cmocka_unit_test(test_json_strings_are_escaped),
		cmocka_unit_test(test_text_lines_read_well),
		cmocka_unit_test(test_header_and_summary),
		cmocka_unit_test(test_format_parse),
	};

	return cmocka_run_group_tests_name("viz report_obs", tests, NULL, NULL);
}
