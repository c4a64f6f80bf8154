/*
 * viz/ui/ui_prompt.c - a one-line text prompt (ui_prompt.h).
 */
#include "viz/ui/ui_prompt.h"
#include "common/i18n.h"

#include <stdio.h>
#include <string.h>

void ui_prompt_open(struct ui_prompt *p, int purpose, const char *label,
		    const char *initial, bool live)
{
	memset(p, 0, sizeof(*p));
	p->open = true;
	p->purpose = purpose;
	p->live = live;
	snprintf(p->label, sizeof(p->label), "%s", label);
	snprintf(p->text, sizeof(p->text), "%s", initial ? initial : "");
	p->len = strlen(p->text);
}

enum ui_prompt_result ui_prompt_key(struct ui_prompt *p, int key)
{
	if (!p->open)
		return UI_PROMPT_IGNORED;
	switch (key) {
	case UI_KEY_ENTER:
		p->open = false;
		return UI_PROMPT_DONE;
	case UI_KEY_ESC:
		p->open = false;
		return UI_PROMPT_CANCEL;
	case UI_KEY_BACKSPACE:
		if (p->len > 0)
			p->text[--p->len] = '\0';
		return UI_PROMPT_EDITED;
	case 'U' - 64:		/* Ctrl-U: start again */
		p->len = 0;
		p->text[0] = '\0';
		return UI_PROMPT_EDITED;
	default:
		if (key >= ' ' && key < 127 && p->len + 1 < sizeof(p->text)) {
			p->text[p->len++] = (char)key;
			p->text[p->len] = '\0';
		}
		/* Anything else is swallowed: the prompt has the keys. */
		return UI_PROMPT_EDITED;
	}
}

void ui_prompt_draw(struct ui *ui, const struct ui_prompt *p, int y, int x,
		    int w)
{
	int used;

	ui_fill(ui, y, x, 1, w, UI_ROLE_STATUS);
	used = ui_put(ui, y, x, w, UI_ROLE_KEY, p->label);
	used += ui_put(ui, y, x + used, w - used, UI_ROLE_STATUS, " ");
	used += ui_put(ui, y, x + used, w - used, UI_ROLE_STATUS, p->text);
	ui_put(ui, y, x + used, w - used, UI_ROLE_CURSOR, " ");
	if (w - used > 30)
		ui_put(ui, y, x + w - 28, 28, UI_ROLE_DIM,
		       _("Enter: apply  Esc: cancel"));
}
