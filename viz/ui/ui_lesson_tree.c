/*
 * viz/ui/ui_lesson_tree.c - the lesson view's process tree: which
 * processes are on screen at the timeline's right edge (live ones, and
 * tombstones for a while), in tree order with where a re-parented one
 * came from, and one row each with its state timeline.
 *
 * The view renders a const model (viz/core/model.h) owned by its
 * observer.  States are always a letter and a word, the colour only
 * repeats them.
 */
#include "viz/ui/ui_fit.h"
#include "viz/ui/ui_lesson.h"
#include "viz/ui/ui_tasks.h"
#include "common/i18n.h"

#include <stdio.h>
#include <string.h>

static void lv_state_cell(struct ui *ui, int y, int x, int st)
{
	char s[2] = { model_state_letter((enum model_state)st), '\0' };

	ui_put(ui, y, x, 1, ui_state_role((enum model_state)st), s);
}

int64_t lv_now(const struct lesson_view *lv)
{
	const struct model *m = observer_model(lv->o);

	/* Model time: the last reading (no wall clock in the picture). */
	return m->last_t_ms;
}

bool lv_ended(const struct lesson_view *lv)
{
	return observer_done(lv->o);
}

/*
 * When the last process went: the right edge of the last picture, so the
 * timelines stay where they were while the clock goes on.
 */
static int64_t lv_end_ms(const struct lesson_view *lv)
{
	const struct model *m = observer_model(lv->o);
	int64_t end = -1;
	size_t i;

	for (i = 0; i < model_count(m); i++) {
		const struct model_proc *p = model_proc_at(m, i);

		if (p->gone_ms > end)
			end = p->gone_ms;
	}
	return end >= 0 ? end : lv_now(lv);
}

/*
 * The time at the timeline's right edge: now (or the end of an ended
 * lesson), or where paused/scrolled.
 */
static int64_t lv_right_ms(const struct lesson_view *lv)
{
	int interval = observer_interval_ms(lv->o) * lv->per_cell;
	int64_t edge = lv->paused ? lv->pause_t_ms :
		       lv_ended(lv) ? lv_end_ms(lv) : lv_now(lv);

	return edge - (int64_t)lv->scroll * interval;
}

/*
 * A row for every process alive at the timeline's right edge, and a
 * tombstone for a while after one vanished: scrolling back brings back
 * the processes of that moment.  Once the lesson has ended, the last
 * picture stays: every process the model still keeps has its row.
 */
static bool lv_visible(const struct lesson_view *lv,
		       const struct model_proc *p)
{
	int64_t right = lv_right_ms(lv);

	if (lv_ended(lv) && lv->scroll == 0)
		return true;
	if (p->first_ms > right && lv->scroll > 0)
		return false;
	return p->gone_ms < 0 || right - p->gone_ms <= LV_TOMB_MS;
}

/*
 * Who came from where: the log's reparent events, gathered once per draw
 * (the log is bounded, and re-parentings are few) so that each row looks
 * its process up in a short list instead of the whole log.
 */
static void lv_gather_reparents(struct lesson_view *lv)
{
	const struct model *m = observer_model(lv->o);
	size_t n = model_log_count(m), i;

	lv->nreparents = 0;
	for (i = n; i-- > 0 && lv->nreparents < LV_MAX_REPARENTS;) {
		const struct model_event *e = model_log_get(m, i);

		if (e->type != MODEL_EV_REPARENT)
			continue;
		lv->reparents[lv->nreparents].pid = e->pid;
		lv->reparents[lv->nreparents].from = e->u.reparent.from;
		lv->nreparents++;
	}
}

/* The pid @pid was last re-parented from, or 0. */
static int lv_came_from(const struct lesson_view *lv, int pid)
{
	int i;

	for (i = 0; i < lv->nreparents; i++)
		if (lv->reparents[i].pid == pid)
			return lv->reparents[i].from;
	return 0;
}

