/*
 * tests/unit/test_viz_model.c - event derivation on hand-written snapshot
 * sequences: no /proc involved.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "viz/core/model.h"
#include "tests/unit/viz_testlib.h"

/* Add a process reading to the snapshot being built. */
static struct snap_proc *add(struct snapshot *s, int pid, int ppid,
			     const char *comm, char st, uint64_t run_ms,
			     uint64_t wait_ms)
{
	struct snap_proc *p = vt_proc(s, pid, ppid, comm, st);

	p->has_schedstat = true;
	p->run_ns = run_ms * 1000000u;
	p->wait_ns = wait_ms * 1000000u;
	return p;
}

/* Apply, then render the pending events as "type:pid[:detail]" words. */
static const char *apply(struct model_fixture *f)
{
	static char buf[2048];
	const struct model_event *ev;
	size_t n, i, len = 0;

	assert_int_equal(model_apply(&f->m, &f->s), 0);
	n = model_pending(&f->m, &ev);
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		const struct model_event *e = &ev[i];
		char d[300] = "";

		switch (e->type) {
		case MODEL_EV_SPAWN:
			snprintf(d, sizeof(d), ":%d:%s", e->ppid, e->comm);
			break;
		case MODEL_EV_STATE:
			snprintf(d, sizeof(d), ":%s>%s",
				 model_state_name(e->u.state.from),
				 model_state_name(e->u.state.to));
			break;
		case MODEL_EV_EXIT:
			snprintf(d, sizeof(d), ":%d/%d", e->u.exit.status,
				 e->u.exit.signal);
			break;
		case MODEL_EV_REAP:
			snprintf(d, sizeof(d), ":%d:%lld", e->u.reap.by,
				 (long long)e->u.reap.zombie_ms);
			break;
		case MODEL_EV_REPARENT:
			snprintf(d, sizeof(d), ":%d>%d:%s", e->u.reparent.from,
				 e->u.reparent.to, e->u.reparent.to_comm);
			break;
		case MODEL_EV_THREADS:
			snprintf(d, sizeof(d), ":%d", e->u.threads.count);
			break;
		case MODEL_EV_EXEC:
			snprintf(d, sizeof(d), ":%s%s", e->comm,
				 e->u.exec.renamed ? ":renamed" : "");
			break;
		case MODEL_EV_NOTE:
			snprintf(d, sizeof(d), ":%s", e->u.note.text);
			break;
		default:
			break;
		}
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s:%d%s",
					i ? " " : "", model_event_name(e->type),
					e->pid, d);
	}
	model_pending_clear(&f->m);
	return buf;
}

static void test_spawn_reports_parent_and_comm(void **state)
{
	struct model_fixture *f = *state;

	snapshot_reset(&f->s, 0, true);
	add(&f->s, 10, 1, "shell", 'S', 0, 0);
	add(&f->s, 11, 10, "child", 'R', 0, 0);
	assert_string_equal(apply(f), "spawn:10:1:shell spawn:11:10:child");
	assert_int_equal(model_count(&f->m), 2);
	assert_int_equal(model_find(&f->m, 11)->state, MODEL_ST_RUNNING);
	assert_int_equal(model_find(&f->m, 10)->state, MODEL_ST_BLOCKED);
	assert_int_equal(f->m.processes, 2);
}

static void test_R_splits_into_running_and_ready_by_schedstat(void **state)
{
	struct model_fixture *f = *state;
	const struct model_proc *p;

	snapshot_reset(&f->s, 0, true);
	add(&f->s, 20, 1, "cpu", 'R', 0, 0);
	apply(f);
	/* 100 ms: ran 70, waited 30 -> running. */
	snapshot_reset(&f->s, 100, true);
	add(&f->s, 20, 1, "cpu", 'R', 70, 30);
	assert_string_equal(apply(f), "");
	p = model_find(&f->m, 20);
	assert_int_equal(p->state, MODEL_ST_RUNNING);
	assert_int_equal(p->run_pm, 700);
	assert_int_equal(p->wait_pm, 300);
	/* next 100 ms: ran 20, waited 80 -> ready. */
	snapshot_reset(&f->s, 200, true);
	add(&f->s, 20, 1, "cpu", 'R', 90, 110);
	assert_string_equal(apply(f), "state:20:running>ready");
	/* blocked, whatever the counters say */
	snapshot_reset(&f->s, 300, true);
	add(&f->s, 20, 1, "cpu", 'S', 95, 200);
	assert_string_equal(apply(f), "state:20:ready>blocked");
	snapshot_reset(&f->s, 400, true);
	add(&f->s, 20, 1, "cpu", 'T', 95, 200);
	assert_string_equal(apply(f), "state:20:blocked>stopped");
	p = model_find(&f->m, 20);
	assert_int_equal(p->hist_n, 5);
	assert_int_equal(model_proc_hist(p, 1)->state, MODEL_ST_RUNNING);
	assert_int_equal(model_proc_hist(p, 2)->state, MODEL_ST_READY);
	assert_int_equal(model_proc_hist(p, 2)->wait_pm, 800);
}

