/*
 * viz/core/procstat.h - parse a /proc/PID/stat or /proc/PID/task/TID/stat
 * line (proc(5)).  Pure: the caller reads the file; the sampler (processes)
 * and tasks.c (threads) share this one parser.
 */
#ifndef PROCVIZ_VIZ_CORE_PROCSTAT_H
#define PROCVIZ_VIZ_CORE_PROCSTAT_H

#include "viz/core/snapshot.h"

struct procstat {
	char comm[SNAP_COMM_LEN];	/* field 2, cut to fit */
	char state;			/* field 3 */
	int ppid, pgid, sid;		/* fields 4, 5, 6 */
	int tty_nr;			/* 7: the controlling terminal */
	unsigned long long cpu_ticks;	/* 14 utime + 15 stime */
	int threads;			/* 20 num_threads */
	unsigned long long start_ticks;	/* 22 starttime */
	/* 52 exit_code: for a zombie or a task being reaped (Z, X, x) when
	 * the kernel shows it, else -1. */
	int exit_code;
};

/*
 * Parse the NUL-terminated line @buf.  The command name may hold spaces
 * and parentheses: it runs from the first '(' to the last ')'.  Returns 0,
 * or -EINVAL when the line is cut short or not a stat line.
 */
int procstat_parse(const char *buf, struct procstat *out);

/*
 * The decimal number (maybe negative) at *pp, stepping *pp past it and one
 * space: for lines of numbers such as /proc/PID/schedstat.
 */
unsigned long long procstat_num(const char **pp);

#endif
