/*
 * viz/ui/ui_replay.h - a recording (viz/core/record.h) in the lesson view, with
 * its whole timeline and a cursor that scrubs forward and back.  No
 * curses here.
 */
#ifndef PROCVIZ_VIZ_UI_REPLAY_H
#define PROCVIZ_VIZ_UI_REPLAY_H

#include "viz/core/record.h"
#include "viz/ui/ui.h"

#include <stddef.h>

/*
 * The lesson view (ui_views.h) over a replay observer fed from @r, whose
 * contents are taken (@r is left empty).  The cursor starts at the end,
 * so the whole session is on screen; moving it back resets the model and
 * feeds the samples up to the cursor again (the model is rebuilt, never
 * patched).  Keys: ',' '.' one item back/forward, '[' ']' ten, Home/End,
 * 'p' plays from the cursor in recorded time, 'n' one forward, 'r' to
 * the start.  Nothing is signalled: the pids of a recording are not ours.
 * NULL with a message in err[errlen].
 */
struct ui_view *ui_replay_view_new(struct recording *r, char *err,
				   size_t errlen);

#endif
