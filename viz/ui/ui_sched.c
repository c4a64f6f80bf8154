/*
 * viz/ui/ui_sched.c - the lockstep scheduler view: its simulations, its
 * keys and its clock (the screen is ui_sched_draw.c, the state both share
 * ui_sched.h).
 *
 * One lane per policy, every lane at the same instant t (the shared time
 * cursor): its Gantt chart of ticks [0, t), the job that runs next, its
 * ready queue(s) (MLFQ: one row per level with each job's allotment
 * left), its blocked jobs with their IO left, and the engine's "why" line
 * for instant t.  At the end (or on 'm') the metrics table.
 *
 * The view never computes a schedule itself: every number comes from the
 * engine (sched/sched.h), so the screen and the headless reports agree.
 */
#include "viz/ui/ui_sched.h"
#include "common/i18n.h"
#include "viz/ui/ui_views.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const int sv_speeds[SV_NSPEEDS] = { 1, 2, 4, 8, 16, 32 };	/* ticks/s */

/* ---- building the simulations -------------------------------------------- */

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

/* Cell labels: the shortest distinct part of each name (sched/labels.h). */
static int sv_make_labels(struct sched_view *sv)
{
	sv->labels = calloc((size_t)sv->w.njobs + 1, sizeof(*sv->labels));
	if (!sv->labels)
		return -ENOMEM;
	sv->label_w = sched_labels(&sv->w, sv->labels, &sv->legend);
	return 0;
}

int sv_set_workload(struct sched_view *sv, const struct sched_workload *w,
		    char *err, size_t errlen)
{
	struct sched_workload old = sv->w;
	char (*old_labels)[SCHED_LABEL_LEN] = sv->labels;
	int old_label_w = sv->label_w;
	bool old_legend = sv->legend;
	const char *names[SV_MAX_LANES];
	char keep[SV_MAX_LANES][SCHED_NAME_MAX];
	int i, n = sv->nlanes;

	for (i = 0; i < n; i++) {
		memcpy(keep[i], sv->lanes[i].policy, SCHED_NAME_MAX);
		names[i] = keep[i];
	}
	if (sched_workload_copy(&sv->w, w) < 0 || sv_make_labels(sv) < 0) {
		sched_workload_clear(&sv->w);
		sv->w = old;
		sv->labels = old_labels;
		snprintf(err, errlen, "%s", _("out of memory"));
		return -ENOMEM;
	}
	if (sv_build(sv, names, n, err, errlen) < 0) {
		sched_workload_clear(&sv->w);
		free(sv->labels);
		sv->w = old;
		sv->labels = old_labels;
		sv->label_w = old_label_w;
		sv->legend = old_legend;
		return -EINVAL;
	}
	sched_workload_clear(&old);
	free(old_labels);
	return 0;
}

int sv_policy_count(void)
{
	int n = 0;

	while (sched_policy_names[n] && n < SV_MAX_POLICIES)
		n++;
	return n;
}

/* ---- keys and time ------------------------------------------------------- */

static void sv_goto(struct sched_view *sv, long t)
{
	if (t < 0)
		t = 0;
	if (t > sv->end)
		t = sv->end;
	sv->t = t;
	sv_seek(sv);
}

static enum ui_action sv_close(struct ui_view *v, struct ui *ui, int key)
{
	((struct sched_view *)v->data)->modal = SV_MODAL_NONE;
	return UI_ACT_REDRAW;
}

/* ---- the policy chooser -------------------------------------------------- */

static enum ui_action sv_pick_move(struct ui_view *v, struct ui *ui, int key)
{
	struct sched_view *sv = v->data;
	int n = sv_policy_count();

	sv->modal_cursor = (sv->modal_cursor + (key == UI_KEY_UP ? n - 1 : 1))
			   % n;
	return UI_ACT_REDRAW;
}

static enum ui_action sv_pick_toggle(struct ui_view *v, struct ui *ui,
				     int key)
{
	struct sched_view *sv = v->data;

	sv->pick[sv->modal_cursor] = !sv->pick[sv->modal_cursor];
	return UI_ACT_REDRAW;
}