static void test_ticks_decide_without_schedstat(void **state)
{
	struct model_fixture *f = *state;
	struct snap_proc *p;

	snapshot_reset(&f->s, 0, true);
	p = add(&f->s, 21, 1, "cpu", 'R', 0, 0);
	p->has_schedstat = false;
	apply(f);
	snapshot_reset(&f->s, 100, true);
	p = add(&f->s, 21, 1, "cpu", 'R', 0, 0);
	p->has_schedstat = false;
	assert_string_equal(apply(f), "state:21:running>ready");
	snapshot_reset(&f->s, 200, true);
	p = add(&f->s, 21, 1, "cpu", 'R', 0, 0);
	p->has_schedstat = false;
	p->cpu_ticks = 5;
	assert_string_equal(apply(f), "state:21:ready>running");
}

static void test_zombie_then_reap_by_parent(void **state)
{
	struct model_fixture *f = *state;
	struct snap_proc *p;

	snapshot_reset(&f->s, 0, true);
	add(&f->s, 30, 1, "parent", 'S', 0, 0);
	add(&f->s, 31, 30, "child", 'R', 0, 0);
	apply(f);
	snapshot_reset(&f->s, 100, true);
	add(&f->s, 30, 1, "parent", 'S', 0, 0);
	p = add(&f->s, 31, 30, "child", 'Z', 50, 0);
	p->exit_code = 3 << 8;
	p->threads = 0;
	assert_string_equal(apply(f),
			    "exit:31:3/-1 state:31:running>zombie");
	assert_int_equal(f->m.zombies, 1);
	assert_int_equal(f->m.max_zombies, 1);
	snapshot_reset(&f->s, 350, true);
	add(&f->s, 30, 1, "parent", 'S', 0, 0);
	assert_int_equal(snapshot_add_vanished(&f->s, 31, -1, 0), 0);
	assert_string_equal(apply(f), "reap:31:30:250");
	assert_int_equal(f->m.zombies, 0);
	assert_int_equal(f->m.max_zombies, 1);
	assert_null(model_find(&f->m, 31));
	assert_int_equal(model_alive(&f->m), 1);
	assert_int_equal(model_proc_at(&f->m, 1)->state, MODEL_ST_GONE);
	assert_int_equal(model_proc_at(&f->m, 1)->exit_status, 3);
}

static void test_vanished_without_zombie_is_exit_then_gone(void **state)
{
	struct model_fixture *f = *state;

	snapshot_reset(&f->s, 0, true);
	add(&f->s, 40, 1, "brief", 'R', 0, 0);
	apply(f);
	snapshot_reset(&f->s, 100, true);
	assert_int_equal(snapshot_add_vanished(&f->s, 40, 9, 0), 0);
	assert_string_equal(apply(f), "exit:40:-1/9 gone:40");
	assert_int_equal(model_alive(&f->m), 0);
}

static void test_first_seen_as_zombie(void **state)
{
	struct model_fixture *f = *state;
	struct snap_proc *p;

	snapshot_reset(&f->s, 5, false);
	p = add(&f->s, 41, 1, "quick", 'Z', 0, 0);
	p->exit_code = 0;
	assert_string_equal(apply(f),
			    "spawn:41:1:quick exit:41:0/-1 state:41:running>zombie");
	snapshot_reset(&f->s, 7, false);
	assert_int_equal(snapshot_add_vanished(&f->s, 41, -1, 99), 0);
	assert_string_equal(apply(f), "reap:41:99:2");
}

