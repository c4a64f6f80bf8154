/*
 * tests/unit/test_ui_stack.c - the terminal session's view stack, without
 * a terminal: ncurses on a temporary file (the screen) and a pipe (the
 * keys), through ui_open_stream().  Fake views record what the session
 * asks of them; the screen is read back with curses' own winnstr.
 *
 * What it proves: push replaces a view of the same name and refuses a
 * ninth; keys go to the active view's key table (a named key, the table's
 * catch-all, F10 as the last resort); Tab goes round the work views and
 * never to home; Back opens home from the front end's factory (with the
 * running views' files), then goes back and forth; without a factory it
 * leaves; the keys line and the help overlay are drawn from the table;
 * too small a screen shows the too-small text and no view; from 160
 * columns two work views share the screen; the loop reads keys from its
 * input until a view quits.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "viz/ui/ui.h"
#include "viz/ui/ui_keys.h"
#include "tests/unit/ui_testlib.h"

/* What a fake view saw; owned by the test, so it outlives the view. */
struct seen {
	int draws, frees;
	int keys[32], nkeys;
	int y, x, h, w;		/* the last rectangle drawn into */
	bool help;		/* draw the help overlay */
};

struct fake {
	struct seen *seen;
	const char *file;
};

static enum ui_action fk_record(struct ui_view *v, struct ui *ui, int key)
{
	struct seen *s = ((struct fake *)v->data)->seen;

	if (s->nkeys < 32)
		s->keys[s->nkeys++] = key;
	return UI_ACT_REDRAW;
}

static enum ui_action fk_any(struct ui_view *v, struct ui *ui, int key)
{
	fk_record(v, ui, key);
	return UI_ACT_NONE;	/* not used: F10 may still quit */
}

static enum ui_action fk_back(struct ui_view *v, struct ui *ui, int key)
{
	return UI_ACT_BACK;
}

static enum ui_action fk_quit(struct ui_view *v, struct ui *ui, int key)
{
	return UI_ACT_QUIT;
}

static const struct ui_key fk_keymap[] = {
	{ .code = { 'a' }, .name = "a", .label = "alpha",
	  .help = "the alpha key", .run = fk_record },
	{ .code = { UI_KEY_ESC }, .name = "Esc", .label = "home",
	  .help = "back home", .run = fk_back },
	{ .code = { 'Q' }, .name = "Q", .label = "quit", .run = fk_quit },
	{ .code = { UI_KEY_ANY }, .run = fk_any },
	UI_KEYS_END
};

static const struct ui_key *fk_keys(struct ui_view *v, struct ui *ui)
{
	return fk_keymap;
}

static void fk_draw(struct ui_view *v, struct ui *ui, int y, int x, int h,
		    int w)
{
	struct seen *s = ((struct fake *)v->data)->seen;
	struct ui_help_pos pos = { 0 };

	s->draws++;
	s->y = y;
	s->x = x;
	s->h = h;
	s->w = w;
	ui_putf(ui, y, x, w, UI_ROLE_NORMAL, "view %s", v->name);
	if (s->help)
		ui_help_box(ui, y, x, h, w, fk_keymap, v, NULL, 0, &pos);
}

static void fk_free(struct ui_view *v)
{
	struct fake *f = v->data;

	f->seen->frees++;
	free(f);
	free(v);
}

static struct ui_view *fk_new(const char *name, struct seen *s)
{
	struct ui_view *v = calloc(1, sizeof(*v));
	struct fake *f = calloc(1, sizeof(*f));

	assert_non_null(v);
	assert_non_null(f);
	f->seen = s;
	v->name = name;
	v->min_w = 30;
	v->min_h = 8;
	v->data = f;
	v->draw = fk_draw;
	v->keymap = fk_keys;
	v->free = fk_free;
	return v;
}

/* ---- the session on a file and a pipe ------------------------------------ */

/* The shared fixture (ui_testlib.h), at 80x24. */
static int setup(void **state)
{
	ui_fixture_setup(state);
	ui_resize(((struct ui_fixture *)*state)->ui, 24, 80);
	return 0;
}

/* ---- push ---------------------------------------------------------------- */

static void push_replaces_a_view_of_the_same_name(void **state)
{
	struct ui_fixture *fx = *state;
	struct seen a = { 0 }, b = { 0 }, c = { 0 };
	struct ui_view *vc;

	assert_int_equal(ui_push(fx->ui, fk_new("one", &a)), 0);
	assert_int_equal(ui_push(fx->ui, fk_new("two", &b)), 0);
	assert_string_equal(ui_active_view(fx->ui)->name, "two");
	vc = fk_new("one", &c);
	assert_int_equal(ui_push(fx->ui, vc), 0);
	assert_int_equal(a.frees, 1);
	assert_int_equal(b.frees, 0);
	assert_ptr_equal(ui_active_view(fx->ui), vc);
}