static enum ui_action sv_pick_apply(struct ui_view *v, struct ui *ui, int key)
{
	struct sched_view *sv = v->data;
	const char *names[SV_MAX_LANES];
	char err[256];
	int i, n = 0;

	for (i = 0; sched_policy_names[i] && i < SV_MAX_POLICIES; i++)
		if (sv->pick[i] && n < SV_MAX_LANES)
			names[n++] = sched_policy_names[i];
	if (n == 0) {
		ui_warn(ui, "pick at least one policy (space toggles)");
		return UI_ACT_REDRAW;
	}
	if (sv_build(sv, names, n, err, sizeof(err)) < 0) {
		ui_warn(ui, "%s", err);
		return UI_ACT_REDRAW;
	}
	sv->modal = SV_MODAL_NONE;
	return UI_ACT_REDRAW;
}

const struct ui_key sv_keys_policies[] = {
	{ .code = { UI_KEY_UP, UI_KEY_DOWN }, .name = "Up/Down",
	  .uname = "\u2191\u2193", .label = N_("move"), .run = sv_pick_move },
	{ .code = { ' ', 'x' }, .name = "space", .label = N_("toggle"),
	  .run = sv_pick_toggle },
	{ .code = { UI_KEY_ENTER }, .name = "Enter", .label = N_("show"),
	  .run = sv_pick_apply },
	{ .code = { UI_KEY_ESC }, .name = "Esc", .label = N_("cancel"),
	  .run = sv_close },
	UI_KEYS_END
};

/* ---- the quantum dialog -------------------------------------------------- */

/* Digits and Backspace edit the number; every other key is swallowed. */
static enum ui_action sv_quantum_type(struct ui_view *v, struct ui *ui,
				      int key)
{
	struct sched_view *sv = v->data;
	size_t len = strlen(sv->input);

	if (key >= '0' && key <= '9' && len < sizeof(sv->input) - 1) {
		sv->input[len] = (char)key;
		sv->input[len + 1] = '\0';
	} else if (key == UI_KEY_BACKSPACE && len > 0) {
		sv->input[len - 1] = '\0';
	}
	return UI_ACT_REDRAW;
}

static enum ui_action sv_quantum_set(struct ui_view *v, struct ui *ui,
				     int key)
{
	struct sched_view *sv = v->data;
	long q = strtol(sv->input, NULL, 10);

	if (q < 1 || q > SV_QUANTUM_MAX) {
		ui_warn(ui, "the quantum is a whole number of ticks, 1 to %d",
			SV_QUANTUM_MAX);
		return UI_ACT_REDRAW;
	}
	sv->opts.quantum = (int)q;
	sv->modal = SV_MODAL_NONE;
	sv_rebuild(sv, ui);
	return UI_ACT_REDRAW;
}

const struct ui_key sv_keys_quantum[] = {
	{ .code = { UI_KEY_ANY }, .name = "0-9", .label = N_("quantum"),
	  .run = sv_quantum_type },
	{ .code = { UI_KEY_ENTER }, .name = "Enter", .label = N_("re-run"),
	  .run = sv_quantum_set },
	{ .code = { UI_KEY_ESC }, .name = "Esc", .label = N_("cancel"),
	  .run = sv_close },
	UI_KEYS_END
};

static enum ui_action sv_help_scroll(struct ui_view *v, struct ui *ui,
				     int key)
{
	ui_help_scroll(&((struct sched_view *)v->data)->help_pos, key);
	return UI_ACT_REDRAW;
}

static const struct ui_key sv_keys_help[] = {
	{ .code = { UI_KEY_UP, UI_KEY_DOWN }, .name = "Up/Down",
	  .uname = "\u2191\u2193", .label = N_("scroll"),
	  .run = sv_help_scroll },
	{ .code = { UI_KEY_PGUP, UI_KEY_PGDN, ' ' }, .name = "PgUp/PgDn",
	  .label = N_("page"), .run = sv_help_scroll },
	{ .code = { UI_KEY_HOME, UI_KEY_END }, .name = "Home/End",
	  .label = N_("top/end"), .run = sv_help_scroll },
	{ .code = { UI_KEY_ANY }, .name = "Esc", .label = N_("close"),
	  .run = sv_close },
	UI_KEYS_END
};

