/*
 * tests/unit/test_viz_observer.c - the observer on live processes this
 * test creates: zombie then reap, re-parenting after a double fork, ready
 * vs running under CPU contention, a process living ~1 ms, an exit reaped
 * before a sample (the connector's message gives its status).  Each runs
 * with the process connector (when available) and with polling.  Then a
 * process's name is never rolled back by news older than what the model
 * knows (model.h "Names"): the fork message's inherited name after an
 * announcement, an announcement after a reading that saw a later name.
 *
 * No fixed sleeps: every wait is a poll loop with a deadline.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "viz/core/observer.h"
#include "tests/unit/viz_testlib.h"
#include "viz/core/observer_int.h"	/* obs_conn_event: a message */

#define DEADLINE_MS 10000

struct ctx {
	bool no_netlink;
	struct observer *o;
};

static int setup_netlink(void **state)
{
	static struct ctx c;

	memset(&c, 0, sizeof(c));
	*state = &c;
	return 0;
}

static int setup_poll(void **state)
{
	static struct ctx c;

	memset(&c, 0, sizeof(c));
	c.no_netlink = true;
	*state = &c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;

	observer_free(c->o);
	c->o = NULL;
	return 0;
}

static struct observer *make(struct ctx *c, int interval_ms)
{
	struct observer_config cfg = {
		.interval_ms = interval_ms,
		.no_netlink = c->no_netlink,
	};

	c->o = observer_new(&cfg);
	assert_non_null(c->o);
	if (c->no_netlink)
		assert_string_equal(observer_event_source(c->o), "poll");
	return c->o;
}

/* One poll round: wait for the connector or the next sample, then step. */
static void step(struct observer *o)
{
	struct pollfd fds[4];
	int n = observer_pollfds(o, fds, 4);

	poll(fds, (nfds_t)n, observer_timeout_ms(o));
	assert_int_equal(observer_step(o), 0);
}

/* Index in the log of the first event of @type for @pid after @from. */
static long find_event(const struct model *m, enum model_event_type type,
		       int pid, size_t from)
{
	size_t i;

	for (i = from; i < model_log_count(m); i++) {
		const struct model_event *ev = model_log_get(m, i);

		if (ev->type == type && ev->pid == pid)
			return (long)i;
	}
	return -1;
}

static void dump_log(const struct model *m)
{
	size_t i;

	for (i = 0; i < model_log_count(m); i++) {
		const struct model_event *ev = model_log_get(m, i);

		print_message("#   %lld %s pid %d ppid %d %s\n",
			      (long long)ev->t_ms, model_event_name(ev->type),
			      ev->pid, ev->ppid, ev->comm);
	}
}

static void test_zombie_is_seen_then_reaped_by_us(void **state)
{
	struct ctx *c = *state;
	struct observer *o = make(c, 20);
	const struct model *m = observer_model(o);
	const struct model_proc *p;
	long zi, ri;
	int64_t end = vt_mono_ms() + DEADLINE_MS;
	int status;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0)
		_exit(7);
	assert_int_equal(observer_add_root(o, pid, false), 0);
	while (!((p = model_find(m, pid)) && p->state == MODEL_ST_ZOMBIE) &&
	       vt_mono_ms() < end)
		step(o);
	assert_non_null(p);
	assert_int_equal(p->state, MODEL_ST_ZOMBIE);
	assert_int_equal(p->exit_status, 7);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	while (!observer_done(o) && vt_mono_ms() < end)
		step(o);
	assert_true(observer_done(o));
	/* The child may be seen running or ready before it exits (a loaded
	 * machine): the event that matters is the move to zombie. */
	zi = find_event(m, MODEL_EV_STATE, pid, 0);
	while (zi >= 0 &&
	       model_log_get(m, (size_t)zi)->u.state.to != MODEL_ST_ZOMBIE)
		zi = find_event(m, MODEL_EV_STATE, pid, (size_t)zi + 1);
	ri = find_event(m, MODEL_EV_REAP, pid, 0);
	if (zi < 0 || ri < zi)
		dump_log(m);
	assert_true(zi >= 0);
	assert_true(ri > zi);
	assert_int_equal(model_log_get(m, (size_t)ri)->u.reap.by, getpid());
	assert_int_equal(m->max_zombies, 1);
	assert_int_equal(model_alive(m), 0);
}

