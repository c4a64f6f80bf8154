/*
 * scenarios/zombie_storm.c - the harmful case: a parent keeps spawning
 * short-lived children and never waits; the zombies pile up until the
 * parent is killed and the adopter (init or a subreaper) reaps them.
 *
 * The main process is the lesson's coordinator; "storm-parent" is the
 * careless parent, so that killing it is something the lecturer can do.
 */
#include "scenarios/scenario.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define STORM_CHILDREN 40	/* well under SCEN_MAX_PROCS */

static void storm_parent(struct scen_ctx *ctx)
{
	/* About 3 paces to spawn them all, never faster than every 10 ms. */
	int gap_ms = ctx->pace_ms * 3 / STORM_CHILDREN;
	int i;

	if (gap_ms < 10)
		gap_ms = 10;
	for (i = 0; i < STORM_CHILDREN; i++) {
		pid_t pid = scen_fork(ctx, "storm-child", 0);

		if (pid == 0) {
			scen_sleep_ms(gap_ms);
			_exit(0);
		}
		if (pid < 0)
			break;
		scen_sleep_ms(gap_ms);
	}
	/* Never wait: sit there with all the zombies. */
	for (;;)
		pause();
}

static int storm_run(struct scen_ctx *ctx)
{
	pid_t parent;
	char k;
	int st;

	scen_step(ctx, "storm-parent starts spawning %d short-lived children "
		  "and never calls wait(): watch the zombie count climb. "
		  "Press k to kill the parent.", STORM_CHILDREN);
	parent = scen_fork(ctx, "storm-parent", 0);
	if (parent < 0) {
		scen_note(ctx, "error: fork: %s", strerror(errno));
		return 1;
	}
	if (parent == 0)
		storm_parent(ctx);
	scen_note(ctx, "storm-parent is %d", (int)parent);
	ctx->urgent = "k";
	k = scen_hold(ctx, "k");
	if (k != 'k')
		k = scen_hold(ctx, "k");
	if (k != 'k')
		k = scen_hold(ctx, "k");
	if (k != 'k')
		k = scen_hold(ctx, "k");
	ctx->urgent = NULL;
	if (k == 'k' || scen_take_key(ctx, 'k'))
		scen_step_now(ctx, "The lecturer kills storm-parent %d. Its "
			      "zombies are handed to the adopter, which reaps "
			      "them.", (int)parent);
	else
		scen_step(ctx, "Killing storm-parent %d (SIGKILL). Its zombies "
			  "are handed to the adopter (init or a subreaper), "
			  "which reaps them.", (int)parent);
	kill(parent, SIGKILL);
	st = scen_reap(parent);
	if (st >= 0 && WIFSIGNALED(st))
		scen_note(ctx, "storm-parent %d was killed by signal %d",
			  (int)parent, WTERMSIG(st));
	scen_hold(ctx, NULL);
	scen_hold(ctx, NULL);
	return 0;
}

static const char *const storm_explain[] = {
	N_("A parent that never calls wait() leaks a zombie per child: each one"),
	N_("holds a pid and a process-table slot. Killing the parent is the cure:"),
	N_("its zombies are adopted by init (or a subreaper), which reaps them."),
	NULL,
};

static const struct scen_control storm_controls[] = {
	{ 'k', N_("kill the storm parent") },
	{ 0, NULL },
};

const struct scenario scen_zombie_storm = {
	.name = "zombie-storm",
	.title = N_("A zombie storm: a parent that never waits"),
	.description = N_("a parent spawns short-lived children and never waits; "
		       "zombies pile up until the parent is killed"),
	.explain = storm_explain,
	.nsteps = 2,
	.main_comm = "zombie-storm",
	.controls = storm_controls,
	.run = storm_run,
};
