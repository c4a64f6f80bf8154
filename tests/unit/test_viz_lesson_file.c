/*
 * tests/unit/test_viz_lesson_file.c - the lesson file parser and its
 * anchors (viz/core/lesson_file.h): every member lands where it should,
 * texts in two languages and their fallback, every trigger kind, keys and
 * their roles, anchors by marker and by pattern with the range rules, and
 * mistakes named at their line and column.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "viz/core/lesson_file.h"

static const char demo_src[] =
	"import os\n"				/* 1 */
	"\n"					/* 2 */
	"# step: fork\n"			/* 3 */
	"pid = os.fork()\n"			/* 4 */
	"if pid == 0:\n"			/* 5 */
	"    os._exit(7)  # step: exit\n"	/* 6 */
	"\n"					/* 7 */
	"os.waitpid(pid, 0)  # step: reap\n"	/* 8 */
	"print('done')\n";			/* 9 */

static const char full[] =
	"procviz-lesson: 1\n"
	"title:\n"
	"  en: Zombie\n"
	"  zh_CN: 僵尸进程\n"
	"chapter: Processes\n"
	"description: {en: A child exits, zh: 子进程退出}\n"
	"command: [python3, -u, demo.py]\n"
	"directory: sub\n"
	"sources: demo.py\n"
	"threads: yes\n"
	"keys:\n"
	"  - {key: w, label: reap now, signal: USR1, to: main}\n"
	"  - {key: i, label: {en: go, zh_CN: 走}, stdin: go on, to: all}\n"
	"  - {key: p, label: pause, pause: true, to: 'worker-*'}\n"
	"  - {key: c, label: children, signal: SIGTERM, to: children}\n"
	"steps:\n"
	"  - id: fork\n"
	"    when: {spawn: zombie-child, task: process}\n"
	"    marker: fork\n"
	"    note: |\n"
	"      two\n"
	"      lines\n"
	"  - when: {zombie: any}\n"
	"    marker: exit\n"
	"    note: {en: zombie, zh_CN: 僵尸}\n"
	"  - when: {reap: zombie-child}\n"
	"    pattern: 'waitpid\\('\n"
	"    lines: 2\n"
	"    note: reaped\n"
	"  - when: {after: 1.5}\n"
	"    note: a pause\n"
	"  - when: {output: done}\n"
	"    note: printed\n"
	"  - when: {output-match: '^do+ne$'}\n"
	"    note: printed again\n"
	"  - when: {block: worker, wait: lock}\n"
	"    note: blocked\n"
	"  - when: {alive: 3}\n"
	"    note: three\n"
	"  - when: {alive-at-most: 0}\n"
	"    note: none\n"
	"  - when: n\n"
	"    note: the end\n"
	"  - when: {exec: sleep}\n"
	"    note: exec\n"
	"  - when: {reparent: orphan, task: any}\n"
	"    note: adopted\n"
	"  - when: {exit: '*'}\n"
	"    note: gone\n";

static int parse(const char *text, struct lesson_file *lf, char *err,
		 size_t len)
{
	int rc = lesson_file_parse_mem(text, strlen(text), "dir/l.yaml", lf,
				       err, len);

	if (rc == 0 && lf->nsources)
		assert_int_equal(lesson_file_set_source(lf, 0, demo_src,
							strlen(demo_src)), 0);
	if (rc == 0)
		rc = lesson_file_anchor(lf, err, len);
	return rc;
}

