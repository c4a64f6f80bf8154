/*
 * viz/ui/ui_stack.c - the views of a session and the loop that runs them.
 *
 * The session holds up to UI_MAX_VIEWS views, one of them active (it gets
 * the keys).  One may be home (->home): Back from another view goes
 * there, made by the front end's factory (ui_set_home) when none is open;
 * Tab goes round the other ("work") views.  From UI_SPLIT_W columns the
 * active view and another work view are drawn side by side.  No view is
 * known here by name.
 *
 * The loop: run the views' timers, redraw if anything changed, then wait
 * in one ppoll() for a key, a line on stderr, a view's file descriptor or
 * the next timer, whichever comes first; signals only set flags (ui.c)
 * and wake the wait.
 */
#include "viz/ui/ui_keys.h"
#include "viz/ui/ui_priv.h"

#include <errno.h>
#include <poll.h>
#include <string.h>

void ui_stack_free(struct ui *ui)
{
	int i;

	for (i = 0; i < ui->nviews; i++)
		ui->views[i]->free(ui->views[i]);
	ui->nviews = 0;
}

void ui_set_home(struct ui *ui, ui_home_fn fn, void *arg)
{
	ui->home_fn = fn;
	ui->home_arg = arg;
}

struct ui_view *ui_active_view(const struct ui *ui)
{
	return ui->nviews > 0 ? ui->views[ui->active] : NULL;
}

bool ui_quitting(const struct ui *ui)
{
	return ui->quit;
}

bool ui_view_active(const struct ui *ui, const struct ui_view *v)
{
	return ui->nviews > 0 && ui->views[ui->active] == v;
}

/* Views that are not home: the ones Tab cycles between. */
static int ui_count_work(const struct ui *ui)
{
	int i, n = 0;

	for (i = 0; i < ui->nviews; i++)
		n += !ui->views[i]->home;
	return n;
}

struct ui_view *ui_other_view(struct ui *ui, const struct ui_view *self)
{
	int i;

	/* The one shown last first: Back from it leads home, Tab back. */
	for (i = 0; i < ui->nviews; i++)
		if (ui->views[i] == ui->last_work && ui->views[i] != self &&
		    !ui->views[i]->home)
			return ui->views[i];
	for (i = 0; i < ui->nviews; i++)
		if (ui->views[i] != self && !ui->views[i]->home)
			return ui->views[i];
	return NULL;
}

int ui_push(struct ui *ui, struct ui_view *v)
{
	int i;

	for (i = 0; i < ui->nviews; i++)
		if (strcmp(ui->views[i]->name, v->name) == 0) {
			ui->views[i]->free(ui->views[i]);
			ui->views[i] = v;
			ui->active = i;
			ui->dirty = true;
			return 0;
		}
	if (ui->nviews == UI_MAX_VIEWS) {
		v->free(v);
		return -ENOSPC;
	}
	ui->views[ui->nviews] = v;
	ui->active = ui->nviews++;
	ui->dirty = true;
	return 0;
}

static void ui_next_work_view(struct ui *ui)
{
	int i, idx;

	for (i = 1; i <= ui->nviews; i++) {
		idx = (ui->active + i) % ui->nviews;
		if (!ui->views[idx]->home) {
			ui->active = idx;
			ui->dirty = true;
			return;
		}
	}
}

/* From home to the work view shown last; false if there is none. */
static bool ui_back_to_last(struct ui *ui, const struct ui_view *home)
{
	struct ui_view *back = ui_other_view(ui, home);
	int i;

	for (i = 0; back && i < ui->nviews; i++)
		if (ui->views[i] == back) {
			ui->active = i;
			ui->dirty = true;
			return true;
		}
	return false;
}

/* Open home from the factory, listing the running views' files. */
static void ui_open_home(struct ui *ui)
{
	const char *files[UI_MAX_VIEWS];
	struct ui_view *home;
	char err[256];
	int i, nfiles = 0;

	for (i = 0; i < ui->nviews && nfiles < UI_MAX_VIEWS; i++)
		if (ui->views[i]->home_file)
			files[nfiles++] = ui->views[i]->home_file;
	home = ui->home_fn(ui->home_arg, files, nfiles, err, sizeof(err));
	if (!home) {
		ui_warn(ui, "home: %s", err);
		return;
	}
	home->home = true;
	if (ui_push(ui, home) < 0)
		ui_warn(ui, "home: too many views");
}

/*
 * Back: to home, which is opened if there is none yet; the view keeps
 * running and Tab comes back to it.  Back from home goes to the running
 * view, or out; so does Back without a home factory.
 */
static void ui_back(struct ui *ui)
{
	int i;

	if (ui->views[ui->active]->home) {
		if (ui_count_work(ui) == 0)
			ui->quit = true;
		else if (!ui_back_to_last(ui, ui->views[ui->active]))
			ui_next_work_view(ui);
		return;
	}
	for (i = 0; i < ui->nviews; i++)
		if (ui->views[i]->home) {
			ui->active = i;
			ui->dirty = true;
			return;
		}
	if (!ui->home_fn) {
		ui->quit = true;
		return;
	}
	ui_open_home(ui);
}

