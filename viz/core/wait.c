/*
 * viz/core/wait.c - the table from system call, fd link and wchan to what a
 * task waits for (wait.h), and system call numbers to names.
 */
#include "viz/core/wait.h"
#include "common/i18n.h"

#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

static const char *const wait_names[WAIT_N_KINDS] = {
	[WAIT_NONE] = NULL,		[WAIT_LOCK] = "lock",
	[WAIT_PIPE] = "pipe",		[WAIT_SOCKET] = "socket",
	[WAIT_CHILD] = "child",		[WAIT_SLEEP] = "sleep",
	[WAIT_SIGNAL] = "signal",	[WAIT_QUEUE] = "queue",
	[WAIT_POLL] = "poll",		[WAIT_TERMINAL] = "terminal",
	[WAIT_DISK] = "disk",		[WAIT_OTHER] = "other",
};

static const char *const wait_phrases[WAIT_N_KINDS] = {
	[WAIT_NONE] = N_("what: not visible"),
	[WAIT_LOCK] = N_("a lock"),
	[WAIT_PIPE] = N_("a pipe"),
	[WAIT_SOCKET] = N_("a socket"),
	[WAIT_CHILD] = N_("a child"),
	[WAIT_SLEEP] = N_("a timer"),
	[WAIT_SIGNAL] = N_("a signal"),
	[WAIT_QUEUE] = N_("a message queue"),
	[WAIT_POLL] = N_("any of several files (poll)"),
	[WAIT_TERMINAL] = N_("the terminal"),
	[WAIT_DISK] = N_("the disk"),
	[WAIT_OTHER] = N_("something else"),
};

const char *wait_name(enum wait_kind w)
{
	return (unsigned)w < WAIT_N_KINDS ? wait_names[w] : NULL;
}

enum wait_kind wait_from_name(const char *name)
{
	int i;

	for (i = 1; name && i < WAIT_N_KINDS; i++)
		if (strcmp(name, wait_names[i]) == 0)
			return (enum wait_kind)i;
	return WAIT_NONE;
}

const char *wait_phrase(enum wait_kind w)
{
	return (unsigned)w < WAIT_N_KINDS ? wait_phrases[w] : "?";
}

/* ---- system calls -------------------------------------------------------- */

/*
 * What each system call a task commonly sleeps in waits for; fd: its
 * first argument is a file descriptor (read, write...: then the fd's link
 * decides, rule 3).  Calls not listed are "other" (rule 5).
 */
static const struct wait_call {
	const char *name;
	enum wait_kind kind;	/* WAIT_NONE: decided by the fd */
	bool fd;
} wait_calls[] = {
	{ "futex", WAIT_LOCK, false },
	{ "futex_wait", WAIT_LOCK, false },
	{ "futex_waitv", WAIT_LOCK, false },
	{ "semop", WAIT_LOCK, false },
	{ "semtimedop", WAIT_LOCK, false },
	{ "flock", WAIT_LOCK, true },
	{ "wait4", WAIT_CHILD, false },
	{ "waitid", WAIT_CHILD, false },
	{ "waitpid", WAIT_CHILD, false },
	{ "nanosleep", WAIT_SLEEP, false },
	{ "clock_nanosleep", WAIT_SLEEP, false },
	{ "pause", WAIT_SIGNAL, false },
	{ "rt_sigsuspend", WAIT_SIGNAL, false },
	{ "rt_sigtimedwait", WAIT_SIGNAL, false },
	{ "sigsuspend", WAIT_SIGNAL, false },
	{ "mq_timedreceive", WAIT_QUEUE, true },
	{ "mq_timedsend", WAIT_QUEUE, true },
	{ "msgrcv", WAIT_QUEUE, false },
	{ "msgsnd", WAIT_QUEUE, false },
	{ "poll", WAIT_POLL, false },
	{ "ppoll", WAIT_POLL, false },
	{ "select", WAIT_POLL, false },
	{ "pselect6", WAIT_POLL, false },
	{ "epoll_wait", WAIT_POLL, true },
	{ "epoll_pwait", WAIT_POLL, true },
	{ "epoll_pwait2", WAIT_POLL, true },
	{ "accept", WAIT_SOCKET, true },
	{ "accept4", WAIT_SOCKET, true },
	{ "connect", WAIT_SOCKET, true },
	{ "recvfrom", WAIT_SOCKET, true },
	{ "recvmsg", WAIT_SOCKET, true },
	{ "recvmmsg", WAIT_SOCKET, true },
	{ "sendto", WAIT_SOCKET, true },
	{ "sendmsg", WAIT_SOCKET, true },
	{ "sendmmsg", WAIT_SOCKET, true },
	{ "read", WAIT_NONE, true },
	{ "readv", WAIT_NONE, true },
	{ "pread64", WAIT_NONE, true },
	{ "preadv", WAIT_NONE, true },
	{ "preadv2", WAIT_NONE, true },
	{ "write", WAIT_NONE, true },
	{ "writev", WAIT_NONE, true },
	{ "pwrite64", WAIT_NONE, true },
	{ "pwritev", WAIT_NONE, true },
	{ "pwritev2", WAIT_NONE, true },
	{ "splice", WAIT_NONE, true },
	{ "tee", WAIT_NONE, true },
	{ "ioctl", WAIT_NONE, true },
	/* fcntl() blocks only in F_SETLKW / F_OFD_SETLKW: a file lock. */
	{ "fcntl", WAIT_LOCK, true },
	{ "fcntl64", WAIT_LOCK, true },
};

