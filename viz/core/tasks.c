/*
 * viz/core/tasks.c - a process's threads and what a task sleeps in
 * (tasks.h).  Field positions of stat follow proc(5), as in sampler.c.
 */
#include "viz/core/tasks.h"
#include "viz/core/procstat.h"

#include "viz/core/wait.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

struct task_ent {
	int tid;
	int stat_fd;		/* kept open; -1: read by path */
	int sched_fd;		/* kept open; -1: by path or none */
	bool read_once;
	char state;		/* at the last reading */
	uint64_t start_ticks, cpu_ticks;
	bool has_sched;
	uint64_t run_ns, wait_ns;
	uint64_t pcount;	/* schedstat: times scheduled in */
	unsigned wait_age;	/* tasks_wait_due */
	unsigned quick_n;	/* quick readings since the last full one */
	struct snap_task last;	/* the last full reading */
};

struct task_set {
	struct task_ent *ents;	/* owned, sorted by tid */
	int n, cap;
	int threads;		/* the count at the last listing */
	char buf[1024];
};

/* Descriptors left free for everything else (as sampler.c). */
#define TASKS_FD_RESERVE 64

struct task_set *task_set_new(void)
{
	return calloc(1, sizeof(struct task_set));
}

static void ent_close(struct task_ent *e)
{
	if (e->stat_fd >= 0)
		close(e->stat_fd);
	if (e->sched_fd >= 0)
		close(e->sched_fd);
}

void task_set_free(struct task_set *ts)
{
	int i;

	if (!ts)
		return;
	for (i = 0; i < ts->n; i++)
		ent_close(&ts->ents[i]);
	free(ts->ents);
	free(ts);
}

int task_set_count(const struct task_set *ts)
{
	return ts->n;
}

bool tasks_letter_blocked(char c)
{
	return c && !strchr("RTtZXx", c);
}

bool tasks_wait_due(char prev, char now, bool ran, unsigned *age)
{
	if (!tasks_letter_blocked(now)) {
		*age = 0;
		return false;
	}
	if (prev != now || ran || ++*age >= TASKS_WAIT_EVERY) {
		*age = 0;
		return true;
	}
	return false;
}

static int keep_fd(int fd)
{
	struct rlimit rl;

	if (fd < 0 || getrlimit(RLIMIT_NOFILE, &rl) ||
	    rl.rlim_cur == RLIM_INFINITY ||
	    (rlim_t)fd + TASKS_FD_RESERVE < rl.rlim_cur)
		return fd;
	close(fd);
	return -1;
}

static ssize_t read_at(int fd, const char *path, char *buf, size_t len)
{
	ssize_t r;
	int own = -1;

	if (fd < 0) {
		own = open(path, O_RDONLY | O_CLOEXEC);
		if (own < 0)
			return -errno;
		fd = own;
	}
	r = pread(fd, buf, len - 1, 0);
	if (r < 0)
		r = -errno;
	else
		buf[r] = '\0';
	if (own >= 0)
		close(own);
	return r;
}

/* ---- what a task sleeps in ---------------------------------------------- */

static void read_small(const char *path, char *buf, size_t len)
{
	ssize_t r = read_at(-1, path, buf, len);

	if (r <= 0) {
		buf[0] = '\0';
		return;
	}
	while (r > 0 && (buf[r - 1] == '\n' || buf[r - 1] == ' '))
		buf[--r] = '\0';
}

void tasks_wait_read(int pid, int tid, struct snap_wait *w)
{
	char path[96], text[256];
	const char *name;
	unsigned long arg0 = 0;
	long nr = -1;
	ssize_t r;

	memset(w, 0, sizeof(*w));
	w->read = true;
	snprintf(path, sizeof(path), "/proc/%d/task/%d/syscall", pid, tid);
	read_small(path, text, sizeof(text));
	if (wait_parse_syscall(text, &nr, &arg0) == 1) {
		name = wait_syscall_name(nr);
		if (name)
			snprintf(w->syscall, sizeof(w->syscall), "%s", name);
		else
			snprintf(w->syscall, sizeof(w->syscall), "syscall_%ld",
				 nr);
		if (name && wait_syscall_takes_fd(name) && arg0 < 1u << 30) {
			snprintf(path, sizeof(path), "/proc/%d/fd/%lu", pid,
				 arg0);
			r = readlink(path, w->fd, sizeof(w->fd) - 1);
			w->fd[r > 0 ? r : 0] = '\0';
		}
	}
	snprintf(path, sizeof(path), "/proc/%d/task/%d/wchan", pid, tid);
	read_small(path, w->wchan, sizeof(w->wchan));
	if (!wait_wchan_known(w->wchan))
		w->wchan[0] = '\0';
}

