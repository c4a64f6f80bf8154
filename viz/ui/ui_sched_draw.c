/*
 * viz/ui/ui_sched_draw.c - the screen of the lockstep scheduler view
 * (ui_sched.h): the title, the tick ruler, one lane per policy (Gantt
 * chart, CPU, ready queues, the engine's why-line), the metrics table, the
 * legend of cell letters and the dialogs.  Lanes shrink (full, compact,
 * Gantt only, one line) to fit the height.
 *
 * Every number comes from the engine (sched/sched.h), so the screen and
 * the headless reports agree.
 */
#include "viz/ui/ui_fit.h"
#include "viz/ui/ui_sched.h"
#include "common/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static enum ui_role sv_job_role(int job)
{
	if (job < 0)
		return UI_ROLE_IDLE;
	return (enum ui_role)(UI_ROLE_JOB0 + job % UI_NJOB_ROLES);
}

static void sv_cell(struct ui *ui, int y, int x, enum ui_role role, char c)
{
	char s[2] = { c, '\0' };

	ui_put(ui, y, x, 1, role, s);
}

/* Append printf output to buf (bounded). */
static void sv_cat(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void sv_cat(char *buf, size_t len, const char *fmt, ...)
{
	size_t n = strlen(buf);
	va_list ap;

	if (n >= len - 1)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + n, len - n, fmt, ap);
	va_end(ap);
}

/* "B[5] C[10]" or "B C": the jobs of ready queue @q, head first. */
static void sv_queue_text(const struct sched_view *sv, struct sched_sim *sim,
			  int q, bool allot, char *buf, size_t len)
{
	int ids[256];
	int n = sched_sim_queue(sim, q, ids, 256), i;

	buf[0] = '\0';
	for (i = 0; i < n && i < 256; i++) {
		if (allot)
			sv_cat(buf, len, "%s%s[%ld]", i ? " " : "",
			       sv_name(sv, ids[i]),
			       sched_sim_job_allot_left(sim, ids[i]));
		else
			sv_cat(buf, len, "%s%s", i ? " " : "",
			       sv_name(sv, ids[i]));
	}
	if (n > 256)
		sv_cat(buf, len, " (+%d)", n - 256);
	if (n == 0)
		sv_cat(buf, len, "-");
}

/* "A runs (19 left)  blocked: B io 3  not yet: D@6  done: C" */
static void sv_cpu_text(const struct sched_view *sv, struct sched_sim *sim,
			char *buf, size_t len)
{
	int run = sched_sim_running(sim), j, nb = 0, nn = 0, nd = 0;

	buf[0] = '\0';
	if (sched_sim_done(sim) && run < 0)
		sv_cat(buf, len, _("all done at %ld"), sched_sim_end(sim));
	else if (run >= 0)
		sv_cat(buf, len, _("%s runs (%ld left)"), sv_name(sv, run),
		       sched_sim_job_cpu_left(sim, run));
	else
		sv_cat(buf, len, "%s", _("idle"));
	for (j = 0; j < sv->w.njobs; j++)
		if (sched_sim_job_state(sim, j) == SCHED_JOB_BLOCKED)
			sv_cat(buf, len, "%s%s io %ld", nb++ ? ", " :
			       _("   blocked: "), sv_name(sv, j),
			       sched_sim_job_io_left(sim, j));
	for (j = 0; j < sv->w.njobs; j++)
		if (sched_sim_job_state(sim, j) == SCHED_JOB_NEW)
			sv_cat(buf, len, "%s%s@%ld", nn++ ? " " :
			       _("   not yet: "), sv_name(sv, j),
			       sv->w.jobs[j].arrival);
	for (j = 0; j < sv->w.njobs; j++)
		if (sched_sim_job_state(sim, j) == SCHED_JOB_DONE)
			sv_cat(buf, len, "%s%s", nd++ ? " " : _("   done: "),
			       sv_name(sv, j));
}

static bool sv_is_mlfq(const struct sv_lane *l)
{
	return sched_policy_has_levels(l->policy);
}

/*
 * process-run's row of the state table for tick [t, t+1): every job's
 * state in its words, then the CPU and the IOs in flight.
 */