static void test_reparent_names_new_parent(void **state)
{
	struct model_fixture *f = *state;
	struct snap_proc *p;

	snapshot_reset(&f->s, 0, true);
	add(&f->s, 50, 49, "daemon", 'S', 0, 0);
	apply(f);
	snapshot_reset(&f->s, 100, true);
	p = add(&f->s, 50, 1, "daemon", 'S', 0, 0);
	snprintf(p->parent_comm, sizeof(p->parent_comm), "systemd");
	assert_string_equal(apply(f), "reparent:50:49>1:systemd");
	assert_int_equal(model_find(&f->m, 50)->ppid, 1);
}

static void test_exec_and_threads(void **state)
{
	struct model_fixture *f = *state;
	struct snap_proc *p;

	snapshot_reset(&f->s, 0, true);
	p = add(&f->s, 60, 1, "sh", 'S', 0, 0);
	p->cmdline_valid = true;
	snprintf(p->cmdline, sizeof(p->cmdline), "sh -c x");
	apply(f);
	snapshot_reset(&f->s, 100, true);
	p = add(&f->s, 60, 1, "sort", 'S', 0, 0);
	p->cmdline_valid = true;
	snprintf(p->cmdline, sizeof(p->cmdline), "sort -n");
	p->threads = 4;
	assert_string_equal(apply(f), "exec:60:sort threads:60:4");
	assert_string_equal(model_find(&f->m, 60)->cmdline, "sort -n");
	/* same comm, new command line: still an exec */
	snapshot_reset(&f->s, 200, true);
	p = add(&f->s, 60, 1, "sort", 'S', 0, 0);
	p->cmdline_valid = true;
	p->threads = 4;
	snprintf(p->cmdline, sizeof(p->cmdline), "sort -r");
	assert_string_equal(apply(f), "exec:60:sort");
}

/* A forked child naming itself with prctl(PR_SET_NAME) runs the same
 * program: the event says it was renamed, so nobody reads it as exec(). */
static void test_rename_without_exec_is_marked_renamed(void **state)
{
	struct model_fixture *f = *state;
	struct snap_proc *p;

	snapshot_reset(&f->s, 0, true);
	p = add(&f->s, 61, 1, "zombie-parent", 'S', 0, 0);
	p->cmdline_valid = true;
	snprintf(p->cmdline, sizeof(p->cmdline), "procviz run zombie");
	apply(f);
	snapshot_reset(&f->s, 100, true);
	p = add(&f->s, 61, 1, "zombie-child", 'S', 0, 0);
	p->cmdline_valid = true;
	snprintf(p->cmdline, sizeof(p->cmdline), "procviz run zombie");
	assert_string_equal(apply(f), "exec:61:zombie-child:renamed");
}

/*
 * An exec event claims no more than was seen: the connector's report, a
 * new command line, or - when only the new name could be read (it exited
 * at once: a zombie shows no command line) - "exec or rename", with the
 * old command line dropped rather than shown as the new program's.
 */
static void test_exec_says_what_was_seen(void **state)
{
	struct model_fixture *f = *state;
	const struct model_event *ev;
	struct snap_proc *p;

	snapshot_reset(&f->s, 0, true);
	p = add(&f->s, 62, 1, "procviz", 'S', 0, 0);
	p->cmdline_valid = true;
	snprintf(p->cmdline, sizeof(p->cmdline), "procviz watch -- true");
	p = add(&f->s, 63, 1, "sh", 'S', 0, 0);
	p->cmdline_valid = true;
	snprintf(p->cmdline, sizeof(p->cmdline), "sh -c x");
	apply(f);
	snapshot_reset(&f->s, 100, false);
	add(&f->s, 62, 1, "true", 'Z', 0, 0);
	assert_int_equal(model_apply(&f->m, &f->s), 0);
	assert_true(model_pending(&f->m, &ev) >= 1);
	assert_int_equal(ev[0].type, MODEL_EV_EXEC);
	assert_int_equal(ev[0].u.exec.seen, MODEL_EXEC_COMM);
	assert_false(ev[0].u.exec.renamed);
	assert_string_equal(ev[0].u.exec.cmdline, "");
	assert_string_equal(model_find(&f->m, 62)->cmdline, "");
	model_pending_clear(&f->m);
	/* The connector saw the exec: said so, even with the same name. */
	snapshot_reset(&f->s, 200, false);
	p = add(&f->s, 63, 1, "sh", 'S', 0, 0);
	p->exec_seen = true;
	p->cmdline_valid = true;
	snprintf(p->cmdline, sizeof(p->cmdline), "sh -c x");
	assert_int_equal(model_apply(&f->m, &f->s), 0);
	assert_int_equal(model_pending(&f->m, &ev), 1);
	assert_int_equal(ev[0].u.exec.seen, MODEL_EXEC_SEEN);
	assert_string_equal(ev[0].u.exec.cmdline, "sh -c x");
	model_pending_clear(&f->m);
	snapshot_reset(&f->s, 300, false);
	p = add(&f->s, 63, 1, "sort", 'S', 0, 0);
	p->cmdline_valid = true;
	snprintf(p->cmdline, sizeof(p->cmdline), "sort -n");
	assert_int_equal(model_apply(&f->m, &f->s), 0);
	assert_int_equal(model_pending(&f->m, &ev), 1);
	assert_int_equal(ev[0].u.exec.seen, MODEL_EXEC_CMDLINE);
	assert_string_equal(model_exec_seen_name(ev[0].u.exec.seen),
			    "cmdline");
	model_pending_clear(&f->m);
}

