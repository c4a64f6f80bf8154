/*
 * viz/ui/ui_lesson_draw.c - the lesson view's screen around the tree
 * (ui_lesson_tree.c): the title, the counts line, the event log, the
 * scenario's notes and the dialogs (help, signal).  The event log words
 * each event as `--format text` does (report_obs_event_text).
 */
#include "viz/core/report_obs.h"
#include "common/i18n.h"
#include "viz/ui/ui_fit.h"
#include "viz/ui/ui_lesson.h"
#include "viz/ui/ui_tasks.h"
#include "viz/ui/ui_wrap.h"

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

/* Event @i of the log as its text line. */
static void lv_log_text(struct lesson_view *lv, struct ui *ui, size_t i,
			char *buf, size_t len)
{
	unsigned flags = REPORT_OBS_TEXT_TIME |
			 (ui_utf8(ui) ? 0 : REPORT_OBS_TEXT_ASCII);

	report_obs_event_text(model_log_get(observer_model(lv->o), i), flags,
			      buf, len);
}

/* Continuation lines start under the text, after the "+1.204s  " time. */
static int lv_log_indent(const char *line)
{
	const char *gap = strstr(line, "  ");
	int n = gap ? (int)(gap - line) + 2 : 0;

	return n > 20 ? 20 : n;
}

/* Rows the newest events want wrapped at @w, heading too, at most @max. */
static int lv_log_rows(struct lesson_view *lv, struct ui *ui, int w, int max)
{
	size_t n = model_log_count(observer_model(lv->o)), i = n;
	char buf[LV_LINE];
	int rows = 1;

	while (i-- > 0 && rows < max) {
		lv_log_text(lv, ui, i, buf, sizeof(buf));
		rows += ui_wrap_count(buf, w, lv_log_indent(buf));
	}
	return rows;
}

/*
 * Draw @text wrapped from row @y on, at most @rows rows, leaving out its
 * first @skip rows; rows used.
 */
static int lv_put_wrapped(struct ui *ui, int y, int x, int w, int rows,
			  enum ui_role role, const char *text, int indent,
			  int skip)
{
	int row = 0, avail = w, used;

	while (*text && row < rows) {
		size_t k = ui_wrap_next(text, avail, &used);
		char line[LV_LINE];

		if (k >= sizeof(line))
			k = sizeof(line) - 1;
		memcpy(line, text, k);
		line[k] = '\0';
		if (skip > 0)
			skip--;
		else
			ui_put(ui, y + row++, x + (w - avail), avail, role,
			       line);
		text += k;
		while (*text == ' ')
			text++;
		if (*text == '\n')
			text++;
		avail = w - indent > 8 ? w - indent : w;
	}
	return row;
}

/*
 * The newest events at the bottom, like a terminal, each wrapped over as
 * many rows as it needs, so nothing is cut while rows are free.
 */
static void lv_draw_log(struct lesson_view *lv, struct ui *ui, int y, int x,
			int h, int w)
{
	const struct model *m = observer_model(lv->o);
	size_t n = model_log_count(m), first = n;
	char buf[LV_LINE], sel[LV_LINE - 32], fit[LV_LINE - 32];
	int rows = 0, row, k = lv_selected_index(lv);

	/* The rule names what the selected row is doing (its wait). */
	ui_tasks_detail(k >= 0 ? lv->rows[k].p : NULL, sel, sizeof(sel));
	/* Cut between words, never in a pid or an fd. */
	snprintf(buf, sizeof(buf), "%s%s%s", _("event log"),
		 sel[0] ? "  |  " : "", ui_fit_words(fit, sizeof(fit), sel,
		 w - 9 - ui_strwidth(_("event log")),
		 ui_glyphs(ui)->ellipsis));
	ui_rule(ui, y, x, w, UI_ROLE_BORDER, buf);
	if (h < 2)
		return;
	/* Back from the newest until the rows are full. */
	while (first > 0) {
		lv_log_text(lv, ui, first - 1, buf, sizeof(buf));
		k = ui_wrap_count(buf, w, lv_log_indent(buf));
		if (rows + k > h - 1 && rows > 0)
			break;
		rows += k;
		first--;
		if (rows >= h - 1)
			break;
	}
	for (row = y + 1; first < n && row < y + h; first++) {
		lv_log_text(lv, ui, first, buf, sizeof(buf));
		row += lv_put_wrapped(ui, row, x, w, y + h - row,
				      lv_event_role(model_log_get(m, first)),
				      buf, lv_log_indent(buf), 0);
	}
}

