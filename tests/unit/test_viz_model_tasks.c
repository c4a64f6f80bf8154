/*
 * tests/unit/test_viz_model_tasks.c - tasks (threads) and waits in the model,
 * on hand-written snapshots: no /proc involved (viz/core/model.h "Tasks",
 * "Waits").
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

static void set_wait(struct snap_wait *w, const char *sc, const char *fd,
		     const char *wchan)
{
	w->read = true;
	snprintf(w->syscall, sizeof(w->syscall), "%s", sc);
	snprintf(w->fd, sizeof(w->fd), "%s", fd);
	snprintf(w->wchan, sizeof(w->wchan), "%s", wchan);
}

/* A process reading; threads mode lists its tasks. */
static struct snap_proc *proc(struct snapshot *s, int pid, char st,
			      int threads, uint64_t cpu)
{
	struct snap_proc *p = snapshot_add_proc(s, pid);

	assert_non_null(p);
	p->ppid = 1;
	p->state = st;
	p->threads = threads;
	p->start_ticks = 500;
	p->cpu_ticks = cpu;
	p->tasks_listed = true;
	snprintf(p->comm, sizeof(p->comm), "app");
	return p;
}

static struct snap_task *task(struct snapshot *s, int pid, int tid,
			      const char *comm, char st, uint64_t cpu)
{
	struct snap_task *t = snapshot_add_task(s, pid, tid);

	assert_non_null(t);
	t->state = st;
	t->start_ticks = 600 + (uint64_t)tid;
	t->cpu_ticks = cpu;
	snprintf(t->comm, sizeof(t->comm), "%s", comm);
	return t;
}

/* Thread 9 of process 7, still asleep on its lock, as last read. */
static void proc_task_keep(struct snapshot *s, int tid)
{
	task(s, 7, tid, "car", 'S', 3);
}

/*
 * Apply, then render the pending events as words:
 * "type:pid[/tid][:detail]", a move to blocked with its wait
 * ("state:7/8:running>blocked:lock:futex:futex_do_wait", "-" unknown).
 */
static const char *apply(struct model_fixture *f)
{
	static char buf[4096];
	const struct model_event *ev;
	size_t n, i, len = 0;

	assert_int_equal(model_apply(&f->m, &f->s), 0);
	n = model_pending(&f->m, &ev);
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		const struct model_event *e = &ev[i];
		char id[32], d[300] = "";

		if (e->tid)
			snprintf(id, sizeof(id), "%d/%d", e->pid, e->tid);
		else
			snprintf(id, sizeof(id), "%d", e->pid);
		switch (e->type) {
		case MODEL_EV_SPAWN:
			snprintf(d, sizeof(d), ":%s:%s", e->comm,
				 model_state_name(e->u.spawn.state));
			break;
		case MODEL_EV_STATE:
			snprintf(d, sizeof(d), ":%s>%s",
				 model_state_name(e->u.state.from),
				 model_state_name(e->u.state.to));
			break;
		case MODEL_EV_EXEC:
			snprintf(d, sizeof(d), ":%s%s", e->comm,
				 e->u.exec.renamed ? ":renamed" : "");
			break;
		default:
			break;
		}
		if ((e->type == MODEL_EV_STATE &&
		     e->u.state.to == MODEL_ST_BLOCKED) ||
		    (e->type == MODEL_EV_SPAWN &&
		     e->u.spawn.state == MODEL_ST_BLOCKED))
			snprintf(d + strlen(d), sizeof(d) - strlen(d),
				 ":%s:%s:%s", wait_name(e->wait) ?
				 wait_name(e->wait) : "-",
				 e->syscall[0] ? e->syscall : "-",
				 e->wchan[0] ? e->wchan : "-");
		len += (size_t)snprintf(buf + len, sizeof(buf) - len,
					"%s%s:%s%s", i ? " " : "",
					model_event_name(e->type), id, d);
	}
	model_pending_clear(&f->m);
	return buf;
}

