/*
 * viz/core/record_schema.c - the recording's lines, member by member
 * (record_schema.h): which members each kind of line has, which are
 * required, and the range of each value.  Unknown members are skipped.
 *
 * Snapshot fields take the whole int range: a recording holds what the
 * sampler produced, and replaying it must feed the model the same, odd
 * values included.
 */
#include "viz/core/record_schema.h"
#include "common/i18n.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

#define RECORD_T_MAX ((int64_t)1 << 53)

/* Any int. */
static int rd_int(struct json_reader *r, int *out, const char *what)
{
	return json_read_int_as(r, INT32_MIN, INT32_MAX, out, what);
}

static int rd_string(struct json_reader *r, char *buf, size_t cap,
		     const char *what)
{
	return json_read_string(r, buf, cap, what);
}

/* -- header -- */

static const char *const header_keys[] = {
	"procviz_record", "source", "scenario", "command", "pid",
	"interval_ms", "event_source", "subreaper", "sources", "threads",
	NULL
};
#define HEADER_NEED 0x73	/* all but scenario, command, subreaper */

struct header_ctx {
	struct record_header *h;
	unsigned seen;
};

static int header_version(struct json_reader *r)
{
	int64_t v;
	int rc = json_read_int(r, 0, INT64_MAX, &v, N_("the format version"));

	if (!rc && v != RECORD_VERSION) {
		r->pos--;
		return json_read_fail(r, "expected procviz_record %d (this "
				      "procviz reads version %d)",
				      RECORD_VERSION, RECORD_VERSION);
	}
	return rc;
}

static int header_member(struct json_reader *r, const char *key, void *arg)
{
	struct header_ctx *c = arg;
	struct record_header *h = c->h;
	int i = json_key_index(key, header_keys), rc;

	if (i < 0)
		return 1;
	c->seen |= 1u << i;
	switch (i) {
	case 0:
		return header_version(r);
	case 1:
		rc = rd_string(r, h->source, sizeof(h->source),
			       N_("the source"));
		if (!rc && strcmp(h->source, "run") &&
		    strcmp(h->source, "watch") && strcmp(h->source, "attach"))
			return json_read_fail(r, "expected source \"run\", "
					      "\"watch\" or \"attach\"");
		return rc;
	case 2:
		return json_read_string_or_null(r, h->scenario,
						sizeof(h->scenario),
						N_("the scenario"));
	case 3:
		return json_read_string_or_null(r, h->command,
						sizeof(h->command),
						N_("the command"));
	case 4:
		return json_read_int_as(r, 0, INT32_MAX, &h->pid,
					N_("the pid"));
	case 5:
		return json_read_int_as(r, 1, 1000000, &h->interval_ms,
					"interval_ms");
	case 6:
		return rd_string(r, h->event_source, sizeof(h->event_source),
				 N_("the event source"));
	case 7:
		h->say_subreaper = true;
		return json_read_bool(r, &h->subreaper, "subreaper");
	case 8:
		return rd_string(r, h->sources, sizeof(h->sources),
				 N_("the sources"));
	default:
		return json_read_bool(r, &h->threads, "threads");
	}
}

/* -- sample -- */

static const char *const proc_keys[] = {
	"pid", "ppid", "pgid", "sid", "state", "threads", "start", "cpu",
	"run_ns", "wait_ns", "exit_code", "comm", "parent_comm", "cmdline",
	"exec", "wait", "tasks_listed", "tty", "comm_from", NULL
};
#define PROC_NEED 0x1cff	/* all but run_ns, wait_ns, cmdline */
#define PROC_SCHEDSTAT 0x300	/* run_ns, wait_ns: both or neither */

struct proc_ctx {
	struct snap_proc *sp;
	unsigned seen;
};

/* -- what a task sleeps in: {"syscall":..,"fd":..,"wchan":..} -- */

static const char *const wait_keys[] = { "syscall", "fd", "wchan", NULL };

static int wait_member(struct json_reader *r, const char *key, void *arg)
{
	struct snap_wait *w = arg;

	switch (json_key_index(key, wait_keys)) {
	case 0:
		return rd_string(r, w->syscall, sizeof(w->syscall),
				 N_("a system call name"));
	case 1:
		return rd_string(r, w->fd, sizeof(w->fd), N_("an fd link"));
	case 2:
		return rd_string(r, w->wchan, sizeof(w->wchan), N_("a wchan"));
	default:
		return 1;
	}
}

