/*
 * viz/ui/ui_sched_edit.c - the scheduler view's workload table (`e`): one
 * row per job, one cell per field of a workload file line, edited in
 * place; Enter on the last line (Apply) re-runs every lane on the new
 * jobs at the same tick.  Also the view's undo (`u`) and writing the
 * workload out (`w`).
 *
 * The cells, their checks and messages, the file text, the --jobs line
 * and the undo history are sched/workload_table.h (pure, unit-tested);
 * this file is the keys and the screen.  The table works on a copy of
 * the view's history, so Esc drops every change made since `e`, and
 * Apply hands the copy back.  A cell being typed keeps its text until it
 * is valid or Esc drops it: a bad cell never reaches the table.
 */
#include "viz/ui/ui_sched_edit.h"
#include "common/i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct sched_view *se_sv(struct ui_view *v)
{
	return v->data;
}

/* ---- the view's title and workload --------------------------------------- */

/* "silberschatz (edited)" once the workload is not the starting one. */
static void se_title(struct sched_view *sv)
{
	const struct sched_wtab *t = sched_wtab_hist_top(&sv->hist);

	if (!sched_wtab_hist_changed(&sv->hist))
		snprintf(sv->title, sizeof(sv->title), "%s", sv->base_title);
	else if (t->random_n)
		snprintf(sv->title, sizeof(sv->title),
			 _("%s (edited: random %d jobs, seed %lu)"),
			 sv->base_title, t->random_n, t->seed);
	else
		snprintf(sv->title, sizeof(sv->title), _("%s (edited)"),
			 sv->base_title);
}

/*
 * Run the view on the table @t: its workload, and the lottery seed of a
 * random draw (as `--random N --seed S` has it) or the starting one.
 */
static int se_run_table(struct sched_view *sv, const struct sched_wtab *t,
			char *err, size_t errlen)
{
	unsigned long seed = sv->opts.seed;
	struct sched_workload w;
	int rc;

	rc = sched_wtab_workload(t, &w, err, errlen);
	if (rc)
		return rc;
	sv->opts.seed = t->random_n ? t->seed : sv->seed0;
	rc = sv_set_workload(sv, &w, err, errlen);
	if (rc)
		sv->opts.seed = seed;
	sched_workload_clear(&w);
	return rc;
}

bool sv_edit_changed(struct ui_view *v, struct ui *ui)
{
	return sched_wtab_hist_changed(&se_sv(v)->hist);
}

/* ---- opening and closing ------------------------------------------------- */

static struct sv_edit *se_new(const struct sched_view *sv)
{
	struct sv_edit *e = calloc(1, sizeof(*e));

	if (!e)
		return NULL;
	if (sched_wtab_hist_copy(&e->hist, &sv->hist) < 0) {
		free(e);
		return NULL;
	}
	e->next_seed = (unsigned long)(time(NULL) % 9999) + 1;
	return e;
}

static void se_free(struct sv_edit *e)
{
	if (!e)
		return;
	sched_wtab_hist_clear(&e->hist);
	free(e);
}

int sv_edit_init(struct sched_view *sv, bool open)
{
	struct sched_wtab t;
	int rc;

	sched_wtab_hist_init(&sv->hist);
	sched_wtab_init(&t);
	rc = sched_wtab_from_workload(&t, &sv->w);
	if (!rc)
		rc = sched_wtab_hist_push(&sv->hist, &t);
	sched_wtab_clear(&t);
	if (rc || !open)
		return rc;
	sv->edit = se_new(sv);
	if (!sv->edit)
		return -ENOMEM;
	sv->edit->fresh = true;
	return 0;
}

void sv_edit_free(struct sched_view *sv)
{
	se_free(sv->edit);
	sv->edit = NULL;
	sched_wtab_hist_clear(&sv->hist);
}

enum ui_action sv_edit_open(struct ui_view *v, struct ui *ui, int key)
{
	struct sched_view *sv = se_sv(v);

