/*
 * viz/cmd/cmd_home.c - `procviz` with no arguments: the home screen, and
 * the home every other screen's Esc opens (cmd_home.h).  The UI's list
 * view (viz/ui/ui_home.c) is generic; this file says what is in it and
 * how each item starts.  A workload goes through the same request parser
 * as `procviz sched NAME`, so its defaults are the command line's.
 */
#include "scenarios/scenario.h"
#include "viz/cmd/cli.h"
#include "viz/cmd/cmd_home.h"
#include "viz/cmd/schedreq.h"
#include "viz/cmd/workloads.h"
#include "viz/core/lesson_dirs.h"
#include "viz/core/observer.h"
#include "viz/ui/ui_drive.h"
#include "viz/ui/ui_views.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The workloads list's entry that opens an empty job table. */
#define HOME_NEW_WORKLOAD "+new"

static struct ui_view *home_start_workload(const char *name, char *err,
					   size_t errlen)
{
	struct schedreq req;
	struct ui_view *v = NULL;
	bool fresh = strcmp(name, HOME_NEW_WORKLOAD) == 0;
	/* A new workload takes the policies and options of any: those of
	 * `procviz sched --jobs 1`, then its jobs are typed in the table. */
	char *argv[] = { "sched", fresh ? "--jobs" : (char *)name,
			 fresh ? "1" : NULL, NULL };
	struct sched_workload none;

	schedreq_init(&req);
	sched_workload_init(&none);
	if (schedreq_parse(&req, fresh ? 3 : 2, argv, err, errlen) == 0)
		v = ui_sched_view_new(fresh ? &none : &req.workload,
				      fresh ? _("new workload") : req.title,
				      (const char *const *)req.policies,
				      req.npolicies, &req.opts, err, errlen);
	schedreq_clear(&req);
	return v;
}

/*
 * `procviz drive NAME --policy rr`: the workload's jobs as real processes
 * scheduled round robin (quantum 4) at the default tick, beside the
 * simulation of the same schedule.
 */
static struct ui_view *home_drive_workload(const char *name, char *err,
					   size_t errlen)
{
	struct drive_config cfg = { .tick_ms = DRIVE_TICK_MS_DEFAULT,
				    .cpu = -1 };
	struct schedreq req;
	struct ui_view *v = NULL;
	char *argv[] = { "drive", (char *)name, "--policy", "rr", NULL };

	schedreq_init(&req);
	if (schedreq_parse(&req, 4, argv, err, errlen) == 0)
		v = ui_drive_view_new(&req.workload, req.title, "rr",
				      &req.opts, &cfg, err, errlen);
	schedreq_clear(&req);
	return v;
}

/* A lesson's options from home: the defaults, the observer's off switches. */
static void home_run_opts(struct ui_run_opts *o)
{
	struct observer_config sw = { 0 };	/* the off switches only */

	memset(o, 0, sizeof(*o));
	cli_observer_env(&sw);
	o->no_netlink = sw.no_netlink;
	o->no_ptrace = sw.no_ptrace;
}

/* A lecturer's own lesson file, found again by its name. */
static struct ui_view *home_start_file(const char *name, char *err,
				       size_t errlen)
{
	struct ui_run_opts o;
	const struct lesson_entry *e;
	struct lesson_file *lf;
	struct lesson_list l;
	struct ui_view *v = NULL;

	if (lesson_list_scan(&l, lf_lang_now()) < 0 ||
	    !(e = lesson_list_find(&l, name))) {
		snprintf(err, errlen, _("no such lesson"));
		goto out;
	}
	lf = calloc(1, sizeof(*lf));
	if (!lf) {
		snprintf(err, errlen, _("out of memory"));
		goto out;
	}
	if (lesson_file_load(e->path, lf, err, errlen)) {
		lesson_file_clear(lf);
		free(lf);
		goto out;
	}
	home_run_opts(&o);
	v = ui_lesson_file_view_new(lf, true, &o, err, errlen);
out:
	lesson_list_clear(&l);
	return v;
}

