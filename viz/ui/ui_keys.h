/*
 * viz/ui/ui_keys.h - one key table per view: each key once, with the name
 * and word the keys line shows, the line the help overlay shows, and the
 * function it runs (in the spirit of tig's REQ_INFO).  No curses here.
 *
 * A view's ->keymap returns the table in force (a dialog has its own).
 * The session runs a key through it (ui_keys_run), draws the keys line
 * from it, and a view's help overlay is ui_help_box() over it: so a key
 * added to the table is on the keys line and in the help at once, and
 * nothing else lists the keys.
 */
#ifndef PROCVIZ_VIZ_UI_KEYS_H
#define PROCVIZ_VIZ_UI_KEYS_H

#include "viz/ui/ui.h"

#include <stdbool.h>
#include <stddef.h>

enum {
	UI_KEY_CODES = 4,	/* key codes one entry can take */
	/* In code[0]: every key that no other entry of the table takes. */
	UI_KEY_ANY = -2,
};

struct ui_key {
	int code[UI_KEY_CODES];	/* the keys that run it; unused slots 0 */
	const char *name;	/* shown: "q/F10", "Left/Right" */
	const char *uname;	/* shown in a UTF-8 locale ("←→"), or NULL:
				 * name */
	const char *label;	/* its word on the keys line, or NULL: not
				 * on the line */
	const char *help;	/* its line in the help overlay, or NULL */
	/*
	 * Whether the entry applies now (NULL: always).  One that does not
	 * is neither run, shown nor listed.
	 */
	bool (*when)(struct ui_view *v, struct ui *ui);
	/* Whether it is on the keys line now too (NULL: when it applies). */
	bool (*shown)(struct ui_view *v, struct ui *ui);
	/* Run the key.  NULL: listed only (the session handles it). */
	enum ui_action (*run)(struct ui_view *v, struct ui *ui, int key);
	/*
	 * Or keys from elsewhere (a scenario's), listed at this place as
	 * "k:label|k:label" (the label is their help too); the table's
	 * UI_KEY_ANY entry runs them.
	 */
	const char *(*more)(struct ui_view *v, struct ui *ui);
	int arg;		/* a number for run (a step, a direction) */
};

/*
 * Ends every table.  Entries are written with designated initialisers,
 * naming only what they use:
 *	{ .code = { 'p' }, .name = "p", .label = "policies",
 *	  .help = "choose the policies", .run = sv_policies },
 */
#define UI_KEYS_END { .code = { 0 } }

/*
 * The entry of @t that takes @key now: one naming it whose ->when holds,
 * else the UI_KEY_ANY one; NULL if none.  Entries without ->run count
 * (listed keys the session handles).
 */
const struct ui_key *ui_keys_find(const struct ui_key *t, struct ui_view *v,
				  struct ui *ui, int key);
/* Run @key through @t: the entry's ->run, or UI_ACT_NONE. */
enum ui_action ui_keys_run(const struct ui_key *t, struct ui_view *v,
			   struct ui *ui, int key);
/*
 * The name of @e as shown in this locale (@ui NULL: ASCII).  Every
 * function here takes @v and @ui NULL for a table without ->when, ->shown
 * and ->more (one that is not a view's, such as a hook's).
 */
const char *ui_keys_name(const struct ui *ui, const struct ui_key *e);

/*
 * The keys line of @t: "name label name label ..." for the entries on
 * the line now, names in UI_ROLE_KEY, each item whole or not at all
 * (ui_keys_fit), the help key ('?'/F1) always at the end.
 */
void ui_keys_draw(struct ui *ui, int y, int x, int w, const struct ui_key *t,
		  struct ui_view *v);
/*
 * Which of @n items of widths @itemw fit whole into @w columns, one blank
 * between two: every @help item first, then the others in order up to
 * the first that does not fit (shown[i]).  Returns how many are shown.
 * Pure, for ui_keys_draw and its tests.
 */
int ui_keys_fit(const int *itemw, const bool *help, int n, int w,
		bool *shown);
/* A keys line from a string "key:label|key:label" (as ->more gives). */
void ui_keys_line(struct ui *ui, int y, int x, int w, const char *keys);
/*
 * The keys of a dialog, inside its box: "name: label   name: label" in
 * UI_ROLE_DIM, for the entries on the line now.
 */
void ui_keys_hint(struct ui *ui, int y, int x, int w, const struct ui_key *t,
		  struct ui_view *v);
/*
 * The keys line of @t as text ("name:label|..."), into buf[len]; for
 * hooks that hand their keys on as a string.  Returns buf.
 */
const char *ui_keys_text(const struct ui_key *t, struct ui_view *v,
			 struct ui *ui, char *buf, size_t len);

/* Where the help screen is scrolled to (a view keeps one). */
struct ui_help_pos {
	int top;		/* first row shown */
	int page, total;	/* rows shown, rows in all: set when drawn */
};

/*
 * The help screen: the whole area y,x,h,w, with a "help" box at most 66
 * columns wide listing each entry of @t that has ->help (or ->more) as
 * "name  help", wrapped, then @notes[0..nnotes-1] after a blank line;
 * from row pos->top on (clamped), the box's title saying which rows show
 * when they do not all fit.
 */
void ui_help_box(struct ui *ui, int y, int x, int h, int w,
		 const struct ui_key *t, struct ui_view *v,
		 const char *const *notes, int nnotes,
		 struct ui_help_pos *pos);
/*
 * The help screen's scrolling keys: Up/Down a row, PgUp/PgDn (and space)
 * a page, Home/End.  Returns whether @key was one of them.
 */
bool ui_help_scroll(struct ui_help_pos *pos, int key);

#endif
