/*
 * viz/core/sampler.h - read a tracked set of processes from /proc, cheaply.
 *
 * The sampler is the one file that includes <libproc2/...>.  It keeps a
 * set of tracked pids and, for each, /proc/PID/stat and /proc/PID/schedstat
 * open, re-reading them with pread() at every sample (the kernel formats
 * them afresh; an open file is bound to its process, so a recycled pid can
 * never be mistaken for the old one).  The command line is read when a
 * process is first seen and when it may have changed (exec reported, or
 * comm changed).  libproc2 serves the whole-system listing (who are the
 * descendants of a root, rescans after the event source lost events).
 *
 * Quick readings: a single-threaded process that was not runnable at its
 * last full reading and has not been scheduled in since (schedstat shows
 * the same run time and count) is reported from that reading after
 * reading schedstat alone, about half the cost of stat; children of a
 * process that exits or becomes a zombie, and every process once every
 * SAMPLER_FULL_EVERY samples, get full readings.  The price: a process
 * woken but not yet given a CPU still reads as blocked until it runs.
 *
 * A process that vanishes between listing and reading is normal: it is
 * reported in the snapshot's vanished[] list and dropped, never an error.
 *
 * Tracking: sampler_track(pid) adds one process.  With @follow_children,
 * every full sample also reads /proc/PID/task/TID/children of each tracked
 * process and tracks new children (the polling event source); with the
 * process connector the observer calls sampler_track() at each fork.
 */
#ifndef PROCVIZ_VIZ_SAMPLER_H
#define PROCVIZ_VIZ_SAMPLER_H

#include "viz/core/snapshot.h"

#include <stdbool.h>
#include <stddef.h>

struct sampler;

/* Returns a sampler with an empty tracked set, or NULL (errno set). */
struct sampler *sampler_new(void);
void sampler_free(struct sampler *s);	/* NULL is a no-op; closes files */

/* Discover new children at each full sample (see above). */
void sampler_set_follow_children(struct sampler *s, bool on);

/*
 * Threads mode (procviz.1 "TASKS AND WAITS"): every full reading of a
 * process also reads each of its other threads into the snapshot's
 * tasks[] and sets tasks_listed (viz/core/tasks.h).  What a blocked
 * process's main thread sleeps in (snap_proc.wait) is read in either
 * mode, when due.
 */
void sampler_set_threads(struct sampler *s, bool on);

/*
 * Track @pid.  Returns 0, -EEXIST if already tracked, -ESRCH if it does
 * not exist, -EACCES/-EPERM if it cannot be read, -ENOMEM.
 */
int sampler_track(struct sampler *s, int pid);
bool sampler_tracking(const struct sampler *s, int pid);
size_t sampler_count(const struct sampler *s);
/* Mark @pid's command line stale (exec seen): re-read at next reading. */
void sampler_exec_hint(struct sampler *s, int pid);

/*
 * Track every current descendant of the tracked set (whole-system listing
 * through libproc2).  Used at start (attach) and after lost events.
 * Returns the number of processes added, or -errno.
 */
int sampler_scan_descendants(struct sampler *s);

/*
 * Read every tracked process into @out (full: snapshot_reset(out, t_ms,
 * true) first).  Processes that vanished go to out->vanished and are
 * dropped from the tracked set.  Returns 0 or -ENOMEM.
 */
int sampler_sample(struct sampler *s, struct snapshot *out, int64_t t_ms);

/*
 * Read only @pid now and APPEND it to @out (a partial snapshot the caller
 * has reset).  Untracked pids are ignored.  Returns 0, -ESRCH (vanished:
 * appended to out->vanished with @exit_code, and untracked), -ENOMEM.
 */
int sampler_sample_one(struct sampler *s, int pid, struct snapshot *out,
		       int exit_code);

/*
 * Read now, appending to @out, every tracked process whose parent was
 * @ppid at its last reading (after @ppid exited: re-parenting happens
 * before the exit is reported).  Returns how many, or -ENOMEM.
 */
int sampler_sample_children(struct sampler *s, int ppid,
			    struct snapshot *out);

/*
 * The tracked pids: up to @max into @out; returns how many are tracked.
 * sampler_generation() changes whenever the set does.
 */
size_t sampler_pids(const struct sampler *s, int *out, size_t max);
unsigned long sampler_generation(const struct sampler *s);

/* Forget @pid (without reading it). */
void sampler_untrack(struct sampler *s, int pid);

/*
 * Call @fn(pid, true, arg) for every pid the tracked set gains and
 * @fn(pid, false, arg) for every pid it loses, whoever adds or drops it
 * (sampler_track, a children file, a rescan, a vanished reading): the
 * observer keeps a pidfd per tracked process this way.  NULL: no hook.
 */
typedef void (*sampler_track_fn)(int pid, bool added, void *arg);
void sampler_set_track_hook(struct sampler *s, sampler_track_fn fn,
			    void *arg);

#endif
