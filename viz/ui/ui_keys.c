/*
 * viz/ui/ui_keys.c - key tables (ui_keys.h): find the entry of a key, and
 * draw the keys line, a dialog's hint and the help overlay from a table.
 */
#include "viz/ui/ui_keys.h"
#include "common/i18n.h"

#include <stdio.h>
#include <string.h>

static bool ui_keys_is_end(const struct ui_key *e)
{
	return !e->code[0] && !e->name && !e->more;
}

static bool ui_keys_applies(const struct ui_key *e, struct ui_view *v,
			    struct ui *ui)
{
	return !e->when || e->when(v, ui);
}

static bool ui_keys_on_line(const struct ui_key *e, struct ui_view *v,
			    struct ui *ui)
{
	return ui_keys_applies(e, v, ui) && (!e->shown || e->shown(v, ui));
}

const struct ui_key *ui_keys_find(const struct ui_key *t, struct ui_view *v,
				  struct ui *ui, int key)
{
	const struct ui_key *e, *any = NULL;
	int k;

	for (e = t; e && !ui_keys_is_end(e); e++) {
		if (!ui_keys_applies(e, v, ui))
			continue;
		if (e->code[0] == UI_KEY_ANY) {
			if (!any)
				any = e;
			continue;
		}
		for (k = 0; k < UI_KEY_CODES && e->code[k]; k++)
			if (e->code[k] == key)
				return e;
	}
	return any;
}

enum ui_action ui_keys_run(const struct ui_key *t, struct ui_view *v,
			   struct ui *ui, int key)
{
	const struct ui_key *e = ui_keys_find(t, v, ui, key);

	return e && e->run ? e->run(v, ui, key) : UI_ACT_NONE;
}

const char *ui_keys_name(const struct ui *ui, const struct ui_key *e)
{
	return e->uname && ui && ui_utf8(ui) ? e->uname : e->name;
}

/*
 * A keys line is a list of items "name label", each shown whole or not at
 * all: the line never ends in half a word.  The help key ('?' or F1) is
 * kept at the end whatever else has to go, so help is always reachable.
 */
enum { UI_KEYS_ITEMS = 64 };

struct ui_keys_items {
	char name[UI_KEYS_ITEMS][64], label[UI_KEYS_ITEMS][128];
	bool help[UI_KEYS_ITEMS];
	int n;
};

static void ui_keys_add(struct ui_keys_items *it, const char *name,
			const char *label, bool help)
{
	if (it->n >= UI_KEYS_ITEMS)
		return;
	snprintf(it->name[it->n], sizeof(it->name[0]), "%s", name);
	snprintf(it->label[it->n], sizeof(it->label[0]), "%s", label);
	it->help[it->n] = help;
	it->n++;
}

/*
 * The next "key:label" of a string "key:label|key:label" at *p, into
 * key[] and label[]; false at the end.
 */
static bool ui_keys_next(const char **p, char *key, size_t klen, char *label,
			 size_t llen)
{
	const char *colon = strchr(*p, ':'), *bar;
	size_t kn, ln;

	if (!**p || !colon)
		return false;
	bar = strchr(colon, '|');
	if (!bar)
		bar = colon + strlen(colon);
	kn = (size_t)(colon - *p);
	ln = (size_t)(bar - colon - 1);
	if (kn >= klen)
		kn = klen - 1;
	if (ln >= llen)
		ln = llen - 1;
	memcpy(key, *p, kn);
	key[kn] = '\0';
	memcpy(label, colon + 1, ln);
	label[ln] = '\0';
	*p = *bar ? bar + 1 : bar;
	return true;
}

static void ui_keys_add_string(struct ui_keys_items *it, const char *keys)
{
	char key[64], label[128];

	while (keys && ui_keys_next(&keys, key, sizeof(key), label,
				    sizeof(label)))
		ui_keys_add(it, key, label, strcmp(key, "?") == 0);
}

/* Whether @e is the help key. */
static bool ui_keys_is_help(const struct ui_key *e)
{
	int k;

	for (k = 0; k < UI_KEY_CODES && e->code[k]; k++)
		if (e->code[k] == '?' || e->code[k] == UI_KEY_F1)
			return true;
	return false;
}

static int ui_keys_item_w(const struct ui_keys_items *it, int i)
{
	return ui_strwidth(it->name[i]) + 1 + ui_strwidth(it->label[i]);
}

/*
 * Which items fit whole into @w columns, one blank between two, the help
 * items first: shown[i].  Returns how many are shown.
 */
int ui_keys_fit(const int *itemw, const bool *help, int n, int w,
		bool *shown)
{
	int i, used = 0, count = 0;

	for (i = 0; i < n; i++) {
		shown[i] = help[i] && used + (count ? 1 : 0) + itemw[i] <= w;
		if (shown[i]) {
			used += (count ? 1 : 0) + itemw[i];
			count++;
		}
	}
	for (i = 0; i < n; i++) {
		if (help[i])
			continue;
		shown[i] = used + (count ? 1 : 0) + itemw[i] <= w;
		if (shown[i]) {
			used += (count ? 1 : 0) + itemw[i];
			count++;
		} else {
			break;	/* the items keep their order: no gaps */
		}
	}
	for (; i < n; i++)
		if (!help[i])
			shown[i] = false;
	return count;
}

