/*
 * tests/unit/test_viz_sampler.c - the sampler reads this test's own
 * children correctly: fields, awkward names, new children, vanishing.
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
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "viz/core/sampler.h"

static const struct snap_proc *find(const struct snapshot *s, int pid)
{
	size_t i;

	for (i = 0; i < s->n_procs; i++)
		if (s->procs[i].pid == pid)
			return &s->procs[i];
	return NULL;
}

static bool vanished(const struct snapshot *s, int pid)
{
	size_t i;

	for (i = 0; i < s->n_vanished; i++)
		if (s->vanished[i].pid == pid)
			return true;
	return false;
}

/* A child named @name that waits for EOF on @fd_read, then exits 3. */
static pid_t child(const char *name, int fd_read, int fd_close)
{
	pid_t pid = fork();
	char c;

	assert_true(pid >= 0);
	if (pid == 0) {
		close(fd_close);
		prctl(PR_SET_NAME, name);
		while (read(fd_read, &c, 1) > 0)
			;
		_exit(3);
	}
	return pid;
}

/* Poll (deadline 10 s) until @pid's /proc state letter is @st. */
static void wait_state(int pid, char st)
{
	char path[64], buf[512], *p;
	struct timespec ms = { 0, 1000000 };
	int i;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	for (i = 0; i < 10000; i++) {
		FILE *f = fopen(path, "r");

		if (f) {
			size_t n = fread(buf, 1, sizeof(buf) - 1, f);

			fclose(f);
			buf[n] = '\0';
			p = strrchr(buf, ')');
			if (p && p[2] == st)
				return;
		}
		nanosleep(&ms, NULL);
	}
	fail_msg("pid %d never reached state %c", pid, st);
}

static void test_fields_awkward_name_zombie_and_vanish(void **state)
{
	struct sampler *s = sampler_new();
	struct snapshot snap;
	const struct snap_proc *p;
	int fds[2];
	pid_t pid;

	snapshot_init(&snap);
	assert_int_equal(pipe(fds), 0);
	pid = child("a) b (c", fds[0], fds[1]);
	close(fds[0]);
	wait_state(pid, 'S');
	assert_int_equal(sampler_track(s, pid), 0);
	assert_int_equal(sampler_track(s, pid), -EEXIST);
	assert_true(sampler_tracking(s, pid));
	assert_int_equal(sampler_sample(s, &snap, 10), 0);
	assert_true(snap.full);
	assert_int_equal(snap.t_ms, 10);
	p = find(&snap, pid);
	assert_non_null(p);
	assert_string_equal(p->comm, "a) b (c");
	assert_int_equal(p->ppid, getpid());
	assert_int_equal(p->pgid, getpgid(0));
	assert_int_equal(p->sid, getsid(0));
	assert_int_equal(p->state, 'S');
	assert_int_equal(p->threads, 1);
	assert_true(p->start_ticks > 0);
	assert_true(p->has_schedstat);
	assert_true(p->cmdline_valid);	/* first reading */
	assert_true(strstr(p->cmdline, "test_viz_sampler") != NULL);
	assert_true(p->parent_comm[0] != '\0');
	/* Second reading: command line not re-read (it cannot have changed). */
	assert_int_equal(sampler_sample(s, &snap, 20), 0);
	assert_false(find(&snap, pid)->cmdline_valid);
	/* Exit: a zombie with its status. */
	close(fds[1]);
	wait_state(pid, 'Z');
	assert_int_equal(sampler_sample(s, &snap, 30), 0);
	p = find(&snap, pid);
	assert_non_null(p);
	assert_int_equal(p->state, 'Z');
	assert_int_equal(p->exit_code, 3 << 8);
	/* Reaped: reported vanished once, then no longer tracked. */
	assert_int_equal(waitpid(pid, NULL, 0), pid);
	assert_int_equal(sampler_sample(s, &snap, 40), 0);
	assert_true(vanished(&snap, pid));
	assert_null(find(&snap, pid));
	assert_false(sampler_tracking(s, pid));
	assert_int_equal(sampler_count(s), 0);
	assert_int_equal(sampler_track(s, pid), -ESRCH);
	snapshot_clear(&snap);
	sampler_free(s);
}

static void test_children_followed_when_polling(void **state)
{
	struct sampler *s = sampler_new();
	struct snapshot snap;
	int fds[2];
	pid_t a, b;

	snapshot_init(&snap);
	assert_int_equal(pipe(fds), 0);
	/* Track ourselves; our new children must be found. */
	assert_int_equal(sampler_track(s, getpid()), 0);
	sampler_set_follow_children(s, true);
	a = child("kid-a", fds[0], fds[1]);
	b = child("kid-b", fds[0], fds[1]);
	assert_int_equal(sampler_sample(s, &snap, 0), 0);
	assert_non_null(find(&snap, a));
	assert_non_null(find(&snap, b));
	assert_true(sampler_tracking(s, a));
	/* Read one at once (what the connector path does). */
	snapshot_reset(&snap, 5, false);
	assert_int_equal(sampler_sample_one(s, a, &snap, -1), 0);
	assert_int_equal(snap.n_procs, 1);
	assert_false(snap.full);
	close(fds[0]);
	close(fds[1]);
	assert_int_equal(waitpid(a, NULL, 0), a);
	assert_int_equal(waitpid(b, NULL, 0), b);
	snapshot_reset(&snap, 6, false);
	assert_int_equal(sampler_sample_one(s, a, &snap, 7), -ESRCH);
	assert_int_equal(snap.n_vanished, 1);
	assert_int_equal(snap.vanished[0].exit_code, 7);
	sampler_untrack(s, b);
	assert_false(sampler_tracking(s, b));
	snapshot_clear(&snap);
	sampler_free(s);
}

