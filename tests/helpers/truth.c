/*
 * tests/helpers/truth.c - programs that record their own truth, for
 * tests/e2e/watch_exact.py: each fork's pid and parent, each exit status,
 * what each waitpid() returned, how long a zombie was held.
 *
 *   truth FILE MODE
 *
 * Lines appended to FILE (O_APPEND, one write each):
 *   fork PID PPID        PID was created by PPID
 *   exit PID WSTATUS     PID ended with this wait(2) status
 *   zombie PID MS        PID's parent held it as a zombie at least MS ms
 *   wait TEXT            what a waitpid() in the program returned
 *
 * Modes:
 *   short     20 children living 1 ms each, status i; reaped at once
 *   orphan    a child whose parent exits right after forking (status 7)
 *   double    a double fork: the middle lives ~0 ms, the grandchild 50 ms
 *   self S    record itself (fork by getppid()) and exit S (for a pipeline)
 *   threads   4 threads living ~60 ms, one forks a child (status 5),
 *             all joined
 *   stop      a child stops itself; the parent sees it stopped, continues
 *             it, sees it continued, reaps it (status 4)
 *   late      a child exits at once (status 6); its parent reaps it late
 * Nothing is written to stdout.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int out = -1;

static void rec(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	buf[n++] = '\n';
	if (write(out, buf, (size_t)n) != n)
		_exit(99);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* fork, recording it; the child gets 0. */
static pid_t rfork(void)
{
	pid_t parent = getpid(), pid = fork();

	if (pid < 0)
		_exit(98);
	if (pid > 0)
		rec("fork %d %d", (int)pid, (int)parent);
	return pid;
}

static int reap(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			_exit(97);
	rec("exit %d %d", (int)pid, st);
	return st;
}

static void mode_short(void)
{
	int i;

	for (i = 0; i < 20; i++) {
		pid_t pid = rfork();

		if (pid == 0) {
			sleep_ms(1);
			_exit(i);
		}
		reap(pid);
	}
}

static void mode_orphan(void)
{
	pid_t mid = rfork(), child;

	if (mid == 0) {
		pid_t orig = getpid();

		child = rfork();
		if (child == 0) {
			/* Wait until adopted, then end. */
			while (getppid() == orig)
				sleep_ms(1);
			sleep_ms(50);
			rec("exit %d %d", (int)getpid(), 7 << 8);
			_exit(7);
		}
		_exit(0);	/* right after forking */
	}
	reap(mid);
	sleep_ms(150);		/* the orphan ends while we still run */
}

static void mode_double(void)
{
	pid_t mid = rfork();

	if (mid == 0) {
		pid_t g = rfork();

		if (g == 0) {
			sleep_ms(50);
			rec("exit %d %d", (int)getpid(), 3 << 8);
			_exit(3);
		}
		_exit(0);
	}
	reap(mid);
	sleep_ms(150);
}

static void *thread_main(void *arg)
{
	if (arg) {
		pid_t pid = rfork();

		if (pid == 0)
			_exit(5);
		reap(pid);
	}
	sleep_ms(60);		/* less than procviz's default period */
	return NULL;
}

static void mode_threads(void)
{
	pthread_t t[4];
	int i;

	for (i = 0; i < 4; i++)
		if (pthread_create(&t[i], NULL, thread_main,
				   i == 2 ? (void *)1 : NULL))
			_exit(96);
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
}

static void mode_stop(void)
{
	int go[2], st;
	pid_t pid;
	char c = 'g';

	if (pipe(go) < 0)
		_exit(95);
	pid = rfork();
	if (pid == 0) {
		raise(SIGSTOP);
		/* Exit only once the parent saw us continue. */
		while (read(go[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(4);
	}
	while (waitpid(pid, &st, WUNTRACED) < 0)
		if (errno != EINTR)
			_exit(95);
	rec("wait stopped=%d sig=%d", WIFSTOPPED(st),
	    WIFSTOPPED(st) ? WSTOPSIG(st) : 0);
	sleep_ms(300);		/* a few samples see it stopped */
	kill(pid, SIGCONT);
	while (waitpid(pid, &st, WCONTINUED) < 0)
		if (errno != EINTR)
			_exit(95);
	rec("wait continued=%d", WIFCONTINUED(st));
	if (write(go[1], &c, 1) != 1)
		_exit(95);
	st = reap(pid);
	rec("wait exited=%d status=%d", WIFEXITED(st), WEXITSTATUS(st));
}

/* Whether @pid is a zombie (its /proc/PID/stat state is Z). */
static int is_zombie(pid_t pid)
{
	char path[64], buf[512], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && p[2] == 'Z';
}

static void mode_late(void)
{
	pid_t pid = rfork();
	long t0;
	int st;

	if (pid == 0)
		_exit(6);
	while (!is_zombie(pid))
		sleep_ms(1);
	t0 = now_ms();
	sleep_ms(200);
	st = reap(pid);
	rec("zombie %d %ld", (int)pid, now_ms() - t0);
	rec("wait exited=%d status=%d", WIFEXITED(st), WEXITSTATUS(st));
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: truth FILE MODE [ARG]\n");
		return 2;
	}
	out = open(argv[1], O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
	if (out < 0) {
		perror(argv[1]);
		return 2;
	}
	if (!strcmp(argv[2], "short"))
		mode_short();
	else if (!strcmp(argv[2], "orphan"))
		mode_orphan();
	else if (!strcmp(argv[2], "double"))
		mode_double();
	else if (!strcmp(argv[2], "threads"))
		mode_threads();
	else if (!strcmp(argv[2], "stop"))
		mode_stop();
	else if (!strcmp(argv[2], "late"))
		mode_late();
	else if (!strcmp(argv[2], "self") && argc > 3) {
		int s = atoi(argv[3]);

		rec("fork %d %d", (int)getpid(), (int)getppid());
		rec("exit %d %d", (int)getpid(), (s & 0xff) << 8);
		return s;
	} else {
		fprintf(stderr, "truth: unknown mode %s\n", argv[2]);
		return 2;
	}
	return 0;
}
