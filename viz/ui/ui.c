/*
 * viz/ui/ui.c - the terminal session: setup/restore, signals, theme, glyphs,
 * the poll loop and the drawing helpers (see ui.h).
 *
 * Globals here are curses state and signal flags only: the session being
 * shown (for ui_die() and the atexit hook) and volatile sig_atomic_t flags
 * set by handlers that do nothing else.
 */
/* wcwidth(), ppoll(); the Makefile's curses flags skip ui.c (empty stem). */
#define _GNU_SOURCE	/* ppoll */

#include "viz/ui/ui.h"
#include "viz/ui/ui_termkeys.h"
#include "viz/ui/ui_views.h"

#include <curses.h>
#include <term.h>

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

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
	FILE *in;		/* keys: stdin, or owned /dev/tty */
	bool utf8, color, open;
	const struct ui_glyphs *g;
	attr_t attr[UI_ROLE_COUNT];
	struct ui_view *views[UI_MAX_VIEWS];	/* owned */
	int nviews, active;
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

static volatile sig_atomic_t ui_sig_quit;	/* the signal number */
static volatile sig_atomic_t ui_sig_winch;
static struct ui *ui_current;	/* the session on screen, for ui_die() */
static bool ui_atexit_set;
static struct sigaction ui_old_int, ui_old_term, ui_old_hup, ui_old_winch;

static const struct ui_glyphs ui_glyphs_utf8 = {
	.hline = "\u2500", .vline = "\u2502", .tl = "\u250c", .tr = "\u2510",
	.bl = "\u2514", .br = "\u2518", .ltee = "\u251c", .rtee = "\u2524",
	.block = "\u2588", .cursor = "\u25bc", .arrow = "\u21b3",
	.tomb = "\u2020", .ellipsis = "\u2026",
};

static const struct ui_glyphs ui_glyphs_ascii = {
	.hline = "-", .vline = "|", .tl = "+", .tr = "+", .bl = "+",
	.br = "+", .ltee = "+", .rtee = "+", .block = "#", .cursor = "v",
	.arrow = ">", .tomb = "x", .ellipsis = "~",
};

static void ui_on_quit(int sig)
{
	ui_sig_quit = sig;
}

static void ui_on_winch(int sig)
{
	(void)sig;
	ui_sig_winch = 1;
}

long long ui_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Keep SIGCHLD and friends alone; put back only what we changed. */
static void ui_restore_signals(void)
{
	sigaction(SIGINT, &ui_old_int, NULL);
	sigaction(SIGTERM, &ui_old_term, NULL);
	sigaction(SIGHUP, &ui_old_hup, NULL);
	sigaction(SIGWINCH, &ui_old_winch, NULL);
}

/*
 * While the screen is up, whatever anything writes to stderr (a library,
 * a warning) would scribble over it: fd 2 is a pipe then, its lines go to
 * the status line, and what is left unread at the end reaches the real
 * stderr after the screen is gone.  Children of procviz put /dev/null on
 * their fd 2 before exec, so none keeps the pipe.
 */
static void ui_stderr_capture(struct ui *ui)
{
	int p[2];

	ui->err_rd = ui->err_saved = -1;
	if (!isatty(STDERR_FILENO) || pipe2(p, O_CLOEXEC | O_NONBLOCK) < 0)
		return;
	ui->err_saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 10);
	if (ui->err_saved < 0 || dup2(p[1], STDERR_FILENO) < 0) {
		if (ui->err_saved >= 0)
			close(ui->err_saved);
		ui->err_saved = -1;
		close(p[0]);
		close(p[1]);
		return;
	}
	close(p[1]);
	ui->err_rd = p[0];
}

static void ui_stderr_release(struct ui *ui)
{
	char buf[4096];
	ssize_t n;

	if (ui->err_saved < 0)
		return;
	dup2(ui->err_saved, STDERR_FILENO);
	close(ui->err_saved);
	ui->err_saved = -1;
	if (ui->err_len)
		(void)!write(STDERR_FILENO, ui->err_buf, ui->err_len);
	ui->err_len = 0;
	while ((n = read(ui->err_rd, buf, sizeof(buf))) > 0)
		(void)!write(STDERR_FILENO, buf, (size_t)n);
	close(ui->err_rd);
	ui->err_rd = -1;
}

