/*
 * viz/ui/ui_sched.c - the lockstep scheduler view.
 *
 * One lane per policy, every lane at the same instant t (the shared time
 * cursor): its Gantt chart of ticks [0, t), the job that runs next, its
 * ready queue(s) (MLFQ: one row per level with each job's allotment
 * left), its blocked jobs with their IO left, and the engine's "why" line
 * for instant t.  At the end (or on 'm') the metrics table.
 *
 * The view never computes a schedule itself: every number comes from the
 * engine (sched/sched.h), so the screen and the headless reports agree.
 * Lanes shrink (full, compact, Gantt only, one line) to fit the height.
 */
#include "viz/ui/ui.h"
#include "viz/ui/ui_views.h"
#include "viz/cmd/workloads.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum {
	SV_MAX_LANES = 16,
	SV_MAX_POLICIES = 32,
	SV_LINE = 512,
	SV_QUANTUM_MAX = 1000,
};

static const int sv_speeds[] = { 1, 2, 4, 8, 16, 32 };	/* ticks/s */
enum { SV_NSPEEDS = sizeof(sv_speeds) / sizeof(sv_speeds[0]) };

enum sv_density { SV_FULL, SV_COMPACT, SV_GANTT, SV_ONELINE };
enum sv_modal { SV_MODAL_NONE, SV_MODAL_POLICIES, SV_MODAL_QUANTUM,
		SV_MODAL_HELP };
enum sv_metrics { SV_METRICS_NONE, SV_METRICS_AVG, SV_METRICS_FULL };

struct sv_lane {
	char policy[SCHED_NAME_MAX];
	char label[48];			/* "RR q=4" */
	struct sched_sim *sim;		/* owned */
	int y0, y1;			/* rows drawn last time (mouse) */
};

struct sched_view {
	struct sched_workload w;	/* owned copy */
	char title[128];
	struct sched_opts opts;		/* draws points to ->draws */
	long *draws;			/* owned copy of lottery draws */
	struct sv_lane lanes[SV_MAX_LANES];
	int nlanes;
	char *labels;			/* owned: a cell letter per job */
	bool legend;			/* labels differ from names */
	long t, end;
	bool playing;
	int speed;			/* index into sv_speeds */
	long long next_ms;
	bool metrics;
	int selected;			/* lane */
	enum sv_modal modal;
	int modal_cursor;
	bool pick[SV_MAX_POLICIES];
	char input[8];
	/* Geometry of the last draw, for mouse clicks. */
	int gantt_x, gantt_cells, ruler_y;
	int zoom;			/* columns per tick (big when short) */
	long gantt_start, gantt_ticks;	/* first tick shown, how many */
	int lblw;
};

/* ---- building the simulations ----------------------------------------- */

static void sv_free_sims(struct sched_view *sv)
{
	int i;

	for (i = 0; i < sv->nlanes; i++) {
		sched_sim_free(sv->lanes[i].sim);
		sv->lanes[i].sim = NULL;
	}
}

/* Seek every lane to the shared instant (a lane that ended stays there). */
static void sv_seek(struct sched_view *sv)
{
	int i;

	for (i = 0; i < sv->nlanes; i++) {
		struct sched_sim *sim = sv->lanes[i].sim;
		long e = sched_sim_end(sim);

		sched_sim_seek(sim, sv->t < e ? sv->t : e);
	}
}

/*
 * (Re)create one simulation per lane with the current options, keeping
 * the time cursor where it was (clamped to the new end).  On failure the
 * old simulations are kept and -EINVAL returned with err filled.
 */
