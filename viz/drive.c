/*
 * viz/drive.c - real processes scheduled by a simulated policy
 * (drive.h).
 */
#define _GNU_SOURCE
#include "viz/drive.h"

#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "scenarios/launch.h"
#include "viz/sampler.h"
#include "viz/snapshot.h"

#define DRIVE_FD_NOTES 3
#define DRIVE_FD_CTL 4
#define DRIVE_STALL_MS 30000	/* no tick from the running job for this
				 * long: give up */
#define DRIVE_SETTLE_MS 5000	/* wait this long for stops and zombies */

/* ---- in a job process -------------------------------------------------- */

static int64_t drive_cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Spin for @ticks ticks of our own CPU time, reporting each one. */
static void drive_job_spin(long ticks, int64_t tick_ns)
{
	int64_t start = drive_cpu_ns();
	volatile unsigned long sink = 0;
	long k;

	for (k = 1; k <= ticks; k++) {
		char c = k == ticks ? 'b' : 't';

		while (drive_cpu_ns() - start < k * tick_ns)
			sink++;
		if (write(DRIVE_FD_NOTES, &c, 1) != 1)
			_exit(1);
	}
}

int drive_job_main(int argc, char **argv)
{
	long tick_us;
	cpu_set_t set;
	char c, comm[16];
	int i;

	int r = -EINVAL;

	/* Named and pinned before "ready": procviz stops it right after. */
	if (argc >= 6 && strcmp(argv[1], DRIVE_JOB_OPTION) == 0) {
		snprintf(comm, sizeof(comm), "job-%s", argv[4]);
		prctl(PR_SET_NAME, comm, 0, 0, 0);
		CPU_ZERO(&set);
		CPU_SET((int)atol(argv[3]), &set);
		sched_setaffinity(0, sizeof(set), &set);
		r = scen_child_ready();
	}
	if (r == -EINVAL) {
		fprintf(stderr, "procviz: drive: %s is internal to procviz\n",
			DRIVE_JOB_OPTION);
		return 2;
	}
	if (r < 0)
		_exit(1);	/* procviz is gone */
	tick_us = atol(argv[2]);
	if (tick_us <= 0)
		_exit(1);
	for (i = 5; i < argc; i++) {
		long b = atol(argv[i]);

		if ((i - 5) % 2 == 0) {
			drive_job_spin(b, (int64_t)tick_us * 1000);
			continue;
		}
		/* IO: a real blocking read, ended by procviz. */
		for (;;) {
			ssize_t n = read(DRIVE_FD_CTL, &c, 1);

			if (n == 1)
				break;
			if (n == 0 || errno != EINTR)
				_exit(1);
		}
	}
	_exit(0);
}

/* ---- in procviz -------------------------------------------------------- */

struct djob {
	struct scen_run run;
	bool launched;
	long reported;		/* tick bytes received */
	long used;		/* ticks the simulation charged to it */
	enum sched_job_state prev;	/* simulated state at the last instant */
	uint64_t base_run_ns;	/* schedstat run time before it ever ran */
	uint64_t base_wait_ns;	/* and run-queue wait time */
	bool have_base;
	char letter;		/* /proc state at the last reading */
	double letter_ms;	/* time of that reading */
	bool reaped;
	double runq_arrival;	/* all jobs' run-queue ms at its arrival */
	double runq_finish;	/* ... at its finish; -1 not yet */
};

struct drive {
	const struct drive_config *cfg;
	struct sched_sim *sim;
	struct djob *jobs;
	struct drive_meas *meas;
	int njobs;
	struct sampler *sampler;
	struct snapshot snap;
	struct timespec t0;
	double next_sample;
	int cur;		/* job procviz let run, or -1 */
	double runq_total;	/* sum of the jobs' run-queue ms */
	char *err;
	size_t errlen;
};

static double drive_now(const struct drive *d)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)(ts.tv_sec - d->t0.tv_sec) * 1e3 +
	       (double)(ts.tv_nsec - d->t0.tv_nsec) / 1e6;
}

