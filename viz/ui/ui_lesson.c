/*
 * viz/ui/ui_lesson.c - the live lesson view: process tree with a state
 * timeline per row, the event log, the scenario's notes, a counts line
 * (drawn by ui_lesson_tree.c and ui_lesson_draw.c; the state they share
 * is ui_lesson.h).  This file is the view object, its clock and its keys.
 *
 * The view drives the observer from the UI's poll loop (its fds and its
 * sampling timer), so the screen changes when the model does and at the
 * sampling rate, never in a busy loop.
 */
#include "viz/ui/ui_lesson.h"
#include "common/i18n.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct lv_signal lv_signals[LV_NSIGNALS] = {
	{ SIGTERM, "TERM", N_("ask it to end") },
	{ SIGKILL, "KILL", N_("end it, no questions") },
	{ SIGINT, "INT", N_("as Ctrl-C would") },
	{ SIGHUP, "HUP", N_("its terminal hung up") },
	{ SIGSTOP, "STOP", N_("freeze it") },
	{ SIGCONT, "CONT", N_("let it run again") },
	{ SIGCHLD, "CHLD", N_("nudge a parent to wait()") },
	{ SIGUSR1, "USR1", N_("user signal 1") },
};

/* ---- time and input ------------------------------------------------------ */

/* Whether the model moved since the last look (then the screen must). */
static bool lv_changed(struct lesson_view *lv)
{
	const struct model *m = observer_model(lv->o);
	bool changed = m->events_total != lv->seen_events ||
		       m->last_t_ms != lv->seen_t_ms;

	lv->seen_events = m->events_total;
	lv->seen_t_ms = m->last_t_ms;
	return changed && !lv->paused;
}

static void lv_step(struct lesson_view *lv, struct ui *ui)
{
	int rc = observer_step(lv->o);

	if (rc < 0)
		ui_warn(ui, "observing: %s", strerror(-rc));
}

static long long lv_next_tick(struct ui_view *v, long long now_ms)
{
	struct lesson_view *lv = v->data;
	long long t = now_ms + observer_timeout_ms(lv->o);

	if (lv->hooks.next_tick_ms) {
		long long h = lv->hooks.next_tick_ms(lv->hooks.arg, now_ms);

		if (h >= 0 && h < t)
			t = h;
	}
	return t;
}

static bool lv_tick(struct ui_view *v, struct ui *ui, long long now_ms)
{
	struct lesson_view *lv = v->data;

	if (lv->hooks.tick)
		lv->hooks.tick(lv->hooks.arg, now_ms);
	lv_step(lv, ui);
	return lv_changed(lv);
}

static int lv_fds(struct ui_view *v, struct pollfd *out, int max)
{
	struct lesson_view *lv = v->data;

	return observer_pollfds(lv->o, out, max);
}

static bool lv_fd_ready(struct ui_view *v, struct ui *ui,
			const struct pollfd *p)
{
	struct lesson_view *lv = v->data;

	lv_step(lv, ui);
	return lv_changed(lv);
}

/* 's' without a scenario: stop/continue every live tracked process. */
static void lv_freeze_all(struct lesson_view *lv, struct ui *ui, bool frozen)
{
	const struct model *m = observer_model(lv->o);
	size_t i;

	for (i = 0; i < model_count(m); i++) {
		const struct model_proc *p = model_proc_at(m, i);

		if (p->gone_ms < 0 && p->state != MODEL_ST_ZOMBIE)
			kill(p->pid, frozen ? SIGSTOP : SIGCONT);
	}
	(void)ui;
}

/* Whether the scenario's keys line names @key ("w:...|k:..."). */
static bool lv_scenario_has_key(struct lesson_view *lv, char key)
{
	const char *k = lv->hooks.keys ? lv->hooks.keys(lv->hooks.arg) : NULL;
	const char *start = k;

	if (!k || !lv->hooks.key)
		return false;
	for (; *k; k++)
		if (k[0] == key && k[1] == ':' && (k == start || k[-1] == '|'))
			return true;
	return false;
}

/* ---- the dialogs' keys --------------------------------------------------- */

static enum ui_action lv_close(struct ui_view *v, struct ui *ui, int key)
{
	((struct lesson_view *)v->data)->modal = LV_MODAL_NONE;
	return UI_ACT_REDRAW;
}