/*
 * Child: wait for "go", fork a grandchild that waits for "end", report its
 * pid, exit.  The grandchild is re-parented away from the child.
 */
static void test_double_fork_is_reported_as_reparent(void **state)
{
	struct ctx *c = *state;
	struct observer *o = make(c, 20);
	const struct model *m = observer_model(o);
	const struct model_proc *g = NULL;
	int go[2], end_pipe[2], report[2], status, gpid = 0;
	int64_t end = vt_mono_ms() + DEADLINE_MS;
	long ri;
	pid_t pid;
	char ch;

	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(end_pipe), 0);
	assert_int_equal(pipe(report), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		pid_t g2;

		close(go[1]);
		close(end_pipe[1]);
		close(report[0]);
		if (read(go[0], &ch, 1) < 0)
			_exit(1);
		g2 = fork();
		if (g2 == 0) {
			/* Returns at EOF: the test closed its end. */
			while (read(end_pipe[0], &ch, 1) > 0)
				;
			_exit(0);
		}
		if (write(report[1], &g2, sizeof(g2)) < 0)
			_exit(1);
		/* Stay until the test has seen the grandchild (poll mode). */
		if (read(go[0], &ch, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(go[0]);
	close(end_pipe[0]);
	close(report[1]);
	assert_int_equal(observer_add_root(o, pid, false), 0);
	assert_int_equal(write(go[1], "g", 1), 1);
	assert_int_equal(read(report[0], &gpid, sizeof(gpid)), sizeof(gpid));
	while (!model_find(m, gpid) && vt_mono_ms() < end)
		step(o);
	assert_non_null(model_find(m, gpid));
	close(go[1]);			/* the child exits now */
	assert_int_equal(waitpid(pid, &status, 0), pid);
	while (!((g = model_find(m, gpid)) && g->ppid != pid) &&
	       vt_mono_ms() < end)
		step(o);
	ri = find_event(m, MODEL_EV_REPARENT, gpid, 0);
	if (ri < 0)
		dump_log(m);
	assert_true(ri >= 0);
	assert_int_equal(model_log_get(m, (size_t)ri)->u.reparent.from, pid);
	assert_int_not_equal(model_log_get(m, (size_t)ri)->u.reparent.to, pid);
	assert_true(model_log_get(m, (size_t)ri)->u.reparent.to_comm[0] != 0);
	close(end_pipe[1]);		/* the grandchild exits now */
	while (!observer_done(o) && vt_mono_ms() < end)
		step(o);
	assert_true(observer_done(o));
	close(report[0]);
}

/* Three CPU-bound children on one CPU: each must wait for it often. */
static void test_cpu_contention_shows_ready(void **state)
{
	struct ctx *c = *state;
	struct observer *o = make(c, 50);
	const struct model *m = observer_model(o);
	pid_t pids[3];
	int i, stop[2];
	int64_t end = vt_mono_ms() + DEADLINE_MS;
	size_t min_hist = 0;

	assert_int_equal(pipe(stop), 0);
	for (i = 0; i < 3; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			cpu_set_t one;
			volatile unsigned long spin = 0;
			char ch;

			close(stop[1]);
			CPU_ZERO(&one);
			CPU_SET(0, &one);
			if (sched_setaffinity(0, sizeof(one), &one))
				_exit(1);
			/* Spin until the test closes the pipe (EOF). */
			if (fcntl(stop[0], F_SETFL, O_NONBLOCK))
				_exit(1);
			for (;;) {
				spin++;
				if ((spin & 0xfffff) == 0 &&
				    read(stop[0], &ch, 1) == 0)
					_exit(0);
			}
		}
	}
	close(stop[0]);
	for (i = 0; i < 3; i++)
		assert_int_equal(observer_add_root(o, pids[i], false), 0);
	/* Collect 20 readings of each. */
	while (min_hist < 21 && vt_mono_ms() < end) {
		step(o);
		min_hist = SIZE_MAX;
		for (i = 0; i < 3; i++) {
			const struct model_proc *p = model_find(m, pids[i]);

			if (p && p->hist_n < min_hist)
				min_hist = p->hist_n;
		}
	}
	for (i = 0; i < 3; i++) {
		const struct model_proc *p = model_find(m, pids[i]);
		size_t j, ready = 0, n = 0;

		assert_non_null(p);
		for (j = 1; j < p->hist_n; j++) {
			const struct model_hist *h = model_proc_hist(p, j);

			n++;
			if (h->state == MODEL_ST_READY)
				ready++;
		}
		print_message("# child %d: ready in %zu of %zu readings\n",
			      i, ready, n);
		assert_true(n >= 10);
		/* Alone it would get 1/3 of the CPU: ready ~2/3 of the time. */
		assert_true(ready * 4 >= n);
	}
	close(stop[1]);
	for (i = 0; i < 3; i++)
		waitpid(pids[i], NULL, 0);
	end = vt_mono_ms() + DEADLINE_MS;
	while (!observer_done(o) && vt_mono_ms() < end)
		step(o);
	assert_true(observer_done(o));
}

/*
 * A parent forks a child that lives ~1 ms and reaps it at once; with the
 * connector the child must still be reported.
 */
static void test_one_ms_process_is_seen(void **state)
{
	struct ctx *c = *state;
	struct observer *o = make(c, 100);
	const struct model *m = observer_model(o);
	int go[2], report[2], status, cpid = 0;
	int64_t end = vt_mono_ms() + DEADLINE_MS;
	pid_t pid;
	char ch;

	if (strcmp(observer_event_source(o), "netlink") != 0) {
		skip();
		return;
	}
	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(report), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		pid_t k;

		close(go[1]);
		close(report[0]);
		if (read(go[0], &ch, 1) < 0)
			_exit(1);
		k = fork();
		if (k == 0) {
			struct timespec ms = { 0, 1000000 };

			nanosleep(&ms, NULL);
			_exit(0);
		}
		waitpid(k, NULL, 0);
		if (write(report[1], &k, sizeof(k)) < 0)
			_exit(1);
		_exit(0);
	}
	close(go[0]);
	close(report[1]);
	assert_int_equal(observer_add_root(o, pid, false), 0);
	assert_int_equal(write(go[1], "g", 1), 1);
	assert_int_equal(read(report[0], &cpid, sizeof(cpid)), sizeof(cpid));
	assert_int_equal(waitpid(pid, &status, 0), pid);
	while (!observer_done(o) && vt_mono_ms() < end)
		step(o);
	assert_true(observer_done(o));
	if (find_event(m, MODEL_EV_SPAWN, cpid, 0) < 0)
		dump_log(m);
	assert_true(find_event(m, MODEL_EV_SPAWN, cpid, 0) >= 0);
	assert_true(find_event(m, MODEL_EV_EXIT, cpid, 0) >= 0);
	assert_int_equal(m->processes, 2);
	close(go[1]);
	close(report[0]);
}

