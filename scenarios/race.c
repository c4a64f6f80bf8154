/*
 * scenarios/race.c - ten buyers, one ticket in a shared file.  Without a
 * lock several read "1 left" before anyone writes "0": they all buy it (a
 * lost update).  With a lock (fcntl record lock, owned per process) one
 * buyer holds it while it thinks; the others are blocked in fcntl().
 */
#include "scenarios/scenario.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define RACE_BUYERS 10

static int race_read(int fd)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return atoi(buf);
}

static void race_write(int fd, int tickets)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%d\n", tickets);

	if (ftruncate(fd, 0) < 0 || pwrite(fd, buf, (size_t)n, 0) != n)
		_exit(2);
}

static int race_lock(int fd, short type)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET };
	int r;

	do
		r = fcntl(fd, F_SETLKW, &fl);
	while (r < 0 && errno == EINTR);
	return r;
}

/* One buyer: exit status 0 if it bought the ticket, 1 if none was left. */
static void race_buyer(struct scen_ctx *ctx, int fd, int i, bool locked)
{
	int left;

	if (locked) {
		/* Walk up to the counter (CPU), then queue for the lock. */
		scen_spin_ms(ctx->pace_ms / 8);
		if (race_lock(fd, F_WRLCK) < 0)
			_exit(2);
	} else {
		/* Arrive one after the other, faster than a purchase takes. */
		scen_sleep_ms(i * ctx->pace_ms / 16);
	}
	left = race_read(fd);
	if (left > 0) {
		/* Think it over: the window in which others read too. */
		scen_sleep_ms(locked ? ctx->pace_ms : ctx->pace_ms / 2);
		race_write(fd, left - 1);
		scen_note(ctx, "buyer %d (pid %d) read %d left and bought the "
			  "ticket", i, (int)getpid(), left);
	}
	if (locked)
		race_lock(fd, F_UNLCK);
	_exit(left > 0 ? 0 : 1);
}

/* Start the buyers, wait for them all; returns how many bought. */
static int race_round(struct scen_ctx *ctx, int fd, bool locked)
{
	pid_t pids[RACE_BUYERS];
	int i, n = 0, bought = 0;

	race_write(fd, 1);
	i = scen_fork_n(ctx, locked ? "buyer-lock" : "buyer-nolock",
			RACE_BUYERS, pids, &n);
	if (i >= 0)
		race_buyer(ctx, fd, i, locked);
	for (i = 0; i < n; i++) {
		int st = scen_reap(pids[i]);

		if (st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0)
			bought++;
	}
	return bought;
}

static int race_run(struct scen_ctx *ctx)
{
	char path[] = "/tmp/procviz-race-XXXXXX";
	int fd, bought;

	fd = mkstemp(path);
	if (fd < 0) {
		scen_note(ctx, "error: mkstemp: %s", strerror(errno));
		return 1;
	}
	unlink(path);	/* nothing left behind, however we end */
	scen_step(ctx, "Without a lock: %d buyers read the ticket count from "
		  "one shared file, think, and write it back. There is one "
		  "ticket.", RACE_BUYERS);
	bought = race_round(ctx, fd, false);
	scen_note(ctx, "without a lock: %d buyers bought the single ticket%s; "
		  "the file says %d left", bought,
		  bought > 1 ? _(" - a lost update") : "", race_read(fd));
	scen_hold(ctx, NULL);
	scen_step(ctx, "With a lock: each buyer takes an fcntl() lock before "
		  "reading. One buys; the others are blocked waiting for the "
		  "lock (state blocked).");
	bought = race_round(ctx, fd, true);
	scen_note(ctx, "with a lock: %d buyer bought the ticket; the other %d "
		  "waited for the lock and found none left", bought,
		  RACE_BUYERS - bought);
	scen_hold(ctx, NULL);
	close(fd);
	return 0;
}

static const char *const race_explain[] = {
	N_("A race condition: the result depends on who runs when. Each buyer"),
	N_("reads the count, thinks, then writes count-1. Without mutual"),
	N_("exclusion two buyers can both read 1: an update is lost."),
	NULL,
};

static const struct scen_control race_controls[] = {
	{ 0, NULL },
};

const struct scenario scen_race = {
	.name = "race",
	.chapter = SCEN_CH_THREADS,
	.title = N_("A race: ten buyers, one ticket"),
	.description = N_("ten buyers, one ticket in a shared file: a lost "
		       "update without a lock, blocked buyers with one"),
	.explain = race_explain,
	.nsteps = 2,
	.main_comm = "race",
	.controls = race_controls,
	.run = race_run,
};