	sv->playing = false;
	sv->modal = SV_MODAL_NONE;
	sv->edit = se_new(sv);
	if (!sv->edit)
		ui_warn(ui, "%s", _("out of memory"));
	return UI_ACT_REDRAW;
}

enum ui_action sv_edit_undo(struct ui_view *v, struct ui *ui, int key)
{
	struct sched_view *sv = se_sv(v);
	char err[512];

	/* A view that started empty (home's new workload) keeps a job. */
	if ((sv->hist.n == 2 && sv->hist.tabs[0].nrows == 0) ||
	    !sched_wtab_hist_undo(&sv->hist)) {
		ui_warn(ui, "%s", _("nothing to undo: this is the workload "
				    "the view started with"));
		return UI_ACT_REDRAW;
	}
	if (se_run_table(sv, sched_wtab_hist_top(&sv->hist), err,
			 sizeof(err)) < 0)
		ui_warn(ui, _("cannot re-run: %s"), err);
	se_title(sv);
	return UI_ACT_REDRAW;
}

/* ---- changes to the table ----------------------------------------------- */

static void se_clamp(struct sv_edit *e)
{
	int n = se_tab(e)->nrows;

	if (e->row > n)
		e->row = n;
	if (e->row < 0)
		e->row = 0;
}

/* Make @t (taken) the table now: the next undo step. */
static void se_push(struct sv_edit *e, struct sched_wtab *t)
{
	if (sched_wtab_hist_push(&e->hist, t) < 0)
		snprintf(e->msg, sizeof(e->msg), "%s", _("out of memory"));
	sched_wtab_clear(t);
	se_clamp(e);
}

/* A copy of the table now to change, or false (no memory: said). */
static bool se_copy(struct sv_edit *e, struct sched_wtab *t)
{
	if (sched_wtab_copy(t, se_tab(e)) == 0)
		return true;
	snprintf(e->msg, sizeof(e->msg), "%s", _("out of memory"));
	return false;
}

static enum ui_action se_add(struct ui_view *v, struct ui *ui, int key)
{
	struct sv_edit *e = se_sv(v)->edit;
	int at = e->row < se_tab(e)->nrows ? e->row + 1 : se_tab(e)->nrows;
	struct sched_wtab t;

	e->msg[0] = '\0';
	if (!se_copy(e, &t))
		return UI_ACT_REDRAW;
	if (sched_wtab_insert(&t, at) < 0) {
		sched_wtab_clear(&t);
		snprintf(e->msg, sizeof(e->msg), "%s", _("out of memory"));
		return UI_ACT_REDRAW;
	}
	se_push(e, &t);
	e->row = at;
	return UI_ACT_REDRAW;
}

static enum ui_action se_delete(struct ui_view *v, struct ui *ui, int key)
{
	struct sv_edit *e = se_sv(v)->edit;
	struct sched_wtab t;

	e->msg[0] = '\0';
	if (e->row >= se_tab(e)->nrows || !se_copy(e, &t))
		return UI_ACT_REDRAW;
	sched_wtab_delete(&t, e->row);
	se_push(e, &t);
	return UI_ACT_REDRAW;
}

static enum ui_action se_undo(struct ui_view *v, struct ui *ui, int key)
{
	struct sv_edit *e = se_sv(v)->edit;

	e->msg[0] = '\0';
	if (!sched_wtab_hist_undo(&e->hist))
		snprintf(e->msg, sizeof(e->msg), "%s",
			 _("nothing to undo: this is the workload the view "
			   "started with"));
	se_clamp(e);
	return UI_ACT_REDRAW;
}

/* `--random N --seed S`, N the rows there are (or 5), S shown. */
static enum ui_action se_random(struct ui_view *v, struct ui *ui, int key)
{
	struct sv_edit *e = se_sv(v)->edit;
	int n = se_tab(e)->nrows > 0 ? se_tab(e)->nrows : SE_RANDOM_JOBS;
	unsigned long seed = e->next_seed++;
	struct sched_wtab t;

