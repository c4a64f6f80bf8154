/*
 * sched/workload_table.c - a workload as an editable table of text cells,
 * checked by the workload file parser (workload_table.h).
 *
 * A cell is checked by writing a one-line workload file around it, the
 * other fields known-good ("A 0 1"), and parsing it: the parser's
 * "cell:1:COL: expected ..." tells what is wrong, and COL tells whether
 * the cell is at fault and where ("got 'x'").  The whole table becomes a
 * workload the same way, one line per row.
 */
#include "sched/workload_table.h"
#include "common/i18n.h"
#include "sched/workload_priv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Marked for translation: the editor's headings are the translated words,
 * and so are the words in front of its messages. */
const char *const sched_wtab_col_names[SCHED_WTAB_NCOLS] = {
	N_("name"), N_("arrival"), N_("bursts"), N_("priority"),
	N_("tickets"), N_("nice"),
};

/* ---- a growing string ---------------------------------------------------- */

struct wt_buf {
	char *s;		/* owned */
	size_t len, cap;
	bool nomem;
};

static void wt_cat(struct wt_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void wt_cat(struct wt_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->nomem)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? b->cap - b->len : 0,
		      fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->nomem = true;
		return;
	}
	if (!b->s || b->len + (size_t)n + 1 > b->cap) {
		size_t ncap = b->cap ? b->cap : 256;
		char *ns;

		while (ncap < b->len + (size_t)n + 1)
			ncap *= 2;
		ns = realloc(b->s, ncap);
		if (!ns) {
			b->nomem = true;
			return;
		}
		b->s = ns;
		b->cap = ncap;
		va_start(ap, fmt);
		vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

/* Hand the text over (0), or free it (-ENOMEM). */
static int wt_take(struct wt_buf *b, char **out)
{
	if (b->nomem || !b->s) {
		free(b->s);
		*out = NULL;
		return -ENOMEM;
	}
	*out = b->s;
	return 0;
}

/* ---- rows ---------------------------------------------------------------- */

static void wt_row_free(struct sched_wtab_row *r)
{
	int c;

	for (c = 0; c < SCHED_WTAB_NCOLS; c++) {
		free(r->cell[c]);
		r->cell[c] = NULL;
	}
}

/* Fill @r with copies of @cells; -ENOMEM leaves it empty. */
static int wt_row_fill(struct sched_wtab_row *r, const char *const *cells)
{
	int c;

	for (c = 0; c < SCHED_WTAB_NCOLS; c++) {
		r->cell[c] = strdup(cells[c] ? cells[c] : "");
		if (!r->cell[c]) {
			wt_row_free(r);
			return -ENOMEM;
		}
	}
	return 0;
}

static int wt_reserve(struct sched_wtab *t, int n)
{
	struct sched_wtab_row *nr;
	int ncap;

	if (n <= t->cap)
		return 0;
	ncap = t->cap ? t->cap : 8;
	while (ncap < n)
		ncap *= 2;
	nr = realloc(t->rows, (size_t)ncap * sizeof(*nr));
	if (!nr)
		return -ENOMEM;
	t->rows = nr;
	t->cap = ncap;
	return 0;
}

/* Insert a row of @cells before @at. */
static int wt_insert_cells(struct sched_wtab *t, int at,
			   const char *const *cells)
{
	struct sched_wtab_row r = { { NULL } };
	int rc;

	if (at < 0 || at > t->nrows)
		return -EINVAL;
	rc = wt_reserve(t, t->nrows + 1);
	if (!rc)
		rc = wt_row_fill(&r, cells);
	if (rc)
		return rc;
	memmove(&t->rows[at + 1], &t->rows[at],
		(size_t)(t->nrows - at) * sizeof(*t->rows));
	t->rows[at] = r;
	t->nrows++;
	return 0;
}

void sched_wtab_init(struct sched_wtab *t)
{
	memset(t, 0, sizeof(*t));
	t->io_length = SCHED_WTAB_IO_DEFAULT;
}

void sched_wtab_clear(struct sched_wtab *t)
{
	int i;

	for (i = 0; i < t->nrows; i++)
		wt_row_free(&t->rows[i]);
	free(t->rows);
	sched_wtab_init(t);
}

int sched_wtab_copy(struct sched_wtab *dst, const struct sched_wtab *src)
{
	int i, rc;

	sched_wtab_init(dst);
	dst->io_length = src->io_length;
	dst->random_n = src->random_n;
	dst->seed = src->seed;
	for (i = 0; i < src->nrows; i++) {
		rc = wt_insert_cells(dst, i,
				     (const char *const *)src->rows[i].cell);
		if (rc) {
			sched_wtab_clear(dst);
			return rc;
		}
	}
	return 0;
}

bool sched_wtab_equal(const struct sched_wtab *a, const struct sched_wtab *b)
{
	int i, c;

	if (a->nrows != b->nrows || a->io_length != b->io_length ||
	    a->random_n != b->random_n || (a->random_n && a->seed != b->seed))
		return false;
	for (i = 0; i < a->nrows; i++)
		for (c = 0; c < SCHED_WTAB_NCOLS; c++)
			if (strcmp(a->rows[i].cell[c], b->rows[i].cell[c]))
				return false;
	return true;
}

/* "5/3/2" (an unset IO shows as the table's IO length). */
static int wt_bursts_text(const struct sched_job *j, long io, char **out)
{
	struct wt_buf b = { 0 };
	int k;

	for (k = 0; k < j->nbursts; k++)
		wt_cat(&b, "%s%ld", k ? "/" : "",
		       j->bursts[k] == SCHED_IO_UNSET ? io : j->bursts[k]);
	return wt_take(&b, out);
}

int sched_wtab_from_workload(struct sched_wtab *t,
			     const struct sched_workload *w)
{
	struct sched_wtab nt;
	int i, rc = 0;

	sched_wtab_init(&nt);
	nt.io_length = t->io_length;
	for (i = 0; i < w->njobs && !rc; i++) {
		const struct sched_job *j = &w->jobs[i];
		char arr[24], prio[24], tick[24], nice[24], *bursts;
		const char *cells[SCHED_WTAB_NCOLS];

		rc = wt_bursts_text(j, nt.io_length, &bursts);
		if (rc)
			break;
		snprintf(arr, sizeof(arr), "%ld", j->arrival);
		snprintf(prio, sizeof(prio), "%ld", j->priority);
		snprintf(tick, sizeof(tick), "%ld", j->tickets);
		snprintf(nice, sizeof(nice), "%d", j->nice);
		cells[SCHED_WTAB_NAME] = j->name;
		cells[SCHED_WTAB_ARRIVAL] = arr;
		cells[SCHED_WTAB_BURSTS] = bursts;
		cells[SCHED_WTAB_PRIORITY] = prio;
		cells[SCHED_WTAB_TICKETS] = tick;
		cells[SCHED_WTAB_NICE] = nice;
		rc = wt_insert_cells(&nt, i, cells);
		free(bursts);
	}
	if (rc) {
		sched_wtab_clear(&nt);
		return rc;
	}
	sched_wtab_clear(t);
	*t = nt;
	return 0;
}

/* ---- checking a cell ----------------------------------------------------- */

/* The message @fmt, translated before it is formatted; -EINVAL. */
static int wt_fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int wt_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, _(fmt), ap);
		va_end(ap);
	}
	return -EINVAL;
}

