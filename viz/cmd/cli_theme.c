/*
 * viz/cmd/cli_theme.c - the --theme option (cli_theme.h).
 *
 * --theme goes with every command and with none (the home screen), and
 * anywhere on the line, so the one parser (viz/cmd/args.h) takes it out
 * of argv (args_take_out) before main even knows which command, and so
 * which table, applies; each command's own parse then never sees it.
 */
#include "viz/cmd/cli_theme.h"
#include "viz/cmd/args.h"
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

/* --theme NAME: keep the last NAME given, if it is a theme. */
static int cli_theme_opt(void *ctx, const struct args_option *opt,
			 const char *val, char *err, size_t errlen)
{
	if (cli_theme_find(val) < 0)
		return args_fail(err, errlen, "--theme: expected dark, light "
				 "or mono, got '%s'", val);
	*(const char **)ctx = val;
	return 0;
}

static const struct args_option cli_theme_table[] = {
	{ "--theme", true, 0, cli_theme_opt, 0 },
};

int cli_theme_take(int *argc, char **argv, struct ui_config *cfg)
{
	const char *env = getenv("PROCVIZ_THEME"), *nc = getenv("NO_COLOR");
	const char *name = NULL;
	const struct args_set set = { cli_theme_table,
				      ARRAY_SIZE(cli_theme_table), NULL,
				      &name };
	char err[256];

	if (args_take_out(&set, argc, argv, err, sizeof(err)))
		return cli_usage(NULL, "%s", err);
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
