/*
 * viz/ui/ui_sched_edit_draw.c - the screen of the scheduler view's
 * workload table (ui_sched_edit.h): a heading per field, one row per job
 * with the cursor's cell (or the cell being typed, its caret kept in
 * view), a refusal wrapped under its cell, the Apply line, and the --jobs
 * line of the table.  Columns are padded by display width, so translated
 * headings stay aligned; the rows scroll.
 */
#include "viz/ui/ui_sched_edit.h"
#include "common/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const se_heads[SCHED_WTAB_NCOLS] = {
	N_("name"), N_("arrival"), N_("bursts"), N_("priority"),
	N_("tickets"), N_("nice"),
};

struct se_layout {
	int numw;			/* the row number column */
	int cx[SCHED_WTAB_NCOLS];	/* each column's x, from the left */
	int cw[SCHED_WTAB_NCOLS];	/* and width */
};

/* Columns as wide as their heading and cells, bursts taking the rest. */
static void se_layout(const struct sv_edit *e, int w, struct se_layout *l)
{
	static const int cap[SCHED_WTAB_NCOLS] = { 16, 10, 0, 10, 10, 4 };
	const struct sched_wtab *t = se_tab(e);
	int c, i, used, n = t->nrows;

	l->numw = 3;
	while (n >= 100) {
		l->numw++;
		n /= 10;
	}
	used = l->numw;
	for (c = 0; c < SCHED_WTAB_NCOLS; c++) {
		int cw = ui_strwidth(_(se_heads[c]));

		if (c == SCHED_WTAB_BURSTS)
			continue;
		for (i = 0; i < t->nrows; i++) {
			int k = (int)strlen(t->rows[i].cell[c]);

			if (k > cw)
				cw = k < cap[c] ? k : cap[c] > cw ? cap[c] : cw;
		}
		if (cw < 3)
			cw = 3;
		l->cw[c] = cw;
		used += cw + SE_GAP;
	}
	l->cw[SCHED_WTAB_BURSTS] = w - used - SE_GAP;
	if (l->cw[SCHED_WTAB_BURSTS] < 8)
		l->cw[SCHED_WTAB_BURSTS] = 8;
	for (c = 0, used = l->numw; c < SCHED_WTAB_NCOLS; c++) {
		l->cx[c] = used;
		used += l->cw[c] + SE_GAP;
	}
}

/*
 * The cell being typed: its text scrolled to keep the caret in view, the
 * caret on the character under it (by display columns: CJK is two).
 */
static void se_draw_typing(const struct sv_edit *e, struct ui *ui, int y,
			   int x, int cw)
{
	const struct ui_lineedit *le = &e->le;
	int col;
	size_t start = ui_lineedit_view(le, cw, &col), n = 1;
	char caret[8] = " ";

	if (le->pos < le->len) {
		while (le->pos + n < le->len &&
		       ((unsigned char)le->text[le->pos + n] & 0xc0) == 0x80)
			n++;
		snprintf(caret, sizeof(caret), "%.*s", (int)n,
			 le->text + le->pos);
	}
	ui_fill(ui, y, x, 1, cw, UI_ROLE_SELECT);
	ui_put(ui, y, x, cw, UI_ROLE_SELECT, le->text + start);
	ui_put(ui, y, x + col, cw - col, UI_ROLE_CURSOR, caret);
}

static void se_draw_row(const struct sv_edit *e, struct ui *ui, int r,
			int y, int x, int w, const struct se_layout *l)
{
	const struct sched_wtab_row *row = &se_tab(e)->rows[r];
	char num[16];
	int c;

	snprintf(num, sizeof(num), "%d", r + 1);
	ui_put(ui, y, x, l->numw, r == e->row ? UI_ROLE_HEADING : UI_ROLE_DIM,
	       num);
	for (c = 0; c < SCHED_WTAB_NCOLS; c++) {
		int cx = x + l->cx[c], cw = l->cw[c];
		bool here = r == e->row && c == e->col;

		if (cx >= x + w)
			break;
		if (cx + cw > x + w)
			cw = x + w - cx;
		if (here && e->editing) {
			se_draw_typing(e, ui, y, cx, cw);
			continue;
		}
		if (here)
			ui_fill(ui, y, cx, 1, cw, UI_ROLE_SELECT);
		ui_put(ui, y, cx, cw, here ? UI_ROLE_SELECT : UI_ROLE_NORMAL,
		       row->cell[c]);
	}
}

/*
 * The refusal under its cell, wrapped into seg[] (at most SE_MSG_LINES
 * rows): how many rows, and the column they start at (*ind).
 */
static int se_msg_wrap(const struct sv_edit *e, int w,
		       const struct se_layout *l,
		       char seg[SE_MSG_LINES][512], int *ind)
{
	const char *s = e->msg;
	int n = 0;

	int mw = ui_strwidth(s);

	/* Under the cell; to its left if that keeps it on one row. */
	*ind = e->row < se_tab(e)->nrows ? l->cx[e->col] : l->numw;
	if (mw > w - *ind)
		*ind = mw <= w ? w - mw : l->numw < w / 2 ? l->numw : 0;
	while (*s && n < SE_MSG_LINES) {
		size_t cut = ui_wrap_cut(s, w - *ind);

		snprintf(seg[n++], 512, "%.*s", (int)cut, s);
		s += cut;
		while (*s == ' ')
			s++;
	}
	return n;
}

