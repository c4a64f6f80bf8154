/*
 * sched/workload.c - workload data: init, clear, add, copy.
 *
 * The parsers (workload_parse.c) and the random generator
 * (workload_random.c) build on these.  A workload owns its jobs and each
 * job owns its bursts array.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sched/sched.h"

void sched_workload_init(struct sched_workload *w)
{
	w->jobs = NULL;
	w->njobs = 0;
	w->cap = 0;
}

void sched_workload_clear(struct sched_workload *w)
{
	for (int i = 0; i < w->njobs; i++)
		free(w->jobs[i].bursts);
	free(w->jobs);
	sched_workload_init(w);
}

int sched_workload_add(struct sched_workload *w, const struct sched_job *job)
{
	struct sched_job *slot;
	long *bursts;

	if (!job || job->nbursts < 1 || !job->bursts)
		return -EINVAL;
	if (w->njobs == w->cap) {
		int ncap = w->cap ? w->cap * 2 : 16;
		struct sched_job *nj;

		if (ncap < w->cap)
			return -ENOMEM;
		nj = realloc(w->jobs, (size_t)ncap * sizeof(*nj));
		if (!nj)
			return -ENOMEM;
		w->jobs = nj;
		w->cap = ncap;
	}
	bursts = malloc((size_t)job->nbursts * sizeof(*bursts));
	if (!bursts)
		return -ENOMEM;
	memcpy(bursts, job->bursts, (size_t)job->nbursts * sizeof(*bursts));
	slot = &w->jobs[w->njobs++];
	*slot = *job;
	slot->name[SCHED_NAME_MAX - 1] = '\0';
	slot->bursts = bursts;
	return 0;
}

int sched_workload_copy(struct sched_workload *dst,
			const struct sched_workload *src)
{
	sched_workload_init(dst);
	for (int i = 0; i < src->njobs; i++) {
		int rc = sched_workload_add(dst, &src->jobs[i]);

		if (rc) {
			sched_workload_clear(dst);
			return rc;
		}
	}
	return 0;
}

void sched_workload_set_io_length(struct sched_workload *w, long io)
{
	for (int i = 0; i < w->njobs; i++)
		for (int b = 1; b < w->jobs[i].nbursts; b += 2)
			if (w->jobs[i].bursts[b] == SCHED_IO_UNSET)
				w->jobs[i].bursts[b] = io;
}
