/*
 * scenarios/guard.c - the cleanup guardian and the marker sweep (guard.h).
 */
#define _GNU_SOURCE
#include "scenarios/guard.h"
#include "common/clock.h"
#include "common/procfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define GUARD_ENV_MAX (64 * 1024)	/* bytes of environ we look at */
#define GUARD_DEADLINE_MS 5000		/* give up sweeping after this */
#define GUARD_LEADERS 8

unsigned long long scen_proc_start_time(pid_t pid)
{
	char buf[1024], *p;
	unsigned long long start = 0;

	if (procfile_read(buf, sizeof(buf), "/proc/%d/stat", (int)pid) < 0)
		return 0;
	/* comm may hold spaces and parentheses: fields follow the last ')'. */
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u "
			 "%*u %*u %*d %*d %*d %*d %*d %*d %llu", &start) != 1)
		return 0;
	return start;
}

/* Does the environment of @pid (read into @buf) hold the entry @marker? */
static bool guard_has_marker(pid_t pid, const char *marker, char *buf,
			     size_t len)
{
	size_t mlen = strlen(marker), got = 0, i;
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/environ", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	while (got < len - 1 &&
	       (n = read(fd, buf + got, len - 1 - got)) > 0)
		got += (size_t)n;
	close(fd);
	buf[got] = '\0';
	/* Entries are NUL-separated: compare whole entries only. */
	for (i = 0; i < got; i += strlen(buf + i) + 1)
		if (strncmp(buf + i, marker, mlen) == 0 &&
		    buf[i + mlen] == '\0')
			return true;
	return false;
}

#ifndef PIDFD_SIGNAL_PROCESS_GROUP
#define PIDFD_SIGNAL_PROCESS_GROUP (1U << 2)	/* linux/pidfd.h, 6.9 */
#endif

int scen_pidfd_open(pid_t pid)
{
#ifdef SYS_pidfd_open
	return (int)syscall(SYS_pidfd_open, pid, 0);
#else
	errno = ENOSYS;
	return -1;
#endif
}

static int guard_pidfd_kill(int pidfd, int sig)
{
#ifdef SYS_pidfd_send_signal
	return (int)syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0);
#else
	errno = ENOSYS;
	return -1;
#endif
}

int scen_group_kill(int leader_pidfd, int sig)
{
#ifdef SYS_pidfd_send_signal
	if (syscall(SYS_pidfd_send_signal, leader_pidfd, sig, NULL,
		    PIDFD_SIGNAL_PROCESS_GROUP) == 0)
		return 0;
	return -errno;
#else
	return -ENOSYS;
#endif
}

int scen_group_kill_checked(int pidfd, pid_t leader,
			    unsigned long long start, int sig)
{
	int r = -ENOSYS;

	if (pidfd >= 0) {
		r = scen_group_kill(pidfd, sig);
		if (r != -EINVAL && r != -ENOSYS)
			return r;
	}
	if (!start || scen_proc_start_time(leader) != start)
		return -ESRCH;
	return kill(-leader, sig) == 0 ? 0 : -errno;
}

/*
 * Signal @pid if it carries @marker, without ever signalling a recycled
 * pid.  Returns 1 if signalled (or, for sig 0, present), else 0.
 */
static int guard_kill_marked(pid_t pid, const char *marker, int sig,
			     char *buf, size_t len)
{
	unsigned long long t0;
	int pidfd, r = 0;

	pidfd = scen_pidfd_open(pid);
	if (pidfd >= 0) {
		if (guard_has_marker(pid, marker, buf, len) &&
		    guard_pidfd_kill(pidfd, sig) == 0)
			r = 1;
		close(pidfd);
		return r;
	}
	if (errno != ENOSYS)
		return 0;	/* gone already (ESRCH), or not ours */
	/* No pidfds (Linux < 5.3): bracket the check with start times. */
	t0 = scen_proc_start_time(pid);
	if (t0 && guard_has_marker(pid, marker, buf, len) &&
	    scen_proc_start_time(pid) == t0 && kill(pid, sig) == 0)
		r = 1;
	return r;
}

int scen_guard_sweep(const char *marker, int sig)
{
	pid_t self = getpid();
	struct dirent *de;
	char *buf;
	DIR *d;
	int n = 0;

	buf = malloc(GUARD_ENV_MAX);
	if (!buf)
		return -ENOMEM;
	d = opendir("/proc");
	if (!d) {
		int e = errno;

		free(buf);
		return -e;
	}
	while ((de = readdir(d))) {
		char *end;
		long pid = strtol(de->d_name, &end, 10);

		if (*end || pid <= 1 || pid == self)
			continue;
		n += guard_kill_marked((pid_t)pid, marker, sig, buf,
				       GUARD_ENV_MAX);
	}
	closedir(d);
	free(buf);
	return n;
}

