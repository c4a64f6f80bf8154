/*
 * viz/core/lesson_file_int.h - the lesson file parse's state and helpers,
 * shared by lesson_file.c (the file, its texts and lists) and
 * lesson_steps.c (steps, triggers, keys).  Nothing else includes it.
 */
#ifndef PROCVIZ_VIZ_LESSON_FILE_INT_H
#define PROCVIZ_VIZ_LESSON_FILE_INT_H

#include "viz/core/lesson_file.h"

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

/* The parse: the document, the lesson being filled, the first error. */
struct lfp {
	yaml_document_t *doc;
	struct lesson_file *lf;
	char *err;
	size_t errlen;
	int rc;
};

/*
 * Record the first error at @mark ("PATH:LINE:COL: ..."); returns -1.
 * @fmt is a whole English sentence, translated here before it is
 * formatted (the Makefile's xgettext keywords list lfp_fail and
 * lfp_fail_at); the path, line and column in front never are.
 */
int lfp_fail_at(struct lfp *p, const yaml_mark_t *mark, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#define lfp_fail(p, node, ...) lfp_fail_at(p, &(node)->start_mark, __VA_ARGS__)
/* "out of memory" as the error; returns -1. */
int lfp_nomem(struct lfp *p);
yaml_node_t *lfp_node(struct lfp *p, int id);
/*
 * How many bytes of the text @n to quote in a message: at most @max, and
 * never the first bytes of a UTF-8 character only (the message is shown
 * on a terminal and must stay valid text).
 */
int lfp_cut(const yaml_node_t *n, size_t max);
/* Whether @n is the plain text @s. */
bool lfp_is(const yaml_node_t *n, const char *s);
/* What a member must be, for lfp_fail_type(). */
enum lfp_want { LFP_WANT_TEXT, LFP_WANT_MAPPING, LFP_WANT_LIST };
/* "@what: expected a text, found a mapping" and the like at @n; -1. */
int lfp_fail_type(struct lfp *p, yaml_node_t *n, const char *what,
		  enum lfp_want want);
/* A new string from the text @n, 1..@max bytes, no NUL; NULL: error. */
char *lfp_str(struct lfp *p, yaml_node_t *n, const char *what, size_t max);
/* A whole number min..max; false after an error. */
bool lfp_long(struct lfp *p, yaml_node_t *n, const char *what, long min,
	      long max, long *out);
/* true/false/yes/no; false after an error. */
bool lfp_bool(struct lfp *p, yaml_node_t *n, const char *what, bool *out);
/* A text in languages (a plain text: English).  0 or -1. */
int lfp_text(struct lfp *p, yaml_node_t *n, const char *what, size_t max,
	     struct lf_text *t);
/* A name pattern; "any" and "*" give NULL.  0 or -1. */
int lfp_glob(struct lfp *p, yaml_node_t *n, const char *what, char **out);
/* A checked extended regular expression.  0 or -1. */
int lfp_regex(struct lfp *p, yaml_node_t *n, const char *what, char **out);
/* A mapping's pairs, each member given once.  0 or -1. */
int lfp_map(struct lfp *p, yaml_node_t *n, const char *what,
	    yaml_node_pair_t **first, yaml_node_pair_t **end);

/* lesson_steps.c: one step, one key.  0 or -1 (the error in @p). */
int lfp_step(struct lfp *p, yaml_node_t *n, struct lf_step *s);
int lfp_key(struct lfp *p, yaml_node_t *n, struct lf_key *k);

#endif