static void test_full(void **state)
{
	struct lesson_file lf;
	char err[512] = "";

	assert_int_equal(parse(full, &lf, err, sizeof(err)), 0);
	assert_string_equal(lf.dir, "dir");
	assert_string_equal(lf_text_get(&lf.title, LF_LANG_EN), "Zombie");
	assert_string_equal(lf_text_get(&lf.title, LF_LANG_ZH_CN), "僵尸进程");
	/* A plain text is English, and the fallback for every language. */
	assert_string_equal(lf_text_get(&lf.chapter, LF_LANG_ZH_CN),
			    "Processes");
	assert_string_equal(lf_text_get(&lf.description, LF_LANG_ZH_CN),
			    "子进程退出");
	assert_int_equal(lf.argc, 3);
	assert_string_equal(lf.argv[1], "-u");
	assert_null(lf.argv[3]);
	assert_string_equal(lf.workdir, "sub");
	assert_int_equal(lf.nsources, 1);
	assert_true(lf.threads);

	assert_int_equal(lf.nkeys, 4);
	assert_int_equal(lf.keys[0].key, 'w');
	assert_int_equal(lf.keys[0].action, LF_ACT_SIGNAL);
	assert_int_equal(lf.keys[0].sig, SIGUSR1);
	assert_int_equal(lf.keys[0].role, LF_ROLE_MAIN);
	assert_int_equal(lf.keys[1].action, LF_ACT_STDIN);
	assert_string_equal(lf.keys[1].text, "go on");
	assert_int_equal(lf.keys[1].role, LF_ROLE_ALL);
	assert_string_equal(lf_text_get(&lf.keys[1].label, LF_LANG_ZH_CN),
			    "走");
	assert_int_equal(lf.keys[2].action, LF_ACT_PAUSE);
	assert_int_equal(lf.keys[2].role, LF_ROLE_NAME);
	assert_string_equal(lf.keys[2].name, "worker-*");
	assert_int_equal(lf.keys[3].sig, SIGTERM);
	assert_int_equal(lf.keys[3].role, LF_ROLE_CHILDREN);

	assert_int_equal(lf.nsteps, 13);
	assert_string_equal(lf.steps[0].id, "fork");
	assert_int_equal(lf.steps[0].when.kind, LF_TRIG_SPAWN);
	assert_int_equal(lf.steps[0].when.task, LF_TASK_PROCESS);
	assert_string_equal(lf.steps[0].when.text, "zombie-child");
	assert_string_equal(lf_text_get(&lf.steps[0].note, LF_LANG_EN),
			    "two\nlines\n");
	/* A marker alone on its line: the lines after it, up to a blank
	 * line or the next marker (line 6 has one). */
	assert_int_equal(lf.steps[0].first, 4);
	assert_int_equal(lf.steps[0].last, 5);
	assert_int_equal(lf.steps[1].when.kind, LF_TRIG_ZOMBIE);
	assert_null(lf.steps[1].when.text);
	/* A marker after code: that line, up to the blank one. */
	assert_int_equal(lf.steps[1].first, 6);
	assert_int_equal(lf.steps[1].last, 6);
	assert_string_equal(lf_text_get(&lf.steps[1].note, LF_LANG_ZH_CN),
			    "僵尸");
	/* A pattern: the first line matching, lines: 2 from there. */
	assert_int_equal(lf.steps[2].first, 8);
	assert_int_equal(lf.steps[2].last, 9);
	assert_int_equal(lf.steps[3].when.kind, LF_TRIG_AFTER);
	assert_int_equal(lf.steps[3].when.after_ms, 1500);
	assert_int_equal(lf.steps[3].source, -1);
	assert_int_equal(lf.steps[4].when.kind, LF_TRIG_OUTPUT);
	assert_int_equal(lf.steps[5].when.kind, LF_TRIG_OUTPUT_RE);
	assert_int_equal(lf.steps[6].when.kind, LF_TRIG_BLOCK);
	assert_int_equal(lf.steps[6].when.wait, WAIT_LOCK);
	assert_int_equal(lf.steps[7].when.kind, LF_TRIG_ALIVE);
	assert_int_equal(lf.steps[7].when.count, 3);
	assert_int_equal(lf.steps[8].when.kind, LF_TRIG_ALIVE_MAX);
	assert_int_equal(lf.steps[9].when.kind, LF_TRIG_KEY);
	assert_int_equal(lf.steps[10].when.kind, LF_TRIG_EXEC);
	assert_int_equal(lf.steps[11].when.kind, LF_TRIG_REPARENT);
	assert_int_equal(lf.steps[12].when.kind, LF_TRIG_EXIT);
	assert_null(lf.steps[12].when.text);
	lesson_file_clear(&lf);
}

