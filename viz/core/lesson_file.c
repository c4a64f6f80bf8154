/*
 * viz/core/lesson_file.c - parse a lesson file (lesson_file.h) with
 * libyaml's document loader, checking every member against the format of
 * procviz-lesson(5).  Sources and anchors: lesson_anchor.c.
 *
 * libyaml keeps an alias as a second reference to its node, never a copy,
 * and this walk only descends into the few levels the format has, each
 * bounded (LF_MAX_*), so a file of aliases cannot make it explode.
 */
#include "viz/core/lesson_file.h"

#include <errno.h>
#include <fnmatch.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* The parse: the document, the lesson being filled, the first error. */
struct lfp {
	yaml_document_t *doc;
	struct lesson_file *lf;
	char *err;
	size_t errlen;
	int rc;
};

static const char *const lf_lang_names[LF_LANG_N] = { "en", "zh_CN" };

static const char *const lf_trig_names[LF_TRIG_N] = {
	[LF_TRIG_KEY] = "key", [LF_TRIG_AFTER] = "after",
	[LF_TRIG_OUTPUT] = "output", [LF_TRIG_OUTPUT_RE] = "output-match",
	[LF_TRIG_SPAWN] = "spawn", [LF_TRIG_EXEC] = "exec",
	[LF_TRIG_EXIT] = "exit", [LF_TRIG_ZOMBIE] = "zombie",
	[LF_TRIG_REAP] = "reap", [LF_TRIG_BLOCK] = "block",
	[LF_TRIG_REPARENT] = "reparent", [LF_TRIG_ALIVE] = "alive",
	[LF_TRIG_ALIVE_MAX] = "alive-at-most",
};

const char *lf_trigger_name(enum lf_trigger_kind k)
{
	return k < LF_TRIG_N ? lf_trig_names[k] : "?";
}

