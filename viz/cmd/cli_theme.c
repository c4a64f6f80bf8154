/*
 * viz/cmd/cli_theme.c - the --theme option (cli_theme.h).
 */
#include "viz/cmd/cli_theme.h"
#include "viz/cmd/cli.h"

#include <stdlib.h>
#include <string.h>

static bool cli_theme_known(const char *s)
{
	return strcmp(s, "dark") == 0 || strcmp(s, "light") == 0 ||
	       strcmp(s, "mono") == 0;
}

int cli_theme_take(int *argc, char **argv)
{
	const char *env = getenv("PROCVIZ_THEME"), *name = NULL;
	int i, o;

	for (i = o = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < *argc)
				argv[o++] = argv[i++];
			break;
		}
		if (strcmp(argv[i], "--theme") == 0) {
			if (i + 1 >= *argc)
				return cli_usage(NULL,
					"option '--theme' needs a value "
					"(dark, light or mono)");
			name = argv[++i];
		} else if (strncmp(argv[i], "--theme=", 8) == 0) {
			name = argv[i] + 8;
		} else {
			argv[o++] = argv[i];
			continue;
		}
		if (!cli_theme_known(name))
			return cli_usage(NULL, "--theme: expected dark, light "
					 "or mono, got '%s'", name);
	}
	argv[o] = NULL;
	*argc = o;
	if (name)
		return setenv("PROCVIZ_THEME", name, 1) == 0 ? 0 : CLI_FAIL;
	if (env && *env && !cli_theme_known(env))
		return cli_usage(NULL, "PROCVIZ_THEME: expected dark, light "
				 "or mono, got '%s'", env);
	return 0;
}
