/*
 * viz/core/trace.h - trace-driven simulation: the CPU and IO bursts that real
 * processes showed in a recording (viz/core/record.h), as a workload file
 * (procviz.1 "WORKLOADS") that `procviz sched` runs through every policy.
 *
 * Each process of the recording (identity: pid and start time) becomes
 * one job named COMM-PID (characters a workload name cannot hold become
 * '_'), arriving at the tick of its first reading.  Between two readings
 * of a process, the interval is
 *   CPU   if the later reading says R (running or ready: it wanted the
 *         CPU) or if it used the CPU for at least half the interval;
 *         its CPU demand is the CPU time it used (schedstat run time of
 *         the main thread, or utime+stime), not the time it waited;
 *   IO    if it says S, D, I, T or t (blocked or stopped): the wall time
 *         off the CPU; CPU time used in such an interval still counts as
 *         CPU (before the block when the process was running, as a burst
 *         of its own when it was already blocked);
 *   end   at Z or X, or when it vanished.
 * Consecutive intervals of one kind form a burst.  Bursts are rounded to
 * ticks of @tick_ms; a burst that rounds to 0 disappears and its
 * neighbours merge; a leading IO burst delays the arrival; a process with
 * no CPU tick left is listed in a comment, not as a job.
 */
#ifndef PROCVIZ_VIZ_TRACE_H
#define PROCVIZ_VIZ_TRACE_H

#include "viz/core/record.h"

#include <stdio.h>

#define TRACE_TICK_MS_DEFAULT 100

/*
 * Write the workload of @r to @out (with "#" comments saying where it
 * came from and what was left out).  @clk_tck: clock ticks per second of
 * the "cpu" counters (sysconf(_SC_CLK_TCK)).  Sets *@njobs.  Returns 0,
 * -ENOMEM, or -ENOENT when no process used a whole tick of CPU (message
 * in err[errlen]).
 */
int trace_write(FILE *out, const struct recording *r, int tick_ms,
		long clk_tck, int *njobs, char *err, size_t errlen);

#endif
