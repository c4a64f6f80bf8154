/*
 * viz/cmd/cmd_list.c - `procviz list [--policies]`.
 *
 * Prints one line per item, tab-separated "KIND NAME DESCRIPTION": the
 * lesson scenarios (KIND scenario) and the bundled workloads (workload);
 * with --policies, the scheduling policies instead (policy), in the order
 * of the simulator's table.  Descriptions follow the locale (gettext);
 * KIND and NAME never do.  The shell completion (completion/) and the
 * home screen's tests read these lines; the format is part of procviz(1).
 */
#include "sched/sched.h"
#include "common/i18n.h"
#include "scenarios/scenario.h"
#include "viz/cmd/cli.h"
#include "viz/cmd/workloads.h"
#include "viz/core/lesson_dirs.h"

#include <stdio.h>
#include <string.h>

static const char list_usage[] = N_(
	"Usage: procviz list [--policies]\n"
	"One line per item, tab-separated: KIND NAME DESCRIPTION\n"
	"(KIND: scenario, lesson (a lesson file, procviz-lesson(5)) or\n"
	"workload; with --policies: policy).\n"
	"\n"
	"Options:\n"
	"  --policies        list the scheduling policies instead\n"
	"  --help            this text\n");

/* "policy NAME DESCRIPTION"; the description without its "NAME: " lead. */
static void list_policy(const char *name)
{
	const char *d = sched_policy_describe(name);
	size_t n = strlen(name);

	if (!d)
		d = "";
	if (strncmp(d, name, n) == 0 && d[n] == ':')
		d += n + 1 + (d[n + 1] == ' ');
	printf("policy\t%s\t%s\n", name, d);
}

/*
 * "lesson NAME TITLE: DESCRIPTION (PATH)" for each lesson file found
 * (viz/core/lesson_dirs.h); a broken one says why instead.
 */
static void list_lessons(void)
{
	struct lesson_list l;
	size_t i;

	if (lesson_list_scan(&l, lf_lang_now()) < 0)
		cli_say("list", "lesson files: out of memory");
	for (i = 0; i < l.n; i++) {
		const struct lesson_entry *e = &l.v[i];

		if (e->error)
			printf("lesson\t%s\t%s %s\n", e->name,
			       _("(cannot run:"), e->error);
		else
			printf("lesson\t%s\t%s%s%s (%s)\n", e->name, e->title,
			       e->description[0] ? ": " : "",
			       e->description, e->path);
	}
	lesson_list_clear(&l);
}

int cmd_list(int argc, char **argv)
{
	bool policies = false;
	size_t i;

	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		fputs(_(list_usage), stdout);
		return CLI_OK;
	}
	if (argc > 1 && strcmp(argv[1], "--policies") == 0)
		policies = true;
	if (argc > 1 + policies)
		return cli_usage("list", "unexpected argument '%s'",
				 argv[1 + policies]);
	if (policies) {
		for (i = 0; sched_policy_names[i]; i++)
			list_policy(sched_policy_names[i]);
		return fflush(stdout) == 0 ? CLI_OK : CLI_FAIL;
	}
	for (i = 0; scen_table[i]; i++)
		printf("scenario\t%s\t%s\n", scen_table[i]->name,
		       _(scen_table[i]->description));
	list_lessons();
	for (i = 0; workloads_table[i].name; i++)
		printf("workload\t%s\t%s\n", workloads_table[i].name,
		       _(workloads_table[i].description));
	return fflush(stdout) == 0 ? CLI_OK : CLI_FAIL;
}