static void sv_states_text(struct sched_view *sv, struct sched_sim *sim,
			   char *buf, size_t len)
{
	int j, ios = 0;

	buf[0] = '\0';
	for (j = 0; j < sv->w.njobs; j++) {
		enum sched_pr_state st = sched_sim_pr_state(sim, j);

		ios += st == SCHED_PR_BLOCKED;
		sv_cat(buf, len, "%s%s:%s", j ? " " : "", sv_name(sv, j),
		       sched_pr_word(st));
	}
	sv_cat(buf, len, "   CPU %d  IOs %d", sched_sim_running(sim) >= 0,
	       ios);
}

/* A procrun lane shows process-run's state table row at t as well. */
static int sv_lane_height(const struct sched_view *sv, int i,
			  enum sv_density d)
{
	int st = sched_policy_state_table(sv->lanes[i].policy);

	switch (d) {
	case SV_FULL:	/* MLFQ's why takes two rows (sv_draw_why) */
		return 4 + st + sched_sim_nqueues(sv->lanes[i].sim) +
		       sv_is_mlfq(&sv->lanes[i]);
	case SV_COMPACT:
		return 4 + st;
	case SV_GANTT:
		return 2;
	default:
		return 1;
	}
}

static int sv_lanes_height(const struct sched_view *sv, enum sv_density d)
{
	int i, h = 0;

	for (i = 0; i < sv->nlanes; i++)
		h += sv_lane_height(sv, i, d);
	return h;
}

static int sv_metrics_height(const struct sched_view *sv, enum sv_metrics m)
{
	if (m == SV_METRICS_NONE)
		return 0;
	if (m == SV_METRICS_AVG)
		return 2 + sv->nlanes;
	return 2 + sv->nlanes * (sv->w.njobs + 1);
}

/*
 * One tick of a Gantt row: its cells from cell @pos of the job's @label
 * on, blanks in the same role after the label (idle: dots).
 */
static void sv_tick_cell(struct sched_view *sv, struct ui *ui, int y, int x,
			 enum ui_role role, const char *label, int pos)
{
	int k;

	for (k = 0; k < sv->zoom; k++)
		sv_cell(ui, y, x + k, role, role == UI_ROLE_IDLE ? '.' :
			sched_label_cell(label, 2, pos + k, ' '));
}

/*
 * The Gantt row of a whole schedule packed per_cell ticks to a cell (at
 * the end, when it is longer than the row): each cell shows the job that
 * ran longest in its ticks (idle if the CPU idled longest), a run's
 * label starting where the run does.
 */
static void sv_draw_gantt_packed(struct sched_view *sv, struct ui *ui,
				 struct sched_result *r, int y, int x)
{
	long c, cells = sv->gantt_ticks / sv->per_cell;
	int s = 0, prev = -2, pos = 0;

	for (c = 0; c < cells; c++) {
		long a = sv->gantt_start + c * sv->per_cell;
		long b = a + sv->per_cell, best = 0, busy = 0;
		int k, job = -1;

		if (b > r->makespan)
			b = r->makespan;
		if (a >= b) {	/* past the last tick: the cursor */
			if (a == sv->t)
				sv_tick_cell(sv, ui, y, x + (int)c * sv->zoom,
					     UI_ROLE_CURSOR, " ", 0);
			continue;
		}
		while (s < r->nsegments && r->gantt[s].end <= a)
			s++;
		for (k = s; k < r->nsegments && r->gantt[k].start < b; k++) {
			long lo = r->gantt[k].start > a ? r->gantt[k].start : a;
			long hi = r->gantt[k].end < b ? r->gantt[k].end : b;

			if (r->gantt[k].job < 0)
				continue;
			busy += hi - lo;
			if (hi - lo > best) {
				best = hi - lo;
				job = r->gantt[k].job;
			}
		}
		if (b - a - busy > best)
			job = -1;	/* idle longest */
		pos = sv->zoom >= sv->label_w || job != prev ? 0 :
		      pos + sv->zoom;
		prev = job;
		if (job >= 0)
			sv_tick_cell(sv, ui, y, x + (int)c * sv->zoom,
				     sv_job_role(job), sv->labels[job], pos);
		else
			sv_tick_cell(sv, ui, y, x + (int)c * sv->zoom,
				     UI_ROLE_IDLE, ".", 0);
	}
}

