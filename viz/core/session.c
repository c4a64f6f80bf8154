/*
 * viz/core/session.c - one running lesson scenario (session.h): its
 * launch, its notes and announcements, its controls.  What every lesson
 * does is in lesson.c.
 */
#include "viz/core/session.h"
#include "viz/core/lesson_int.h"

#include "common/i18n.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

struct session {
	struct lesson l;		/* first: the lesson it is */
	const struct scenario *scen;	/* borrowed from scen_table */
	struct scen_opts sopts;
	int step;			/* the current step, 0 before */
	char step_text[SCEN_LINE_MAX];	/* its text */
	char last_note[SCEN_LINE_MAX];
};

static const struct lesson_ops session_ops;

static struct session *session_of(const struct lesson *l)
{
	assert(l->ops == &session_ops);
	return (struct session *)l;
}

static int session_launch(struct lesson *l)
{
	struct session *s = session_of(l);
	int rc = scen_run_start(&l->run, s->scen, &s->sopts);

	if (rc < 0)
		return rc;
	s->step = 0;
	s->step_text[0] = s->last_note[0] = '\0';
	/* Its marker finds every process of it (viz/core/marker.h). */
	observer_set_marker(l->obs, l->run.guard.marker, true);
	return 0;
}

/*
 * The observer is about to take in a message or a sample: the notes the
 * lesson wrote before that come first (observer_config.before), so that
 * a worker's last note never follows its own exit in the log.
 */
static void session_before(void *arg)
{
	session_drain(arg);
}

static int session_follow(struct lesson *l)
{
	int rc = observer_add_root(l->obs, l->run.pid, true);

	/* The lesson's notes before what the observer sees next. */
	if (rc == 0)
		observer_set_before(l->obs, session_before, l);
	return rc;
}

void session_drain(struct lesson *l)
{
	struct session *s = session_of(l);
	char text[MODEL_NOTE_LEN + 32];
	struct scen_msg msg;

	if (!l->running)
		return;
	while (scen_run_read(&l->run, &msg) == 1) {
		switch (msg.kind) {
		case SCEN_MSG_STEP:
			s->step = msg.step;
			snprintf(s->step_text, sizeof(s->step_text), "%s",
				 msg.text);
			snprintf(text, sizeof(text), _("step %d/%d: %s"),
				 msg.step, s->scen->nsteps, msg.text);
			observer_note(l->obs, text);
			break;
		case SCEN_MSG_NOTE:
			snprintf(s->last_note, sizeof(s->last_note), "%s",
				 msg.text);
			observer_note(l->obs, msg.text);
			break;
		case SCEN_MSG_WAIT:
			break;	/* lesson_waiting() tells */
		case SCEN_MSG_FORK:
			observer_hint_fork(l->obs, msg.pid, msg.ppid, msg.text);
			break;
		case SCEN_MSG_REAP:
			observer_hint_reap(l->obs, msg.pid, msg.ppid,
					   msg.status);
			break;
		}
	}
}

/* Every process has exited: none holds the notes pipe any more. */
static bool session_ended(struct lesson *l, int64_t now)
{
	(void)now;
	return !l->running || l->run.note_fd < 0;
}

static int session_key(struct lesson *l, int key, char *msg, size_t len)
{
	const struct scen_control *c;
	int rc;

	for (c = session_of(l)->scen->controls; c && c->key; c++)
		if (c->key == key)
			break;
	if (!c || !c->key)
		return 0;
	rc = l->running ? scen_run_control(&l->run, (char)key) : -EPIPE;
	if (rc == -EPIPE)
		snprintf(msg, len, "%s", _("the lesson has ended (r restarts it)"));
	else if (rc < 0)
		snprintf(msg, len, "%c: %s", key, strerror(-rc));
	else
		snprintf(msg, len, "%c: %s", key, c->label);
	return rc < 0 ? rc : 1;
}

static int session_next(struct lesson *l, char *msg, size_t len)
{
	struct session *s = session_of(l);
	int rc;

	if (!s->sopts.step_mode) {
		snprintf(msg, len, _("steps advance on their own here; "
				     "procviz run %s --step waits for n"),
			 s->scen->name);
		return -EINVAL;
	}
	rc = l->running ? scen_run_control(&l->run, 'n') : -EPIPE;
	if (rc < 0)
		snprintf(msg, len, _("next step: %s"), rc == -EPIPE ?
			 _("the lesson has ended") : strerror(-rc));
	return rc;
}

static bool session_waiting(const struct lesson *l)
{
	return l->run.waiting;
}

int session_failed(const struct lesson *l)
{
	int st = l->run.main_status;

	if (l->running || !l->run.main_reaped || !WIFEXITED(st))
		return 0;
	return WEXITSTATUS(st);
}

static bool session_failed_msg(const struct lesson *l, char *msg,
			       size_t len)
{
	const struct session *s = session_of(l);

	if (!session_failed(l))
		return false;
	/* The lesson itself failed (gil without python3): say why. */
	snprintf(msg, len, _("the %s lesson failed (exit status %d): %s"),
		 s->scen->name, session_failed(l), s->last_note);
	return true;
}

static void session_free(struct lesson *l)
{
	free(session_of(l));
}

static const struct lesson_ops session_ops = {
	.idle_fmt = N_("scenario %s: not launched"),
	.start_fmt = N_("cannot start scenario %s: %s"),
	.follow_fmt = N_("cannot follow scenario %s: %s"),
	.launch = session_launch,
	.follow = session_follow,
	.take = session_drain,
	.ended = session_ended,
	.over_when_ended = true,
	.key = session_key,
	.next = session_next,
	.waiting = session_waiting,
	.failed = session_failed_msg,
	.free = session_free,
};

void session_observer_config(const struct scenario *scen,
			     struct observer_config *cfg)
{
	cfg->reap_children = true;	/* the main process, adopted orphans */
	cfg->threads = cfg->threads || scen->threads;
}

struct lesson *session_new(const struct scenario *scen,
			   const struct lesson_opts *o, struct observer *obs)
{
	struct session *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	lesson_init(&s->l, &session_ops, o, obs);
	s->l.label = s->l.name = scen->name;
	s->scen = scen;
	s->sopts.pace_ms = o->pace_ms > 0 ? o->pace_ms : SCEN_PACE_MS_DEFAULT;
	s->sopts.step_mode = o->step_mode;
	return &s->l;
}

const struct scenario *session_scenario(const struct lesson *l)
{
	return session_of(l)->scen;
}

int session_step(const struct lesson *l, const char **text)
{
	const struct session *s = session_of(l);

	if (text)
		*text = s->step_text;
	return s->step;
}

const char *session_last_note(const struct lesson *l)
{
	return session_of(l)->last_note;
}
