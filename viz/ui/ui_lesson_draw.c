/*
 * viz/ui/ui_lesson_draw.c - the lesson view's screen around the tree
 * (ui_lesson_tree.c): the title, the counts line, the event log, the
 * scenario's notes and the dialogs (help, signal).  The event log words
 * each event as `--format text` does (report_obs_event_text).
 */
#include "viz/core/report_obs.h"
#include "viz/ui/ui_lesson.h"

#include <stdio.h>
#include <string.h>

static enum ui_role lv_event_role(const struct model_event *e)
{
	switch (e->type) {
	case MODEL_EV_STATE:
		return e->u.state.to == MODEL_ST_ZOMBIE ? UI_ROLE_ZOMBIE :
		       UI_ROLE_NORMAL;
	case MODEL_EV_REAP:
	case MODEL_EV_NOTE:
		return UI_ROLE_HEADING;
	case MODEL_EV_SPAWN:
	case MODEL_EV_REPARENT:
		return UI_ROLE_NEW;
	default:
		return UI_ROLE_NORMAL;
	}
}

static void lv_draw_log(struct lesson_view *lv, struct ui *ui, int y, int x,
			int h, int w)
{
	const struct model *m = observer_model(lv->o);
	unsigned flags = REPORT_OBS_TEXT_TIME |
			 (ui_utf8(ui) ? 0 : REPORT_OBS_TEXT_ASCII);
	size_t n = model_log_count(m), i;
	char buf[LV_LINE];
	int row;

	ui_rule(ui, y, x, w, UI_ROLE_BORDER, "event log");
	if (h < 2)
		return;
	/* The newest events at the bottom, like a terminal. */
	i = n > (size_t)(h - 1) ? n - (size_t)(h - 1) : 0;
	for (row = y + 1; i < n && row < y + h; i++, row++) {
		const struct model_event *e = model_log_get(m, i);

		report_obs_event_text(e, flags, buf, sizeof(buf));
		ui_put(ui, row, x, w, lv_event_role(e), buf);
	}
}

/* Word-wrap @text into the panel. */
static void lv_draw_notes(struct lesson_view *lv, struct ui *ui, int y,
			  int x, int h, int w, const char *text)
{
	int row = y + 1;
	const char *p = text;

	ui_rule(ui, y, x, w, UI_ROLE_BORDER, "notes: what to look at now");
	while (*p && row < y + h && w > 2) {
		const char *nl = strchr(p, '\n');
		size_t seg = nl ? (size_t)(nl - p) : strlen(p);
		char line[LV_LINE];

		/* Break at the last space that fits (byte-wise is fine: the
		 * notes are ASCII prose). */
		if (seg > (size_t)(w - 1)) {
			size_t cut = (size_t)(w - 1);

			while (cut > 0 && p[cut] != ' ')
				cut--;
			seg = cut ? cut : (size_t)(w - 1);
			nl = NULL;
		}
		if (seg >= sizeof(line))
			seg = sizeof(line) - 1;
		memcpy(line, p, seg);
		line[seg] = '\0';
		ui_put(ui, row++, x + 1, w - 1, UI_ROLE_NORMAL, line);
		p += seg;
		while (*p == ' ' || (*p == '\n' && nl))
			if (*p++ == '\n')
				break;
	}
}

static void lv_draw_counts(struct lesson_view *lv, struct ui *ui, int y,
			   int x, int w)
{
	const struct model *m = observer_model(lv->o);
	static const enum model_state shown[] = { MODEL_ST_RUNNING,
		MODEL_ST_READY, MODEL_ST_BLOCKED, MODEL_ST_STOPPED,
		MODEL_ST_ZOMBIE };
	int count[MODEL_ST_GONE + 1] = { 0 };
	int k, used = 0;
	size_t i;
	char buf[64];

	for (i = 0; i < model_count(m); i++) {
		const struct model_proc *p = model_proc_at(m, i);

		if (p->gone_ms < 0 && p->state <= MODEL_ST_GONE)
			count[p->state]++;
	}
	for (k = 0; k < 5 && used < w; k++) {
		enum model_state st = shown[k];

		snprintf(buf, sizeof(buf), " %c %s %d ",
			 model_state_letter(st), model_state_name(st),
			 count[st]);
		used += ui_put(ui, y, x + used, w - used, lv_state_role(st),
			       buf);
		used += ui_put(ui, y, x + used, w - used, UI_ROLE_NORMAL, " ");
	}
	snprintf(buf, sizeof(buf), "  events: %s  sampling every %d ms",
		 observer_event_source(lv->o), observer_interval_ms(lv->o));
	ui_put(ui, y, x + used, w - used, UI_ROLE_DIM, buf);
}

