/*
 * tests/unit/test_viz_pidwatch.c - what polling adds, on live processes
 * this test creates: a pidfd wakes us at a process's exit and (where the
 * kernel gives it) keeps its status after the reap; the environment marker
 * finds a new process that carries it and only that one; a fork announced
 * by a lesson is followed, and one announced after it was already reaped
 * is reported from its announcement with the status of its reap.
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
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "viz/core/marker.h"
#include "viz/core/observer.h"
#include "viz/core/pidwatch.h"
#include "tests/unit/viz_testlib.h"

#define DEADLINE_MS 10000

/* A child that waits for a byte on @fd, then exits with @code. */
static pid_t child_exiting_on(int fd, int code)
{
	pid_t pid = fork();
	char c;

	assert_true(pid >= 0);
	if (pid == 0) {
		while (read(fd, &c, 1) < 0 && errno == EINTR)
			;
		_exit(code);
	}
	return pid;
}

static void test_pidfd_wakes_at_exit_and_keeps_status(void **state)
{
	struct pidwatch *pw = pidwatch_new();
	struct pollfd p;
	int go[2], got[4], n = 0, st;
	int64_t end = vt_mono_ms() + DEADLINE_MS;
	pid_t kid;

	(void)state;
	if (!pw) {
		skip();	/* no pidfd on this kernel: polling goes without */
		return;
	}
	assert_int_equal(pipe(go), 0);
	kid = child_exiting_on(go[0], 7);
	assert_int_equal(pidwatch_add(pw, kid), 0);
	assert_int_equal(pidwatch_add(pw, kid), -EEXIST);
	assert_int_equal(pidwatch_read(pw, got, 4), 0);	/* alive */
	assert_int_equal(write(go[1], "x", 1), 1);
	p.fd = pidwatch_fd(pw);
	p.events = POLLIN;
	while (n == 0 && vt_mono_ms() < end) {
		poll(&p, 1, 100);
		n = pidwatch_read(pw, got, 4);
	}
	assert_int_equal(n, 1);
	assert_int_equal(got[0], kid);
	assert_int_equal(pidwatch_read(pw, got, 4), 0);	/* once only */
	assert_int_equal(waitpid(kid, &st, 0), kid);
	if (pidwatch_has_exit_info(pw)) {
		assert_int_equal(pidwatch_exit_code(pw, kid), st);
		pidwatch_forget(pw, kid);
		/* kept after the pidfd is closed */
		assert_int_equal(pidwatch_exit_code(pw, kid), st);
	} else {
		pidwatch_forget(pw, kid);
		assert_int_equal(pidwatch_exit_code(pw, kid), -1);
	}
	assert_int_equal(pidwatch_count(pw), 0);
	assert_int_equal(pidwatch_add(pw, kid), -ESRCH);	/* reaped */
	close(go[0]);
	close(go[1]);
	pidwatch_free(pw);
	pidwatch_free(NULL);
}

/* A child whose environment holds @entry (or not), blocked on @fd. */
static pid_t child_with_env(const char *entry, int fd)
{
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		char fdarg[16];

		/* A failed assertion must not leave us behind. */
		prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
		char *argv[] = { "sh", "-c", "read x <&$0", fdarg, NULL };
		char *envp[] = { (char *)entry, "PATH=/usr/bin:/bin", NULL };

		snprintf(fdarg, sizeof(fdarg), "%d", fd);
		execve("/bin/sh", argv, envp);
		_exit(127);
	}
	return pid;
}

