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
#include <locale.h>
#include <stdbool.h>

#define PROCVIZ_DOMAIN "procviz"

#define _(s) dgettext(PROCVIZ_DOMAIN, s)
#define N_(s) s

/*
 * Untranslated output from code that translates: with @on, this thread
 * runs in the C locale (gettext then gives every message as written, and
 * LANGUAGE is not consulted) until i18n_c_end() with what this returned.
 * For JSON, whose sentences (the scheduler's why lines) never depend on
 * the locale.  Returns (locale_t)0 when @on is false or on failure; then
 * i18n_c_end() does nothing.
 */
static inline locale_t i18n_c_begin(bool on)
{
	locale_t c = on ? newlocale(LC_ALL_MASK, "C", (locale_t)0) : 0;
	locale_t old = c ? uselocale(c) : (locale_t)0;

	if (c && !old)
		freelocale(c);
	return old;
}

static inline void i18n_c_end(locale_t old)
{
	if (old)
		freelocale(uselocale(old));
}

#endif
