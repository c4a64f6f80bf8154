/* viz/cmd_observe.c - placeholder until its issue lands; replace wholesale. */
#include "viz/cli.h"

int cmd_watch(int argc, char **argv)
{
	return cli_fail(argv[0] ? argv[0] : "watch", "not built yet");
}

int cmd_attach(int argc, char **argv)
{
	return cli_fail(argv[0] ? argv[0] : "attach", "not built yet");
}