static void test_marker_finds_new_marked_processes(void **state)
{
	struct marker_scan m;
	char entry[64];
	int go[2], found[64], n, i, st;
	bool saw_marked = false, saw_other = false;
	int64_t end = vt_mono_ms() + DEADLINE_MS;
	pid_t marked, other;

	(void)state;
	snprintf(entry, sizeof(entry), "PROCVIZ_TEST_MARKER=%d.%lld",
		 (int)getpid(), (long long)vt_mono_ms());
	marker_scan_init(&m, entry);
	assert_int_equal(pipe(go), 0);
	marked = child_with_env(entry, go[0]);
	other = child_with_env("PROCVIZ_TEST_MARKER=other", go[0]);
	/*
	 * Its environment shows the marker once it has exec'd (a process
	 * forked by a marked one shows it at once: it has its parent's).
	 */
	while (!marker_has(marked, entry, strlen(entry)) && vt_mono_ms() < end)
		poll(NULL, 0, 5);
	while (!marker_has(other, "PROCVIZ_TEST_MARKER=other", 25) &&
	       vt_mono_ms() < end)
		poll(NULL, 0, 5);
	n = marker_scan_new(&m, found, 64);
	for (i = 0; i < n; i++) {
		saw_marked |= found[i] == marked;
		saw_other |= found[i] == other;
	}
	assert_true(saw_marked);
	assert_false(saw_other);
	assert_true(marker_has(marked, entry, strlen(entry)));
	assert_false(marker_has(other, entry, strlen(entry)));
	/* A prefix of an entry is not the entry. */
	assert_false(marker_has(marked, entry, strlen(entry) - 1));
	assert_int_equal(write(go[1], "\n\n", 2), 2);
	assert_int_equal(waitpid(marked, &st, 0), marked);
	assert_int_equal(waitpid(other, &st, 0), other);
	close(go[0]);
	close(go[1]);
}

struct evlog {
	struct model_event ev[256];
	int n;
};

static void sink(const struct model_event *ev, void *arg)
{
	struct evlog *l = arg;

	if (l->n < 256)
		l->ev[l->n++] = *ev;
}

static const struct model_event *find_ev(const struct evlog *l,
					 enum model_event_type t, int pid)
{
	int i;

	for (i = 0; i < l->n; i++)
		if (l->ev[i].type == t && l->ev[i].pid == pid)
			return &l->ev[i];
	return NULL;
}

static void test_announced_forks_and_reaps(void **state)
{
	static struct evlog log;
	struct observer_config cfg = {
		.interval_ms = 50, .no_netlink = true,
		.sink = sink, .sink_arg = &log,
	};
	const struct model_event *e;
	struct observer *o;
	int go[2], st;
	pid_t live, gone;

	(void)state;
	memset(&log, 0, sizeof(log));
	o = observer_new(&cfg);
	assert_non_null(o);
	assert_int_equal(observer_add_root(o, getpid(), false), 0);
	observer_set_marker(o, NULL, true);
	assert_non_null(strstr(observer_sources(o), "scenario"));
	assert_int_equal(strncmp(observer_sources(o), "poll", 4), 0);
	/* Announced while alive: followed and read at once. */
	assert_int_equal(pipe(go), 0);
	live = child_exiting_on(go[0], 3);
	assert_int_equal(observer_hint_fork(o, live, getpid(), "kid"), 0);
	e = find_ev(&log, MODEL_EV_SPAWN, live);
	assert_non_null(e);
	assert_int_equal(e->ppid, getpid());
	/* Announced after its reap: reported from the announcement. */
	gone = child_exiting_on(go[0], 4);
	assert_int_equal(write(go[1], "xx", 2), 2);
	assert_int_equal(waitpid(gone, &st, 0), gone);
	assert_int_equal(observer_hint_fork(o, gone, getpid(), "quick"), 0);
	e = find_ev(&log, MODEL_EV_SPAWN, gone);
	assert_non_null(e);
	assert_string_equal(e->comm, "quick");
	assert_false(observer_done(o));
	assert_int_equal(observer_hint_reap(o, gone, getpid(), st), 0);
	e = find_ev(&log, MODEL_EV_EXIT, gone);
	assert_non_null(e);
	assert_int_equal(e->u.exit.status, 4);
	assert_non_null(find_ev(&log, MODEL_EV_GONE, gone));
	/* The live one's reap, announced: its status and its reaper. */
	assert_int_equal(waitpid(live, &st, 0), live);
	assert_int_equal(observer_hint_reap(o, live, getpid(), st), 0);
	e = find_ev(&log, MODEL_EV_EXIT, live);
	assert_non_null(e);
	assert_int_equal(e->u.exit.status, 3);
	close(go[0]);
	close(go[1]);
	observer_free(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pidfd_wakes_at_exit_and_keeps_status),
		cmocka_unit_test(test_marker_finds_new_marked_processes),
		cmocka_unit_test(test_announced_forks_and_reaps),
	};

	return cmocka_run_group_tests_name("viz pidwatch, marker, hints",
					   tests, NULL, NULL);
}
