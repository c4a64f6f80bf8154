/*
 * sched/policy.h - internals shared by the tick engine (sim.c), the ready
 * queue helpers (readyq.c) and the policies (policy_*.c).  Not for use
 * outside sched/.
 *
 * Design.  Everything that changes while a simulation runs lives in one
 * contiguous block ("the blob": struct sim_core, then per job a struct
 * sim_job and a struct sim_cold, then the ready heap if the policy uses
 * one, then the IO completion heap), so a snapshot is one
 * memcpy and seeking back is restore + replay.  Ready queues are
 * intrusive doubly linked lists (per MLFQ level) or one binary heap keyed
 * by (key, seq) whose entries carry their keys (no pointer chasing while
 * sifting); seq is a counter stamped at every enqueue, so heap ties fall
 * to ready-queue order (and, within one instant, to the spec's enqueue
 * order, which is input order).
 *
 * A policy is a table of hooks (struct sched_policy).  Adding a policy is
 * one file sched/policy_NAME.c defining `const struct sched_policy
 * sched_policy_NAME` and one line in SCHED_POLICY_TABLE (policy_table.c).
 */
#ifndef PROCVIZ_SCHED_POLICY_H
#define PROCVIZ_SCHED_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "sched/sched.h"

enum sim_enq {
	SIM_ENQ_ARRIVE,		/* new job (step 3b) */
	SIM_ENQ_IO,		/* back from IO (step 3c) */
	SIM_ENQ_EXPIRED,	/* quantum/allotment used up (step 3a) */
	SIM_ENQ_PREEMPTED,	/* taken off the CPU by a better job */
};

/* Why-line codes for what happened to the job of the tick just closed. */
enum sim_close {
	SIM_CLOSE_NONE,		/* nothing ran in the tick */
	SIM_CLOSE_CONTINUES,
	SIM_CLOSE_FINISHED,
	SIM_CLOSE_BLOCKED,
	SIM_CLOSE_EXPIRED,
};

/* What the dispatcher did at the instant. */
enum sim_decision {
	SIM_DEC_IDLE,		/* nothing ready */
	SIM_DEC_CONTINUE,	/* the running job keeps the CPU */
	SIM_DEC_DISPATCH,	/* a job was picked for an idle CPU */
	SIM_DEC_PREEMPT,	/* a better job took the CPU */
	SIM_DEC_SWITCHING,	/* a context switch is still idling the CPU */
	SIM_DEC_DONE,		/* every job has finished */
};

enum {
	SIM_WHY_LIST = 4,	/* jobs named per event kind in a why line */
	NEAR_SLOTS = 4,		/* snapshots kept near the last seek back */
};

/* Everything the why line needs about the current instant. */
struct sim_why {
	int closed;		/* job whose tick closed at now, or -1 */
	int closed_how;		/* enum sim_close */
	long blocked_until;
	int level_from, level_to;	/* MLFQ: level change at expiry */
	bool boosted;
	bool no_demote;		/* Stallings: expired alone, kept level */
	int narrived, arrived[SIM_WHY_LIST];
	int nio, io[SIM_WHY_LIST];	/* back from IO, queued */
	int niodone, iodone[SIM_WHY_LIST];	/* finished by a final IO */
	int decision;		/* enum sim_decision */
	int chosen;		/* job that runs in [now, now+1), or -1 */
	int preempted;		/* job taken off the CPU, or -1 */
	bool switch_started;
	bool after_switch;	/* the switched-in job starts now */
	long draw, draw_total;	/* lottery: winning number and tickets */
};

/*
 * Per-job dynamic state touched by the tick loop: one cache line per job
 * (snapshots copy one per job).  Burst lengths fit in an int:
 * sched_sim_new() refuses bursts > SCHED_TIME_MAX.
 */
struct sim_job {
	const long *bursts;	/* the job's bursts (the sim's workload copy),
				 * here so the hot path touches one place */
	long mark;		/* READY/RUNNING: instant it last became
				 * ready; BLOCKED: instant its IO ends */
	int left;		/* ticks left in the current burst */
	int io_next;		/* the IO burst after the current CPU burst
				 * (read ahead: no cache miss at the close) */
	int qleft;		/* quantum/slice ticks left */
	int allot;		/* MLFQ allotment ticks left at its level */
	int nbursts;
	int burst;		/* index of the current burst */
	int next, prev;		/* ready list links, -1 ends */
	int hpos;		/* index in the ready heap, -1 if not */
	signed char level;	/* MLFQ level, 0 = top */
	signed char queue;	/* list the job is on, -1 if none */
	unsigned char state;	/* enum sched_job_state */
	bool started;		/* has run at least one tick */
} __attribute__((aligned(64)));

