/*
 * scenarios/orphan.c - the parent exits first; its child is re-parented
 * (to init, or to the nearest subreaper) and lives on; when it exits, its
 * new parent reaps it.
 *
 * The main process is the parent.  It hands the script (notes, steps,
 * controls) to the child, which outlives it.
 */
#include "scenarios/scenario.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

static void orphan_child(struct scen_ctx *ctx, pid_t old_parent)
{
	char comm[64];
	pid_t ppid;

	/*
	 * Wait until the kernel has given us a new parent.  The parent
	 * always exits after step 2 (or is killed with the whole run).
	 */
	while ((ppid = getppid()) == old_parent)
		scen_sleep_ms(10);
	/* The parent announced step 2 after the fork copied our counter. */
	ctx->step = 2;
	scen_comm_of(ppid, comm, sizeof(comm));
	scen_note(ctx, "orphan-child %d: new parent is %d (%s)%s",
		  (int)getpid(), (int)ppid, comm,
		  ppid == 1 ? _(": init, the process with pid 1") :
		  _(": the nearest subreaper ancestor"));
	scen_hold(ctx, NULL);
	scen_hold(ctx, NULL);
	scen_step(ctx, "The orphan exits now. Its new parent %d (%s) is "
		  "responsible for it: it reaps the zombie.", (int)ppid, comm);
	_exit(0);
}

static int orphan_run(struct scen_ctx *ctx)
{
	pid_t pid;

	scen_step(ctx, "The parent %d forks a child; both are alive.",
		  (int)getpid());
	pid = scen_fork(ctx, "orphan-child", SCEN_FORK_KEEP_CONTROL);
	if (pid < 0) {
		scen_note(ctx, "error: fork: %s", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		/* The script continues here once the parent is gone. */
		orphan_child(ctx, getppid());
	}
	scen_hold(ctx, NULL);
	scen_step(ctx, "The parent exits first, without waiting for its "
		  "child. The child becomes an orphan: the kernel re-parents "
		  "it. Look for its new parent.");
	/* Exit from here: the child carries on with the control pipe. */
	return 0;
}

static const char *const orphan_explain[] = {
	N_("When a parent exits before its child, the child is an orphan."),
	N_("The kernel gives it a new parent: init (pid 1), or the nearest"),
	N_("ancestor that declared itself a subreaper. The new parent reaps it."),
	NULL,
};

static const struct scen_control orphan_controls[] = {
	{ 0, NULL },
};

const struct scenario scen_orphan = {
	.name = "orphan",
	.title = N_("Orphans: the parent exits first"),
	.description = N_("the parent exits first; the child is re-parented to "
		       "init or the nearest subreaper and lives on"),
	.explain = orphan_explain,
	.nsteps = 3,
	.main_comm = "orphan-parent",
	.controls = orphan_controls,
	.run = orphan_run,
};
