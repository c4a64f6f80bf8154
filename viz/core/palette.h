/*
 * viz/core/palette.h - the one colour table of procviz: the colours of the
 * process states and of the scheduler's jobs, read by the terminal theme
 * (viz/ui/ui_theme.c) and by every picture (the SVG charts of replay and
 * sched, the HTML handout).  No curses here.
 *
 * The colours are Okabe-Ito's (safe for the common colour-blindnesses)
 * plus a neutral grey and four light tints, each given three ways:
 *   - rgb: "#rrggbb", for pictures;
 *   - xterm: the nearest xterm-256 index, for a 256-colour terminal;
 *   - ansi: an 8-colour stand-in, 0 black 1 red 2 green 3 yellow 4 blue
 *     5 magenta 6 cyan 7 white (the values of curses' COLOR_*).
 * Each comes with its ink, black or white, whichever reads on it.  The dark
 * and the light terminal themes and the pictures (drawn on white) use the
 * same fills: black or white text on a mid-tone fill reads on any
 * background.  The mono theme uses no colour at all.
 *
 * Colour is never the only cue: whoever draws a state or a job also
 * writes its letter or its name.
 */
#ifndef PROCVIZ_VIZ_PALETTE_H
#define PROCVIZ_VIZ_PALETTE_H

#include "viz/core/model.h"

struct palette_colour {
	const char *rgb;	/* "#rrggbb" */
	const char *ink_rgb;	/* "#000000" or "#ffffff": text on it */
	short xterm, ink_xterm;	/* xterm-256 indexes (ink 16 or 231) */
	short ansi, ink_ansi;	/* 8-colour stand-ins, 0..7 */
};

enum {
	/* Job colours before they repeat; the screen and the pictures cycle
	 * through them in the same order (job i: palette_job(i)). */
	PALETTE_NJOBS = 12,
};

/* The colour of state @st (MODEL_ST_GONE: a light grey).  Never NULL;
 * an out-of-range @st gets GONE's. */
const struct palette_colour *palette_state(enum model_state st);

/* The colour of job @job (0-based, cycled over PALETTE_NJOBS; a negative
 * @job gets job 0's).  Never NULL. */
const struct palette_colour *palette_job(int job);

#endif
