/*
 * viz/core/report_svg.c - a recorded lesson as SVG (see report_svg.h).
 *
 * Two passes: the recording is fed to a replay observer whose sink turns
 * the events into tracks (one per process: its stretches of state, its
 * event marks) and notes; then the tracks are put in tree order and
 * drawn.  Only events are used, so every stretch starts where the model
 * said the state changed.
 */
#include "viz/core/report_svg.h"
#include "common/i18n.h"
#include "viz/core/observer.h"
#include "viz/core/palette.h"
#include "viz/core/svg_util.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
	RS_W = 960,
	RS_LEFT = 230,		/* tree labels */
	RS_RIGHT = 48,		/* room for "ended" at the right edge */
	RS_TOP = 72,
	RS_MARK_H = 13,		/* band of event marks above a row */
	RS_ROW_H = 18,		/* the state timeline */
	RS_ROW_GAP = 5,
	RS_FONT_PX = 13,
	RS_ROWS_MAX = 400,	/* more processes: "and N more" */
	RS_DEPTH_MAX = 12,	/* deeper rows are indented no further */
	RS_HASH = 1024,
};

#define RS_PITCH (RS_MARK_H + RS_ROW_H + RS_ROW_GAP)

struct rs_seg {
	int64_t t_ms;
	uint8_t state;		/* enum model_state */
};

struct rs_mark {
	int64_t t_ms;
	uint8_t type;		/* enum model_event_type */
};

struct rs_track {
	int pid, ppid;		/* a task (thread): its tid, its process */
	bool task;		/* a thread under --threads */
	int parent;		/* track index, -1 root */
	int first_child, last_child, next_sibling;	/* -1 none */
	int hash_next;		/* -1 end of the pid chain */
	char comm[SNAP_COMM_LEN];
	uint64_t start_ticks;	/* birth order (model_birth_cmp) */
	int64_t first_ms, gone_ms;	/* gone_ms -1: still there */
	struct rs_seg *seg;	/* owned */
	size_t nseg, capseg;
	struct rs_mark *mark;	/* owned */
	size_t nmark, capmark;
};

struct rs_note {
	int64_t t_ms;
	char text[MODEL_NOTE_LEN];
};

struct rs_lesson {
	struct rs_track *tr;	/* owned */
	int ntr, captr;
	int hash[RS_HASH];	/* newest track of each pid chain, -1 */
	struct rs_note *notes;	/* owned */
	int nnotes, capnotes;
	int64_t end_ms;
	int err;		/* first -errno met in the sink */
};

/* Grow *@p (of @size-byte items, *@cap of them) to hold @need. */
static int rs_grow(void *p, size_t size, size_t need, size_t *cap)
{
	void **pp = p;
	size_t n = *cap ? *cap : 16;
	void *q;

	if (need <= *cap)
		return 0;
	while (n < need)
		n *= 2;
	q = realloc(*pp, n * size);
	if (!q)
		return -ENOMEM;
	*pp = q;
	*cap = n;
	return 0;
}

static struct rs_track *rs_find(struct rs_lesson *L, int pid)
{
	int i = L->hash[(unsigned)pid % RS_HASH];

	while (i >= 0 && L->tr[i].pid != pid)
		i = L->tr[i].hash_next;
	return i >= 0 ? &L->tr[i] : NULL;
}

/* The row an event is about: its task's under --threads, else its
 * process's (tids and pids share one number space). */
static int rs_event_id(const struct model_event *ev)
{
	return ev->tid && ev->tid != ev->pid ? ev->tid : ev->pid;
}

