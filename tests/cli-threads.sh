#!/bin/sh
# cli-threads.sh -- a run's tables are the same bytes on 1 and 2 threads,
# on either engine.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later
test -x "$CAPSIM" || exit 77
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
scenario="$CAPSIM_SCENARIOS/quickstart.ini"

status=0
# Both engines: the default (aggregate for the quickstart) and the
# individual one.
for engine in auto individual; do
    for t in 1 2; do
        "$CAPSIM" run "$scenario" --trials 80 --threads "$t" --no-plots \
            --engine "$engine" --quiet --out "$tmp/$engine$t" ||
            { echo "run with $t threads ($engine) failed"; exit 1; }
    done
    for f in summary.csv risk_transfer.csv concentration.csv waterfall.csv; do
        if cmp -s "$tmp/${engine}1/$f" "$tmp/${engine}2/$f"; then
            echo "ok: $f identical for 1 and 2 threads ($engine)"
        else
            echo "FAIL: $f differs between 1 and 2 threads ($engine)"
            status=1
        fi
    done
    for t in 1 2; do
        sed -n '/^\[outputs\]/,/^$/p' "$tmp/$engine$t/manifest.ini" \
            >"$tmp/out$t"
    done
    cmp -s "$tmp/out1" "$tmp/out2" ||
        { echo "FAIL: output checksums differ ($engine)"; status=1; }
done
# Concentration is measured on people whichever engine priced the
# options, from the same streams: the same bytes.
if cmp -s "$tmp/auto1/concentration.csv" "$tmp/individual1/concentration.csv"
then
    echo "ok: concentration.csv identical on both engines"
else
    echo "FAIL: concentration.csv differs between the engines"
    status=1
fi
exit $status
