/*
 * tests/unit/fuzz_replay.h - replay the fuzz inputs kept in the tree.
 *
 * Included by the test_*_fuzz_regress.c unit tests after the libFuzzer
 * harness itself (#included with LLVMFuzzerTestOneInput renamed), so the
 * very checks the fuzzer ran - parse or fail with the promised message,
 * never crash; leaks and bad accesses under the ASan pass of `make test` -
 * run on every seed (tests/fuzz/corpus/TARGET/) and every crashing input
 * ever found (tests/fuzz/regress/TARGET/, copied there from
 * build-fuzz/crashes/TARGET/).  A harness aborts on a broken promise.
 */
#ifndef PROCVIZ_TESTS_FUZZ_REPLAY_H
#define PROCVIZ_TESTS_FUZZ_REPLAY_H

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef int (*fuzz_one_fn)(const uint8_t *data, size_t size);

/* Feed every regular file of ROOT/tests/fuzz/KIND/TARGET to @one; ROOT is
 * $PROCVIZ_ROOT or ".".  Returns the number of files (0 if no directory). */
static int fuzz_replay_dir(const char *kind, const char *target,
			   fuzz_one_fn one)
{
	const char *root = getenv("PROCVIZ_ROOT");
	char dir[4096], path[8192];
	struct dirent *de;
	int n = 0;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/tests/fuzz/%s/%s", root ? root : ".",
		 kind, target);
	d = opendir(dir);
	if (!d)
		return 0;
	while ((de = readdir(d))) {
		uint8_t *buf = NULL;
		size_t len = 0, cap = 0, got;
		FILE *f;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		f = fopen(path, "rb");
		if (!f)
			continue;
		do {
			if (len == cap) {
				cap = cap ? cap * 2 : 4096;
				buf = realloc(buf, cap);
				if (!buf)
					abort();
			}
			got = fread(buf + len, 1, cap - len, f);
			len += got;
		} while (got > 0);
		fclose(f);
		one(buf, len);
		free(buf);
		n++;
	}
	closedir(d);
	return n;
}

/*
 * Replay target @target's seeds and its regression inputs through @one; a
 * broken promise aborts.  For a cmocka test (include cmocka.h first): the
 * seeds are in the tree, so none found means a wrong root and fails.
 */
static void fuzz_replay_target(const char *target, fuzz_one_fn one)
{
	int seeds = fuzz_replay_dir("corpus", target, one);

	fuzz_replay_dir("regress", target, one);
	assert_true(seeds > 0);
}

#endif
