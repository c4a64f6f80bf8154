/*
 * viz/ui/ui_lesson_live.c - a running lesson as the lesson view's hooks
 * (ui_lesson_live.h).
 */
#include "viz/ui/ui_lesson_live.h"

#include "common/i18n.h"
#include "viz/core/record.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct observer *ui_live_observer(struct ui_live *lv,
				  const struct ui_run_opts *o,
				  struct observer_config *cfg, char *err,
				  size_t errlen)
{
	cfg->interval_ms = o->interval_ms;
	cfg->threads = cfg->threads || o->threads;
	cfg->no_netlink = o->no_netlink;
	cfg->no_ptrace = o->no_ptrace;
	cfg->step_hook = o->step_hook;
	cfg->step_hook_arg = o->step_hook_arg;
	if (o->record) {
		cfg->tap_snapshot = recorder_tap_snapshot;
		cfg->tap_note = recorder_tap_note;
		cfg->tap_arg = o->record;
	}
	lv->obs = observer_new(cfg);
	if (!lv->obs)
		snprintf(err, errlen, _("cannot start observing: %s"),
			 strerror(errno));
	return lv->obs;
}

static int live_key(void *arg, int key, char *msg, size_t len)
{
	return lesson_key(((struct ui_live *)arg)->l, key, msg, len);
}

static int live_next(void *arg, char *msg, size_t len)
{
	return lesson_next(((struct ui_live *)arg)->l, msg, len);
}

static int live_freeze(void *arg, bool frozen, char *msg, size_t len)
{
	return lesson_freeze(((struct ui_live *)arg)->l, frozen, msg, len);
}

static int live_restart(void *arg, char *msg, size_t len)
{
	return lesson_restart(((struct ui_live *)arg)->l, msg, len);
}

/* What the lesson writes is taken in at the sampling pace at least. */
static long long live_next_tick(void *arg, long long now_ms)
{
	struct ui_live *lv = arg;
	int64_t due = lesson_due_ms(lv->l);
	long long soon = now_ms + observer_interval_ms(lv->obs);

	return due >= 0 && due < soon ? due : soon;
}

static void live_tick(void *arg, long long now_ms)
{
	(void)now_ms;
	lesson_tick(((struct ui_live *)arg)->l);
}

static void live_free(void *arg)
{
	struct ui_live *lv = arg;

	if (!lv)
		return;
	lesson_free(lv->l);
	if (lv->clear)
		lv->clear(lv);
	free(lv);
}

struct ui_view *ui_live_view_new(struct ui_live *lv, const char *name,
				 const struct ui_run_opts *o,
				 const struct ui_lesson_hooks *kind,
				 char *err, size_t errlen)
{
	struct ui_lesson_hooks hooks;
	struct report_obs_header h;
	struct observer *obs = lv->obs;
	char title[160];

	if (!obs)
		goto fail;
	if (!lv->l) {
		snprintf(err, errlen, _("out of memory"));
		goto fail;
	}
	/* As headless: the recording's header once the lesson is launched. */
	if (lesson_launch(lv->l, err, errlen) < 0)
		goto fail;
	if (o->record) {
		lesson_header(lv->l, &h);
		recorder_header(o->record, &h);
	}
	if (lesson_go(lv->l, err, errlen) < 0)
		goto fail;
	hooks = (struct ui_lesson_hooks){
		.arg = lv, .notes = kind->notes, .keys = kind->keys,
		.key = live_key, .next = live_next, .freeze = live_freeze,
		.restart = live_restart, .next_tick_ms = live_next_tick,
		.tick = live_tick, .free = live_free,
		.side_width = kind->side_width, .draw_side = kind->draw_side,
		.session_cols = kind->session_cols,
	};
	snprintf(title, sizeof(title), "run %s%s", name,
		 o->step_mode ? " --step" : "");
	return ui_lesson_view_new(obs, title, &hooks, err, errlen);
fail:
	live_free(lv);
	observer_free(obs);
	return NULL;
}
