/*
 * tests/fuzz/fuzz_lesson.c - libFuzzer harness for the lesson file parser
 * (viz/core/lesson_file.h).  Any input must either parse into a lesson
 * that keeps the parser's promises, then anchor against a fixed source or
 * fail with "fuzz:LINE:COL: ..."; or fail with such a message.  Never a
 * crash, a hang or a leak.
 */
#include "viz/core/lesson_file.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char src[] =
	"import os\n\n# step: fork\npid = os.fork()\nif pid == 0:\n"
	"    os._exit(7)  # step: exit\n\nos.waitpid(pid, 0)  # step: reap\n";

/* An error message names the file, a line and a column. */
static void check_err(const char *err)
{
	const char *p = err + 5;

	if (strncmp(err, "fuzz:", 5) != 0)
		abort();
	if (strcmp(p, " out of memory") == 0)
		return;
	if (*p < '1' || *p > '9')
		abort();
	p += strspn(p, "0123456789");
	if (*p++ != ':' || *p < '1' || *p > '9')
		abort();
	p += strspn(p, "0123456789");
	if (p[0] != ':' || p[1] != ' ' || !p[2])
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lesson_file lf;
	char err[512];
	int i, k, rc;

	err[0] = '\0';
	rc = lesson_file_parse_mem((const char *)data, size, "fuzz", &lf,
				   err, sizeof(err));
	if (rc) {
		check_err(err);
		lesson_file_clear(&lf);
		return 0;
	}
	if (lf.nsteps < 1 || lf.nsteps > LF_MAX_STEPS || lf.argc < 1 ||
	    !lf.argv[0] || lf.argv[lf.argc] || lf.nkeys > LF_MAX_KEYS ||
	    lf.nsources > LF_MAX_SOURCES)
		abort();
	if (!lf_text_get(&lf.title, LF_LANG_ZH_CN)[0])
		abort();
	for (i = 0; i < lf.nsteps; i++) {
		if (!lf.steps[i].id || !lf_text_get(&lf.steps[i].note,
						    LF_LANG_EN)[0] ||
		    strlen(lf_text_get(&lf.steps[i].note, LF_LANG_ZH_CN)) >
		    LF_TEXT_MAX)
			abort();
		if ((lf.steps[i].marker || lf.steps[i].pattern) !=
		    (lf.steps[i].source >= 0))
			abort();
	}
	for (i = 0; i < lf.nkeys; i++)
		for (k = 0; k < i; k++)
			if (lf.keys[i].key == lf.keys[k].key)
				abort();
	for (i = 0; i < lf.nsources; i++)
		if (lesson_file_set_source(&lf, i, src, sizeof(src) - 1))
			abort();
	err[0] = '\0';
	if (lesson_file_anchor(&lf, err, sizeof(err)))
		check_err(err);
	else
		for (i = 0; i < lf.nsteps; i++)
			if (lf.steps[i].source >= 0 &&
			    (lf.steps[i].first < 1 ||
			     lf.steps[i].last < lf.steps[i].first ||
			     lf.steps[i].last >
			     lf.sources[lf.steps[i].source].nlines))
				abort();
	lesson_file_clear(&lf);
	return 0;
}