/*
 * The Gantt row of one lane: ticks [start, start + gantt_ticks).  Each
 * tick shows its job's label when a tick is as wide as the labels; else
 * (two-cell labels, one cell a tick) a run of one job starts with it.
 */
static void sv_draw_gantt(struct sched_view *sv, struct ui *ui,
			  struct sv_lane *l, int y, int x)
{
	struct sched_result r;
	long c;
	int s = 0, prev = -2, pos = 0;
	bool per_tick = sv->zoom >= sv->label_w;

	sched_sim_result(l->sim, &r);
	if (sv->per_cell > 1) {
		sv_draw_gantt_packed(sv, ui, &r, y, x);
		return;
	}
	for (c = 0; c < sv->gantt_ticks; c++) {
		long tick = sv->gantt_start + c;
		int cx = x + (int)c * sv->zoom, job = -1;

		if (tick == sv->t) {
			int run = sched_sim_running(l->sim);

			sv_tick_cell(sv, ui, y, cx, UI_ROLE_CURSOR,
				     run >= 0 ? sv->labels[run] : " ", 0);
			continue;
		}
		if (tick >= sched_sim_now(l->sim))
			continue;
		while (s < r.nsegments && r.gantt[s].end <= tick)
			s++;
		if (s < r.nsegments && r.gantt[s].start <= tick)
			job = r.gantt[s].job;
		pos = per_tick || job != prev ? 0 : pos + sv->zoom;
		prev = job;
		if (job >= 0)
			sv_tick_cell(sv, ui, y, cx, sv_job_role(job),
				     sv->labels[job], pos);
		else
			sv_tick_cell(sv, ui, y, cx, UI_ROLE_IDLE, ".", 0);
	}
}

/* A lane's line cut between words ("B[10]" whole or not at all). */
static void sv_put_words(struct ui *ui, int y, int x, int w, const char *s)
{
	char fit[SV_LINE];

	ui_put(ui, y, x, w, UI_ROLE_NORMAL, ui_fit_words(fit, sizeof(fit), s,
	       w, ui_glyphs(ui)->ellipsis));
}

/*
 * The why line in @rows rows of @w columns, cut between words (MLFQ's
 * are the longest: "(head of level 0, quantum left 10, allotment left
 * 10)" needs its two rows), the last row ending in an ellipsis if even
 * they are too few.  Returns @rows.
 */
static int sv_draw_why(struct ui *ui, int y, int x, int w, const char *why,
		       int rows)
{
	char fit[SV_LINE];
	int r;

	for (r = 0; r < rows && *why; r++) {
		size_t cut = r + 1 < rows ? ui_wrap_cut(why, w) : strlen(why);

		snprintf(fit, sizeof(fit), "%.*s", (int)cut, why);
		ui_put(ui, y + r, x, w, UI_ROLE_NORMAL,
		       r + 1 < rows ? fit : ui_fit_words(fit, sizeof(fit),
		       why, w, ui_glyphs(ui)->ellipsis));
		why += cut;
		while (*why == ' ')
			why++;
	}
	return rows;
}