	e->msg[0] = '\0';
	if (!se_copy(e, &t))
		return UI_ACT_REDRAW;
	if (sched_wtab_random(&t, n, seed) < 0) {
		sched_wtab_clear(&t);
		snprintf(e->msg, sizeof(e->msg), "%s", _("out of memory"));
		return UI_ACT_REDRAW;
	}
	se_push(e, &t);
	return UI_ACT_REDRAW;
}

/* Enter on Apply: every lane re-runs on the table, at the same tick. */
static void se_apply(struct sched_view *sv)
{
	struct sv_edit *e = sv->edit;
	char err[512];

	if (se_tab(e)->nrows == 0) {
		snprintf(e->msg, sizeof(e->msg), "%s",
			 _("the table has no jobs: a adds one"));
		return;
	}
	if (se_run_table(sv, se_tab(e), err, sizeof(err)) < 0) {
		snprintf(e->msg, sizeof(e->msg), "%s", err);
		return;
	}
	sched_wtab_hist_clear(&sv->hist);
	sv->hist = e->hist;
	sched_wtab_hist_init(&e->hist);
	se_free(e);
	sv->edit = NULL;
	se_title(sv);
}

/* ---- moving, typing a cell ----------------------------------------------- */

static enum ui_action se_move(struct ui_view *v, struct ui *ui, int key)
{
	struct sv_edit *e = se_sv(v)->edit;
	int n = se_tab(e)->nrows;

	e->msg[0] = '\0';
	switch (key) {
	case UI_KEY_UP:
		e->row--;
		break;
	case UI_KEY_DOWN:
		e->row++;
		break;
	case UI_KEY_PGUP:
		e->row -= 10;
		break;
	case UI_KEY_PGDN:
		e->row += 10;
		break;
	case UI_KEY_HOME:
		e->row = 0;
		break;
	case UI_KEY_END:
		e->row = n;
		break;
	case UI_KEY_LEFT:
		if (e->col > 0)
			e->col--;
		break;
	case UI_KEY_RIGHT:
		if (e->col < SCHED_WTAB_NCOLS - 1)
			e->col++;
		break;
	}
	se_clamp(e);
	return UI_ACT_REDRAW;
}

static enum ui_action se_enter(struct ui_view *v, struct ui *ui, int key)
{
	struct sched_view *sv = se_sv(v);
	struct sv_edit *e = sv->edit;

	e->msg[0] = '\0';
	if (e->row >= se_tab(e)->nrows) {
		se_apply(sv);
		return UI_ACT_REDRAW;
	}
	ui_lineedit_set(&e->le, se_tab(e)->rows[e->row].cell[e->col]);
	e->editing = true;
	return UI_ACT_REDRAW;
}

/* Enter in a cell: keep it if the parser takes it, else say why. */
static enum ui_action se_cell_keep(struct ui_view *v, struct ui *ui, int key)
{
	struct sv_edit *e = se_sv(v)->edit;
	struct sched_wtab t;

	if (sched_wtab_check(se_tab(e), e->row, e->col, e->le.text, e->msg,
			     sizeof(e->msg)) < 0)
		return UI_ACT_REDRAW;
	if (!se_copy(e, &t))
		return UI_ACT_REDRAW;
	if (sched_wtab_set(&t, e->row, e->col, e->le.text, e->msg,
			   sizeof(e->msg)) < 0) {
		sched_wtab_clear(&t);
		return UI_ACT_REDRAW;
	}
	e->msg[0] = '\0';
	e->editing = false;
	se_push(e, &t);
	return UI_ACT_REDRAW;
}

static enum ui_action se_cell_drop(struct ui_view *v, struct ui *ui, int key)
{
	struct sv_edit *e = se_sv(v)->edit;

