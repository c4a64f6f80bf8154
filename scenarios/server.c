/*
 * scenarios/server.c - the concurrent TCP server on loopback: it forks a
 * process per connection.  Each handler serves one client and exits.
 *  - First without a SIGCHLD handler, the classic bug: the server never
 *    calls wait(), so every finished handler stays a zombie.
 *  - Then the fix: a SIGCHLD handler reaps each handler as it ends.
 * The server listens on 127.0.0.1 only, on a random free port, and is
 * blocked in accept() (wait `socket`) between connections.  The clients
 * are the lesson's own processes.  'c' connects one more client.
 *
 * A request is one line: "hello N" (served by a handler), "count" (the
 * server tells how many of its handlers are zombies) or "quit".
 */
#define _GNU_SOURCE
#include "scenarios/lineio.h"
#include "scenarios/scenario.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define SRV_CLIENTS 3		/* per phase */
#define SRV_MAX_CLIENTS 16	/* per phase, with 'c' */
#define SRV_MAX_HANDLERS 32
#define SRV_LINE 128
/* How often the lesson reaps its own clients that have ended. */
#define SRV_REAP_MS 20

struct srv_phase {
	struct scen_ctx *ctx;
	int port;
	pid_t server;
	pid_t clients[SRV_MAX_CLIENTS];	/* not yet reaped */
	int nclients;
	int started;		/* clients started in this phase */
	int next_id;
};

/* In the fixed server: reap every handler that has ended. */
static void srv_on_sigchld(int sig)
{
	int e = errno;

	(void)sig;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	errno = e;
}

static void srv_reply(int fd, const char *text)
{
	size_t len = strlen(text);

	if (write(fd, text, len) != (ssize_t)len)
		return;
}

static char srv_state(pid_t pid)
{
	char path[64], buf[256], *p, st = '?';
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return st;
	if (fgets(buf, sizeof(buf), f) && (p = strrchr(buf, ')')) && p[1])
		st = p[2];
	fclose(f);
	return st;
}

static int srv_zombies(const pid_t *h, int n)
{
	int i, z = 0;

	for (i = 0; i < n; i++)
		z += srv_state(h[i]) == 'Z';
	return z;
}

/* A handler: serve one client, exit. */
static void srv_handler(struct scen_ctx *ctx, int c, const char *req)
{
	char out[SRV_LINE];

	scen_note(ctx, "conn-handler %d serves \"%s\"", (int)getpid(), req);
	scen_sleep_ms(ctx->pace_ms / 3);	/* the work */
	snprintf(out, sizeof(out), "served by %d\n", (int)getpid());
	srv_reply(c, out);
	_exit(0);
}

/* The server: accept, fork a handler per connection, never wait(). */
static void srv_server(struct scen_ctx *ctx, int lfd, bool fixed)
{
	pid_t handlers[SRV_MAX_HANDLERS];
	int nh = 0;

	if (fixed) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = srv_on_sigchld;
		sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGCHLD, &sa, NULL);
	}
	for (;;) {
		char req[SRV_LINE], out[SRV_LINE];
		int c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		pid_t h;

		if (c < 0) {
			if (errno == EINTR)
				continue;
			_exit(2);
		}
		lineio_read(c, req, sizeof(req));
		if (strcmp(req, "count") == 0 || strcmp(req, "quit") == 0) {
			int z = srv_zombies(handlers, nh), i;
			size_t o;

			/* "N Z", then (quit) the zombies' pids. */
			o = (size_t)snprintf(out, sizeof(out), "%d %d", nh, z);
			for (i = 0; req[0] == 'q' && i < nh &&
				    o + 16 < sizeof(out); i++)
				if (srv_state(handlers[i]) == 'Z')
					o += (size_t)snprintf(out + o,
							      sizeof(out) - o,
							      " %d",
							      (int)handlers[i]);
			snprintf(out + o, sizeof(out) - o, "\n");
			srv_reply(c, out);
			close(c);
			if (req[0] == 'q')
				_exit(0);
			continue;
		}
		h = scen_fork(ctx, "conn-handler", 0);
		if (h == 0) {
			close(lfd);
			srv_handler(ctx, c, req);
		}
		if (h > 0 && nh < SRV_MAX_HANDLERS)
			handlers[nh++] = h;
		close(c);
	}
}

/* One request to the server; the reply in @out.  0 or -1. */
static int srv_request(int port, const char *req, char *out, size_t len)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons((uint16_t)port),
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };

	return lineio_request(AF_INET, (struct sockaddr *)&a, sizeof(a), req,
			      out, len);
}

