/*
 * scenarios/ctx.c - what scenario code calls while it runs: notes, steps,
 * controls, counted forks, sleeping and spinning.
 */
#include "scenarios/scenario.h"
#include "common/clock.h"
#include "common/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

long long scen_now_ms(void)
{
	return clock_now_ms();
}

void scen_sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (ms > 0 && nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

void scen_spin_ms(int ms)
{
	long long end = scen_now_ms() + ms;
	volatile unsigned long x = 0;

	while (scen_now_ms() < end) {
		int i;

		for (i = 0; i < 100000; i++)
			x += (unsigned long)i;
	}
}

/*
 * A line cut at SCEN_LINE_MAX may end inside a UTF-8 sequence (a Chinese
 * character is three bytes): drop the incomplete tail, never send half a
 * character.
 */
static void scen_cut_utf8(char *line)
{
	size_t n = strlen(line), i = n, need;
	unsigned char c;

	while (i > 0 && ((unsigned char)line[i - 1] & 0xc0) == 0x80)
		i--;
	if (i == 0)
		return;
	c = (unsigned char)line[i - 1];
	if (c < 0x80)
		return;
	need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	if (n - (i - 1) < need)
		line[i - 1] = '\0';
}

/* Write one protocol line: "WORD TEXT\n", cut to SCEN_LINE_MAX. */
static void scen_vline(struct scen_ctx *ctx, const char *word,
		       const char *fmt, va_list ap)
{
	char line[SCEN_LINE_MAX];
	int n, i;
	ssize_t w;

	n = snprintf(line, sizeof(line), "%s ", word);
	if (fmt) {
		/* The text is for people: in the lecturer's language. */
		vsnprintf(line + n, sizeof(line) - (size_t)n - 1, _(fmt), ap);
		scen_cut_utf8(line);
	} else {
		line[n - 1] = '\0';
	}
	/* One line per message: newlines inside the text become spaces. */
	for (i = 0; line[i]; i++)
		if (line[i] == '\n' || line[i] == '\r')
			line[i] = ' ';
	n = (int)strlen(line);
	line[n++] = '\n';
	do
		w = write(ctx->note_fd, line, (size_t)n);
	while (w < 0 && errno == EINTR);
}

static void scen_line(struct scen_ctx *ctx, const char *word,
		      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	scen_vline(ctx, word, fmt, ap);
	va_end(ap);
}

void scen_note(struct scen_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	scen_vline(ctx, "note", fmt, ap);
	va_end(ap);
}

static unsigned int scen_key_bit(char key)
{
	if (key == '+')
		return 1u << 26;
	if (key == '-')
		return 1u << 27;
	return key >= 'a' && key <= 'z' ? 1u << (key - 'a') : 0;
}

bool scen_take_key(struct scen_ctx *ctx, char key)
{
	unsigned int bit = scen_key_bit(key);

	if (!(ctx->keys & bit))
		return false;
	ctx->keys &= ~bit;
	return true;
}

void scen_keep_key(struct scen_ctx *ctx, char key)
{
	ctx->keys |= scen_key_bit(key);
}

static char scen_take_any(struct scen_ctx *ctx, const char *keys)
{
	for (; keys && *keys; keys++)
		if (scen_take_key(ctx, *keys))
			return *keys;
	return 0;
}

/*
 * procviz closed the control pipe: it is gone (or has stopped the run).
 * Take the whole process group down with us; the guardian (guard.h) gets
 * anything that left the group.
 */
static void scen_control_lost(void)
{
	kill(0, SIGKILL);
	_exit(1);
}

char scen_wait(struct scen_ctx *ctx, int ms, const char *keys)
{
	long long end = ms < 0 ? -1 : scen_now_ms() + ms;
	char k;

	for (;;) {
		struct pollfd p = { .fd = ctx->ctl_fd, .events = POLLIN };
		int left = -1, r;

		k = scen_take_any(ctx, keys);
		if (k)
			return k;
		if (end >= 0) {
			long long now = scen_now_ms();

			if (now >= end)
				return 0;
			left = (int)(end - now);
		}
		if (ctx->ctl_fd < 0) {
			if (left < 0)
				pause();
			else
				scen_sleep_ms(left);
			continue;
		}
		r = poll(&p, 1, left);
		if (r < 0 && errno != EINTR)
			scen_sleep_ms(left < 0 || left > 100 ? 100 : left);
		if (r > 0) {
			char buf[64];
			ssize_t n = read(ctx->ctl_fd, buf, sizeof(buf));
			ssize_t i;

			if (n == 0)
				scen_control_lost();
			for (i = 0; i < n; i++)
				ctx->keys |= scen_key_bit(buf[i]);
		}
	}
}

char scen_hold(struct scen_ctx *ctx, const char *keys)
{
	char want[32];

	/* 'n' always cuts a hold short: the lecturer wants to move on. */
	char k;

	snprintf(want, sizeof(want), "%sn", keys ? keys : "");
	k = scen_wait(ctx, ctx->pace_ms, want);
	if (k == 'n' && ctx->step_mode)
		ctx->keys |= scen_key_bit('n');
	return k;
}

static void scen_vstep(struct scen_ctx *ctx, const char *fmt, va_list ap)
{
	char num[32];

	ctx->step++;
	snprintf(num, sizeof(num), "step %d", ctx->step);
	scen_vline(ctx, num, fmt, ap);
}

void scen_step_now(struct scen_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	scen_vstep(ctx, fmt, ap);
	va_end(ap);
}

/* Step mode: the lecturer's n (or an urgent key) before the next step. */
static void scen_step_wait(struct scen_ctx *ctx)
{
	char want[32], k;

	if (!ctx->step_mode || scen_take_key(ctx, 'n'))
		return;
	snprintf(want, sizeof(want), "n%s", ctx->urgent ? ctx->urgent : "");
	scen_line(ctx, "wait", "n");
	k = scen_wait(ctx, -1, want);
	if (k != 'n')
		ctx->keys |= scen_key_bit(k);
}

void scen_step(struct scen_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	scen_step_wait(ctx);
	va_start(ap, fmt);
	scen_vstep(ctx, fmt, ap);
	va_end(ap);
}

/*
 * A machine-read protocol line ("fork ...", "reap ..."): never translated,
 * short, so one write() is atomic.
 */
static void __attribute__((format(printf, 2, 3)))
scen_announce(int fd, const char *fmt, ...)
{
	char line[96];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n <= 0 || (size_t)n >= sizeof(line))
		return;
	while (write(fd, line, (size_t)n) < 0 && errno == EINTR)
		;
}

