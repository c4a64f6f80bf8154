/*
 * viz/core/sampler.c - read tracked processes from /proc (see sampler.h).
 *
 * The one file that includes <libproc2/...>.  A full libproc2 reap
 * opens, reads and closes several files per process; re-reading kept-open
 * stat and schedstat files with pread() costs only what the kernel charges
 * for formatting them (`make bench` measures both), so per-sample reads
 * are done here and
 * libproc2 serves the whole-system listing (descendant discovery), where
 * its single pass over /proc is what we need.  Field positions follow
 * proc(5); results of procps_pids_reap() are copied out at once.
 */
#include "viz/core/sampler.h"
#include "viz/core/procstat.h"

#include "viz/core/tasks.h"

#include <libproc2/pids.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

struct sproc {
	int pid;
	int stat_fd;		/* /proc/PID/stat, kept open; -1: by path */
	int sched_fd;		/* /proc/PID/schedstat; -1: by path */
	int children_fd;	/* /proc/PID/task/PID/children; -1: by path */
	bool no_sched;		/* no schedstat (kernel without it) */
	int threads;
	int ppid;		/* at the last reading, for parent_comm */
	bool cmd_stale;		/* re-read the command line */
	bool exec_seen;		/* exec reported since the last reading */
	bool zombie;
	bool read_once;		/* the fields below are valid */
	bool has_sched;		/* last schedstat read worked */
	bool force;		/* next reading must be a full one */
	uint64_t cpu_ticks;	/* at the last reading */
	uint64_t run_ns, wait_ns;	/* at the last schedstat read */
	uint64_t pcount;	/* schedstat: times scheduled in, ditto */
	struct snap_proc last;	/* the last full reading */
	char comm[SNAP_COMM_LEN];
	char parent_comm[SNAP_COMM_LEN];
	unsigned wait_age;	/* tasks_wait_due() */
	struct task_set *tasks;	/* owned; threads mode */
};

struct sampler {
	struct sproc *procs;	/* owned */
	size_t n, cap;
	int *slots;		/* owned: open-addressing index, value i + 1 */
	size_t nslots;		/* power of two, >= 2 * cap */
	bool follow_children;
	bool threads;		/* threads mode: read every task */
	unsigned long samples;	/* full samples taken */
	unsigned long generation;	/* bumped at every track/untrack */
	sampler_track_fn hook;		/* sampler_set_track_hook */
	void *hook_arg;			/* borrowed */
	char buf[8192];
};

/* Every this many samples, every process gets a full reading. */
#define SAMPLER_FULL_EVERY 10

/* --- pid index ------------------------------------------------------------ */

static size_t slot_of(const struct sampler *s, int pid)
{
	return ((unsigned)pid * 2654435761u) & (s->nslots - 1);
}

static void index_rebuild(struct sampler *s)
{
	size_t i, h;

	memset(s->slots, 0, s->nslots * sizeof(*s->slots));
	for (i = 0; i < s->n; i++) {
		for (h = slot_of(s, s->procs[i].pid); s->slots[h];
		     h = (h + 1) & (s->nslots - 1))
			;
		s->slots[h] = (int)i + 1;
	}
}

static struct sproc *find(const struct sampler *s, int pid)
{
	size_t h;

	if (!s->nslots)
		return NULL;
	for (h = slot_of(s, pid); s->slots[h]; h = (h + 1) & (s->nslots - 1))
		if (s->procs[s->slots[h] - 1].pid == pid)
			return &s->procs[s->slots[h] - 1];
	return NULL;
}

static int reserve(struct sampler *s, size_t need)
{
	size_t ncap, nslots;
	void *p;

	if (need <= s->cap)
		return 0;
	ncap = s->cap ? s->cap * 2 : 64;
	while (ncap < need)
		ncap *= 2;
	p = realloc(s->procs, ncap * sizeof(*s->procs));
	if (!p)
		return -ENOMEM;
	s->procs = p;
	nslots = ncap * 2;
	p = calloc(nslots, sizeof(*s->slots));
	if (!p)
		return -ENOMEM;
	free(s->slots);
	s->slots = p;
	s->nslots = nslots;
	s->cap = ncap;
	index_rebuild(s);
	return 0;
}