static const struct wait_call *wait_call_find(const char *name)
{
	size_t i;

	if (!name || !*name)
		return NULL;
	for (i = 0; i < sizeof(wait_calls) / sizeof(wait_calls[0]); i++)
		if (strcmp(wait_calls[i].name, name) == 0)
			return &wait_calls[i];
	return NULL;
}

bool wait_syscall_takes_fd(const char *name)
{
	const struct wait_call *c = wait_call_find(name);

	return c && c->fd;
}

/* Rule 3: what the link of a descriptor names. */
static enum wait_kind wait_by_fd(const char *fd)
{
	if (!fd || !*fd)
		return WAIT_NONE;
	if (strncmp(fd, "pipe:", 5) == 0)
		return WAIT_PIPE;
	if (strncmp(fd, "socket:", 7) == 0)
		return WAIT_SOCKET;
	if (strncmp(fd, "/dev/mqueue/", 12) == 0)
		return WAIT_QUEUE;
	if (strncmp(fd, "/dev/pts/", 9) == 0 ||
	    strncmp(fd, "/dev/tty", 8) == 0 ||
	    strcmp(fd, "/dev/console") == 0)
		return WAIT_TERMINAL;
	return WAIT_NONE;
}

/* Rule 4: kernel functions a task sleeps in, by prefix. */
static const struct wait_wchan {
	const char *prefix;
	enum wait_kind kind;
} wait_wchans[] = {
	{ "futex_", WAIT_LOCK },
	{ "__futex", WAIT_LOCK },
	{ "do_futex", WAIT_LOCK },
	{ "pipe_", WAIT_PIPE },
	{ "wait_for_partner", WAIT_PIPE },	/* opening a FIFO */
	{ "do_wait", WAIT_CHILD },
	{ "kernel_wait", WAIT_CHILD },
	{ "hrtimer_nanosleep", WAIT_SLEEP },
	{ "do_nanosleep", WAIT_SLEEP },
	{ "common_nsleep", WAIT_SLEEP },
	{ "sigsuspend", WAIT_SIGNAL },
	{ "sys_pause", WAIT_SIGNAL },
	{ "__x64_sys_pause", WAIT_SIGNAL },
	{ "do_sigtimedwait", WAIT_SIGNAL },
	{ "wq_sleep", WAIT_QUEUE },
	{ "do_mq_", WAIT_QUEUE },
	{ "do_msgrcv", WAIT_QUEUE },
	{ "do_msgsnd", WAIT_QUEUE },
	{ "do_sys_poll", WAIT_POLL },
	{ "do_select", WAIT_POLL },
	{ "core_sys_select", WAIT_POLL },
	{ "ep_poll", WAIT_POLL },
	{ "do_epoll_wait", WAIT_POLL },
	{ "poll_schedule_timeout", WAIT_POLL },
	{ "inet_csk_accept", WAIT_SOCKET },
	{ "inet_csk_wait_for_connect", WAIT_SOCKET },
	{ "inet_wait_for_connect", WAIT_SOCKET },
	{ "sk_wait_data", WAIT_SOCKET },
	{ "sk_stream_wait", WAIT_SOCKET },
	{ "unix_", WAIT_SOCKET },
	{ "__skb_wait_for_more_packets", WAIT_SOCKET },
	{ "__skb_recv", WAIT_SOCKET },
	{ "tcp_", WAIT_SOCKET },
	{ "n_tty_", WAIT_TERMINAL },
	{ "tty_", WAIT_TERMINAL },
	{ "semtimedop", WAIT_LOCK },
	{ "do_semtimedop", WAIT_LOCK },
	{ "locks_lock_inode_wait", WAIT_LOCK },
	{ "flock_lock_inode_wait", WAIT_LOCK },
	{ "__x64_sys_flock", WAIT_LOCK },
	{ "__do_sys_flock", WAIT_LOCK },
	{ "fcntl_setlk", WAIT_LOCK },		/* fcntl(F_SETLKW) */
	{ "do_lock_file_wait", WAIT_LOCK },
	{ "posix_lock_inode_wait", WAIT_LOCK },
};

/* The system calls and kernel functions of file locks (wait_file_lock). */
static const char *const wait_file_lock_calls[] = {
	"fcntl", "fcntl64", "flock", NULL,
};
static const char *const wait_file_lock_wchans[] = {
	"fcntl_setlk", "do_lock_file_wait", "posix_lock_inode_wait",
	"locks_lock_inode_wait", "flock_lock_inode_wait", "__x64_sys_flock",
	"__do_sys_flock", NULL,
};

