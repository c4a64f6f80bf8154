/*
 * scenarios/gil.c - the course's point about Python: four CPU-bound
 * threads in one Python process take turns on the global interpreter
 * lock (about one runs at a time, the others ready or blocked on the GIL);
 * four processes run at once, on as many CPUs as there are.
 *
 * The lesson runs python3 (from PATH) on a script it writes to a
 * temporary file.  The file is unlinked as soon as it is written and
 * python3 opens it through /proc/self/fd, so nothing is left on disk
 * however the run ends.  python3 keeps the lesson's environment, so the
 * marker the guardian sweeps for (guard.h) is in its exec-time
 * environment too.  It prints its timings on a pipe; the lesson turns
 * them into notes.  Like scen_fork() and scen_reap(), the script
 * announces its forks and reaps on the notes pipe (fd 3, scenario.h).
 * Without python3 the lesson says so and exits with status 1.
 */
#define _GNU_SOURCE
#include "scenarios/scenario.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define GIL_WORKERS "4"

/*
 * argv: MODE (threads|procs) N PACE_MS.  Prints one line on stdout:
 * "MODE N VERSION PID WALL_S CPU_S NCPU GIL" for the lesson to turn into
 * a (translated) note.
 */
static const char gil_script[] =
"import os, sys, threading, time\n"
"mode, n, pace = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])\n"
"try:\n"
"    import ctypes\n"
"    _prctl = ctypes.CDLL(None).prctl\n"
"except Exception:\n"
"    _prctl = None\n"
"def name(s):\n"
"    if _prctl:\n"
"        _prctl(15, s.encode()[:15], 0, 0, 0)\n"
"def announce(line):\n"
"    try:\n"
"        os.write(3, (line + '\\n').encode())\n"
"    except OSError:\n"
"        pass\n"
"def burn(k):\n"
"    x = 0\n"
"    for i in range(k):\n"
"        x += i\n"
"    return x\n"
"t = time.thread_time(); burn(300000)\n"
"k = int(300000 / max(time.thread_time() - t, 1e-6) * pace / 2000)\n"
"def work(i, label):\n"
"    name('%s-%d' % (label, i))\n"
"    burn(k)\n"
"gil = getattr(sys, '_is_gil_enabled', lambda: True)()\n"
"w0, c0 = time.perf_counter(), os.times()\n"
"if mode == 'threads':\n"
"    name('gil-threads')\n"
"    ts = [threading.Thread(target=work, args=(i + 1, 'py-thread'))\n"
"          for i in range(n)]\n"
"    for th in ts: th.start()\n"
"    for th in ts: th.join()\n"
"    c1 = os.times()\n"
"    cpu = c1.user + c1.system - c0.user - c0.system\n"
"else:\n"
"    name('gil-procs')\n"
"    kids, me = [], os.getpid()\n"
"    for i in range(n):\n"
"        pid = os.fork()\n"
"        if pid == 0:\n"
"            announce('fork %d %d py-proc-%d' % (os.getpid(), me, i + 1))\n"
"            work(i + 1, 'py-proc')\n"
"            os._exit(0)\n"
"        kids.append(pid)\n"
"    for pid in kids:\n"
"        announce('reap %d %d %d' % (pid, me, os.waitpid(pid, 0)[1]))\n"
"    c1 = os.times()\n"
"    cpu = c1.children_user + c1.children_system - c0.children_user \\\n"
"        - c0.children_system\n"
"wall = time.perf_counter() - w0\n"
"print(mode, n, sys.version.split()[0], os.getpid(), '%.3f' % wall,\n"
"      '%.3f' % cpu, os.cpu_count() or 1, int(gil), flush=True)\n";

/* The python3 that execvp() would run, in @buf; false if there is none. */
static bool gil_find_python(char *buf, size_t len)
{
	const char *path = getenv("PATH");
	const char *p = path ? path : "/usr/local/bin:/usr/bin:/bin";

	while (*p) {
		size_t n = strcspn(p, ":");

		snprintf(buf, len, "%.*s%spython3", (int)n, n ? p : ".",
			 "/");
		if (access(buf, X_OK) == 0)
			return true;
		p += n;
		if (*p == ':')
			p++;
	}
	return false;
}