/* --- life cycle ----------------------------------------------------------- */

struct sampler *sampler_new(void)
{
	return calloc(1, sizeof(struct sampler));
}

static void sproc_close(struct sproc *p)
{
	if (p->stat_fd >= 0)
		close(p->stat_fd);
	if (p->sched_fd >= 0)
		close(p->sched_fd);
	if (p->children_fd >= 0)
		close(p->children_fd);
	task_set_free(p->tasks);
}

void sampler_free(struct sampler *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->n; i++)
		sproc_close(&s->procs[i]);
	free(s->procs);
	free(s->slots);
	free(s);
}

void sampler_set_follow_children(struct sampler *s, bool on)
{
	s->follow_children = on;
}

void sampler_set_threads(struct sampler *s, bool on)
{
	s->threads = on;
}

/* File descriptors left free for everything else (and by-path reads). */
#define SAMPLER_FD_RESERVE 32

/*
 * Keep @fd open only while plenty of descriptors remain; otherwise close
 * it and return -1: the file is then read by path each time, slower but
 * complete (a fork bomb of a lesson must not starve procviz of fds).
 */
static int keep_fd(int fd)
{
	struct rlimit rl;

	if (fd < 0 || getrlimit(RLIMIT_NOFILE, &rl) ||
	    rl.rlim_cur == RLIM_INFINITY ||
	    (rlim_t)fd + SAMPLER_FD_RESERVE < rl.rlim_cur)
		return fd;
	close(fd);
	return -1;
}

static int open_proc(int pid, const char *what)
{
	char path[160];

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, what);
	return open(path, O_RDONLY | O_CLOEXEC);
}

int sampler_track(struct sampler *s, int pid)
{
	struct sproc *p;
	int fd, err;

	if (pid <= 0)
		return -ESRCH;
	if (find(s, pid))
		return -EEXIST;
	err = reserve(s, s->n + 1);
	if (err)
		return err;
	fd = open_proc(pid, "stat");
	if (fd < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	p = &s->procs[s->n];
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	p->stat_fd = keep_fd(fd);
	p->sched_fd = -1;
	if (p->stat_fd >= 0) {
		p->sched_fd = open_proc(pid, "schedstat");
		p->no_sched = p->sched_fd < 0 && errno == ENOENT;
		p->sched_fd = keep_fd(p->sched_fd);
	}
	p->children_fd = -1;
	p->ppid = -1;
	p->cmd_stale = true;
	s->n++;
	s->generation++;
	index_rebuild(s);
	if (s->hook)
		s->hook(pid, true, s->hook_arg);
	return 0;
}

void sampler_set_track_hook(struct sampler *s, sampler_track_fn fn,
			    void *arg)
{
	s->hook = fn;
	s->hook_arg = arg;
}

bool sampler_tracking(const struct sampler *s, int pid)
{
	return find(s, pid) != NULL;
}

size_t sampler_count(const struct sampler *s)
{
	return s->n;
}

void sampler_exec_hint(struct sampler *s, int pid)
{
	struct sproc *p = find(s, pid);

	if (p) {
		p->cmd_stale = true;
		p->exec_seen = true;
	}
}

void sampler_untrack(struct sampler *s, int pid)
{
	struct sproc *p = find(s, pid);
	size_t i;

	if (!p)
		return;
	if (s->hook)
		s->hook(pid, false, s->hook_arg);
	i = (size_t)(p - s->procs);
	sproc_close(p);
	memmove(&s->procs[i], &s->procs[i + 1],
		(s->n - i - 1) * sizeof(*s->procs));
	s->n--;
	s->generation++;
	index_rebuild(s);
}

size_t sampler_pids(const struct sampler *s, int *out, size_t max)
{
	size_t i;

	for (i = 0; i < s->n && i < max; i++)
		out[i] = s->procs[i].pid;
	return s->n;
}

unsigned long sampler_generation(const struct sampler *s)
{
	return s->generation;
}

/* --- parsing -------------------------------------------------------------- */

/*
 * Parse /proc/PID/stat in buf into @out (procstat.c reads the fields).
 * Returns 0 or -EINVAL.  The exit code is only set when the kernel shows
 * one (a zombie, a task being reaped).
 */
static int parse_stat(const char *buf, struct snap_proc *out)
{
	struct procstat ps;

	if (procstat_parse(buf, &ps))
		return -EINVAL;
	memcpy(out->comm, ps.comm, sizeof(out->comm));
	out->state = ps.state;
	out->ppid = ps.ppid;
	out->pgid = ps.pgid;
	out->sid = ps.sid;
	out->tty_nr = ps.tty_nr;
	out->cpu_ticks = ps.cpu_ticks;
	out->threads = ps.threads;
	out->start_ticks = ps.start_ticks;
	if (ps.exit_code >= 0)
		out->exit_code = ps.exit_code;
	return 0;
}

static ssize_t pread_all(int fd, char *buf, size_t len)
{
	ssize_t r = pread(fd, buf, len - 1, 0);

	if (r >= 0)
		buf[r] = '\0';
	return r;
}

/* Read a small /proc file by path into buf (NUL-terminated); -errno. */
static ssize_t read_path(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t r;

	if (fd < 0)
		return -errno;
	r = read(fd, buf, len - 1);
	if (r < 0)
		r = -errno;
	else
		buf[r] = '\0';
	close(fd);
	return r;
}

static ssize_t read_path_of(int pid, const char *what, char *buf, size_t len)
{
	char path[160];

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, what);
	return read_path(path, buf, len);
}

