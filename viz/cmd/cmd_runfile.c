/*
 * viz/cmd/cmd_runfile.c - `procviz run FILE` (cmd_runfile.h): the names
 * that are lesson files, and loading one.
 */
#include "viz/cmd/cmd_runfile.h"

#include "scenarios/scenario.h"
#include "viz/cmd/cli.h"
#include "viz/core/lesson_dirs.h"
#include "viz/core/lesson_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool runfile_is_file(const char *name)
{
	size_t n = strlen(name);

	if (strchr(name, '/'))
		return true;
	if ((n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	    (n > 4 && strcmp(name + n - 4, ".yml") == 0))
		return true;
	return !scen_find(name) && access(name, F_OK) == 0;
}

/*
 * A bare NAME.yaml that is not in the current directory: the lesson of
 * that name in the lesson directories (lesson_dirs.h), into buf.
 */
static const char *runfile_find(const char *path, char *buf, size_t len)
{
	const struct lesson_entry *e;
	struct lesson_list l;

	if (strchr(path, '/') || access(path, F_OK) == 0)
		return path;
	if (lesson_list_scan(&l, LF_LANG_EN) == 0 &&
	    (e = lesson_list_find(&l, path)) &&
	    snprintf(buf, len, "%s", e->path) < (int)len)
		path = buf;
	lesson_list_clear(&l);
	return path;
}

int runfile_load(const char *name, struct lesson_file **lf)
{
	char err[1024], found[4096];
	const char *path = runfile_find(name, found, sizeof(found));

	*lf = calloc(1, sizeof(**lf));
	if (!*lf)
		return cli_fail("run", "out of memory");
	if (lesson_file_load(path, *lf, err, sizeof(err))) {
		fprintf(stderr, "%s\n", err);
		lesson_file_clear(*lf);
		free(*lf);
		*lf = NULL;
		return CLI_USAGE;
	}
	return -1;
}
