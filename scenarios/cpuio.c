/*
 * scenarios/cpuio.c - CPU-bound and IO-bound processes side by side: one
 * holds the CPU (running), the other is mostly blocked; then more
 * CPU-bound processes than CPUs, so some are ready but not running.
 *
 * The second step pins its processes (sched_setaffinity) to at most two
 * CPUs and starts twice as many: the picture is the same on a laptop and
 * on a 64-core server, and the tree stays small enough for a projector.
 */
#define _GNU_SOURCE
#include "scenarios/scenario.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/*
 * IO-bound: after a first stretch of CPU (getting started, so the class
 * sees it running first), a little work, then a wait for the "device" (a
 * short sleep), again and again: mostly blocked.
 */
static void cpuio_io_bound(int ms, int start_ms)
{
	long long end = scen_now_ms() + ms;
	char buf[4096];
	int fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);

	scen_spin_ms(start_ms);
	while (scen_now_ms() < end) {
		if (fd >= 0 && read(fd, buf, sizeof(buf)) < 0)
			break;
		scen_sleep_ms(20);
	}
	_exit(0);
}

static long long cpuio_cpu_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) < 0)
		return 0;
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * A pinned CPU-bound process: spin for @ms of wall time, then say how
 * much CPU it got.  Its share is the lesson's point, and it holds on a
 * busy machine too, where at a given sample maybe none of them runs.
 */
static void cpuio_pinned(struct scen_ctx *ctx, int ms)
{
	long long t0 = scen_now_ms(), c0 = cpuio_cpu_ms(), wall, cpu;

	scen_spin_ms(ms);
	wall = scen_now_ms() - t0;
	cpu = cpuio_cpu_ms() - c0;
	scen_note(ctx, "cpu-bound %d: %lld ms of CPU in %lld ms (%lld%% of "
		  "a CPU)", (int)getpid(), cpu, wall,
		  wall > 0 ? cpu * 100 / wall : 0);
	_exit(0);
}

/* The first (up to) two CPUs we may run on, in @set; returns how many. */
static int cpuio_pick_cpus(cpu_set_t *set)
{
	cpu_set_t all;
	int cpu, n = 0;

	CPU_ZERO(set);
	if (sched_getaffinity(0, sizeof(all), &all) < 0) {
		CPU_SET(0, set);
		return 1;
	}
	for (cpu = 0; cpu < CPU_SETSIZE && n < 2; cpu++)
		if (CPU_ISSET(cpu, &all)) {
			CPU_SET(cpu, set);
			n++;
		}
	return n ? n : 1;
}

static int cpuio_run(struct scen_ctx *ctx)
{
	pid_t pids[SCEN_MAX_PROCS];
	int i, n = 0, ncpu, many, ms = ctx->pace_ms * 3;
	cpu_set_t cpus;
	char list[32] = "", where[64];

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
		cpuio_io_bound(ms, ctx->pace_ms / 4);
	if (pids[n] > 0)
		n++;
	for (i = 0; i < n; i++)
		scen_reap(pids[i]);
	scen_hold(ctx, NULL);
	/* Twice as many as CPUs (at least 3), all pinned to those CPUs. */
	ncpu = cpuio_pick_cpus(&cpus);
	many = ncpu == 1 ? 3 : 2 * ncpu;
	for (i = 0; i < CPU_SETSIZE; i++)
		if (CPU_ISSET(i, &cpus))
			snprintf(list + strlen(list),
				 sizeof(list) - strlen(list), "%s%d",
				 list[0] ? _(" and ") : "", i);
	snprintf(where, sizeof(where), dngettext(PROCVIZ_DOMAIN, "%d CPU (%s)",
						 "%d CPUs (%s)",
						 (unsigned long)ncpu),
		 ncpu, list);
	scen_step(ctx, "%d CPU-bound processes pinned to %s: at most %d run "
		  "at a time (fewer on a busy machine), the others are ready. "
		  "Each gets at most about %d%% of a CPU: see CPU%% and the "
		  "notes.", many, where, ncpu, 100 * ncpu / many);
	if (scen_fork_n(ctx, "cpu-bound", many, pids, &n) >= 0) {
		sched_setaffinity(0, sizeof(cpus), &cpus);
		cpuio_pinned(ctx, ms);
	}
	for (i = 0; i < n; i++)
		scen_reap(pids[i]);
	scen_hold(ctx, NULL);
	return 0;
}

static const char *const cpuio_explain[] = {
	N_("A CPU-bound process always wants the CPU; an IO-bound one mostly"),
	N_("waits for a device (blocked). With more runnable processes than"),
	N_("CPUs, some are ready: able to run, waiting for their turn."),
	NULL,
};

static const struct scen_control cpuio_controls[] = {
	{ 0, NULL },
};

const struct scenario scen_cpuio = {
	.name = "cpuio",
	.title = N_("CPU-bound and IO-bound: running, ready, blocked"),
	.description = N_("CPU-bound and IO-bound processes side by side; more "
		       "CPU-bound processes than CPUs leaves some ready"),
	.explain = cpuio_explain,
	.nsteps = 2,
	.main_comm = "cpuio",
	.controls = cpuio_controls,
	.run = cpuio_run,
};