/* Re-read a kept-open file, or by path when it could not be kept. */
static ssize_t reread(int fd, int pid, const char *what, char *buf,
		      size_t len)
{
	if (fd >= 0)
		return pread_all(fd, buf, len);
	return read_path_of(pid, what, buf, len);
}

static void read_cmdline(int pid, struct snap_proc *out)
{
	char path[64];
	ssize_t r, i;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	r = read_path(path, out->cmdline, sizeof(out->cmdline));
	if (r <= 0) {
		out->cmdline[0] = '\0';
		out->cmdline_valid = false;
		return;
	}
	while (r > 0 && out->cmdline[r - 1] == '\0')
		r--;
	for (i = 0; i < r; i++)
		if (out->cmdline[i] == '\0')
			out->cmdline[i] = ' ';
	out->cmdline[r] = '\0';
	out->cmdline_valid = r > 0;
}

static void read_parent_comm(struct sproc *p, int ppid)
{
	char path[64];
	ssize_t r;

	p->parent_comm[0] = '\0';
	if (ppid <= 0)
		return;
	snprintf(path, sizeof(path), "/proc/%d/comm", ppid);
	r = read_path(path, p->parent_comm, sizeof(p->parent_comm));
	if (r <= 0) {
		p->parent_comm[0] = '\0';
		return;
	}
	if (p->parent_comm[r - 1] == '\n')
		p->parent_comm[r - 1] = '\0';
}

/* Mark the tracked children of @ppid for a full reading (re-parenting). */
static void force_children(struct sampler *s, int ppid)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->procs[i].ppid == ppid)
			s->procs[i].force = true;
}

static bool read_schedstat(struct sampler *s, struct sproc *p,
			   struct snap_proc *sp, uint64_t *pcount)
{
	const char *q = s->buf;

	if (p->no_sched ||
	    reread(p->sched_fd, p->pid, "schedstat", s->buf, sizeof(s->buf)) <= 0)
		return false;
	sp->run_ns = procstat_num(&q);
	sp->wait_ns = procstat_num(&q);
	*pcount = procstat_num(&q);
	sp->has_schedstat = true;
	return true;
}

