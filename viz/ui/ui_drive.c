/*
 * viz/ui/ui_drive.c - the live view of `procviz drive` (ui_drive.h).
 *
 * Two blocks of one row per job, on one time axis of simulated ticks:
 * "simulated" is the simulator's Gantt chart (the job's letter where it
 * ran), "real (/proc)" is the state /proc showed for the job's process
 * at each instant (R running, T stopped = ready in our queue, S blocked
 * in its IO read, Z zombie).  Under them, each job's current states and
 * the simulated and measured times (ticks).  The run itself is
 * viz/core/drive.c, stepped from the UI's poll loop.
 */
#include "viz/ui/ui_drive.h"
#include "sched/labels.h"
#include "common/i18n.h"
#include "viz/core/drive.h"
#include "viz/ui/ui.h"
#include "viz/ui/ui_keys.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct drive_view {
	struct drive *d;
	char title[160];
	int njobs;
	char *hist;		/* owned: hist[job * cap + tick] letters */
	long cap, nticks;	/* ticks recorded */
	int status;		/* 0 running, 1 finished, < 0 failed */
	char err[256];
	char (*labels)[SCHED_LABEL_LEN];	/* owned: each job's Gantt
						 * label (sched/labels.h) */
	int label_w;		/* 1 or 2 cells */
};

/*
 * A job's /proc state letter as a model state (the one mapping,
 * viz/core/model.h), but a stopped job is one the driver holds back from
 * the CPU: ready.
 */
static enum model_state dv_state(char c)
{
	enum model_state st = model_state_from_letter(c);

	return st == MODEL_ST_STOPPED ? MODEL_ST_READY : st;
}

/* 0 or ' ': no letter yet (before the job started). */
static enum ui_role dv_state_role(char c)
{
	return !c || c == ' ' ? UI_ROLE_NORMAL : ui_state_role(dv_state(c));
}

static const char *dv_state_word(char c)
{
	if (!c)
		return "-";
	switch (dv_state(c)) {
	case MODEL_ST_RUNNING:
		return _("running");
	case MODEL_ST_READY:
		return _("stopped = ready");
	case MODEL_ST_ZOMBIE:
		return _("zombie");
	default:
		return _("blocked (IO read)");
	}
}

static const char *const dv_sim_word[] = {
	[SCHED_JOB_NEW] = N_("not arrived"),
	[SCHED_JOB_READY] = N_("ready"),
	[SCHED_JOB_RUNNING] = N_("running"),
	[SCHED_JOB_BLOCKED] = N_("in IO"),
	[SCHED_JOB_DONE] = N_("done"),
};

/* Record the /proc letters for every tick the simulation has passed. */
static int dv_record(struct drive_view *dv)
{
	const struct sched_workload *wl = sched_sim_workload(drive_sim(dv->d));
	long now = sched_sim_now(drive_sim(dv->d)), t;
	int j;

	if (now > dv->cap) {
		long cap = dv->cap ? dv->cap : 64;
		char *h;

		while (cap < now)
			cap *= 2;
		h = calloc((size_t)dv->njobs * (size_t)cap, 1);
		if (!h)
			return -1;
		for (j = 0; j < dv->njobs; j++)
			if (dv->hist)
				memcpy(h + (size_t)j * cap,
				       dv->hist + (size_t)j * dv->cap,
				       (size_t)dv->nticks);
		free(dv->hist);
		dv->hist = h;
		dv->cap = cap;
	}
	/* Before its arrival a job is stopped but in no queue: blank. */
	for (t = dv->nticks; t < now; t++)
		for (j = 0; j < dv->njobs; j++)
			dv->hist[(size_t)j * dv->cap + t] =
				t < wl->jobs[j].arrival ? ' ' :
				drive_proc_state(dv->d, j);
	dv->nticks = now;
	return 0;
}

