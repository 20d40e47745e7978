#!/bin/sh
# installcheck.sh -- `make installcheck`: the installed capsim knows its
# own folders, its manual pages render, the documentation and the
# example scenarios with their data are installed, an installed
# example runs from /, and a C and a C++ program of one's own build on
# the installed headers and library with pkg-config's flags and run it.
# Run by Makefile.am's installcheck-local with bindir, mandir,
# pkgdatadir, docdir, libdir, capsimincludedir, PKG_CONFIG, CC and
# DESTDIR set; a tool it would use that is missing (mandoc, man,
# pkg-config, a C++ compiler: CXX, else g++ or c++) is skipped, unless
# CAPSIM_REQUIRE lists it (mandoc, man, pkg-config, c++).
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later
status=0
fail() { echo "installcheck: FAIL: $*" >&2; status=1; }
D=${DESTDIR:-}
capsim=$D$bindir/capsim
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
required() { case " ${CAPSIM_REQUIRE:-} " in *" $1 "*) return 0 ;; esac
             return 1; }

[ -x "$capsim" ] || { echo "installcheck: FAIL: no $capsim" >&2; exit 1; }
"$capsim" --version >"$tmp/out" 2>&1 || fail "capsim --version failed"
grep -q "^License GPLv3+" "$tmp/out" || fail "--version has no licence line"

# The folders the command names are those it was installed in.
"$capsim" --help >"$tmp/help" 2>&1 || fail "capsim --help failed"
grep -qx "Example scenarios: $pkgdatadir/scenarios" "$tmp/help" ||
    fail "--help does not name $pkgdatadir/scenarios"
grep -qx "Documentation: $docdir" "$tmp/help" ||
    fail "--help does not name $docdir"

# The documentation, the licence and the examples with their data.
for f in COPYING CITATION.cff README.md scenario-format.md model.md \
         outputs.md contracts.md performance.md cluster.md install.md \
         security.md architecture.md decision.md \
         images/quickstart-risk-transfer.png; do
    [ -s "$D$docdir/$f" ] || fail "$docdir/$f not installed"
done
for f in quickstart.ini county.ini aco.ini case-management.ini \
         pooled_budget.ini sweep-capitation.ini system_risk_share.ini \
         uncertain-growth.ini county-next-round.ini \
         data/county_practices.csv; do
    [ -s "$D$pkgdatadir/scenarios/$f" ] ||
        fail "$pkgdatadir/scenarios/$f not installed"
done
[ -s "$D$pkgdatadir/plots/risk_transfer.gp" ] ||
    fail "the chart templates are not installed"

# The manual pages render: with mandoc, and with man from the installed
# manual folder ('man -M', so no MANPATH or cache matters).
for page in man1/capsim.1 man5/capsim-scenario.5; do
    [ -s "$D$mandir/$page" ] || fail "$mandir/$page not installed"
done
if command -v mandoc >/dev/null 2>&1; then
    mandoc -Tascii "$D$mandir/man1/capsim.1" | grep -q "capsim tornado" ||
        fail "mandoc does not render capsim(1)"
    mandoc -Tascii "$D$mandir/man5/capsim-scenario.5" |
        grep -q "risk_share" || fail "mandoc does not render capsim-scenario(5)"
elif required mandoc; then
    fail "mandoc not found"
fi
if command -v man >/dev/null 2>&1; then
    MANPAGER=cat PAGER=cat MANWIDTH=80 man -M "$D$mandir" capsim \
        >"$tmp/man1" 2>"$tmp/manerr"
    grep -q "capsim tornado" "$tmp/man1" ||
        fail "man -M $mandir capsim does not show the page: $(cat "$tmp/manerr")"
    MANPAGER=cat PAGER=cat MANWIDTH=80 man -M "$D$mandir" 5 \
        capsim-scenario >"$tmp/man5" 2>"$tmp/manerr"
    grep -q "risk_share" "$tmp/man5" ||
        fail "man -M $mandir 5 capsim-scenario does not show the page: $(cat "$tmp/manerr")"
elif required man; then
    fail "man not found"
fi

