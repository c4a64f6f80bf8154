/*
 * viz/core/snapshot.c - growable arrays for struct snapshot.
 */
#include "viz/core/snapshot.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void snapshot_init(struct snapshot *s)
{
	memset(s, 0, sizeof(*s));
}

void snapshot_clear(struct snapshot *s)
{
	free(s->procs);
	free(s->vanished);
	free(s->tasks);
	snapshot_init(s);
}

void snapshot_reset(struct snapshot *s, int64_t t_ms, bool full)
{
	s->t_ms = t_ms;
	s->full = full;
	s->n_procs = 0;
	s->n_vanished = 0;
	s->n_tasks = 0;
}

static int grow(void **arr, size_t *cap, size_t need, size_t elem)
{
	size_t ncap;
	void *p;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	while (ncap < need)
		ncap *= 2;
	p = realloc(*arr, ncap * elem);
	if (!p)
		return -ENOMEM;
	*arr = p;
	*cap = ncap;
	return 0;
}

struct snap_proc *snapshot_add_proc(struct snapshot *s, int pid)
{
	struct snap_proc *p;

	if (grow((void **)&s->procs, &s->cap_procs, s->n_procs + 1,
		 sizeof(*s->procs)))
		return NULL;
	p = &s->procs[s->n_procs++];
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	p->exit_code = -1;
	return p;
}

int snapshot_add_vanished(struct snapshot *s, int pid, int exit_code,
			  int reaped_by)
{
	struct snap_vanished *v;

	if (grow((void **)&s->vanished, &s->cap_vanished, s->n_vanished + 1,
		 sizeof(*s->vanished)))
		return -ENOMEM;
	v = &s->vanished[s->n_vanished++];
	v->pid = pid;
	v->exit_code = exit_code;
	v->reaped_by = reaped_by;
	return 0;
}

struct snap_task *snapshot_add_task(struct snapshot *s, int pid, int tid)
{
	struct snap_task *t;

	if (grow((void **)&s->tasks, &s->cap_tasks, s->n_tasks + 1,
		 sizeof(*s->tasks)))
		return NULL;
	t = &s->tasks[s->n_tasks++];
	memset(t, 0, sizeof(*t));
	t->pid = pid;
	t->tid = tid;
	return t;
}