static void lv_draw_help(struct ui_view *v, struct ui *ui, int y, int x,
			 int h, int w)
{
	static const char *const notes[] = {
		"States: R running  r ready  B blocked  T stopped  Z zombie",
		"A row in the new colour has just appeared; a dim row with",
		"a mark has vanished and stays a moment as a tombstone.",
	};

	ui_help_box(ui, y, x, h, w, lv_keys_main, v, notes,
		    (int)(sizeof(notes) / sizeof(notes[0])));
}

static void lv_draw_signal(struct ui_view *v, struct ui *ui, int y, int x,
			   int h, int w)
{
	struct lesson_view *lv = v->data;
	int bw = w < 56 ? w : 56, bh = LV_NSIGNALS + 3, i;
	int by = y + (h - bh) / 2, bx = x + (w - bw) / 2;
	const struct model_proc *p =
		model_find(observer_model(lv->o), lv->selected_pid);
	char t[64];

	if (bh > h)
		bh = h;
	snprintf(t, sizeof(t), "signal to %d %s", lv->selected_pid,
		 p ? p->comm : "");
	ui_fill(ui, by, bx, bh, bw, UI_ROLE_NORMAL);
	ui_box(ui, by, bx, bh, bw, UI_ROLE_BORDER, t);
	for (i = 0; i < LV_NSIGNALS && i < bh - 3; i++)
		ui_putf(ui, by + 1 + i, bx + 2, bw - 4,
			i == lv->modal_cursor ? UI_ROLE_SELECT :
			UI_ROLE_NORMAL, "SIG%-5s %s", lv_signals[i].name,
			lv_signals[i].why);
	ui_keys_hint(ui, by + bh - 2, bx + 2, bw - 4, lv_keys_signal, v);
}

static void lv_draw_title(struct ui_view *v, struct ui *ui, int y, int x,
			  int w)
{
	struct lesson_view *lv = v->data;
	/* Side by side, the view without the keys has a quieter title. */
	enum ui_role role = ui_view_active(ui, v) ? UI_ROLE_TITLE :
			    UI_ROLE_SELECT;
	char title[LV_LINE];

	snprintf(title, sizeof(title), " procviz %s   t = %.1f s%s%s%s",
		 lv->title, (double)lv_now(lv) / 1000.0,
		 lv->paused ? "   DISPLAY PAUSED (processes keep running)" :
		 "", lv->frozen ? "   SCENARIO FROZEN (SIGSTOP)" : "",
		 observer_done(lv->o) ? "   all processes have ended" : "");
	ui_fill(ui, y, x, 1, w, role);
	ui_put(ui, y, x, w, role, title);
}

/* Under the tree: the log, and the notes beside it or under it. */
static void lv_draw_lower(struct lesson_view *lv, struct ui *ui, int y,
			  int x, int h, int w, const char *notes)
{
	if (notes && w >= 100) {
		int nw = w * 2 / 5;

		lv_draw_log(lv, ui, y, x, h, w - nw - 1);
		lv_draw_notes(lv, ui, y, x + w - nw, h, nw, notes);
	} else if (notes && h >= 6) {
		int nh = h / 3 + 1;

		lv_draw_log(lv, ui, y, x, h - nh, w);
		lv_draw_notes(lv, ui, y + h - nh, x, nh, w, notes);
	} else {
		lv_draw_log(lv, ui, y, x, h, w);
	}
}

void lv_draw(struct ui_view *v, struct ui *ui, int y, int x, int h, int w)
{
	struct lesson_view *lv = v->data;
	const char *notes = lv->hooks.notes ? lv->hooks.notes(lv->hooks.arg) :
			    NULL;
	int body = h - 2, tree_h, row;

	lv_build_rows(lv);
	if (lv->selected_pid == 0 && lv->nrows > 0)
		lv->selected_pid = lv->rows[0].p->pid;
	lv_draw_title(v, ui, y, x, w);
	lv_draw_counts(lv, ui, y + 1, x, w);
	row = y + 2;
	tree_h = lv->nrows + 1;
	if (tree_h < 4)
		tree_h = 4;
	if (tree_h > body * 55 / 100)
		tree_h = body * 55 / 100;
	if (tree_h < 2)
		tree_h = body > 2 ? 2 : body;
	lv_draw_tree(lv, ui, row, x, tree_h, w);
	row += tree_h;
	if (y + h - row >= 2)
		lv_draw_lower(lv, ui, row, x, y + h - row, w, notes);
	if (lv->modal == LV_MODAL_HELP)
		lv_draw_help(v, ui, y, x, h, w);
	else if (lv->modal == LV_MODAL_SIGNAL)
		lv_draw_signal(v, ui, y, x, h, w);
}