/*
 * A process that exits and is reaped after the connector's queue was read
 * and before a sample: the sample finds it gone, and its exit message,
 * queued before the reap, still gives the status.
 */
static void test_exit_reaped_before_a_sample_keeps_its_status(void **state)
{
	struct ctx *c = *state;
	struct observer *o = make(c, 100);
	const struct model *m = observer_model(o);
	int go[2], status;
	int64_t end = vt_mono_ms() + DEADLINE_MS;
	pid_t a, b;
	long i;
	char ch;

	if (strcmp(observer_event_source(o), "netlink") != 0) {
		skip();
		return;
	}
	assert_int_equal(pipe(go), 0);
	a = fork();
	assert_true(a >= 0);
	if (a == 0) {
		close(go[1]);
		if (read(go[0], &ch, 1) < 0)
			_exit(1);
		_exit(7);
	}
	close(go[0]);
	assert_int_equal(observer_add_root(o, a, false), 0);
	assert_int_equal(write(go[1], "g", 1), 1);
	assert_int_equal(waitpid(a, &status, 0), a);
	close(go[1]);
	/* A second root: adding it samples everything, before any read of
	 * the queue, and finds a gone. */
	b = fork();
	assert_true(b >= 0);
	if (b == 0) {
		pause();
		_exit(0);
	}
	assert_int_equal(observer_add_root(o, b, false), 0);
	while (find_event(m, MODEL_EV_EXIT, a, 0) < 0 && vt_mono_ms() < end)
		step(o);
	kill(b, SIGKILL);
	waitpid(b, &status, 0);
	i = find_event(m, MODEL_EV_EXIT, a, 0);
	if (i < 0 || model_log_get(m, (size_t)i)->u.exit.status != 7)
		dump_log(m);
	assert_true(i >= 0);
	assert_int_equal(model_log_get(m, (size_t)i)->u.exit.status, 7);
}

