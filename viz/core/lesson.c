/*
 * viz/core/lesson.c - a lesson running, whichever kind it is (lesson.h):
 * launch, follow, the adopter note, --duration, stop, freeze, restart,
 * the headless loop, the header.  The kinds' own parts are behind
 * l->ops (lesson_int.h).
 */
#include "viz/core/lesson_int.h"

#include "common/clock.h"
#include "common/i18n.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char lesson_duration_note[] =
	N_("--duration reached: the scenario is stopped (SIGKILL)");
static const char lesson_unreaped[] =
	N_("the scenario's processes have exited but some are still zombies: "
	   "their adopter does not reap them (try --subreaper)");

void lesson_init(struct lesson *l, const struct lesson_ops *ops,
		 const struct lesson_opts *o, struct observer *obs)
{
	l->ops = ops;
	l->obs = obs;
	l->o = *o;
	l->stop_at_ms = -1;
	signal(SIGCHLD, SIG_DFL);
}

void lesson_free(struct lesson *l)
{
	if (!l)
		return;
	lesson_end(l);
	l->ops->free(l);
}

int lesson_launch(struct lesson *l, char *err, size_t errlen)
{
	int rc;

	lesson_end(l);
	rc = l->ops->launch(l);
	if (rc < 0) {
		snprintf(err, errlen, _(l->ops->start_fmt), l->label,
			 strerror(-rc));
		return rc;
	}
	l->running = true;
	l->stopping = false;
	return 0;
}

/* Who adopts orphans during this run, as a note for the class. */
static void lesson_note_adopter(struct lesson *l)
{
	char text[MODEL_NOTE_LEN];

	if (l->o.subreaper)
		snprintf(text, sizeof(text), _("--subreaper is in force: "
			 "procviz (pid %d) is a subreaper and adopts the "
			 "scenario's orphans"), (int)getpid());
	else
		snprintf(text, sizeof(text), "%s", _("procviz is not a "
			 "subreaper: orphans go to init (pid 1) or to the "
			 "nearest subreaper ancestor, as without procviz"));
	observer_note(l->obs, text);
}

int lesson_go(struct lesson *l, char *err, size_t errlen)
{
	int rc;

	if (!l->running) {
		snprintf(err, errlen, _(l->ops->idle_fmt), l->label);
		return -EINVAL;
	}
	rc = l->ops->follow(l);
	if (rc < 0) {
		snprintf(err, errlen, _(l->ops->follow_fmt), l->label,
			 strerror(-rc));
		lesson_end(l);
		return rc;
	}
	lesson_note_adopter(l);
	l->stop_at_ms = l->o.duration_ms > 0 ?
			clock_now_ms() + l->o.duration_ms : -1;
	rc = scen_run_go(&l->run);
	if (rc < 0) {
		snprintf(err, errlen, _(l->ops->start_fmt), l->label,
			 strerror(-rc));
		lesson_end(l);
	}
	return rc;
}

int lesson_start(struct lesson *l, char *err, size_t errlen)
{
	int rc = lesson_launch(l, err, errlen);

	return rc < 0 ? rc : lesson_go(l, err, errlen);
}

void lesson_end(struct lesson *l)
{
	int st;

	if (!l->running)
		return;
	/* A built-in lesson's notes hook (session.c) goes with it. */
	observer_set_before(l->obs, NULL, NULL);
	/* The observer may have reaped the main process already. */
	if (observer_child_status(l->obs, l->run.pid, &st))
		scen_run_main_reaped(&l->run, st);
	scen_run_clear(&l->run);
	l->running = false;
	l->stop_at_ms = -1;
}

int lesson_restart(struct lesson *l, char *msg, size_t len)
{
	lesson_end(l);
	observer_note(l->obs, _("restart: the lecturer started the scenario "
				"again"));
	return lesson_start(l, msg, len);
}

int lesson_stop(struct lesson *l, const char *why)
{
	l->stop_at_ms = -1;
	l->stopping = true;
	if (!l->running)
		return 0;
	if (why)
		observer_note(l->obs, why);
	return scen_run_stop(&l->run);
}

