#!/bin/sh
# cli-summary.sh -- what `capsim run` shows people, for every shipped
# scenario: the summary on stdout fits 80 columns and names every option
# and party in full (its label, else its identifier; wrapped, never
# cut); with standard error in a file, progress comes as a line per 10%,
# for the run and for every rerun (counterfactuals, sweep points, the
# tornado's runs).  Exits 77 when the capsim binary is missing.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

test_name=cli-summary
. "${srcdir:-.}/tests/clilib.sh"

# names FILE [option]: the options' and parties' names the summary must
# show, one a line: each [option.X] and [provider.X] by its label, else
# X; the commissioner and the local authority by their labels, else
# their names for people.  With "option", the options' only.
names() {
    awk -v only="$2" '
        function flush() {
            if (kind == "") return
            print (label != "" ? label : fallback)
            kind = ""
        }
        /^[ \t]*\[/ {
            flush()
            s = $0
            sub(/^[ \t]*\[/, "", s); sub(/\].*/, "", s)
            label = ""
            if (only != "" && s !~ /^option\./)
                next
            if (s ~ /^option\./ || s ~ /^provider\./) {
                kind = s; fallback = s; sub(/^[^.]*\./, "", fallback)
            } else if (s == "commissioner") {
                kind = s; fallback = "Commissioner"
            } else if (s == "local_authority") {
                kind = s; fallback = "Local authority"
            }
            next
        }
        kind != "" && /^[ \t]*label[ \t]*=/ {
            v = $0
            sub(/^[^=]*=[ \t]*/, "", v); sub(/[ \t]*;.*$/, "", v)
            sub(/[ \t]+$/, "", v)
            label = v
        }
        END { flush() }' "$1"
}

# progress_lines WHAT: every tenth of WHAT ("" for the main run, or
# "counterfactuals: " ...) has its line in $tmp/err.
progress_lines() {
    for pct in 10 20 30 40 50 60 70 80 90 100; do
        grep -q "^capsim: $1$pct% of .* elapsed" "$tmp/err" ||
            fail "$name: stderr in a file has no '${1}$pct%' line"
    done
}

for f in "$scenarios"/*.ini; do
    name=${f##*/}
    # Ten trials: a line per 10% still shows each step, and the county's
    # people (case management runs them person by person) stay quick;
    # the waterfall's extra runs have their own test.
    run run "$f" --trials 10 --no-plots --no-waterfall --out "$tmp/${name%.ini}"
    if [ "$rc" -ne 0 ]; then
        fail "$name: run exited $rc"
        show_err
        continue
    fi
    # Columns are characters: UTF-8 continuation bytes do not count.
    wide=$(LC_ALL=C tr -d '\200-\277' <"$tmp/out" | awk 'length > 80')
    [ -z "$wide" ] || fail "$name: lines wider than 80 columns:
$wide"
    # Each name whole, once the table's line breaks and padding are
    # read as single spaces.  A sweep's table shows the deciding
    # party's figures only, so there the options are checked.
    flat=" $(tr -s ' \n' '  ' <"$tmp/out") "
    if grep -q '^\[sweep\]' "$f"; then
        names "$f" option >"$tmp/names"
    else
        names "$f" >"$tmp/names"
    fi
    while IFS= read -r label; do
        case $flat in
        *" $label "*) ;;
        *) fail "$name: the summary does not show '$label' whole" ;;
        esac
    done <"$tmp/names"
    # A sweep's progress is over all its points.
    if grep -q '^\[sweep\]' "$f"; then
        progress_lines "sweep: "
        grep -q "^capsim: point 0 (1 of " "$tmp/err" ||
            fail "$name: stderr does not number the first point 0"
        grep -q "^ *0  " "$tmp/out" ||
            fail "$name: stdout does not number the first point 0"
    else
        progress_lines ""
    fi
    if grep -q '^\[intervention\.' "$f"; then
        progress_lines "counterfactuals: "
    fi
done

# Long names wrap and accented ones line up: the quickstart with a long
# label for the trust and for an option, in euros.
long_trust="Hôpital Royal du Comté, NHS Foundation Trust with its"
long_trust="$long_trust community services and walk-in centres"
long_option="Risk-share bands around a target of twenty-point-nine"
long_option="$long_option million a year"
sed -e "s/^label = Acute hospital trust/label = $long_trust/" \
    -e "s/^label = Risk-share bands/label = $long_option/" \
    -e "s/^currency = GBP/currency = EUR/" \
    "$scenarios/quickstart.ini" >"$tmp/long.ini"
name=long.ini
run run "$tmp/long.ini" --trials 50 --no-plots --out "$tmp/long"
if [ "$rc" -ne 0 ]; then
    fail "long names: run exited $rc"
    show_err
fi
wide=$(LC_ALL=C tr -d '\200-\277' <"$tmp/out" | awk 'length > 80')
[ -z "$wide" ] || fail "long names: lines wider than 80 columns:
$wide"
flat=" $(tr -s ' \n' '  ' <"$tmp/out") "
for label in "$long_trust" "$long_option"; do
    case $flat in
    *" $label "*) ;;
    *) fail "long names: the summary does not show '$label' whole" ;;
    esac
done
grep -q "€[0-9]" "$tmp/out" || fail "long names: no amount in euros"
# The figures stay in their columns: every line of the table (up to the
# first blank line; prose follows) with a percentage ends at column 80
# or before, right-aligned with the headings.
ends=$(LC_ALL=C tr -d '\200-\277' <"$tmp/out" |
       awk '/^$/ { exit } /%$/ { print length }' | sort -u)
heads=$(LC_ALL=C tr -d '\200-\277' <"$tmp/out" |
        awk 'NR == 2 { print length }')
[ "$ends" = "$heads" ] ||
    fail "long names: figures end at columns $ends, headings at $heads"

# The tornado's runs show progress too.
run tornado "$scenarios/uncertain-growth.ini" --trials 50 --no-plots \
    --out "$tmp/tornado"
name=tornado
[ "$rc" -eq 0 ] || { fail "tornado exited $rc"; show_err; }
progress_lines "tornado: "

# -q: no progress and no table.
run run "$scenarios/quickstart.ini" --trials 50 --no-plots -q \
    --out "$tmp/quiet"
[ "$rc" -eq 0 ] || { fail "run -q exited $rc"; show_err; }
[ ! -s "$tmp/out" ] || fail "run -q printed on stdout"
[ ! -s "$tmp/err" ] || fail "run -q printed on stderr: $(cat "$tmp/err")"

if [ "$failed" -ne 0 ]; then
    echo "cli-summary: failed"
    exit 1
fi
echo "cli-summary: all checks passed"
exit 0
