/*
 * tests/unit/test_viz_ptrace_src.c - the ptrace event source
 * (viz/core/ptrace_src.h) on a child of this test: a grandchild is
 * reported with its true parent before it runs, each exec, each exit with
 * its status while the process is a zombie, group-stops as STOP/CONT;
 * the program's own wait() sees exactly what it would untraced; after
 * ptrace_src_close() nothing is traced any more.  Skipped where ptrace is
 * forbidden (then ptrace_src_open() says -EPERM).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/clock.h"
#include "viz/core/observer.h"
#include "viz/core/ptrace_src.h"

#define MAXEV 64

struct seen {
	struct ptrace_src_event ev[MAXEV];
	int n;
	char zombie_state[MAXEV];	/* EXIT: the /proc state read then */
};

static char proc_state(int pid)
{
	char path[64], buf[512], *p;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "r");
	if (!f)
		return '?';
	p = fgets(buf, sizeof(buf), f);
	fclose(f);
	p = p ? strrchr(buf, ')') : NULL;
	return p ? p[2] : '?';
}

static void collect(const struct ptrace_src_event *ev, void *arg)
{
	struct seen *s = arg;

	if (s->n == MAXEV)
		return;
	/* While we are in the callback, an exit's zombie is still there. */
	s->zombie_state[s->n] = ev->kind == PTRACE_SRC_EXIT ?
					proc_state(ev->pid) : 0;
	s->ev[s->n++] = *ev;
}

static const struct ptrace_src_event *find(const struct seen *s, int kind,
					   int pid)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (s->ev[i].kind == kind && (!pid || s->ev[i].pid == pid))
			return &s->ev[i];
	return NULL;
}

/* Read events until @done says so or 10 s pass. */
static void read_until(struct ptrace_src *t, struct seen *s,
		       bool (*done)(const struct seen *s, int arg), int arg)
{
	int64_t end = clock_now_ms() + 10000;

	while (!done(s, arg) && clock_now_ms() < end) {
		struct pollfd p = { .fd = ptrace_src_fd(t), .events = POLLIN };

		poll(&p, 1, 100);
		assert_true(ptrace_src_read(t, collect, s) >= 0);
	}
}

static bool have_exit(const struct seen *s, int pid)
{
	return find(s, PTRACE_SRC_EXIT, pid) != NULL;
}

static bool have_stop(const struct seen *s, int pid)
{
	return find(s, PTRACE_SRC_STOP, pid) != NULL;
}

static bool have_cont(const struct seen *s, int pid)
{
	return find(s, PTRACE_SRC_CONT, pid) != NULL;
}

static struct ptrace_src *open_or_skip(void)
{
	struct ptrace_src *t = NULL;
	int r = ptrace_src_open(&t);

	if (r == -EPERM || r == -ENOSYS || r == -ENOTSUP)
		return NULL;
	assert_int_equal(r, 0);
	return t;
}

/*
 * The child waits for "go", then forks a grandchild that execs `true`
 * ... exit 3, and reaps it; the child exits 7.
 */
static pid_t start_child(int *go)
{
	int p[2];
	pid_t pid;
	char c;

	assert_int_equal(pipe(p), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		pid_t g;
		int st;

		close(p[1]);
		if (read(p[0], &c, 1) != 1)
			_exit(90);
		g = fork();
		if (g == 0) {
			execlp("sh", "sh", "-c", "exit 3", (char *)NULL);
			_exit(91);
		}
		if (waitpid(g, &st, 0) != g || !WIFEXITED(st) ||
		    WEXITSTATUS(st) != 3)
			_exit(92); /* wait() must see what it would */
		_exit(7);
	}
	close(p[0]);
	*go = p[1];
	return pid;
}