/* Launch job @j, stopped, and let it past its "go". */
static int drive_launch(struct drive *d, int j, int cpu)
{
	const struct sched_job *job = &sched_sim_workload(d->sim)->jobs[j];
	struct scen_opts so = { .pace_ms = 1, .step_mode = false };
	char tick[32], cpus[16], **argv;
	int i, r;

	argv = calloc((size_t)job->nbursts + 7, sizeof(*argv));
	if (!argv)
		return -ENOMEM;
	snprintf(tick, sizeof(tick), "%ld", (long)d->cfg->tick_ms * 1000);
	snprintf(cpus, sizeof(cpus), "%d", cpu);
	argv[0] = "procviz";
	argv[1] = "drive";
	argv[2] = DRIVE_JOB_OPTION;
	argv[3] = tick;
	argv[4] = cpus;
	argv[5] = (char *)job->name;
	for (i = 0; i < job->nbursts; i++) {
		argv[6 + i] = malloc(24);
		if (!argv[6 + i]) {
			r = -ENOMEM;
			goto out;
		}
		snprintf(argv[6 + i], 24, "%ld", job->bursts[i]);
	}
	r = scen_run_start_argv(&d->jobs[j].run, argv, &so);
	if (r < 0)
		goto out;
	d->jobs[j].launched = true;
	d->meas[j].pid = d->jobs[j].run.pid;
	/* Stopped before it can read "go": it never runs unscheduled. */
	kill(d->jobs[j].run.pid, SIGSTOP);
	r = scen_run_go(&d->jobs[j].run);
	if (r == 0)
		r = sampler_track(d->sampler, d->jobs[j].run.pid);
out:
	for (i = 0; i < job->nbursts; i++)
		free(argv[6 + i]);
	free(argv);
	return r;
}

static int drive_job_of(const struct drive *d, int pid)
{
	int j;

	for (j = 0; j < d->njobs; j++)
		if (d->meas[j].pid == pid)
			return j;
	return -1;
}

/* Read /proc for every job and update the measurements. */
static int drive_sample(struct drive *d)
{
	double t = drive_now(d);
	size_t i;
	int r;

	r = sampler_sample(d->sampler, &d->snap, (int64_t)t);
	if (r < 0)
		return r;
	for (i = 0; i < d->snap.n_procs; i++) {
		const struct snap_proc *p = &d->snap.procs[i];
		int j = drive_job_of(d, p->pid);
		struct djob *dj;
		struct drive_meas *m;

		if (j < 0)
			continue;
		dj = &d->jobs[j];
		m = &d->meas[j];
		if (!dj->have_base) {
			dj->base_run_ns = p->run_ns;
			dj->base_wait_ns = p->wait_ns;
			dj->have_base = true;
		} else if (p->has_schedstat) {
			m->cpu_ms = (double)(p->run_ns - dj->base_run_ns) / 1e6;
			m->runq_ms = (double)(p->wait_ns - dj->base_wait_ns) /
				     1e6;
		}
		if (m->first_run < 0 && p->run_ns > dj->base_run_ns) {
			double back = (double)(p->run_ns - dj->base_run_ns) /
				      1e6;

			m->first_run = t - back > dj->letter_ms ?
				       t - back : dj->letter_ms;
		}
		/* Stopped after arrival = ready in our queue. */
		if (dj->letter == 'T' && m->arrival >= 0) {
			double from = dj->letter_ms > m->arrival ?
				      dj->letter_ms : m->arrival;

			if (t > from)
				m->waiting += t - from;
		}
		if ((p->state == 'Z' || p->state == 'X') && m->finish < 0)
			m->finish = t;
		dj->letter = p->state;
		dj->letter_ms = t;
	}
	d->runq_total = 0;
	for (i = 0; i < (size_t)d->njobs; i++)
		d->runq_total += d->meas[i].runq_ms;
	for (i = 0; i < (size_t)d->njobs; i++)
		if (d->meas[i].finish >= 0 && d->jobs[i].runq_finish < 0)
			d->jobs[i].runq_finish = d->runq_total;
	/* Reap a job once /proc has shown it as a zombie. */
	for (i = 0; i < (size_t)d->njobs; i++)
		if (d->meas[i].finish >= 0 && !d->jobs[i].reaped &&
		    scen_run_reap_main(&d->jobs[i].run) > 0)
			d->jobs[i].reaped = true;
	d->next_sample = t + d->cfg->sample_ms;
	return 0;
}

