/*
 * scenarios/table.c - every scenario, in the order procviz list shows them.
 */
#include "scenarios/scenario.h"

#include <string.h>

extern const struct scenario scen_zombie, scen_zombie_storm, scen_orphan,
	scen_daemon, scen_race, scen_prodcons, scen_pipe, scen_pool,
	scen_threads, scen_cpuio, scen_join;

const struct scenario *const scen_table[] = {
	&scen_zombie, &scen_zombie_storm, &scen_orphan, &scen_daemon,
	&scen_race, &scen_prodcons, &scen_pipe, &scen_pool, &scen_threads,
	&scen_cpuio, &scen_join, NULL,
};

const struct scenario *scen_find(const char *name)
{
	size_t i;

	for (i = 0; name && scen_table[i]; i++)
		if (strcmp(scen_table[i]->name, name) == 0)
			return scen_table[i];
	return NULL;
}
