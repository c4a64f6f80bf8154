/*
 * viz/cmd/cmd_lesson.c - `procviz lesson check FILE...`: validate lesson
 * files (procviz-lesson(5)) without running them.
 *
 * Each file is parsed, its sources read and its steps anchored exactly as
 * `procviz run FILE` would.  A good file prints one line on stdout; the
 * first mistake of a bad one goes to stderr as "FILE:LINE:COL: what is
 * wrong".  Exit status 0 when every file is good, 2 otherwise.
 */
#include "common/i18n.h"
#include "viz/cmd/cli.h"
#include "viz/core/lesson_file.h"
#include "viz/core/lesson_run.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char lesson_help[] =
	N_("Usage: procviz lesson check [--steps] FILE...\n"
	"Check lesson files (procviz-lesson(5)) without running them: the\n"
	"YAML, every member, the source files and each step's anchor.\n"
	"Mistakes are reported as FILE:LINE:COL: what is wrong (exit 2).\n"
	"--steps also prints each step: its trigger and the source lines it\n"
	"highlights.\n");

/* "step 1 fork: spawn zombie-child: zombie.py 4-5", one per step. */
static void lesson_print_steps(const struct lesson_file *lf)
{
	char why[96];
	int i;

	for (i = 0; i < lf->nsteps; i++) {
		const struct lf_step *s = &lf->steps[i];

		lrun_trigger_text(s, why, sizeof(why));
		printf("step %d %s: %s", i + 1, s->id[0] ? s->id : "-", why);
		if (s->source >= 0)
			printf(": %s %d-%d", lf->sources[s->source].name,
			       s->first, s->last);
		putchar('\n');
	}
}

static int lesson_check(const char *path, bool steps)
{
	struct lesson_file lf;
	char err[1024];
	int rc = lesson_file_load(path, &lf, err, sizeof(err));

	if (rc) {
		fprintf(stderr, "%s\n", err);
		lesson_file_clear(&lf);
		return CLI_USAGE;
	}
	printf(_("%s: ok: \"%s\", %d steps, %d keys, %d sources\n"), path,
	       lf_text_get(&lf.title, lf_lang_now()), lf.nsteps, lf.nkeys,
	       lf.nsources);
	if (steps)
		lesson_print_steps(&lf);
	lesson_file_clear(&lf);
	return CLI_OK;
}

int cmd_lesson(int argc, char **argv)
{
	int i, rc = CLI_OK;
	bool steps = argc > 2 && strcmp(argv[2], "--steps") == 0;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
			  strcmp(argv[1], "-h") == 0)) {
		fputs(_(lesson_help), stdout);
		return CLI_OK;
	}
	if (argc < 2)
		return cli_usage("lesson", "no action given (procviz lesson "
				 "check FILE...)");
	if (strcmp(argv[1], "check") != 0)
		return cli_usage("lesson", "unknown action '%s' (check)",
				 argv[1]);
	if (argc < 3 + steps)
		return cli_usage("lesson", "check: no file given");
	for (i = 2 + steps; i < argc; i++)
		if (lesson_check(argv[i], steps) != CLI_OK)
			rc = CLI_USAGE;
	return rc;
}