/* Read tick bytes from every job's notes pipe. */
static int drive_read_notes(struct drive *d)
{
	int j;

	for (j = 0; j < d->njobs; j++) {
		struct djob *dj = &d->jobs[j];
		char buf[64];
		ssize_t n, k;

		if (!dj->launched || dj->run.note_fd < 0)
			continue;
		while ((n = read(dj->run.note_fd, buf, sizeof(buf))) > 0)
			for (k = 0; k < n; k++)
				if (buf[k] == 't' || buf[k] == 'b')
					dj->reported++;
		if (n == 0) {
			close(dj->run.note_fd);
			dj->run.note_fd = -1;
		}
	}
	return 0;
}

/*
 * Wait until @until returns true, @until_ms passes (< 0: no limit) or
 * *stop; sampling and reading the pipes meanwhile.  Returns 0, 1 when the
 * deadline passed, -EINTR on *stop, or -errno.
 */
static int drive_wait(struct drive *d, bool (*until)(struct drive *, int),
		      int arg, double until_ms, volatile sig_atomic_t *stop)
{
	struct pollfd fds[256];
	int j, n, r;

	for (;;) {
		double now, wake;

		drive_read_notes(d);
		if (until && until(d, arg))
			return 0;
		if (stop && *stop)
			return -EINTR;
		now = drive_now(d);
		if (now >= d->next_sample) {
			r = drive_sample(d);
			if (r < 0)
				return r;
			if (until && until(d, arg))
				return 0;
		}
		if (until_ms >= 0 && now >= until_ms)
			return 1;
		wake = d->next_sample;
		if (until_ms >= 0 && until_ms < wake)
			wake = until_ms;
		for (n = 0, j = 0; j < d->njobs && n < 256; j++)
			if (d->jobs[j].launched && d->jobs[j].run.note_fd >= 0) {
				fds[n].fd = d->jobs[j].run.note_fd;
				fds[n].events = POLLIN;
				n++;
			}
		{
			/* Sub-millisecond waits: poll's timeout is in ms. */
			double left = wake - drive_now(d);
			int ms = left <= 0 ? 0 : (int)left + 1;

			if (poll(fds, (nfds_t)n, ms) < 0 && errno != EINTR)
				return -errno;
		}
	}
}

/* A tick byte from job @j, or its pipe closed (it died). */
static bool drive_ticked(struct drive *d, int j)
{
	return d->jobs[j].reported > d->jobs[j].used ||
	       d->jobs[j].run.note_fd < 0;
}

static bool drive_all_stopped(struct drive *d, int unused)
{
	int j;

	(void)unused;
	for (j = 0; j < d->njobs; j++)
		if (d->jobs[j].run.note_fd < 0)
			return true;	/* died: drive_loop says so */
	for (j = 0; j < d->njobs; j++)
		if (d->jobs[j].letter != 'T' || !d->jobs[j].have_base)
			return false;
	return true;
}

/* The first job whose notes pipe is closed (it died), or -1. */
static int drive_dead_job(const struct drive *d)
{
	int j;

	for (j = 0; j < d->njobs; j++)
		if (d->jobs[j].run.note_fd < 0)
			return j;
	return -1;
}

static bool drive_all_finished(struct drive *d, int unused)
{
	int j;

	(void)unused;
	for (j = 0; j < d->njobs; j++)
		if (d->meas[j].finish < 0)
			return false;
	return true;
}

/* Make the real processes match the simulated decision at instant now. */
static int drive_apply(struct drive *d, double now_ms)
{
	int r = sched_sim_running(d->sim), j;
	char go = 'i';

	for (j = 0; j < d->njobs; j++) {
		enum sched_job_state st = sched_sim_job_state(d->sim, j);
		struct djob *dj = &d->jobs[j];

		if (dj->prev == SCHED_JOB_NEW && st != SCHED_JOB_NEW) {
			d->meas[j].arrival = now_ms;
			dj->runq_arrival = d->runq_total;
		}
		if (dj->prev == SCHED_JOB_BLOCKED && st != SCHED_JOB_BLOCKED) {
			/* IO over: ready (stopped) until it is picked. */
			kill(dj->run.pid, SIGSTOP);
			if (write(dj->run.ctl_fd, &go, 1) != 1)
				return -EPIPE;
		}
		dj->prev = st;
	}
	if (d->cur >= 0 && d->cur != r) {
		if (sched_sim_job_state(d->sim, d->cur) == SCHED_JOB_READY)
			kill(d->jobs[d->cur].run.pid, SIGSTOP);	/* preempted */
		d->cur = -1;
	}
	if (r >= 0 && r != d->cur) {
		kill(d->jobs[r].run.pid, SIGCONT);
		d->cur = r;
	}
	return 0;
}

