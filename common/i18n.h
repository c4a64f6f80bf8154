/*
 * common/i18n.h - the one text domain of procviz (GNU gettext).
 *
 * Every user-facing string goes through _() where it is used, or is marked
 * with N_() where it is defined in a table and translated where it is
 * shown.  Machine-readable output (JSON and CSV field names, event types,
 * states, wait words, workload syntax, command and option names) is never
 * translated.  The catalogue is bound once, by main (viz/cmd/locale.c);
 * scenarios run inside the same re-executed binary, so their notes come
 * out in the lecturer's language too.
 *
 * Every layer that has text for people includes it (scenarios/ and each
 * layer of viz/), so it lives in common/, with clock.h, and includes
 * nothing but libc.
 */
#ifndef PROCVIZ_COMMON_I18N_H
#define PROCVIZ_COMMON_I18N_H

#include <libintl.h>

#define PROCVIZ_DOMAIN "procviz"

#define _(s) dgettext(PROCVIZ_DOMAIN, s)
#define N_(s) s

#endif
