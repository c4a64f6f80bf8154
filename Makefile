# procviz - non-recursive GNU Makefile.
#
#   make            build ./procviz
#   make run        install missing packages, build, start procviz
#   make test       install missing packages, build, run every test (and
#                   the unit and headless ones again under ASan+UBSan)
#   make asan       the test suite under AddressSanitizer + UBSan
#   make check-long the repeats: the exit matrix LONG_REPEAT times (5), the
#                   lesson suite LONG_REPEAT times (timing-sensitive checks)
#   make bench      speed and memory figures
#   make fuzz       every libFuzzer harness, FUZZ_RUNS executions each
#                   (FUZZ_SECONDS=N: at most N seconds each; needs clang)
#   make pot        regenerate po/procviz.pot from the sources (xgettext)
#   make install    PREFIX=/usr/local DESTDIR= (make uninstall: the same)
#   make version    print the version (debian/changelog's first line)
#   V=1             show full commands
#
# Sources are found by directory, so a new module is a new file, not a
# Makefile edit.  Each layer is a folder and takes its flags from it:
#   sched/      the simulator, libc only
#   scenarios/  the lesson programs and their launcher, libc only
#   viz/core/   sampler (libproc2), model, observer, reports, record: no curses
#   viz/ui/     the terminal session and one file per view (ncursesw)
#   viz/cmd/    the command front ends, option parsing, bundled workloads
#   viz/main.c  on top
# Layering is enforced at link time: sched/ tests link without curses or
# libproc2, core tests link without curses.

# The version is written once, in debian/changelog's first line
# "procviz (VERSION) ..."; read with sed so that no dpkg-dev is needed.
VERSION    := $(shell sed -n '1s/^procviz [(]\([^ ]*\)[)] .*/\1/p' debian/changelog)
ifeq ($(VERSION),)
$(error cannot read the version from the first line of debian/changelog)
endif
# Install paths (GNU names).  debian/rules installs with PREFIX=/usr.
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share
MANDIR     ?= $(DATADIR)/man
LOCALEDIR  ?= $(DATADIR)/locale
DOCDIR     ?= $(DATADIR)/doc/procviz
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
# zsh: Debian's zsh reads vendor-completions under /usr (where packages put
# theirs) and site-functions under /usr/local.
ZSHCOMPDIR ?= $(DATADIR)/zsh/$(if $(filter /usr,$(PREFIX)),vendor-completions,site-functions)
CC         ?= cc
CFLAGS     ?= -O2 -g
BUILD      ?= build
PROG       ?= procviz
PKG_CONFIG ?= pkg-config

WARNINGS   := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wno-unused-parameter
# Recursively expanded on purpose: pkg-config runs only when a rule needs
# it, after the dependency step has had a chance to install the packages.
PROC_CFLAGS  = $(shell $(PKG_CONFIG) --cflags libproc2 2>/dev/null)
PROC_LIBS    = $(shell $(PKG_CONFIG) --libs libproc2 2>/dev/null || echo -lproc2)
CURSES_CFLAGS = $(shell $(PKG_CONFIG) --cflags ncursesw 2>/dev/null)
CURSES_LIBS  = $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null || echo -lncursesw)
CMOCKA_LIBS  = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)
# Lesson files are YAML (viz/core/lesson_file.c): libyaml.
YAML_CFLAGS  = $(shell $(PKG_CONFIG) --cflags yaml-0.1 2>/dev/null)
YAML_LIBS    = $(shell $(PKG_CONFIG) --libs yaml-0.1 2>/dev/null || echo -lyaml)

ALL_CFLAGS = -std=gnu11 $(WARNINGS) -I. -DPROCVIZ_VERSION='"$(VERSION)"' \
	     -DPROCVIZ_LOCALEDIR='"$(LOCALEDIR)"' \
	     -DPROCVIZ_DATADIR='"$(DATADIR)"' \
	     $(CPPFLAGS) $(CFLAGS) -MMD -MP
