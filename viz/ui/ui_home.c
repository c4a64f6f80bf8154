/*
 * viz/ui/ui_home.c - the home screen: the lessons (scenarios, real
 * processes) and the scheduling workloads (simulated), Enter starts one.
 *
 * The list view is generic: items and a function that turns one into a
 * view, both from the front end (viz/cmd/cmd_home.c fills it from the
 * scenario table and the bundled workloads).
 */
#include "viz/ui/ui.h"
#include "common/i18n.h"
#include "viz/ui/ui_fit.h"
#include "viz/ui/ui_keys.h"
#include "viz/ui/ui_views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct home_item {
	enum ui_home_kind kind;
	char *name, *description;	/* owned */
	char *group;			/* owned; NULL: no heading */
	bool file;			/* a lesson file (ui_home_item) */
};

struct home_view {
	struct home_item *items;	/* owned, n of them */
	int n;
	ui_home_start_fn start;
	void *arg;			/* borrowed */
	int list;			/* 0 lessons, 1 workloads */
	int cursor[2];			/* index within each list */
	int first[2];			/* scroll */
	/* Rows drawn last time, for the mouse: item index per screen row. */
	int row_y[2], row_h[2];
	/* Display rows of each list: an item's index within the list, or
	 * -1 for a group heading; 2n + 1 each (owned). */
	int *rows[2];
};

static const char *const hv_titles[2] = {
	N_("Lessons: real processes, seen live"),
	N_("Scheduling workloads: simulated side by side"),
};

/* The i-th item of @list, or -1. */
static int hv_item(const struct home_view *hv, int list, int i)
{
	int k, seen = 0;

	for (k = 0; k < hv->n; k++)
		if ((int)hv->items[k].kind == list && seen++ == i)
			return k;
	return -1;
}

static int hv_count(const struct home_view *hv, int list)
{
	int k, c = 0;

	for (k = 0; k < hv->n; k++)
		c += (int)hv->items[k].kind == list;
	return c;
}

