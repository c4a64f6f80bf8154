/*
 * scenarios/guard.h - nothing a scenario created is ever left behind.
 *
 * Every process of a scenario carries a marker in its environment,
 * PROCVIZ_SCENARIO=<procviz pid>.<guardian pid>: the main process is
 * exec'd with it first in its environment, and every other process of the
 * scenario is a fork of it, or a program one of them exec'd with the
 * environment unchanged (gil runs python3), so the marker is in the
 * exec-time environment block that /proc/PID/environ shows - for every
 * one of them, including a double-forked daemon that changed its session
 * and process group and was adopted by init.
 *
 * The guardian is a tiny process procviz forks before the scenario.  It is
 * NOT an ancestor of the scenario's processes (so orphans re-parent to
 * init or the system's subreaper exactly as they would without procviz),
 * it leaves procviz's session (so the terminal's Ctrl-C and hangup do not
 * reach it), and it holds the read end of a pipe whose only write end is
 * procviz's.  When it reads end of file - procviz exited, however: normal
 * exit, a signal, a crash, SIGKILL - it kills the scenario's process group
 * (through a pidfd of its leader, opened when procviz named the leader and
 * checked against its start time, so that it can only ever be that group;
 * on kernels before 6.9, by number while the leader still has that start
 * time), then sweeps /proc for the marker and
 * SIGKILLs what it finds, repeating until a sweep finds nothing (a
 * process forking meanwhile is caught by the next sweep) or a deadline.
 * It cannot reap: the killed processes are not its children.  Their
 * parents are dead too, or are about to be, so init (or the subreaper)
 * reaps them.
 *
 * Why read /proc directly rather than through the sampler or libproc2:
 * the guardian must keep working after procviz is gone, with none of
 * procviz's state; it needs one file per process (environ) that the
 * sampler never reads; scenarios/ is libc-only by layering; and the kill
 * must be race-free against pid reuse, which takes a pidfd opened BEFORE
 * the environ check (the pidfd pins the process whose environ we then
 * read: if that pid was recycled meanwhile, the signal to the pidfd fails
 * with ESRCH instead of hitting a stranger).
 */
#ifndef PROCVIZ_SCENARIOS_GUARD_H
#define PROCVIZ_SCENARIOS_GUARD_H

#include <stdbool.h>
#include <sys/types.h>

#define SCEN_MARKER_VAR "PROCVIZ_SCENARIO"
#define SCEN_MARKER_MAX 64	/* "PROCVIZ_SCENARIO=<pid>.<pid>" + NUL */

struct scen_guard {
	pid_t pid;		/* the guardian (procviz's child); 0: none */
	int fd;			/* write end of its pipe; -1: closed */
	char marker[SCEN_MARKER_MAX];	/* NAME=VALUE entry it sweeps */
};

/*
 * Fork the guardian.  Fills @g (pid, fd, marker).  The caller must not let
 * any other process inherit g->fd (it is O_CLOEXEC; children that do not
 * exec must close it).  Returns 0 or -errno.
 */
int scen_guard_start(struct scen_guard *g);

/*
 * Tell the guardian about a process-group leader (the scenario's main
 * process) so that it also kills that group.  Returns 0 or -errno.
 */
int scen_guard_watch(struct scen_guard *g, pid_t leader);

/*
 * Close the pipe (the guardian cleans up and exits) and wait for the
 * guardian.  After it returns, every marked process has been sent SIGKILL.
 * Safe to call twice.
 */
void scen_guard_stop(struct scen_guard *g);

/*
 * Send @sig to every live process whose environment holds the entry
 * @marker ("NAME=VALUE"), never to the caller.  @sig 0 only counts.
 * Returns how many processes were signalled (or would be), or -errno if
 * /proc cannot be read.
 */
int scen_guard_sweep(const char *marker, int sig);

/*
 * Send @sig to the process group whose leader @leader_pidfd refers to
 * (pidfd_send_signal with PIDFD_SIGNAL_PROCESS_GROUP, Linux >= 6.9).  The
 * pidfd pins the group's identity: it works after the leader was reaped
 * and can never hit a group that merely reuses the number.  Returns 0 or
 * -errno; -EINVAL or -ENOSYS on kernels without it (then use
 * scen_group_kill_checked()).
 */
int scen_group_kill(int leader_pidfd, int sig);

/*
 * Group kill for any kernel: scen_group_kill() when @pidfd >= 0 and the
 * kernel has it, else kill(-@leader) only while @leader still has start
 * time @start (so the number is provably still that group's).  Returns 0
 * or -errno.
 */
int scen_group_kill_checked(int pidfd, pid_t leader,
			    unsigned long long start, int sig);

/* pidfd_open(@pid, 0), or -1 with errno (ENOSYS before Linux 5.3). */
int scen_pidfd_open(pid_t pid);

/*
 * The start time of @pid (field 22 of /proc/PID/stat, clock ticks since
 * boot), or 0 if the process does not exist.  A pid with the same start
 * time is the same process.
 */
unsigned long long scen_proc_start_time(pid_t pid);

#endif