static struct rs_track *rs_track_new(struct rs_lesson *L,
				     const struct model_event *ev)
{
	bool task = rs_event_id(ev) != ev->pid;
	struct rs_track *t, *parent = rs_find(L, task ? ev->pid : ev->ppid);
	/* An index, not the pointer: rs_grow may move the tracks. */
	int pi = parent && parent->gone_ms < 0 ? (int)(parent - L->tr) : -1;
	size_t cap = (size_t)L->captr;
	unsigned h = (unsigned)rs_event_id(ev) % RS_HASH;

	if (rs_grow(&L->tr, sizeof(*L->tr), (size_t)L->ntr + 1, &cap))
		return NULL;
	L->captr = (int)cap;
	t = &L->tr[L->ntr];
	memset(t, 0, sizeof(*t));
	t->pid = rs_event_id(ev);
	t->ppid = task ? ev->pid : ev->ppid;
	t->task = task;
	t->parent = pi;
	t->first_child = t->last_child = t->next_sibling = -1;
	t->hash_next = L->hash[h];
	L->hash[h] = L->ntr;
	snprintf(t->comm, sizeof(t->comm), "%s", ev->comm);
	t->start_ticks = ev->start_ticks;
	t->first_ms = ev->t_ms;
	t->gone_ms = -1;
	L->ntr++;
	return t;
}

static int rs_add_seg(struct rs_track *t, int64_t t_ms, int state)
{
	if (t->nseg && t->seg[t->nseg - 1].state == state)
		return 0;
	/* Two changes at one reading: the later one stands. */
	if (t->nseg && t->seg[t->nseg - 1].t_ms == t_ms) {
		t->seg[t->nseg - 1].state = (uint8_t)state;
		return 0;
	}
	if (rs_grow(&t->seg, sizeof(*t->seg), t->nseg + 1, &t->capseg))
		return -ENOMEM;
	t->seg[t->nseg].t_ms = t_ms;
	t->seg[t->nseg].state = (uint8_t)state;
	t->nseg++;
	return 0;
}

static int rs_add_mark(struct rs_track *t, int64_t t_ms, int type)
{
	if (rs_grow(&t->mark, sizeof(*t->mark), t->nmark + 1, &t->capmark))
		return -ENOMEM;
	t->mark[t->nmark].t_ms = t_ms;
	t->mark[t->nmark].type = (uint8_t)type;
	t->nmark++;
	return 0;
}

static int rs_add_note(struct rs_lesson *L, const struct model_event *ev)
{
	size_t cap = (size_t)L->capnotes;

	if (rs_grow(&L->notes, sizeof(*L->notes), (size_t)L->nnotes + 1,
		    &cap))
		return -ENOMEM;
	L->capnotes = (int)cap;
	L->notes[L->nnotes].t_ms = ev->t_ms;
	snprintf(L->notes[L->nnotes].text, MODEL_NOTE_LEN, "%s",
		 ev->u.note.text);
	L->nnotes++;
	return 0;
}

/* Observer sink: events become stretches, marks and notes. */
static void rs_sink(const struct model_event *ev, void *arg)
{
	struct rs_lesson *L = arg;
	struct rs_track *t;
	int rc = 0;

	if (ev->t_ms > L->end_ms)
		L->end_ms = ev->t_ms;
	if (ev->type == MODEL_EV_NOTE) {
		rc = rs_add_note(L, ev);
		goto out;
	}
	if (ev->type == MODEL_EV_SPAWN) {
		t = rs_track_new(L, ev);
		if (!t)
			rc = -ENOMEM;
		else if (!(rc = rs_add_seg(t, ev->t_ms, ev->u.spawn.state)))
			rc = rs_add_mark(t, ev->t_ms, ev->type);
		goto out;
	}
	t = rs_find(L, rs_event_id(ev));
	if (!t)
		return;
	snprintf(t->comm, sizeof(t->comm), "%s", ev->comm);
	/* A thread has no zombie and no reap: its exit ends its row. */
	if (t->task && ev->type == MODEL_EV_EXIT) {
		rc = rs_add_mark(t, ev->t_ms, ev->type);
		t->gone_ms = ev->t_ms;
		if (!rc)
			rc = rs_add_seg(t, ev->t_ms, MODEL_ST_GONE);
		goto out;
	}
	switch (ev->type) {
	case MODEL_EV_STATE:
		rc = rs_add_seg(t, ev->t_ms, ev->u.state.to);
		break;
	case MODEL_EV_REAP:
	case MODEL_EV_GONE:
		if (ev->type == MODEL_EV_REAP)
			rc = rs_add_mark(t, ev->t_ms, ev->type);
		t->gone_ms = ev->t_ms;
		if (!rc)
			rc = rs_add_seg(t, ev->t_ms, MODEL_ST_GONE);
		break;
	default:		/* exec, exit, reparent, threads */
		rc = rs_add_mark(t, ev->t_ms, ev->type);
		break;
	}
out:
	if (rc && !L->err)
		L->err = rc;
}

