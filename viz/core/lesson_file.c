/*
 * viz/core/lesson_file.c - parse a lesson file (lesson_file.h) with
 * libyaml's document loader, checking every member against the format of
 * procviz-lesson(5): the file, its texts and lists here, its steps,
 * triggers and keys in lesson_steps.c, its sources and anchors in
 * lesson_anchor.c.
 *
 * libyaml keeps an alias as a second reference to its node, never a copy,
 * and this walk only descends into the few levels the format has, each
 * bounded (LF_MAX_*), so a file of aliases cannot make it explode.
 */
#include "viz/core/lesson_file.h"
#include "common/i18n.h"
#include "viz/core/lesson_file_int.h"

#include <assert.h>
#include <errno.h>
#include <fnmatch.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static const char *const lf_lang_names[LF_LANG_N] = { "en", "zh_CN" };

/* The first error, at @mark ("PATH:LINE:COL: " and @fmt as it is). */
static void lfp_vput_at(struct lfp *p, const yaml_mark_t *mark,
			const char *fmt, va_list ap)
{
	int n;

	if (p->rc)
		return;
	p->rc = -EINVAL;
	n = snprintf(p->err, p->errlen, "%s:%zu:%zu: ", p->lf->path,
		     mark ? mark->line + 1 : 1, mark ? mark->column + 1 : 1);
	if (n < 0 || (size_t)n >= p->errlen)
		return;
	vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
}