/* Record the first error, at @mark ("PATH:LINE:COL: ..."); returns -1. */
static int __attribute__((format(printf, 3, 4)))
lfp_fail_at(struct lfp *p, const yaml_mark_t *mark, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (p->rc)
		return -1;
	p->rc = -EINVAL;
	n = snprintf(p->err, p->errlen, "%s:%zu:%zu: ", p->lf->path,
		     mark ? mark->line + 1 : 1, mark ? mark->column + 1 : 1);
	if (n < 0 || (size_t)n >= p->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

#define lfp_fail(p, node, ...) lfp_fail_at(p, &(node)->start_mark, __VA_ARGS__)

static int lfp_nomem(struct lfp *p)
{
	if (!p->rc) {
		p->rc = -ENOMEM;
		snprintf(p->err, p->errlen, "%s: out of memory", p->lf->path);
	}
	return -1;
}

static yaml_node_t *lfp_node(struct lfp *p, int id)
{
	return yaml_document_get_node(p->doc, id);
}

static bool lfp_is(const yaml_node_t *n, const char *s)
{
	size_t len = strlen(s);

	return n->type == YAML_SCALAR_NODE && n->data.scalar.length == len &&
	       memcmp(n->data.scalar.value, s, len) == 0;
}

static const char *lfp_type(const yaml_node_t *n)
{
	return n->type == YAML_MAPPING_NODE ? "a mapping" :
	       n->type == YAML_SEQUENCE_NODE ? "a list" : "a text";
}

/*
 * The scalar @n as a new string of at most @max bytes, no NUL inside,
 * not empty.  NULL after an error (named @what).
 */
static char *lfp_str(struct lfp *p, yaml_node_t *n, const char *what,
		     size_t max)
{
	size_t len;
	char *s;

	if (n->type != YAML_SCALAR_NODE) {
		lfp_fail(p, n, "%s: expected a text, found %s", what,
			 lfp_type(n));
		return NULL;
	}
	len = n->data.scalar.length;
	if (len == 0) {
		lfp_fail(p, n, "%s: empty", what);
		return NULL;
	}
	if (len > max) {
		lfp_fail(p, n, "%s: %zu bytes, more than the %zu allowed",
			 what, len, max);
		return NULL;
	}
	if (memchr(n->data.scalar.value, '\0', len)) {
		lfp_fail(p, n, "%s: holds a NUL character", what);
		return NULL;
	}
	s = strndup((const char *)n->data.scalar.value, len);
	if (!s)
		lfp_nomem(p);
	return s;
}

/* A whole number min..max; false after an error. */
static bool lfp_long(struct lfp *p, yaml_node_t *n, const char *what,
		     long min, long max, long *out)
{
	char buf[32], *end;

	if (n->type != YAML_SCALAR_NODE || n->data.scalar.length == 0 ||
	    n->data.scalar.length >= sizeof(buf))
		return lfp_fail(p, n, "%s: expected a number %ld..%ld", what,
				min, max) && false;
	memcpy(buf, n->data.scalar.value, n->data.scalar.length);
	buf[n->data.scalar.length] = '\0';
	errno = 0;
	*out = strtol(buf, &end, 10);
	if (errno || *end || end == buf || *out < min || *out > max)
		return lfp_fail(p, n, "%s: expected a number %ld..%ld, got "
				"'%s'", what, min, max, buf) && false;
	return true;
}

/* true/false/yes/no; false after an error. */
static bool lfp_bool(struct lfp *p, yaml_node_t *n, const char *what,
		     bool *out)
{
	if (lfp_is(n, "true") || lfp_is(n, "yes"))
		*out = true;
	else if (lfp_is(n, "false") || lfp_is(n, "no"))
		*out = false;
	else
		return lfp_fail(p, n, "%s: expected true or false", what) &&
		       false;
	return true;
}

#define LF_MAX_MEMBERS 32	/* members of any one mapping */

/*
 * A mapping's members are few and each given once (libyaml does not
 * check: a second `note:` would silently replace the first).
 */
static int lfp_members(struct lfp *p, yaml_node_t *n)
{
	yaml_node_pair_t *a, *b, *end = n->data.mapping.pairs.top;

	if (end - n->data.mapping.pairs.start > LF_MAX_MEMBERS)
		return lfp_fail(p, n, "more than %d members in one mapping",
				LF_MAX_MEMBERS);
	for (a = n->data.mapping.pairs.start; a < end; a++) {
		yaml_node_t *ka = lfp_node(p, a->key);

		if (ka->type != YAML_SCALAR_NODE)
			return lfp_fail(p, ka, "expected a name, found %s",
					lfp_type(ka));
		for (b = n->data.mapping.pairs.start; b < a; b++) {
			yaml_node_t *kb = lfp_node(p, b->key);

			if (kb->data.scalar.length == ka->data.scalar.length &&
			    !memcmp(kb->data.scalar.value, ka->data.scalar.value,
				    ka->data.scalar.length))
				return lfp_fail(p, ka, "%.*s: given twice",
						(int)(ka->data.scalar.length >
						      40 ? 40 :
						      ka->data.scalar.length),
						ka->data.scalar.value);
		}
	}
	return 0;
}

/*
 * A text in languages: a plain text (English) or a mapping from language
 * (en, zh_CN) to text.  @max bytes each.
 */
static int lfp_text(struct lfp *p, yaml_node_t *n, const char *what,
		    size_t max, struct lf_text *t)
{
	yaml_node_pair_t *pr;
	int l, found = 0;

	if (n->type == YAML_SCALAR_NODE) {
		t->s[LF_LANG_EN] = lfp_str(p, n, what, max);
		return t->s[LF_LANG_EN] ? 0 : -1;
	}
	if (n->type != YAML_MAPPING_NODE)
		return lfp_fail(p, n, "%s: expected a text or a mapping of "
				"languages (en, zh_CN)", what);
	if (lfp_members(p, n))
		return -1;
	for (pr = n->data.mapping.pairs.start;
	     pr < n->data.mapping.pairs.top; pr++) {
		yaml_node_t *k = lfp_node(p, pr->key);
		yaml_node_t *v = lfp_node(p, pr->value);

		for (l = 0; l < LF_LANG_N; l++)
			if (lfp_is(k, lf_lang_names[l]))
				break;
		if (l == LF_LANG_N && lfp_is(k, "zh"))
			l = LF_LANG_ZH_CN;
		if (l == LF_LANG_N)
			return lfp_fail(p, k, "%s: unknown language (expected "
					"en or zh_CN)", what);
		if (t->s[l])
			return lfp_fail(p, k, "%s: language %s given twice",
					what, lf_lang_names[l]);
		t->s[l] = lfp_str(p, v, what, max);
		if (!t->s[l])
			return -1;
		found++;
	}
	if (!found)
		return lfp_fail(p, n, "%s: in no language (give en or zh_CN)",
				what);
	return 0;
}

/* A name glob (fnmatch); "any" or "*" is NULL: every name. */
static int lfp_glob(struct lfp *p, yaml_node_t *n, const char *what,
		    char **out)
{
	*out = NULL;
	if (lfp_is(n, "any") || lfp_is(n, "*"))
		return 0;
	*out = lfp_str(p, n, what, 15 * 4);
	return *out ? 0 : -1;
}

/*
 * An extended regular expression, checked.  Bounded repetition counts are
 * limited to two digits: glibc expands them, and a{999}{999} would not end.
 */
static int lfp_regex(struct lfp *p, yaml_node_t *n, const char *what,
		     char **out)
{
	regex_t re;
	const char *s;
	int rc;

	*out = lfp_str(p, n, what, LF_LINE_MAX);
	if (!*out)
		return -1;
	for (s = *out; (s = strchr(s, '{')); s++) {
		size_t a = strspn(s + 1, "0123456789");
		const char *q = s + 1 + a;
		size_t b = *q == ',' ? strspn(q + 1, "0123456789") : 0;

		if (a > 2 || b > 2)
			return lfp_fail(p, n, "%s: a repetition count over 99",
					what);
	}
	rc = regcomp(&re, *out, REG_EXTENDED | REG_NOSUB);
	if (rc) {
		char msg[128];

		regerror(rc, &re, msg, sizeof(msg));
		return lfp_fail(p, n, "%s: not a regular expression: %s",
				what, msg);
	}
	regfree(&re);
	return 0;
}

/* A mapping's pairs; -1 after an error when @n is not one. */
static int lfp_map(struct lfp *p, yaml_node_t *n, const char *what,
		   yaml_node_pair_t **first, yaml_node_pair_t **end)
{
	if (n->type != YAML_MAPPING_NODE)
		return lfp_fail(p, n, "%s: expected a mapping, found %s", what,
				lfp_type(n));
	if (lfp_members(p, n))
		return -1;
	*first = n->data.mapping.pairs.start;
	*end = n->data.mapping.pairs.top;
	return 0;
}

/* ---- triggers ----------------------------------------------------------- */

static const char lfp_trig_list[] = "key, after, output, output-match, "
	"spawn, exec, exit, zombie, reap, block, reparent, alive, "
	"alive-at-most";

/* The trigger named by the key @k, or LF_TRIG_N. */
static enum lf_trigger_kind lfp_trig_kind(const yaml_node_t *k)
{
	int i;

	for (i = 0; i < LF_TRIG_N; i++)
		if (lfp_is(k, lf_trig_names[i]))
			return (enum lf_trigger_kind)i;
	return LF_TRIG_N;
}

/* The value of a trigger of kind @kind at @v. */
static int lfp_trig_value(struct lfp *p, struct lf_trigger *t,
			  yaml_node_t *v)
{
	char buf[32], *end;
	double sec;
	long n;

	switch (t->kind) {
	case LF_TRIG_KEY:
		if (!lfp_is(v, "n"))
			return lfp_fail(p, v, "key: steps advance on n only "
					"(the lesson's own keys are under "
					"keys:)");
		return 0;
	case LF_TRIG_AFTER:
		if (v->type != YAML_SCALAR_NODE || !v->data.scalar.length ||
		    v->data.scalar.length >= sizeof(buf))
			return lfp_fail(p, v, "after: expected seconds");
		memcpy(buf, v->data.scalar.value, v->data.scalar.length);
		buf[v->data.scalar.length] = '\0';
		errno = 0;
		sec = strtod(buf, &end);
		if (end == buf || (*end && strcmp(end, "s")) || errno ||
		    !(sec >= 0 && sec <= LF_MAX_SECONDS))
			return lfp_fail(p, v, "after: expected seconds "
					"0..%d, got '%s'", LF_MAX_SECONDS,
					buf);
		t->after_ms = (int64_t)(sec * 1000.0 + 0.5);
		return 0;
	case LF_TRIG_OUTPUT:
		t->text = lfp_str(p, v, "output", LF_LINE_MAX);
		return t->text ? 0 : -1;
	case LF_TRIG_OUTPUT_RE:
		return lfp_regex(p, v, "output-match", &t->text);
	case LF_TRIG_ALIVE:
	case LF_TRIG_ALIVE_MAX:
		if (!lfp_long(p, v, lf_trig_names[t->kind], 0, 4096, &n))
			return -1;
		t->count = (int)n;
		return 0;
	default:
		return lfp_glob(p, v, lf_trig_names[t->kind], &t->text);
	}
}

/*
 * `when:`: a plain `n` / `key`, or a mapping with one trigger and, for
 * event triggers, `task:` and (block) `wait:`.
 */
static int lfp_trigger(struct lfp *p, yaml_node_t *n, struct lf_trigger *t)
{
	yaml_node_pair_t *pr = NULL, *end = NULL;
	yaml_node_t *wait = NULL, *task = NULL;
	bool have = false;

	if (lfp_is(n, "n") || lfp_is(n, "key")) {
		t->kind = LF_TRIG_KEY;
		return 0;
	}
	if (n->type == YAML_SCALAR_NODE)
		return lfp_fail(p, n, "when: unknown trigger '%.*s' (one of: "
				"%s)", (int)(n->data.scalar.length > 40 ? 40 :
				n->data.scalar.length), n->data.scalar.value,
				lfp_trig_list);
	if (lfp_map(p, n, "when", &pr, &end))
		return -1;
	for (; pr < end; pr++) {
		yaml_node_t *k = lfp_node(p, pr->key);
		yaml_node_t *v = lfp_node(p, pr->value);
		enum lf_trigger_kind kind = lfp_trig_kind(k);

		if (lfp_is(k, "wait")) {
			wait = v;
			continue;
		}
		if (lfp_is(k, "task")) {
			task = v;
			continue;
		}
		if (kind == LF_TRIG_N)
			return lfp_fail(p, k, "when: unknown trigger '%.*s' "
					"(one of: %s)", k->type ==
					YAML_SCALAR_NODE ? (int)(k->data.scalar
					.length > 40 ? 40 : k->data.scalar
					.length) : 1, k->type ==
					YAML_SCALAR_NODE ? (const char *)k->data
					.scalar.value : "?", lfp_trig_list);
		if (have)
			return lfp_fail(p, k, "when: one trigger per step "
					"(a second one: %s)",
					lf_trig_names[kind]);
		have = true;
		t->kind = kind;
		if (lfp_trig_value(p, t, v))
			return -1;
	}
	if (!have)
		return lfp_fail(p, n, "when: no trigger (one of: %s)",
				lfp_trig_list);
	if (wait) {
		if (t->kind != LF_TRIG_BLOCK)
			return lfp_fail(p, wait, "wait: only for a block "
					"trigger");
		if (wait->type != YAML_SCALAR_NODE || lfp_is(wait, "any"))
			t->wait = WAIT_NONE;
		else {
			char w[16];
			size_t len = wait->data.scalar.length;

			snprintf(w, sizeof(w), "%.*s", (int)(len < 15 ? len :
				 15), wait->data.scalar.value);
			t->wait = len < 15 ? wait_from_name(w) : WAIT_NONE;
			if (t->wait == WAIT_NONE)
				return lfp_fail(p, wait, "wait: unknown '%s' "
						"(lock, pipe, socket, child, "
						"sleep, signal, queue, poll, "
						"terminal, disk, other)", w);
		}
	}
	if (task) {
		if (t->kind < LF_TRIG_SPAWN || t->kind > LF_TRIG_REPARENT)
			return lfp_fail(p, task, "task: only for an event "
					"trigger");
		if (lfp_is(task, "process"))
			t->task = LF_TASK_PROCESS;
		else if (lfp_is(task, "thread"))
			t->task = LF_TASK_THREAD;
		else if (!lfp_is(task, "any"))
			return lfp_fail(p, task, "task: expected process, "
					"thread or any");
	}
	return 0;
}

/* ---- steps and keys ----------------------------------------------------- */

/* The index of the source named @n (as listed), or -1 after an error. */
static int lfp_source_ref(struct lfp *p, yaml_node_t *n)
{
	int i;

	for (i = 0; i < p->lf->nsources; i++)
		if (lfp_is(n, p->lf->sources[i].name))
			return i;
	return lfp_fail(p, n, "source: not one of the lesson's sources "
			"(list it under sources:)");
}

static int lfp_step(struct lfp *p, yaml_node_t *n, struct lf_step *s)
{
	yaml_node_pair_t *pr = NULL, *end = NULL;
	yaml_node_t *src = NULL;
	bool when = false, note = false;
	long v;

	s->source = -1;
	s->line = (int)n->start_mark.line + 1;
	s->col = (int)n->start_mark.column + 1;
	if (lfp_map(p, n, "step", &pr, &end))
		return -1;
	for (; pr < end; pr++) {
		yaml_node_t *k = lfp_node(p, pr->key);
		yaml_node_t *val = lfp_node(p, pr->value);

		if (lfp_is(k, "id")) {
			free(s->id);
			s->id = lfp_str(p, val, "id", LF_LINE_MAX);
			if (!s->id)
				return -1;
		} else if (lfp_is(k, "when")) {
			when = true;
			if (lfp_trigger(p, val, &s->when))
				return -1;
		} else if (lfp_is(k, "note")) {
			note = true;
			if (lfp_text(p, val, "note", LF_TEXT_MAX, &s->note))
				return -1;
		} else if (lfp_is(k, "source")) {
			src = val;
		} else if (lfp_is(k, "marker") || lfp_is(k, "pattern")) {
			if (s->marker || s->pattern)
				return lfp_fail(p, k, "one anchor per step "
						"(marker or pattern)");
			s->aline = (int)val->start_mark.line + 1;
			s->acol = (int)val->start_mark.column + 1;
			if (lfp_is(k, "marker")) {
				s->marker = lfp_str(p, val, "marker",
						    LF_LINE_MAX);
				if (!s->marker)
					return -1;
				if (strpbrk(s->marker, " \t"))
					return lfp_fail(p, val, "marker: one "
							"word (the NAME of "
							"'# step: NAME')");
			} else if (lfp_regex(p, val, "pattern", &s->pattern)) {
				return -1;
			}
		} else if (lfp_is(k, "lines")) {
			if (!lfp_long(p, val, "lines", 1, 500, &v))
				return -1;
			s->count = (int)v;
		} else {
			return lfp_fail(p, k, "step: unknown key (id, when, "
					"note, source, marker, pattern, "
					"lines)");
		}
	}
	if (!when)
		return lfp_fail(p, n, "step: no 'when:' (what starts it)");
	if (!note)
		return lfp_fail(p, n, "step: no 'note:'");
	if (src && !s->marker && !s->pattern)
		return lfp_fail(p, src, "source: without a marker or pattern "
				"to anchor the lines");
	if (s->count && !s->marker && !s->pattern)
		return lfp_fail(p, n, "lines: without a marker or pattern");
	if (s->marker || s->pattern) {
		if (!p->lf->nsources)
			return lfp_fail(p, n, "step: an anchor, but the lesson "
					"lists no sources");
		s->source = src ? lfp_source_ref(p, src) : 0;
		if (s->source < 0)
			return -1;
	}
	return 0;
}

/* The keys procviz keeps for itself in a lesson (procviz(1) KEYS). */
static const char lfp_own_keys[] = "nqrs";

static int lfp_key_char(struct lfp *p, yaml_node_t *v, struct lf_key *k)
{
	int i;

	if (v->type != YAML_SCALAR_NODE || v->data.scalar.length != 1)
		return lfp_fail(p, v, "key: expected one letter or digit");
	k->key = (char)v->data.scalar.value[0];
	if (!((k->key >= 'a' && k->key <= 'z') ||
	      (k->key >= '0' && k->key <= '9')))
		return lfp_fail(p, v, "key: expected a lowercase letter or a "
				"digit");
	if (strchr(lfp_own_keys, k->key))
		return lfp_fail(p, v, "key: '%c' is procviz's own (n next, "
				"q quit, r restart, s freeze)", k->key);
	for (i = 0; i < p->lf->nkeys; i++)
		if (p->lf->keys[i].key == k->key)
			return lfp_fail(p, v, "key: '%c' is bound twice",
					k->key);
	return 0;
}

/* `to:` main, children, all, or a name glob. */
static int lfp_role(struct lfp *p, yaml_node_t *v, struct lf_key *k)
{
	if (lfp_is(v, "main"))
		k->role = LF_ROLE_MAIN;
	else if (lfp_is(v, "children"))
		k->role = LF_ROLE_CHILDREN;
	else if (lfp_is(v, "all"))
		k->role = LF_ROLE_ALL;
	else {
		k->role = LF_ROLE_NAME;
		if (lfp_glob(p, v, "to", &k->name))
			return -1;
		if (!k->name)
			k->role = LF_ROLE_ALL;
	}
	return 0;
}

static int lfp_key(struct lfp *p, yaml_node_t *n, struct lf_key *k)
{
	yaml_node_pair_t *pr = NULL, *end = NULL;
	yaml_node_t *key = NULL, *act = NULL;
	bool label = false, paused;

	if (lfp_map(p, n, "key", &pr, &end))
		return -1;
	k->role = LF_ROLE_MAIN;
	for (; pr < end; pr++) {
		yaml_node_t *kn = lfp_node(p, pr->key);
		yaml_node_t *v = lfp_node(p, pr->value);

		if (lfp_is(kn, "key")) {
			key = v;
			if (lfp_key_char(p, v, k))
				return -1;
		} else if (lfp_is(kn, "label")) {
			label = true;
			if (lfp_text(p, v, "label", LF_LINE_MAX, &k->label))
				return -1;
		} else if (lfp_is(kn, "to")) {
			if (lfp_role(p, v, k))
				return -1;
		} else if (lfp_is(kn, "signal") || lfp_is(kn, "stdin") ||
			   lfp_is(kn, "pause")) {
			if (act)
				return lfp_fail(p, kn, "key: one action (signal,"
						" stdin or pause)");
			act = kn;
			if (lfp_is(kn, "signal")) {
				char buf[16];
				size_t len = v->data.scalar.length;

				k->action = LF_ACT_SIGNAL;
				if (v->type != YAML_SCALAR_NODE || len >= 16)
					return lfp_fail(p, v, "signal: expected "
							"a signal name");
				memcpy(buf, v->data.scalar.value, len);
				buf[len] = '\0';
				k->sig = lf_signal_parse(buf);
				if (!k->sig)
					return lfp_fail(p, v, "signal: unknown "
							"'%s' (TERM, KILL, "
							"INT, HUP, USR1, ...)",
							buf);
			} else if (lfp_is(kn, "stdin")) {
				k->action = LF_ACT_STDIN;
				k->text = lfp_str(p, v, "stdin", LF_LINE_MAX);
				if (!k->text)
					return -1;
				if (strchr(k->text, '\n'))
					return lfp_fail(p, v, "stdin: one line");
			} else {
				k->action = LF_ACT_PAUSE;
				if (!lfp_bool(p, v, "pause", &paused))
					return -1;
				if (!paused)
					return lfp_fail(p, v, "pause: true "
							"or leave it out");
			}
		} else {
			return lfp_fail(p, kn, "key: unknown member (key, "
					"label, signal, stdin, pause, to)");
		}
	}
	if (!key)
		return lfp_fail(p, n, "key: no 'key:' (the letter)");
	if (!act)
		return lfp_fail(p, n, "key: no action (signal, stdin or "
				"pause)");
	if (!label)
		return lfp_fail(p, n, "key: no 'label:' (what the keys line "
				"says)");
	return 0;
}

/* ---- the lesson --------------------------------------------------------- */

/* A list of @what: each item is given to @item; @max items at most. */
static int lfp_list(struct lfp *p, yaml_node_t *n, const char *what,
		    int max, int (*item)(struct lfp *p, yaml_node_t *n,
					 int i), int *count)
{
	yaml_node_item_t *it;

	if (n->type != YAML_SEQUENCE_NODE)
		return lfp_fail(p, n, "%s: expected a list, found %s", what,
				lfp_type(n));
	for (it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++) {
		yaml_node_t *v = lfp_node(p, *it);

		if (*count >= max)
			return lfp_fail(p, v, "%s: more than %d", what, max);
		if (item(p, v, *count))
			return -1;
		(*count)++;
	}
	return 0;
}

static int lfp_step_item(struct lfp *p, yaml_node_t *n, int i)
{
	int rc = lfp_step(p, n, &p->lf->steps[i]);

	if (!rc && !p->lf->steps[i].id && !(p->lf->steps[i].id = strdup("")))
		return lfp_nomem(p);
	return rc;
}

static int lfp_key_item(struct lfp *p, yaml_node_t *n, int i)
{
	return lfp_key(p, n, &p->lf->keys[i]);
}

static int lfp_source_item(struct lfp *p, yaml_node_t *n, int i)
{
	struct lf_source *s = &p->lf->sources[i];
	int k;

	s->line = (int)n->start_mark.line + 1;
	s->col = (int)n->start_mark.column + 1;
	s->name = lfp_str(p, n, "sources", LF_LINE_MAX);
	if (!s->name)
		return -1;
	for (k = 0; k < i; k++)
		if (strcmp(p->lf->sources[k].name, s->name) == 0)
			return lfp_fail(p, n, "sources: '%s' listed twice",
					s->name);
	return 0;
}

static int lfp_arg_item(struct lfp *p, yaml_node_t *n, int i)
{
	p->lf->argv[i] = lfp_str(p, n, "command", LF_LINE_MAX);
	return p->lf->argv[i] ? 0 : -1;
}

/* `command:` a list of words, or one text split at blanks (no shell). */
static int lfp_command(struct lfp *p, yaml_node_t *n)
{
	struct lesson_file *lf = p->lf;
	char *line, *tok, *save = NULL;

	lf->argv = calloc(LF_MAX_ARGS + 1, sizeof(*lf->argv));
	if (!lf->argv)
		return lfp_nomem(p);
	if (n->type == YAML_SEQUENCE_NODE) {
		if (lfp_list(p, n, "command", LF_MAX_ARGS, lfp_arg_item,
			     &lf->argc))
			return -1;
	} else {
		line = lfp_str(p, n, "command", LF_LINE_MAX);
		if (!line)
			return -1;
		for (tok = strtok_r(line, " \t\n", &save);
		     tok && lf->argc < LF_MAX_ARGS;
		     tok = strtok_r(NULL, " \t\n", &save))
			if (!(lf->argv[lf->argc++] = strdup(tok))) {
				free(line);
				return lfp_nomem(p);
			}
		free(line);
	}
	if (!lf->argc)
		return lfp_fail(p, n, "command: empty");
	return 0;
}

static int lfp_top(struct lfp *p, yaml_node_t *root)
{
	static const char *const need[] = { "title", "command", "steps" };
	struct lesson_file *lf = p->lf;
	yaml_node_pair_t *pr = NULL, *end = NULL;
	yaml_node_t *steps = NULL;
	bool seen[3] = { false, false, false };
	long version;
	int i;

	if (root->type != YAML_MAPPING_NODE)
		return lfp_fail(p, root, "expected a lesson: a mapping with "
				"title, command and steps");
	if (lfp_members(p, root))
		return -1;
	pr = root->data.mapping.pairs.start;
	end = root->data.mapping.pairs.top;
	/* Sources first: steps refer to them, wherever they are written. */
	for (; pr < end; pr++)
		if (lfp_is(lfp_node(p, pr->key), "sources")) {
			yaml_node_t *v = lfp_node(p, pr->value);

			if (v->type == YAML_SCALAR_NODE) {
				if (lfp_source_item(p, v, 0))
					return -1;
				lf->nsources = 1;
			} else if (lfp_list(p, v, "sources", LF_MAX_SOURCES,
					    lfp_source_item, &lf->nsources)) {
				return -1;
			}
		}
	for (pr = root->data.mapping.pairs.start; pr < end; pr++) {
		yaml_node_t *k = lfp_node(p, pr->key);
		yaml_node_t *v = lfp_node(p, pr->value);
		int rc = 0;

		for (i = 0; i < 3; i++)
			if (lfp_is(k, need[i]))
				seen[i] = true;
		if (lfp_is(k, "procviz-lesson")) {
			if (!lfp_long(p, v, "procviz-lesson", 1, 1, &version))
				return -1;
		} else if (lfp_is(k, "title")) {
			rc = lfp_text(p, v, "title", LF_LINE_MAX, &lf->title);
		} else if (lfp_is(k, "chapter")) {
			rc = lfp_text(p, v, "chapter", LF_LINE_MAX,
				      &lf->chapter);
		} else if (lfp_is(k, "description")) {
			rc = lfp_text(p, v, "description", LF_LINE_MAX,
				      &lf->description);
		} else if (lfp_is(k, "command")) {
			rc = lfp_command(p, v);
		} else if (lfp_is(k, "directory")) {
			free(lf->workdir);
			lf->workdir = lfp_str(p, v, "directory", LF_LINE_MAX);
			rc = lf->workdir ? 0 : -1;
		} else if (lfp_is(k, "threads")) {
			rc = lfp_bool(p, v, "threads", &lf->threads) ? 0 : -1;
		} else if (lfp_is(k, "keys")) {
			rc = lfp_list(p, v, "keys", LF_MAX_KEYS, lfp_key_item,
				      &lf->nkeys);
		} else if (lfp_is(k, "steps")) {
			steps = v;
		} else if (!lfp_is(k, "sources")) {
			return lfp_fail(p, k, "unknown key (procviz-lesson, "
					"title, chapter, description, command,"
					" directory, sources, threads, keys, "
					"steps)");
		}
		if (rc)
			return -1;
	}
	/* Steps last: a key bound twice is named before they are. */
	if (steps && lfp_list(p, steps, "steps", LF_MAX_STEPS, lfp_step_item,
			      &lf->nsteps))
		return -1;
	for (i = 0; i < 3; i++)
		if (!seen[i])
			return lfp_fail(p, root, "no '%s:' (a lesson needs "
					"title, command and steps)", need[i]);
	if (!lf->nsteps)
		return lfp_fail(p, steps, "steps: none (a lesson needs one at "
				"least)");
	return 0;
}

void lesson_file_init(struct lesson_file *lf)
{
	memset(lf, 0, sizeof(*lf));
}

static void lf_text_clear(struct lf_text *t)
{
	int l;

	for (l = 0; l < LF_LANG_N; l++)
		free(t->s[l]);
}

void lesson_file_clear(struct lesson_file *lf)
{
	int i;

	free(lf->path);
	free(lf->dir);
	lf_text_clear(&lf->title);
	lf_text_clear(&lf->chapter);
	lf_text_clear(&lf->description);
	for (i = 0; lf->argv && i < lf->argc; i++)
		free(lf->argv[i]);
	free(lf->argv);
	free(lf->workdir);
	for (i = 0; i < LF_MAX_SOURCES; i++) {
		free(lf->sources[i].name);
		free(lf->sources[i].text);
		free(lf->sources[i].line_off);
	}
	for (i = 0; i < LF_MAX_STEPS; i++) {
		free(lf->steps[i].id);
		lf_text_clear(&lf->steps[i].note);
		free(lf->steps[i].when.text);
		free(lf->steps[i].marker);
		free(lf->steps[i].pattern);
	}
	for (i = 0; i < LF_MAX_KEYS; i++) {
		lf_text_clear(&lf->keys[i].label);
		free(lf->keys[i].text);
		free(lf->keys[i].name);
	}
	memset(lf, 0, sizeof(*lf));
}

/* The file's directory ("." for a bare name). */
static char *lf_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

/* libyaml's own complaint, at its mark. */
static int lfp_yaml_error(struct lfp *p, yaml_parser_t *yp,
			  const char *data, size_t len)
{
	const yaml_mark_t *m = &yp->problem_mark;

	if (yp->error == YAML_MEMORY_ERROR)
		return lfp_nomem(p);
	if (yp->error == YAML_READER_ERROR) {
		/* The reader gives an offset only: count its line, column. */
		yaml_mark_t at = { 0, 0, 0 };
		size_t i;

		for (i = 0; i < yp->problem_offset && i < len; i++) {
			if (data[i] == '\n') {
				at.line++;
				at.column = 0;
			} else if (((unsigned char)data[i] & 0xc0) != 0x80) {
				at.column++;
			}
		}
		return lfp_fail_at(p, &at, "%s (a lesson file is UTF-8 text)",
				   yp->problem ? yp->problem : "unreadable");
	}
	if (yp->context)
		return lfp_fail_at(p, m, "%s (%s at line %zu)", yp->problem,
				   yp->context, yp->context_mark.line + 1);
	return lfp_fail_at(p, m, "%s", yp->problem ? yp->problem :
			   "not YAML");
}

int lesson_file_parse_mem(const char *data, size_t len, const char *path,
			  struct lesson_file *lf, char *err, size_t errlen)
{
	struct lfp p = { .lf = lf, .err = err, .errlen = errlen };
	yaml_parser_t yp;
	yaml_document_t doc;
	yaml_node_t *root;

	lesson_file_init(lf);
	lf->path = strdup(path);
	lf->dir = lf_dirname(path);
	if (!lf->path || !lf->dir) {
		lfp_nomem(&p);
		goto out;
	}
	if (len > LF_FILE_MAX) {
		lfp_fail_at(&p, NULL, "%zu bytes: a lesson file is at most "
			    "%u", len, LF_FILE_MAX);
		p.rc = -EFBIG;
		goto out;
	}
	if (!yaml_parser_initialize(&yp)) {
		lfp_nomem(&p);
		goto out;
	}
	yaml_parser_set_input_string(&yp, (const unsigned char *)data, len);
	yaml_parser_set_encoding(&yp, YAML_UTF8_ENCODING);
	if (!yaml_parser_load(&yp, &doc)) {
		lfp_yaml_error(&p, &yp, data, len);
		yaml_parser_delete(&yp);
		goto out;
	}
	p.doc = &doc;
	root = yaml_document_get_root_node(&doc);
	if (!root)
		lfp_fail_at(&p, NULL, "empty: expected a lesson (title, "
			    "command, steps)");
	else
		lfp_top(&p, root);
	yaml_document_delete(&doc);
	yaml_parser_delete(&yp);
out:
	if (p.rc)
		lesson_file_clear(lf);
	return p.rc;
}