static void test_scan_finds_existing_descendants(void **state)
{
	struct sampler *s = sampler_new();
	int fds[2];
	pid_t a;

	assert_int_equal(pipe(fds), 0);
	a = child("kid-scan", fds[0], fds[1]);
	assert_int_equal(sampler_track(s, getpid()), 0);
	assert_true(sampler_scan_descendants(s) >= 1);
	assert_true(sampler_tracking(s, a));
	close(fds[0]);
	close(fds[1]);
	assert_int_equal(waitpid(a, NULL, 0), a);
	sampler_free(s);
}

/*
 * A sleeping process gets quick readings (schedstat only), yet its
 * re-parenting, which happens without it running, is still seen at the
 * sample where its parent is found exited.
 */
static void test_quick_readings_still_see_reparenting(void **state)
{
	struct sampler *s = sampler_new();
	struct snapshot snap;
	const struct snap_proc *p;
	int go[2], hold[2], report[2], i;
	pid_t a, b = 0;
	char c;

	snapshot_init(&snap);
	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(hold), 0);
	assert_int_equal(pipe(report), 0);
	a = fork();
	assert_true(a >= 0);
	if (a == 0) {
		pid_t k;

		/* Only the test keeps go[1] and hold[1]: EOF when it closes. */
		close(go[1]);
		close(hold[1]);
		close(report[0]);
		k = fork();
		if (k == 0) {
			while (read(hold[0], &c, 1) > 0)
				;
			_exit(0);
		}
		if (write(report[1], &k, sizeof(k)) < 0)
			_exit(1);
		while (read(go[0], &c, 1) > 0)
			;
		_exit(0);
	}
	close(go[0]);
	close(hold[0]);
	close(report[1]);
	assert_int_equal(read(report[0], &b, sizeof(b)), sizeof(b));
	wait_state(b, 'S');
	wait_state(a, 'S');
	assert_int_equal(sampler_track(s, a), 0);
	assert_int_equal(sampler_track(s, b), 0);
	for (i = 0; i < 3; i++) {
		assert_int_equal(sampler_sample(s, &snap, i), 0);
		p = find(&snap, b);
		assert_non_null(p);
		assert_int_equal(p->ppid, a);
		assert_int_equal(p->state, 'S');
		assert_string_equal(p->comm, "test_viz_sample");	/* 15 chars */
	}
	close(go[1]);			/* a exits; b is re-parented */
	wait_state(a, 'Z');
	assert_int_equal(sampler_sample(s, &snap, 10), 0);
	assert_int_equal(find(&snap, a)->state, 'Z');
	p = find(&snap, b);
	assert_non_null(p);
	assert_int_not_equal(p->ppid, a);
	assert_int_equal(waitpid(a, NULL, 0), a);
	close(hold[1]);
	close(report[0]);
	snapshot_clear(&snap);
	sampler_free(s);
}

/* Out of file descriptors: processes are still read, by path. */
static void test_out_of_fds_reads_by_path(void **state)
{
	struct sampler *s = sampler_new();
	struct snapshot snap;
	struct rlimit old, low;
	pid_t kids[4];
	int fds[2], i, top;

	snapshot_init(&snap);
	assert_int_equal(pipe(fds), 0);
	for (i = 0; i < 4; i++)
		kids[i] = child("kid-nofd", fds[0], fds[1]);
	for (i = 0; i < 4; i++)
		wait_state(kids[i], 'S');	/* named, waiting */
	top = dup(0);
	assert_true(top >= 0);
	close(top);
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &old), 0);
	low = old;
	/* The sampler keeps 32 free: room to keep one process's files. */
	low.rlim_cur = (rlim_t)top + 34;
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
	for (i = 0; i < 4; i++)
		assert_int_equal(sampler_track(s, kids[i]), 0);
	assert_int_equal(sampler_sample(s, &snap, 1), 0);
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &old), 0);
	for (i = 0; i < 4; i++) {
		const struct snap_proc *p = find(&snap, kids[i]);

		assert_non_null(p);
		assert_int_equal(p->ppid, getpid());
		assert_string_equal(p->comm, "kid-nofd");
	}
	close(fds[0]);
	close(fds[1]);
	for (i = 0; i < 4; i++)
		assert_int_equal(waitpid(kids[i], NULL, 0), kids[i]);
	assert_int_equal(sampler_sample(s, &snap, 2), 0);
	assert_int_equal(snap.n_vanished, 4);
	assert_int_equal(sampler_count(s), 0);
	snapshot_clear(&snap);
	sampler_free(s);
}

static void test_free_null(void **state)
{
	sampler_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_awkward_name_zombie_and_vanish),
		cmocka_unit_test(test_children_followed_when_polling),
		cmocka_unit_test(test_scan_finds_existing_descendants),
		cmocka_unit_test(test_quick_readings_still_see_reparenting),
		cmocka_unit_test(test_out_of_fds_reads_by_path),
		cmocka_unit_test(test_free_null),
	};

	return cmocka_run_group_tests_name("viz sampler", tests, NULL, NULL);
}
