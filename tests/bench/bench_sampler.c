/*
 * tests/bench/bench_sampler.c - what observing costs.
 *
 *  1. Microseconds per process per sample: the sampler reading N sleeping
 *     processes (stat + schedstat by pread on kept-open files), without and
 *     with the children files that polling adds.  Target: <= 5 us.
 *  2. The same figure for `ps -eo ...` and `top -b -n1` over the whole
 *     system, for comparison (wall time / processes listed).
 *  3. CPU share of one core while the observer watches 50 processes at a
 *     50 ms interval for a few seconds.  Target: <= 1 %.  With the process
 *     connector every fork on the machine still costs a wakeup (exec and
 *     exit of other processes are filtered in the kernel), so the
 *     connector's own share is shown too, with the fork rate.
 *
 * Prints figures; asserts nothing (speed is not a test).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/bench/bench_lib.h"
#include "viz/core/observer.h"
#include "viz/core/sampler.h"

static void bench_sampler(pid_t *pids, int n, bool children, int rounds)
{
	struct sampler *s = sampler_new();
	struct snapshot snap;
	double t0, c0, wall, cpu;
	int i;

	snapshot_init(&snap);
	sampler_set_follow_children(s, children);
	for (i = 0; i < n; i++)
		sampler_track(s, pids[i]);
	sampler_sample(s, &snap, 0);	/* warm up: command lines read */
	t0 = now_s();
	c0 = cpu_s();
	for (i = 0; i < rounds; i++)
		sampler_sample(s, &snap, i);
	wall = now_s() - t0;
	cpu = cpu_s() - c0;
	printf("sampler%s: %.2f us per process per sample wall, %.2f us CPU (%d sleeping processes x %d samples; target <= 5 us)\n",
	       children ? ", polling (+ children files)" :
			  " (quick readings, a full one every 10th)",
	       wall * 1e6 / n / rounds, cpu * 1e6 / n / rounds, n, rounds);
	if (!children) {
		/* Full readings, as after a fork, exec or exit message. */
		t0 = now_s();
		c0 = cpu_s();
		for (i = 0; i < rounds / 5; i++) {
			int j;

			snapshot_reset(&snap, i, false);
			for (j = 0; j < n; j++)
				sampler_sample_one(s, pids[j], &snap, -1);
		}
		wall = now_s() - t0;
		cpu = cpu_s() - c0;
		printf("sampler (full readings: stat, + schedstat if runnable or CPU grew): %.2f us per process wall, %.2f us CPU (target <= 5 us)\n",
		       wall * 1e6 / n / (rounds / 5), cpu * 1e6 / n / (rounds / 5));
	}
	snapshot_clear(&snap);
	sampler_free(s);
}

/* Run a shell command @rounds times; per process listed (lines - 1). */
static void bench_tool(const char *label, const char *cmd, int rounds)
{
	char line[512];
	double t0, wall;
	long lines = 0;
	int i;

	t0 = now_s();
	for (i = 0; i < rounds; i++) {
		FILE *p = popen(cmd, "r");

		if (!p) {
			printf("%s: cannot run\n", label);
			return;
		}
		lines = 0;
		while (fgets(line, sizeof(line), p))
			lines++;
		if (pclose(p) != 0) {
			printf("%s: not available\n", label);
			return;
		}
	}
	wall = now_s() - t0;
	printf("%s: %.1f us per process (%ld lines, %d runs, whole command)\n",
	       label, wall * 1e6 / (lines > 1 ? lines - 1 : 1) / rounds,
	       lines, rounds);
}

/* Forks since boot on the whole machine (/proc/stat "processes"). */
static long forks_total(void)
{
	char line[256];
	long n = -1;
	FILE *f = fopen("/proc/stat", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "processes %ld", &n) == 1)
			break;
	fclose(f);
	return n;
}

static void bench_watch(pid_t *pids, int n, int interval_ms, double secs,
			bool poll)
{
	struct observer_config cfg = { .interval_ms = interval_ms,
				       .no_netlink = poll };
	double pct = 0, wall = 0;
	char src[32];
	long forks = forks_total();
	int err = bench_watch_share(&cfg, pids, n, secs, &pct, &wall, src,
				    sizeof(src));

	if (err) {
		printf("observer: %s\n", strerror(-err));
		return;
	}
	forks = forks_total() - forks;
	printf("watching %d processes at %d ms (%s): %.3f %% of one core over %.1f s, machine forking %.0f/s (target <= 1 %%)\n",
	       n, interval_ms, src, pct, wall, forks / wall);
}

int main(void)
{
	enum { N = 200, W = 50 };
	pid_t pids[N];

	memset(pids, 0, sizeof(pids));
	if (spawn_sleepers(pids, N)) {
		kill_all(pids, N);
		perror("fork");
		return 1;
	}
	bench_sampler(pids, N, false, 500);
	bench_sampler(pids, N, true, 500);
	{
		pid_t spin[8] = { 0 };
		struct sampler *s = sampler_new();
		struct snapshot snap;
		double t0, c0;
		int i;

		snapshot_init(&snap);
		if (spawn_children(spin, 8, 1) == 0) {
			for (i = 0; i < 8; i++)
				sampler_track(s, spin[i]);
			sampler_sample(s, &snap, 0);
			t0 = now_s();
			c0 = cpu_s();
			for (i = 0; i < 200; i++)
				sampler_sample(s, &snap, i);
			printf("sampler (runnable processes: stat + schedstat): %.2f us per process per sample wall, %.2f us CPU (8 spinning at nice 19; target <= 5 us)\n",
			       (now_s() - t0) * 1e6 / 8 / 200,
			       (cpu_s() - c0) * 1e6 / 8 / 200);
		}
		kill_all(spin, 8);
		snapshot_clear(&snap);
		sampler_free(s);
	}
	bench_tool("ps -eo pid,ppid,pgid,sid,stat,time,nlwp,comm,args",
		   "ps -eo pid,ppid,pgid,sid,stat,time,nlwp,comm,args", 20);
	bench_tool("top -b -n1", "top -b -n1 -w 512", 5);
	bench_watch(pids, W, 50, 3.0, false);
	bench_watch(pids, W, 50, 3.0, true);
	/* The connector's own share: every fork/exec/exit on the machine. */
	bench_watch(pids, 1, 1000, 3.0, false);
	kill_all(pids, N);
	return 0;
}