/* Whether @p's parent has a row it goes under (alive, or both gone). */
static bool lv_shown_parent(const struct lesson_view *lv,
			    const struct model_proc *p)
{
	const struct model *m = observer_model(lv->o);
	size_t i;

	for (i = 0; i < model_count(m); i++) {
		const struct model_proc *q = model_proc_at(m, i);

		if (q != p && q->pid == p->ppid && lv_visible(lv, q) &&
		    (q->gone_ms < 0 || p->gone_ms >= 0) &&
		    q->first_ms <= p->first_ms)
			return true;
	}
	return false;
}

/*
 * Whether @c is one @p left behind: @p is a tombstone and @c, re-parented
 * away from it to a parent without a row (init), is a zombie or gone too
 * (a daemonic child killed with its parent, a storm parent's zombies).
 * It stays under @p, its "(from PID)" and its PPID saying where it went,
 * instead of reading as an orphan at the top while init has yet to reap
 * it.
 */
static bool lv_left_behind(const struct lesson_view *lv,
			   const struct model_proc *p,
			   const struct model_proc *c)
{
	return p->gone_ms >= 0 && !c->tid && c != p &&
	       (c->state == MODEL_ST_ZOMBIE || c->gone_ms >= 0) &&
	       c->first_ms >= p->first_ms &&
	       lv_came_from(lv, c->pid) == p->pid && lv_visible(lv, p) &&
	       !lv_shown_parent(lv, c);
}

static bool lv_has_parent(const struct lesson_view *lv,
			  const struct model_proc *p)
{
	const struct model *m = observer_model(lv->o);
	size_t i;

	if (lv_shown_parent(lv, p))
		return true;
	for (i = 0; i < model_count(m); i++)
		if (lv_left_behind(lv, model_proc_at(m, i), p))
			return true;
	return false;
}

static void lv_add_subtree(struct lesson_view *lv,
			   const struct model_proc *p, int depth)
{
	const struct model *m = observer_model(lv->o);
	size_t i;

	if (lv->nrows >= LV_MAX_ROWS || depth > 64)
		return;
	lv->rows[lv->nrows].p = p;
	lv->rows[lv->nrows].depth = depth;
	lv->rows[lv->nrows].came_from = lv_came_from(lv, p->pid);
	lv->nrows++;
	/* Threads mode: its threads, as task rows right under it. */
	for (i = 0; lv->show_tasks && i < model_task_count(m); i++) {
		const struct model_proc *t = model_task_at(m, i);

		if (t->pid != p->pid || !lv_visible(lv, t) ||
		    lv->nrows >= LV_MAX_ROWS)
			continue;
		lv->rows[lv->nrows].p = t;
		lv->rows[lv->nrows].depth = depth + 1;
		lv->rows[lv->nrows].came_from = 0;
		lv->nrows++;
	}
	/* Under a tombstone only tombstones and the zombies it left behind:
	 * a live child was re-parented. */
	for (i = 0; i < model_count(m); i++) {
		const struct model_proc *c = model_proc_at(m, i);

		if (c == p || !lv_visible(lv, c))
			continue;
		if ((c->ppid == p->pid && (p->gone_ms < 0 || c->gone_ms >= 0) &&
		     c->first_ms >= p->first_ms) || lv_left_behind(lv, p, c))
			lv_add_subtree(lv, c, depth + 1);
	}
}

/* Tree order: roots (no visible live parent) in order of first sight. */
void lv_build_rows(struct lesson_view *lv)
{
	const struct model *m = observer_model(lv->o);
	size_t i;

	lv->nrows = 0;
	lv_gather_reparents(lv);
	for (i = 0; i < model_count(m); i++) {
		const struct model_proc *p = model_proc_at(m, i);

		if (lv_visible(lv, p) && !lv_has_parent(lv, p))
			lv_add_subtree(lv, p, 0);
	}
	if (lv->filter[0]) {	/* '/': the matching rows, in tree order */
		int k = 0;

		for (i = 0; i < (size_t)lv->nrows; i++)
			if (lv_filter_match(lv, lv->rows[i].p))
				lv->rows[k++] = lv->rows[i];
		lv->nrows = k;
	}
}

int lv_selected_index(const struct lesson_view *lv)
{
	int i;

	for (i = 0; i < lv->nrows; i++)
		if (lv->rows[i].p->pid == lv->selected_pid &&
		    lv->rows[i].p->tid == lv->selected_tid)
			return i;
	return -1;
}

