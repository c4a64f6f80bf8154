/*
 * viz/core/record_schema.h - the shape of each line of a recording: the
 * header, a sample (its processes and vanished processes) and a note,
 * read with the JSON reader (json.h) straight into the structures of
 * record.h.  Internal to the recording modules: record.h has the contract
 * and the format.
 */
#ifndef PROCVIZ_VIZ_RECORD_SCHEMA_H
#define PROCVIZ_VIZ_RECORD_SCHEMA_H

#include "viz/core/json.h"
#include "viz/core/record.h"

/*
 * Parse the one line @r is over (not blank).  With @h non-NULL it must be
 * the header (stored in @h); otherwise a sample or a note into @it.
 * Returns 0, or -EINVAL with the message (r->nomem set: out of memory).
 */
int record_line_parse(struct json_reader *r, struct record_header *h,
		      struct record_item *it);

#endif