/*
 * The quick reading: a single-threaded process that was not runnable at
 * its last full reading and has not been scheduled in since (schedstat's
 * run time and count unchanged) cannot have changed state, name, command
 * line, threads, CPU time or children: it has not run.  Reading schedstat
 * alone costs about half of stat.  Its parent can change without it
 * running (the parent exits): force_children() and the periodic full
 * reading cover that.  Not seen this way: a process woken but not yet
 * given a CPU still reads as blocked until it runs (a few ms).
 * Returns 1 if @out got the quick reading, 0 to do a full one (schedstat
 * already in *pre), -ESRCH if it vanished, -ENOMEM.
 */
static int read_quick(struct sampler *s, struct sproc *p,
		      struct snapshot *out, struct snap_proc *pre,
		      uint64_t *pcount, bool *have_pre)
{
	struct snap_proc *sp;

	*have_pre = false;
	if (!p->read_once || p->force || p->cmd_stale || p->no_sched ||
	    p->last.threads > 1 || p->last.state == 'R' || !p->has_sched)
		return 0;
	if (!read_schedstat(s, p, pre, pcount))
		return -ESRCH;
	*have_pre = true;
	if (*pcount != p->pcount || pre->run_ns != p->run_ns)
		return 0;
	sp = snapshot_add_proc(out, p->pid);
	if (!sp)
		return -ENOMEM;
	*sp = p->last;
	sp->cmdline_valid = false;
	sp->wait.read = false;		/* it has not run: same wait */
	sp->tasks_listed = false;
	sp->wait_ns = pre->wait_ns;
	p->wait_ns = pre->wait_ns;
	return 1;
}

/*
 * The schedstat figures of @sp.  schedstat costs as much again as stat,
 * and only tells running from ready.  @pre: a quick reading already has
 * them.  A process that is not runnable now and whose CPU time did not
 * grow since the last reading ran and waited very little: keep its
 * previous figures (the small growth is counted at the next read).
 */
static void read_one_sched(struct sampler *s, struct sproc *p,
			   struct snap_proc *sp, const struct snap_proc *pre,
			   uint64_t *pcount)
{
	if (pre) {
		sp->run_ns = pre->run_ns;
		sp->wait_ns = pre->wait_ns;
		sp->has_schedstat = true;
	} else if (p->read_once && sp->state != 'R' &&
		   sp->cpu_ticks == p->cpu_ticks) {
		sp->run_ns = p->run_ns;
		sp->wait_ns = p->wait_ns;
		sp->has_schedstat = p->has_sched;
	} else if (!read_schedstat(s, p, sp, pcount)) {
		sp->has_schedstat = false;
	}
}

static void read_one_keep(struct sampler *s, struct sproc *p,
			  struct snap_proc *sp, uint64_t pcount);

/*
 * Read @p into a new entry of @out; with @quick, a quick reading where
 * it is enough (*was_quick then true).  Returns 0, -ESRCH if it
 * vanished, -ENOMEM.
 */
