/*
 * viz/ui/ui_fit.c - fitting fields to a width (ui_fit.h).
 */
#include "viz/ui/ui_fit.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

static int ui_fit_w(const char *s)
{
	return s && *s ? ui_strwidth(s) : 0;
}

/* Columns of field @f shown as @s (its separator too), 0 for NULL. */
static int ui_fit_fw(const struct ui_field *f, const char *s)
{
	return s ? ui_fit_w(f->sep) + ui_fit_w(s) : 0;
}

/* One step of shrinking: field @i shortened (@drop false) or dropped. */
struct ui_fit_step {
	int prio, i;
	bool drop;
};

/* Whether step @a comes before @b: lower priority, then the later field. */
static bool ui_fit_before(const struct ui_fit_step *a,
			  const struct ui_fit_step *b)
{
	if (a->prio != b->prio)
		return a->prio < b->prio;
	if (a->i != b->i)
		return a->i > b->i;
	return !a->drop;	/* shorten before dropping */
}

int ui_fit(const struct ui_field *f, int n, int w, const char **out)
{
	struct ui_fit_step step[2 * UI_FIT_MAX], tmp;
	int i, k, nstep = 0, used = 0;

	if (n > UI_FIT_MAX)
		n = UI_FIT_MAX;
	for (i = 0; i < n; i++) {
		bool brief = f[i].brief && f[i].text && *f[i].text &&
			     ui_fit_w(f[i].brief) < ui_fit_w(f[i].text);

		out[i] = f[i].text && *f[i].text ? f[i].text : NULL;
		used += ui_fit_fw(&f[i], out[i]);
		if (!out[i])
			continue;
		if (brief)
			step[nstep++] = (struct ui_fit_step){ f[i].prio, i,
							      false };
		step[nstep++] = (struct ui_fit_step){
			brief && f[i].prio_brief > f[i].prio ?
			f[i].prio_brief : f[i].prio, i, true };
	}
	/* The steps in order (a handful: insertion sort). */
	for (i = 1; i < nstep; i++)
		for (k = i; k > 0 && ui_fit_before(&step[k], &step[k - 1]);
		     k--) {
			tmp = step[k];
			step[k] = step[k - 1];
			step[k - 1] = tmp;
		}
	for (k = 0; k < nstep && used > w; k++) {
		i = step[k].i;
		if (!out[i])
			continue;
		used -= ui_fit_fw(&f[i], out[i]);
		out[i] = step[k].drop ? NULL : f[i].brief;
		used += ui_fit_fw(&f[i], out[i]);
	}
	return used;
}

int ui_fit_put(struct ui *ui, int y, int x, int w, const struct ui_field *f,
	       int n)
{
	const char *out[UI_FIT_MAX];
	int i, used = 0;

	if (n > UI_FIT_MAX)
		n = UI_FIT_MAX;
	ui_fit(f, n, w, out);
	for (i = 0; i < n; i++) {
		if (!out[i])
			continue;
		if (f[i].sep)
			used += ui_put(ui, y, x + used, w - used,
				       UI_ROLE_NORMAL, f[i].sep);
		used += ui_put(ui, y, x + used, w - used, f[i].role, out[i]);
	}
	return used;
}

const char *ui_fit_words(char *buf, size_t len, const char *s, int w,
			 const char *ellipsis)
{
	int ew = ui_fit_w(ellipsis);
	size_t cut;

	if (ui_fit_w(s) <= w || w <= ew) {
		snprintf(buf, len, "%s", ui_fit_w(s) <= w ? s : "");
		return buf;
	}
	cut = ui_wrap_cut(s, w - ew);
	/* ui_wrap_cut cuts inside a word only when none fits whole. */
	if (cut < strlen(s) && s[cut] != ' ' && cut > 0 &&
	    s[cut - 1] != ' ' && (unsigned char)s[cut] < 0x80 &&
	    (unsigned char)s[cut - 1] < 0x80)
		cut = 0;
	while (cut > 0 && s[cut - 1] == ' ')
		cut--;
	while (cut > 0 && strchr(",;:(", s[cut - 1]))
		cut--;	/* "a, b, ..." reads better without the comma */
	snprintf(buf, len, "%.*s%s", (int)cut, s, cut ? ellipsis : "");
	return buf;
}
