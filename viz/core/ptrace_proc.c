/*
 * viz/core/ptrace_proc.c - what the tracer reads in /proc about a tracee
 * (ptrace_int.h): its process and parent, its state, whether an exec ran
 * without the program's privileges.  Plain reads, no libproc2: the tracer
 * is a small process of its own.
 */
#define _GNU_SOURCE
#include "viz/core/ptrace_int.h"
#include "common/procfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

/* Tgid and PPid of @tid from /proc/TID/status.  0 or -errno. */
int ptrace_proc_ids(int tid, int *tgid, int *ppid)
{
	char buf[2048], *p;
	ssize_t n = procfile_read(buf, sizeof(buf), "/proc/%d/status", tid);

	if (n < 0)
		return (int)n;
	p = strstr(buf, "\nTgid:");
	if (!p || sscanf(p + 6, "%d", tgid) != 1)
		return -EIO;
	p = strstr(buf, "\nPPid:");
	if (!p || sscanf(p + 6, "%d", ppid) != 1)
		return -EIO;
	return 0;
}

/* The second number of the line @key ("Uid:") of /proc/PID/status. */
static long proc_status_second(int pid, const char *key)
{
	char path[64], buf[4096], *p;
	long a, b;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strstr(buf, key);
	if (!p || sscanf(p + strlen(key), "%ld %ld", &a, &b) != 2)
		return -1;
	return b;
}

/*
 * After an exec of @pid: is its program set-user-ID, set-group-ID or
 * file-capable, and did it get nothing from it?  (The kernel withholds the
 * privileges of a traced exec when the tracer could not have them.)
 */
bool ptrace_proc_lost_privilege(int pid)
{
	char path[64];
	struct stat st;
	ssize_t caps;

	snprintf(path, sizeof(path), "/proc/%d/exe", pid);
	if (stat(path, &st) < 0)
		return false;
	if ((st.st_mode & S_ISUID) &&
	    proc_status_second(pid, "\nUid:") != (long)st.st_uid)
		return true;
	if ((st.st_mode & S_ISGID) && (st.st_mode & S_IXGRP) &&
	    proc_status_second(pid, "\nGid:") != (long)st.st_gid)
		return true;
	caps = getxattr(path, "security.capability", NULL, 0);
	if (caps > 0) {
		char buf[4096], *p;
		unsigned long long eff = 0;

		if (procfile_read(buf, sizeof(buf), "/proc/%d/status",
				  pid) < 0)
			return false;
		p = strstr(buf, "\nCapEff:");
		if (p && sscanf(p + 8, "%llx", &eff) == 1 && eff == 0)
			return true;
	}
	return false;
}

/* The state letter of @tid (/proc/TID/stat), or 0. */
char ptrace_proc_state(int tid)
{
	char buf[512], *p;

	if (procfile_read(buf, sizeof(buf), "/proc/%d/stat", tid) < 0)
		return 0;
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}