void ui_key(struct ui *ui, int key)
{
	struct ui_view *v = ui_active_view(ui);
	enum ui_action act = UI_ACT_NONE;
	int work = ui_count_work(ui);

	if (!v)
		return;
	/* Tab goes round the running views (home keeps it when none runs);
	 * from home, back to the one left last. */
	if (key == UI_KEY_TAB && (work >= 2 || (work == 1 && v->home))) {
		if (!v->home || !ui_back_to_last(ui, v))
			ui_next_work_view(ui);
		return;
	}
	if (key == 12) {	/* Ctrl-L */
		clearok(curscr, TRUE);
		ui->dirty = true;
		return;
	}
	if (v->keymap)
		act = ui_keys_run(v->keymap(v, ui), v, ui, key);
	if (act == UI_ACT_NONE && key == UI_KEY_F10)
		act = UI_ACT_QUIT;
	switch (act) {
	case UI_ACT_NONE:
		break;
	case UI_ACT_REDRAW:
		ui->dirty = true;
		break;
	case UI_ACT_BACK:
		ui_back(ui);
		break;
	case UI_ACT_QUIT:
		ui->quit = true;
		break;
	}
}

/* ---- the screen ---------------------------------------------------------- */

/* The active view and, when it fits, another work view beside it. */
static void ui_draw_views(struct ui *ui, struct ui_view *v)
{
	struct ui_view *other = NULL;

	if (!v->home && COLS >= UI_SPLIT_W)
		other = ui_other_view(ui, v);
	if (other && COLS / 2 >= other->min_w && COLS / 2 >= v->min_w &&
	    LINES - 1 >= other->min_h) {
		int lw = COLS / 2;
		/* Each keeps its side whichever is active. */
		struct ui_view *left = v->right ? other : v;
		struct ui_view *right = v->right ? v : other;

		left->draw(left, ui, 0, 0, LINES - 1, lw - 1);
		right->draw(right, ui, 0, lw, LINES - 1, COLS - lw);
		attrset(ui->attr[UI_ROLE_BORDER]);
		mvvline(0, lw - 1, ui->utf8 ? ACS_VLINE : '|', LINES - 1);
		attrset(A_NORMAL);
	} else {
		v->draw(v, ui, 0, 0, LINES - 1, COLS);
	}
}

void ui_redraw(struct ui *ui)
{
	struct ui_view *v = ui_active_view(ui);
	int need_w, need_h;

	ui->dirty = false;
	if (!v)
		return;
	if (!v->home)
		ui->last_work = v;
	need_w = v->min_w > UI_MIN_W ? v->min_w : UI_MIN_W;
	need_h = (v->min_h > UI_MIN_H ? v->min_h : UI_MIN_H) + 1;
	erase();
	if (COLS < need_w || LINES < need_h) {
		ui_draw_too_small(ui, need_w, need_h);
		refresh();
		return;
	}
	ui_draw_views(ui, v);
	if (ui->warn[0]) {
		ui_fill(ui, LINES - 1, 0, 1, COLS, UI_ROLE_WARN);
		ui_put(ui, LINES - 1, 0, COLS, UI_ROLE_WARN, ui->warn);
	} else if (v->keymap) {
		ui_keys_draw(ui, LINES - 1, 0, COLS, v->keymap(v, ui), v);
	} else {
		ui_keys_line(ui, LINES - 1, 0, COLS, _("F10:quit"));
	}
	refresh();
}

void ui_resize(struct ui *ui, int h, int w)
{
	resizeterm(h, w);
	ui->dirty = true;
}

/* ---- the loop ------------------------------------------------------------ */

static int ui_map_key(struct ui *ui, int ch)
{
	MEVENT me;

	switch (ch) {
	case KEY_UP: return UI_KEY_UP;
	case KEY_DOWN: return UI_KEY_DOWN;
	case KEY_LEFT: return UI_KEY_LEFT;
	case KEY_RIGHT: return UI_KEY_RIGHT;
	case KEY_HOME: case KEY_FIND: return UI_KEY_HOME;
	case KEY_END: case KEY_SELECT: return UI_KEY_END;
	case KEY_PPAGE: return UI_KEY_PGUP;
	case KEY_NPAGE: return UI_KEY_PGDN;
	case KEY_ENTER: case '\n': case '\r': return UI_KEY_ENTER;
	case 27: return UI_KEY_ESC;
	case '\t': return UI_KEY_TAB;
	case KEY_BACKSPACE: case 127: case 8: return UI_KEY_BACKSPACE;
	case KEY_MOUSE:
		ui->mouse_valid = getmouse(&me) == OK;
		if (!ui->mouse_valid)
			return -1;
		ui->mouse_y = me.y;
		ui->mouse_x = me.x;
		return UI_KEY_MOUSE;
	default:
		if (ch >= KEY_F(1) && ch <= KEY_F(12))
			return UI_KEY_F1 + (ch - KEY_F(1));
		if (ch >= KEY_MIN)
			return -1;	/* a key nobody uses */
		return ch;
	}
}

