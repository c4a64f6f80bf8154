/*
 * viz/core/procconn.h - the Linux process connector (netlink, CN_IDX_PROC).
 *
 * The kernel multicasts a message at every fork, exec and exit in the
 * system.  procviz listens so that a process living 1 ms is still seen,
 * a zombie is sampled the moment it exits and a double-forked daemon is
 * still known to be ours.  Listening needs root (CAP_NET_ADMIN) and the
 * initial network namespace (containers usually get nothing); whether
 * other users may listen depends on the kernel (Debian's 6.18 refuses
 * bind() with EPERM), so nothing may assume it: without it the observer
 * polls with the help of viz/core/observer_poll.c.  procconn_open() therefore subscribes AND waits
 * briefly for the kernel's acknowledgement; no acknowledgement means the
 * connector is unusable and the caller falls back to polling.
 *
 * The observer does not open it when its config says no_netlink (the
 * front end's PROCVIZ_NO_NETLINK=1), so tests can exercise polling.
 */
#ifndef PROCVIZ_VIZ_PROCCONN_H
#define PROCVIZ_VIZ_PROCCONN_H

#include <stddef.h>
#include <stdint.h>

enum procconn_kind {
	PROCCONN_FORK,		/* pid = child (a process, not a thread), ppid */
	PROCCONN_EXEC,		/* pid */
	PROCCONN_EXIT,		/* pid (process, not thread), exit_code */
	PROCCONN_OVERFLOW,	/* messages were lost: rescan */
};

struct procconn_event {
	enum procconn_kind kind;
	int pid;
	int ppid;		/* FORK: the parent process (tgid) */
	int exit_code;		/* EXIT: wait(2)-style status */
	uint64_t ts_ns;		/* kernel CLOCK_MONOTONIC timestamp, 0 if none */
};

struct procconn;

/*
 * Subscribe.  Returns 0 and *out, or -errno: -ENOTSUP (disabled by the
 * environment), -EPERM/-EACCES (not permitted), -ETIMEDOUT (no
 * acknowledgement within @ack_timeout_ms), or socket errors.
 */
int procconn_open(struct procconn **out, int ack_timeout_ms);
/* Unsubscribe and close.  NULL is a no-op. */
void procconn_close(struct procconn *pc);
/* The non-blocking socket to poll for POLLIN. */
int procconn_fd(const struct procconn *pc);

/*
 * Let the kernel drop, before they wake us, exec and exit messages of
 * processes not in @pids[n] and every message other than fork, exec,
 * exit and acknowledgements (a classic BPF socket filter).  Fork messages
 * all pass: a new child's own messages may come before the filter knows
 * it.  Call it whenever the followed set changes; an exec or exit in
 * between may be dropped, so the caller reads a new child once itself.
 * Too many pids for a filter (> PROCCONN_FILTER_MAX): no filter.
 * Returns 0 or -errno (then messages keep arriving unfiltered).
 */
#define PROCCONN_FILTER_MAX 1000
int procconn_filter(struct procconn *pc, const int *pids, size_t n);

/*
 * Read every queued message; call @fn for each process-level event (thread
 * forks and exits are filtered out) in the kernel's order, and once with
 * PROCCONN_OVERFLOW if the socket buffer overflowed.  Returns the number
 * of events delivered, or -errno on a socket error.
 */
int procconn_read(struct procconn *pc,
		  void (*fn)(const struct procconn_event *ev, void *arg),
		  void *arg);

#endif
