#!/bin/sh
# cli-bases.sh -- scenario files that build on another, on the command
# line.
#
# A bad base (a cycle, a missing file, a folder, an unknown key in the
# base) makes `capsim run --out DIR` and `capsim validate` exit 2 with
# "capsim: FILE:LINE: ..." naming the line that wrote the problem (the
# `base =` line, or the key in the base), and run writes nothing: not
# even DIR is begun.  `capsim validate --expand` prints the scenario as
# assembled, naming the file and line of each key, and that text loads
# to the same scenario: a run of it writes the same CSV files, byte for
# byte, as a run of the file it came from.
# Exits 77 when the capsim binary is missing.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

test_name=cli-bases
. "${srcdir:-.}/tests/clilib.sh"

# refused NAME INPUT FILE LINE MESSAGE: run and validate of INPUT exit 2
# with stderr's first line "capsim: FILE:LINE: ...MESSAGE...", and run
# writes nothing.
refused() {
    name=$1 input=$2 want="capsim: $3:$4: " msg=$5
    for cmd in run validate expand; do
        case $cmd in
            run) run run "$input" --trials 10 --no-plots -q --out "$tmp/res" ;;
            validate) run validate "$input" ;;
            expand) run validate --expand "$input" ;;
        esac
        [ "$rc" -eq 2 ] || fail "$name: $cmd exited $rc, not 2"
        first=$(head -n 1 "$tmp/err")
        case $first in
            "$want"*"$msg"*) ;;
            *) fail "$name: $cmd said '$first', expected '$want...$msg...'" ;;
        esac
    done
    wrote_nothing "$name"
}

# A cycle: a.ini -> b.ini -> a.ini (named another way).
printf '[scenario]\nbase = b.ini\n' >"$tmp/a.ini"
printf '; b\n[scenario]\nbase = ./a.ini\n' >"$tmp/b.ini"
refused cycle "$tmp/a.ini" "$tmp/b.ini" 3 'a cycle'
# A missing base, and a folder as base, at the line that names them.
printf '[scenario]\nname = x\nbase = not-there.ini\n' >"$tmp/missing.ini"
refused missing "$tmp/missing.ini" "$tmp/missing.ini" 3 \
    'not-there.ini: cannot open'
mkdir "$tmp/folder"
printf '[scenario]\nbase = folder\n' >"$tmp/folder.ini"
refused folder "$tmp/folder.ini" "$tmp/folder.ini" 2 'not a regular file'
# An unknown key in the base: the base's file and line.
sed 's/^\[demand\]/[demand]\nbogus = 1/' "$scenarios/quickstart.ini" \
    >"$tmp/base.ini"
line=$(grep -n '^bogus = 1' "$tmp/base.ini" | cut -d: -f1)
mkdir "$tmp/sub"
printf '[scenario]\nbase = ../base.ini\ntrials = 20\n' >"$tmp/sub/top.ini"
refused unknown-in-base "$tmp/sub/top.ini" "$tmp/sub/../base.ini" "$line" \
    "unknown key 'bogus'"

# The shipped next round: valid, and expanded to a file that runs the
# same.
next=$scenarios/county-next-round.ini
run validate "$next"
[ "$rc" -eq 0 ] || { fail "county-next-round.ini: validate exited $rc"; show_err; }
run validate --expand "$next"
if [ "$rc" -ne 0 ]; then
    fail "--expand exited $rc"
    show_err
fi
cp "$tmp/out" "$tmp/expanded.ini"
grep -q '^base' "$tmp/expanded.ini" && fail "--expand kept the base key"
# Keys say where they were written: in the file, or in county.ini.
grep -q "^per_head = 840 *; $next:[0-9]" "$tmp/expanded.ini" ||
    fail "--expand: per_head = 840 not named at $next"
line=$(grep -n '^fixed_cost = 160e6' "$scenarios/county.ini" | cut -d: -f1)
grep -q "^fixed_cost = 160e6 *; $scenarios/county.ini:$line\$" \
    "$tmp/expanded.ini" ||
    fail "--expand: fixed_cost not named at county.ini:$line"
for f in "$next" "$tmp/expanded.ini"; do
    out=$tmp/run-${f##*/}
    run run "$f" --trials 20 --no-plots -q --out "$out"
    [ "$rc" -eq 0 ] || { fail "run ${f##*/} exited $rc"; show_err; }
done
for csv in "$tmp/run-county-next-round.ini"/*.csv; do
    name=${csv##*/}
    cmp -s "$csv" "$tmp/run-expanded.ini/$name" ||
        fail "the expanded scenario's $name differs from the original's"
done
[ -s "$tmp/run-county-next-round.ini/summary.csv" ] ||
    fail "no summary.csv to compare"

exit "$failed"
