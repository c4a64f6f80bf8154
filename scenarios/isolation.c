/*
 * scenarios/isolation.c - data isolation: a child process changes a global
 * variable and the parent's copy does not change (fork copied the address
 * space); a thread changes it and everyone sees it (one address space).
 */
#define _GNU_SOURCE
#include "scenarios/scenario.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define ISO_START 0
#define ISO_NEW 42

/*
 * The subject of the lesson: a global variable, the one place where the
 * code style's "no globals" gives way.  Only the main process writes it
 * (and, in step 2, its thread); a forked child writes its own copy.
 */
static int iso_global = ISO_START;

struct iso_thread {
	struct scen_ctx *ctx;
};

static void *iso_thread_main(void *arg)
{
	struct iso_thread *t = arg;

	pthread_setname_np(pthread_self(), "iso-thread");
	iso_global = ISO_NEW;
	scen_note(t->ctx, "iso-thread (tid %d, in pid %d) sets global = %d at "
		  "%p", (int)syscall(SYS_gettid), (int)getpid(), iso_global,
		  (void *)&iso_global);
	scen_sleep_ms(t->ctx->pace_ms);
	return NULL;
}

static int iso_run(struct scen_ctx *ctx)
{
	struct iso_thread t = { ctx };
	pthread_t th;
	pid_t pid;
	int st;

	iso_global = ISO_START;
	scen_step(ctx, "The parent (pid %d) has global = %d. It forks a "
		  "child, which sets global = %d in its own copy.",
		  (int)getpid(), iso_global, ISO_NEW);
	pid = scen_fork(ctx, "iso-child", 0);
	if (pid == 0) {
		iso_global = ISO_NEW;
		scen_note(ctx, "child pid %d: global = %d at %p", (int)getpid(),
			  iso_global, (void *)&iso_global);
		scen_sleep_ms(ctx->pace_ms);
		_exit(0);
	}
	if (pid < 0) {
		scen_note(ctx, "error: fork: %s", strerror(errno));
		return 1;
	}
	st = scen_reap(pid);
	scen_note(ctx, "parent pid %d: global = %d at %p: the child (pid %d) "
		  "changed only its own copy%s", (int)getpid(), iso_global,
		  (void *)&iso_global, (int)pid,
		  st < 0 ? _(" (wait failed)") : "");
	scen_hold(ctx, NULL);
	scen_step(ctx, "Now a thread in the same process (pid %d) sets global "
		  "= %d: there is one address space, so the main thread sees "
		  "the change.", (int)getpid(), ISO_NEW);
	if (pthread_create(&th, NULL, iso_thread_main, &t) != 0) {
		scen_note(ctx, "error: pthread_create: %s", strerror(errno));
		return 1;
	}
	pthread_join(th, NULL);
	scen_note(ctx, "main thread pid %d: global = %d at %p: the thread's "
		  "change is ours too", (int)getpid(), iso_global,
		  (void *)&iso_global);
	scen_hold(ctx, NULL);
	return 0;
}

static const char *const iso_explain[] = {
	N_("fork() gives the child a copy of the parent's memory: a change"),
	N_("in one process is invisible to the other, even at the same"),
	N_("address. Threads share their process's memory: a change is seen"),
	N_("by all."),
	NULL,
};

static const struct scen_control iso_controls[] = {
	{ 0, NULL },
};

const struct scenario scen_isolation = {
	.name = "isolation",
	.chapter = SCEN_CH_PROCESSES,
	.title = N_("Data isolation: processes copy, threads share"),
	.description = N_("a child changes a global and the parent's copy "
			  "stays; a thread changes it for the whole process"),
	.explain = iso_explain,
	.nsteps = 2,
	.main_comm = "isolation",
	.controls = iso_controls,
	.threads = true,
	.run = iso_run,
};
