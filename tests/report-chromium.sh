#!/bin/sh
# report-chromium.sh -- report.html renders in headless Chromium with
# every chart, and loads nothing from outside itself.  Skipped (77)
# without Chromium (chromium, chromium-browser or $CAPSIM_CHROMIUM), one
# that cannot start, or gnuplot; unless CAPSIM_REQUIRE lists chromium
# (as CI does), when each of those is a failure.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later
test -x "$CAPSIM" || exit 77
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
status=0
fail() { echo "report-chromium: FAIL: $*"; status=1; }
skip() {
    case " ${CAPSIM_REQUIRE:-} " in
    *" chromium "*) echo "report-chromium: FAIL: $* (CAPSIM_REQUIRE)"; exit 1 ;;
    esac
    echo "report-chromium: $*: skipped"
    exit 77
}

chromium=${CAPSIM_CHROMIUM:-}
if [ -z "$chromium" ]; then
    for c in chromium chromium-browser google-chrome-stable google-chrome; do
        if command -v "$c" >/dev/null 2>&1; then
            chromium=$c
            break
        fi
    done
fi
[ -n "$chromium" ] || skip "no chromium"
command -v gnuplot >/dev/null 2>&1 || skip "no gnuplot"

# --no-sandbox: CI runs as root, where Chromium's sandbox refuses to
# start; --disable-dev-shm-usage: a container's /dev/shm is small.
flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update
       --disable-sync --disable-dev-shm-usage --user-data-dir=$tmp/profile
       --hide-scrollbars"

# A Chromium that cannot start (a snap stand-in without snapd, a missing
# library) says why here.
printf '<p>ok</p>\n' >"$tmp/probe.html"
if ! timeout 120 "$chromium" $flags --dump-dom "file://$tmp/probe.html" \
        >"$tmp/probe.out" 2>"$tmp/probe.err" ||
   ! grep -q "<p>ok</p>" "$tmp/probe.out"; then
    sed 's/^/    chromium: /' "$tmp/probe.err" | tail -n 5
    skip "$chromium cannot start"
fi

# check_report DIR NAME: the report in DIR renders with its title, shows
# every chart of DIR/plots, and fetches nothing.
check_report() {
    timeout 120 "$chromium" $flags --enable-logging=stderr --v=0 \
        --dump-dom "file://$1/report.html" \
        >"$tmp/dom.html" 2>"$tmp/chromium.log" || fail "$2: --dump-dom failed"
    timeout 120 "$chromium" $flags --window-size=1100,3000 \
        --screenshot="$tmp/shot.png" "file://$1/report.html" \
        >/dev/null 2>>"$tmp/chromium.log" || fail "$2: --screenshot failed"
    grep -q "<h1>capsim report: $2</h1>" "$tmp/dom.html" ||
        fail "$2: the rendered page has no title heading"
    charts=$(ls "$1/plots" | grep -c '\.svg$')
    shown=$(grep -o '<img alt="[^"]*" src="data:image/svg+xml;base64,' \
            "$tmp/dom.html" | wc -l)
    [ "$shown" -eq "$charts" ] ||
        fail "$2: the rendered page has $shown charts, plots/ has $charts"
    [ -s "$tmp/shot.png" ] || fail "$2: no screenshot"
    if grep -i "CONSOLE" "$tmp/chromium.log" \
       | grep -qi "violates\|net::ERR"; then
        fail "$2: the page tried to load something: $(grep -i CONSOLE "$tmp/chromium.log" | head -n 1)"
    fi
    rm -f "$tmp/shot.png"
    echo "report-chromium: $2: $shown charts rendered, nothing fetched"
}

# A run, a sweep and a tornado: each report has its own summary and
# charts.
"$CAPSIM" run "$CAPSIM_SCENARIOS/quickstart.ini" --trials 40 --quiet \
    --out "$tmp/r" || { echo "run failed"; exit 1; }
check_report "$tmp/r" quickstart
"$CAPSIM" run "$CAPSIM_SCENARIOS/sweep-capitation.ini" --trials 20 --quiet \
    --out "$tmp/s" || { echo "sweep failed"; exit 1; }
check_report "$tmp/s" sweep-capitation
grep -q "breaks even" "$tmp/dom.html" || fail "sweep: no break-even summary"
"$CAPSIM" tornado "$CAPSIM_SCENARIOS/uncertain-growth.ini" --trials 20 \
    --quiet --out "$tmp/t" || { echo "tornado failed"; exit 1; }
check_report "$tmp/t" uncertain-growth
grep -q "Which inputs matter" "$tmp/dom.html" ||
    fail "tornado: no sensitivity summary"
exit $status