static bool dv_step(struct drive_view *dv, struct ui *ui)
{
	int r;

	if (dv->status != 0)
		return false;
	r = drive_step(dv->d);
	if (r < 0) {
		dv->status = r;
		snprintf(dv->err, sizeof(dv->err), "%s", drive_error(dv->d));
		ui_warn(ui, "drive: %s", dv->err);
	} else if (r == 1) {
		dv->status = 1;
	}
	dv_record(dv);
	return true;
}

static void dv_cell(struct ui *ui, int y, int x, enum ui_role role, char c)
{
	char s[2] = { c, '\0' };

	ui_put(ui, y, x, 1, role, s);
}

/* The simulator's Gantt chart, one row per job, from tick @first. */
static int dv_draw_sim(struct drive_view *dv, struct ui *ui,
		       const struct sched_result *res, int row, int x,
		       int last, int cols, long first)
{
	const struct sched_workload *wl =
		sched_sim_workload(drive_sim(dv->d));
	int label = 8, j, s;
	long t;

	for (j = 0; j < dv->njobs && row < last; j++, row++) {
		/* The row's name says what its label stands for: "1=P1". */
		if (strcmp(dv->labels[j], wl->jobs[j].name) != 0)
			ui_putf(ui, row, x, label, UI_ROLE_NORMAL, "%s=%s",
				dv->labels[j], wl->jobs[j].name);
		else
			ui_put(ui, row, x, label, UI_ROLE_NORMAL,
			       wl->jobs[j].name);
		for (s = 0; s < res->nsegments; s++) {
			const struct sched_segment *g = &res->gantt[s];
			long from = g->start > first ? g->start : first;

			if (g->job != j)
				continue;
			/* A run shows its label (two cells: at its start). */
			for (t = from; t < g->end; t++)
				if (t - first < cols)
					dv_cell(ui, row, x + label +
						(int)(t - first),
						(enum ui_role)(UI_ROLE_JOB0 +
						j % UI_NJOB_ROLES),
						sched_label_cell(dv->labels[j],
							dv->label_w,
							(int)(t - from), ' '));
		}
	}
	return row;
}

/* What /proc showed for each job's process, tick for tick. */
static int dv_draw_real(struct drive_view *dv, struct ui *ui, int row, int x,
			int last, int cols, long first)
{
	const struct sched_workload *wl =
		sched_sim_workload(drive_sim(dv->d));
	int label = 8, j;
	long t;

	for (j = 0; j < dv->njobs && row < last; j++, row++) {
		ui_put(ui, row, x, label, UI_ROLE_NORMAL, wl->jobs[j].name);
		for (t = first; t < dv->nticks && t - first < cols; t++) {
			char c = dv->hist[(size_t)j * dv->cap + t];

			if (c)
				dv_cell(ui, row, x + label + (int)(t - first),
					dv_state_role(c), c);
		}
	}
	return row;
}