/* The events of @pid in the log, as "type:comm" words. */
static const char *events_of(const struct model *m, int pid)
{
	static char buf[1024];
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < model_log_count(m) && len < sizeof(buf) - 40; i++) {
		const struct model_event *ev = model_log_get(m, i);

		if (ev->pid != pid)
			continue;
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s:%s",
					len ? " " : "",
					model_event_name(ev->type), ev->comm);
	}
	return buf;
}

/* A child of ours that exited with @code and was reaped: its pid. */
static pid_t reaped_child(int code, int *status)
{
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0)
		_exit(code);
	assert_int_equal(waitpid(pid, status, 0), pid);
	return pid;
}

/*
 * The CI case (a conn-handler under ASan): the child renamed itself,
 * announced itself, served and was reaped before procviz read anything
 * of it.  The announcement came first (spawn under its own name); the
 * connector's fork message, handled next, knows only the name it had at
 * its fork, its parent's: that older name must not come back as an exec.
 * Then its exit message closes it with its status.
 */
static void test_fork_message_after_announcement_keeps_name(void **state)
{
	struct ctx *c = *state;
	struct observer *o = make(c, 100);
	const struct model *m = observer_model(o);
	struct procconn_event fork_ev = { .kind = PROCCONN_FORK };
	struct procconn_event exit_ev = { .kind = PROCCONN_EXIT };
	const struct model_proc *p;
	long i;
	int st;
	pid_t gone;

	assert_int_equal(observer_add_root(o, getpid(), false), 0);
	observer_set_marker(o, NULL, true);
	gone = reaped_child(5, &st);
	assert_int_equal(observer_hint_fork(o, gone, getpid(),
					    "conn-handler"), 0);
	fork_ev.pid = exit_ev.pid = gone;
	fork_ev.ppid = getpid();
	exit_ev.exit_code = st;
	obs_conn_event(o, &fork_ev);
	obs_conn_event(o, &exit_ev);
	assert_string_equal(events_of(m, gone), "spawn:conn-handler "
			    "exit:conn-handler gone:conn-handler");
	i = find_event(m, MODEL_EV_EXIT, gone, 0);
	assert_int_equal(model_log_get(m, (size_t)i)->u.exit.status, 5);
	for (i = 0; i < (long)model_count(m); i++) {
		p = model_proc_at(m, (size_t)i);
		if (p->pid == gone)
			assert_string_equal(p->comm, "conn-handler");
	}
}

/*
 * A child that renamed itself twice (as a lesson process that announces
 * its name, then execs another program) and was read under its latest
 * name before its announcement was handled: the announcement, older
 * than that reading, must not rename it back.
 */
