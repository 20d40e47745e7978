#!/bin/sh
# cli-gnuplot.sh -- gnuplot is given data, never commands from outside
# capsim: results paths that gnuplot would read as a pipe or a command
# ('<cmd', '|cmd', a newline then system "cmd"), a redraw of a folder
# with such a name, and chart data files edited to hold commands, run
# nothing; a redraw replaces only images capsim drew and uses only the
# installed templates; a failing gnuplot is summarised in one line.
# And the charts read as promised: the palette's colours, a caption
# per chart, fixed options as labelled lines, "1 in 20" and "1 in 100",
# break-evens marked, words rather than keys, a chart for a sampled
# sweep, and a tornado panel for every party.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

test_name=cli-gnuplot
. "${srcdir:-.}/tests/clilib.sh"

if ! command -v gnuplot >/dev/null 2>&1; then
    echo "$test_name: gnuplot not installed; skipped"
    exit 77
fi
scenario=$scenarios/quickstart.ini
cd "$tmp" || exit 1

# No command may have run: none of the marker files exists.
no_marker() {
    for m in "$tmp"/pwned*; do
        [ -e "$m" ] && fail "$1: a command ran through gnuplot ($m exists)"
    done
}

# --- results paths gnuplot would read as a pipe ------------------------
# A path is always given to gnuplot as an absolute, quoted path, so these
# are ordinary (if odd) folder names.
n=0
for out in "<touch $tmp/pwned1;#/r" "|touch $tmp/pwned2;#/r" \
           "r'; system 'touch $tmp/pwned3'; '"; do
    n=$((n + 1))
    run run "$scenario" --trials 40 --out "$out"
    if [ "$rc" -ne 0 ]; then
        fail "--out '$out' exited $rc, expected 0"
        show_err
    fi
    [ -s "$out/plots/risk_transfer.png" ] ||
        fail "--out '$out': no risk_transfer.png"
    no_marker "--out '$out'"
done

# A newline in the path is refused before any work, and runs nothing.
nl_out="$tmp/a
system \"touch $tmp/pwned4\"
/r"
run run "$scenario" --trials 40 --out "$nl_out"
[ "$rc" -eq 2 ] || fail "--out with a newline exited $rc, expected 2"
no_marker "--out with a newline"

# --- capsim plot of a folder gnuplot would read as a pipe ----------------
# (the folders the runs above made: a redraw that ran them as commands
# would leave pwned1 or pwned2)
for dir in "<touch $tmp/pwned1;#" "|touch $tmp/pwned2;#"; do
    run plot "$dir/r"
    if [ "$rc" -ne 0 ]; then
        fail "plot '$dir/r' exited $rc, expected 0"
        show_err
    fi
    no_marker "plot '$dir/r'"
done

# --- chart data that holds commands ------------------------------------
r=$tmp/r
run run "$scenario" --trials 40 --out "$r"
[ "$rc" -eq 0 ] || { fail "run exited $rc"; show_err; }
png=$r/plots/risk_transfer.png
before=$(cksum <"$png")

# Each line is appended to a chart's data; each must be refused at its
# line, with nothing redrawn and nothing run.
i=0
while IFS= read -r line; do
    i=$((i + 1))
    cp "$r/plots/risk_transfer.data" "$tmp/saved.data"
    printf '%s\n' "$line" >>"$r/plots/risk_transfer.data"
    last=$(wc -l <"$r/plots/risk_transfer.data")
    touch -d '2000-01-01' "$png"
    run plot "$r"
    [ "$rc" -eq 2 ] || fail "data line $i: plot exited $rc, expected 2"
    grep -q "risk_transfer.data:$last: " "$tmp/err" ||
        { fail "data line $i: not reported at its line"; show_err; }
    [ "$(wc -l <"$tmp/err")" -eq 1 ] ||
        { fail "data line $i: more than one line on stderr"; show_err; }
    [ "$(cksum <"$png")" = "$before" ] &&
        [ -n "$(find "$png" ! -newermt '2000-01-02')" ] ||
        fail "data line $i: an image was redrawn from a bad folder"
    no_marker "data line $i"
    cp "$tmp/saved.data" "$r/plots/risk_transfer.data"
