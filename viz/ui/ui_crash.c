/*
 * viz/ui/ui_crash.c - put the terminal back when procviz dies of a signal.
 *
 * ui.c restores the terminal on every way out that runs code: the normal
 * close, exit() (atexit), ui_die(), and SIGINT/SIGTERM/SIGHUP (flags the
 * loop acts on).  What is left is a signal that kills: a crash (SIGSEGV,
 * SIGBUS, SIGFPE, SIGILL, abort()'s SIGABRT) or a terminating signal
 * nobody catches (SIGQUIT, SIGUSR1, SIGALRM...).  Without this, such a
 * death leaves the lecturer's terminal raw, without echo, on the alternate
 * screen with the cursor hidden, as htop and tig also guard against.
 *
 * The handler may only use async-signal-safe calls, so everything it needs
 * is prepared while the screen opens: the terminal modes from before
 * curses (tcgetattr), and the escape sequences that leave the alternate
 * screen, show the cursor, end keypad mode and turn mouse reporting off,
 * read from terminfo into a static buffer.  The handler writes those,
 * sets the saved modes back (write and tcsetattr are async-signal-safe),
 * gives stderr back to the terminal (a crash report must be seen), puts
 * the signal's previous action back and raises it again, so the process
 * dies of it as it would have (a sanitizer's handler still reports).
 *
 * Globals: the handler has no argument, so what it needs is file-static;
 * there is one terminal per process.
 */
#include "viz/ui/ui_priv.h"

#include <curses.h>
#include <term.h>

#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static const int ui_crash_sigs[] = {
	SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS, SIGQUIT,
	SIGXCPU, SIGXFSZ, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF,
};
#define UI_CRASH_NSIGS (sizeof(ui_crash_sigs) / sizeof(ui_crash_sigs[0]))

static struct sigaction ui_crash_old[UI_CRASH_NSIGS];
static struct termios ui_crash_modes;
static char ui_crash_seq[256];
static size_t ui_crash_seq_len;
static int ui_crash_in = -1, ui_crash_out = -1, ui_crash_err = -1;
static volatile sig_atomic_t ui_crash_armed;

static void ui_crash_add(const char *s)
{
	size_t n = strlen(s);

	if (ui_crash_seq_len + n < sizeof(ui_crash_seq)) {
		memcpy(ui_crash_seq + ui_crash_seq_len, s, n);
		ui_crash_seq_len += n;
	}
}

/* Append terminfo capability @cap (if the terminal has it) to the seq. */
static void ui_crash_add_cap(const char *cap)
{
	const char *s = tigetstr(cap);

	if (s && s != (char *)-1)
		ui_crash_add(s);
}

static void ui_crash_on_signal(int sig)
{
	size_t i;

	if (ui_crash_armed) {
		ui_crash_armed = 0;
		if (ui_crash_out >= 0 && ui_crash_seq_len)
			(void)!write(ui_crash_out, ui_crash_seq,
				     ui_crash_seq_len);
		if (ui_crash_in >= 0)
			tcsetattr(ui_crash_in, TCSANOW, &ui_crash_modes);
		if (ui_crash_err >= 0)
			dup2(ui_crash_err, STDERR_FILENO);
	}
	for (i = 0; i < UI_CRASH_NSIGS; i++)
		if (ui_crash_sigs[i] == sig)
			sigaction(sig, &ui_crash_old[i], NULL);
	/*
	 * Blocked until we return (no SA_NODEFER): then it is delivered to
	 * the old action.  A fault that raise() cannot model (SIGSEGV from
	 * an instruction) simply happens again on return.
	 */
	raise(sig);
}

void ui_crash_save_modes(int in_fd)
{
	ui_crash_in = tcgetattr(in_fd, &ui_crash_modes) == 0 ? in_fd : -1;
}

void ui_crash_arm(int out_fd, int saved_stderr)
{
	struct sigaction sa;
	size_t i;

	ui_crash_seq_len = 0;
	/* leave the alternate screen, normal cursor, keypad off, mouse off */
	ui_crash_add_cap("sgr0");
	ui_crash_add_cap("rmcup");
	ui_crash_add_cap("cnorm");
	ui_crash_add_cap("rmkx");
	ui_crash_add("\033[?1000l\033[?1002l\033[?1006l");
	ui_crash_add("\r\n");
	ui_crash_out = out_fd;
	ui_crash_err = saved_stderr;
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = ui_crash_on_signal;
	for (i = 0; i < UI_CRASH_NSIGS; i++) {
		struct sigaction old;

		if (sigaction(ui_crash_sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;	/* ignored by whoever started us */
		sigaction(ui_crash_sigs[i], &sa, &ui_crash_old[i]);
	}
	ui_crash_armed = 1;
}

void ui_crash_disarm(void)
{
	struct sigaction cur;
	size_t i;

	if (!ui_crash_armed)
		return;
	ui_crash_armed = 0;
	for (i = 0; i < UI_CRASH_NSIGS; i++)
		if (sigaction(ui_crash_sigs[i], NULL, &cur) == 0 &&
		    cur.sa_handler == ui_crash_on_signal)
			sigaction(ui_crash_sigs[i], &ui_crash_old[i], NULL);
	ui_crash_in = ui_crash_out = ui_crash_err = -1;
}