/*
 * News of a name older than the model's never rolls it back (model.h
 * "Names").  The CI case first: a conn-handler announced under its own
 * name, then its fork message (only its parent's name: inherited), then
 * gone.  The inherited name must not come back as an exec.
 */
static void test_older_name_never_rolls_back(void **state)
{
	struct model_fixture *f = *state;
	struct snap_proc *p;

	snapshot_reset(&f->s, 0, true);
	add(&f->s, 69, 1, "tcp-server", 'S', 0, 0);
	apply(f);
	snapshot_reset(&f->s, 2685, false);
	p = add(&f->s, 70, 69, "conn-handler", 'R', 0, 0);
	p->comm_from = SNAP_COMM_ANNOUNCED;
	assert_string_equal(apply(f), "spawn:70:69:conn-handler");
	snapshot_reset(&f->s, 2686, false);
	p = add(&f->s, 70, 69, "tcp-server", 'R', 0, 0);
	p->comm_from = SNAP_COMM_INHERITED;
	assert_string_equal(apply(f), "");
	snapshot_reset(&f->s, 2686, false);
	snapshot_add_vanished(&f->s, 70, 0, 0);
	assert_string_equal(apply(f), "exit:70:0/-1 gone:70");
	assert_string_equal(model_proc_at(&f->m, 1)->comm, "conn-handler");

	/* The other order: known from its fork message, then announced. */
	snapshot_reset(&f->s, 2700, false);
	p = add(&f->s, 71, 69, "tcp-server", 'R', 0, 0);
	p->comm_from = SNAP_COMM_INHERITED;
	assert_string_equal(apply(f), "spawn:71:69:tcp-server");
	assert_false(model_find(&f->m, 71)->named);
	snapshot_reset(&f->s, 2701, false);
	p = add(&f->s, 71, 69, "conn-handler", 'R', 0, 0);
	p->comm_from = SNAP_COMM_ANNOUNCED;
	p->cmdline_valid = true;
	assert_string_equal(apply(f), "exec:71:conn-handler:renamed");
	assert_true(model_find(&f->m, 71)->named);
	snapshot_reset(&f->s, 2702, false);
	p = add(&f->s, 71, 69, "tcp-server", 'R', 0, 0);
	p->comm_from = SNAP_COMM_INHERITED;
	assert_string_equal(apply(f), "");
	assert_string_equal(model_find(&f->m, 71)->comm, "conn-handler");
}

/*
 * An announcement renames a process read under its parent's name (read
 * before it renamed itself), not one read under a later name of its own
 * (it announced, then exec'd, and was read before the announcement was):
 * a name read from /proc always applies.
 */
