/*
 * viz/core/model_int.h - internal to model.c and model_tasks.c: the rules
 * a process and a task share (model.h describes them).  Not for other
 * files.
 */
#ifndef PROCVIZ_VIZ_MODEL_INT_H
#define PROCVIZ_VIZ_MODEL_INT_H

#include "viz/core/model.h"

size_t model_hash_slot(int pid);
struct model_proc *model_hash_find(const struct model *m, int pid);
/* Append to the pending queue (fields of @p copied); NULL on -ENOMEM. */
struct model_event *model_event_push(struct model *m, enum model_event_type type,
			       int64_t t_ms, const struct model_proc *p);
/* Copy the finished event into the log. */
void model_event_log(struct model *m, const struct model_event *ev);
void model_hist_push(struct model_proc *p, int64_t t_ms);
enum model_state model_derive_state(struct model_proc *p,
			      const struct snap_proc *sp, int64_t t_ms,
			      bool first);
void model_proc_take(struct model_proc *p, const struct snap_proc *sp,
	       int64_t t_ms);
/*
 * A task blocked at both readings that now waits for something else (both
 * known): a state event from blocked to blocked, with the new wait.
 */
bool model_rewaited(const struct model_proc *p, enum model_state from,
		    enum wait_kind from_wait);
int model_emit_state(struct model *m, struct model_proc *p, int64_t t_ms,
	       enum model_state from);

/*
 * Insert @p into @arr[0..*n] (room for one more) at its birth-order place
 * (model_birth_cmp): after every element born before it or with it.
 */
void model_insert_born(struct model_proc **arr, size_t *n,
		       struct model_proc *p);
/*
 * The indexes 0..@n-1 of a reading's items in birth order, by @start and
 * @id read through @key (@arg, i); into m->order (grown).  NULL: -ENOMEM.
 */
const size_t *model_birth_order(struct model *m, size_t n,
				void (*key)(const void *arg, size_t i,
					    uint64_t *start, int *id),
				const void *arg);

/* model_tasks.c: every live task of @pid ended.  0/-ENOMEM. */
int model_tasks_end(struct model *m, int pid, int64_t t_ms);
/* model_tasks.c: fold the snapshot's tasks in (model.h).  0/-ENOMEM. */
int model_tasks_apply(struct model *m, const struct snapshot *s);

#endif