static int sv_build(struct sched_view *sv, const char *const *policies,
		    int n, char *err, size_t errlen)
{
	struct sv_lane fresh[SV_MAX_LANES];
	int i, k;

	if (n > SV_MAX_LANES)
		n = SV_MAX_LANES;
	memset(fresh, 0, sizeof(fresh));
	for (i = 0; i < n; i++) {
		snprintf(fresh[i].policy, sizeof(fresh[i].policy), "%s",
			 policies[i]);
		sched_policy_label(policies[i], &sv->opts, fresh[i].label,
				   sizeof(fresh[i].label));
		fresh[i].sim = sched_sim_new(&sv->w, policies[i], &sv->opts,
					     err, errlen);
		if (!fresh[i].sim) {
			for (k = 0; k < i; k++)
				sched_sim_free(fresh[k].sim);
			return -EINVAL;
		}
	}
	sv_free_sims(sv);
	memcpy(sv->lanes, fresh, sizeof(fresh));
	sv->nlanes = n;
	sv->end = 0;
	for (i = 0; i < n; i++) {
		long e = sched_sim_end(sv->lanes[i].sim);

		if (e > sv->end)
			sv->end = e;
	}
	if (sv->t > sv->end)
		sv->t = sv->end;
	if (sv->selected >= n)
		sv->selected = n ? n - 1 : 0;
	sv_seek(sv);
	return 0;
}

/* Rebuild with the same policies (after an option changed). */
static void sv_rebuild(struct sched_view *sv, struct ui *ui)
{
	const char *names[SV_MAX_LANES];
	char keep[SV_MAX_LANES][SCHED_NAME_MAX];
	char err[256];
	int i, n = sv->nlanes;

	for (i = 0; i < n; i++) {
		memcpy(keep[i], sv->lanes[i].policy, SCHED_NAME_MAX);
		names[i] = keep[i];
	}
	if (sv_build(sv, names, n, err, sizeof(err)) < 0)
		ui_warn(ui, "cannot re-run: %s", err);
}

/* One-character cell labels: the names when they are single and unique. */
static int sv_make_labels(struct sched_view *sv)
{
	static const char pool[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		"0123456789";
	bool single = true;
	int i, k;

	sv->labels = calloc((size_t)sv->w.njobs + 1, 1);
	if (!sv->labels)
		return -ENOMEM;
	for (i = 0; i < sv->w.njobs && single; i++) {
		const char *nm = sv->w.jobs[i].name;

		single = nm[0] && !nm[1] && nm[0] > ' ' && nm[0] < 127;
		for (k = 0; k < i && single; k++)
			single = sv->w.jobs[k].name[0] != nm[0];
	}
	for (i = 0; i < sv->w.njobs; i++)
		sv->labels[i] = single ? sv->w.jobs[i].name[0] :
				i < (int)sizeof(pool) - 1 ? pool[i] : '*';
	sv->legend = !single;
	return 0;
}

/* ---- drawing ------------------------------------------------------------- */

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

static const char *sv_name(const struct sched_view *sv, int job)
{
	return sv->w.jobs[job].name;
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
		sv_cat(buf, len, "all done at %ld", sched_sim_end(sim));
	else if (run >= 0)
		sv_cat(buf, len, "%s runs (%ld left)", sv_name(sv, run),
		       sched_sim_job_cpu_left(sim, run));
	else
		sv_cat(buf, len, "idle");
	for (j = 0; j < sv->w.njobs; j++)
		if (sched_sim_job_state(sim, j) == SCHED_JOB_BLOCKED)
			sv_cat(buf, len, "%s%s io %ld", nb++ ? ", " :
			       "   blocked: ", sv_name(sv, j),
			       sched_sim_job_io_left(sim, j));
	for (j = 0; j < sv->w.njobs; j++)
		if (sched_sim_job_state(sim, j) == SCHED_JOB_NEW)
			sv_cat(buf, len, "%s%s@%ld", nn++ ? " " :
			       "   not yet: ", sv_name(sv, j),
			       sv->w.jobs[j].arrival);
	for (j = 0; j < sv->w.njobs; j++)
		if (sched_sim_job_state(sim, j) == SCHED_JOB_DONE)
			sv_cat(buf, len, "%s%s", nd++ ? " " : "   done: ",
			       sv_name(sv, j));
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

		ios += st == SCHED_PR_WAITING;
		sv_cat(buf, len, "%s%s:%s", j ? " " : "", sv_name(sv, j),
		       sched_pr_word(st));
	}
	sv_cat(buf, len, "   CPU %d  IOs %d", sched_sim_running(sim) >= 0,
	       ios);
}

static bool sv_is_mlfq(const struct sv_lane *l)
{
	return sched_policy_has_levels(l->policy);
}

/* A procrun lane shows process-run's state table row at t as well. */
static int sv_lane_height(const struct sched_view *sv, int i,
			  enum sv_density d)
{
	int st = sched_policy_state_table(sv->lanes[i].policy);

