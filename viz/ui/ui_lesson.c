/*
 * viz/ui/ui_lesson.c - the live lesson view: process tree with a state
 * timeline per row, the event log, the scenario's notes, a counts line.
 *
 * The view renders a const model (viz/core/model.h) owned by its observer; it
 * drives the observer from the UI's poll loop (its fds and its sampling
 * timer), so the screen changes when the model does and at the sampling
 * rate, never in a busy loop.  States are always a letter and a word, the
 * colour only repeats them.
 */
#include "viz/ui/ui.h"
#include "viz/ui/ui_tasks.h"
#include "viz/ui/ui_views.h"
#include "viz/core/observer.h"
#include "viz/core/report_obs.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	LV_NEW_MS = 2000,	/* a new process is highlighted this long */
	LV_TOMB_MS = 3000,	/* a vanished one stays as a tombstone */
	LV_MAX_ROWS = 1024,
	LV_MAX_REPARENTS = 256,
	LV_LINE = 512,
};

static const struct lv_signal {
	int sig;
	const char *name, *why;
} lv_signals[] = {
	{ SIGTERM, "TERM", "ask it to end" },
	{ SIGKILL, "KILL", "end it, no questions" },
	{ SIGINT, "INT", "as Ctrl-C would" },
	{ SIGHUP, "HUP", "its terminal hung up" },
	{ SIGSTOP, "STOP", "freeze it" },
	{ SIGCONT, "CONT", "let it run again" },
	{ SIGCHLD, "CHLD", "nudge a parent to wait()" },
	{ SIGUSR1, "USR1", "user signal 1" },
};
enum { LV_NSIGNALS = sizeof(lv_signals) / sizeof(lv_signals[0]) };

enum lv_modal { LV_MODAL_NONE, LV_MODAL_HELP, LV_MODAL_SIGNAL };

struct lv_row {
	const struct model_proc *p;	/* borrowed from the model */
	int depth;
	int came_from;			/* re-parented from this pid */
};

struct lesson_view {
	struct observer *o;		/* owned */
	struct ui_lesson_hooks hooks;	/* hooks.arg owned */
	char title[128];
	bool paused, frozen;
	int64_t pause_t_ms;		/* timeline's right edge, paused */
	int scroll;			/* cells back from the right */
	int per_cell;			/* samples per timeline cell */
	int selected_pid;
	int selected_tid;		/* a task row: its tid; else 0 */
	bool show_tasks;		/* H: threads as task rows */
	enum lv_modal modal;
	int modal_cursor;
	uint64_t seen_events;
	int64_t seen_t_ms;
	struct lv_row rows[LV_MAX_ROWS];
	int nrows;
	struct {
		int pid, from;
	} reparents[LV_MAX_REPARENTS];	/* from the log, newest first */
	int nreparents;
	int rows_y, rows_first;		/* last draw, for the mouse */
	bool done_warned;
};

/* ---- model helpers ---------------------------------------------------- */

static enum ui_role lv_state_role(enum model_state st)
{
	switch (st) {
	case MODEL_ST_RUNNING: return UI_ROLE_RUNNING;
	case MODEL_ST_READY: return UI_ROLE_READY;
	case MODEL_ST_BLOCKED: return UI_ROLE_BLOCKED;
	case MODEL_ST_STOPPED: return UI_ROLE_STOPPED;
	case MODEL_ST_ZOMBIE: return UI_ROLE_ZOMBIE;
	default: return UI_ROLE_DIM;
	}
}

static void lv_state_cell(struct ui *ui, int y, int x, int st)
{
	char s[2] = { model_state_letter((enum model_state)st), '\0' };

	ui_put(ui, y, x, 1, lv_state_role((enum model_state)st), s);
}

static int64_t lv_now(const struct lesson_view *lv)
{
	const struct model *m = observer_model(lv->o);

	/* Model time: the last reading (no wall clock in the picture). */
	return m->last_t_ms;
}

/* The time at the timeline's right edge: now, or where paused/scrolled. */
static int64_t lv_right_ms(const struct lesson_view *lv)
{
	int interval = observer_interval_ms(lv->o) * lv->per_cell;

	return (lv->paused ? lv->pause_t_ms : lv_now(lv)) -
	       (int64_t)lv->scroll * interval;
}

