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
	struct timespec ts = { 0, 10000000L };
	struct scen_guard g;
	pid_t leader, member;
	int st, i;

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
	/* the guardian goes into its own session (poll: it does so itself) */
	for (i = 0; i < 500 && getsid(g.pid) != g.pid; i++)
		nanosleep(&ts, NULL);
	assert_int_equal(getsid(g.pid), g.pid);
	scen_guard_stop(&g);	/* EOF: it kills both, then exits */
	assert_int_equal(g.fd, -1);
	assert_int_equal(waitpid(leader, &st, 0), leader);
	assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	assert_int_equal(waitpid(member, &st, 0), member);
	assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	scen_guard_stop(&g);	/* twice is harmless */
}

/* Poll (deadline 5 s) until @pid is a zombie or gone. */
static bool wait_dead(pid_t pid)
{
	char path[64], buf[512], *p;
	int i;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	for (i = 0; i < 500; i++) {
		struct timespec ts = { 0, 10000000L };
		FILE *f = fopen(path, "re");

		if (!f)
			return true;
		p = fgets(buf, sizeof(buf), f) ? strrchr(buf, ')') : NULL;
		fclose(f);
		if (p && p[2] == 'Z')
			return true;
		nanosleep(&ts, NULL);
	}
	return false;
}

static void test_group_kill_after_leader_reaped(void **state)
{
	int p[2], st, pidfd;
	pid_t leader, member = 0;

	(void)state;
	assert_int_equal(pipe(p), 0);
	leader = fork();
	if (leader == 0) {
		setpgid(0, 0);
		member = fork();
		if (member == 0) {
			close(p[0]);
			close(p[1]);
			pause();	/* until the group kill */
			_exit(0);
		}
		if (write(p[1], &member, sizeof(member)) < 0)
			_exit(1);
		_exit(0);
	}
	setpgid(leader, leader);
	pidfd = scen_pidfd_open(leader);
	assert_true(pidfd >= 0);
	assert_int_equal(read(p[0], &member, sizeof(member)),
			 (ssize_t)sizeof(member));
	close(p[0]);
	close(p[1]);
	assert_int_equal(waitpid(leader, &st, 0), leader);
	/* The leader is reaped; its group lives on in the member. */
	assert_int_equal(getpgid(member), leader);
	st = scen_group_kill(pidfd, SIGKILL);
	if (st == -EINVAL || st == -ENOSYS) {
		kill(member, SIGKILL);	/* kernel < 6.9: nothing to prove */
		close(pidfd);
		skip();
	}
	assert_int_equal(st, 0);
	assert_true(wait_dead(member));
	/* By number the group could no longer be proven ours. */
	assert_int_equal(scen_group_kill_checked(-1, leader, 1, SIGKILL),
			 -ESRCH);
	close(pidfd);
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
		cmocka_unit_test(test_group_kill_after_leader_reaped),
	};

	return cmocka_run_group_tests_name("scenario guard", tests, NULL,
					   NULL);
}
