/*
 * scenarios/zombie.c - children that exit at once and a parent that does
 * not wait: the kernel keeps each child's exit status (state Z) until the
 * parent calls wait().
 */
#include "scenarios/scenario.h"

#include <errno.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define ZOMBIE_CHILDREN 3

static int zombie_run(struct scen_ctx *ctx)
{
	pid_t kids[ZOMBIE_CHILDREN];
	int i, n = 0;
	char k;

	scen_step(ctx, "The parent (pid %d) forks %d children; each exits at "
		  "once.", (int)getpid(), ZOMBIE_CHILDREN);
	i = scen_fork_n(ctx, "zombie-child", ZOMBIE_CHILDREN, kids, &n);
	if (i >= 0)
		_exit(i);
	/* In step mode, w interrupts the wait for n: reap at once. */
	ctx->urgent = "w";
	k = scen_hold(ctx, "w");
	if (k != 'w') {
		scen_step(ctx, "The children have exited. The parent has not "
			  "called wait(), so the kernel keeps their exit "
			  "status: state Z (zombie). Press w to make the "
			  "parent reap now.");
		k = scen_hold(ctx, "w");
		if (k != 'w')
			k = scen_hold(ctx, "w");
	}
	ctx->urgent = NULL;
	if (k == 'w' || scen_take_key(ctx, 'w'))
		scen_step_now(ctx, "The lecturer asked: the parent calls "
			      "wait() now; each zombie is reaped and "
			      "disappears.");
	else
		scen_step(ctx, "The parent calls wait() now: each zombie is "
			  "reaped and disappears.");
	for (i = 0; i < n; i++) {
		int st = scen_reap(kids[i]);

		if (st >= 0 && WIFEXITED(st))
			scen_note(ctx, "wait() returned child %d, exit "
				  "status %d", (int)kids[i], WEXITSTATUS(st));
	}
	scen_hold(ctx, NULL);
	return 0;
}

static const char *const zombie_explain[] = {
	N_("A process that has exited stays in the process table as a zombie"),
	N_("(state Z) until its parent calls wait() to collect its exit status."),
	N_("Here the parent forks children that exit at once and does not wait."),
	NULL,
};

static const struct scen_control zombie_controls[] = {
	{ 'w', N_("the parent calls wait() now") },
	{ 0, NULL },
};

const struct scenario scen_zombie = {
	.name = "zombie",
	.title = N_("Zombies: exited children the parent has not waited for"),
	.description = N_("children exit at once; the parent does not wait, so "
		       "they stay zombies until it calls wait()"),
	.explain = zombie_explain,
	.nsteps = 3,
	.main_comm = "zombie-parent",
	.controls = zombie_controls,
	.run = zombie_run,
};
