/*
 * viz/core/report_svg.h - a recorded lesson drawn as one SVG picture, for
 * slides and handouts (`procviz replay FILE --format svg`).
 *
 * The recording (viz/core/record.h) is fed to a replay observer, so the
 * states and events are the ones the live screen and the headless report
 * derived.  The picture, in the look of `procviz sched --format svg`:
 *
 *   - a title (the scenario, command or root pid) and how it was recorded;
 *   - the process tree, one row per process (indented under the parent it
 *     was born to, in order of birth), labelled "PID comm";
 *   - on each row its state timeline: one rectangle per stretch of one
 *     state, in the screen's palette, with the screen's state letter
 *     (R r B T Z) written in it where it fits; after the process is gone
 *     the row says "ended";
 *   - the events marked on their row and time: a small circle with a
 *     letter (+ spawn, e exec, x exit, w reaped, ^ re-parented,
 *     t threads), and every note (a scenario's step) as a numbered
 *     dashed line across the rows, its text listed under the chart;
 *   - a time axis in seconds with round ticks, and legends for the states
 *     and the event marks, so colour is never the only cue.
 *
 * For tests and scripts the elements carry classes: every process row is
 * a <g class="row" data-pid=".." data-comm="..">, every state stretch a
 * <rect class="state" data-state="running">, every event mark a
 * <g class="event" data-event="exit">, every note line a
 * <line class="note">, every axis tick a <line class="tick">.
 *
 * Nothing here prints anything but the picture, or exits.
 */
#ifndef PROCVIZ_VIZ_REPORT_SVG_H
#define PROCVIZ_VIZ_REPORT_SVG_H

#include "viz/core/record.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Write the picture of @r to @out.  Returns 0, or -errno with a message in
 * err[errlen] (-ENOMEM, -EIO on a write error).
 */
int report_svg_write(FILE *out, const struct recording *r, char *err,
		     size_t errlen);

#endif