/* ---- the threads of a process ------------------------------------------- */

/* The fields a task needs from its stat (procstat.c reads them). */
static int parse_task_stat(const char *buf, struct snap_task *t)
{
	struct procstat ps;

	if (procstat_parse(buf, &ps))
		return -EINVAL;
	memcpy(t->comm, ps.comm, sizeof(t->comm));
	t->state = ps.state;
	t->cpu_ticks = ps.cpu_ticks;
	t->start_ticks = ps.start_ticks;
	return 0;
}

static int cmp_tid(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* Find @tid in the sorted set, or -1. */
static int ent_find(const struct task_set *ts, int tid)
{
	int lo = 0, hi = ts->n - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;

		if (ts->ents[mid].tid == tid)
			return mid;
		if (ts->ents[mid].tid < tid)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/*
 * List /proc/PID/task again: keep the entries of threads still there
 * (their open files), open the new ones, close the others.
 */
static int relist(struct task_set *ts, int pid)
{
	struct task_ent *ne;
	struct dirent *de;
	int *tids = NULL, n = 0, cap = 0, i, k;
	char path[96];
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	d = opendir(path);
	if (!d)
		return -ESRCH;
	while ((de = readdir(d))) {
		int tid = atoi(de->d_name);

		if (tid <= 0 || tid == pid)
			continue;
		if (n == cap) {
			int *nt = realloc(tids, (size_t)(cap ? cap * 2 : 16) *
					  sizeof(*tids));

			if (!nt) {
				closedir(d);
				free(tids);
				return -ENOMEM;
			}
			tids = nt;
			cap = cap ? cap * 2 : 16;
		}
		tids[n++] = tid;
	}
	closedir(d);
	if (n > 1)
		qsort(tids, (size_t)n, sizeof(*tids), cmp_tid);
	ne = calloc((size_t)n + 1, sizeof(*ne));
	if (!ne) {
		free(tids);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		k = ent_find(ts, tids[i]);
		if (k >= 0) {
			ne[i] = ts->ents[k];
			ts->ents[k].stat_fd = ts->ents[k].sched_fd = -1;
			continue;
		}
		ne[i].tid = tids[i];
		snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid,
			 tids[i]);
		ne[i].stat_fd = keep_fd(open(path, O_RDONLY | O_CLOEXEC));
		snprintf(path, sizeof(path), "/proc/%d/task/%d/schedstat",
			 pid, tids[i]);
		ne[i].sched_fd = ne[i].stat_fd < 0 ? -1 :
				 keep_fd(open(path, O_RDONLY | O_CLOEXEC));
	}
	for (i = 0; i < ts->n; i++)
		ent_close(&ts->ents[i]);
	free(ts->ents);
	free(tids);
	ts->ents = ne;
	ts->n = ts->cap = n;
	return 0;
}

/* Every this many readings of a thread, a full one (as sampler.c). */
#define TASKS_FULL_EVERY 10

/*
 * The quick reading (as sampler.c's): a thread that was not runnable at
 * its last reading and has not been scheduled in since (schedstat's run
 * time and count unchanged) cannot have changed: its last reading holds.
 * Returns 1 if @t got it, 0 for a full reading.
 */
static int read_quick(struct task_set *ts, int pid, struct task_ent *e,
		      struct snap_task *t)
{
	char path[96];
	const char *q = ts->buf;
	uint64_t run, wait;

	if (!e->read_once || e->state == 'R' || !e->has_sched ||
	    e->sched_fd < 0 || ++e->quick_n >= TASKS_FULL_EVERY)
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/task/%d/schedstat", pid,
		 e->tid);
	if (read_at(e->sched_fd, path, ts->buf, sizeof(ts->buf)) <= 0)
		return 0;
	run = procstat_num(&q);
	wait = procstat_num(&q);
	if (run != e->run_ns || procstat_num(&q) != e->pcount)
		return 0;
	*t = e->last;
	t->wait.read = false;
	t->wait_ns = e->wait_ns = wait;
	return 1;
}

