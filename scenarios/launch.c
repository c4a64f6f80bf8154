/*
 * scenarios/launch.c - launching, controlling and cleaning up a scenario
 * (launch.h).
 */
#define _GNU_SOURCE
#include "scenarios/launch.h"
#include "common/i18n.h"
#include "common/clock.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define ENV_PACE "PROCVIZ_SCEN_PACE_MS"
#define ENV_STEP "PROCVIZ_SCEN_STEP"
#define ENV_PARENT "PROCVIZ_SCEN_PARENT"
#define FD_NOTES SCEN_NOTES_FD
#define FD_CTL 4
#define FD_EXECERR 5
#define SCEN_GO_BYTE 'G'
#define LAUNCH_READY_MS 5000	/* the main process must be ready by then */

/* ---- in the scenario's main process ----------------------------------- */

/* Block until procviz sends the go byte; false if it is gone. */
static bool launch_wait_go(void)
{
	char c;
	ssize_t n;

	do
		n = read(FD_CTL, &c, 1);
	while (n < 0 && errno == EINTR);
	return n == 1 && c == SCEN_GO_BYTE;
}

int scen_child_ready(void)
{
	const char *parent = getenv(ENV_PARENT);

	if (!parent || !getenv(SCEN_MARKER_VAR) ||
	    fcntl(FD_NOTES, F_GETFD) < 0 || fcntl(FD_CTL, F_GETFD) < 0)
		return -EINVAL;
	if (getppid() != (pid_t)atol(parent))
		return -ESRCH;
	if (write(FD_NOTES, "ready\n", 6) != 6 || !launch_wait_go())
		return -EPIPE;
	unsetenv(ENV_PACE);
	unsetenv(ENV_STEP);
	unsetenv(ENV_PARENT);
	return 0;
}

