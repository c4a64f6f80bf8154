/*
 * viz/core/lesson_run.c - a lesson file running (lesson_run.h): launch,
 * triggers, steps and the program's failure; what every lesson does is
 * in lesson.c.  The keys and the hidden
 * entry of the command are in lesson_keys.c.
 */
#include "viz/core/lesson_run.h"
#include "viz/core/lesson_run_int.h"

#include "common/clock.h"
#include "common/i18n.h"

#include <assert.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const struct lesson_ops lrun_ops;

struct lrun *lrun_of(const struct lesson *l)
{
	assert(l->ops == &lrun_ops);
	return (struct lrun *)l;
}

static int lrun_launch(struct lesson *l)
{
	struct lrun *r = lrun_of(l);
	const struct lesson_file *lf = r->lf;
	struct scen_opts so = { .pace_ms = SCEN_PACE_MS_DEFAULT };
	char *argv[LF_MAX_ARGS + 7], dir[4096], tracer[16];
	int i, k = 0, rc;

	if (!lf->workdir || lf->workdir[0] != '/')
		snprintf(dir, sizeof(dir), "%s/%s", lf->dir,
			 lf->workdir ? lf->workdir : ".");
	else
		snprintf(dir, sizeof(dir), "%s", lf->workdir);
	argv[k++] = "procviz";
	argv[k++] = "run";
	argv[k++] = LRUN_CHILD_OPTION;
	snprintf(tracer, sizeof(tracer), "%d", observer_tracer_pid(l->obs));
	argv[k++] = tracer;
	argv[k++] = dir;
	for (i = 0; i < lf->argc; i++)
		argv[k++] = lf->argv[i];
	argv[k] = NULL;
	rc = scen_run_start_argv(&l->run, argv, &so);
	if (rc < 0)
		return rc;
	r->main_signalled = false;
	r->next = r->noted = 0;
	r->ready = false;
	r->event_t_ms = -1;
	r->event_seen = r->fired_seen = -1;
	r->nseen = 0;
	r->sweep_ms = 0;
	r->fired_t_ms = observer_model(l->obs)->last_t_ms;
	r->nout = r->nat = 0;
	r->blen = 0;
	r->skip_line = false;
	r->failure[0] = '\0';
	r->failure_noted = false;
	return 0;
}

/*
 * Follow the command as `procviz watch` follows its own: traced where the
 * kernel lets the observer (cfg.trace; on refusal it falls back to the
 * connector or polling, and the header's sources say which), the marker
 * for polling's sake.  The one place that says how a lesson file's
 * processes are observed.  Time triggers count from here.
 */
static int lrun_follow(struct lesson *l)
{
	observer_set_marker(l->obs, l->run.guard.marker, false);
	observer_seize(l->obs, l->run.pid, true);	/* else: fallen back */
	lrun_of(l)->step_ms = clock_now_ms();
	return observer_add_root(l->obs, l->run.pid, true);
}

/* ---- triggers ----------------------------------------------------------- */

/* Bytes of @s to show in at most @max: never half a UTF-8 character. */
static int lrun_cut(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return (int)n;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return (int)max;
}

void lrun_trigger_text(const struct lf_step *s, char *buf, size_t len)
{
	const struct lf_trigger *t = &s->when;
	const char *name = lf_trigger_name(t->kind);

	switch (t->kind) {
	case LF_TRIG_KEY:
		snprintf(buf, len, "key n");
		break;
	case LF_TRIG_AFTER:
		snprintf(buf, len, "after %.1fs", (double)t->after_ms / 1000);
		break;
	case LF_TRIG_OUTPUT:
	case LF_TRIG_OUTPUT_RE:
		snprintf(buf, len, "%s '%.*s'", name, lrun_cut(t->text, 40),
			 t->text);
		break;
	case LF_TRIG_ALIVE:
	case LF_TRIG_ALIVE_MAX:
		snprintf(buf, len, "%s %d", name, t->count);
		break;
	default:
		snprintf(buf, len, "%s %s%s%s", name, t->text ? t->text : "any",
			 t->wait != WAIT_NONE ? " on " : "",
			 t->wait != WAIT_NONE ? wait_name(t->wait) : "");
	}
}

