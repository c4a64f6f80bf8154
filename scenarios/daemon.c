/*
 * scenarios/daemon.c - two meanings of "daemon":
 *  1. a daemonic child (Python's daemon=True): it is terminated when its
 *     parent finishes.  Here the kernel does it: PR_SET_PDEATHSIG(SIGTERM).
 *  2. a classic Unix daemon: fork, setsid, fork again, the middle process
 *     exits.  The daemon has a new session and process group, no
 *     controlling terminal, and is adopted by init (or a subreaper).
 *     It leaves the scenario's process group, so only the guardian's
 *     marker scan (guard.h) can find it at cleanup.
 */
#include "scenarios/scenario.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Field 7 of /proc/self/stat: tty_nr, 0 when there is no terminal. */
static int daemon_tty_nr(void)
{
	char buf[512], *p;
	int tty = -1;
	FILE *f = fopen("/proc/self/stat", "re");

	if (!f)
		return -1;
	if (fgets(buf, sizeof(buf), f)) {
		p = strrchr(buf, ')');
		if (p && sscanf(p + 2, "%*c %*d %*d %*d %d", &tty) != 1)
			tty = -1;
	}
	fclose(f);
	return tty;
}

static void daemonic_parent(struct scen_ctx *ctx)
{
	pid_t kid = scen_fork(ctx, "daemonic-child", 0);

	if (kid == 0) {
		pid_t parent = getppid();

		/* The kernel sends SIGTERM when the parent thread dies. */
		prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
		if (getppid() != parent)
			_exit(0);	/* the parent is already gone */
		for (;;)
			pause();
	}
	if (kid > 0)
		scen_note(ctx, "daemonic-child %d will be terminated (SIGTERM) "
			  "when its parent %d finishes", (int)kid,
			  (int)getpid());
	scen_sleep_ms(ctx->pace_ms * 2);
	_exit(0);
}

static void daemon_classic(struct scen_ctx *ctx, pid_t old_sid)
{
	pid_t sid, d;

	/* First fork done: we are "daemon-launch".  New session. */
	sid = setsid();
	if (sid < 0) {
		scen_note(ctx, "error: setsid: %s", strerror(errno));
		_exit(1);
	}
	d = scen_fork(ctx, "daemon", 0);
	if (d != 0) {
		if (d < 0)
			scen_note(ctx, "error: fork: %s", strerror(errno));
		_exit(d < 0);	/* the middle process exits at once */
	}
	/* The daemon: not a session leader, so it can never get a tty. */
	umask(0);
	if (chdir("/") < 0)
		scen_note(ctx, "chdir: %s", strerror(errno));
	while (getppid() == sid)
		scen_sleep_ms(5);
	{
		char comm[64];

		scen_comm_of(getppid(), comm, sizeof(comm));
		scen_note(ctx, "daemon %d: session %d (new; the lesson's was %d), "
			  "process group %d, tty %s, parent %d (%s)",
			  (int)getpid(), (int)getsid(0), (int)old_sid,
			  (int)getpgrp(),
			  daemon_tty_nr() == 0 ? _("none") : _("attached"),
			  (int)getppid(), comm);
	}
	scen_sleep_ms(ctx->pace_ms * 3);
	_exit(0);
}

static int daemon_run(struct scen_ctx *ctx)
{
	pid_t p, launch;
	int st;

	scen_step(ctx, "Lesson 1: daemon-parent starts a daemonic child, "
		  "works a while, and finishes. Look for the child dying with "
		  "its parent.");
	p = scen_fork(ctx, "daemon-parent", 0);
	if (p == 0)
		daemonic_parent(ctx);
	if (p < 0) {
		scen_note(ctx, "error: fork: %s", strerror(errno));
		return 1;
	}
	st = scen_reap(p);
	if (st >= 0)
		scen_note(ctx, "daemon-parent %d finished; its daemonic child "
			  "was terminated with it", (int)p);
	scen_hold(ctx, NULL);
	scen_step(ctx, "Lesson 2: a classic Unix daemon. daemon-launch calls "
		  "setsid() (new session, no terminal), forks the daemon and "
		  "exits: the daemon is adopted by init.");
	launch = scen_fork(ctx, "daemon-launch", 0);
	if (launch == 0)
		daemon_classic(ctx, getsid(0));
	if (launch < 0) {
		scen_note(ctx, "error: fork: %s", strerror(errno));
		return 1;
	}
	scen_reap(launch);
	scen_hold(ctx, NULL);
	scen_step(ctx, "The daemon lives on by itself, detached from us; it "
		  "exits on its own a little later.");
	scen_hold(ctx, NULL);
	scen_hold(ctx, NULL);
	return 0;
}

static const char *const daemon_explain[] = {
	N_("Daemonic child: a helper that must not outlive its parent; it is"),
	N_("terminated when the parent finishes. Unix daemon: fork, setsid(),"),
	N_("fork again, exit - a new session, no terminal, adopted by init."),
	NULL,
};

static const struct scen_control daemon_controls[] = {
	{ 0, NULL },
};

const struct scenario scen_daemon = {
	.name = "daemon",
	.title = N_("Daemons: a daemonic child and a detached Unix daemon"),
	.description = N_("a daemonic child that dies with its parent, and a "
		       "classic double-forked daemon with its own session"),
	.explain = daemon_explain,
	.nsteps = 3,
	.main_comm = "daemon-demo",
	.controls = daemon_controls,
	.session_cols = true,
	.run = daemon_run,
};
