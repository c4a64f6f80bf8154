/*
 * viz/core/palette.c - the one colour table (see palette.h).
 *
 * The xterm-256 indexes are the entries the terminal theme always used:
 * the nearest to each colour among those that still read on a projector.
 */
#include "viz/core/palette.h"

enum { ANSI_BLACK, ANSI_RED, ANSI_GREEN, ANSI_YELLOW, ANSI_BLUE,
       ANSI_MAGENTA, ANSI_CYAN, ANSI_WHITE };

/* Okabe-Ito, a grey and light tints; rgb, ink, xterm, ink, ansi, ink. */
static const struct palette_colour pal_orange = {
	"#E69F00", "#000000", 214, 16, ANSI_YELLOW, ANSI_BLACK };
static const struct palette_colour pal_sky = {
	"#56B4E9", "#000000", 74, 16, ANSI_CYAN, ANSI_BLACK };
static const struct palette_colour pal_green = {
	"#009E73", "#000000", 36, 16, ANSI_GREEN, ANSI_BLACK };
static const struct palette_colour pal_purple = {
	"#CC79A7", "#000000", 175, 16, ANSI_MAGENTA, ANSI_BLACK };
static const struct palette_colour pal_blue = {
	"#0072B2", "#ffffff", 25, 231, ANSI_BLUE, ANSI_WHITE };
static const struct palette_colour pal_yellow = {
	"#F0E442", "#000000", 185, 16, ANSI_YELLOW, ANSI_BLACK };
static const struct palette_colour pal_vermillion = {
	"#D55E00", "#ffffff", 166, 231, ANSI_RED, ANSI_WHITE };
static const struct palette_colour pal_grey = {
	"#999999", "#000000", 246, 16, ANSI_WHITE, ANSI_BLACK };
static const struct palette_colour pal_orange_tint = {
	"#F5CF80", "#000000", 222, 16, ANSI_YELLOW, ANSI_BLACK };
static const struct palette_colour pal_sky_tint = {
	"#AAD9F4", "#000000", 153, 16, ANSI_CYAN, ANSI_BLACK };
static const struct palette_colour pal_green_tint = {
	"#80CEB9", "#000000", 115, 16, ANSI_GREEN, ANSI_BLACK };
static const struct palette_colour pal_vermillion_tint = {
	"#E5AE8A", "#000000", 180, 16, ANSI_RED, ANSI_BLACK };
static const struct palette_colour pal_gone = {
	"#EEEEEE", "#555555", 255, 240, ANSI_WHITE, ANSI_BLACK };

static const struct palette_colour *const pal_states[] = {
	[MODEL_ST_RUNNING] = &pal_green,
	[MODEL_ST_READY] = &pal_yellow,
	[MODEL_ST_BLOCKED] = &pal_sky,
	[MODEL_ST_STOPPED] = &pal_purple,
	[MODEL_ST_ZOMBIE] = &pal_vermillion,
	[MODEL_ST_GONE] = &pal_gone,
};

/* The first six are the six Okabe-Ito hues, the first five in the order
 * the screen always drew them; then the rest, then the tints. */
static const struct palette_colour *const pal_jobs[PALETTE_NJOBS] = {
	&pal_orange, &pal_sky, &pal_green, &pal_purple, &pal_blue,
	&pal_yellow, &pal_vermillion, &pal_grey, &pal_orange_tint,
	&pal_sky_tint, &pal_green_tint, &pal_vermillion_tint,
};

const struct palette_colour *palette_state(enum model_state st)
{
	if ((unsigned)st >= sizeof(pal_states) / sizeof(pal_states[0]))
		return &pal_gone;
	return pal_states[st];
}

const struct palette_colour *palette_job(int job)
{
	return pal_jobs[job < 0 ? 0 : job % PALETTE_NJOBS];
}