static int read_one(struct sampler *s, struct sproc *p, struct snapshot *out,
		    bool quick, bool *was_quick)
{
	struct snap_proc *sp, pre;
	uint64_t pcount = p->pcount;
	bool have_pre = false;
	ssize_t r;
	int err;

	*was_quick = false;
	if (quick) {
		err = read_quick(s, p, out, &pre, &pcount, &have_pre);
		if (err < 0) {
			force_children(s, p->pid);
			return err;
		}
		if (err == 1) {
			*was_quick = true;
			return 0;
		}
	}
	r = reread(p->stat_fd, p->pid, "stat", s->buf, sizeof(s->buf));
	if (r <= 0) {
		force_children(s, p->pid);
		return -ESRCH;
	}
	sp = snapshot_add_proc(out, p->pid);
	if (!sp)
		return -ENOMEM;
	/* A recycled pid (possible only when read by path) is not ours. */
	if (parse_stat(s->buf, sp) ||
	    (p->read_once && sp->start_ticks != p->last.start_ticks)) {
		out->n_procs--;
		force_children(s, p->pid);
		return -ESRCH;
	}
	read_one_sched(s, p, sp, have_pre ? &pre : NULL, &pcount);
	/* What the main thread sleeps in (its own schedstat count says
	 * whether it ran); threads mode: the other threads (tasks.h). */
	err = tasks_read_process(&p->tasks, sp, p->read_once ?
				 p->last.state : 0, !p->read_once ||
				 (sp->has_schedstat ? pcount != p->pcount :
				  sp->cpu_ticks != p->cpu_ticks),
				 &p->wait_age, s->threads, out);
	if (err)
		return err;
	read_one_keep(s, p, sp, pcount);
	return 0;
}

/* Remember what @sp read of @p for the next reading; fill in what only
 * the sampler knows (the parent's name, the command line, exec seen). */
static void read_one_keep(struct sampler *s, struct sproc *p,
			  struct snap_proc *sp, uint64_t pcount)
{
	p->read_once = true;
	p->force = false;
	p->cpu_ticks = sp->cpu_ticks;
	p->run_ns = sp->run_ns;
	p->wait_ns = sp->wait_ns;
	p->pcount = pcount;
	p->has_sched = sp->has_schedstat;
	/*
	 * A task being released (reaped this instant) reports ppid 0: it is
	 * still the child of the parent we knew.
	 */
	if (sp->ppid == 0 && p->ppid > 0)
		sp->ppid = p->ppid;
	if (sp->ppid != p->ppid) {
		read_parent_comm(p, sp->ppid);
		p->ppid = sp->ppid;
	}
	memcpy(sp->parent_comm, p->parent_comm, sizeof(sp->parent_comm));
	if (sp->state != 'Z' &&
	    (p->cmd_stale || strncmp(p->comm, sp->comm, sizeof(p->comm)))) {
		read_cmdline(p->pid, sp);
		p->cmd_stale = false;
	}
	memcpy(p->comm, sp->comm, sizeof(p->comm));
	p->threads = sp->threads;
	if (sp->state == 'Z' && !p->zombie)
		force_children(s, p->pid);
	p->zombie = sp->state == 'Z';
	sp->exec_seen = p->exec_seen;
	p->exec_seen = false;
	p->last = *sp;
	p->last.exec_seen = false;
}

/* Track every pid listed in a children file's text ("12 13 ..."). */
static int track_listed(struct sampler *s, const char *text)
{
	const char *q = text;
	int added = 0;

	while (*q) {
		long pid = strtol(q, (char **)&q, 10);

		if (pid <= 0)
			break;
		if (!find(s, (int)pid) && sampler_track(s, (int)pid) == 0)
			added++;
		while (*q == ' ' || *q == '\n')
			q++;
	}
	return added;
}

/*
 * Track the children of procs[i] (its main thread's children file; for a
 * multi-threaded process, every thread's).  @i, not a pointer: tracking
 * may move the array.
 */
static void find_children(struct sampler *s, size_t i)
{
	struct sproc *p = &s->procs[i];
	char path[96];
	int pid = p->pid, tid;

	if (p->zombie)
		return;
	snprintf(path, sizeof(path), "task/%d/children", pid);
	if (p->children_fd < 0 && p->stat_fd >= 0)
		p->children_fd = keep_fd(open_proc(pid, path));
	if (reread(p->children_fd, pid, path, s->buf, sizeof(s->buf)) > 0)
		track_listed(s, s->buf);
	if (s->procs[i].threads > 1) {
		DIR *d;
		struct dirent *de;

		snprintf(path, sizeof(path), "/proc/%d/task", pid);
		d = opendir(path);
		if (!d)
			return;
		while ((de = readdir(d))) {
			tid = atoi(de->d_name);
			if (tid <= 0 || tid == pid)
				continue;
			snprintf(path, sizeof(path), "/proc/%d/task/%d/children",
				 pid, tid);
			if (read_path(path, s->buf, sizeof(s->buf)) > 0)
				track_listed(s, s->buf);
		}
		closedir(d);
	}
}