/*
 * The one-line file that puts @text in column @col: the line, and where
 * the cell starts in it (*@at, 0-based).  An empty required field is left
 * out (name: a '=' stands in), so the parser says what it expected there.
 */
static void wt_cell_line(int col, const char *text, struct wt_buf *b,
			 size_t *at)
{
	bool empty = !*text;

	switch (col) {
	case SCHED_WTAB_NAME:
		/* Not at the very start: there the parser would skip a
		 * byte order mark that a whole table has mid-text. */
		*at = 1;
		wt_cat(b, " %s 0 1", empty ? "=" : text);
		break;
	case SCHED_WTAB_ARRIVAL:
		*at = 2;
		if (empty)
			wt_cat(b, "A");
		else
			wt_cat(b, "A %s 1", text);
		break;
	case SCHED_WTAB_BURSTS:
		*at = 4;
		wt_cat(b, "A 0 %s", text);
		break;
	case SCHED_WTAB_PRIORITY:
		/* A priority is read when the field starts like a number;
		 * else the parser would take it for tickets=N: a '-' in
		 * front makes it read (and refuse) a priority. */
		if (text[0] == '-' || (text[0] >= '0' && text[0] <= '9')) {
			*at = 6;
			wt_cat(b, "A 0 1 %s", text);
		} else {
			*at = 7;
			wt_cat(b, "A 0 1 -%s", text);
		}
		break;
	case SCHED_WTAB_TICKETS:
		*at = 14;
		wt_cat(b, "A 0 1 tickets=%s", text);
		break;
	default:
		*at = 11;
		wt_cat(b, "A 0 1 nice=%s", text);
		break;
	}
}

