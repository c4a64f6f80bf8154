/*
 * viz/ui/ui.c - the terminal session: open and restore the terminal, the
 * signals, stderr while the screen is up, warnings, and the accessors of
 * ui.h.  The theme, the drawing helpers and the view stack with its loop
 * are ui_theme.c, ui_draw.c and ui_stack.c (ui_priv.h).
 *
 * Globals here are curses state and signal flags only: the session being
 * shown (for ui_die() and the atexit hook) and volatile sig_atomic_t flags
 * set by handlers that do nothing else.
 */
#define _GNU_SOURCE	/* ppoll, pipe2 */

#include "viz/ui/ui_priv.h"
#include "viz/ui/ui_termkeys.h"
#include "common/i18n.h"

#include "common/clock.h"

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

static volatile sig_atomic_t ui_sig_quit;	/* the signal number */
static volatile sig_atomic_t ui_sig_winch;
static struct ui *ui_current;	/* the session on screen, for ui_die() */
static bool ui_atexit_set;
static struct sigaction ui_old_int, ui_old_term, ui_old_hup, ui_old_winch;

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
	return clock_now_ms();
}

/* ---- signals ------------------------------------------------------------- */

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

/* Keep SIGCHLD and friends alone; put back only what we changed. */
static void ui_restore_signals(void)
{
	sigaction(SIGINT, &ui_old_int, NULL);
	sigaction(SIGTERM, &ui_old_term, NULL);
	sigaction(SIGHUP, &ui_old_hup, NULL);
	sigaction(SIGWINCH, &ui_old_winch, NULL);
}

int ui_quit_signal(void)
{
	return ui_sig_quit;
}

bool ui_winch_take(void)
{
	if (!ui_sig_winch)
		return false;
	ui_sig_winch = 0;
	return true;
}

/*
 * poll() without the lost-wakeup race: the signals we catch are blocked
 * from the last look at their flags until ppoll() atomically unblocks
 * them, so a signal arriving in between wakes ppoll() at once.  They are
 * blocked only in that window (no fork happens there, so no child
 * inherits the mask).
 */
int ui_wait(struct pollfd *pfd, int nfd, int timeout_ms)
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

void ui_size_from_tty(struct ui *ui)
{
	struct winsize ws;

	if (ui->tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
}

/* ---- stderr while the screen is up --------------------------------------- */

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

void ui_stderr_read(struct ui *ui)
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

/* ---- open / close -------------------------------------------------------- */

/* Put the terminal back as it was; safe to call twice. */
static void ui_restore(struct ui *ui)
{
	if (!ui || !ui->open)
		return;
	ui->open = false;
	if (ui->tty)
		ui_crash_disarm();
	mousemask(0, NULL);
	curs_set(1);
	endwin();
	if (ui->tty) {
		ui_restore_signals();
		ui_stderr_release(ui);
	}
}

static void ui_atexit(void)
{
	ui_restore(ui_current);
}

static bool ui_term_usable(char *err, size_t errlen)
{
	const char *term = getenv("TERM");
	const char *cup;
	int rc = 0;

	/* Keys come from stdin, or /dev/tty when stdin was a workload. */
	if (!isatty(STDOUT_FILENO) ||
	    (!isatty(STDIN_FILENO) && access("/dev/tty", R_OK) != 0)) {
		snprintf(err, errlen, _("the screen needs a terminal on stdin "
			 "and stdout (use --headless for plain output)"));
		return false;
	}
	if (!term || !*term) {
		snprintf(err, errlen, _("TERM is not set; set it (for example "
			 "TERM=xterm-256color) or use --headless"));
		return false;
	}
	if (setupterm(term, STDOUT_FILENO, &rc) != OK) {
		snprintf(err, errlen, _("TERM=%s: unknown terminal type; try "
			 "TERM=xterm-256color or use --headless"), term);
		return false;
	}
	cup = tigetstr("cup");
	if (strcmp(term, "dumb") == 0 || !cup || cup == (char *)-1 ||
	    tigetflag("hc") > 0) {
		del_curterm(cur_term);
		snprintf(err, errlen, _("TERM=%s cannot move the cursor, so it "
			 "cannot show the screen; use --headless"), term);
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

/* The front end's wishes (ui_configure); curses state, like ui_current. */
static struct ui_config ui_cfg = { .theme = UI_THEME_DARK };

void ui_configure(const struct ui_config *cfg)
{
	ui_cfg = *cfg;
}

void ui_configured(struct ui_config *cfg)
{
	*cfg = ui_cfg;
}

static struct ui *ui_alloc(char *err, size_t errlen)
{
	struct ui *ui;
	const char *cs;

	if (ui_current) {
		snprintf(err, errlen, _("the screen is already open"));
		return NULL;
	}
	ui = calloc(1, sizeof(*ui));
	if (!ui) {
		snprintf(err, errlen, _("out of memory"));
		return NULL;
	}
	ui->err_rd = ui->err_saved = -1;
	cs = nl_langinfo(CODESET);
	ui->utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
	ui->g = ui_theme_glyphs(ui->utf8);
	return ui;
}

/* Curses modes, theme and the atexit hook, once newterm() succeeded. */
static void ui_start(struct ui *ui)
{
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
	ui_theme_init(ui, ui_cfg.theme);
	ui->dirty = true;
}

struct ui *ui_open(char *err, size_t errlen)
{
	struct ui *ui;

	if (!ui_term_usable(err, errlen))
		return NULL;
	ui = ui_alloc(err, errlen);
	if (!ui)
		return NULL;
	ui->tty = true;
	/*
	 * Our flag-only handlers go in before newterm() so that curses does
	 * not install its own (which would exit from inside a handler).
	 */
	ui_sig_quit = 0;
	ui_sig_winch = 0;
	ui_signals_install();
	ui->in = stdin;
	ui->out = stdout;
	if (!isatty(STDIN_FILENO)) {	/* `procviz sched - <file` */
		ui->in = fopen("/dev/tty", "re");
		ui->own_in = true;
		if (!ui->in) {
			snprintf(err, errlen, _("cannot read keys from /dev/tty: "
				 "%s"), strerror(errno));
			ui_restore_signals();
			free(ui);
			return NULL;
		}
	}
	ui_crash_save_modes(fileno(ui->out));
	ui->scr = newterm(NULL, ui->out, ui->in);
	if (!ui->scr) {
		ui_restore_signals();
		if (ui->own_in)
			fclose(ui->in);
		snprintf(err, errlen, _("cannot start the screen on TERM=%s"),
			 getenv("TERM"));
		free(ui);
		return NULL;
	}
	ui_start(ui);
	ui_stderr_capture(ui);
	ui_crash_arm(fileno(ui->out), ui->err_saved);
	return ui;
}

struct ui *ui_open_stream(FILE *out, FILE *in, const char *term, char *err,
			  size_t errlen)
{
	struct ui *ui = ui_alloc(err, errlen);

	if (!ui)
		return NULL;
	ui->in = in;
	ui->out = out;
	ui->scr = newterm(term, out, in);
	if (!ui->scr) {
		snprintf(err, errlen, _("cannot start the screen on TERM=%s"),
			 term ? term : "(null)");
		free(ui);
		return NULL;
	}
	ui_start(ui);
	return ui;
}

void ui_close(struct ui *ui)
{
	if (!ui)
		return;
	ui_restore(ui);
	ui_stack_free(ui);
	if (ui->scr)
		delscreen(ui->scr);
	if (ui->own_in)
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
	vsnprintf(ui->warn, sizeof(ui->warn), _(fmt), ap);
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
