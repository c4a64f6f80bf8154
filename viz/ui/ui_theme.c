/*
 * viz/ui/ui_theme.c - how each semantic role looks (ui.h enum ui_role) and
 * the glyph sets.  Views say what a thing is; this file alone decides the
 * colours and attributes, so a new theme is a new table here.
 */
#include "viz/ui/ui_priv.h"

#include <stdlib.h>
#include <string.h>

static const struct ui_glyphs ui_glyphs_utf8 = {
	.hline = "\u2500", .vline = "\u2502", .tl = "\u250c", .tr = "\u2510",
	.bl = "\u2514", .br = "\u2518", .ltee = "\u251c", .rtee = "\u2524",
	.block = "\u2588", .cursor = "\u25bc", .arrow = "\u21b3",
	.tomb = "\u2020", .ellipsis = "\u2026",
};

static const struct ui_glyphs ui_glyphs_ascii = {
	.hline = "-", .vline = "|", .tl = "+", .tr = "+", .bl = "+",
	.br = "+", .ltee = "+", .rtee = "+", .block = "#", .cursor = "v",
	.arrow = ">", .tomb = "x", .ellipsis = "~",
};

const struct ui_glyphs *ui_theme_glyphs(bool utf8)
{
	return utf8 ? &ui_glyphs_utf8 : &ui_glyphs_ascii;
}

/*
 * Okabe-Ito colours (safe for the common colour-blindnesses) as the
 * nearest xterm-256 entries, with 8-colour stand-ins.  States and jobs are
 * never told apart by colour alone: a letter or a word is always drawn.
 */
struct ui_style {
	short fg256, bg256, fg8, bg8;
	attr_t color_attr, mono_attr;
};

/*
 * What both colour themes share: the title, warnings, the states and the
 * first five job colours (black or white text on a mid-tone fill reads on
 * a dark and on a white background).
 */
#define UI_SHARED_STYLES \
	[UI_ROLE_TITLE] = { 231, 25, COLOR_WHITE, COLOR_BLUE, A_BOLD, \
			    A_REVERSE | A_BOLD }, \
	[UI_ROLE_WARN] = { 16, 214, COLOR_BLACK, COLOR_YELLOW, A_BOLD, \
			   A_REVERSE | A_BOLD }, \
	[UI_ROLE_RUNNING] = { 16, 36, COLOR_BLACK, COLOR_GREEN, A_BOLD, \
			      A_REVERSE | A_BOLD }, \
	[UI_ROLE_READY] = { 16, 185, COLOR_BLACK, COLOR_YELLOW, A_BOLD, \
			    A_BOLD | A_UNDERLINE }, \
	[UI_ROLE_BLOCKED] = { 16, 74, COLOR_BLACK, COLOR_CYAN, A_NORMAL, \
			      A_NORMAL }, \
	[UI_ROLE_STOPPED] = { 16, 175, COLOR_BLACK, COLOR_MAGENTA, A_NORMAL, \
			      A_UNDERLINE }, \
	[UI_ROLE_ZOMBIE] = { 231, 166, COLOR_WHITE, COLOR_RED, A_BOLD, \
			     A_REVERSE }, \
	[UI_ROLE_JOB0] = { 16, 214, COLOR_BLACK, COLOR_YELLOW, A_NORMAL, \
			   A_REVERSE }, \
	[UI_ROLE_JOB1] = { 16, 74, COLOR_BLACK, COLOR_CYAN, A_NORMAL, \
			   A_REVERSE }, \
	[UI_ROLE_JOB2] = { 16, 36, COLOR_BLACK, COLOR_GREEN, A_NORMAL, \
			   A_REVERSE }, \
	[UI_ROLE_JOB3] = { 16, 175, COLOR_BLACK, COLOR_MAGENTA, A_NORMAL, \
			   A_REVERSE }, \
	[UI_ROLE_JOB4] = { 231, 25, COLOR_WHITE, COLOR_BLUE, A_NORMAL, \
			   A_REVERSE },