/* The facts of @ev a trigger looks at. */
static void lrun_seen_of(const struct model_event *ev, struct lrun_seen *e)
{
	e->t_ms = ev->t_ms;
	e->type = ev->type;
	e->thread = ev->tid && ev->tid != ev->pid;
	e->wait = ev->wait;
	e->to = ev->type == MODEL_EV_STATE ? ev->u.state.to :
		ev->type == MODEL_EV_SPAWN ? ev->u.spawn.state : MODEL_ST_GONE;
	snprintf(e->comm, sizeof(e->comm), "%s", ev->comm);
}

/* Whether the event @e is what the event trigger @t waits for. */
static bool lrun_event_matches(const struct lf_trigger *t,
			       const struct lrun_seen *e)
{
	switch (e->type) {
	case MODEL_EV_SPAWN:
		if (t->kind != LF_TRIG_SPAWN &&
		    !(t->kind == LF_TRIG_BLOCK && e->to == MODEL_ST_BLOCKED))
			return false;
		break;
	case MODEL_EV_EXEC:
		/* A child forked with its parent's name takes its own at
		 * once: for a spawn trigger, that is when it appears. */
		if (t->kind != LF_TRIG_EXEC && t->kind != LF_TRIG_SPAWN)
			return false;
		break;
	case MODEL_EV_EXIT:
		if (t->kind != LF_TRIG_EXIT)
			return false;
		break;
	case MODEL_EV_REAP:
		if (t->kind != LF_TRIG_REAP)
			return false;
		break;
	case MODEL_EV_REPARENT:
		if (t->kind != LF_TRIG_REPARENT)
			return false;
		break;
	case MODEL_EV_STATE:
		if (e->to == MODEL_ST_ZOMBIE)
			return t->kind == LF_TRIG_ZOMBIE && !e->thread &&
			       (!t->text || !fnmatch(t->text, e->comm, 0));
		if (e->to != MODEL_ST_BLOCKED || t->kind != LF_TRIG_BLOCK)
			return false;
		break;
	default:
		return false;
	}
	if ((t->task == LF_TASK_PROCESS && e->thread) ||
	    (t->task == LF_TASK_THREAD && !e->thread))
		return false;
	if (t->kind == LF_TRIG_BLOCK && t->wait != WAIT_NONE &&
	    e->wait != t->wait)
		return false;
	return !t->text || fnmatch(t->text, e->comm, 0) == 0;
}

/* Step r->next's trigger came: fire it, or (step mode) let it wait. */
static void lrun_triggered(struct lrun *r)
{
	if (r->l.o.step_mode) {
		r->ready = true;
		return;
	}
	lrun_fire(r);
}

void lrun_fire(struct lrun *r)
{
	if (r->next >= r->lf->nsteps)
		return;
	r->next++;
	r->ready = false;
	r->step_ms = clock_now_ms();
	r->fired_t_ms = r->event_t_ms >= 0 ? r->event_t_ms :
			observer_model(r->l.obs)->last_t_ms;
	r->fired_seen = r->event_seen;
	r->event_t_ms = -1;
	r->event_seen = -1;
}

/* The next step, if it is waiting for its trigger; else NULL. */
static const struct lf_trigger *lrun_waiting_for(const struct lrun *r)
{
	if (!r->l.running || r->ready || r->next >= r->lf->nsteps)
		return NULL;
	return &r->lf->steps[r->next].when;
}

static bool lrun_is_event_trigger(const struct lf_trigger *t)
{
	return t && t->kind >= LF_TRIG_SPAWN && t->kind <= LF_TRIG_REPARENT;
}

static void lrun_event(struct lesson *l, const struct model_event *ev)
{
	struct lrun *r = lrun_of(l);
	const struct lf_trigger *t = lrun_waiting_for(r);
	struct lrun_seen *e;

	if (ev->type == MODEL_EV_NOTE)
		return;
	/* Kept a while: the next step may wait for what this reading saw. */
	e = &r->seen[r->nseen % LRUN_SEEN_MAX];
	lrun_seen_of(ev, e);
	r->nseen++;
	if (lrun_is_event_trigger(t) && lrun_event_matches(t, e)) {
		r->event_t_ms = ev->t_ms;
		r->event_seen = r->nseen - 1;
		lrun_triggered(r);
	}
}

