/*
 * tests/unit/test_viz_record.c - the recording format: what the writer
 * writes the parser reads back exactly; malformed lines fail with
 * NAME:LINE:COL; a replay through the model derives the events a live
 * model derived; a trace turns readings into the bursts they show.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "viz/core/model.h"
#include "viz/core/observer.h"
#include "viz/core/record.h"
#include "viz/core/report_obs.h"
#include "viz/core/trace.h"
#include "tests/unit/viz_testlib.h"

/* Write through the recorder into a temporary file, return its text. */
struct rec_buf {
	char path[64];
	struct recorder *r;
};

static void rb_open(struct rec_buf *b)
{
	struct report_obs_header h = {
		.source = "watch", .command = "sh -c \"x\"\ty",
		.interval_ms = 50, .event_source = "poll",
	};
	int fd;

	snprintf(b->path, sizeof(b->path), "/tmp/test_viz_record.XXXXXX");
	fd = mkstemp(b->path);
	assert_true(fd >= 0);
	b->r = recorder_open(b->path);
	assert_non_null(b->r);
	assert_int_equal(recorder_header(b->r, &h), 0);
	close(fd);
}

static char *rb_close(struct rec_buf *b, size_t *len)
{
	FILE *f;
	char *text;
	long n;

	assert_int_equal(recorder_close(b->r), 0);
	f = fopen(b->path, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = malloc((size_t)n + 1);
	assert_non_null(text);
	assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
	text[n] = '\0';
	fclose(f);
	unlink(b->path);
	*len = (size_t)n;
	return text;
}

/* vt_proc's reading, in session 1. */
static struct snap_proc *add(struct snapshot *s, int pid, int ppid,
			     char state, const char *comm)
{
	struct snap_proc *p = vt_proc(s, pid, ppid, comm, state);

	p->sid = 1;
	return p;
}

static void test_writer_output_parses_back_exactly(void **state)
{
	struct snapshot s;
	struct snap_proc *p;
	struct recording rec;
	struct record_item it;
	struct rec_buf b;
	char err[256], *text;
	size_t len;

	(void)state;
	snapshot_init(&s);
	rb_open(&b);
	snapshot_reset(&s, 12, true);
	s.interval_ms = 50;
	p = add(&s, 42, 41, 'R', "we\"ird\\\x01\xc3\xa9");
	p->cpu_ticks = 7;
	p->has_schedstat = true;
	p->run_ns = UINT64_C(18446744073709551) * 100;	/* > 2^63 / 10 */
	p->wait_ns = 3;
	p->cmdline_valid = true;
	snprintf(p->cmdline, sizeof(p->cmdline), "a\nb \"c\"");
	snprintf(p->parent_comm, sizeof(p->parent_comm), "bash");
	p->comm_from = SNAP_COMM_ANNOUNCED;
	p = add(&s, 43, 42, 'Z', "z");
	p->exit_code = 256;
	p->comm_from = SNAP_COMM_INHERITED;
	assert_int_equal(snapshot_add_vanished(&s, 40, 9, 41), 0);
	recorder_tap_snapshot(&s, b.r);
	recorder_tap_note(15, "step 1/2: \"quoted\"", b.r);
	text = rb_close(&b, &len);

	recording_init(&rec);
	err[0] = '\0';
	assert_int_equal(recording_parse_mem(text, len, "t.rec", &rec, err,
					     sizeof(err)), 0);
	assert_string_equal(rec.header.source, "watch");
	assert_string_equal(rec.header.command, "sh -c \"x\"\ty");
	assert_string_equal(rec.header.scenario, "");
	assert_int_equal(rec.header.interval_ms, 50);
	assert_string_equal(rec.header.event_source, "poll");
	assert_int_equal(rec.n_items, 2);
	assert_int_equal(rec.last_t_ms, 15);

	record_item_init(&it);
	assert_int_equal(recording_item(&rec, 0, &it), 0);
	assert_int_equal(it.kind, RECORD_SAMPLE);
	assert_int_equal(it.snap.t_ms, 12);
	assert_true(it.snap.full);
	assert_int_equal(it.snap.interval_ms, 50);
	assert_int_equal(it.snap.n_procs, 2);
	/* Every field of every process, as written. */
	assert_memory_equal(&it.snap.procs[0], &s.procs[0],
			    offsetof(struct snap_proc, comm));
	assert_string_equal(it.snap.procs[0].comm, s.procs[0].comm);
	assert_string_equal(it.snap.procs[0].parent_comm, "bash");
	assert_int_equal(it.snap.procs[0].comm_from, SNAP_COMM_ANNOUNCED);
	assert_int_equal(it.snap.procs[1].comm_from, SNAP_COMM_INHERITED);
	assert_true(it.snap.procs[0].cmdline_valid);
	assert_string_equal(it.snap.procs[0].cmdline, "a\nb \"c\"");
	assert_false(it.snap.procs[1].has_schedstat);
	assert_false(it.snap.procs[1].cmdline_valid);
	assert_int_equal(it.snap.procs[1].exit_code, 256);
	assert_int_equal(it.snap.procs[1].state, 'Z');
	assert_int_equal(it.snap.n_vanished, 1);
	assert_int_equal(it.snap.vanished[0].pid, 40);
	assert_int_equal(it.snap.vanished[0].exit_code, 9);
	assert_int_equal(it.snap.vanished[0].reaped_by, 41);
	assert_int_equal(recording_item(&rec, 1, &it), 0);
	assert_int_equal(it.kind, RECORD_NOTE);
	assert_int_equal(it.t_ms, 15);
	assert_string_equal(it.text, "step 1/2: \"quoted\"");
	record_item_clear(&it);
	recording_clear(&rec);
	snapshot_clear(&s);
	free(text);
}

static const char hdr[] =
	"{\"kind\":\"header\",\"procviz_record\":1,\"source\":\"run\","
	"\"scenario\":\"zombie\",\"command\":null,\"pid\":0,"
	"\"interval_ms\":100,\"event_source\":\"poll\"}\n";

/* Parse hdr + @body; return the error ("" when it parsed). */
static const char *parse_err(const char *body)
{
	static char err[256];
	struct recording rec;
	char text[2048];
	int rc;

	snprintf(text, sizeof(text), "%s%s", hdr, body);
	recording_init(&rec);
	err[0] = '\0';
	rc = recording_parse_mem(text, strlen(text), "f.rec", &rec, err,
				 sizeof(err));
	assert_true(rc == 0 ? err[0] == '\0' : rc == -EINVAL);
	if (rc)
		assert_int_equal(rec.n_items, 0);	/* left empty */
	recording_clear(&rec);
	return err;
}

static void test_malformed_lines_name_line_and_column(void **state)
{
	(void)state;
	assert_string_equal(parse_err(""), "");
	assert_string_equal(parse_err("\n  \n"), "");
	assert_string_equal(parse_err("{\"kind\":\"note\",\"t_ms\":1}\n"),
		"f.rec:2:24: expected member \"text\" in a note");
	assert_string_equal(parse_err("{\"kind\":\"note\",\"t_ms\":\"1\",\"text\":\"\"}\n"),
		"f.rec:2:23: expected t_ms >= 0 (a whole number)");
	assert_string_equal(parse_err("\n{\"kind\":\"sample\",\"t_ms\":1,\"full\":1,"
				      "\"procs\":[],\"vanished\":[]}\n"),
		"f.rec:3:34: expected full (true or false)");
	assert_string_equal(parse_err("{\"kind\":\"note\",\"t_ms\":1,\"text\":\"a\\q\"}"),
		"f.rec:2:35: expected an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
	assert_string_equal(parse_err("{\"kind\":\"sample\",\"t_ms\":1,\"full\":true,"
				      "\"procs\":[{\"pid\":1,\"ppid\":0,\"pgid\":0,"
				      "\"sid\":0,\"state\":\"R\",\"threads\":1,"
				      "\"start\":1,\"cpu\":1,\"run_ns\":1,"
				      "\"exit_code\":-1,\"comm\":\"a\","
				      "\"parent_comm\":\"\"}],\"vanished\":[]}"),
		"f.rec:2:178: expected both run_ns and wait_ns, or neither");
	assert_string_equal(parse_err("{\"kind\":\"sample\",\"t_ms\":1,\"full\":true,"
				      "\"procs\":[{\"pid\":1,\"ppid\":0,\"pgid\":0,"
				      "\"sid\":0,\"state\":\"R\",\"threads\":1,"
				      "\"start\":1,\"cpu\":1,\"exit_code\":-1,"
				      "\"comm\":\"a\",\"comm_from\":\"guessed\","
				      "\"parent_comm\":\"\"}],\"vanished\":[]}"),
		"f.rec:2:163: expected \"announced\" or \"inherited\"");
	assert_string_equal(parse_err("{\"kind\":\"note\",\"t_ms\":99999999999999999999,\"text\":\"\"}"),
		"f.rec:2:23: expected t_ms >= 0 in 0..9007199254740992");
	/* Unknown members, nested, are skipped. */
	assert_string_equal(parse_err("{\"kind\":\"note\",\"x\":{\"y\":[1,true,null,\"z\"]},"
				      "\"t_ms\":1,\"text\":\"\"}"), "");
	/* Nesting is bounded. */
	assert_string_equal(parse_err("{\"kind\":\"note\",\"x\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}"),
		"f.rec:2:37: expected values nested at most 16 deep");
}

/* What a model derives from the items, as JSON lines. */
static void derive(const struct recording *rec, char *out, size_t len)
{
	struct record_item it;
	struct model m;
	size_t i, k, used = 0;

	assert_int_equal(model_init(&m), 0);
	record_item_init(&it);
	out[0] = '\0';
	for (i = 0; i < rec->n_items; i++) {
		const struct model_event *ev;
		size_t n;

		assert_int_equal(recording_item(rec, i, &it), 0);
		if (it.kind == RECORD_SAMPLE)
			assert_int_equal(model_apply(&m, &it.snap), 0);
		else
			assert_int_equal(model_note(&m, it.t_ms, it.text), 0);
		n = model_pending(&m, &ev);
		for (k = 0; k < n && used < len; k++) {
			used += (size_t)report_obs_event_json(&ev[k], out + used,
							      len - used);
			if (used < len)
				out[used++] = '\n';
		}
		model_pending_clear(&m);
	}
	if (used < len)
		out[used] = '\0';
	record_item_clear(&it);
	model_clear(&m);
}

static void test_replay_derives_the_live_events(void **state)
{
	struct snapshot s;
	struct model live;
	struct recording rec;
	struct rec_buf b;
	char want[8192], got[8192], err[256], *text;
	size_t len, used = 0, k, n;
	const struct model_event *ev;
	int step;

	(void)state;
	snapshot_init(&s);
	assert_int_equal(model_init(&live), 0);
	rb_open(&b);
	/* A parent forks a child that runs, blocks, dies and is reaped. */
	for (step = 0; step < 5; step++) {
		snapshot_reset(&s, step * 100, true);
		s.interval_ms = 100;
		add(&s, 10, 1, 'S', "parent");
		if (step >= 1 && step <= 3)
			add(&s, 11, 10, "RSZ"[step - 1], "child");
		if (step == 4)
			snapshot_add_vanished(&s, 11, 0, 10);
		recorder_tap_snapshot(&s, b.r);
		assert_int_equal(model_apply(&live, &s), 0);
		if (step == 2) {
			recorder_tap_note(250, "look", b.r);
			model_note(&live, 250, "look");
		}
		n = model_pending(&live, &ev);
		for (k = 0; k < n; k++) {
			used += (size_t)report_obs_event_json(&ev[k], want + used,
							      sizeof(want) - used);
			want[used++] = '\n';
		}
		model_pending_clear(&live);
	}
	want[used] = '\0';
	text = rb_close(&b, &len);
	recording_init(&rec);
	assert_int_equal(recording_parse_mem(text, len, "r", &rec, err,
					     sizeof(err)), 0);
	derive(&rec, got, sizeof(got));
	assert_string_equal(got, want);
	assert_non_null(strstr(got, "\"type\":\"reap\""));
	recording_clear(&rec);
	model_clear(&live);
	snapshot_clear(&s);
	free(text);
}

static void test_trace_turns_readings_into_bursts(void **state)
{
	static const char body[] =
		/* P 5: 300 ms on the CPU, 200 ms blocked, 100 ms CPU, exit */
		"{\"kind\":\"sample\",\"t_ms\":0,\"full\":true,\"procs\":[{\"pid\":5,\"ppid\":1,\"pgid\":1,\"sid\":1,\"state\":\"R\",\"threads\":1,\"start\":9,\"cpu\":0,\"run_ns\":0,\"wait_ns\":0,\"exit_code\":-1,\"comm\":\"w k\",\"parent_comm\":\"\"}],\"vanished\":[]}\n"
		"{\"kind\":\"sample\",\"t_ms\":300,\"full\":true,\"procs\":[{\"pid\":5,\"ppid\":1,\"pgid\":1,\"sid\":1,\"state\":\"R\",\"threads\":1,\"start\":9,\"cpu\":0,\"run_ns\":300000000,\"wait_ns\":0,\"exit_code\":-1,\"comm\":\"w k\",\"parent_comm\":\"\"}],\"vanished\":[]}\n"
		"{\"kind\":\"sample\",\"t_ms\":400,\"full\":true,\"procs\":[{\"pid\":5,\"ppid\":1,\"pgid\":1,\"sid\":1,\"state\":\"S\",\"threads\":1,\"start\":9,\"cpu\":0,\"run_ns\":300000000,\"wait_ns\":0,\"exit_code\":-1,\"comm\":\"w k\",\"parent_comm\":\"\"}],\"vanished\":[]}\n"
		"{\"kind\":\"sample\",\"t_ms\":500,\"full\":true,\"procs\":[{\"pid\":5,\"ppid\":1,\"pgid\":1,\"sid\":1,\"state\":\"S\",\"threads\":1,\"start\":9,\"cpu\":0,\"run_ns\":300000000,\"wait_ns\":0,\"exit_code\":-1,\"comm\":\"w k\",\"parent_comm\":\"\"}],\"vanished\":[]}\n"
		/* ready for 100 ms (waiting, not demand), then 100 ms of CPU */
		"{\"kind\":\"sample\",\"t_ms\":600,\"full\":true,\"procs\":[{\"pid\":5,\"ppid\":1,\"pgid\":1,\"sid\":1,\"state\":\"R\",\"threads\":1,\"start\":9,\"cpu\":0,\"run_ns\":300000000,\"wait_ns\":100000000,\"exit_code\":-1,\"comm\":\"w k\",\"parent_comm\":\"\"}],\"vanished\":[]}\n"
		"{\"kind\":\"sample\",\"t_ms\":700,\"full\":true,\"procs\":[{\"pid\":5,\"ppid\":1,\"pgid\":1,\"sid\":1,\"state\":\"Z\",\"threads\":1,\"start\":9,\"cpu\":0,\"run_ns\":400000000,\"wait_ns\":100000000,\"exit_code\":0,\"comm\":\"w k\",\"parent_comm\":\"\"}],\"vanished\":[]}\n"
		/* P 6: arrives at 400, never uses a tick: skipped */
		"{\"kind\":\"sample\",\"t_ms\":800,\"full\":true,\"procs\":[{\"pid\":6,\"ppid\":1,\"pgid\":1,\"sid\":1,\"state\":\"S\",\"threads\":1,\"start\":19,\"cpu\":0,\"exit_code\":-1,\"comm\":\"idle\",\"parent_comm\":\"\"}],\"vanished\":[{\"pid\":5,\"exit_code\":0,\"reaped_by\":1}]}\n";
	struct recording rec;
	char text[8192], err[256], *out = NULL;
	size_t len = 0;
	FILE *f;
	int njobs;

	(void)state;
	snprintf(text, sizeof(text), "%s%s", hdr, body);
	recording_init(&rec);
	assert_int_equal(recording_parse_mem(text, strlen(text), "t.rec",
					     &rec, err, sizeof(err)), 0);
	f = open_memstream(&out, &len);
	assert_non_null(f);
	assert_int_equal(trace_write(f, &rec, 100, 100, &njobs, err,
				     sizeof(err)), 0);
	fclose(f);
	assert_int_equal(njobs, 1);
	assert_non_null(strstr(out, "\nw_k-5\t0\t3/2/1\n"));
	assert_non_null(strstr(out, "# skipped idle-6: no whole tick of CPU\n"));
	free(out);
	/* With a 1000 ms tick nothing is left: an error, no job. */
	out = NULL;
	f = open_memstream(&out, &len);
	assert_int_equal(trace_write(f, &rec, 1000, 100, &njobs, err,
				     sizeof(err)), -ENOENT);
	fclose(f);
	assert_int_equal(njobs, 0);
	assert_non_null(strstr(err, "try a smaller --tick-ms"));
	free(out);
	recording_clear(&rec);
}

static void count_event(const struct model_event *ev, void *arg)
{
	int *types = arg;

	types[ev->type]++;
}

static void test_replay_observer_is_fed_and_never_live(void **state)
{
	struct observer_config cfg = { .sink = count_event };
	int types[MODEL_EV_NOTE + 1] = { 0 };
	struct snapshot s;
	struct observer *o;
	struct pollfd fds[4];

	(void)state;
	cfg.sink_arg = types;
	o = observer_new_replay(&cfg, "netlink");
	assert_non_null(o);
	assert_false(observer_live(o));
	assert_string_equal(observer_event_source(o), "netlink");
	assert_int_equal(observer_interval_ms(o), OBSERVER_INTERVAL_DEFAULT);
	assert_int_equal(observer_add_root(o, (int)getpid(), false), -EPERM);
	assert_int_equal(observer_pollfds(o, fds, 4), 0);
	assert_int_equal(observer_step(o), 0);
	assert_false(observer_done(o));
	snapshot_init(&s);
	snapshot_reset(&s, 40, true);
	add(&s, 7, 1, 'R', "x");
	assert_int_equal(observer_feed(o, &s), 0);
	assert_int_equal(observer_now_ms(o), 40);	/* model time */
	assert_int_equal(observer_feed_note(o, 41, "hi"), 0);
	assert_int_equal(types[MODEL_EV_SPAWN], 1);
	assert_int_equal(types[MODEL_EV_NOTE], 1);
	assert_false(observer_done(o));
	snapshot_reset(&s, 90, false);
	snapshot_add_vanished(&s, 7, 0, 1);
	assert_int_equal(observer_feed(o, &s), 0);
	assert_true(observer_done(o));
	assert_int_equal(observer_feed_reset(o), 0);
	assert_int_equal(model_count(observer_model(o)), 0);
	assert_false(observer_done(o));
	snapshot_clear(&s);
	observer_free(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_writer_output_parses_back_exactly),
		cmocka_unit_test(test_malformed_lines_name_line_and_column),
		cmocka_unit_test(test_replay_derives_the_live_events),
		cmocka_unit_test(test_trace_turns_readings_into_bursts),
		cmocka_unit_test(test_replay_observer_is_fed_and_never_live),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