/* Lines written to stderr while the screen is up become warnings. */
static void ui_stderr_read(struct ui *ui)
{
	char *nl;
	ssize_t n;

	while ((n = read(ui->err_rd, ui->err_buf + ui->err_len,
			 sizeof(ui->err_buf) - 1 - ui->err_len)) > 0) {
		ui->err_len += (size_t)n;
		ui->err_buf[ui->err_len] = '\0';
		while ((nl = strchr(ui->err_buf, '\n')) ||
		       ui->err_len == sizeof(ui->err_buf) - 1) {
			size_t used = nl ? (size_t)(nl - ui->err_buf) + 1 :
				      ui->err_len;

			if (nl)
				*nl = '\0';
			if (ui->err_buf[0])
				ui_warn(ui, "%s", ui->err_buf);
			memmove(ui->err_buf, ui->err_buf + used,
				ui->err_len - used);
			ui->err_len -= used;
			ui->err_buf[ui->err_len] = '\0';
		}
	}
}

/* Put the terminal back as it was; safe to call twice. */
static void ui_restore(struct ui *ui)
{
	if (!ui || !ui->open)
		return;
	ui->open = false;
	mousemask(0, NULL);
	curs_set(1);
	endwin();
	ui_restore_signals();
	ui_stderr_release(ui);
}

static void ui_atexit(void)
{
	ui_restore(ui_current);
}

/* ---- theme ------------------------------------------------------------- */

/*
 * Okabe-Ito colours (safe for the common colour-blindnesses) as the
 * nearest xterm-256 entries, with 8-colour stand-ins.  States and jobs are
 * never told apart by colour alone: a letter or a word is always drawn.
 */
struct ui_style {
	short fg256, bg256, fg8, bg8;
	attr_t color_attr, mono_attr;
};