static void rs_lesson_clear(struct rs_lesson *L)
{
	int i;

	for (i = 0; i < L->ntr; i++) {
		free(L->tr[i].seg);
		free(L->tr[i].mark);
	}
	free(L->tr);
	free(L->notes);
}

/* Feed every item of @r through a replay observer into @L. */
static int rs_collect(const struct recording *r, struct rs_lesson *L)
{
	struct observer_config cfg = { 0 };
	struct record_item it;
	struct observer *obs;
	size_t i;
	int rc = 0;

	memset(L, 0, sizeof(*L));
	memset(L->hash, 0xff, sizeof(L->hash));
	cfg.interval_ms = r->header.interval_ms;
	cfg.threads = r->header.threads;	/* a row per task too */
	cfg.sink = rs_sink;
	cfg.sink_arg = L;
	obs = observer_new_replay(&cfg, r->header.event_source);
	if (!obs)
		return -errno;
	record_item_init(&it);
	for (i = 0; i < r->n_items && !rc && !L->err; i++) {
		rc = recording_feed(r, i, &it, obs);
		if (!rc && it.t_ms > L->end_ms)
			L->end_ms = it.t_ms;
	}
	record_item_clear(&it);
	observer_free(obs);
	return rc ? rc : L->err;
}

/*
 * The tracks in birth order (model_birth_cmp), as the live tree has them:
 * into @by[0..ntr-1].  Insertion sort, as they come nearly in order.
 */
static void rs_by_birth(const struct rs_lesson *L, int *by)
{
	int i, k;

	for (i = 0; i < L->ntr; i++) {
		const struct rs_track *t = &L->tr[i];

		for (k = i; k > 0; k--) {
			const struct rs_track *u = &L->tr[by[k - 1]];

			if (model_birth_cmp(u->start_ticks, u->pid,
					    t->start_ticks, t->pid) <= 0)
				break;
			by[k] = by[k - 1];
		}
		by[k] = i;
	}
}

/*
 * Children lists in birth order, then the rows in tree order (depth
 * first, siblings by birth).  @rows has room for L->ntr, @by too.
 */
static int rs_order(struct rs_lesson *L, int *rows, int *depth, int *by)
{
	int i, j, n = 0;

	rs_by_birth(L, by);
	for (j = 0; j < L->ntr; j++) {
		struct rs_track *t = &L->tr[by[j]];

		i = by[j];
		if (t->parent < 0)
			continue;
		if (L->tr[t->parent].last_child < 0)
			L->tr[t->parent].first_child = i;
		else
			L->tr[L->tr[t->parent].last_child].next_sibling = i;
		L->tr[t->parent].last_child = i;
	}
	for (j = 0; j < L->ntr; j++) {
		int cur = by[j], d = 0;

		i = by[j];
		if (L->tr[i].parent >= 0)
			continue;
		/* Iterative preorder walk: parents precede children. */
		while (cur >= 0) {
			rows[n] = cur;
			depth[n++] = d;
			if (L->tr[cur].first_child >= 0) {
				cur = L->tr[cur].first_child;
				d++;
				continue;
			}
			while (cur >= 0 && cur != i &&
			       L->tr[cur].next_sibling < 0) {
				cur = L->tr[cur].parent;
				d--;
			}
			cur = cur == i || cur < 0 ? -1 : L->tr[cur].next_sibling;
		}
	}
	return n;
}

/* ---- drawing ------------------------------------------------------------ */

/*
 * The marks on the rows: letter, legend and the tooltip's word (the
 * event's JSON name in English; both marked, translated where drawn).
 */