/* A client process of the lesson. */
static void srv_client(struct scen_ctx *ctx, int port, int id)
{
	char req[32], out[SRV_LINE];
	int by;

	snprintf(req, sizeof(req), "hello %d", id);
	if (srv_request(port, req, out, sizeof(out)) < 0) {
		scen_note(ctx, "tcp-client %d: %s", id, strerror(errno));
		_exit(1);
	}
	/* The reply is "served by PID" (protocol): said in words here. */
	if (sscanf(out, "served by %d", &by) == 1)
		scen_note(ctx, "tcp-client %d (pid %d): served by conn-handler "
			  "%d", id, (int)getpid(), by);
	else
		scen_note(ctx, "tcp-client %d (pid %d): %s", id, (int)getpid(),
			  out);
	_exit(0);
}

static void srv_add_client(struct srv_phase *ph)
{
	pid_t pid;

	if (ph->started == SRV_MAX_CLIENTS ||
	    ph->nclients == SRV_MAX_CLIENTS) {
		scen_note(ph->ctx, "c: enough clients for this step");
		return;
	}
	pid = scen_fork(ph->ctx, "tcp-client", 0);
	if (pid == 0)
		srv_client(ph->ctx, ph->port, ph->next_id);
	if (pid < 0) {
		scen_note(ph->ctx, "c: fork: %s", strerror(errno));
		return;
	}
	ph->next_id++;
	ph->started++;
	ph->clients[ph->nclients++] = pid;
}

/*
 * Reap the clients that have ended.  The clients are the lesson's own
 * children, not the server's: reaped at once, they are never mistaken
 * for the server's zombies (the lesson's point).
 */
static void srv_reap_clients(struct srv_phase *ph)
{
	int i, n = 0;

	for (i = 0; i < ph->nclients; i++) {
		if (srv_state(ph->clients[i]) == 'Z')
			scen_reap(ph->clients[i]);	/* at once */
		else
			ph->clients[n++] = ph->clients[i];
	}
	ph->nclients = n;
}

/* scen_wait() that reaps ended clients every SRV_REAP_MS meanwhile. */
static char srv_wait(struct srv_phase *ph, int ms, const char *keys)
{
	long long end = scen_now_ms() + ms, left;
	char k;

	for (;;) {
		srv_reap_clients(ph);
		left = end - scen_now_ms();
		if (left <= 0)
			return 0;
		k = scen_wait(ph->ctx, left < SRV_REAP_MS ? (int)left :
			      SRV_REAP_MS, keys);
		if (k)
			return k;
	}
}

/*
 * Hold one pace as scen_hold() does ('n' cuts it short and, in step
 * mode, stays pending); 'c' connects one more client (and holds again).
 */
static void srv_hold(struct srv_phase *ph)
{
	char k;

	while ((k = srv_wait(ph, ph->ctx->pace_ms, "cn")) == 'c') {
		scen_note(ph->ctx, "the lecturer pressed c: one more client "
			  "connects");
		srv_add_client(ph);
	}
	if (k == 'n' && ph->ctx->step_mode)
		scen_keep_key(ph->ctx, 'n');
}

/* Start a server on a new random port. */
static int srv_start(struct srv_phase *ph, bool fixed)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t alen = sizeof(a);
	int lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (lfd < 0 || bind(lfd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(lfd, 16) < 0 ||
	    getsockname(lfd, (struct sockaddr *)&a, &alen) < 0) {
		scen_note(ph->ctx, "error: server socket: %s", strerror(errno));
		if (lfd >= 0)
			close(lfd);
		return -1;
	}
	ph->port = ntohs(a.sin_port);
	ph->server = scen_fork(ph->ctx, "tcp-server", 0);
	if (ph->server == 0)
		srv_server(ph->ctx, lfd, fixed);
	close(lfd);
	if (ph->server < 0) {
		scen_note(ph->ctx, "error: fork: %s", strerror(errno));
		return -1;
	}
	scen_note(ph->ctx, "tcp-server %d (%s) listens on 127.0.0.1:%d, "
		  "blocked in accept()", (int)ph->server, fixed ?
		  _("with a SIGCHLD handler") : _("no SIGCHLD handler"),
		  ph->port);
	return 0;
}

/* Clients connect one after the other; wait for them all. */
static void srv_clients(struct srv_phase *ph)
{
	int i;

	for (i = 0; i < SRV_CLIENTS; i++) {
		srv_add_client(ph);
		srv_wait(ph, ph->ctx->pace_ms / 4, NULL);
	}
	srv_hold(ph);
	for (i = 0; i < ph->nclients; i++)
		scen_reap(ph->clients[i]);
	ph->nclients = 0;
	ph->started = 0;
}

/*
 * Ask the server how many handlers it forked and how many are zombies;
 * the zombies' pids (the "quit" reply has them) into @zpid[@max].
 * Returns how many pids.
 */