/* "cell:1:COL: message" -> COL (1-based) and the message. */
static const char *wt_parse_msg(const char *msg, long *col)
{
	const char *p = strstr(msg, "cell:1:");
	char *end;

	*col = 0;
	if (!p)
		return msg;
	*col = strtol(p + 7, &end, 10);
	if (end[0] == ':' && end[1] == ' ')
		return end + 2;
	return msg;
}

static bool wt_optional(int col)
{
	return col == SCHED_WTAB_PRIORITY || col == SCHED_WTAB_TICKETS ||
	       col == SCHED_WTAB_NICE;
}

int sched_wtab_check(const struct sched_wtab *t, int row, int col,
		     const char *text, char *err, size_t errlen)
{
	const char *cname, *msg;
	struct sched_workload w;
	struct wt_buf b = { 0 };
	char perr[512];
	size_t at, len, i;
	long ecol;
	int rc;

	if (col < 0 || col >= SCHED_WTAB_NCOLS || row < 0 ||
	    row > t->nrows || !text)
		return wt_fail(err, errlen, "no such cell");
	cname = _(sched_wtab_col_names[col]);
	len = strlen(text);
	if (len >= SCHED_WTAB_CELL_MAX)
		return wt_fail(err, errlen,
			       "%s: expected at most %d characters", cname,
			       SCHED_WTAB_CELL_MAX - 1);
	/* Other bytes (non-ASCII too) are the parser's to refuse. */
	for (i = 0; i < len; i++)
		if (text[i] == ' ' || text[i] == '#' ||
		    (unsigned char)text[i] < ' ' || text[i] == 127)
			return wt_fail(err, errlen,
				       "%s: expected no blank, '#' or other special character, got '%s'",
				       cname, text + i);
	if (len == 0 && wt_optional(col))
		return 0;
	wt_cell_line(col, text, &b, &at);
	if (b.nomem) {
		free(b.s);
		return wt_fail(err, errlen, "out of memory");
	}
	rc = sched_workload_parse_mem(b.s, b.len, "cell", &w, perr,
				      sizeof(perr));
	sched_workload_clear(&w);
	free(b.s);
	if (rc == -ENOMEM)
		return wt_fail(err, errlen, "out of memory");
	if (rc) {
		msg = wt_parse_msg(perr, &ecol);
		/* A priority read behind a '-' of ours: the fault is the
		 * cell's first character. */
		if (col == SCHED_WTAB_PRIORITY && at == 7 && ecol == 7)
			ecol = 8;
		/* The offending character inside the cell: show from it. */
		if (ecol >= 1 && (size_t)(ecol - 1) >= at &&
		    (size_t)(ecol - 1) < at + len)
			/* TRANSLATORS: a column of the workload editor, the
			 * parser's message (already translated) and the
			 * rest of the cell from the offending character. */
			return wt_fail(err, errlen, "%s: %s, got '%s'", cname,
				       msg, text + (ecol - 1 - at));
		/* TRANSLATORS: a column and the parser's message. */
		return wt_fail(err, errlen, "%s: %s", cname, msg);
	}
	if (col == SCHED_WTAB_NAME)
		for (i = 0; i < (size_t)t->nrows; i++)
			if ((int)i != row &&
			    strcmp(t->rows[i].cell[SCHED_WTAB_NAME], text) == 0)
				return wt_fail(err, errlen,
					       "%s: expected a new job name ('%s' is already used on row %zu)",
					       cname, text, i + 1);
	return 0;
}

int sched_wtab_set(struct sched_wtab *t, int row, int col, const char *text,
		   char *err, size_t errlen)
{
	char *copy;
	int rc;

	if (row >= t->nrows)
		return wt_fail(err, errlen, "no such cell");
	rc = sched_wtab_check(t, row, col, text, err, errlen);
	if (rc)
		return rc;
	copy = strdup(text);
	if (!copy) {
		wt_fail(err, errlen, "out of memory");
		return -ENOMEM;
	}
	if (strcmp(copy, t->rows[row].cell[col]))
		t->random_n = 0;
	free(t->rows[row].cell[col]);
	t->rows[row].cell[col] = copy;
	return 0;
}

