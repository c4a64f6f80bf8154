/*
 * viz/core/pidwatch.c - pidfds in an epoll set (pidwatch.h).
 *
 * The kernel headers of older distributions lack PIDFD_GET_INFO, so its
 * ABI (linux/pidfd.h, Linux 6.15: the first 64 bytes of struct pidfd_info,
 * PIDFD_INFO_SIZE_VER0) is written out here.  The ioctl's size field lets
 * newer kernels accept this shorter struct.
 */
#define _GNU_SOURCE
#include "viz/core/pidwatch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

struct pidwatch_info {		/* struct pidfd_info, PIDFD_INFO_SIZE_VER0 */
	uint64_t mask;
	uint64_t cgroupid;
	uint32_t pid, tgid, ppid, ruid, rgid, euid, egid, suid, sgid;
	uint32_t fsuid, fsgid;
	int32_t exit_code;
};

#define PIDWATCH_GET_INFO _IOWR(0xFF, 11, struct pidwatch_info)
#define PIDWATCH_INFO_EXIT (1ULL << 3)

struct pw_entry {
	int pid;
	int fd;
};

struct pw_exit {
	int pid;
	int code;
};

struct pidwatch {
	int ep;				/* epoll fd, owned */
	struct pw_entry *e;		/* owned, n of cap */
	size_t n, cap;
	struct pw_exit exits[PIDWATCH_EXITS];	/* ring */
	size_t n_exits;
	bool no_info;			/* the kernel has no PIDFD_GET_INFO */
	bool has_info;			/* it gave an exit status once */
};

static int pw_query(struct pidwatch *pw, int fd);

/*
 * Does the kernel give a reaped process's status?  Ask it about a child
 * of ours that exits at once and that we reap at once (by its pid: no
 * other child's status is taken).  Costs one fork, once.
 */
static void pw_probe(struct pidwatch *pw)
{
	pid_t pid = fork();
	int fd, st;

	if (pid < 0)
		return;
	if (pid == 0)
		_exit(0);
	fd = (int)syscall(SYS_pidfd_open, pid, 0);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (fd < 0)
		return;
	pw_query(pw, fd);	/* sets has_info or no_info */
	close(fd);
}

struct pidwatch *pidwatch_new(void)
{
	struct pidwatch *pw;
	int fd = (int)syscall(SYS_pidfd_open, getpid(), 0);

	if (fd < 0)
		return NULL;	/* errno: ENOSYS on kernels before 5.3 */
	close(fd);
	pw = calloc(1, sizeof(*pw));
	if (!pw)
		return NULL;
	pw->ep = epoll_create1(EPOLL_CLOEXEC);
	if (pw->ep < 0) {
		free(pw);
		return NULL;
	}
	pw_probe(pw);
	return pw;
}

void pidwatch_free(struct pidwatch *pw)
{
	size_t i;

	if (!pw)
		return;
	for (i = 0; i < pw->n; i++)
		close(pw->e[i].fd);
	free(pw->e);
	close(pw->ep);
	free(pw);
}

int pidwatch_fd(const struct pidwatch *pw)
{
	return pw->ep;
}

size_t pidwatch_count(const struct pidwatch *pw)
{
	return pw->n;
}

bool pidwatch_has_exit_info(const struct pidwatch *pw)
{
	return pw->has_info;
}

static struct pw_entry *pw_find(const struct pidwatch *pw, int pid)
{
	size_t i;

	for (i = 0; i < pw->n; i++)
		if (pw->e[i].pid == pid)
			return &pw->e[i];
	return NULL;
}

/* A descriptor to spare?  Never let pidfds starve the rest of procviz. */
static bool pw_fd_ok(int fd)
{
	struct rlimit rl;

	return getrlimit(RLIMIT_NOFILE, &rl) || rl.rlim_cur == RLIM_INFINITY ||
	       (rlim_t)fd + PIDWATCH_FD_RESERVE < rl.rlim_cur;
}

static void pw_drop_exit(struct pidwatch *pw, int pid)
{
	size_t i;

	for (i = 0; i < PIDWATCH_EXITS; i++)
		if (pw->exits[i].pid == pid)
			pw->exits[i].pid = 0;
}

int pidwatch_add(struct pidwatch *pw, int pid)
{
	struct epoll_event ev;
	int fd;

	if (pw_find(pw, pid))
		return -EEXIST;
	if (pw->n == pw->cap) {
		size_t ncap = pw->cap ? pw->cap * 2 : 64;
		void *p = realloc(pw->e, ncap * sizeof(*pw->e));

		if (!p)
			return -ENOMEM;
		pw->e = p;
		pw->cap = ncap;
	}
	pw_drop_exit(pw, pid);	/* a recycled pid: the old status is not its */
	fd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (fd < 0)
		return -errno;
	if (!pw_fd_ok(fd)) {
		close(fd);
		return -EMFILE;
	}
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN | EPOLLONESHOT;
	ev.data.u32 = (uint32_t)pid;
	if (epoll_ctl(pw->ep, EPOLL_CTL_ADD, fd, &ev) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	pw->e[pw->n].pid = pid;
	pw->e[pw->n].fd = fd;
	pw->n++;
	return 0;
}

/* The status of a reaped process from its pidfd, or -1. */
static int pw_query(struct pidwatch *pw, int fd)
{
	struct pidwatch_info info;

	if (pw->no_info)
		return -1;
	memset(&info, 0, sizeof(info));
	info.mask = PIDWATCH_INFO_EXIT;
	if (ioctl(fd, PIDWATCH_GET_INFO, &info) < 0) {
		/* No such ioctl here; ESRCH is only "not reaped yet". */
		if (errno == ENOTTY || errno == EINVAL || errno == EOPNOTSUPP)
			pw->no_info = true;
		return -1;
	}
	if (!(info.mask & PIDWATCH_INFO_EXIT))
		return -1;
	pw->has_info = true;
	return info.exit_code;
}

void pidwatch_forget(struct pidwatch *pw, int pid)
{
	struct pw_entry *e = pw_find(pw, pid);
	int code;

	if (!e)
		return;
	code = pw_query(pw, e->fd);
	if (code >= 0) {
		struct pw_exit *x = &pw->exits[pw->n_exits++ % PIDWATCH_EXITS];

		x->pid = pid;
		x->code = code;
	}
	close(e->fd);	/* also leaves the epoll set */
	*e = pw->e[--pw->n];
}

int pidwatch_read(struct pidwatch *pw, int *out, int max)
{
	struct epoll_event ev[64];
	int n, i;

	if (max > 64)
		max = 64;
	if (max <= 0)
		return 0;
	do
		n = epoll_wait(pw->ep, ev, max, 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return 0;
	for (i = 0; i < n; i++)
		out[i] = (int)ev[i].data.u32;
	return n;
}

int pidwatch_exit_code(struct pidwatch *pw, int pid)
{
	struct pw_entry *e = pw_find(pw, pid);
	size_t i, n;

	if (e)
		return pw_query(pw, e->fd);
	n = pw->n_exits < PIDWATCH_EXITS ? pw->n_exits : PIDWATCH_EXITS;
	for (i = 0; i < n; i++) {
		/* Newest first: a recycled pid's latest status wins. */
		const struct pw_exit *x =
			&pw->exits[(pw->n_exits - 1 - i) % PIDWATCH_EXITS];

		if (x->pid == pid)
			return x->code;
	}
	return -1;
}