/*
 * A row for every process alive at the timeline's right edge, and a
 * tombstone for a while after one vanished: scrolling back brings back
 * the processes of that moment.
 */
static bool lv_visible(const struct lesson_view *lv,
		       const struct model_proc *p)
{
	int64_t right = lv_right_ms(lv);

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

static bool lv_has_parent(const struct lesson_view *lv,
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
	/* Under a tombstone only tombstones: a live child was re-parented. */
	for (i = 0; i < model_count(m); i++) {
		const struct model_proc *c = model_proc_at(m, i);

		if (c != p && c->ppid == p->pid && lv_visible(lv, c) &&
		    (p->gone_ms < 0 || c->gone_ms >= 0) &&
		    c->first_ms >= p->first_ms)
			lv_add_subtree(lv, c, depth + 1);
	}
}

/* Tree order: roots (no visible live parent) in order of first sight. */
static void lv_build_rows(struct lesson_view *lv)
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
}

static int lv_selected_index(const struct lesson_view *lv)
{
	int i;

	for (i = 0; i < lv->nrows; i++)
		if (lv->rows[i].p->pid == lv->selected_pid &&
		    lv->rows[i].p->tid == lv->selected_tid)
			return i;
	return -1;
}

/* ---- drawing ------------------------------------------------------------- */

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

static void lv_draw_tree(struct lesson_view *lv, struct ui *ui, int y, int x,
			 int h, int w)
{
	const struct ui_glyphs *g = ui_glyphs(ui);
	/* A cell covers per_cell samples ('-' zooms the timeline out). */
	int interval = observer_interval_ms(lv->o) * lv->per_cell, i, row;
	int64_t now = lv_now(lv);
	int64_t right = lv_right_ms(lv);
	/* pid ppid state cpu thr | command | timeline */
	int fixed = 7 + 7 + 11 + 6 + 4;
	int cmdw = w - fixed > 100 ? 40 : w - fixed > 60 ? 28 :
		   (w - fixed) / 2;
	int tlw = w - fixed - cmdw - 1, sel = lv_selected_index(lv);
	char head[LV_LINE], scale[48];

	if (cmdw < 8)
		cmdw = 8;
	if (tlw < 1)
		tlw = 0;
	if (lv->per_cell > 1)
		snprintf(scale, sizeof(scale), "one cell per %d samples",
			 lv->per_cell);
	else
		snprintf(scale, sizeof(scale), "one cell per sample");
	snprintf(head, sizeof(head), "%-7s%-7s%-11s%5s %3s %-*s "
		 "STATE TIMELINE (%s, %s)", "PID", "PPID", "STATE", "CPU%",
		 "THR", cmdw, "COMMAND", scale,
		 lv->scroll ? "scrolled back" : "newest right");
	ui_put(ui, y, x, w, UI_ROLE_HEADING, head);
	if (h < 2)
		return;
	/* Keep the selection on screen. */
	if (sel >= 0 && sel >= lv->rows_first + h - 1)
		lv->rows_first = sel - (h - 2);
	if (sel >= 0 && sel < lv->rows_first)
		lv->rows_first = sel;
	if (lv->rows_first > lv->nrows - 1)
		lv->rows_first = lv->nrows > 0 ? lv->nrows - 1 : 0;
	if (lv->rows_first < 0)
		lv->rows_first = 0;
	lv->rows_y = y + 1;
	for (i = lv->rows_first, row = y + 1; i < lv->nrows && row < y + h;
	     i++, row++) {
		const struct lv_row *r = &lv->rows[i];
		const struct model_proc *p = r->p;
		bool gone = p->gone_ms >= 0;
		bool fresh = !gone && now - p->first_ms <= LV_NEW_MS &&
			     p->first_ms > 0;
		enum ui_role base = i == sel ? UI_ROLE_SELECT :
				    gone ? UI_ROLE_DIM :
				    fresh ? UI_ROLE_NEW : UI_ROLE_NORMAL;
		char cmd[LV_LINE], st[16], num[32];
		int k = 0, c;

		if (i == sel)
			ui_fill(ui, row, x, 1, w, UI_ROLE_SELECT);
		/* A task row: its tid, then its process. */
		snprintf(num, sizeof(num), "%-7d%-7d", p->tid ? p->tid : p->pid,
			 p->tid ? p->pid : p->ppid);
		ui_put(ui, row, x, 14, base, num);
		/* The state: letter and word (what it waits for), by role. */
		if (gone) {
			ui_put(ui, row, x + 14, 11, UI_ROLE_DIM, "- gone");
		} else {
			ui_tasks_state(p, st, sizeof(st));
			ui_put(ui, row, x + 14, 10, lv_state_role(p->state),
			       st);
		}
		if (p->tid)
			snprintf(num, sizeof(num), "%5.1f   - ",
				 gone ? 0.0 : p->run_pm / 10.0);
		else
			snprintf(num, sizeof(num), "%5.1f %3d ",
				 gone ? 0.0 : p->run_pm / 10.0, p->threads);
		ui_put(ui, row, x + 25, 10, base, num);
		/* Command, indented as a tree, with its marks. */
		cmd[0] = '\0';
		for (c = 0; c < r->depth && c < 16; c++)
			strncat(cmd, " ", sizeof(cmd) - strlen(cmd) - 1);
		if (r->depth > 0) {
			strncat(cmd, g->arrow, sizeof(cmd) - strlen(cmd) - 1);
			strncat(cmd, " ", sizeof(cmd) - strlen(cmd) - 1);
		}
		strncat(cmd, p->comm, sizeof(cmd) - strlen(cmd) - 1);
		k = ui_put(ui, row, x + fixed, cmdw, base, cmd);
		if (p->tid && k < cmdw) {
			k += ui_put(ui, row, x + fixed + k, cmdw - k,
				    i == sel ? base : UI_ROLE_DIM, " (thread)");
		} else if (r->came_from && k < cmdw) {
			snprintf(num, sizeof(num), " (from %d)", r->came_from);
			k += ui_put(ui, row, x + fixed + k, cmdw - k,
				    i == sel ? base : UI_ROLE_NEW, num);
		} else if (gone && k < cmdw) {
			snprintf(num, sizeof(num), " %s gone", g->tomb);
			k += ui_put(ui, row, x + fixed + k, cmdw - k,
				    UI_ROLE_DIM, num);
		}
		/*
		 * The command line too when it says more than the name; not
		 * the re-exec line every scenario process shares.
		 */
		if (!p->tid && p->cmdline[0] && k < cmdw &&
		    strncmp(p->cmdline, p->comm, strlen(p->comm)) != 0 &&
		    !strstr(p->cmdline, "--scenario-process"))
			ui_putf(ui, row, x + fixed + k, cmdw - k,
				i == sel ? base : UI_ROLE_DIM, " %s",
				p->cmdline);
		if (tlw > 0)
			lv_draw_timeline(lv, ui, p, row, x + fixed + cmdw + 1,
					 tlw, right, interval);
	}
	if (lv->nrows == 0)
		ui_put(ui, y + 1, x, w, UI_ROLE_DIM,
		       model_count(observer_model(lv->o)) ?
		       "(no process left: Left scrolls the timeline back to "
		       "them)" : "(no process yet)");
}

