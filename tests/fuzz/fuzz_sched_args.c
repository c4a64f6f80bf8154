/*
 * tests/fuzz/fuzz_sched_args.c - libFuzzer harness for the `procviz sched`
 * command line (viz/cmd/schedreq.c).  The input is split into argv words
 * at '\n' and '\0' bytes (so a word may hold spaces and '=').  Parsing must
 * succeed (0) or fail with the usage status (2) and a one-line message;
 * schedreq_clear() must free everything (LeakSanitizer checks).
 *
 * Two inputs are skipped because they are not parser work: a workload word
 * that names a file path or standard input ("-", or any word with '/':
 * reading /dev/zero or a terminal is not what is fuzzed here; the file
 * parser has its own harness), and --random above 1000 jobs (legal, but
 * generating up to a million jobs per execution would spend the budget on
 * the generator, not the parser).
 */
#include "viz/cmd/schedreq.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_WORDS 64

static int word_skipped(char **argv, int argc, int i)
{
	const char *a = argv[i];

	if (strcmp(a, "--random") == 0 && i + 1 < argc)
		return strtol(argv[i + 1], NULL, 10) > 1000;
	if (strncmp(a, "--random=", 9) == 0)
		return strtol(a + 9, NULL, 10) > 1000;
	if (a[0] != '-' || strcmp(a, "-") == 0)
		return strcmp(a, "-") == 0 || strchr(a, '/') != NULL;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct schedreq r;
	char *buf, *argv[MAX_WORDS + 1], err[256];
	int argc = 0, i, rc;
	size_t k, start = 0;

	buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[argc++] = "sched";
	for (k = 0; k <= size && argc < MAX_WORDS; k++) {
		if (k < size && buf[k] != '\n' && buf[k] != '\0')
			continue;
		buf[k] = '\0';
		argv[argc++] = buf + start;
		start = k + 1;
	}
	argv[argc] = NULL;
	for (i = 1; i < argc; i++)
		if (word_skipped(argv, argc, i))
			goto out;

	schedreq_init(&r);
	memset(err, 'x', sizeof(err));
	rc = schedreq_parse(&r, argc, argv, err, sizeof(err));
	if (rc != 0 && rc != 2)
		abort();
	if (rc == 2 && (memchr(err, '\0', sizeof(err)) == NULL || err[0] == '\0'
			|| strchr(err, '\n')))
		abort();
	if (rc == 0 && !r.help) {
		struct report_sched rep;

		if (r.workload.njobs < 1 || r.npolicies < 1)
			abort();
		schedreq_report(&r, &rep);
	}
	schedreq_clear(&r);
out:
	free(buf);
	return 0;
}
