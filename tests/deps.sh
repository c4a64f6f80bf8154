#!/bin/sh
# tests/deps.sh [--test] - install what procviz needs on Debian 12, if it
# is missing.  With --test (make test, make asan), also what the tests of
# the Debian package, the man page, the shell completion and the web page
# (a headless browser: Debian's chromium) use.
#
# As root it runs apt-get (after apt-get update); otherwise it prints the
# exact command and fails, so "make run" / "make test" never half-build.
PKGS="build-essential pkg-config libncurses-dev libproc2-dev libyaml-dev libcmocka-dev tmux python3 valgrind gettext locales"
TEST_PKGS="dpkg-dev debhelper lintian bash-completion zsh man-db groff-base chromium"
[ "$1" = --test ] && PKGS="$PKGS $TEST_PKGS"
missing=""
have() { command -v "$1" >/dev/null 2>&1; }
pc() { have pkg-config && pkg-config --exists "$1"; }

have cc || missing="$missing build-essential"
have pkg-config || missing="$missing pkg-config"
pc ncursesw || missing="$missing libncurses-dev"
pc libproc2 || missing="$missing libproc2-dev"
pc cmocka || missing="$missing libcmocka-dev"
pc yaml-0.1 || missing="$missing libyaml-dev"
have tmux || missing="$missing tmux"
have python3 || missing="$missing python3"
have valgrind || missing="$missing valgrind"
have msgfmt || missing="$missing gettext"
have localedef || missing="$missing locales"
if [ "$1" = --test ]; then
	have dpkg-buildpackage || missing="$missing dpkg-dev"
	have dh || missing="$missing debhelper"
	have lintian || missing="$missing lintian"
	[ -f /usr/share/bash-completion/bash_completion ] ||
		missing="$missing bash-completion"
	have zsh || missing="$missing zsh"
	have man && have lexgrog || missing="$missing man-db"
	have groff || missing="$missing groff-base"
	have chromium || have chromium-headless-shell ||
		missing="$missing chromium"
fi
# The Chinese tests need the zh_CN.UTF-8 locale; only root can make it.
zh_locale() {
	locale -a 2>/dev/null | grep -qix 'zh_CN.utf8' && return 0
	[ "$(id -u)" -eq 0 ] && have localedef || return 0
	localedef -i zh_CN -f UTF-8 zh_CN.UTF-8 >&2 ||
		echo "procviz: could not generate zh_CN.UTF-8 (Chinese tests will skip)" >&2
	return 0
}
if [ -z "$missing" ]; then
	zh_locale
	exit 0
fi

echo "procviz: missing packages:$missing" >&2
if [ "$(id -u)" -eq 0 ] && have apt-get; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2 &&
		apt-get install -y -qq --no-install-recommends $missing >&2 &&
		zh_locale && exit 0
	echo "procviz: apt-get failed; install by hand: apt-get install $PKGS" >&2
	exit 1
fi
echo "procviz: run as root:  apt-get update && apt-get install -y $PKGS" >&2
exit 1
