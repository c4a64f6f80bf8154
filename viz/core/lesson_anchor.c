/*
 * viz/core/lesson_anchor.c - a lesson file's sources and the lines its
 * steps highlight (lesson_file.h), and the small helpers around them.
 *
 * Anchors, not line numbers (procviz-lesson(5)):
 *   marker NAME   the one line holding the comment `step: NAME` after a
 *                 `#` or `//` (`# step: fork`).  When code comes before
 *                 the comment on that line, the range starts there;
 *                 otherwise it starts on the next line.
 *   pattern RE    the first line matching the extended regular expression.
 * The range is `lines:` lines long, or without it runs up to the next
 * blank line or marker (a pattern: that one line).
 */
#include "viz/core/lesson_file.h"
#include "common/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* "PATH:LINE:COL: " and @fmt, translated first (common/i18n.h). */
static int __attribute__((format(printf, 6, 7)))
lfa_fail(const struct lesson_file *lf, int line, int col, char *err,
	 size_t errlen, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(err, errlen, "%s:%d:%d: ", lf->path, line, col);

	if (n >= 0 && (size_t)n < errlen) {
		va_start(ap, fmt);
		vsnprintf(err + n, errlen - (size_t)n, _(fmt), ap);
		va_end(ap);
	}
	return -EINVAL;
}

int lesson_file_set_source(struct lesson_file *lf, int i, const char *text,
			   size_t len)
{
	struct lf_source *s = &lf->sources[i];
	size_t k, n = 1;

	if (len > LF_SOURCE_MAX)
		return -EFBIG;
	free(s->text);
	free(s->line_off);
	s->line_off = NULL;
	s->nlines = 0;
	s->text = malloc(len + 1);
	if (!s->text)
		return -ENOMEM;
	memcpy(s->text, text, len);
	s->text[len] = '\0';
	s->len = len;
	for (k = 0; k < len; k++)
		if (text[k] == '\n' && k + 1 < len)
			n++;
	if (n > LF_SOURCE_LINES)
		return -EFBIG;
	s->line_off = calloc(n + 1, sizeof(*s->line_off));
	if (!s->line_off)
		return -ENOMEM;
	s->nlines = len ? 1 : 0;
	for (k = 0; k < len; k++)
		if (text[k] == '\n' && k + 1 < len)
			s->line_off[s->nlines++] = k + 1;
	s->line_off[s->nlines] = len;
	return 0;
}

const char *lf_source_line(const struct lf_source *src, int n, size_t *len)
{
	size_t a, b;

	if (!src->text || n < 1 || n > src->nlines)
		return NULL;
	a = src->line_off[n - 1];
	b = src->line_off[n];
	while (b > a && (src->text[b - 1] == '\n' || src->text[b - 1] == '\r'))
		b--;
	if (len)
		*len = b - a;
	return src->text + a;
}

/* Read @path whole (at most LF_SOURCE_MAX bytes) into a new buffer. */
static int lfa_read(const char *path, size_t max, char **out, size_t *len)
{
	struct stat st;
	char *buf;
	size_t got = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC), e;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		e = errno == 0 || S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
		close(fd);
		return e;
	}
	if ((size_t)st.st_size > max) {
		close(fd);
		return -EFBIG;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	while (got < (size_t)st.st_size &&
	       (n = read(fd, buf + got, (size_t)st.st_size - got)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			e = -errno;
			free(buf);
			close(fd);
			return e;
		}
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	*out = buf;
	*len = got;
	return 0;
}

/* @name relative to the lesson's directory (absolute names stay). */
static void lfa_path(const struct lesson_file *lf, const char *name,
		     char *buf, size_t len)
{
	if (name[0] == '/')
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "%s/%s", lf->dir, name);
}

int lesson_file_load_sources(struct lesson_file *lf, char *err,
			     size_t errlen)
{
	char path[4096], *text;
	size_t len;
	int i, rc;

	for (i = 0; i < lf->nsources; i++) {
		struct lf_source *s = &lf->sources[i];

		lfa_path(lf, s->name, path, sizeof(path));
		rc = lfa_read(path, LF_SOURCE_MAX, &text, &len);
		if (rc == 0) {
			rc = lesson_file_set_source(lf, i, text, len);
			free(text);
		}
		if (rc == -EFBIG)
			return lfa_fail(lf, s->line, s->col, err, errlen,
					"source %s: too big (at most %u bytes"
					", %d lines)", s->name, LF_SOURCE_MAX,
					LF_SOURCE_LINES);
		if (rc < 0) {
			lfa_fail(lf, s->line, s->col, err, errlen,
				 "source %s: %s", s->name, strerror(-rc));
			return rc;
		}
	}
	return 0;
}