static void se_draw_apply(const struct sched_view *sv, struct ui *ui, int y,
			  int x, int w, const struct se_layout *l)
{
	const struct sv_edit *e = sv->edit;
	bool here = e->row >= se_tab(e)->nrows;
	char buf[256];

	if (e->fresh)
		snprintf(buf, sizeof(buf), "%s",
			 _("[ Apply: run every policy on these jobs ]"));
	else
		snprintf(buf, sizeof(buf),
			 _("[ Apply: re-run every policy, staying at "
			   "t = %ld ]"), sv->t);
	ui_put(ui, y, x + l->numw, w - l->numw,
	       here ? UI_ROLE_SELECT : UI_ROLE_HEADING, buf);
}

/* The --jobs line of the table, and how to draw the random one again. */
static void se_draw_footer(const struct sched_view *sv, struct ui *ui, int y,
			   int x, int w)
{
	const struct sched_wtab *t = se_tab(sv->edit);
	char *jobs = NULL, buf[SV_LINE];

	if (sched_wtab_jobs(t, &jobs) == 0) {
		ui_putf(ui, y, x, w, UI_ROLE_DIM, "--jobs %s", jobs);
		free(jobs);
	} else {
		ui_put(ui, y, x, w, UI_ROLE_DIM,
		       _("no jobs yet: a adds one, r draws random ones"));
	}
	if (t->random_n)
		snprintf(buf, sizeof(buf),
			 _("random %d jobs, seed %lu: procviz sched --random "
			   "%d --seed %lu"), t->random_n, t->seed, t->random_n,
			 t->seed);
	else if (t->nrows > 0)
		snprintf(buf, sizeof(buf), "%s",
			 _("(--jobs names the jobs A, B, C...; w writes a file "
			   "that keeps the names)"));
	else
		buf[0] = '\0';
	ui_put(ui, y + 1, x, w, UI_ROLE_DIM, buf);
}

/* Scroll so that the cursor's row and the message under it are shown. */
static void se_scroll(struct sv_edit *e, int body, int nmsg)
{
	int total = se_tab(e)->nrows + 1 + nmsg;

	if (e->row < e->first)
		e->first = e->row;
	if (e->row + nmsg >= e->first + body)
		e->first = e->row + nmsg - body + 1;
	if (e->first > total - body)
		e->first = total - body;
	if (e->first < 0)
		e->first = 0;
}

static void se_draw_help(struct ui_view *v, struct ui *ui, int y, int x,
			 int h, int w)
{
	static const char *const notes[] = {
		N_("A cell is checked as a workload file line is: a bad one"),
		N_("stays open, saying what was expected.  Bursts: CPU/IO/CPU"),
		N_("(5/3/2) or instructions (c2,i,c1; an i takes 5 ticks)."),
		N_("Empty priority, tickets or nice: the default."),
	};

	ui_help_box(ui, y, x, h, w, se_keys_table, v, notes,
		    (int)(sizeof(notes) / sizeof(notes[0])),
		    &((struct sched_view *)v->data)->help_pos);
}

bool sv_edit_draw(struct ui_view *v, struct ui *ui, int y, int x, int h,
		  int w)
{
	struct sched_view *sv = v->data;
	struct sv_edit *e = sv->edit;
	const struct sched_wtab *t;
	enum ui_role role = ui_view_active(ui, v) ? UI_ROLE_TITLE :
			    UI_ROLE_SELECT;
	struct se_layout l;
	int body = h - 4, nmsg, r, line, row, c, k, ind;
	char title[SV_LINE], pad[128], seg[SE_MSG_LINES][512];

	if (!e)
		return false;
	t = se_tab(e);
	se_layout(e, w, &l);
	snprintf(title, sizeof(title),
		 _(" procviz sched  %s   the workload table, jobs: %d"),
		 sv->title, t->nrows);
	ui_fill(ui, y, x, 1, w, role);
	ui_put(ui, y, x, w, role, title);
	ui_put(ui, y + 1, x, l.numw, UI_ROLE_HEADING, "#");
	for (c = 0; c < SCHED_WTAB_NCOLS && l.cx[c] < w; c++)
		ui_put(ui, y + 1, x + l.cx[c], w - l.cx[c], UI_ROLE_HEADING,
		       ui_pad(pad, sizeof(pad), _(se_heads[c]), -l.cw[c]));
	nmsg = se_msg_wrap(e, w, &l, seg, &ind);
	if (body < 1)
		body = 1;
	se_scroll(e, body, nmsg);
	/* Display lines: each row, the message under the cursor's. */
	for (r = 0, line = 0; r <= t->nrows; r++) {
		bool shown = line >= e->first && line < e->first + body;

		row = y + 2 + line - e->first;
		if (shown && r < t->nrows)
			se_draw_row(e, ui, r, row, x, w, &l);
		else if (shown)
			se_draw_apply(sv, ui, row, x, w, &l);
		line++;
		for (k = 0; r == e->row && k < nmsg; k++, line++)
			if (line >= e->first && line < e->first + body)
				ui_put(ui, y + 2 + line - e->first, x + ind,
				       w - ind, UI_ROLE_WARN, seg[k]);
	}
	se_draw_footer(sv, ui, y + h - 2, x, w);
	if (e->help)
		se_draw_help(v, ui, y, x, h, w);
	if (sv->prompt.open)
		ui_prompt_draw(ui, &sv->prompt, y + h - 1, x, w);
	return true;
}
