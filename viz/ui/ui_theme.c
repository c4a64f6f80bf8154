/*
 * viz/ui/ui_theme.c - how each semantic role looks (ui.h enum ui_role) and
 * the glyph sets.  Views say what a thing is; this file alone decides the
 * colours and attributes, so a new theme is a new table here.
 */
#include "viz/ui/ui_priv.h"
#include "viz/core/palette.h"

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
 * How a role looks: the colours of a 256-colour terminal, 8-colour
 * stand-ins, and the attributes with colour and without (mono).
 */
struct ui_style {
	short fg256, bg256, fg8, bg8;
	attr_t color_attr, mono_attr;
};

/*
 * The states' and the jobs' colours are the one palette's
 * (viz/core/palette.h, shared with the SVG and HTML pictures): black or
 * white text on a mid-tone fill, which reads on a dark and on a light
 * background alike.  Here only their attributes.  States and jobs are
 * never told apart by colour alone: a letter or a word is always drawn.
 */
static const struct {
	enum ui_role role;
	enum model_state state;
	attr_t color_attr, mono_attr;
} ui_state_roles[] = {
	{ UI_ROLE_RUNNING, MODEL_ST_RUNNING, A_BOLD, A_REVERSE | A_BOLD },
	{ UI_ROLE_READY, MODEL_ST_READY, A_BOLD, A_BOLD | A_UNDERLINE },
	{ UI_ROLE_BLOCKED, MODEL_ST_BLOCKED, A_NORMAL, A_NORMAL },
	{ UI_ROLE_STOPPED, MODEL_ST_STOPPED, A_NORMAL, A_UNDERLINE },
	{ UI_ROLE_ZOMBIE, MODEL_ST_ZOMBIE, A_BOLD, A_REVERSE },
};

enum ui_role ui_state_role(enum model_state st)
{
	size_t i;

	for (i = 0; i < sizeof(ui_state_roles) / sizeof(ui_state_roles[0]);
	     i++)
		if (ui_state_roles[i].state == st)
			return ui_state_roles[i].role;
	return UI_ROLE_DIM;	/* gone */
}

_Static_assert((int)UI_NJOB_ROLES == (int)PALETTE_NJOBS,
	       "one UI role per palette job colour");

/* The title bar and warnings, the same in both colour themes. */
#define UI_SHARED_STYLES \
	[UI_ROLE_TITLE] = { 231, 25, COLOR_WHITE, COLOR_BLUE, A_BOLD, \
			    A_REVERSE | A_BOLD }, \
	[UI_ROLE_WARN] = { 16, 214, COLOR_BLACK, COLOR_YELLOW, A_BOLD, \
			   A_REVERSE | A_BOLD },

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
};

/*
 * The light theme, for washed-out projectors: dark text on a white
 * background, the same roles.  Every role names both colours (the
 * terminal's own background may be dark); what was light on dark is dark
 * on light: headings blue 25, dim grey 240, "new" dark orange 166.
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
};

static struct ui_style ui_style_of(const struct palette_colour *c,
				   attr_t color_attr, attr_t mono_attr)
{
	struct ui_style s = { c->ink_xterm, c->xterm, c->ink_ansi, c->ansi,
			      color_attr, mono_attr };

	return s;
}

/* The theme's table with the palette's states and jobs filled in. */
static void ui_theme_styles(enum ui_theme theme,
			    struct ui_style styles[UI_ROLE_COUNT])
{
	size_t i;

	memcpy(styles, theme == UI_THEME_LIGHT ? ui_styles_light : ui_styles,
	       sizeof(ui_styles));
	for (i = 0; i < sizeof(ui_state_roles) / sizeof(ui_state_roles[0]);
	     i++)
		styles[ui_state_roles[i].role] =
			ui_style_of(palette_state(ui_state_roles[i].state),
				    ui_state_roles[i].color_attr,
				    ui_state_roles[i].mono_attr);
	for (i = 0; i < UI_NJOB_ROLES; i++)
		styles[UI_ROLE_JOB0 + i] = ui_style_of(palette_job((int)i),
						       A_NORMAL, A_REVERSE);
}

void ui_theme_init(struct ui *ui, enum ui_theme theme)
{
	struct ui_style styles[UI_ROLE_COUNT];
	bool c256, dflt;
	int i;

	ui_theme_styles(theme, styles);
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
