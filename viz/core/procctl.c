/*
 * viz/core/procctl.c - renice and CPU affinity of a process (procctl.h).
 */
#define _GNU_SOURCE		/* cpu_set_t, sched_setaffinity */
#include "viz/core/procctl.h"
#include "common/i18n.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

/*
 * Call @fn on every task of @pid (from /proc/PID/task; just @pid when
 * that cannot be read).  Returns the first -errno of a task still there.
 */
static int procctl_each_task(int pid, int (*fn)(int tid, const void *arg),
			     const void *arg)
{
	char path[64];
	struct dirent *d;
	DIR *dir;
	int rc = 0, r, n = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	dir = opendir(path);
	if (!dir)
		return fn(pid, arg);
	while ((d = readdir(dir))) {
		int tid = atoi(d->d_name);

		if (tid <= 0)
			continue;
		r = fn(tid, arg);
		n++;
		if (r == -ESRCH && tid != pid)
			continue;	/* a thread that just ended */
		if (r && !rc)
			rc = r;
	}
	closedir(dir);
	return n ? rc : fn(pid, arg);
}

int procctl_nice_get(int pid, int *nice)
{
	int v;

	errno = 0;
	v = getpriority(PRIO_PROCESS, (id_t)pid);
	if (v == -1 && errno)
		return -errno;
	*nice = v;
	return 0;
}

static int procctl_nice_one(int tid, const void *arg)
{
	return setpriority(PRIO_PROCESS, (id_t)tid, *(const int *)arg) ?
	       -errno : 0;
}

int procctl_nice_set(int pid, int nice)
{
	if (nice < PROCCTL_NICE_MIN)
		nice = PROCCTL_NICE_MIN;
	if (nice > PROCCTL_NICE_MAX)
		nice = PROCCTL_NICE_MAX;
	return procctl_each_task(pid, procctl_nice_one, &nice);
}

static int procctl_cpu(const char *s, size_t *i, int ncpus, int *out,
		       char *err, size_t errlen)
{
	long v = 0;
	size_t start = *i;

	if (!isdigit((unsigned char)s[*i])) {
		snprintf(err, errlen, _("column %zu: expected a CPU number"),
			 *i + 1);
		return -EINVAL;
	}
	while (isdigit((unsigned char)s[*i]) && v <= ncpus)
		v = v * 10 + (s[(*i)++] - '0');
	if (v >= ncpus) {
		snprintf(err, errlen, _("column %zu: no such CPU here (CPUs "
					"0-%d)"), start + 1, ncpus - 1);
		return -EINVAL;
	}
	*out = (int)v;
	return 0;
}

int procctl_cpulist_parse(const char *s, int ncpus, cpu_set_t *set,
			  char *err, size_t errlen)
{
	size_t i = 0;

	CPU_ZERO(set);
	if (ncpus > CPU_SETSIZE)
		ncpus = CPU_SETSIZE;
	for (;;) {
		int a, b, c;

		if (procctl_cpu(s, &i, ncpus, &a, err, errlen))
			return -EINVAL;
		b = a;
		if (s[i] == '-') {
			i++;
			if (procctl_cpu(s, &i, ncpus, &b, err, errlen))
				return -EINVAL;
			if (b < a) {
				snprintf(err, errlen, _("column %zu: a range "
							"goes up (%d-%d)"),
					 i, a, b);
				return -EINVAL;
			}
		}
		for (c = a; c <= b; c++)
			CPU_SET(c, set);
		if (s[i] == '\0')
			return 0;
		if (s[i] != ',') {
			snprintf(err, errlen,
				 _("column %zu: expected ',' or '-' between "
				   "CPUs (like 0-1,3)"), i + 1);
			return -EINVAL;
		}
		i++;
	}
}

void procctl_cpulist_format(const cpu_set_t *set, char *buf, size_t len)
{
	size_t used = 0;
	int c = 0;

	buf[0] = '\0';
	while (c < CPU_SETSIZE) {
		int e = c;

		if (!CPU_ISSET(c, set)) {
			c++;
			continue;
		}
		while (e + 1 < CPU_SETSIZE && CPU_ISSET(e + 1, set))
			e++;
		if (used < len)
			used += (size_t)snprintf(buf + used, len - used,
						 e > c ? "%s%d-%d" : "%s%d",
						 used ? "," : "", c, e);
		c = e + 1;
	}
}

int procctl_affinity_get(int pid, cpu_set_t *set)
{
	return sched_getaffinity(pid, sizeof(*set), set) ? -errno : 0;
}

static int procctl_affinity_one(int tid, const void *arg)
{
	return sched_setaffinity(tid, sizeof(cpu_set_t), arg) ? -errno : 0;
}

int procctl_affinity_set(int pid, const cpu_set_t *set)
{
	return procctl_each_task(pid, procctl_affinity_one, set);
}
