/*
 * scenarios/launch.h - procviz's side of a running scenario: launch it,
 * read its notes, send it controls, stop it, clean up.
 *
 * How a scenario is launched, and why: procviz forks; the child resets
 * every signal disposition to the default (SIGCHLD above all: an ignored
 * SIGCHLD makes the kernel reap children itself and the zombie lesson
 * would show nothing) and the signal mask, calls setpgid(0, 0) (the
 * scenario's own process group, out of the terminal's foreground group:
 * Ctrl-C is procviz's to handle), sets PR_SET_PDEATHSIG(SIGKILL) (procviz
 * is no part of any lesson), puts the notes pipe on fd 3, the control
 * pipe on fd 4, /dev/null on 0-2, closes everything else, and re-execs
 * procviz's own binary as `procviz run --scenario-process NAME`.  The
 * re-exec (rather than calling the scenario function straight after fork)
 * is what puts the marker PROCVIZ_SCENARIO=... into the exec-time
 * environment block that /proc/PID/environ shows - setenv() after fork
 * would not - so the guardian (guard.h) can find every process of the
 * scenario, whatever it did to its session and group.  It also gives the
 * scenario a clean process: no inherited observer, netlink socket or
 * terminal state.  The exec'd process names itself with PR_SET_NAME
 * (scenario->main_comm) and runs scenario->run().
 *
 * Lifetime: scen_run_start() forks the guardian first, then the
 * scenario.  scen_run_clear() kills whatever is left, waits for the main
 * process and the guardian, and closes everything.  If procviz dies
 * without calling it, the guardian does the killing.
 *
 * Threads: procviz must call these from one thread, the one that lives as
 * long as the run (PR_SET_PDEATHSIG fires when the forking *thread*
 * exits, so a short-lived helper thread must not launch scenarios).
 */
#ifndef PROCVIZ_SCENARIOS_LAUNCH_H
#define PROCVIZ_SCENARIOS_LAUNCH_H

#include <stdbool.h>
#include <sys/types.h>

#include "scenarios/guard.h"
#include "scenarios/scenario.h"

/* The hidden first option of `procviz run` that enters a scenario. */
#define SCEN_CHILD_OPTION "--scenario-process"

struct scen_opts {
	int pace_ms;		/* how long each state stays visible, > 0 */
	bool step_mode;		/* wait for 'n' before each step */
};

#define SCEN_PACE_MS_DEFAULT 3000

enum scen_msg_kind {
	SCEN_MSG_STEP,		/* a step starts: step, text */
	SCEN_MSG_NOTE,		/* a fact: text */
	SCEN_MSG_WAIT,		/* step mode: waiting for key text[0] */
	SCEN_MSG_FORK,		/* a child: pid, ppid, text = its comm */
	SCEN_MSG_REAP,		/* wait() returned pid to ppid: status */
};

struct scen_msg {
	enum scen_msg_kind kind;
	int step;			/* SCEN_MSG_STEP: its number */
	int pid, ppid;			/* FORK: child, parent; REAP: reaped,
					 * reaper */
	int status;			/* REAP: the wait status */
	char text[SCEN_LINE_MAX];
};

struct scen_run {
	const struct scenario *scen;	/* borrowed from scen_table; NULL
					 * for scen_run_start_argv() */
	struct scen_opts opts;
	pid_t pid;		/* the main process = its process group id */
	unsigned long long start_time;	/* its start time (guard.h) */
	int pidfd;		/* a pidfd of it (group kills), or -1 */
	int note_fd;		/* read end, non-blocking: poll it for
				 * POLLIN; -1 after end of file (every
				 * process of the scenario has exited) */
	int ctl_fd;		/* write end of the control pipe, or -1 */
	struct scen_guard guard;	/* its marker: guard.marker */
	int step;		/* last step announced, 0 before the first */
	bool waiting;		/* step mode: waiting for 'n' */
	bool main_reaped;	/* procviz has reaped the main process */
	int main_status;	/* its wait status once reaped */
	char buf[2 * SCEN_LINE_MAX];	/* partial protocol line */
	size_t len;
};

/*
 * Launch @scen.  On success @run is filled and owns two pipes, the main
 * process (a child of the caller) and the guardian (another child).
 * Returns 0 or -errno (nothing is left running on error).
 */
int scen_run_start(struct scen_run *run, const struct scenario *scen,
		   const struct scen_opts *opts);

/*
 * The same for another hidden entry of procviz (e.g. `procviz drive
 * --job-process ...`): @argv is the re-exec's argument vector (argv[0]
 * "procviz").  The process gets the marker, the pipes on fds 3 and 4 and
 * the PROCVIZ_SCEN_PARENT check exactly as a scenario does, must write
 * "ready\n" on fd 3 and then wait for scen_run_go()'s byte on fd 4.
 * run->scen is NULL: scen_run_control() answers -EINVAL.
 */
int scen_run_start_argv(struct scen_run *run, char *const argv[],
			const struct scen_opts *opts);

/*
 * Let the scenario begin.  scen_run_start() returns with the main process
 * exec'd and named (main_comm) but waiting, so that the caller can start
 * following it (observer_add_root) before it creates anything.  Returns 0
 * or -errno.
 */
int scen_run_go(struct scen_run *run);

/*
 * Take the next protocol message, reading the notes pipe without
 * blocking.  Returns 1 with *msg filled, 0 if none is ready, -EPIPE once
 * the pipe is at end of file and drained (then note_fd is -1).
 * Malformed lines are skipped.  Updates run->step and run->waiting.
 */
int scen_run_read(struct scen_run *run, struct scen_msg *msg);

/*
 * Send a control key ('n', or a key of scen->controls) to the scenario.
 * Returns 0, -EINVAL for a key the scenario does not know, -EPIPE if no
 * process of the scenario listens any more.
 */
int scen_run_control(struct scen_run *run, char key);

/*
 * Send @sig to every live process of the scenario (the marker sweep):
 * SIGSTOP / SIGCONT freeze and thaw it.  Returns how many, or -errno.
 */
int scen_run_signal(struct scen_run *run, int sig);

/* How many processes of the scenario are alive (not zombies). */
int scen_run_alive(struct scen_run *run);

/*
 * Try to reap the main process without blocking.  Returns 1 if reaped now
 * (main_status set), 0 if it is still running or already reaped.  If
 * something else reaps it (the observer's reap_children), call
 * scen_run_main_reaped() instead.
 */
int scen_run_reap_main(struct scen_run *run);
void scen_run_main_reaped(struct scen_run *run, int status);

/*
 * SIGKILL every process of the scenario now, sweeping until none is left
 * alive (bounded by a few seconds).  Does not reap.  Returns 0 or -errno.
 */
int scen_run_stop(struct scen_run *run);

/*
 * Stop everything, reap the main process, stop the guardian (which sweeps
 * once more), close the pipes.  For a run that scen_run_start() filled
 * (even when it failed); safe to call twice.
 */
void scen_run_clear(struct scen_run *run);

/*
 * Entry point of the scenario's main process, reached through
 * `procviz run --scenario-process NAME` (argv[0] is "run").  Never
 * returns when the environment is the one scen_run_start() prepared;
 * returns 2 (usage error) when it is not, e.g. typed by hand.
 */
int scen_child_main(int argc, char **argv);

/*
 * In a process started by scen_run_start_argv(): check that procviz
 * launched it (marker, fds 3 and 4, parent still alive), say "ready" and
 * block until scen_run_go().  Returns 0; -EINVAL when not launched by
 * procviz (e.g. typed by hand), -ESRCH / -EPIPE when procviz is gone.
 */
int scen_child_ready(void);

#endif
