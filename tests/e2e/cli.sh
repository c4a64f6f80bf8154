#!/bin/sh
# The command line contract: --help, --version, unknown commands/options.
. "$(dirname "$0")/../lib.sh"

expect_status "--version exits 0" 0 "$PROCVIZ" --version
expect_eq "--version prints the name and version" "procviz" \
	"$(cut -d' ' -f1 "$TMP/status.out")"
expect_status "--help exits 0" 0 "$PROCVIZ" --help
grep -q 'procviz sched' "$TMP/status.out" &&
	ok "--help lists the sched command" ||
	not_ok "--help lists the sched command"
expect_status "unknown command exits 2" 2 "$PROCVIZ" no-such-command
grep -q "unknown command 'no-such-command'" "$TMP/status.err" &&
	ok "unknown command is named in the message" ||
	not_ok "unknown command is named in the message" "$(cat "$TMP/status.err")"
[ ! -s "$TMP/status.out" ] && ok "unknown command prints nothing on stdout" ||
	not_ok "unknown command prints nothing on stdout"
expect_status "unknown option exits 2" 2 "$PROCVIZ" --no-such-option
grep -q "Try 'procviz --help'" "$TMP/status.err" &&
	ok "usage errors give the help hint" || not_ok "usage errors give the help hint"