static void sv_draw_lane(struct sched_view *sv, struct ui *ui, int i, int y,
			 int x, int w, enum sv_density d)
{
	struct sv_lane *l = &sv->lanes[i];
	enum ui_role head = i == sv->selected ? UI_ROLE_SELECT :
			    UI_ROLE_HEADING;
	char buf[SV_LINE], q[SV_LINE];
	int lw = sv->lblw, cells = w - lw, row = y, k;
	bool mlfq = sv_is_mlfq(l);

	l->y0 = y;
	if (d == SV_ONELINE) {
		ui_put(ui, row, x, lw - 1, head, l->label);
		sv_draw_gantt(sv, ui, l, row, x + lw);
		l->y1 = row;
		return;
	}
	ui_rule(ui, row, x, w, UI_ROLE_BORDER, NULL);
	k = ui_put(ui, row, x + 1, w - 1, head, " ");
	k += ui_put(ui, row, x + 1 + k, w - 1 - k, head, l->label);
	ui_put(ui, row, x + 1 + k, w - 1 - k, head, " ");
	if (mlfq && d != SV_GANTT)
		ui_put(ui, row, x + 3 + k, w - 3 - k, UI_ROLE_DIM,
		       _(" queue: job[allotment left] "));
	row++;
	ui_put(ui, row, x, lw, UI_ROLE_DIM, _("Gantt"));
	sv_draw_gantt(sv, ui, l, row, x + lw);
	row++;
	if (d == SV_GANTT) {
		l->y1 = row - 1;
		return;
	}
	if (d == SV_FULL) {
		sv_cpu_text(sv, l->sim, buf, sizeof(buf));
		ui_put(ui, row, x, lw, UI_ROLE_DIM, _("CPU"));
		sv_put_words(ui, row, x + lw, cells, buf);
		row++;
		for (k = 0; k < sched_sim_nqueues(l->sim); k++) {
			char lab[48];

			if (mlfq)
				snprintf(lab, sizeof(lab), "Q%d", k);
			else
				snprintf(lab, sizeof(lab), "%s", _("ready"));
			sv_queue_text(sv, l->sim, k, mlfq, q, sizeof(q));
			ui_put(ui, row, x, lw, UI_ROLE_DIM, lab);
			sv_put_words(ui, row, x + lw, cells, q);
			row++;
		}
	} else {
		/* Compact: one line for the queues, then the CPU. */
		char cpu[SV_LINE];

		buf[0] = '\0';
		for (k = 0; k < sched_sim_nqueues(l->sim); k++) {
			sv_queue_text(sv, l->sim, k, mlfq, q, sizeof(q));
			if (mlfq)
				sv_cat(buf, sizeof(buf), "%sQ%d: %s",
				       k ? "  " : "", k, q);
			else
				sv_cat(buf, sizeof(buf), "%s", q);
		}
		sv_cpu_text(sv, l->sim, cpu, sizeof(cpu));
		sv_cat(buf, sizeof(buf), _("   CPU: %s"), cpu);
		ui_put(ui, row, x, lw, UI_ROLE_DIM, _("ready"));
		sv_put_words(ui, row, x + lw, cells, buf);
		row++;
	}
	if (sched_policy_state_table(l->policy)) {
		sv_states_text(sv, l->sim, buf, sizeof(buf));
		ui_put(ui, row, x, lw, UI_ROLE_DIM, _("states"));
		sv_put_words(ui, row, x + lw, cells, buf);
		row++;
	}
	sched_sim_why(l->sim, buf, sizeof(buf));
	ui_put(ui, row, x, lw, UI_ROLE_DIM, _("why"));
	row += sv_draw_why(ui, row, x + lw, cells, buf,
			   d == SV_FULL && mlfq ? 2 : 1);
	l->y1 = row - 1;
}

/* The 1-2-5 series from 5: 5, 10, 20, 50, 100, 200, 500... */
static int sv_next_step(int step)
{
	int lead = step;

	while (lead >= 10)
		lead /= 10;
	return lead == 2 ? step / 2 * 5 : step * 2;
}

/*
 * Tick numbers every 5 (or 10, 20... when crowded); the cursor's column
 * is shown in the cursor role, keeping the digit under it.
 */
