/*
 * viz/core/session.c - one running lesson scenario (session.h).
 */
#include "viz/core/session.h"

#include "common/clock.h"
#include "common/i18n.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct session {
	const struct scenario *scen;	/* borrowed from scen_table */
	struct observer *obs;		/* borrowed */
	struct scen_opts sopts;
	bool subreaper;
	int64_t duration_ms;		/* 0: none */
	int64_t stop_at_ms;		/* clock_now_ms() due; -1: none */
	struct scen_run run;
	bool running;			/* run is filled */
	int step;			/* the current step, 0 before */
	char step_text[SCEN_LINE_MAX];	/* its text */
	char last_note[SCEN_LINE_MAX];
};

struct session *session_new(const struct scenario *scen,
			    const struct session_opts *o,
			    struct observer *obs)
{
	struct session *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->scen = scen;
	s->obs = obs;
	s->sopts.pace_ms = o->pace_ms > 0 ? o->pace_ms : SCEN_PACE_MS_DEFAULT;
	s->sopts.step_mode = o->step_mode;
	s->subreaper = o->subreaper;
	s->duration_ms = o->duration_ms;
	s->stop_at_ms = -1;
	signal(SIGCHLD, SIG_DFL);
	return s;
}

void session_free(struct session *s)
{
	if (!s)
		return;
	session_end(s);
	free(s);
}

