/*
 * viz/ui/ui_keys.c - key tables (ui_keys.h): find the entry of a key, and
 * draw the keys line, a dialog's hint and the help overlay from a table.
 */
#include "viz/ui/ui_keys.h"
#include "scenarios/i18n.h"

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

/* One "name label" item of a keys line at column *used. */
static void ui_keys_item(struct ui *ui, int y, int x, int w, int *used,
			 const char *name, const char *label)
{
	if (*used)
		*used += ui_put(ui, y, x + *used, w - *used, UI_ROLE_KEYS, " ");
	*used += ui_put(ui, y, x + *used, w - *used, UI_ROLE_KEY, name);
	*used += ui_put(ui, y, x + *used, w - *used, UI_ROLE_KEYS, " ");
	*used += ui_put(ui, y, x + *used, w - *used, UI_ROLE_KEYS, label);
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

static void ui_keys_string(struct ui *ui, int y, int x, int w, int *used,
			   const char *keys)
{
	char key[64], label[128];

	while (*used < w && ui_keys_next(&keys, key, sizeof(key), label,
					  sizeof(label)))
		ui_keys_item(ui, y, x, w, used, key, label);
}

void ui_keys_line(struct ui *ui, int y, int x, int w, const char *keys)
{
	int used = 0;

	ui_fill(ui, y, x, 1, w, UI_ROLE_KEYS);
	ui_keys_string(ui, y, x, w, &used, keys);
}

void ui_keys_draw(struct ui *ui, int y, int x, int w, const struct ui_key *t,
		  struct ui_view *v)
{
	const struct ui_key *e;
	int used = 0;

	ui_fill(ui, y, x, 1, w, UI_ROLE_KEYS);
	for (e = t; e && !ui_keys_is_end(e) && used < w; e++) {
		if (!ui_keys_on_line(e, v, ui))
			continue;
		if (e->more) {
			const char *more = e->more(v, ui);

			if (more)
				ui_keys_string(ui, y, x, w, &used, more);
		} else if (e->label) {
			ui_keys_item(ui, y, x, w, &used, ui_keys_name(ui, e),
				     _(e->label));
		}
	}
}

void ui_keys_hint(struct ui *ui, int y, int x, int w, const struct ui_key *t,
		  struct ui_view *v)
{
	const struct ui_key *e;
	int used = 0;

	for (e = t; e && !ui_keys_is_end(e) && used < w; e++) {
		if (!e->label || !ui_keys_on_line(e, v, ui))
			continue;
		used += ui_putf(ui, y, x + used, w - used, UI_ROLE_DIM,
				"%s%s: %s", used ? "   " : "",
				ui_keys_name(ui, e), _(e->label));
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
 * Wrap @text into @tw display columns (at spaces, or between wide CJK
 * characters): the rows it takes, at most @max.  Drawn from (row, x) when
 * @ui is not NULL.  Narrower than 8 columns: one clipped row.
 */
static int ui_help_wrap(struct ui *ui, int row, int x, int tw, int max,
			const char *text)
{
	char seg[256];
	int n = 0;

	while (*text && n < max) {
		size_t cut = tw >= 8 ? ui_wrap_cut(text, tw) : strlen(text);

		if (ui) {
			size_t c = cut < sizeof(seg) ? cut : sizeof(seg) - 1;

			memcpy(seg, text, c);
			seg[c] = '\0';
			ui_put(ui, row + n, x, tw, UI_ROLE_NORMAL, seg);
		}
		n++;
		if (tw < 8)
			break;
		text += cut;
		while (*text == ' ')
			text++;
	}
	return n ? n : 1;
}

void ui_help_box(struct ui *ui, int y, int x, int h, int w,
		 const struct ui_key *t, struct ui_view *v,
		 const char *const *notes, int nnotes)
{
	struct ui_help hp = { .n = 0, .namew = 3 };
	int bw = w < UI_HELP_W ? w : UI_HELP_W, bh, by, bx, i, rows = 0, row;

	ui_help_gather(&hp, ui, t, v);
	for (i = 0; i < hp.n; i++)
		rows += ui_help_wrap(NULL, 0, 0, bw - 6 - hp.namew, h,
				     hp.text[i]);
	rows += nnotes ? nnotes + 1 : 0;
	bh = rows + 2 < h ? rows + 2 : h;
	by = y + (h - bh) / 2;
	bx = x + (w - bw) / 2;
	ui_fill(ui, by, bx, bh, bw, UI_ROLE_NORMAL);
	ui_box(ui, by, bx, bh, bw, UI_ROLE_BORDER, _("help"));
	row = by + 1;
	for (i = 0; i < hp.n && row < by + bh - 1; i++) {
		ui_put(ui, row, bx + 2, bw - 4, UI_ROLE_NORMAL, hp.name[i]);
		row += ui_help_wrap(ui, row, bx + 4 + hp.namew,
				    bw - 6 - hp.namew, by + bh - 1 - row,
				    hp.text[i]);
	}
	if (nnotes && row < by + bh - 1)
		row++;
	for (i = 0; i < nnotes && row < by + bh - 1; i++)
		ui_put(ui, row++, bx + 2, bw - 4, UI_ROLE_NORMAL, _(notes[i]));
}