static void sv_draw_ruler(struct sched_view *sv, struct ui *ui, int y, int x,
			  int w)
{
	int gx = x + sv->lblw, cells = w - sv->lblw, c, step = 5, n;
	int pc = sv->per_cell > 1 ? sv->per_cell : 1;
	long tick;
	char num[24];

	ui_put(ui, y, x, sv->lblw, UI_ROLE_DIM, _("tick"));
	/* 5, 10, 20, 50, 100, ...: room for the widest number and a gap. */
	n = snprintf(num, sizeof(num), "%ld", sv->gantt_start +
		     sv->gantt_ticks);
	while (step / pc * sv->zoom < n + 1)
		step = sv_next_step(step);
	for (tick = sv->gantt_start; tick < sv->gantt_start + sv->gantt_ticks;
	     tick++) {
		if (tick % step != 0 || tick > sv->end)
			continue;
		c = (int)((tick - sv->gantt_start) / pc) * sv->zoom;
		n = snprintf(num, sizeof(num), "%ld", tick);
		if (c + n > cells)
			break;
		ui_put(ui, y, gx + c, n, UI_ROLE_DIM, num);
	}
	if (sv->t < sv->gantt_start ||
	    sv->t >= sv->gantt_start + sv->gantt_ticks)
		return;
	c = (int)((sv->t - sv->gantt_start) / pc) * sv->zoom;
	n = snprintf(num, sizeof(num), "%ld", sv->t);
	if (sv->t % step == 0 && c + n <= cells)
		ui_put(ui, y, gx + c, n, UI_ROLE_CURSOR, num);
	else
		ui_put(ui, y, gx + c, 1, UI_ROLE_CURSOR, ui_glyphs(ui)->cursor);
}

static void sv_draw_metrics(struct sched_view *sv, struct ui *ui, int y,
			    int x, int h, int w, enum sv_metrics m)
{
	int pw = 8, jw = 9, i, j, row = y;
	char head[128], c[7][64], avg[64];

	for (i = 0; i < sv->nlanes; i++)
		if ((int)strlen(sv->lanes[i].label) + 2 > pw)
			pw = (int)strlen(sv->lanes[i].label) + 2;
	for (j = 0; j < sv->w.njobs; j++)
		if ((int)strlen(sv->w.jobs[j].name) + 2 > jw)
			jw = (int)strlen(sv->w.jobs[j].name) + 2;
	/* Mid-run the averages are over the finished jobs only: say so. */
	snprintf(avg, sizeof(avg), _("avg of %d done"), sv->w.njobs);
	if (sv->t != sv->end && ui_strwidth(avg) + 2 > jw)
		jw = ui_strwidth(avg) + 2;
	snprintf(head, sizeof(head), _("Metrics at t=%ld%s"), sv->t,
		 sv->t == sv->end ? _(" (end)") : _(" (finished jobs so far)"));
	ui_rule(ui, row++, x, w, UI_ROLE_BORDER, head);
	if (row >= y + h)
		return;
	/* Padded by display columns: the headings may be translated. */
	ui_putf(ui, row++, x, w, UI_ROLE_HEADING, "%s%s%s%s%s  %s%s",
		ui_pad(c[0], sizeof(c[0]), _("policy"), -pw),
		ui_pad(c[1], sizeof(c[1]), _("job"), -jw),
		ui_pad(c[2], sizeof(c[2]), _("response"), 10),
		ui_pad(c[3], sizeof(c[3]), _("turnaround"), 12),
		ui_pad(c[4], sizeof(c[4]), _("waiting"), 10),
		ui_pad(c[5], sizeof(c[5]), _("switches"), 8),
		ui_pad(c[6], sizeof(c[6]), _("  CPU use"), 9));
	for (i = 0; i < sv->nlanes && row < y + h; i++) {
		struct sv_lane *l = &sv->lanes[i];
		struct sched_result r;
		int ndone = 0;

		sched_sim_result(l->sim, &r);
		for (j = 0; j < r.njobs && m == SV_METRICS_FULL &&
			    row < y + h; j++) {
			const struct sched_job_result *jr = &r.jobs[j];
			char resp[16], turn[16], wait[16];

			if (jr->first_run >= 0)
				snprintf(resp, sizeof(resp), "%.2f",
					 (double)jr->response);
			else
				snprintf(resp, sizeof(resp), "-");
			if (jr->finish >= 0) {
				snprintf(turn, sizeof(turn), "%.2f",
					 (double)jr->turnaround);
				snprintf(wait, sizeof(wait), "%.2f",
					 (double)jr->waiting);
			} else {
				snprintf(turn, sizeof(turn), "-");
				snprintf(wait, sizeof(wait), "-");
			}
			ui_putf(ui, row++, x, w, UI_ROLE_NORMAL,
				"%-*s%-*s%10s%12s%10s", pw, l->label, jw,
				sv_name(sv, j), resp, turn, wait);
		}
		for (j = 0; j < r.njobs; j++)
			ndone += r.jobs[j].finish >= 0;
		if (row >= y + h)
			break;
		if (sv->t == sv->end)
			snprintf(avg, sizeof(avg), "%s", _("average"));
		else
			snprintf(avg, sizeof(avg), _("avg of %d done"), ndone);
		if (ndone == 0) {
			ui_putf(ui, row++, x, w, UI_ROLE_HEADING,
				"%-*s%s%10s%12s%10s  %8ld  %6.1f%%", pw,
				l->label,
				ui_pad(c[1], sizeof(c[1]), avg, -jw),
				"-", "-", "-",
				r.context_switches,
				100.0 * r.cpu_utilization);
			continue;
		}
		ui_putf(ui, row++, x, w, UI_ROLE_HEADING,
			"%-*s%s%10.2f%12.2f%10.2f  %8ld  %6.1f%%", pw,
			l->label, ui_pad(c[1], sizeof(c[1]), avg, -jw),
			r.avg_response,
			r.avg_turnaround, r.avg_waiting, r.context_switches,
			100.0 * r.cpu_utilization);
	}
}

