/*
 * sched/workload_table.h - a workload as an editable table of text cells
 * (the scheduler view's `e`), and its undo history.  Pure C on libc: no
 * terminal, no printing.
 *
 * One row per job, one cell per field of a workload file line (spec.md
 * "Workloads"): name, arrival, bursts (CPU/IO/CPU... or an instruction
 * list c7,i,c1), priority, tickets, nice.  A cell keeps the text as typed,
 * so an instruction list stays one.  Every cell is checked by the very
 * parser a workload file goes through (sched_workload_parse_mem), so the
 * table accepts exactly what a file accepts and says why in the same
 * words, prefixed with the column: "bursts: expected a CPU burst (whole
 * ticks, 1..1000000000), got 'x'".
 *
 * Invariant: every cell of a table is valid and the names are distinct,
 * so the table always turns into a workload (once it has a row).
 * sched_wtab_set() refuses a bad cell and leaves the table as it was.
 */
#ifndef PROCVIZ_SCHED_WORKLOAD_TABLE_H
#define PROCVIZ_SCHED_WORKLOAD_TABLE_H

#include "sched/sched.h"

#include <stdbool.h>
#include <stddef.h>

enum sched_wtab_col {
	SCHED_WTAB_NAME,
	SCHED_WTAB_ARRIVAL,
	SCHED_WTAB_BURSTS,
	SCHED_WTAB_PRIORITY,
	SCHED_WTAB_TICKETS,
	SCHED_WTAB_NICE,
	SCHED_WTAB_NCOLS
};

enum {
	SCHED_WTAB_CELL_MAX = 4096,	/* longest cell text, NUL included */
	SCHED_WTAB_IO_DEFAULT = 5,	/* an 'i' of an instruction list:
					 * --io-length's default */
	SCHED_WTAB_HIST_MAX = 200,	/* undo steps kept (the oldest after
					 * the first go) */
};

/* The columns' words, as in messages: "name", "arrival", "bursts"... */
extern const char *const sched_wtab_col_names[SCHED_WTAB_NCOLS];

struct sched_wtab_row {
	char *cell[SCHED_WTAB_NCOLS];	/* owned, NUL-terminated; "" for an
					 * optional field left out */
};

struct sched_wtab {
	struct sched_wtab_row *rows;	/* owned, nrows of them */
	int nrows;
	int cap;
	long io_length;		/* ticks of each 'i' (default
				 * SCHED_WTAB_IO_DEFAULT) */
	int random_n;		/* the rows are `--random random_n --seed
				 * seed`'s, unchanged since (0: not) */
	unsigned long seed;
};

void sched_wtab_init(struct sched_wtab *t);
void sched_wtab_clear(struct sched_wtab *t);
/* Deep copy into @dst (initialised here).  0 or -ENOMEM. */
int sched_wtab_copy(struct sched_wtab *dst, const struct sched_wtab *src);
/* Same rows and cells (and the same random draw, if any)? */
bool sched_wtab_equal(const struct sched_wtab *a, const struct sched_wtab *b);

/*
 * The table of @w (whatever @t held is freed): bursts as "5/3/2",
 * priority, tickets and nice as numbers.  0 or -ENOMEM.
 */
int sched_wtab_from_workload(struct sched_wtab *t,
			     const struct sched_workload *w);

/*
 * Would @text be a valid cell (@row, @col)?  0, or -EINVAL with
 * "COLUMN: what the parser expected[, got 'REST']" in err[errlen] (REST:
 * the cell from the offending character on).  Optional fields (priority,
 * tickets, nice) may be empty.  A name must differ from the other rows'.
 * Blanks and '#' are refused: in a file they end the field.
 */
int sched_wtab_check(const struct sched_wtab *t, int row, int col,
		     const char *text, char *err, size_t errlen);
/* sched_wtab_check, then store.  0, -EINVAL (table unchanged), -ENOMEM. */
int sched_wtab_set(struct sched_wtab *t, int row, int col, const char *text,
		   char *err, size_t errlen);
/*
 * Insert a new job before row @at (0..nrows): the first free name of A,
 * B, C..., the arrival of the row above (0 for the first), bursts "5",
 * priority 0, tickets 100, nice 0.  0 or -ENOMEM / -EINVAL.
 */
int sched_wtab_insert(struct sched_wtab *t, int at);
/* Remove row @row.  0 or -EINVAL. */
int sched_wtab_delete(struct sched_wtab *t, int row);
/*
 * Replace the rows with `--random @n --seed @seed`'s jobs
 * (sched_workload_random), and say so in random_n and seed until the
 * next change.  0, -EINVAL, -ENOMEM (table unchanged).
 */
int sched_wtab_random(struct sched_wtab *t, int n, unsigned long seed);

/*
 * The table as a workload file, into *out (malloc'd, NUL-terminated; the
 * caller frees): @comment lines first (each prefixed "# "; NULL: none),
 * then one aligned line per job, optional fields left out when they hold
 * the default (priority 0, tickets 100, nice 0).  0 or -ENOMEM.
 */
int sched_wtab_text(const struct sched_wtab *t, const char *comment,
		    char **out);
/*
 * The --jobs SPEC of the same jobs ("0:24,1:3:2,..."; malloc'd into
 * *out).  --jobs names jobs A, B, C...: the names are not kept.  0,
 * -ENOMEM, or -EINVAL for an empty table.
 */
int sched_wtab_jobs(const struct sched_wtab *t, char **out);
/*
 * The workload of the table, read by the file parser (@out initialised
 * here; instruction lists' IOs get t->io_length).  0, or -EINVAL with the
 * parser's message (an empty table has no jobs), -ENOMEM.
 */
int sched_wtab_workload(const struct sched_wtab *t, struct sched_workload *out,
			char *err, size_t errlen);

/* ---- undo: a stack of tables, the first (the start) always kept --------- */

struct sched_wtab_hist {
	struct sched_wtab *tabs;	/* owned, n of them; tabs[n-1] is now */
	int n;
	int cap;
};

void sched_wtab_hist_init(struct sched_wtab_hist *h);
void sched_wtab_hist_clear(struct sched_wtab_hist *h);
int sched_wtab_hist_copy(struct sched_wtab_hist *dst,
			 const struct sched_wtab_hist *src);
/*
 * Push a copy of @t as the latest state (unless it equals the latest:
 * then nothing changes, 0).  Beyond SCHED_WTAB_HIST_MAX states the
 * second oldest goes (the start stays).  0 or -ENOMEM.
 */
int sched_wtab_hist_push(struct sched_wtab_hist *h, const struct sched_wtab *t);
/* The latest state, or NULL when empty. */
const struct sched_wtab *sched_wtab_hist_top(const struct sched_wtab_hist *h);
/* Drop the latest state, never the first.  true if one was dropped. */
bool sched_wtab_hist_undo(struct sched_wtab_hist *h);
/* Has anything been pushed after the first state? */
bool sched_wtab_hist_changed(const struct sched_wtab_hist *h);

#endif