static bool hv_same_group(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/*
 * Fill hv->rows[list]: a heading row (-1) before the first item of each
 * group, then the item's index within the list.  Returns the row count.
 */
static int hv_layout(struct home_view *hv, int list)
{
	int n = hv_count(hv, list), i, r = 0;
	const char *prev = NULL;

	for (i = 0; i < n; i++) {
		const char *g = hv->items[hv_item(hv, list, i)].group;

		if (g && (i == 0 || !hv_same_group(g, prev)))
			hv->rows[list][r++] = -1;
		hv->rows[list][r++] = i;
		prev = g;
	}
	return r;
}

/* The display row of item @i of @list (after hv_layout). */
static int hv_row_of(const struct home_view *hv, int list, int nrows, int i)
{
	int r;

	for (r = 0; r < nrows; r++)
		if (hv->rows[list][r] == i)
			return r;
	return 0;
}

static void hv_draw_list(struct home_view *hv, struct ui *ui, int list,
			 int y, int x, int h, int w)
{
	int n = hv_count(hv, list), i, r, row, namew = 8, nrows, cur;
	bool active = hv->list == list;
	char head[128], desc[512];

	for (i = 0; i < n; i++) {
		int k = hv_item(hv, list, i);
		int l = (int)strlen(hv->items[k].name);

		if (l + 2 > namew)
			namew = l + 2;
	}
	/* Names whole where they can be; never run into the description. */
	if (namew > w / 2)
		namew = w / 2;
	snprintf(head, sizeof(head), "%s%s", _(hv_titles[list]),
		 active ? "" : ui_utf8(ui) ? "  (\u2190\u2192)" :
		 "  (Left/Right)");
	ui_rule(ui, y, x, w, UI_ROLE_BORDER, head);
	hv->row_y[list] = y + 1;
	hv->row_h[list] = h - 1;
	nrows = hv_layout(hv, list);
	cur = hv_row_of(hv, list, nrows, hv->cursor[list]);
	if (cur >= hv->first[list] + h - 1)
		hv->first[list] = cur - (h - 2);
	/* Keep the cursor's group heading in view with it. */
	if (cur > 0 && hv->rows[list][cur - 1] < 0)
		cur--;
	if (cur < hv->first[list])
		hv->first[list] = cur;
	if (hv->first[list] < 0)
		hv->first[list] = 0;
	for (r = hv->first[list], row = y + 1; r < nrows && row < y + h;
	     r++, row++) {
		const struct home_item *it;
		bool sel;
		enum ui_role role;

		i = hv->rows[list][r];
		if (i < 0) {
			it = &hv->items[hv_item(hv, list,
						hv->rows[list][r + 1])];
			ui_put(ui, row, x + 1, w - 1, UI_ROLE_DIM, it->group);
			continue;
		}
		it = &hv->items[hv_item(hv, list, i)];
		sel = active && i == hv->cursor[list];
		role = sel ? UI_ROLE_SELECT : UI_ROLE_NORMAL;
		if (sel)
			ui_fill(ui, row, x, 1, w, UI_ROLE_SELECT);
		ui_put(ui, row, x, 2, role, sel ? "> " : "  ");
		ui_put(ui, row, x + 2, namew - 1, sel ? role : UI_ROLE_HEADING,
		       it->name);
		ui_put(ui, row, x + 2 + namew, w - 2 - namew, role,
		       ui_fit_words(desc, sizeof(desc), it->description,
				    w - 2 - namew, ui_glyphs(ui)->ellipsis));
	}
	if (n == 0)
		ui_put(ui, y + 1, x + 2, w - 2, UI_ROLE_DIM, _("(none)"));
}

static void hv_draw(struct ui_view *v, struct ui *ui, int y, int x, int h,
		    int w)
{
	struct home_view *hv = v->data;
	struct ui_view *other = ui_other_view(ui, v);
	int body = h - 2, n0 = hv_layout(hv, 0), h0;

	char line[512], fit[512];
	const char *ell = ui_glyphs(ui)->ellipsis;

	/* Sentences cut between words, never inside one. */
	ui_fill(ui, y, x, 1, w, UI_ROLE_TITLE);
	ui_put(ui, y, x, w, UI_ROLE_TITLE, ui_fit_words(fit, sizeof(fit),
	       _(" procviz   operating-system processes, live and simulated"),
	       w, ell));
	if (other) {
		snprintf(line, sizeof(line),
			 _(" The %s view still runs: Tab goes back to it.  "
			   "Enter starts another."), other->name);
		ui_put(ui, y + 1, x, w, UI_ROLE_NEW,
		       ui_fit_words(fit, sizeof(fit), line, w, ell));
	} else {
		ui_put(ui, y + 1, x, w, UI_ROLE_DIM, ui_fit_words(fit,
		       sizeof(fit),
		       _(" Pick a lesson or a workload and press Enter."), w,
		       ell));
	}
	if (w >= 200) {
		int lw = w / 2;

		hv_draw_list(hv, ui, 0, y + 2, x, body, lw - 1);
		hv_draw_list(hv, ui, 1, y + 2, x + lw, body, w - lw);
		return;
	}
	/* The lessons get what the workloads leave, at least half. */
	h0 = n0 + 2;
	if (h0 > body - (hv_layout(hv, 1) + 2))
		h0 = body - (hv_layout(hv, 1) + 2);
	if (h0 < body / 2)
		h0 = body / 2;
	hv_draw_list(hv, ui, 0, y + 2, x, h0, w);
	hv_draw_list(hv, ui, 1, y + 2 + h0, x, body - h0, w);
}

static void hv_start(struct home_view *hv, struct ui *ui, bool drive)
{
	int k = hv_item(hv, hv->list, hv->cursor[hv->list]);
	struct ui_home_item it;
	struct ui_view *nv;
	char err[512] = "";

	if (k < 0)
		return;
	it.kind = hv->items[k].kind;
	it.name = hv->items[k].name;
	it.description = hv->items[k].description;
	it.group = NULL;
	it.file = hv->items[k].file;
	it.drive = drive;
	if (drive && it.kind != UI_HOME_WORKLOAD)
		return;
	nv = hv->start(hv->arg, &it, err, sizeof(err));
	if (!nv) {
		if (err[0])
			ui_warn(ui, "%s: %s", it.name, err);
		else
			ui_warn(ui, "%s: cannot start", it.name);
		return;
	}
	if (ui_push(ui, nv) < 0)
		ui_warn(ui, "too many views open");
}

static bool hv_click(struct home_view *hv, struct ui *ui)
{
	int my, mx, l;

	if (!ui_mouse(ui, &my, &mx))
		return false;
	for (l = 0; l < 2; l++) {
		int r = hv->first[l] + (my - hv->row_y[l]);
		int i = r >= 0 && r < hv_layout(hv, l) ? hv->rows[l][r] : -1;

		if (my >= hv->row_y[l] && my < hv->row_y[l] + hv->row_h[l] &&
		    i >= 0) {
			bool again = hv->list == l && hv->cursor[l] == i;

			hv->list = l;
			hv->cursor[l] = i;
			if (again)	/* a second click starts it */
				hv_start(hv, ui, false);
			return true;
		}
	}
	return false;
}

static enum ui_action hv_up(struct ui_view *v, struct ui *ui, int key)
{
	struct home_view *hv = v->data;

	if (hv->cursor[hv->list] > 0)
		hv->cursor[hv->list]--;
	else if (hv->list == 1 && hv_count(hv, 0) > 0)
		hv->list = 0;
	return UI_ACT_REDRAW;
}

static enum ui_action hv_down(struct ui_view *v, struct ui *ui, int key)
{
	struct home_view *hv = v->data;

	if (hv->cursor[hv->list] < hv_count(hv, hv->list) - 1)
		hv->cursor[hv->list]++;
	else if (hv->list == 0 && hv_count(hv, 1) > 0)
		hv->list = 1;
	return UI_ACT_REDRAW;
}

static enum ui_action hv_other_list(struct ui_view *v, struct ui *ui,
				    int key)
{
	struct home_view *hv = v->data;

	hv->list = !hv->list;
	return UI_ACT_REDRAW;
}

static enum ui_action hv_ends(struct ui_view *v, struct ui *ui, int key)
{
	struct home_view *hv = v->data;
	int n = hv_count(hv, hv->list);

	hv->cursor[hv->list] = key == UI_KEY_HOME ? 0 : n > 0 ? n - 1 : 0;
	return UI_ACT_REDRAW;
}

static enum ui_action hv_enter(struct ui_view *v, struct ui *ui, int key)
{
	hv_start(v->data, ui, false);
	return UI_ACT_REDRAW;
}

/* Drive the workload with real processes (procviz drive, RR). */
static enum ui_action hv_drive(struct ui_view *v, struct ui *ui, int key)
{
	hv_start(v->data, ui, true);
	return UI_ACT_REDRAW;
}

static enum ui_action hv_mouse(struct ui_view *v, struct ui *ui, int key)
{
	hv_click(v->data, ui);
	return UI_ACT_REDRAW;
}

static enum ui_action hv_back(struct ui_view *v, struct ui *ui, int key)
{
	return UI_ACT_BACK;	/* to the running view, or out */
}

static enum ui_action hv_quit(struct ui_view *v, struct ui *ui, int key)
{
	return UI_ACT_QUIT;
}

static bool hv_lessons(struct ui_view *v, struct ui *ui)
{
	return ((struct home_view *)v->data)->list == 0;
}

static bool hv_workloads(struct ui_view *v, struct ui *ui)
{
	return ((struct home_view *)v->data)->list == 1;
}

/* Another view runs: Tab (the session's) goes back to it. */
static bool hv_running(struct ui_view *v, struct ui *ui)
{
	return ui_other_view(ui, v) != NULL;
}

static bool hv_lessons_alone(struct ui_view *v, struct ui *ui)
{
	return hv_lessons(v, ui) && !hv_running(v, ui);
}

static bool hv_lessons_running(struct ui_view *v, struct ui *ui)
{
	return hv_lessons(v, ui) && hv_running(v, ui);
}

static bool hv_workloads_alone(struct ui_view *v, struct ui *ui)
{
	return hv_workloads(v, ui) && !hv_running(v, ui);
}

/*
 * Left, Right and Tab all switch lists (Tab only while nothing else runs:
 * then the session takes it), so the keys line names them as fits.
 */
static const struct ui_key hv_keymap[] = {
	{ .code = { UI_KEY_ENTER }, .name = "Enter", .label = N_("simulate"),
	  .help = N_("simulate the workload, every policy side by side"),
	  .when = hv_workloads, .run = hv_enter },
	{ .code = { UI_KEY_ENTER }, .name = "Enter", .label = N_("start"),
	  .help = N_("start the lesson (a second click too)"), .when = hv_lessons,
	  .run = hv_enter },
	{ .code = { 'd' }, .name = "d", .label = N_("drive real processes (RR)"),
	  .help = N_("run the workload's jobs as real processes, round robin"),
	  .when = hv_workloads, .run = hv_drive },
	{ .code = { UI_KEY_UP, 'k' }, .name = "Up/Down",
	  .uname = "\u2191\u2193", .label = N_("choose"),
	  .help = N_("choose a lesson or a workload"), .shown = hv_lessons,
	  .run = hv_up },
	{ .code = { UI_KEY_DOWN, 'j' }, .run = hv_down },
	{ .code = { UI_KEY_LEFT, UI_KEY_RIGHT, UI_KEY_TAB },
	  .name = "Left/Right/Tab", .uname = "\u2190\u2192/Tab",
	  .label = N_("other list"), .help = N_("the other list"),
	  .shown = hv_lessons_alone, .run = hv_other_list },
	{ .name = "Left/Right", .uname = "\u2190\u2192", .label = N_("other list"),
	  .shown = hv_lessons_running },
	{ .code = { UI_KEY_TAB }, .name = "Tab", .label = N_("running view"),
	  .help = N_("back to the running view"), .when = hv_running },
	{ .name = "Tab", .label = N_("other list"), .shown = hv_workloads_alone },
	{ .code = { UI_KEY_HOME, UI_KEY_END }, .name = "Home/End",
	  .help = N_("the first / the last of the list"), .run = hv_ends },
	{ .code = { UI_KEY_MOUSE }, .run = hv_mouse },
	{ .code = { UI_KEY_ESC }, .name = "Esc",
	  .help = N_("back to the running view"), .run = hv_back },
	{ .code = { 'q', UI_KEY_F10 }, .name = "q/F10", .label = N_("quit"),
	  .help = N_("quit"), .run = hv_quit },
	UI_KEYS_END
};

static const struct ui_key *hv_keys(struct ui_view *v, struct ui *ui)
{
	return hv_keymap;
}

static void hv_free(struct ui_view *v)
{
	struct home_view *hv;
	int i;

	if (!v)
		return;
	hv = v->data;
	if (hv) {
		for (i = 0; i < hv->n; i++) {
			free(hv->items[i].name);
			free(hv->items[i].description);
			free(hv->items[i].group);
		}
		free(hv->items);
		free(hv->rows[0]);
		free(hv->rows[1]);
		free(hv);
	}
	free(v);
}

static const struct ui_view hv_view = {
	.name = "home",
	.min_w = 40,
	.min_h = 8,
	.home = true,
	.draw = hv_draw,
	.keymap = hv_keys,
	.free = hv_free,
};

struct ui_view *ui_home_view_new(const struct ui_home_item *items, int n,
				 ui_home_start_fn start, void *arg, char *err,
				 size_t errlen)
{
	struct ui_view *v = calloc(1, sizeof(*v));
	struct home_view *hv = calloc(1, sizeof(*hv));
	int i;

	if (!v || !hv)
		goto nomem;
	*v = hv_view;
	v->data = hv;
	hv->start = start;
	hv->arg = arg;
	hv->items = calloc((size_t)(n > 0 ? n : 1), sizeof(*hv->items));
	hv->rows[0] = calloc((size_t)(2 * n + 1), sizeof(int));
	hv->rows[1] = calloc((size_t)(2 * n + 1), sizeof(int));
	if (!hv->items || !hv->rows[0] || !hv->rows[1])
		goto nomem;
	for (i = 0; i < n; i++) {
		hv->items[i].kind = items[i].kind;
		hv->items[i].file = items[i].file;
		hv->items[i].name = strdup(items[i].name);
		hv->items[i].description = strdup(items[i].description ?
						  items[i].description : "");
		hv->items[i].group = items[i].group ? strdup(items[i].group) :
				     NULL;
		hv->n++;
		if (!hv->items[i].name || !hv->items[i].description ||
		    (items[i].group && !hv->items[i].group))
			goto nomem;
	}
	if (hv_count(hv, 0) == 0)
		hv->list = 1;
	return v;
nomem:
	if (v && !v->free) {
		free(v);
		free(hv);
	} else {
		hv_free(v);
	}
	snprintf(err, errlen, _("out of memory"));
	return NULL;
}
