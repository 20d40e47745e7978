#!/bin/sh
# cli-run.sh -- end-to-end test of `capsim run` on the quickstart scenario.
#
# Checks the results folder (tables, headers, rows, manifest, checksums,
# plots), --force, --keep-trials, --no-plots, a missing gnuplot, and the
# informational commands.  Exits 77 when the capsim binary is missing.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

test_name=cli-run
. "${srcdir:-.}/tests/clilib.sh"
scenario=$scenarios/quickstart.ini


# --- a plain run ---------------------------------------------------
r=$tmp/r
run run "$scenario" --trials 60 --out "$r"
if [ "$rc" -ne 0 ]; then
    fail "run exited $rc, expected 0"
    show_err
fi
for f in summary.csv risk_transfer.csv concentration.csv manifest.ini; do
    [ -f "$r/$f" ] || fail "run wrote no $f"
done

header=$(head -n 1 "$r/summary.csv" 2>/dev/null)
[ "$header" = "point,option,party,year,period,quantity,metric,value,mcse" ] ||
    fail "summary.csv header is '$header'"
header=$(head -n 1 "$r/risk_transfer.csv" 2>/dev/null)
[ "$header" = "point,option,year,period,party,cost_risk_share,mcse" ] ||
    fail "risk_transfer.csv header is '$header'"