/* Each job now, and its times: simulated / measured, in ticks. */
static int dv_draw_times(struct drive_view *dv, struct ui *ui,
			 const struct sched_result *res, int row, int x,
			 int last, int w)
{
	const struct sched_sim *sim = drive_sim(dv->d);
	const struct sched_workload *wl = sched_sim_workload(sim);
	const struct drive_config *cfg = drive_config(dv->d);
	/* Narrower than the table: the /proc column goes whole (the rows
	 * above show the same letters), so no time is cut. */
	bool proc = w >= 35 + 13 + 3 * 14;
	int j, tx = proc ? 35 : 16;

	if (row < last) {
		char c[7][64];

		/* Padded by display columns: the headings may be translated. */
		ui_putf(ui, row++, x, w, UI_ROLE_DIM, "%s %s  %s%s%s %s %s %s",
			ui_pad(c[0], sizeof(c[0]), _("job"), -6),
			ui_pad(c[1], sizeof(c[1]), "pid", 7),
			proc ? ui_pad(c[2], sizeof(c[2]), "/proc", -18) : "",
			proc ? " " : "",
			ui_pad(c[3], sizeof(c[3]), _("simulated"), -12),
			ui_pad(c[4], sizeof(c[4]), _("response"), -13),
			ui_pad(c[5], sizeof(c[5]), _("turnaround"), -13),
			ui_pad(c[6], sizeof(c[6]), _("waiting"), -13));
	}
	for (j = 0; j < dv->njobs && row < last; j++, row++) {
		const struct drive_meas *m = drive_meas(dv->d, j);
		const struct sched_job_result *r = &res->jobs[j];
		char c = drive_proc_state(dv->d, j);
		char resp[32], turn[32], wait[32], word[64];

		snprintf(resp, sizeof(resp), "%ld / %.2f", r->response,
			 m->response / cfg->tick_ms);
		snprintf(turn, sizeof(turn), "%ld / %.2f", r->turnaround,
			 m->turnaround / cfg->tick_ms);
		snprintf(wait, sizeof(wait), "%ld / %.2f", r->waiting,
			 m->waiting / cfg->tick_ms);
		ui_putf(ui, row, x, w, UI_ROLE_NORMAL, "%-6s %7d  ",
			wl->jobs[j].name, m->pid);
		if (proc)
			ui_put(ui, row, x + 16, 18, dv_state_role(c),
			       dv_state_word(c));
		ui_putf(ui, row, x + tx, w - tx, UI_ROLE_NORMAL,
			"%s %-13s %-13s %-13s",
			ui_pad(word, sizeof(word),
			       _(dv_sim_word[sched_sim_job_state(sim, j)]),
			       -12),
			r->response < 0 ? "-" : resp,
			r->turnaround < 0 || m->turnaround < 0 ? "-" : turn,
			r->turnaround < 0 || m->turnaround < 0 ? "-" : wait);
	}
	return row;
}

/* @s wrapped between words from @row to before @end, as far as it goes. */
static void dv_put_sentence(struct ui *ui, int row, int x, int end, int w,
			    const char *s)
{
	char line[512];

	while (*s && row < end && w >= 8) {
		size_t cut = ui_wrap_cut(s, w);

		snprintf(line, sizeof(line), "%.*s", (int)cut, s);
		ui_put(ui, row++, x, w, UI_ROLE_DIM, line);
		s += cut;
		while (*s == ' ')
			s++;
	}
}

static void dv_draw(struct ui_view *v, struct ui *ui, int y, int x, int h,
		    int w)
{
	struct drive_view *dv = v->data;
	const struct sched_sim *sim = drive_sim(dv->d);
	const struct drive_config *cfg = drive_config(dv->d);
	struct sched_result res;
	int label = 8, cols = w - label, row = y;
	long first;

	ui_fill(ui, y, x, h, w, UI_ROLE_NORMAL);
	if (cols < 1)
		return;
	sched_sim_result(sim, &res);
	ui_putf(ui, row++, x, w, UI_ROLE_TITLE,
		_(" drive: %s under %s  1 tick = %d ms  CPU %d  t = %ld  %s"),
		dv->title, sched_sim_policy(sim), cfg->tick_ms, cfg->cpu,
		sched_sim_now(sim),
		dv->status == 1 ? _("finished") : dv->status < 0 ? _("FAILED") :
		_("running"));
	first = dv->nticks > cols ? dv->nticks - cols : 0;
	ui_rule(ui, row++, x, w, UI_ROLE_HEADING, _("simulated (Gantt)"));
	row = dv_draw_sim(dv, ui, &res, row, x, y + h, cols, first);
	ui_rule(ui, row++, x, w, UI_ROLE_HEADING,
		_("real processes (/proc: R running, T stopped = ready, "
		  "S blocked in IO, Z zombie)"));
	row = dv_draw_real(dv, ui, row, x, y + h, cols, first);
	ui_rule(ui, row++, x, w, UI_ROLE_HEADING,
		_("now, and times in ticks (simulated / measured)"));
	row = dv_draw_times(dv, ui, &res, row, x, y + h, w);
	if (dv->status < 0 && row < y + h)
		ui_put(ui, row++, x, w, UI_ROLE_WARN, dv->err);
	else if (dv->status == 1)
		dv_put_sentence(ui, row, x, y + h, w,
				_("Same decisions, later times: signals, "
				  "wake-ups and the kernel's other programs "
				  "cost real time (procviz drive --headless "
				  "explains)."));
}

