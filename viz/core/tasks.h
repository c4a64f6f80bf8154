/*
 * viz/core/tasks.h - reading a process's threads (tasks) and what a blocked
 * task sleeps in, from /proc/PID/task/TID/{stat,schedstat,syscall,wchan}
 * and /proc/PID/fd, with plain open/pread (the sampler's helper; libproc2
 * stays in sampler.c).
 *
 * A struct task_set belongs to one tracked process in threads mode.  It
 * keeps each thread's stat and schedstat open (as the sampler does for
 * processes: pread costs what the kernel charges to format the file) and
 * lists /proc/PID/task again only when it must: the thread count changed,
 * or a kept file reads nothing (that thread ended; a new one may have
 * taken its place).  So the set is exact at every reading.
 *
 * What a task sleeps in (struct snap_wait) costs three opens, so it is
 * read only when the task is blocked and its state just changed, it ran
 * since the last reading (it may sleep in something else now), or
 * TASKS_WAIT_EVERY readings went by (tasks_wait_due).
 */
#ifndef PROCVIZ_VIZ_TASKS_H
#define PROCVIZ_VIZ_TASKS_H

#include "viz/core/snapshot.h"

#include <stdbool.h>
#include <stdint.h>

#define TASKS_WAIT_EVERY 10	/* readings between re-reads while blocked */

struct task_set;

struct task_set *task_set_new(void);	/* NULL on -ENOMEM */
void task_set_free(struct task_set *ts);	/* NULL is a no-op */
/* Threads currently known (other than the main one). */
int task_set_count(const struct task_set *ts);

/*
 * Read every thread of process @pid other than its main one, appending
 * one snap_task each to @out, in tid order.  @threads is the process's
 * thread count just read from its stat (a change means a new listing).
 * Returns 0, -ESRCH (the process is gone), -ENOMEM.
 */
int task_set_read(struct task_set *ts, int pid, int threads,
		  struct snapshot *out);

/*
 * Read what task @tid of process @pid sleeps in (tid == pid: the main
 * thread) into @w, w->read = true.  A file the kernel will not show
 * (another user's task) leaves its string empty: never guessed.
 */
void tasks_wait_read(int pid, int tid, struct snap_wait *w);

/*
 * Whether to read the wait of a task now in state @now (the /proc letter;
 * @prev: at the last reading, 0 at the first): see above.  @ran: it was
 * scheduled since the last reading.  Counts readings in *age.
 */
bool tasks_wait_due(char prev, char now, bool ran, unsigned *age);

/*
 * The sampler's step for one process @sp just read (from its stat): the
 * main thread's wait when due (@prev: its letter at the last reading, 0
 * at the first; @ran: the main thread ran since; *@wait_age as above),
 * and with @threads every other thread into @out (*@ts made on demand;
 * sp->tasks_listed set when all were read).  0 or -ENOMEM.
 */
int tasks_read_process(struct task_set **ts, struct snap_proc *sp,
		       char prev, bool ran, unsigned *wait_age, bool threads,
		       struct snapshot *out);

/* Whether the /proc letter @c is one the model calls blocked. */
bool tasks_letter_blocked(char c);

#endif
