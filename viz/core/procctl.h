/*
 * viz/core/procctl.h - the htop habits of the lesson view: renice a
 * process, set its CPU affinity.
 *
 * Both act on every task (thread) of the process, as `renice` and
 * `taskset -a` would, since Linux keeps nice and affinity per thread.
 * Raising nice is always allowed on one's own processes; lowering it
 * needs CAP_SYS_NICE (or RLIMIT_NICE): the kernel's -EACCES/-EPERM come
 * back as they are, for the view to explain.
 *
 * CPU lists are written as the kernel writes them ("0-3,6"): see
 * /sys/devices/system/cpu/online and taskset(1).  Nothing here prints.
 */
#ifndef PROCVIZ_VIZ_PROCCTL_H
#define PROCVIZ_VIZ_PROCCTL_H

/* cpu_set_t needs _GNU_SOURCE before the first system header. */
#include <sched.h>
#include <stddef.h>

#define PROCCTL_NICE_MIN (-20)
#define PROCCTL_NICE_MAX 19

/* The nice value of @pid (its main thread).  0 or -errno. */
int procctl_nice_get(int pid, int *nice);
/*
 * Set every task of @pid to nice @nice (clamped to -20..19).  0, or the
 * first -errno met (tasks that vanished meanwhile are skipped).
 */
int procctl_nice_set(int pid, int nice);

/*
 * Parse a CPU list ("0", "1,3", "0-2,5") into @set.  CPUs must be below
 * @ncpus.  0, or -EINVAL with "column N: what was expected" in err[errlen].
 */
int procctl_cpulist_parse(const char *s, int ncpus, cpu_set_t *set,
			  char *err, size_t errlen);
/* Write @set as a CPU list ("0-2,5") into buf[len]; "" when empty. */
void procctl_cpulist_format(const cpu_set_t *set, char *buf, size_t len);

/* The affinity of @pid (its main thread).  0 or -errno. */
int procctl_affinity_get(int pid, cpu_set_t *set);
/* Set every task of @pid to @set.  0, or the first -errno met. */
int procctl_affinity_set(int pid, const cpu_set_t *set);

#endif