static void test_marker_lookup(void **state)
{
	struct lesson_file lf;
	char err[512] = "";
	int src = -1, line = 0;

	assert_int_equal(parse(full, &lf, err, sizeof(err)), 0);
	assert_true(lesson_file_marker(&lf, "reap", &src, &line));
	assert_int_equal(src, 0);
	assert_int_equal(line, 8);
	assert_true(lesson_file_marker(&lf, "fork", &src, &line));
	assert_int_equal(line, 4);
	assert_false(lesson_file_marker(&lf, "nope", &src, &line));
	assert_false(lesson_file_marker(&lf, "for", &src, &line));
	lesson_file_clear(&lf);
}

struct bad_case {
	const char *text;
	const char *want;	/* the start of the message */
};

static const struct bad_case bad[] = {
	{ "", "dir/l.yaml:1:1: empty" },
	{ "- a list\n", "dir/l.yaml:1:1: expected a lesson" },
	{ "title: t\ncommand: x\n", "dir/l.yaml:1:1: no 'steps:'" },
	{ "title: t\ncommand: x\nsteps:\n  - when: n\n", "dir/l.yaml:4:5: "
	  "step: no 'note:'" },
	{ "title: t\ncommand: x\nsteps:\n  - note: x\n", "dir/l.yaml:4:5: "
	  "step: no 'when:'" },
	{ "title: t\ncommand: x\nsteps:\n  - {when: soon, note: x}\n",
	  "dir/l.yaml:4:12: when: unknown trigger 'soon'" },
	{ "title: t\ncommand: x\nsteps:\n  - {when: {after: -1}, note: x}\n",
	  "dir/l.yaml:4:20: after: expected seconds" },
	{ "title: t\ncommand: x\nsteps:\n  - {when: {spawn: a, exit: b}, "
	  "note: x}\n", "dir/l.yaml:4:23: when: one trigger per step" },
	{ "title: t\ncommand: x\nsteps:\n  - {when: {spawn: a, wait: lock}, "
	  "note: x}\n", "dir/l.yaml:4:29: wait: only for a block" },
	{ "title: t\ncommand: x\nsteps:\n  - {when: n, note: x, marker: a}\n",
	  "dir/l.yaml:4:5: step: an anchor, but the lesson lists no sources" },
	{ "title: t\ncommand: x\nsources: a.py\nsteps:\n  - {when: n, note: "
	  "x, marker: a, source: b.py}\n", "dir/l.yaml:5:43: source: not one" },
	{ "title: t\ncommand: x\nsources: [a.py, a.py]\nsteps: []\n",
	  "dir/l.yaml:3:17: sources: 'a.py' listed twice" },
	{ "title: t\ntitle: u\ncommand: x\nsteps: []\n",
	  "dir/l.yaml:2:1: title: given twice" },
	{ "title: t\ncommand: []\nsteps: [{when: n, note: x}]\n",
	  "dir/l.yaml:2:10: command: empty" },
	{ "title: {}\ncommand: x\nsteps: [{when: n, note: x}]\n",
	  "dir/l.yaml:1:8: title: in no language" },
	{ "procviz-lesson: 2\n", "dir/l.yaml:1:17: procviz-lesson: expected "
	  "a number 1..1" },
	{ "title: t\ncommand: x\nkeys: [{key: w, label: l}]\nsteps: []\n",
	  "dir/l.yaml:3:8: key: no action" },
	{ "title: t\ncommand: x\nkeys: [{key: W, label: l, pause: true}]\n",
	  "dir/l.yaml:3:14: key: expected a lowercase letter" },
	{ "title: t\ncommand: x\nkeys: [{key: w, label: l, stdin: a, "
	  "signal: TERM}]\n", "dir/l.yaml:3:37: key: one action" },
	/* glibc would expand these to gigabytes (fuzz_lesson: an OOM) */
	{ "title: t\ncommand: x\nsteps: [{when: {output-match: "
	  "'(a{1000}){1000}'}, note: x}]\n",
	  "dir/l.yaml:3:31: output-match: too many repetitions of repetitions" },
	{ "title: t\ncommand: x\nsteps: [{when: {output-match: 'ab+?'}, "
	  "note: x}]\n",
	  "dir/l.yaml:3:31: output-match: too many repetitions of repetitions" },
	{ "title: t\ncommand: x\nsteps: [{when: {output-match: '^do+n"
	  "++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++e$'}, "
	  "note: x}]\n",
	  "dir/l.yaml:3:31: output-match: too many repetitions of repetitions" },
	{ "title: t\ncommand: x\nsteps: [{when: n, note: x, lines: 3}]\n",
	  "dir/l.yaml:3:9: lines: without a marker" },
	{ "title: [a\n", "dir/l.yaml:2:1: did not find expected" },
	{ "a: &x b\nc: *y\n", "dir/l.yaml:2:4: found undefined alias" },
};

