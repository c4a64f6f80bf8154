/*
 * tests/unit/test_viz_wait.c - the table from system call, fd link and
 * wchan to what a blocked task waits for (viz/core/wait.h): every word of
 * procviz.1's vocabulary is reached, each rule in its order, and nothing is
 * guessed when nothing is visible.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <sys/syscall.h>

#include "viz/core/wait.h"

struct wait_case {
	char state;
	const char *syscall, *fd, *wchan;
	enum wait_kind want;
};

/* At least one case per word, by system call, by fd and by wchan. */
static const struct wait_case cases[] = {
	/* lock: mutexes, semaphores, condition variables (futex) */
	{ 'S', "futex", "", "futex_do_wait", WAIT_LOCK },
	{ 'S', "futex_waitv", "", "", WAIT_LOCK },
	{ 'S', "semop", "", "", WAIT_LOCK },
	{ 'S', "flock", "/tmp/x.lock", "", WAIT_LOCK },
	/* a file lock: fcntl(F_SETLKW) as the race lesson's buyers show it
	 * (the fd's link is a regular file: the call decides), or by wchan */
	{ 'S', "fcntl", "/tmp/procviz-race-N3 (deleted)", "fcntl_setlk",
	  WAIT_LOCK },
	{ 'S', "fcntl", "", "", WAIT_LOCK },
	{ 'S', "", "", "fcntl_setlk", WAIT_LOCK },
	{ 'S', "", "", "do_lock_file_wait", WAIT_LOCK },
	{ 'S', "", "", "locks_lock_inode_wait", WAIT_LOCK },
	{ 'S', "", "", "futex_wait_queue", WAIT_LOCK },
	/* pipe: read/write on a pipe, by the fd's link or the wchan */
	{ 'S', "read", "pipe:[1234]", "anon_pipe_read", WAIT_PIPE },
	{ 'S', "write", "pipe:[1234]", "", WAIT_PIPE },
	{ 'S', "read", "/tmp/fifo", "pipe_read", WAIT_PIPE },
	{ 'S', "openat", "", "wait_for_partner", WAIT_PIPE },
	/* socket */
	{ 'S', "accept", "socket:[55]", "inet_csk_accept", WAIT_SOCKET },
	{ 'S', "accept4", "", "", WAIT_SOCKET },
	{ 'S', "connect", "", "", WAIT_SOCKET },
	{ 'S', "recvfrom", "", "", WAIT_SOCKET },
	{ 'S', "read", "socket:[77]", "", WAIT_SOCKET },
	{ 'S', "", "", "unix_stream_read_generic", WAIT_SOCKET },
	/* child */
	{ 'S', "wait4", "", "do_wait", WAIT_CHILD },
	{ 'S', "waitid", "", "", WAIT_CHILD },
	{ 'S', "", "", "do_wait", WAIT_CHILD },
	/* sleep */
	{ 'S', "nanosleep", "", "", WAIT_SLEEP },
	{ 'S', "clock_nanosleep", "", "hrtimer_nanosleep", WAIT_SLEEP },
	{ 'S', "", "", "hrtimer_nanosleep", WAIT_SLEEP },
	/* signal */
	{ 'S', "pause", "", "", WAIT_SIGNAL },
	{ 'S', "rt_sigsuspend", "", "", WAIT_SIGNAL },
	{ 'S', "rt_sigtimedwait", "", "do_sigtimedwait", WAIT_SIGNAL },
	/* queue: POSIX message queues (and System V) */
	{ 'S', "mq_timedreceive", "/dev/mqueue/q", "", WAIT_QUEUE },
	{ 'S', "mq_timedsend", "", "", WAIT_QUEUE },
	{ 'S', "read", "/dev/mqueue/q", "", WAIT_QUEUE },
	{ 'S', "msgrcv", "", "", WAIT_QUEUE },
	{ 'S', "", "", "wq_sleep", WAIT_QUEUE },
	/* poll */
	{ 'S', "poll", "", "", WAIT_POLL },
	{ 'S', "ppoll", "", "", WAIT_POLL },
	{ 'S', "select", "", "", WAIT_POLL },
	{ 'S', "pselect6", "", "", WAIT_POLL },
	{ 'S', "epoll_wait", "anon_inode:[eventpoll]", "", WAIT_POLL },
	{ 'S', "epoll_pwait", "", "ep_poll", WAIT_POLL },
	{ 'S', "", "", "do_sys_poll", WAIT_POLL },
	/* terminal */
	{ 'S', "read", "/dev/pts/3", "", WAIT_TERMINAL },
	{ 'S', "read", "/dev/tty1", "", WAIT_TERMINAL },
	{ 'S', "read", "/dev/console", "", WAIT_TERMINAL },
	{ 'S', "", "", "n_tty_read", WAIT_TERMINAL },
	/* disk: state D, whatever the rest says */
	{ 'D', "read", "/var/big", "folio_wait_bit", WAIT_DISK },
	{ 'D', "futex", "", "", WAIT_DISK },
	{ 'D', "", "", "", WAIT_DISK },
	/* other: visible, but none of the above */
	{ 'S', "read", "/etc/passwd", "", WAIT_OTHER },
	{ 'S', "ioctl", "/dev/null", "", WAIT_OTHER },
	{ 'S', "syscall_999", "", "", WAIT_OTHER },
	{ 'S', "", "", "some_kernel_function", WAIT_OTHER },
	/* nothing visible: no word (another user's task) */
	{ 'S', "", "", "", WAIT_NONE },
	{ 'S', "", "", "0", WAIT_NONE },
	{ 'S', NULL, NULL, NULL, WAIT_NONE },
	{ 'I', "", "", "0", WAIT_NONE },
};