/* Per-job state touched rarely (and vr, by stride and cfs only). */
struct sim_cold {
	long first_run;		/* -1 until it first runs */
	long finish;		/* -1 until done */
	long long vr;		/* stride pass / cfs vruntime */
};

/* A ready-heap entry: smaller key first, then smaller seq. */
struct sim_hent {
	long long key;
	unsigned long seq;	/* enqueue stamp: ready-queue order */
	int job;
};

struct sim_io {
	long t;			/* instant the IO burst ends */
	int job;
};

struct sim_core {
	long now;
	int running;		/* decision at now: runs [now, now+1) */
	int last_ran;		/* ran [now-1, now), -1 idle */
	int last_job;		/* last job dispatched (switch counting) */
	long switch_left;	/* idle switch ticks still to go */
	long switches;
	long busy;		/* ticks a job ran */
	long busy_at_boost;	/* busy at the last MLFQ boost */
	bool boost_done;	/* an MLFQ boost has happened */
	int next_arrival;	/* index into sim->arrivals */
	int ndone;
	int nready;		/* jobs in the ready structures */
	int nheap;
	int nio;
	unsigned long seq;
	unsigned long long rng;	/* lottery PRNG state */
	int ndrawn;		/* lottery draws taken from opts.draws */
	long long total;	/* lottery tickets / cfs weight ready */
	long long minvr;	/* stride global pass / cfs min_vruntime */
	int qhead[SCHED_MLFQ_MAX], qtail[SCHED_MLFQ_MAX];
	int qlen[SCHED_MLFQ_MAX];
	struct sim_why why;
};

struct sim_snap {
	long t;
	void *blob;		/* owned: blob_size bytes */
};

struct sched_policy {
	const char *name;
	const char *describe;	/* one line for --help, marked N_() */
	bool uses_heap;		/* ready jobs live in the heap, else lists */
	/* Bytes of policy state per job (plus one slot) kept in the blob at
	 * sim->extra, zeroed at the start (lottery: a Fenwick tree). */
	size_t extra_per_job;
	/*
	 * Optional, at creation: compute static data into sim->pstatic
	 * (owned, freed with free()) and return the bytes of blob state
	 * wanted at sim->extra on top of extra_per_job, or -ENOMEM.
	 */
	long (*setup)(struct sched_sim *sim);
	bool has_levels;	/* jobs have MLFQ levels and allotments */
	bool slices;		/* opts.whole_slice applies (time slices) */
	bool state_table;	/* reports show process-run's state table */
	/*
	 * Between events (arrival, IO completion, boost, end of burst or
	 * quantum) dispatch keeps the running job and ran, if any, only
	 * counts qleft down: sched_sim_finish() may jump such ticks.
	 */
	bool quiet;
	/* Number of ready queues shown (MLFQ levels); NULL = 1. */
	int (*nqueues)(const struct sched_opts *o);
	/* Put @job (state already READY) into the ready structures. */
	void (*enqueue)(struct sched_sim *sim, int job, enum sim_enq why);
	/*
	 * Pick the job for [now, now+1).  @cur is the job on the CPU that may
	 * continue (not finished, not blocked, not expired), or -1.  Take the
	 * pick out of the ready structures; if it is not @cur, re-queue @cur
	 * (as SIM_ENQ_PREEMPTED).  Return -1 only when nothing is ready and
	 * cur is -1.
	 */
	int (*dispatch)(struct sched_sim *sim, int cur);
	/* One tick of CPU was charged to @job (left already decremented);
	 * NULL = nothing to do. */
	void (*ran)(struct sched_sim *sim, int job);
	/* At close, @job still has CPU left: is its quantum used up?  NULL =
	 * never (the policy has no quantum). */
	bool (*expired)(struct sched_sim *sim, int job);
	/* @job leaves the CPU for an IO burst (NULL = nothing to do). */
	void (*block)(struct sched_sim *sim, int job);
	/* MLFQ boost at instant now; may clear *cur (NULL = no boost). */
	void (*boost)(struct sched_sim *sim, int *cur, int expired);
	/* Why @job was picked, appended to a why line (NULL = generic). */
	void (*explain)(const struct sched_sim *sim, int job, char *buf,
			size_t len);
	/*
	 * The policy's own report parameters into p (at most
	 * SCHED_PARAM_MAX - 2, room being left for the shared ones);
	 * returns how many.  NULL = none.
	 */
	int (*params)(const struct sched_opts *o, struct sched_policy_param *p);
	/* A short lane label ("RR q=4"); NULL = the name in capitals. */
	void (*label)(const struct sched_opts *o, char *out, size_t len);
};

