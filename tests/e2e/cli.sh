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

# One parser for every command (viz/cmd/args.c): the same syntax and the
# same messages whatever the command.
for c in run watch attach replay trace sched drive; do
	expect_status "$c: an unknown option exits 2" 2 \
		"$PROCVIZ" "$c" --no-such-option
	grep -q "procviz: $c: unknown option '--no-such-option'" \
		"$TMP/status.err" &&
		ok "$c: the unknown option is named" ||
		not_ok "$c: the unknown option is named" "$(cat "$TMP/status.err")"
	expect_status "$c: --help=x exits 2" 2 "$PROCVIZ" "$c" --help=x
	grep -q "procviz: $c: --help: takes no value" "$TMP/status.err" &&
		ok "$c: a value given to a flag is refused by name" ||
		not_ok "$c: a value given to a flag is refused by name" \
			"$(cat "$TMP/status.err")"
	expect_status "$c: -h exits 0" 0 "$PROCVIZ" "$c" -h
	grep -q '^Usage: procviz' "$TMP/status.out" &&
		ok "$c: -h prints its usage" ||
		not_ok "$c: -h prints its usage" "$(head -3 "$TMP/status.out")"
done
for c in "run --format" "watch --interval" "attach --duration" \
	"replay --format" "trace --tick-ms" "sched --quantum" \
	"drive --tick-ms"; do
	set -- $c
	expect_status "$1: $2 without its value exits 2" 2 "$PROCVIZ" "$1" "$2"
	grep -q "procviz: $1: $2: missing value" "$TMP/status.err" &&
		ok "$1: the option missing its value is named" ||
		not_ok "$1: the option missing its value is named" \
			"$(cat "$TMP/status.err")"
done