static void test_every_case(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct wait_case *c = &cases[i];
		enum wait_kind got = wait_classify(c->state, c->syscall,
						   c->fd, c->wchan);

		if (got != c->want)
			fail_msg("case %zu (%c, %s, %s, %s): want %s, got %s",
				 i, c->state, c->syscall ? c->syscall : "NULL",
				 c->fd ? c->fd : "NULL",
				 c->wchan ? c->wchan : "NULL",
				 wait_name(c->want) ? wait_name(c->want) :
				 "(none)", wait_name(got) ? wait_name(got) :
				 "(none)");
	}
}

/* Every word of the vocabulary is reached by some case above. */
static void test_every_word_covered(void **state)
{
	bool seen[WAIT_N_KINDS] = { false };
	size_t i;
	int k;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		seen[cases[i].want] = true;
	for (k = 0; k < WAIT_N_KINDS; k++)
		if (!seen[k])
			fail_msg("no case reaches %s",
				 wait_name(k) ? wait_name(k) : "(none)");
}

/* The words are procviz.1's, both ways, and only those. */
static void test_names(void **state)
{
	static const char *const words[] = {
		"lock", "pipe", "socket", "child", "sleep", "signal", "queue",
		"poll", "terminal", "disk", "other",
	};
	size_t i;

	(void)state;
	assert_null(wait_name(WAIT_NONE));
	assert_int_equal(WAIT_N_KINDS - 1, sizeof(words) / sizeof(words[0]));
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		enum wait_kind k = wait_from_name(words[i]);

		assert_int_not_equal(k, WAIT_NONE);
		assert_string_equal(wait_name(k), words[i]);
		assert_non_null(wait_phrase(k));
	}
	assert_int_equal(wait_from_name("mutex"), WAIT_NONE);
	assert_int_equal(wait_from_name(NULL), WAIT_NONE);
	assert_string_equal(wait_phrase(WAIT_LOCK), "a lock");
}