static const struct ui_style ui_styles[UI_ROLE_COUNT] = {
	[UI_ROLE_NORMAL] = { -1, -1, -1, -1, A_NORMAL, A_NORMAL },
	[UI_ROLE_TITLE] = { 231, 25, COLOR_WHITE, COLOR_BLUE, A_BOLD,
			    A_REVERSE | A_BOLD },
	[UI_ROLE_BORDER] = { 244, -1, COLOR_CYAN, -1, A_NORMAL, A_NORMAL },
	[UI_ROLE_HEADING] = { 74, -1, COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[UI_ROLE_KEYS] = { -1, -1, -1, -1, A_NORMAL, A_NORMAL },
	[UI_ROLE_KEY] = { 16, 74, COLOR_BLACK, COLOR_CYAN, A_BOLD,
			  A_REVERSE | A_BOLD },
	[UI_ROLE_STATUS] = { -1, -1, -1, -1, A_NORMAL, A_NORMAL },
	[UI_ROLE_WARN] = { 16, 214, COLOR_BLACK, COLOR_YELLOW, A_BOLD,
			   A_REVERSE | A_BOLD },
	[UI_ROLE_SELECT] = { -1, -1, -1, -1, A_REVERSE, A_REVERSE },
	[UI_ROLE_CURSOR] = { 231, 16, COLOR_WHITE, COLOR_BLACK,
			     A_BOLD | A_REVERSE, A_BOLD | A_REVERSE },
	[UI_ROLE_DIM] = { 244, -1, -1, -1, A_NORMAL, A_DIM },
	[UI_ROLE_NEW] = { 214, -1, COLOR_YELLOW, -1, A_BOLD,
			  A_BOLD | A_UNDERLINE },
	[UI_ROLE_RUNNING] = { 16, 36, COLOR_BLACK, COLOR_GREEN, A_BOLD,
			      A_REVERSE | A_BOLD },
	[UI_ROLE_READY] = { 16, 185, COLOR_BLACK, COLOR_YELLOW, A_BOLD,
			    A_BOLD | A_UNDERLINE },
	[UI_ROLE_BLOCKED] = { 16, 74, COLOR_BLACK, COLOR_CYAN, A_NORMAL,
			      A_NORMAL },
	[UI_ROLE_STOPPED] = { 16, 175, COLOR_BLACK, COLOR_MAGENTA, A_NORMAL,
			      A_UNDERLINE },
	[UI_ROLE_ZOMBIE] = { 231, 166, COLOR_WHITE, COLOR_RED, A_BOLD,
			     A_REVERSE },
	[UI_ROLE_DONE] = { 244, -1, -1, -1, A_NORMAL, A_DIM },
	[UI_ROLE_IDLE] = { 244, -1, -1, -1, A_NORMAL, A_DIM },
	[UI_ROLE_JOB0] = { 16, 214, COLOR_BLACK, COLOR_YELLOW, A_NORMAL,
			   A_REVERSE },
	[UI_ROLE_JOB1] = { 16, 74, COLOR_BLACK, COLOR_CYAN, A_NORMAL,
			   A_REVERSE },
	[UI_ROLE_JOB2] = { 16, 36, COLOR_BLACK, COLOR_GREEN, A_NORMAL,
			   A_REVERSE },
	[UI_ROLE_JOB3] = { 16, 175, COLOR_BLACK, COLOR_MAGENTA, A_NORMAL,
			   A_REVERSE },
	[UI_ROLE_JOB4] = { 231, 25, COLOR_WHITE, COLOR_BLUE, A_NORMAL,
			   A_REVERSE },
	[UI_ROLE_JOB5] = { 16, 185, COLOR_BLACK, COLOR_WHITE, A_NORMAL,
			   A_REVERSE },
};

static void ui_theme_init(struct ui *ui)
{
	const char *nc = getenv("NO_COLOR");
	bool c256, dflt;
	int i;

	ui->color = has_colors() && !(nc && *nc);
	if (ui->color && start_color() != OK)
		ui->color = false;
	/* Without the terminal's own default colours, -1 means white on
	 * black. */
	dflt = ui->color && use_default_colors() == OK;
	c256 = ui->color && COLORS >= 256 && COLOR_PAIRS > UI_ROLE_COUNT;
	for (i = 0; i < UI_ROLE_COUNT; i++) {
		const struct ui_style *s = &ui_styles[i];
		short fg = c256 ? s->fg256 : s->fg8;
		short bg = c256 ? s->bg256 : s->bg8;

		if (!ui->color || i >= COLOR_PAIRS - 1) {
			ui->attr[i] = s->mono_attr;
			continue;
		}
		if (!dflt && fg < 0)
			fg = COLOR_WHITE;
		if (!dflt && bg < 0)
			bg = COLOR_BLACK;
		if (init_pair((short)(i + 1), fg, bg) == ERR) {
			ui->attr[i] = s->mono_attr;
			continue;
		}
		ui->attr[i] = COLOR_PAIR(i + 1) | s->color_attr;
	}
}

/* ---- open / close ------------------------------------------------------ */

static bool ui_term_usable(char *err, size_t errlen)
{
	const char *term = getenv("TERM");
	const char *cup;
	int rc = 0;

	/* Keys come from stdin, or /dev/tty when stdin was a workload. */
	if (!isatty(STDOUT_FILENO) ||
	    (!isatty(STDIN_FILENO) && access("/dev/tty", R_OK) != 0)) {
		snprintf(err, errlen, "the screen needs a terminal on stdin "
			 "and stdout (use --headless for plain output)");
		return false;
	}
	if (!term || !*term) {
		snprintf(err, errlen, "TERM is not set; set it (for example "
			 "TERM=xterm-256color) or use --headless");
		return false;
	}
	if (setupterm(term, STDOUT_FILENO, &rc) != OK) {
		snprintf(err, errlen, "TERM=%s: unknown terminal type; try "
			 "TERM=xterm-256color or use --headless", term);
		return false;
	}
	cup = tigetstr("cup");
	if (strcmp(term, "dumb") == 0 || !cup || cup == (char *)-1 ||
	    tigetflag("hc") > 0) {
		del_curterm(cur_term);
		snprintf(err, errlen, "TERM=%s cannot move the cursor, so it "
			 "cannot show the screen; use --headless", term);
		return false;
	}
	del_curterm(cur_term);
	return true;
}

int ui_check_terminal(const char *cmd)
{
	char err[256];

	if (ui_term_usable(err, sizeof(err)))
		return 0;
	fprintf(stderr, "procviz: %s: %s\n", cmd, err);
	return 1;
}

static void ui_signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: poll() must wake up */
	sa.sa_handler = ui_on_quit;
	sigaction(SIGINT, &sa, &ui_old_int);
	sigaction(SIGTERM, &sa, &ui_old_term);
	sigaction(SIGHUP, &sa, &ui_old_hup);
	sa.sa_handler = ui_on_winch;
	sigaction(SIGWINCH, &sa, &ui_old_winch);
}

struct ui *ui_open(char *err, size_t errlen)
{
	const char *cs;
	struct ui *ui;

