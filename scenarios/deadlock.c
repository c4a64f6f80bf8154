/*
 * scenarios/deadlock.c - three ways to take locks, each in its own
 * process so that the stuck ones can be ended:
 *  1. self-lock: one thread takes a plain (non-recursive) mutex twice and
 *     blocks on itself forever; only a kill ends it.
 *  2. rlock: a recursive mutex (Python's RLock) on the same path: the
 *     owner may take it again; it counts, and gets through.
 *  3. deadlock: thread-A takes lock 1 then lock 2, thread-B lock 2 then
 *     lock 1.  Both block (a futex: wait `lock`) and nothing moves.
 *     thread-B waits with a timed lock (acquire(timeout=...)) and tries
 *     again each time it runs out, until it is told to give up ('b'):
 *     then it releases lock 2 and backs off, and thread-A gets through.
 *     'k' kills the process instead.
 * The threads say who holds what in the notes.
 */
#define _GNU_SOURCE
#include "scenarios/scenario.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DL_RETRY_MS 500		/* thread-B's timed lock, per attempt */

/* Shared between the lesson's main process and the deadlock process. */
struct dl_shared {
	int give_up;		/* set by the main process ('b') */
};

struct dl_pair {
	pthread_mutex_t lock1, lock2;
	pthread_barrier_t both_hold;
	struct dl_shared *sh;
	struct scen_ctx *ctx;
};

static int dl_tid(void)
{
	return (int)syscall(SYS_gettid);
}

static void dl_mutex_init(pthread_mutex_t *m, int type)
{
	pthread_mutexattr_t a;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, type);
	pthread_mutex_init(m, &a);
	pthread_mutexattr_destroy(&a);
}

/* Step 1, in its own process: lock a plain mutex twice. */
static void dl_self_lock(struct scen_ctx *ctx)
{
	pthread_mutex_t m;

	dl_mutex_init(&m, PTHREAD_MUTEX_NORMAL);
	pthread_mutex_lock(&m);
	scen_note(ctx, "self-lock %d: thread %d holds the lock and takes it "
		  "again: it waits for the lock's owner - itself",
		  (int)getpid(), dl_tid());
	pthread_mutex_lock(&m);		/* never returns */
	_exit(3);
}

/* Step 2, in its own process: the same path with a recursive mutex. */
static void dl_rlock(struct scen_ctx *ctx)
{
	pthread_mutex_t m;

	dl_mutex_init(&m, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_lock(&m);
	pthread_mutex_lock(&m);
	scen_note(ctx, "rlock %d: thread %d took the RLock twice (it is the "
		  "owner: the count is 2) and goes on", (int)getpid(),
		  dl_tid());
	scen_sleep_ms(ctx->pace_ms);
	pthread_mutex_unlock(&m);
	pthread_mutex_unlock(&m);
	scen_note(ctx, "rlock %d: released it twice (count 0) and exits 0",
		  (int)getpid());
	_exit(0);
}

static void *dl_thread_a(void *arg)
{
	struct dl_pair *p = arg;

	pthread_setname_np(pthread_self(), "thread-A");
	pthread_mutex_lock(&p->lock1);
	pthread_barrier_wait(&p->both_hold);
	scen_note(p->ctx, "thread-A (tid %d) holds lock 1 and waits for lock "
		  "2, which thread-B holds", dl_tid());
	pthread_mutex_lock(&p->lock2);
	scen_note(p->ctx, "thread-A got lock 2: it holds both, finishes and "
		  "releases them");
	pthread_mutex_unlock(&p->lock2);
	pthread_mutex_unlock(&p->lock1);
	return NULL;
}

static void *dl_thread_b(void *arg)
{
	struct dl_pair *p = arg;
	struct timespec ts;
	int r;

	pthread_setname_np(pthread_self(), "thread-B");
	pthread_mutex_lock(&p->lock2);
	pthread_barrier_wait(&p->both_hold);
	scen_note(p->ctx, "thread-B (tid %d) holds lock 2 and waits for lock "
		  "1, which thread-A holds", dl_tid());
	for (;;) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += DL_RETRY_MS * 1000000L;
		ts.tv_sec += ts.tv_nsec / 1000000000L;
		ts.tv_nsec %= 1000000000L;
		r = pthread_mutex_timedlock(&p->lock1, &ts);
		if (r == 0)
			break;
		if (r == ETIMEDOUT &&
		    __atomic_load_n(&p->sh->give_up, __ATOMIC_SEQ_CST)) {
			scen_note(p->ctx, "thread-B's timed lock ran out and "
				  "it gives up: it releases lock 2 and backs "
				  "off");
			pthread_mutex_unlock(&p->lock2);
			scen_sleep_ms(p->ctx->pace_ms / 2);
			pthread_mutex_lock(&p->lock2);
			pthread_mutex_lock(&p->lock1);
			break;
		}
	}
	scen_note(p->ctx, "thread-B holds lock 2 and lock 1: it finishes and "
		  "releases them");
	pthread_mutex_unlock(&p->lock1);
	pthread_mutex_unlock(&p->lock2);
	return NULL;
}

