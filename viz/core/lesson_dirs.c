/*
 * viz/core/lesson_dirs.c - finding lesson files (lesson_dirs.h).
 */
#include "viz/core/lesson_dirs.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef PROCVIZ_DATADIR
#define PROCVIZ_DATADIR "/usr/local/share"
#endif

/* Append "@a@b" to dirs unless it is there already or too long. */
static int ld_add(char (*dirs)[PATH_MAX], int n, int max, const char *a,
		  const char *b)
{
	int i;

	if (n >= max || !a || !*a ||
	    snprintf(dirs[n], PATH_MAX, "%s%s", a, b) >= PATH_MAX)
		return n;
	for (i = 0; i < n; i++)
		if (strcmp(dirs[i], dirs[n]) == 0)
			return n;
	return n + 1;
}

/* Each entry of the colon-separated @list, with @suffix. */
static int ld_add_list(char (*dirs)[PATH_MAX], int n, int max,
		       const char *list, const char *suffix)
{
	char item[PATH_MAX];
	const char *p = list, *colon;
	size_t len;

	while (p && *p) {
		colon = strchr(p, ':');
		len = colon ? (size_t)(colon - p) : strlen(p);
		if (len && len < sizeof(item)) {
			memcpy(item, p, len);
			item[len] = '\0';
			n = ld_add(dirs, n, max, item, suffix);
		}
		p = colon ? colon + 1 : NULL;
	}
	return n;
}

int lesson_dirs(char (*dirs)[PATH_MAX], int max)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	const char *sys = getenv("XDG_DATA_DIRS");
	int n = 0;

	n = ld_add_list(dirs, n, max, getenv("PROCVIZ_LESSONS"), "");
	if (xdg && *xdg)
		n = ld_add(dirs, n, max, xdg, "/procviz/lessons");
	else if (home && *home)
		n = ld_add(dirs, n, max, home, "/.local/share/procviz/lessons");
	n = ld_add(dirs, n, max, PROCVIZ_DATADIR, "/procviz/lessons");
	n = ld_add_list(dirs, n, max, sys && *sys ? sys :
			"/usr/local/share:/usr/share", "/procviz/lessons");
	return n;
}

static bool ld_is_lesson(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' &&
	       ((n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
		(n > 4 && strcmp(name + n - 4, ".yml") == 0));
}

static int ld_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

const struct lesson_entry *lesson_list_find(const struct lesson_list *l,
					    const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return &l->v[i];
	return NULL;
}

/* Load @path and add it as @name.  0 or -ENOMEM. */
static int ld_add_entry(struct lesson_list *l, const char *name,
			const char *path, enum lf_lang lang)
{
	struct lesson_entry *e = &l->v[l->n];
	struct lesson_file *lf = malloc(sizeof(*lf));
	char err[1024];
	int rc;

	if (!lf)
		return -ENOMEM;
	memset(e, 0, sizeof(*e));
	rc = lesson_file_load(path, lf, err, sizeof(err));
	e->name = strdup(name);
	e->path = strdup(path);
	e->title = strdup(rc ? name : lf_text_get(&lf->title, lang));
	e->chapter = strdup(rc ? "" : lf_text_get(&lf->chapter, lang));
	e->description = strdup(rc ? "" : lf_text_get(&lf->description,
						       lang));
	e->error = rc ? strdup(err) : NULL;
	lesson_file_clear(lf);
	free(lf);
	l->n++;
	if (!e->name || !e->path || !e->title || !e->chapter ||
	    !e->description || (rc && !e->error))
		return -ENOMEM;
	return 0;
}

int lesson_list_scan(struct lesson_list *l, enum lf_lang lang)
{
	char dirs[LESSON_DIRS_MAX][PATH_MAX], path[PATH_MAX];
	int nd = lesson_dirs(dirs, LESSON_DIRS_MAX), d, rc = 0;
	char *names[LESSON_LIST_MAX];
	struct dirent *de;
	size_t k, nn;
	DIR *dir;

	l->v = calloc(LESSON_LIST_MAX, sizeof(*l->v));
	l->n = 0;
	if (!l->v)
		return -ENOMEM;
	for (d = 0; d < nd && !rc; d++) {
		dir = opendir(dirs[d]);
		if (!dir)
			continue;
		nn = 0;
		while ((de = readdir(dir)) && nn < LESSON_LIST_MAX)
			if (ld_is_lesson(de->d_name) &&
			    !(names[nn++] = strdup(de->d_name)))
				rc = -ENOMEM;
		closedir(dir);
		qsort(names, nn, sizeof(names[0]), ld_cmp);
		for (k = 0; k < nn; k++) {
			if (!rc && names[k] && l->n < LESSON_LIST_MAX &&
			    !lesson_list_find(l, names[k]) &&
			    snprintf(path, sizeof(path), "%s/%s", dirs[d],
				     names[k]) < (int)sizeof(path))
				rc = ld_add_entry(l, names[k], path, lang);
			free(names[k]);
		}
	}
	return rc;
}

void lesson_list_clear(struct lesson_list *l)
{
	size_t i;

	for (i = 0; l->v && i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].path);
		free(l->v[i].title);
		free(l->v[i].chapter);
		free(l->v[i].description);
		free(l->v[i].error);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
