/*
 * viz/core/lesson_steps.c - a lesson file's steps, their triggers and the
 * lecturer's keys (lesson_file.h), for the parse in lesson_file.c.
 */
#include "viz/core/lesson_file.h"
#include "viz/core/lesson_file_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

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
				"%s)", lfp_cut(n, 40), n->data.scalar.value,
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
					YAML_SCALAR_NODE ? lfp_cut(k, 40) : 1,
					k->type == YAML_SCALAR_NODE ?
					(const char *)k->data.scalar.value :
					"?", lfp_trig_list);
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

			snprintf(w, sizeof(w), "%.*s", lfp_cut(wait, 15),
				 wait->data.scalar.value);
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

int lfp_step(struct lfp *p, yaml_node_t *n, struct lf_step *s)
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

/* The key's action: `signal: NAME`, `stdin: LINE` or `pause: true`. */
static int lfp_key_action(struct lfp *p, yaml_node_t *kn, yaml_node_t *v,
			  struct lf_key *k)
{
	char buf[16];
	bool paused;

	if (lfp_is(kn, "signal")) {
		k->action = LF_ACT_SIGNAL;
		if (v->type != YAML_SCALAR_NODE ||
		    v->data.scalar.length >= sizeof(buf))
			return lfp_fail(p, v, "signal: expected a signal name");
		memcpy(buf, v->data.scalar.value, v->data.scalar.length);
		buf[v->data.scalar.length] = '\0';
		k->sig = lf_signal_parse(buf);
		if (!k->sig)
			return lfp_fail(p, v, "signal: unknown '%s' (TERM, "
					"KILL, INT, HUP, USR1, ...)", buf);
		return 0;
	}
	if (lfp_is(kn, "stdin")) {
		k->action = LF_ACT_STDIN;
		k->text = lfp_str(p, v, "stdin", LF_LINE_MAX);
		if (!k->text)
			return -1;
		if (strchr(k->text, '\n'))
			return lfp_fail(p, v, "stdin: one line");
		return 0;
	}
	k->action = LF_ACT_PAUSE;
	if (!lfp_bool(p, v, "pause", &paused))
		return -1;
	if (!paused)
		return lfp_fail(p, v, "pause: true or leave it out");
	return 0;
}

int lfp_key(struct lfp *p, yaml_node_t *n, struct lf_key *k)
{
	yaml_node_pair_t *pr = NULL, *end = NULL;
	yaml_node_t *key = NULL, *act = NULL;
	bool label = false;

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
				return lfp_fail(p, kn, "key: one action "
						"(signal, stdin or pause)");
			act = kn;
			if (lfp_key_action(p, kn, v, k))
				return -1;
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

