/*
 * sched/sched.h - tick-based CPU scheduling simulator (public API).
 *
 * The library is pure C on libc: it never prints, never exits, never
 * touches a terminal or /proc.  Errors come back as 0 / -errno, with a
 * human message written into a caller's buffer where one is given.
 *
 * Workloads (sched_workload) are plain data; a simulation (sched_sim)
 * owns a copy of its workload and can be stepped one tick at a time,
 * forward and back, or run to the end.  The semantics (event order at
 * each instant, tie-breaking, conventions) are those of procviz.1, the
 * project's contract, section "SCHEDULING SEMANTICS"; each policy file
 * restates its own tie-breaking rule at the top.
 */
#ifndef PROCVIZ_SCHED_SCHED_H
#define PROCVIZ_SCHED_SCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum {
	SCHED_NAME_MAX = 32,	/* job names, including the NUL */
	SCHED_MLFQ_MAX = 16,	/* most MLFQ levels */
	SCHED_TIME_MAX = 1000000000, /* largest time/burst a parser accepts */
	SCHED_IO_UNSET = -1,	/* an IO burst of a process-run instruction
				 * list ("i"), its length still to be set by
				 * sched_workload_set_io_length() */
	SCHED_PARAM_MAX = 16,	/* most report parameters of a policy */
};

/* ---- workloads (sched/workload.c) ------------------------------------ */

struct sched_job {
	char name[SCHED_NAME_MAX];
	long arrival;		/* tick at which the job becomes ready */
	long *bursts;		/* owned: CPU, IO, CPU, ... (CPU > 0,
				 * IO >= 0: a 0-tick IO completes at the
				 * instant it starts) */
	int nbursts;		/* >= 1; bursts[0] is CPU */
	long priority;		/* smaller = higher unless prio_high_first */
	long tickets;		/* lottery/stride; 100 when not given */
	int nice;		/* cfs: -20..19, 0 when not given */
};

struct sched_workload {
	struct sched_job *jobs;	/* owned, njobs of them, in input order */
	int njobs;
	int cap;
};

void sched_workload_init(struct sched_workload *w);
void sched_workload_clear(struct sched_workload *w);
/* Append a copy of @job (bursts copied).  0 or -ENOMEM / -EINVAL. */
int sched_workload_add(struct sched_workload *w, const struct sched_job *job);
/* Deep copy.  0 or -ENOMEM. */
int sched_workload_copy(struct sched_workload *dst,
			const struct sched_workload *src);

/*
 * Parse a workload file (format: procviz.1 "WORKLOADS").  @filename is used
 * only in messages.  Returns 0, or -EINVAL with "FILE:LINE:COL: what was
 * expected" written to err[errlen].  Never crashes on any input.
 */
int sched_workload_parse(FILE *in, const char *filename,
			 struct sched_workload *out, char *err, size_t errlen);
/* The same from a string in memory (len bytes, need not be NUL-ended). */
int sched_workload_parse_mem(const char *text, size_t len,
			     const char *filename, struct sched_workload *out,
			     char *err, size_t errlen);
/*
 * Parse the inline --jobs forms: "0:24,0:3,0:3", "2:5/3/2:1", or a bare
 * list "24,3,3" (all arrive at 0), or process-run's -P programs
 * "c7,i,c1:c3" (instruction lists, jobs separated by ':', all arriving at
 * 0).  Jobs are named A, B, C ... Z, AA ...  Errors read "--jobs:COL:
 * what was expected".
 *
 * Wherever bursts are expected (files too) an instruction list may stand
 * instead: "c7,i,c1,i", cN = N ticks of CPU, i = an IO.  As in
 * process-run, an IO costs one tick of CPU to issue and one to handle its
 * completion; it is read as bursts (CPU up to and including the issuing
 * tick, an IO burst of SCHED_IO_UNSET ticks, then the completion tick
 * opening the next CPU burst): "c2,i,c1" is 3/L/2 for an IO length L.
 */
int sched_workload_parse_jobs(const char *spec, struct sched_workload *out,
			      char *err, size_t errlen);
/* Give every SCHED_IO_UNSET burst of @w the length @io (>= 0). */
void sched_workload_set_io_length(struct sched_workload *w, long io);

/* @n random jobs with CPU and IO bursts, reproducible from @seed. */
int sched_workload_random(struct sched_workload *out, int n,
			  unsigned long seed);

