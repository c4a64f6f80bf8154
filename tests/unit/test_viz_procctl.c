/*
 * tests/unit/test_viz_procctl.c - renice and CPU affinity (procctl.h):
 * CPU lists parsed and written as the kernel writes them, and both
 * changes made on a real child and read back from /proc.
 */
#define _GNU_SOURCE		/* cpu_set_t */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "viz/core/procctl.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void test_cpulist_parse(void **state)
{
	char err[128], buf[64];
	cpu_set_t set;

	(void)state;
	assert_int_equal(procctl_cpulist_parse("0-2,5", 8, &set, err,
					       sizeof(err)), 0);
	assert_int_equal(CPU_COUNT(&set), 4);
	assert_true(CPU_ISSET(5, &set));
	procctl_cpulist_format(&set, buf, sizeof(buf));
	assert_string_equal(buf, "0-2,5");
	assert_int_equal(procctl_cpulist_parse("1", 2, &set, err,
					       sizeof(err)), 0);
	procctl_cpulist_format(&set, buf, sizeof(buf));
	assert_string_equal(buf, "1");
	assert_int_equal(procctl_cpulist_parse("2", 2, &set, err,
					       sizeof(err)), -EINVAL);
	assert_string_equal(err, "column 1: no such CPU here (CPUs 0-1)");
	assert_int_equal(procctl_cpulist_parse("0;1", 2, &set, err,
					       sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "column 2:"));
	assert_int_equal(procctl_cpulist_parse("", 2, &set, err,
					       sizeof(err)), -EINVAL);
	assert_string_equal(err, "column 1: expected a CPU number");
	assert_int_equal(procctl_cpulist_parse("1-0", 2, &set, err,
					       sizeof(err)), -EINVAL);
}

/* Field 19 of /proc/PID/stat: nice. */
static int stat_nice(int pid)
{
	char path[64], buf[1024], *p;
	int i, nice = 99;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(buf, sizeof(buf), f));
	fclose(f);
	p = strrchr(buf, ')');
	assert_non_null(p);
	/* after ") " come fields 3..: state is 3, nice is 19 */
	for (i = 3, p += 2; i < 19 && p; i++)
		p = strchr(p, ' ') ? strchr(p, ' ') + 1 : NULL;
	assert_non_null(p);
	sscanf(p, "%d", &nice);
	return nice;
}

static void test_renice_and_affinity_child(void **state)
{
	cpu_set_t set, back;
	int pid, nice, st;
	char err[64];

	(void)state;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		pause();
		_exit(0);
	}
	assert_int_equal(procctl_nice_get(pid, &nice), 0);
	assert_int_equal(procctl_nice_set(pid, nice + 3), 0);
	assert_int_equal(stat_nice(pid), nice + 3 > 19 ? 19 : nice + 3);
	assert_int_equal(procctl_nice_set(pid, 40), 0);	/* clamped */
	assert_int_equal(stat_nice(pid), 19);
	assert_int_equal(procctl_cpulist_parse("0", 1, &set, err,
					       sizeof(err)), 0);
	assert_int_equal(procctl_affinity_set(pid, &set), 0);
	assert_int_equal(procctl_affinity_get(pid, &back), 0);
	assert_true(CPU_EQUAL(&set, &back));
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	assert_int_equal(procctl_nice_set(pid, 5), -ESRCH);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cpulist_parse),
		cmocka_unit_test(test_renice_and_affinity_child),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
