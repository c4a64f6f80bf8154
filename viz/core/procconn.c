/*
 * viz/core/procconn.c - listen to the kernel's process connector (procconn.h).
 *
 * Protocol: bind a NETLINK_CONNECTOR socket to the CN_IDX_PROC multicast
 * group and send PROC_CN_MCAST_LISTEN; the kernel answers with a
 * PROC_EVENT_NONE acknowledgement to the group and from then on multicasts
 * a struct proc_event at every fork, exec, exit, ... of every task.
 * Thread events are dropped here: procviz follows processes, and the
 * sampler reports thread counts.  The receive buffer is made large (a
 * fork bomb of a lesson produces thousands of events per second); if it
 * still overflows, recv() fails with ENOBUFS and we report OVERFLOW so the
 * caller rescans /proc.
 */
#include "viz/core/procconn.h"
#include "common/clock.h"

#include <linux/cn_proc.h>
#include <linux/connector.h>
#include <linux/filter.h>
#include <linux/netlink.h>

#include <arpa/inet.h>

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PROCCONN_RCVBUF (4 << 20)

struct procconn {
	int fd;
	/* Aligned for struct nlmsghdr; big enough for many messages. */
	union {
		struct nlmsghdr hdr;
		char bytes[65536];
	} buf;
};

static int send_op(int fd, enum proc_cn_mcast_op op)
{
	struct {
		struct nlmsghdr hdr;
		struct cn_msg cn;
		enum proc_cn_mcast_op op;
	} __attribute__((packed)) msg;
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };

	memset(&msg, 0, sizeof(msg));
	msg.hdr.nlmsg_len = sizeof(msg);
	msg.hdr.nlmsg_type = NLMSG_DONE;
	msg.hdr.nlmsg_pid = 0;
	msg.cn.id.idx = CN_IDX_PROC;
	msg.cn.id.val = CN_VAL_PROC;
	msg.cn.len = sizeof(op);
	msg.op = op;
	if (sendto(fd, &msg, sizeof(msg), 0, (struct sockaddr *)&to,
		   sizeof(to)) < 0)
		return -errno;
	return 0;
}

/* Visit each proc_event in buf[0..len). */
static int parse(const char *buf, size_t len,
		 void (*fn)(const struct proc_event *pe, void *arg), void *arg)
{
	const struct nlmsghdr *nh = (const struct nlmsghdr *)buf;
	int n = 0;

	for (; NLMSG_OK(nh, len); nh = NLMSG_NEXT(nh, len)) {
		const struct cn_msg *cn;

		if (nh->nlmsg_type == NLMSG_NOOP)
			continue;
		if (nh->nlmsg_type == NLMSG_ERROR ||
		    nh->nlmsg_type == NLMSG_OVERRUN)
			break;
		if (nh->nlmsg_len < NLMSG_LENGTH(sizeof(*cn)))
			continue;
		cn = NLMSG_DATA(nh);
		/* The kernel always sends a whole struct proc_event. */
		if (cn->id.idx != CN_IDX_PROC || cn->id.val != CN_VAL_PROC ||
		    cn->len < sizeof(struct proc_event) ||
		    nh->nlmsg_len < NLMSG_LENGTH(sizeof(*cn) + cn->len))
			continue;
		fn((const struct proc_event *)cn->data, arg);
		n++;
	}
	return n;
}

/* *arg: 0 nothing yet, 1 acknowledged, -errno refused. */
static void saw_ack(const struct proc_event *pe, void *arg)
{
	if (pe->what != PROC_EVENT_NONE || *(int *)arg == 1)
		return;
	*(int *)arg = pe->event_data.ack.err ?
		-(int)pe->event_data.ack.err : 1;
}

int procconn_open(struct procconn **out, int ack_timeout_ms)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct procconn *pc;
	int64_t deadline;
	int acked = 0, err, size = PROCCONN_RCVBUF;

	*out = NULL;
	pc = calloc(1, sizeof(*pc));
	if (!pc)
		return -ENOMEM;
	pc->fd = socket(PF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
			NETLINK_CONNECTOR);
	if (pc->fd < 0) {
		err = -errno;
		free(pc);
		return err;
	}
	/* FORCE needs CAP_NET_ADMIN; the plain one is capped by rmem_max. */
	if (setsockopt(pc->fd, SOL_SOCKET, SO_RCVBUFFORCE, &size,
		       sizeof(size)) < 0)
		setsockopt(pc->fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	sa.nl_groups = CN_IDX_PROC;
	sa.nl_pid = 0;		/* let the kernel pick a unique port id */
	if (bind(pc->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		err = -errno;
		goto fail;
	}
	err = send_op(pc->fd, PROC_CN_MCAST_LISTEN);
	if (err)
		goto fail;
	/* Wait for the acknowledgement: proof that events will arrive. */
	deadline = clock_now_ms() + ack_timeout_ms;
	while (acked != 1) {
		struct pollfd pfd = { .fd = pc->fd, .events = POLLIN };
		int64_t left = deadline - clock_now_ms();
		ssize_t r;

		if (left <= 0) {
			err = -ETIMEDOUT;
			goto fail_listening;
		}
		if (poll(&pfd, 1, (int)left) < 0 && errno != EINTR) {
			err = -errno;
			goto fail_listening;
		}
		r = recv(pc->fd, pc->buf.bytes, sizeof(pc->buf.bytes), 0);
		if (r < 0) {
			if (errno == EAGAIN || errno == EINTR || errno == ENOBUFS)
				continue;
			err = -errno;
			goto fail_listening;
		}
		parse(pc->buf.bytes, (size_t)r, saw_ack, &acked);
		if (acked < 0) {
			err = acked;
			goto fail_listening;
		}
	}
	*out = pc;
	return 0;

fail_listening:
	send_op(pc->fd, PROC_CN_MCAST_IGNORE);
fail:
	close(pc->fd);
	free(pc);
	return err;
}

void procconn_close(struct procconn *pc)
{
	if (!pc)
		return;
	send_op(pc->fd, PROC_CN_MCAST_IGNORE);
	close(pc->fd);
	free(pc);
}

int procconn_fd(const struct procconn *pc)
{
	return pc->fd;
}

/* Offsets of the words the filter looks at, from the start of a message. */
#define CN_EV(field) \
	(NLMSG_HDRLEN + sizeof(struct cn_msg) + offsetof(struct proc_event, field))

_Static_assert(CN_EV(event_data.exec.process_tgid) ==
	       CN_EV(event_data.exit.process_tgid),
	       "exec and exit name the process at the same offset");

/* "A == htonl(pid) for some pid: accept": 2 instructions per pid. */
static size_t emit_chain(struct sock_filter *code, size_t k, const int *pids,
			 size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		code[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ |
			BPF_K, htonl((uint32_t)pids[i]), 0, 1);
		code[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
							 0xffffffff);
	}
	return k;
}