static void test_announcement_older_than_reading_is_ignored(void **state)
{
	struct ctx *c = *state;
	struct observer *o = make(c, 100);
	const struct model *m = observer_model(o);
	const struct model_proc *p;
	int ready[2], go[2], st;
	pid_t kid;
	char ch;

	assert_int_equal(pipe(ready), 0);
	assert_int_equal(pipe(go), 0);
	kid = fork();
	assert_true(kid >= 0);
	if (kid == 0) {
		close(ready[0]);
		close(go[1]);
		prctl(PR_SET_NAME, "announced", 0, 0, 0);
		prctl(PR_SET_NAME, "later-name", 0, 0, 0);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		while (read(go[0], &ch, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(ready[1]);
	close(go[0]);
	assert_int_equal(read(ready[0], &ch, 1), 1);
	assert_int_equal(observer_add_root(o, kid, false), 0);
	observer_set_marker(o, NULL, true);
	p = model_find(m, kid);
	assert_non_null(p);
	assert_string_equal(p->comm, "later-name");
	assert_int_equal(observer_hint_fork(o, kid, getpid(), "announced"),
			 0);
	p = model_find(m, kid);
	assert_non_null(p);
	if (strcmp(p->comm, "later-name"))
		dump_log(m);
	assert_string_equal(p->comm, "later-name");
	assert_int_equal(find_event(m, MODEL_EV_EXEC, kid, 0), -1);
	assert_int_equal(write(go[1], "g", 1), 1);
	assert_int_equal(waitpid(kid, &st, 0), kid);
	close(ready[0]);
	close(go[1]);
}

static void test_attach_errors(void **state)
{
	struct ctx *c = *state;
	struct observer *o = make(c, 100);

	assert_int_equal(observer_add_root(o, 0x7ffffff0, false), -ESRCH);
	assert_false(observer_done(o));
	assert_int_equal(observer_note(o, "hello"), 0);
	assert_int_equal(model_log_get(observer_model(o), 0)->type,
			 MODEL_EV_NOTE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_zombie_is_seen_then_reaped_by_us, setup_netlink, teardown),
		cmocka_unit_test_setup_teardown(test_double_fork_is_reported_as_reparent, setup_netlink, teardown),
		cmocka_unit_test_setup_teardown(test_cpu_contention_shows_ready, setup_netlink, teardown),
		cmocka_unit_test_setup_teardown(test_one_ms_process_is_seen, setup_netlink, teardown),
		cmocka_unit_test_setup_teardown(test_exit_reaped_before_a_sample_keeps_its_status, setup_netlink, teardown),
		cmocka_unit_test_setup_teardown(test_attach_errors, setup_netlink, teardown),
	};
	const struct CMUnitTest poll_tests[] = {
		cmocka_unit_test_setup_teardown(test_zombie_is_seen_then_reaped_by_us, setup_poll, teardown),
		cmocka_unit_test_setup_teardown(test_double_fork_is_reported_as_reparent, setup_poll, teardown),
		cmocka_unit_test_setup_teardown(test_cpu_contention_shows_ready, setup_poll, teardown),
	};
	/* Hand-fed messages and announcements: no timing involved. */
	const struct CMUnitTest name_tests[] = {
		cmocka_unit_test_setup_teardown(test_fork_message_after_announcement_keeps_name, setup_poll, teardown),
		cmocka_unit_test_setup_teardown(test_announcement_older_than_reading_is_ignored, setup_poll, teardown),
	};
	int failed;

	failed = cmocka_run_group_tests_name("observer, netlink if available",
					     tests, NULL, NULL);
	failed += cmocka_run_group_tests_name("observer, polling", poll_tests,
					      NULL, NULL);
	failed += cmocka_run_group_tests_name("observer, names", name_tests,
					      NULL, NULL);
	return failed ? 1 : 0;
}
