/*
 * viz/cmd/workloads.h - the workloads bundled with procviz.
 *
 * Each is a workload file (procviz.1 "WORKLOADS") embedded as a string, so
 * `procviz sched NAME` works with nothing installed.  `procviz list`
 * prints them as "workload NAME DESCRIPTION".
 */
#ifndef PROCVIZ_VIZ_WORKLOADS_H
#define PROCVIZ_VIZ_WORKLOADS_H

struct workloads_entry {
	const char *name;	/* "silberschatz", as typed after `sched` */
	const char *description;	/* one line, no tabs */
	const char *text;	/* the workload file, NUL-terminated */
};

/* Every bundled workload, in display order; ends with a NULL name. */
extern const struct workloads_entry workloads_table[];

/* The bundled workload called @name, or NULL. */
const struct workloads_entry *workloads_find(const char *name);

#endif
