/*
 * viz/ui/ui_prompt.h - a one-line text prompt on a view's status row: the
 * lesson view's "/" filter and "a" CPU affinity.
 *
 * Plain data and two functions: the view keeps a struct ui_prompt, sends
 * it the keys while it is open (its key table's UI_KEY_ANY entry) and
 * draws it where the keys line would be.  Enter gives the text, Esc drops
 * it, Backspace and Ctrl-U edit; printable ASCII is typed.
 */
#ifndef PROCVIZ_VIZ_UI_PROMPT_H
#define PROCVIZ_VIZ_UI_PROMPT_H

#include "viz/ui/ui.h"

#include <stdbool.h>
#include <stddef.h>

enum { UI_PROMPT_LEN = 64 };

struct ui_prompt {
	bool open;
	int purpose;			/* the view's own tag */
	char label[96];			/* "CPUs for 4242 (now 0-3): " */
	char text[UI_PROMPT_LEN];
	size_t len;
	bool live;			/* each edit is a result (filter) */
};

enum ui_prompt_result {
	UI_PROMPT_IGNORED,	/* not a prompt key */
	UI_PROMPT_EDITED,	/* text changed (or the key was swallowed) */
	UI_PROMPT_DONE,		/* Enter: text is the answer; closed */
	UI_PROMPT_CANCEL,	/* Esc: closed, text kept for the caller */
};

/* Open @p with @label and @initial text (may be NULL). */
void ui_prompt_open(struct ui_prompt *p, int purpose, const char *label,
		    const char *initial, bool live);
/* Feed one key (a UI_KEY_* or a character). */
enum ui_prompt_result ui_prompt_key(struct ui_prompt *p, int key);
/* "label text_" on one row, in UI_ROLE_STATUS, clipped to @w. */
void ui_prompt_draw(struct ui *ui, const struct ui_prompt *p, int y, int x,
		    int w);

#endif