# Every option x party x year x metric has a row in summary.csv (ruin,
# against reserves, is a provider's: prob_ruin only for acute); year is
# a whole number, and period tells the three annual rows from the
# horizon's (year 3, the last it covers).
missing=$(awk -F, '
    NR > 1 && $4 !~ /^[0-9]+$/ { print "year " $4 " is not a whole number" }
    NR > 1 { have[$2 "," $3 "," $4 ":" $5 "," $7] = 1 }
    END {
        n = split("pbr capitation block risk_share", opt, " ")
        split("commissioner acute system", party, " ")
        split("1:annual 2:annual 3:annual 3:horizon", year, " ")
        m = split("mean sd p01 p05 p25 p50 p75 p95 p99 var95 cvar95 " \
                  "var99 cvar99 prob_deficit prob_ruin " \
                  "prob_deficit_any_year prob_deficit_worst_year " \
                  "worst_year_var95 worst_year_cvar95", metric, " ")
        for (i = 1; i <= n; i++)
            for (j = 1; j <= 3; j++)
                for (k = 1; k <= 4; k++)
                    for (l = 1; l <= m; l++) {
                        if (metric[l] == "prob_ruin" && party[j] != "acute")
                            continue
                        if (l > 15 && year[k] != "3:horizon")
                            continue
                        key = opt[i] "," party[j] "," year[k] "," metric[l]
                        if (!(key in have))
                            print key
                    }
    }' "$r/summary.csv" 2>/dev/null)
if [ -n "$missing" ]; then
    fail "summary.csv lacks rows for (option,party,year,metric):"
    echo "$missing" | head -n 10 | sed 's/^/    /' >&2
fi

# Zero by construction is written 0: capitation fixes the commissioner's
# net, so its sd and every mcse are 0 in every row, not rounding noise
# (3.49e-09); so is the HC0 error of the acute trust's share of 1.
noise=$(awk -F, '$2 == "capitation" && $3 == "commissioner" && $6 == "net" \
                 && ($9 != "0" || ($7 == "sd" && $8 != "0"))' \
            "$r/summary.csv" 2>/dev/null)
[ -z "$noise" ] || fail "capitation's fixed net is not exactly fixed: $noise"
noise=$(awk -F, '$2 == "capitation" && $5 == "acute" && ($6 != "1" || $7 != "0")' \
            "$r/risk_transfer.csv" 2>/dev/null)
[ -z "$noise" ] || fail "capitation's pass-through share is noisy: $noise"
grep -q "^0,capitation,commissioner,1,annual,net,sd,0,0$" "$r/summary.csv" ||
    fail "summary.csv lacks capitation's zero sd of the commissioner's net"
# The annual duty: capitation leaves the commissioner in deficit in year
# 3 of every future, though never over the horizon.
for m in prob_deficit_any_year,1,0 prob_deficit_worst_year,1,0 \
         prob_deficit,0,0; do
    grep -q "^0,capitation,commissioner,3,horizon,net,$m$" "$r/summary.csv" ||
        fail "summary.csv: capitation's commissioner lacks $m"
done

# The commissioner's and the provider's shares of cost risk add to 1,
# for each of the 4 options and 4 years.
bad=$(awk -F, '
    NR > 1 && ($5 == "commissioner" || $5 == "acute") {
        key = $1 "," $2 "," $3 "," $4
        sum[key] += $6
        n[key]++
    }
    END {
        groups = 0
        for (key in sum) {
            groups++
            d = sum[key] - 1
            if (n[key] != 2 || d > 1e-9 || d < -1e-9)
                printf "%s: %d shares adding to %.15g\n", key, n[key], \
                       sum[key]
        }
        if (groups != 16)
            printf "%d (option, year) groups, expected 16\n", groups
    }' "$r/risk_transfer.csv" 2>/dev/null)
[ -z "$bad" ] || fail "risk shares do not add to 1: $bad"

# The manifest: seed, trials, the scenario's checksum, and a checksum
# for every output that matches the file.
m=$r/manifest.ini
want_seed=$(sed -n 's/^seed *= *\([0-9]*\).*/\1/p' "$scenario")
grep -qx "seed = $want_seed" "$m" 2>/dev/null ||
    fail "manifest.ini lacks 'seed = $want_seed'"
grep -qx "trials = 60" "$m" 2>/dev/null ||
    fail "manifest.ini lacks 'trials = 60'"
want_sha=$(sha "$scenario")
grep -qx "sha256 = $want_sha" "$m" 2>/dev/null ||
    fail "manifest.ini lacks the scenario's 'sha256 = $want_sha'"
sed -n '/^\[outputs\]/,/^\[/{/^[^[;]/p;}' "$m" 2>/dev/null \
    >"$tmp/outputs"
for f in summary.csv risk_transfer.csv concentration.csv; do
    grep -q "^$f = " "$tmp/outputs" ||
        fail "manifest.ini [outputs] does not list $f"
done
while read -r name eq hex; do
    if [ "$eq" != "=" ]; then
        fail "manifest.ini: bad output line '$name $eq $hex'"
        continue
    fi
    if [ ! -f "$r/$name" ]; then
        fail "manifest.ini lists $name, which is not in the folder"
    elif [ "$(sha "$r/$name")" != "$hex" ]; then
        fail "manifest.ini: sha256 of $name is not $hex"
    fi
done <"$tmp/outputs"

# Plots, when gnuplot is there to draw them.
if command -v gnuplot >/dev/null 2>&1; then
    for f in risk_transfer.png risk_transfer.svg net_acute.png \
             net_commissioner.svg risk_return.png risk_return.svg \
             exceedance_acute.png exceedance_commissioner.svg \
             fan_acute.png fan_commissioner.svg fan_system_cost.png \
             fan_system_cost.svg net_density.csv risk_shares.csv \
             risk_return.csv exceedance.csv fan.csv lorenz.png \
             lorenz.svg lorenz.csv lorenz.data charts.csv; do
        [ -s "$r/plots/$f" ] || fail "no plots/$f (gnuplot is installed)"
        grep -q "^plots/$f = " "$r/manifest.ini" ||
            fail "manifest.ini does not list plots/$f"
    done
    # Every chart's data is there: 4 options x 2 parties x 3 years of
    # fan rows per party, plus 3 years of system cost.
    rows=$(($(wc -l <"$r/plots/fan.csv") - 1))
    [ "$rows" -eq $((4 * 2 * 3 + 3)) ] ||
        fail "plots/fan.csv has $rows rows, not 27"
    head -n 1 "$r/plots/risk_return.csv" | grep -qx \
        'option,party,mean_net,mean_net_mcse,cvar95,cvar95_mcse,annual_mean_net,annual_mean_net_mcse,worst_year_var95,worst_year_var95_mcse' ||
        fail "plots/risk_return.csv header"
else
    echo "cli-run: gnuplot not installed; plot files not checked"
fi

# The report: self-contained, no network, every chart and option in it.
rep="$r/report.html"
[ -s "$rep" ] || fail "no report.html"
grep -q "Content-Security-Policy\" content=\"default-src 'none'" "$rep" ||
    fail "report.html has no content security policy"
if grep -Eqi '(src|href)="(https?:|//|file:)' "$rep"; then
    fail "report.html refers to something outside itself"
fi
for opt in "Payment by results" Capitation "Block contract" \
           "Risk-share bands"; do
    grep -q "rowspan=\"[0-9]*\"><b>$opt</b>" "$rep" ||
        fail "report.html: $opt is not in the options table"
done
if command -v gnuplot >/dev/null 2>&1; then
    # The waterfall's charts stay in plots/: its section is a table.
    svgs=$(ls "$r/plots" | grep -v '^waterfall_' | grep -c '\.svg$')
    imgs=$(grep -o '<img alt=' "$rep" | wc -l)
    [ "$imgs" -eq "$svgs" ] ||
        fail "report.html embeds $imgs charts, plots/ has $svgs"
fi

# --- an existing folder --------------------------------------------
before=$(sha "$r/summary.csv"; sha "$r/manifest.ini"; ls -A "$r")
run run "$scenario" --trials 60 --out "$r"
[ "$rc" -eq 2 ] || fail "run over an existing folder exited $rc, not 2"
grep -q -- "--force" "$tmp/err" ||
    fail "refusing to overwrite does not mention --force"
after=$(sha "$r/summary.csv"; sha "$r/manifest.ini"; ls -A "$r")
[ "$before" = "$after" ] ||
    fail "run without --force changed the existing folder"

# --force replaces a folder capsim wrote (what else it replaces, and
# what not, is tests/cli-force.sh's).
echo "stale" >"$r/summary.csv"
run run "$scenario" --trials 60 --out "$r" --force
if [ "$rc" -ne 0 ]; then
    fail "run --force exited $rc, expected 0"
    show_err
fi
[ "$(head -c 5 "$r/summary.csv")" != "stale" ] ||
    fail "run --force did not replace the folder"
for f in summary.csv manifest.ini; do
    [ -f "$r/$f" ] || fail "run --force left no $f"
done

# --- --keep-trials -------------------------------------------------
k=$tmp/k
run run "$scenario" --trials 60 --out "$k" --keep-trials --no-plots
if [ "$rc" -ne 0 ]; then
    fail "run --keep-trials exited $rc, expected 0"
    show_err
fi
header=$(head -n 1 "$k/trials.csv" 2>/dev/null)
[ "$header" = "point,trial,option,party,year,period,income,spend,net" ] ||
    fail "trials.csv header is '$header'"
rows=$(($(wc -l <"$k/trials.csv" 2>/dev/null || echo 1) - 1))
# 60 trials x 4 options x 3 parties x 3 years
[ "$rows" -eq 2160 ] || fail "trials.csv has $rows data rows, not 2160"
grep -q "^trials.csv = " "$k/manifest.ini" 2>/dev/null ||
    fail "manifest.ini does not list trials.csv"
[ ! -e "$r/trials.csv" ] || fail "trials.csv written without --keep-trials"

# --- --no-plots ----------------------------------------------------
[ ! -e "$k/plots" ] || fail "--no-plots wrote a plots folder"

# --- SOURCE_DATE_EPOCH: the same files, manifest and report too ----
for d in e1 e2; do
    SOURCE_DATE_EPOCH=86400 "$CAPSIM" run "$scenario" --trials 60 \
        --no-plots --quiet --out "$tmp/$d" >"$tmp/out" 2>"$tmp/err" ||
        { fail "run with SOURCE_DATE_EPOCH exited $?"; show_err; }
done
grep -q "^started = 1970-01-02T00:00:00Z" "$tmp/e1/manifest.ini" ||
    fail "manifest.ini does not start at SOURCE_DATE_EPOCH"
grep -q "^finished = 1970-01-02T00:00:00Z" "$tmp/e1/manifest.ini" ||
    fail "manifest.ini does not finish at SOURCE_DATE_EPOCH"
# Every file but the manifest, which records each run's --out.
(cd "$tmp/e1" && find . -type f ! -name manifest.ini) >"$tmp/e1.files"
while read -r f; do
    cmp -s "$tmp/e1/$f" "$tmp/e2/$f" ||
        fail "$f differs between two runs with SOURCE_DATE_EPOCH"
done <"$tmp/e1.files"
sed -n '/^\[outputs\]/,/^$/p' "$tmp/e1/manifest.ini" >"$tmp/e1.out"
sed -n '/^\[outputs\]/,/^$/p' "$tmp/e2/manifest.ini" >"$tmp/e2.out"
cmp -s "$tmp/e1.out" "$tmp/e2.out" ||
    fail "the manifests' checksums differ between two runs with SOURCE_DATE_EPOCH"

# --- gnuplot missing -----------------------------------------------
g=$tmp/g
CAPSIM_GNUPLOT=/nonexistent "$CAPSIM" run "$scenario" --trials 60 \
    --out "$g" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -ne 0 ]; then
    fail "run without gnuplot exited $rc, expected 0"
    show_err
fi
grep -q "plots skipped" "$tmp/err" ||
    fail "run without gnuplot does not say 'plots skipped' on stderr"
[ -f "$g/summary.csv" ] || fail "run without gnuplot wrote no summary.csv"
[ ! -e "$g/plots" ] || fail "run without gnuplot made a plots folder"

# --- the README's worked example -------------------------------------
# The table the README and docs/outputs.md show for the quickstart is
# the one the command prints, byte for byte (all but the folder's name).
run run "$scenario" --no-plots --out "$tmp/readme-run"
sed '$d' "$tmp/out" >"$tmp/run-table"
for doc in README.md docs/outputs.md; do
    [ -f "${srcdir:-.}/$doc" ] || continue
    sed -n '/^\$ \(\.\/\)\{0,1\}capsim run scenarios\/quickstart.ini$/,/^results in/p' \
        "${srcdir:-.}/$doc" | sed '1d;$d' >"$tmp/doc-table"
    [ -s "$tmp/doc-table" ] || fail "$doc has no quickstart table"
    cmp -s "$tmp/doc-table" "$tmp/run-table" ||
        { fail "$doc's quickstart table is not what the run prints";
          diff "$tmp/doc-table" "$tmp/run-table" >&2; }
done
# docs/outputs.md's decision.csv example is that run's first rows.
sed -n '/^## decision.csv$/,/^## /p' "${srcdir:-.}/docs/outputs.md" |
    sed -n '/^```$/,/^```$/p' | sed '1d;$d' >"$tmp/doc-decision-csv"
n=$(wc -l <"$tmp/doc-decision-csv")
[ "$n" -ge 2 ] && head -n "$n" "$tmp/readme-run/decision.csv" |
    cmp -s - "$tmp/doc-decision-csv" ||
    fail "docs/outputs.md's decision.csv example is not the run's"
# docs/decision.md quotes the recommendation paragraph of that run.
sed -n '/^Recommended: /,/^$/p' "$tmp/run-table" | sed '/^$/d' \
    >"$tmp/run-decision"
sed -n '/^```$/,/^```$/p' "${srcdir:-.}/docs/decision.md" |
    sed -n '/^Recommended: /,/^```$/p' | sed '$d' >"$tmp/doc-decision"
[ -s "$tmp/run-decision" ] && cmp -s "$tmp/doc-decision" "$tmp/run-decision" ||
    { fail "docs/decision.md's recommendation is not what the run prints";
      diff "$tmp/doc-decision" "$tmp/run-decision" >&2; }
# Every line of it fits 80 columns (UTF-8 continuation bytes are not
# columns), and a negative loss is called a gain.
wide=$(LC_ALL=C tr -d '\200-\277' <"$tmp/run-table" | awk 'length > 80')
[ -z "$wide" ] || fail "the quickstart's summary has lines over 80 columns"
grep -q " gain £[0-9]" "$tmp/run-table" ||
    fail "the quickstart's summary shows no gain for the block's commissioner"
grep -q "^Recommended: " "$tmp/run-table" ||
    fail "the quickstart's summary prints no recommendation"
# --horizon: the figures over the whole horizon, labelled as such.
run run "$scenario" --trials 60 --no-plots --horizon --out "$tmp/horizon"
[ "$rc" -eq 0 ] || { fail "run --horizon exited $rc"; show_err; }
grep -q "over 3 years" "$tmp/out" ||
    fail "run --horizon does not label its figures as over the 3 years"

# --- help, version, validate ---------------------------------------
run --help
[ "$rc" -eq 0 ] || fail "--help exited $rc"
grep -q "Usage" "$tmp/out" || fail "--help prints no Usage on stdout"
# (tests/cli-help.sh checks each command's help and --version's form.)
run --version
[ "$rc" -eq 0 ] || fail "--version exited $rc"
[ "$(head -n 1 "$tmp/out")" = "capsim (capsim) 0.1.0" ] ||
    fail "--version printed '$(cat "$tmp/out")'"
run validate "$scenario"
[ "$rc" -eq 0 ] || { fail "validate exited $rc"; show_err; }
grep -q "ok" "$tmp/out" || fail "validate does not print ok"
grep -q "^  engine auto: aggregate$" "$tmp/out" ||
    fail "validate does not say the quickstart runs on the aggregate engine"
run validate "$scenarios/case-management.ini"
grep -q "^  engine auto: individual, as the scenario has case management" \
    "$tmp/out" || fail "validate does not say why case management runs on people"

# --- nothing left behind -------------------------------------------
for f in "$tmp"/.*.tmp-* "$tmp"/.*.old-*; do
    [ -e "$f" ] && fail "left behind: $f"
done

if [ "$failed" -ne 0 ]; then
    echo "cli-run: failed"
    exit 1
fi
echo "cli-run: all checks passed"
exit 0
