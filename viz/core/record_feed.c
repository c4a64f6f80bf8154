/*
 * viz/core/record_feed.c - the one replay step: a recording's item fed to
 * a replay observer.  Apart from the recording parser (record_load.c), so
 * that the parser links without the observer (the fuzz harnesses link
 * the parser alone).
 */
#include "viz/core/observer.h"
#include "viz/core/record.h"

int recording_feed(const struct recording *r, size_t i,
		   struct record_item *it, struct observer *obs)
{
	int rc = recording_item(r, i, it);

	if (rc)
		return rc;
	return it->kind == RECORD_SAMPLE ? observer_feed(obs, &it->snap) :
	       observer_feed_note(obs, it->t_ms, it->text);
}