/* Read one thread; 0, or -ESRCH when it has ended. */
static int read_ent(struct task_set *ts, int pid, struct task_ent *e,
		    struct snap_task *t)
{
	char path[96];
	const char *q;
	bool ran;

	if (read_quick(ts, pid, e, t))
		return 0;
	e->quick_n = 0;
	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, e->tid);
	if (read_at(e->stat_fd, path, ts->buf, sizeof(ts->buf)) <= 0 ||
	    parse_task_stat(ts->buf, t) ||
	    (e->read_once && t->start_ticks != e->start_ticks))
		return -ESRCH;
	ran = !e->read_once || t->cpu_ticks != e->cpu_ticks;
	/* As for processes: a sleeper whose CPU time did not grow keeps
	 * its schedstat figures (sampler.c). */
	if (!ran && t->state != 'R') {
		t->has_schedstat = e->has_sched;
	} else {
		snprintf(path, sizeof(path), "/proc/%d/task/%d/schedstat",
			 pid, e->tid);
		q = ts->buf;
		t->has_schedstat = read_at(e->sched_fd, path, ts->buf,
					   sizeof(ts->buf)) > 0;
		if (t->has_schedstat) {
			uint64_t run = procstat_num(&q);

			ran = ran || run != e->run_ns;
			e->run_ns = run;
			e->wait_ns = procstat_num(&q);
			e->pcount = procstat_num(&q);
		}
	}
	t->run_ns = e->run_ns;
	t->wait_ns = e->wait_ns;
	if (tasks_wait_due(e->read_once ? e->state : 0, t->state, ran,
			   &e->wait_age))
		tasks_wait_read(pid, e->tid, &t->wait);
	e->read_once = true;
	e->state = t->state;
	e->start_ticks = t->start_ticks;
	e->cpu_ticks = t->cpu_ticks;
	e->has_sched = t->has_schedstat;
	e->last = *t;
	return 0;
}

int task_set_read(struct task_set *ts, int pid, int threads,
		  struct snapshot *out)
{
	size_t first = out->n_tasks;
	bool listed = false;
	int i, err;

	if (threads != ts->threads) {
again:
		err = relist(ts, pid);
		if (err)
			return err;
		ts->threads = threads;
		listed = true;
		out->n_tasks = first;
	}
	for (i = 0; i < ts->n; i++) {
		struct task_ent *e = &ts->ents[i];
		struct snap_task *t = snapshot_add_task(out, pid, e->tid);

		if (!t)
			return -ENOMEM;
		if (read_ent(ts, pid, e, t) == 0) {
			t->pid = pid;
			t->tid = e->tid;
			continue;
		}
		/* That thread ended: another may have started. */
		if (!listed)
			goto again;
		out->n_tasks--;
	}
	return 0;
}

int tasks_read_process(struct task_set **ts, struct snap_proc *sp,
		       char prev, bool ran, unsigned *wait_age, bool threads,
		       struct snapshot *out)
{
	int err;

	if (tasks_wait_due(prev, sp->state, ran, wait_age))
		tasks_wait_read(sp->pid, sp->pid, &sp->wait);
	if (!threads || sp->state == 'Z')
		return 0;
	sp->tasks_listed = true;
	if (sp->threads <= 1 && (!*ts || !task_set_count(*ts)))
		return 0;
	if (!*ts && !(*ts = task_set_new()))
		return -ENOMEM;
	err = task_set_read(*ts, sp->pid, sp->threads, out);
	if (err == -ESRCH)
		sp->tasks_listed = false;
	return err == -ENOMEM ? err : 0;
}