static void test_fork_exec_exit_reported_exactly(void **state)
{
	struct ptrace_src *t = open_or_skip();
	const struct ptrace_src_event *fork_ev, *exec_ev, *exit_g, *exit_c;
	struct seen s = { .n = 0 };
	int go, st;
	pid_t child;

	(void)state;
	if (!t) {
		skip();
		return;
	}
	child = start_child(&go);
	assert_int_equal(ptrace_src_seize(t, child, false), 0);
	assert_int_equal(write(go, "g", 1), 1);
	close(go);
	read_until(t, &s, have_exit, child);
	fork_ev = find(&s, PTRACE_SRC_FORK, 0);
	assert_non_null(fork_ev);
	assert_int_equal(fork_ev->ppid, child);
	exec_ev = find(&s, PTRACE_SRC_EXEC, fork_ev->pid);
	assert_non_null(exec_ev);
	exit_g = find(&s, PTRACE_SRC_EXIT, fork_ev->pid);
	assert_non_null(exit_g);
	assert_true(WIFEXITED(exit_g->status));
	assert_int_equal(WEXITSTATUS(exit_g->status), 3);
	/* Reported in order: fork, exec, exit. */
	assert_true(fork_ev < exec_ev && exec_ev < exit_g);
	exit_c = find(&s, PTRACE_SRC_EXIT, child);
	assert_non_null(exit_c);
	assert_int_equal(WEXITSTATUS(exit_c->status), 7);
	/* Each exit is read while the process is still a zombie. */
	assert_int_equal(s.zombie_state[exit_g - s.ev], 'Z');
	assert_int_equal(s.zombie_state[exit_c - s.ev], 'Z');
	/* We are the child's real parent: its status is ours, unchanged. */
	assert_int_equal(waitpid(child, &st, 0), child);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 7);
	ptrace_src_close(t);
}

/* Whether /proc/@pid/status says TracerPid 0. */
static bool untraced(int pid)
{
	char path[64], line[256];
	bool r = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "r");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "TracerPid:", 10) == 0)
			r = atoi(line + 10) == 0;
	fclose(f);
	return r;
}

static void test_group_stop_stays_a_stop(void **state)
{
	struct ptrace_src *t = open_or_skip();
	struct seen s = { .n = 0 };
	pid_t child;
	int st;

	(void)state;
	if (!t) {
		skip();
		return;
	}
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		for (;;)
			pause();
	}
	assert_int_equal(ptrace_src_seize(t, child, false), 0);
	kill(child, SIGSTOP);
	read_until(t, &s, have_stop, child);
	assert_non_null(find(&s, PTRACE_SRC_STOP, child));
	/* Our wait() sees the stop, as untraced. */
	assert_int_equal(waitpid(child, &st, WUNTRACED), child);
	assert_true(WIFSTOPPED(st));
	assert_int_equal(WSTOPSIG(st), SIGSTOP);
	kill(child, SIGCONT);
	read_until(t, &s, have_cont, child);
	assert_non_null(find(&s, PTRACE_SRC_CONT, child));
	assert_int_equal(waitpid(child, &st, WCONTINUED), child);
	assert_true(WIFCONTINUED(st));
	/* Closing detaches: the child runs on, untraced. */
	ptrace_src_close(t);
	assert_true(untraced(child));
	assert_int_equal(proc_state(child) == 'T' ||
			 proc_state(child) == 't', 0);
	kill(child, SIGKILL);
	assert_int_equal(waitpid(child, &st, 0), child);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGKILL);
}

/* The off switch is the config's (the front end reads the environment):
 * the observer then refuses to trace as a kernel would, and says why. */
static void test_no_ptrace_switch_refuses(void **state)
{
	struct observer_config cfg = { .interval_ms = 50, .trace = true,
				       .no_ptrace = true };
	struct observer *o;

	(void)state;
	o = observer_new(&cfg);
	assert_non_null(o);
	assert_int_equal(observer_trace_error(o), -ENOTSUP);
	assert_int_equal(observer_tracer_pid(o), 0);
	assert_int_equal(observer_seize(o, (int)getpid(), false), -ENOTSUP);
	assert_string_not_equal(observer_event_source(o), "ptrace");
	observer_free(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fork_exec_exit_reported_exactly),
		cmocka_unit_test(test_group_stop_stays_a_stop),
		cmocka_unit_test(test_no_ptrace_switch_refuses),
	};

	signal(SIGCHLD, SIG_DFL);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
