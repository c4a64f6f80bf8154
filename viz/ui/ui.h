/*
 * viz/ui/ui.h - the terminal session: setup and restore, theme, glyphs,
 * the view stack and its poll loop, and the view interface every screen
 * implements.
 *
 * Only the files in viz/ui/ include curses.  This header does not, so front
 * ends (viz/cmd/) can drive the UI without seeing curses: they build views
 * with the ui_*_view_new() constructors of ui_views.h, say which view is
 * home (ui_set_home) and hand them to ui_run().  The session knows no
 * particular view: a view is a vtable, home is a flag and a factory.
 *
 * The terminal is restored on every way out: a quit key, SIGINT, SIGTERM,
 * SIGHUP (their handlers only set flags; the loop acts on them), a fatal
 * error through ui_die(), and exit() (an atexit hook).  Nothing is printed
 * to the terminal while the screen is up: warnings go to the status line
 * through ui_warn().
 */
#ifndef PROCVIZ_VIZ_UI_H
#define PROCVIZ_VIZ_UI_H

#include "viz/core/model.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct pollfd;
struct ui;
struct ui_key;

/*
 * Semantic roles: views say what a thing is, the theme decides how it
 * looks (colour pair plus attributes, or attributes alone in monochrome).
 */
enum ui_role {
	UI_ROLE_NORMAL,
	UI_ROLE_TITLE,		/* title bar */
	UI_ROLE_BORDER,
	UI_ROLE_HEADING,	/* panel and lane titles */
	UI_ROLE_KEYS,		/* the keys line */
	UI_ROLE_KEY,		/* a key name on the keys line */
	UI_ROLE_STATUS,		/* status line */
	UI_ROLE_WARN,		/* a warning on the status line */
	UI_ROLE_SELECT,		/* selected row or lane */
	UI_ROLE_CURSOR,		/* the time cursor */
	UI_ROLE_DIM,		/* secondary text, tombstones */
	UI_ROLE_NEW,		/* just appeared */
	UI_ROLE_RUNNING,	/* process/job states: always with a letter */
	UI_ROLE_READY,
	UI_ROLE_BLOCKED,
	UI_ROLE_STOPPED,
	UI_ROLE_ZOMBIE,
	UI_ROLE_DONE,
	UI_ROLE_IDLE,		/* idle CPU in a Gantt chart */
	UI_ROLE_JOB0,		/* job colours, cycled; with a letter */
	UI_ROLE_JOB1,
	UI_ROLE_JOB2,
	UI_ROLE_JOB3,
	UI_ROLE_JOB4,
	UI_ROLE_JOB5,
	UI_ROLE_JOB6,
	UI_ROLE_JOB7,
	UI_ROLE_JOB8,
	UI_ROLE_JOB9,
	UI_ROLE_JOB10,
	UI_ROLE_JOB11,		/* as many as viz/core/palette.h has */
	UI_ROLE_COUNT
};
enum { UI_NJOB_ROLES = UI_ROLE_COUNT - UI_ROLE_JOB0 };

/* The role of process state @st, whose colour is the palette's
 * (viz/core/palette.h); UI_ROLE_DIM for MODEL_ST_GONE. */
enum ui_role ui_state_role(enum model_state st);

/* Glyphs: Unicode when the locale is UTF-8, ASCII otherwise. */
struct ui_glyphs {
	const char *hline, *vline, *tl, *tr, *bl, *br, *ltee, *rtee;
	const char *block;	/* a full cell */
	const char *cursor;	/* marks the time cursor on a ruler */
	const char *arrow;	/* "came from" mark (re-parented) */
	const char *tomb;	/* a vanished process */
	const char *ellipsis;
};

/*
 * The keys a view receives: curses key codes mapped to these where they
 * are special, plain characters otherwise.
 */
enum {
	UI_KEY_UP = 0x10000,
	UI_KEY_DOWN,
	UI_KEY_LEFT,
	UI_KEY_RIGHT,
	UI_KEY_HOME,
	UI_KEY_END,
	UI_KEY_PGUP,
	UI_KEY_PGDN,
	UI_KEY_ENTER,
	UI_KEY_ESC,
	UI_KEY_TAB,
	UI_KEY_BACKSPACE,
	UI_KEY_F1,		/* F1..F12 in a row: UI_KEY_F1 + n - 1 */
	UI_KEY_F2,
	UI_KEY_F3,
	UI_KEY_F4,
	UI_KEY_F5,
	UI_KEY_F6,
	UI_KEY_F7,
	UI_KEY_F8,
	UI_KEY_F9,
	UI_KEY_F10,
	UI_KEY_F11,
	UI_KEY_F12,
	UI_KEY_MOUSE,		/* ui_mouse() tells where */
};