/*
 * Whether an event the model delivered since the step before fired (in
 * the same reading as its own event, or later; that event itself aside)
 * is what @t waits for: two things one reading saw, in whatever order,
 * both count.  The first such event is taken as the step's own.
 */
static bool lrun_seen_since(struct lrun *r, const struct lf_trigger *t)
{
	int64_t i = r->nseen > LRUN_SEEN_MAX ? r->nseen - LRUN_SEEN_MAX : 0;

	if (!lrun_is_event_trigger(t))
		return false;
	for (; i < r->nseen; i++) {
		const struct lrun_seen *e = &r->seen[i % LRUN_SEEN_MAX];

		if (i == r->fired_seen || e->t_ms < r->fired_t_ms ||
		    !lrun_event_matches(t, e))
			continue;
		r->event_t_ms = e->t_ms;
		r->event_seen = i;
		return true;
	}
	return false;
}

/* A printed line: output triggers, and the marker lines. */
void lrun_line(struct lrun *r, const char *line)
{
	const struct lf_trigger *t = lrun_waiting_for(r);

	if (strncmp(line, LRUN_AT_PREFIX, strlen(LRUN_AT_PREFIX)) == 0)
		lrun_take_at(r, line + strlen(LRUN_AT_PREFIX));
	else {
		snprintf(r->out[r->nout % LRUN_OUT_LINES], sizeof(r->out[0]),
			 "%s", line);
		r->nout++;
	}
	if (!t)
		return;
	if ((t->kind == LF_TRIG_OUTPUT && strstr(line, t->text)) ||
	    (t->kind == LF_TRIG_OUTPUT_RE && r->re_ok[r->next] &&
	     regexec(&r->re[r->next], line, 0, NULL, 0) == 0))
		lrun_triggered(r);
}

/* Processes of the lesson alive now (zombies are not). */
static int lrun_alive(const struct lrun *r)
{
	const struct model *m = observer_model(r->l.obs);
	size_t i;
	int n = 0;

	for (i = 0; i < model_count(m); i++) {
		const struct model_proc *p = model_proc_at(m, i);

		if (p->gone_ms < 0 && p->state != MODEL_ST_ZOMBIE)
			n++;
	}
	return n;
}

/* Whether the live task @p is named and filtered as @t asks. */
static bool lrun_task_matches(const struct lf_trigger *t,
			      const struct model_proc *p)
{
	if ((t->task == LF_TASK_PROCESS && p->tid) ||
	    (t->task == LF_TASK_THREAD && !p->tid))
		return false;
	if (t->text && fnmatch(t->text, p->comm, 0) != 0)
		return false;
	if (p->gone_ms >= 0)
		return false;
	switch (t->kind) {
	case LF_TRIG_SPAWN:
		return p->state != MODEL_ST_ZOMBIE;
	case LF_TRIG_ZOMBIE:
		return !p->tid && p->state == MODEL_ST_ZOMBIE;
	case LF_TRIG_BLOCK:
		return p->state == MODEL_ST_BLOCKED &&
		       (t->wait == WAIT_NONE || p->wait == t->wait);
	default:
		return false;
	}
}

/*
 * A state trigger (spawn, zombie, block) also holds when a task is in
 * that state as its step comes up: it may have got there before the step
 * before fired, and stays there without a new event.
 */
static bool lrun_state_holds(const struct lrun *r,
			     const struct lf_trigger *t)
{
	const struct model *m = observer_model(r->l.obs);
	size_t i;

	if (t->kind != LF_TRIG_SPAWN && t->kind != LF_TRIG_ZOMBIE &&
	    t->kind != LF_TRIG_BLOCK)
		return false;
	for (i = 0; i < model_count(m); i++)
		if (lrun_task_matches(t, model_proc_at(m, i)))
			return true;
	for (i = 0; i < model_task_count(m); i++)
		if (lrun_task_matches(t, model_task_at(m, i)))
			return true;
	return false;
}

