#!/bin/sh
# cli-compare.sh -- capsim compare: two scenario files, a scenario and a
# run's results folder, refusals of bad input (exit 2, nothing written),
# comparison.csv's differences (second minus first), and common random
# numbers: on county.ini against a copy whose contract terms alone
# differ, the paired standard error of a difference is at least 5 times
# smaller than the independent one.  Exits 77 when the capsim binary is
# missing.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

test_name=cli-compare
. "${srcdir:-.}/tests/clilib.sh"

county=$(cd "$scenarios" && pwd)/county.ini
cd "$tmp" || exit 1
cp -r "$(dirname "$county")/data" "$tmp/data" || exit 1
# The variant: the acute risk share's target lowered, and its own name.
sed -e 's/^target = 496e6/target = 490e6/' -e 's/^name = county/name = next/' \
    "$county" >"$tmp/next.ini"
grep -q '^target = 490e6' "$tmp/next.ini" || fail "the variant was not made"
cp "$county" "$tmp/county.ini"

# csv_field FILE SCENARIO OPTION PARTY PERIOD METRIC COLUMN: one value.
csv_field() {
    awk -F, -v s="$2" -v o="$3" -v p="$4" -v per="$5" -v m="$6" -v col="$7" '
        NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        $1 == s && $4 == o && $6 == p && $9 == per && $10 == m \
            { print $(c[col]); exit }' "$1"
}

# 1. Two scenario files.
run compare county.ini next.ini --trials 200 --no-plots -q --out cmp
[ "$rc" -eq 0 ] || { fail "compare of two files: exit $rc"; show_err; }
csv=cmp/comparison.csv
[ -f "$csv" ] || fail "no comparison.csv"
[ -f cmp/manifest.ini ] && [ -f cmp/report.html ] ||
    fail "no manifest.ini or report.html"
grep -q '^comparison.csv = [0-9a-f]\{64\}$' cmp/manifest.ini ||
    fail "the manifest has no checksum of comparison.csv"
[ "$(grep -c '^role = scenario$' cmp/manifest.ini)" -eq 2 ] ||
    fail "the manifest does not record both scenario files as inputs"
[ "$(grep -c '^sha256 = [0-9a-f]\{64\}$' cmp/manifest.ini)" -ge 3 ] ||
    fail "the manifest records no checksum of each input"
cmp -s county.ini cmp/inputs/county.ini && cmp -s next.ini cmp/inputs/next.ini ||
    fail "inputs/ does not hold the scenario files as read"
grep -q '^report.html = [0-9a-f]\{64\}$' cmp/manifest.ini ||
    fail "the manifest has no checksum of report.html"
run verify cmp
[ "$rc" -eq 0 ] || { fail "verify of a comparison's folder: exit $rc"; show_err; }
# Common random numbers: paired, and far more precise.
pairing=$(csv_field "$csv" 2 acute_risk_share acute horizon expected_net pairing)
common=$(csv_field "$csv" 2 acute_risk_share acute horizon expected_net common_draws)
[ "$pairing" = paired ] && [ "$common" = yes ] ||
    fail "county against its copy is not on common random numbers ($pairing, $common)"
se=$(csv_field "$csv" 2 acute_risk_share acute horizon expected_net diff_mcse)
se_ind=$(csv_field "$csv" 2 acute_risk_share acute horizon expected_net diff_mcse_independent)
awk -v a="$se" -v b="$se_ind" 'BEGIN { exit !(a != "" && b > 0 && 5 * a <= b) }' ||
    fail "paired se $se is not 5 times below the independent $se_ind"
# Every difference is the second scenario's value minus the first's.
bad=$(awk -F, 'NR > 1 {
        key = $4 "," $6 "," $8 "," $9 "," $10
        if ($1 == 1) v[key] = $11
        else if ($13 != "") {
            d = $11 - v[key]; tol = 1e-6 * (1 + (d < 0 ? -d : d))
            if ($13 - d > tol || d - $13 > tol) { print key; n++ }
            rows++
        }
    } END { if (rows == 0) print "no difference rows"; }' "$csv")
[ -z "$bad" ] || fail "differences that are not second minus first: $bad"
grep -q 'next,' "$csv" || fail "the second scenario's rows are missing"

# The shipped variant, built on county.ini with [scenario] base: its
# keys side by side in the report, on common random numbers, and a
# difference its terms make the same in every trial (capitation's
# year-1 price) known exactly.
shipped_dir=$(dirname "$county")
run compare "$shipped_dir/county.ini" "$shipped_dir/county-next-round.ini" \
    --trials 40 --no-plots -q --out shipped