static void test_announcement_renames_only_an_inherited_name(void **state)
{
	struct model_fixture *f = *state;
	struct snap_proc *p;

	snapshot_reset(&f->s, 0, true);
	add(&f->s, 80, 1, "gil-demo", 'S', 0, 0);
	p = add(&f->s, 81, 80, "gil-demo", 'R', 0, 0);
	snprintf(p->parent_comm, sizeof(p->parent_comm), "gil-demo");
	p = add(&f->s, 82, 80, "python3", 'R', 0, 0);
	snprintf(p->parent_comm, sizeof(p->parent_comm), "gil-demo");
	apply(f);
	assert_false(model_find(&f->m, 81)->named);
	assert_true(model_find(&f->m, 82)->named);
	snapshot_reset(&f->s, 10, false);
	p = add(&f->s, 81, 80, "gil-python", 'R', 0, 0);
	p->comm_from = SNAP_COMM_ANNOUNCED;
	p->cmdline_valid = true;
	p = add(&f->s, 82, 80, "gil-python", 'R', 0, 0);
	p->comm_from = SNAP_COMM_ANNOUNCED;
	p->cmdline_valid = true;
	assert_string_equal(apply(f), "exec:81:gil-python:renamed");
	assert_string_equal(model_find(&f->m, 82)->comm, "python3");
	/* Read again: the truth, whatever the model had. */
	snapshot_reset(&f->s, 20, false);
	add(&f->s, 82, 80, "gil-python", 'R', 0, 0);
	assert_string_equal(apply(f), "exec:82:gil-python");
}

static void test_recycled_pid_is_a_new_process(void **state)
{
	struct model_fixture *f = *state;
	struct snap_proc *p;

	snapshot_reset(&f->s, 0, true);
	add(&f->s, 70, 1, "old", 'S', 0, 0);
	apply(f);
	snapshot_reset(&f->s, 100, true);
	p = add(&f->s, 70, 1, "new", 'S', 0, 0);
	p->start_ticks = 99999;
	assert_string_equal(apply(f), "exit:70:-1/-1 gone:70 spawn:70:1:new");
	assert_int_equal(f->m.processes, 2);
	assert_int_equal(model_alive(&f->m), 1);
}

static void test_history_and_dead_are_bounded(void **state)
{
	struct model_fixture *f = *state;
	const struct model_proc *p;
	int i;

	for (i = 0; i < 2 * MODEL_HIST_LEN; i++) {
		snapshot_reset(&f->s, i * 10, true);
		add(&f->s, 80, 1, "long", 'S', 0, 0);
		apply(f);
	}
	p = model_find(&f->m, 80);
	assert_int_equal(p->hist_n, MODEL_HIST_LEN);
	assert_int_equal(model_proc_hist(p, 0)->t_ms, MODEL_HIST_LEN * 10);
	for (i = 0; i < MODEL_MAX_DEAD + 500; i++) {
		snapshot_reset(&f->s, 100000 + i, false);
		add(&f->s, 1000 + i, 80, "short", 'R', 0, 0);
		apply(f);
		snapshot_reset(&f->s, 100000 + i, false);
		snapshot_add_vanished(&f->s, 1000 + i, 0, 0);
		apply(f);
	}
	assert_int_equal(model_count(&f->m), MODEL_MAX_DEAD + 1);
	assert_int_equal(model_alive(&f->m), 1);
	assert_int_equal(f->m.processes, MODEL_MAX_DEAD + 501);
	assert_int_equal(model_log_count(&f->m), MODEL_LOG_LEN);
}

static void test_max_zombies_counts_simultaneous(void **state)
{
	struct model_fixture *f = *state;
	int i;

	snapshot_reset(&f->s, 0, true);
	for (i = 0; i < 3; i++)
		add(&f->s, 90 + i, 1, "z", 'Z', 0, 0);
	apply(f);
	snapshot_reset(&f->s, 100, true);
	for (i = 0; i < 3; i++)
		snapshot_add_vanished(&f->s, 90 + i, -1, 0);
	apply(f);
	snapshot_reset(&f->s, 200, true);
	add(&f->s, 95, 1, "z", 'Z', 0, 0);
	apply(f);
	assert_int_equal(f->m.max_zombies, 3);
	assert_int_equal(f->m.zombies, 1);
}

static void test_note_and_log_order(void **state)
{
	struct model_fixture *f = *state;

	snapshot_reset(&f->s, 0, true);
	add(&f->s, 100, 1, "a", 'S', 0, 0);
	apply(f);
	assert_int_equal(model_note(&f->m, 50, "step 2: the parent waits"), 0);
	assert_string_equal(apply(f), "note:0:step 2: the parent waits");
	assert_int_equal(model_log_count(&f->m), 2);
	assert_int_equal(model_log_get(&f->m, 0)->type, MODEL_EV_SPAWN);
	assert_int_equal(model_log_get(&f->m, 1)->type, MODEL_EV_NOTE);
	assert_null(model_log_get(&f->m, 2));
}