/* Time, count, state and (headless) key triggers of the next step. */
static void lrun_check_now(struct lrun *r)
{
	const struct lf_trigger *t;

	while ((t = lrun_waiting_for(r))) {
		int before = r->next;

		if ((t->kind == LF_TRIG_KEY && r->l.o.headless) ||
		    (t->kind == LF_TRIG_AFTER &&
		     clock_now_ms() - r->step_ms >= t->after_ms) ||
		    (t->kind == LF_TRIG_ALIVE && lrun_alive(r) >= t->count) ||
		    (t->kind == LF_TRIG_ALIVE_MAX &&
		     lrun_alive(r) <= t->count) || lrun_seen_since(r, t) ||
		    lrun_state_holds(r, t))
			lrun_triggered(r);
		if (r->next == before)
			break;
	}
}

/* The note of step @i: "step N/M (TRIGGER): NOTE", one line, cut whole. */
static void lrun_note_step(struct lrun *r, int i)
{
	const struct lf_step *s = &r->lf->steps[i];
	char why[96], text[MODEL_NOTE_LEN + 8];
	size_t n, k;

	lrun_trigger_text(s, why, sizeof(why));
	snprintf(text, sizeof(text), _("step %d/%d (%s): %s"), i + 1,
		 r->lf->nsteps, why, lf_text_get(&s->note, lf_lang_now()));
	for (k = 0; text[k]; k++)
		if (text[k] == '\n' || text[k] == '\t')
			text[k] = ' ';
	n = strlen(text);
	while (n > 0 && text[n - 1] == ' ')
		text[--n] = '\0';
	if (n > MODEL_NOTE_LEN - 1) {
		n = MODEL_NOTE_LEN - 1;
		while (n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80)
			n--;
		text[n] = '\0';
	}
	observer_note(r->l.obs, text);
}

/* The main process ended badly (not by our stop): say why, once. */
static void lrun_check_failure(struct lrun *r)
{
	char how[64], text[MODEL_NOTE_LEN];
	const char *last;
	int st;

	if (r->failure_noted || !r->l.running ||
	    !observer_child_status(r->l.obs, r->l.run.pid, &st))
		return;
	r->failure_noted = true;
	if (WIFEXITED(st) && WEXITSTATUS(st) != 0)
		snprintf(how, sizeof(how), _("exit status %d"),
			 WEXITSTATUS(st));
	else if (WIFSIGNALED(st) && !r->l.stopping && !r->main_signalled)
		snprintf(how, sizeof(how), _("killed by signal %d (%s)"),
			 WTERMSIG(st), strsignal(WTERMSIG(st)));
	else
		return;
	last = r->nout ? r->out[(r->nout - 1) % LRUN_OUT_LINES] : "";
	snprintf(r->failure, sizeof(r->failure), "%s%s%s", how,
		 last[0] ? ": " : "", last);
	snprintf(text, sizeof(text), _("the lesson's program failed: %s"),
		 r->failure);
	observer_note(r->l.obs, text);
}

void lrun_tick(struct lesson *l)
{
	struct lrun *r = lrun_of(l);

	if (l->running)
		lrun_read(r);
	lrun_check_now(r);
	while (r->noted < r->next)
		lrun_note_step(r, r->noted++);
	lrun_check_failure(r);
}

/* A time trigger's time, or -1. */
static int64_t lrun_due_ms(const struct lesson *l)
{
	const struct lrun *r = lrun_of(l);
	const struct lf_trigger *t = lrun_waiting_for(r);

	return t && t->kind == LF_TRIG_AFTER ? r->step_ms + t->after_ms : -1;
}

/*
 * Every process of the lesson has ended (zombies aside): its main process
 * is reaped and no process carries its marker.  Not the end of the
 * program's output: a daemon may close it and live on.  The sweep reads
 * /proc, so it runs at most twice a second.
 */
static bool lrun_ended(struct lesson *l, int64_t now)
{
	struct lrun *r = lrun_of(l);
	int st;

	if (!l->running || now < r->sweep_ms ||
	    !observer_child_status(l->obs, l->run.pid, &st))
		return !l->running;
	r->sweep_ms = now + 500;
	return scen_run_alive(&l->run) == 0;
}

static bool lrun_waiting(const struct lesson *l)
{
	return lrun_of(l)->ready;
}

