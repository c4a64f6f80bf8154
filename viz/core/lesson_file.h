/*
 * viz/core/lesson_file.h - a lecturer's own lesson, written by hand in a
 * YAML file (procviz-lesson(5)), parsed with libyaml into a struct
 * lesson_file.
 *
 * The file names the lesson (title, chapter, description, each in one or
 * more languages), the command to run and its working directory (relative
 * to the file), the source files to show, the steps (a trigger, a note and
 * the source lines to highlight, anchored to a marker comment or a
 * pattern, never to line numbers) and the lecturer's keys.
 *
 * Two stages, so that the parser stays pure (no file system, fuzzable):
 *   lesson_file_parse_mem()   the YAML text -> the struct, every field
 *                             checked; no file is read.
 *   lesson_file_load_sources() reads the source files next to the lesson
 *                             (lesson_file_set_source() gives one from
 *                             memory instead) and lesson_file_anchor()
 *                             turns each step's anchor into a line range.
 * lesson_file_load() does all three for a path.
 *
 * Every error is one message "FILE:LINE:COL: what is wrong" (LINE and COL
 * 1-based, from libyaml's marks) in the caller's buffer; nothing here
 * prints or exits.  Sizes are bounded (LF_*_MAX below): a 10 MB note is an
 * error naming its place, never a crash or a hang.
 */
#ifndef PROCVIZ_VIZ_LESSON_FILE_H
#define PROCVIZ_VIZ_LESSON_FILE_H

#include "viz/core/wait.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LF_FILE_MAX (16u << 20)	/* bytes of a lesson file */
#define LF_SOURCE_MAX (1u << 20)	/* bytes of one source file */
#define LF_SOURCE_LINES 20000	/* lines of one source file */
#define LF_TEXT_MAX 2000	/* bytes of a note */
#define LF_LINE_MAX 200		/* bytes of a title, label, name... */
#define LF_MAX_STEPS 64
#define LF_MAX_KEYS 16
#define LF_MAX_SOURCES 8
#define LF_MAX_ARGS 64
#define LF_MAX_SECONDS 3600	/* an "after" trigger */

/* The languages a text may be written in. */
enum lf_lang {
	LF_LANG_EN,
	LF_LANG_ZH_CN,
	LF_LANG_N
};

/* A text in one or more languages; NULL where not written.  Owned. */
struct lf_text {
	char *s[LF_LANG_N];
};

enum lf_trigger_kind {
	LF_TRIG_KEY,		/* the lecturer presses n */
	LF_TRIG_AFTER,		/* after_ms after the previous step */
	LF_TRIG_OUTPUT,		/* a printed line holds text */
	LF_TRIG_OUTPUT_RE,	/* ... a line matching the ERE text */
	LF_TRIG_SPAWN,		/* a process/thread named name appears */
	LF_TRIG_EXEC,		/* ... execs or renames itself to name */
	LF_TRIG_EXIT,		/* ... exits */
	LF_TRIG_ZOMBIE,		/* ... becomes a zombie */
	LF_TRIG_REAP,		/* ... is reaped */
	LF_TRIG_BLOCK,		/* ... blocks (on wait, if set) */
	LF_TRIG_REPARENT,	/* ... is re-parented */
	LF_TRIG_ALIVE,		/* at least count processes alive */
	LF_TRIG_ALIVE_MAX,	/* at most count processes alive */
	LF_TRIG_N
};

/* Which tasks an event trigger or a key's target counts. */
enum lf_task_kind {
	LF_TASK_ANY,		/* processes and threads */
	LF_TASK_PROCESS,
	LF_TASK_THREAD,
};

struct lf_trigger {
	enum lf_trigger_kind kind;
	char *text;		/* owned: output text or ERE; the name glob
				 * (fnmatch) of an event trigger, NULL: any */
	enum lf_task_kind task;	/* event triggers */
	enum wait_kind wait;	/* block: on what; WAIT_NONE: any */
	int64_t after_ms;	/* after */
	int count;		/* alive, alive_max */
};

struct lf_step {
	char *id;		/* owned, "" when not named */
	struct lf_text note;
	struct lf_trigger when;
	/* The lines to highlight (after lesson_file_anchor). */
	int source;		/* index into sources, -1: none */
	char *marker;		/* owned: `# step: NAME` anchor, or NULL */
	char *pattern;		/* owned: ERE anchor, or NULL */
	int count;		/* lines to take, 0: up to a blank line */
	int first, last;	/* 1-based, 0 before anchoring */
	int line, col;		/* where the step and its anchor are */
	int aline, acol;
};

