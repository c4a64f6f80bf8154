/*
 * viz/ui/ui.h - the terminal session: setup and restore, theme, glyphs, the
 * poll loop, and the view interface every screen implements.
 *
 * Only the files in viz/ui/ include curses.  This header does not, so front ends
 * (cmd_*.c) can drive the UI without seeing curses: they build views with
 * the ui_*_view_new() constructors of ui_views.h and hand them to
 * ui_run().
 *
 * The terminal is restored on every way out: a quit key, SIGINT, SIGTERM,
 * SIGHUP (their handlers only set flags; the loop acts on them), a fatal
 * error through ui_die(), and exit() (an atexit hook).  Nothing is printed
 * to the terminal while the screen is up: warnings go to the status line
 * through ui_warn().
 */
#ifndef PROCVIZ_VIZ_UI_H
#define PROCVIZ_VIZ_UI_H

#include <stdbool.h>
#include <stddef.h>

struct pollfd;
struct ui;

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
	UI_ROLE_COUNT
};
enum { UI_NJOB_ROLES = UI_ROLE_COUNT - UI_ROLE_JOB0 };

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
	UI_KEY_F1,
	UI_KEY_F10,
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
	const char *name;	/* "sched", "lesson", "home" */
	int min_w, min_h;	/* below this, "terminal too small" */
	void *data;		/* owned by the view */
	const char *home_file;	/* a workload file shown here, listed on
				 * home too (borrowed from data), or NULL */
	/* Render into the rectangle; never draw outside it. */
	void (*draw)(struct ui_view *v, struct ui *ui, int y, int x, int h,
		     int w);
	enum ui_action (*key)(struct ui_view *v, struct ui *ui, int key);
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
	/* The keys line shown under the view. */
	const char *(*keys)(struct ui_view *v, struct ui *ui);
	void (*free)(struct ui_view *v);
};

/*
 * Open the terminal.  Returns NULL with a message in err[errlen] when it
 * cannot be used (not a terminal, TERM unset, dumb or unknown); the
 * terminal is untouched then.  Honours NO_COLOR and the locale's codeset.
 */
struct ui *ui_open(char *err, size_t errlen);
/* Restore the terminal and free.  ui_close(NULL) is a no-op. */
void ui_close(struct ui *ui);
/*
 * Run the loop over @views[0..n-1] (taking ownership of them; @active is
 * shown first) until a view asks to quit or a signal arrives.  Returns
 * the signal that ended the loop, or 0.
 */
int ui_run(struct ui *ui, struct ui_view **views, int n, int active);
/*
 * Add a view while the loop runs and show it (home uses this to start a
 * lesson or a workload).  A view with the same name is replaced.  The loop
 * owns @v.  0 or -ENOSPC (v is freed then).
 */
int ui_push(struct ui *ui, struct ui_view *v);
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
/* Another running view than @self (not home), or NULL. */
struct ui_view *ui_other_view(struct ui *ui, const struct ui_view *self);

long long ui_now_ms(void);
const struct ui_glyphs *ui_glyphs(const struct ui *ui);
bool ui_utf8(const struct ui *ui);
bool ui_color(const struct ui *ui);

/* ---- drawing helpers for views (clipped to the given width) ---------- */

/* Display width of a UTF-8 (or current-locale) string. */
int ui_strwidth(const char *s);
/* Write @s at (y, x), at most @w columns, in @role.  Returns columns used. */
int ui_put(struct ui *ui, int y, int x, int w, enum ui_role role,
	   const char *s);
int ui_putf(struct ui *ui, int y, int x, int w, enum ui_role role,
	    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Fill a rectangle with blanks in @role. */
void ui_fill(struct ui *ui, int y, int x, int h, int w, enum ui_role role);
/*
 * The help overlay every view uses: @text[0..n-1] in a "help" box at
 * most 66 columns wide, centred in the area y,x,h,w (clipped to it).
 */
void ui_help_box(struct ui *ui, int y, int x, int h, int w,
		 const char *const *text, int n);
/* A box with an optional title on its top edge. */
void ui_box(struct ui *ui, int y, int x, int h, int w, enum ui_role role,
	    const char *title);
/* A horizontal rule with an optional title: "── title ─────". */
void ui_rule(struct ui *ui, int y, int x, int w, enum ui_role role,
	     const char *title);
/*
 * A keys line: "key label  key label ..." from a string "key:label|..."
 * with key names in UI_ROLE_KEY.
 */
void ui_keys_line(struct ui *ui, int y, int x, int w, const char *keys);
/* Mouse position of the last UI_KEY_MOUSE (screen coordinates). */
bool ui_mouse(const struct ui *ui, int *y, int *x);

#endif
