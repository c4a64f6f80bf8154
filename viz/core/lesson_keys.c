/*
 * viz/core/lesson_keys.c - a running lesson file's keys, 'n', the
 * lines its program prints, and the hidden entry that executes the
 * program (lesson_run.h).
 *
 * A key acts only on processes of the lesson's own tree (the observer's
 * model), live ones, with the lecturer's own rights: a lesson file cannot
 * make procviz do what its user could not do at a shell.
 */
#define _GNU_SOURCE
#include "viz/core/lesson_run_int.h"

#include "common/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

/* ---- what the program prints --------------------------------------------- */

void lrun_take_at(struct lrun *r, const char *rest)
{
	char name[LF_LINE_MAX + 1];
	struct lrun_at at = { 0 };
	int i, k = 0;

	while (*rest == ' ')
		rest++;
	while (rest[k] && rest[k] != ' ' && k < LF_LINE_MAX) {
		name[k] = rest[k];
		k++;
	}
	name[k] = '\0';
	at.pid = atoi(rest + k);
	if (!k || !lesson_file_marker(r->lf, name, &at.source, &at.line))
		return;
	/* One line per process: its newest. */
	for (i = 0; i < r->nat; i++)
		if (r->at[i].pid == at.pid)
			break;
	if (i == r->nat && r->nat < LRUN_MAX_AT)
		r->nat++;
	if (i == r->nat)
		i = r->nat - 1;
	memmove(&r->at[1], &r->at[0], (size_t)i * sizeof(r->at[0]));
	r->at[0] = at;
}

/* The complete lines in the buffer, an over-long one cut. */
static void lrun_lines(struct lrun *r, bool eof)
{
	char *nl;
	size_t used;

	for (;;) {
		nl = memchr(r->buf, '\n', r->blen);
		if (!nl && r->blen >= LRUN_LINE - 1) {
			if (!r->skip_line) {
				r->buf[LRUN_LINE - 1] = '\0';
				lrun_line(r, r->buf);
			}
			r->skip_line = true;
			r->blen = 0;
			return;
		}
		if (!nl && !(eof && r->blen))
			return;
		used = nl ? (size_t)(nl - r->buf) + 1 : r->blen;
		if (nl)
			*nl = '\0';
		else
			r->buf[r->blen] = '\0';
		if (used > 1 && r->buf[used - 2] == '\r')
			r->buf[used - 2] = '\0';
		if (!r->skip_line)
			lrun_line(r, r->buf);
		r->skip_line = false;
		r->blen -= used;
		memmove(r->buf, r->buf + used, r->blen);
	}
}