static int drive_fail(struct drive *d, int r, const char *what)
{
	if (!d->err[0])
		snprintf(d->err, d->errlen, "%s: %s", what, strerror(-r));
	return r;
}

static int drive_pick_cpu(void)
{
	cpu_set_t set;
	int c;

	if (sched_getaffinity(0, sizeof(set), &set) == 0)
		for (c = CPU_SETSIZE - 1; c >= 0; c--)
			if (CPU_ISSET(c, &set))
				return c;
	return 0;
}

/* The lockstep run itself; d is set up, jobs are not launched yet. */
static int drive_loop(struct drive *d, volatile sig_atomic_t *stop,
		      struct drive_result *out)
{
	double inst_ms;
	int j, r;

	for (j = 0; j < d->njobs; j++) {
		r = drive_launch(d, j, out->cpu);
		if (r < 0)
			return drive_fail(d, r, "launching a job process");
	}
	/* Every job stopped before the clock starts. */
	r = drive_wait(d, drive_all_stopped, 0, drive_now(d) + DRIVE_SETTLE_MS,
		       stop);
	if (r == 1)
		return drive_fail(d, -ETIMEDOUT, "stopping the job processes");
	if (r < 0)
		return r == -EINTR ? r : drive_fail(d, r, "sampling /proc");
	j = drive_dead_job(d);
	if (j >= 0) {
		snprintf(d->err, d->errlen, "job %s (pid %d) ended before its "
			 "bursts did", sched_sim_workload(d->sim)->jobs[j].name,
			 d->jobs[j].run.pid);
		return -ECHILD;
	}
	clock_gettime(CLOCK_MONOTONIC, &d->t0);
	for (j = 0; j < d->njobs; j++) {
		d->jobs[j].letter_ms = 0;
		d->jobs[j].have_base = false;	/* re-read: stopped now */
	}
	r = drive_sample(d);
	if (r < 0)
		return drive_fail(d, r, "sampling /proc");
	inst_ms = 0;
	r = drive_apply(d, inst_ms);
	while (r == 0 && !sched_sim_done(d->sim)) {
		int run = sched_sim_running(d->sim);

		if (run >= 0) {
			r = drive_wait(d, drive_ticked, run,
				       drive_now(d) + DRIVE_STALL_MS, stop);
			if (r == 1) {
				snprintf(d->err, d->errlen,
					 "job %s made no progress for %d s",
					 sched_sim_workload(d->sim)->jobs[run].name,
					 DRIVE_STALL_MS / 1000);
				return -ETIMEDOUT;
			}
			if (r < 0)
				break;
			if (d->jobs[run].reported <= d->jobs[run].used) {
				snprintf(d->err, d->errlen,
					 "job %s (pid %d) ended before its "
					 "bursts did",
					 sched_sim_workload(d->sim)->jobs[run].name,
					 d->jobs[run].run.pid);
				return -ECHILD;
			}
			d->jobs[run].used++;
		} else {
			r = drive_wait(d, NULL, 0, inst_ms + d->cfg->tick_ms,
				       stop);
			if (r < 0)
				break;
			r = 0;
		}
		r = sched_sim_step(d->sim);
		if (r < 0)
			return drive_fail(d, r, "simulating");
		inst_ms = drive_now(d);
		r = drive_apply(d, inst_ms);
	}
	if (r == -EINTR)
		return r;
	if (r < 0)
		return drive_fail(d, r, "driving the jobs");
	/* The last job's exit: wait until /proc shows every zombie. */
	r = drive_wait(d, drive_all_finished, 0,
		       drive_now(d) + DRIVE_SETTLE_MS, stop);
	if (r == 1)
		return drive_fail(d, -ETIMEDOUT, "waiting for the jobs to end");
	return r;
}

void drive_result_init(struct drive_result *r)
{
	memset(r, 0, sizeof(*r));
}

void drive_result_clear(struct drive_result *r)
{
	sched_sim_free(r->sim);
	free(r->meas);
	drive_result_init(r);
}

