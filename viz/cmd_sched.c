/* viz/cmd_sched.c - placeholder until its issue lands; replace wholesale. */
#include "viz/cli.h"

int cmd_sched(int argc, char **argv)
{
	return cli_fail(argv[0] ? argv[0] : "sched", "not built yet");
}