void lrun_read(struct lrun *r)
{
	ssize_t n;

	while (r->l.run.note_fd >= 0) {
		n = read(r->l.run.note_fd, r->buf + r->blen,
			 LRUN_LINE - 1 - r->blen);
		if (n > 0) {
			r->blen += (size_t)n;
			lrun_lines(r, false);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		/* End of file: nobody of the lesson writes any more. */
		lrun_lines(r, true);
		close(r->l.run.note_fd);
		r->l.run.note_fd = -1;
	}
}

/* ---- the lecturer's keys ------------------------------------------------- */

/* Whether the live process @p is one @k acts on. */
static bool lrun_target(const struct lrun *r, const struct lf_key *k,
			const struct model_proc *p)
{
	int main_pid = (int)r->l.run.pid;

	if (p->gone_ms >= 0 || p->state == MODEL_ST_ZOMBIE)
		return false;
	switch (k->role) {
	case LF_ROLE_MAIN:
		return p->pid == main_pid;
	case LF_ROLE_CHILDREN:
		return p->ppid == main_pid;
	case LF_ROLE_ALL:
		return true;
	default:
		return fnmatch(k->name, p->comm, 0) == 0;
	}
}

/* Send @sig to @k's targets; how many got it, or -errno. */
static int lrun_signal_targets(struct lrun *r, const struct lf_key *k,
			       int sig, int *first)
{
	const struct model *m = observer_model(r->l.obs);
	int n = 0, e = 0;
	size_t i;

	*first = 0;
	for (i = 0; i < model_count(m); i++) {
		const struct model_proc *p = model_proc_at(m, i);

		if (!lrun_target(r, k, p))
			continue;
		if (kill(p->pid, sig) == 0) {
			/* Ended by the lecturer's key: no failure to report. */
			if (p->pid == (int)r->l.run.pid)
				r->main_signalled = true;
			if (!n++)
				*first = p->pid;
		} else {
			e = errno;
		}
	}
	return n ? n : e ? -e : -ESRCH;
}

static const char *lrun_role_text(const struct lf_key *k)
{
	switch (k->role) {
	case LF_ROLE_MAIN:
		return _("the main process");
	case LF_ROLE_CHILDREN:
		return _("its children");
	case LF_ROLE_ALL:
		return _("every process");
	default:
		return k->name;
	}
}

/*
 * Write @line to the program's stdin.  Nobody may read it any more: the
 * SIGPIPE that would end procviz is blocked and taken back, so the write
 * just fails with EPIPE.
 */
static ssize_t lrun_write_line(int fd, const char *line)
{
	struct timespec none = { 0, 0 };
	sigset_t pipe_set, old;
	ssize_t w;
	int e;

	if (fd < 0) {
		errno = EPIPE;
		return -1;
	}
	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	do
		w = write(fd, line, strlen(line));
	while (w < 0 && errno == EINTR);
	e = errno;
	if (w < 0 && e == EPIPE)
		while (sigtimedwait(&pipe_set, NULL, &none) < 0 &&
		       errno == EINTR)
			;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	errno = e;
	return w;
}

/* A lesson key's action (lrun_key). */
static int lrun_key_act(struct lrun *r, int key, char *msg, size_t len)
{
	const struct lesson_file *lf = r->lf;
	const struct lf_key *k = NULL;
	const char *label;
	char line[LF_LINE_MAX + 2];
	int i, n = 0, first = 0, sig;
	ssize_t w;

	for (i = 0; i < lf->nkeys; i++)
		if (lf->keys[i].key == key)
			k = &lf->keys[i];
	if (!k)
		return 0;
	label = lf_text_get(&k->label, lf_lang_now());
	if (!r->l.running) {
		snprintf(msg, len, "%s", _("the lesson has ended (r restarts "
					   "it)"));
		return -EPIPE;
	}
	i = (int)(k - lf->keys);
	switch (k->action) {
	case LF_ACT_STDIN:
		snprintf(line, sizeof(line), "%s\n", k->text);
		w = lrun_write_line(r->l.run.ctl_fd, line);
		n = w == (ssize_t)strlen(line) ? 1 : -(w < 0 ? errno : EIO);
		if (n > 0)
			snprintf(msg, len, _("%c: %s: wrote '%s' to its "
					     "stdin"), key, label, k->text);
		break;
	case LF_ACT_SIGNAL:
	case LF_ACT_PAUSE:
		sig = k->action == LF_ACT_SIGNAL ? k->sig :
		      r->paused[i] ? SIGCONT : SIGSTOP;
		n = lrun_signal_targets(r, k, sig, &first);
		if (n > 0 && k->action == LF_ACT_PAUSE)
			r->paused[i] = !r->paused[i];
		if (n > 0)
			snprintf(msg, len, _("%c: %s: SIG%s to %d process(es)"
					     ", pid %d first"), key, label,
				 lf_signal_name(sig), n, first);
		break;
	}
	if (n == -ESRCH)
		snprintf(msg, len, _("%c: no live process is %s"), key,
			 lrun_role_text(k));
	else if (n == -EPIPE)
		snprintf(msg, len, _("%c: nobody reads the program's stdin any "
				     "more"), key);
	else if (n < 0)
		snprintf(msg, len, "%c: %s", key, strerror(-n));
	return n < 0 ? n : 1;
}

/* What the key makes the program print may fire a step at once. */
int lrun_key(struct lesson *l, int key, char *msg, size_t len)
{
	int rc = lrun_key_act(lrun_of(l), key, msg, len);

	lrun_tick(l);
	return rc;
}

int lrun_next(struct lesson *l, char *msg, size_t len)
{
	struct lrun *r = lrun_of(l);

	if (r->next >= r->lf->nsteps) {
		snprintf(msg, len, "%s", _("no more steps"));
		return -EINVAL;
	}
	lrun_fire(r);
	lrun_tick(l);
	return 0;
}

/* ---- in the lesson's main process --------------------------------------- */

int lrun_child_main(int argc, char **argv)
{
	long tracer = argc >= 5 ? atol(argv[2]) : -1;
	int rc;

	/*
	 * procviz's tracer may trace us (Yama ptrace_scope 1: it is not our
	 * ancestor), before procviz seizes us and says go.
	 */
	if (tracer > 0)
		prctl(PR_SET_PTRACER, (unsigned long)tracer, 0, 0, 0);
	if (argc < 5 || tracer < 0 || scen_child_ready() < 0) {
		fprintf(stderr, _("procviz: run: %s is internal to "
				  "procviz\n"), LRUN_CHILD_OPTION);
		return 2;
	}
	argc--;
	argv++;
	/* stdin: the lesson keys' lines; stdout, stderr: to procviz. */
	if (dup2(4, 0) < 0 || dup2(3, 1) < 0 || dup2(3, 2) < 0)
		_exit(127);
	close(3);
	close(4);
	setenv("PYTHONUNBUFFERED", "1", 1);
	if (chdir(argv[2]) < 0) {
		rc = errno;
		printf("procviz: lesson: directory %s: %s\n", argv[2],
		       strerror(rc));
		fflush(stdout);
		_exit(127);
	}
	execvp(argv[3], argv + 3);
	rc = errno;
	printf("procviz: lesson: %s: %s\n", argv[3], strerror(rc));
	fflush(stdout);
	_exit(rc == ENOENT ? 127 : 126);
}