static void ui_keys_put(struct ui *ui, int y, int x, int w,
			const struct ui_keys_items *it)
{
	int itemw[UI_KEYS_ITEMS], i, used = 0;
	bool shown[UI_KEYS_ITEMS];

	ui_fill(ui, y, x, 1, w, UI_ROLE_KEYS);
	for (i = 0; i < it->n; i++)
		itemw[i] = ui_keys_item_w(it, i);
	ui_keys_fit(itemw, it->help, it->n, w, shown);
	/* The others in order, then the help keys at the end. */
	for (i = 0; i < 2 * it->n; i++) {
		int k = i % it->n;

		if (!shown[k] || it->help[k] != (i >= it->n))
			continue;
		if (used)
			used += ui_put(ui, y, x + used, w - used,
				       UI_ROLE_KEYS, " ");
		used += ui_put(ui, y, x + used, w - used, UI_ROLE_KEY,
			       it->name[k]);
		used += ui_put(ui, y, x + used, w - used, UI_ROLE_KEYS, " ");
		used += ui_put(ui, y, x + used, w - used, UI_ROLE_KEYS,
			       it->label[k]);
	}
}

void ui_keys_line(struct ui *ui, int y, int x, int w, const char *keys)
{
	struct ui_keys_items it;

	it.n = 0;
	ui_keys_add_string(&it, keys);
	ui_keys_put(ui, y, x, w, &it);
}

void ui_keys_draw(struct ui *ui, int y, int x, int w, const struct ui_key *t,
		  struct ui_view *v)
{
	const struct ui_key *e;
	struct ui_keys_items it;

	it.n = 0;
	for (e = t; e && !ui_keys_is_end(e); e++) {
		if (!ui_keys_on_line(e, v, ui))
			continue;
		if (e->more)
			ui_keys_add_string(&it, e->more(v, ui));
		else if (e->label)
			ui_keys_add(&it, ui_keys_name(ui, e), _(e->label),
				    ui_keys_is_help(e));
	}
	ui_keys_put(ui, y, x, w, &it);
}

void ui_keys_hint(struct ui *ui, int y, int x, int w, const struct ui_key *t,
		  struct ui_view *v)
{
	const struct ui_key *e;
	char item[256];
	int used = 0, iw;

	for (e = t; e && !ui_keys_is_end(e) && used < w; e++) {
		if (!e->label || !ui_keys_on_line(e, v, ui))
			continue;
		snprintf(item, sizeof(item), "%s%s: %s", used ? "   " : "",
			 ui_keys_name(ui, e), _(e->label));
		iw = ui_strwidth(item);
		if (used + iw > w)	/* whole, or not at all */
			break;
		used += ui_put(ui, y, x + used, w - used, UI_ROLE_DIM, item);
	}
}

const char *ui_keys_text(const struct ui_key *t, struct ui_view *v,
			 struct ui *ui, char *buf, size_t len)
{
	const struct ui_key *e;
	size_t n = 0;

	if (len)
		buf[0] = '\0';
	for (e = t; e && !ui_keys_is_end(e); e++) {
		const char *more;

		if (!ui_keys_on_line(e, v, ui) || n >= len)
			continue;
		more = e->more ? e->more(v, ui) : NULL;
		if (more && *more)
			n += (size_t)snprintf(buf + n, len - n, "%s%s",
					      n ? "|" : "", more);
		else if (e->label && !e->more)
			n += (size_t)snprintf(buf + n, len - n, "%s%s:%s",
					      n ? "|" : "", ui_keys_name(ui, e),
					      _(e->label));
	}
	return buf;
}

/* ---- the help overlay ---------------------------------------------------- */

enum { UI_HELP_W = 66, UI_HELP_LINES = 64, UI_HELP_NAME_MAX = 14 };

struct ui_help {
	const char *name[UI_HELP_LINES], *text[UI_HELP_LINES];
	char buf[UI_HELP_LINES][128];	/* names and texts from ->more */
	int n, namew;
};

static void ui_help_add(struct ui_help *hp, const char *name,
			const char *text)
{
	int nw = ui_strwidth(name);

	if (hp->n >= UI_HELP_LINES)
		return;
	hp->name[hp->n] = name;
	hp->text[hp->n] = text;
	hp->n++;
	if (nw > hp->namew && nw <= UI_HELP_NAME_MAX)
		hp->namew = nw;
}