	e->editing = false;
	e->msg[0] = '\0';
	return UI_ACT_REDRAW;
}

/* Every other key edits the line (UTF-8 aware: ui_lineedit.h). */
static enum ui_action se_cell_type(struct ui_view *v, struct ui *ui, int key)
{
	if (key == UI_KEY_F10)
		return UI_ACT_NONE;	/* the session quits */
	ui_lineedit_key(&se_sv(v)->edit->le, key);
	return UI_ACT_REDRAW;	/* anything else is swallowed */
}

/* ---- the other keys ------------------------------------------------------ */

static enum ui_action se_cancel(struct ui_view *v, struct ui *ui, int key)
{
	struct sched_view *sv = se_sv(v);

	if (sv->edit->fresh)
		return UI_ACT_BACK;	/* nothing to show yet: home */
	se_free(sv->edit);
	sv->edit = NULL;
	return UI_ACT_REDRAW;
}

static enum ui_action se_help(struct ui_view *v, struct ui *ui, int key)
{
	se_sv(v)->edit->help = !se_sv(v)->edit->help;
	return UI_ACT_REDRAW;
}

static enum ui_action se_quit(struct ui_view *v, struct ui *ui, int key)
{
	return UI_ACT_QUIT;
}

/* Write @t to @path (never over a file that exists). */
static int se_write_file(const struct sched_view *sv,
			 const struct sched_wtab *t, const char *path,
			 char *msg, size_t len)
{
	char comment[256], *text = NULL;
	FILE *f;
	int rc;

	snprintf(comment, sizeof(comment),
		 "written by procviz from '%s' (the scheduler view's table)",
		 sv->base_title);
	rc = sched_wtab_text(t, comment, &text);
	if (rc) {
		snprintf(msg, len, "%s", _("out of memory"));
		return rc;
	}
	f = fopen(path, "wx");
	if (!f) {
		rc = -errno;
		if (rc == -EEXIST)
			snprintf(msg, len, _("%s exists already: give another "
					     "name"), path);
		else
			snprintf(msg, len, _("cannot write '%s': %s"), path,
				 strerror(-rc));
		free(text);
		return rc;
	}
	fputs(text, f);
	free(text);
	if (ferror(f) | fclose(f)) {
		snprintf(msg, len, _("cannot write '%s': %s"), path,
			 strerror(errno));
		return -EIO;
	}
	return 0;
}

/* The table `w` writes: the one being edited, else the view's. */
static const struct sched_wtab *se_write_table(const struct sched_view *sv)
{
	return sv->edit ? se_tab(sv->edit) : sched_wtab_hist_top(&sv->hist);
}

enum ui_action sv_edit_write(struct ui_view *v, struct ui *ui, int key)
{
	struct sched_view *sv = se_sv(v);

	if (se_write_table(sv)->nrows == 0) {
		ui_warn(ui, "%s", _("the table has no jobs: a adds one"));
		return UI_ACT_REDRAW;
	}
	ui_prompt_open(&sv->prompt, 0, _("write the workload to file:"),
		       NULL, false);
	return UI_ACT_REDRAW;
}

static enum ui_action se_prompt_key(struct ui_view *v, struct ui *ui,
				    int key)
{
	struct sched_view *sv = se_sv(v);
	const struct sched_wtab *t = se_write_table(sv);
	char msg[512], *jobs = NULL;

	if (ui_prompt_key(&sv->prompt, key) != UI_PROMPT_DONE)
		return UI_ACT_REDRAW;
	if (!sv->prompt.text[0])
		return UI_ACT_REDRAW;
	if (se_write_file(sv, t, sv->prompt.text, msg, sizeof(msg)) < 0) {
		ui_warn(ui, "%s", msg);
		return UI_ACT_REDRAW;
	}
	if (sched_wtab_jobs(t, &jobs) == 0)
		ui_warn(ui, _("wrote %s   --jobs %s"), sv->prompt.text, jobs);
	else
		ui_warn(ui, _("wrote %s"), sv->prompt.text);
	free(jobs);
	return UI_ACT_REDRAW;
}