done <<EOF
system("touch $tmp/pwned7")
!touch $tmp/pwned8
x = system("touch $tmp/pwned9")
load '<touch $tmp/pwned10'
set output '|touch $tmp/pwned11'
scenario = 'a'; system 'touch $tmp/pwned12'
x = \`touch $tmp/pwned13\`
f(x) = x
shell
EOF

# A datablock that is never closed swallows nothing.
printf '$x << EOD\nsystem("touch %s/pwned14")\n' "$tmp" \
    >>"$r/plots/risk_transfer.data"
run plot "$r"
[ "$rc" -eq 2 ] || fail "an unclosed data block: plot exited $rc"
grep -q "data block not ended" "$tmp/err" ||
    { fail "an unclosed data block is not named"; show_err; }
no_marker "an unclosed data block"
cp "$tmp/saved.data" "$r/plots/risk_transfer.data"

# Backquotes and macros inside a quoted string are text, not commands.
printf "scenario = 'q\`touch %s/pwned15\`@x'\n" "$tmp" \
    >>"$r/plots/risk_transfer.data"
run plot "$r"
[ "$rc" -eq 0 ] || { fail "a quoted string with backquotes: exit $rc"; \
                     show_err; }
no_marker "a quoted string with backquotes"
cp "$tmp/saved.data" "$r/plots/risk_transfer.data"

# charts.csv names only plain charts and the installed templates.
cp "$r/plots/charts.csv" "$tmp/charts.csv"
for row in "risk_transfer,../../../tmp/evil.gp" "../x,risk_transfer.gp" \
           "risk_transfer,risk_transfer.gp,extra" "risk_transfer,nosuch.gp"
do
    printf '%s\n' "$row" >>"$r/plots/charts.csv"
    run plot "$r"
    [ "$rc" -eq 2 ] || fail "charts.csv row '$row': plot exited $rc"
    cp "$tmp/charts.csv" "$r/plots/charts.csv"
done

# A folder of an earlier capsim (no caption column) is refused with a
# reason, not handed to templates that need what it lacks.
sed '1s/.*/chart,template/; 2,$s/,"[^"]*"$//' "$tmp/charts.csv" \
    >"$r/plots/charts.csv"
run plot "$r"
[ "$rc" -eq 2 ] || fail "an earlier capsim's charts.csv: plot exited $rc"
grep -q "earlier capsim" "$tmp/err" ||
    { fail "an earlier capsim's charts are not explained"; show_err; }
cp "$tmp/charts.csv" "$r/plots/charts.csv"

# A redraw never writes through a link planted in place of an image.
echo "precious" >"$tmp/precious"
rm "$png"
ln -s "$tmp/precious" "$png"
run plot "$r"
[ "$rc" -eq 2 ] || fail "a linked image: plot exited $rc, expected 2"
[ "$(cat "$tmp/precious")" = precious ] ||
    fail "a redraw wrote through a link to a file outside the folder"
rm "$png"

# The folder redraws when it is intact.
run plot "$r"
[ "$rc" -eq 0 ] || { fail "plot of an intact folder exited $rc"; show_err; }
[ -s "$png" ] || fail "plot did not redraw risk_transfer.png"

# --- a failing gnuplot: one line -----------------------------------------
mkdir "$tmp/templates"
cp "$CAPSIM_PLOTS_DIR"/*.gp "$tmp/templates/"
echo "this is not gnuplot" >>"$tmp/templates/risk_transfer.gp"
CAPSIM_PLOTS_DIR=$tmp/templates "$CAPSIM" plot "$r" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] || fail "a broken template: plot exited $rc, expected 1"
[ "$(wc -l <"$tmp/err")" -eq 1 ] ||
    { fail "a broken template: gnuplot's failure is not one line"; show_err; }
grep -q "^capsim: gnuplot failed: .*risk_transfer.gp.* line " "$tmp/err" ||
    { fail "a broken template: the line does not name the template"; \
      show_err; }

# --- charts people can read ----------------------------------------------
p=$r/plots
# One colour per option from the Okabe-Ito palette: the first three
# options' blue, vermillion and green in the commissioner's net chart.
for rgb in "  0, 114, 178" "213,  94,   0" "  0, 158, 115"; do
    grep -q "rgb($rgb)" "$p/net_commissioner.svg" ||
        fail "net_commissioner.svg lacks the palette colour rgb($rgb)"
done
grep -q "1 in 20" "$p/exceedance_commissioner.svg" ||
    fail "the exceedance chart does not label its 1-in-20 line"
# The quickstart's capitation and block payments are fixed for the
# commissioner: lines with their value, not density spikes.
grep -q "fixed at" "$p/net_commissioner.svg" ||
    fail "a fixed option is not labelled as fixed on the net chart"
grep -q "per year" "$p/risk_return.svg" ||
    fail "the risk-return chart is not per year"
grep -q "worst year" "$p/risk_return.svg" ||
    fail "the risk-return chart does not use the worst year"
# Percentages on the risk-transfer bars.
grep -q ">100%<" "$p/risk_transfer.svg" ||
    fail "the risk-transfer bars carry no value labels"
# Every chart has a caption: charts.csv's third column, quoted.
head -1 "$p/charts.csv" | grep -qx "chart,template,caption" ||
    fail "charts.csv has no caption column"
if grep -v '^chart,' "$p/charts.csv" | grep -qv ',"[^"].*\."$'; then
    fail "a chart in charts.csv has no one-sentence caption"
    grep -v '^chart,' "$p/charts.csv" >&2
fi

# Labels and a currency: option and party labels on the charts, money
# in £m, and the scenario's title.
sed -e '/^label = /d' -e '/^currency = /d' \
    -e 's/^\[scenario\]$/[scenario]\ncurrency = GBP\nlabel = Quickstart area/' \
    -e 's/^\[provider\.acute\]$/[provider.acute]\nlabel = Royal County Hospital/' \
    -e 's/^\[option\.pbr\]$/[option.pbr]\nlabel = Payment by results/' \
    "$scenario" >"$tmp/labelled.ini"
run run "$tmp/labelled.ini" --trials 100 --out "$tmp/lab"
[ "$rc" -eq 0 ] || { fail "the labelled run exited $rc"; show_err; }
# 100 trials reach the 1-in-100 line.
grep -q "1 in 100" "$tmp/lab/plots/exceedance_commissioner.svg" ||
    fail "the exceedance chart does not label its 1-in-100 line"
for f in net_acute exceedance_acute risk_return; do
    svg=$tmp/lab/plots/$f.svg
    grep -q "Royal County Hospital" "$svg" || fail "$f.svg: no party label"
    grep -q "£m" "$svg" || fail "$f.svg: money not in £m"
    grep -q "Quickstart area" "$svg" || fail "$f.svg: no scenario title"
done
grep -q "Payment by results" "$tmp/lab/plots/net_commissioner.svg" ||
    fail "net_commissioner.svg: no option label"

# A swept key reads as words, and the break-even is marked.
run run "$scenarios/sweep-capitation.ini" --trials 40 --out "$tmp/sw"
[ "$rc" -eq 0 ] || { fail "the sweep exited $rc"; show_err; }
for svg in "$tmp"/sw/plots/*.svg; do
    grep -q "contract\." "$svg" && fail "$svg shows a raw key"
done
# With the contract's label ("Capitation"), and without (its name in
# words).
grep -q "Capitation: per head" "$tmp/sw/plots/sweep_net_acute.svg" ||
    fail "the swept key is not named by its section's label"
grep -q "break-even" "$tmp/sw/plots/sweep_net_acute.svg" ||
    fail "the acute trust's break-even is not marked"

# A Latin-hypercube sweep of two keys draws each party's net against
# each key (it drew nothing before).
sed -e 's/^contract\.acute_cap\.per_head = .*/design = lhs\npoints = 8\ncontract.acute_cap.per_head = 600..800\nprovider.acute.fixed_cost = 7.5e6..9e6/' \
    -e '/^label = /d' "$scenarios/sweep-capitation.ini" >"$tmp/lhs.ini"
run run "$tmp/lhs.ini" --trials 40 --out "$tmp/lhs"
[ "$rc" -eq 0 ] || { fail "the LHS sweep exited $rc"; show_err; }
for party in acute commissioner; do
    for ext in png svg; do
        [ -s "$tmp/lhs/plots/sweep_net_$party.$ext" ] ||
            fail "an LHS sweep drew no sweep_net_$party.$ext"
    done
done
grep -q "Acute cap: per head" "$tmp/lhs/plots/sweep_net_acute.svg" ||
    fail "an unlabelled key is not in words"
grep -q "Acute: fixed cost" "$tmp/lhs/plots/sweep_net_acute.svg" ||
    fail "the LHS chart has no panel for the second key"
grep -q "sweep_net_acute,sweep_scatter.gp," "$tmp/lhs/plots/charts.csv" ||
    fail "the LHS chart is not listed in charts.csv"

# A tornado shows every party.
run tornado "$scenarios/uncertain-growth.ini" --trials 30 --out "$tmp/tor"
[ "$rc" -eq 0 ] || { fail "the tornado exited $rc"; show_err; }
panels=$(grep -c "with every input at its median" \
    "$tmp/tor/plots/tornado_capitation.svg")
[ "$panels" -eq 2 ] ||
    fail "the tornado has $panels panels, not one per party (2)"
grep -q "Demand: trend" "$tmp/tor/plots/tornado_capitation.svg" ||
    fail "the tornado's inputs are not in words"

no_marker "the end"
exit $failed