/*
 * One cell per sampling period, newest at the right edge (@right_ms).
 * Samples land on the column of their time; a column a late sample left
 * empty takes the state before it (a state lasts until the next reading).
 */
static void lv_draw_timeline(struct lesson_view *lv, struct ui *ui,
			     const struct model_proc *p, int y, int x,
			     int cells, int64_t right_ms, int interval)
{
	int prev_c = -1, prev_st = -1, c;
	size_t i;

	for (i = 0; i < p->hist_n; i++) {
		const struct model_hist *h = model_proc_hist(p, i);
		int64_t back = (right_ms - h->t_ms + interval / 2) / interval;

		if (h->t_ms > right_ms)
			break;
		if (back >= cells) {
			prev_st = h->state;
			continue;
		}
		c = cells - 1 - (int)back;
		if (prev_st >= 0)
			for (prev_c = prev_c < 0 ? c : prev_c + 1; prev_c < c;
			     prev_c++)
				lv_state_cell(ui, y, x + prev_c, prev_st);
		lv_state_cell(ui, y, x + c, h->state);
		prev_c = c;
		prev_st = h->state;
	}
	if (p->gone_ms >= 0 && p->gone_ms <= right_ms) {
		int64_t back = (right_ms - p->gone_ms) / interval;

		if (back < cells)
			ui_put(ui, y, x + cells - 1 - (int)back, 1,
			       UI_ROLE_DIM, ui_glyphs(ui)->tomb);
	}
}

/*
 * Column widths of the tree: pid [tid] ppid [sid tty] state cpu thr |
 * command | timeline.  The id columns are as wide as the widest id (and
 * a blank), so two ids never run together.
 */
struct lv_cols {
	int idw;		/* each id column, its blank included */
	bool tid;		/* threads mode: a TID column after PID */
	bool session;		/* SID and TTY columns (the lesson's) */
	int thrw;		/* THR, its blank included */
	int fixed, cmdw, tlw;
	int interval;		/* ms per timeline cell */
	int64_t now, right;	/* model time, the timeline's right edge */
};

enum { LV_STATE_W = 11, LV_CPU_W = 6, LV_THR_W = 4, LV_TTY_W = 8 };

/*
 * The words of model_state_name(), which are English in JSON: marked here
 * for the catalogue, translated where the screen shows them.
 */
const char *const lv_state_words[] = {
	N_("running"), N_("ready"), N_("blocked"), N_("stopped"),
	N_("zombie"), NULL,
};

static void lv_tree_heading(struct lesson_view *lv, struct ui *ui, int y,
			    int x, int w, const struct lv_cols *c)
{
	char head[LV_LINE], scale[96], col[LV_LINE / 2], caption[LV_LINE];
	struct ui_field f[1];
	size_t n = 0;

	if (lv->per_cell > 1)
		snprintf(scale, sizeof(scale), _("one cell per %d samples"),
			 lv->per_cell);
	else
		snprintf(scale, sizeof(scale), _("one cell per sample"));
	/* Padded by display columns: the headings may be translated. */
#define LV_HEAD(text, width) \
	n += (size_t)snprintf(head + n, sizeof(head) - n, "%s", \
			      ui_pad(col, sizeof(col), (text), (width)))
	LV_HEAD(_("PID"), -c->idw);
	if (c->tid)
		LV_HEAD(_("TID"), -c->idw);
	LV_HEAD(_("PPID"), -c->idw);
	if (c->session) {
		LV_HEAD(_("SID"), -c->idw);
		LV_HEAD(_("TTY"), -LV_TTY_W);
	}
	LV_HEAD(_("STATE"), -LV_STATE_W);
	LV_HEAD(_("CPU%"), LV_CPU_W - 1);
	LV_HEAD(" ", 1);
	LV_HEAD(_("THR"), c->thrw - 1);
	LV_HEAD(" ", 1);
	LV_HEAD(_("COMMAND"), -c->cmdw);
	LV_HEAD(" ", 1);
#undef LV_HEAD
	ui_put(ui, y, x, w, UI_ROLE_HEADING, head);
	/* The timeline's caption: whole, or its first words, or none. */
	snprintf(caption, sizeof(caption), _("STATE TIMELINE (%s, %s)"),
		 scale, lv->scroll ? _("scrolled back") :
		 lv_ended(lv) ? _("as it ended") : _("newest right"));
	f[0] = (struct ui_field){ caption, _("STATE TIMELINE"), 5, 6,
				  UI_ROLE_HEADING, NULL };
	n = (size_t)ui_strwidth(head);
	if ((int)n < w)
		ui_fit_put(ui, y, x + (int)n, w - (int)n, f, 1);
}

