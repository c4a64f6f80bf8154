/*
 * viz/cmd/cmd_home.c - `procviz` with no arguments: the home screen
 * (viz/ui/ui_home.c lists the lessons and the bundled workloads).
 */
#include "viz/cmd/cli.h"
#include "viz/ui/ui_views.h"

int cmd_home(int argc, char **argv)
{
	struct ui_view *v;
	char err[256];

	if (ui_check_terminal("home"))
		return CLI_FAIL;
	v = ui_home_view_default(NULL, 0, err, sizeof(err));
	if (!v)
		return cli_fail("home", "%s", err);
	return ui_main(&v, 1);
}
