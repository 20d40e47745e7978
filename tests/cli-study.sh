#!/bin/sh
# cli-study.sh -- end-to-end test of sweeps, uncertain inputs and
# tornadoes: the tables they add, the point column, the charts (drawn by
# gnuplot without a warning), and errors at the sweep's line.  Exits 77
# when the capsim binary is missing.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

test_name=cli-study
. "${srcdir:-.}/tests/clilib.sh"
# Every failure here shows the stderr of the command that failed.
fail() {
    echo "$test_name: FAIL: $*" >&2
    show_err
    failed=1
}
have_gnuplot=0
command -v "${CAPSIM_GNUPLOT:-gnuplot}" >/dev/null 2>&1 && have_gnuplot=1

# A small copy of the quickstart scenario with extra sections.
small() {
    sed -e 's/^persons = 30000/persons = 3000/' \
        -e 's/^budget = 21.6e6/budget = 2.16e6/' \
        -e 's/^fixed_cost = 8.2e6/fixed_cost = 8.2e5/' \
        "$scenarios/quickstart.ini" >"$tmp/$1.ini"
    cat >>"$tmp/$1.ini"
}

# A one-key sweep of 3 points.
small sweep1 <<'INI'
[sweep]
contract.acute_cap.per_head = 600, 700, 800
INI
"$CAPSIM" run "$tmp/sweep1.ini" -n 40 -q -o "$tmp/s1" 2>"$tmp/err" \
    || fail "one-key sweep exited $?"
[ "$(cat "$tmp/s1/points.csv")" = "point,contract.acute_cap.per_head
0,600
1,700
2,800" ] || fail "points.csv: $(cat "$tmp/s1/points.csv")"
points=$(cut -d, -f1 "$tmp/s1/summary.csv" | sort -u | tr '\n' ' ')
[ "$points" = "0 1 2 point " ] || fail "summary.csv points: $points"
points=$(cut -d, -f1 "$tmp/s1/risk_transfer.csv" | sort -u | tr '\n' ' ')
[ "$points" = "0 1 2 point " ] || fail "risk_transfer.csv points: $points"
# The block option does not depend on the swept price: identical rows.
for p in 1 2; do
    a=$(grep "^0,block," "$tmp/s1/summary.csv" | cut -d, -f2-)
    b=$(grep "^$p,block," "$tmp/s1/summary.csv" | cut -d, -f2-)
    [ "$a" = "$b" ] || fail "block option differs between points 0 and $p"
done
if [ $have_gnuplot = 1 ]; then
    for f in sweep_net_acute.png sweep_net_commissioner.svg sweep.csv; do
        [ -s "$tmp/s1/plots/$f" ] || fail "sweep chart $f missing"
    done
    grep -q "sweep_net_acute.svg" "$tmp/s1/report.html" \
        || fail "report.html lacks the sweep chart"
    grep -q "breaks even" "$tmp/s1/report.html" \
        || fail "report.html lacks the break-even summary"
fi
grep -i "warning" "$tmp/err" && fail "gnuplot or capsim warned"

# capsim plot redraws the same images from the saved chart data, and an
# edited template changes them.
if [ $have_gnuplot = 1 ]; then
    mkdir "$tmp/before"
    cp "$tmp/s1/plots/"*.png "$tmp/s1/plots/"*.svg "$tmp/before/"
    "$CAPSIM" plot "$tmp/s1" >"$tmp/out" 2>"$tmp/err" \
        || fail "capsim plot exited $?"
    grep -q "2 charts redrawn" "$tmp/out" || fail "plot: $(cat "$tmp/out")"
    for f in "$tmp/before/"*; do
        cmp -s "$f" "$tmp/s1/plots/${f##*/}" \
            || fail "capsim plot changed ${f##*/}"
    done
    grep -i "warning" "$tmp/err" && fail "capsim plot warned"
    mkdir "$tmp/templates"
    cp "${CAPSIM_PLOTS_DIR:-${srcdir:-.}/plots}/"*.gp "$tmp/templates/"
    sed -i 's/^set ylabel .*/set ylabel "edited"/' "$tmp/templates/sweep.gp"
    CAPSIM_PLOTS_DIR="$tmp/templates" "$CAPSIM" plot "$tmp/s1" \
        >/dev/null 2>"$tmp/err" || fail "plot with edited templates"
    grep -q "edited" "$tmp/s1/plots/sweep_net_acute.svg" \
        || fail "the edited template was not used"
fi
"$CAPSIM" plot "$tmp" >/dev/null 2>"$tmp/err"
rc=$?
if [ $have_gnuplot = 1 ]; then
    [ $rc -eq 2 ] || fail "capsim plot on a non-results folder exited $rc"
    grep -q "charts.csv" "$tmp/err" || fail "plot error does not say why"
fi

# A two-key grid: 2 x 2 points and a heat map per option and party.
small sweep2 <<'INI'
[sweep]
contract.acute_cap.per_head = 600, 800
commissioner.budget = 2e6, 2.4e6
INI
"$CAPSIM" run "$tmp/sweep2.ini" -n 30 -q -o "$tmp/s2" 2>"$tmp/err" \
    || fail "two-key sweep exited $?"
[ "$(wc -l <"$tmp/s2/points.csv")" -eq 5 ] || fail "grid points.csv"
if [ $have_gnuplot = 1 ]; then
    [ -s "$tmp/s2/plots/heatmap_capitation_acute.png" ] \
        || fail "heat map missing"
fi
grep -i "warning" "$tmp/err" && fail "gnuplot or capsim warned (heat map)"

# A sweep value the key cannot take: exit 2 at the sweep's line, and no
# results folder.
small bad <<'INI'
[sweep]
contract.acute_cap.per_head = -1, 700
INI
line=$(grep -n "per_head = -1" "$tmp/bad.ini" | cut -d: -f1)
"$CAPSIM" run "$tmp/bad.ini" -n 10 -q -o "$tmp/bad" 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] || fail "bad sweep value exited $rc, not 2"
grep -q "bad.ini:$line: .*per_head" "$tmp/err" \
    || fail "bad sweep value not reported at line $line"