	if (ui_current) {
		snprintf(err, errlen, "the screen is already open");
		return NULL;
	}
	if (!ui_term_usable(err, errlen))
		return NULL;
	ui = calloc(1, sizeof(*ui));
	if (!ui) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	ui->err_rd = ui->err_saved = -1;
	cs = nl_langinfo(CODESET);
	ui->utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
	ui->g = ui->utf8 ? &ui_glyphs_utf8 : &ui_glyphs_ascii;
	/*
	 * Our flag-only handlers go in before newterm() so that curses does
	 * not install its own (which would exit from inside a handler).
	 */
	ui_sig_quit = 0;
	ui_sig_winch = 0;
	ui_signals_install();
	ui->in = stdin;
	if (!isatty(STDIN_FILENO)) {	/* `procviz sched - <file` */
		ui->in = fopen("/dev/tty", "re");
		if (!ui->in) {
			snprintf(err, errlen, "cannot read keys from /dev/tty: "
				 "%s", strerror(errno));
			ui_restore_signals();
			free(ui);
			return NULL;
		}
	}
	ui->scr = newterm(NULL, stdout, ui->in);
	if (!ui->scr) {
		ui_restore_signals();
		if (ui->in != stdin)
			fclose(ui->in);
		snprintf(err, errlen, "cannot start the screen on TERM=%s",
			 getenv("TERM"));
		free(ui);
		return NULL;
	}
	set_term(ui->scr);
	ui->open = true;
	ui_current = ui;
	if (!ui_atexit_set) {
		atexit(ui_atexit);
		ui_atexit_set = true;
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	ui_termkeys_define();	/* Home/End/F-keys whatever TERM says */
	nodelay(stdscr, TRUE);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
	mouseinterval(0);
	ui_theme_init(ui);
	ui_stderr_capture(ui);
	ui->dirty = true;
	return ui;
}

void ui_close(struct ui *ui)
{
	int i;

	if (!ui)
		return;
	ui_restore(ui);
	for (i = 0; i < ui->nviews; i++)
		ui->views[i]->free(ui->views[i]);
	if (ui->scr)
		delscreen(ui->scr);
	if (ui->in && ui->in != stdin)
		fclose(ui->in);
	if (ui_current == ui)
		ui_current = NULL;
	free(ui);
}

void ui_die(const char *fmt, ...)
{
	va_list ap;

	ui_restore(ui_current);
	fputs("procviz: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void ui_warn(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->warn, sizeof(ui->warn), fmt, ap);
	va_end(ap);
	ui->warn_until_ms = ui_now_ms() + UI_WARN_MS;
	ui->dirty = true;
}

void ui_dirty(struct ui *ui)
{
	ui->dirty = true;
}

const struct ui_glyphs *ui_glyphs(const struct ui *ui)
{
	return ui->g;
}

bool ui_utf8(const struct ui *ui)
{
	return ui->utf8;
}

bool ui_color(const struct ui *ui)
{
	return ui->color;
}

bool ui_mouse(const struct ui *ui, int *y, int *x)
{
	*y = ui->mouse_y;
	*x = ui->mouse_x;
	return ui->mouse_valid;
}

/* ---- drawing helpers ---------------------------------------------------- */

/*
 * Walk @s one character at a time: its byte length and display width.
 * Bytes that are not a printable character in the locale count as one
 * '?' (so a command line with junk cannot break the layout).
 */
static size_t ui_char(const char *s, mbstate_t *st, int *width, bool *bad)
{
	wchar_t wc;
	size_t n = mbrtowc(&wc, s, MB_CUR_MAX, st);
	int wd;

	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		memset(st, 0, sizeof(*st));
		*width = 1;
		*bad = true;
		return 1;
	}
	wd = wcwidth(wc);
	*bad = wd < 0;
	*width = wd < 0 ? 1 : wd;
	return n;
}

int ui_strwidth(const char *s)
{
	mbstate_t st;
	int w = 0, cw;
	bool bad;

	memset(&st, 0, sizeof(st));
	while (*s) {
		s += ui_char(s, &st, &cw, &bad);
		w += cw;
	}
	return w;
}

int ui_put(struct ui *ui, int y, int x, int w, enum ui_role role,
	   const char *s)
{
	mbstate_t st;
	int used = 0, cw;
	bool bad;

	if (w <= 0 || y < 0 || x < 0 || y >= LINES || x >= COLS)
		return 0;
	if (x + w > COLS)
		w = COLS - x;
	memset(&st, 0, sizeof(st));
	attrset(ui->attr[role]);
	move(y, x);
	while (*s) {
		size_t n = ui_char(s, &st, &cw, &bad);

		if (used + cw > w)
			break;
		if (bad)
			addch('?');
		else
			addnstr(s, (int)n);
		s += n;
		used += cw;
	}
	attrset(A_NORMAL);
	return used;
}

int ui_putf(struct ui *ui, int y, int x, int w, enum ui_role role,
	    const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return ui_put(ui, y, x, w, role, buf);
}

void ui_fill(struct ui *ui, int y, int x, int h, int w, enum ui_role role)
{
	int i, j;

	if (x < 0 || y < 0)
		return;
	if (x + w > COLS)
		w = COLS - x;
	if (y + h > LINES)
		h = LINES - y;
	attrset(ui->attr[role]);
	for (i = 0; i < h; i++) {
		move(y + i, x);
		for (j = 0; j < w; j++)
			addch(' ');
	}
	attrset(A_NORMAL);
}

void ui_rule(struct ui *ui, int y, int x, int w, enum ui_role role,
	     const char *title)
{
	int i, used = 0;

	if (title && *title && w > 4) {
		used += ui_put(ui, y, x, w, UI_ROLE_BORDER, ui->g->hline);
		used += ui_put(ui, y, x + used, w - used, role, " ");
		used += ui_put(ui, y, x + used, w - used, UI_ROLE_HEADING,
			       title);
		used += ui_put(ui, y, x + used, w - used, role, " ");
	}
	for (i = used; i < w; i++)
		ui_put(ui, y, x + i, 1, UI_ROLE_BORDER, ui->g->hline);
}

void ui_box(struct ui *ui, int y, int x, int h, int w, enum ui_role role,
	    const char *title)
{
	int i;

	if (h < 2 || w < 2)
		return;
	ui_put(ui, y, x, 1, role, ui->g->tl);
	ui_rule(ui, y, x + 1, w - 2, role, title);
	ui_put(ui, y, x + w - 1, 1, role, ui->g->tr);
	for (i = 1; i < h - 1; i++) {
		ui_put(ui, y + i, x, 1, role, ui->g->vline);
		ui_put(ui, y + i, x + w - 1, 1, role, ui->g->vline);
	}
	ui_put(ui, y + h - 1, x, 1, role, ui->g->bl);
	for (i = 1; i < w - 1; i++)
		ui_put(ui, y + h - 1, x + i, 1, role, ui->g->hline);
	ui_put(ui, y + h - 1, x + w - 1, 1, role, ui->g->br);
}

void ui_keys_line(struct ui *ui, int y, int x, int w, const char *keys)
{
	char key[64], label[128];
	const char *p = keys;
	int used = 0;

	ui_fill(ui, y, x, 1, w, UI_ROLE_KEYS);
	while (*p && used < w) {
		const char *colon = strchr(p, ':');
		const char *bar;
		size_t kn, ln;

		if (!colon)
			break;
		bar = strchr(colon, '|');
		if (!bar)
			bar = colon + strlen(colon);
		kn = (size_t)(colon - p);
		ln = (size_t)(bar - colon - 1);
		if (kn >= sizeof(key))
			kn = sizeof(key) - 1;
		if (ln >= sizeof(label))
			ln = sizeof(label) - 1;
		memcpy(key, p, kn);
		key[kn] = '\0';
		memcpy(label, colon + 1, ln);
		label[ln] = '\0';
		if (used)
			used += ui_put(ui, y, x + used, w - used, UI_ROLE_KEYS,
				       " ");
		used += ui_put(ui, y, x + used, w - used, UI_ROLE_KEY, key);
		used += ui_put(ui, y, x + used, w - used, UI_ROLE_KEYS, " ");
		used += ui_put(ui, y, x + used, w - used, UI_ROLE_KEYS, label);
		p = *bar ? bar + 1 : bar;
	}
}

/* ---- the loop ----------------------------------------------------------- */

static void ui_resize(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
}

/* "Terminal too small" screen: must work down to 1x1. */
static void ui_draw_too_small(struct ui *ui, int need_w, int need_h)
{
	char msg[128];
	int y = LINES / 2 - 1;

	if (y < 0)
		y = 0;
	ui_put(ui, y, 0, COLS, UI_ROLE_WARN, "Terminal too small");
	snprintf(msg, sizeof(msg), "%dx%d, need %dx%d", COLS, LINES, need_w,
		 need_h);
	ui_put(ui, y + 1, 0, COLS, UI_ROLE_NORMAL, msg);
	ui_put(ui, y + 2, 0, COLS, UI_ROLE_DIM, "F10 quits");
}

/* Views that are not "home": the ones Tab cycles between. */
static int ui_count_work(const struct ui *ui)
{
	int i, n = 0;

	for (i = 0; i < ui->nviews; i++)
		n += strcmp(ui->views[i]->name, "home") != 0;
	return n;
}

bool ui_view_active(const struct ui *ui, const struct ui_view *v)
{
	return ui->nviews > 0 && ui->views[ui->active] == v;
}

struct ui_view *ui_other_view(struct ui *ui, const struct ui_view *self)
{
	int i;