/* A cheap hash of the notes' first bytes: the title and the step. */
static unsigned lv_notes_head_hash(const char *text)
{
	unsigned h = 2166136261u;
	int i;

	for (i = 0; text[i] && i < 160; i++)
		h = (h ^ (unsigned char)text[i]) * 16777619u;
	return h;
}

/*
 * Word-wrap @text into the panel, from row lv->notes_top on (PgUp/PgDn);
 * when it does not all fit, the rule says which rows show and how to
 * see the rest.  A new step scrolls back to the top.
 */
static void lv_draw_notes(struct lesson_view *lv, struct ui *ui, int y,
			  int x, int h, int w, const char *text)
{
	unsigned hash = lv_notes_head_hash(text);
	char rule[3][160];
	int k = 0;

	if (hash != lv->notes_hash) {
		lv->notes_hash = hash;
		lv->notes_top = 0;
	}
	lv->notes_rows = w > 2 ? ui_wrap_count(text, w - 1, 0) : 0;
	lv->notes_page = h - 1 > 0 ? h - 1 : 0;
	if (lv->notes_top > lv->notes_rows - lv->notes_page)
		lv->notes_top = lv->notes_rows - lv->notes_page;
	if (lv->notes_top < 0)
		lv->notes_top = 0;
	/* The rule's title whole: the longest form that fits. */
	snprintf(rule[0], sizeof(rule[0]), "%s",
		 _("notes: what to look at now"));
	if (lv->notes_rows > lv->notes_page) {
		snprintf(rule[1], sizeof(rule[1]), _("notes %d-%d of %d "
			 "(PgUp/PgDn)"), lv->notes_top + 1, lv->notes_top +
			 lv->notes_page, lv->notes_rows);
		snprintf(rule[2], sizeof(rule[2]), "%s", _("notes (PgUp/PgDn)"));
		snprintf(rule[0], sizeof(rule[0]),
			 _("notes: what to look at now  (%d-%d of %d: "
			   "PgUp/PgDn)"), lv->notes_top + 1, lv->notes_top +
			 lv->notes_page, lv->notes_rows);
		while (k < 2 && ui_strwidth(rule[k]) + 4 > w)
			k++;
	}
	ui_rule(ui, y, x, w, UI_ROLE_BORDER, rule[k]);
	if (h >= 2 && w > 2)
		lv_put_wrapped(ui, y + 1, x + 1, w - 1, h - 1, UI_ROLE_NORMAL,
			       text, 0, lv->notes_top);
}

/*
 * The counts of each state, then where events come from and the sampling
 * period: fitted whole (ui_fit), the source going first, then the period
 * shortened and dropped, then the counts' words.
 */
