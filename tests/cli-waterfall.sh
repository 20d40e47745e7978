#!/bin/sh
# cli-waterfall.sh -- capsim run writes waterfall.csv for a run of one
# point over more than a year: for every option, party and measure the
# year-1 amount, a part per cause and the last year's amount, with year
# 1 plus the parts equal to the last year to the cent; its charts are
# listed; the same bytes on 1 and 2 threads; no waterfall for one year
# or with --no-waterfall.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later
test -x "$CAPSIM" || exit 77
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
scenario="$CAPSIM_SCENARIOS/quickstart.ini"
status=0
fail() { echo "FAIL: $*"; status=1; }

for t in 1 2; do
    "$CAPSIM" run "$scenario" --trials 60 --threads "$t" --no-plots \
        --quiet --out "$tmp/run$t" || { echo "run ($t threads) failed"; exit 1; }
done
csv="$tmp/run1/waterfall.csv"
test -f "$csv" || { echo "FAIL: no waterfall.csv"; exit 1; }
head -n 1 "$csv" | grep -qx 'point,option,party,measure,step,cause,label,amount' ||
    fail "waterfall.csv header: $(head -n 1 "$csv")"
grep -q '^waterfall.csv = ' "$tmp/run1/manifest.ini" ||
    fail "waterfall.csv is not in the manifest"
cmp -s "$csv" "$tmp/run2/waterfall.csv" ||
    fail "waterfall.csv differs between 1 and 2 threads"

# Per option, party and measure: 10 rows, start + parts = end in cents.
awk -F, 'NR > 1 {
    key = $2 "," $3 "," $4
    c = $8 * 100; c = c < 0 ? int(c - 0.5) : int(c + 0.5)
    if ($6 == "start") { start[key] = c; n[key]++ }
    else if ($6 == "end") { end[key] = c; n[key]++ }
    else { sum[key] += c; n[key]++ }
}
END {
    bad = 0; keys = 0
    for (k in n) {
        keys++
        if (n[k] != 10) { print "FAIL: " k " has " n[k] " rows"; bad = 1 }
        if (start[k] + sum[k] != end[k]) {
            print "FAIL: " k ": " start[k] " + " sum[k] " != " end[k]; bad = 1
        }
    }
    if (keys == 0) { print "FAIL: no rows"; bad = 1 }
    else print "ok: " keys " waterfalls add up to the cent"
    exit bad
}' "$csv" || status=1
# The quickstart has no interventions and no behaviour: parts of 0.
if awk -F, '($6 == "interventions" || $6 == "behaviour") && $8 != 0' \
        "$csv" | grep -q .; then
    fail "a cause the scenario lacks has a part"
fi

# The charts: one per party, listed with a caption.
if command -v gnuplot >/dev/null 2>&1; then
    "$CAPSIM" run "$scenario" --trials 30 --quiet --out "$tmp/plots" ||
        { echo "run with charts failed"; exit 1; }
    for p in commissioner acute system; do
        test -f "$tmp/plots/plots/waterfall_$p.png" ||
            fail "no waterfall chart for $p"
        grep -q "^waterfall_$p,waterfall.gp,\"Under " \
            "$tmp/plots/plots/charts.csv" || fail "waterfall_$p not listed"
    done
    grep -q '<h2>Why spending grows</h2>' "$tmp/plots/report.html" ||
        fail "the report has no waterfall section"
fi

# --no-waterfall: none.
"$CAPSIM" run "$scenario" --trials 20 --no-plots --quiet --no-waterfall \
    --out "$tmp/none" || { echo "run with --no-waterfall failed"; exit 1; }
test ! -e "$tmp/none/waterfall.csv" || fail "--no-waterfall wrote one"

# One year: nothing grows, no waterfall.
sed 's/^years = 3 .*/years = 1/' "$scenario" >"$tmp/one.ini"
"$CAPSIM" run "$tmp/one.ini" --trials 20 --no-plots --quiet \
    --out "$tmp/one" || { echo "one-year run failed"; exit 1; }
test ! -e "$tmp/one/waterfall.csv" || fail "a one-year run has a waterfall"
exit $status
