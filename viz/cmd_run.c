/* viz/cmd_run.c - placeholder until its issue lands; replace wholesale. */
#include "viz/cli.h"

int cmd_run(int argc, char **argv)
{
	return cli_fail(argv[0] ? argv[0] : "run", "not built yet");
}

int cmd_list(int argc, char **argv)
{
	return cli_fail(argv[0] ? argv[0] : "list", "not built yet");
}