[ "$rc" -eq 0 ] || { fail "compare of the shipped files: exit $rc"; show_err; }
csv=shipped/comparison.csv
[ "$(csv_field "$csv" 2 capitation acute annual expected_net common_draws)" = yes ] ||
    fail "county-next-round is not on county's common random numbers"
grep -q 'inputs/county.ini = ' shipped/manifest.ini ||
    fail "the base county.ini is not kept in the comparison's inputs/"
grep -q 'per_head' shipped/report.html ||
    fail "the report does not show the keys that changed"
# Year 1 is the first annual row: 602,000 people at 840 against 830 a
# head is 6,020,000 more to the acute trust, with no error at all.
d=$(csv_field "$csv" 2 capitation acute annual expected_net diff)
se=$(csv_field "$csv" 2 capitation acute annual expected_net diff_mcse)
awk -v d="$d" -v se="$se" 'BEGIN { exit !(d > 6019999.99 && d < 6020000.01 && se == 0) }' ||
    fail "capitation's year-1 difference to the acute trust is $d +- $se, not 6020000 +- 0"

# The charts, where gnuplot is at hand: one per party and figure, the
# risk by scenario and the chosen option's spread, each listed with its
# caption, and the report showing them.
if command -v "${CAPSIM_GNUPLOT:-gnuplot}" >/dev/null 2>&1; then
    run compare county.ini next.ini --trials 50 -q --out charts \
        --option capitation
    [ "$rc" -eq 0 ] || { fail "compare with charts: exit $rc"; show_err; }
    for chart in compare_net_acute compare_deficit_commissioner \
                 compare_risk compare_spread_acute; do
        [ -s "charts/plots/$chart.png" ] && [ -s "charts/plots/$chart.svg" ] ||
            fail "no chart $chart"
        grep -q "^$chart," charts/plots/charts.csv ||
            fail "$chart is not in charts.csv"
        grep -q "^plots/$chart.png = " charts/manifest.ini ||
            fail "$chart has no checksum in the manifest"
    done
    grep -q 'What changed between the files' charts/report.html &&
        grep -q 'acute_share' charts/report.html &&
        grep -q 'data:image/svg' charts/report.html ||
        fail "the report lacks the keys that changed or the charts"
fi

# 2. A scenario against a run's results folder: paired with its trials,
# independent (and said so) without them.
run run county.ini --trials 60 --keep-trials --no-plots -q --out kept
[ "$rc" -eq 0 ] || { fail "run --keep-trials: exit $rc"; show_err; }
run compare kept next.ini --trials 60 --no-plots -q --out cmp2
[ "$rc" -eq 0 ] || { fail "compare of a folder and a file: exit $rc"; show_err; }
[ "$(csv_field cmp2/comparison.csv 2 acute_risk_share acute horizon expected_net pairing)" = paired ] ||
    fail "a folder with trials.csv against a file is not paired"
run run county.ini --trials 60 --no-plots -q --out plain
run compare plain next.ini --trials 60 --no-plots --out cmp3
[ "$rc" -eq 0 ] || { fail "compare of a plain folder: exit $rc"; show_err; }
[ "$(csv_field cmp3/comparison.csv 2 acute_risk_share acute horizon expected_net pairing)" = independent ] ||
    fail "a folder without trials.csv is not compared independently"
grep -q 'unpaired' "$tmp/out" || fail "the terminal does not say it is unpaired"

# 3. Bad input: exit 2, a FILE:LINE message, nothing run or written.
refused() {
    what=$1 want=$2
    shift 2
    run compare "$@" --trials 20 --no-plots -q --out bad
    [ "$rc" -eq 2 ] || { fail "$what: exit $rc, not 2"; show_err; }
    grep -q -- "$want" "$tmp/err" ||
        { fail "$what: no '$want' in the message"; show_err; }
    [ -e bad ] && fail "$what: the folder was written"
    ls -a "$tmp" | grep -q '\.tmp-' && fail "$what: a temporary folder was left"
    rm -rf bad
    return 0
}
refused "one operand" "at least two" county.ini
refused "a missing file" "missing.ini" county.ini missing.ini
refused "a sweep" "sweep-capitation.ini:[0-9]" county.ini \
    "$(dirname "$county")/sweep-capitation.ini"
refused "an unknown option" "no option of that name" county.ini next.ini \
    --option nosuch
mkdir empty
refused "a folder that is no run's" "manifest.ini" county.ini empty

exit $failed