int scen_child_main(int argc, char **argv)
{
	const char *pace = getenv(ENV_PACE), *step = getenv(ENV_STEP);
	const char *parent = getenv(ENV_PARENT);
	const char *marker = getenv(SCEN_MARKER_VAR);
	const struct scenario *scen;
	struct scen_ctx ctx;
	int *nforks;

	if (argc < 3 || !pace || !step || !parent || !marker ||
	    fcntl(FD_NOTES, F_GETFD) < 0 || fcntl(FD_CTL, F_GETFD) < 0) {
		fprintf(stderr, _("procviz: run: %s is internal to "
				  "procviz\n"), SCEN_CHILD_OPTION);
		return 2;
	}
	scen = scen_find(argv[2]);
	if (!scen)
		_exit(2);
	/* procviz died between fork and here: PDEATHSIG came too early. */
	if (getppid() != (pid_t)atol(parent))
		_exit(1);
	prctl(PR_SET_NAME, scen->main_comm, 0, 0, 0);
	/* Named: tell procviz, then wait until it follows us ("go"). */
	if (write(FD_NOTES, "ready\n", 6) != 6 || !launch_wait_go())
		_exit(1);
	nforks = mmap(NULL, sizeof(*nforks), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (nforks == MAP_FAILED)
		_exit(1);
	*nforks = 0;
	memset(&ctx, 0, sizeof(ctx));
	ctx.scen = scen;
	ctx.note_fd = FD_NOTES;
	ctx.ctl_fd = FD_CTL;
	ctx.pace_ms = atoi(pace) > 0 ? atoi(pace) : SCEN_PACE_MS_DEFAULT;
	ctx.step_mode = atoi(step) != 0;
	ctx.nforks = nforks;
	/* No process of the scenario needs the marker in its libc view. */
	unsetenv(ENV_PACE);
	unsetenv(ENV_STEP);
	unsetenv(ENV_PARENT);
	fcntl(FD_NOTES, F_SETFD, 0);
	fcntl(FD_CTL, F_SETFD, 0);
	_exit(scen->run(&ctx) & 0xff);
}

/* ---- in procviz -------------------------------------------------------- */

/* Move @fd to a number >= 10 so that dup2() onto 3..5 cannot clobber it. */
static int launch_high_fd(int fd)
{
	return fcntl(fd, F_DUPFD_CLOEXEC, 10);
}

/*
 * Set every signal to its default disposition, including the two that
 * glibc keeps for itself (32, 33) and refuses in sigaction(): an ignored
 * disposition survives exec, so one inherited from whoever started procviz
 * would reach the scenario.  Those two go through the raw system call,
 * whose struct layout below is the one of x86-64 and arm64.
 */
static void launch_default_signals(void)
{
	struct sigaction sa;
	int sig;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (sig = 1; sig < NSIG; sig++) {
		if (sig == SIGKILL || sig == SIGSTOP)
			continue;
		if (sigaction(sig, &sa, NULL) == 0)
			continue;
#if defined(__x86_64__) || defined(__aarch64__)
		{
			struct {
				void (*handler)(int);
				unsigned long flags;
				void (*restorer)(void);
				unsigned long mask;
			} ksa = { SIG_DFL, 0, NULL, 0 };

			syscall(SYS_rt_sigaction, sig, &ksa, NULL,
				sizeof(ksa.mask));
		}
#endif
	}
}

/*
 * Between fork and exec: only async-signal-safe calls.  Reports a failure
 * as an errno on the exec-error pipe and exits 127.
 */
static void launch_child(const char *exe, char *const argv[],
			 char *const envp[], int notes, int ctl, int err,
			 pid_t parent)
{
	sigset_t none;
	int e, devnull;

	launch_default_signals();
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (setpgid(0, 0) < 0)
		goto fail;
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	if (getppid() != parent)
		_exit(127);	/* procviz died before PDEATHSIG was armed */
	notes = launch_high_fd(notes);
	ctl = launch_high_fd(ctl);
	err = launch_high_fd(err);
	devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (notes < 0 || ctl < 0 || err < 0 || devnull < 0)
		goto fail;
	if (dup2(devnull, 0) < 0 || dup2(devnull, 1) < 0 ||
	    dup2(devnull, 2) < 0 || dup2(notes, FD_NOTES) < 0 ||
	    dup2(ctl, FD_CTL) < 0 || dup3(err, FD_EXECERR, O_CLOEXEC) < 0)
		goto fail;
	err = FD_EXECERR;
	syscall(SYS_close_range, (unsigned int)FD_EXECERR + 1, ~0U, 0U);
	execve(exe, argv, envp);
fail:
	e = errno;
	if (err >= 0 && write(err, &e, sizeof(e)) < 0)
		e = 0;
	_exit(127);
}

/* The path of our own binary, for the re-exec. */
static void launch_exe_path(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);

	/* A binary replaced while we run is still reachable through /proc. */
	if (n <= 0 || (size_t)n >= len - 1 ||
	    (buf[n] = '\0', strstr(buf, " (deleted)")))
		snprintf(buf, len, "/proc/self/exe");
}

/* environ without any PROCVIZ_SCEN*, after our own entries; NULL-ended. */
static char **launch_envp(struct scen_run *run, char own[4][SCEN_LINE_MAX])
{
	size_t n = 0, i, k = 0;
	char **envp;

	while (environ && environ[n])
		n++;
	envp = calloc(n + 5, sizeof(*envp));
	if (!envp)
		return NULL;
	snprintf(own[0], SCEN_LINE_MAX, "%s", run->guard.marker);
	snprintf(own[1], SCEN_LINE_MAX, ENV_PACE "=%d", run->opts.pace_ms);
	snprintf(own[2], SCEN_LINE_MAX, ENV_STEP "=%d", run->opts.step_mode);
	snprintf(own[3], SCEN_LINE_MAX, ENV_PARENT "=%d", (int)getpid());
	for (i = 0; i < 4; i++)
		envp[k++] = own[i];
	for (i = 0; i < n; i++)
		if (strncmp(environ[i], "PROCVIZ_SCEN", 12) != 0)
			envp[k++] = environ[i];
	envp[k] = NULL;
	return envp;
}