/* Step 3, in its own process: two threads, two locks, opposite orders. */
static void dl_pair_run(struct scen_ctx *ctx, struct dl_shared *sh)
{
	struct dl_pair p = { .sh = sh, .ctx = ctx };
	pthread_t a, b;

	dl_mutex_init(&p.lock1, PTHREAD_MUTEX_NORMAL);
	dl_mutex_init(&p.lock2, PTHREAD_MUTEX_NORMAL);
	pthread_barrier_init(&p.both_hold, NULL, 2);
	if (pthread_create(&a, NULL, dl_thread_a, &p) != 0 ||
	    pthread_create(&b, NULL, dl_thread_b, &p) != 0) {
		scen_note(ctx, "error: pthread_create: %s", strerror(errno));
		_exit(2);
	}
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	scen_note(ctx, "deadlock %d: both threads have finished",
		  (int)getpid());
	_exit(0);
}

static void dl_note_status(struct scen_ctx *ctx, const char *what, pid_t pid,
			   int st)
{
	if (st >= 0 && WIFSIGNALED(st))
		scen_note(ctx, "%s %d ended by signal %d", what, (int)pid,
			  WTERMSIG(st));
	else if (st >= 0 && WIFEXITED(st))
		scen_note(ctx, "%s %d exited with status %d", what, (int)pid,
			  WEXITSTATUS(st));
}

static pid_t dl_fork(struct scen_ctx *ctx, const char *comm)
{
	pid_t pid = scen_fork(ctx, comm, 0);

	if (pid < 0)
		scen_note(ctx, "error: fork: %s", strerror(errno));
	return pid;
}

/* Steps 1 and 2: a plain lock blocks on itself, a recursive one does not. */
static int dl_steps_self(struct scen_ctx *ctx)
{
	pid_t pid;

	scen_step(ctx, "self-lock takes a plain lock twice. The second "
		  "acquire waits for the owner to release it, and the owner "
		  "is itself: blocked (lock) forever.");
	pid = dl_fork(ctx, "self-lock");
	if (pid == 0)
		dl_self_lock(ctx);
	if (pid < 0)
		return 1;
	scen_hold(ctx, NULL);
	scen_hold(ctx, NULL);
	scen_note(ctx, "self-lock %d is still blocked: nothing will ever "
		  "release that lock, so the lesson kills it", (int)pid);
	kill(pid, SIGKILL);
	dl_note_status(ctx, "self-lock", pid, scen_reap(pid));
	scen_step(ctx, "rlock takes the same path with a recursive lock "
		  "(RLock): the owner may take it again, it only counts. It "
		  "gets through.");
	pid = dl_fork(ctx, "rlock");
	if (pid == 0)
		dl_rlock(ctx);
	if (pid < 0)
		return 1;
	dl_note_status(ctx, "rlock", pid, scen_reap(pid));
	scen_hold(ctx, NULL);
	return 0;
}

static int dl_run(struct scen_ctx *ctx)
{
	struct dl_shared *sh;
	pid_t pid;
	char k = 0;
	int i;

	if (dl_steps_self(ctx))
		return 1;
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		scen_note(ctx, "error: mmap: %s", strerror(errno));
		return 1;
	}
	sh->give_up = 0;
	scen_step(ctx, "The classic deadlock: thread-A takes lock 1 then "
		  "lock 2, thread-B lock 2 then lock 1. Each holds what the "
		  "other waits for: both blocked (lock), nothing moves. b: "
		  "break it, k: kill it.");
	pid = dl_fork(ctx, "deadlock");
	if (pid == 0)
		dl_pair_run(ctx, sh);
	if (pid < 0)
		return 1;
	ctx->urgent = "bk";	/* they also end a step-mode wait */
	/* In step mode it stays deadlocked until the lecturer acts. */
	if (ctx->step_mode)
		k = scen_wait(ctx, -1, "bkn");
	for (i = 0; i < 3 && !k; i++)
		k = scen_hold(ctx, "bk");
	if (!k && scen_take_key(ctx, 'k'))
		k = 'k';
	ctx->urgent = NULL;
	if (k == 'k') {
		scen_step_now(ctx, "The lecturer pressed k: the deadlocked "
			      "process is killed. Its locks die with it.");
		kill(pid, SIGKILL);
	} else {
		scen_step_now(ctx, "%s: thread-B's timed lock gives up - it "
			      "releases lock 2, thread-A takes it and "
			      "finishes, then thread-B gets both.",
			      k == 'b' ? _("The lecturer pressed b") :
			      _("Nobody broke it, so the lesson does (b)"));
		__atomic_store_n(&sh->give_up, 1, __ATOMIC_SEQ_CST);
	}
	dl_note_status(ctx, "deadlock", pid, scen_reap(pid));
	scen_hold(ctx, NULL);
	munmap(sh, sizeof(*sh));
	return 0;
}

static const char *const dl_explain[] = {
	N_("A deadlock: each thread holds a lock the other one waits for, so"),
	N_("neither can go on. A plain lock taken twice by its owner"),
	N_("deadlocks on itself; a recursive lock (RLock) counts instead."),
	NULL,
};

static const struct scen_control dl_controls[] = {
	{ 'b', N_("break the deadlock (thread-B gives up its lock)") },
	{ 'k', N_("kill the deadlocked process") },
	{ 0, NULL },
};

const struct scenario scen_deadlock = {
	.name = "deadlock",
	.chapter = SCEN_CH_THREADS,
	.title = N_("Deadlock: a lock taken twice, RLock, two locks "
			  "crossed"),
	.description = N_("a plain lock taken twice blocks forever, an RLock "
			  "gets through, two threads deadlock on two locks"),
	.explain = dl_explain,
	.nsteps = 4,
	.main_comm = "deadlock-demo",
	.controls = dl_controls,
	.threads = true,
	.run = dl_run,
};