struct sched_sim {
	char policy_name[SCHED_NAME_MAX];
	const struct sched_policy *pol;
	struct sched_workload w;	/* owned copy: jobs array owned, the
					 * bursts point into flat */
	long *flat;			/* owned: every job's bursts */
	struct sched_opts o;		/* copy; o.draws points to draws */
	long *draws;			/* owned copy of opts->draws */
	int *arrivals;			/* owned: jobs by (arrival, index) */
	long *cpu_total, *io_total;	/* owned: per job sums */
	int nq;				/* ready queues */

	void *blob;			/* owned: the dynamic state */
	size_t blob_size;
	struct sim_core *c;		/* into blob */
	struct sim_job *j;		/* into blob, njobs */
	struct sim_cold *cold;		/* into blob, njobs */
	struct sim_hent *heap;		/* into blob: njobs if the policy
					 * uses the heap, else none */
	struct sim_io *io;		/* into blob, njobs */
	void *extra;			/* into blob: policy state, or NULL */
	void *pstatic;			/* owned: policy's static data */
	long npstatic;

	struct sim_snap *snaps;		/* owned, nsnaps, times ascending */
	int nsnaps, maxsnaps;
	struct sim_snap near[NEAR_SLOTS];	/* blobs owned: taken while
					 * replaying a seek back, for the
					 * next steps back (t valid if blob) */
	int nnear;			/* slots in use: memory budget */
	long snap_every;
	bool no_snaps;			/* sched_sim_finish() runs */

	struct sched_segment *gantt;	/* owned (mmap): segments of
					 * [0, horizon) */
	size_t gantt_bytes;		/* its mapping, 0 = none */
	int nseg, segcap;
	long horizon;			/* the chart is known for [0, horizon) */
	int nview;			/* segments shown at now */
	int clip;			/* segment clipped at now, or -1 */
	long clip_end;			/* its true end */
	long end;			/* makespan once known, else -1 */

	struct sched_job_result *res;	/* owned: scratch for results */
};

/* ---- options (opts.c) ---- */
int sched_opts_check(const struct sched_opts *o, char *err, size_t errlen);
/* MLFQ allotment of @level in ticks (0 in opts means one quantum). */
long sched_mlfq_allot(const struct sched_opts *o, int level);

/* ---- policy table (policy_table.c) ---- */
const struct sched_policy *sched_policy_find(const char *name);

/* ---- ready structures (readyq.c) ---- */
void rq_push_tail(struct sched_sim *sim, int q, int job);
void rq_push_head(struct sched_sim *sim, int q, int job);
int rq_pop_head(struct sched_sim *sim, int q);	/* -1 if empty */
void rq_remove(struct sched_sim *sim, int job);

/* Heap keyed by (key, seq); push stamps a new seq. */
void rh_push(struct sched_sim *sim, int job, long long key);
int rh_top(const struct sched_sim *sim);	/* -1 if empty */
int rh_pop(struct sched_sim *sim);		/* -1 if empty */
void rh_remove(struct sched_sim *sim, int job);
/* Key of the heap's top (rh_top() must be >= 0). */
long long rh_top_key(const struct sched_sim *sim);

/* ---- the engine (sim.c), for sim_new.c ---- */
/* Apply the events of instant now and decide (spec order). */
void sim_instant(struct sched_sim *sim);
/* Snapshot the blob at now.  0 or -ENOMEM. */
int sim_snap_take(struct sched_sim *sim);
/* A snapshot if one is due (sim_seek.c); a missing one only costs time. */
void sim_maybe_snap(struct sched_sim *sim);
/* The chart view for instant @t, from anywhere. */
void sim_view_set(struct sched_sim *sim, long t);
/* Jump idle instants up to @limit - 1 (see sim.c).  0 or -ENOMEM. */
int sim_skip_idle(struct sched_sim *sim, long limit);
/* Unmap the Gantt chart. */
void sim_gantt_free(struct sched_sim *sim);
/* Aligned allocation, huge pages for large buffers; free() frees it. */
void *sim_big_alloc(size_t n);

/* ---- report parameters (policy_params.c) ---- */
/* Append key = printf(fmt, ...) to p[*n]. */
void sched_param_add(struct sched_policy_param *p, int *n, const char *key,
		     const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Append key = [v0,v1,...] (n values). */
void sched_param_list(struct sched_policy_param *p, int *n, const char *key,
		      const int *v, int nv);

/* ---- helpers for policies (sim.c) ---- */
/* Take running @job off the CPU: READY now, re-queued as PREEMPTED. */
void sim_preempt(struct sched_sim *sim, int job);
/* Next lottery draw: from opts.draws while they last, then the PRNG. */
long sim_lottery_draw(struct sched_sim *sim);


#endif
