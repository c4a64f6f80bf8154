/*
 * sched/sim_why.c - the why line of an instant, formatted on demand from
 * the compact record (struct sim_why) the engine keeps for the instant.
 */
#include <stdarg.h>
#include <stdio.h>

#include "sched/policy.h"

/* ---- why ---- */

struct wbuf {
	char *buf;
	size_t len, used;
	bool first;
};

static void wput(struct wbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void wput(struct wbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->used >= b->len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->buf + b->used, b->len - b->used, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	b->used += (size_t)n;
	if (b->used >= b->len)
		b->used = b->len - 1;
}

static void wsep(struct wbuf *b)
{
	if (!b->first)
		wput(b, "; ");
	b->first = false;
}

static const char *jname(const struct sched_sim *sim, int job)
{
	return sim->w.jobs[job].name;
}

static void wlist(struct wbuf *b, const struct sched_sim *sim, int n,
		  const int *list)
{
	for (int i = 0; i < n && i < SIM_WHY_LIST; i++)
		wput(b, "%s%s", i ? (i + 1 == n ? " and " : ", ") : "",
		     jname(sim, list[i]));
	if (n > SIM_WHY_LIST)
		wput(b, " and %d more", n - SIM_WHY_LIST);
}

/* "B and C arrived[ and are queued after A (OSTEP order)]" */
static void why_event(struct wbuf *b, const struct sched_sim *sim, int n,
		      const int *list, const char *what, bool order_note)
{
	const struct sim_why *y = &sim->c->why;
	bool textbook = sim->o.convention == SCHED_CONV_TEXTBOOK;

	if (n == 0)
		return;
	wsep(b);
	wlist(b, sim, n, list);
	wput(b, "%s", what);
	if (order_note)
		wput(b, " and %s queued %s %s (%s order)", n > 1 ? "are" : "is",
		     textbook ? "before" : "after", jname(sim, y->closed),
		     textbook ? "textbook" : "OSTEP");
}

/*
 * Longer than most functions here on purpose: it says the five steps of
 * one instant in their order, one block each, so that the sentence reads
 * in the order of the spec's semantics; splitting it would hide that.
 */
const char *sched_sim_why(const struct sched_sim *sim, char *buf, size_t len)
{
	const struct sim_why *y = &sim->c->why;
	struct wbuf b = { buf, len, 0, true };
	bool expired = y->closed_how == SIM_CLOSE_EXPIRED;

	if (!buf || len == 0)
		return buf;
	buf[0] = '\0';
	wput(&b, "t=%ld: ", sim->c->now);
	if (y->closed >= 0) {
		const char *n = jname(sim, y->closed);

		switch (y->closed_how) {
		case SIM_CLOSE_FINISHED:
			wsep(&b);
			wput(&b, "%s finished", n);
			break;
		case SIM_CLOSE_BLOCKED:
			wsep(&b);
			wput(&b, "%s started IO until %ld", n, y->blocked_until);
			break;
		case SIM_CLOSE_EXPIRED:
			wsep(&b);
			wput(&b, "quantum of %s expired", n);
			if (y->level_to > y->level_from)
				wput(&b, " (demoted to level %d)", y->level_to);
			else if (y->no_demote)
				wput(&b, " (nobody else ready: stays at level %d)",
				     y->level_to);
			break;
		default:
			break;
		}
	}
	if (y->boosted) {
		wsep(&b);
		wput(&b, "priority boost: every job back to level 0");
	}
	/* (the ordering note only between jobs of one queue: MLFQ arrivals
	 * enter level 0, jobs back from IO their own level) */
	why_event(&b, sim, y->narrived, y->arrived, " arrived",
		  expired && (sim->nq == 1 || y->level_to == 0));
	why_event(&b, sim, y->nio, y->io, " finished IO",
		  expired && y->nio && (sim->nq == 1 ||
		  sim->j[y->io[0]].level == y->level_to));
	if (y->niodone) {
		wsep(&b);
		wlist(&b, sim, y->niodone, y->iodone);
		wput(&b, " finished (last burst was IO)");
	}
	wsep(&b);
	switch (y->decision) {
	case SIM_DEC_DONE:
		wput(&b, "all jobs done");
		break;
	case SIM_DEC_IDLE:
		wput(&b, "nothing ready: CPU idle");
		break;
	case SIM_DEC_SWITCHING:
		wput(&b, "context switch to %s: CPU idle (%ld more)",
		     jname(sim, y->chosen), sim->c->switch_left);
		break;
	case SIM_DEC_CONTINUE:
		wput(&b, "%s continues", jname(sim, y->chosen));
		break;
	case SIM_DEC_PREEMPT:
		wput(&b, "%s preempts %s", jname(sim, y->chosen),
		     jname(sim, y->preempted));
		break;
	default:
		wput(&b, "%s runs%s", jname(sim, y->chosen),
		     y->after_switch ? " after the context switch" : "");
		break;
	}
	if (y->chosen >= 0 && y->decision != SIM_DEC_SWITCHING &&
	    y->decision != SIM_DEC_CONTINUE && !y->after_switch &&
	    sim->pol->explain) {
		char tmp[128];

		tmp[0] = '\0';
		sim->pol->explain(sim, y->chosen, tmp, sizeof(tmp));
		if (tmp[0])
			wput(&b, " (%s)", tmp);
	}
	if (y->switch_started)
		wput(&b, "; context switch: CPU idle for %d tick%s",
		     sim->o.switch_cost, sim->o.switch_cost == 1 ? "" : "s");
	return buf;
}