int drive_run(const struct sched_workload *w, const char *policy,
	      const struct sched_opts *opts, const struct drive_config *cfg,
	      volatile sig_atomic_t *stop, struct drive_result *out,
	      char *err, size_t errlen)
{
	struct drive_config c = *cfg;
	struct drive d;
	cpu_set_t saved;
	bool restore = false;
	int j, r;

	drive_result_init(out);
	err[0] = '\0';
	if (c.tick_ms < DRIVE_TICK_MS_MIN || c.tick_ms > DRIVE_TICK_MS_MAX) {
		snprintf(err, errlen, "tick of %d ms out of range", c.tick_ms);
		return -EINVAL;
	}
	if (c.sample_ms <= 0) {
		c.sample_ms = c.tick_ms / 5;
		c.sample_ms = c.sample_ms < 2 ? 2 :
			      c.sample_ms > 20 ? 20 : c.sample_ms;
	}
	if (c.cpu < 0)
		c.cpu = drive_pick_cpu();
	memset(&d, 0, sizeof(d));
	d.cfg = &c;
	d.cur = -1;
	d.err = err;
	d.errlen = errlen;
	d.njobs = w->njobs;
	snapshot_init(&d.snap);
	clock_gettime(CLOCK_MONOTONIC, &d.t0);
	d.sim = sched_sim_new(w, policy, opts, err, errlen);
	if (!d.sim)
		return -EINVAL;
	d.jobs = calloc((size_t)w->njobs, sizeof(*d.jobs));
	d.meas = calloc((size_t)w->njobs, sizeof(*d.meas));
	d.sampler = sampler_new();
	if (!d.jobs || !d.meas || !d.sampler) {
		r = drive_fail(&d, -ENOMEM, "starting");
		goto out;
	}
	for (j = 0; j < w->njobs; j++) {
		struct drive_meas *m = &d.meas[j];

		d.jobs[j].run.pid = 0;
		d.jobs[j].run.note_fd = d.jobs[j].run.ctl_fd = -1;
		d.jobs[j].run.pidfd = -1;
		d.jobs[j].run.guard.fd = -1;
		d.jobs[j].prev = SCHED_JOB_NEW;
		d.jobs[j].runq_finish = -1;
		m->own_turnaround = -1;
		m->arrival = m->first_run = m->finish = -1;
		m->response = m->turnaround = -1;
		m->waiting = 0;
	}
	out->tick_ms = c.tick_ms;
	out->sample_ms = c.sample_ms;
	out->cpu = c.cpu;
	/* procviz keeps off the jobs' CPU when it has another one. */
	if (sched_getaffinity(0, sizeof(saved), &saved) == 0) {
		cpu_set_t others = saved;

		CPU_CLR(c.cpu, &others);
		if (CPU_COUNT(&others) > 0 &&
		    sched_setaffinity(0, sizeof(others), &others) == 0)
			restore = true;
	}
	r = drive_loop(&d, stop, out);
	if (restore)
		sched_setaffinity(0, sizeof(saved), &saved);
	out->interrupted = r == -EINTR;
	if (r == -EINTR)
		r = 0;
	for (j = 0; j < d.njobs; j++) {
		struct drive_meas *m = &d.meas[j];

		m->complete = m->arrival >= 0 && m->first_run >= 0 &&
			      m->finish >= 0;
		if (m->first_run >= 0 && m->arrival >= 0)
			m->response = m->first_run - m->arrival;
		if (m->finish >= 0 && m->arrival >= 0)
			m->turnaround = m->finish - m->arrival;
		if (m->turnaround >= 0 && d.jobs[j].runq_finish >= 0)
			m->own_turnaround = m->turnaround -
				(d.jobs[j].runq_finish - d.jobs[j].runq_arrival);
		if (m->finish > out->makespan_ms)
			out->makespan_ms = m->finish;
	}
out:
	for (j = 0; d.jobs && j < d.njobs; j++)
		if (d.jobs[j].launched)
			scen_run_clear(&d.jobs[j].run);
	sampler_free(d.sampler);
	snapshot_clear(&d.snap);
	free(d.jobs);
	if (r < 0) {
		sched_sim_free(d.sim);
		free(d.meas);
		return r;
	}
	out->sim = d.sim;
	out->meas = d.meas;
	out->njobs = d.njobs;
	return 0;
}