LDLIBS_BASE = -lm -lpthread -lrt

ifeq ($(V),1)
Q :=
quiet = @true
else
Q := @
quiet = @printf '  %-6s %s\n'
endif

# --- sources by layer ------------------------------------------------------
SCHED_SRC := $(wildcard sched/*.c)
SCEN_SRC  := $(wildcard scenarios/*.c)
VIZ_SRC   := $(wildcard viz/core/*.c)
UI_SRC    := $(wildcard viz/ui/*.c)
CMD_SRC   := $(wildcard viz/cmd/*.c)
APP_SRC   := viz/main.c $(CMD_SRC)

obj = $(patsubst %.c,$(BUILD)/%.o,$(1))
SCHED_OBJ := $(call obj,$(SCHED_SRC))
SCEN_OBJ  := $(call obj,$(SCEN_SRC))
# The web page's script and style (viz/web/), compiled into the core as
# data: BUILD/gen/web_assets.c is generated (viz/core/web_assets.h).
WEB_JS    := viz/web/handout.js viz/web/handout_lesson.js \
	     viz/web/handout_sched.js
WEB_FILES := $(WEB_JS) viz/web/handout.css
WEB_OBJ   := $(BUILD)/gen/web_assets.o
VIZ_OBJ   := $(call obj,$(VIZ_SRC)) $(WEB_OBJ)
UI_OBJ    := $(call obj,$(UI_SRC))
CMD_OBJ   := $(call obj,$(CMD_SRC))
APP_OBJ   := $(call obj,$(APP_SRC))

# --- unit tests: tests/unit/test_<layer>_*.c --------------------------------
# test_sched_*  links sched/ only (no curses, no libproc2)
# test_viz_*, test_scen_*  link sched/ scenarios/ viz/ core (no curses)
# test_ui_*, test_cmd_*  link everything but main
T_SCHED_SRC := $(wildcard tests/unit/test_sched*.c)
T_CORE_SRC  := $(wildcard tests/unit/test_viz*.c tests/unit/test_scen*.c)
T_UI_SRC    := $(wildcard tests/unit/test_ui*.c tests/unit/test_cmd*.c)
T_SCHED_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(T_SCHED_SRC))
T_CORE_BIN  := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(T_CORE_SRC))
T_UI_BIN    := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(T_UI_SRC))
TEST_BIN    := $(T_SCHED_BIN) $(T_CORE_BIN) $(T_UI_BIN)
# Helper programs the end-to-end tests run (tests/helpers/*.c, libc only).
HELPER_BIN  := $(patsubst tests/helpers/%.c,$(BUILD)/helpers/%,$(wildcard tests/helpers/*.c))
BENCH_BIN   := $(patsubst tests/bench/%.c,$(BUILD)/bench/%,$(wildcard tests/bench/*.c))

# --- translations (GNU gettext) ---------------------------------------------
# po/LANG.po is compiled to BUILD/locale/LANG/LC_MESSAGES/procviz.mo, where
# the binary finds it when run from the build tree (viz/cmd/locale.c).
# Scenario notes are translated inside scen_note/scen_step, errors in
# cli_usage/cli_bad_input/cli_fail/cli_say and ui_warn, the parsers'
# messages inside their fail helpers (sched/: parser_fail, wt_fail, seterr;
# lesson files: lfp_fail, lfa_fail; recordings: json_read_fail; drive:
# drive_fail) and the scheduler's why line inside wsay, so xgettext takes their format
# arguments as messages.
PO_LANGS   := $(patsubst po/%.po,%,$(wildcard po/*.po))
MO         := $(foreach l,$(PO_LANGS),$(BUILD)/locale/$(l)/LC_MESSAGES/procviz.mo)
XGETTEXT_KEYWORDS := -k_ -kN_ -kscen_note:2 -kscen_step:2 -kscen_step_now:2 \
	-kcli_usage:2 -kcli_bad_input:2 -kcli_fail:2 -kcli_say:2 -kui_warn:2 \
	-kargs_fail:3 -kparser_fail:3 -kwt_fail:3 -kseterr:3 -klfp_fail:3 \
	-klfp_fail_at:3 -kjson_read_fail:2 -klfa_fail:6 -kwsay:2 \
	-kdrive_fail:3
# Each keyword with an argument number takes a printf format there.
XGETTEXT_FLAGS := $(foreach k,$(XGETTEXT_KEYWORDS),$(if $(findstring :,$(k)),\
	--flag=$(patsubst -k%,%,$(k)):c-format))
POT        ?= po/procviz.pot
I18N_SRC    = $(sort $(SCHED_SRC) $(SCEN_SRC) $(VIZ_SRC) $(UI_SRC) $(APP_SRC))

.PHONY: all run test check tests deps deps-test asan bench install uninstall \
	clean fuzz pot version check-long

# Translated man pages: procviz.LANG.1 is installed as MANDIR/LANG/man1/procviz.1,
# procviz-lesson.LANG.5 as MANDIR/LANG/man5/procviz-lesson.5.
MAN_L10N   := $(wildcard procviz.*.1)
MAN5_L10N  := $(wildcard procviz-lesson.*.5)

all: $(PROG) $(MO)

# The version is compiled into main.o only (procviz --version).
$(BUILD)/viz/main.o: debian/changelog

$(PROG): $(APP_OBJ) $(UI_OBJ) $(VIZ_OBJ) $(SCEN_OBJ) $(SCHED_OBJ)
	$(quiet) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(CURSES_LIBS) $(PROC_LIBS) $(YAML_LIBS) $(LDLIBS_BASE) $(LDFLAGS)

$(BUILD)/viz/ui/%.o: viz/ui/%.c
	@mkdir -p $(dir $@)
	$(quiet) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) $(CURSES_CFLAGS) -c -o $@ $<

$(BUILD)/viz/core/%.o: viz/core/%.c
	@mkdir -p $(dir $@)
	$(quiet) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) $(PROC_CFLAGS) $(YAML_CFLAGS) -c -o $@ $<

$(BUILD)/gen/web_assets.c: viz/web/embed.sh $(WEB_FILES)
	@mkdir -p $(dir $@)
	$(quiet) GEN $@
	$(Q)sh viz/web/embed.sh web_handout_js=$$(echo $(WEB_JS) | tr " " +) \
		web_handout_css=viz/web/handout.css >$@.tmp && mv $@.tmp $@

$(WEB_OBJ): $(BUILD)/gen/web_assets.c
	$(quiet) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<
# The UI's unit tests include the UI's headers, hence curses' flags.
$(BUILD)/tests/unit/test_ui%.o: tests/unit/test_ui%.c
	@mkdir -p $(dir $@)
	$(quiet) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) $(CURSES_CFLAGS) -c -o $@ $<

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(quiet) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(T_SCHED_BIN): $(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(SCHED_OBJ)
	$(quiet) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(LDLIBS_BASE) $(LDFLAGS)

$(T_CORE_BIN): $(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(VIZ_OBJ) $(SCEN_OBJ) $(SCHED_OBJ)
	$(quiet) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(PROC_LIBS) $(YAML_LIBS) $(LDLIBS_BASE) $(LDFLAGS)

$(T_UI_BIN): $(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(UI_OBJ) $(CMD_OBJ) $(VIZ_OBJ) $(SCEN_OBJ) $(SCHED_OBJ)
	$(quiet) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(CURSES_LIBS) $(PROC_LIBS) $(YAML_LIBS) $(LDLIBS_BASE) $(LDFLAGS)

$(BUILD)/helpers/%: tests/helpers/%.c
	@mkdir -p $(dir $@)
	$(quiet) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LDLIBS_BASE) $(LDFLAGS)

$(BUILD)/bench/%: $(BUILD)/tests/bench/%.o $(VIZ_OBJ) $(SCEN_OBJ) $(SCHED_OBJ)
	@mkdir -p $(dir $@)
	$(quiet) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(PROC_LIBS) $(YAML_LIBS) $(LDLIBS_BASE) $(LDFLAGS)

# The fuzz harnesses' link sets, written once.  Each harness links the pure
# parts of the program it checks and nothing else: the sched/ library, the
# parsers and the report writers; the lesson file parser stands alone (it,
# wait.c and libyaml).  `make fuzz` links them with clang's libFuzzer;
# `make tests` links the very same sets with $(CC) and a plain main
# (tests/fuzz/standalone.c: each file argument is one input), so a harness
# that stops linking breaks `make tests`, not only the next `make fuzz`.
FUZZ_LIB_SRC = $(SCHED_SRC) $(addprefix viz/cmd/,cli.c args.c \
	       schedreq.c workloads.c) \
	       $(addprefix viz/core/,report_sched.c report_sched_svg.c \
	       report_procrun.c json.c svg_util.c palette.c model.c \
	       model_tasks.c wait.c record_load.c record_schema.c \
	       record_write.c snapshot.c trace.c report_obs.c \
	       report_sched_text.c textcol.c)
LESSON_FUZZ_SRC = $(addprefix viz/core/,lesson_file.c lesson_steps.c \
		  lesson_anchor.c wait.c)
FUZZ_NAMES  := $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_ONE_BIN := $(addprefix $(BUILD)/fuzz/,$(FUZZ_NAMES))

$(filter-out %/fuzz_lesson,$(FUZZ_ONE_BIN)): $(BUILD)/fuzz/%: $(BUILD)/tests/fuzz/%.o $(BUILD)/tests/fuzz/standalone.o $(call obj,$(FUZZ_LIB_SRC))
	@mkdir -p $(dir $@)
	$(quiet) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ -lm $(LDFLAGS)

$(BUILD)/fuzz/fuzz_lesson: $(BUILD)/tests/fuzz/fuzz_lesson.o $(BUILD)/tests/fuzz/standalone.o $(call obj,$(LESSON_FUZZ_SRC))
	@mkdir -p $(dir $@)
	$(quiet) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(YAML_LIBS) $(LDFLAGS)

# The benchmarks are built too, so that they cannot rot unseen.
tests: $(PROG) $(MO) $(TEST_BIN) $(HELPER_BIN) $(BENCH_BIN) $(FUZZ_ONE_BIN)

$(BUILD)/locale/%/LC_MESSAGES/procviz.mo: po/%.po
	@mkdir -p $(dir $@)
	$(quiet) MSGFMT $<
	$(Q)msgfmt -c -o $@ $<

pot:
	$(Q)xgettext --language=C --from-code=UTF-8 $(XGETTEXT_KEYWORDS) \
		$(XGETTEXT_FLAGS) \
		--package-name=procviz \
		--package-version=$(VERSION) --add-comments=TRANSLATORS: \
		--sort-by-file -o $(POT) $(I18N_SRC)

deps:
	@sh tests/deps.sh

# The tests also build the Debian package, check the man page and the
# shell completion: dpkg-dev, debhelper, lintian, man-db...
deps-test:
	@sh tests/deps.sh --test

# The two README commands.  Each installs what is missing first, then
# re-enters make so that pkg-config sees the freshly installed packages.
run: deps
	@$(MAKE) --no-print-directory all
	./procviz $(ARGS)

# `make test` also builds build-asan/ and runs the unit and headless tests
# again under ASan+UBSan, in the same "N passed, N failed" total.
ASAN_MAKE = $(MAKE) --no-print-directory BUILD=build-asan \
	PROG=build-asan/procviz LDFLAGS='-fsanitize=address,undefined' \
	CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer'

# The test builds use every CPU; tests/run.sh runs the tests themselves
# side by side (PROCVIZ_TEST_JOBS, see there).
NPROC := $(shell nproc 2>/dev/null || echo 2)

test check: deps-test
	@$(MAKE) --no-print-directory -j$(NPROC) tests
	@$(ASAN_MAKE) -j$(NPROC) tests
	@sh tests/run.sh $(BUILD) build-asan

asan: deps-test
	@$(ASAN_MAKE) -j$(NPROC) tests
	@PROCVIZ=./build-asan/procviz sh tests/run.sh build-asan

# `make test` runs the exit matrix once; the long checks repeat it and the
# lesson suite (every lesson, netlink / polling / nobody) to catch what
# fails one run in many.  Ends with "N passed, N failed" like make test.
LONG_REPEAT ?= 5
check-long: deps-test
	@$(MAKE) --no-print-directory -j$(NPROC) tests
	@sh tests/run_long.sh $(BUILD) $(LONG_REPEAT)

# Fuzzing (clang's libFuzzer + ASan/UBSan): every parser for FUZZ_RUNS
# executions each.  Crashing inputs land in build-fuzz/crashes/; copy them
# to tests/fuzz/regress/<target>/ so the unit tests replay them forever
# (`make tests` also builds every harness, without libFuzzer, into those
# unit tests: tests/unit/test_*_fuzz_regress.c, and each alone with its
# own link set into BUILD/fuzz/).  The link sets are FUZZ_LIB_SRC and
# LESSON_FUZZ_SRC above, compiled here with -MMD like the rest, so an edit
# to any source or header a harness uses rebuilds it.
FUZZ_CC    ?= clang
FUZZ_RUNS  ?= 10000000
FUZZ_SECONDS ?=
FUZZ_BUILD := build-fuzz
FUZZ_FLAGS := -std=gnu11 -I. -g -O1 -fsanitize=fuzzer,address,undefined \
	      -fno-sanitize-recover=undefined -DPROCVIZ_VERSION='"$(VERSION)"'
FUZZ_LIB_OBJ = $(patsubst %.c,$(FUZZ_BUILD)/obj/%.o,$(FUZZ_LIB_SRC))
FUZZ_BIN   := $(patsubst tests/fuzz/%.c,$(FUZZ_BUILD)/%,$(wildcard tests/fuzz/fuzz_*.c))

$(FUZZ_BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(quiet) FUZZCC $<
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) -MMD -MP -c -o $@ $<

LESSON_FUZZ_BIN := $(FUZZ_BUILD)/fuzz_lesson
LESSON_FUZZ_OBJ = $(patsubst %.c,$(FUZZ_BUILD)/obj/%.o,$(LESSON_FUZZ_SRC))

$(filter-out $(LESSON_FUZZ_BIN),$(FUZZ_BIN)): $(FUZZ_BUILD)/%: $(FUZZ_BUILD)/obj/tests/fuzz/%.o $(FUZZ_LIB_OBJ)
	$(quiet) FUZZ $@
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $^ -lm

$(LESSON_FUZZ_BIN): $(FUZZ_BUILD)/obj/tests/fuzz/fuzz_lesson.o $(LESSON_FUZZ_OBJ)
	$(quiet) FUZZ $@
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $^ $(YAML_LIBS)

fuzz: deps
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh $(FUZZ_RUNS) $(FUZZ_BIN)

bench: deps
	@$(MAKE) --no-print-directory all $(BENCH_BIN) $(HELPER_BIN)
	@sh tests/bench.sh $(BUILD)

# make install and the Debian package (debian/rules) install the same files
# at the same paths; the package only compresses the man pages and README.
# The man pages get the version in their header (.TH) from VERSION.
MAN_TH_VERSION = sed '/^\.TH /s/"procviz [^"]*"/"procviz $(VERSION)"/'

# The example lesson files (procviz-lesson(5)) and their programs go where
# procviz looks for the system's lessons (viz/core/lesson_dirs.h).
LESSONDIR  ?= $(DATADIR)/procviz/lessons
LESSON_FILES := $(wildcard scenarios/lessons/*.yaml scenarios/lessons/*.py)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(LESSONDIR) \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(DOCDIR)
	install -m 755 $(PROG) $(DESTDIR)$(BINDIR)/procviz
	$(MAN_TH_VERSION) procviz.1 >$(DESTDIR)$(MANDIR)/man1/procviz.1
	chmod 644 $(DESTDIR)$(MANDIR)/man1/procviz.1
	$(MAN_TH_VERSION) procviz-lesson.5 >$(DESTDIR)$(MANDIR)/man5/procviz-lesson.5
	chmod 644 $(DESTDIR)$(MANDIR)/man5/procviz-lesson.5
	install -m 644 $(LESSON_FILES) $(DESTDIR)$(LESSONDIR)
	install -m 644 completion/procviz.bash $(DESTDIR)$(BASHCOMPDIR)/procviz
	install -m 644 completion/_procviz $(DESTDIR)$(ZSHCOMPDIR)/_procviz
	install -m 644 README.md $(DESTDIR)$(DOCDIR)/README.md
	@set -e; for f in $(MAN_L10N); do \
		l=$${f#procviz.}; l=$${l%.1}; \
		d=$(DESTDIR)$(MANDIR)/$$l/man1; \
		echo "install $$f -> $$d/procviz.1"; \
		install -d $$d; \
		$(MAN_TH_VERSION) $$f >$$d/procviz.1; chmod 644 $$d/procviz.1; \
	done
	@set -e; for f in $(MAN5_L10N); do \
		l=$${f#procviz-lesson.}; l=$${l%.5}; \
		d=$(DESTDIR)$(MANDIR)/$$l/man5; \
		echo "install $$f -> $$d/procviz-lesson.5"; \
		install -d $$d; \
		$(MAN_TH_VERSION) $$f >$$d/procviz-lesson.5; \
		chmod 644 $$d/procviz-lesson.5; \
	done
	@set -e; for f in $(MO); do \
		l=$${f#$(BUILD)/locale/}; l=$${l%%/*}; \
		d=$(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
		echo "install $$f -> $$d/procviz.mo"; \
		install -d $$d; install -m 644 $$f $$d/procviz.mo; \
	done

uninstall:
	rm -f $(addprefix $(DESTDIR)$(LESSONDIR)/,$(notdir $(LESSON_FILES)))
	rmdir $(DESTDIR)$(LESSONDIR) $(DESTDIR)$(DATADIR)/procviz 2>/dev/null || true
	rm -f $(DESTDIR)$(MANDIR)/man5/procviz-lesson.5
	rm -f $(DESTDIR)$(BINDIR)/procviz $(DESTDIR)$(MANDIR)/man1/procviz.1 \
		$(DESTDIR)$(BASHCOMPDIR)/procviz $(DESTDIR)$(ZSHCOMPDIR)/_procviz \
		$(DESTDIR)$(DOCDIR)/README.md
	rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null || true
	@for f in $(MAN_L10N); do \
		l=$${f#procviz.}; l=$${l%.1}; \
		rm -f $(DESTDIR)$(MANDIR)/$$l/man1/procviz.1; \
	done
	@for f in $(MAN5_L10N); do \
		l=$${f#procviz-lesson.}; l=$${l%.5}; \
		rm -f $(DESTDIR)$(MANDIR)/$$l/man5/procviz-lesson.5; \
	done
	@for l in $(PO_LANGS); do \
		rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/procviz.mo; \
	done

version:
	@echo $(VERSION)

clean:
	rm -rf build build-asan build-fuzz procviz

-include $(shell find $(BUILD) $(FUZZ_BUILD) -name '*.d' 2>/dev/null)