/* What a view's key handler asks of the loop. */
enum ui_action {
	UI_ACT_NONE,		/* key not used */
	UI_ACT_REDRAW,		/* key used, redraw */
	UI_ACT_BACK,		/* to home (opened if needed), or out */
	UI_ACT_QUIT,		/* leave the program */
};

/*
 * A screen.  Views are small vtables over their own state (data).  The
 * loop owns views handed to it and frees them with ->free at the end.
 * Every callback but draw and free may be NULL.
 */
struct ui_view {
	const char *name;	/* "sched", "lesson": one view per name */
	int min_w, min_h;	/* below this, "terminal too small" */
	bool home;		/* the home screen: Back elsewhere comes
				 * here, Tab skips it, never side by side */
	bool right;		/* side by side, this one takes the right
				 * half (else the left) */
	void *data;		/* owned by the view */
	const char *home_file;	/* a workload file shown here, listed on
				 * home too (borrowed from data), or NULL */
	/* Render into the rectangle; never draw outside it. */
	void (*draw)(struct ui_view *v, struct ui *ui, int y, int x, int h,
		     int w);
	/*
	 * The key table in force now (ui_keys.h), ending with UI_KEYS_END:
	 * it runs the keys, and the keys line under the view and the help
	 * overlay are drawn from it.  NULL: only F10 (quit) works.
	 */
	const struct ui_key *(*keymap)(struct ui_view *v, struct ui *ui);
	/*
	 * Milliseconds (monotonic clock) at which ->tick wants to run next,
	 * or -1 for never (until a key or fd says otherwise).
	 */
	long long (*next_tick_ms)(struct ui_view *v, long long now_ms);
	/* Time passed; return true when the view needs a redraw. */
	bool (*tick)(struct ui_view *v, struct ui *ui, long long now_ms);
	/* File descriptors to poll (events POLLIN etc.); returns how many. */
	int (*fds)(struct ui_view *v, struct pollfd *out, int max);
	/* One of its fds is ready; return true when a redraw is needed. */
	bool (*fd_ready)(struct ui_view *v, struct ui *ui,
			 const struct pollfd *p);
	void (*free)(struct ui_view *v);
};

/*
 * Make the home view: given the workload files the running views show
 * (their ->home_file, borrowed for the call), return a view with ->home
 * set, or NULL with a message in err[errlen].
 */
typedef struct ui_view *(*ui_home_fn)(void *arg, const char *const *files,
				      int nfiles, char *err, size_t errlen);

/* The screen's colours (the front end decides: viz/cmd/cli_theme.h). */
enum ui_theme {
	UI_THEME_DARK,		/* light text on the terminal's own */
	UI_THEME_LIGHT,		/* dark text on white, for projectors */
	UI_THEME_MONO,		/* no colour: bold, reverse, underline */
};

/* What the front end tells the screen. */
struct ui_config {
	enum ui_theme theme;
};

/*
 * Set the configuration every later ui_open() and ui_open_streams() use
 * (copied); main calls it once, before any command opens the screen, so
 * that no command has to carry it.  Until then: the dark theme.
 */
void ui_configure(const struct ui_config *cfg);
/*
 * The configuration ui_configure() set (the dark theme before it), for a
 * front end that hands the same choice to a picture (cli_theme_html).
 */
void ui_configured(struct ui_config *cfg);

/*
 * Open the terminal.  Returns NULL with a message in err[errlen] when it
 * cannot be used (not a terminal, TERM unset, dumb or unknown); the
 * terminal is untouched then.  Honours the ui_configure() theme and the
 * locale's codeset.
 */
struct ui *ui_open(char *err, size_t errlen);
/*
 * The session on streams the caller owns, for tests: no terminal checks,
 * no signal handlers, stderr left alone, @term (a terminfo name) instead
 * of $TERM.  The size is terminfo's until ui_resize().  NULL with a
 * message when curses refuses.
 */
struct ui *ui_open_stream(FILE *out, FILE *in, const char *term, char *err,
			  size_t errlen);
