/*
 * viz/core/wait.h - what a blocked task waits for, in words (procviz.1 "TASKS
 * AND WAITS").
 *
 * Pure: no /proc, no I/O.  The sampler reads three raw facts about a
 * blocked task and the model turns them into one word with
 * wait_classify():
 *   syscall  the system call it sleeps in, by name ("futex"), from
 *            /proc/PID/task/TID/syscall; "" when the kernel will not say
 *            (another user's task) or it is not in a system call;
 *   fd       when that call's first argument is a file descriptor, the
 *            descriptor's link in /proc/PID/fd ("pipe:[123]",
 *            "socket:[456]", "/dev/mqueue/q", "/dev/pts/0"); "" otherwise;
 *   wchan    the kernel function it sleeps in, from .../wchan ("" or "0"
 *            when hidden).
 * plus the /proc state letter (D is "disk" whatever the rest says).
 *
 * The rules, first match wins:
 *   1. state D                                  -> disk
 *   2. the system call, by name (table in wait.c: futex -> lock,
 *      fcntl, flock -> lock (a file lock), wait4 -> child, nanosleep ->
 *      sleep, accept -> socket, ...)
 *   3. a read/write-like call, by its fd's link: pipe: -> pipe,
 *      socket: -> socket, /dev/mqueue/ -> queue, a tty -> terminal
 *   4. the wchan, by name (futex_* -> lock, fcntl_setlk -> lock,
 *      pipe_read -> pipe, ...)
 *   5. a system call or a wchan was visible but says nothing above -> other
 *   6. nothing visible -> WAIT_NONE: the word is left out, never guessed.
 */
#ifndef PROCVIZ_VIZ_WAIT_H
#define PROCVIZ_VIZ_WAIT_H

#include <stdbool.h>

enum wait_kind {
	WAIT_NONE,		/* not visible: no word */
	WAIT_LOCK,
	WAIT_PIPE,
	WAIT_SOCKET,
	WAIT_CHILD,
	WAIT_SLEEP,
	WAIT_SIGNAL,
	WAIT_QUEUE,
	WAIT_POLL,
	WAIT_TERMINAL,
	WAIT_DISK,
	WAIT_OTHER,
	WAIT_N_KINDS
};

/* "lock", "pipe", ... as in procviz.1 "TASKS AND WAITS"; NULL for WAIT_NONE. */
const char *wait_name(enum wait_kind w);
/* The word back to the kind; WAIT_NONE if @name is not one. */
enum wait_kind wait_from_name(const char *name);
/* What it waits for, for sentences: "a lock", "a pipe", "the disk". */
const char *wait_phrase(enum wait_kind w);
/*
 * Whether a task's lock wait is a file lock: it sleeps in fcntl()
 * (F_SETLKW, F_OFD_SETLKW: the only commands that block) or flock(), by
 * the system call's name or, when that is hidden, the kernel function.
 * Its word stays "lock" (spec.md's vocabulary); sentences say more.
 */
bool wait_file_lock(const char *syscall, const char *wchan);
/* wait_phrase(), but "a file lock" for a file lock's wait. */
const char *wait_phrase_of(enum wait_kind w, const char *syscall,
			   const char *wchan);

/* See the rules above.  Any string may be NULL (= ""). */
enum wait_kind wait_classify(char state, const char *syscall, const char *fd,
			     const char *wchan);

/* The name of system call @nr on this machine, or NULL if unknown. */
const char *wait_syscall_name(long nr);
/* Whether the first argument of system call @name is a file descriptor. */
bool wait_syscall_takes_fd(const char *name);

/*
 * Parse the text of /proc/PID/task/TID/syscall: "NR ARG1 ... SP PC" (in a
 * system call), "-1 SP PC" (blocked outside one) or "running".  Returns 1
 * with *nr and *arg0 set when in a system call, 0 otherwise, -1 when the
 * text is not one of these.
 */
int wait_parse_syscall(const char *text, long *nr, unsigned long *arg0);

/* Whether wchan text @w says something ("" and "0" do not). */
bool wait_wchan_known(const char *w);

#endif
