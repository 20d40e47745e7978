#!/bin/sh
# cli-help.sh -- --version in the GNU form, each command's own --help on
# standard output, help that points to the manual pages and the
# installed folders, and a capsim(1) that lists every long option the
# help does (so the page cannot fall behind the command).
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

test_name=cli-help
. "${srcdir:-.}/tests/clilib.sh"
man1=${srcdir:-.}/docs/man/capsim.1

# --- --version ------------------------------------------------------
run --version
[ "$rc" -eq 0 ] || fail "--version exited $rc"
version=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' \
          "${top_builddir:-.}/config.h" 2>/dev/null)
[ -n "$version" ] || version=$(head -n 1 "$tmp/out" | sed 's/.* //')
head -n 5 "$tmp/out" >"$tmp/version"
cat >"$tmp/expected" <<END
capsim (capsim) $version
Copyright (C) 2026 the capsim authors
License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.
END
cmp -s "$tmp/expected" "$tmp/version" ||
    { fail "--version is not in the GNU form:"; sed 's/^/    /' "$tmp/out" >&2; }
# (A build with MPI adds one line saying so, and nothing else.)
extra=$(sed -n '6,$p' "$tmp/out")
[ -z "$extra" ] || [ "$extra" = "built with MPI" ] ||
    fail "--version prints more: '$extra'"
[ ! -s "$tmp/err" ] || fail "--version wrote to stderr"
grep -q "\"capsim $version\"" "$man1" ||
    fail "capsim.1's title line does not carry version $version"

# --- the overview --------------------------------------------------
run --help
[ "$rc" -eq 0 ] || fail "--help exited $rc"
grep -q "^Usage: capsim COMMAND" "$tmp/out" ||
    fail "--help prints no overview usage on stdout"
[ ! -s "$tmp/err" ] || fail "--help wrote to stderr"
cp "$tmp/out" "$tmp/overview"

# --- each command's help -------------------------------------------
# help_of COMMAND WORDS...: 'capsim COMMAND --help' (and with --help
# before the command) exits 0 with that command's usage and WORDS.
help_of() {
    cmd=$1
    shift
    for order in after before; do
        if [ "$order" = after ]; then
            run "$cmd" --help
        else
            run -h "$cmd"
        fi
        [ "$rc" -eq 0 ] || fail "$cmd --help ($order) exited $rc"
        [ ! -s "$tmp/err" ] || fail "$cmd --help ($order) wrote to stderr"
        grep -q "^Usage: capsim $cmd " "$tmp/out" ||
            fail "$cmd --help ($order) does not show '$cmd' usage"
    done
    cmp -s "$tmp/out" "$tmp/overview" &&
        fail "$cmd --help prints the overview"
    for w in "$@"; do
        grep -q -e "$w" "$tmp/out" || fail "$cmd --help does not mention $w"
    done
    grep -q "man 5 capsim-scenario" "$tmp/out" ||
        fail "$cmd --help does not point to man 5 capsim-scenario"
    grep -q "docs/scenario-format.md" "$tmp/out" &&
        fail "$cmd --help points to docs/scenario-format.md"
    cp "$tmp/out" "$tmp/help-$cmd"
}
help_of run --out --trials --seed --threads --engine --force --no-plots \
    --keep-trials --quiet quickstart.ini
help_of tornado --out --trials --seed --threads --engine --force \
    --no-plots --keep-trials --quiet tornado.csv
help_of plot "redraw\|Redraw" CAPSIM_PLOTS_DIR
help_of validate "without simulating"
grep -q -- "--trials" "$tmp/help-validate" &&
    fail "validate --help lists the options of a run"
# --help wins over a bad value on the same line.
run run --trials x --help
[ "$rc" -eq 0 ] || fail "run --trials x --help exited $rc"

# Help names the installed folders: the examples and the documentation.
grep -q "^Example scenarios: /.*/scenarios$" "$tmp/overview" ||
    fail "--help does not say where the example scenarios are"
grep -q "^Documentation: /" "$tmp/overview" ||
    fail "--help does not say where the documentation is"
grep -q "docs/scenario-format.md" "$tmp/overview" &&
    fail "--help points to docs/scenario-format.md"

# --- capsim(1) lists every long option -----------------------------
cat "$tmp"/overview "$tmp"/help-* | grep -o -e '--[a-z][a-z-]*' | sort -u \
    >"$tmp/options"
[ -s "$tmp/options" ] || fail "no long options found in --help"
while read -r o; do
    manname=$(printf '%s\n' "$o" | sed 's/-/\\\\-/g')
    grep -q -e "$manname" "$man1" || fail "capsim.1 does not describe $o"
done <"$tmp/options"
for c in run tornado plot validate; do
    grep -q "^\.BI $c " "$man1" || fail "capsim.1 does not describe $c"
done

if [ "$failed" -ne 0 ]; then
    echo "cli-help: failed"
    exit 1
fi
echo "cli-help: all checks passed"
exit 0