enum lf_action {
	LF_ACT_SIGNAL,		/* send sig to the targets */
	LF_ACT_STDIN,		/* write text and a newline to stdin */
	LF_ACT_PAUSE,		/* SIGSTOP the targets, again: SIGCONT */
};

/* Which processes a key acts on: a role, or the ones named like name. */
enum lf_role {
	LF_ROLE_MAIN,		/* the command's own process */
	LF_ROLE_CHILDREN,	/* its children */
	LF_ROLE_ALL,		/* every process of the lesson */
	LF_ROLE_NAME,		/* those whose name matches name */
};

struct lf_key {
	char key;
	struct lf_text label;
	enum lf_action action;
	int sig;
	char *text;		/* owned: stdin line, or NULL */
	enum lf_role role;
	char *name;		/* owned: LF_ROLE_NAME's glob, or NULL */
};

struct lf_source {
	char *name;		/* owned: as written in the file */
	char *text;		/* owned: its text; NULL: not loaded */
	size_t len;
	int nlines;
	size_t *line_off;	/* owned: where each line starts */
	int line, col;		/* where it is named */
};

struct lesson_file {
	char *path;		/* owned: as given */
	char *dir;		/* owned: the file's directory */
	struct lf_text title, chapter, description;
	char **argv;		/* owned, NULL-ended */
	int argc;
	char *workdir;		/* owned: as written (relative to dir) */
	struct lf_source sources[LF_MAX_SOURCES];
	int nsources;
	struct lf_step steps[LF_MAX_STEPS];
	int nsteps;
	struct lf_key keys[LF_MAX_KEYS];
	int nkeys;
	bool threads;		/* every thread a task of its own */
};

void lesson_file_init(struct lesson_file *lf);
void lesson_file_clear(struct lesson_file *lf);

/*
 * Parse @len bytes of YAML at @data; @path names the file in messages and
 * gives the directory relative paths start from.  Returns 0, or -EINVAL
 * (-ENOMEM, -EFBIG) with "PATH:LINE:COL: what is wrong" in err[errlen];
 * then @lf is left empty (still to be cleared).  Reads no file.
 */
int lesson_file_parse_mem(const char *data, size_t len, const char *path,
			  struct lesson_file *lf, char *err, size_t errlen);

/* Give source @i its text from memory (copied).  0, -EFBIG, -ENOMEM. */
int lesson_file_set_source(struct lesson_file *lf, int i, const char *text,
			   size_t len);
/*
 * Read every source file (relative to the lesson's directory).  0, or
 * -errno with "PATH:LINE:COL: source FILE: why" naming where it is listed.
 */
int lesson_file_load_sources(struct lesson_file *lf, char *err,
			     size_t errlen);
/*
 * Turn every step's anchor into its lines (first..last), against the
 * loaded sources.  0, or -EINVAL with "PATH:LINE:COL: ..." (a marker or a
 * pattern not found, a range past the end of the file).
 */
int lesson_file_anchor(struct lesson_file *lf, char *err, size_t errlen);

/*
 * Read @path, parse it, load its sources, anchor its steps: what
 * `procviz lesson check` checks.  0 or -errno with a message.
 */
int lesson_file_load(const char *path, struct lesson_file *lf, char *err,
		     size_t errlen);

/*
 * The line marked `# step: NAME` (where code comes first on it: that line,
 * else the next) in any loaded source: true with *source and *line.
 */
bool lesson_file_marker(const struct lesson_file *lf, const char *name,
			int *source, int *line);

/* The text in @lang, else English, else any; "" if none (never NULL). */
const char *lf_text_get(const struct lf_text *t, enum lf_lang lang);
/* The language of the locale now (LC_MESSAGES): zh* is zh_CN. */
enum lf_lang lf_lang_now(void);
/* "spawn", "after", ... as written in files. */
const char *lf_trigger_name(enum lf_trigger_kind k);
/* Line @n (1-based) of source @src, its length in *len; NULL past end. */
const char *lf_source_line(const struct lf_source *src, int n, size_t *len);
/* The signal named "TERM", "SIGTERM" or "15"; 0 if none. */
int lf_signal_parse(const char *s);
/* "TERM" for SIGTERM ("?" if unknown). */
const char *lf_signal_name(int sig);

#endif
