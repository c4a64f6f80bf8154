#!/bin/sh
# tests/bench/zombie_lifetime.sh - the shortest zombie lifetime procviz
# reliably catches, with the process connector (netlink) and with polling
# only (PROCVIZ_NO_NETLINK=1), at the default 100 ms interval.
#
# Each trial runs `procviz watch --headless --format json --interval 100 --
# zombie_parent L`: the helper forks a child that exits at once, keeps it a
# zombie for L ms, then reaps it.  A trial counts as caught when the JSON
# holds a "state" event to "zombie" for that child.  Prints the catches per
# lifetime and the smallest lifetime caught in every trial.  Measured, never
# asserted.
PROCVIZ=${PROCVIZ:-./procviz}
HELPERS=${PROCVIZ_HELPERS:-build/helpers}
TRIALS=${TRIALS:-10}
LIFETIMES=${LIFETIMES:-"1 2 5 10 20 50 100 200"}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ ! -x "$HELPERS/zombie_parent" ]; then
	echo "zombie lifetime: no $HELPERS/zombie_parent"
	exit 1
fi

# trial MODE L: 0 if the child was seen as a zombie.
trial()
{
	if [ "$1" = poll ]; then
		PROCVIZ_NO_NETLINK=1 "$PROCVIZ" watch --headless --format json \
			--interval 100 -- "$HELPERS/zombie_parent" "$2" \
			>"$tmp/out" 2>"$tmp/err" </dev/null
	else
		"$PROCVIZ" watch --headless --format json \
			--interval 100 -- "$HELPERS/zombie_parent" "$2" \
			>"$tmp/out" 2>"$tmp/err" </dev/null
	fi
	child=$(sed -n 's/^child \([0-9]*\)$/\1/p' "$tmp/err")
	[ -n "$child" ] || return 1
	grep -q "\"type\":\"state\",\"pid\":$child,.*\"to\":\"zombie\"" "$tmp/out"
}

for mode in netlink poll; do
	# Which source did procviz really use?  (It falls back to polling
	# when the connector is unavailable, e.g. without CAP_NET_ADMIN.)
	trial "$mode" 1 >/dev/null 2>&1
	src=$(sed -n 's/.*"event_source":"\([a-z]*\)".*/\1/p' "$tmp/out")
	counts=""
	best=""
	for l in $LIFETIMES; do
		n=0
		i=0
		while [ $i -lt "$TRIALS" ]; do
			trial "$mode" "$l" && n=$((n + 1))
			i=$((i + 1))
		done
		counts="$counts $l:$n"
		if [ $n -eq "$TRIALS" ] && [ -z "$best" ]; then
			best=$l
		elif [ $n -ne "$TRIALS" ]; then
			best=""	# reliable means every longer lifetime too
		fi
	done
	if [ -n "$best" ]; then
		fig="$best ms"
	else
		fig="none up to $l ms"
	fi
	echo "shortest zombie caught $TRIALS/$TRIALS ($mode, event source $src, interval 100 ms): $fig (target: 1 ms with netlink, <= interval polling)"
	echo "  caught per lifetime (ms:trials of $TRIALS):$counts"
done