static const struct {
	enum model_event_type type;
	const char *letter, *what, *tip;
} rs_marks[] = {
	{ MODEL_EV_SPAWN, "+", N_("spawn"), N_("spawn") },
	{ MODEL_EV_EXEC, "e", N_("exec"), N_("exec") },
	{ MODEL_EV_EXIT, "x", N_("exit"), N_("exit") },
	{ MODEL_EV_REAP, "w", N_("reaped (wait)"), N_("reap") },
	{ MODEL_EV_REPARENT, "^", N_("re-parented"), N_("reparent") },
	{ MODEL_EV_THREADS, "t", N_("threads"), N_("threads") },
};
enum { RS_NMARKS = sizeof(rs_marks) / sizeof(rs_marks[0]) };

static const char *rs_mark_letter(int type)
{
	int i;

	for (i = 0; i < RS_NMARKS; i++)
		if ((int)rs_marks[i].type == type)
			return rs_marks[i].letter;
	return "?";
}

/* The tooltip's word for an event of @type, translated. */
static const char *rs_mark_tip(int type)
{
	int i;

	for (i = 0; i < RS_NMARKS; i++)
		if ((int)rs_marks[i].type == type)
			return _(rs_marks[i].tip);
	return model_event_name(type);
}

/* Milliseconds as seconds, no trailing zeros: 1500 -> "1.5". */
static const char *rs_secs(int64_t ms, char buf[32])
{
	size_t n;

	snprintf(buf, 32, "%.3f", (double)ms / 1000.0);
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	return buf;
}

struct rs_geom {
	int64_t span;		/* ms shown: [0, span] */
	double pxms;		/* pixels per ms */
	int plot_w;
};

static double rs_x(const struct rs_geom *g, int64_t t_ms)
{
	return RS_LEFT + (double)t_ms * g->pxms;
}

static void rs_draw_row(FILE *out, const struct rs_track *t, int depth,
			int y, const struct rs_geom *g)
{
	char a[32], b[32];
	int ry = y + RS_MARK_H, indent = depth < RS_DEPTH_MAX ? depth
							    : RS_DEPTH_MAX;
	size_t i;

	fprintf(out, "<g class=\"%s\" data-pid=\"%d\" data-comm=\"",
		t->task ? "row task" : "row", t->pid);
	svg_text(out, t->comm);
	fprintf(out, "\" data-depth=\"%d\">\n", depth);
	fprintf(out, "<text class=\"label\" x=\"%d\" y=\"%d\">",
		12 + indent * 12, ry + RS_ROW_H / 2 + RS_FONT_PX / 2 - 1);
	if (depth > 0)
		fputs("\u2514 ", out);
	fprintf(out, "%d ", t->pid);
	svg_text(out, t->comm);
	if (t->task)
		fputs(_(" (thread)"), out);
	fputs("</text>\n", out);
	fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
		"fill=\"#f4f4f4\"/>\n", RS_LEFT, ry, g->plot_w, RS_ROW_H);
	for (i = 0; i < t->nseg; i++) {
		int st = t->seg[i].state;
		int64_t t0 = t->seg[i].t_ms;
		int64_t t1 = i + 1 < t->nseg ? t->seg[i + 1].t_ms :
			     t->gone_ms >= 0 ? t->gone_ms : g->span;
		double x0 = rs_x(g, t0), w = rs_x(g, t1) - x0;

		if (st == MODEL_ST_GONE || t1 <= t0)
			continue;
		fprintf(out, "<rect class=\"state\" data-state=\"%s\" "
			"x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" "
			"fill=\"%s\"><title>%d ",
			model_state_name(st), x0, ry, w, RS_ROW_H,
			palette_state(st)->rgb, t->pid);
		svg_text(out, t->comm);
		fprintf(out, ": %s %s-%ss</title></rect>\n",
			_(model_state_name(st)), rs_secs(t0, a),
			rs_secs(t1, b));
		if (w >= 10.0)
			fprintf(out, "<text x=\"%.2f\" y=\"%d\" "
				"text-anchor=\"middle\" fill=\"%s\" "
				"font-weight=\"bold\">%c</text>\n",
				x0 + w / 2, ry + RS_ROW_H / 2 + RS_FONT_PX / 2 - 1,
				palette_state(st)->ink_rgb,
				model_state_letter(st));
	}
	if (t->gone_ms >= 0)
		fprintf(out, "<text class=\"ended\" x=\"%.2f\" y=\"%d\" "
			"fill=\"#555555\" font-size=\"11\">%s</text>\n",
			rs_x(g, t->gone_ms) + 3,
			ry + RS_ROW_H / 2 + RS_FONT_PX / 2 - 2, _("ended"));
	for (i = 0; i < t->nmark; i++) {
		const struct rs_mark *m = &t->mark[i];
		double x = rs_x(g, m->t_ms);

		fprintf(out, "<g class=\"event\" data-event=\"%s\"><title>",
			model_event_name(m->type));
		fprintf(out, _("%s at %ss"), rs_mark_tip(m->type),
			rs_secs(m->t_ms, a));
		fprintf(out, "</title>"
			"<line x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\" "
			"stroke=\"#333333\"/>"
			"<circle cx=\"%.2f\" cy=\"%d\" r=\"5.5\" fill=\"#ffffff\" "
			"stroke=\"#333333\"/>"
			"<text x=\"%.2f\" y=\"%d\" text-anchor=\"middle\" "
			"font-size=\"9\" font-weight=\"bold\">",
			x, y + 6, x, ry + RS_ROW_H, x, y + 6, x, y + 9);
		svg_text(out, rs_mark_letter(m->type));
		fputs("</text></g>\n", out);
	}
	fputs("</g>\n", out);
}