/* ---- simulation options ---------------------------------------------- */

enum sched_convention {
	SCHED_CONV_OSTEP,	/* expired job queued before arrivals/IO */
	SCHED_CONV_TEXTBOOK,	/* expired job queued after them (Stallings) */
};

struct sched_opts {
	int quantum;			/* rr, prio-rr, and the time slice of
					 * lottery and stride; default 4 */
	enum sched_convention convention;
	int switch_cost;		/* idle ticks per context switch */
	bool prio_high_first;		/* larger priority number wins */
	unsigned long seed;		/* lottery draws */
	const long *draws;		/* borrowed until sched_sim_new returns
					 * (it copies them): lottery winning
					 * numbers (>= 0) to replay, taken
					 * modulo the ticket total; once used
					 * up, the PRNG seeded by seed takes
					 * over.  NULL = PRNG only */
	int ndraws;
	long stride_big;		/* stride's big number; default 10000 */
	/* MLFQ */
	int mlfq_levels;		/* default 3 */
	int mlfq_quanta[SCHED_MLFQ_MAX];	/* per level; default 10 */
	int mlfq_allot[SCHED_MLFQ_MAX];	/* per level, in ticks; 0 (the
					 * default) = one quantum of that
					 * level, so setting only the quanta
					 * keeps "allotment one quantum" */
	long mlfq_boost;		/* 0 = never */
	bool mlfq_io_stay;
	bool mlfq_io_front;
	bool mlfq_stallings;
	bool mlfq_boost_ostep;		/* mlfq.py's boost, bug for bug:
					 * the boosted quantum is the top
					 * level's allotment counted in
					 * quanta, the allotment left keeps
					 * its count, and jobs arriving after
					 * a boost get that quantum too */
	bool whole_slice;		/* lottery, stride: a job that ends
					 * or blocks early in its slice leaves
					 * the CPU idle to the slice's end
					 * (lottery.py's clock) */
	/* procrun (process-run.py) */
	bool procrun_switch_end;	/* -S SWITCH_ON_END: the CPU waits for
					 * the running job's IO */
	bool procrun_io_now;		/* -I IO_RUN_IMMEDIATE: a job whose
					 * IO completes takes the CPU at
					 * once */
};

/* Fill @o with the spec's defaults. */
void sched_opts_init(struct sched_opts *o);

/* ---- policies ---------------------------------------------------------- */

/*
 * Names of every policy, in display order, NULL-terminated: fcfs sjf
 * srtf rr prio pprio prio-rr hrrn mlfq lottery stride cfs procrun.
 * prio-rr is preemptive priority with round robin (quantum) among equal
 * priorities (Silberschatz 10th ed.); procrun is OSTEP's process-run.py
 * (chapter 4): switch on IO or at the end, run an IO-done job now or
 * later.
 */
extern const char *const sched_policy_names[];
/*
 * One line per policy for --help and the UI ("rr: round robin ..."), in
 * the class's language (common/i18n.h); NULL for no such policy.
 */
const char *sched_policy_describe(const char *name);
bool sched_policy_exists(const char *name);
/* Does @name keep jobs on levels (MLFQ queues Q0, Q1 ...)? */
bool sched_policy_has_levels(const char *name);
/* Is @name one of "all" (every CPU policy; not procrun)? */
bool sched_policy_in_all(const char *name);

/* One parameter of a policy's report: "quantum" = "4" (a JSON value). */
struct sched_policy_param {
	const char *key;	/* static string */
	char value[256];	/* JSON: a number, true, "text" or [list] */
};

/*
 * The parameters that shape @policy's schedule under @o, in report order
 * (the policy's own, then the shared convention and switch cost when not
 * the defaults), into p[SCHED_PARAM_MAX].  Returns how many (0 for an
 * unknown policy).
 */
int sched_policy_params(const char *policy, const struct sched_opts *o,
			struct sched_policy_param *p);
/*
 * A short label for a lane or a heading: "RR q=4", "MLFQ 3 lvl q=10",
 * "PROCRUN switch on IO"; else the name in capitals.
 */
void sched_policy_label(const char *policy, const struct sched_opts *o,
			char *out, size_t len);

/* ---- a simulation ------------------------------------------------------ */

struct sched_sim;