static void push_refuses_a_ninth_view_and_frees_it(void **state)
{
	static const char *const names[] = { "v0", "v1", "v2", "v3", "v4",
					     "v5", "v6", "v7", "v8" };
	struct ui_fixture *fx = *state;
	struct seen s[9];
	int i;

	memset(s, 0, sizeof(s));
	for (i = 0; i < 8; i++)
		assert_int_equal(ui_push(fx->ui, fk_new(names[i], &s[i])), 0);
	assert_int_equal(ui_push(fx->ui, fk_new(names[8], &s[8])), -ENOSPC);
	assert_int_equal(s[8].frees, 1);
	assert_string_equal(ui_active_view(fx->ui)->name, "v7");
}

/* ---- keys ---------------------------------------------------------------- */

static void keys_go_to_the_active_views_table(void **state)
{
	struct ui_fixture *fx = *state;
	struct seen a = { 0 }, b = { 0 };

	ui_push(fx->ui, fk_new("one", &a));
	ui_push(fx->ui, fk_new("two", &b));
	ui_key(fx->ui, 'a');
	ui_key(fx->ui, 'z');	/* the table's catch-all takes it */
	assert_int_equal(a.nkeys, 0);
	assert_int_equal(b.nkeys, 2);
	assert_int_equal(b.keys[0], 'a');
	assert_int_equal(b.keys[1], 'z');
	assert_false(ui_quitting(fx->ui));
	ui_key(fx->ui, 'Q');
	assert_true(ui_quitting(fx->ui));
}

static void f10_quits_when_the_view_does_not_use_it(void **state)
{
	struct ui_fixture *fx = *state;
	struct seen a = { 0 };

	ui_push(fx->ui, fk_new("one", &a));
	ui_key(fx->ui, UI_KEY_F10);
	assert_int_equal(a.nkeys, 1);	/* offered to the view first */
	assert_true(ui_quitting(fx->ui));
}

static void tab_goes_round_the_work_views_not_home(void **state)
{
	struct ui_fixture *fx = *state;
	struct seen h = { 0 }, a = { 0 }, b = { 0 };
	struct ui_view *home = fk_new("home", &h);
	struct ui_view *va = fk_new("a", &a), *vb = fk_new("b", &b);
	int i;

	home->home = true;
	ui_push(fx->ui, home);
	ui_push(fx->ui, va);
	ui_push(fx->ui, vb);
	for (i = 0; i < 4; i++) {
		ui_key(fx->ui, UI_KEY_TAB);
		assert_ptr_equal(ui_active_view(fx->ui), i % 2 ? vb : va);
	}
	assert_int_equal(a.nkeys + b.nkeys + h.nkeys, 0);
}

static void tab_with_one_work_view_is_the_views_key(void **state)
{
	struct ui_fixture *fx = *state;
	struct seen h = { 0 }, a = { 0 };
	struct ui_view *home = fk_new("home", &h), *va = fk_new("a", &a);

	home->home = true;
	ui_push(fx->ui, home);
	ui_push(fx->ui, va);
	ui_key(fx->ui, UI_KEY_TAB);	/* nowhere to go: a's own key */
	assert_ptr_equal(ui_active_view(fx->ui), va);
	assert_int_equal(a.nkeys, 1);
	assert_int_equal(a.keys[0], UI_KEY_TAB);
}

/* ---- home and back ------------------------------------------------------- */

struct factory {
	struct seen seen;
	int calls, nfiles;
	char file[64];
};

static struct ui_view *make_home(void *arg, const char *const *files,
				 int nfiles, char *err, size_t errlen)
{
	struct factory *f = arg;

	f->calls++;
	f->nfiles = nfiles;
	snprintf(f->file, sizeof(f->file), "%s", nfiles ? files[0] : "");
	return fk_new("home", &f->seen);
}

static void back_opens_home_from_the_factory(void **state)
{
	struct ui_fixture *fx = *state;
	struct factory f;
	struct seen a = { 0 };
	struct ui_view *va = fk_new("a", &a), *home;

	memset(&f, 0, sizeof(f));
	va->home_file = "class.txt";
	ui_set_home(fx->ui, make_home, &f);
	ui_push(fx->ui, va);
	ui_key(fx->ui, UI_KEY_ESC);
	assert_int_equal(f.calls, 1);
	assert_int_equal(f.nfiles, 1);
	assert_string_equal(f.file, "class.txt");
	home = ui_active_view(fx->ui);
	assert_true(home->home);	/* the session marks it */
	assert_string_equal(home->name, "home");
	/* Back from home: to the running view; again: the same home. */
	ui_key(fx->ui, UI_KEY_ESC);
	assert_ptr_equal(ui_active_view(fx->ui), va);
	ui_key(fx->ui, UI_KEY_ESC);
	assert_ptr_equal(ui_active_view(fx->ui), home);
	assert_int_equal(f.calls, 1);
	assert_int_equal(a.frees, 0);	/* the lesson kept running */
	assert_false(ui_quitting(fx->ui));
}

