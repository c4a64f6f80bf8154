/*
 * viz/ui/ui_replay.c - a recording in the lesson view (ui_replay.h).
 *
 * The lesson view renders the model of its observer; here that observer
 * is a replay observer (observer_new_replay) and these hooks move its
 * cursor: forward feeds the next items, back resets the model and feeds
 * items 0..cursor again.
 */
#include "viz/ui/ui_replay.h"
#include "common/i18n.h"
#include "scenarios/scenario.h"

#include "viz/core/observer.h"
#include "viz/ui/ui_keys.h"
#include "viz/ui/ui_views.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RP_PLAY_MIN_MS 10	/* fastest step when playing */
#define RP_PLAY_MAX_MS 1000	/* a long quiet stretch is shortened */

struct replay_run {
	struct recording rec;		/* owned */
	struct observer *obs;		/* borrowed: the view frees it */
	struct record_item it;		/* scratch */
	size_t cursor;			/* items fed to the model */
	bool playing;
	long long next_ms;		/* playing: when to step */
	int err;			/* first feeding error */
	char notes[4096];
	char keys[128];			/* the keys line, from rp_keymap */
};

/* The time of item @i (decoded into the scratch item). */
static int64_t rp_item_t(struct replay_run *rr, size_t i)
{
	if (i >= rr->rec.n_items || recording_item(&rr->rec, i, &rr->it))
		return rr->rec.last_t_ms;
	return rr->it.t_ms;
}

static int rp_feed_next(struct replay_run *rr)
{
	int rc = recording_feed(&rr->rec, rr->cursor, &rr->it, rr->obs);

	rr->cursor++;
	return rc;
}

/* Move the cursor to @target items (clamped); rebuild when going back. */
static int rp_seek(struct replay_run *rr, long long target)
{
	int rc = 0;

	if (target < 0)
		target = 0;
	if ((size_t)target > rr->rec.n_items)
		target = (long long)rr->rec.n_items;
	if ((size_t)target < rr->cursor) {
		rc = observer_feed_reset(rr->obs);
		rr->cursor = 0;
	}
	while (!rc && rr->cursor < (size_t)target)
		rc = rp_feed_next(rr);
	if (rc && !rr->err)
		rr->err = rc;
	return rc;
}

enum {
	RP_START = 1 << 20,	/* ->arg of the replay keys: a step in items, */
	RP_END,			/* or one of these */
	RP_PLAY,
};

/*
 * The replay's own keys, on the lesson view's keys line (rp_keys) and in
 * its notes; rp_key runs them by their ->arg.
 */
static const struct ui_key rp_keymap[] = {
	{ .code = { ',' }, .name = ",", .label = N_("back"),
	  .help = N_("one item back"), .arg = -1 },
	{ .code = { '.' }, .name = ".", .label = N_("forward"),
	  .help = N_("one item forward"), .arg = 1 },
	{ .code = { '[' }, .name = "[", .label = N_("-10"),
	  .help = N_("ten items back"), .arg = -10 },
	{ .code = { ']' }, .name = "]", .label = N_("+10"),
	  .help = N_("ten items forward"), .arg = 10 },
	{ .code = { UI_KEY_HOME }, .name = "Home", .help = N_("the start"),
	  .arg = RP_START },
	{ .code = { UI_KEY_END }, .name = "End", .help = N_("the end"),
	  .arg = RP_END },
	{ .code = { 'p' }, .name = "p", .label = N_("play"),
	  .help = N_("play from here in recorded time / stop"), .arg = RP_PLAY },
	UI_KEYS_END
};

static const char *rp_notes(void *arg)
{
	struct replay_run *rr = arg;
	const struct record_header *h = &rr->rec.header;
	const struct ui_key *e;
	int n;

	n = snprintf(rr->notes, sizeof(rr->notes),
		     _("Replay of %s\n"
		       "recorded: %s%s%s%.200s  (sampling every %d ms, %s)\n"
		       "item %zu of %zu, t = %.1f s of %.1f s%s\n"
		       "\n"),
		     rr->rec.name, h->source, h->scenario[0] || h->command[0] ?
		     " " : "", h->scenario, h->command, h->interval_ms,
		     h->event_source, rr->cursor, rr->rec.n_items,
		     (double)observer_now_ms(rr->obs) / 1000.0,
		     (double)rr->rec.last_t_ms / 1000.0,
		     rr->playing ? _("   PLAYING") : "");
	for (e = rp_keymap; e->name && n > 0 &&
	     (size_t)n < sizeof(rr->notes); e++)
		n += snprintf(rr->notes + n, sizeof(rr->notes) - (size_t)n,
			      "%-5s %s\n", e->name, _(e->help));
	if (n > 0 && (size_t)n < sizeof(rr->notes))
		snprintf(rr->notes + n, sizeof(rr->notes) - (size_t)n,
			 "%s", _("The model is rebuilt from the recorded "
				 "samples up to the cursor: the events are the "
				 "ones the live run derived."));
	return rr->notes;
}

static const char *rp_keys(void *arg)
{
	struct replay_run *rr = arg;

	return ui_keys_text(rp_keymap, NULL, NULL, rr->keys,
			    sizeof(rr->keys));
}