/* ---- rows in and out ----------------------------------------------------- */

static bool wt_name_used(const struct sched_wtab *t, const char *name)
{
	int i;

	for (i = 0; i < t->nrows; i++)
		if (strcmp(t->rows[i].cell[SCHED_WTAB_NAME], name) == 0)
			return true;
	return false;
}

int sched_wtab_insert(struct sched_wtab *t, int at)
{
	char name[SCHED_NAME_MAX];
	const char *cells[SCHED_WTAB_NCOLS];
	int k = 0;

	if (at < 0 || at > t->nrows)
		return -EINVAL;
	do
		sched_workload_letter_name(k++, name);
	while (wt_name_used(t, name));
	cells[SCHED_WTAB_NAME] = name;
	cells[SCHED_WTAB_ARRIVAL] = at > 0 ?
		t->rows[at - 1].cell[SCHED_WTAB_ARRIVAL] : "0";
	cells[SCHED_WTAB_BURSTS] = "5";
	cells[SCHED_WTAB_PRIORITY] = "0";
	cells[SCHED_WTAB_TICKETS] = "100";
	cells[SCHED_WTAB_NICE] = "0";
	t->random_n = 0;
	return wt_insert_cells(t, at, cells);
}

int sched_wtab_delete(struct sched_wtab *t, int row)
{
	if (row < 0 || row >= t->nrows)
		return -EINVAL;
	wt_row_free(&t->rows[row]);
	memmove(&t->rows[row], &t->rows[row + 1],
		(size_t)(t->nrows - row - 1) * sizeof(*t->rows));
	t->nrows--;
	t->random_n = 0;
	return 0;
}

int sched_wtab_random(struct sched_wtab *t, int n, unsigned long seed)
{
	struct sched_workload w;
	int rc = sched_workload_random(&w, n, seed);

	if (!rc)
		rc = sched_wtab_from_workload(t, &w);
	sched_workload_clear(&w);
	if (!rc) {
		t->random_n = n;
		t->seed = seed;
	}
	return rc;
}

/* The cell's number (the cell is valid); @def when empty. */
static long wt_num(const char *cell, long def)
{
	return *cell ? strtol(cell, NULL, 10) : def;
}

/*
 * Append a row as a file line, fields padded to @wd[col]; the priority
 * when any row has one (@wd[3]), tickets and nice when not the default.
 */
static void wt_line(struct wt_buf *b, const struct sched_wtab_row *r,
		    const int *wd)
{
	long prio = wt_num(r->cell[SCHED_WTAB_PRIORITY], 0);
	long tick = wt_num(r->cell[SCHED_WTAB_TICKETS], 100);
	long nice = wt_num(r->cell[SCHED_WTAB_NICE], 0);
	bool tail = wd[3] || tick != 100 || nice != 0;

	wt_cat(b, "%-*s  %-*s  %-*s", wd[0], r->cell[SCHED_WTAB_NAME], wd[1],
	       r->cell[SCHED_WTAB_ARRIVAL], tail ? wd[2] : 0,
	       r->cell[SCHED_WTAB_BURSTS]);
	if (wd[3])
		wt_cat(b, "  %ld", prio);
	if (tick != 100)
		wt_cat(b, "  tickets=%ld", tick);
	if (nice != 0)
		wt_cat(b, "  nice=%ld", nice);
	wt_cat(b, "\n");
}

int sched_wtab_text(const struct sched_wtab *t, const char *comment,
		    char **out)
{
	struct wt_buf b = { 0 };
	int wd[4] = { 6, 7, 6, 0 }, i;
	const char *p;

	for (p = comment; p && *p;) {
		const char *nl = strchr(p, '\n');
		int n = nl ? (int)(nl - p) : (int)strlen(p);

		wt_cat(&b, "# %.*s\n", n, p);
		p += n + (nl ? 1 : 0);
	}
	for (i = 0; i < t->nrows; i++) {
		const struct sched_wtab_row *r = &t->rows[i];
		int k;

		for (k = 0; k < 3; k++)
			if ((int)strlen(r->cell[k]) > wd[k])
				wd[k] = (int)strlen(r->cell[k]);
		if (wt_num(r->cell[SCHED_WTAB_PRIORITY], 0) != 0)
			wd[3] = 1;
	}
	wt_cat(&b, "# %-*s  %-*s  %s%s\n", wd[0] - 2, "name", wd[1], "arrival",
	       "bursts", wd[3] ? "  priority" : "");
	for (i = 0; i < t->nrows; i++)
		wt_line(&b, &t->rows[i], wd);
	return wt_take(&b, out);
}

