/*
 * viz/ui/ui_tasks.h - how the lesson view words tasks (threads) and what a
 * blocked task waits for (procviz.1 "TASKS AND WAITS"): the state column,
 * the line about the selected row, the help's legend.  No curses here.
 */
#ifndef PROCVIZ_VIZ_UI_TASKS_H
#define PROCVIZ_VIZ_UI_TASKS_H

#include "viz/core/model.h"

#include <stddef.h>

/*
 * The word of the state column of @p, translated: "running", "ready",
 * and for a blocked one what it waits for, "lock", "pipe" ("blocked" when
 * that is not visible).  The column is its letter and this word: "B lock".
 */
const char *ui_tasks_word(const struct model_proc *p);

/*
 * What the selected row is doing, for the line that shows it:
 * "4242/4250 worker-1: blocked: waiting for a lock (futex) - syscall
 * futex, wchan futex_do_wait".  Empty when @p is NULL.
 */
void ui_tasks_detail(const struct model_proc *p, char *buf, size_t len);

/* The help's legend of the wait words, NULL-terminated lines. */
extern const char *const ui_tasks_legend[];

#endif
