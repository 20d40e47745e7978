#!/bin/sh
# report-chromium.sh -- report.html renders in headless Chromium with
# every chart, and loads nothing from outside itself.  Skipped (77)
# without Chromium or gnuplot.
test -x "$CAPSIM" || exit 77
command -v chromium >/dev/null 2>&1 || { echo "no chromium: skipped"; exit 77; }
command -v gnuplot >/dev/null 2>&1 || { echo "no gnuplot: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
status=0
fail() { echo "report-chromium: FAIL: $*"; status=1; }

"$CAPSIM" run "$CAPSIM_SCENARIOS/quickstart.ini" --trials 40 --quiet \
    --out "$tmp/r" || { echo "run failed"; exit 1; }
# Flags as for any headless use here: no sandbox as root, and no
# background traffic of the browser's own.
flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update
       --disable-sync --user-data-dir=$tmp/profile --hide-scrollbars"
# shellcheck disable=SC2086
timeout 120 chromium $flags --enable-logging=stderr --v=0 \
    --dump-dom "file://$tmp/r/report.html" \
    >"$tmp/dom.html" 2>"$tmp/chromium.log" || fail "chromium --dump-dom failed"
# shellcheck disable=SC2086
timeout 120 chromium $flags --window-size=1100,3000 \
    --screenshot="$tmp/shot.png" "file://$tmp/r/report.html" \
    >/dev/null 2>>"$tmp/chromium.log" || fail "chromium --screenshot failed"

grep -q "<h1>capsim report: quickstart</h1>" "$tmp/dom.html" ||
    fail "the rendered page has no title heading"
charts=$(ls "$tmp/r/plots" | grep -c '\.svg$')
shown=$(grep -o '<img alt="[^"]*" src="data:image/svg+xml;base64,' \
        "$tmp/dom.html" | wc -l)
[ "$shown" -eq "$charts" ] ||
    fail "the rendered page has $shown charts, plots/ has $charts"
[ -s "$tmp/shot.png" ] || fail "no screenshot"
# The page's own policy blocks any load from outside it, and Chromium
# reports the attempt on its console (logged with --enable-logging).
if grep -i "CONSOLE" "$tmp/chromium.log" \
   | grep -qi "violates\|net::ERR"; then
    fail "the page tried to load something: $(grep -i CONSOLE "$tmp/chromium.log" | head -n 1)"
fi
[ $status -eq 0 ] && echo "report-chromium: $shown charts rendered, nothing fetched"
exit $status
