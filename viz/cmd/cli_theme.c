/*
 * viz/cmd/cli_theme.c - the --theme option (cli_theme.h).
 *
 * A pre-pass over argv rather than an entry in the one parser's tables
 * (viz/cmd/args.h): --theme goes with every command and with none (the
 * home screen), and anywhere on the line, so it is taken out before main
 * even knows which command, and so which table, applies; each command's
 * own parser then never sees it.  Like every --name option, its value
 * follows it.
 */
#include "viz/cmd/cli_theme.h"
#include "viz/cmd/cli.h"

#include <stdlib.h>
#include <string.h>

static const char *const cli_theme_names[] = {
	[UI_THEME_DARK] = "dark",
	[UI_THEME_LIGHT] = "light",
	[UI_THEME_MONO] = "mono",
};

/* The theme called @s, or -1. */
static int cli_theme_find(const char *s)
{
	int i;

	for (i = 0; i < (int)ARRAY_SIZE(cli_theme_names); i++)
		if (strcmp(s, cli_theme_names[i]) == 0)
			return i;
	return -1;
}

int cli_theme_take(int *argc, char **argv, struct ui_config *cfg)
{
	const char *env = getenv("PROCVIZ_THEME"), *nc = getenv("NO_COLOR");
	const char *name = NULL;
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
		if (cli_theme_find(name) < 0)
			return cli_usage(NULL, "--theme: expected dark, light "
					 "or mono, got '%s'", name);
	}
	argv[o] = NULL;
	*argc = o;
	if (!name && env && *env) {
		if (cli_theme_find(env) < 0)
			return cli_usage(NULL, "PROCVIZ_THEME: expected dark, "
					 "light or mono, got '%s'", env);
		name = env;
	}
	if (name)
		cfg->theme = (enum ui_theme)cli_theme_find(name);
	else
		cfg->theme = nc && *nc ? UI_THEME_MONO : UI_THEME_DARK;
	return 0;
}

void cli_theme_html(struct report_html_config *cfg)
{
	struct ui_config ui;

	ui_configured(&ui);
	switch (ui.theme) {
	case UI_THEME_LIGHT:
		cfg->theme = REPORT_HTML_LIGHT;
		break;
	case UI_THEME_MONO:
		cfg->theme = REPORT_HTML_MONO;
		break;
	default:
		cfg->theme = REPORT_HTML_DARK;
		break;
	}
}