enum sched_job_state {
	SCHED_JOB_NEW,		/* not yet arrived */
	SCHED_JOB_READY,
	SCHED_JOB_RUNNING,
	SCHED_JOB_BLOCKED,	/* in an IO burst */
	SCHED_JOB_DONE,
};

/*
 * Create a simulation of @policy on a copy of @w.  Returns NULL with a
 * message in err[errlen] on an unknown policy, bad options or no memory.
 * The simulation starts at tick 0 before anything has run.
 */
struct sched_sim *sched_sim_new(const struct sched_workload *w,
				const char *policy,
				const struct sched_opts *opts, char *err,
				size_t errlen);
void sched_sim_free(struct sched_sim *sim);

/*
 * The state "at instant now" is the state after the events of instant now
 * were applied in spec order (close, boost, enqueue) and the dispatcher
 * decided, before tick [now, now+1) runs; sched_sim_new() leaves the
 * simulation at instant 0 in that state.
 *
 * Advance one tick: run tick [now, now+1) as decided, then apply the
 * events of instant now+1 and decide.  Returns 1 if a tick was simulated,
 * 0 if the simulation had already finished, -ENOMEM.
 */
int sched_sim_step(struct sched_sim *sim);
/* Run to the end.  0 or -errno. */
int sched_sim_run(struct sched_sim *sim);
/*
 * Run to the end keeping no snapshots on the way, for a report that never
 * seeks back (saves the copies and their memory; a later seek back still
 * works, replaying from instant 0).  0 or -errno.
 */
int sched_sim_finish(struct sched_sim *sim);
/*
 * Go to instant @t (0 <= t <= end), forward or back, so that the state
 * shown is exactly what stepping from 0 would show.  Back is cheap at any
 * t: the engine keeps a bounded number of snapshots (memory linear in
 * jobs) and replays from the closest one, leaving a few more snapshots
 * on the way so that further steps back are cheaper still.  Forward, it
 * restores a later snapshot when the run has been there before, else
 * steps (idle stretches are jumped over).
 * 0, -EINVAL (t < 0, or t > end: then left at the end) or -ENOMEM.
 */
int sched_sim_seek(struct sched_sim *sim, long t);

bool sched_sim_done(const struct sched_sim *sim);
/* The instant reached: ticks [0, now) have been simulated. */
long sched_sim_now(const struct sched_sim *sim);
/* The final instant (makespan); runs the simulation privately if needed. */
long sched_sim_end(struct sched_sim *sim);

const char *sched_sim_policy(const struct sched_sim *sim);
const struct sched_workload *sched_sim_workload(const struct sched_sim *sim);
const struct sched_opts *sched_sim_opts(const struct sched_sim *sim);

/* ---- the state at instant now, for the UI ------------------------------ */

/* Job that ran during tick [now-1, now), or -1 (idle or now == 0). */
int sched_sim_last_ran(const struct sched_sim *sim);
/*
 * Job that will run in [now, now+1) per the decision at now, or -1 (idle,
 * or the CPU idles for a --switch-cost context switch).
 */
int sched_sim_running(const struct sched_sim *sim);
enum sched_job_state sched_sim_job_state(const struct sched_sim *sim, int job);
/*
 * Ticks of the current CPU burst still to run (0 when blocked or done),
 * IO ticks left when blocked (0 otherwise).
 */
long sched_sim_job_cpu_left(const struct sched_sim *sim, int job);
long sched_sim_job_io_left(const struct sched_sim *sim, int job);
/*
 * MLFQ: level (0 = top) and allotment left in ticks; other policies: 0
 * and -1.
 */
int sched_sim_job_level(const struct sched_sim *sim, int job);
/*
 * The instruction @job runs in [now, now+1), in process-run's words:
 * "io" for the last tick of a CPU burst that an IO follows (it issues the
 * IO), "io_done" for the first tick after an IO (it handles the
 * completion), else "cpu"; NULL when the job does not run then.
 */
const char *sched_sim_job_instr(const struct sched_sim *sim, int job);
long sched_sim_job_allot_left(const struct sched_sim *sim, int job);

/* Number of ready queues (MLFQ levels; 1 otherwise). */
int sched_sim_nqueues(const struct sched_sim *sim);
/*
 * Copy the jobs in ready queue @q, head first, into out[max]; returns how
 * many are in the queue (may exceed max), or -ENOMEM.  For policies kept
 * in a heap (sjf srtf prio pprio prio-rr stride cfs) the order is the
 * order the policy would pick them (O(max log max) per call); lottery's
 * queue is in the order jobs became ready (its draw walks them in job
 * order); the running job is in no queue.
 */
