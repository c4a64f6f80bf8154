/*
 * viz/cmd/locale.c - pick the locale and find the message catalogue.
 */
#include "viz/cmd/locale.h"
#include "common/i18n.h"

#include <dirent.h>
#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef PROCVIZ_LOCALEDIR
#define PROCVIZ_LOCALEDIR "/usr/local/share/locale"
#endif

/* Does @dir hold some LANG/LC_MESSAGES/procviz.mo? */
static bool locale_dir_has_catalogue(const char *dir)
{
	char path[PATH_MAX];
	struct dirent *de;
	bool found = false;
	DIR *d = opendir(dir);

	if (!d)
		return false;
	while (!found && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (snprintf(path, sizeof(path), "%s/%s/LC_MESSAGES/%s.mo",
			     dir, de->d_name, PROCVIZ_DOMAIN) <
		    (int)sizeof(path))
			found = access(path, R_OK) == 0;
	}
	closedir(d);
	return found;
}

/* The directory of the running binary, into @buf; false when unknown. */
static bool locale_exe_dir(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);
	char *slash;

	if (n <= 0)
		return false;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (!slash)
		return false;
	*slash = '\0';
	return true;
}

void cli_locale_init(void)
{
	static const char *const rel[] = {
		"build/locale",		/* ./procviz beside build/ */
		"locale",		/* build-asan/procviz */
		"../share/locale",	/* PREFIX/bin/procviz */
	};
	char exe[PATH_MAX], dir[PATH_MAX];
	const char *env = getenv("PROCVIZ_LOCALEDIR");
	const char *chosen = PROCVIZ_LOCALEDIR;
	size_t i;

	setlocale(LC_ALL, "");
	/*
	 * Numbers in JSON, CSV and SVG never follow the locale: a decimal
	 * comma would break them.  Text is translated, numbers are not.
	 */
	setlocale(LC_NUMERIC, "C");
	if (env && *env) {
		chosen = env;
	} else if (locale_exe_dir(exe, sizeof(exe))) {
		for (i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
			if (snprintf(dir, sizeof(dir), "%s/%s", exe, rel[i]) >=
			    (int)sizeof(dir))
				continue;
			if (locale_dir_has_catalogue(dir)) {
				chosen = dir;
				break;
			}
		}
	}
	bindtextdomain(PROCVIZ_DOMAIN, chosen);
	bind_textdomain_codeset(PROCVIZ_DOMAIN, "UTF-8");
	textdomain(PROCVIZ_DOMAIN);
}
