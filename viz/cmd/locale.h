/*
 * viz/cmd/locale.h - pick the locale and find the message catalogue.
 */
#ifndef PROCVIZ_VIZ_CMD_LOCALE_H
#define PROCVIZ_VIZ_CMD_LOCALE_H

/*
 * setlocale(LC_ALL, "") and bind the "procviz" domain to the first of:
 * $PROCVIZ_LOCALEDIR; BUILD/locale beside the binary when it runs from
 * the build tree (./procviz next to build/, or build-asan/procviz);
 * ../share/locale relative to the binary (installed); PROCVIZ_LOCALEDIR
 * as compiled in.  A directory counts when it holds
 * LL_CC/LC_MESSAGES/procviz.mo for some language, so an English-only
 * build tree falls through to the installed catalogue.  Never fails: with
 * no catalogue every text stays English.
 */
void cli_locale_init(void);

#endif
