/*
 * viz/core/marker.c - new processes that carry an environment marker
 * (marker.h).
 */
#define _GNU_SOURCE
#include "viz/core/marker.h"
#include "common/procfile.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The last pid handed out in our pid namespace, or -1. */
static int marker_last_pid(void)
{
	char buf[128], *p;

	if (procfile_read(buf, sizeof(buf), "/proc/loadavg") < 0)
		return -1;
	p = strrchr(buf, ' ');
	return p ? atoi(p + 1) : -1;
}

void marker_scan_init(struct marker_scan *m, const char *entry)
{
	memset(m, 0, sizeof(*m));
	if (!entry || strlen(entry) >= sizeof(m->entry))
		return;
	snprintf(m->entry, sizeof(m->entry), "%s", entry);
	m->len = strlen(m->entry);
	m->last_pid = marker_last_pid();
	if (m->last_pid < 0)
		m->last_pid = 0;
	m->prev_pid = m->last_pid;
}

/*
 * The environment block is "A=1\0B=2\0...".  A marker placed first (as
 * procviz places it) is found in the first read; one further on is still
 * found within the first 64 KiB.
 */
bool marker_has(int pid, const char *entry, size_t len)
{
	char path[64], buf[4096 + MARKER_MAX];
	size_t have = 0;
	bool found = false, first = true;
	int fd, chunks = 0;

	snprintf(path, sizeof(path), "/proc/%d/environ", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	while (!found && chunks++ < 16) {
		ssize_t n = read(fd, buf + have, sizeof(buf) - have - 1);
		const char *p;

		if (n <= 0)
			break;
		have += (size_t)n;
		buf[have] = '\0';
		for (p = buf; (p = memmem(p, have - (size_t)(p - buf), entry,
					  len)); p++) {
			if ((p == buf ? first : p[-1] == '\0') &&
			    (size_t)(p - buf) + len < have && p[len] == '\0') {
				found = true;
				break;
			}
		}
		/* Keep a tail that may hold the start of the entry. */
		if (have > MARKER_MAX) {
			memmove(buf, buf + have - MARKER_MAX, MARKER_MAX);
			have = MARKER_MAX;
			first = false;
		}
	}
	close(fd);
	return found;
}

/* Is @pid new, between @from (exclusive) and @to, wrapping? */
static bool marker_is_new(int pid, int from, int to)
{
	if (from <= to)
		return pid > from && pid <= to;
	return pid > from || pid <= to;	/* the pid counter wrapped */
}

int marker_scan_new(struct marker_scan *m, int *out, int max)
{
	int last = marker_last_pid(), n = 0, pid;
	struct dirent *de;
	DIR *d;

	if (!m->len || last < 0 ||
	    (last == m->last_pid && m->prev_pid == m->last_pid))
		return 0;
	d = opendir("/proc");
	if (!d)
		return 0;
	while ((de = readdir(d)) && n < max) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		pid = atoi(de->d_name);
		if (marker_is_new(pid, m->prev_pid, last) &&
		    marker_has(pid, m->entry, m->len))
			out[n++] = pid;
	}
	closedir(d);
	m->prev_pid = m->last_pid;
	m->last_pid = last;
	return n;
}
