/* viz/cmd_home.c - placeholder until its issue lands; replace wholesale. */
#include "viz/cli.h"

int cmd_home(int argc, char **argv)
{
	return cli_fail(argv[0] ? argv[0] : "home", "not built yet");
}
