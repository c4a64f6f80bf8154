/*
 * viz/ui/ui_fit.h - a line of fields fitted to a width without cutting
 * any: each field is shown whole, in its short form, or not at all, the
 * least important going first.  A number is never cut in half ("sampling
 * every 1" for 100 ms, "from 231" for pid 2315): the header, the counts
 * line and the tree's rows are drawn through here.  ui_fit() is pure (no
 * curses); ui_fit_put() draws its answer.
 */
#ifndef PROCVIZ_VIZ_UI_FIT_H
#define PROCVIZ_VIZ_UI_FIT_H

#include "viz/ui/ui.h"

enum { UI_FIT_MAX = 32 };	/* fields of one line */

struct ui_field {
	const char *text;	/* in full, its separator included; NULL or
				 * "": none */
	const char *brief;	/* a shorter form, or NULL */
	/*
	 * How long it stays: a line too wide first shortens (to ->brief)
	 * the field of the lowest ->prio, and drops a field whole at its
	 * ->prio_brief (a field without ->brief: at ->prio).  Ties: the
	 * later field goes first.  Mandatory fields: a high number.
	 */
	int prio, prio_brief;
	enum ui_role role;	/* for ui_fit_put() */
	const char *sep;	/* blanks before it in UI_ROLE_NORMAL (they
				 * go with it), or NULL */
};

/*
 * Fit @f[0..n-1] (n <= UI_FIT_MAX) side by side into @w display columns:
 * out[i] gets the form shown (->text, ->brief, or NULL: dropped).  Every
 * field is dropped if even the last one does not fit whole.  Returns the
 * columns used.
 */
int ui_fit(const struct ui_field *f, int n, int w, const char **out);

/*
 * Draw @f fitted to @w columns at (y, x), each field in its role.
 * Returns the columns used.
 */
int ui_fit_put(struct ui *ui, int y, int x, int w, const struct ui_field *f,
	       int n);

/*
 * Prose (a description, a sentence) cut to @w display columns at a word
 * boundary, never inside a word or a number: all of @s when it fits,
 * else the words that fit with @ellipsis after them (CJK text may break
 * between any two characters).  Into buf[len]; returns buf.
 */
const char *ui_fit_words(char *buf, size_t len, const char *s, int w,
			 const char *ellipsis);

#endif
