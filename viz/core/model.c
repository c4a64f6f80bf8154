/*
 * viz/core/model.c - tracked processes, history rings, event derivation.
 *
 * The rules (states, running vs ready, event order) are documented in
 * viz/core/model.h; this file implements exactly those.
 */
#include "viz/core/model.h"
#include "viz/core/model_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t model_hash_slot(int pid)
{
	return (size_t)((unsigned)pid * 2654435761u) % MODEL_HASH_SIZE;
}

struct model_proc *model_hash_find(const struct model *m, int pid)
{
	struct model_proc *p;

	for (p = m->hash[model_hash_slot(pid)]; p; p = p->hash_next)
		if (p->pid == pid)
			return p;
	return NULL;
}

static void hash_add(struct model *m, struct model_proc *p)
{
	size_t h = model_hash_slot(p->pid);

	p->hash_next = m->hash[h];
	m->hash[h] = p;
}

static void hash_del(struct model *m, struct model_proc *p)
{
	struct model_proc **pp = &m->hash[model_hash_slot(p->pid)];

	for (; *pp; pp = &(*pp)->hash_next) {
		if (*pp == p) {
			*pp = p->hash_next;
			p->hash_next = NULL;
			return;
		}
	}
}

int model_init(struct model *m)
{
	memset(m, 0, sizeof(*m));
	m->log = calloc(MODEL_LOG_LEN, sizeof(*m->log));
	return m->log ? 0 : -ENOMEM;
}

void model_clear(struct model *m)
{
	size_t i;

	for (i = 0; i < m->n_procs; i++)
		free(m->procs[i]);
	free(m->procs);
	for (i = 0; i < m->n_tasks; i++)
		free(m->tasks[i]);
	free(m->tasks);
	free(m->pending);
	free(m->log);
	free(m->order);
	memset(m, 0, sizeof(*m));
}

const char *model_state_name(enum model_state st)
{
	switch (st) {
	case MODEL_ST_RUNNING:
		return "running";
	case MODEL_ST_READY:
		return "ready";
	case MODEL_ST_BLOCKED:
		return "blocked";
	case MODEL_ST_STOPPED:
		return "stopped";
	case MODEL_ST_ZOMBIE:
		return "zombie";
	case MODEL_ST_GONE:
		return "gone";
	}
	return "?";
}

char model_state_letter(enum model_state st)
{
	static const char letters[] = "RrBTZ-";

	return (unsigned)st < sizeof(letters) - 1 ? letters[st] : '?';
}

const char *model_event_name(enum model_event_type t)
{
	static const char *const names[] = {
		[MODEL_EV_SPAWN] = "spawn",	[MODEL_EV_EXEC] = "exec",
		[MODEL_EV_STATE] = "state",	[MODEL_EV_THREADS] = "threads",
		[MODEL_EV_EXIT] = "exit",	[MODEL_EV_REAP] = "reap",
		[MODEL_EV_REPARENT] = "reparent", [MODEL_EV_GONE] = "gone",
		[MODEL_EV_NOTE] = "note",
	};

	return (unsigned)t < sizeof(names) / sizeof(names[0]) ? names[t] : "?";
}

const char *model_exec_seen_name(enum model_exec_seen seen)
{
	static const char *const names[] = {
		[MODEL_EXEC_SEEN] = "exec",	[MODEL_EXEC_CMDLINE] = "cmdline",
		[MODEL_EXEC_RENAME] = "rename",	[MODEL_EXEC_COMM] = "comm",
	};

	return (unsigned)seen < sizeof(names) / sizeof(names[0]) ?
		       names[seen] : "?";
}

/*
 * What an exec event may claim: the connector's report, a new command
 * line, the same command line read again (a rename), or nothing more than
 * the new name (the command line was not read: exec or rename).
 */
static enum model_exec_seen exec_seen_of(const struct snap_proc *sp,
					 bool cmd_changed, bool zombie)
{
	if (sp->exec_seen)
		return MODEL_EXEC_SEEN;
	if (cmd_changed)
		return MODEL_EXEC_CMDLINE;
	if (sp->cmdline_valid && !zombie)
		return MODEL_EXEC_RENAME;
	return MODEL_EXEC_COMM;
}

