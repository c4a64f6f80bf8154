/*
 * viz/core/model_tasks.c - the tasks of the model (threads mode): threads
 * other than a process's main one, as model.h describes them.
 */
#include "viz/core/model.h"
#include "viz/core/model_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- tasks (threads mode, model.h) -------------------------------------- */

static struct model_proc *task_hash_find(const struct model *m, int tid)
{
	struct model_proc *t;

	for (t = m->task_hash[model_hash_slot(tid)]; t; t = t->hash_next)
		if (t->tid == tid)
			return t;
	return NULL;
}

static void task_hash_del(struct model *m, struct model_proc *t)
{
	struct model_proc **pp = &m->task_hash[model_hash_slot(t->tid)];

	for (; *pp; pp = &(*pp)->hash_next) {
		if (*pp == t) {
			*pp = t->hash_next;
			t->hash_next = NULL;
			return;
		}
	}
}

/* A task reading as a process reading, for the shared rules. */
static void task_as_proc(struct snap_proc *sp, const struct snap_task *t,
			 const struct model_proc *proc)
{
	memset(sp, 0, sizeof(*sp));
	sp->pid = t->pid;
	sp->ppid = t->pid;
	sp->pgid = proc->pgid;
	sp->sid = proc->sid;
	sp->state = t->state;
	sp->threads = 1;
	sp->start_ticks = t->start_ticks;
	sp->cpu_ticks = t->cpu_ticks;
	sp->has_schedstat = t->has_schedstat;
	sp->run_ns = t->run_ns;
	sp->wait_ns = t->wait_ns;
	sp->exit_code = -1;
	memcpy(sp->comm, t->comm, sizeof(sp->comm));
	sp->comm[sizeof(sp->comm) - 1] = '\0';
	sp->wait = t->wait;
}

static void tasks_trim(struct model *m)
{
	size_t i;

	while (m->n_dead_tasks > MODEL_MAX_DEAD_TASKS) {
		for (i = 0; i < m->n_tasks; i++)
			if (m->tasks[i]->gone_ms >= 0)
				break;
		if (i == m->n_tasks)
			return;
		free(m->tasks[i]);
		memmove(&m->tasks[i], &m->tasks[i + 1],
			(m->n_tasks - i - 1) * sizeof(*m->tasks));
		m->n_tasks--;
		m->n_dead_tasks--;
	}
}

/* The thread @t ended: an exit event with its tid; kept for display. */
static int task_end(struct model *m, struct model_proc *t, int64_t t_ms)
{
	struct model_event *ev = model_event_push(m, MODEL_EV_EXIT, t_ms, t);

	task_hash_del(m, t);
	t->state = MODEL_ST_GONE;
	t->gone_ms = t_ms;
	t->run_pm = 0;
	t->wait_pm = 0;
	t->wait = WAIT_NONE;
	model_hist_push(t, t_ms);
	m->n_dead_tasks++;
	if (!ev)
		return -ENOMEM;
	ev->u.exit.status = -1;
	ev->u.exit.signal = -1;
	model_event_log(m, ev);
	return 0;
}

/* Every live task of process @pid ended (it exited or vanished). */
int model_tasks_end(struct model *m, int pid, int64_t t_ms)
{
	size_t i;
	int err = 0;

	for (i = 0; i < m->n_tasks; i++)
		if (m->tasks[i]->pid == pid && m->tasks[i]->gone_ms < 0 &&
		    task_end(m, m->tasks[i], t_ms))
			err = -ENOMEM;
	tasks_trim(m);
	return err;
}

static struct model_proc *task_new(struct model *m,
				   const struct model_proc *proc,
				   const struct snap_task *t, int64_t t_ms)
{
	struct model_proc *tp;
	struct model_event *ev;
	struct snap_proc sp;

	if (m->n_tasks == m->cap_tasks) {
		size_t ncap = m->cap_tasks ? m->cap_tasks * 2 : 32;
		void *np = realloc(m->tasks, ncap * sizeof(*m->tasks));

		if (!np)
			return NULL;
		m->tasks = np;
		m->cap_tasks = ncap;
	}
	tp = calloc(1, sizeof(*tp));
	if (!tp)
		return NULL;
	task_as_proc(&sp, t, proc);
	tp->pid = t->pid;
	tp->tid = t->tid;
	tp->start_ticks = t->start_ticks;
	tp->first_ms = t_ms;
	tp->zombie_ms = -1;
	tp->gone_ms = -1;
	tp->exit_status = -1;
	tp->exit_signal = -1;
	tp->state = model_derive_state(tp, &sp, t_ms, true);
	model_proc_take(tp, &sp, t_ms);
	model_insert_born(m->tasks, &m->n_tasks, tp);
	tp->hash_next = m->task_hash[model_hash_slot(tp->tid)];
	m->task_hash[model_hash_slot(tp->tid)] = tp;
	ev = model_event_push(m, MODEL_EV_SPAWN, t_ms, tp);
	if (ev) {
		ev->u.spawn.state = tp->state;
		model_event_log(m, ev);
	}
	model_hist_push(tp, t_ms);
	return tp;
}

