/*
 * tests/fuzz/fuzz_replay.c - libFuzzer harness for the recording parser
 * (viz/core/record_load.c, record_schema.c, and json.c's reader).  Any
 * input must either parse into a recording whose every item decodes
 * again and feeds the model without error, and that
 * trace turns into a workload or a "no whole tick" refusal; or fail with
 * a "fuzz:LINE:COL: expected ..." message.  Never crash, hang or leak.
 */
#define _GNU_SOURCE		/* open_memstream */
#include "viz/core/model.h"
#include "viz/core/record.h"
#include "viz/core/trace.h"
#include "sched/sched.h"

#include <errno.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct recording rec;
	struct record_item it;
	struct model m;
	char err[512], *out = NULL;
	size_t i, len = 0;
	FILE *f;
	int rc, njobs;

	recording_init(&rec);
	err[0] = '\0';
	rc = recording_parse_mem((const char *)data, size, "fuzz", &rec, err,
				 sizeof(err));
	if (rc) {
		if (rec.n_items || rec.text)
			abort();	/* left empty on error */
		if (rc == -EINVAL && (strncmp(err, "fuzz:", 5) != 0 ||
				      !strstr(err, ": expected")))
			abort();	/* FILE:LINE:COL: expected ... */
		recording_clear(&rec);
		return 0;
	}
	if (model_init(&m))
		abort();
	record_item_init(&it);
	for (i = 0; i < rec.n_items; i++) {
		if (recording_item(&rec, i, &it))
			abort();	/* parsed once, decodes again */
		if (it.kind == RECORD_SAMPLE)
			rc = model_apply(&m, &it.snap);
		else
			rc = model_note(&m, it.t_ms, it.text);
		if (rc)
			abort();
		model_pending_clear(&m);
	}
	record_item_clear(&it);
	model_clear(&m);
	f = open_memstream(&out, &len);
	if (!f)
		abort();
	rc = trace_write(f, &rec, 100, 100, &njobs, err, sizeof(err));
	fclose(f);
	if (rc && rc != -ENOENT)
		abort();
	if (!rc) {
		struct sched_workload w;

		sched_workload_init(&w);
		if (sched_workload_parse_mem(out, len, "trace", &w, err,
					     sizeof(err)))
			abort();	/* trace writes what sched reads */
		sched_workload_clear(&w);
	}
	free(out);
	recording_clear(&rec);
	return 0;
}