/* Append to the pending queue and the log; NULL on -ENOMEM. */
struct model_event *model_event_push(struct model *m, enum model_event_type type,
			       int64_t t_ms, const struct model_proc *p)
{
	struct model_event *ev;

	if (m->n_pending == m->cap_pending) {
		size_t ncap = m->cap_pending ? m->cap_pending * 2 : 64;
		void *np = realloc(m->pending, ncap * sizeof(*m->pending));

		if (!np)
			return NULL;
		m->pending = np;
		m->cap_pending = ncap;
	}
	ev = &m->pending[m->n_pending++];
	memset(ev, 0, sizeof(*ev));
	ev->type = type;
	ev->t_ms = t_ms;
	if (p) {
		ev->pid = p->pid;
		ev->tid = p->tid;
		ev->ppid = p->ppid;
		ev->start_ticks = p->start_ticks;
		memcpy(ev->comm, p->comm, sizeof(ev->comm));
		if (p->state == MODEL_ST_BLOCKED) {
			ev->wait = p->wait;
			memcpy(ev->syscall, p->syscall, sizeof(ev->syscall));
			memcpy(ev->fd, p->fd, sizeof(ev->fd));
			memcpy(ev->wchan, p->wchan, sizeof(ev->wchan));
		}
	}
	m->events_total++;
	return ev;
}

/* Copy the finished event into the log ring (after its fields are set). */
void model_event_log(struct model *m, const struct model_event *ev)
{
	size_t slot;

	if (m->log_n < MODEL_LOG_LEN) {
		slot = (m->log_head + m->log_n) % MODEL_LOG_LEN;
		m->log_n++;
	} else {
		slot = m->log_head;
		m->log_head = (m->log_head + 1) % MODEL_LOG_LEN;
	}
	m->log[slot] = *ev;
}

static void exit_decode(int code, int *status, int *sig)
{
	*status = -1;
	*sig = -1;
	if (code < 0)
		return;
	if (code & 0x7f)
		*sig = code & 0x7f;
	else
		*status = (code >> 8) & 0xff;
}

enum model_state model_state_from_letter(char c)
{
	switch (c) {
	case 'R':
		return MODEL_ST_RUNNING;
	case 'Z':
	case 'X':
	case 'x':
		return MODEL_ST_ZOMBIE;
	case 'T':
	case 't':
		return MODEL_ST_STOPPED;
	default:
		return MODEL_ST_BLOCKED;
	}
}

static uint16_t permille(uint64_t part_ns, int64_t interval_ms)
{
	uint64_t whole;

	if (interval_ms <= 0)
		return 0;
	whole = (uint64_t)interval_ms * 1000000u;
	if (part_ns >= whole)
		return 1000;
	return (uint16_t)(part_ns * 1000 / whole);
}

void model_hist_push(struct model_proc *p, int64_t t_ms)
{
	struct model_hist *h;

	if (p->hist_n < MODEL_HIST_LEN) {
		h = &p->hist[(p->hist_head + p->hist_n) % MODEL_HIST_LEN];
		p->hist_n++;
	} else {
		h = &p->hist[p->hist_head];
		p->hist_head = (p->hist_head + 1) % MODEL_HIST_LEN;
	}
	h->t_ms = t_ms;
	h->state = (uint8_t)p->state;
	h->run_pm = p->run_pm;
	h->wait_pm = p->wait_pm;
}

/*
 * Derive the state of @sp relative to the previous reading of @p (NULL at
 * first sight) and set p's run/wait shares.  See model.h for the rule.
 */
enum model_state model_derive_state(struct model_proc *p,
			      const struct snap_proc *sp, int64_t t_ms,
			      bool first)
{
	enum model_state st = model_state_from_letter(sp->state);
	uint64_t run = 0, wait = 0;
	int64_t interval = first ? 0 : t_ms - p->last_ms;
	bool have_deltas = !first && interval > 0;

	if (have_deltas && sp->has_schedstat && p->has_schedstat) {
		run = sp->run_ns >= p->run_ns ? sp->run_ns - p->run_ns : 0;
		wait = sp->wait_ns >= p->wait_ns ? sp->wait_ns - p->wait_ns : 0;
		p->run_pm = permille(run, interval);
		p->wait_pm = permille(wait, interval);
	} else if (have_deltas) {
		/* Ticks only: all or nothing. */
		run = sp->cpu_ticks > p->cpu_ticks;
		p->run_pm = run ? 1000 : 0;
		p->wait_pm = (!run && st == MODEL_ST_RUNNING) ? 1000 : 0;
		wait = p->wait_pm != 0;
	} else {
		p->run_pm = 0;
		p->wait_pm = 0;
	}
	if (st == MODEL_ST_RUNNING && wait > run)
		st = MODEL_ST_READY;
	return st;
}