pid_t scen_fork(struct scen_ctx *ctx, const char *comm, int flags)
{
	pid_t pid, parent;

	if (__atomic_add_fetch(ctx->nforks, 1, __ATOMIC_SEQ_CST) >
	    SCEN_MAX_PROCS) {
		__atomic_sub_fetch(ctx->nforks, 1, __ATOMIC_SEQ_CST);
		errno = EAGAIN;
		return -1;
	}
	parent = getpid();	/* getppid() in the child may already be 1 */
	pid = fork();
	if (pid == 0) {
		if (comm)
			prctl(PR_SET_NAME, comm, 0, 0, 0);
		/* Before anything else: procviz follows us from now on. */
		scen_announce(ctx->note_fd, "fork %d %d %.15s\n",
			      (int)getpid(), (int)parent, comm ? comm : "-");
		if (!(flags & SCEN_FORK_KEEP_CONTROL) && ctx->ctl_fd >= 0) {
			close(ctx->ctl_fd);
			ctx->ctl_fd = -1;
		}
		ctx->keys = 0;
	}
	return pid;
}

int scen_fork_n(struct scen_ctx *ctx, const char *comm, int n, pid_t *pids,
		int *forked)
{
	int i;

	*forked = 0;
	for (i = 0; i < n; i++) {
		pid_t pid = scen_fork(ctx, comm, 0);

		if (pid == 0)
			return i;
		if (pid < 0) {
			scen_note(ctx, "error: fork: %s", strerror(errno));
			break;
		}
		pids[(*forked)++] = pid;
	}
	return -1;
}

/* Write "reap PID BY STATUS" on the notes pipe, if fd 3 is still it. */
static void scen_announce_reap(pid_t pid, int status)
{
	struct stat st;

	if (fstat(SCEN_NOTES_FD, &st) < 0 || !S_ISFIFO(st.st_mode) ||
	    (fcntl(SCEN_NOTES_FD, F_GETFL) & O_ACCMODE) != O_WRONLY)
		return;
	scen_announce(SCEN_NOTES_FD, "reap %d %d %d\n", (int)pid,
		      (int)getpid(), status);
}

int scen_reap(pid_t pid)
{
	int status;
	pid_t r;

	do
		r = waitpid(pid, &status, 0);
	while (r < 0 && errno == EINTR);
	if (r == pid)
		scen_announce_reap(pid, status);
	return r < 0 ? -1 : status;
}

void scen_comm_of(pid_t pid, char *buf, size_t len)
{
	char path[64];
	ssize_t n = -1;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, buf, len - 1);
		close(fd);
	}
	if (n <= 0) {
		snprintf(buf, len, "?");
		return;
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
}
