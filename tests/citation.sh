#!/bin/sh
# citation.sh -- the citation is the version that runs: CITATION.cff's
# version is configure's, the README quotes the manifest's reference,
# and a run's manifest says how to cite it.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later
srcdir=${srcdir:-.}
CAPSIM=${CAPSIM:-./capsim}
status=0
fail() { echo "citation: FAIL: $*"; status=1; }

version=$("$CAPSIM" --version | sed -n '1s/.* //p')
[ -n "$version" ] || { echo "citation: no version from $CAPSIM"; exit 1; }
cff=$(sed -n 's/^version: *//p' "$srcdir/CITATION.cff")
[ "$cff" = "$version" ] ||
    fail "CITATION.cff says version '$cff', capsim --version '$version'"
year=$(sed -n 's/^date-released: *\([0-9]\{4\}\).*/\1/p' "$srcdir/CITATION.cff")
[ -n "$year" ] || fail "CITATION.cff has no date-released"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/capsim-cite.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
"$CAPSIM" run "${CAPSIM_SCENARIOS:-$srcdir/scenarios}/quickstart.ini" \
    --trials 20 --no-plots --quiet --out "$tmp/r" ||
    { echo "citation: run failed"; exit 1; }
cite=$(sed -n 's/^cite = //p' "$tmp/r/manifest.ini")
case $cite in
*"($year)"*"version $version."*) ;;
*) fail "manifest.ini's cite does not name $year and version $version: '$cite'" ;;
esac
# The README quotes that reference, joined across its lines.
quoted=$(sed -n '/^## Citing capsim/,/^## /p' "$srcdir/README.md" |
         sed -n 's/^> //p' | tr '\n' ' ' | sed 's/ *$//')
[ "$quoted" = "$cite" ] ||
    fail "the README cites '$quoted', a run '$cite'"
exit $status