/*
 * Whether the terminal can show the screen (stdout a terminal, keys from
 * stdin or else /dev/tty, TERM known and able to move the cursor), checked
 * before starting anything that would be wasted otherwise.  0, or 1 (the
 * exit status) after printing "procviz: CMD: message" to stderr.
 */
int ui_check_terminal(const char *cmd);
/* Restore the terminal and free (the views too).  NULL is a no-op. */
void ui_close(struct ui *ui);
/*
 * Who makes home: Back (Esc) from a view with no home open asks @fn
 * (@arg borrowed until ui_close).  Without it Back leaves the program.
 */
void ui_set_home(struct ui *ui, ui_home_fn fn, void *arg);
/*
 * Run the loop over @views[0..n-1] (taking ownership of them; @active is
 * shown first) until a view asks to quit or a signal arrives.  Returns
 * the signal that ended the loop, or 0.
 */
int ui_run(struct ui *ui, struct ui_view **views, int n, int active);
/*
 * Add a view and show it (home uses this to start a lesson or a
 * workload).  A view with the same name is replaced.  The session owns
 * @v.  0 or -ENOSPC (v is freed then).
 */
int ui_push(struct ui *ui, struct ui_view *v);
/*
 * Hand @key (a UI_KEY_* or a character) to the session as if typed: Tab
 * and Ctrl-L first, then the active view's key table, then F10 quits.
 * What the loop does for each key read; for tests and scripted input.
 */
void ui_key(struct ui *ui, int key);
/* Draw the screen now (the loop does when something changed). */
void ui_redraw(struct ui *ui);
/* Set the screen size (what SIGWINCH does on a terminal). */
void ui_resize(struct ui *ui, int h, int w);
/* The view that gets the keys, or NULL when none is open. */
struct ui_view *ui_active_view(const struct ui *ui);
/* Whether a key or a view asked to leave. */
bool ui_quitting(const struct ui *ui);
/* Restore the terminal, print "procviz: message" to stderr, exit(1). */
void ui_die(const char *fmt, ...) __attribute__((format(printf, 1, 2),
						    noreturn));
/* Show a warning on the status line (for a few seconds). */
void ui_warn(struct ui *ui, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Ask for a redraw at the next turn of the loop. */
void ui_dirty(struct ui *ui);
/* Whether @v is the view that gets the keys (side by side: one of two). */
bool ui_view_active(const struct ui *ui, const struct ui_view *v);
/* Another running view than @self (not a home view), or NULL. */
struct ui_view *ui_other_view(struct ui *ui, const struct ui_view *self);

long long ui_now_ms(void);
const struct ui_glyphs *ui_glyphs(const struct ui *ui);
bool ui_utf8(const struct ui *ui);
bool ui_color(const struct ui *ui);

/* ---- drawing helpers for views (clipped to the given width) -------------- */

/* Display width of a UTF-8 (or current-locale) string. */
int ui_strwidth(const char *s);
/*
 * How many bytes of @s make the first row when it is wrapped into @w
 * display columns: ui_wrap_next()'s line (ui_wrap.h: cut before a space
 * or beside a wide CJK character by the line-breaking rules, never inside
 * a character); at least one byte.  All of @s when it fits.
 */
size_t ui_wrap_cut(const char *s, int w);
/*
 * @s cut and padded with spaces to |@width| display columns, into
 * buf[len]: right-aligned for @width > 0, left-aligned for @width < 0 (as
 * printf's %*s and %-*s, which count bytes and so misalign translated
 * text).  Returns buf.
 */
const char *ui_pad(char *buf, size_t len, const char *s, int width);
/* Write @s at (y, x), at most @w columns, in @role.  Returns columns used. */
int ui_put(struct ui *ui, int y, int x, int w, enum ui_role role,
	   const char *s);
int ui_putf(struct ui *ui, int y, int x, int w, enum ui_role role,
	    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Fill a rectangle with blanks in @role. */
void ui_fill(struct ui *ui, int y, int x, int h, int w, enum ui_role role);
/* A box with an optional title on its top edge. */
void ui_box(struct ui *ui, int y, int x, int h, int w, enum ui_role role,
	    const char *title);
/* A horizontal rule with an optional title: "── title ─────". */
void ui_rule(struct ui *ui, int y, int x, int w, enum ui_role role,
	     const char *title);
/* Mouse position of the last UI_KEY_MOUSE (screen coordinates). */
bool ui_mouse(const struct ui *ui, int *y, int *x);

#endif