static void sv_draw_help(struct ui_view *v, struct ui *ui, int y, int x,
			 int h, int w)
{
	static const char *const notes[] = {
		N_("Every lane is at the same instant t: its Gantt chart shows"),
		N_("ticks 0..t-1, the highlighted cell the job that runs next."),
	};

	ui_help_box(ui, y, x, h, w, sv_keys_main, v, notes,
		    (int)(sizeof(notes) / sizeof(notes[0])),
		    &((struct sched_view *)v->data)->help_pos);
}

static void sv_draw_quantum(struct ui_view *v, struct ui *ui, int y, int x,
			    int h, int w)
{
	struct sched_view *sv = v->data;
	int bw = w < 50 ? w : 50, bh = 5;
	int by = y + (h - bh) / 2, bx = x + (w - bw) / 2;

	ui_fill(ui, by, bx, bh, bw, UI_ROLE_NORMAL);
	ui_box(ui, by, bx, bh, bw, UI_ROLE_BORDER, _("quantum"));
	ui_putf(ui, by + 1, bx + 2, bw - 4, UI_ROLE_NORMAL,
		_("Round-robin quantum in ticks (now %d):"), sv->opts.quantum);
	ui_putf(ui, by + 2, bx + 2, bw - 4, UI_ROLE_SELECT, "%s_", sv->input);
	ui_keys_hint(ui, by + 3, bx + 2, bw - 4, sv_keys_quantum, v);
}

static void sv_draw_policies(struct ui_view *v, struct ui *ui, int y, int x,
			     int h, int w)
{
	struct sched_view *sv = v->data;
	int n = sv_policy_count(), i;
	char desc[SV_LINE];
	/* As wide as the longest description needs, if the screen is. */
	int bw = 72, bh = n + 3 < h ? n + 3 : h, by, bx;

	for (i = 0; i < n; i++) {
		const char *d = sched_policy_describe(sched_policy_names[i]);
		int dw = d ? ui_strwidth(d) + 17 : 0;

		bw = dw > bw ? dw : bw;
	}
	bw = bw < w ? bw : w;
	by = y + (h - bh) / 2;
	bx = x + (w - bw) / 2;

	ui_fill(ui, by, bx, bh, bw, UI_ROLE_NORMAL);
	ui_box(ui, by, bx, bh, bw, UI_ROLE_BORDER, _("policies"));
	for (i = 0; i < n && i < bh - 3; i++) {
		const char *d = sched_policy_describe(sched_policy_names[i]);
		size_t nl = strlen(sched_policy_names[i]);

		/* "rr: round robin..." - the name is already in its column. */
		if (d && strncmp(d, sched_policy_names[i], nl) == 0 &&
		    d[nl] == ':')
			d += nl + (d[nl + 1] == ' ' ? 2 : 1);

		/* Cut between words if it must be ("among equa" was). */
		ui_putf(ui, by + 1 + i, bx + 2, bw - 4,
			i == sv->modal_cursor ? UI_ROLE_SELECT :
			UI_ROLE_NORMAL, "[%c] %-8s %s", sv->pick[i] ? 'x' : ' ',
			sched_policy_names[i], ui_fit_words(desc, sizeof(desc),
			d ? d : "", bw - 4 - 13, ui_glyphs(ui)->ellipsis));
	}
	ui_keys_hint(ui, by + bh - 2, bx + 2, bw - 4, sv_keys_policies, v);
}