static void lv_draw_counts(struct lesson_view *lv, struct ui *ui, int y,
			   int x, int w)
{
	const struct model *m = observer_model(lv->o);
	static const enum model_state shown[] = { MODEL_ST_RUNNING,
		MODEL_ST_READY, MODEL_ST_BLOCKED, MODEL_ST_STOPPED,
		MODEL_ST_ZOMBIE };
	/* Stopped and ready matter least; zombies and running most. */
	static const int prio[] = { 9, 6, 8, 5, 9 };
	int count[MODEL_ST_GONE + 1] = { 0 };
	char full[5][64], brief[5][32], src[96], every[96], ms[32];
	struct ui_field f[7];
	int k;
	size_t i;

	for (i = 0; i < model_count(m); i++) {
		const struct model_proc *p = model_proc_at(m, i);

		if (p->gone_ms < 0 && p->state <= MODEL_ST_GONE)
			count[p->state]++;
	}
	for (k = 0; k < 5; k++) {
		enum model_state st = shown[k];

		snprintf(full[k], sizeof(full[k]), " %c %s %d ",
			 model_state_letter(st), _(model_state_name(st)),
			 count[st]);
		snprintf(brief[k], sizeof(brief[k]), " %c %d ",
			 model_state_letter(st), count[st]);
		f[k] = (struct ui_field){ full[k], brief[k], prio[k],
					  20 + prio[k], ui_state_role(st),
					  k ? " " : NULL };
	}
	snprintf(src, sizeof(src), _("  events: %s"),
		 observer_event_source(lv->o));
	snprintf(every, sizeof(every), _("  sampling every %d ms"),
		 observer_interval_ms(lv->o));
	snprintf(ms, sizeof(ms), _("  %d ms"), observer_interval_ms(lv->o));
	f[5] = (struct ui_field){ src, NULL, 2, 2, UI_ROLE_DIM, " " };
	f[6] = (struct ui_field){ every, ms, 3, 4, UI_ROLE_DIM, NULL };
	ui_fit_put(ui, y, x, w, f, 7);
}

static void lv_draw_help(struct ui_view *v, struct ui *ui, int y, int x,
			 int h, int w)
{
	static const char *const lines[] = {
		N_("States: R running  r ready  B blocked  T stopped  Z zombie"),
		N_("A row in the new colour has just appeared; a dim row with"),
		N_("a mark has vanished and stays a moment as a tombstone."),
		N_("When every process has ended, the last picture stays,"),
		N_("each row marked ended: r runs the lesson again, q quits."),
	};
	const char *notes[32];
	int n = 0, i;

	for (i = 0; i < (int)(sizeof(lines) / sizeof(lines[0])); i++)
		notes[n++] = lines[i];
	/* What a blocked row waits for: the words of the state column. */
	for (i = 0; ui_tasks_legend[i] && n < 32; i++)
		notes[n++] = ui_tasks_legend[i];
	ui_help_box(ui, y, x, h, w, lv_keys_main, v, notes, n,
		    &((struct lesson_view *)v->data)->help_pos);
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
	snprintf(t, sizeof(t), _("signal to %d %s"), lv->selected_pid,
		 p ? p->comm : "");
	ui_fill(ui, by, bx, bh, bw, UI_ROLE_NORMAL);
	ui_box(ui, by, bx, bh, bw, UI_ROLE_BORDER, t);
	for (i = 0; i < LV_NSIGNALS && i < bh - 3; i++)
		ui_putf(ui, by + 1 + i, bx + 2, bw - 4,
			i == lv->modal_cursor ? UI_ROLE_SELECT :
			UI_ROLE_NORMAL, "SIG%-5s %s", lv_signals[i].name,
			_(lv_signals[i].why));
	ui_keys_hint(ui, by + bh - 2, bx + 2, bw - 4, lv_keys_signal, v);
}

