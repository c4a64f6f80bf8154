/*
 * sched/opts.c - simulation options: the spec's defaults and validation.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "common/i18n.h"
#include "sched/policy.h"

void sched_opts_init(struct sched_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->quantum = 4;
	o->convention = SCHED_CONV_OSTEP;
	o->switch_cost = 0;
	o->prio_high_first = false;
	o->seed = 0;
	o->draws = NULL;
	o->ndraws = 0;
	o->stride_big = 10000;
	o->mlfq_levels = 3;
	for (int i = 0; i < SCHED_MLFQ_MAX; i++) {
		o->mlfq_quanta[i] = 10;
		o->mlfq_allot[i] = 0;	/* one quantum of its level */
	}
	o->mlfq_boost = 0;
}

int sched_opts_check(const struct sched_opts *o, char *err, size_t errlen)
{
	const char *what = NULL;

	if (o->quantum < 1)
		what = N_("quantum must be at least 1");
	else if (o->switch_cost < 0)
		what = N_("switch cost must not be negative");
	else if (o->stride_big < 1)
		what = N_("stride big number must be at least 1");
	else if (o->mlfq_levels < 1 || o->mlfq_levels > SCHED_MLFQ_MAX)
		what = N_("mlfq levels must be 1..16");
	else if (o->mlfq_boost < 0)
		what = N_("mlfq boost must not be negative");
	else if (o->ndraws < 0 || (o->ndraws > 0 && !o->draws))
		what = N_("lottery draws are missing");
	else if (o->convention != SCHED_CONV_OSTEP &&
		 o->convention != SCHED_CONV_TEXTBOOK)
		what = N_("unknown convention");
	for (int i = 0; !what && i < o->mlfq_levels; i++) {
		if (o->mlfq_quanta[i] < 1)
			what = N_("mlfq quanta must be at least 1");
		else if (o->mlfq_allot[i] < 0)
			what = N_("mlfq allotments must not be negative");
	}
	for (int i = 0; !what && i < o->ndraws; i++)
		if (o->draws[i] < 0)
			what = N_("lottery draws must not be negative");
	if (what) {
		if (err && errlen)
			snprintf(err, errlen, "%s", _(what));
		return -EINVAL;
	}
	return 0;
}

long sched_mlfq_allot(const struct sched_opts *o, int level)
{
	return o->mlfq_allot[level] > 0 ? o->mlfq_allot[level]
					: o->mlfq_quanta[level];
}