/* "k:label|k:label" as help lines: the label is the help. */
static void ui_help_more(struct ui_help *hp, const char *more)
{
	char key[64], label[128];

	while (more && hp->n < UI_HELP_LINES &&
	       ui_keys_next(&more, key, sizeof(key), label, sizeof(label))) {
		char *b = hp->buf[hp->n];

		/* Both halves in the line's own buffer: "key\0label". */
		snprintf(b, sizeof(hp->buf[0]), "%s", key);
		snprintf(b + strlen(b) + 1, sizeof(hp->buf[0]) - strlen(b) - 1,
			 "%s", label);
		ui_help_add(hp, b, b + strlen(b) + 1);
	}
}

static void ui_help_gather(struct ui_help *hp, struct ui *ui,
			   const struct ui_key *t, struct ui_view *v)
{
	const struct ui_key *e;

	for (e = t; e && !ui_keys_is_end(e); e++) {
		if (!ui_keys_applies(e, v, ui))
			continue;
		if (e->more)
			ui_help_more(hp, e->more(v, ui));
		else if (e->help)
			ui_help_add(hp, ui_keys_name(ui, e), _(e->help));
	}
}

/*
 * The help as rows: each key's name beside its help wrapped into @tw
 * columns (at spaces, or between wide CJK characters), then the notes.
 * Row r is drawn when @ui is not NULL and top <= r < top + page, at
 * (y + r - top).  Returns the number of rows.
 */
static int ui_help_rows(struct ui *ui, const struct ui_help *hp,
			const char *const *notes, int nnotes, int y, int x,
			int tw, int top, int page)
{
	char seg[256];
	int i, r = 0;

#define UI_HELP_ON(r) (ui && (r) >= top && (r) < top + page)
	for (i = 0; i < hp->n; i++) {
		const char *text = hp->text[i];

		if (UI_HELP_ON(r))
			ui_put(ui, y + r - top, x, hp->namew + 2,
			       UI_ROLE_KEY, hp->name[i]);
		do {
			size_t cut = tw >= 8 ? ui_wrap_cut(text, tw) :
				     strlen(text);
			size_t c = cut < sizeof(seg) ? cut : sizeof(seg) - 1;

			memcpy(seg, text, c);
			seg[c] = '\0';
			if (UI_HELP_ON(r))
				ui_put(ui, y + r - top, x + hp->namew + 2, tw,
				       UI_ROLE_NORMAL, seg);
			r++;
			text += cut;
			while (*text == ' ')
				text++;
		} while (*text && tw >= 8);
	}
	if (nnotes)
		r++;
	for (i = 0; i < nnotes; i++, r++)
		if (UI_HELP_ON(r))
			ui_put(ui, y + r - top, x, hp->namew + 2 + tw,
			       UI_ROLE_NORMAL, _(notes[i]));
#undef UI_HELP_ON
	return r;
}

void ui_help_box(struct ui *ui, int y, int x, int h, int w,
		 const struct ui_key *t, struct ui_view *v,
		 const char *const *notes, int nnotes,
		 struct ui_help_pos *pos)
{
	struct ui_help hp = { .n = 0, .namew = 3 };
	int bw = w < UI_HELP_W ? w : UI_HELP_W, bx, tw, rows;
	char title[96];

	ui_help_gather(&hp, ui, t, v);
	bx = x + (w - bw) / 2;
	tw = bw - 6 - hp.namew;
	rows = ui_help_rows(NULL, &hp, notes, nnotes, 0, 0, tw, 0, 0);
	/* Its own screen: the whole area, the rows scrolled in a box. */
	pos->page = h - 2 > 1 ? h - 2 : 1;
	pos->total = rows;
	if (pos->top > rows - pos->page)
		pos->top = rows - pos->page;
	if (pos->top < 0)
		pos->top = 0;
	if (rows > pos->page)
		snprintf(title, sizeof(title), _("help: lines %d-%d of %d"),
			 pos->top + 1, pos->top + pos->page, rows);
	else
		snprintf(title, sizeof(title), "%s", _("help"));
	ui_fill(ui, y, x, h, w, UI_ROLE_NORMAL);
	ui_box(ui, y, bx, h, bw, UI_ROLE_BORDER, title);
	ui_help_rows(ui, &hp, notes, nnotes, y + 1, bx + 2, tw, pos->top,
		     pos->page);
}

bool ui_help_scroll(struct ui_help_pos *pos, int key)
{
	int page = pos->page > 1 ? pos->page - 1 : 1;

	switch (key) {
	case UI_KEY_UP:
		pos->top--;
		break;
	case UI_KEY_DOWN:
		pos->top++;
		break;
	case UI_KEY_PGUP:
		pos->top -= page;
		break;
	case UI_KEY_PGDN:
	case ' ':
		pos->top += page;
		break;
	case UI_KEY_HOME:
		pos->top = 0;
		break;
	case UI_KEY_END:
		pos->top = pos->total;	/* clamped when drawn */
		break;
	default:
		return false;
	}
	if (pos->top < 0)
		pos->top = 0;
	return true;
}
