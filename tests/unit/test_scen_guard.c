/*
 * tests/unit/test_scen_guard.c - the marker sweep and the guardian, on
 * processes this test starts itself (/bin/sleep exec'd with a unique
 * marker in its environment).  Never touches anything else.
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
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "scenarios/guard.h"

/* Start /bin/sleep 60 with only @env_entry in its environment. */
static pid_t spawn_sleep(const char *env_entry, bool own_group)
{
	char *argv[] = { "sleep", "60", NULL };
	char *envp[] = { (char *)env_entry, NULL };
	pid_t pid = fork();

	if (pid == 0) {
		if (own_group)
			setpgid(0, 0);
		execve("/bin/sleep", argv, envp);
		_exit(127);
	}
	return pid;
}

/* Poll (deadline 5 s) until @pid has exec'd: its environ shows @entry. */
static bool wait_exec(pid_t pid, const char *entry)
{
	char path[64], buf[256];
	int i;

	snprintf(path, sizeof(path), "/proc/%d/environ", (int)pid);
	for (i = 0; i < 500; i++) {
		FILE *f = fopen(path, "re");
		size_t n = 0;
		struct timespec ts = { 0, 10000000L };

		if (f) {
			n = fread(buf, 1, sizeof(buf) - 1, f);
			fclose(f);
		}
		buf[n] = '\0';
		if (strcmp(buf, entry) == 0)
			return true;
		nanosleep(&ts, NULL);
	}
	return false;
}

static void unique_marker(char *buf, size_t len, const char *what)
{
	snprintf(buf, len, SCEN_MARKER_VAR "=test.%d.%s.%ld", (int)getpid(),
		 what, (long)time(NULL));
}

static void test_start_time(void **state)
{
	(void)state;
	assert_true(scen_proc_start_time(getpid()) > 0);
	assert_int_equal(scen_proc_start_time(0), 0);
}

static void test_sweep_kills_only_marked(void **state)
{
	char mark[SCEN_MARKER_MAX], other[SCEN_MARKER_MAX + 8];
	pid_t a, b;
	int st;

	(void)state;
	unique_marker(mark, sizeof(mark), "sweep");
	/* same prefix, longer value: must not match */
	snprintf(other, sizeof(other), "%sX", mark);
	a = spawn_sleep(mark, false);
	b = spawn_sleep(other, false);
	assert_true(a > 0 && b > 0);
	assert_true(wait_exec(a, mark));
	assert_true(wait_exec(b, other));
	assert_int_equal(scen_guard_sweep(mark, 0), 1);
	assert_int_equal(scen_guard_sweep(mark, SIGKILL), 1);
	assert_int_equal(waitpid(a, &st, 0), a);
	assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	/* the other one is untouched; a zombie no longer counts */
	assert_int_equal(kill(b, 0), 0);
	assert_int_equal(scen_guard_sweep(mark, 0), 0);
	kill(b, SIGKILL);
	waitpid(b, &st, 0);
}

static void test_guardian_cleans_up_at_eof(void **state)
{
	struct scen_guard g;
	pid_t leader, member;
	int st;

	(void)state;
	assert_int_equal(scen_guard_start(&g), 0);
	assert_true(g.pid > 0 && g.fd >= 0);
	assert_non_null(strstr(g.marker, SCEN_MARKER_VAR "="));
	/* a marked group leader, and a marked process outside its group */
	leader = spawn_sleep(g.marker, true);
	member = spawn_sleep(g.marker, true);
	assert_true(wait_exec(leader, g.marker));
	assert_true(wait_exec(member, g.marker));
	assert_int_equal(scen_guard_watch(&g, leader), 0);
	assert_int_equal(scen_guard_sweep(g.marker, 0), 2);
	/* the guardian is in its own session, not an ancestor of anyone */
	assert_int_equal(getsid(g.pid), g.pid);
	scen_guard_stop(&g);	/* EOF: it kills both, then exits */
	assert_int_equal(g.fd, -1);
	assert_int_equal(waitpid(leader, &st, 0), leader);
	assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	assert_int_equal(waitpid(member, &st, 0), member);
	assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	scen_guard_stop(&g);	/* twice is harmless */
}

static void test_watch_refuses_missing_leader(void **state)
{
	struct scen_guard g;
	pid_t pid;
	int st;

	(void)state;
	assert_int_equal(scen_guard_start(&g), 0);
	pid = fork();
	if (pid == 0)
		_exit(0);
	waitpid(pid, &st, 0);
	/* reaped: no start time, so the guardian is never told about it */
	assert_int_equal(scen_guard_watch(&g, pid), -ESRCH);
	scen_guard_stop(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_start_time),
		cmocka_unit_test(test_sweep_kills_only_marked),
		cmocka_unit_test(test_guardian_cleans_up_at_eof),
		cmocka_unit_test(test_watch_refuses_missing_leader),
	};

	return cmocka_run_group_tests_name("scenario guard", tests, NULL,
					   NULL);
}
