/*
 * sched/policy_table.c - the list of policies, in display order.  Adding
 * a policy: write sched/policy_NAME.c (defining `const struct
 * sched_policy sched_policy_NAME`, its name field the user's spelling)
 * and add one line X(NAME, "spelling") here.
 */
#include <string.h>

#include "common/i18n.h"
#include "sched/policy.h"

#define SCHED_POLICY_TABLE(X)		\
	X(fcfs, "fcfs")			\
	X(sjf, "sjf")			\
	X(srtf, "srtf")			\
	X(rr, "rr")			\
	X(prio, "prio")			\
	X(pprio, "pprio")		\
	X(prio_rr, "prio-rr")		\
	X(hrrn, "hrrn")			\
	X(mlfq, "mlfq")			\
	X(lottery, "lottery")		\
	X(stride, "stride")		\
	X(cfs, "cfs")			\
	X(procrun, "procrun")

#define DECLARE(id, name) extern const struct sched_policy sched_policy_##id;
#define ADDRESS(id, name) &sched_policy_##id,
#define NAME(id, name) name,

SCHED_POLICY_TABLE(DECLARE)

static const struct sched_policy *const policies[] = {
	SCHED_POLICY_TABLE(ADDRESS) NULL,
};

const char *const sched_policy_names[] = {
	SCHED_POLICY_TABLE(NAME) NULL,
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

	return p ? _(p->describe) : NULL;
}

bool sched_policy_exists(const char *name)
{
	return sched_policy_find(name) != NULL;
}

bool sched_policy_state_table(const char *name)
{
	const struct sched_policy *p = sched_policy_find(name);

	return p && p->state_table;
}

bool sched_policy_has_levels(const char *name)
{
	const struct sched_policy *p = sched_policy_find(name);

	return p && p->has_levels;
}

bool sched_policy_in_all(const char *name)
{
	const struct sched_policy *p = sched_policy_find(name);

	return p && !p->state_table;
}