int sched_sim_queue(const struct sched_sim *sim, int q, int *out, int max);

/*
 * Why the engine did what it did at instant now, in one line, e.g.
 * "t=4: quantum of A expired; B arrived at 4 and is queued after A (OSTEP
 * order); A runs".  Written into buf; returns buf.
 */
const char *sched_sim_why(const struct sched_sim *sim, char *buf,
			  size_t len);

/* ---- results ------------------------------------------------------------ */

struct sched_segment {
	long start, end;	/* [start, end) */
	int job;		/* job index, or -1 for idle CPU */
};

struct sched_job_result {
	long first_run;		/* -1 until the job has run */
	long finish;		/* -1 until done */
	long response;		/* first_run - arrival; -1 until it ran */
	long turnaround, waiting;	/* once done, else -1; waiting =
					 * turnaround - cpu_total - io_total
					 * (ready time, switch idling incl.) */
	long cpu_total, io_total;
};

struct sched_result {
	const struct sched_segment *gantt;	/* borrowed (see below) */
	int nsegments;
	const struct sched_job_result *jobs;	/* borrowed, njobs */
	int njobs;
	double avg_response, avg_turnaround, avg_waiting;
	double avg_norm_turnaround;	/* mean of turnaround / CPU time */
	long context_switches;
	long makespan;			/* instant the last job finished
					 * (now, while running) */
	double cpu_utilization;		/* busy ticks / makespan, 0..1 */
};

/*
 * The results so far (up to now): the Gantt chart of ticks [0, now) with
 * one segment per maximal run of one job, and per-job metrics (final for
 * jobs that are done).  Pointers stay valid until the next step, seek or
 * free.  Averages are over finished jobs.
 */
void sched_sim_result(const struct sched_sim *sim, struct sched_result *out);

/* ---- the state table (process-run's view; sched/state_table.c) -------- */

/* A job's state in one tick, in process-run's words (sched_pr_word). */
enum sched_pr_state {
	SCHED_PR_NEW,		/* "NEW": not arrived yet */
	SCHED_PR_READY,		/* "READY" */
	SCHED_PR_RUN_CPU,	/* "RUN:cpu" */
	SCHED_PR_RUN_IO,	/* "RUN:io": the tick that issues an IO */
	SCHED_PR_RUN_IO_DONE,	/* "RUN:io_done": the tick after an IO */
	SCHED_PR_BLOCKED,	/* "BLOCKED": in an IO (process-run said
				 * WAITING before upstream 06623b0) */
	SCHED_PR_DONE,		/* "DONE" */
};

const char *sched_pr_word(enum sched_pr_state s);
/* @job's state in tick [now, now+1), in those words. */
enum sched_pr_state sched_sim_pr_state(const struct sched_sim *sim, int job);

/*
 * One row per tick [t, t+1) (process-run numbers it t + 1): every job's
 * state, whether the CPU ran a job, the IOs in flight, and whether an IO
 * completed at instant t (process-run's '*').  Built once by running the
 * simulation from 0.
 */
struct sched_pr_table {
	int njobs;
	long nrows;			/* the makespan */
	unsigned char *cells;		/* owned: nrows * njobs states */
	unsigned char *cpu;		/* owned: nrows, 0 or 1 */
	int *ios;			/* owned: nrows */
	unsigned char *io_done;		/* owned: nrows, 0 or 1 */
	long cpu_busy, io_busy;		/* rows with CPU / with IOs */
};

/*
 * Build the table of @policy on @w.  Refuses (-E2BIG, message in err)
 * beyond SCHED_PR_CELLS_MAX cells; -EINVAL as sched_sim_new, -ENOMEM.
 */
enum { SCHED_PR_CELLS_MAX = 4 << 20 };
int sched_pr_table_build(const struct sched_workload *w, const char *policy,
			 const struct sched_opts *o,
			 struct sched_pr_table *out, char *err, size_t errlen);
void sched_pr_table_free(struct sched_pr_table *t);
/* Does the report show @policy as a state table (procrun)? */
bool sched_policy_state_table(const char *policy);

#endif
