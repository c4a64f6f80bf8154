/*
 * scenarios/terminate.c - Python's p.terminate(), p.is_alive() and
 * p.join(), in system calls.  terminate() is kill(pid, SIGTERM); the child
 * dies once the signal lands and stays a zombie until its parent waits for
 * it.  CPython's is_alive() is such a wait: it polls with waitpid(pid,
 * WNOHANG), which reaps a zombie and then returns False (exitcode -15).
 * It returns True only while the child has not died yet - right after
 * terminate(), before the signal lands, a race.  So the lesson peeks at
 * the zombie with waitid(WNOWAIT), which reports it without reaping, and
 * join() reaps it: exitcode -15.  The notes show each call's return value.
 */
#define _GNU_SOURCE
#include "scenarios/scenario.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* /proc state letter of @pid, '?' if gone. */
static char term_state(pid_t pid)
{
	char path[64], buf[256], *p;
	char st = '?';
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return st;
	if (fgets(buf, sizeof(buf), f)) {
		p = strrchr(buf, ')');
		if (p && p[1] == ' ')
			st = p[2];
	}
	fclose(f);
	return st;
}

static void term_child(void)
{
	for (;;)
		pause();	/* a worker waiting for work */
}

/* After terminate(): wait (without reaping) until it has exited. */
static void term_peek(struct scen_ctx *ctx, pid_t pid)
{
	siginfo_t si;
	int r;

	memset(&si, 0, sizeof(si));
	do
		r = waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT);
	while (r < 0 && errno == EINTR);
	if (r == 0 && si.si_pid == pid)
		scen_note(ctx, "the child has died of signal %d but is not "
			  "reaped: state %c (zombie). is_alive() now would "
			  "reap it (waitpid WNOHANG) and return False",
			  si.si_status, term_state(pid));
}

static int term_run(struct scen_ctx *ctx)
{
	pid_t pid, r;
	int st, k;

	scen_step(ctx, "p.start(): the parent (pid %d) forks a worker that "
		  "waits for work (blocked in pause()).", (int)getpid());
	pid = scen_fork(ctx, "term-child", 0);
	if (pid == 0)
		term_child();
	if (pid < 0) {
		scen_note(ctx, "error: fork: %s", strerror(errno));
		return 1;
	}
	r = waitpid(pid, &st, WNOHANG);
	scen_note(ctx, "p.is_alive(): waitpid(%d, WNOHANG) returned %d: True",
		  (int)pid, (int)r);
	scen_hold(ctx, NULL);
	scen_step(ctx, "p.terminate(): kill(SIGTERM). Once the signal lands "
		  "the child dies, and it is a zombie until the parent waits "
		  "for it. is_alive() is True only before the signal lands (a "
		  "race); on a zombie it reaps it and returns False.");
	k = kill(pid, SIGTERM);
	scen_note(ctx, "p.terminate(): kill(%d, SIGTERM) returned %d", (int)pid,
		  k);
	term_peek(ctx, pid);
	scen_hold(ctx, NULL);
	scen_hold(ctx, NULL);
	scen_step(ctx, "p.join(): the parent reaps the child; the zombie "
		  "disappears; is_alive() is False, exitcode -15.");
	st = scen_reap(pid);
	r = st < 0 ? -1 : pid;
	if (r == pid && WIFSIGNALED(st))
		scen_note(ctx, "p.join(): waitpid(%d) returned %d, killed by "
			  "signal %d: p.exitcode = -%d", (int)pid, (int)r,
			  WTERMSIG(st), WTERMSIG(st));
	r = waitpid(pid, &st, WNOHANG);
	scen_note(ctx, "p.is_alive(): waitpid(%d, WNOHANG) returned %d (%s): "
		  "False", (int)pid, (int)r, r < 0 ? strerror(errno) : "");
	scen_hold(ctx, NULL);
	return 0;
}

static const char *const term_explain[] = {
	N_("terminate() sends SIGTERM. The child dies, yet stays in the"),
	N_("process table as a zombie until its parent waits for it."),
	N_("is_alive() is such a wait (waitpid WNOHANG): on a zombie it reaps"),
	N_("it and says False; it says True only before the signal lands."),
	N_("join() reaps it: exitcode -15 (killed by SIGTERM)."),
	NULL,
};

static const struct scen_control term_controls[] = {
	{ 0, NULL },
};

const struct scenario scen_terminate = {
	.name = "terminate",
	.chapter = SCEN_CH_PROCESSES,
	.title = N_("terminate(): SIGTERM, a zombie, then join()"),
	.description = N_("the parent sends SIGTERM; the child is a zombie "
			  "until the parent waits for it (join(), or "
			  "is_alive())"),
	.explain = term_explain,
	.nsteps = 3,
	.main_comm = "terminate-demo",
	.controls = term_controls,
	.run = term_run,
};