static int lfp_put_at(struct lfp *p, const yaml_mark_t *mark,
		      const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int lfp_put_at(struct lfp *p, const yaml_mark_t *mark,
		      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lfp_vput_at(p, mark, fmt, ap);
	va_end(ap);
	return -1;
}

/* The same with @fmt translated first (common/i18n.h); returns -1. */
int lfp_fail_at(struct lfp *p, const yaml_mark_t *mark, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lfp_vput_at(p, mark, _(fmt), ap);
	va_end(ap);
	return -1;
}

int lfp_nomem(struct lfp *p)
{
	if (!p->rc) {
		p->rc = -ENOMEM;
		snprintf(p->err, p->errlen, _("%s: out of memory"),
			 p->lf->path);
	}
	return -1;
}

yaml_node_t *lfp_node(struct lfp *p, int id)
{
	return yaml_document_get_node(p->doc, id);
}

int lfp_cut(const yaml_node_t *n, size_t max)
{
	const unsigned char *v = n->data.scalar.value;
	size_t len = n->data.scalar.length;

	if (len <= max)
		return (int)len;
	while (max > 0 && (v[max] & 0xc0) == 0x80)
		max--;
	return (int)max;
}

bool lfp_is(const yaml_node_t *n, const char *s)
{
	size_t len = strlen(s);

	return n->type == YAML_SCALAR_NODE && n->data.scalar.length == len &&
	       memcmp(n->data.scalar.value, s, len) == 0;
}

/*
 * "WHAT: expected a list, found a mapping" and the like, each a whole
 * sentence to translate; [want][found], found: mapping, list, text.  A node
 * of the wanted type never comes here.
 */
static const char *const lfp_type_msgs[][3] = {
	[LFP_WANT_TEXT] = {
		N_("%s: expected a text, found a mapping"),
		N_("%s: expected a text, found a list"), NULL },
	[LFP_WANT_MAPPING] = {
		NULL, N_("%s: expected a mapping, found a list"),
		N_("%s: expected a mapping, found a text") },
	[LFP_WANT_LIST] = {
		N_("%s: expected a list, found a mapping"), NULL,
		N_("%s: expected a list, found a text") },
};

int lfp_fail_type(struct lfp *p, yaml_node_t *n, const char *what,
		  enum lfp_want want)
{
	int found = n->type == YAML_MAPPING_NODE ? 0 :
		    n->type == YAML_SEQUENCE_NODE ? 1 : 2;
	const char *msg = lfp_type_msgs[want][found];

	assert(msg);
	return lfp_put_at(p, &n->start_mark, _(msg), what);
}

/*
 * The scalar @n as a new string of at most @max bytes, no NUL inside,
 * not empty.  NULL after an error (named @what).
 */
char *lfp_str(struct lfp *p, yaml_node_t *n, const char *what,
		     size_t max)
{
	size_t len;
	char *s;

	if (n->type != YAML_SCALAR_NODE) {
		lfp_fail_type(p, n, what, LFP_WANT_TEXT);
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
bool lfp_long(struct lfp *p, yaml_node_t *n, const char *what,
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
bool lfp_bool(struct lfp *p, yaml_node_t *n, const char *what,
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
			return ka->type == YAML_MAPPING_NODE ?
			       lfp_fail(p, ka, "expected a name, found a "
					"mapping") :
			       lfp_fail(p, ka, "expected a name, found a "
					"list");
		for (b = n->data.mapping.pairs.start; b < a; b++) {
			yaml_node_t *kb = lfp_node(p, b->key);

			if (kb->data.scalar.length == ka->data.scalar.length &&
			    !memcmp(kb->data.scalar.value,
				    ka->data.scalar.value,
				    ka->data.scalar.length))
				return lfp_fail(p, ka, "%.*s: given twice",
						lfp_cut(ka, 40),
						ka->data.scalar.value);
		}
	}
	return 0;
}

/*
 * A text in languages: a plain text (English) or a mapping from language
 * (en, zh_CN) to text.  @max bytes each.
 */
int lfp_text(struct lfp *p, yaml_node_t *n, const char *what,
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
int lfp_glob(struct lfp *p, yaml_node_t *n, const char *what,
		    char **out)
{
	*out = NULL;
	if (lfp_is(n, "any") || lfp_is(n, "*"))
		return 0;
	*out = lfp_str(p, n, what, 15 * 4);
	return *out ? 0 : -1;
}

/*
 * How many nodes glibc's regcomp() makes of the extended regular
 * expression @re, roughly: it copies what a repetition repeats (a+ is
 * a a*, a{3} is a a a), so a repetition of a repetition multiplies, and
 * "o++++...+" or "(a{99}){99}{99}" would take gigabytes.  Counted as it
 * would expand, stopping once over @limit; a repetition right after a
 * repetition ("a+?", "a??"), which POSIX leaves undefined and which
 * glibc's epsilon closures take seconds over, counts as over @limit.
 * Malformed parts are left to regcomp's own errors.
 */
static double lfp_regex_size(const char *re, double limit)
{
	enum { DEPTH = 32 };
	double total[DEPTH] = { 0 }, last[DEPTH] = { 0 };
	int d = 0;
	const char *s = re;
	bool dup = false;	/* the last token was a repetition */

	while (*s && total[0] <= limit) {
		char c = *s++;
		long m = 0, n = -1;
		bool was = dup;

		dup = c == '*' || c == '?' || c == '+' ||
		      (c == '{' && *s >= '0' && *s <= '9');
		/* Undefined in POSIX, and glibc's closures explode on it. */
		if (dup && was)
			return limit + 1;
		switch (c) {
		case '(':
			if (d + 1 < DEPTH) {
				d++;
				total[d] = last[d] = 0;
			}
			continue;
		case ')':
			if (d > 0) {
				d--;
				total[d] += total[d + 1] + 1;
				last[d] = total[d + 1] + 1;
			}
			continue;
		case '|':
			last[d] = 0;
			continue;
		case '*':
		case '?':
			total[d] += 1;
			continue;
		case '+':
			total[d] += last[d] + 1;
			last[d] = 2 * last[d] + 1;
			continue;
		case '{':
			if (*s < '0' || *s > '9')
				break;
			while (*s >= '0' && *s <= '9' && m < 100000)
				m = m * 10 + (*s++ - '0');
			if (*s == ',') {
				s++;
				if (*s >= '0' && *s <= '9')
					n = 0;
				while (*s >= '0' && *s <= '9' && n < 100000)
					n = n * 10 + (*s++ - '0');
			}
			if (*s == '}')
				s++;
			m = n > m ? n : m + 1;
			total[d] += last[d] * (double)(m - 1) + 1;
			last[d] *= (double)m;
			continue;
		case '[':
			if (*s == '^')
				s++;
			if (*s == ']')
				s++;
			while (*s && *s != ']') {
				if (*s == '[' && (s[1] == ':' || s[1] == '=' ||
						  s[1] == '.')) {
					const char *e = strchr(s + 2, s[1]);

					s = e && e[1] == ']' ? e + 2 : s + 1;
				} else {
					s++;
				}
			}
			if (*s)
				s++;
			break;
		case '\\':
			if (*s)
				s++;
			break;
		default:
			break;
		}
		total[d] += 1;		/* an atom */
		last[d] = 1;
	}
	while (d > 0) {
		d--;
		total[d] += total[d + 1];
	}
	return total[0];
}

#define LFP_REGEX_NODES 2000	/* a lesson's patterns need a few dozen */

/*
 * An extended regular expression, checked: it compiles, and glibc would
 * not expand it past LFP_REGEX_NODES nodes (lfp_regex_size).
 */
int lfp_regex(struct lfp *p, yaml_node_t *n, const char *what,
		     char **out)
{
	regex_t re;
	int rc;

	*out = lfp_str(p, n, what, LF_LINE_MAX);
	if (!*out)
		return -1;
	if (lfp_regex_size(*out, LFP_REGEX_NODES) > LFP_REGEX_NODES)
		return lfp_fail(p, n, "%s: too many repetitions of repetitions "
				"(the pattern would take more than %d states)",
				what, LFP_REGEX_NODES);
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
int lfp_map(struct lfp *p, yaml_node_t *n, const char *what,
		   yaml_node_pair_t **first, yaml_node_pair_t **end)
{
	if (n->type != YAML_MAPPING_NODE)
		return lfp_fail_type(p, n, what, LFP_WANT_MAPPING);
	if (lfp_members(p, n))
		return -1;
	*first = n->data.mapping.pairs.start;
	*end = n->data.mapping.pairs.top;
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
		return lfp_fail_type(p, n, what, LFP_WANT_LIST);
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

/*
 * libyaml's messages (0.2.x) that a lesson file's author may meet, marked
 * for the catalogue only: lfp_yaml_error() translates what libyaml says
 * through it, and a message not listed here stays as libyaml wrote it.
 */
static const char *const lfp_yaml_msgs[] __attribute__((unused)) = {
	N_("could not find expected ':'"),
	N_("did not find expected ',' or ']'"),
	N_("did not find expected ',' or '}'"),
	N_("did not find expected '-' indicator"),
	N_("did not find expected <document start>"),
	N_("did not find expected alphabetic or numeric character"),
	N_("did not find expected comment or line break"),
	N_("did not find expected key"),
	N_("did not find expected node content"),
	N_("found a tab character that violates indentation"),
	N_("found a tab character where an indentation space is expected"),
	N_("found character that cannot start any token"),
	N_("found undefined alias"),
	N_("found unexpected ':'"),
	N_("found unexpected document indicator"),
	N_("found unexpected end of stream"),
	N_("found unknown escape character"),
	N_("mapping values are not allowed in this context"),
	N_("block sequence entries are not allowed in this context"),
	N_("control characters are not allowed"),
	N_("invalid leading UTF-8 octet"),
	N_("incomplete UTF-8 octet sequence"),
	N_("invalid trailing UTF-8 octet"),
	N_("invalid length of a UTF-8 sequence"),
	N_("invalid Unicode character"),
	N_("while scanning a simple key"),
	N_("while scanning a plain scalar"),
	N_("while scanning a quoted scalar"),
	N_("while scanning a block scalar"),
	N_("while scanning an alias"),
	N_("while scanning an anchor"),
	N_("while scanning a tag"),
	N_("while scanning for the next token"),
	N_("while parsing a block mapping"),
	N_("while parsing a block collection"),
	N_("while parsing a block node"),
	N_("while parsing a flow mapping"),
	N_("while parsing a flow sequence"),
	N_("while parsing a flow node"),
	N_("while parsing a node"),
};

/* libyaml's own complaint, at its mark (translated when listed above). */
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
		/* TRANSLATORS: libyaml's message. */
		return yp->problem ?
		       lfp_fail_at(p, &at, "%s (a lesson file is UTF-8 text)",
				   _(yp->problem)) :
		       lfp_fail_at(p, &at, "unreadable (a lesson file is "
				   "UTF-8 text)");
	}
	/* TRANSLATORS: libyaml's problem, and what it was doing from that
	 * line ("while parsing a block mapping"). */
	if (yp->context)
		return lfp_fail_at(p, m, "%s (%s at line %zu)",
				   _(yp->problem), _(yp->context),
				   yp->context_mark.line + 1);
	if (yp->problem)
		return lfp_put_at(p, m, "%s", _(yp->problem));
	return lfp_fail_at(p, m, "not YAML");
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
