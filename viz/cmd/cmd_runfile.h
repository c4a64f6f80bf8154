/*
 * viz/cmd/cmd_runfile.h - `procviz run FILE`: a lesson file
 * (procviz-lesson(5)) run like a built-in lesson, headless or in the
 * lesson view.  cmd_run.c hands over once it has parsed the options.
 */
#ifndef PROCVIZ_VIZ_CMD_RUNFILE_H
#define PROCVIZ_VIZ_CMD_RUNFILE_H

#include "viz/cmd/obs_opts.h"

#include <stdbool.h>

struct runfile_opts {
	const struct obs_opts *obs;	/* borrowed */
	bool step;
	bool subreaper;
};

/*
 * Whether `procviz run NAME` means a lesson file: NAME holds a '/', ends
 * in .yaml or .yml, or is no built-in lesson but an existing file.
 */
bool runfile_is_file(const char *name);

/*
 * Load @path (exit 2 with "FILE:LINE:COL: ..." when it is not a good
 * lesson), run it, return the exit status (1 when the lesson's program
 * failed, as for a built-in lesson).
 */
int runfile_main(const char *path, const struct runfile_opts *o);

struct observer_config;
struct ui_view;
/*
 * cmd_run.c: the lesson screen of `run`, built-in or from a file.  @make
 * builds the view (which launches the lesson) with the observer's test
 * hook and off switches in @hook (cli_test_fail_arm, cli_observer_env);
 * the stop signals are blocked around the launch and the end so that
 * none is lost or fatal.  Returns the exit status.
 */
int run_lesson_screen(struct ui_view *(*make)(void *arg,
					      const struct observer_config *hook,
					      char *err, size_t errlen),
		      void *arg);

#endif