[ -e "$tmp/bad" ] && fail "a results folder was written for bad input"

# A tornado on the uncertain-growth scenario, with the draws kept.
"$CAPSIM" tornado "$scenarios/uncertain-growth.ini" -n 30 -q --keep-trials \
    -o "$tmp/t" 2>"$tmp/err" || fail "tornado exited $?"
[ "$(head -1 "$tmp/t/inputs.csv")" = "point,trial,population.growth,demand.trend,demand.shock_sd,service.nonelective.unit_cost" ] \
    || fail "inputs.csv header: $(head -1 "$tmp/t/inputs.csv")"
[ "$(wc -l <"$tmp/t/inputs.csv")" -eq 31 ] || fail "inputs.csv rows"
[ "$(head -1 "$tmp/t/tornado.csv")" = "point,option,party,metric,input,low_value,high_value,mid,at_low,at_high,swing,swing_se" ] \
    || fail "tornado.csv header"
# 3 options x (2 payers x 2 metrics ... ): every input appears.
for input in population.growth demand.trend demand.shock_sd \
             service.nonelective.unit_cost; do
    grep -q "^0,capitation,acute,mean_net,$input," "$tmp/t/tornado.csv" \
        || fail "tornado.csv lacks $input"
    grep -q "^0,capitation,acute,$input," "$tmp/t/importance.csv" \
        || fail "importance.csv lacks $input"
done
# A fixed payment leaves the trust all the cost risk at both ends: a
# share of 1 and a swing of exactly 0, not rounding noise.
grep -q "^0,capitation,acute,cost_risk_share,demand.trend,[^,]*,[^,]*,1,1,1,0,0$" \
    "$tmp/t/tornado.csv" || fail "tornado.csv: capitation's share swings"
if [ $have_gnuplot = 1 ]; then
    [ -s "$tmp/t/plots/tornado_capitation.svg" ] || fail "tornado chart"
    grep -q "tornado_capitation.svg" "$tmp/t/report.html" \
        || fail "report.html lacks the tornado chart"
fi
grep -i "warning" "$tmp/err" && fail "gnuplot or capsim warned (tornado)"

# Interventions: interventions.csv with the counterfactual's measures,
# each party's net return, and the "who gains" chart in the report.
small interventions <<'INI'
[intervention.cm]
type = case_management
services = nonelective
fraction = 0.05
effect = 0.2
cost_per_enrolee = 500
paid_by.capitation = acute
[intervention.qipp]
type = demand_reduction
services = elective
cut = 0.1
delivery = 0.5
INI
"$CAPSIM" run "$tmp/interventions.ini" -n 30 -o "$tmp/iv" 2>"$tmp/err" \
    || fail "run with interventions exited $?"
head -n 1 "$tmp/iv/interventions.csv" | grep -qx \
    "point,intervention,type,option,party,measure,mean,se,p5,p95" \
    || fail "interventions.csv header"
for m in true_saving naive_saving regression_to_mean net_return \
         planned_saving shortfall shortfall_cost; do
    grep -q ",$m," "$tmp/iv/interventions.csv" \
        || fail "interventions.csv lacks $m"
done
# A net return per intervention, option (4) and party (commissioner,
# acute, system).
[ "$(grep -c ",net_return," "$tmp/iv/interventions.csv")" -eq 24 ] \
    || fail "interventions.csv: not 2 x 4 x 3 net returns"
grep -q "without each intervention (3 more runs)" "$tmp/err" \
    || fail "no word of the counterfactual runs"
grep -q "What the interventions did" "$tmp/iv/report.html" \
    || fail "report.html lacks the interventions"
if [ $have_gnuplot = 1 ]; then
    for k in cm qipp; do
        [ -s "$tmp/iv/plots/intervention_$k.svg" ] \
            || fail "chart intervention_$k"
    done
fi
grep -i "warning" "$tmp/err" && fail "gnuplot or capsim warned (interventions)"

# A tornado needs something to move.
"$CAPSIM" tornado "$scenarios/quickstart.ini" -n 10 -q -o "$tmp/none" \
    2>"$tmp/err"
[ $? -eq 2 ] || fail "tornado without inputs did not exit 2"

exit $failed