/* One event in words: "12.345s  zombie-child 4242: running -> zombie". */
static void lv_event_text(const struct model_event *e, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%7.3fs  ", (double)e->t_ms / 1000.0);
	char *p = buf + (n > 0 && (size_t)n < len ? n : 0);
	size_t left = len - (size_t)(p - buf);
	char w[160];

	/* A thread's events: PID/TID (spec.md "Tasks"). */
	if (e->tid && (e->type == MODEL_EV_SPAWN || e->type == MODEL_EV_EXIT ||
		       e->type == MODEL_EV_EXEC)) {
		snprintf(p, left, "thread   %d/%d %s %s", e->pid, e->tid,
			 e->comm, e->type == MODEL_EV_SPAWN ? "started" :
			 e->type == MODEL_EV_EXIT ? "ended" : "renamed itself");
		return;
	}
	if (e->type == MODEL_EV_STATE && e->u.state.to == MODEL_ST_BLOCKED) {
		report_obs_wait_text(e->wait, e->syscall, e->wchan, w,
				     sizeof(w));
		if (e->tid)
			snprintf(p, left, "state    %d/%d %s: %s -> %s", e->pid,
				 e->tid, e->comm,
				 model_state_name(e->u.state.from), w);
		else
			snprintf(p, left, "state    %d %s: %s -> %s", e->pid,
				 e->comm, model_state_name(e->u.state.from), w);
		return;
	}
	if (e->type == MODEL_EV_STATE && e->tid) {
		snprintf(p, left, "state    %d/%d %s: %s -> %s", e->pid, e->tid,
			 e->comm, model_state_name(e->u.state.from),
			 model_state_name(e->u.state.to));
		return;
	}
	switch (e->type) {
	case MODEL_EV_SPAWN:
		snprintf(p, left, "spawn    %d %s, child of %d", e->pid,
			 e->comm, e->ppid);
		break;
	case MODEL_EV_EXEC:
		if (e->u.exec.renamed)
			snprintf(p, left, "rename   %d renamed itself %s",
				 e->pid, e->comm);
		else
			snprintf(p, left, "exec     %d now runs %s", e->pid,
				 e->u.exec.cmdline[0] ? e->u.exec.cmdline :
							e->comm);
		break;
	case MODEL_EV_STATE:
		snprintf(p, left, "state    %d %s: %s -> %s", e->pid, e->comm,
			 model_state_name(e->u.state.from),
			 model_state_name(e->u.state.to));
		break;
	case MODEL_EV_THREADS:
		snprintf(p, left, "threads  %d %s: %d -> %d threads", e->pid,
			 e->comm, e->u.threads.from, e->u.threads.count);
		break;
	case MODEL_EV_EXIT:
		if (e->u.exit.signal > 0)
			snprintf(p, left, "exit     %d %s killed by signal %d",
				 e->pid, e->comm, e->u.exit.signal);
		else if (e->u.exit.status >= 0)
			snprintf(p, left, "exit     %d %s exited, status %d",
				 e->pid, e->comm, e->u.exit.status);
		else
			snprintf(p, left, "exit     %d %s exited", e->pid,
				 e->comm);
		break;
	case MODEL_EV_REAP:
		snprintf(p, left, "reap     %d %s reaped by %d after %.1f s "
			 "as a zombie", e->pid, e->comm, e->u.reap.by,
			 (double)e->u.reap.zombie_ms / 1000.0);
		break;
	case MODEL_EV_REPARENT:
		snprintf(p, left, "reparent %d %s: parent %d -> %d (%s)",
			 e->pid, e->comm, e->u.reparent.from,
			 e->u.reparent.to, e->u.reparent.to_comm);
		break;
	case MODEL_EV_GONE:
		snprintf(p, left, "gone     %d %s vanished", e->pid, e->comm);
		break;
	case MODEL_EV_NOTE:
		snprintf(p, left, "note     %s", e->u.note.text);
		break;
	}
}

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
	size_t n = model_log_count(m), i;
	char buf[LV_LINE], sel[LV_LINE - 32];
	int row, k = lv_selected_index(lv);

	/* The rule names what the selected row is doing (its wait). */
	ui_tasks_detail(k >= 0 ? lv->rows[k].p : NULL, sel, sizeof(sel));
	snprintf(buf, sizeof(buf), "event log%s%s", sel[0] ? "  |  " : "",
		 sel);
	ui_rule(ui, y, x, w, UI_ROLE_BORDER, buf);
	if (h < 2)
		return;
	/* The newest events at the bottom, like a terminal. */
	i = n > (size_t)(h - 1) ? n - (size_t)(h - 1) : 0;
	for (row = y + 1; i < n && row < y + h; i++, row++) {
		const struct model_event *e = model_log_get(m, i);

		lv_event_text(e, buf, sizeof(buf));
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

static void lv_draw_help(struct ui *ui, int y, int x, int h, int w)
{
	const char *all[40];
	int n = 0, i;
	static const char *const lines[] = {
		"space   pause/resume the display (processes keep running)",
		"s       freeze/thaw the scenario (SIGSTOP/SIGCONT)",
		"n       next step (with --step)",
		"Left/Right  scroll the state timeline back/forward",
		"+/-     sample faster/slower (10 ms to 1 s)",
		"</>     timeline zoom: more/fewer samples per cell",
		"Up/Down select a process; k (or K) sends it a signal",
		"r       restart the scenario",
		"Esc     home (the lesson keeps running; Tab comes back)",
		"Tab     switch to the scheduler view (if one runs)",
		"q/F10   quit (the lesson's processes are ended)",
		"",
		"States: R running  r ready  B blocked  T stopped  Z zombie",
		"A row in the new colour has just appeared; a dim row with",
		"a mark has vanished and stays a moment as a tombstone.",
		"",
	};

	for (i = 0; i < (int)(sizeof(lines) / sizeof(lines[0])); i++)
		all[n++] = lines[i];
	for (i = 0; ui_tasks_legend[i] && n < 40; i++)
		all[n++] = ui_tasks_legend[i];
	ui_help_box(ui, y, x, h, w, all, n);
}

static void lv_draw_signal(struct lesson_view *lv, struct ui *ui, int y,
			   int x, int h, int w)
{
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
	ui_put(ui, by + bh - 2, bx + 2, bw - 4, UI_ROLE_DIM,
	       "Enter: send   Esc: cancel");
}

static void lv_draw(struct ui_view *v, struct ui *ui, int y, int x, int h,
		    int w)
{
	struct lesson_view *lv = v->data;
	const char *notes = lv->hooks.notes ? lv->hooks.notes(lv->hooks.arg) :
			    NULL;
	char title[LV_LINE];
	int body = h - 2, tree_h, low_h, row;

	lv_build_rows(lv);
	if (lv->selected_pid == 0 && lv->nrows > 0) {
		lv->selected_pid = lv->rows[0].p->pid;
		lv->selected_tid = lv->rows[0].p->tid;
	}
	snprintf(title, sizeof(title), " procviz %s   t = %.1f s%s%s%s",
		 lv->title, (double)lv_now(lv) / 1000.0,
		 lv->paused ? "   DISPLAY PAUSED (processes keep running)" :
		 "", lv->frozen ? "   SCENARIO FROZEN (SIGSTOP)" : "",
		 observer_done(lv->o) ? "   all processes have ended" : "");
	/* Side by side, the view without the keys has a quieter title. */
	ui_fill(ui, y, x, 1, w, ui_view_active(ui, v) ? UI_ROLE_TITLE :
		UI_ROLE_SELECT);
	ui_put(ui, y, x, w, ui_view_active(ui, v) ? UI_ROLE_TITLE :
	       UI_ROLE_SELECT, title);
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
	low_h = y + h - row;
	if (low_h >= 2) {
		if (notes && w >= 100) {
			int nw = w * 2 / 5;

			lv_draw_log(lv, ui, row, x, low_h, w - nw - 1);
			lv_draw_notes(lv, ui, row, x + w - nw, low_h, nw,
				      notes);
		} else if (notes && low_h >= 6) {
			int nh = low_h / 3 + 1;

			lv_draw_log(lv, ui, row, x, low_h - nh, w);
			lv_draw_notes(lv, ui, row + low_h - nh, x, nh, w,
				      notes);
		} else {
			lv_draw_log(lv, ui, row, x, low_h, w);
		}
	}
	if (lv->modal == LV_MODAL_HELP)
		lv_draw_help(ui, y, x, h, w);
	else if (lv->modal == LV_MODAL_SIGNAL)
		lv_draw_signal(lv, ui, y, x, h, w);
}

/* ---- time and input ----------------------------------------------- */

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

static enum ui_action lv_key_modal(struct lesson_view *lv, struct ui *ui,
				   int key)
{
	if (lv->modal == LV_MODAL_HELP || key == UI_KEY_ESC) {
		lv->modal = LV_MODAL_NONE;
		return UI_ACT_REDRAW;
	}
	switch (key) {
	case UI_KEY_UP:
		lv->modal_cursor = (lv->modal_cursor + LV_NSIGNALS - 1) %
				   LV_NSIGNALS;
		break;
	case UI_KEY_DOWN:
		lv->modal_cursor = (lv->modal_cursor + 1) % LV_NSIGNALS;
		break;
	case UI_KEY_ENTER: {
		const struct lv_signal *s = &lv_signals[lv->modal_cursor];

		/* Only a process this view tracks and that is still there. */
		if (!model_find(observer_model(lv->o), lv->selected_pid))
			ui_warn(ui, "process %d is gone", lv->selected_pid);
		else if (kill(lv->selected_pid, s->sig) < 0)
			ui_warn(ui, "kill %d SIG%s: %s", lv->selected_pid,
				s->name, strerror(errno));
		else
			ui_warn(ui, "sent SIG%s to %d", s->name,
				lv->selected_pid);
		lv->modal = LV_MODAL_NONE;
		break;
	}
	default:
		break;
	}
	return UI_ACT_REDRAW;
}

static void lv_select_move(struct lesson_view *lv, int delta)
{
	int i = lv_selected_index(lv) + delta;

	if (lv->nrows == 0)
		return;
	if (i < 0)
		i = 0;
	if (i >= lv->nrows)
		i = lv->nrows - 1;
	lv->selected_pid = lv->rows[i].p->pid;
	lv->selected_tid = lv->rows[i].p->tid;
}

/* Whether the scenario's keys line names @key ("w:...|k:..."). */
static bool lv_scenario_has_key(struct lesson_view *lv, char key)
{
	const char *k = lv->hooks.keys ? lv->hooks.keys(lv->hooks.arg) : NULL;

	if (!k || !lv->hooks.key)
		return false;
	for (; *k; k++)
		if (k[0] == key && k[1] == ':' &&
		    (k == lv->hooks.keys(lv->hooks.arg) || k[-1] == '|'))
			return true;
	return false;
}

/*
 * H: threads as task rows, or not (htop's H).  The first time on a live
 * view it turns threads mode on: every thread is read from the next
 * sample (it stays on; H then only hides and shows the rows).
 */
static void lv_toggle_tasks(struct lesson_view *lv, struct ui *ui)
{
	lv->show_tasks = !lv->show_tasks;
	if (!lv->show_tasks) {
		if (lv->selected_tid) {
			lv->selected_tid = 0;	/* back to its process */
		}
		ui_warn(ui, "threads hidden (H shows them again)");
		return;
	}
	if (observer_live(lv->o) && !observer_threads(lv->o)) {
		observer_set_threads(lv->o, true);
		ui_warn(ui, "threads: every thread is a task row from the "
			"next sample (H hides them)");
		return;
	}
	ui_warn(ui, "threads shown as task rows under their process%s",
		observer_live(lv->o) || model_task_count(observer_model(lv->o)) ?
		"" : " (none recorded)");
}

static enum ui_action lv_key(struct ui_view *v, struct ui *ui, int key)
{
	struct lesson_view *lv = v->data;
	char msg[256] = "";
	int rc;

	if (lv->modal != LV_MODAL_NONE)
		return lv_key_modal(lv, ui, key);
	switch (key) {
	case ' ':
		lv->paused = !lv->paused;
		lv->pause_t_ms = lv_now(lv);
		break;
	case 's':
		lv->frozen = !lv->frozen;
		if (lv->hooks.freeze) {
			rc = lv->hooks.freeze(lv->hooks.arg, lv->frozen, msg,
					      sizeof(msg));
			if (rc < 0) {
				lv->frozen = !lv->frozen;
				ui_warn(ui, "%s", msg);
			}
		} else {
			lv_freeze_all(lv, ui, lv->frozen);
		}
		break;
	case 'n':
		if (!lv->hooks.next)
			ui_warn(ui, "no steps here (procviz run NAME --step)");
		else if (lv->hooks.next(lv->hooks.arg, msg, sizeof(msg)) < 0)
			ui_warn(ui, "%s", msg);
		lv_step(lv, ui);
		break;
	case 'r':
		if (!lv->hooks.restart)
			ui_warn(ui, "restart is for lessons "
				"(procviz run NAME)");
		else if (lv->hooks.restart(lv->hooks.arg, msg, sizeof(msg)) < 0)
			ui_warn(ui, "%s", msg);
		lv->frozen = false;
		lv->scroll = 0;
		break;
	case UI_KEY_LEFT:
		lv->scroll += 5;
		if (lv->scroll > MODEL_HIST_LEN)
			lv->scroll = MODEL_HIST_LEN;
		break;
	case UI_KEY_RIGHT:
		lv->scroll = lv->scroll > 5 ? lv->scroll - 5 : 0;
		break;
	case UI_KEY_UP:
		lv_select_move(lv, -1);
		break;
	case UI_KEY_DOWN:
		lv_select_move(lv, 1);
		break;
	case 'k':
		/* A scenario's own k (zombie-storm: kill the parent) wins. */
		if (lv_scenario_has_key(lv, 'k')) {
			rc = lv->hooks.key(lv->hooks.arg, key, msg,
					   sizeof(msg));
			if (rc < 0 || msg[0])
				ui_warn(ui, "%s", msg);
			lv_step(lv, ui);
			break;
		}
		/* fall through */
	case 'K':
		if (!observer_live(lv->o)) {	/* a replay: pids not ours */
			ui_warn(ui, "a recording: no live process to signal");
			break;
		}
		if (!model_find(observer_model(lv->o), lv->selected_pid)) {
			ui_warn(ui, "select a live process first (Up/Down)");
			break;
		}
		lv->modal = LV_MODAL_SIGNAL;
		lv->modal_cursor = 0;
		break;
	case '+':
	case '=':
	case '-': {
		/* Sampling speed: '+' samples twice as often, '-' half. */
		int ms = observer_interval_ms(lv->o);

		ms = observer_set_interval(lv->o, key == '-' ? ms * 2 : ms / 2);
		ui_warn(ui, "sampling every %d ms%s", ms,
			ms == OBSERVER_INTERVAL_MIN ? " (fastest)" :
			ms == OBSERVER_INTERVAL_MAX ? " (slowest)" : "");
		break;
	}
	case '<':
	case '>':
		/* Timeline zoom: how many samples one cell covers, so a long
		 * lesson still fits ('<' out, '>' in). */
		if (key == '<' && lv->per_cell < 64)
			lv->per_cell *= 2;
		if (key == '>' && lv->per_cell > 1)
			lv->per_cell /= 2;
		ui_warn(ui, "timeline: one cell per %d sample%s", lv->per_cell,
			lv->per_cell > 1 ? "s" : "");
		break;
	case 'H':
		lv_toggle_tasks(lv, ui);
		break;
	case '?':
	case UI_KEY_F1:
		lv->modal = LV_MODAL_HELP;
		break;
	case UI_KEY_MOUSE: {
		int my, mx, i;

		if (ui_mouse(ui, &my, &mx)) {
			i = lv->rows_first + (my - lv->rows_y);
			if (my >= lv->rows_y && i >= 0 && i < lv->nrows) {
				lv->selected_pid = lv->rows[i].p->pid;
				lv->selected_tid = lv->rows[i].p->tid;
			}
		}
		break;
	}
	case UI_KEY_ESC:
		return UI_ACT_BACK;
	case 'q':
	case UI_KEY_F10:
		return UI_ACT_QUIT;
	default:
		if (!lv->hooks.key)
			return UI_ACT_NONE;
		rc = lv->hooks.key(lv->hooks.arg, key, msg, sizeof(msg));
		if (rc == 0)
			return UI_ACT_NONE;
		if (rc < 0 || msg[0])
			ui_warn(ui, "%s", msg);
		lv_step(lv, ui);
		break;
	}
	return UI_ACT_REDRAW;
}

static const char *lv_keys(struct ui_view *v, struct ui *ui)
{
	struct lesson_view *lv = v->data;
	static char buf[LV_LINE];
	const char *extra = lv->hooks.keys ? lv->hooks.keys(lv->hooks.arg) :
			    NULL;

	if (lv->modal == LV_MODAL_SIGNAL)
		return "Up/Down:choose|Enter:send|Esc:cancel";
	if (lv->modal == LV_MODAL_HELP)
		return "any key:close";
	snprintf(buf, sizeof(buf), "q/F10:quit|%s%sspace:pause|s:freeze|"
		 "n:next|%s:timeline|+/-:sampling|</>:zoom|%s:select|%s:signal|r:restart|"
		 "H:threads|?:help|"
		 "Esc:home|Tab:switch", extra ? extra : "",
		 extra && *extra ? "|" : "",
		 ui_utf8(ui) ? "\u2190\u2192" : "Left/Right",
		 ui_utf8(ui) ? "\u2191\u2193" : "Up/Down",
		 lv_scenario_has_key(lv, 'k') ? "K" : "k");
	return buf;
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
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	lv->o = o;
	lv->per_cell = 1;
	lv->show_tasks = observer_threads(o);	/* --threads, a lesson */
	if (hooks)
		lv->hooks = *hooks;
	snprintf(lv->title, sizeof(lv->title), "%s", title ? title : "");
	v->data = lv;
	v->name = "lesson";
	v->min_w = 60;
	v->min_h = 10;
	v->draw = lv_draw;
	v->key = lv_key;
	v->next_tick_ms = lv_next_tick;
	v->tick = lv_tick;
	v->fds = lv_fds;
	v->fd_ready = lv_fd_ready;
	v->keys = lv_keys;
	v->free = lv_free;
	return v;
}