static int rd_wait(struct json_reader *r, struct snap_wait *w)
{
	memset(w, 0, sizeof(*w));
	w->read = true;
	if (json_read_peek(r) != '{')
		return json_read_fail(r, "expected the wait (an object)");
	return json_read_object(r, wait_member, w, false);
}

/* -- a thread (task) of a sample -- */

static const char *const task_keys[] = {
	"pid", "tid", "state", "start", "cpu", "run_ns", "wait_ns", "comm",
	"wait", NULL
};
#define TASK_NEED 0x9f		/* pid, tid, state, start, cpu, comm */
#define TASK_SCHEDSTAT 0x60	/* run_ns, wait_ns: both or neither */

struct task_ctx {
	struct snap_task *t;
	unsigned seen;
};

static int task_member(struct json_reader *r, const char *key, void *arg)
{
	struct task_ctx *c = arg;
	struct snap_task *t = c->t;
	int i = json_key_index(key, task_keys), rc;
	size_t start = r->pos;
	char st[8];

	if (i < 0)
		return 1;
	c->seen |= 1u << i;
	switch (i) {
	case 0:
		return json_read_int_as(r, 1, INT32_MAX, &t->pid,
					N_("a pid > 0"));
	case 1:
		return json_read_int_as(r, 1, INT32_MAX, &t->tid,
					N_("a tid > 0"));
	case 2:
		rc = rd_string(r, st, sizeof(st), N_("a state letter"));
		if (!rc && strlen(st) != 1) {
			r->pos = start;
			return json_read_fail(r, "expected one state letter");
		}
		t->state = st[0];
		return rc;
	case 3:
		return json_read_u64(r, &t->start_ticks, N_("a start time"));
	case 4:
		return json_read_u64(r, &t->cpu_ticks, N_("a CPU time"));
	case 5:
		t->has_schedstat = true;
		return json_read_u64(r, &t->run_ns, "run_ns");
	case 6:
		t->has_schedstat = true;
		return json_read_u64(r, &t->wait_ns, "wait_ns");
	case 7:
		return rd_string(r, t->comm, sizeof(t->comm), N_("a comm"));
	default:
		return rd_wait(r, &t->wait);
	}
}

static int task_elem(struct json_reader *r, void *arg)
{
	struct snapshot *s = arg;
	struct task_ctx c = { 0 };
	int rc;

	c.t = snapshot_add_task(s, 0, 0);
	if (!c.t) {
		r->nomem = true;
		return -ENOMEM;
	}
	rc = json_read_object(r, task_member, &c, false);
	if (rc)
		return rc;
	if ((c.seen & TASK_SCHEDSTAT) &&
	    (c.seen & TASK_SCHEDSTAT) != TASK_SCHEDSTAT) {
		r->pos--;
		return json_read_fail(r, "expected both run_ns and wait_ns, "
				      "or neither");
	}
	return json_read_require(r, c.seen, TASK_NEED, task_keys, N_("a task"));
}

static int proc_state(struct json_reader *r, struct snap_proc *sp)
{
	size_t start = r->pos;
	char st[8];
	int rc = rd_string(r, st, sizeof(st), N_("a state letter"));

	if (!rc && strlen(st) != 1) {
		r->pos = start;
		return json_read_fail(r, "expected one state letter");
	}
	sp->state = st[0];
	return rc;
}

/* "announced" or "inherited" (model.h "Names"); absent: read. */
static int proc_comm_from(struct json_reader *r, struct snap_proc *sp)
{
	size_t start = r->pos;
	char from[16];
	int rc = rd_string(r, from, sizeof(from), N_("where the comm is from"));

	if (rc)
		return rc;
	if (!strcmp(from, "announced")) {
		sp->comm_from = SNAP_COMM_ANNOUNCED;
	} else if (!strcmp(from, "inherited")) {
		sp->comm_from = SNAP_COMM_INHERITED;
	} else {
		r->pos = start;
		return json_read_fail(r, "expected \"announced\" or "
				      "\"inherited\"");
	}
	return 0;
}