/* ---- key tables --------------------------------------------------------- */

const struct ui_key se_keys_table[] = {
	{ .code = { UI_KEY_UP, UI_KEY_DOWN, UI_KEY_LEFT, UI_KEY_RIGHT },
	  .name = "arrows", .uname = "\u2191\u2193\u2190\u2192",
	  .help = N_("move between the cells (the last line is Apply)"),
	  .run = se_move },
	{ .code = { UI_KEY_PGUP, UI_KEY_PGDN, UI_KEY_HOME, UI_KEY_END },
	  .name = "PgUp/PgDn", .help = N_("ten jobs up / down (Home/End: "
					  "the first job / Apply)"),
	  .run = se_move },
	{ .code = { UI_KEY_ENTER }, .name = "Enter", .label = N_("edit/apply"),
	  .help = N_("edit the cell; on the last line: apply, re-running "
		  "every policy at the same tick"), .run = se_enter },
	{ .code = { 'a' }, .name = "a", .label = N_("add"),
	  .help = N_("add a job under this one"), .run = se_add },
	{ .code = { 'd' }, .name = "d", .label = N_("delete"),
	  .help = N_("delete this job"), .run = se_delete },
	{ .code = { 'u' }, .name = "u", .label = N_("undo"),
	  .help = N_("undo the last change (again: the one before, back to "
		  "the workload the view started with)"), .run = se_undo },
	{ .code = { 'r' }, .name = "r", .label = N_("random"),
	  .help = N_("a random workload: --random N --seed S, N the jobs in "
		  "the table (5 if none); the seed is shown"),
	  .run = se_random },
	{ .code = { 'w' }, .name = "w", .label = N_("write"),
	  .help = N_("write the table to a workload file (asks for its "
		  "name)"), .run = sv_edit_write },
	{ .code = { UI_KEY_ESC }, .name = "Esc", .label = N_("cancel"),
	  .help = N_("close the table, dropping its changes"),
	  .run = se_cancel },
	{ .code = { '?', UI_KEY_F1 }, .name = "?", .label = N_("help"),
	  .run = se_help },
	{ .code = { 'q', UI_KEY_F10 }, .name = "q/F10", .help = N_("quit"),
	  .run = se_quit },
	UI_KEYS_END
};

static const struct ui_key se_keys_cell[] = {
	{ .code = { UI_KEY_ENTER }, .name = "Enter", .label = N_("keep"),
	  .run = se_cell_keep },
	{ .code = { UI_KEY_ESC }, .name = "Esc", .label = N_("drop the edit"),
	  .run = se_cell_drop },
	{ .code = { UI_KEY_ANY }, .name = "Left/Right", .uname =
	  "\u2190\u2192", .label = N_("caret"), .run = se_cell_type },
	{ .name = "Backspace/^U", .label = N_("erase") },
	UI_KEYS_END
};

static const struct ui_key se_keys_prompt[] = {
	{ .code = { UI_KEY_ENTER }, .name = "Enter", .label = N_("write"),
	  .run = se_prompt_key },
	{ .code = { UI_KEY_ESC }, .name = "Esc", .label = N_("cancel"),
	  .run = se_prompt_key },
	{ .code = { UI_KEY_ANY }, .run = se_prompt_key },
	UI_KEYS_END
};

static const struct ui_key se_keys_help[] = {
	{ .code = { UI_KEY_ANY }, .name = "any key", .label = N_("close"),
	  .run = se_help },
	UI_KEYS_END
};

const struct ui_key *sv_edit_keys(struct sched_view *sv)
{
	if (sv->prompt.open)
		return se_keys_prompt;
	if (!sv->edit)
		return NULL;
	if (sv->edit->help)
		return se_keys_help;
	return sv->edit->editing ? se_keys_cell : se_keys_table;
}