/* Wait for the main process's "ready" line (bounded). */
static int launch_wait_ready(struct scen_run *run)
{
	long long end = clock_now_ms() + LAUNCH_READY_MS;
	char buf[8];
	size_t got = 0;

	while (got < 6) {
		struct pollfd p = { .fd = run->note_fd, .events = POLLIN };
		long long left = end - clock_now_ms();
		ssize_t n;

		if (left <= 0)
			return -ETIMEDOUT;
		if (poll(&p, 1, (int)left) < 0 && errno != EINTR)
			return -errno;
		n = read(run->note_fd, buf + got, 6 - got);
		if (n == 0)
			return -ECHILD;	/* it died */
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			return -errno;
		if (n > 0)
			got += (size_t)n;
	}
	return memcmp(buf, "ready\n", 6) == 0 ? 0 : -EPROTO;
}

int scen_run_go(struct scen_run *run)
{
	char c = SCEN_GO_BYTE;

	if (run->ctl_fd < 0)
		return -EPIPE;
	return write(run->ctl_fd, &c, 1) == 1 ? 0 : -errno;
}

static int launch_start(struct scen_run *run, const struct scenario *scen,
			char *const argv[], const struct scen_opts *opts);

static void launch_close(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

int scen_run_start(struct scen_run *run, const struct scenario *scen,
		   const struct scen_opts *opts)
{
	char name[64];
	char *argv[] = { "procviz", "run", SCEN_CHILD_OPTION, name, NULL };

	snprintf(name, sizeof(name), "%s", scen->name);
	return launch_start(run, scen, argv, opts);
}

int scen_run_start_argv(struct scen_run *run, char *const argv[],
			const struct scen_opts *opts)
{
	return launch_start(run, NULL, argv, opts);
}

static int launch_start(struct scen_run *run, const struct scenario *scen,
			char *const argv[], const struct scen_opts *opts)
{
	int notes[2] = { -1, -1 }, ctl[2] = { -1, -1 }, err[2] = { -1, -1 };
	char exe[PATH_MAX], own[4][SCEN_LINE_MAX];
	char **envp = NULL;
	pid_t pid, parent = getpid();
	ssize_t n;
	int r, e = 0;

	memset(run, 0, sizeof(*run));
	run->note_fd = run->ctl_fd = run->pidfd = -1;
	run->guard.fd = -1;
	run->scen = scen;
	run->opts = *opts;
	if (run->opts.pace_ms <= 0)
		run->opts.pace_ms = SCEN_PACE_MS_DEFAULT;
	launch_exe_path(exe, sizeof(exe));
	/* The guardian first, so that it never holds these pipes' ends. */
	r = scen_guard_start(&run->guard);
	if (r < 0)
		goto fail;
	if (pipe2(notes, O_CLOEXEC) < 0 || pipe2(ctl, O_CLOEXEC) < 0 ||
	    pipe2(err, O_CLOEXEC) < 0) {
		r = -errno;
		goto fail;
	}
	envp = launch_envp(run, own);
	if (!envp) {
		r = -ENOMEM;
		goto fail;
	}
	pid = fork();
	if (pid < 0) {
		r = -errno;
		goto fail;
	}
	if (pid == 0)
		launch_child(exe, argv, envp, notes[1], ctl[0], err[1],
			     parent);
	setpgid(pid, pid);	/* here too: no window in the wrong group */
	run->pid = pid;
	/* Our unreaped child: this pidfd is certainly it. */
	run->pidfd = scen_pidfd_open(pid);
	if (run->pidfd >= 0)
		fcntl(run->pidfd, F_SETFD, FD_CLOEXEC);
	free(envp);
	envp = NULL;
	launch_close(&notes[1]);
	launch_close(&ctl[0]);
	launch_close(&err[1]);
	do
		n = read(err[0], &e, sizeof(e));
	while (n < 0 && errno == EINTR);
	launch_close(&err[0]);
	if (n == (ssize_t)sizeof(e)) {
		r = -(e ? e : EIO);
		goto fail;
	}
	run->start_time = scen_proc_start_time(pid);
	r = scen_guard_watch(&run->guard, pid);
	if (r < 0 && r != -ESRCH)
		goto fail;
	run->note_fd = notes[0];
	run->ctl_fd = ctl[1];
	notes[0] = ctl[1] = -1;		/* run owns them now */
	fcntl(run->note_fd, F_SETFL, O_NONBLOCK);
	fcntl(run->ctl_fd, F_SETFL, O_NONBLOCK);
	r = launch_wait_ready(run);
	if (r < 0)
		goto fail;
	return 0;
fail:
	free(envp);
	launch_close(&notes[0]);
	launch_close(&notes[1]);
	launch_close(&ctl[0]);
	launch_close(&ctl[1]);
	launch_close(&err[0]);
	launch_close(&err[1]);
	scen_run_clear(run);
	return r;
}

/* "fork PID PPID COMM" or "reap PID BY STATUS"; false if malformed. */
static bool launch_parse_proc(const char *line, struct scen_msg *msg)
{
	long v[3] = { 0, 0, 0 };
	const char *p = line + 5;
	char *end;
	int i, nums = line[0] == 'f' ? 2 : 3;

	for (i = 0; i < nums; i++) {
		errno = 0;
		v[i] = strtol(p, &end, 10);
		if (end == p || errno || v[i] < INT_MIN || v[i] > INT_MAX ||
		    (i < 2 && v[i] <= 0) || (*end != ' ' && *end != '\0'))
			return false;
		p = *end ? end + 1 : end;
	}
	if (*end && nums == 3)
		return false;
	msg->kind = nums == 2 ? SCEN_MSG_FORK : SCEN_MSG_REAP;
	msg->pid = (int)v[0];
	msg->ppid = (int)v[1];
	msg->status = (int)v[2];
	if (nums == 2)
		snprintf(msg->text, sizeof(msg->text), "%s", p);
	return true;
}

/* Parse one line (without its newline) into @msg; false if malformed. */
static bool launch_parse(struct scen_run *run, char *line,
			 struct scen_msg *msg)
{
	char *rest;
	long step;

	memset(msg, 0, sizeof(*msg));
	if (strncmp(line, "note ", 5) == 0) {
		msg->kind = SCEN_MSG_NOTE;
		snprintf(msg->text, sizeof(msg->text), "%s", line + 5);
		return true;
	}
	if (strncmp(line, "wait ", 5) == 0) {
		msg->kind = SCEN_MSG_WAIT;
		snprintf(msg->text, sizeof(msg->text), "%s", line + 5);
		run->waiting = true;
		return true;
	}
	if (strncmp(line, "fork ", 5) == 0 || strncmp(line, "reap ", 5) == 0)
		return launch_parse_proc(line, msg);
	if (strncmp(line, "step ", 5) == 0) {
		step = strtol(line + 5, &rest, 10);
		if (rest == line + 5 || step <= 0 || step > 1000)
			return false;
		while (*rest == ' ')
			rest++;
		msg->kind = SCEN_MSG_STEP;
		msg->step = (int)step;
		snprintf(msg->text, sizeof(msg->text), "%s", rest);
		run->step = (int)step;
		run->waiting = false;
		return true;
	}
	return false;
}

int scen_run_read(struct scen_run *run, struct scen_msg *msg)
{
	for (;;) {
		char *nl = memchr(run->buf, '\n', run->len);
		ssize_t n;

		if (nl) {
			size_t used = (size_t)(nl - run->buf) + 1;
			bool ok;

			*nl = '\0';
			ok = launch_parse(run, run->buf, msg);
			run->len -= used;
			memmove(run->buf, run->buf + used, run->len);
			if (ok)
				return 1;
			continue;
		}
		if (run->len == sizeof(run->buf))
			run->len = 0;	/* an over-long line: drop it */
		if (run->note_fd < 0)
			return -EPIPE;
		n = read(run->note_fd, run->buf + run->len,
			 sizeof(run->buf) - run->len);
		if (n > 0) {
			run->len += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return 0;
		launch_close(&run->note_fd);	/* EOF or error */
		run->len = 0;
		return -EPIPE;
	}
}

int scen_run_control(struct scen_run *run, char key)
{
	const struct scen_control *c;
	bool known = key == 'n';
	ssize_t n;

	if (!run->scen)
		return -EINVAL;
	for (c = run->scen->controls; c->key; c++)
		if (c->key == key)
			known = true;
	if (!known)
		return -EINVAL;
	if (run->ctl_fd < 0)
		return -EPIPE;
	do
		n = write(run->ctl_fd, &key, 1);
	while (n < 0 && errno == EINTR);
	if (n == 1)
		return 0;
	return errno == EAGAIN ? -EAGAIN : -EPIPE;
}

int scen_run_signal(struct scen_run *run, int sig)
{
	if (!run->guard.marker[0])
		return -ESRCH;
	return scen_guard_sweep(run->guard.marker, sig);
}

int scen_run_alive(struct scen_run *run)
{
	int n = scen_run_signal(run, 0);

	return n < 0 ? 0 : n;
}

/*
 * Reap the main process (waitid on its pidfd when we have one: exact even
 * if someone else reaped it and its pid was reused).  Returns 1 if reaped
 * now, 0 if not (still running with WNOHANG, or reaped elsewhere).
 */
static int launch_reap_main(struct scen_run *run, int flags)
{
	siginfo_t si;
	int st, r;

	if (run->pid <= 0 || run->main_reaped)
		return 0;
	memset(&si, 0, sizeof(si));
	do
		r = run->pidfd >= 0 ?
		    waitid(P_PIDFD, (id_t)run->pidfd, &si, WEXITED | flags) :
		    waitid(P_PID, (id_t)run->pid, &si, WEXITED | flags);
	while (r < 0 && errno == EINTR);
	if (r < 0 || si.si_pid != run->pid)
		return 0;
	/* Back to a wait status, as waitpid() would give it. */
	if (si.si_code == CLD_EXITED)
		st = (si.si_status & 0xff) << 8;
	else
		st = (si.si_status & 0x7f) | (si.si_code == CLD_DUMPED ?
					      0x80 : 0);
	scen_run_main_reaped(run, st);
	return 1;
}

int scen_run_reap_main(struct scen_run *run)
{
	return launch_reap_main(run, WNOHANG);
}

void scen_run_main_reaped(struct scen_run *run, int status)
{
	run->main_reaped = true;
	run->main_status = status;
}

int scen_run_stop(struct scen_run *run)
{
	struct timespec ts = { 0, 20 * 1000000L };
	int i, n = 0;

	if (run->pid <= 0)
		return 0;
	/* The group: by pidfd, or while its leader is provably ours. */
	scen_group_kill_checked(run->pidfd, run->pid, run->start_time, SIGKILL);
	for (i = 0; i < 250; i++) {
		n = scen_run_signal(run, SIGKILL);
		if (n <= 0)
			break;
		nanosleep(&ts, NULL);
	}
	return n < 0 ? n : 0;
}

void scen_run_clear(struct scen_run *run)
{
	if (run->pid > 0) {
		scen_run_stop(run);
		launch_reap_main(run, 0);
	}
	launch_close(&run->note_fd);
	launch_close(&run->ctl_fd);
	launch_close(&run->pidfd);
	scen_guard_stop(&run->guard);
	run->pid = 0;
}