	switch (d) {
	case SV_FULL:
		return 4 + st + sched_sim_nqueues(sv->lanes[i].sim);
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

/* One tick of a Gantt row: the letter, then blanks in the same role. */
static void sv_tick_cell(struct sched_view *sv, struct ui *ui, int y, int x,
			 enum ui_role role, char c)
{
	int k;

	sv_cell(ui, y, x, role, c);
	for (k = 1; k < sv->zoom; k++)
		sv_cell(ui, y, x + k, role, role == UI_ROLE_IDLE ? c : ' ');
}

/* The Gantt row of one lane: ticks [start, start + gantt_ticks). */
static void sv_draw_gantt(struct sched_view *sv, struct ui *ui,
			  struct sv_lane *l, int y, int x)
{
	struct sched_result r;
	long c;
	int s = 0;

	sched_sim_result(l->sim, &r);
	for (c = 0; c < sv->gantt_ticks; c++) {
		long tick = sv->gantt_start + c;
		int cx = x + (int)c * sv->zoom, job = -1;

		if (tick == sv->t) {
			int run = sched_sim_running(l->sim);

			sv_tick_cell(sv, ui, y, cx, UI_ROLE_CURSOR,
				     run >= 0 ? sv->labels[run] : ' ');
			continue;
		}
		if (tick >= sched_sim_now(l->sim))
			continue;
		while (s < r.nsegments && r.gantt[s].end <= tick)
			s++;
		if (s < r.nsegments && r.gantt[s].start <= tick)
			job = r.gantt[s].job;
		if (job >= 0)
			sv_tick_cell(sv, ui, y, cx, sv_job_role(job),
				     sv->labels[job]);
		else
			sv_tick_cell(sv, ui, y, cx, UI_ROLE_IDLE, '.');
	}
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
		       " queue: job[allotment left] ");
	row++;
	ui_put(ui, row, x, lw, UI_ROLE_DIM, "Gantt");
	sv_draw_gantt(sv, ui, l, row, x + lw);
	row++;
	if (d == SV_GANTT) {
		l->y1 = row - 1;
		return;
	}
	if (d == SV_FULL) {
		sv_cpu_text(sv, l->sim, buf, sizeof(buf));
		ui_put(ui, row, x, lw, UI_ROLE_DIM, "CPU");
		ui_put(ui, row, x + lw, cells, UI_ROLE_NORMAL, buf);
		row++;
		for (k = 0; k < sched_sim_nqueues(l->sim); k++) {
			char lab[16];

			if (mlfq)
				snprintf(lab, sizeof(lab), "Q%d", k);
			else
				snprintf(lab, sizeof(lab), "ready");
			sv_queue_text(sv, l->sim, k, mlfq, q, sizeof(q));
			ui_put(ui, row, x, lw, UI_ROLE_DIM, lab);
			ui_put(ui, row, x + lw, cells, UI_ROLE_NORMAL, q);
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
		sv_cat(buf, sizeof(buf), "   CPU: %s", cpu);
		ui_put(ui, row, x, lw, UI_ROLE_DIM, "ready");
		ui_put(ui, row, x + lw, cells, UI_ROLE_NORMAL, buf);
		row++;
	}
	if (sched_policy_state_table(l->policy)) {
		sv_states_text(sv, l->sim, buf, sizeof(buf));
		ui_put(ui, row, x, lw, UI_ROLE_DIM, "states");
		ui_put(ui, row, x + lw, cells, UI_ROLE_NORMAL, buf);
		row++;
	}
	sched_sim_why(l->sim, buf, sizeof(buf));
	ui_put(ui, row, x, lw, UI_ROLE_DIM, "why");
	ui_put(ui, row, x + lw, cells, UI_ROLE_NORMAL, buf);
	l->y1 = row;
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
	char num[24];

	ui_put(ui, y, x, sv->lblw, UI_ROLE_DIM, "tick");
	/* 5, 10, 20, 50, 100, ...: room for the widest number and a gap. */
	n = snprintf(num, sizeof(num), "%ld", sv->gantt_start +
		     sv->gantt_ticks);
	while (step * sv->zoom < n + 1)
		step = sv_next_step(step);
	for (c = 0; c < sv->gantt_ticks; c++) {
		long tick = sv->gantt_start + c;

		if (tick % step != 0 || tick > sv->end)
			continue;
		n = snprintf(num, sizeof(num), "%ld", tick);
		if (c * sv->zoom + n > cells)
			break;
		ui_put(ui, y, gx + c * sv->zoom, n, UI_ROLE_DIM, num);
	}
	c = (int)(sv->t - sv->gantt_start);
	if (c >= 0 && c < sv->gantt_ticks) {
		n = snprintf(num, sizeof(num), "%ld", sv->t);
		if (sv->t % step == 0 && c * sv->zoom + n <= cells)
			ui_put(ui, y, gx + c * sv->zoom, n, UI_ROLE_CURSOR,
			       num);
		else
			ui_put(ui, y, gx + c * sv->zoom, 1, UI_ROLE_CURSOR,
			       ui_glyphs(ui)->cursor);
	}
}

static void sv_draw_metrics(struct sched_view *sv, struct ui *ui, int y,
			    int x, int h, int w, enum sv_metrics m)
{
	int pw = 8, jw = 9, i, j, row = y;
	char head[96];

	for (i = 0; i < sv->nlanes; i++)
		if ((int)strlen(sv->lanes[i].label) + 2 > pw)
			pw = (int)strlen(sv->lanes[i].label) + 2;
	for (j = 0; j < sv->w.njobs; j++)
		if ((int)strlen(sv->w.jobs[j].name) + 2 > jw)
			jw = (int)strlen(sv->w.jobs[j].name) + 2;
	snprintf(head, sizeof(head), "Metrics at t=%ld%s", sv->t,
		 sv->t == sv->end ? " (end)" : " (finished jobs so far)");
	ui_rule(ui, row++, x, w, UI_ROLE_BORDER, head);
	if (row >= y + h)
		return;
	ui_putf(ui, row++, x, w, UI_ROLE_HEADING,
		"%-*s%-*s%10s%12s%10s  %s", pw, "policy", jw, "job",
		"response", "turnaround", "waiting", "switches  CPU use");
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
		if (ndone == 0) {
			ui_putf(ui, row++, x, w, UI_ROLE_HEADING,
				"%-*s%-*s%10s%12s%10s  %8ld  %6.1f%%", pw,
				l->label, jw, "average", "-", "-", "-",
				r.context_switches,
				100.0 * r.cpu_utilization);
			continue;
		}
		ui_putf(ui, row++, x, w, UI_ROLE_HEADING,
			"%-*s%-*s%10.2f%12.2f%10.2f  %8ld  %6.1f%%", pw,
			l->label, jw, "average", r.avg_response,
			r.avg_turnaround, r.avg_waiting, r.context_switches,
			100.0 * r.cpu_utilization);
	}
}

static void sv_draw_help(struct ui *ui, int y, int x, int h, int w)
{
	static const char *const lines[] = {
		"Right / Left  one tick forward / back (PgDn/PgUp: ten)",
		"space         play / pause;  + / -  faster / slower",
		"Home / End    the start / the end (End shows the metrics)",
		"p             choose the policies (one lane each)",
		"q             change the round-robin quantum and re-run",
		"c             toggle the enqueue convention (ostep/textbook)",
		"m             show / hide the metrics table",
		"Up / Down     select a lane (a click too; a click on the",
		"              Gantt chart or the ruler moves the cursor)",
		"Esc           home (this view keeps its place; Tab returns)",
		"F10 / x       quit",
		"",
		"Every lane is at the same instant t: its Gantt chart shows",
		"ticks 0..t-1, the highlighted cell the job that runs next.",
	};
	ui_help_box(ui, y, x, h, w, lines,
		    (int)(sizeof(lines) / sizeof(lines[0])));
}

static void sv_draw_modal(struct sched_view *sv, struct ui *ui, int y, int x,
			  int h, int w)
{
	int n = 0, i, bw, bh, by, bx;

	if (sv->modal == SV_MODAL_HELP) {
		sv_draw_help(ui, y, x, h, w);
		return;
	}

	if (sv->modal == SV_MODAL_QUANTUM) {
		bw = w < 50 ? w : 50;
		bh = 5;
		by = y + (h - bh) / 2;
		bx = x + (w - bw) / 2;
		ui_fill(ui, by, bx, bh, bw, UI_ROLE_NORMAL);
		ui_box(ui, by, bx, bh, bw, UI_ROLE_BORDER, "quantum");
		ui_putf(ui, by + 1, bx + 2, bw - 4, UI_ROLE_NORMAL,
			"Round-robin quantum in ticks (now %d):",
			sv->opts.quantum);
		ui_putf(ui, by + 2, bx + 2, bw - 4, UI_ROLE_SELECT, "%s_",
			sv->input);
		ui_put(ui, by + 3, bx + 2, bw - 4, UI_ROLE_DIM,
		       "Enter: re-run   Esc: cancel");
		return;
	}
	while (sched_policy_names[n] && n < SV_MAX_POLICIES)
		n++;
	bw = w < 72 ? w : 72;
	bh = n + 3 < h ? n + 3 : h;
	by = y + (h - bh) / 2;
	bx = x + (w - bw) / 2;
	ui_fill(ui, by, bx, bh, bw, UI_ROLE_NORMAL);
	ui_box(ui, by, bx, bh, bw, UI_ROLE_BORDER, "policies");
	for (i = 0; i < n && i < bh - 3; i++) {
		const char *d = sched_policy_describe(sched_policy_names[i]);
		size_t nl = strlen(sched_policy_names[i]);

		/* "rr: round robin..." - the name is already in its column. */
		if (d && strncmp(d, sched_policy_names[i], nl) == 0 &&
		    d[nl] == ':')
			d += nl + (d[nl + 1] == ' ' ? 2 : 1);

		ui_putf(ui, by + 1 + i, bx + 2, bw - 4,
			i == sv->modal_cursor ? UI_ROLE_SELECT :
			UI_ROLE_NORMAL, "[%c] %-8s %s", sv->pick[i] ? 'x' : ' ',
			sched_policy_names[i], d ? d : "");
	}
	ui_put(ui, by + bh - 2, bx + 2, bw - 4, UI_ROLE_DIM,
	       "space: toggle   Enter: show   Esc: cancel");
}

static void sv_draw(struct ui_view *v, struct ui *ui, int y, int x, int h,
		    int w)
{
	static const enum sv_density dens[] = { SV_FULL, SV_COMPACT, SV_GANTT,
						SV_ONELINE };
	struct sched_view *sv = v->data;
	bool want_metrics = sv->metrics || (sv->t == sv->end && sv->end > 0);
	enum sv_density d = SV_ONELINE;
	enum sv_metrics m = SV_METRICS_NONE;
	/* The legend of cell letters keeps the bottom line for itself. */
	int bottom = y + h - (sv->legend ? 1 : 0);
	int avail = bottom - y - 2, i, k, row, lw = 6, cells, ticks;
	bool fit = false;
	char title[SV_LINE];

	for (i = 0; i < sv->nlanes; i++)
		if ((int)strlen(sv->lanes[i].label) + 1 > lw)
			lw = (int)strlen(sv->lanes[i].label) + 1;
	sv->lblw = lw > 18 ? 18 : lw;
	cells = w - sv->lblw;
	if (cells < 1)
		cells = 1;
	/* Big cells when the schedule is short: readable from the back. */
	sv->zoom = cells / (int)(sv->end + 1);
	if (sv->zoom > 4)
		sv->zoom = 4;
	if (sv->zoom < 1)
		sv->zoom = 1;
	ticks = cells / sv->zoom;
	/* Keep the cursor on screen; scroll with it on long schedules. */
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

	snprintf(title, sizeof(title),
		 " procviz sched  %s   t = %ld of %ld   %s %d ticks/s   "
		 "convention %s%s",
		 sv->title, sv->t, sv->end, sv->playing ? "PLAYING" :
		 "paused", sv_speeds[sv->speed],
		 sv->opts.convention == SCHED_CONV_TEXTBOOK ? "textbook" :
		 "ostep", sv->t == sv->end ? "   END" : "");
	/* Side by side, the view without the keys has a quieter title. */
	ui_fill(ui, y, x, 1, w, ui_view_active(ui, v) ? UI_ROLE_TITLE :
		UI_ROLE_SELECT);
	ui_put(ui, y, x, w, ui_view_active(ui, v) ? UI_ROLE_TITLE :
	       UI_ROLE_SELECT, title);
	sv->ruler_y = y + 1;
	sv_draw_ruler(sv, ui, y + 1, x, w);

	for (k = 0; k < (want_metrics ? 2 : 1) && !fit; k++) {
		m = !want_metrics ? SV_METRICS_NONE :
		    k == 0 ? SV_METRICS_FULL : SV_METRICS_AVG;
		for (i = 0; i < 4 && !fit; i++) {
			d = dens[i];
			fit = sv_lanes_height(sv, d) +
			      sv_metrics_height(sv, m) <= avail;
		}
	}
	if (!fit) {
		d = SV_ONELINE;
		m = want_metrics ? SV_METRICS_AVG : SV_METRICS_NONE;
	}
	row = y + 2;
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
	if (sv->legend && bottom < y + h) {
		char leg[SV_LINE] = "";

		for (i = 0, k = 0; i < sv->w.njobs; i++) {
			const char *nm = sv_name(sv, i);

			/* Only the cells whose letter is not the name. */
			if (nm[0] == sv->labels[i] && !nm[1])
				continue;
			sv_cat(leg, sizeof(leg), "%s%c=%s", k++ ? " " :
			       "cells: ", sv->labels[i], nm);
		}
		ui_put(ui, y + h - 1, x, w, UI_ROLE_DIM, leg);
	}
	if (sv->modal != SV_MODAL_NONE)
		sv_draw_modal(sv, ui, y, x, h, w);
}

/* ---- keys and time ------------------------------------------------------ */

static void sv_goto(struct sched_view *sv, long t)
{
	if (t < 0)
		t = 0;
	if (t > sv->end)
		t = sv->end;
	sv->t = t;
	sv_seek(sv);
}

static void sv_open_policies(struct sched_view *sv)
{
	int i, k;

	memset(sv->pick, 0, sizeof(sv->pick));
	for (i = 0; sched_policy_names[i] && i < SV_MAX_POLICIES; i++)
		for (k = 0; k < sv->nlanes; k++)
			if (strcmp(sv->lanes[k].policy,
				   sched_policy_names[i]) == 0)
				sv->pick[i] = true;
	sv->modal_cursor = 0;
	sv->modal = SV_MODAL_POLICIES;
}

static void sv_apply_policies(struct sched_view *sv, struct ui *ui)
{
	const char *names[SV_MAX_LANES];
	char err[256];
	int i, n = 0;

	for (i = 0; sched_policy_names[i] && i < SV_MAX_POLICIES; i++)
		if (sv->pick[i] && n < SV_MAX_LANES)
			names[n++] = sched_policy_names[i];
	if (n == 0) {
		ui_warn(ui, "pick at least one policy (space toggles)");
		return;
	}
	if (sv_build(sv, names, n, err, sizeof(err)) < 0) {
		ui_warn(ui, "%s", err);
		return;
	}
	sv->modal = SV_MODAL_NONE;
}

static enum ui_action sv_key_modal(struct sched_view *sv, struct ui *ui,
				   int key)
{
	int n = 0;
	long q;

	if (key == UI_KEY_ESC || sv->modal == SV_MODAL_HELP) {
		sv->modal = SV_MODAL_NONE;
		return UI_ACT_REDRAW;
	}
	if (sv->modal == SV_MODAL_QUANTUM) {
		size_t len = strlen(sv->input);

		if (key >= '0' && key <= '9' && len < sizeof(sv->input) - 1) {
			sv->input[len] = (char)key;
			sv->input[len + 1] = '\0';
		} else if (key == UI_KEY_BACKSPACE && len > 0) {
			sv->input[len - 1] = '\0';
		} else if (key == UI_KEY_ENTER) {
			q = strtol(sv->input, NULL, 10);
			if (q < 1 || q > SV_QUANTUM_MAX) {
				ui_warn(ui, "the quantum is a whole number "
					"of ticks, 1 to %d", SV_QUANTUM_MAX);
				return UI_ACT_REDRAW;
			}
			sv->opts.quantum = (int)q;
			sv->modal = SV_MODAL_NONE;
			sv_rebuild(sv, ui);
		}
		return UI_ACT_REDRAW;
	}
	while (sched_policy_names[n] && n < SV_MAX_POLICIES)
		n++;
	switch (key) {
	case UI_KEY_UP:
		sv->modal_cursor = (sv->modal_cursor + n - 1) % n;
		break;
	case UI_KEY_DOWN:
		sv->modal_cursor = (sv->modal_cursor + 1) % n;
		break;
	case ' ':
	case 'x':
		sv->pick[sv->modal_cursor] = !sv->pick[sv->modal_cursor];
		break;
	case UI_KEY_ENTER:
		sv_apply_policies(sv, ui);
		break;
	default:
		return UI_ACT_NONE;
	}
	return UI_ACT_REDRAW;
}

static bool sv_click(struct sched_view *sv, struct ui *ui)
{
	int my, mx, i;

	if (!ui_mouse(ui, &my, &mx))
		return false;
	for (i = 0; i < sv->nlanes; i++)
		if (my >= sv->lanes[i].y0 && my <= sv->lanes[i].y1)
			sv->selected = i;
	/* A click on the ruler or a Gantt row moves the cursor there. */
	if (mx >= sv->gantt_x && mx < sv->gantt_x + sv->gantt_cells &&
	    (my == sv->ruler_y || (sv->nlanes && my >= sv->lanes[0].y0 &&
				   my <= sv->lanes[sv->nlanes - 1].y1)))
		sv_goto(sv, sv->gantt_start + (mx - sv->gantt_x) / sv->zoom);
	return true;
}

static enum ui_action sv_key(struct ui_view *v, struct ui *ui, int key)
{
	struct sched_view *sv = v->data;