bool lesson_due(const struct lesson *l)
{
	return l->running && l->stop_at_ms >= 0 &&
	       clock_now_ms() >= l->stop_at_ms;
}

int64_t lesson_due_ms(const struct lesson *l)
{
	int64_t due = l->running ? l->stop_at_ms : -1;
	int64_t own = l->ops->due_ms ? l->ops->due_ms(l) : -1;

	if (own >= 0 && (due < 0 || own < due))
		due = own;
	return due;
}

void lesson_event(struct lesson *l, const struct model_event *ev)
{
	if (l->ops->event)
		l->ops->event(l, ev);
}

int lesson_fd(const struct lesson *l)
{
	return l->running ? l->run.note_fd : -1;
}

void lesson_tick(struct lesson *l)
{
	l->ops->take(l);
	if (lesson_due(l))
		lesson_stop(l, _(lesson_duration_note));
}

/* Poll the observer's fds and the lesson's pipe until something is due. */
static int lesson_poll(struct lesson *l)
{
	struct pollfd fds[9];
	int n = observer_pollfds(l->obs, fds, 8);
	int timeout = observer_timeout_ms(l->obs);
	int64_t due = lesson_due_ms(l), left;

	if (lesson_fd(l) >= 0) {
		fds[n].fd = lesson_fd(l);
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

int lesson_headless(struct lesson *l, const volatile sig_atomic_t *stop)
{
	int64_t give_up = -1, now;
	int err;

	for (;;) {
		err = lesson_poll(l);
		if (err)
			break;
		err = observer_step(l->obs);
		if (err)
			break;
		l->ops->take(l);
		now = clock_now_ms();
		if (!l->stopping && ((stop && *stop) || lesson_due(l))) {
			lesson_stop(l, stop && *stop ? NULL :
				    _(lesson_duration_note));
			give_up = now + LESSON_STOP_WAIT_MS;
		}
		/* All ended: their zombies' reaping is awaited, bounded (an
		 * adopter that never reaps must not hang procviz). */
		if (give_up < 0 && l->ops->ended(l, now))
			give_up = now + LESSON_REAP_WAIT_MS;
		if (observer_done(l->obs) && (!l->ops->over_when_ended ||
					      l->stopping ||
					      l->ops->ended(l, now)))
			break;
		if (give_up >= 0 && now >= give_up) {
			if (!l->stopping)
				observer_note(l->obs, _(lesson_unreaped));
			break;
		}
	}
	/* One reading more: the report's summary sees the last events. */
	if (!err)
		observer_step(l->obs);
	l->ops->take(l);
	return err;
}

int lesson_key(struct lesson *l, int key, char *msg, size_t len)
{
	return l->ops->key(l, key, msg, len);
}

int lesson_next(struct lesson *l, char *msg, size_t len)
{
	return l->ops->next(l, msg, len);
}

int lesson_freeze(struct lesson *l, bool frozen, char *msg, size_t len)
{
	int rc = l->running ? scen_run_signal(&l->run, frozen ? SIGSTOP :
					      SIGCONT) : -ESRCH;

	if (rc < 0) {
		snprintf(msg, len, _("freeze: %s"), strerror(-rc));
		return rc;
	}
	return 0;
}

bool lesson_running(const struct lesson *l)
{
	return l->running;
}

bool lesson_waiting(const struct lesson *l)
{
	return l->running && l->ops->waiting(l);
}

int lesson_pid(const struct lesson *l)
{
	return l->running ? (int)l->run.pid : 0;
}

bool lesson_failed(const struct lesson *l, char *msg, size_t len)
{
	return !l->running && l->ops->failed(l, msg, len);
}

void lesson_header(const struct lesson *l, struct report_obs_header *h)
{
	memset(h, 0, sizeof(*h));
	h->source = "run";
	h->scenario = l->name;
	h->command = l->command;
	h->interval_ms = observer_interval_ms(l->obs);
	h->event_source = observer_event_source(l->obs);
	h->sources = observer_sources(l->obs);
	h->say_subreaper = true;
	h->subreaper = l->o.subreaper;
	h->threads = observer_threads(l->obs);
}
