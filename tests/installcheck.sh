#!/bin/sh
# installcheck.sh -- `make installcheck`: the installed capsim knows its
# own folders, its manual pages render, the documentation and the
# example scenarios with their data are installed, and an installed
# example runs from /.  Run by Makefile.am's installcheck-local with
# bindir, mandir, pkgdatadir, docdir and DESTDIR set; a tool it would
# use that is missing (mandoc or man) is skipped, unless CAPSIM_REQUIRE
# lists it.
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
for f in COPYING README.md scenario-format.md model.md outputs.md \
         contracts.md performance.md cluster.md install.md security.md \
         images/quickstart-risk-transfer.png; do
    [ -s "$D$docdir/$f" ] || fail "$docdir/$f not installed"
done
for f in quickstart.ini county.ini aco.ini case-management.ini \
         pooled_budget.ini sweep-capitation.ini system_risk_share.ini \
         uncertain-growth.ini data/county_practices.csv; do
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

[ "$status" -eq 0 ] && echo "installcheck: the installed capsim, its pages, docs and examples work"
exit $status
