#!/bin/sh
# Where lesson files are found (procviz-lesson(5)): PROCVIZ_LESSONS first,
# then $XDG_DATA_HOME/procviz/lessons; a name found twice is the first
# one's; `procviz list` names each (KIND lesson), a broken one with why;
# `procviz run NAME.yaml` finds it from anywhere; the home screen lists
# them under their chapters as the lecturer's own, and Enter runs one.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ui_tmux.inc"

cd "$PROCVIZ_ROOT" || exit 1
[ -x /usr/bin/python3 ] && PATH=/usr/bin:$PATH
A=$TMP/mine
X=$TMP/xdg/procviz/lessons
mkdir -p "$A" "$X" "$TMP/elsewhere"
cp scenarios/lessons/zombie.* scenarios/lessons/orphan.* \
	scenarios/lessons/lessonlib.py "$X/"
cp scenarios/lessons/zombie.py scenarios/lessons/lessonlib.py "$A/"
sed 's/^  en: Zombie and reap$/  en: My own zombie/' \
	scenarios/lessons/zombie.yaml >"$A/zombie.yaml"
printf 'title: broken\ncommand: x\nsteps: []\n' >"$A/broken.yaml"
envs() { env HOME="$TMP" XDG_DATA_HOME="$TMP/xdg" XDG_DATA_DIRS="$TMP/none" \
	PROCVIZ_LESSONS="$A" LC_ALL=C.UTF-8 "$@"; }

envs "$PROCVIZ" list >"$TMP/list" 2>"$TMP/list.err"
grep "^lesson" "$TMP/list" | cut -f2 | tr '\n' ' ' >"$TMP/names"
expect_eq "list names every lesson file once, by file name, directory by directory" \
	"broken.yaml zombie.yaml orphan.yaml " "$(cat "$TMP/names")"
grep -q "^lesson	zombie.yaml	My own zombie: .*($A/zombie.yaml)$" "$TMP/list" &&
	ok "a name found twice: PROCVIZ_LESSONS's comes first" ||
	not_ok "a name found twice: PROCVIZ_LESSONS's comes first" "$(cat "$TMP/list")"
grep -q "^lesson	orphan.yaml	Orphan and adoption: .*($X/orphan.yaml)$" "$TMP/list" &&
	ok "XDG_DATA_HOME's lessons are listed" ||
	not_ok "XDG_DATA_HOME's lessons are listed" "$(cat "$TMP/list")"
grep -q "^lesson	broken.yaml	(cannot run: $A/broken.yaml:3:8: steps: none" "$TMP/list" &&
	ok "a broken lesson file is listed with its mistake" ||
	not_ok "a broken lesson file is listed with its mistake" "$(cat "$TMP/list")"
grep -q "^scenario	zombie	" "$TMP/list" && grep -q "^workload	" "$TMP/list" &&
	ok "the scenarios and workloads are still listed" ||
	not_ok "the scenarios and workloads are still listed"

# run NAME.yaml from a directory that does not hold it
(cd "$TMP/elsewhere" && envs "$PROCVIZ" run orphan.yaml --headless \
	--format json) >"$TMP/orphan.json" 2>"$TMP/orphan.err"
rc=$?
expect_eq "run orphan.yaml from elsewhere exits 0" 0 "$rc"
grep -q '"text":"step 4/4 (exit orphan-child)' "$TMP/orphan.json" &&
	ok "run NAME.yaml found the lesson and ran it to its last step" ||
	not_ok "run NAME.yaml found the lesson and ran it to its last step" \
		"$(tail -5 "$TMP/orphan.json")" "$(cat "$TMP/orphan.err")"
(cd "$TMP/elsewhere" && envs "$PROCVIZ" run nothere.yaml --headless) \
	>/dev/null 2>"$TMP/none.err"
expect_eq "run of a lesson found nowhere exits 2" 2 "$?"

# The home screen: under their chapters, marked as the lecturer's own.
ui_start 120 60 HOME="$TMP" XDG_DATA_HOME="$TMP/xdg" XDG_DATA_DIRS="$TMP/none" \
	PROCVIZ_LESSONS="$A" -- "$PROCVIZ"
if ui_wait "Processes (your own lessons)" 10; then
	ok "home lists lesson files under their chapter, as your own"
else not_ok "home lists lesson files under their chapter, as your own" "$(cat "$TMP/screen")"; fi
grep -q "zombie.yaml *My own zombie" "$TMP/screen" &&
	grep -q "orphan.yaml *Orphan and adoption" "$TMP/screen" &&
	ok "home shows each file with its title" ||
	not_ok "home shows each file with its title" "$(cat "$TMP/screen")"
grep -q "broken.yaml .*steps: none" "$TMP/screen" &&
	ok "home shows why a broken file cannot run" ||
	not_ok "home shows why a broken file cannot run" "$(cat "$TMP/screen")"
# Walk down to orphan.yaml and start it.
i=0
while [ $i -lt 60 ] && ! ui_screen | grep -q "^> *orphan.yaml"; do
	ui_keys Down
	i=$((i + 1))
	sleep 0.05
done
ui_keys Enter
if ui_wait "run $X/orphan.yaml" 10; then ok "Enter runs the lesson file"
else not_ok "Enter runs the lesson file" "$(cat "$TMP/screen")"; fi
ui_wait "orphan-child" 10 && ok "its processes show" ||
	not_ok "its processes show" "$(cat "$TMP/screen")"
ui_quit_ok "q exits 0"
ui_stop
left=$(grep -l -a "${X%s}[s]" /proc/[0-9]*/cmdline 2>/dev/null)
ui_poll 5 '[ -z "$(grep -l -a "${X%s}[s]" /proc/[0-9]*/cmdline 2>/dev/null)" ]' &&
	ok "nothing of the lesson is left" || not_ok "nothing of the lesson is left" "$left"