static enum ui_action lv_swallow(struct ui_view *v, struct ui *ui, int key)
{
	return UI_ACT_REDRAW;
}

static enum ui_action lv_signal_move(struct ui_view *v, struct ui *ui,
				     int key)
{
	struct lesson_view *lv = v->data;

	lv->modal_cursor = (lv->modal_cursor + (key == UI_KEY_UP ?
						LV_NSIGNALS - 1 : 1)) %
			   LV_NSIGNALS;
	return UI_ACT_REDRAW;
}

static enum ui_action lv_signal_send(struct ui_view *v, struct ui *ui,
				     int key)
{
	struct lesson_view *lv = v->data;
	const struct lv_signal *s = &lv_signals[lv->modal_cursor];

	/* Only a process this view tracks and that is still there. */
	if (!model_find(observer_model(lv->o), lv->selected_pid))
		ui_warn(ui, "process %d is gone", lv->selected_pid);
	else if (kill(lv->selected_pid, s->sig) < 0)
		ui_warn(ui, "kill %d SIG%s: %s", lv->selected_pid, s->name,
			strerror(errno));
	else
		ui_warn(ui, "sent SIG%s to %d", s->name, lv->selected_pid);
	lv->modal = LV_MODAL_NONE;
	return UI_ACT_REDRAW;
}

const struct ui_key lv_keys_signal[] = {
	{ .code = { UI_KEY_UP, UI_KEY_DOWN }, .name = "Up/Down",
	  .label = N_("choose"), .run = lv_signal_move },
	{ .code = { UI_KEY_ENTER }, .name = "Enter", .label = N_("send"),
	  .run = lv_signal_send },
	{ .code = { UI_KEY_ESC }, .name = "Esc", .label = N_("cancel"),
	  .run = lv_close },
	{ .code = { UI_KEY_ANY }, .run = lv_swallow },
	UI_KEYS_END
};

static enum ui_action lv_help_scroll(struct ui_view *v, struct ui *ui,
				     int key)
{
	ui_help_scroll(&((struct lesson_view *)v->data)->help_pos, key);
	return UI_ACT_REDRAW;
}

static const struct ui_key lv_keys_help[] = {
	{ .code = { UI_KEY_UP, UI_KEY_DOWN }, .name = "Up/Down",
	  .uname = "\u2191\u2193", .label = N_("scroll"),
	  .run = lv_help_scroll },
	{ .code = { UI_KEY_PGUP, UI_KEY_PGDN, ' ' }, .name = "PgUp/PgDn",
	  .label = N_("page"), .run = lv_help_scroll },
	{ .code = { UI_KEY_HOME, UI_KEY_END }, .name = "Home/End",
	  .label = N_("top/end"), .run = lv_help_scroll },
	{ .code = { UI_KEY_ANY }, .name = "Esc", .label = N_("close"),
	  .run = lv_close },
	UI_KEYS_END
};

/* ---- the view's keys ----------------------------------------------------- */

static enum ui_action lv_quit(struct ui_view *v, struct ui *ui, int key)
{
	return UI_ACT_QUIT;
}

static enum ui_action lv_back(struct ui_view *v, struct ui *ui, int key)
{
	return UI_ACT_BACK;
}

static enum ui_action lv_pause(struct ui_view *v, struct ui *ui, int key)
{
	struct lesson_view *lv = v->data;

	lv->paused = !lv->paused;
	lv->pause_t_ms = lv_now(lv);
	return UI_ACT_REDRAW;
}

static enum ui_action lv_freeze(struct ui_view *v, struct ui *ui, int key)
{
	struct lesson_view *lv = v->data;
	char msg[256] = "";

	/* A recording's freeze hook says why it cannot itself. */
	if (lv_ended(lv) && !lv->frozen && observer_live(lv->o)) {
		ui_warn(ui, "%s", lv->hooks.restart ?
			_("the lesson has ended: nothing to freeze (r runs "
			  "it again)") :
			_("every process has ended: nothing to freeze"));
		return UI_ACT_REDRAW;
	}
	lv->frozen = !lv->frozen;
	if (!lv->hooks.freeze) {
		lv_freeze_all(lv, ui, lv->frozen);
	} else if (lv->hooks.freeze(lv->hooks.arg, lv->frozen, msg,
				    sizeof(msg)) < 0) {
		lv->frozen = !lv->frozen;
		ui_warn(ui, "%s", msg);
	}
	return UI_ACT_REDRAW;
}