/* ---- the view's keys ----------------------------------------------------- */

static enum ui_action sv_quit(struct ui_view *v, struct ui *ui, int key)
{
	return UI_ACT_QUIT;
}

static enum ui_action sv_back(struct ui_view *v, struct ui *ui, int key)
{
	return UI_ACT_BACK;
}

/* Right/Left one tick, PgDn/PgUp ten, Home/End the ends. */
static enum ui_action sv_move(struct ui_view *v, struct ui *ui, int key)
{
	struct sched_view *sv = v->data;

	switch (key) {
	case UI_KEY_RIGHT:
	case UI_KEY_LEFT:
		sv->playing = false;
		sv_goto(sv, sv->t + (key == UI_KEY_RIGHT ? 1 : -1));
		break;
	case UI_KEY_PGDN:
	case UI_KEY_PGUP:
		sv_goto(sv, sv->t + (key == UI_KEY_PGDN ? 10 : -10));
		break;
	case UI_KEY_HOME:
		sv_goto(sv, 0);
		break;
	case UI_KEY_END:
		sv->playing = false;
		sv_goto(sv, sv->end);
		break;
	}
	return UI_ACT_REDRAW;
}

static enum ui_action sv_play(struct ui_view *v, struct ui *ui, int key)
{
	struct sched_view *sv = v->data;

	if (!sv->playing && sv->t >= sv->end)
		sv_goto(sv, 0);
	sv->playing = !sv->playing;
	sv->next_ms = ui_now_ms() + 1000 / sv_speeds[sv->speed];
	return UI_ACT_REDRAW;
}

static enum ui_action sv_speed(struct ui_view *v, struct ui *ui, int key)
{
	struct sched_view *sv = v->data;

	if (key != '-' && sv->speed < SV_NSPEEDS - 1)
		sv->speed++;
	if (key == '-' && sv->speed > 0)
		sv->speed--;
	return UI_ACT_REDRAW;
}

static enum ui_action sv_policies(struct ui_view *v, struct ui *ui, int key)
{
	struct sched_view *sv = v->data;
	int i, k;

	memset(sv->pick, 0, sizeof(sv->pick));
	for (i = 0; sched_policy_names[i] && i < SV_MAX_POLICIES; i++)
		for (k = 0; k < sv->nlanes; k++)
			if (strcmp(sv->lanes[k].policy,
				   sched_policy_names[i]) == 0)
				sv->pick[i] = true;
	sv->modal_cursor = 0;
	sv->modal = SV_MODAL_POLICIES;
	return UI_ACT_REDRAW;
}

static enum ui_action sv_quantum(struct ui_view *v, struct ui *ui, int key)
{
	struct sched_view *sv = v->data;

	snprintf(sv->input, sizeof(sv->input), "%d", sv->opts.quantum);
	sv->modal = SV_MODAL_QUANTUM;
	return UI_ACT_REDRAW;
}

static enum ui_action sv_convention(struct ui_view *v, struct ui *ui,
				    int key)
{
	struct sched_view *sv = v->data;

	sv->opts.convention = sv->opts.convention == SCHED_CONV_OSTEP ?
			      SCHED_CONV_TEXTBOOK : SCHED_CONV_OSTEP;
	sv_rebuild(sv, ui);
	return UI_ACT_REDRAW;
}

static enum ui_action sv_metrics(struct ui_view *v, struct ui *ui, int key)
{
	struct sched_view *sv = v->data;

	sv->metrics = !sv->metrics;
	return UI_ACT_REDRAW;
}

static enum ui_action sv_help(struct ui_view *v, struct ui *ui, int key)
{
	struct sched_view *sv = v->data;

