/*
 * viz/core/lesson_dirs.h - where lesson files are found, and the list of
 * them that `procviz list` and the home screen show.
 *
 * The directories, searched in this order (a file name found twice: the
 * first wins, so a lecturer's own file hides the system's of that name):
 *   every directory of PROCVIZ_LESSONS (colon-separated);
 *   $XDG_DATA_HOME/procviz/lessons (default ~/.local/share/...);
 *   DATADIR/procviz/lessons, where procviz is installed (the Debian
 *     package and `make install` put the examples there), and each
 *     XDG_DATA_DIRS entry's procviz/lessons (default /usr/local/share,
 *     /usr/share).
 * (A build tree's scenarios/lessons is not searched: set PROCVIZ_LESSONS.)
 * A lesson file is a *.yaml or *.yml file there (not in subdirectories).
 */
#ifndef PROCVIZ_VIZ_LESSON_DIRS_H
#define PROCVIZ_VIZ_LESSON_DIRS_H

#include "viz/core/lesson_file.h"

#include <limits.h>
#include <stddef.h>

#define LESSON_DIRS_MAX 16
#define LESSON_LIST_MAX 256	/* lesson files listed at most */

struct lesson_entry {
	char *name;		/* owned: the file's name, "zombie.yaml" */
	char *path;		/* owned: where it is */
	char *title;		/* owned: in the language asked for */
	char *chapter;		/* owned: "" when the file names none */
	char *description;	/* owned */
	char *error;		/* owned: why it cannot run, or NULL */
};

struct lesson_list {
	struct lesson_entry *v;	/* owned */
	size_t n;
};

/*
 * The directories to search, in order, into dirs[0..max-1] (PATH_MAX
 * each), whether they exist or not.  Returns how many.
 */
int lesson_dirs(char (*dirs)[PATH_MAX], int max);

/*
 * Find and load every lesson file (lesson_file_load: a broken one is
 * listed with its error), texts in @lang.  0 or -ENOMEM.
 */
int lesson_list_scan(struct lesson_list *l, enum lf_lang lang);
void lesson_list_clear(struct lesson_list *l);
/* The entry called @name ("zombie.yaml"), or NULL. */
const struct lesson_entry *lesson_list_find(const struct lesson_list *l,
					    const char *name);

#endif
