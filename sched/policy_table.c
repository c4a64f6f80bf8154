/*
 * sched/policy_table.c - the list of policies.  Adding a policy: write
 * sched/policy_NAME.c, declare it in policy.h, add it here and its name
 * to sched_policy_names (same order).
 */
#include <string.h>

#include "sched/policy.h"

static const struct sched_policy *const policies[] = {
	&sched_policy_fcfs,
	&sched_policy_sjf,
	&sched_policy_srtf,
	&sched_policy_rr,
	&sched_policy_prio,
	&sched_policy_pprio,
	&sched_policy_prio_rr,
	&sched_policy_hrrn,
	&sched_policy_mlfq,
	&sched_policy_lottery,
	&sched_policy_stride,
	&sched_policy_cfs,
	NULL,
};

const char *const sched_policy_names[] = {
	"fcfs", "sjf", "srtf", "rr", "prio", "pprio", "prio-rr", "hrrn",
	"mlfq", "lottery", "stride", "cfs", NULL,
};

const struct sched_policy *sched_policy_find(const char *name)
{
	for (int i = 0; name && policies[i]; i++)
		if (strcmp(policies[i]->name, name) == 0)
			return policies[i];
	return NULL;
}

const char *sched_policy_describe(const char *name)
{
	const struct sched_policy *p = sched_policy_find(name);

	return p ? p->describe : NULL;
}

bool sched_policy_exists(const char *name)
{
	return sched_policy_find(name) != NULL;
}