int session_launch(struct session *s, char *err, size_t errlen)
{
	int rc;

	session_end(s);
	rc = scen_run_start(&s->run, s->scen, &s->sopts);
	if (rc < 0) {
		snprintf(err, errlen, _("cannot start scenario %s: %s"),
			 s->scen->name, strerror(-rc));
		return rc;
	}
	s->running = true;
	s->step = 0;
	s->step_text[0] = s->last_note[0] = '\0';
	/* Its marker finds every process of it (viz/core/marker.h). */
	observer_set_marker(s->obs, s->run.guard.marker, true);
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

/* Who adopts orphans during this run, as a note for the class. */
static void session_note_adopter(struct session *s)
{
	char text[MODEL_NOTE_LEN];

	if (s->subreaper)
		snprintf(text, sizeof(text), _("--subreaper is in force: "
			 "procviz (pid %d) is a subreaper and adopts the "
			 "scenario's orphans"), (int)getpid());
	else
		snprintf(text, sizeof(text), "%s", _("procviz is not a "
			 "subreaper: orphans go to init (pid 1) or to the "
			 "nearest subreaper ancestor, as without procviz"));
	observer_note(s->obs, text);
}

int session_go(struct session *s, char *err, size_t errlen)
{
	int rc;

	if (!s->running) {
		snprintf(err, errlen, _("scenario %s: not launched"),
			 s->scen->name);
		return -EINVAL;
	}
	rc = observer_add_root(s->obs, s->run.pid, true);
	if (rc < 0) {
		snprintf(err, errlen, _("cannot follow scenario %s: %s"),
			 s->scen->name, strerror(-rc));
		session_end(s);
		return rc;
	}
	session_note_adopter(s);
	/* The lesson's notes before what the observer sees next. */
	observer_set_before(s->obs, session_before, s);
	s->stop_at_ms = s->duration_ms > 0 ? clock_now_ms() + s->duration_ms :
			-1;
	rc = scen_run_go(&s->run);
	if (rc < 0) {
		snprintf(err, errlen, _("cannot start scenario %s: %s"),
			 s->scen->name, strerror(-rc));
		session_end(s);
	}
	return rc;
}

int session_start(struct session *s, char *err, size_t errlen)
{
	int rc = session_launch(s, err, errlen);

	return rc < 0 ? rc : session_go(s, err, errlen);
}

void session_end(struct session *s)
{
	int st;

	if (!s->running)
		return;
	observer_set_before(s->obs, NULL, NULL);
	/* The observer may have reaped the main process already. */
	if (observer_child_status(s->obs, s->run.pid, &st))
		scen_run_main_reaped(&s->run, st);
	scen_run_clear(&s->run);
	s->running = false;
	s->stop_at_ms = -1;
}

int session_restart(struct session *s, char *msg, size_t len)
{
	session_end(s);
	observer_note(s->obs, _("restart: the lecturer started the scenario "
				"again"));
	return session_start(s, msg, len);
}

void session_drain(struct session *s)
{
	char text[MODEL_NOTE_LEN + 32];
	struct scen_msg msg;

	if (!s->running)
		return;
	while (scen_run_read(&s->run, &msg) == 1) {
		switch (msg.kind) {
		case SCEN_MSG_STEP:
			s->step = msg.step;
			snprintf(s->step_text, sizeof(s->step_text), "%s",
				 msg.text);
			snprintf(text, sizeof(text), _("step %d/%d: %s"),
				 msg.step, s->scen->nsteps, msg.text);
			observer_note(s->obs, text);
			break;
		case SCEN_MSG_NOTE:
			snprintf(s->last_note, sizeof(s->last_note), "%s",
				 msg.text);
			observer_note(s->obs, msg.text);
			break;
		case SCEN_MSG_WAIT:
			break;	/* session_waiting() tells */
		case SCEN_MSG_FORK:
			observer_hint_fork(s->obs, msg.pid, msg.ppid, msg.text);
			break;
		case SCEN_MSG_REAP:
			observer_hint_reap(s->obs, msg.pid, msg.ppid,
					   msg.status);
			break;
		}
	}
}

int session_stop(struct session *s, const char *why)
{
	s->stop_at_ms = -1;
	if (!s->running)
		return 0;
	if (why)
		observer_note(s->obs, why);
	return scen_run_stop(&s->run);
}

int64_t session_due_ms(const struct session *s)
{
	return s->running ? s->stop_at_ms : -1;
}

bool session_due(const struct session *s)
{
	int64_t due = session_due_ms(s);

	return due >= 0 && clock_now_ms() >= due;
}

/* Poll the observer's fds and the notes pipe until something is due. */
static int session_poll(struct session *s)
{
	struct pollfd fds[9];
	int n = observer_pollfds(s->obs, fds, 8);
	int timeout = observer_timeout_ms(s->obs);
	int64_t due = session_due_ms(s), left;

	if (s->running && s->run.note_fd >= 0) {
		fds[n].fd = s->run.note_fd;
		fds[n].events = POLLIN;
		fds[n].revents = 0;
		n++;
	}
	if (due >= 0) {
		left = due - clock_now_ms();
		if (left < timeout)
			timeout = left > 0 ? (int)left : 0;
	}
	if (poll(fds, (nfds_t)n, timeout) < 0 && errno != EINTR)
		return -errno;
	return 0;
}

static const char session_unreaped[] =
	N_("the scenario's processes have exited but some are still zombies: "
	   "their adopter does not reap them (try --subreaper)");

int session_run(struct session *s, const volatile sig_atomic_t *stop)
{
	int64_t give_up = -1, now;
	bool stopping = false;
	int err;

	for (;;) {
		err = session_poll(s);
		if (err)
			break;
		session_drain(s);
		err = observer_step(s->obs);
		if (err)
			break;
		session_drain(s);
		now = clock_now_ms();
		if (!stopping && ((stop && *stop) || session_due(s))) {
			session_stop(s, NULL);
			stopping = true;
			give_up = now + SESSION_STOP_WAIT_MS;
		}
		if (give_up < 0 && (!s->running || s->run.note_fd < 0))
			give_up = now + SESSION_REAP_WAIT_MS;
		if (observer_done(s->obs) &&
		    (!s->running || s->run.note_fd < 0 || stopping))
			break;
		if (give_up >= 0 && now >= give_up) {
			if (!stopping)
				observer_note(s->obs, _(session_unreaped));
			break;
		}
	}
	return err;
}

int session_key(struct session *s, int key, char *msg, size_t len)
{
	const struct scen_control *c;
	int rc;

	for (c = s->scen->controls; c && c->key; c++)
		if (c->key == key)
			break;
	if (!c || !c->key)
		return 0;
	rc = s->running ? scen_run_control(&s->run, (char)key) : -EPIPE;
	if (rc == -EPIPE)
		snprintf(msg, len, "%s", _("the lesson has ended (r restarts it)"));
	else if (rc < 0)
		snprintf(msg, len, "%c: %s", key, strerror(-rc));
	else
		snprintf(msg, len, "%c: %s", key, c->label);
	return rc < 0 ? rc : 1;
}

int session_next(struct session *s, char *msg, size_t len)
{
	int rc;

	if (!s->sopts.step_mode) {
		snprintf(msg, len, _("steps advance on their own here; "
				     "procviz run %s --step waits for n"),
			 s->scen->name);
		return -EINVAL;
	}
	rc = s->running ? scen_run_control(&s->run, 'n') : -EPIPE;
	if (rc < 0)
		snprintf(msg, len, _("next step: %s"), rc == -EPIPE ?
			 _("the lesson has ended") : strerror(-rc));
	return rc;
}

int session_freeze(struct session *s, bool frozen, char *msg, size_t len)
{
	int rc = s->running ? scen_run_signal(&s->run, frozen ? SIGSTOP :
					      SIGCONT) : -ESRCH;

	if (rc < 0) {
		snprintf(msg, len, _("freeze: %s"), strerror(-rc));
		return rc;
	}
	return 0;
}

const struct scenario *session_scenario(const struct session *s)
{
	return s->scen;
}

bool session_running(const struct session *s)
{
	return s->running;
}

bool session_waiting(const struct session *s)
{
	return s->running && s->run.waiting;
}

int session_step(const struct session *s, const char **text)
{
	if (text)
		*text = s->step_text;
	return s->step;
}

int session_failed(const struct session *s)
{
	int st = s->run.main_status;

	if (s->running || !s->run.main_reaped || !WIFEXITED(st))
		return 0;
	return WEXITSTATUS(st);
}

const char *session_last_note(const struct session *s)
{
	return s->last_note;
}

int session_pid(const struct session *s)
{
	return s->running ? (int)s->run.pid : 0;
}

void session_header(const struct session *s, struct report_obs_header *h)
{
	memset(h, 0, sizeof(*h));
	h->source = "run";
	h->scenario = s->scen->name;
	h->interval_ms = observer_interval_ms(s->obs);
	h->event_source = observer_event_source(s->obs);
	h->sources = observer_sources(s->obs);
	h->say_subreaper = true;
	h->subreaper = s->subreaper;
	h->threads = observer_threads(s->obs);
}