static void test_threads_are_tasks_with_their_own_events(void **state)
{
	struct model_fixture *f = *state;
	struct snap_task *t;
	const struct model_proc *tp;

	snapshot_reset(&f->s, 0, true);
	proc(&f->s, 7, 'S', 3, 1);
	t = task(&f->s, 7, 8, "app", 'R', 1);
	task(&f->s, 7, 9, "app", 'S', 1);
	set_wait(&f->s.tasks[1].wait, "futex", "", "futex_do_wait");
	(void)t;
	assert_string_equal(apply(f),
		"spawn:7:app:blocked:-:-:- "
		"spawn:7/8:app:running "
		"spawn:7/9:app:blocked:lock:futex:futex_do_wait");
	assert_int_equal(model_count(&f->m), 1);
	assert_int_equal(model_task_count(&f->m), 2);
	tp = model_find_task(&f->m, 9);
	assert_non_null(tp);
	assert_int_equal(tp->pid, 7);
	assert_int_equal(tp->tid, 9);
	assert_int_equal(tp->wait, WAIT_LOCK);
	assert_null(model_find(&f->m, 9));	/* a task is not a process */
	assert_int_equal(f->m.processes, 1);

	/* 8 names itself and blocks on a pipe; 9 keeps sleeping. */
	snapshot_reset(&f->s, 100, true);
	proc(&f->s, 7, 'S', 3, 1);
	t = task(&f->s, 7, 8, "reader", 'S', 2);
	set_wait(&t->wait, "read", "pipe:[44]", "anon_pipe_read");
	task(&f->s, 7, 9, "app", 'S', 1);
	assert_string_equal(apply(f),
		"exec:7/8:reader:renamed "
		"state:7/8:running>blocked:pipe:read:anon_pipe_read");
	assert_string_equal(model_find_task(&f->m, 8)->fd, "pipe:[44]");
	/* Not read again while it stays blocked: the wait holds. */
	snapshot_reset(&f->s, 200, true);
	proc(&f->s, 7, 'S', 3, 1);
	task(&f->s, 7, 8, "reader", 'S', 2);
	task(&f->s, 7, 9, "app", 'S', 1);
	assert_string_equal(apply(f), "");
	assert_int_equal(model_find_task(&f->m, 9)->wait, WAIT_LOCK);
	assert_int_equal(model_find_task(&f->m, 8)->wait, WAIT_PIPE);
	assert_int_equal(model_find_task(&f->m, 8)->hist_n, 3);
}

static void test_a_thread_not_listed_has_ended(void **state)
{
	struct model_fixture *f = *state;

	snapshot_reset(&f->s, 0, true);
	proc(&f->s, 7, 'S', 3, 1);
	task(&f->s, 7, 8, "a", 'S', 1);
	task(&f->s, 7, 9, "b", 'S', 1);
	apply(f);
	/* A partial reading (not listing tasks) ends nothing. */
	snapshot_reset(&f->s, 50, false);
	proc(&f->s, 7, 'S', 3, 1)->tasks_listed = false;
	assert_string_equal(apply(f), "");
	/* 9 is gone, 10 is new (same count: one replaced the other). */
	snapshot_reset(&f->s, 100, true);
	proc(&f->s, 7, 'S', 3, 1);
	task(&f->s, 7, 8, "a", 'S', 1);
	task(&f->s, 7, 10, "c", 'R', 1);
	assert_string_equal(apply(f), "spawn:7/10:c:running exit:7/9");
	assert_null(model_find_task(&f->m, 9));
	/* Ended tasks stay for display, marked gone. */
	assert_int_equal(model_task_count(&f->m), 3);
	assert_int_equal(model_task_at(&f->m, 1)->tid, 9);
	assert_int_equal(model_task_at(&f->m, 1)->state, MODEL_ST_GONE);
	assert_int_equal(model_task_at(&f->m, 1)->gone_ms, 100);
}