/*
 * Columns: the label width, the zoom (big cells when the schedule is
 * short: readable from the back) and the ticks shown, scrolled so that
 * the cursor stays on screen.
 */
static void sv_layout(struct sched_view *sv, int x, int w)
{
	int i, lw = 6, cells, ticks;

	for (i = 0; i < sv->nlanes; i++)
		if ((int)strlen(sv->lanes[i].label) + 1 > lw)
			lw = (int)strlen(sv->lanes[i].label) + 1;
	sv->lblw = lw > 18 ? 18 : lw;
	cells = w - sv->lblw;
	if (cells < 1)
		cells = 1;
	sv->zoom = cells / (int)(sv->end + 1);
	if (sv->zoom > 4)
		sv->zoom = 4;
	if (sv->zoom < 1)
		sv->zoom = 1;
	ticks = cells / sv->zoom;
	sv->per_cell = 1;
	if (sv->t >= sv->end && sv->end + 1 > ticks) {
		/* At the end, the whole schedule: packed, as the SVG. */
		sv->per_cell = (int)((sv->end + 1 + ticks - 1) / ticks);
		sv->gantt_start = 0;
		sv->gantt_ticks = (sv->end + 1 + sv->per_cell - 1) /
				  sv->per_cell * sv->per_cell;
		sv->gantt_x = x + sv->lblw;
		sv->gantt_cells = cells;
		return;
	}
	if (sv->end < ticks || sv->t < ticks - 1)
		sv->gantt_start = 0;
	else
		sv->gantt_start = sv->t - (ticks - 1) + (ticks > 8 ? 4 : 0);
	if (sv->end >= ticks && sv->gantt_start > sv->end + 1 - ticks)
		sv->gantt_start = sv->end + 1 - ticks;
	if (sv->gantt_start < 0)
		sv->gantt_start = 0;
	sv->gantt_ticks = ticks;
	sv->gantt_x = x + sv->lblw;
	sv->gantt_cells = cells;
}

static void sv_draw_title(struct ui_view *v, struct ui *ui, int y, int x,
			  int w)
{
	struct sched_view *sv = v->data;
	/* Side by side, the view without the keys has a quieter title. */
	enum ui_role role = ui_view_active(ui, v) ? UI_ROLE_TITLE :
			    UI_ROLE_SELECT;
	char name[SV_LINE], clock[64], play[64], conv[64], packed[96];
	char brief[64], full[SV_LINE];
	struct ui_field f[] = {
		{ name, NULL, 10, 10, role, NULL },
		{ clock, NULL, 9, 9, role, NULL },
		{ play, NULL, 6, 6, role, NULL },
		{ conv, NULL, 4, 4, role, NULL },
		{ sv->t == sv->end ? _("   END") : NULL, NULL, 8, 8, role,
		  NULL },
		{ sv->per_cell > 1 ? packed : NULL, brief, 5, 7, role, NULL },
	};

	/* Fields whole or not at all (ui_fit): no number is cut. */
	snprintf(clock, sizeof(clock), _("   t = %ld of %ld"), sv->t,
		 sv->end);
	/* A long workload (--jobs) is cut between words, the clock kept. */
	snprintf(full, sizeof(full), " procviz sched  %s", sv->title);
	ui_fit_words(name, sizeof(name), full, w - ui_strwidth(clock),
		     ui_glyphs(ui)->ellipsis);
	snprintf(play, sizeof(play), _("   %s %d ticks/s"), sv->playing ?
		 _("PLAYING") : _("paused"), sv_speeds[sv->speed]);
	snprintf(conv, sizeof(conv), _("   convention %s"),
		 sv->opts.convention == SCHED_CONV_TEXTBOOK ? "textbook" :
		 "ostep");
	snprintf(packed, sizeof(packed),
		 _(" (whole schedule, %d ticks a cell)"), sv->per_cell);
	snprintf(brief, sizeof(brief), _(" (%d ticks a cell)"),
		 sv->per_cell);
	ui_fill(ui, y, x, 1, w, role);
	ui_fit_put(ui, y, x, w, f, (int)(sizeof(f) / sizeof(f[0])));
}

