/*
 * viz/ui/ui_tasks.c - tasks and waits in words for the lesson view
 * (ui_tasks.h).
 */
#include "viz/ui/ui_tasks.h"

#include "viz/core/report_obs.h"

#include <stdio.h>
#include <string.h>

void ui_tasks_state(const struct model_proc *p, char *buf, size_t len)
{
	const char *w = wait_name(p->wait);

	if (p->state == MODEL_ST_BLOCKED && w)
		snprintf(buf, len, "%c %-8s", model_state_letter(p->state), w);
	else
		snprintf(buf, len, "%c %-8s", model_state_letter(p->state),
			 model_state_name(p->state));
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
		n = (size_t)snprintf(buf, len, "%d/%d %s (thread): ", p->pid,
				     p->tid, p->comm);
	else
		n = (size_t)snprintf(buf, len, "%d %s: ", p->pid, p->comm);
	if (n >= len)
		return;
	if (p->state != MODEL_ST_BLOCKED) {
		snprintf(buf + n, len - n, "%s",
			 p->gone_ms >= 0 ? "gone" : model_state_name(p->state));
		return;
	}
	report_obs_wait_text(p->wait, p->syscall, p->wchan, what,
			     sizeof(what));
	n += (size_t)snprintf(buf + n, len - n, "%s", what);
	if (n < len && (p->syscall[0] || p->wchan[0] || p->fd[0]))
		snprintf(buf + n, len - n, " - syscall %s%s%s, wchan %s",
			 p->syscall[0] ? p->syscall : "?",
			 p->fd[0] ? " on " : "", p->fd,
			 p->wchan[0] ? p->wchan : "?");
}

const char *const ui_tasks_legend[] = {
	"What a blocked row waits for (B lock, B pipe...):",
	"  lock      a mutex, semaphore, condition or event (futex)",
	"  pipe      a pipe or FIFO     socket  accept, connect, recv",
	"  child     wait/waitpid       sleep   nanosleep, sleep()",
	"  signal    pause, sigsuspend  queue   a message queue",
	"  poll      poll/select/epoll  terminal  a read on a tty",
	"  disk      state D            other   something else",
	"  B blocked: the kernel does not say (another user's process)",
	NULL,
};