static void rs_draw_axis(FILE *out, const struct rs_geom *g, int y0,
			 int axis_y)
{
	int64_t step = svg_tick_step(g->span, 12), t;
	char a[32];

	fputs("<g stroke=\"#dddddd\" stroke-width=\"1\">\n", out);
	for (t = 0; t <= g->span; t += step)
		fprintf(out, "<line x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" "
			"y2=\"%d\"/>\n", rs_x(g, t), y0, rs_x(g, t), axis_y);
	fputs("</g>\n", out);
	fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		"stroke=\"#333333\"/>\n", RS_LEFT, axis_y,
		RS_LEFT + g->plot_w, axis_y);
	for (t = 0; t <= g->span; t += step) {
		fprintf(out, "<line class=\"tick\" x1=\"%.2f\" y1=\"%d\" "
			"x2=\"%.2f\" y2=\"%d\" stroke=\"#333333\"/>\n",
			rs_x(g, t), axis_y, rs_x(g, t), axis_y + 5);
		fprintf(out, "<text x=\"%.2f\" y=\"%d\" "
			"text-anchor=\"middle\">%s</text>\n",
			rs_x(g, t), axis_y + 19, rs_secs(t, a));
	}
	fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" "
		"fill=\"#555555\">%s</text>\n", RS_LEFT - 10, axis_y + 19,
		_("seconds"));
}

/*
 * One dashed line per group of notes that fall within a few pixels of
 * each other (a step's note and what it printed), numbered "4" or "4-7".
 */
static void rs_draw_notes_lines(FILE *out, const struct rs_lesson *L,
				const struct rs_geom *g, int y0, int axis_y)
{
	char a[32];
	int i = 0, k;

	while (i < L->nnotes) {
		double x = rs_x(g, L->notes[i].t_ms);
		int e = i + 1;

		while (e < L->nnotes && rs_x(g, L->notes[e].t_ms) - x < 16.0)
			e++;
		fprintf(out, "<line class=\"note\" x1=\"%.2f\" y1=\"%d\" "
			"x2=\"%.2f\" y2=\"%d\" stroke=\"#0072b2\" "
			"stroke-dasharray=\"4 3\"><title>", x, y0 - 14, x,
			axis_y);
		for (k = i; k < e; k++) {
			fprintf(out, "%s%ss: ", k > i ? "\n" : "",
				rs_secs(L->notes[k].t_ms, a));
			svg_text(out, L->notes[k].text);
		}
		fprintf(out, "</title></line>\n<text x=\"%.2f\" y=\"%d\" "
			"text-anchor=\"middle\" fill=\"#0072b2\" "
			"font-weight=\"bold\">%d", x, y0 - 17, i + 1);
		if (e - i > 1)
			fprintf(out, "\u2013%d", e);
		fputs("</text>\n", out);
		i = e;
	}
}