/*
 * Whether line @l (len bytes) carries the marker comment `step: NAME`
 * after a # or //; with @name NULL any marker.  *code: code comes before
 * the comment on the line.
 */
static bool lfa_marker_line(const char *l, size_t len, const char *name,
			    bool *code)
{
	size_t i, k, nlen;

	for (i = 0; i < len; i++) {
		size_t c;

		if (l[i] == '#')
			c = i + 1;
		else if (l[i] == '/' && i + 1 < len && l[i + 1] == '/')
			c = i + 2;
		else
			continue;
		while (c < len && (l[c] == ' ' || l[c] == '\t'))
			c++;
		if (len - c < 5 || memcmp(l + c, "step:", 5) != 0)
			continue;
		c += 5;
		while (c < len && (l[c] == ' ' || l[c] == '\t'))
			c++;
		for (k = c; k < len && l[k] != ' ' && l[k] != '\t'; k++)
			;
		nlen = k - c;
		if (nlen == 0 || (name && (nlen != strlen(name) ||
					   memcmp(l + c, name, nlen) != 0)))
			continue;
		if (code) {
			*code = false;
			for (k = 0; k < i; k++)
				if (l[k] != ' ' && l[k] != '\t')
					*code = true;
		}
		return true;
	}
	return false;
}

static bool lfa_blank(const char *l, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (l[i] != ' ' && l[i] != '\t')
			return false;
	return true;
}

/* The marker's line; 0 if none, -line of the second if twice. */
static int lfa_find_marker(const struct lf_source *src, const char *name,
			   bool *code)
{
	int n, found = 0;
	size_t len;
	const char *l;
	bool c;

	for (n = 1; (l = lf_source_line(src, n, &len)); n++)
		if (lfa_marker_line(l, len, name, &c)) {
			if (found)
				return -n;
			found = n;
			*code = c;
		}
	return found;
}

static int lfa_find_pattern(const struct lf_source *src, const char *re_s)
{
	regex_t re;
	char *copy;
	size_t len;
	const char *l;
	int n, hit = 0;

	if (regcomp(&re, re_s, REG_EXTENDED | REG_NOSUB))
		return 0;
	for (n = 1; !hit && (l = lf_source_line(src, n, &len)); n++) {
		copy = strndup(l, len);
		if (!copy)
			break;
		if (regexec(&re, copy, 0, NULL, 0) == 0)
			hit = n;
		free(copy);
	}
	regfree(&re);
	return hit;
}

static int lfa_step(struct lesson_file *lf, struct lf_step *s, char *err,
		    size_t errlen)
{
	const struct lf_source *src = &lf->sources[s->source];
	size_t len;
	const char *l;
	bool code = false;
	int at;

	if (s->marker) {
		at = lfa_find_marker(src, s->marker, &code);
		if (at == 0)
			return lfa_fail(lf, s->aline, s->acol, err, errlen,
					"marker '%s': no line '# step: %s' in "
					"%s", s->marker, s->marker, src->name);
		if (at < 0)
			return lfa_fail(lf, s->aline, s->acol, err, errlen,
					"marker '%s': on two lines of %s (the "
					"second is line %d)", s->marker,
					src->name, -at);
		s->first = code ? at : at + 1;
	} else {
		at = lfa_find_pattern(src, s->pattern);
		if (!at)
			return lfa_fail(lf, s->aline, s->acol, err, errlen,
					"pattern: no line of %s matches it",
					src->name);
		s->first = at;
		code = true;
	}
	if (s->count) {
		s->last = s->first + s->count - 1;
	} else if (!s->marker) {
		s->last = s->first;
	} else {
		s->last = s->first;
		while ((l = lf_source_line(src, s->last + 1, &len)) &&
		       !lfa_blank(l, len) &&
		       !lfa_marker_line(l, len, NULL, NULL))
			s->last++;
	}
	if (s->first > src->nlines || s->last > src->nlines)
		return lfa_fail(lf, s->aline, s->acol, err, errlen,
				"lines %d-%d: past the end of %s (%d lines)",
				s->first, s->last, src->name, src->nlines);
	return 0;
}

