/*
 * viz/ui/ui_tasks.c - tasks and waits in words for the lesson view
 * (ui_tasks.h).
 */
#include "viz/ui/ui_tasks.h"

#include "viz/core/report_obs.h"
#include "common/i18n.h"

#include <stdio.h>
#include <string.h>

const char *ui_tasks_word(const struct model_proc *p)
{
	const char *w = wait_name(p->wait);

	if (p->state == MODEL_ST_BLOCKED && w)
		return _(w);
	return _(model_state_name(p->state));
}

void ui_tasks_detail(const struct model_proc *p, char *buf, size_t len)
{
	char what[160];
	size_t n;

	if (!len)
		return;
	buf[0] = '\0';
	if (!p)
		return;
	if (p->tid)
		n = (size_t)snprintf(buf, len, _("%d/%d %s (thread): "),
				     p->pid, p->tid, p->comm);
	else
		n = (size_t)snprintf(buf, len, _("%d %s: "), p->pid, p->comm);
	if (n >= len)
		return;
	if (p->state != MODEL_ST_BLOCKED) {
		snprintf(buf + n, len - n, "%s",
			 p->gone_ms >= 0 ? _("gone") :
			 _(model_state_name(p->state)));
		return;
	}
	report_obs_wait_text(p->wait, p->syscall, p->wchan, what,
			     sizeof(what));
	n += (size_t)snprintf(buf + n, len - n, "%s", what);
	if (n < len && (p->syscall[0] || p->wchan[0] || p->fd[0]))
		snprintf(buf + n, len - n, p->fd[0] ?
			 _(" - syscall %s on %s, wchan %s") :
			 _(" - syscall %s%s, wchan %s"),
			 p->syscall[0] ? p->syscall : "?", p->fd,
			 p->wchan[0] ? p->wchan : "?");
}

/* The wait words as the screen shows them (translated there, never in
 * the JSON): listed here so that xgettext finds them. */
static const char *const ui_tasks_words[] __attribute__((unused)) = {
	N_("lock"), N_("pipe"), N_("socket"), N_("child"), N_("sleep"),
	N_("signal"), N_("queue"), N_("poll"), N_("terminal"), N_("disk"),
	N_("other"),
};

const char *const ui_tasks_legend[] = {
	N_("What a blocked row waits for (B lock, B pipe...):"),
	N_("  lock      a mutex, semaphore, event (futex) or file lock"),
	N_("  pipe      a pipe or FIFO     socket  accept, connect, recv"),
	N_("  child     wait/waitpid       sleep   nanosleep, sleep()"),
	N_("  signal    pause, sigsuspend  queue   a message queue"),
	N_("  poll      poll/select/epoll  terminal  a read on a tty"),
	N_("  disk      state D            other   something else"),
	N_("  B blocked: the kernel does not say (another user's process)"),
	NULL,
};
