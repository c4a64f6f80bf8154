/*
 * viz/core/drive.c - real processes scheduled by a simulated policy
 * (drive.h).
 */
#define _GNU_SOURCE
#include "viz/core/drive.h"
#include "common/i18n.h"

#include <errno.h>
#include <stdarg.h>
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
#include "viz/core/sampler.h"
#include "viz/core/snapshot.h"

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
	long tick_us, cpu;
	cpu_set_t set;
	char c, comm[16];
	int i, r = -EINVAL;

	/* Named and pinned before "ready": procviz stops it right after. */
	if (argc >= 6 && strcmp(argv[1], DRIVE_JOB_OPTION) == 0) {
		snprintf(comm, sizeof(comm), "job-%s", argv[4]);
		prctl(PR_SET_NAME, comm, 0, 0, 0);
		cpu = atol(argv[3]);
		if (cpu >= 0 && cpu < CPU_SETSIZE) {
			CPU_ZERO(&set);
			CPU_SET((int)cpu, &set);
			sched_setaffinity(0, sizeof(set), &set);
		}
		r = scen_child_ready();
	}
	if (r == -EINVAL) {
		fprintf(stderr, _("procviz: drive: %s is internal to "
				  "procviz\n"), DRIVE_JOB_OPTION);
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
	struct drive_config cfg;
	struct sched_sim *sim;
	struct djob *jobs;
	struct drive_meas *meas;
	int njobs;
	struct sampler *sampler;
	struct snapshot snap;
	struct timespec t0;
	double next_sample;
	double inst_ms;		/* when the simulation reached its instant */
	double progress_ms;	/* last tick or instant */
	double end_ms;		/* when the simulation ended, -1 before */
	int cur;		/* job procviz let run, or -1 */
	double runq_total;	/* sum of the jobs' run-queue ms */
	cpu_set_t saved;	/* procviz's affinity before */
	bool restore;
	char err[256];
};

static double drive_clock(const struct drive *d)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)(ts.tv_sec - d->t0.tv_sec) * 1e3 +
	       (double)(ts.tv_nsec - d->t0.tv_nsec) / 1e6;
}

