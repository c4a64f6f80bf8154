/*
 * tests/unit/test_viz_tasks.c - the sampler in threads mode on a live
 * process of our own (viz/core/tasks.h): its threads are listed exactly,
 * a thread that ends is no longer listed, and what a blocked task sleeps in
 * is read (system call, the fd's link, wchan).  Polls with a deadline.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "viz/core/sampler.h"
#include "viz/core/tasks.h"

static int ctl[2];	/* parent -> child: one byte ends one thread */

static void *reader(void *arg)
{
	char c;

	(void)arg;
	/* Blocks on the empty pipe until the parent writes. */
	while (read(ctl[0], &c, 1) < 0)
		;
	return NULL;
}

/* A child with two threads blocked reading @ctl (the main one pauses). */
static pid_t spawn_child(void)
{
	pid_t pid;

	if (pipe(ctl))
		return -1;
	pid = fork();
	if (pid == 0) {
		pthread_t t;

		pthread_create(&t, NULL, reader, NULL);
		pthread_create(&t, NULL, reader, NULL);
		for (;;)
			pause();
	}
	return pid;
}

static void nap_ms(long ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

/* Sample until @n tasks are listed (and each blocked, if @blocked). */
static bool sample_until(struct sampler *s, struct snapshot *snap, size_t n,
			 bool blocked)
{
	int tries, i;
	size_t k;

	for (tries = 0, i = 0; tries < 200; tries++, i++) {
		assert_int_equal(sampler_sample(s, snap, i), 0);
		if (snap->n_tasks == n) {
			for (k = 0; k < n && blocked; k++)
				if (!tasks_letter_blocked(snap->tasks[k].state))
					break;
			if (!blocked || k == n)
				return true;
		}
		nap_ms(10);
	}
	return false;
}

static void test_threads_listed_and_waits_read(void **state)
{
	struct sampler *s = sampler_new();
	struct snapshot snap;
	pid_t pid = spawn_child();
	int seen_pipe = 0, tries;
	size_t k;

	(void)state;
	assert_true(pid > 0);
	close(ctl[0]);
	snapshot_init(&snap);
	sampler_set_threads(s, true);
	assert_int_equal(sampler_track(s, pid), 0);
	assert_true(sample_until(s, &snap, 2, true));
	assert_int_equal(snap.n_procs, 1);
	assert_true(snap.procs[0].tasks_listed);
	for (k = 0; k < snap.n_tasks; k++) {
		assert_int_equal(snap.tasks[k].pid, pid);
		assert_int_not_equal(snap.tasks[k].tid, pid);
	}
	/*
	 * Blocked in read on a pipe: its wait was read when it became
	 * blocked, or is read within TASKS_WAIT_EVERY full readings.
	 */
	for (tries = 0; tries < 300 && seen_pipe < 2; tries++) {
		assert_int_equal(sampler_sample(s, &snap, 1000 + tries), 0);
		for (k = 0; k < snap.n_tasks; k++)
			if (snap.tasks[k].wait.read &&
			    strcmp(snap.tasks[k].wait.syscall, "read") == 0 &&
			    strncmp(snap.tasks[k].wait.fd, "pipe:", 5) == 0)
				seen_pipe++;
		nap_ms(5);
	}
	assert_true(seen_pipe >= 2);
	/* One thread ends: the next readings list the other only. */
	assert_int_equal(write(ctl[1], "x", 1), 1);
	assert_true(sample_until(s, &snap, 1, false));
	assert_true(snap.procs[0].tasks_listed);
	/* Threads mode off: no tasks, no listing. */
	sampler_set_threads(s, false);
	assert_int_equal(sampler_sample(s, &snap, 5000), 0);
	assert_int_equal(snap.n_tasks, 0);
	assert_false(snap.procs[0].tasks_listed);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(ctl[1]);
	snapshot_clear(&snap);
	sampler_free(s);
}

static void test_wait_due(void **state)
{
	unsigned age = 0;
	int i;

	(void)state;
	assert_false(tasks_wait_due('R', 'R', true, &age));
	assert_true(tasks_wait_due('R', 'S', false, &age));	/* changed */
	assert_true(tasks_wait_due(0, 'S', false, &age));	/* first */
	assert_true(tasks_wait_due('S', 'S', true, &age));	/* it ran */
	assert_true(tasks_wait_due('S', 'D', false, &age));
	for (i = 1; i < TASKS_WAIT_EVERY; i++)
		assert_false(tasks_wait_due('D', 'D', false, &age));
	assert_true(tasks_wait_due('D', 'D', false, &age));	/* every N */
	assert_false(tasks_wait_due('S', 'T', false, &age));
	assert_false(tasks_wait_due('S', 'Z', false, &age));
	assert_true(tasks_letter_blocked('S'));
	assert_true(tasks_letter_blocked('I'));
	assert_false(tasks_letter_blocked('R'));
	assert_false(tasks_letter_blocked('t'));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wait_due),
		cmocka_unit_test(test_threads_listed_and_waits_read),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