static int task_update(struct model *m, struct model_proc *tp,
		       const struct model_proc *proc,
		       const struct snap_task *t, int64_t t_ms)
{
	enum model_state from = tp->state, st;
	enum wait_kind from_wait = tp->wait;
	struct model_event *ev;
	struct snap_proc sp;

	task_as_proc(&sp, t, proc);
	st = model_derive_state(tp, &sp, t_ms, false);
	if (strncmp(sp.comm, tp->comm, sizeof(tp->comm))) {
		memcpy(tp->comm, sp.comm, sizeof(tp->comm));
		ev = model_event_push(m, MODEL_EV_EXEC, t_ms, tp);
		if (!ev)
			return -ENOMEM;
		ev->u.exec.renamed = true;
		ev->u.exec.seen = MODEL_EXEC_RENAME;
		model_event_log(m, ev);
	}
	model_proc_take(tp, &sp, t_ms);
	tp->state = st;
	if ((st != from || model_rewaited(tp, from, from_wait)) &&
	    model_emit_state(m, tp, t_ms, from))
		return -ENOMEM;
	model_hist_push(tp, t_ms);
	return 0;
}

/*
 * The tasks of a snapshot: new ones, updates, then the threads no longer
 * listed by a process whose listing this snapshot has (mark and sweep).
 */
static void task_birth_key(const void *arg, size_t i, uint64_t *start,
			   int *id)
{
	const struct snap_task *t = &((const struct snapshot *)arg)->tasks[i];

	*start = t->start_ticks;
	*id = t->tid;
}

int model_tasks_apply(struct model *m, const struct snapshot *s)
{
	struct model_proc *tp, *proc;
	const size_t *order;
	size_t i;
	int err = 0;

	m->gen++;
	for (i = 0; i < s->n_procs; i++)
		if (s->procs[i].tasks_listed &&
		    (proc = model_hash_find(m, s->procs[i].pid)))
			proc->seen_gen = m->gen;
	/* In birth order, as the processes (model.h). */
	order = model_birth_order(m, s->n_tasks, task_birth_key, s);
	if (!order)
		return -ENOMEM;
	for (i = 0; i < s->n_tasks; i++) {
		const struct snap_task *t = &s->tasks[order[i]];

		proc = model_hash_find(m, t->pid);
		if (!proc || t->tid == t->pid || proc->zombie_ms >= 0)
			continue;
		tp = task_hash_find(m, t->tid);
		if (tp && (tp->start_ticks != t->start_ticks ||
			   tp->pid != t->pid)) {
			err = task_end(m, tp, s->t_ms) ? -ENOMEM : err;
			tp = NULL;
		}
		if (!tp) {
			tp = task_new(m, proc, t, s->t_ms);
			if (!tp) {
				err = -ENOMEM;
				continue;
			}
		} else if (task_update(m, tp, proc, t, s->t_ms)) {
			err = -ENOMEM;
		}
		tp->seen_gen = m->gen;
		if (tp->state == MODEL_ST_ZOMBIE && task_end(m, tp, s->t_ms))
			err = -ENOMEM;
	}
	for (i = 0; i < m->n_tasks; i++) {
		tp = m->tasks[i];
		if (tp->gone_ms >= 0 || tp->seen_gen == m->gen)
			continue;
		proc = model_hash_find(m, tp->pid);
		if ((!proc || proc->seen_gen == m->gen) &&
		    task_end(m, tp, s->t_ms))
			err = -ENOMEM;
	}
	tasks_trim(m);
	return err;
}

size_t model_task_count(const struct model *m)
{
	return m->n_tasks;
}

const struct model_proc *model_task_at(const struct model *m, size_t i)
{
	return i < m->n_tasks ? m->tasks[i] : NULL;
}

const struct model_proc *model_find_task(const struct model *m, int tid)
{
	return task_hash_find(m, tid);
}