	sv->modal = SV_MODAL_HELP;
	sv->help_pos.top = 0;
	return UI_ACT_REDRAW;
}

static enum ui_action sv_select(struct ui_view *v, struct ui *ui, int key)
{
	struct sched_view *sv = v->data;

	if (key == UI_KEY_UP && sv->selected > 0)
		sv->selected--;
	if (key == UI_KEY_DOWN && sv->selected < sv->nlanes - 1)
		sv->selected++;
	return UI_ACT_REDRAW;
}

/* A click selects a lane; on the ruler or a Gantt row it moves t there. */
static enum ui_action sv_click(struct ui_view *v, struct ui *ui, int key)
{
	struct sched_view *sv = v->data;
	int my, mx, i;

	if (!ui_mouse(ui, &my, &mx))
		return UI_ACT_REDRAW;
	for (i = 0; i < sv->nlanes; i++)
		if (my >= sv->lanes[i].y0 && my <= sv->lanes[i].y1)
			sv->selected = i;
	if (mx >= sv->gantt_x && mx < sv->gantt_x + sv->gantt_cells &&
	    (my == sv->ruler_y || (sv->nlanes && my >= sv->lanes[0].y0 &&
				   my <= sv->lanes[sv->nlanes - 1].y1)))
		sv_goto(sv, sv->gantt_start + (mx - sv->gantt_x) / sv->zoom *
			    (sv->per_cell > 1 ? sv->per_cell : 1));
	return UI_ACT_REDRAW;
}

/* e: the workload table; u: undo the last change applied. */
static enum ui_action sv_edit_key(struct ui_view *v, struct ui *ui, int key)
{
	return key == 'e' ? sv_edit_open(v, ui, key) : sv_edit_undo(v, ui, key);
}

const struct ui_key sv_keys_main[] = {
	{ .code = { 'q', UI_KEY_F10 }, .name = "q/F10", .label = N_("quit"),
	  .help = N_("quit"), .run = sv_quit },
	{ .code = { UI_KEY_RIGHT, UI_KEY_LEFT }, .name = "Right/Left",
	  .uname = "\u2192/\u2190", .label = N_("tick"),
	  .help = N_("one tick forward / back"), .run = sv_move },
	{ .code = { UI_KEY_PGDN, UI_KEY_PGUP }, .name = "PgDn/PgUp",
	  .help = N_("ten ticks forward / back"), .run = sv_move },
	{ .code = { ' ' }, .name = "space", .label = N_("play"),
	  .help = N_("play / pause"), .run = sv_play },
	/* Before speed: the keys line at 80 columns still offers e. */
	/* e and u share a help line: the overlay fits 80x24. */
	{ .code = { 'e', 'u' }, .name = "e/u",
	  .help = N_("edit the jobs in a table / undo the last edit"),
	  .run = sv_edit_key },
	{ .name = "e", .label = N_("edit jobs") },
	{ .name = "u", .label = N_("undo"), .shown = sv_edit_changed },
	{ .code = { '+', '=', '-' }, .name = "+/-", .label = N_("speed"),
	  .help = N_("faster / slower"), .run = sv_speed },
	{ .code = { UI_KEY_HOME, UI_KEY_END }, .name = "Home/End",
	  .label = N_("start/end"),
	  .help = N_("the start / the end (End shows the metrics)"),
	  .run = sv_move },
	{ .code = { 'w' }, .name = "w",
	  .help = N_("write the jobs to a file, show their --jobs line"),
	  .run = sv_edit_write },
	{ .code = { 'p' }, .name = "p", .label = N_("policies"),
	  .help = N_("choose the policies (one lane each)"), .run = sv_policies },
	{ .code = { 't' }, .name = "t", .label = N_("quantum"),
	  .help = N_("change the round-robin quantum and re-run"),
	  .run = sv_quantum },
	{ .code = { 'c' }, .name = "c", .label = N_("convention"),
	  .help = N_("toggle the enqueue convention (ostep/textbook)"),
	  .run = sv_convention },
	{ .code = { 'm' }, .name = "m", .label = N_("metrics"),
	  .help = N_("show / hide the metrics table"), .run = sv_metrics },
	{ .code = { '?', UI_KEY_F1 }, .name = "?/F1", .label = N_("help"),
	  .run = sv_help },
	{ .code = { UI_KEY_UP, UI_KEY_DOWN }, .name = "Up/Down",
	  .uname = "\u2191\u2193",
	  .help = N_("select a lane (a click too; a click on the Gantt chart "
		  "or the ruler moves the cursor)"),
	  .run = sv_select },
	{ .code = { UI_KEY_MOUSE }, .run = sv_click },
	{ .code = { UI_KEY_ESC }, .name = "Esc", .label = N_("home"),
	  .help = N_("home (this view keeps its place; Tab returns)"),
	  .run = sv_back },
	{ .code = { UI_KEY_TAB }, .name = "Tab", .label = N_("switch"),
	  .help = N_("switch to the other running view (if one runs)") },
	UI_KEYS_END
};