static const struct ui_style ui_styles[UI_ROLE_COUNT] = {
	UI_SHARED_STYLES
	[UI_ROLE_NORMAL] = { -1, -1, -1, -1, A_NORMAL, A_NORMAL },
	[UI_ROLE_BORDER] = { 244, -1, COLOR_CYAN, -1, A_NORMAL, A_NORMAL },
	[UI_ROLE_HEADING] = { 74, -1, COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[UI_ROLE_KEYS] = { -1, -1, -1, -1, A_NORMAL, A_NORMAL },
	[UI_ROLE_KEY] = { 16, 74, COLOR_BLACK, COLOR_CYAN, A_BOLD,
			  A_REVERSE | A_BOLD },
	[UI_ROLE_STATUS] = { -1, -1, -1, -1, A_NORMAL, A_NORMAL },
	[UI_ROLE_SELECT] = { -1, -1, -1, -1, A_REVERSE, A_REVERSE },
	[UI_ROLE_CURSOR] = { 231, 16, COLOR_WHITE, COLOR_BLACK,
			     A_BOLD | A_REVERSE, A_BOLD | A_REVERSE },
	[UI_ROLE_DIM] = { 244, -1, -1, -1, A_NORMAL, A_DIM },
	[UI_ROLE_NEW] = { 214, -1, COLOR_YELLOW, -1, A_BOLD,
			  A_BOLD | A_UNDERLINE },
	[UI_ROLE_DONE] = { 244, -1, -1, -1, A_NORMAL, A_DIM },
	[UI_ROLE_IDLE] = { 244, -1, -1, -1, A_NORMAL, A_DIM },
	[UI_ROLE_JOB5] = { 16, 185, COLOR_BLACK, COLOR_WHITE, A_NORMAL,
			   A_REVERSE },
};

/*
 * The light theme, for washed-out projectors: dark text on a white
 * background, the same roles.  Every role names both colours (the
 * terminal's own background may be dark), state and job colours are the
 * dark theme's (black or white text on a mid-tone fill reads on both),
 * and what was light on dark is dark on light: headings blue 25, dim
 * grey 240, "new" dark orange 166.
 */
static const struct ui_style ui_styles_light[UI_ROLE_COUNT] = {
	UI_SHARED_STYLES
	[UI_ROLE_NORMAL] = { 16, 231, COLOR_BLACK, COLOR_WHITE, A_NORMAL,
			     A_NORMAL },
	[UI_ROLE_BORDER] = { 244, 231, COLOR_BLUE, COLOR_WHITE, A_NORMAL,
			     A_NORMAL },
	[UI_ROLE_HEADING] = { 25, 231, COLOR_BLUE, COLOR_WHITE, A_BOLD,
			      A_BOLD },
	[UI_ROLE_KEYS] = { 16, 231, COLOR_BLACK, COLOR_WHITE, A_NORMAL,
			   A_NORMAL },
	[UI_ROLE_KEY] = { 231, 25, COLOR_WHITE, COLOR_BLUE, A_BOLD,
			  A_REVERSE | A_BOLD },
	[UI_ROLE_STATUS] = { 16, 231, COLOR_BLACK, COLOR_WHITE, A_NORMAL,
			     A_NORMAL },
	[UI_ROLE_SELECT] = { 231, 16, COLOR_WHITE, COLOR_BLACK, A_BOLD,
			     A_REVERSE },
	[UI_ROLE_CURSOR] = { 231, 16, COLOR_WHITE, COLOR_BLACK, A_BOLD,
			     A_BOLD | A_REVERSE },
	[UI_ROLE_DIM] = { 240, 231, COLOR_BLACK, COLOR_WHITE, A_NORMAL,
			  A_DIM },
	[UI_ROLE_NEW] = { 166, 231, COLOR_RED, COLOR_WHITE, A_BOLD,
			  A_BOLD | A_UNDERLINE },
	[UI_ROLE_DONE] = { 240, 231, COLOR_BLACK, COLOR_WHITE, A_NORMAL,
			   A_DIM },
	[UI_ROLE_IDLE] = { 240, 231, COLOR_BLACK, COLOR_WHITE, A_NORMAL,
			   A_DIM },
	[UI_ROLE_JOB5] = { 16, 153, COLOR_BLACK, COLOR_CYAN, A_NORMAL,
			   A_REVERSE },
};

enum ui_theme { UI_THEME_DARK, UI_THEME_LIGHT, UI_THEME_MONO };

/*
 * PROCVIZ_THEME (which --theme sets, viz/cmd/cli_theme.c) if it names a
 * theme, else mono under NO_COLOR (set and not empty), else dark.
 */
static enum ui_theme ui_theme_chosen(void)
{
	const char *t = getenv("PROCVIZ_THEME"), *nc = getenv("NO_COLOR");

	if (t && strcmp(t, "light") == 0)
		return UI_THEME_LIGHT;
	if (t && strcmp(t, "mono") == 0)
		return UI_THEME_MONO;
	if (t && strcmp(t, "dark") == 0)
		return UI_THEME_DARK;
	return nc && *nc ? UI_THEME_MONO : UI_THEME_DARK;
}

void ui_theme_init(struct ui *ui)
{
	enum ui_theme theme = ui_theme_chosen();
	const struct ui_style *styles = theme == UI_THEME_LIGHT ?
					ui_styles_light : ui_styles;
	bool c256, dflt;
	int i;

	ui->color = has_colors() && theme != UI_THEME_MONO;
	if (ui->color && start_color() != OK)
		ui->color = false;
	/* Without the terminal's own default colours, -1 means white on
	 * black. */
	dflt = ui->color && use_default_colors() == OK;
	c256 = ui->color && COLORS >= 256 && COLOR_PAIRS > UI_ROLE_COUNT;
	for (i = 0; i < UI_ROLE_COUNT; i++) {
		const struct ui_style *s = &styles[i];
		short fg = c256 ? s->fg256 : s->fg8;
		short bg = c256 ? s->bg256 : s->bg8;

		if (!ui->color || i >= COLOR_PAIRS - 1) {
			ui->attr[i] = s->mono_attr;
			continue;
		}
		if (!dflt && fg < 0)
			fg = COLOR_WHITE;
		if (!dflt && bg < 0)
			bg = COLOR_BLACK;
		if (init_pair((short)(i + 1), fg, bg) == ERR) {
			ui->attr[i] = s->mono_attr;
			continue;
		}
		ui->attr[i] = COLOR_PAIR(i + 1) | s->color_attr;
	}
	/* Light: cleared cells are white too, not the terminal's own. */
	bkgdset((chtype)' ' | (theme == UI_THEME_LIGHT ?
			       ui->attr[UI_ROLE_NORMAL] : A_NORMAL));
}