static void test_a_recycled_tid_is_a_new_task(void **state)
{
	struct model_fixture *f = *state;

	snapshot_reset(&f->s, 0, true);
	proc(&f->s, 7, 'S', 2, 1);
	task(&f->s, 7, 8, "a", 'S', 1);
	apply(f);
	snapshot_reset(&f->s, 100, true);
	proc(&f->s, 7, 'S', 2, 1);
	task(&f->s, 7, 8, "b", 'S', 1)->start_ticks = 9999;
	assert_string_equal(apply(f),
			    "exit:7/8 spawn:7/8:b:blocked:-:-:-");
}

static void test_threads_end_before_their_process_exits(void **state)
{
	struct model_fixture *f = *state;

	snapshot_reset(&f->s, 0, true);
	proc(&f->s, 7, 'S', 3, 1);
	task(&f->s, 7, 8, "a", 'S', 1);
	task(&f->s, 7, 9, "b", 'S', 1);
	apply(f);
	snapshot_reset(&f->s, 100, true);
	proc(&f->s, 7, 'Z', 1, 1)->tasks_listed = false;
	assert_string_equal(apply(f),
			    "exit:7/8 exit:7/9 exit:7 state:7:blocked>zombie");
	snapshot_reset(&f->s, 200, true);
	snapshot_add_vanished(&f->s, 7, 0, 1);
	assert_string_equal(apply(f), "reap:7");
	assert_int_equal(model_task_count(&f->m), 2);
}

static void test_a_vanished_process_ends_its_threads(void **state)
{
	struct model_fixture *f = *state;

	snapshot_reset(&f->s, 0, true);
	proc(&f->s, 7, 'S', 2, 1);
	task(&f->s, 7, 8, "a", 'R', 1);
	apply(f);
	snapshot_reset(&f->s, 100, true);
	snapshot_add_vanished(&f->s, 7, -1, 0);
	assert_string_equal(apply(f), "exit:7/8 exit:7 gone:7");
}

static void test_process_waits_and_what_is_not_visible(void **state)
{
	struct model_fixture *f = *state;
	struct snap_proc *p;

	snapshot_reset(&f->s, 0, true);
	proc(&f->s, 7, 'R', 1, 1);
	apply(f);
	/* Blocked in wait4: the event says child, with the raw facts. */
	snapshot_reset(&f->s, 100, true);
	p = proc(&f->s, 7, 'S', 1, 2);
	set_wait(&p->wait, "wait4", "", "do_wait");
	assert_string_equal(apply(f),
			    "state:7:running>blocked:child:wait4:do_wait");
	/* Running again: the wait is cleared. */
	snapshot_reset(&f->s, 200, true);
	proc(&f->s, 7, 'R', 1, 3);
	apply(f);
	assert_int_equal(model_find(&f->m, 7)->wait, WAIT_NONE);
	assert_string_equal(model_find(&f->m, 7)->syscall, "");
	/* Blocked, and the kernel would not say: no word, never a guess. */
	snapshot_reset(&f->s, 300, true);
	p = proc(&f->s, 7, 'S', 1, 4);
	set_wait(&p->wait, "", "", "0");
	assert_string_equal(apply(f), "state:7:running>blocked:-:-:-");
	/* State D is the disk, whatever was read. */
	snapshot_reset(&f->s, 400, true);
	proc(&f->s, 7, 'D', 1, 4);
	apply(f);
	assert_int_equal(model_find(&f->m, 7)->wait, WAIT_DISK);
}