static int proc_member(struct json_reader *r, const char *key, void *arg)
{
	struct proc_ctx *c = arg;
	struct snap_proc *sp = c->sp;
	int i = json_key_index(key, proc_keys);

	if (i < 0)
		return 1;
	c->seen |= 1u << i;
	switch (i) {
	case 0:
		return json_read_int_as(r, 1, INT32_MAX, &sp->pid,
					N_("a pid > 0"));
	case 1:
		return rd_int(r, &sp->ppid, N_("a ppid"));
	case 2:
		return rd_int(r, &sp->pgid, N_("a pgid"));
	case 3:
		return rd_int(r, &sp->sid, N_("a sid"));
	case 4:
		return proc_state(r, sp);
	case 5:
		return rd_int(r, &sp->threads, N_("a thread count"));
	case 6:
		return json_read_u64(r, &sp->start_ticks, N_("a start time"));
	case 7:
		return json_read_u64(r, &sp->cpu_ticks, N_("a CPU time"));
	case 8:
		sp->has_schedstat = true;
		return json_read_u64(r, &sp->run_ns, "run_ns");
	case 9:
		sp->has_schedstat = true;
		return json_read_u64(r, &sp->wait_ns, "wait_ns");
	case 10:
		return rd_int(r, &sp->exit_code, N_("an exit code"));
	case 11:
		return rd_string(r, sp->comm, sizeof(sp->comm), N_("a comm"));
	case 12:
		return rd_string(r, sp->parent_comm, sizeof(sp->parent_comm),
				 N_("a parent comm"));
	case 13:
		sp->cmdline_valid = true;
		return rd_string(r, sp->cmdline, sizeof(sp->cmdline),
				 N_("a command line"));
	case 14:
		return json_read_bool(r, &sp->exec_seen, "exec");
	case 15:
		return rd_wait(r, &sp->wait);
	case 16:
		return json_read_bool(r, &sp->tasks_listed, "tasks_listed");
	case 17:
		return rd_int(r, &sp->tty_nr, N_("a tty"));
	default:
		return proc_comm_from(r, sp);
	}
}

static int proc_elem(struct json_reader *r, void *arg)
{
	struct snapshot *s = arg;
	struct proc_ctx c = { 0 };
	int rc;

	c.sp = snapshot_add_proc(s, 0);
	if (!c.sp) {
		r->nomem = true;
		return -ENOMEM;
	}
	rc = json_read_object(r, proc_member, &c, false);
	if (rc)
		return rc;
	if ((c.seen & PROC_SCHEDSTAT) &&
	    (c.seen & PROC_SCHEDSTAT) != PROC_SCHEDSTAT) {
		r->pos--;
		return json_read_fail(r, "expected both run_ns and wait_ns, "
				      "or neither");
	}
	return json_read_require(r, c.seen, PROC_NEED, proc_keys,
				 N_("a process"));
}

static const char *const vanished_keys[] = {
	"pid", "exit_code", "reaped_by", NULL
};

struct vanished_ctx {
	struct snap_vanished v;
	bool have_pid;
};

static int vanished_member(struct json_reader *r, const char *key,
			   void *arg)
{
	struct vanished_ctx *c = arg;
	struct snap_vanished *v = &c->v;
	int i = json_key_index(key, vanished_keys);

	if (i < 0)
		return 1;
	if (i == 0)
		c->have_pid = true;
	switch (i) {
	case 0:
		return json_read_int_as(r, 1, INT32_MAX, &v->pid,
					N_("a pid > 0"));
	case 1:
		return rd_int(r, &v->exit_code, N_("an exit code"));
	default:
		return rd_int(r, &v->reaped_by, N_("a reaper pid"));
	}
}

static int vanished_elem(struct json_reader *r, void *arg)
{
	struct snapshot *s = arg;
	struct vanished_ctx c = { .v = { .exit_code = -1 } };
	int rc = json_read_object(r, vanished_member, &c, false);

	if (rc)
		return rc;
	if (!c.have_pid) {
		r->pos--;
		return json_read_fail(r, "expected member \"pid\" in a "
				      "vanished process");
	}
	if (snapshot_add_vanished(s, c.v.pid, c.v.exit_code,
				  c.v.reaped_by)) {
		r->nomem = true;
		return -ENOMEM;
	}
	return 0;
}

static const char *const sample_keys[] = {
	"t_ms", "full", "interval_ms", "procs", "vanished", "tasks", NULL
};
#define SAMPLE_NEED 0x1b	/* all but interval_ms */

struct item_ctx {
	struct record_item *it;
	unsigned seen;
};

