/*
 * viz/core/drive.h - real processes scheduled by a simulated policy
 * (`procviz drive`).
 *
 * Design: the simulator decides, real processes obey, /proc measures.
 * One process per job (a re-exec of procviz through
 * scen_run_start_argv(), so it carries the scenario marker and its
 * guardian kills it whatever happens to procviz) does exactly the job's
 * bursts: it spins for each CPU burst, counted in its own CPU time
 * (CLOCK_PROCESS_CPUTIME_ID, one tick = tick_ms of CPU), writing one
 * byte on its notes pipe at every tick of CPU it completes ('t', or 'b'
 * for the last tick of a burst), and blocks for each IO burst in a real
 * read() of its control pipe.  All jobs are pinned to one CPU.
 *
 * procviz steps a sched_sim of the same workload and policy in lockstep:
 * at each instant it makes the real processes match the simulated
 * decision (SIGCONT the job the policy runs, SIGSTOP the one it
 * preempts; a job whose simulated IO has ended is SIGSTOPped, then its
 * pipe is written so that its read() completes when it is next resumed),
 * then waits for the tick to pass: the running job's next tick byte, or
 * tick_ms of wall time when the simulated CPU idles.  So the real
 * processes follow the simulated schedule decision by decision, and the
 * differences that remain are in time: how long signals, wake-ups and
 * the kernel's own scheduling took.
 *
 * Measurement comes from /proc only (viz/core/sampler.h, every sample_ms):
 * first run = first reading whose schedstat run time grew, back-dated by
 * the growth; finish = first reading in state Z; waiting = time read as
 * stopped (T) after the job's arrival (a stopped job is a ready job in
 * our queue).  The resolution is sample_ms.
 */
#ifndef PROCVIZ_VIZ_DRIVE_H
#define PROCVIZ_VIZ_DRIVE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "sched/sched.h"

/* The hidden option of `procviz drive` that enters a job process. */
#define DRIVE_JOB_OPTION "--job-process"

#define DRIVE_TICK_MS_DEFAULT 100
#define DRIVE_TICK_MS_MIN 5
#define DRIVE_TICK_MS_MAX 10000
#define DRIVE_JOBS_MAX 64

struct drive_config {
	int tick_ms;		/* real duration of a tick (CPU or idle) */
	int cpu;		/* CPU to pin the jobs to; -1 = the last one
				 * procviz may use */
	int sample_ms;		/* /proc sampling period; 0 = tick_ms / 5
				 * clamped to 2..20 */
};

/* Measured times of one job, in ms since the start; -1 = not seen. */
struct drive_meas {
	int pid;
	double arrival;		/* when the simulation reached its arrival */
	double first_run, finish;
	double response, turnaround, waiting;
	double cpu_ms;		/* schedstat: time on the CPU since the start */
	double runq_ms;		/* schedstat: time runnable but not given
				 * the CPU by the kernel (other programs on
				 * the jobs' CPU, wake-up latency) */
	double own_turnaround;	/* turnaround minus the run-queue time of
				 * every job during it: the time the kernel
				 * gave our CPU to other programs taken out,
				 * what the turnaround would be on an
				 * otherwise idle CPU; -1 unknown */
	bool complete;		/* every value above was measured */
};

struct drive_result {
	struct sched_sim *sim;	/* owned: the lockstep simulation, at its
				 * end when the run completed */
	struct drive_meas *meas;	/* owned, one per job */
	int njobs;
	int tick_ms, sample_ms, cpu;
	double makespan_ms;	/* the last measured finish */
	bool interrupted;	/* *stop became non-zero */
};

/* ---- a run step by step, for a poll loop (the UI) ------------------- */

struct drive;
struct pollfd;

/*
 * Launch the jobs (stopped), wait until /proc shows every one stopped
 * (bounded), start the clock and apply the decision at instant 0.  NULL
 * with a message in err[errlen] on bad options or when a job cannot be
 * launched (nothing is left running then).
 */
struct drive *drive_new(const struct sched_workload *w, const char *policy,
			const struct sched_opts *opts,
			const struct drive_config *cfg, char *err,
			size_t errlen);
/* Kill and reap every job process, restore procviz's CPU affinity. */
void drive_free(struct drive *d);	/* NULL is a no-op */

/* The jobs' notes pipes to poll (POLLIN); returns how many. */
int drive_pollfds(const struct drive *d, struct pollfd *fds, int max);
/* Milliseconds until drive_step() has something to do without an fd. */
int drive_timeout_ms(const struct drive *d);
/*
 * Never blocks: read the tick bytes, sample /proc when due, advance the
 * simulation and the processes as far as the ticks allow.  Returns 0
 * (call again), 1 (finished: simulation over and every job seen as a
 * zombie) or -errno (drive_error() says what; call drive_free()).
 */
int drive_step(struct drive *d);
const char *drive_error(const struct drive *d);

const struct sched_sim *drive_sim(const struct drive *d);
const struct drive_config *drive_config(const struct drive *d);
/* Measurements so far of job @job (derived values once known). */
const struct drive_meas *drive_meas(const struct drive *d, int job);
/* The /proc state letter of job @job at the last reading, 0 before. */
char drive_proc_state(const struct drive *d, int job);
/* ms since the clock started (drive_new's end). */
double drive_now_ms(const struct drive *d);

/* ---- a whole run (headless) ------------------------------------------ */

void drive_result_init(struct drive_result *r);
void drive_result_clear(struct drive_result *r);

/*
 * Run @w under @policy with real processes.  Returns 0 (with @out
 * filled; out->interrupted if *@stop ended it early), or -errno with a
 * one-line message in err[errlen].  Every process it created is killed
 * and reaped before it returns, whatever the outcome.
 */
int drive_run(const struct sched_workload *w, const char *policy,
	      const struct sched_opts *opts, const struct drive_config *cfg,
	      volatile sig_atomic_t *stop, struct drive_result *out,
	      char *err, size_t errlen);

/*
 * Entry point of a job process: `procviz drive --job-process TICK_US CPU
 * NAME BURST...` (argv[0] is "drive").  Returns 2 when not started by
 * procviz (typed by hand); otherwise exits 0 after its last burst.
 */
int drive_job_main(int argc, char **argv);

#endif