static enum ui_action lv_next(struct ui_view *v, struct ui *ui, int key)
{
	struct lesson_view *lv = v->data;
	char msg[256] = "";

	if (!lv->hooks.next)
		ui_warn(ui, "no steps here (procviz run NAME --step)");
	else if (lv->hooks.next(lv->hooks.arg, msg, sizeof(msg)) < 0)
		ui_warn(ui, "%s", msg);
	lv_step(lv, ui);
	return UI_ACT_REDRAW;
}

static enum ui_action lv_restart(struct ui_view *v, struct ui *ui, int key)
{
	struct lesson_view *lv = v->data;
	char msg[256] = "";

	if (!lv->hooks.restart)
		ui_warn(ui, "restart is for lessons (procviz run NAME)");
	else if (lv->hooks.restart(lv->hooks.arg, msg, sizeof(msg)) < 0)
		ui_warn(ui, "%s", msg);
	lv->frozen = false;
	lv->scroll = 0;
	return UI_ACT_REDRAW;
}

static enum ui_action lv_scroll(struct ui_view *v, struct ui *ui, int key)
{
	struct lesson_view *lv = v->data;

	if (key == UI_KEY_LEFT)
		lv->scroll = lv->scroll + 5 > MODEL_HIST_LEN ? MODEL_HIST_LEN :
			     lv->scroll + 5;
	else
		lv->scroll = lv->scroll > 5 ? lv->scroll - 5 : 0;
	return UI_ACT_REDRAW;
}

static enum ui_action lv_select(struct ui_view *v, struct ui *ui, int key)
{
	struct lesson_view *lv = v->data;
	int i = lv_selected_index(lv) + (key == UI_KEY_UP ? -1 : 1);

	if (lv->nrows == 0)
		return UI_ACT_REDRAW;
	if (i < 0)
		i = 0;
	if (i >= lv->nrows)
		i = lv->nrows - 1;
	lv->selected_pid = lv->rows[i].p->pid;
	lv->selected_tid = lv->rows[i].p->tid;
	return UI_ACT_REDRAW;
}

static enum ui_action lv_click(struct ui_view *v, struct ui *ui, int key)
{
	struct lesson_view *lv = v->data;
	int my, mx, i;

	if (ui_mouse(ui, &my, &mx)) {
		i = lv->rows_first + (my - lv->rows_y);
		if (my >= lv->rows_y && i >= 0 && i < lv->nrows) {
			lv->selected_pid = lv->rows[i].p->pid;
			lv->selected_tid = lv->rows[i].p->tid;
		}
	}
	return UI_ACT_REDRAW;
}

/* The signal dialog for the selected process (a live one). */
static enum ui_action lv_signal(struct ui_view *v, struct ui *ui, int key)
{
	struct lesson_view *lv = v->data;

	if (!observer_live(lv->o))	/* a replay: the pids are not ours */
		ui_warn(ui, "a recording: no live process to signal");
	else if (!model_find(observer_model(lv->o), lv->selected_pid))
		ui_warn(ui, "select a live process first (Up/Down)");
	else {
		lv->modal = LV_MODAL_SIGNAL;
		lv->modal_cursor = 0;
	}
	return UI_ACT_REDRAW;
}

/* Sampling speed: '+' samples twice as often, '-' half. */
static enum ui_action lv_sampling(struct ui_view *v, struct ui *ui, int key)
{
	struct lesson_view *lv = v->data;
	int ms = observer_interval_ms(lv->o);

	ms = observer_set_interval(lv->o, key == '-' ? ms * 2 : ms / 2);
	ui_warn(ui, "sampling every %d ms%s", ms,
		ms == OBSERVER_INTERVAL_MIN ? _(" (fastest)") :
		ms == OBSERVER_INTERVAL_MAX ? _(" (slowest)") : "");
	return UI_ACT_REDRAW;
}