static int sample_member(struct json_reader *r, const char *key, void *arg)
{
	struct item_ctx *c = arg;
	struct snapshot *s = &c->it->snap;
	int i = json_key_index(key, sample_keys);

	if (i < 0)
		return 1;
	if (c->seen & (1u << i))
		return json_read_fail(r, "expected \"%s\" only once", key);
	c->seen |= 1u << i;
	switch (i) {
	case 0:
		return json_read_int(r, 0, RECORD_T_MAX, &c->it->t_ms,
				     "t_ms >= 0");
	case 1:
		return json_read_bool(r, &s->full, "full");
	case 2:
		return rd_int(r, &s->interval_ms, "interval_ms");
	case 3:
		return json_read_array(r, proc_elem, s, "procs");
	case 4:
		return json_read_array(r, vanished_elem, s, "vanished");
	default:
		return json_read_array(r, task_elem, s, "tasks");
	}
}

/* -- note -- */

static const char *const note_keys[] = { "t_ms", "text", NULL };
#define NOTE_NEED 0x3

static int note_member(struct json_reader *r, const char *key, void *arg)
{
	struct item_ctx *c = arg;
	int i = json_key_index(key, note_keys);

	if (i < 0)
		return 1;
	c->seen |= 1u << i;
	if (i == 0)
		return json_read_int(r, 0, RECORD_T_MAX, &c->it->t_ms,
				     "t_ms >= 0");
	return rd_string(r, c->it->text, sizeof(c->it->text),
			 N_("the note text"));
}

/* -- a line -- */

/* '{', "kind" first, its value into kind[16]; *kind_at: where it is. */
static int line_kind(struct json_reader *r, char *kind, size_t *kind_at)
{
	int rc = json_read_expect(r, '{',
				  N_("'{' (each line is one JSON object)"));

	if (rc)
		return rc;
	json_read_ws(r);
	if (r->len - r->pos < 6 || memcmp(r->s + r->pos, "\"kind\"", 6))
		return json_read_fail(r, "expected \"kind\" as the first "
				      "member");
	r->pos += 6;
	rc = json_read_expect(r, ':', "':'");
	json_read_ws(r);
	*kind_at = r->pos;
	if (!rc)
		rc = rd_string(r, kind, 16, N_("the kind"));
	return rc;
}

static int line_header(struct json_reader *r, const char *kind,
		       size_t kind_at, struct record_header *h)
{
	struct header_ctx c = { .h = h };
	int rc;

	if (strcmp(kind, "header")) {
		r->pos = kind_at;
		return json_read_fail(r, "expected kind \"header\" on the "
				      "first line (is this a procviz "
				      "recording?)");
	}
	memset(h, 0, sizeof(*h));
	rc = json_read_object(r, header_member, &c, true);
	if (!rc)
		rc = json_read_require(r, c.seen, HEADER_NEED, header_keys,
				       N_("the header"));
	return rc;
}

static int line_item(struct json_reader *r, const char *kind,
		     size_t kind_at, struct record_item *it)
{
	struct item_ctx c = { .it = it };
	int rc;

	if (strcmp(kind, "sample") == 0) {
		it->kind = RECORD_SAMPLE;
		snapshot_reset(&it->snap, 0, false);
		it->snap.interval_ms = 0;
		rc = json_read_object(r, sample_member, &c, true);
		if (!rc)
			rc = json_read_require(r, c.seen, SAMPLE_NEED,
					       sample_keys, N_("a sample"));
		it->snap.t_ms = it->t_ms;
		return rc;
	}
	if (strcmp(kind, "note") == 0) {
		it->kind = RECORD_NOTE;
		it->text[0] = '\0';
		rc = json_read_object(r, note_member, &c, true);
		if (!rc)
			rc = json_read_require(r, c.seen, NOTE_NEED,
					       note_keys, N_("a note"));
		return rc;
	}
	r->pos = kind_at;
	if (!strcmp(kind, "header"))
		return json_read_fail(r, "expected kind \"sample\" or "
				      "\"note\" (the header comes once, "
				      "first)");
	return json_read_fail(r, "expected kind \"sample\" or \"note\"");
}

int record_line_parse(struct json_reader *r, struct record_header *h,
		      struct record_item *it)
{
	char kind[16];
	size_t kind_at = 0;
	int rc = line_kind(r, kind, &kind_at);

	if (!rc)
		rc = h ? line_header(r, kind, kind_at, h) :
			 line_item(r, kind, kind_at, it);
	if (rc)
		return rc;
	json_read_ws(r);
	if (r->pos < r->len)
		return json_read_fail(r, "expected the end of the line after "
				      "the object");
	return 0;
}