/*
 * What @p sleeps in (model.h "Waits"): new raw facts when the reading has
 * them, kept otherwise, cleared once it is not blocked; the word follows.
 */
static void wait_take(struct model_proc *p, const struct snap_wait *w,
		      char letter)
{
	if (model_state_from_letter(letter) != MODEL_ST_BLOCKED) {
		p->syscall[0] = p->fd[0] = p->wchan[0] = '\0';
		p->wait = WAIT_NONE;
		return;
	}
	if (w->read) {
		snprintf(p->syscall, sizeof(p->syscall), "%s", w->syscall);
		snprintf(p->fd, sizeof(p->fd), "%s", w->fd);
		snprintf(p->wchan, sizeof(p->wchan), "%s",
			 wait_wchan_known(w->wchan) ? w->wchan : "");
	}
	p->wait = wait_classify(letter, p->syscall, p->fd, p->wchan);
}

/*
 * The fields a model process and a snapshot's process share, name for
 * name: model_proc_take() copies them in, model_proc_give() back out.
 */
#define MODEL_SNAP_SHARED(X) \
	X(ppid) X(pgid) X(sid) X(tty_nr) X(threads) X(cpu_ticks) \
	X(has_schedstat) X(run_ns) X(wait_ns)

void model_proc_take(struct model_proc *p, const struct snap_proc *sp,
	       int64_t t_ms)
{
#define MODEL_TAKE(f) p->f = sp->f;
	MODEL_SNAP_SHARED(MODEL_TAKE)
#undef MODEL_TAKE
	p->raw_state = sp->state;
	if (sp->threads > p->max_threads)
		p->max_threads = sp->threads;
	p->last_ms = t_ms;
	memcpy(p->comm, sp->comm, sizeof(p->comm));
	p->comm[sizeof(p->comm) - 1] = '\0';
	if (sp->cmdline_valid) {
		memcpy(p->cmdline, sp->cmdline, sizeof(p->cmdline));
		p->cmdline[sizeof(p->cmdline) - 1] = '\0';
	}
	wait_take(p, &sp->wait, sp->state);
}

/* model.h; the reverse of model_proc_take() above. */
void model_proc_give(const struct model_proc *p, struct snap_proc *sp)
{
#define MODEL_GIVE(f) sp->f = p->f;
	MODEL_SNAP_SHARED(MODEL_GIVE)
#undef MODEL_GIVE
	sp->state = p->raw_state ? p->raw_state : 'R';
	sp->start_ticks = p->start_ticks;
	memcpy(sp->comm, p->comm, sizeof(sp->comm));
	sp->cmdline_valid = true;	/* the same program */
	memcpy(sp->cmdline, p->cmdline, sizeof(sp->cmdline));
}

/*
 * Whether the name of @sp, a process first seen, is one of its own
 * (model.h "Names"): announced, or read and not its parent's (as read
 * with it, or as the model knows it).  No parent known: nothing says the
 * name is inherited.
 */
static bool name_is_own(const struct model *m, const struct snap_proc *sp)
{
	const struct model_proc *parent;

	if (sp->comm_from != SNAP_COMM_READ)
		return sp->comm_from == SNAP_COMM_ANNOUNCED;
	if (sp->parent_comm[0] &&
	    !strncmp(sp->comm, sp->parent_comm, SNAP_COMM_LEN))
		return false;
	parent = model_hash_find(m, sp->ppid);
	return !parent || strncmp(sp->comm, parent->comm, SNAP_COMM_LEN);
}

/* Whether the name of @sp is news for @p, known (model.h "Names"). */
static bool name_applies(const struct model_proc *p,
			 const struct snap_proc *sp)
{
	switch (sp->comm_from) {
	case SNAP_COMM_READ:
		return true;
	case SNAP_COMM_ANNOUNCED:
		return !p->named;
	default:
		return false;
	}
}

static int emit_exit(struct model *m, struct model_proc *p, int64_t t_ms,
		     int code)
{
	struct model_event *ev = model_event_push(m, MODEL_EV_EXIT, t_ms, p);

	if (!ev)
		return -ENOMEM;
	if (code >= 0)
		exit_decode(code, &p->exit_status, &p->exit_signal);
	ev->u.exit.status = p->exit_status;
	ev->u.exit.signal = p->exit_signal;
	model_event_log(m, ev);
	return 0;
}