bool lesson_file_marker(const struct lesson_file *lf, const char *name,
			int *source, int *line)
{
	bool code = false;
	int i, at;

	for (i = 0; i < lf->nsources; i++) {
		at = lfa_find_marker(&lf->sources[i], name, &code);
		if (at < 0)
			at = -at;	/* twice: check has said; take one */
		if (at > 0) {
			*source = i;
			*line = code || at == lf->sources[i].nlines ? at :
				at + 1;
			return true;
		}
	}
	return false;
}

int lesson_file_anchor(struct lesson_file *lf, char *err, size_t errlen)
{
	int i, rc;

	for (i = 0; i < lf->nsteps; i++) {
		struct lf_step *s = &lf->steps[i];

		if (s->source < 0)
			continue;
		if (!lf->sources[s->source].text)
			return lfa_fail(lf, s->aline, s->acol, err, errlen,
					"source %s: not loaded",
					lf->sources[s->source].name);
		rc = lfa_step(lf, s, err, errlen);
		if (rc)
			return rc;
	}
	return 0;
}

int lesson_file_load(const char *path, struct lesson_file *lf, char *err,
		     size_t errlen)
{
	char *text = NULL;
	size_t len = 0;
	int rc = lfa_read(path, LF_FILE_MAX, &text, &len);

	lesson_file_init(lf);
	if (rc == -EFBIG) {
		snprintf(err, errlen, _("%s:1:1: bigger than %u bytes: not a "
					"lesson file"), path, LF_FILE_MAX);
		return rc;
	}
	if (rc) {
		snprintf(err, errlen, "%s: %s", path, strerror(-rc));
		return rc;
	}
	rc = lesson_file_parse_mem(text, len, path, lf, err, errlen);
	free(text);
	if (!rc)
		rc = lesson_file_load_sources(lf, err, errlen);
	if (!rc)
		rc = lesson_file_anchor(lf, err, errlen);
	return rc;
}

const char *lf_text_get(const struct lf_text *t, enum lf_lang lang)
{
	int l;

	if (lang < LF_LANG_N && t->s[lang])
		return t->s[lang];
	if (t->s[LF_LANG_EN])
		return t->s[LF_LANG_EN];
	for (l = 0; l < LF_LANG_N; l++)
		if (t->s[l])
			return t->s[l];
	return "";
}

enum lf_lang lf_lang_now(void)
{
	const char *l = setlocale(LC_MESSAGES, NULL);
	const char *lang = getenv("LANGUAGE");

	/* gettext's LANGUAGE list wins over the locale, as for _(). */
	if (lang && *lang && l && strcmp(l, "C") && strcmp(l, "POSIX"))
		return strncmp(lang, "zh", 2) == 0 ? LF_LANG_ZH_CN :
		       LF_LANG_EN;
	return l && strncmp(l, "zh", 2) == 0 ? LF_LANG_ZH_CN : LF_LANG_EN;
}

static const struct {
	int sig;
	const char *name;
} lf_signals[] = {
	{ SIGTERM, "TERM" }, { SIGKILL, "KILL" }, { SIGINT, "INT" },
	{ SIGHUP, "HUP" }, { SIGQUIT, "QUIT" }, { SIGUSR1, "USR1" },
	{ SIGUSR2, "USR2" }, { SIGSTOP, "STOP" }, { SIGCONT, "CONT" },
	{ SIGCHLD, "CHLD" }, { SIGALRM, "ALRM" }, { SIGPIPE, "PIPE" },
	{ SIGTSTP, "TSTP" }, { SIGWINCH, "WINCH" },
};

int lf_signal_parse(const char *s)
{
	size_t i;
	char *end;
	long n;

	if (strncmp(s, "SIG", 3) == 0)
		s += 3;
	for (i = 0; i < sizeof(lf_signals) / sizeof(lf_signals[0]); i++)
		if (strcmp(s, lf_signals[i].name) == 0)
			return lf_signals[i].sig;
	n = strtol(s, &end, 10);
	if (*s && !*end && n >= 1 && n <= 31)
		return (int)n;
	return 0;
}

const char *lf_signal_name(int sig)
{
	size_t i;

	for (i = 0; i < sizeof(lf_signals) / sizeof(lf_signals[0]); i++)
		if (lf_signals[i].sig == sig)
			return lf_signals[i].name;
	return "?";
}
