/*
 * viz/core/marker.h - find new processes by a marker in their environment.
 *
 * A process that procviz starts (a lesson, a watched command) carries an
 * entry NAME=VALUE in its exec-time environment, and so does every process
 * it creates (environments are inherited).  A descendant whose parent
 * exited before procviz read it (a double-forked daemon whose middle
 * process lived 1 ms) has left the process tree, but not the marker.
 *
 * marker_scan_new() lists the processes created since its previous call
 * that carry the marker.  It is cheap when nothing new exists: the last
 * pid the kernel handed out (/proc/loadavg, field 5) tells whether any
 * process was created since; only then is /proc listed, and only pids
 * handed out since the scan before last (wrapping at pid_max) have their
 * environ read.
 * Processes of other users cannot be read, so they are never found.
 */
#ifndef PROCVIZ_VIZ_MARKER_H
#define PROCVIZ_VIZ_MARKER_H

#include <stdbool.h>
#include <stddef.h>

#define MARKER_MAX 128		/* "NAME=VALUE" bytes, NUL included */

struct marker_scan {
	char entry[MARKER_MAX];	/* "NAME=VALUE"; "" = no marker */
	size_t len;
	int last_pid;		/* newest pid handed out at the last scan */
	/*
	 * The one before: each scan looks at (prev_pid, now], so a process
	 * whose pid was handed out but which was not yet listed in /proc
	 * at one scan is found at the next.
	 */
	int prev_pid;
};

/* Set @entry ("NAME=VALUE", copied) and start from the newest pid now. */
void marker_scan_init(struct marker_scan *m, const char *entry);

/*
 * Pids created since the last call whose environment holds the entry: up
 * to @max into @out.  Returns how many (0 when there is no marker).
 */
int marker_scan_new(struct marker_scan *m, int *out, int max);

/* Whether /proc/@pid/environ holds @entry as a whole entry. */
bool marker_has(int pid, const char *entry, size_t len);

#endif