bool model_rewaited(const struct model_proc *p, enum model_state from,
		    enum wait_kind from_wait)
{
	return from == MODEL_ST_BLOCKED && p->state == MODEL_ST_BLOCKED &&
	       from_wait != WAIT_NONE && p->wait != WAIT_NONE &&
	       p->wait != from_wait;
}

int model_emit_state(struct model *m, struct model_proc *p, int64_t t_ms,
	       enum model_state from)
{
	struct model_event *ev = model_event_push(m, MODEL_EV_STATE, t_ms, p);

	if (!ev)
		return -ENOMEM;
	ev->u.state.from = from;
	ev->u.state.to = p->state;
	model_event_log(m, ev);
	return 0;
}

static void drop_oldest_dead(struct model *m)
{
	size_t i;

	for (i = 0; i < m->n_procs; i++) {
		if (m->procs[i]->gone_ms >= 0) {
			free(m->procs[i]);
			memmove(&m->procs[i], &m->procs[i + 1],
				(m->n_procs - i - 1) * sizeof(*m->procs));
			m->n_procs--;
			m->n_dead--;
			return;
		}
	}
}

/* @p left /proc: reap (seen as zombie) or exit + gone. */
static int proc_vanish(struct model *m, struct model_proc *p, int64_t t_ms,
		       int exit_code, int reaped_by)
{
	struct model_event *ev;
	int err = model_tasks_end(m, p->pid, t_ms);

	if (p->zombie_ms >= 0) {
		ev = model_event_push(m, MODEL_EV_REAP, t_ms, p);
		if (ev) {
			ev->u.reap.by = reaped_by > 0 ? reaped_by : p->ppid;
			ev->u.reap.zombie_ms = t_ms - p->zombie_ms;
			model_event_log(m, ev);
		} else {
			err = -ENOMEM;
		}
		if (m->zombies)
			m->zombies--;
	} else {
		err = emit_exit(m, p, t_ms, exit_code);
		ev = model_event_push(m, MODEL_EV_GONE, t_ms, p);
		if (ev)
			model_event_log(m, ev);
		else
			err = -ENOMEM;
	}
	hash_del(m, p);
	p->state = MODEL_ST_GONE;
	p->gone_ms = t_ms;
	p->run_pm = 0;
	p->wait_pm = 0;
	model_hist_push(p, t_ms);
	m->n_dead++;
	while (m->n_dead > MODEL_MAX_DEAD)
		drop_oldest_dead(m);
	return err;
}

static int proc_new(struct model *m, const struct snap_proc *sp,
		    int64_t t_ms)
{
	struct model_proc *p;
	struct model_event *ev;
	int err = 0;

	if (m->n_procs == m->cap_procs) {
		size_t ncap = m->cap_procs ? m->cap_procs * 2 : 32;
		void *np = realloc(m->procs, ncap * sizeof(*m->procs));

		if (!np)
			return -ENOMEM;
		m->procs = np;
		m->cap_procs = ncap;
	}
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->pid = sp->pid;
	p->start_ticks = sp->start_ticks;
	p->first_ms = t_ms;
	p->zombie_ms = -1;
	p->gone_ms = -1;
	p->exit_status = -1;
	p->exit_signal = -1;
	p->state = model_derive_state(p, sp, t_ms, true);
	model_proc_take(p, sp, t_ms);
	p->named = name_is_own(m, sp);
	model_insert_born(m->procs, &m->n_procs, p);
	hash_add(m, p);
	m->processes++;

	ev = model_event_push(m, MODEL_EV_SPAWN, t_ms, p);
	if (!ev)
		return -ENOMEM;
	/* First seen as a zombie: it ran, then exited (events below). */
	ev->u.spawn.state = p->state == MODEL_ST_ZOMBIE ? MODEL_ST_RUNNING :
							    p->state;
	model_event_log(m, ev);
	if (p->state == MODEL_ST_ZOMBIE) {
		/* Seen only after it exited: it ran, then became a zombie. */
		p->zombie_ms = t_ms;
		m->zombies++;
		err = emit_exit(m, p, t_ms, sp->exit_code);
		if (!err)
			err = model_emit_state(m, p, t_ms, MODEL_ST_RUNNING);
	}
	model_hist_push(p, t_ms);
	return err;
}

