#!/bin/sh
# tests/bench/zombie_lifetime.sh - the shortest zombie lifetime procviz
# reliably catches, with ptrace (the default), the process connector
# (netlink) and polling only, at the default 100 ms interval; and with
# ptrace as an ordinary user (nobody) when run as root.
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

# trial MODE L: 0 if the child was seen as a zombie.  MODE: ptrace (the
# default), netlink (PROCVIZ_NO_PTRACE=1), poll (neither), nobody (ptrace,
# as the user nobody, from a copy it can read).
trial()
{
	case $1 in
	ptrace) set -- "$2" env ;;
	netlink) set -- "$2" env PROCVIZ_NO_PTRACE=1 ;;
	poll) set -- "$2" env PROCVIZ_NO_PTRACE=1 PROCVIZ_NO_NETLINK=1 ;;
	nobody) set -- "$2" $AS_NOBODY ;;
	esac
	l=$1
	shift
	(cd /tmp && "$@" "$PV" watch --headless --format json --interval 100 \
		-- "$ZP" "$l" >"$tmp/out" 2>"$tmp/err" </dev/null)
	child=$(sed -n 's/^child \([0-9]*\)$/\1/p' "$tmp/err")
	[ -n "$child" ] || return 1
	grep -q "\"type\":\"state\",\"pid\":$child,.*\"to\":\"zombie\"" "$tmp/out"
}

PV=$PROCVIZ
ZP=$HELPERS/zombie_parent
MODES="ptrace netlink poll"
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1 &&
	id nobody >/dev/null 2>&1; then
	# an ordinary user: nobody, from a copy it can read and write beside
	cp "$PROCVIZ" "$tmp/procviz"
	cp "$HELPERS/zombie_parent" "$tmp/zombie_parent"
	chmod -R a+rwX "$tmp"
	chmod 755 "$tmp"
	AS_NOBODY="setpriv --reuid=nobody --regid=$(id -gn nobody) --clear-groups"
	MODES="$MODES nobody"
fi

for mode in $MODES; do
	if [ "$mode" = nobody ]; then
		PV=$tmp/procviz ZP=$tmp/zombie_parent
	fi
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
	echo "shortest zombie caught $TRIALS/$TRIALS ($mode, event source $src, interval 100 ms): $fig (target: 1 ms with ptrace or netlink, <= interval polling)"
	echo "  caught per lifetime (ms:trials of $TRIALS):$counts"
done
