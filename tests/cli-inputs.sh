#!/bin/sh
# cli-inputs.sh -- inputs are read once, when the scenario is loaded.
#
# The scenario and its practices CSV are changed and deleted while a run
# simulates; the run must still succeed, and its manifest checksums and
# the report's copy of the scenario must be those of the bytes that were
# simulated, not of the files as they are at the end.  Exits 77 when
# the capsim binary is missing.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

test_name=cli-inputs
. "${srcdir:-.}/tests/clilib.sh"

# The quickstart scenario with its population in a practices file.
d=$tmp/in
mkdir "$d"
sed 's/^persons *= *30000.*/file = practices.csv/' \
    "$scenarios/quickstart.ini" >"$d/s.ini"
grep -q '^file = practices.csv' "$d/s.ini" ||
    fail "quickstart.ini has no 'persons = 30000' line to replace"
grep -q '^per_head = 700' "$d/s.ini" ||
    fail "quickstart.ini has no 'per_head = 700' line"
printf 'practice,locality,persons\nP1,north,18000\nP2,south,12000\n' \
    >"$d/practices.csv"
want_s=$(sha "$d/s.ini")
want_p=$(sha "$d/practices.csv")

# Start a long run and, once its temporary results folder exists (the
# scenario is loaded by then), edit the scenario and delete the CSV.
"$CAPSIM" run "$d/s.ini" --no-plots --trials 6000 --threads 1 -q \
    --out "$tmp/res" >"$tmp/out" 2>"$tmp/err" &
pid=$!
n=0
while [ -z "$(ls -a "$tmp" | grep '^\.res\.tmp-')" ] && [ "$n" -lt 600 ]; do
    sleep 0.05 2>/dev/null || sleep 1
    n=$((n + 1))
done
[ "$n" -lt 600 ] || fail "no temporary results folder appeared"
sed 's/^per_head = 700/per_head = 999/' "$d/s.ini" >"$d/s.new" &&
    mv "$d/s.new" "$d/s.ini"
rm -f "$d/practices.csv"
# Still running, or the test proved nothing.
kill -0 "$pid" 2>/dev/null ||
    fail "the run ended before the inputs were changed; raise --trials"
wait "$pid"
rc=$?
if [ "$rc" -ne 0 ]; then
    fail "the run exited $rc after its inputs changed, expected 0"
    show_err
fi
m=$tmp/res/manifest.ini
if [ -f "$m" ]; then
    grep -qx "sha256 = $want_s" "$m" ||
        fail "manifest: no input has the scenario's sha256 as simulated"
    grep -qx "sha256 = $want_p" "$m" ||
        fail "manifest: no input has the practices' sha256 as simulated"
    # inputs/ keeps the bytes as read at load, not as they are now.
    [ "$(sha "$tmp/res/inputs/s.ini")" = "$want_s" ] ||
        fail "inputs/s.ini is not the scenario as simulated"
    [ "$(sha "$tmp/res/inputs/practices.csv")" = "$want_p" ] ||
        fail "inputs/practices.csv is not the practices as simulated"
    grep -q "^per_head = 700" "$tmp/res/report.html" ||
        fail "report.html does not show per_head = 700 as simulated"
    grep -q "per_head = 999" "$tmp/res/report.html" &&
        fail "report.html shows the edit made during the run (999)"
else
    fail "the run wrote no manifest.ini"
fi

exit "$failed"