/*
 * The command column of row @i as fields (ui_fit.h): the name, indented
 * as a tree, then its mark (a thread, where it came from, gone), then its
 * command line when that says more than the name.  Strings in @buf.
 */
struct lv_cmd {
	char name[LV_LINE], mark[64], cmdline[LV_LINE];
	struct ui_field f[3];
};

static void lv_cmd_fields(struct lesson_view *lv, struct ui *ui, int i,
			  enum ui_role base, struct lv_cmd *o)
{
	const struct ui_glyphs *g = ui_glyphs(ui);
	const struct lv_row *r = &lv->rows[i];
	const struct model_proc *p = r->p;
	bool sel = i == lv_selected_index(lv), gone = p->gone_ms >= 0;
	enum ui_role mark_role = sel ? base : UI_ROLE_DIM;
	int d;

	o->name[0] = o->mark[0] = o->cmdline[0] = '\0';
	for (d = 0; d < r->depth && d < 16; d++)
		strncat(o->name, " ", sizeof(o->name) - strlen(o->name) - 1);
	if (r->depth > 0) {
		strncat(o->name, g->arrow,
			sizeof(o->name) - strlen(o->name) - 1);
		strncat(o->name, " ", sizeof(o->name) - strlen(o->name) - 1);
	}
	strncat(o->name, p->comm, sizeof(o->name) - strlen(o->name) - 1);
	if (p->tid) {
		snprintf(o->mark, sizeof(o->mark), "%s", _(" (thread)"));
	} else if (r->came_from) {
		snprintf(o->mark, sizeof(o->mark), _(" (from %d)"),
			 r->came_from);
		mark_role = sel ? base : UI_ROLE_NEW;
	} else if (gone && !lv_ended(lv)) {
		snprintf(o->mark, sizeof(o->mark), _(" %s gone"), g->tomb);
	}
	/* Not the re-exec line every scenario process shares. */
	if (!p->tid && p->cmdline[0] &&
	    strncmp(p->cmdline, p->comm, strlen(p->comm)) != 0 &&
	    !strstr(p->cmdline, "--scenario-process"))
		snprintf(o->cmdline, sizeof(o->cmdline), " %s", p->cmdline);
	o->f[0] = (struct ui_field){ o->name, NULL, 9, 9, base, NULL };
	o->f[1] = (struct ui_field){ o->mark, NULL, 5, 5, mark_role, NULL };
	o->f[2] = (struct ui_field){ o->cmdline, NULL, 2, 2,
				     sel ? base : UI_ROLE_DIM, NULL };
}

/* Columns the command of row @i wants whole (name and mark). */
static int lv_cmd_need(struct lesson_view *lv, struct ui *ui, int i)
{
	struct lv_cmd o;

	lv_cmd_fields(lv, ui, i, UI_ROLE_NORMAL, &o);
	return ui_strwidth(o.name) + ui_strwidth(o.mark);
}

/*
 * The command column: fitted whole (ui_fit), so a pid in "(from 2315)"
 * or in a command line is shown whole or not at all; a name longer than
 * the column is clipped.
 */
static void lv_tree_command(struct lesson_view *lv, struct ui *ui, int i,
			    int row, int x, enum ui_role base,
			    const struct lv_cols *c)
{
	struct lv_cmd o;
	const char *out[3];
	int k;

	lv_cmd_fields(lv, ui, i, base, &o);
	ui_fit(o.f, 3, c->cmdw, out);
	k = ui_put(ui, row, x, c->cmdw, base, o.name);
	for (i = 1; i < 3; i++)
		if (out[i] && k < c->cmdw)
			k += ui_put(ui, row, x + k, c->cmdw - k, o.f[i].role,
				    out[i]);
}

