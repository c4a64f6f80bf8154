/*
 * viz/core/ptrace_src.c - procviz's side of the tracer (ptrace_src.h):
 * start it, send it commands, read its events.
 */
#define _GNU_SOURCE
#include "viz/core/ptrace_int.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define PTRACE_SRC_PIPE_BYTES (1 << 20)	/* asked; the kernel may cap */

struct ptrace_src {
	pid_t tracer;		/* our child */
	int ctl;		/* command socket, our end */
	int ev;			/* event pipe, read end, non-blocking */
	/* Events read while waiting for a reply, delivered first. */
	struct ptrace_src_event *held;	/* owned, n_held of cap_held */
	size_t n_held, cap_held;
	bool dead;		/* the tracer is gone */
	int *stopped;		/* owned: group-stopped processes */
	size_t n_stopped, cap_stopped;
};

/* Follow STOP and CONT (and EXIT: a process that ended is not stopped). */
static void src_note_stop(struct ptrace_src *t,
			  const struct ptrace_src_event *ev)
{
	bool on = ev->kind == PTRACE_SRC_STOP;
	size_t i;

	if (ev->kind != PTRACE_SRC_STOP && ev->kind != PTRACE_SRC_CONT &&
	    ev->kind != PTRACE_SRC_EXIT)
		return;
	for (i = 0; i < t->n_stopped; i++) {
		if (t->stopped[i] == ev->pid) {
			if (!on)
				t->stopped[i] = t->stopped[--t->n_stopped];
			return;
		}
	}
	if (!on)
		return;
	if (t->n_stopped == t->cap_stopped) {
		size_t cap = t->cap_stopped ? t->cap_stopped * 2 : 16;
		int *p = realloc(t->stopped, cap * sizeof(*p));

		if (!p)
			return;
		t->stopped = p;
		t->cap_stopped = cap;
	}
	t->stopped[t->n_stopped++] = ev->pid;
}

bool ptrace_src_group_stopped(const struct ptrace_src *t, int pid)
{
	size_t i;

	for (i = 0; i < t->n_stopped; i++)
		if (t->stopped[i] == pid)
			return true;
	return false;
}

/*
 * Read the rest of a record of which @got bytes are in @ev already
 * (blocking).  0, or -EPIPE at the pipe's end.
 */
static int src_read_rest(int fd, struct ptrace_src_event *ev, size_t got)
{
	while (got < sizeof(*ev)) {
		ssize_t n = read(fd, (char *)ev + got, sizeof(*ev) - got);

		if (n > 0) {
			got += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN) {
			struct pollfd p = { .fd = fd, .events = POLLIN };

			poll(&p, 1, -1);
			continue;
		}
		return -EPIPE;
	}
	return 0;
}

static int src_read_record(int fd, struct ptrace_src_event *ev)
{
	return src_read_rest(fd, ev, 0);
}

/* Move @fd to 10 or above, so that dup2() onto 3 and 4 cannot clobber it. */
static int src_high_fd(int fd)
{
	return fcntl(fd, F_DUPFD_CLOEXEC, 10);
}

/* In the tracer, just forked: fds 3 (commands) and 4 (events) only. */
static void __attribute__((noreturn)) src_child(int ctl, int ev,
						pid_t parent)
{
	ctl = src_high_fd(ctl);
	ev = src_high_fd(ev);
	if (ctl < 0 || ev < 0 || dup2(ctl, 3) < 0 || dup2(ev, 4) < 0)
		_exit(1);
	syscall(SYS_close_range, 5U, ~0U, 0U);
	ptrace_tracer_main(3, 4, parent);
}

static void src_reap(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
}

int ptrace_src_open(struct ptrace_src **out)
{
	int ctl[2] = { -1, -1 }, ev[2] = { -1, -1 }, r;
	struct ptrace_src_event ready;
	struct ptrace_src *t;
	pid_t pid, parent = getpid();

	*out = NULL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	/* Commands on a socket: send() can refuse SIGPIPE (the tracer died). */
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ctl) < 0 ||
	    pipe2(ev, O_CLOEXEC) < 0) {
		r = -errno;
		goto fail;
	}
	fcntl(ev[1], F_SETPIPE_SZ, PTRACE_SRC_PIPE_BYTES);
	pid = fork();
	if (pid < 0) {
		r = -errno;
		goto fail;
	}
	if (pid == 0) {
		close(ctl[1]);
		close(ev[0]);
		src_child(ctl[0], ev[1], parent);
	}
	close(ctl[0]);
	close(ev[1]);
	t->tracer = pid;
	t->ctl = ctl[1];
	t->ev = ev[0];
	r = src_read_record(t->ev, &ready);
	if (r == 0 && ready.kind != TRACER_READY)
		r = -EPROTO;
	if (r == 0)
		r = ready.status;
	if (r < 0) {
		close(t->ctl);
		close(t->ev);
		src_reap(pid);
		free(t);
		return r;
	}
	fcntl(t->ev, F_SETFL, O_NONBLOCK);
	*out = t;
	return 0;
