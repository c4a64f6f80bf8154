/*
 * viz/ui/ui_priv.h - what the files of the terminal session share, and
 * nothing a view needs: views see struct ui only through ui.h.
 *
 * The session is four files, one job each:
 *   ui.c        open and restore the terminal, signals, stderr capture,
 *               warnings, the accessors of ui.h;
 *   ui_theme.c  semantic roles to colours and attributes, the glyphs;
 *   ui_draw.c   the drawing helpers of ui.h (clipped text, boxes, rules);
 *   ui_stack.c  the views: push, home, back, Tab, key dispatch, the
 *               screen layout and the poll loop;
 * and ui_keys.c draws and dispatches the views' key tables (ui_keys.h).
 */
#ifndef PROCVIZ_VIZ_UI_PRIV_H
#define PROCVIZ_VIZ_UI_PRIV_H

#include "viz/ui/ui.h"
#include "common/i18n.h"

#include <curses.h>
#include <stdio.h>

enum {
	UI_MAX_VIEWS = 8,
	UI_MAX_FDS = 32,
	UI_WARN_MS = 6000,
	UI_MIN_W = 20,		/* absolute floor of every view */
	UI_MIN_H = 6,
	UI_SPLIT_W = 160,	/* side by side from this width */
};

struct ui {
	SCREEN *scr;		/* owned */
	FILE *in;		/* keys: stdin, or owned (own_in) */
	FILE *out;		/* the screen: stdout, or the caller's */
	bool own_in;
	bool tty;		/* opened by ui_open(): signals, stderr
				 * capture, size from the terminal */
	bool utf8, color, open;
	const struct ui_glyphs *g;
	attr_t attr[UI_ROLE_COUNT];
	/* The view stack (ui_stack.c). */
	struct ui_view *views[UI_MAX_VIEWS];	/* owned */
	int nviews, active;
	struct ui_view *last_work;	/* the work view shown last: compared
					 * with views[] only, never used
					 * through (it may have been freed) */
	ui_home_fn home_fn;	/* NULL: no home (Back leaves) */
	void *home_arg;		/* borrowed */
	bool dirty, quit;
	char warn[256];
	long long warn_until_ms;
	int mouse_y, mouse_x;
	bool mouse_valid;
	/* stderr goes to a pipe while the screen is up (status line). */
	int err_rd, err_saved;	/* owned fds, or -1 */
	char err_buf[512];
	size_t err_len;
};

/* ---- ui.c: signals and the session --------------------------------------- */

/*
 * poll() that a caught signal interrupts without a lost wake-up.
 * Returns what ppoll() does, -1 on a signal (or one already pending).
 */
int ui_wait(struct pollfd *pfd, int nfd, int timeout_ms);
/* The signal (SIGINT, SIGTERM, SIGHUP) that asks to leave, or 0. */
int ui_quit_signal(void);
/* Whether SIGWINCH arrived since the last call (and forget it). */
bool ui_winch_take(void);
/*
 * ui_crash.c: the terminal put back when a signal kills procviz (a crash,
 * an uncaught SIGQUIT...).  ui_crash_save_modes() before curses changes
 * the modes of @fd; ui_crash_arm() once the screen is up (@saved_stderr:
 * the terminal's stderr while ours goes to the status line, or -1);
 * ui_crash_disarm() when the screen closes the normal way.
 */
void ui_crash_save_modes(int fd);
void ui_crash_arm(int out_fd, int saved_stderr);
void ui_crash_disarm(void);

/* Re-read the terminal's size after SIGWINCH (a tty session only). */
void ui_size_from_tty(struct ui *ui);
/* Lines written to stderr while the screen is up become warnings. */
void ui_stderr_read(struct ui *ui);

/* ---- ui_theme.c ---------------------------------------------------------- */

/* The glyph set for the locale. */
const struct ui_glyphs *ui_theme_glyphs(bool utf8);
/*
 * Fill ui->attr[] (and ui->color) for @theme: colour pairs when the
 * terminal has colours and the theme is not mono, attributes alone
 * otherwise.  Light also makes the background of cleared cells white.
 */
void ui_theme_init(struct ui *ui, enum ui_theme theme);

/* ---- ui_draw.c ----------------------------------------------------------- */

/* "Terminal too small" over the whole screen: works down to 1x1. */
void ui_draw_too_small(struct ui *ui, int need_w, int need_h);

/* ---- ui_stack.c ---------------------------------------------------------- */

/* Free every view of the stack (at ui_close()). */
void ui_stack_free(struct ui *ui);

#endif