/* The terminal of @p: "pts/3", "tty1", or "-" for none. */
static const char *lv_tty(const struct model_proc *p, char *buf, size_t len)
{
	unsigned major = ((unsigned)p->tty_nr >> 8) & 0xfff;
	unsigned minor = ((unsigned)p->tty_nr & 0xff) |
			 (((unsigned)p->tty_nr >> 12) & 0xfff00);

	if (p->tty_nr <= 0)
		snprintf(buf, len, "-");
	else if (major >= 136 && major <= 143)
		snprintf(buf, len, "pts/%u", (major - 136) * 256 + minor);
	else if (major == 4 && minor < 64)
		snprintf(buf, len, "tty%u", minor);
	else if (major == 4)
		snprintf(buf, len, "ttyS%u", minor - 64);
	else
		snprintf(buf, len, "%u:%u", major, minor);
	return buf;
}

/* The id columns of a row; returns the column after them. */
static int lv_tree_ids(struct lesson_view *lv, struct ui *ui, int row,
		       int x, enum ui_role base, const struct model_proc *p,
		       const struct lv_cols *c)
{
	char num[32], tty[16];
	int k = 0;

#define LV_ID(...) do { \
		snprintf(num, sizeof(num), __VA_ARGS__); \
		ui_put(ui, row, x + k, c->idw, base, num); \
		k += c->idw; \
	} while (0)
	LV_ID("%d", p->pid);
	if (c->tid)	/* a process's main thread has its pid as tid */
		LV_ID("%d", p->tid ? p->tid : p->pid);
	if (p->tid)	/* a thread's parent is its process's */
		LV_ID("-");
	else
		LV_ID("%d", p->ppid);
	if (c->session) {
		LV_ID("%d", p->sid);
		ui_put(ui, row, x + k, LV_TTY_W - 1, base,
		       lv_tty(p, tty, sizeof(tty)));
		k += LV_TTY_W;
	}
#undef LV_ID
	return k;
}

static void lv_tree_row(struct lesson_view *lv, struct ui *ui, int i,
			int row, int x, int w, const struct lv_cols *c)
{
	const struct model_proc *p = lv->rows[i].p;
	bool sel = i == lv_selected_index(lv), gone = p->gone_ms >= 0;
	bool fresh = !gone && c->now - p->first_ms <= LV_NEW_MS &&
		     p->first_ms > 0;
	enum ui_role base = sel ? UI_ROLE_SELECT : gone ? UI_ROLE_DIM :
			    fresh ? UI_ROLE_NEW : UI_ROLE_NORMAL;
	char st[64], word[48], num[32];
	int k;

	if (sel)
		ui_fill(ui, row, x, 1, w, UI_ROLE_SELECT);
	k = lv_tree_ids(lv, ui, row, x, base, p, c);
	/* The state: letter and word (what it waits for), by role. */
	if (gone) {
		/* After the lesson, every row says so: the last picture. */
		ui_put(ui, row, x + k, LV_STATE_W, UI_ROLE_DIM,
		       lv_ended(lv) ? _("- ended") : _("- gone"));
	} else {
		snprintf(st, sizeof(st), "%c %s",
			 model_state_letter(p->state),
			 ui_pad(word, sizeof(word), ui_tasks_word(p), -8));
		ui_put(ui, row, x + k, LV_STATE_W - 1,
		       ui_state_role(p->state), st);
	}
	k += LV_STATE_W;
	/* An ended process: the most threads it had (its last reading may
	 * be after most of them ended). */
	if (p->tid)
		snprintf(num, sizeof(num), "%5.1f %*s ",
			 gone ? 0.0 : p->run_pm / 10.0, c->thrw - 1, "-");
	else
		snprintf(num, sizeof(num), "%5.1f %*d ",
			 gone ? 0.0 : p->run_pm / 10.0, c->thrw - 1,
			 gone ? p->max_threads : p->threads);
	ui_put(ui, row, x + k, LV_CPU_W + c->thrw, base, num);
	lv_tree_command(lv, ui, i, row, x + c->fixed, base, c);
	if (c->tlw > 0)
		lv_draw_timeline(lv, ui, p, row, x + c->fixed + c->cmdw + 1,
				 c->tlw, c->right, c->interval);
}