/*
 * Timeline zoom: how many samples one cell covers, so a long lesson still
 * fits ('<' out, '>' in).
 */
static enum ui_action lv_zoom(struct ui_view *v, struct ui *ui, int key)
{
	struct lesson_view *lv = v->data;

	if (key == '<' && lv->per_cell < 64)
		lv->per_cell *= 2;
	if (key == '>' && lv->per_cell > 1)
		lv->per_cell /= 2;
	ui_warn(ui, "timeline: one cell per %d sample%s", lv->per_cell,
		lv->per_cell > 1 ? "s" : "");
	return UI_ACT_REDRAW;
}

/*
 * H: threads as task rows, or not (htop's H).  The first time on a live
 * view it turns threads mode on: every thread is read from the next
 * sample (it stays on; H then only hides and shows the rows).
 */
static enum ui_action lv_tasks(struct ui_view *v, struct ui *ui, int key)
{
	struct lesson_view *lv = v->data;

	lv->show_tasks = !lv->show_tasks;
	if (!lv->show_tasks) {
		lv->selected_tid = 0;	/* back to its process */
		ui_warn(ui, "threads hidden (H shows them again)");
	} else if (observer_live(lv->o) && !observer_threads(lv->o)) {
		observer_set_threads(lv->o, true);
		ui_warn(ui, "threads: every thread is a task row from the "
			"next sample (H hides them)");
	} else {
		ui_warn(ui, "threads shown as task rows under their process%s",
			observer_live(lv->o) ||
			model_task_count(observer_model(lv->o)) ? "" :
			_(" (none recorded)"));
	}
	return UI_ACT_REDRAW;
}

static enum ui_action lv_help(struct ui_view *v, struct ui *ui, int key)
{
	struct lesson_view *lv = v->data;

	lv->modal = LV_MODAL_HELP;
	lv->help_pos.top = 0;
	return UI_ACT_REDRAW;
}

/* PgUp/PgDn: scroll the notes, a page less a row at a time. */
static enum ui_action lv_notes_scroll(struct ui_view *v, struct ui *ui,
				      int key)
{
	struct lesson_view *lv = v->data;
	int page = lv->notes_page > 2 ? lv->notes_page - 1 : 1;

	lv->notes_top += key == UI_KEY_PGUP ? -page : page;
	if (lv->notes_top > lv->notes_rows - lv->notes_page)
		lv->notes_top = lv->notes_rows - lv->notes_page;
	if (lv->notes_top < 0)
		lv->notes_top = 0;
	return UI_ACT_REDRAW;
}

/* Whether the notes have more rows than they show (PgUp/PgDn scroll). */
static bool lv_notes_cut(struct ui_view *v, struct ui *ui)
{
	struct lesson_view *lv = v->data;

	return lv->notes_rows > lv->notes_page;
}

/* A key of the scenario's own (its keys line, ->more). */
static enum ui_action lv_hook_key(struct ui_view *v, struct ui *ui, int key)
{
	struct lesson_view *lv = v->data;
	char msg[256] = "";
	int rc;

	if (!lv->hooks.key)
		return UI_ACT_NONE;
	rc = lv->hooks.key(lv->hooks.arg, key, msg, sizeof(msg));
	if (rc == 0)
		return UI_ACT_NONE;
	if (rc < 0 || msg[0])
		ui_warn(ui, "%s", msg);
	lv_step(lv, ui);
	return UI_ACT_REDRAW;
}

static const char *lv_more(struct ui_view *v, struct ui *ui)
{
	struct lesson_view *lv = v->data;

	return lv->hooks.keys ? lv->hooks.keys(lv->hooks.arg) : NULL;
}

/* A scenario's own k (zombie-storm: kill the parent) wins; K signals. */
static bool lv_scenario_k(struct ui_view *v, struct ui *ui)
{
	return lv_scenario_has_key(v->data, 'k');
}

static bool lv_own_k(struct ui_view *v, struct ui *ui)
{
	return !lv_scenario_k(v, ui);
}

/* A scenario's own + and - (semaphore: its size) win; = samples faster. */
static bool lv_scenario_plus(struct ui_view *v, struct ui *ui)
{
	return lv_scenario_has_key(v->data, '+');
}