	for (i = 0; i < ui->nviews; i++)
		if (ui->views[i] != self &&
		    strcmp(ui->views[i]->name, "home") != 0)
			return ui->views[i];
	return NULL;
}

static void ui_draw(struct ui *ui)
{
	struct ui_view *v = ui->views[ui->active];
	struct ui_view *other = NULL;
	int need_w = v->min_w > UI_MIN_W ? v->min_w : UI_MIN_W;
	int need_h = (v->min_h > UI_MIN_H ? v->min_h : UI_MIN_H) + 1;
	const char *keys;

	erase();
	if (COLS < need_w || LINES < need_h) {
		ui_draw_too_small(ui, need_w, need_h);
		refresh();
		return;
	}
	if (strcmp(v->name, "home") != 0 && COLS >= UI_SPLIT_W)
		other = ui_other_view(ui, v);
	if (other && COLS / 2 >= other->min_w && COLS / 2 >= v->min_w &&
	    LINES - 1 >= other->min_h) {
		int lw = COLS / 2;
		/* The active view keeps its place: lesson left, sched right. */
		bool v_left = strcmp(v->name, "sched") != 0;
		struct ui_view *left = v_left ? v : other;
		struct ui_view *right = v_left ? other : v;

		left->draw(left, ui, 0, 0, LINES - 1, lw - 1);
		right->draw(right, ui, 0, lw, LINES - 1, COLS - lw);
		attrset(ui->attr[UI_ROLE_BORDER]);
		mvvline(0, lw - 1, ui->utf8 ? ACS_VLINE : '|', LINES - 1);
		attrset(A_NORMAL);
	} else {
		v->draw(v, ui, 0, 0, LINES - 1, COLS);
	}
	if (ui->warn[0]) {
		ui_fill(ui, LINES - 1, 0, 1, COLS, UI_ROLE_WARN);
		ui_put(ui, LINES - 1, 0, COLS, UI_ROLE_WARN, ui->warn);
	} else {
		keys = v->keys ? v->keys(v, ui) : "F10:quit";
		ui_keys_line(ui, LINES - 1, 0, COLS, keys);
	}
	refresh();
}

static int ui_map_key(struct ui *ui, int ch)
{
	MEVENT me;

	switch (ch) {
	case KEY_UP: return UI_KEY_UP;
	case KEY_DOWN: return UI_KEY_DOWN;
	case KEY_LEFT: return UI_KEY_LEFT;
	case KEY_RIGHT: return UI_KEY_RIGHT;
	case KEY_HOME: case KEY_FIND: return UI_KEY_HOME;
	case KEY_END: case KEY_SELECT: return UI_KEY_END;
	case KEY_PPAGE: return UI_KEY_PGUP;
	case KEY_NPAGE: return UI_KEY_PGDN;
	case KEY_ENTER: case '\n': case '\r': return UI_KEY_ENTER;
	case 27: return UI_KEY_ESC;
	case '\t': return UI_KEY_TAB;
	case KEY_BACKSPACE: case 127: case 8: return UI_KEY_BACKSPACE;
	case KEY_F(1): return UI_KEY_F1;
	case KEY_F(10): return UI_KEY_F10;
	case KEY_MOUSE:
		ui->mouse_valid = getmouse(&me) == OK;
		if (!ui->mouse_valid)
			return -1;
		ui->mouse_y = me.y;
		ui->mouse_x = me.x;
		return UI_KEY_MOUSE;
	default:
		if (ch >= KEY_MIN)
			return -1;	/* a key nobody uses */
		return ch;
	}
}

static int ui_count_work(const struct ui *ui);
static void ui_next_work_view(struct ui *ui);

/*
 * Back: to home, which is opened if there is none yet; the view keeps
 * running and Tab comes back to it.
 */
static void ui_back(struct ui *ui)
{
	const char *files[UI_MAX_VIEWS];
	struct ui_view *home;
	char err[256];
	int i, nfiles = 0;

	if (strcmp(ui->views[ui->active]->name, "home") == 0) {
		/* Back from home: to the running view, else out. */
		if (ui_count_work(ui) > 0)
			ui_next_work_view(ui);
		else
			ui->quit = true;
		return;
	}
	for (i = 0; i < ui->nviews; i++)
		if (strcmp(ui->views[i]->name, "home") == 0) {
			ui->active = i;
			ui->dirty = true;
			return;
		}
	for (i = 0; i < ui->nviews && nfiles < UI_MAX_VIEWS; i++)
		if (ui->views[i]->home_file)
			files[nfiles++] = ui->views[i]->home_file;
	home = ui_home_view_default(files, nfiles, err, sizeof(err));
	if (!home) {
		ui_warn(ui, "home: %s", err);
		return;
	}
	if (ui_push(ui, home) < 0)
		ui_warn(ui, "home: too many views");
}

int ui_push(struct ui *ui, struct ui_view *v)
{
	int i;

	for (i = 0; i < ui->nviews; i++)
		if (strcmp(ui->views[i]->name, v->name) == 0) {
			ui->views[i]->free(ui->views[i]);
			ui->views[i] = v;
			ui->active = i;
			ui->dirty = true;
			return 0;
		}
	if (ui->nviews == UI_MAX_VIEWS) {
		v->free(v);
		return -ENOSPC;
	}
	ui->views[ui->nviews] = v;
	ui->active = ui->nviews++;
	ui->dirty = true;
	return 0;
}

static void ui_next_work_view(struct ui *ui)
{
	int i, idx;

	for (i = 1; i <= ui->nviews; i++) {
		idx = (ui->active + i) % ui->nviews;
		if (strcmp(ui->views[idx]->name, "home") != 0) {
			ui->active = idx;
			ui->dirty = true;
			return;
		}
	}
}

static void ui_handle_key(struct ui *ui, int key)
{
	struct ui_view *v = ui->views[ui->active];
	enum ui_action act = UI_ACT_NONE;

	/* Tab goes round the running views (home keeps it when none runs). */
	if (key == UI_KEY_TAB && (ui_count_work(ui) >= 2 ||
				  (ui_count_work(ui) == 1 &&
				   strcmp(v->name, "home") == 0))) {
		ui_next_work_view(ui);
		return;
	}
	if (key == 12) {	/* Ctrl-L */
		clearok(curscr, TRUE);
		ui->dirty = true;
		return;
	}
	if (v->key)
		act = v->key(v, ui, key);
	if (act == UI_ACT_NONE && key == UI_KEY_F10)
		act = UI_ACT_QUIT;
	switch (act) {
	case UI_ACT_NONE:
		break;
	case UI_ACT_REDRAW:
		ui->dirty = true;
		break;
	case UI_ACT_BACK:
		ui_back(ui);
		break;
	case UI_ACT_QUIT:
		ui->quit = true;
		break;
	}
}

/*
 * poll() without the lost-wakeup race: the signals we catch are blocked
 * from the last look at their flags until ppoll() atomically unblocks
 * them, so a signal arriving in between wakes ppoll() at once.  They are
 * blocked only in that window (no fork happens there, so no child
 * inherits the mask).  Returns what ppoll() does, -1 on a signal.
 */
static int ui_wait(struct pollfd *pfd, int nfd, int timeout_ms)
{
	struct timespec ts, *tsp = NULL;
	sigset_t block, old;
	int rc;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGWINCH);
	sigprocmask(SIG_BLOCK, &block, &old);
	if (ui_sig_quit || ui_sig_winch) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		return -1;
	}
	if (timeout_ms >= 0) {
		ts.tv_sec = timeout_ms / 1000;
		ts.tv_nsec = (long)(timeout_ms % 1000) * 1000000L;
		tsp = &ts;
	}
	rc = ppoll(pfd, (nfds_t)nfd, tsp, &old);
	if (rc < 0 && errno != EINTR)
		ui_die("poll: %s", strerror(errno));
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc;
}