int sched_wtab_jobs(const struct sched_wtab *t, char **out)
{
	struct wt_buf b = { 0 };
	int i;

	*out = NULL;
	if (t->nrows == 0)
		return -EINVAL;
	for (i = 0; i < t->nrows; i++) {
		const struct sched_wtab_row *r = &t->rows[i];
		long prio = wt_num(r->cell[SCHED_WTAB_PRIORITY], 0);
		long tick = wt_num(r->cell[SCHED_WTAB_TICKETS], 100);
		long nice = wt_num(r->cell[SCHED_WTAB_NICE], 0);

		wt_cat(&b, "%s%ld:%s", i ? "," : "",
		       wt_num(r->cell[SCHED_WTAB_ARRIVAL], 0),
		       r->cell[SCHED_WTAB_BURSTS]);
		if (prio != 0)
			wt_cat(&b, ":%ld", prio);
		if (tick != 100)
			wt_cat(&b, ":tickets=%ld", tick);
		if (nice != 0)
			wt_cat(&b, ":nice=%ld", nice);
	}
	return wt_take(&b, out);
}

int sched_wtab_workload(const struct sched_wtab *t, struct sched_workload *out,
			char *err, size_t errlen)
{
	char *text;
	int rc;

	sched_workload_init(out);
	rc = sched_wtab_text(t, NULL, &text);
	if (rc) {
		wt_fail(err, errlen, "out of memory");
		return rc;
	}
	rc = sched_workload_parse_mem(text, strlen(text), "table", out, err,
				      errlen);
	free(text);
	if (!rc)
		sched_workload_set_io_length(out, t->io_length);
	return rc;
}

/* ---- undo ---------------------------------------------------------------- */

void sched_wtab_hist_init(struct sched_wtab_hist *h)
{
	memset(h, 0, sizeof(*h));
}

void sched_wtab_hist_clear(struct sched_wtab_hist *h)
{
	int i;

	for (i = 0; i < h->n; i++)
		sched_wtab_clear(&h->tabs[i]);
	free(h->tabs);
	sched_wtab_hist_init(h);
}

int sched_wtab_hist_copy(struct sched_wtab_hist *dst,
			 const struct sched_wtab_hist *src)
{
	int i, rc;

	sched_wtab_hist_init(dst);
	for (i = 0; i < src->n; i++) {
		rc = sched_wtab_hist_push(dst, &src->tabs[i]);
		if (rc) {
			sched_wtab_hist_clear(dst);
			return rc;
		}
	}
	return 0;
}

int sched_wtab_hist_push(struct sched_wtab_hist *h, const struct sched_wtab *t)
{
	int rc;

	if (h->n > 0 && sched_wtab_equal(&h->tabs[h->n - 1], t))
		return 0;
	if (h->n == h->cap) {
		int ncap = h->cap ? h->cap * 2 : 8;
		struct sched_wtab *nt;

		nt = realloc(h->tabs, (size_t)ncap * sizeof(*nt));
		if (!nt)
			return -ENOMEM;
		h->tabs = nt;
		h->cap = ncap;
	}
	rc = sched_wtab_copy(&h->tabs[h->n], t);
	if (rc)
		return rc;
	h->n++;
	if (h->n > SCHED_WTAB_HIST_MAX) {
		sched_wtab_clear(&h->tabs[1]);
		memmove(&h->tabs[1], &h->tabs[2],
			(size_t)(h->n - 2) * sizeof(*h->tabs));
		h->n--;
	}
	return 0;
}

const struct sched_wtab *sched_wtab_hist_top(const struct sched_wtab_hist *h)
{
	return h->n ? &h->tabs[h->n - 1] : NULL;
}

bool sched_wtab_hist_undo(struct sched_wtab_hist *h)
{
	if (h->n <= 1)
		return false;
	sched_wtab_clear(&h->tabs[--h->n]);
	return true;
}

bool sched_wtab_hist_changed(const struct sched_wtab_hist *h)
{
	return h->n > 1 && !sched_wtab_equal(&h->tabs[0], &h->tabs[h->n - 1]);
}
