/*
 * tests/fuzz/standalone.c - a plain main for a libFuzzer harness, so the
 * harness links with any C compiler (`make tests` builds every harness
 * this way, with the same objects `make fuzz` links).  Each argument is a
 * file holding one input; with none, standard input is one input.  Exits
 * 0 when every input ran (a broken promise aborts inside the harness),
 * 2 when a file cannot be read.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Read all of @f into a malloc'ed buffer; 0 or -errno. */
static int slurp(FILE *f, uint8_t **buf, size_t *len)
{
	size_t cap = 4096, n = 0, got;
	uint8_t *b = malloc(cap);

	if (!b)
		return -ENOMEM;
	while ((got = fread(b + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			uint8_t *nb = realloc(b, cap * 2);

			if (!nb) {
				free(b);
				return -ENOMEM;
			}
			b = nb;
			cap *= 2;
		}
	}
	if (ferror(f)) {
		free(b);
		return -EIO;
	}
	*buf = b;
	*len = n;
	return 0;
}

static int run_one(const char *name, FILE *f)
{
	uint8_t *buf;
	size_t len;
	int rc = slurp(f, &buf, &len);

	if (rc) {
		fprintf(stderr, "%s: %s\n", name, strerror(-rc));
		return 2;
	}
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2)
		return run_one("standard input", stdin);
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");

		if (!f) {
			fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
			status = 2;
			continue;
		}
		if (run_one(argv[i], f))
			status = 2;
		fclose(f);
	}
	return status;
}