int procconn_filter(struct procconn *pc, const int *pids, size_t n)
{
	struct sock_filter *code;
	struct sock_fprog prog;
	size_t k = 0, to_tgid;
	int err = 0;

	if (n > PROCCONN_FILTER_MAX) {
		setsockopt(pc->fd, SOL_SOCKET, SO_DETACH_FILTER, NULL, 0);
		return 0;
	}
	code = calloc(16 + 4 * n, sizeof(*code));
	if (!code)
		return -ENOMEM;
	/*
	 * Classic BPF loads words in network byte order, so every constant
	 * is compared as htonl(value).  Conditional jumps reach 255
	 * instructions at most: "jeq x, 0, 1" falls through to an accept or
	 * a long "ja" when equal and skips it otherwise.
	 *
	 *   fork, ack: accept
	 *   exec: accept if its process is followed
	 *   exit: accept if its process or its parent is followed (a child
	 *         may exit before its fork message was handled)
	 *   anything else: drop
	 */
	code[k++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
						 CN_EV(what));
	code[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
						 htonl(PROC_EVENT_FORK), 0, 1);
	code[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, 0xffffffff);
	code[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
						 htonl(PROC_EVENT_NONE), 0, 1);
	code[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, 0xffffffff);
	/* exit: to the parent check, 3 ahead */
	code[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
						 htonl(PROC_EVENT_EXIT), 3, 0);
	code[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
						 htonl(PROC_EVENT_EXEC), 0, 1);
	/* exec: to the process check (offset patched below) */
	to_tgid = k;
	code[k++] = (struct sock_filter)BPF_STMT(BPF_JMP | BPF_JA, 0);
	/* neither */
	code[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, 0);
	/* exit: the parent, then the process itself */
	code[k++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
						 CN_EV(event_data.exit.parent_tgid));
	k = emit_chain(code, k, pids, n);
	code[to_tgid].k = (uint32_t)(k - to_tgid - 1);
	code[k++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
						 CN_EV(event_data.exit.process_tgid));
	k = emit_chain(code, k, pids, n);
	code[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, 0);
	prog.len = (unsigned short)k;
	prog.filter = code;
	if (setsockopt(pc->fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog,
		       sizeof(prog)) < 0)
		err = -errno;
	free(code);
	return err;
}

struct deliver {
	void (*fn)(const struct procconn_event *ev, void *arg);
	void *arg;
	int n;
};

static void deliver_one(const struct proc_event *pe, void *arg)
{
	struct deliver *d = arg;
	struct procconn_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.ts_ns = pe->timestamp_ns;
	switch (pe->what) {
	case PROC_EVENT_FORK:
		if (pe->event_data.fork.child_pid !=
		    pe->event_data.fork.child_tgid)
			return;		/* a new thread */
		ev.kind = PROCCONN_FORK;
		ev.pid = pe->event_data.fork.child_tgid;
		ev.ppid = pe->event_data.fork.parent_tgid;
		break;
	case PROC_EVENT_EXEC:
		ev.kind = PROCCONN_EXEC;
		ev.pid = pe->event_data.exec.process_tgid;
		break;
	case PROC_EVENT_EXIT:
		if (pe->event_data.exit.process_pid !=
		    pe->event_data.exit.process_tgid)
			return;		/* a thread */
		ev.kind = PROCCONN_EXIT;
		ev.pid = pe->event_data.exit.process_tgid;
		ev.exit_code = (int)pe->event_data.exit.exit_code;
		break;
	default:
		return;
	}
	d->fn(&ev, d->arg);
	d->n++;
}

int procconn_read(struct procconn *pc,
		  void (*fn)(const struct procconn_event *ev, void *arg),
		  void *arg)
{
	struct deliver d = { .fn = fn, .arg = arg };

	for (;;) {
		ssize_t r = recv(pc->fd, pc->buf.bytes, sizeof(pc->buf.bytes),
				 0);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return d.n;
			if (errno == ENOBUFS) {
				struct procconn_event ev = {
					.kind = PROCCONN_OVERFLOW,
				};

				fn(&ev, arg);
				d.n++;
				continue;
			}
			return -errno;
		}
		if (r == 0)
			return d.n;
		parse(pc->buf.bytes, (size_t)r, deliver_one, &d);
	}
}