static const struct ui_key *sv_keys(struct ui_view *v, struct ui *ui)
{
	const struct ui_key *edit = sv_edit_keys(v->data);

	if (edit)
		return edit;
	switch (((struct sched_view *)v->data)->modal) {
	case SV_MODAL_POLICIES:
		return sv_keys_policies;
	case SV_MODAL_QUANTUM:
		return sv_keys_quantum;
	case SV_MODAL_HELP:
		return sv_keys_help;
	default:
		return sv_keys_main;
	}
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

static void sv_free(struct ui_view *v)
{
	struct sched_view *sv;

	if (!v)
		return;
	sv = v->data;
	if (sv) {
		sv_edit_free(sv);
		sv_free_sims(sv);
		sched_workload_clear(&sv->w);
		free(sv->labels);
		free(sv->draws);
		free(sv);
	}
	free(v);
}

static const struct ui_view sv_view = {
	.name = "sched",
	.min_w = 40,
	.min_h = 8,
	.right = true,		/* side by side: lesson left, sched right */
	.draw = sv_draw,
	.next_tick_ms = sv_next_tick,
	.tick = sv_tick,
	.keymap = sv_keys,
	.free = sv_free,
};

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
		snprintf(err, errlen, _("out of memory"));
		return NULL;
	}
	*v = sv_view;
	v->data = sv;
	sched_workload_init(&sv->w);
	sv->opts = *opts;
	/* The caller's draws do not outlive the call: keep a copy. */
	sv->opts.draws = NULL;
	sv->opts.ndraws = 0;
	if (opts->draws && opts->ndraws > 0) {
		sv->draws = malloc((size_t)opts->ndraws * sizeof(long));
		if (!sv->draws) {
			snprintf(err, errlen, _("out of memory"));
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
		snprintf(err, errlen, _("no policy to show"));
		sv_free(v);
		return NULL;
	}
	snprintf(sv->base_title, sizeof(sv->base_title), "%s", sv->title);
	sv->seed0 = sv->opts.seed;
	if (sched_workload_copy(&sv->w, w) < 0 || sv_make_labels(sv) < 0 ||
	    sv_edit_init(sv, w->njobs == 0) < 0) {
		snprintf(err, errlen, _("out of memory"));
		sv_free(v);
		return NULL;
	}
	if (w->njobs == 0) {
		/* No workload yet: the table is open until one is applied,
		 * the lanes wait with their policies (and no simulation). */
		sv->nlanes = npolicies < SV_MAX_LANES ? npolicies :
			     SV_MAX_LANES;
		for (int i = 0; i < sv->nlanes; i++)
			snprintf(sv->lanes[i].policy,
				 sizeof(sv->lanes[i].policy), "%s",
				 policies[i]);
		return v;
	}
	if (sv_build(sv, policies, npolicies, err, errlen) < 0) {
		sv_free(v);
		return NULL;
	}
	/* A workload file is listed on home too. */
	if (stat(sv->title, &st) == 0 && S_ISREG(st.st_mode))
		v->home_file = sv->title;
	return v;
}
