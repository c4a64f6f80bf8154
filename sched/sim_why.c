/*
 * sched/sim_why.c - the why line of an instant, formatted on demand from
 * the compact record (struct sim_why) the engine keeps for the instant.
 *
 * The line is for people, in the class's language (common/i18n.h): each
 * clause is one whole sentence to translate, with the jobs' names (and a
 * list of them) as its arguments; the clauses are joined by "; ".  Output
 * that must not depend on the locale (JSON) asks for it under the C
 * locale (viz/core/report_sched.c).
 */
#include <stdarg.h>
#include <stdio.h>

#include "common/i18n.h"
#include "sched/policy.h"

/* ---- why ---- */

struct wbuf {
	char *buf;
	size_t len, used;
	bool first;
};

static void wvput(struct wbuf *b, const char *fmt, va_list ap)
{
	int n;

	if (b->used >= b->len)
		return;
	n = vsnprintf(b->buf + b->used, b->len - b->used, fmt, ap);
	if (n < 0)
		return;
	b->used += (size_t)n;
	if (b->used >= b->len)
		b->used = b->len - 1;
}

/* Append @fmt as it is (no words of its own to translate). */
static void wput(struct wbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void wput(struct wbuf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	wvput(b, fmt, ap);
	va_end(ap);
}

/* Append the clause @fmt, translated before it is formatted. */
static void wsay(struct wbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void wsay(struct wbuf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	wvput(b, _(fmt), ap);
	va_end(ap);
}

static void wsep(struct wbuf *b)
{
	if (!b->first)
		/* TRANSLATORS: between two clauses of a why line. */
		wput(b, "%s", _("; "));
	b->first = false;
}

static const char *jname(const struct sched_sim *sim, int job)
{
	return sim->w.jobs[job].name;
}

/*
 * The names of @list into out[len]: "A", "A and B", "A, B and C", "A, B,
 * C and D and 2 more".  Names are the workload's own; only the joining
 * words are translated.
 */
static const char *wlist(char *out, size_t len, const struct sched_sim *sim,
			 int n, const int *list)
{
	struct wbuf b = { out, len, 0, true };

	out[0] = '\0';
	for (int i = 0; i < n && i < SIM_WHY_LIST; i++) {
		if (i && i + 1 == n)
			/* TRANSLATORS: before the last name of a list. */
			wput(&b, "%s", _(" and "));
		else if (i)
			/* TRANSLATORS: between two names of a list. */
			wput(&b, "%s", _(", "));
		wput(&b, "%s", jname(sim, list[i]));
	}
	if (n > SIM_WHY_LIST)
		wsay(&b, " and %d more", n - SIM_WHY_LIST);
	return out;
}

/*
 * What happened to the jobs of one kind of event, one sentence each way:
 * [event][note], note: none, queued after (OSTEP), before (textbook), for
 * one job and for several.
 */
enum { WHY_ARRIVED, WHY_BACK_FROM_IO };
static const char *const why_event_msgs[2][5] = {
	[WHY_ARRIVED] = {
		N_("%s arrived"),
		N_("%s arrived and is queued after %s (OSTEP order)"),
		N_("%s arrived and are queued after %s (OSTEP order)"),
		N_("%s arrived and is queued before %s (textbook order)"),
		N_("%s arrived and are queued before %s (textbook order)"),
	},
	[WHY_BACK_FROM_IO] = {
		N_("%s finished IO"),
		N_("%s finished IO and is queued after %s (OSTEP order)"),
		N_("%s finished IO and are queued after %s (OSTEP order)"),
		N_("%s finished IO and is queued before %s (textbook order)"),
		N_("%s finished IO and are queued before %s (textbook "
		   "order)"),
	},
};

/* "B and C arrived[ and are queued after A (OSTEP order)]" */
static void why_event(struct wbuf *b, const struct sched_sim *sim, int n,
		      const int *list, int event, bool order_note)
{
	const struct sim_why *y = &sim->c->why;
	bool textbook = sim->o.convention == SCHED_CONV_TEXTBOOK;
	char names[SIM_WHY_LIST * (SCHED_NAME_MAX + 8) + 64];
	int k = order_note ? 1 + (n > 1) + 2 * textbook : 0;

	if (n == 0)
		return;
	wsep(b);
	wlist(names, sizeof(names), sim, n, list);
	/* the message is one of the table's, marked above */
	wput(b, _(why_event_msgs[event][k]), names,
	     order_note ? jname(sim, y->closed) : "");
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
	wput(&b, "t=%ld: ", sim->c->now);	/* notation, as in the Gantt */
	if (y->closed >= 0) {
		const char *n = jname(sim, y->closed);

		switch (y->closed_how) {
		case SIM_CLOSE_FINISHED:
			wsep(&b);
			wsay(&b, "%s finished", n);
			break;
		case SIM_CLOSE_BLOCKED:
			wsep(&b);
			wsay(&b, "%s started IO until %ld", n,
			     y->blocked_until);
			break;
		case SIM_CLOSE_EXPIRED:
			wsep(&b);
			if (y->level_to > y->level_from)
				wsay(&b, "quantum of %s expired (demoted to "
				     "level %d)", n, y->level_to);
			else if (y->no_demote)
				wsay(&b, "quantum of %s expired (nobody else "
				     "ready: stays at level %d)", n,
				     y->level_to);
			else
				wsay(&b, "quantum of %s expired", n);
			break;
		default:
			break;
		}
	}
	if (y->boosted) {
		wsep(&b);
		wsay(&b, "priority boost: every job back to level 0");
	}
	/* (the ordering note only between jobs of one queue: MLFQ arrivals
	 * enter level 0, jobs back from IO their own level) */
	why_event(&b, sim, y->narrived, y->arrived, WHY_ARRIVED,
		  expired && (sim->nq == 1 || y->level_to == 0));
	why_event(&b, sim, y->nio, y->io, WHY_BACK_FROM_IO,
		  expired && y->nio && (sim->nq == 1 ||
		  sim->j[y->io[0]].level == y->level_to));
	if (y->niodone) {
		char names[SIM_WHY_LIST * (SCHED_NAME_MAX + 8) + 64];

		wsep(&b);
		wsay(&b, "%s finished (last burst was IO)",
		     wlist(names, sizeof(names), sim, y->niodone, y->iodone));
	}
	wsep(&b);
	switch (y->decision) {
	case SIM_DEC_DONE:
		wsay(&b, "all jobs done");
		break;
	case SIM_DEC_IDLE:
		wsay(&b, "nothing ready: CPU idle");
		break;
	case SIM_DEC_SWITCHING:
		wsay(&b, "context switch to %s: CPU idle (%ld more)",
		     jname(sim, y->chosen), sim->c->switch_left);
		break;
	case SIM_DEC_CONTINUE:
		wsay(&b, "%s continues", jname(sim, y->chosen));
		break;
	case SIM_DEC_PREEMPT:
		wsay(&b, "%s preempts %s", jname(sim, y->chosen),
		     jname(sim, y->preempted));
		break;
	default:
		if (y->after_switch)
			wsay(&b, "%s runs after the context switch",
			     jname(sim, y->chosen));
		else
			wsay(&b, "%s runs", jname(sim, y->chosen));
		break;
	}
	if (y->chosen >= 0 && y->decision != SIM_DEC_SWITCHING &&
	    y->decision != SIM_DEC_CONTINUE && !y->after_switch &&
	    sim->pol->explain) {
		char tmp[128];

		tmp[0] = '\0';
		sim->pol->explain(sim, y->chosen, tmp, sizeof(tmp));
		if (tmp[0])
			/* TRANSLATORS: the policy's reason after "X runs". */
			wsay(&b, " (%s)", tmp);
	}
	if (y->switch_started) {
		wsep(&b);
		if (sim->o.switch_cost == 1)
			wsay(&b, "context switch: CPU idle for 1 tick");
		else
			wsay(&b, "context switch: CPU idle for %d ticks",
			     sim->o.switch_cost);
	}
	return buf;
}
