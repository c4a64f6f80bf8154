/*
 * viz/ui/ui_scenario.c - a running scenario in the lesson view: its notes
 * panel and its keys line; the rest is any lesson's (ui_lesson_live.c).
 * The scenario itself is a session (viz/core/session.h), the same that
 * `procviz run --headless` drives.  No curses here: it only feeds
 * ui_lesson.
 */
#include "common/i18n.h"
#include "viz/core/session.h"
#include "viz/ui/ui_lesson_live.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct scen_live {
	struct ui_live live;	/* first: the lesson */
	char notes[4096];
	char keys[256];
};

static const char *lr_notes(void *arg)
{
	struct scen_live *lr = arg;
	const struct lesson *l = lr->live.l;
	const struct scenario *scen = session_scenario(l);
	const char *step_text;
	int step = session_step(l, &step_text), i;
	size_t n = 0;

#define LR_ADD(...) do { \
		if (n < sizeof(lr->notes)) \
			n += (size_t)snprintf(lr->notes + n, \
					      sizeof(lr->notes) - n, \
					      __VA_ARGS__); \
	} while (0)
	LR_ADD("%s\n", _(scen->title));
	if (step > 0)
		LR_ADD(_("\nNOW, step %d of %d: %s\n"), step, scen->nsteps,
		       step_text);
	else
		LR_ADD("%s", _("\nStarting...\n"));
	if (lesson_waiting(l))
		LR_ADD("%s", _("\nPress n for the next step.\n"));
	if (session_last_note(l)[0])
		LR_ADD(_("\nLast note: %s\n"), session_last_note(l));
	LR_ADD("\n");
	for (i = 0; scen->explain && scen->explain[i]; i++) {
		const char *line = _(scen->explain[i]);
		size_t len = strlen(line);

		/* English lines join with a space; Chinese ones need none. */
		LR_ADD("%s%s", line, len && (unsigned char)line[len - 1] < 0x80 ?
		       " " : "");
	}
#undef LR_ADD
	return lr->notes;
}

static const char *lr_keys(void *arg)
{
	struct scen_live *lr = arg;
	const struct scen_control *c;
	size_t n = 0;

	lr->keys[0] = '\0';
	for (c = session_scenario(lr->live.l)->controls; c && c->key; c++)
		if (n < sizeof(lr->keys))
			n += (size_t)snprintf(lr->keys + n,
					      sizeof(lr->keys) - n, "%s%c:%s",
					      n ? "|" : "", c->key, _(c->label));
	return lr->keys;
}

struct ui_view *ui_scenario_view_new(const struct scenario *scen,
				     const struct ui_run_opts *o,
				     char *err, size_t errlen)
{
	struct lesson_opts lo = {
		.pace_ms = o->pace_ms,
		.step_mode = o->step_mode,
		.subreaper = o->subreaper,
		.duration_ms = o->duration_ms,
	};
	struct ui_lesson_hooks hooks = {
		.notes = lr_notes,
		.keys = lr_keys,
		.session_cols = scen->session_cols,
	};
	struct observer_config cfg = { 0 };
	struct scen_live *lr = calloc(1, sizeof(*lr));

	if (!lr) {
		snprintf(err, errlen, _("out of memory"));
		return NULL;
	}
	session_observer_config(scen, &cfg);
	if (ui_live_observer(&lr->live, o, &cfg, err, errlen))
		lr->live.l = session_new(scen, &lo, lr->live.obs);
	return ui_live_view_new(&lr->live, scen->name, o, &hooks, err, errlen);
}