/* The first error, @fmt translated before it is formatted; returns @r. */
static int drive_fail(struct drive *d, int r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int drive_fail(struct drive *d, int r, const char *fmt, ...)
{
	va_list ap;

	if (!d->err[0]) {
		va_start(ap, fmt);
		vsnprintf(d->err, sizeof(d->err), _(fmt), ap);
		va_end(ap);
	}
	return r;
}

static const char *drive_name(const struct drive *d, int j)
{
	return sched_sim_workload(d->sim)->jobs[j].name;
}

/* Launch job @j, stopped, and let it past its "go". */
static int drive_launch(struct drive *d, int j)
{
	const struct sched_job *job = &sched_sim_workload(d->sim)->jobs[j];
	struct scen_opts so = { .pace_ms = 1, .step_mode = false };
	char tick[32], cpus[16], **argv;
	int i, r;

	argv = calloc((size_t)job->nbursts + 7, sizeof(*argv));
	if (!argv)
		return -ENOMEM;
	snprintf(tick, sizeof(tick), "%ld", (long)d->cfg.tick_ms * 1000);
	snprintf(cpus, sizeof(cpus), "%d", d->cfg.cpu);
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

/* The values derived from the measured instants. */
static void drive_derive(struct drive *d)
{
	int j;

	for (j = 0; j < d->njobs; j++) {
		struct drive_meas *m = &d->meas[j];

		if (m->first_run >= 0 && m->arrival >= 0)
			m->response = m->first_run - m->arrival;
		if (m->finish >= 0 && m->arrival >= 0)
			m->turnaround = m->finish - m->arrival;
		if (m->turnaround >= 0 && d->jobs[j].runq_finish >= 0)
			m->own_turnaround = m->turnaround -
				(d->jobs[j].runq_finish -
				 d->jobs[j].runq_arrival);
		m->complete = m->arrival >= 0 && m->first_run >= 0 &&
			      m->finish >= 0;
	}
}

/* Read /proc for every job and update the measurements. */
static int drive_sample(struct drive *d)
{
	double t = drive_clock(d);
	size_t i;
	int r;

	r = sampler_sample(d->sampler, &d->snap, (int64_t)t);
	if (r < 0)
		return drive_fail(d, r, "sampling /proc: %s", strerror(-r));
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
		if (dj->have_base && m->first_run < 0 &&
		    p->run_ns > dj->base_run_ns) {
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
	drive_derive(d);
	d->next_sample = t + d->cfg.sample_ms;
	return 0;
}

/* Read tick bytes from every job's notes pipe. */
static void drive_read_notes(struct drive *d)
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
}

/* Make the real processes match the simulated decision at instant now. */
static int drive_apply(struct drive *d)
{
	int r = sched_sim_running(d->sim), j;
	char go = 'i';

	for (j = 0; j < d->njobs; j++) {
		enum sched_job_state st = sched_sim_job_state(d->sim, j);
		struct djob *dj = &d->jobs[j];

		if (dj->prev == SCHED_JOB_NEW && st != SCHED_JOB_NEW) {
			d->meas[j].arrival = d->inst_ms;
			dj->runq_arrival = d->runq_total;
		}
		if (dj->prev == SCHED_JOB_BLOCKED && st != SCHED_JOB_BLOCKED) {
			/* IO over: ready (stopped) until it is picked. */
			kill(dj->run.pid, SIGSTOP);
			if (write(dj->run.ctl_fd, &go, 1) != 1)
				return drive_fail(d, -EPIPE, "job %s is gone",
						  drive_name(d, j));
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

static int drive_died(struct drive *d, int j)
{
	return drive_fail(d, -ECHILD, "job %s (pid %d) ended before its "
			  "bursts did", drive_name(d, j), d->jobs[j].run.pid);
}

int drive_pollfds(const struct drive *d, struct pollfd *fds, int max)
{
	int j, n = 0;

	for (j = 0; j < d->njobs && n < max; j++)
		if (d->jobs[j].launched && d->jobs[j].run.note_fd >= 0) {
			fds[n].fd = d->jobs[j].run.note_fd;
			fds[n].events = POLLIN;
			fds[n].revents = 0;
			n++;
		}
	return n;
}

int drive_timeout_ms(const struct drive *d)
{
	double now = drive_clock(d), wake = d->next_sample;

	if (!sched_sim_done(d->sim) && sched_sim_running(d->sim) < 0 &&
	    d->inst_ms + d->cfg.tick_ms < wake)
		wake = d->inst_ms + d->cfg.tick_ms;
	/* Rounded up: poll's timeout is in whole ms. */
	return wake <= now ? 0 : (int)(wake - now) + 1;
}

int drive_step(struct drive *d)
{
	double now;
	int r;

	if (d->err[0])
		return -EIO;
	drive_read_notes(d);
	if (drive_clock(d) >= d->next_sample) {
		r = drive_sample(d);
		if (r < 0)
			return r;
	}
	for (;;) {
		int run;

		now = drive_clock(d);
		if (sched_sim_done(d->sim))
			break;
		run = sched_sim_running(d->sim);
		if (run >= 0) {
			struct djob *dj = &d->jobs[run];

			if (dj->reported <= dj->used) {
				if (dj->run.note_fd < 0)
					return drive_died(d, run);
				if (now - d->progress_ms > DRIVE_STALL_MS)
					return drive_fail(d, -ETIMEDOUT,
						"job %s made no progress for "
						"%d s", drive_name(d, run),
						DRIVE_STALL_MS / 1000);
				return 0;
			}
			dj->used++;
		} else if (now < d->inst_ms + d->cfg.tick_ms) {
			return 0;
		}
		r = sched_sim_step(d->sim);
		if (r < 0)
			return drive_fail(d, r, "simulating: %s", strerror(-r));
		d->inst_ms = d->progress_ms = drive_clock(d);
		r = drive_apply(d);
		if (r < 0)
			return r;
	}
	/* The last job's exit: done once /proc has shown every zombie. */
	if (d->end_ms < 0)
		d->end_ms = now;
	for (r = 0; r < d->njobs; r++)
		if (d->meas[r].finish < 0) {
			if (now - d->end_ms > DRIVE_SETTLE_MS)
				return drive_fail(d, -ETIMEDOUT, "job %s did "
						  "not end", drive_name(d, r));
			return 0;
		}
	return 1;
}

const char *drive_error(const struct drive *d)
{
	return d->err;
}

const struct sched_sim *drive_sim(const struct drive *d)
{
	return d->sim;
}

const struct drive_meas *drive_meas(const struct drive *d, int job)
{
	return &d->meas[job];
}

char drive_proc_state(const struct drive *d, int job)
{
	return d->jobs[job].letter;
}

double drive_now_ms(const struct drive *d)
{
	return drive_clock(d);
}

const struct drive_config *drive_config(const struct drive *d)
{
	return &d->cfg;
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

/* Every job stopped, or one died (1), or the deadline passed (0). */
static int drive_settled(struct drive *d)
{
	int j;

	for (j = 0; j < d->njobs; j++)
		if (d->jobs[j].run.note_fd < 0)
			return 1;
	for (j = 0; j < d->njobs; j++)
		if (d->jobs[j].letter != 'T' || !d->jobs[j].have_base)
			return 0;
	return 1;
}

/* Launch the jobs, wait until all are stopped, start the clock. */
static int drive_start(struct drive *d)
{
	double end;
	int j, r;

	for (j = 0; j < d->njobs; j++) {
		r = drive_launch(d, j);
		if (r < 0)
			return drive_fail(d, r, "launching a job process: %s",
					  strerror(-r));
	}
	end = drive_clock(d) + DRIVE_SETTLE_MS;
	for (;;) {
		drive_read_notes(d);
		r = drive_sample(d);
		if (r < 0)
			return r;
		if (drive_settled(d))
			break;
		if (drive_clock(d) > end)
			return drive_fail(d, -ETIMEDOUT,
					  "the job processes did not stop");
		poll(NULL, 0, 1);
	}
	for (j = 0; j < d->njobs; j++)
		if (d->jobs[j].run.note_fd < 0)
			return drive_died(d, j);
	clock_gettime(CLOCK_MONOTONIC, &d->t0);
	for (j = 0; j < d->njobs; j++) {
		d->jobs[j].letter_ms = 0;
		d->jobs[j].have_base = false;	/* re-read: stopped now */
	}
	r = drive_sample(d);
	if (r < 0)
		return r;
	d->inst_ms = d->progress_ms = 0;
	return drive_apply(d);
}

struct drive *drive_new(const struct sched_workload *w, const char *policy,
			const struct sched_opts *opts,
			const struct drive_config *cfg, char *err,
			size_t errlen)
{
	struct drive *d;
	int j;

	if (cfg->tick_ms < DRIVE_TICK_MS_MIN ||
	    cfg->tick_ms > DRIVE_TICK_MS_MAX) {
		snprintf(err, errlen, _("tick of %d ms out of range"),
			 cfg->tick_ms);
		return NULL;
	}
	d = calloc(1, sizeof(*d));
	if (!d) {
		snprintf(err, errlen, "%s", _("out of memory"));
		return NULL;
	}
	d->cfg = *cfg;
	if (d->cfg.sample_ms <= 0) {
		d->cfg.sample_ms = d->cfg.tick_ms / 5;
		d->cfg.sample_ms = d->cfg.sample_ms < 2 ? 2 :
				   d->cfg.sample_ms > 20 ? 20 :
				   d->cfg.sample_ms;
	}
	if (d->cfg.cpu < 0)
		d->cfg.cpu = drive_pick_cpu();
	d->cur = -1;
	d->end_ms = -1;
	d->njobs = w->njobs;
	snapshot_init(&d->snap);
	clock_gettime(CLOCK_MONOTONIC, &d->t0);
	d->sim = sched_sim_new(w, policy, opts, err, errlen);
	if (!d->sim) {
		free(d);
		return NULL;
	}
	d->jobs = calloc((size_t)w->njobs, sizeof(*d->jobs));
	d->meas = calloc((size_t)w->njobs, sizeof(*d->meas));
	d->sampler = sampler_new();
	if (!d->jobs || !d->meas || !d->sampler) {
		drive_fail(d, -ENOMEM, "out of memory");
		goto fail;
	}
	for (j = 0; j < w->njobs; j++) {
		struct drive_meas *m = &d->meas[j];

		d->jobs[j].run.note_fd = d->jobs[j].run.ctl_fd = -1;
		d->jobs[j].run.pidfd = -1;
		d->jobs[j].run.guard.fd = -1;
		d->jobs[j].prev = SCHED_JOB_NEW;
		d->jobs[j].runq_finish = -1;
		m->arrival = m->first_run = m->finish = -1;
		m->response = m->turnaround = m->own_turnaround = -1;
	}
	/* procviz keeps off the jobs' CPU when it has another one. */
	if (sched_getaffinity(0, sizeof(d->saved), &d->saved) == 0) {
		cpu_set_t others = d->saved;

		CPU_CLR(d->cfg.cpu, &others);
		if (CPU_COUNT(&others) > 0 &&
		    sched_setaffinity(0, sizeof(others), &others) == 0)
			d->restore = true;
	}
	if (drive_start(d) < 0)
		goto fail;
	return d;
fail:
	snprintf(err, errlen, "%s", d->err);
	drive_free(d);
	return NULL;
}

void drive_free(struct drive *d)
{
	int j;

	if (!d)
		return;
	for (j = 0; d->jobs && j < d->njobs; j++)
		if (d->jobs[j].launched)
			scen_run_clear(&d->jobs[j].run);
	if (d->restore)
		sched_setaffinity(0, sizeof(d->saved), &d->saved);
	sampler_free(d->sampler);
	snapshot_clear(&d->snap);
	sched_sim_free(d->sim);
	free(d->jobs);
	free(d->meas);
	free(d);
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
	struct pollfd fds[DRIVE_JOBS_MAX];
	struct drive *d;
	int j, r = 0;

	drive_result_init(out);
	err[0] = '\0';
	if (w->njobs > DRIVE_JOBS_MAX) {
		snprintf(err, errlen, _("at most %d jobs"), DRIVE_JOBS_MAX);
		return -EINVAL;
	}
	d = drive_new(w, policy, opts, cfg, err, errlen);
	if (!d)
		return -EINVAL;
	while (!(stop && *stop)) {
		int n = drive_pollfds(d, fds, DRIVE_JOBS_MAX);

		if (poll(fds, (nfds_t)n, drive_timeout_ms(d)) < 0 &&
		    errno != EINTR) {
			r = drive_fail(d, -errno, "poll: %s", strerror(errno));
			break;
		}
		r = drive_step(d);
		if (r != 0)
			break;
	}
	if (r < 0) {
		snprintf(err, errlen, "%s", d->err);
		drive_free(d);
		return r;
	}
	out->interrupted = r == 0;
	drive_derive(d);
	out->tick_ms = d->cfg.tick_ms;
	out->sample_ms = d->cfg.sample_ms;
	out->cpu = d->cfg.cpu;
	out->njobs = d->njobs;
	for (j = 0; j < d->njobs; j++)
		if (d->meas[j].finish > out->makespan_ms)
			out->makespan_ms = d->meas[j].finish;
	/* The simulation and the measurements move to @out. */
	out->sim = d->sim;
	out->meas = d->meas;
	d->sim = NULL;
	d->meas = NULL;
	drive_free(d);
	return 0;
}