static bool lrun_failed(const struct lesson *l, char *msg, size_t len)
{
	const struct lrun *r = lrun_of(l);

	if (!r->failure[0])
		return false;
	snprintf(msg, len, _("the lesson %s failed: %s"), r->lf->path,
		 r->failure);
	return true;
}

static void lrun_free(struct lesson *l)
{
	struct lrun *r = lrun_of(l);
	int i;

	for (i = 0; i < LF_MAX_STEPS; i++)
		if (r->re_ok[i])
			regfree(&r->re[i]);
	free(r);
}

static const struct lesson_ops lrun_ops = {
	.idle_fmt = N_("lesson %s: not launched"),
	.start_fmt = N_("cannot start lesson %s: %s"),
	.follow_fmt = N_("cannot follow lesson %s: %s"),
	.launch = lrun_launch,
	.follow = lrun_follow,
	.take = lrun_tick,
	.event = lrun_event,
	.due_ms = lrun_due_ms,
	.ended = lrun_ended,
	.key = lrun_key,
	.next = lrun_next,
	.waiting = lrun_waiting,
	.failed = lrun_failed,
	.free = lrun_free,
};

void lrun_observer_config(const struct lesson_file *lf,
			  struct observer_config *cfg)
{
	cfg->trace = true;		/* as watch: lrun_follow() */
	cfg->reap_children = true;	/* the main process, adopted orphans */
	cfg->threads = cfg->threads || lf->threads;
}

struct lesson *lrun_new(const struct lesson_file *lf,
			const struct lesson_opts *o, struct observer *obs)
{
	struct lrun *r = calloc(1, sizeof(*r));
	const char *base;
	size_t used = 0;
	int i;

	if (!r)
		return NULL;
	lesson_init(&r->l, &lrun_ops, o, obs);
	r->lf = lf;
	for (i = 0; i < lf->argc && used < sizeof(r->command); i++)
		used += (size_t)snprintf(r->command + used,
					 sizeof(r->command) - used, "%s%s",
					 i ? " " : "", lf->argv[i]);
	/* The header's scenario: the file's name, as short as a built-in
	 * lesson's (a recording keeps 63 bytes), cut between characters. */
	base = strrchr(lf->path, '/');
	snprintf(r->name, sizeof(r->name), "%s", base ? base + 1 : lf->path);
	used = strlen(r->name);
	if (used == sizeof(r->name) - 1)
		while (used > 0 &&
		       ((unsigned char)r->name[used] & 0xc0) == 0x80)
			r->name[used--] = '\0';
	r->l.label = lf->path;
	r->l.name = r->name;
	r->l.command = r->command;
	for (i = 0; i < lf->nsteps; i++)
		if (lf->steps[i].when.kind == LF_TRIG_OUTPUT_RE)
			r->re_ok[i] = regcomp(&r->re[i], lf->steps[i].when.text,
					      REG_EXTENDED | REG_NOSUB) == 0;
	return &r->l;
}

/* ---- what the views show ------------------------------------------------ */

const struct lesson_file *lrun_lesson(const struct lesson *l)
{
	return lrun_of(l)->lf;
}

int lrun_step(const struct lesson *l)
{
	return lrun_of(l)->noted;
}

int lrun_output(const struct lesson *l, const char **lines, int max)
{
	const struct lrun *r = lrun_of(l);
	int n = r->nout < LRUN_OUT_LINES ? r->nout : LRUN_OUT_LINES, i, k = 0;

	for (i = r->nout - n; i < r->nout && k < max; i++)
		lines[k++] = r->out[i % LRUN_OUT_LINES];
	return k;
}

int lrun_at_lines(const struct lesson *l, struct lrun_at *out, int max)
{
	const struct lrun *r = lrun_of(l);
	const struct model *m = observer_model(l->obs);
	int i, n = 0;

	/* A process that is gone is at no line any more. */
	for (i = 0; i < r->nat && n < max; i++)
		if (!r->at[i].pid || model_find(m, r->at[i].pid))
			out[n++] = r->at[i];
	return n;
}

const char *lrun_failure(const struct lesson *l)
{
	return lrun_of(l)->failure;
}
