/*
 * scenarios/manager.c - a Manager process (multiprocessing.Manager): a
 * server process holds a shared dictionary; four workers update it through
 * requests over a UNIX socket.  Between requests the manager is blocked in
 * accept() (wait `socket`).  It serves one request at a time, so the
 * updates never race.
 *
 * The socket is in the abstract namespace (no file on disk, nothing left
 * behind).  A request is one line: "add KEY N", "get" or "quit"; the
 * reply is the dictionary after it, as one line.
 */
#define _GNU_SOURCE
#include "scenarios/lineio.h"
#include "scenarios/scenario.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define MGR_WORKERS 4
#define MGR_UPDATES 3		/* requests per worker */
#define MGR_KEYS (MGR_WORKERS + 1)
#define MGR_LINE 200

struct mgr_dict {
	char key[MGR_KEYS][16];
	int val[MGR_KEYS];
	int n;
};

static void mgr_addr(struct sockaddr_un *a, socklen_t *len, pid_t owner)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	/* Abstract: sun_path[0] is NUL. */
	*len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
			   (size_t)snprintf(a->sun_path + 1,
					    sizeof(a->sun_path) - 1,
					    "procviz-manager-%d", (int)owner));
}

static void mgr_format(const struct mgr_dict *d, char *buf, size_t len)
{
	size_t n = (size_t)snprintf(buf, len, "{");
	int i;

	for (i = 0; i < d->n && n < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%s'%s': %d",
				      i ? ", " : "", d->key[i], d->val[i]);
	if (n < len)
		snprintf(buf + n, len - n, "}");
}

static void mgr_add(struct mgr_dict *d, const char *key, int v)
{
	int i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->key[i], key) == 0)
			break;
	if (i == d->n) {
		if (d->n == MGR_KEYS)
			return;
		snprintf(d->key[d->n], sizeof(d->key[0]), "%s", key);
		d->val[d->n++] = 0;
	}
	d->val[i] += v;
}

/* The manager: one connection, one request, one reply, in turn. */
static void mgr_serve(struct scen_ctx *ctx, int lfd)
{
	struct mgr_dict d = { .n = 0 };
	char req[MGR_LINE], out[MGR_LINE], key[16];
	int v;

	mgr_add(&d, "total", 0);

	for (;;) {
		int c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		bool quit;

		if (c < 0) {
			if (errno == EINTR)
				continue;
			_exit(2);
		}
		lineio_read(c, req, sizeof(req));
		quit = strcmp(req, "quit") == 0;
		if (sscanf(req, "add %15s %d", key, &v) == 2) {
			mgr_add(&d, key, v);
			mgr_add(&d, "total", v);
		}
		mgr_format(&d, out, sizeof(out));
		if (strncmp(req, "add ", 4) == 0)
			scen_note(ctx, "manager: %s -> %s", req, out);
		strcat(out, "\n");
		if (write(c, out, strlen(out)) < 0)
			scen_note(ctx, "manager: reply: %s", strerror(errno));
		close(c);
		if (quit)
			_exit(0);
	}
}

/* One request to the manager at @owner; the reply in @out. */
static int mgr_request(pid_t owner, const char *req, char *out, size_t len)
{
	struct sockaddr_un a;
	socklen_t alen;

	mgr_addr(&a, &alen, owner);
	return lineio_request(AF_UNIX, (struct sockaddr *)&a, alen, req, out,
			      len);
}

static void mgr_worker(struct scen_ctx *ctx, pid_t owner, int w)
{
	char req[64], out[MGR_LINE];
	int i;

	for (i = 0; i < MGR_UPDATES; i++) {
		scen_spin_ms(ctx->pace_ms / 10);	/* compute the update */
		/* Request i adds i: 1 + 2 + 3, as the step says. */
		snprintf(req, sizeof(req), "add worker-%d %d", w, i + 1);
		if (mgr_request(owner, req, out, sizeof(out)) < 0)
			_exit(2);
		scen_sleep_ms(ctx->pace_ms / 4);
	}
	_exit(0);
}

/* The dictionary as the manager holds it now, as a note. */
static void mgr_note_dict(struct scen_ctx *ctx, pid_t owner)
{
	char out[MGR_LINE];

	if (mgr_request(owner, "get", out, sizeof(out)) == 0)
		scen_note(ctx, "at step %d the dictionary is %s", ctx->step,
			  out);
	else
		scen_note(ctx, "at step %d the manager did not answer: %s",
			  ctx->step, strerror(errno));
}

static int mgr_workers(struct scen_ctx *ctx, pid_t owner)
{
	pid_t pids[MGR_WORKERS];
	int i, n;

	i = scen_fork_n(ctx, "mgr-worker", MGR_WORKERS, pids, &n);
	if (i >= 0)
		mgr_worker(ctx, owner, i + 1);
	for (i = 0; i < n; i++)
		scen_reap(pids[i]);
	return n;
}

static int mgr_run(struct scen_ctx *ctx)
{
	struct sockaddr_un a;
	socklen_t alen;
	pid_t owner = getpid(), mgr;
	int lfd, n;

	lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	mgr_addr(&a, &alen, owner);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&a, alen) < 0 ||
	    listen(lfd, 16) < 0) {
		scen_note(ctx, "error: manager socket: %s", strerror(errno));
		return 1;
	}
	scen_step(ctx, "The manager process holds a dictionary and waits for "
		  "requests on a UNIX socket: blocked in accept() (socket).");
	mgr = scen_fork(ctx, "manager", 0);
	if (mgr == 0)
		mgr_serve(ctx, lfd);
	close(lfd);
	if (mgr < 0) {
		scen_note(ctx, "error: fork: %s", strerror(errno));
		return 1;
	}
	mgr_note_dict(ctx, owner);
	scen_hold(ctx, NULL);
	scen_step(ctx, "%d workers update the dictionary: each sends %d "
		  "requests over the socket, adding 1, then 2, then 3 to its "
		  "own entry (%d in all). The manager serves one at a time, "
		  "so no update is lost.", MGR_WORKERS, MGR_UPDATES,
		  MGR_UPDATES * (MGR_UPDATES + 1) / 2);
	n = mgr_workers(ctx, owner);
	mgr_note_dict(ctx, owner);
	scen_hold(ctx, NULL);
	scen_step(ctx, "The workers are done: total is %d. The lesson asks "
		  "the manager to shut down.", n * MGR_UPDATES *
		  (MGR_UPDATES + 1) / 2);
	mgr_note_dict(ctx, owner);
	{
		char out[MGR_LINE];

		mgr_request(owner, "quit", out, sizeof(out));
	}
	scen_reap(mgr);
	scen_hold(ctx, NULL);
	return 0;
}

static const char *const mgr_explain[] = {
	N_("A Manager is a server process that owns shared data. Other"),
	N_("processes send it requests (here over a UNIX socket) and it"),
	N_("applies them one at a time. Between requests it sleeps in"),
	N_("accept()."),
	NULL,
};

static const struct scen_control mgr_controls[] = {
	{ 0, NULL },
};

const struct scenario scen_manager = {
	.name = "manager",
	.chapter = SCEN_CH_IPC,
	.title = N_("A Manager: a server process holds a shared "
			  "dictionary"),
	.description = N_("a manager process holds a dictionary; four workers "
			  "update it through requests on a UNIX socket"),
	.explain = mgr_explain,
	.nsteps = 3,
	.main_comm = "manager-demo",
	.controls = mgr_controls,
	.run = mgr_run,
};
