/*
 * viz/core/ptrace_int.h - between ptrace_src.c (procviz's side) and
 * ptrace_tracer.c (the tracer process): what goes through their pipes;
 * and ptrace_proc.c, what the tracer reads in /proc.  Not for use outside
 * viz/core/ptrace_*.
 *
 * procviz -> tracer, the command socket (a stream socketpair): struct
 * tracer_cmd records.  TRACER_QUIT, end of file, or SIGTERM (the tracer's
 * parent-death signal: procviz died while a child it forked still holds
 * the socket) tell the tracer to detach and exit.
 * tracer -> procviz, the event pipe: struct ptrace_src_event records
 * (smaller than PIPE_BUF, so each write is whole), the kinds of
 * ptrace_src.h and the two below.
 */
#ifndef PROCVIZ_VIZ_PTRACE_INT_H
#define PROCVIZ_VIZ_PTRACE_INT_H

#include "viz/core/ptrace_src.h"

#include <stdbool.h>
#include <sys/types.h>

enum {
	/* The answer to the last command: status = 0 or -errno. */
	TRACER_REPLY = 100,
	/* First record: may the tracer trace?  status = 0 or -errno. */
	TRACER_READY,
};

enum tracer_op {
	TRACER_SEIZE = 1,	/* pid; flags & 1: its descendants too */
	TRACER_ACK,		/* pid: procviz has read the exit of pid */
	TRACER_QUIT,		/* detach and exit (ptrace_src_close) */
};

struct tracer_cmd {
	int op;			/* enum tracer_op */
	int pid;
	int flags;
};

/*
 * How long the tracer holds a zombie, at most, until procviz says it has
 * read it (TRACER_ACK): the real parent is told of the zombie only then,
 * so procviz sees every zombie.  procviz answers as soon as it is
 * scheduled, typically in a few tens of microseconds (make bench measures
 * how much later a parent's wait() returns); the bound only matters when
 * procviz is held up (starting, drawing a large screen, a loaded machine),
 * and then the zombie is let go rather than the program kept waiting.
 */
#define TRACER_ACK_US 50000

/* Detaching gives up after this long (the kernel detaches the rest). */
#define TRACER_DETACH_MS 3000

/* ptrace_proc.c: what /proc says of a tracee. */
/* Tgid and PPid of @tid from /proc/TID/status.  0 or -errno. */
int ptrace_proc_ids(int tid, int *tgid, int *ppid);
/* The state letter of @tid (/proc/TID/stat), or 0 if unreadable. */
char ptrace_proc_state(int tid);
/*
 * After an exec of @pid: is its program set-user-ID, set-group-ID or
 * file-capable, and did the exec grant it nothing?
 */
bool ptrace_proc_lost_privilege(int pid);

/*
 * The tracer process's whole life (forked by ptrace_src_open() in
 * @parent): probe, write TRACER_READY, serve commands and trace until told
 * to go (see above), detach, _exit().  @ev is the event pipe's write end.
 */
void __attribute__((noreturn)) ptrace_tracer_main(int ctl, int ev,
						  pid_t parent);

#endif