int sampler_sample(struct sampler *s, struct snapshot *out, int64_t t_ms)
{
	bool quick = s->samples++ % SAMPLER_FULL_EVERY != 0, was_quick;
	size_t i;
	int err;

	snapshot_reset(out, t_ms, true);
	for (i = 0; i < s->n;) {
		err = read_one(s, &s->procs[i], out, quick, &was_quick);
		if (err == -ENOMEM)
			return err;
		if (err == -ESRCH) {
			if (snapshot_add_vanished(out, s->procs[i].pid, -1, 0))
				return -ENOMEM;
			sampler_untrack(s, s->procs[i].pid);
			continue;
		}
		/*
		 * New children are appended and read in this same pass.  A
		 * process that has not run cannot have forked.
		 */
		if (s->follow_children && !was_quick)
			find_children(s, i);
		i++;
	}
	return 0;
}

int sampler_sample_one(struct sampler *s, int pid, struct snapshot *out,
		       int exit_code)
{
	struct sproc *p = find(s, pid);
	bool was_quick;
	int err;

	if (!p)
		return 0;
	err = read_one(s, p, out, false, &was_quick);
	if (err == -ESRCH) {
		sampler_untrack(s, pid);
		if (snapshot_add_vanished(out, pid, exit_code, 0))
			return -ENOMEM;
	}
	return err;
}

int sampler_sample_children(struct sampler *s, int ppid,
			    struct snapshot *out)
{
	size_t i;
	int n = 0, pid, err;

	for (i = 0; i < s->n;) {
		if (s->procs[i].ppid != ppid) {
			i++;
			continue;
		}
		pid = s->procs[i].pid;
		err = sampler_sample_one(s, pid, out, -1);
		if (err == -ENOMEM)
			return err;
		n++;
		if (err == 0)
			i++;		/* else untracked: i is the next one */
	}
	return n;
}

/* --- whole-system listing (libproc2) --------------------------------------- */

struct pid_pair {
	int pid, ppid;
};

int sampler_scan_descendants(struct sampler *s)
{
	enum pids_item items[] = { PIDS_ID_PID, PIDS_ID_PPID };
	struct pids_info *info = NULL;
	struct pids_fetch *fetch;
	struct pid_pair *pairs;
	int n, i, added = 0, err;
	bool more;

	err = procps_pids_new(&info, items, 2);
	if (err < 0)
		return err;
	fetch = procps_pids_reap(info, PIDS_FETCH_TASKS_ONLY);
	if (!fetch) {
		procps_pids_unref(&info);
		return -errno ? -errno : -EIO;
	}
	n = fetch->counts->total;
	pairs = calloc((size_t)n + 1, sizeof(*pairs));
	if (!pairs) {
		procps_pids_unref(&info);
		return -ENOMEM;
	}
	/* Copy out at once: the results belong to libproc2. */
	for (i = 0; i < n; i++) {
		pairs[i].pid = fetch->stacks[i]->head[0].result.s_int;
		pairs[i].ppid = fetch->stacks[i]->head[1].result.s_int;
	}
	procps_pids_unref(&info);

	/* Fixpoint: a child may be listed before its parent. */
	do {
		more = false;
		for (i = 0; i < n; i++) {
			if (pairs[i].pid <= 0 || !find(s, pairs[i].ppid) ||
			    find(s, pairs[i].pid))
				continue;
			if (sampler_track(s, pairs[i].pid) == 0) {
				added++;
				more = true;
			}
			pairs[i].pid = 0;
		}
	} while (more);
	free(pairs);
	return added;
}