/* A file lock's wait is "lock", and sentences call it a file lock. */
static void test_file_lock(void **state)
{
	(void)state;
	assert_true(wait_file_lock("fcntl", ""));
	assert_true(wait_file_lock("flock", NULL));
	assert_true(wait_file_lock("", "fcntl_setlk"));
	assert_true(wait_file_lock(NULL, "flock_lock_inode_wait"));
	assert_false(wait_file_lock("futex", "futex_wait_queue"));
	assert_false(wait_file_lock("", ""));
	assert_false(wait_file_lock(NULL, NULL));
	assert_string_equal(wait_phrase_of(WAIT_LOCK, "fcntl", "fcntl_setlk"),
			    "a file lock");
	assert_string_equal(wait_phrase_of(WAIT_LOCK, "", "fcntl_setlk"),
			    "a file lock");
	assert_string_equal(wait_phrase_of(WAIT_LOCK, "futex", ""), "a lock");
	assert_string_equal(wait_phrase_of(WAIT_PIPE, "read", ""), "a pipe");
	assert_string_equal(wait_phrase_of(WAIT_DISK, "fcntl", ""), "the disk");
	assert_string_equal(wait_name(wait_classify('S', "fcntl", "/tmp/t",
						    "fcntl_setlk")), "lock");
}

static void test_syscall_names(void **state)
{
	(void)state;
	assert_string_equal(wait_syscall_name(__NR_futex), "futex");
	assert_string_equal(wait_syscall_name(__NR_read), "read");
	assert_string_equal(wait_syscall_name(__NR_wait4), "wait4");
	assert_string_equal(wait_syscall_name(__NR_accept), "accept");
	assert_string_equal(wait_syscall_name(__NR_clock_nanosleep),
			    "clock_nanosleep");
#ifdef __x86_64__
	/* The x86_64 numbers themselves. */
	assert_string_equal(wait_syscall_name(202), "futex");
	assert_string_equal(wait_syscall_name(0), "read");
	assert_string_equal(wait_syscall_name(61), "wait4");
	assert_string_equal(wait_syscall_name(230), "clock_nanosleep");
	assert_string_equal(wait_syscall_name(43), "accept");
	assert_string_equal(wait_syscall_name(7), "poll");
#endif
	assert_null(wait_syscall_name(-1));
	assert_null(wait_syscall_name(100000));
	assert_true(wait_syscall_takes_fd("read"));
	assert_true(wait_syscall_takes_fd("accept"));
	assert_false(wait_syscall_takes_fd("futex"));
	assert_false(wait_syscall_takes_fd("nanosleep"));
	assert_false(wait_syscall_takes_fd(""));
}

static void test_parse_syscall(void **state)
{
	unsigned long arg0 = 0;
	long nr = -5;

	(void)state;
	assert_int_equal(wait_parse_syscall("0 0x3 0x7ffd 0x1 0x0 0x0 0x0 "
					    "0x7ffd10 0x7f12\n", &nr, &arg0),
			 1);
	assert_int_equal(nr, 0);
	assert_int_equal(arg0, 3);
	assert_int_equal(wait_parse_syscall("202 0x55e0 0x80 0x0 0x0 0x0 "
					    "0x0 0x7ff 0x7f1", &nr, &arg0), 1);
	assert_int_equal(nr, 202);
	assert_int_equal(arg0, 0x55e0);
	assert_int_equal(wait_parse_syscall("running\n", &nr, &arg0), 0);
	assert_int_equal(wait_parse_syscall("-1 0x7ffd 0x7f12\n", &nr, &arg0),
			 0);
	assert_int_equal(wait_parse_syscall("", &nr, &arg0), -1);
	assert_int_equal(wait_parse_syscall("x1 2", &nr, &arg0), -1);
	assert_int_equal(wait_parse_syscall(NULL, &nr, &arg0), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_case),
		cmocka_unit_test(test_every_word_covered),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_file_lock),
		cmocka_unit_test(test_syscall_names),
		cmocka_unit_test(test_parse_syscall),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
