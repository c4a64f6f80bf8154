/*
 * scenarios/table.c - every scenario, chapter by chapter, in the order
 * procviz list and the home screen show them.
 */
#include "scenarios/scenario.h"

#include <string.h>

extern const struct scenario scen_zombie, scen_zombie_storm, scen_orphan,
	scen_daemon, scen_race, scen_prodcons, scen_pipe, scen_pool,
	scen_threads, scen_cpuio, scen_join, scen_isolation, scen_terminate,
	scen_joinable, scen_manager, scen_server, scen_semaphore, scen_event,
	scen_deadlock, scen_gil;

const struct scenario *const scen_table[] = {
	/* processes */
	&scen_zombie, &scen_zombie_storm, &scen_orphan, &scen_daemon,
	&scen_join, &scen_terminate, &scen_isolation, &scen_pool,
	&scen_cpuio,
	/* IPC */
	&scen_pipe, &scen_prodcons, &scen_joinable, &scen_manager,
	&scen_server,
	/* threads and synchronisation */
	&scen_threads, &scen_gil, &scen_race, &scen_semaphore, &scen_event,
	&scen_deadlock,
	NULL,
};

const struct scenario *scen_find(const char *name)
{
	size_t i;

	for (i = 0; name && scen_table[i]; i++)
		if (strcmp(scen_table[i]->name, name) == 0)
			return scen_table[i];
	return NULL;
}

const char *scen_chapter_title(enum scen_chapter ch)
{
	switch (ch) {
	case SCEN_CH_PROCESSES:
		return _("Processes");
	case SCEN_CH_IPC:
		return _("Inter-process communication (IPC)");
	case SCEN_CH_THREADS:
		return _("Threads and synchronisation");
	default:
		return _("Other");
	}
}