static bool lv_scenario_minus(struct ui_view *v, struct ui *ui)
{
	return lv_scenario_has_key(v->data, '-');
}

static bool lv_scenario_pm(struct ui_view *v, struct ui *ui)
{
	return lv_scenario_plus(v, ui) || lv_scenario_minus(v, ui);
}

static bool lv_own_pm(struct ui_view *v, struct ui *ui)
{
	return !lv_scenario_pm(v, ui);
}

/* a sets the affinity unless the scenario has an a of its own (then A). */
static bool lv_own_a(struct ui_view *v, struct ui *ui)
{
	return lv_live(v, ui) && !lv_scenario_has_key(v->data, 'a');
}

static bool lv_scenario_a(struct ui_view *v, struct ui *ui)
{
	return lv_live(v, ui) && lv_scenario_has_key(v->data, 'a');
}

/* While a prompt is open ('/' filter, 'a' CPUs) it has the keys. */
static const struct ui_key lv_keys_prompt[] = {
	{ .code = { UI_KEY_ENTER }, .name = "Enter", .label = N_("apply"),
	  .run = lv_prompt_key },
	{ .code = { UI_KEY_ESC }, .name = "Esc", .label = N_("cancel"),
	  .run = lv_prompt_key },
	{ .code = { UI_KEY_ANY }, .run = lv_prompt_key },
	UI_KEYS_END
};

const struct ui_key lv_keys_main[] = {
	{ .code = { 'q', UI_KEY_F10 }, .name = "q/F10", .label = N_("quit"),
	  .help = N_("quit (the lesson's processes are ended)"), .run = lv_quit },
	{ .more = lv_more },
	{ .code = { ' ' }, .name = "space", .label = N_("pause"),
	  .help = N_("pause/resume the display (processes keep running)"),
	  .run = lv_pause },
	{ .code = { 's' }, .name = "s", .label = N_("freeze"),
	  .help = N_("freeze/thaw the scenario (SIGSTOP/SIGCONT)"),
	  .run = lv_freeze },
	{ .code = { 'n' }, .name = "n", .label = N_("next"),
	  .help = N_("next step (with --step)"), .run = lv_next },
	{ .code = { UI_KEY_LEFT, UI_KEY_RIGHT }, .name = "Left/Right",
	  .uname = "\u2190\u2192", .label = N_("timeline"),
	  .help = N_("scroll the state timeline back/forward"), .run = lv_scroll },
	{ .code = { '+' }, .when = lv_scenario_plus, .run = lv_hook_key },
	{ .code = { '-' }, .when = lv_scenario_minus, .run = lv_hook_key },
	{ .code = { '+', '=', '-' }, .name = "+/-", .label = N_("sampling"),
	  .help = N_("sample faster/slower (10 ms to 1 s)"),
	  .when = lv_own_pm, .run = lv_sampling },
	{ .code = { '=' }, .name = "=", .label = N_("sample faster"),
	  .help = N_("sample faster (the lesson's + and - are its own)"),
	  .when = lv_scenario_pm, .run = lv_sampling },
	{ .code = { '<', '>' }, .name = "</>", .label = N_("zoom"),
	  .help = N_("timeline zoom: more/fewer samples per cell"),
	  .run = lv_zoom },
	{ .code = { UI_KEY_UP, UI_KEY_DOWN }, .name = "Up/Down",
	  .uname = "\u2191\u2193", .label = N_("select"),
	  .help = N_("select a process (a click too)"), .run = lv_select },
	{ .code = { 'k' }, .when = lv_scenario_k, .run = lv_hook_key },
	{ .code = { 'k', 'K' }, .name = "k", .label = N_("signal"),
	  .help = N_("send the selected process a signal"), .when = lv_own_k,
	  .run = lv_signal },
	{ .code = { 'K' }, .name = "K", .label = N_("signal"),
	  .help = N_("send the selected process a signal"), .when = lv_scenario_k,
	  .run = lv_signal },
	{ .code = { 'r' }, .name = "r", .label = N_("restart"),
	  .help = N_("restart the scenario (also once it has ended)"),
	  .run = lv_restart },
	{ .code = { UI_KEY_F7, ']', UI_KEY_F8, '[' }, .name = "F7/F8",
	  .label = N_("nice"), .help = N_("renice the selected process: F7 "
	  "or ] nice -1, a higher priority (needs root); F8 or [ nice +1"),
	  .when = lv_live, .run = lv_renice },
	{ .code = { 'a', 'A' }, .name = "a", .label = N_("CPUs"),
	  .help = N_("the CPUs the selected process may run on (0-1,3)"),
	  .when = lv_own_a, .run = lv_affinity },
	{ .code = { 'A' }, .name = "A", .label = N_("CPUs"),
	  .help = N_("the CPUs the selected process may run on (0-1,3)"),
	  .when = lv_scenario_a, .run = lv_affinity },
	{ .code = { '/' }, .name = "/", .label = N_("filter"),
	  .help = N_("show only the rows whose name or command has a text "
		     "(empty: all)"), .run = lv_filter },
	{ .code = { 'H' }, .name = "H", .label = N_("threads"),
	  .help = N_("show/hide threads as task rows under their process"),
	  .run = lv_tasks },
	{ .code = { UI_KEY_PGUP, UI_KEY_PGDN }, .name = "PgUp/PgDn",
	  .label = N_("notes"), .help = N_("scroll the notes (when they "
	  "do not all fit: the notes' rule says which rows show)"),
	  .shown = lv_notes_cut, .run = lv_notes_scroll },
	{ .code = { '?', UI_KEY_F1 }, .name = "?/F1", .label = N_("help"),
	  .run = lv_help },
	{ .code = { UI_KEY_MOUSE }, .run = lv_click },
	{ .code = { UI_KEY_ESC }, .name = "Esc", .label = N_("home"),
	  .help = N_("home (the lesson keeps running; Tab comes back)"),
	  .run = lv_back },
	{ .code = { UI_KEY_TAB }, .name = "Tab", .label = N_("switch"),
	  .help = N_("switch to the scheduler view (if one runs)") },
	{ .code = { UI_KEY_ANY }, .run = lv_hook_key },
	UI_KEYS_END
};