/* The id columns' width: the widest id of the rows, and a blank. */
static int lv_id_width(const struct lesson_view *lv)
{
	int i, w = 7;

	for (i = 0; i < lv->nrows; i++) {
		const struct model_proc *p = lv->rows[i].p;
		int ids[4] = { p->pid, p->tid, p->ppid, p->sid }, k;
		char num[16];

		for (k = 0; k < 4; k++)
			if (snprintf(num, sizeof(num), "%d", ids[k]) + 1 > w)
				w = (int)strlen(num) + 1;
	}
	return w;
}

/*
 * The columns for @w: the command column gets what its widest row needs
 * whole (up to 40 columns, and leaving the timeline 12), at least the
 * third of what is left.
 */
static void lv_tree_cols(struct lesson_view *lv, struct ui *ui, int w,
			 struct lv_cols *c)
{
	int i, need = 0, left;

	c->interval = observer_interval_ms(lv->o) * lv->per_cell;
	c->now = lv_now(lv);
	c->right = lv_right_ms(lv);
	c->idw = lv_id_width(lv);
	c->tid = lv->show_tasks;
	c->session = lv->hooks.session_cols;
	c->thrw = ui_strwidth(_("THR")) + 1;
	if (c->thrw < LV_THR_W)
		c->thrw = LV_THR_W;
	c->fixed = c->idw * (2 + c->tid + c->session) +
		   (c->session ? LV_TTY_W : 0) + LV_STATE_W + LV_CPU_W +
		   c->thrw;
	left = w - c->fixed;
	for (i = 0; i < lv->nrows; i++) {
		int n = lv_cmd_need(lv, ui, i);

		need = n > need ? n : need;
	}
	c->cmdw = left > 100 ? 40 : left > 60 ? 28 : left / 2;
	if (need > c->cmdw)
		c->cmdw = need < 40 ? need : 40;
	if (c->cmdw > left - 13)
		c->cmdw = left - 13;
	if (c->cmdw < left / 3)
		c->cmdw = left / 3;
	c->tlw = left - c->cmdw - 1;	/* before the floor below */
	if (c->cmdw < 8)
		c->cmdw = 8;
	if (c->tlw < 1)
		c->tlw = 0;
}

/* Keep the selection on screen (@h rows with the heading). */
static void lv_tree_scroll(struct lesson_view *lv, int h)
{
	int sel = lv_selected_index(lv);

	if (sel >= 0 && sel >= lv->rows_first + h - 1)
		lv->rows_first = sel - (h - 2);
	if (sel >= 0 && sel < lv->rows_first)
		lv->rows_first = sel;
	if (lv->rows_first > lv->nrows - 1)
		lv->rows_first = lv->nrows > 0 ? lv->nrows - 1 : 0;
	if (lv->rows_first < 0)
		lv->rows_first = 0;
}

void lv_draw_tree(struct lesson_view *lv, struct ui *ui, int y, int x, int h,
		  int w)
{
	struct lv_cols c;
	int i, row;

	lv_tree_cols(lv, ui, w, &c);
	lv_tree_heading(lv, ui, y, x, w, &c);
	if (h < 2)
		return;
	lv_tree_scroll(lv, h);
	lv->rows_y = y + 1;
	for (i = lv->rows_first, row = y + 1; i < lv->nrows && row < y + h;
	     i++, row++)
		lv_tree_row(lv, ui, i, row, x, w, &c);
	if (lv->nrows == 0 && lv->filter[0])
		ui_putf(ui, y + 1, x, w, UI_ROLE_DIM,
			_("(no process has '%s' in its name: / changes the "
			  "filter)"), lv->filter);
	else if (lv->nrows == 0)
		ui_put(ui, y + 1, x, w, UI_ROLE_DIM,
		       model_count(observer_model(lv->o)) ?
		       _("(no process left: Left scrolls the timeline back to "
		       "them)") : _("(no process yet)"));
}