/*
 * The densest layout that fits @avail rows: the full metrics if wanted
 * and they fit, else the averages; lanes full, compact, Gantt only or one
 * line.  False when not even one line per lane fits.
 */
static bool sv_fit(const struct sched_view *sv, int avail,
		   enum sv_density *d, enum sv_metrics *m)
{
	static const enum sv_density dens[] = { SV_FULL, SV_COMPACT, SV_GANTT,
						SV_ONELINE };
	bool want = sv->metrics || (sv->t == sv->end && sv->end > 0);
	int i, k;

	for (k = 0; k < (want ? 2 : 1); k++) {
		*m = !want ? SV_METRICS_NONE :
		     k == 0 ? SV_METRICS_FULL : SV_METRICS_AVG;
		for (i = 0; i < 4; i++) {
			*d = dens[i];
			if (sv_lanes_height(sv, *d) +
			    sv_metrics_height(sv, *m) <= avail)
				return true;
		}
	}
	*d = SV_ONELINE;
	*m = want ? SV_METRICS_AVG : SV_METRICS_NONE;
	return false;
}

/* The labels that are not the job's name: "cells: 1=P1 2=P2". */
static void sv_draw_legend(struct sched_view *sv, struct ui *ui, int y,
			   int x, int w)
{
	char leg[SV_LINE] = "";
	int i, k;

	for (i = 0, k = 0; i < sv->w.njobs; i++) {
		const char *nm = sv_name(sv, i);

		if (strcmp(nm, sv->labels[i]) == 0)
			continue;
		sv_cat(leg, sizeof(leg), "%s%s=%s", k++ ? " " : _("cells: "),
		       sv->labels[i], nm);
	}
	ui_put(ui, y, x, w, UI_ROLE_DIM, leg);
}

void sv_draw(struct ui_view *v, struct ui *ui, int y, int x, int h, int w)
{
	struct sched_view *sv = v->data;
	/* The legend of cell letters keeps the bottom line for itself. */
	int bottom = y + h - (sv->legend ? 1 : 0);
	int avail = bottom - y - 2, i, row = y + 2;
	enum sv_density d;
	enum sv_metrics m;
	bool fit;

	if (sv_edit_draw(v, ui, y, x, h, w))
		return;	/* the workload table has the view */
	sv_layout(sv, x, w);
	sv_draw_title(v, ui, y, x, w);
	sv->ruler_y = y + 1;
	sv_draw_ruler(sv, ui, y + 1, x, w);
	fit = sv_fit(sv, avail, &d, &m);
	if (m != SV_METRICS_NONE && !fit) {
		/* Not even one line per lane fits with the averages: the
		 * averages win (they are what End is for). */
		sv_draw_metrics(sv, ui, row, x, avail, w, m);
	} else {
		for (i = 0; i < sv->nlanes && row < bottom; i++) {
			int lh = sv_lane_height(sv, i, d);

			if (row + lh > bottom)
				break;
			sv_draw_lane(sv, ui, i, row, x, w, d);
			row += lh;
		}
		if (m != SV_METRICS_NONE)
			sv_draw_metrics(sv, ui, row, x, bottom - row, w, m);
	}
	if (sv->legend && bottom < y + h)
		sv_draw_legend(sv, ui, y + h - 1, x, w);
	if (sv->modal == SV_MODAL_HELP)
		sv_draw_help(v, ui, y, x, h, w);
	else if (sv->modal == SV_MODAL_QUANTUM)
		sv_draw_quantum(v, ui, y, x, h, w);
	else if (sv->modal == SV_MODAL_POLICIES)
		sv_draw_policies(v, ui, y, x, h, w);
	if (sv->prompt.open)
		ui_prompt_draw(ui, &sv->prompt, y + h - 1, x, w);
}