static enum ui_action dv_quit(struct ui_view *v, struct ui *ui, int key)
{
	return UI_ACT_QUIT;
}

static enum ui_action dv_back(struct ui_view *v, struct ui *ui, int key)
{
	return UI_ACT_BACK;
}

static const struct ui_key dv_keymap[] = {
	{ .code = { 'q', UI_KEY_F10 }, .name = "q/F10",
	  .label = N_("quit (ends the job processes)"),
	  .help = N_("quit: every job is killed and reaped"), .run = dv_quit },
	{ .code = { UI_KEY_ESC }, .name = "Esc", .label = N_("home"),
	  .help = N_("home (the run goes on; Tab comes back)"), .run = dv_back },
	UI_KEYS_END
};

static const struct ui_key *dv_keys(struct ui_view *v, struct ui *ui)
{
	return dv_keymap;
}

static long long dv_next_tick(struct ui_view *v, long long now_ms)
{
	struct drive_view *dv = v->data;

	if (dv->status != 0)
		return -1;
	return now_ms + drive_timeout_ms(dv->d);
}

static bool dv_tick(struct ui_view *v, struct ui *ui, long long now_ms)
{
	(void)now_ms;
	return dv_step(v->data, ui);
}

static int dv_fds(struct ui_view *v, struct pollfd *out, int max)
{
	struct drive_view *dv = v->data;

	return dv->status != 0 ? 0 : drive_pollfds(dv->d, out, max);
}

static bool dv_fd_ready(struct ui_view *v, struct ui *ui,
			const struct pollfd *p)
{
	(void)p;
	return dv_step(v->data, ui);
}

static void dv_free(struct ui_view *v)
{
	struct drive_view *dv = v->data;

	drive_free(dv->d);
	free(dv->hist);
	free(dv->labels);
	free(dv);
	free(v);
}

static const struct ui_view dv_view = {
	.name = "drive",
	.min_w = 60,
	.draw = dv_draw,
	.next_tick_ms = dv_next_tick,
	.tick = dv_tick,
	.fds = dv_fds,
	.fd_ready = dv_fd_ready,
	.keymap = dv_keys,
	.free = dv_free,
};

struct ui_view *ui_drive_view_new(const struct sched_workload *w,
				  const char *title, const char *policy,
				  const struct sched_opts *opts,
				  const struct drive_config *cfg, char *err,
				  size_t errlen)
{
	struct drive_view *dv = calloc(1, sizeof(*dv));
	struct ui_view *v = calloc(1, sizeof(*v));
	bool legend;

	if (!dv || !v) {
		free(dv);
		free(v);
		snprintf(err, errlen, _("out of memory"));
		return NULL;
	}
	snprintf(dv->title, sizeof(dv->title), "%s", title);
	dv->njobs = w->njobs;
	dv->labels = calloc((size_t)w->njobs + 1, sizeof(*dv->labels));
	dv->d = dv->labels ? drive_new(w, policy, opts, cfg, err, errlen) :
		NULL;
	if (!dv->labels)
		snprintf(err, errlen, "%s", _("out of memory"));
	if (!dv->d) {
		free(dv->labels);
		free(dv);
		free(v);
		return NULL;
	}
	/* No separate legend: each row's name says "1=P1". */
	dv->label_w = sched_labels(w, dv->labels, &legend);
	*v = dv_view;
	v->min_h = 10 + 3 * w->njobs;
	v->data = dv;
	return v;
}