static void test_bad(void **state)
{
	struct lesson_file lf;
	char err[512];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		if (lesson_file_parse_mem(bad[i].text, strlen(bad[i].text),
					  "dir/l.yaml", &lf, err,
					  sizeof(err)) == 0)
			fail_msg("case %zu parsed: %s", i, bad[i].text);
		if (strncmp(err, bad[i].want, strlen(bad[i].want)) != 0)
			fail_msg("case %zu: expected '%s...', got '%s'", i,
				 bad[i].want, err);
		/* Left empty: clearing again is harmless. */
		assert_null(lf.path);
		lesson_file_clear(&lf);
	}
}

static void test_anchor_errors(void **state)
{
	static const char *const texts[] = {
		"title: t\ncommand: x\nsources: a.py\nsteps:\n"
		"  - {when: n, note: x, marker: fork, lines: 9}\n",
		"title: t\ncommand: x\nsources: a.py\nsteps:\n"
		"  - {when: n, note: x, pattern: nothing-like-it}\n",
		"title: t\ncommand: x\nsources: a.py\nsteps:\n"
		"  - {when: n, note: x, marker: twice}\n",
	};
	static const char *const want[] = {
		"dir/l.yaml:5:32: lines 4-12: past the end of a.py (9 lines)",
		"dir/l.yaml:5:33: pattern: no line of a.py matches it",
		"dir/l.yaml:5:32: marker 'twice': on two lines of a.py (the "
		"second is line 9)",
	};
	static const char src[] = "import os\n\n# step: fork\npid = 1\n"
		"# step: twice\nx = 1\n\ny = 2\n# step: twice\n";
	struct lesson_file lf;
	char err[512];
	size_t i;

	for (i = 0; i < 3; i++) {
		err[0] = '\0';
		assert_int_equal(lesson_file_parse_mem(texts[i],
						       strlen(texts[i]),
						       "dir/l.yaml", &lf, err,
						       sizeof(err)), 0);
		assert_int_equal(lesson_file_set_source(&lf, 0, src,
							strlen(src)), 0);
		assert_int_not_equal(lesson_file_anchor(&lf, err, sizeof(err)),
				     0);
		assert_string_equal(err, want[i]);
		lesson_file_clear(&lf);
	}
}

static void test_sizes(void **state)
{
	struct lesson_file lf;
	char err[512], *big;
	size_t n = 5000, k;
	static const char head[] = "title: t\ncommand: x\nsteps:\n"
		"  - when: n\n    note: ";

	big = malloc(sizeof(head) + n + 2);
	assert_non_null(big);
	memcpy(big, head, sizeof(head) - 1);
	for (k = 0; k < n; k++)
		big[sizeof(head) - 1 + k] = 'x';
	strcpy(big + sizeof(head) - 1 + n, "\n");
	assert_int_not_equal(lesson_file_parse_mem(big, strlen(big),
						   "l.yaml", &lf, err,
						   sizeof(err)), 0);
	assert_string_equal(err, "l.yaml:5:11: note: 5000 bytes, more than "
			    "the 2000 allowed");
	free(big);
}

static void test_signals(void **state)
{
	assert_int_equal(lf_signal_parse("TERM"), SIGTERM);
	assert_int_equal(lf_signal_parse("SIGUSR1"), SIGUSR1);
	assert_int_equal(lf_signal_parse("9"), SIGKILL);
	assert_int_equal(lf_signal_parse("SIGFOO"), 0);
	assert_int_equal(lf_signal_parse("99"), 0);
	assert_string_equal(lf_signal_name(SIGHUP), "HUP");
	assert_string_equal(lf_trigger_name(LF_TRIG_ALIVE_MAX),
			    "alive-at-most");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_marker_lookup),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_anchor_errors),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_signals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
