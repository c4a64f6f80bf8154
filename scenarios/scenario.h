/*
 * scenarios/scenario.h - the lessons as real processes: the scenario table
 * and the API a scenario's code uses while it runs.
 *
 * A scenario is a C function that runs in the scenario's main process (a
 * child of procviz, see launch.h) and makes real system calls: fork, exit,
 * wait, setsid, flock, mq_send...  It tells procviz what it is doing by
 * writing lines to a pipe (the "notes protocol", below) and reads the
 * lecturer's controls (single bytes) from another pipe.
 *
 * Notes protocol (scenario -> procviz), one line each, at most
 * SCEN_LINE_MAX bytes including the newline, so that a line written by any
 * process of the scenario is atomic (< PIPE_BUF):
 *   step N TEXT   step N (1-based) starts; TEXT says what happens and what
 *                 to look for.  procviz turns it into a `note` event.
 *   note TEXT     a fact worth showing (a fill level, who bought a ticket,
 *                 a daemon's session id...).  Also a `note` event.
 *   wait KEY      (step mode) the scenario waits for the lecturer's KEY.
 *   fork PID PPID COMM   written by every child of scen_fork() before it
 *                 runs anything: procviz follows PID at once, even when it
 *                 lives 1 ms (a double fork's middle process) and procviz
 *                 has no process connector to see the fork.
 *   reap PID BY STATUS   written by scen_reap() after wait() returned PID
 *                 to BY with the wait status STATUS: the exit is reported
 *                 with its status even if PID was gone before procviz
 *                 read it.  These two carry facts the scenario saw; procviz
 *                 names "scenario" among its sources (procviz(1)).
 * The run is over when every process of the scenario is gone (a step may
 * be announced by a process that outlives the main one, as in orphan).
 * Control protocol (procviz -> scenario): one byte per key, e.g. 'n' (next
 * step in --step mode), 'w' (zombie: the parent reaps now).  A control key
 * is a lowercase letter, '+' or '-'.  Only the
 * process that holds the control pipe (the main process, or a process it
 * handed the role to with SCEN_FORK_KEEP_CONTROL) reads them.  End of file
 * on the control pipe means procviz is gone: scen_wait() then kills the
 * scenario's process group and exits.
 */
#ifndef PROCVIZ_SCENARIOS_SCENARIO_H
#define PROCVIZ_SCENARIOS_SCENARIO_H

#include "common/i18n.h"

#include <stdbool.h>
#include <sys/types.h>

#define SCEN_LINE_MAX 256	/* bytes per protocol line, newline included */
#define SCEN_NOTES_FD 3		/* the notes pipe, in every scenario process */
#define SCEN_MAX_PROCS 64	/* processes one run may create (fork cap) */
#define SCEN_MAX_THREADS 32	/* threads one process may create */

struct scen_ctx;

/* A lecturer's control: a key and what it does, as the UI shows it. */
struct scen_control {
	char key;		/* e.g. 'w'; 0 ends a control list */
	const char *label;	/* e.g. "parent reaps now (wait)" */
};

/*
 * The course's chapters, in the order the home screen shows them.  The
 * table (table.c) lists the lessons chapter by chapter, so `procviz list`
 * and the home screen show the same order.
 */
enum scen_chapter {
	SCEN_CH_PROCESSES,	/* 0: the default */
	SCEN_CH_IPC,
	SCEN_CH_THREADS,	/* threads and synchronisation */
	SCEN_CH_COUNT
};

struct scenario {
	const char *name;		/* "zombie", as given to procviz run */
	enum scen_chapter chapter;	/* where the home screen lists it */
	const char *title;		/* one short line for the screen */
	const char *description;	/* one line, for procviz list */
	const char *const *explain;	/* notes panel lines; NULL-ended */
	int nsteps;			/* steps the scenario announces */
	const char *main_comm;		/* main process's comm, < 16 bytes */
	const struct scen_control *controls; /* key 0 ends; never NULL */
	bool threads;			/* turns --threads on: every thread
					 * is shown as a task of its own */
	bool session_cols;		/* the lesson view shows each
					 * process's session and terminal */
	/* Runs in the main process; returns its exit status (0 on success). */
	int (*run)(struct scen_ctx *ctx);
};