# An installed example runs from /, its data found beside it; the
# templates are the installed ones (under DESTDIR, named so).
unset CAPSIM_PLOTS_DIR
[ -n "$D" ] && CAPSIM_PLOTS_DIR=$D$pkgdatadir/plots && export CAPSIM_PLOTS_DIR
if (cd / && "$capsim" run "$D$pkgdatadir/scenarios/quickstart.ini" \
        --trials 20 --quiet --out "$tmp/quickstart") 2>"$tmp/err"; then
    [ -s "$tmp/quickstart/summary.csv" ] ||
        fail "the installed quickstart wrote no summary.csv"
    if command -v gnuplot >/dev/null 2>&1; then
        [ -s "$tmp/quickstart/plots/risk_transfer.svg" ] ||
            fail "the installed quickstart drew no charts"
    fi
else
    fail "the installed quickstart does not run from /: $(cat "$tmp/err")"
fi
(cd / && "$capsim" validate "$D$pkgdatadir/scenarios/county.ini") \
    >/dev/null 2>"$tmp/err" ||
    fail "the installed county.ini does not find its data: $(cat "$tmp/err")"

# The library serves a program of one's own.  Under DESTDIR pkg-config
# reads the staged capsim.pc and puts DESTDIR before its folders
# (PKG_CONFIG_SYSROOT_DIR), and the staged library is found through
# LD_LIBRARY_PATH.
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
CC=${CC:-cc}
if [ -z "${CXX:-}" ]; then
    for c in g++ c++; do
        command -v "$c" >/dev/null 2>&1 && CXX=$c && break
    done
fi
client=$srcdir/tests/client
pc() {
    PKG_CONFIG_PATH=$D$libdir/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH} \
        PKG_CONFIG_SYSROOT_DIR=$D "$PKG_CONFIG" "$@" capsim
}
# build COMPILER STANDARD ARGS...: compile strictly with pkg-config's
# flags; the compiler's complaint is left in $tmp/err.
build() {
    compiler=$1 std=$2
    shift 2
    $compiler -std="$std" -pedantic -Wall -Wextra -Werror $cflags "$@" \
        2>"$tmp/err"
}
# program LANGUAGE COMPILER STANDARD SOURCE: build tests/client/SOURCE,
# run it on the installed quickstart from /, its output in
# $tmp/LANGUAGE.csv.
program() {
    build "$2" "$3" "$client/$4" -o "$tmp/$1.run" $libs || {
        fail "a $1 program does not build with pkg-config's flags: $(cat "$tmp/err")"
        return 1; }
    (cd / && "$tmp/$1.run" "$scenario") >"$tmp/$1.csv" 2>"$tmp/err" || {
        fail "the $1 program does not run: $(cat "$tmp/err")"
        return 1; }
    grep -q '^[^,]*,system,' "$tmp/$1.csv" || {
        fail "the $1 program printed no system row"
        return 1; }
}
if ! command -v "$PKG_CONFIG" >/dev/null 2>&1; then
    required pkg-config && fail "pkg-config not found"
elif ! cflags=$(pc --cflags) || ! libs=$(pc --libs); then
    fail "pkg-config does not find the installed capsim.pc"
else
    LD_LIBRARY_PATH=$D$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
    export LD_LIBRARY_PATH
    scenario=$D$pkgdatadir/scenarios/quickstart.ini
    # Each installed header compiles alone, so it includes only
    # installed headers, in C and in C++.
    for h in "$D$capsimincludedir"/*.h; do
        printf '#include <capsim/%s>\nint capsim_alone;\n' "${h##*/}" \
            >"$tmp/alone.c"
        cp "$tmp/alone.c" "$tmp/alone.cc"
        build "$CC" c99 -c "$tmp/alone.c" -o "$tmp/alone.o" ||
            fail "capsim/${h##*/} does not compile alone in C: $(cat "$tmp/err")"
        [ -z "$CXX" ] ||
            build "$CXX" c++11 -c "$tmp/alone.cc" -o "$tmp/alone.o" ||
            fail "capsim/${h##*/} does not compile alone in C++: $(cat "$tmp/err")"
    done
    # A C program loads the example, runs 20 trials and prints the
    # means; the same in C++ (the headers are extern "C") agrees.
    program C "$CC" c99 run.c
    if [ -z "$CXX" ]; then
        required c++ && fail "no C++ compiler (g++ or c++) found"
    elif program C++ "$CXX" c++11 run.cc; then
        cmp -s "$tmp/C.csv" "$tmp/C++.csv" ||
            fail "the C and C++ programs disagree"
    fi
fi

[ "$status" -eq 0 ] && echo "installcheck: the installed capsim, its pages, docs, examples and library work"
exit $status
