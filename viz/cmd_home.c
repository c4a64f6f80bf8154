/*
 * viz/cmd_home.c - `procviz` with no arguments: the home screen.
 *
 * Lists the lessons (scenarios) and the bundled workloads and turns the
 * one picked into a view: a workload goes through the same request parser
 * as `procviz sched NAME`, so its defaults are the command line's.
 */
#include "scenarios/scenario.h"
#include "viz/cli.h"
#include "viz/sched_request.h"
#include "viz/ui_views.h"
#include "viz/workloads.h"

#include <stdio.h>
#include <stdlib.h>

static struct ui_view *home_start_workload(const char *name, char *err,
					   size_t errlen)
{
	struct sched_request req;
	struct ui_view *v = NULL;
	char *argv[] = { "sched", (char *)name, NULL };

	sched_request_init(&req);
	if (sched_request_parse(&req, 2, argv, err, errlen) == 0)
		v = ui_sched_view_new(&req.workload, req.title,
				      (const char *const *)req.policies,
				      req.npolicies, &req.opts, err, errlen);
	sched_request_clear(&req);
	return v;
}

static struct ui_view *home_start(void *arg, const struct ui_home_item *it,
				  char *err, size_t errlen)
{
	struct ui_scenario_opts o = { 0 };
	const struct scenario *scen;

	if (it->kind == UI_HOME_WORKLOAD)
		return home_start_workload(it->name, err, errlen);
	scen = scen_find(it->name);
	if (!scen) {
		snprintf(err, errlen, "no such lesson");
		return NULL;
	}
	return ui_scenario_view_new(scen, &o, err, errlen);
}

int cmd_home(int argc, char **argv)
{
	struct ui_home_item *items;
	struct ui_view *v;
	char err[256];
	int n = 0, i;

	for (i = 0; workloads_table[i].name; i++)
		n++;
	for (i = 0; scen_table[i]; i++)
		n++;
	items = calloc((size_t)n + 1, sizeof(*items));
	if (!items)
		return cli_fail("home", "out of memory");
	n = 0;
	for (i = 0; scen_table[i]; i++) {
		items[n].kind = UI_HOME_LESSON;
		items[n].name = scen_table[i]->name;
		items[n].description = scen_table[i]->description;
		n++;
	}
	for (i = 0; workloads_table[i].name; i++) {
		items[n].kind = UI_HOME_WORKLOAD;
		items[n].name = workloads_table[i].name;
		items[n].description = workloads_table[i].description;
		n++;
	}
	v = ui_home_view_new(items, n, home_start, NULL, err, sizeof(err));
	free(items);
	if (!v)
		return cli_fail("home", "%s", err);
	return ui_main(&v, 1);
}