static void lv_draw_title(struct ui_view *v, struct ui *ui, int y, int x,
			  int w)
{
	struct lesson_view *lv = v->data;
	/* Side by side, the view without the keys has a quieter title. */
	enum ui_role role = ui_view_active(ui, v) ? UI_ROLE_TITLE :
			    UI_ROLE_SELECT;
	char name[LV_LINE], clock[64], filter[LV_LINE];
	struct ui_field f[5] = {
		{ name, NULL, 9, 9, role, NULL },
		{ clock, NULL, 8, 8, role, NULL },
		{ filter, NULL, 4, 4, role, NULL },
		{ lv->paused ? _("   DISPLAY PAUSED (processes keep running)") :
		  NULL, _("   PAUSED"), 6, 7, role, NULL },
		{ NULL, NULL, 7, 7, role, NULL },
	};

	snprintf(clock, sizeof(clock), "   t = %.1f s",
		 (double)lv_now(lv) / 1000.0);
	/* A long command (watch) is cut between words, the clock kept. */
	snprintf(filter, sizeof(filter), " procviz %s", lv->title);
	ui_fit_words(name, sizeof(name), filter, w - ui_strwidth(clock),
		     ui_glyphs(ui)->ellipsis);
	filter[0] = '\0';
	if (lv->filter[0])
		snprintf(filter, sizeof(filter), "%s%s'", _("   filter '"),
			 lv->filter);
	/* An ended lesson has nothing left to freeze (lv_freeze). */
	if (lv_ended(lv)) {
		f[4].text = lv->hooks.restart ?
			    _("   LESSON ENDED: r runs it again, q quits") :
			    _("   ALL PROCESSES HAVE ENDED: q quits");
		f[4].brief = _("   ENDED");
	} else if (lv->frozen) {
		f[4].text = _("   SCENARIO FROZEN (SIGSTOP)");
		f[4].brief = _("   FROZEN");
	}
	ui_fill(ui, y, x, 1, w, role);
	ui_fit_put(ui, y, x, w, f, 5);
}

struct lv_needs {
	struct lesson_view *lv;
	struct ui *ui;
	const char *notes;
	int max;
};

/* How many rows the log or the notes want at a width (ui_wrap.h). */
static int lv_need(void *arg, enum ui_layout_need what, int cols)
{
	const struct lv_needs *n = arg;

	if (what == UI_NEED_NOTES)
		return 1 + (cols > 2 ? ui_wrap_count(n->notes, cols - 1, 0) :
			    0);
	return lv_log_rows(n->lv, n->ui, cols, n->max);
}

/*
 * The rows under the title: the process panel takes what it needs, the
 * log and the notes every row left (ui_layout_lesson).
 */
void lv_draw(struct ui_view *v, struct ui *ui, int y, int x, int h, int w)
{
	struct lesson_view *lv = v->data;
	/* A lesson's own pane (its source) first: the notes may fold it in. */
	int sw = lv->hooks.side_width && lv->hooks.draw_side ?
		 lv->hooks.side_width(lv->hooks.arg, w, h - 2) : 0;
	const char *notes = lv->hooks.notes ? lv->hooks.notes(lv->hooks.arg) :
			    NULL;
	struct lv_needs needs = { lv, ui, notes, h };
	struct ui_layout l;
	int row = y + 2;

	lv_build_rows(lv);
	lv->notes_rows = lv->notes_page = 0;	/* unless drawn below */
	if (lv->selected_pid == 0 && lv->nrows > 0) {
		lv->selected_pid = lv->rows[0].p->pid;
		lv->selected_tid = lv->rows[0].p->tid;
	}
	lv_draw_title(v, ui, y, x, w);
	lv_draw_counts(lv, ui, y + 1, x, w);
	if (sw > 0) {
		lv->hooks.draw_side(lv->hooks.arg, ui, row, x + w - sw, h - 2,
				    sw);
		w -= sw + 1;
	}
	ui_layout_lesson(h - 2, w, lv->nrows + 1, notes && *notes, lv_need,
			 &needs, &l);
	lv_draw_tree(lv, ui, row, x, l.tree_h, w);
	row += l.tree_h;
	if (l.lower_h >= 2) {
		lv_draw_log(lv, ui, row, x, l.log_h, l.log_w);
		if (l.notes_h && l.side)
			lv_draw_notes(lv, ui, row, x + w - l.notes_w,
				      l.notes_h, l.notes_w, notes);
		else if (l.notes_h)
			lv_draw_notes(lv, ui, row + l.log_h, x, l.notes_h, w,
				      notes);
	}
	if (lv->modal == LV_MODAL_HELP)
		lv_draw_help(v, ui, y, x, h, w);
	else if (lv->modal == LV_MODAL_SIGNAL)
		lv_draw_signal(v, ui, y, x, h, w);
	if (lv->prompt.open)
		ui_prompt_draw(ui, &lv->prompt, y + h - 1, x, w);
}