/*
 * Length of the next line of @s in at most @max bytes, cut at a blank, or
 * where there is none (Chinese has none) between two characters: never
 * inside a UTF-8 sequence, which would make the SVG ill-formed.
 */
static size_t rs_wrap(const char *s, size_t max)
{
	size_t n = strlen(s), cut;

	if (n <= max)
		return n;
	for (cut = max; cut > max / 2; cut--)
		if (s[cut] == ' ')
			return cut;
	for (cut = max; cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80;
	     cut--)
		;
	return cut ? cut : max;
}

enum { RS_NOTE_CHARS = 112 };	/* of 13 px text, from x = 90 */

static int rs_note_lines(const char *s)
{
	int n = 0;

	do {
		s += rs_wrap(s, RS_NOTE_CHARS);
		while (*s == ' ')
			s++;
		n++;
	} while (*s);
	return n;
}

/* State and mark legends, then the notes' text; returns the next y. */
static int rs_draw_legend(FILE *out, const struct rs_lesson *L, int y)
{
	static const int states[] = { MODEL_ST_RUNNING, MODEL_ST_READY,
				      MODEL_ST_BLOCKED, MODEL_ST_STOPPED,
				      MODEL_ST_ZOMBIE };
	char a[32];
	int i, x = RS_LEFT;

	for (i = 0; i < 5; i++, x += 120) {
		int st = states[i];

		fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"16\" height=\"16\" "
			"fill=\"%s\"/><text x=\"%d\" y=\"%d\" "
			"text-anchor=\"middle\" fill=\"%s\" "
			"font-weight=\"bold\">%c</text><text x=\"%d\" y=\"%d\">"
			"%s</text>\n", x, y - 12, palette_state(st)->rgb,
			x + 8, y, palette_state(st)->ink_rgb,
			model_state_letter(st), x + 22, y,
			_(model_state_name(st)));
	}
	y += 24;
	for (i = 0, x = RS_LEFT; i < RS_NMARKS - 1; i++, x += 120) {
		int cx = x + 8;

		fprintf(out, "<circle cx=\"%d\" cy=\"%d\" r=\"5.5\" "
			"fill=\"#ffffff\" stroke=\"#333333\"/><text x=\"%d\" "
			"y=\"%d\" text-anchor=\"middle\" font-size=\"9\" "
			"font-weight=\"bold\">", cx, y - 4, cx, y - 1);
		svg_text(out, rs_marks[i].letter);
		fprintf(out, "</text><text x=\"%d\" y=\"%d\">%s</text>\n",
			x + 22, y, _(rs_marks[i].what));
	}
	/* The last mark on a line of its own keeps the rows 600px wide. */
	y += 22;
	fprintf(out, "<circle cx=\"%d\" cy=\"%d\" r=\"5.5\" fill=\"#ffffff\" "
		"stroke=\"#333333\"/><text x=\"%d\" y=\"%d\" "
		"text-anchor=\"middle\" font-size=\"9\" font-weight=\"bold\">"
		"%s</text><text x=\"%d\" y=\"%d\">%s</text>\n",
		RS_LEFT + 8, y - 4, RS_LEFT + 8, y - 1, rs_marks[RS_NMARKS - 1].letter,
		RS_LEFT + 22, y, _(rs_marks[RS_NMARKS - 1].what));
	y += 26;
	for (i = 0; i < L->nnotes; i++) {
		const char *s = L->notes[i].text;
		char line[RS_NOTE_CHARS + 1];

		fprintf(out, "<text class=\"note-text\" x=\"%d\" y=\"%d\">"
			"<tspan fill=\"#0072b2\" font-weight=\"bold\">%d"
			"</tspan> %ss</text>\n", 12, y, i + 1,
			rs_secs(L->notes[i].t_ms, a));
		do {
			size_t n = rs_wrap(s, RS_NOTE_CHARS);

			memcpy(line, s, n);
			line[n] = '\0';
			fprintf(out, "<text x=\"%d\" y=\"%d\">", 90, y);
			svg_text(out, line);
			fputs("</text>\n", out);
			y += 17;
			s += n;
			while (*s == ' ')
				s++;
		} while (*s);
	}
	return y;
}

