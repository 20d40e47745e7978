#!/bin/sh
# validate-scale.sh -- time `capsim validate` on scenarios of 2,500 to
# 20,000 options (and as many contracts), and check the time grows in
# proportion to the file, not to its square.  Part of `make bench`, not
# of `make check`: times vary from machine to machine.
#
# Usage: validate-scale.sh CAPSIM QUICKSTART_INI
# Prints a Markdown table; exits 1 when 8 times the options take more
# than 24 times as long (linear growth gives about 8, quadratic 64).
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later
capsim=$1 quickstart=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# make_file N KIND OUT: the quick-start scenario with N options, each
# naming one of its four contracts (KIND options), or each with a
# contract of its own (KIND contracts).
make_file() {
    sed '/^\[option\./,$d' "$quickstart" >"$3"
    awk -v n="$1" -v kind="$2" 'BEGIN {
        split("acute_pbr acute_cap acute_block acute_share", c, " ")
        for (i = 1; i <= n; i++) {
            if (kind == "contracts") {
                printf "[contract.c%d]\ntype = capitation\n", i
                printf "provider = acute\nper_head = %d\n", 600 + i % 200
                printf "[option.o%d]\ncontracts = c%d\n", i, i
            } else
                printf "[option.o%d]\ncontracts = %s\n", i, c[i % 4 + 1]
        }
    }' >>"$3"
}

# seconds FILE: the best of three validations' wall-clock time.
seconds() {
    best=
    for _ in 1 2 3; do
        t=$( { /usr/bin/env time -f %e "$capsim" validate "$1" >/dev/null; } 2>&1 | tail -n 1)
        best=$(awk -v a="$best" -v b="$t" 'BEGIN { print (a == "" || b < a) ? b : a }')
    done
    echo "$best"
}

status=0
echo "| options | options naming 4 contracts (s) | each with its own contract (s) |"
echo "|--------:|------:|------:|"
for n in 2500 5000 10000 20000; do
    make_file $n options "$tmp/o$n.ini"
    make_file $n contracts "$tmp/c$n.ini"
    "$capsim" validate "$tmp/o$n.ini" >/dev/null || status=1
    "$capsim" validate "$tmp/c$n.ini" >/dev/null || status=1
    o=$(seconds "$tmp/o$n.ini")
    c=$(seconds "$tmp/c$n.ini")
    eval "o$n=$o c$n=$c"
    echo "| $n | $o | $c |"
done
# shellcheck disable=SC2154
for pair in "$o2500 $o20000" "$c2500 $c20000"; do
    set -- $pair
    if awk -v a="$1" -v b="$2" 'BEGIN { exit !(b > 24 * (a > 0.05 ? a : 0.05)) }'; then
        echo "validate-scale: 8 times the options took $2 s against $1 s: not linear" >&2
        status=1
    fi
done
exit $status