int ui_run(struct ui *ui, struct ui_view **views, int n, int active)
{
	struct pollfd pfd[UI_MAX_FDS];
	struct ui_view *owner[UI_MAX_FDS];
	int i, k, nfd, ch;

	for (i = 0; i < n; i++) {
		if (ui->nviews == UI_MAX_VIEWS) {
			views[i]->free(views[i]);
			continue;
		}
		ui->views[ui->nviews++] = views[i];
	}
	if (ui->nviews == 0)
		return 0;
	ui->active = active >= 0 && active < ui->nviews ? active : 0;
	ui->dirty = true;
	while (!ui->quit && !ui_sig_quit) {
		long long now = ui_now_ms(), next = -1;
		int timeout;

		if (ui_sig_winch) {
			ui_sig_winch = 0;
			ui_resize();
			ui->dirty = true;
		}
		if (ui->warn[0] && now >= ui->warn_until_ms) {
			ui->warn[0] = '\0';	/* the keys line comes back */
			ui->dirty = true;
		}
		for (i = 0; i < ui->nviews; i++) {
			struct ui_view *v = ui->views[i];
			long long t;

			if (!v->next_tick_ms || !v->tick)
				continue;
			t = v->next_tick_ms(v, now);
			if (t >= 0 && t <= now) {
				if (v->tick(v, ui, now))
					ui->dirty = true;
				t = v->next_tick_ms(v, now);
			}
			if (t >= 0 && (next < 0 || t < next))
				next = t;
		}
		if (ui->warn[0] && (next < 0 || ui->warn_until_ms < next))
			next = ui->warn_until_ms;
		if (ui->dirty) {
			ui->dirty = false;
			ui_draw(ui);
		}
		/* Build the poll set: the keyboard, then every view's fds. */
		pfd[0].fd = fileno(ui->in);
		pfd[0].events = POLLIN;
		owner[0] = NULL;
		pfd[1].fd = ui->err_rd;	/* -1: poll() skips it */
		pfd[1].events = POLLIN;
		pfd[1].revents = 0;
		owner[1] = NULL;
		nfd = 2;
		for (i = 0; i < ui->nviews && nfd < UI_MAX_FDS; i++) {
			struct ui_view *v = ui->views[i];

			if (!v->fds)
				continue;
			k = v->fds(v, pfd + nfd, UI_MAX_FDS - nfd);
			while (k-- > 0)
				owner[nfd++] = v;
		}
		now = ui_now_ms();
		if (next < 0)
			timeout = -1;
		else if (next <= now)
			timeout = 0;
		else
			timeout = next - now > 60000 ? 60000 :
				  (int)(next - now);
		if (ui_wait(pfd, nfd, timeout) < 0)
			continue;	/* a signal: the loop acts on it */
		if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			break;	/* the terminal went away */
		while (pfd[0].revents && (ch = getch()) != ERR) {
			int key;

			if (ch == KEY_RESIZE) {
				ui->dirty = true;
				continue;
			}
			key = ui_map_key(ui, ch);
			if (key >= 0)
				ui_handle_key(ui, key);
			if (ui->quit)
				break;
		}
		if (pfd[1].revents)
			ui_stderr_read(ui);
		for (i = 2; i < nfd && !ui->quit; i++) {
			struct ui_view *v = owner[i];
			bool alive = false;

			if (!pfd[i].revents)
				continue;
			/* A key may have closed the view that owns this fd. */
			for (k = 0; k < ui->nviews; k++)
				alive |= ui->views[k] == v;
			if (alive && v->fd_ready && v->fd_ready(v, ui, &pfd[i]))
				ui->dirty = true;
		}
	}
	return ui_sig_quit;
}

void ui_help_box(struct ui *ui, int y, int x, int h, int w,
		 const char *const *text, int n)
{
	int bw = w < 66 ? w : 66, bh = n + 2 < h ? n + 2 : h, i;
	int by = y + (h - bh) / 2, bx = x + (w - bw) / 2;

	ui_fill(ui, by, bx, bh, bw, UI_ROLE_NORMAL);
	ui_box(ui, by, bx, bh, bw, UI_ROLE_BORDER, "help");
	for (i = 0; i < n && i < bh - 2; i++)
		ui_put(ui, by + 1 + i, bx + 2, bw - 4, UI_ROLE_NORMAL,
		       text[i]);
}