fail:
	if (ctl[0] >= 0) {
		close(ctl[0]);
		close(ctl[1]);
	}
	if (ev[0] >= 0) {
		close(ev[0]);
		close(ev[1]);
	}
	free(t);
	return r;
}

void ptrace_src_close(struct ptrace_src *t)
{
	struct tracer_cmd c = { .op = TRACER_QUIT };

	if (!t)
		return;
	/*
	 * The tracer detaches and exits.  Say so: a child of ours that did
	 * not exec may hold the socket open, so end of file may not come.
	 */
	if (!t->dead)
		send(t->ctl, &c, sizeof(c), MSG_NOSIGNAL);
	close(t->ctl);
	close(t->ev);		/* its last writes fail: no blocking */
	src_reap(t->tracer);
	free(t->held);
	free(t->stopped);
	free(t);
}

pid_t ptrace_src_tracer_pid(const struct ptrace_src *t)
{
	return t->tracer;
}

int ptrace_src_fd(const struct ptrace_src *t)
{
	return t->ev;
}

/*
 * Hand @ev to @fn; after an exit, tell the tracer that procviz has read
 * it, so that the real parent may now be told of the zombie.
 */
static void src_deliver(struct ptrace_src *t, const struct ptrace_src_event *ev,
			void (*fn)(const struct ptrace_src_event *ev,
				   void *arg),
			void *arg)
{
	struct tracer_cmd c = { .op = TRACER_ACK, .pid = ev->pid };

	if (ev->kind != TRACER_REPLY)
		src_note_stop(t, ev);
	fn(ev, arg);
	if (ev->kind == PTRACE_SRC_EXIT && !t->dead &&
	    send(t->ctl, &c, sizeof(c), MSG_NOSIGNAL) < 0)
		t->dead = true;
}

static int src_hold(struct ptrace_src *t, const struct ptrace_src_event *ev)
{
	if (t->n_held == t->cap_held) {
		size_t cap = t->cap_held ? t->cap_held * 2 : 64;
		struct ptrace_src_event *p = realloc(t->held,
						     cap * sizeof(*p));

		if (!p)
			return -ENOMEM;
		t->held = p;
		t->cap_held = cap;
	}
	t->held[t->n_held++] = *ev;
	return 0;
}

int ptrace_src_seize(struct ptrace_src *t, int pid, bool descendants)
{
	struct tracer_cmd c = {
		.op = TRACER_SEIZE, .pid = pid, .flags = descendants ? 1 : 0,
	};
	struct ptrace_src_event ev;
	ssize_t n;
	int r;

	if (t->dead)
		return -EPIPE;
	do
		n = send(t->ctl, &c, sizeof(c), MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof(c))
		return -EPIPE;
	for (;;) {
		r = src_read_record(t->ev, &ev);
		if (r < 0) {
			t->dead = true;
			return r;
		}
		if (ev.kind == TRACER_REPLY)
			return ev.status;
		src_note_stop(t, &ev);	/* known at once */
		r = src_hold(t, &ev);
		if (r < 0)
			return r;
	}
}

int ptrace_src_read(struct ptrace_src *t,
		    void (*fn)(const struct ptrace_src_event *ev, void *arg),
		    void *arg)
{
	struct ptrace_src_event buf[64];
	int count = 0;
	size_t i;

	for (i = 0; i < t->n_held; i++, count++)
		src_deliver(t, &t->held[i], fn, arg);
	t->n_held = 0;
	if (t->dead)
		return count ? count : -EPIPE;
	for (;;) {
		ssize_t n = read(t->ev, buf, sizeof(buf));
		size_t k, whole;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return count;
		if (n <= 0) {
			t->dead = true;
			return count ? count : -EPIPE;
		}
		whole = (size_t)n / sizeof(buf[0]);
		/* Records are written whole; a read may end mid-record. */
		if ((size_t)n % sizeof(buf[0])) {
			size_t part = (size_t)n % sizeof(buf[0]);
			struct ptrace_src_event last;

			memcpy(&last, &buf[whole], part);
			if (src_read_rest(t->ev, &last, part) == 0)
				buf[whole++] = last;
		}
		for (k = 0; k < whole; k++, count++)
			if (buf[k].kind < TRACER_REPLY)
				src_deliver(t, &buf[k], fn, arg);
	}
}
