/*
 * sched/policy_params.c - what a report says about a policy: its
 * parameters (the policy's params hook, then the options every policy
 * shares) and a short label (the label hook, else the name in capitals).
 * The report and the views ask here instead of testing policy names.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sched/policy.h"

void sched_param_add(struct sched_policy_param *p, int *n, const char *key,
		     const char *fmt, ...)
{
	va_list ap;

	if (*n >= SCHED_PARAM_MAX)
		return;
	p[*n].key = key;
	va_start(ap, fmt);
	vsnprintf(p[*n].value, sizeof(p[*n].value), fmt, ap);
	va_end(ap);
	(*n)++;
}

void sched_param_list(struct sched_policy_param *p, int *n, const char *key,
		      const int *v, int nv)
{
	char *buf;
	size_t len, used = 0;

	if (*n >= SCHED_PARAM_MAX)
		return;
	buf = p[*n].value;
	len = sizeof(p[*n].value);
	used += (size_t)snprintf(buf, len, "[");
	for (int i = 0; i < nv && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%d",
					 i ? "," : "", v[i]);
	if (used < len)
		snprintf(buf + used, len - used, "]");
	p[*n].key = key;
	(*n)++;
}

int sched_policy_params(const char *policy, const struct sched_opts *o,
			struct sched_policy_param *p)
{
	const struct sched_policy *pol = sched_policy_find(policy);
	int n = 0;

	if (!pol)
		return 0;
	if (pol->params)
		n = pol->params(o, p);
	if (o->convention == SCHED_CONV_TEXTBOOK)
		sched_param_add(p, &n, "convention", "\"textbook\"");
	if (o->switch_cost > 0)
		sched_param_add(p, &n, "switch_cost", "%d", o->switch_cost);
	return n;
}

void sched_policy_label(const char *policy, const struct sched_opts *o,
			char *out, size_t len)
{
	const struct sched_policy *pol = sched_policy_find(policy);
	size_t i;

	if (!len)
		return;
	if (pol && pol->label) {
		pol->label(o, out, len);
		return;
	}
	for (i = 0; policy && policy[i] && i < len - 1; i++)
		out[i] = (char)(policy[i] >= 'a' && policy[i] <= 'z' ?
				policy[i] - 'a' + 'A' : policy[i]);
	out[i] = '\0';
}