static int proc_update(struct model *m, struct model_proc *p,
		       const struct snap_proc *sp, int64_t t_ms)
{
	enum model_state from = p->state, st;
	enum wait_kind from_wait = p->wait;
	struct model_event *ev;
	struct snap_proc older;
	bool cmd_changed;

	if (!name_applies(p, sp)) {
		/* Older news of its name or program than the model's. */
		older = *sp;
		memcpy(older.comm, p->comm, sizeof(older.comm));
		older.cmdline_valid = false;
		older.exec_seen = false;
		sp = &older;
	}
	st = model_derive_state(p, sp, t_ms, false);
	if (sp->ppid != p->ppid) {
		ev = model_event_push(m, MODEL_EV_REPARENT, t_ms, p);
		if (!ev)
			return -ENOMEM;
		ev->u.reparent.from = p->ppid;
		ev->u.reparent.to = sp->ppid;
		ev->ppid = sp->ppid;
		memcpy(ev->u.reparent.to_comm, sp->parent_comm,
		       sizeof(ev->u.reparent.to_comm));
		ev->u.reparent.to_comm[SNAP_COMM_LEN - 1] = '\0';
		model_event_log(m, ev);
	}
	cmd_changed = sp->cmdline_valid && st != MODEL_ST_ZOMBIE &&
		      strncmp(sp->cmdline, p->cmdline, sizeof(p->cmdline));
	if (strncmp(sp->comm, p->comm, sizeof(p->comm)) || cmd_changed ||
	    sp->exec_seen) {
		p->named = true;
		memcpy(p->comm, sp->comm, sizeof(p->comm));
		p->comm[sizeof(p->comm) - 1] = '\0';
		if (cmd_changed)
			memcpy(p->cmdline, sp->cmdline, sizeof(p->cmdline));
		p->cmdline[sizeof(p->cmdline) - 1] = '\0';
		ev = model_event_push(m, MODEL_EV_EXEC, t_ms, p);
		if (!ev)
			return -ENOMEM;
		memcpy(ev->u.exec.cmdline, p->cmdline, sizeof(p->cmdline));
		ev->u.exec.seen = exec_seen_of(sp, cmd_changed,
					       st == MODEL_ST_ZOMBIE);
		ev->u.exec.renamed = ev->u.exec.seen == MODEL_EXEC_RENAME;
		/* Not read since the change: the old one is not its own. */
		if (ev->u.exec.seen == MODEL_EXEC_COMM ||
		    (ev->u.exec.seen == MODEL_EXEC_SEEN && !cmd_changed &&
		     (!sp->cmdline_valid || st == MODEL_ST_ZOMBIE))) {
			p->cmdline[0] = '\0';
			ev->u.exec.cmdline[0] = '\0';
		}
		model_event_log(m, ev);
	}
	if (sp->threads != p->threads && st != MODEL_ST_ZOMBIE &&
	    sp->threads > 0) {
		ev = model_event_push(m, MODEL_EV_THREADS, t_ms, p);
		if (!ev)
			return -ENOMEM;
		ev->u.threads.from = p->threads;
		ev->u.threads.count = sp->threads;
		model_event_log(m, ev);
	}
	/* A zombie keeps its last command line and thread count. */
	if (st == MODEL_ST_ZOMBIE) {
		struct snap_proc z = *sp;

		z.cmdline_valid = false;
		z.threads = p->threads;
		model_proc_take(p, &z, t_ms);
	} else {
		model_proc_take(p, sp, t_ms);
	}
	p->state = st;
	if (st == MODEL_ST_ZOMBIE && p->zombie_ms < 0) {
		p->zombie_ms = t_ms;
		m->zombies++;
		if (model_tasks_end(m, p->pid, t_ms) ||
		    emit_exit(m, p, t_ms, sp->exit_code))
			return -ENOMEM;
	}
	if ((st != from || model_rewaited(p, from, from_wait)) &&
	    model_emit_state(m, p, t_ms, from))
		return -ENOMEM;
	model_hist_push(p, t_ms);
	return 0;
}

int model_birth_cmp(uint64_t start_a, int id_a, uint64_t start_b, int id_b)
{
	if (start_a != start_b)
		return start_a < start_b ? -1 : 1;
	return id_a < id_b ? -1 : id_a > id_b;
}

void model_insert_born(struct model_proc **arr, size_t *n,
		       struct model_proc *p)
{
	size_t k = *n;