struct guard_leader {
	pid_t pid;
	unsigned long long start;
	int pidfd;		/* -1 if pidfds are not available */
};

static void guard_cleanup(const char *marker, const struct guard_leader *lead,
			  int nlead)
{
	long long end = clock_now_ms() + GUARD_DEADLINE_MS;
	struct timespec pause_ts = { 0, 20 * 1000000L };
	int i, n;

	do {
		n = 0;
		for (i = 0; i < nlead; i++)
			n += scen_group_kill_checked(lead[i].pidfd,
						     lead[i].pid, lead[i].start,
						     SIGKILL) == 0;
		n += scen_guard_sweep(marker, SIGKILL) > 0;
		if (n)
			nanosleep(&pause_ts, NULL);
	} while (n && clock_now_ms() < end);
}

/* The guardian's whole life: wait for EOF, clean up, exit. */
static void guard_main(int fd, const char *marker)
{
	struct guard_leader lead[GUARD_LEADERS];
	char buf[256];
	size_t len = 0;
	int nlead = 0, sig, devnull;
	ssize_t n;
	sigset_t all;

	setsid();	/* out of the terminal's reach: no SIGINT, no SIGHUP */
	prctl(PR_SET_NAME, "procviz-guard", 0, 0, 0);
	for (sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			signal(sig, sig == SIGINT || sig == SIGHUP ||
			       sig == SIGQUIT || sig == SIGPIPE ||
			       sig == SIGTSTP || sig == SIGTTIN ||
			       sig == SIGTTOU ? SIG_IGN : SIG_DFL);
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	devnull = open("/dev/null", O_RDWR);
	if (devnull >= 0) {
		dup2(devnull, 0);
		dup2(devnull, 1);
		dup2(devnull, 2);
	}
	if (fd != 3) {
		dup2(fd, 3);
		fd = 3;
	}
	syscall(SYS_close_range, 4U, ~0U, 0U);
	for (;;) {
		char *nl;

		n = read(fd, buf + len, sizeof(buf) - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		buf[len] = '\0';
		while ((nl = strchr(buf, '\n'))) {
			int pid;
			unsigned long long st;

			*nl = '\0';
			if (sscanf(buf, "lead %d %llu", &pid, &st) == 2 &&
			    nlead < GUARD_LEADERS) {
				/* Open first, then check: the pidfd is it. */
				int pfd = scen_pidfd_open(pid);

				if (scen_proc_start_time(pid) == st) {
					lead[nlead].pid = pid;
					lead[nlead].start = st;
					lead[nlead].pidfd = pfd;
					nlead++;
				} else if (pfd >= 0) {
					close(pfd);
				}
			}
			len -= (size_t)(nl + 1 - buf);
			memmove(buf, nl + 1, len + 1);
		}
		if (len == sizeof(buf) - 1)
			len = 0;	/* junk: drop it */
	}
	guard_cleanup(marker, lead, nlead);
	_exit(0);
}

int scen_guard_start(struct scen_guard *g)
{
	pid_t parent = getpid(), pid;
	int p[2];

	g->pid = 0;
	g->fd = -1;
	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid < 0) {
		int e = errno;

		close(p[0]);
		close(p[1]);
		return -e;
	}
	if (pid == 0) {
		char marker[SCEN_MARKER_MAX];

		close(p[1]);
		snprintf(marker, sizeof(marker), SCEN_MARKER_VAR "=%d.%d",
			 (int)parent, (int)getpid());
		guard_main(p[0], marker);
	}
	close(p[0]);
	g->pid = pid;
	g->fd = p[1];
	snprintf(g->marker, sizeof(g->marker), SCEN_MARKER_VAR "=%d.%d",
		 (int)parent, (int)pid);
	return 0;
}

int scen_guard_watch(struct scen_guard *g, pid_t leader)
{
	unsigned long long st = scen_proc_start_time(leader);
	char line[64];
	int n;

	if (g->fd < 0)
		return -EBADF;
	if (!st)
		return -ESRCH;
	n = snprintf(line, sizeof(line), "lead %d %llu\n", (int)leader, st);
	if (write(g->fd, line, (size_t)n) != n)
		return -errno;
	return 0;
}

void scen_guard_stop(struct scen_guard *g)
{
	int st;

	if (g->fd >= 0) {
		close(g->fd);
		g->fd = -1;
	}
	if (g->pid > 0) {
		while (waitpid(g->pid, &st, 0) < 0 && errno == EINTR)
			;
		g->pid = 0;
	}
}
