#!/bin/sh
# cli-limits.sh -- limits checked when a scenario is loaded, before any
# work: each is refused by validate and by the command that would have
# hit it, with "capsim: FILE:LINE: ..." naming the key, exit 2 and no
# results folder.  Every case is refused before a simulation starts, so
# the test is quick.  Exits 77 when the capsim binary is missing.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

test_name=cli-limits
. "${srcdir:-.}/tests/clilib.sh"

# refused WHAT FILE LINE PATTERN COMMAND...: COMMAND (validate, run or
# tornado, with FILE) must exit 2 with the first line of stderr
# "capsim: FILE:LINE: " followed by text matching PATTERN (grep -E), and
# write nothing.
refused() {
    what=$1 file=$2 line=$3 pattern=$4
    shift 4
    rm -rf "$tmp/res"
    run "$@"
    [ "$rc" -eq 2 ] || { fail "$what: $1 exited $rc, not 2"; show_err; }
    first=$(head -n 1 "$tmp/err")
    case $first in
        "capsim: $file:$line: "*) ;;
        *) fail "$what: $1 said '$first', not 'capsim: $file:$line: ...'" ;;
    esac
    echo "$first" | grep -Eq -- "$pattern" ||
        fail "$what: $1 said '$first', expected /$pattern/"
    [ ! -e "$tmp/res" ] || fail "$what: $1 wrote a results folder"
    [ ! -s "$tmp/out" ] || fail "$what: $1 printed to stdout"
}

# line_of FILE TEXT: the number of the first line of FILE starting with TEXT.
line_of() {
    grep -n -F -- "$2" "$1" | head -n 1 | cut -d: -f1
}

# --- [sensitivity]: a key no section has, a value out of range -----
# validate used to accept both; tornado refused them only after its
# first simulation.
sens=$tmp/sensitivity.ini
sed 's/^party = acute.*/party = acute\
provider.acute.reservez = 1e6, 2e6/' \
    "$scenarios/uncertain-growth.ini" >"$sens"
l=$(line_of "$sens" "provider.acute.reservez")
[ -n "$l" ] || fail "uncertain-growth.ini has no [sensitivity] party line"
refused "unknown [sensitivity] key" "$sens" "$l" \
    "\[sensitivity\] provider.acute.reservez = 1e\+06 .*unknown key 'reservez'" \
    validate "$sens"
refused "unknown [sensitivity] key" "$sens" "$l" "unknown key 'reservez'" \
    tornado "$sens" --out "$tmp/res" -n 10

sens2=$tmp/sensitivity-range.ini
sed 's/^party = acute.*/party = acute\
demand.trend = 0.01, 1.5/' "$scenarios/uncertain-growth.ini" >"$sens2"
l=$(line_of "$sens2" "demand.trend = 0.01, 1.5")
refused "[sensitivity] end out of range" "$sens2" "$l" \
    "demand.trend = 1.5 \(the tornado's high end\).*trend" validate "$sens2"
refused "[sensitivity] end out of range" "$sens2" "$l" \
    "demand.trend = 1.5" tornado "$sens2" --out "$tmp/res" -n 10

# --- a population above 2^32-1 people --------------------------------
# Once a message about memory advising fewer trials, at the run.
pop=$tmp/population.ini
sed -e 's/^persons = .*/persons = 4000000000/' \
    -e 's/^growth = [0-9.]*/growth = 0.05/' \
    "$scenarios/quickstart.ini" >"$pop"
l=$(line_of "$pop" "persons = 4000000000")
refused "population above 2^32-1" "$pop" "$l" \
    "\[population\] persons = 4000000000: .*4294967295" validate "$pop"
refused "population above 2^32-1" "$pop" "$l" \
    "\[population\] persons = 4000000000: .*4294967295" \
    run "$pop" --out "$tmp/res" -n 2 --no-plots

# The same from a practices file: the practice that passes the limit.
mkdir "$tmp/data"
{
    echo "practice,locality,persons"
    echo "P1,north,2000000000"
    echo "P2,north,2000000000"
    echo "P3,south,300000000"
    echo "P4,south,5"
} >"$tmp/data/big.csv"
popf=$tmp/practices.ini
sed 's|^persons = .*|file = data/big.csv|' "$scenarios/quickstart.ini" >"$popf"
l=$(line_of "$popf" "file = data/big.csv")
refused "practices above 2^32-1" "$popf" "$l" \
    "\[population\] file = data/big.csv: .*4294967295.* practice P3" \
    validate "$popf"

# --- a sweep whose points do not fit in memory together ------------
# Each point keeps its trials' outcomes until the results are written:
# the whole sweep is checked before its first point runs.
sweep=$tmp/sweep.ini
sed 's/^trials = .*/trials = 1000000000/' \
    "$scenarios/sweep-capitation.ini" >"$sweep"
l=$(line_of "$sweep" "[sweep]")
refused "sweep beyond memory" "$sweep" "$l" \
    "\[sweep\]: the 11 points need about .* GiB .*fewer trials or fewer points" \
    validate "$sweep"
refused "sweep beyond memory" "$sweep" "$l" "\[sweep\]: the 11 points" \
    run "$sweep" --out "$tmp/res" --no-plots
# Trials such that one point takes a quarter of the memory available:
# each point fits alone, the 11 together do not (the case that used to
# run points until the memory ran out).
kib=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo 2>/dev/null)
if [ -n "$kib" ]; then
    # 288 bytes per trial and point in this scenario (2 options, 3
    # parties, 3 years: 18 cells of 16 bytes).
    trials=$(awk -v k="$kib" 'BEGIN { printf "%.0f", k * 1024 / 4 / 288 }')
    run run "$sweep" --out "$tmp/res" --no-plots -n "$trials" -q
    [ "$rc" -eq 2 ] || { fail "sweep of 11 points each a quarter of memory: exit $rc"; show_err; }
    grep -q "^capsim: $sweep:$l: \[sweep\]: the 11 points" "$tmp/err" ||
        { fail "sweep of 11 quarter-memory points: unexpected message"; show_err; }
    [ ! -e "$tmp/res" ] || fail "the sweep beyond memory wrote a folder"
fi

# --- an intervention starting after the horizon by default ----------
# Targeting by last year's cost starts in year 2 by default; a 1-year
# horizon once crashed the loader (a fuzzing finding).
cm=$tmp/case-management.ini
sed -e 's/^years = .*/years = 1/' -e '/^start_year/d' \
    -e 's/^file = .*/persons = 600000/' \
    "$scenarios/case-management.ini" >"$cm"
l=$(line_of "$cm" "[intervention.")
refused "default start after the horizon" "$cm" "$l" \
    "starts in year 2 by default, after the horizon \(1 year\)" \
    validate "$cm"

exit $failed