	/* Readings come mostly in birth order: the place is near the end. */
	while (k > 0 && model_birth_cmp(arr[k - 1]->start_ticks,
					arr[k - 1]->tid ? arr[k - 1]->tid :
					arr[k - 1]->pid, p->start_ticks,
					p->tid ? p->tid : p->pid) > 0)
		k--;
	memmove(&arr[k + 1], &arr[k], (*n - k) * sizeof(*arr));
	arr[k] = p;
	(*n)++;
}

const size_t *model_birth_order(struct model *m, size_t n,
				void (*key)(const void *arg, size_t i,
					    uint64_t *start, int *id),
				const void *arg)
{
	size_t i, k;

	if (n > m->cap_order) {
		size_t *no = realloc(m->order, n * sizeof(*no));

		if (!no)
			return NULL;
		m->order = no;
		m->cap_order = n;
	}
	/*
	 * Insertion sort: /proc lists pids ascending, which is birth order
	 * but for a wrapped pid or a reading's late additions, so each item
	 * moves a step or two at most.
	 */
	for (i = 0; i < n; i++) {
		uint64_t si, sk;
		int ii, ik;

		key(arg, i, &si, &ii);
		for (k = i; k > 0; k--) {
			key(arg, m->order[k - 1], &sk, &ik);
			if (model_birth_cmp(sk, ik, si, ii) <= 0)
				break;
			m->order[k] = m->order[k - 1];
		}
		m->order[k] = i;
	}
	return m->order;
}

static void proc_birth_key(const void *arg, size_t i, uint64_t *start,
			   int *id)
{
	const struct snap_proc *sp = &((const struct snapshot *)arg)->procs[i];

	*start = sp->start_ticks;
	*id = sp->pid;
}

int model_apply(struct model *m, const struct snapshot *s)
{
	struct model_proc *p;
	const size_t *order;
	size_t i;
	int err = 0, e;

	order = model_birth_order(m, s->n_procs, proc_birth_key, s);
	if (!order)
		return -ENOMEM;
	for (i = 0; i < s->n_procs; i++) {
		const struct snap_proc *sp = &s->procs[order[i]];

		p = model_hash_find(m, sp->pid);
		if (p && p->start_ticks != sp->start_ticks) {
			/* The pid was recycled: the old process is gone. */
			e = proc_vanish(m, p, s->t_ms, -1, 0);
			err = err ? err : e;
			p = NULL;
		}
		e = p ? proc_update(m, p, sp, s->t_ms) :
			proc_new(m, sp, s->t_ms);
		err = err ? err : e;
	}
	for (i = 0; i < s->n_vanished; i++) {
		p = model_hash_find(m, s->vanished[i].pid);
		if (!p)
			continue;
		e = proc_vanish(m, p, s->t_ms, s->vanished[i].exit_code,
				s->vanished[i].reaped_by);
		err = err ? err : e;
	}
	e = model_tasks_apply(m, s);
	err = err ? err : e;
	if (m->zombies > m->max_zombies)
		m->max_zombies = m->zombies;
	if (s->t_ms > m->last_t_ms)
		m->last_t_ms = s->t_ms;
	return err;
}

int model_note(struct model *m, int64_t t_ms, const char *text)
{
	struct model_event *ev = model_event_push(m, MODEL_EV_NOTE, t_ms, NULL);

	if (!ev)
		return -ENOMEM;
	snprintf(ev->u.note.text, sizeof(ev->u.note.text), "%s",
		 text ? text : "");
	model_event_log(m, ev);
	return 0;
}

size_t model_pending(const struct model *m, const struct model_event **out)
{
	*out = m->pending;
	return m->n_pending;
}

void model_pending_clear(struct model *m)
{
	m->n_pending = 0;
}

size_t model_log_count(const struct model *m)
{
	return m->log_n;
}

const struct model_event *model_log_get(const struct model *m, size_t i)
{
	if (i >= m->log_n)
		return NULL;
	return &m->log[(m->log_head + i) % MODEL_LOG_LEN];
}

size_t model_count(const struct model *m)
{
	return m->n_procs;
}

const struct model_proc *model_proc_at(const struct model *m, size_t i)
{
	return i < m->n_procs ? m->procs[i] : NULL;
}

const struct model_proc *model_find(const struct model *m, int pid)
{
	return model_hash_find(m, pid);
}

const struct model_hist *model_proc_hist(const struct model_proc *p,
					 size_t i)
{
	if (i >= p->hist_n)
		return NULL;
	return &p->hist[(p->hist_head + i) % MODEL_HIST_LEN];
}

size_t model_alive(const struct model *m)
{
	return m->n_procs - m->n_dead;
}