static void rp_schedule(struct replay_run *rr, long long now_ms)
{
	long long gap;

	if (rr->cursor >= rr->rec.n_items) {
		rr->playing = false;
		return;
	}
	gap = rp_item_t(rr, rr->cursor) - observer_now_ms(rr->obs);
	if (gap < RP_PLAY_MIN_MS)
		gap = RP_PLAY_MIN_MS;
	if (gap > RP_PLAY_MAX_MS)
		gap = RP_PLAY_MAX_MS;
	rr->next_ms = now_ms + gap;
}

static int rp_key(void *arg, int key, char *msg, size_t len)
{
	struct replay_run *rr = arg;
	const struct ui_key *e = ui_keys_find(rp_keymap, NULL, NULL, key);
	long long c = (long long)rr->cursor;
	int rc;

	if (!e)
		return 0;
	switch (e->arg) {
	case RP_START:
		rc = rp_seek(rr, 0);
		break;
	case RP_END:
		rc = rp_seek(rr, (long long)rr->rec.n_items);
		break;
	case RP_PLAY:
		rr->playing = !rr->playing;
		if (rr->playing && rr->cursor >= rr->rec.n_items)
			rp_seek(rr, 0);
		rp_schedule(rr, ui_now_ms());
		snprintf(msg, len, "%s", rr->playing ? _("playing") : _("stopped"));
		return 1;
	default:
		rc = rp_seek(rr, c + e->arg);
		break;
	}
	if (rc < 0) {
		snprintf(msg, len, "replay: %s", strerror(-rc));
		return rc;
	}
	return 1;
}

static int rp_next(void *arg, char *msg, size_t len)
{
	struct replay_run *rr = arg;
	int rc = rp_seek(rr, (long long)rr->cursor + 1);

	if (rc < 0)
		snprintf(msg, len, "replay: %s", strerror(-rc));
	return rc;
}

static int rp_restart(void *arg, char *msg, size_t len)
{
	struct replay_run *rr = arg;
	int rc = rp_seek(rr, 0);

	if (rc < 0)
		snprintf(msg, len, "replay: %s", strerror(-rc));
	return rc;
}

static int rp_freeze(void *arg, bool frozen, char *msg, size_t len)
{
	(void)arg;
	(void)frozen;
	snprintf(msg, len, "%s", _("a recording has no live processes to "
				   "freeze (p plays, , and . step)"));
	return -EPERM;
}

static long long rp_next_tick(void *arg, long long now_ms)
{
	struct replay_run *rr = arg;

	(void)now_ms;
	return rr->playing ? rr->next_ms : -1;
}

static void rp_tick(void *arg, long long now_ms)
{
	struct replay_run *rr = arg;

	if (!rr->playing || now_ms < rr->next_ms)
		return;
	rp_seek(rr, (long long)rr->cursor + 1);
	rp_schedule(rr, now_ms);
}

static void rp_free(void *arg)
{
	struct replay_run *rr = arg;

	if (!rr)
		return;
	recording_clear(&rr->rec);
	record_item_clear(&rr->it);
	free(rr);
}

struct ui_view *ui_replay_view_new(struct recording *r, char *err,
				   size_t errlen)
{
	struct observer_config cfg = { 0 };
	struct ui_lesson_hooks hooks = { 0 };
	struct replay_run *rr = calloc(1, sizeof(*rr));
	const struct scenario *scen;
	char title[300];

	if (!rr) {
		recording_clear(r);
		snprintf(err, errlen, _("out of memory"));
		return NULL;
	}
	rr->rec = *r;
	memset(r, 0, sizeof(*r));
	record_item_init(&rr->it);
	cfg.interval_ms = rr->rec.header.interval_ms;
	cfg.threads = rr->rec.header.threads;	/* task rows shown */
	rr->obs = observer_new_replay(&cfg, rr->rec.header.event_source);
	if (!rr->obs) {
		snprintf(err, errlen, _("cannot replay: %s"), strerror(errno));
		rp_free(rr);
		return NULL;
	}
	if (rp_seek(rr, (long long)rr->rec.n_items) < 0) {
		snprintf(err, errlen, _("cannot replay %s: %s"), rr->rec.name,
			 strerror(-rr->err));
		observer_free(rr->obs);
		rp_free(rr);
		return NULL;
	}
	hooks.arg = rr;
	hooks.notes = rp_notes;
	hooks.keys = rp_keys;
	hooks.key = rp_key;
	hooks.next = rp_next;
	hooks.freeze = rp_freeze;
	hooks.restart = rp_restart;
	hooks.next_tick_ms = rp_next_tick;
	hooks.tick = rp_tick;
	hooks.free = rp_free;
	/* A recorded lesson about sessions shows them as it did live. */
	scen = rr->rec.header.scenario[0] ?
	       scen_find(rr->rec.header.scenario) : NULL;
	hooks.session_cols = scen && scen->session_cols;
	snprintf(title, sizeof(title), "replay %s", rr->rec.name);
	return ui_lesson_view_new(rr->obs, title, &hooks, err, errlen);
}
