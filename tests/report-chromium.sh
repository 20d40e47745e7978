#!/bin/sh
# report-chromium.sh -- report.html renders in headless Chromium with
# every chart and loads nothing from outside itself; the quickstart's
# report is fit for a board paper: its headline table and its
# recommendation on the first screen (900 px at 1280 px wide), nothing
# wider than a 390 px phone, at most 4 A4 pages in print.  The layout
# checks are themselves tried on copies of the report broken on purpose.
# With CAPSIM_REPORT_SHOTS naming a folder, the screenshots (1280 and
# 390 px wide) and the PDF are copied there.  Skipped (77)
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

# check_report DIR NAME: the report in DIR renders with a title and a
# viewport, shows every chart of DIR/plots, each with alt text and a
# caption, and fetches nothing.
check_report() {
    timeout 120 "$chromium" $flags --enable-logging=stderr --v=0 \
        --dump-dom "file://$1/report.html" \
        >"$tmp/dom.html" 2>"$tmp/chromium.log" || fail "$2: --dump-dom failed"
    grep -q "<h1>[^<]" "$tmp/dom.html" ||
        fail "$2: the rendered page has no title heading"
    grep -q '<meta name="viewport"' "$tmp/dom.html" ||
        fail "$2: the page has no viewport meta tag"
    # The waterfall's charts stay in plots/: its section is a table.
    charts=$(ls "$1/plots" | grep -v '^waterfall_' | grep -c '\.svg$')
    shown=$(grep -o '<img alt="[^"]*" src="data:image/svg+xml;base64,' \
            "$tmp/dom.html" | wc -l)
    [ "$shown" -eq "$charts" ] ||
        fail "$2: the rendered page has $shown charts, plots/ has $charts"
    grep -q '<img alt="" \|<img alt="[^"]*\.svg"' "$tmp/dom.html" &&
        fail "$2: a chart's alt text is empty or its file name"
    captions=$(grep -o '<figcaption>[^<]' "$tmp/dom.html" | wc -l)
    [ "$captions" -eq "$charts" ] ||
        fail "$2: $captions of $charts charts have a reading"
    if grep -i "CONSOLE" "$tmp/chromium.log" \
       | grep -qi "violates\|net::ERR"; then
        fail "$2: the page tried to load something: $(grep -i CONSOLE "$tmp/chromium.log" | head -n 1)"
    fi
    echo "report-chromium: $2: $shown charts rendered, nothing fetched"
}

# measure REPORT WIDTH: "width=W scroll=S headline=H recommendation=R"
# of REPORT laid out in a frame WIDTH px wide and 900 high: the frame's
# viewport width, the document's scroll width, and where the headline
# table and the recommendation end (-1: not there).  The framed copy
# drops the content security policy (which would also forbid the
# measuring script); check_report holds the original to it.
measure() {
    sed '/Content-Security-Policy/d' "$1" >"$tmp/framed.html"
    cat >"$tmp/measure.html" <<EOF
<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="framed.html" style="border:0;width:${2}px;height:900px">
</iframe><script>
document.getElementById("f").addEventListener("load", function () {
  var d = this.contentDocument, w = this.contentWindow;
  function bottom(id) {
    var e = d.getElementById(id);
    return e ? Math.ceil(e.getBoundingClientRect().bottom + w.scrollY) : -1;
  }
  document.documentElement.setAttribute("data-measure", "width="
    + w.innerWidth + " scroll=" + d.documentElement.scrollWidth
    + " headline=" + bottom("headline")
    + " recommendation=" + bottom("recommendation"));
});
</script></body></html>
EOF
    timeout 120 "$chromium" $flags --allow-file-access-from-files \
        --window-size=1280,900 --virtual-time-budget=10000 \
        --dump-dom "file://$tmp/measure.html" 2>/dev/null |
        sed -n 's/.*data-measure="\([^"]*\)".*/\1/p'
}

# field NAME MEASURE: the value of NAME in a measure's line.
field() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