/* Every scenario, in the order procviz list shows them; NULL-terminated. */
extern const struct scenario *const scen_table[];

/* The scenario called @name, or NULL. */
const struct scenario *scen_find(const char *name);

/* The chapter's title for the screen, translated; never NULL. */
const char *scen_chapter_title(enum scen_chapter ch);

/* ---- used by scenario code, in the scenario's processes --------------- */

/*
 * The state of a running scenario inside its own processes.  Set up by
 * launch.c from the environment procviz passes; copied into each child by
 * fork.
 */
struct scen_ctx {
	const struct scenario *scen;
	int note_fd;		/* write end of the notes pipe */
	int ctl_fd;		/* read end of the control pipe, or -1 */
	int pace_ms;		/* how long each state stays visible */
	bool step_mode;		/* wait for 'n' before each step */
	int step;		/* last step announced */
	unsigned int keys;	/* controls received, not yet taken (bit per
				 * letter a..z, then '+' and '-') */
	const char *urgent;	/* keys that also end a step-mode wait (they
				 * stay pending for the scenario), or NULL */
	int *nforks;		/* shared counter (MAP_SHARED) of forks */
};

/* Write "note TEXT" (printf-style).  Never fails visibly. */
void scen_note(struct scen_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Start the next step: in step mode first wait for the lecturer's 'n' or a
 * key of ctx->urgent (other keys received meanwhile, and the urgent key,
 * are kept for scen_take_key), then write "step N TEXT".
 */
void scen_step(struct scen_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Start the next step at once, even in step mode (a control asked for it). */
void scen_step_now(struct scen_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Wait up to @ms milliseconds (-1: forever) for one of the control keys in
 * @keys (NULL or "": none, just wait).  Returns the key taken, or 0 when
 * the time ran out.  Keys received earlier and not yet taken count.  Other
 * keys are kept.  Interrupted sleeps resume; the time is measured on
 * CLOCK_MONOTONIC.
 */
char scen_wait(struct scen_ctx *ctx, int ms, const char *keys);

/*
 * Hold the current state for one pace; returns early with a key of @keys
 * or 'n'.  In step mode the 'n' stays pending, so the next scen_step()
 * goes on without another 'n'.
 */
char scen_hold(struct scen_ctx *ctx, const char *keys);

/* Take @key if it was received (true) - without waiting. */
bool scen_take_key(struct scen_ctx *ctx, char key);

/* Put back @key, taken by scen_wait(), as received and not yet taken. */
void scen_keep_key(struct scen_ctx *ctx, char key);

enum {
	SCEN_FORK_KEEP_CONTROL = 1,	/* child keeps the control pipe */
};

/*
 * fork() a child of the scenario, counted against SCEN_MAX_PROCS, named
 * @comm (prctl PR_SET_NAME).  The child announces itself ("fork PID PPID
 * COMM") before returning.  In the child the control pipe is closed
 * unless @flags has SCEN_FORK_KEEP_CONTROL.  Returns as fork() does; -1
 * with errno EAGAIN when the cap is reached.
 */
pid_t scen_fork(struct scen_ctx *ctx, const char *comm, int flags);

/*
 * Fork @n children named @comm (scen_fork, no flags), their pids into
 * pids[0 .. *forked-1]; a fork that fails is noted ("error: fork: ...")
 * and ends the forking.  Returns in each child its index (0 .. n-1), and
 * the child must not return from what it then does; in the parent -1.
 */
int scen_fork_n(struct scen_ctx *ctx, const char *comm, int n, pid_t *pids,
		int *forked);

/* Sleep @ms milliseconds (restarting after signals). */
void scen_sleep_ms(int ms);

/* Burn CPU for @ms milliseconds of wall time (a CPU-bound loop). */
void scen_spin_ms(int ms);

/* Monotonic milliseconds. */
long long scen_now_ms(void);

/*
 * Wait for the child @pid (waitpid, restarting on EINTR) and announce the
 * reap ("reap PID BY STATUS") on SCEN_NOTES_FD when that is still the
 * notes pipe.  Returns its wait status, or -1.
 */
int scen_reap(pid_t pid);

/* Read /proc/@pid/comm into buf ("?" when gone). */
void scen_comm_of(pid_t pid, char *buf, size_t len);

#endif