static void back_without_a_home_leaves(void **state)
{
	struct ui_fixture *fx = *state;
	struct seen a = { 0 };

	ui_push(fx->ui, fk_new("a", &a));
	ui_key(fx->ui, UI_KEY_ESC);
	assert_true(ui_quitting(fx->ui));
}

static void back_from_home_alone_leaves(void **state)
{
	struct ui_fixture *fx = *state;
	struct seen h = { 0 };
	struct ui_view *home = fk_new("home", &h);

	home->home = true;
	ui_push(fx->ui, home);
	ui_key(fx->ui, UI_KEY_ESC);
	assert_true(ui_quitting(fx->ui));
}

/* ---- the screen ---------------------------------------------------------- */

static void keys_line_and_help_come_from_the_table(void **state)
{
	struct ui_fixture *fx = *state;
	struct seen a = { 0 };
	struct ui_view *va = fk_new("a", &a);
	char text[128];

	ui_push(fx->ui, va);
	ui_redraw(fx->ui);
	assert_string_equal(row(LINES - 1), "a alpha Esc home Q quit");
	assert_string_equal(ui_keys_text(fk_keymap, va, fx->ui, text,
					 sizeof(text)),
			    "a:alpha|Esc:home|Q:quit");
	assert_false(screen_has("the alpha key"));
	a.help = true;
	ui_redraw(fx->ui);
	assert_true(screen_has("help"));
	assert_true(screen_has("a    the alpha key"));
	assert_true(screen_has("Esc  back home"));
	assert_false(screen_has("Q    "));	/* no help text: not listed */
}

static void too_small_shows_no_view_and_resize_brings_it_back(void **state)
{
	struct ui_fixture *fx = *state;
	struct seen a = { 0 };

	ui_push(fx->ui, fk_new("a", &a));
	ui_resize(fx->ui, 5, 15);
	ui_redraw(fx->ui);
	assert_int_equal(a.draws, 0);
	assert_true(screen_has("Terminal too"));
	ui_resize(fx->ui, 1, 1);	/* must not crash */
	ui_redraw(fx->ui);
	ui_resize(fx->ui, 30, 100);
	ui_redraw(fx->ui);
	assert_int_equal(a.draws, 1);
	assert_int_equal(a.h, 29);	/* the keys line is the last row */
	assert_int_equal(a.w, 100);
	assert_string_equal(row(0), "view a");
}

static void wide_screens_show_two_work_views_side_by_side(void **state)
{
	struct ui_fixture *fx = *state;
	struct seen h = { 0 }, l = { 0 }, r = { 0 };
	struct ui_view *home = fk_new("home", &h);
	struct ui_view *vl = fk_new("left", &l), *vr = fk_new("right", &r);

	home->home = true;
	vr->right = true;
	ui_push(fx->ui, home);
	ui_push(fx->ui, vl);
	ui_push(fx->ui, vr);
	ui_resize(fx->ui, 30, 200);
	ui_redraw(fx->ui);
	assert_int_equal(h.draws, 0);
	assert_int_equal(l.draws, 1);
	assert_int_equal(r.draws, 1);
	assert_int_equal(l.x, 0);
	assert_int_equal(r.x, 100);
	/* Each keeps its side when the other is active. */
	ui_key(fx->ui, UI_KEY_TAB);
	ui_redraw(fx->ui);
	assert_int_equal(l.x, 0);
	assert_int_equal(r.x, 100);
	/* Narrower: the active one alone. */
	ui_resize(fx->ui, 30, 120);
	ui_redraw(fx->ui);
	assert_int_equal(l.draws + r.draws, 5);
	assert_int_equal(l.w, 120);
}

/* ---- the loop ------------------------------------------------------------ */

static void the_loop_runs_typed_keys_until_a_view_quits(void **state)
{
	struct ui_fixture *fx = *state;
	struct seen a = { 0 };
	struct ui_view *va = fk_new("a", &a);

	assert_int_equal(write(fx->keys_wr, "azQa", 4), 4);
	assert_int_equal(ui_run(fx->ui, &va, 1, 0), 0);
	assert_int_equal(a.nkeys, 2);	/* a, z; not the a after Q */
	assert_int_equal(a.keys[0], 'a');
	assert_int_equal(a.keys[1], 'z');
	assert_true(a.draws >= 1);
	assert_true(ui_quitting(fx->ui));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, \
					      ui_fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(push_replaces_a_view_of_the_same_name),
		T(push_refuses_a_ninth_view_and_frees_it),
		T(keys_go_to_the_active_views_table),
		T(f10_quits_when_the_view_does_not_use_it),
		T(tab_goes_round_the_work_views_not_home),
		T(tab_with_one_work_view_is_the_views_key),
		T(back_opens_home_from_the_factory),
		T(back_without_a_home_leaves),
		T(back_from_home_alone_leaves),
		T(keys_line_and_help_come_from_the_table),
		T(too_small_shows_no_view_and_resize_brings_it_back),
		T(wide_screens_show_two_work_views_side_by_side),
		T(the_loop_runs_typed_keys_until_a_view_quits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
