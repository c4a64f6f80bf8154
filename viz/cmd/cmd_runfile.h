/*
 * viz/cmd/cmd_runfile.h - `procviz run FILE`: which names are lesson files
 * (procviz-lesson(5)), and loading one.  cmd_run.c runs it as it runs a
 * built-in lesson, headless or in the lesson view.
 */
#ifndef PROCVIZ_VIZ_CMD_RUNFILE_H
#define PROCVIZ_VIZ_CMD_RUNFILE_H

#include <stdbool.h>

struct lesson_file;

/*
 * Whether `procviz run NAME` means a lesson file: NAME holds a '/', ends
 * in .yaml or .yml, or is no built-in lesson but an existing file.
 */
bool runfile_is_file(const char *name);

/*
 * Load the lesson file @name (a bare NAME.yaml that is not in the current
 * directory: the lesson of that name in the lesson directories) into a
 * new *@lf (lesson_file_clear and free it).  Returns -1 to go on, or the
 * exit status after saying why: 2 with "FILE:LINE:COL: ..." when it is no
 * good lesson.
 */
int runfile_load(const char *name, struct lesson_file **lf);

#endif