static int srv_count(struct srv_phase *ph, const char *req, pid_t *zpid,
		     int max)
{
	char out[SRV_LINE], *p, *end;
	int nh, z, n = 0;
	long v;

	if (srv_request(ph->port, req, out, sizeof(out)) < 0 ||
	    sscanf(out, "%d %d", &nh, &z) != 2)
		return 0;
	scen_note(ph->ctx, "tcp-server %d: %d connections served, %d "
		  "handlers are zombies", (int)ph->server, nh, z);
	p = out;
	strtol(p, &p, 10);
	strtol(p, &p, 10);
	while (n < max && (v = strtol(p, &end, 10)) > 0 && end != p) {
		zpid[n++] = (pid_t)v;
		p = end;
	}
	return n;
}

/* The parent pid of @pid, 0 if gone. */
static pid_t srv_ppid(pid_t pid)
{
	char path[64], buf[256], *p;
	int ppid = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	if (fgets(buf, sizeof(buf), f) && (p = strrchr(buf, ')')))
		sscanf(p + 2, "%*c %d", &ppid);
	fclose(f);
	return (pid_t)ppid;
}

/*
 * The old server is gone: its zombie handlers went to an adopter (init,
 * or the nearest subreaper).  Wait, a few paces at most, until it has
 * reaped them, so that the next step starts without them, and say so.
 */
static void srv_wait_adopted(struct srv_phase *ph, const pid_t *zpid, int n)
{
	long long end = scen_now_ms() + 4LL * ph->ctx->pace_ms;
	pid_t adopter = 0;
	int i, left;

	if (n == 0)
		return;
	for (;;) {
		left = 0;
		for (i = 0; i < n; i++)
			if (srv_state(zpid[i]) == 'Z') {
				left++;
				adopter = srv_ppid(zpid[i]);
			}
		if (left == 0 || scen_now_ms() >= end)
			break;
		srv_wait(ph, 50, NULL);
	}
	if (left == 0)
		scen_note(ph->ctx, "the old server's %d zombie handlers were "
			  "adopted and reaped", n);
	else
		scen_note(ph->ctx, "%d of the old server's zombie handlers are "
			  "still zombies: their adopter (pid %d) has not "
			  "reaped them yet", left, (int)adopter);
}

static int srv_run(struct scen_ctx *ctx)
{
	struct srv_phase ph = { .ctx = ctx, .next_id = 1 };
	pid_t zpid[SRV_MAX_HANDLERS];
	char out[SRV_LINE];
	int nz;

	scen_step(ctx, "tcp-server listens on 127.0.0.1 (a random free port) "
		  "and is blocked in accept() (socket). It has no SIGCHLD "
		  "handler. c connects one more client.");
	if (srv_start(&ph, false) < 0)
		return 1;
	srv_hold(&ph);
	scen_step(ctx, "Clients connect. The server forks a conn-handler per "
		  "connection; each serves its client and exits. Nobody calls "
		  "wait(): each finished handler stays a zombie. (The "
		  "tcp-clients are the lesson's own: it reaps them at once.)");
	srv_clients(&ph);
	srv_count(&ph, "count", NULL, 0);
	srv_hold(&ph);
	scen_step(ctx, "The fix: a new server whose SIGCHLD handler calls "
		  "waitpid() for each handler that ends. The old one quits; "
		  "its zombies go to init, which reaps them.");
	nz = srv_count(&ph, "quit", zpid, SRV_MAX_HANDLERS);
	scen_reap(ph.server);
	srv_wait_adopted(&ph, zpid, nz);
	if (srv_start(&ph, true) < 0)
		return 1;
	srv_hold(&ph);
	scen_step(ctx, "Clients connect to the fixed server: each handler is "
		  "reaped as soon as it exits - no zombies pile up.");
	srv_clients(&ph);
	srv_count(&ph, "count", NULL, 0);
	srv_hold(&ph);
	if (srv_request(ph.port, "quit", out, sizeof(out)) < 0)
		kill(ph.server, SIGKILL);
	scen_reap(ph.server);
	return 0;
}

static const char *const srv_explain[] = {
	N_("A concurrent server forks a child per connection. Each child"),
	N_("that ends is a zombie until the server waits for it: without a"),
	N_("SIGCHLD handler that calls waitpid(), zombies pile up, one per"),
	N_("connection."),
	NULL,
};

static const struct scen_control srv_controls[] = {
	{ 'c', N_("connect one more client") },
	{ 0, NULL },
};

const struct scenario scen_server = {
	.name = "server",
	.chapter = SCEN_CH_IPC,
	.title = N_("A concurrent TCP server: a process per connection"),
	.description = N_("a TCP server on loopback forks a handler per "
			  "client; without a SIGCHLD handler they stay "
			  "zombies"),
	.explain = srv_explain,
	.nsteps = 4,
	.main_comm = "server-demo",
	.controls = srv_controls,
	.run = srv_run,
};
