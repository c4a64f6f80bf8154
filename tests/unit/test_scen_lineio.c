/*
 * tests/unit/test_scen_lineio.c - one line over a socket (scenarios/
 * lineio.h), as the manager and server lessons use it: lines split at
 * '\n', cut to the buffer, the end of file; a whole request against a
 * listener on an abstract UNIX socket served by a child.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scenarios/lineio.h"

static void test_lines_are_split_and_cut(void **state)
{
	int sv[2];
	char buf[8];

	(void)state;
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	assert_int_equal(write(sv[1], "add\nlonger line\nend", 19), 19);
	close(sv[1]);
	assert_int_equal(lineio_read(sv[0], buf, sizeof(buf)), 3);
	assert_string_equal(buf, "add");
	/* Cut to the buffer: the rest is the next read's. */
	assert_int_equal(lineio_read(sv[0], buf, sizeof(buf)), 7);
	assert_string_equal(buf, "longer ");
	assert_int_equal(lineio_read(sv[0], buf, sizeof(buf)), 4);
	assert_string_equal(buf, "line");
	/* The last line without its newline, then the end. */
	assert_int_equal(lineio_read(sv[0], buf, sizeof(buf)), 3);
	assert_string_equal(buf, "end");
	assert_int_equal(lineio_read(sv[0], buf, sizeof(buf)), 0);
	assert_string_equal(buf, "");
	close(sv[0]);
}

static void test_a_request_gets_its_reply(void **state)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	socklen_t alen;
	int lfd, status;
	char out[64];
	pid_t pid;

	(void)state;
	/* Abstract: nothing on disk. */
	snprintf(a.sun_path + 1, sizeof(a.sun_path) - 1, "procviz-lineio-%d",
		 (int)getpid());
	alen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
			   strlen(a.sun_path + 1));
	lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_true(lfd >= 0);
	assert_int_equal(bind(lfd, (struct sockaddr *)&a, alen), 0);
	assert_int_equal(listen(lfd, 1), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char req[64], reply[80];
		int c = accept(lfd, NULL, NULL);

		if (c < 0)
			_exit(1);
		lineio_read(c, req, sizeof(req));
		snprintf(reply, sizeof(reply), "got [%s]\n", req);
		_exit(write(c, reply, strlen(reply)) > 0 ? 0 : 1);
	}
	assert_int_equal(lineio_request(AF_UNIX, (struct sockaddr *)&a, alen,
					"get", out, sizeof(out)), 0);
	assert_string_equal(out, "got [get]");
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(lfd);
	/* Nobody listens any more: -1, and errno says why. */
	errno = 0;
	assert_int_equal(lineio_request(AF_UNIX, (struct sockaddr *)&a, alen,
					"get", out, sizeof(out)), -1);
	assert_int_equal(errno, ECONNREFUSED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines_are_split_and_cut),
		cmocka_unit_test(test_a_request_gets_its_reply),
	};

	return cmocka_run_group_tests_name("lineio", tests, NULL, NULL);
}