static bool wait_in(const char *s, const char *const *list, bool prefix)
{
	if (!s || !*s)
		return false;
	for (; *list; list++)
		if (prefix ? strncmp(s, *list, strlen(*list)) == 0 :
		    strcmp(s, *list) == 0)
			return true;
	return false;
}

bool wait_file_lock(const char *syscall, const char *wchan)
{
	return wait_in(syscall, wait_file_lock_calls, false) ||
	       wait_in(wchan, wait_file_lock_wchans, true);
}

const char *wait_phrase_of(enum wait_kind w, const char *syscall,
			   const char *wchan)
{
	if (w == WAIT_LOCK && wait_file_lock(syscall, wchan))
		return N_("a file lock");
	return wait_phrase(w);
}

bool wait_wchan_known(const char *w)
{
	return w && *w && strcmp(w, "0") != 0;
}

static enum wait_kind wait_by_wchan(const char *w)
{
	size_t i;

	if (!wait_wchan_known(w))
		return WAIT_NONE;
	for (i = 0; i < sizeof(wait_wchans) / sizeof(wait_wchans[0]); i++)
		if (strncmp(w, wait_wchans[i].prefix,
			    strlen(wait_wchans[i].prefix)) == 0)
			return wait_wchans[i].kind;
	return WAIT_NONE;
}

enum wait_kind wait_classify(char state, const char *syscall, const char *fd,
			     const char *wchan)
{
	const struct wait_call *c = wait_call_find(syscall);
	enum wait_kind k;

	if (state == 'D')
		return WAIT_DISK;
	if (c && c->kind != WAIT_NONE)
		return c->kind;
	if (c && c->fd && (k = wait_by_fd(fd)) != WAIT_NONE)
		return k;
	if ((k = wait_by_wchan(wchan)) != WAIT_NONE)
		return k;
	if ((syscall && *syscall) || wait_wchan_known(wchan))
		return WAIT_OTHER;
	return WAIT_NONE;
}

/*
 * Names by number, from <sys/syscall.h>, so the table is right on every
 * architecture: the calls a task commonly sleeps in, and the common ones
 * around them.  Numbers not listed read as unknown (the JSON then leaves
 * "syscall" out; the wait word still comes from the wchan).
 */
#define SC(n) [__NR_##n] = #n
static const char *const wait_syscalls[] = {
	SC(read), SC(write), SC(close), SC(readv), SC(writev), SC(pread64),
	SC(pwrite64), SC(preadv), SC(pwritev), SC(preadv2), SC(pwritev2),
	SC(ioctl), SC(fcntl), SC(flock), SC(fsync), SC(fdatasync),
	SC(openat), SC(splice), SC(tee), SC(sendfile), SC(copy_file_range),
	SC(futex), SC(semop), SC(semtimedop), SC(msgrcv), SC(msgsnd),
	SC(wait4), SC(waitid), SC(nanosleep), SC(clock_nanosleep),
	SC(rt_sigsuspend), SC(rt_sigtimedwait), SC(mq_timedreceive),
	SC(mq_timedsend), SC(mq_open), SC(ppoll), SC(pselect6),
	SC(epoll_pwait), SC(accept), SC(accept4), SC(connect), SC(recvfrom),
	SC(recvmsg), SC(recvmmsg), SC(sendto), SC(sendmsg), SC(sendmmsg),
	SC(socket), SC(bind), SC(listen), SC(shutdown), SC(exit),
	SC(exit_group), SC(execve), SC(clone), SC(mmap), SC(munmap),
	SC(mprotect), SC(brk), SC(rt_sigaction), SC(rt_sigprocmask),
	SC(rt_sigreturn), SC(kill), SC(tgkill), SC(getpid), SC(sched_yield),
	SC(prctl), SC(set_robust_list), SC(madvise), SC(msync),
	SC(io_getevents), SC(io_uring_enter), SC(ptrace), SC(reboot),
#ifdef __NR_futex_waitv
	SC(futex_waitv),
#endif
#ifdef __NR_epoll_pwait2
	SC(epoll_pwait2),
#endif
#ifdef __NR_pause
	SC(pause), SC(poll), SC(select), SC(epoll_wait), SC(open),
	SC(fork), SC(vfork), SC(alarm), SC(dup2), SC(pipe),
#endif
#ifdef __NR_clone3
	SC(clone3),
#endif
};
#undef SC

const char *wait_syscall_name(long nr)
{
	size_t n = sizeof(wait_syscalls) / sizeof(wait_syscalls[0]);

	if (nr < 0 || (unsigned long)nr >= n)
		return NULL;
	return wait_syscalls[nr];
}

int wait_parse_syscall(const char *text, long *nr, unsigned long *arg0)
{
	char *end;
	long n;

	if (!text)
		return -1;
	if (strncmp(text, "running", 7) == 0)
		return 0;
	n = strtol(text, &end, 10);
	if (end == text || (*end != ' ' && *end != '\n' && *end))
		return -1;
	if (n < 0)
		return 0;
	*nr = n;
	*arg0 = strtoul(end, &end, 16);
	return 1;
}