/*
 * Siblings come in birth order (start time, then pid) whatever order a
 * reading lists them in, and one seen later but born earlier goes before.
 */
static void test_siblings_in_birth_order(void **state)
{
	struct model_fixture *f = *state;
	struct snap_proc *p;

	snapshot_reset(&f->s, 0, true);
	add(&f->s, 200, 1, "parent", 'S', 0, 0);
	p = add(&f->s, 303, 200, "c3", 'S', 0, 0);
	p->start_ticks = 5003;
	p = add(&f->s, 301, 200, "c1", 'S', 0, 0);
	p->start_ticks = 5001;
	p = add(&f->s, 302, 200, "c2", 'S', 0, 0);	/* born with c1 */
	p->start_ticks = 5001;
	assert_string_equal(apply(f), "spawn:200:1:parent spawn:301:200:c1 "
			    "spawn:302:200:c2 spawn:303:200:c3");
	snapshot_reset(&f->s, 100, false);
	p = add(&f->s, 299, 200, "c0", 'S', 0, 0);	/* seen late */
	p->start_ticks = 5000;
	apply(f);
	assert_int_equal(model_count(&f->m), 5);
	assert_int_equal(model_proc_at(&f->m, 0)->pid, 200);
	assert_int_equal(model_proc_at(&f->m, 1)->pid, 299);
	assert_int_equal(model_proc_at(&f->m, 2)->pid, 301);
	assert_int_equal(model_proc_at(&f->m, 3)->pid, 302);
	assert_int_equal(model_proc_at(&f->m, 4)->pid, 303);
	assert_true(model_birth_cmp(7, 9, 8, 1) < 0);
	assert_true(model_birth_cmp(8, 2, 8, 1) > 0);
	assert_int_equal(model_birth_cmp(8, 2, 8, 2), 0);
}

static void test_names(void **state)
{
	assert_string_equal(model_state_name(MODEL_ST_READY), "ready");
	assert_string_equal(model_state_name(MODEL_ST_ZOMBIE), "zombie");
	assert_int_equal(model_state_letter(MODEL_ST_READY), 'r');
	assert_string_equal(model_event_name(MODEL_EV_REPARENT), "reparent");
	assert_string_equal(model_event_name(MODEL_EV_NOTE), "note");
}

/* The one /proc letter mapping (the drive view reads it too). */
static void test_state_letters(void **state)
{
	const char *blocked = "SDIWPKs?";
	size_t i;

	(void)state;
	assert_int_equal(model_state_from_letter('R'), MODEL_ST_RUNNING);
	assert_int_equal(model_state_from_letter('Z'), MODEL_ST_ZOMBIE);
	assert_int_equal(model_state_from_letter('X'), MODEL_ST_ZOMBIE);
	assert_int_equal(model_state_from_letter('x'), MODEL_ST_ZOMBIE);
	assert_int_equal(model_state_from_letter('T'), MODEL_ST_STOPPED);
	assert_int_equal(model_state_from_letter('t'), MODEL_ST_STOPPED);
	for (i = 0; blocked[i]; i++)
		assert_int_equal(model_state_from_letter(blocked[i]),
				 MODEL_ST_BLOCKED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, model_fixture_setup, \
					      model_fixture_teardown)
		T(test_spawn_reports_parent_and_comm),
		T(test_R_splits_into_running_and_ready_by_schedstat),
		T(test_ticks_decide_without_schedstat),
		T(test_zombie_then_reap_by_parent),
		T(test_vanished_without_zombie_is_exit_then_gone),
		T(test_first_seen_as_zombie),
		T(test_reparent_names_new_parent),
		T(test_exec_and_threads),
		T(test_rename_without_exec_is_marked_renamed),
		T(test_exec_says_what_was_seen),
		T(test_older_name_never_rolls_back),
		T(test_announcement_renames_only_an_inherited_name),
		T(test_recycled_pid_is_a_new_process),
		T(test_siblings_in_birth_order),
		T(test_history_and_dead_are_bounded),
		T(test_max_zombies_counts_simultaneous),
		T(test_note_and_log_order),
		T(test_names),
		T(test_state_letters),
#undef T
	};

	return cmocka_run_group_tests_name("viz model", tests, NULL, NULL);
}