# pages PDF: how many pages PDF has (its page tree's count, which must
# agree with its page objects), or 0.
pages() {
    count=$(grep -ao '/Count [0-9]*' "$1" | sed 's/.* //' | sort -n |
            tail -n 1)
    objects=$(grep -aoE '/Type */Page([^s]|$)' "$1" | wc -l)
    if [ -n "$count" ] && [ "$count" -eq "$objects" ]; then
        echo "$count"
    else
        echo 0
    fi
}

# first_screen REPORT: the headline table and the recommendation end
# within the first 900 px at 1280 px wide.  Prints what it measured,
# and returns 1 when they do not.
first_screen() {
    m=$(measure "$1" 1280)
    h=$(field headline "$m")
    r=$(field recommendation "$m")
    echo "at 1280 px the headline table ends at ${h:-?} px and the" \
         "recommendation at ${r:-?} px"
    [ -n "$h" ] && [ "$h" -gt 0 ] && [ "$h" -le 900 ] &&
        [ -n "$r" ] && [ "$r" -gt 0 ] && [ "$r" -le 900 ]
}

# phone REPORT: at 390 px wide nothing is wider than the viewport.
phone() {
    m=$(measure "$1" 390)
    w=$(field width "$m")
    s=$(field scroll "$m")
    echo "at 390 px the page is ${s:-?} px wide (viewport ${w:-?} px)"
    [ "${w:-0}" -eq 390 ] && [ -n "$s" ] && [ "$s" -le 390 ]
}

# print_pages REPORT: printed (its @page sets the paper), at most 4 pages, all
# A4; the PDF is $tmp/board.pdf.
print_pages() {
    rm -f "$tmp/board.pdf"
    timeout 120 "$chromium" $flags --no-pdf-header-footer \
        --print-to-pdf="$tmp/board.pdf" "file://$1" >/dev/null 2>&1
    n=$(pages "$tmp/board.pdf")
    other=$(grep -ao '/MediaBox *\[[^]]*\]' "$tmp/board.pdf" |
            grep -vc '\[0 0 59[45][.0-9]* 84[12][.0-9]*\]')
    echo "printed, $n pages ($other not A4)"
    [ "$n" -ge 1 ] && [ "$n" -le 4 ] && [ "$other" -eq 0 ]
}

# The quickstart as a board paper.
"$CAPSIM" run "$CAPSIM_SCENARIOS/quickstart.ini" --quiet \
    --out "$tmp/r" || { echo "run failed"; exit 1; }
check_report "$tmp/r" quickstart
for check in first_screen phone print_pages; do
    out=$($check "$tmp/r/report.html") || fail "quickstart: $out"
    echo "report-chromium: quickstart: $out"
done
for width in 1280 390; do
    height=900
    [ "$width" -eq 390 ] && height=2400
    timeout 120 "$chromium" $flags --window-size=$width,$height \
        --screenshot="$tmp/report-$width.png" "file://$tmp/r/report.html" \
        >/dev/null 2>&1 && [ -s "$tmp/report-$width.png" ] ||
        fail "quickstart: no screenshot at $width px"
done
if [ -n "${CAPSIM_REPORT_SHOTS:-}" ]; then
    cp "$tmp/report-1280.png" "$tmp/report-390.png" "$tmp/board.pdf" \
        "$CAPSIM_REPORT_SHOTS"/ || fail "cannot copy to $CAPSIM_REPORT_SHOTS"
fi

# The layout checks catch a report that regresses: a tall block before
# the headline, tables that no longer scroll inside their box, no print
# stylesheet.
sed 's|<header>|<div style="height:800px"></div><header>|' \
    "$tmp/r/report.html" >"$tmp/r/late.html"
sed 's|\.scroll{overflow-x:auto;max-width:100%}||' \
    "$tmp/r/report.html" >"$tmp/r/wide.html"
sed 's|@media print{|@media not all{|' \
    "$tmp/r/report.html" >"$tmp/r/noprint.html"
first_screen "$tmp/r/late.html" >/dev/null &&
    fail "a headline below the first screen passes"
phone "$tmp/r/wide.html" >/dev/null &&
    fail "a page wider than a phone passes"
print_pages "$tmp/r/noprint.html" >/dev/null &&
    fail "a report printed on more than 4 pages passes"

# A sweep and a tornado: each report has its own summary and charts.
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