static void test_a_new_wait_while_blocked_is_a_state_event(void **state)
{
	struct model_fixture *f = *state;
	struct snap_proc *p;
	struct snap_task *t;

	/* Thread 9 sleeps; process 7 waits for a child. */
	snapshot_reset(&f->s, 0, true);
	p = proc(&f->s, 7, 'S', 2, 1);
	set_wait(&p->wait, "wait4", "", "do_wait");
	t = task(&f->s, 7, 9, "car", 'S', 1);
	set_wait(&t->wait, "clock_nanosleep", "", "hrtimer_nanosleep");
	apply(f);
	/* Both still blocked, each on something else: one event each. */
	snapshot_reset(&f->s, 100, true);
	p = proc(&f->s, 7, 'S', 2, 2);
	set_wait(&p->wait, "read", "pipe:[44]", "anon_pipe_read");
	t = task(&f->s, 7, 9, "car", 'S', 2);
	set_wait(&t->wait, "futex", "", "futex_do_wait");
	assert_string_equal(apply(f),
		"state:7:blocked>blocked:pipe:read:anon_pipe_read "
		"state:7/9:blocked>blocked:lock:futex:futex_do_wait");
	/* The same waits again: nothing new. */
	snapshot_reset(&f->s, 200, true);
	p = proc(&f->s, 7, 'S', 2, 3);
	set_wait(&p->wait, "read", "pipe:[44]", "anon_pipe_read");
	t = task(&f->s, 7, 9, "car", 'S', 3);
	set_wait(&t->wait, "futex", "", "futex_do_wait");
	assert_string_equal(apply(f), "");
	/* Not visible any more, then visible again: no guess either way. */
	snapshot_reset(&f->s, 300, true);
	p = proc(&f->s, 7, 'S', 2, 4);
	set_wait(&p->wait, "", "", "0");
	proc_task_keep(&f->s, 9);
	assert_string_equal(apply(f), "");
	assert_int_equal(model_find(&f->m, 7)->wait, WAIT_NONE);
	snapshot_reset(&f->s, 400, true);
	p = proc(&f->s, 7, 'S', 2, 5);
	set_wait(&p->wait, "wait4", "", "do_wait");
	proc_task_keep(&f->s, 9);
	assert_string_equal(apply(f), "");
	assert_int_equal(model_find(&f->m, 7)->wait, WAIT_CHILD);
}

static void test_without_threads_mode_no_tasks(void **state)
{
	struct model_fixture *f = *state;

	snapshot_reset(&f->s, 0, true);
	proc(&f->s, 7, 'S', 4, 1)->tasks_listed = false;
	assert_string_equal(apply(f), "spawn:7:app:blocked:-:-:-");
	assert_int_equal(model_task_count(&f->m), 0);
	/* A task of an unknown process, or the main thread, is ignored. */
	snapshot_reset(&f->s, 100, true);
	proc(&f->s, 7, 'S', 4, 1);
	task(&f->s, 99, 100, "x", 'S', 1);
	task(&f->s, 7, 7, "app", 'S', 1);
	assert_string_equal(apply(f), "");
	assert_int_equal(model_task_count(&f->m), 0);
}

static void test_ended_tasks_are_bounded(void **state)
{
	struct model_fixture *f = *state;
	int i;

	for (i = 0; i < MODEL_MAX_DEAD_TASKS + 40; i++) {
		snapshot_reset(&f->s, i * 10, true);
		proc(&f->s, 7, 'S', 2, 1);
		task(&f->s, 7, 1000 + i, "t", 'S', 1);
		apply(f);
	}
	snapshot_reset(&f->s, i * 10, true);
	proc(&f->s, 7, 'S', 1, 1);
	apply(f);
	assert_true(model_task_count(&f->m) <= MODEL_MAX_DEAD_TASKS);
	assert_int_equal(f->m.n_dead_tasks, model_task_count(&f->m));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, model_fixture_setup, \
					      model_fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_threads_are_tasks_with_their_own_events),
		T(test_a_thread_not_listed_has_ended),
		T(test_a_recycled_tid_is_a_new_task),
		T(test_threads_end_before_their_process_exits),
		T(test_a_vanished_process_ends_its_threads),
		T(test_process_waits_and_what_is_not_visible),
		T(test_a_new_wait_while_blocked_is_a_state_event),
		T(test_without_threads_mode_no_tasks),
		T(test_ended_tasks_are_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