	if (sv->modal != SV_MODAL_NONE)
		return sv_key_modal(sv, ui, key);
	switch (key) {
	case UI_KEY_RIGHT:
		sv->playing = false;
		sv_goto(sv, sv->t + 1);
		break;
	case UI_KEY_LEFT:
		sv->playing = false;
		sv_goto(sv, sv->t - 1);
		break;
	case UI_KEY_HOME:
		sv_goto(sv, 0);
		break;
	case UI_KEY_END:
		sv->playing = false;
		sv_goto(sv, sv->end);
		break;
	case UI_KEY_PGDN:
		sv_goto(sv, sv->t + 10);
		break;
	case UI_KEY_PGUP:
		sv_goto(sv, sv->t - 10);
		break;
	case ' ':
		if (!sv->playing && sv->t >= sv->end)
			sv_goto(sv, 0);
		sv->playing = !sv->playing;
		sv->next_ms = ui_now_ms() + 1000 / sv_speeds[sv->speed];
		break;
	case '+':
	case '=':
		if (sv->speed < SV_NSPEEDS - 1)
			sv->speed++;
		break;
	case '-':
		if (sv->speed > 0)
			sv->speed--;
		break;
	case 'p':
		sv_open_policies(sv);
		break;
	case 'q':
		snprintf(sv->input, sizeof(sv->input), "%d", sv->opts.quantum);
		sv->modal = SV_MODAL_QUANTUM;
		break;
	case 'c':
		sv->opts.convention =
			sv->opts.convention == SCHED_CONV_OSTEP ?
			SCHED_CONV_TEXTBOOK : SCHED_CONV_OSTEP;
		sv_rebuild(sv, ui);
		break;
	case 'm':
		sv->metrics = !sv->metrics;
		break;
	case '?':
	case UI_KEY_F1:
		sv->modal = SV_MODAL_HELP;
		break;
	case UI_KEY_UP:
		if (sv->selected > 0)
			sv->selected--;
		break;
	case UI_KEY_DOWN:
		if (sv->selected < sv->nlanes - 1)
			sv->selected++;
		break;
	case UI_KEY_MOUSE:
		sv_click(sv, ui);
		break;
	case UI_KEY_ESC:
		return UI_ACT_BACK;
	case 'x':
	case 'Q':
	case UI_KEY_F10:
		return UI_ACT_QUIT;
	default:
		return UI_ACT_NONE;
	}
	return UI_ACT_REDRAW;
}

static long long sv_next_tick(struct ui_view *v, long long now_ms)
{
	struct sched_view *sv = v->data;

	return sv->playing ? sv->next_ms : -1;
}

static bool sv_tick(struct ui_view *v, struct ui *ui, long long now_ms)
{
	struct sched_view *sv = v->data;

	if (!sv->playing)
		return false;
	sv_goto(sv, sv->t + 1);
	if (sv->t >= sv->end)
		sv->playing = false;
	sv->next_ms = now_ms + 1000 / sv_speeds[sv->speed];
	return true;
}

static const char *sv_keys(struct ui_view *v, struct ui *ui)
{
	struct sched_view *sv = v->data;
	bool u = ui_utf8(ui);

	if (sv->modal == SV_MODAL_POLICIES)
		return u ? "\u2191\u2193:move|space:toggle|Enter:show|"
			   "Esc:cancel" :
			   "Up/Down:move|space:toggle|Enter:show|Esc:cancel";
	if (sv->modal == SV_MODAL_QUANTUM)
		return "0-9:quantum|Enter:re-run|Esc:cancel";
	if (sv->modal == SV_MODAL_HELP)
		return "any key:close";
	return u ? "F10/x:quit|\u2192/\u2190:tick|space:play|+/-:speed|"
		   "Home/End:start/end|p:policies|q:quantum|c:convention|"
		   "m:metrics|?:help|Esc:home|Tab:switch" :
		   "F10/x:quit|Right/Left:tick|space:play|+/-:speed|"
		   "Home/End:start/end|p:policies|q:quantum|c:convention|"
		   "m:metrics|?:help|Esc:home|Tab:switch";
}

static void sv_free(struct ui_view *v)
{
	struct sched_view *sv;

	if (!v)
		return;
	sv = v->data;
	if (sv) {
		sv_free_sims(sv);
		sched_workload_clear(&sv->w);
		free(sv->labels);
		free(sv->draws);
		free(sv);
	}
	free(v);
}

struct ui_view *ui_sched_view_new(const struct sched_workload *w,
				  const char *title,
				  const char *const *policies, int npolicies,
				  const struct sched_opts *opts, char *err,
				  size_t errlen)
{
	struct ui_view *v = calloc(1, sizeof(*v));
	struct sched_view *sv = calloc(1, sizeof(*sv));
	struct stat st;

	if (!v || !sv) {
		free(v);
		free(sv);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	v->data = sv;
	v->name = "sched";
	v->min_w = 40;
	v->min_h = 8;
	v->draw = sv_draw;
	v->key = sv_key;
	v->next_tick_ms = sv_next_tick;
	v->tick = sv_tick;
	v->keys = sv_keys;
	v->free = sv_free;
	sched_workload_init(&sv->w);
	sv->opts = *opts;
	/* The caller's draws do not outlive the call: keep a copy. */
	sv->opts.draws = NULL;
	sv->opts.ndraws = 0;
	if (opts->draws && opts->ndraws > 0) {
		sv->draws = malloc((size_t)opts->ndraws * sizeof(long));
		if (!sv->draws) {
			snprintf(err, errlen, "out of memory");
			sv_free(v);
			return NULL;
		}
		memcpy(sv->draws, opts->draws,
		       (size_t)opts->ndraws * sizeof(long));
		sv->opts.draws = sv->draws;
		sv->opts.ndraws = opts->ndraws;
	}
	sv->speed = 1;
	snprintf(sv->title, sizeof(sv->title), "%s", title ? title : "");
	if (npolicies < 1) {
		snprintf(err, errlen, "no policy to show");
		sv_free(v);
		return NULL;
	}
	if (sched_workload_copy(&sv->w, w) < 0 || sv_make_labels(sv) < 0) {
		snprintf(err, errlen, "out of memory");
		sv_free(v);
		return NULL;
	}
	if (sv_build(sv, policies, npolicies, err, errlen) < 0) {
		sv_free(v);
		return NULL;
	}
	/* A workload file (not a bundled name) is listed on home too. */
	if (stat(sv->title, &st) == 0 && S_ISREG(st.st_mode) &&
	    !workloads_find(sv->title))
		v->home_file = sv->title;
	return v;
}
