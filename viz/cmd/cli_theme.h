/*
 * viz/cmd/cli_theme.h - the --theme option, common to every command.
 *
 *   procviz [COMMAND] ... --theme dark|light|mono ...
 *
 * The screen's colours: dark (light text on the terminal's dark
 * background), light (dark text on a light background, for washed-out
 * projectors; the same roles), mono (no colour: bold, reverse, underline).
 * Without --theme, PROCVIZ_THEME decides; without that, mono when NO_COLOR
 * is set (and not empty), else dark.  main hands the choice to the screen
 * (ui_configure, viz/ui/ui.h); the UI reads no environment for it, nor
 * does the web page (report_html.h), which the commands hand the same
 * choice (cli_theme_html).
 */
#ifndef PROCVIZ_VIZ_CLI_THEME_H
#define PROCVIZ_VIZ_CLI_THEME_H

#include "viz/core/report_html.h"
#include "viz/ui/ui.h"

/*
 * Take every "--theme NAME" and "--theme=NAME" out of argv[1..*@argc-1]
 * (stopping at "--": what follows is a command's own), check NAME and
 * PROCVIZ_THEME, and store the choice in @cfg->theme.  Returns 0, or
 * CLI_USAGE after printing what was wrong.
 */
int cli_theme_take(int *argc, char **argv, struct ui_config *cfg);

/*
 * The web page's configuration (report_html.h) for the theme the screen
 * was given (ui_configured): the same dark, light or mono.
 */
void cli_theme_html(struct report_html_config *cfg);

#endif
