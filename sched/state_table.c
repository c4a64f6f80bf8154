/*
 * sched/state_table.c - process-run's state table of a simulation: one
 * row per tick with every job's state, the CPU and the IOs in flight.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "sched/policy.h"

const char *sched_pr_word(enum sched_pr_state s)
{
	static const char *const words[] = {
		[SCHED_PR_NEW] = "NEW",
		[SCHED_PR_READY] = "READY",
		[SCHED_PR_RUN_CPU] = "RUN:cpu",
		[SCHED_PR_RUN_IO] = "RUN:io",
		[SCHED_PR_RUN_IO_DONE] = "RUN:io_done",
		[SCHED_PR_BLOCKED] = "BLOCKED",
		[SCHED_PR_DONE] = "DONE",
	};

	return (unsigned)s < sizeof(words) / sizeof(words[0]) ? words[s] : "?";
}

enum sched_pr_state sched_sim_pr_state(const struct sched_sim *sim, int job)
{
	const char *ins = sched_sim_job_instr(sim, job);

	if (ins)
		return strcmp(ins, "io") == 0 ? SCHED_PR_RUN_IO :
		       strcmp(ins, "io_done") == 0 ? SCHED_PR_RUN_IO_DONE :
		       SCHED_PR_RUN_CPU;
	switch (sched_sim_job_state(sim, job)) {
	case SCHED_JOB_NEW:
		return SCHED_PR_NEW;
	case SCHED_JOB_BLOCKED:
		return SCHED_PR_BLOCKED;
	case SCHED_JOB_DONE:
		return SCHED_PR_DONE;
	default:
		return SCHED_PR_READY;
	}
}

/* Row @t from the simulation standing at instant t. */
static void fill_row(const struct sched_sim *sim, struct sched_pr_table *t,
		     long row)
{
	const struct sim_why *why = &sim->c->why;
	int ios = 0;

	for (int j = 0; j < t->njobs; j++) {
		unsigned char c = (unsigned char)sched_sim_pr_state(sim, j);

		t->cells[row * t->njobs + j] = c;
		ios += c == SCHED_PR_BLOCKED;
	}
	t->cpu[row] = sched_sim_running(sim) >= 0;
	t->ios[row] = ios;
	t->io_done[row] = why->nio + why->niodone > 0;
	t->cpu_busy += t->cpu[row];
	t->io_busy += ios > 0;
}

int sched_pr_table_build(const struct sched_workload *w, const char *policy,
			 const struct sched_opts *o,
			 struct sched_pr_table *out, char *err, size_t errlen)
{
	struct sched_sim *sim;
	long end;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	sim = sched_sim_new(w, policy, o, err, errlen);
	if (!sim)
		return -EINVAL;
	end = sched_sim_end(sim);
	if (end < 0 || (double)end * (w->njobs ? w->njobs : 1) >
		       SCHED_PR_CELLS_MAX) {
		snprintf(err, errlen, _("the state table would have %ld rows "
					"of %d jobs: too large to show"),
			 end, w->njobs);
		sched_sim_free(sim);
		return end < 0 ? -ENOMEM : -E2BIG;
	}
	out->njobs = w->njobs;
	out->nrows = end;
	out->cells = malloc((size_t)(end ? end : 1) * (size_t)w->njobs);
	out->cpu = malloc((size_t)(end ? end : 1));
	out->ios = malloc((size_t)(end ? end : 1) * sizeof(int));
	out->io_done = malloc((size_t)(end ? end : 1));
	if (!out->cells || !out->cpu || !out->ios || !out->io_done) {
		snprintf(err, errlen, "%s", _("out of memory"));
		rc = -ENOMEM;
	}
	for (long r = 0; !rc && r < end; r++) {
		fill_row(sim, out, r);
		if (sched_sim_step(sim) < 0)
			rc = -ENOMEM;
	}
	sched_sim_free(sim);
	if (rc)
		sched_pr_table_free(out);
	return rc;
}

void sched_pr_table_free(struct sched_pr_table *t)
{
	free(t->cells);
	free(t->cpu);
	free(t->ios);
	free(t->io_done);
	memset(t, 0, sizeof(*t));
}
