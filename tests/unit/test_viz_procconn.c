/*
 * tests/unit/test_viz_procconn.c - the process connector: fork and exit
 * messages of this test's children arrive with the right fields; the
 * socket filter lets through the exits of followed processes (and of
 * their children) and drops the others.  Skipped where the connector is
 * not available.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "viz/core/observer.h"
#include "viz/core/procconn.h"
#include "tests/unit/viz_testlib.h"

struct seen {
	int fork_parent[8], fork_child[8], n_fork;
	int exit_pid[8], exit_code[8], n_exit;
};

static void collect(const struct procconn_event *ev, void *arg)
{
	struct seen *s = arg;

	if (ev->kind == PROCCONN_FORK && s->n_fork < 8) {
		s->fork_parent[s->n_fork] = ev->ppid;
		s->fork_child[s->n_fork++] = ev->pid;
	} else if (ev->kind == PROCCONN_EXIT && s->n_exit < 8) {
		s->exit_pid[s->n_exit] = ev->pid;
		s->exit_code[s->n_exit++] = ev->exit_code;
	}
}

/* Read messages until @pid's exit was seen or @ms passed. */
static void drain(struct procconn *pc, struct seen *s, int pid, int ms)
{
	int64_t end = vt_mono_ms() + ms;
	int i;

	while (vt_mono_ms() < end) {
		struct pollfd p = { .fd = procconn_fd(pc), .events = POLLIN };

		poll(&p, 1, 20);
		assert_true(procconn_read(pc, collect, s) >= 0);
		for (i = 0; i < s->n_exit; i++)
			if (s->exit_pid[i] == pid)
				return;
	}
}

static bool has_exit(const struct seen *s, int pid, int *code)
{
	int i;

	for (i = 0; i < s->n_exit; i++) {
		if (s->exit_pid[i] == pid) {
			if (code)
				*code = s->exit_code[i];
			return true;
		}
	}
	return false;
}

static pid_t child_exiting(int status, int wait_fd, int other_fd)
{
	pid_t pid = fork();
	char c;

	assert_true(pid >= 0);
	if (pid == 0) {
		if (other_fd >= 0)
			close(other_fd);
		if (wait_fd >= 0)
			while (read(wait_fd, &c, 1) > 0)
				;
		_exit(status);
	}
	return pid;
}

static void test_fork_and_exit_messages_and_filter(void **state)
{
	struct procconn *pc;
	struct seen s;
	int go[2], code = -1, i;
	pid_t followed, other, quick;
	bool forked = false;

	if (procconn_open(&pc, 500) != 0) {
		skip();
		return;
	}
	memset(&s, 0, sizeof(s));
	assert_int_equal(pipe(go), 0);
	followed = child_exiting(6, go[0], go[1]);
	close(go[0]);
	/* Follow only `followed`: our own exits and others' are dropped. */
	assert_int_equal(procconn_filter(pc, &followed, 1), 0);
	other = child_exiting(0, -1, go[1]);
	assert_int_equal(waitpid(other, NULL, 0), other);
	close(go[1]);			/* followed exits with 6 */
	drain(pc, &s, followed, 5000);
	assert_true(has_exit(&s, followed, &code));
	assert_int_equal(code, 6 << 8);
	for (i = 0; i < s.n_fork; i++)
		if (s.fork_child[i] == other && s.fork_parent[i] == getpid())
			forked = true;
	assert_true(forked);		/* forks always pass */
	assert_false(has_exit(&s, other, NULL));
	assert_int_equal(waitpid(followed, NULL, 0), followed);

	/* A child of a followed process: its exit passes (parent match). */
	memset(&s, 0, sizeof(s));
	{
		int self = getpid();

		assert_int_equal(procconn_filter(pc, &self, 1), 0);
	}
	quick = child_exiting(3, -1, -1);
	drain(pc, &s, quick, 5000);
	assert_true(has_exit(&s, quick, &code));
	assert_int_equal(code, 3 << 8);
	assert_int_equal(waitpid(quick, NULL, 0), quick);
	procconn_close(pc);
}

/* The off switch is the config's (the front end reads the environment). */
static void test_config_switch_polls(void **state)
{
	struct observer_config cfg = { .interval_ms = 50, .no_netlink = true };
	struct observer *o;

	(void)state;
	o = observer_new(&cfg);
	assert_non_null(o);
	assert_string_equal(observer_event_source(o), "poll");
	observer_free(o);
	procconn_close(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fork_and_exit_messages_and_filter),
		cmocka_unit_test(test_config_switch_polls),
	};

	return cmocka_run_group_tests_name("viz procconn", tests, NULL, NULL);
}