static void rs_title(FILE *out, const struct recording *r, int nproc)
{
	const struct record_header *h = &r->header;

	fputs("<text x=\"12\" y=\"26\" font-size=\"18\" font-weight=\"bold\">",
	      out);
	if (h->scenario[0]) {
		fputs(_("lesson: "), out);
		svg_text(out, h->scenario);
	} else if (h->command[0]) {
		fputs(_("watch: "), out);
		svg_text(out, h->command);
	} else {
		fprintf(out, _("attach: pid %d"), h->pid);
	}
	fputs("</text>\n<text x=\"12\" y=\"46\" fill=\"#555555\">", out);
	if (nproc == 1)
		fprintf(out, _("recorded by procviz %s: 1 process, a reading "
			       "every %d ms, events from %s"), h->source,
			h->interval_ms, h->event_source);
	else
		fprintf(out, _("recorded by procviz %s: %d processes, a "
			       "reading every %d ms, events from %s"),
			h->source, nproc, h->interval_ms, h->event_source);
	fputs("</text>\n", out);
}

static void rs_draw(FILE *out, const struct recording *r,
		    const struct rs_lesson *L, const int *rows,
		    const int *depth, int nrows)
{
	struct rs_geom g;
	int shown = nrows < RS_ROWS_MAX ? nrows : RS_ROWS_MAX;
	int axis_y = RS_TOP + shown * RS_PITCH + 4, legend_y = axis_y + 50;
	int h = legend_y + 24 + 22 + 26 + 20, i;

	for (i = 0; i < L->nnotes; i++)
		h += 17 * rs_note_lines(L->notes[i].text);
	g.plot_w = RS_W - RS_LEFT - RS_RIGHT;
	g.span = L->end_ms > 0 ? L->end_ms : 1;
	g.pxms = (double)g.plot_w / (double)g.span;
	if (nrows > shown)
		h += 20;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
	fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		"height=\"%d\" viewBox=\"0 0 %d %d\" "
		"font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" "
		"font-size=\"%d\">\n", RS_W, h, RS_W, h, RS_FONT_PX);
	fputs("<title>procviz replay: ", out);
	svg_text(out, r->name);
	fputs("</title>\n", out);
	fprintf(out, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n",
		RS_W, h);
	rs_title(out, r, L->ntr);
	rs_draw_axis(out, &g, RS_TOP - 4, axis_y);
	for (i = 0; i < shown; i++)
		rs_draw_row(out, &L->tr[rows[i]], depth[i],
			    RS_TOP + i * RS_PITCH, &g);
	rs_draw_notes_lines(out, L, &g, RS_TOP, axis_y);
	if (nrows > shown) {
		fprintf(out, "<text x=\"12\" y=\"%d\" fill=\"#555555\">",
			legend_y - 22);
		fprintf(out, _("and %d more processes not drawn"),
			nrows - shown);
		fputs("</text>\n", out);
	}
	rs_draw_legend(out, L, legend_y + (nrows > shown ? 20 : 0));
	fputs("</svg>\n", out);
}

int report_svg_write(FILE *out, const struct recording *r, char *err,
		     size_t errlen)
{
	struct rs_lesson L;
	int *rows = NULL, *depth = NULL, *by = NULL, nrows, rc;

	rc = rs_collect(r, &L);
	if (!rc) {
		rows = malloc(((size_t)L.ntr + 1) * sizeof(int));
		depth = malloc(((size_t)L.ntr + 1) * sizeof(int));
		by = malloc(((size_t)L.ntr + 1) * sizeof(int));
		if (!rows || !depth || !by)
			rc = -ENOMEM;
	}
	if (rc) {
		snprintf(err, errlen, "%s", strerror(-rc));
		goto out;
	}
	nrows = rs_order(&L, rows, depth, by);
	rs_draw(out, r, &L, rows, depth, nrows);
	if (fflush(out) != 0 || ferror(out)) {
		snprintf(err, errlen, _("write error: %s"), strerror(errno));
		rc = -EIO;
	}
out:
	free(rows);
	free(depth);
	free(by);
	rs_lesson_clear(&L);
	return rc;
}
