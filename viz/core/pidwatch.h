/*
 * viz/core/pidwatch.h - a pidfd per followed process: woken the moment one
 * exits, and its exit status even after it was reaped.
 *
 * pidfd_open(2) (Linux >= 5.3) needs no privilege beyond seeing the
 * process.  A pidfd polls readable once its process has exited (it is a
 * zombie or already reaped), so the observer can read the zombie at once
 * (/proc/PID/stat field 52 holds its exit code) and re-read the children
 * that were just re-parented.  From Linux 6.15 the PIDFD_GET_INFO ioctl
 * with PIDFD_INFO_EXIT gives the wait status of a process that has been
 * reaped (by whoever reaped it), as long as the pidfd was opened before the
 * reap.  Older kernels answer ENOTTY or EINVAL: pidwatch_exit_code() then
 * says -1 (unknown) and pidwatch_has_exit_info() false.
 *
 * Every pidfd sits in one epoll set, so the caller polls a single fd
 * whatever the number of processes.  Each pidfd reports its exit once
 * (EPOLLONESHOT).  A pidfd costs a file descriptor: when descriptors run
 * short (fewer than PIDWATCH_FD_RESERVE left) a process is simply not
 * watched (pidwatch_add() says -EMFILE) and the sampler's periodic
 * readings still see it.
 *
 * The exit status is taken when the pid is forgotten (pidwatch_forget(),
 * called as the process leaves the tracked set, i.e. when it vanished)
 * and kept in a small ring for pidwatch_exit_code().
 */
#ifndef PROCVIZ_VIZ_PIDWATCH_H
#define PROCVIZ_VIZ_PIDWATCH_H

#include <stdbool.h>
#include <stddef.h>

#define PIDWATCH_FD_RESERVE 64	/* descriptors always left free */
#define PIDWATCH_EXITS 256	/* exit statuses remembered */

struct pidwatch;

/*
 * A watcher with no processes, or NULL with errno (ENOSYS: no pidfd on
 * this kernel; the caller goes on without one).
 */
struct pidwatch *pidwatch_new(void);
void pidwatch_free(struct pidwatch *pw);	/* NULL is a no-op */

/* The epoll fd to poll for POLLIN. */
int pidwatch_fd(const struct pidwatch *pw);

/*
 * Watch @pid.  Returns 0, -EEXIST, -ESRCH (already reaped), -EMFILE (no
 * descriptor to spare), or another -errno.
 */
int pidwatch_add(struct pidwatch *pw, int pid);

/*
 * Stop watching @pid: take its exit status if the kernel gives it (the
 * process was reaped), remember it, close the pidfd.  Unknown pids are
 * ignored.
 */
void pidwatch_forget(struct pidwatch *pw, int pid);

/*
 * Exited processes since the last call, without blocking: up to @max pids
 * into @out.  Returns how many (each pid once).
 */
int pidwatch_read(struct pidwatch *pw, int *out, int max);

/*
 * The wait(2)-style status of @pid: from a watched pid's pidfd (once it
 * was reaped) or from one forgotten lately; -1 when unknown.
 */
int pidwatch_exit_code(struct pidwatch *pw, int pid);

/*
 * True if the kernel gives the status of a reaped process (PIDFD_INFO_EXIT,
 * Linux 6.15): asked once, of a child that pidwatch_new() forks, reaps at
 * once by its pid, and which nobody else sees.
 */
bool pidwatch_has_exit_info(const struct pidwatch *pw);

/* How many pids are watched. */
size_t pidwatch_count(const struct pidwatch *pw);

#endif