/*
 * Run the timers that are due; returns the earliest next one (ms,
 * monotonic), or -1 for none.  The warning's end counts as a timer.
 */
static long long ui_run_timers(struct ui *ui, long long now)
{
	long long next = -1;
	int i;

	if (ui->warn[0] && now >= ui->warn_until_ms) {
		ui->warn[0] = '\0';	/* the keys line comes back */
		ui->dirty = true;
	}
	for (i = 0; i < ui->nviews; i++) {
		struct ui_view *v = ui->views[i];
		long long t;

		if (!v->next_tick_ms || !v->tick)
			continue;
		t = v->next_tick_ms(v, now);
		if (t >= 0 && t <= now) {
			if (v->tick(v, ui, now))
				ui->dirty = true;
			t = v->next_tick_ms(v, now);
		}
		if (t >= 0 && (next < 0 || t < next))
			next = t;
	}
	if (ui->warn[0] && (next < 0 || ui->warn_until_ms < next))
		next = ui->warn_until_ms;
	return next;
}

/* The poll set: the keyboard, stderr's pipe, then every view's fds. */
static int ui_poll_set(struct ui *ui, struct pollfd *pfd,
		       struct ui_view **owner)
{
	int i, k, nfd = 2;

	pfd[0].fd = fileno(ui->in);
	pfd[0].events = POLLIN;
	owner[0] = NULL;
	pfd[1].fd = ui->err_rd;	/* -1: poll() skips it */
	pfd[1].events = POLLIN;
	pfd[1].revents = 0;
	owner[1] = NULL;
	for (i = 0; i < ui->nviews && nfd < UI_MAX_FDS; i++) {
		struct ui_view *v = ui->views[i];

		if (!v->fds)
			continue;
		k = v->fds(v, pfd + nfd, UI_MAX_FDS - nfd);
		while (k-- > 0)
			owner[nfd++] = v;
	}
	return nfd;
}

static void ui_read_keys(struct ui *ui)
{
	int ch, key;

	while (!ui->quit && (ch = getch()) != ERR) {
		if (ch == KEY_RESIZE) {
			ui->dirty = true;
			continue;
		}
		key = ui_map_key(ui, ch);
		if (key >= 0)
			ui_key(ui, key);
	}
}

/* Hand the ready fds to their views (a key may have closed a view). */
static void ui_fds_ready(struct ui *ui, const struct pollfd *pfd, int nfd,
			 struct ui_view **owner)
{
	int i, k;

	for (i = 2; i < nfd && !ui->quit; i++) {
		struct ui_view *v = owner[i];
		bool alive = false;

		if (!pfd[i].revents)
			continue;
		for (k = 0; k < ui->nviews; k++)
			alive |= ui->views[k] == v;
		if (alive && v->fd_ready && v->fd_ready(v, ui, &pfd[i]))
			ui->dirty = true;
	}
}

static int ui_timeout(long long next)
{
	long long now = ui_now_ms();

	if (next < 0)
		return -1;
	if (next <= now)
		return 0;
	return next - now > 60000 ? 60000 : (int)(next - now);
}

int ui_run(struct ui *ui, struct ui_view **views, int n, int active)
{
	struct pollfd pfd[UI_MAX_FDS];
	struct ui_view *owner[UI_MAX_FDS];
	int i, nfd;

	for (i = 0; i < n; i++) {
		if (ui->nviews == UI_MAX_VIEWS) {
			views[i]->free(views[i]);
			continue;
		}
		ui->views[ui->nviews++] = views[i];
	}
	if (ui->nviews == 0)
		return 0;
	ui->active = active >= 0 && active < ui->nviews ? active : 0;
	ui->dirty = true;
	while (!ui->quit && !ui_quit_signal()) {
		long long next;

		if (ui_winch_take()) {
			ui_size_from_tty(ui);
			ui->dirty = true;
		}
		next = ui_run_timers(ui, ui_now_ms());
		if (ui->dirty)
			ui_redraw(ui);
		nfd = ui_poll_set(ui, pfd, owner);
		if (ui_wait(pfd, nfd, ui_timeout(next)) < 0)
			continue;	/* a signal: the loop acts on it */
		if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			break;	/* the terminal went away */
		if (pfd[0].revents)
			ui_read_keys(ui);
		if (pfd[1].revents)
			ui_stderr_read(ui);
		ui_fds_ready(ui, pfd, nfd, owner);
	}
	return ui_quit_signal();
}
