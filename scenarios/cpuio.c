/*
 * scenarios/cpuio.c - CPU-bound and IO-bound processes side by side: one
 * holds the CPU (running), the other is mostly blocked; then more
 * CPU-bound processes than CPUs, so some are ready but not running.
 */
#include "scenarios/scenario.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* IO-bound: a little work, then a wait for the "device" (a short sleep). */
static void cpuio_io_bound(int ms)
{
	long long end = scen_now_ms() + ms;
	char buf[4096];
	int fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);

	while (scen_now_ms() < end) {
		if (fd >= 0 && read(fd, buf, sizeof(buf)) < 0)
			break;
		scen_sleep_ms(20);
	}
	_exit(0);
}

static int cpuio_ncpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : (int)n;
}

static int cpuio_run(struct scen_ctx *ctx)
{
	pid_t pids[SCEN_MAX_PROCS];
	int i, n = 0, ncpu = cpuio_ncpus(), many, ms = ctx->pace_ms * 3;

	scen_step(ctx, "One CPU-bound process (a loop that never waits) and "
		  "one IO-bound process (mostly waiting for its device): "
		  "running against blocked.");
	pids[n] = scen_fork(ctx, "cpu-bound", 0);
	if (pids[n] == 0) {
		scen_spin_ms(ms);
		_exit(0);
	}
	if (pids[n] > 0)
		n++;
	pids[n] = scen_fork(ctx, "io-bound", 0);
	if (pids[n] == 0)
		cpuio_io_bound(ms);
	if (pids[n] > 0)
		n++;
	for (i = 0; i < n; i++)
		scen_reap(pids[i]);
	scen_hold(ctx, NULL);
	/* Twice as many as CPUs, at least 3, within the process cap. */
	many = 2 * ncpu < 3 ? 3 : 2 * ncpu;
	if (many > SCEN_MAX_PROCS / 2)
		many = SCEN_MAX_PROCS / 2;
	scen_step(ctx, "%d CPU-bound processes on %d CPU%s: only %d can run at "
		  "a time, the others are ready, waiting for a CPU.", many,
		  ncpu, ncpu == 1 ? "" : "s", ncpu);
	n = 0;
	for (i = 0; i < many; i++) {
		pid_t pid = scen_fork(ctx, "cpu-bound", 0);

		if (pid == 0) {
			scen_spin_ms(ms);
			_exit(0);
		}
		if (pid < 0) {
			scen_note(ctx, "error: fork: %s", strerror(errno));
			break;
		}
		pids[n++] = pid;
	}
	for (i = 0; i < n; i++)
		scen_reap(pids[i]);
	scen_hold(ctx, NULL);
	return 0;
}

static const char *const cpuio_explain[] = {
	"A CPU-bound process always wants the CPU; an IO-bound one mostly",
	"waits for a device (blocked). With more runnable processes than",
	"CPUs, some are ready: able to run, waiting for their turn.",
	NULL,
};

static const struct scen_control cpuio_controls[] = {
	{ 0, NULL },
};

const struct scenario scen_cpuio = {
	.name = "cpuio",
	.title = "CPU-bound and IO-bound: running, ready, blocked",
	.description = "CPU-bound and IO-bound processes side by side; more "
		       "CPU-bound processes than CPUs leaves some ready",
	.explain = cpuio_explain,
	.nsteps = 2,
	.main_comm = "cpuio",
	.controls = cpuio_controls,
	.run = cpuio_run,
};