static const struct ui_key *lv_keys(struct ui_view *v, struct ui *ui)
{
	if (((struct lesson_view *)v->data)->prompt.open)
		return lv_keys_prompt;
	switch (((struct lesson_view *)v->data)->modal) {
	case LV_MODAL_SIGNAL:
		return lv_keys_signal;
	case LV_MODAL_HELP:
		return lv_keys_help;
	default:
		return lv_keys_main;
	}
}

static void lv_free(struct ui_view *v)
{
	struct lesson_view *lv;

	if (!v)
		return;
	lv = v->data;
	if (lv) {
		/* The hooks end the scenario's processes before the observer
		 * (which they may borrow) goes. */
		if (lv->frozen && !lv->hooks.freeze)
			lv_freeze_all(lv, NULL, false);
		if (lv->hooks.free)
			lv->hooks.free(lv->hooks.arg);
		observer_free(lv->o);
		free(lv);
	}
	free(v);
}

static const struct ui_view lv_view = {
	.name = "lesson",
	.min_w = 60,
	.min_h = 10,
	.draw = lv_draw,
	.next_tick_ms = lv_next_tick,
	.tick = lv_tick,
	.fds = lv_fds,
	.fd_ready = lv_fd_ready,
	.keymap = lv_keys,
	.free = lv_free,
};

struct ui_view *ui_lesson_view_new(struct observer *o, const char *title,
				   const struct ui_lesson_hooks *hooks,
				   char *err, size_t errlen)
{
	struct ui_view *v = calloc(1, sizeof(*v));
	struct lesson_view *lv = calloc(1, sizeof(*lv));

	if (!v || !lv) {
		free(v);
		free(lv);
		if (hooks && hooks->free)
			hooks->free(hooks->arg);
		observer_free(o);
		snprintf(err, errlen, _("out of memory"));
		return NULL;
	}
	lv->o = o;
	lv->per_cell = 1;
	lv->show_tasks = observer_threads(o);	/* --threads, a lesson */
	if (hooks)
		lv->hooks = *hooks;
	snprintf(lv->title, sizeof(lv->title), "%s", title ? title : "");
	*v = lv_view;
	v->data = lv;
	return v;
}