static struct ui_view *home_start(void *arg, const struct ui_home_item *it,
				  char *err, size_t errlen)
{
	struct ui_run_opts o;
	const struct scenario *scen;

	if (it->kind == UI_HOME_LESSON && it->file)
		return home_start_file(it->name, err, errlen);
	if (it->kind == UI_HOME_WORKLOAD && it->drive &&
	    strcmp(it->name, HOME_NEW_WORKLOAD) == 0) {
		snprintf(err, errlen, "%s", _("a new workload has no jobs to "
					      "drive yet: Enter opens its table"));
		return NULL;
	}
	if (it->kind == UI_HOME_WORKLOAD && it->drive)
		return home_drive_workload(it->name, err, errlen);
	if (it->kind == UI_HOME_WORKLOAD)
		return home_start_workload(it->name, err, errlen);
	scen = scen_find(it->name);
	if (!scen) {
		snprintf(err, errlen, _("no such lesson"));
		return NULL;
	}
	home_run_opts(&o);
	return ui_scenario_view_new(scen, &o, err, errlen);
}

struct ui_view *cmd_home_view(void *arg, const char *const *files,
			      int nfiles, char *err, size_t errlen)
{
	struct ui_home_item *items;
	struct lesson_list l;
	char (*groups)[160];
	struct ui_view *v;
	size_t k;
	int n = 0, i;

	for (i = 0; workloads_table[i].name; i++)
		n++;
	for (i = 0; scen_table[i]; i++)
		n++;
	lesson_list_scan(&l, lf_lang_now());
	items = calloc((size_t)(n + nfiles) + l.n + 2, sizeof(*items));
	groups = calloc(l.n + 1, sizeof(*groups));
	if (!items || !groups) {
		free(items);
		free(groups);
		lesson_list_clear(&l);
		snprintf(err, errlen, _("out of memory"));
		return NULL;
	}
	n = 0;
	for (i = 0; scen_table[i]; i++) {
		items[n].kind = UI_HOME_LESSON;
		items[n].name = scen_table[i]->name;
		items[n].description = _(scen_table[i]->description);
		items[n].group = scen_chapter_title(scen_table[i]->chapter);
		n++;
	}
	/* The lecturer's own lesson files, by chapter, marked as theirs. */
	for (k = 0; k < l.n; k++) {
		const struct lesson_entry *e = &l.v[k];

		snprintf(groups[k], sizeof(groups[k]), _("%s (your own "
			 "lessons)"), e->chapter[0] ? e->chapter :
			 _("Lesson files"));
	}
	/* Items of a group are adjacent: each group with its first item. */
	for (k = 0; k < l.n; k++) {
		size_t j;

		for (j = 0; j < k; j++)
			if (strcmp(groups[j], groups[k]) == 0)
				break;
		if (j < k)
			continue;	/* its group went out with the first */
		for (j = k; j < l.n; j++) {
			if (strcmp(groups[j], groups[k]) != 0)
				continue;
			items[n].kind = UI_HOME_LESSON;
			items[n].file = true;
			items[n].name = l.v[j].name;
			items[n].description = l.v[j].error ? l.v[j].error :
					       l.v[j].title;
			items[n].group = groups[j];
			n++;
		}
	}
	for (i = 0; workloads_table[i].name; i++) {
		items[n].kind = UI_HOME_WORKLOAD;
		items[n].name = workloads_table[i].name;
		items[n].description = _(workloads_table[i].description);
		n++;
	}
	items[n].kind = UI_HOME_WORKLOAD;
	items[n].name = HOME_NEW_WORKLOAD;
	items[n].description = _("new workload: type the jobs in a table, "
				 "then simulate them");
	n++;
	for (i = 0; i < nfiles; i++) {
		if (workloads_find(files[i]))	/* listed already */
			continue;
		items[n].kind = UI_HOME_WORKLOAD;
		items[n].name = files[i];
		items[n].description = _("workload file given to procviz sched");
		n++;
	}
	v = ui_home_view_new(items, n, home_start, NULL, err, errlen);
	free(items);
	free(groups);
	lesson_list_clear(&l);
	return v;
}

int cmd_home(int argc, char **argv)
{
	struct ui_view *v;
	char err[256];

	if (ui_check_terminal("home"))
		return CLI_FAIL;
	v = cmd_home_view(NULL, NULL, 0, err, sizeof(err));
	if (!v)
		return cli_fail("home", "%s", err);
	return ui_main(&v, 1, cmd_home_view, NULL);
}