/* The script in an unlinked temporary file; its fd, or -1. */
static int gil_script_fd(struct scen_ctx *ctx)
{
	const char *dir = getenv("TMPDIR");
	char path[PATH_MAX];
	size_t len = sizeof(gil_script) - 1;
	int fd;

	snprintf(path, sizeof(path), "%s/procviz-gil-XXXXXX.py",
		 dir && *dir ? dir : "/tmp");
	fd = mkostemps(path, 3, O_CLOEXEC);
	if (fd < 0) {
		scen_note(ctx, "error: the script's temporary file %s: %s",
			  path, strerror(errno));
		return -1;
	}
	unlink(path);	/* nothing on disk from here on */
	if (write(fd, gil_script, len) != (ssize_t)len) {
		scen_note(ctx, "error: writing the script: %s",
			  strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* python3's result line: its numbers as a note. */
static bool gil_result(struct scen_ctx *ctx, const char *line)
{
	char mode[16], version[32];
	double wall, cpu;
	int n, pid, ncpu, gil;

	if (sscanf(line, "%15s %d %31s %d %lf %lf %d %d", mode, &n, version,
		   &pid, &wall, &cpu, &ncpu, &gil) != 8 || wall <= 0)
		return false;
	if (strcmp(mode, "threads") == 0)
		scen_note(ctx, "%d threads (python %s, pid %d): wall time %.2f "
			  "s, CPU time %.2f s: CPU/wall %.1f on %d CPUs", n,
			  version, pid, wall, cpu, cpu / wall, ncpu);
	else
		scen_note(ctx, "%d processes (python %s, pid %d): wall time "
			  "%.2f s, CPU time %.2f s: CPU/wall %.1f on %d CPUs",
			  n, version, pid, wall, cpu, cpu / wall, ncpu);
	if (!gil)
		scen_note(ctx, "this python3 is a free-threaded build: it has "
			  "no GIL, so its threads run in parallel too");
	return true;
}

/* Read python3's output (small: one line) until end of file. */
static void gil_read(int fd, char *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while (got < len - 1) {
		n = read(fd, buf + got, len - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	buf[got] = '\0';
}

/* Run one phase: python3 SCRIPT MODE 4 PACE; false if it failed. */
static bool gil_phase(struct scen_ctx *ctx, const char *python, int fd,
		      const char *mode)
{
	char script[64], pace[16], out[256];
	int p[2], st;
	pid_t pid;

	snprintf(script, sizeof(script), "/proc/self/fd/%d", fd);
	snprintf(pace, sizeof(pace), "%d", ctx->pace_ms);
	if (pipe2(p, O_CLOEXEC) < 0) {
		scen_note(ctx, "error: pipe: %s", strerror(errno));
		return false;
	}
	pid = scen_fork(ctx, "gil-python", 0);
	if (pid == 0) {
		char *argv[] = { "python3", script, (char *)mode,
				 GIL_WORKERS, pace, NULL };

		fcntl(fd, F_SETFD, 0);	/* python3 opens it by /proc */
		if (dup2(p[1], 1) < 0)
			_exit(127);
		execv(python, argv);
		scen_note(ctx, "error: exec %s: %s", python, strerror(errno));
		_exit(127);
	}
	close(p[1]);
	if (pid < 0) {
		close(p[0]);
		scen_note(ctx, "error: fork: %s", strerror(errno));
		return false;
	}
	gil_read(p[0], out, sizeof(out));
	close(p[0]);
	st = scen_reap(pid);
	if (st < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0 ||
	    !gil_result(ctx, out)) {
		scen_note(ctx, "error: python3 (pid %d) failed (wait status "
			  "%d)", (int)pid, st);
		return false;
	}
	return true;
}

static int gil_run(struct scen_ctx *ctx)
{
	char python[PATH_MAX];
	int fd;

	if (!gil_find_python(python, sizeof(python))) {
		scen_note(ctx, "error: python3 is not installed (not found in "
			  "PATH): the gil lesson runs Python threads; install "
			  "python3 and run it again");
		return 1;
	}
	fd = gil_script_fd(ctx);
	if (fd < 0)
		return 1;
	scen_step(ctx, "One Python process, %s CPU-bound threads: only the "
		  "thread holding the GIL runs; the others are ready or "
		  "blocked on it (lock). About one CPU's worth of work.",
		  GIL_WORKERS);
	if (!gil_phase(ctx, python, fd, "threads")) {
		close(fd);
		return 1;
	}
	scen_hold(ctx, NULL);
	scen_step(ctx, "Now %s Python processes doing the same work: each has "
		  "its own interpreter and GIL, so they all run, on as many "
		  "CPUs as there are.", GIL_WORKERS);
	if (!gil_phase(ctx, python, fd, "procs")) {
		close(fd);
		return 1;
	}
	close(fd);
	scen_hold(ctx, NULL);
	return 0;
}

static const char *const gil_explain[] = {
	N_("CPython's global interpreter lock lets one thread at a time run"),
	N_("Python code: CPU-bound threads take turns. Processes each have"),
	N_("their own interpreter and lock, so they run in parallel on"),
	N_("several CPUs."),
	NULL,
};

static const struct scen_control gil_controls[] = {
	{ 0, NULL },
};

const struct scenario scen_gil = {
	.name = "gil",
	.chapter = SCEN_CH_THREADS,
	.title = N_("The GIL: Python threads take turns, processes run "
			  "at once"),
	.description = N_("four CPU-bound Python threads run about one at a "
			  "time; four Python processes run in parallel"),
	.explain = gil_explain,
	.nsteps = 2,
	.main_comm = "gil-demo",
	.controls = gil_controls,
	.threads = true,
	.run = gil_run,
};
