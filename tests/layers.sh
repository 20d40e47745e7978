#!/bin/sh
# layers.sh -- model/ keeps its layers: nothing uses a folder to its right.
#
# model/layers lists the folders in the order data flows.  Two checks:
#   1. includes: a file in model/L/ may include "M/x.h" only where M is L
#      or is listed before L; the public headers ("capsim/x.h") are open
#      to all, and an internal header named without its folder is refused;
#   2. calls: an object built from model/L/ may need (nm: undefined) a
#      cap_ function defined in model/M/ only where M is L or is listed
#      before L -- this catches a call made through a public header.
# The second check reads the build tree's objects; where none are built
# yet it says so and checks the includes alone.
# Exits 0 when both hold, 1 naming each breach.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

test_name=layers
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
order_file=$srcdir/model/layers
if [ ! -r "$order_file" ]; then
    echo "$test_name: cannot read $order_file"
    exit 1
fi
order=$(grep -v '^#' "$order_file" | tr -s ' \n' ' ' | sed 's/^ *//; s/ *$//')

# The folder of each layer, one per line, ranked by its place.
ranks=$(i=0; for l in $order; do i=$((i + 1)); echo "$l $i"; done)

# 1. Includes.  Prints "FILE:LINE: what", one line a breach.
include_breaches() {
    for layer in $order; do
        for f in "$srcdir"/model/"$layer"/*.[ch]; do
            [ -e "$f" ] || continue
            awk -v file="model/$layer/${f##*/}" -v layer="$layer" \
                -v ranks="$ranks" '
                BEGIN {
                    n = split(ranks, r, "\n")
                    for (i = 1; i <= n; i++) {
                        split(r[i], kv, " ")
                        rank[kv[1]] = kv[2]
                    }
                }
                /^[ \t]*#[ \t]*include[ \t]*"/ {
                    match($0, /"[^"]*"/)
                    target = substr($0, RSTART + 1, RLENGTH - 2)
                    if (target == "config.h" || target ~ /^capsim\//)
                        next
                    dir = target
                    sub(/\/.*/, "", dir)
                    if (index(target, "/") == 0 || !(dir in rank))
                        printf "%s:%d: \"%s\" names no layer folder " \
                               "(write \"%s/%s\" for a header of %s/)\n",
                               file, FNR, target, layer, target, layer
                    else if (rank[dir] > rank[layer])
                        printf "%s:%d: %s/ includes \"%s\" of %s/, " \
                               "a later layer\n", file, FNR, layer,
                               target, dir
                }' "$f"
        done
    done
}

# 2. Calls between the library's objects (and the command's).
call_breaches() {
    for layer in $order; do
        dir=$top_builddir/model/$layer
        set -- "$dir"/.libs/*.o
        [ -e "$1" ] || set -- "$dir"/*.o
        for o in "$@"; do
            [ -e "$o" ] || continue
            src="model/$layer/$(basename "$o" .o | sed 's/^[a-z_]*-//').c"
            nm -g "$o" | awk -v layer="$layer" -v src="$src" '
                $1 == "U" && $2 ~ /^cap_/ { print "U", layer, src, $2 }
                NF == 3 && $2 ~ /^[TDBR]$/ && $3 ~ /^cap_/ {
                    print "D", layer, src, $3
                }'
        done
    done | awk -v ranks="$ranks" '
        BEGIN {
            n = split(ranks, r, "\n")
            for (i = 1; i <= n; i++) {
                split(r[i], kv, " ")
                rank[kv[1]] = kv[2]
            }
        }
        $1 == "D" { defined_in[$4] = $2; defined_by[$4] = $3; next }
        { use[++nu] = $0 }
        END {
            for (i = 1; i <= nu; i++) {
                split(use[i], u, " ")
                d = defined_in[u[4]]
                if (d != "" && rank[d] > rank[u[2]])
                    printf "%s calls %s, defined in %s (%s/ is a " \
                           "later layer than %s/)\n", u[3], u[4],
                           defined_by[u[4]], d, u[2]
            }
        }'
}

found=$(include_breaches)
if [ -n "$found" ]; then
    echo "$found" | sed "s/^/$test_name: /"
    echo "$test_name: model/layers gives the order: $order"
    exit 1
fi
if ! ls "$top_builddir"/model/*/.libs/*.o "$top_builddir"/model/*/*.o \
        >/dev/null 2>&1; then
    echo "$test_name: no objects built; includes checked, calls not"
    exit 0
fi
found=$(call_breaches)
if [ -n "$found" ]; then
    echo "$found" | sed "s/^/$test_name: /"
    echo "$test_name: model/layers gives the order: $order"
    exit 1
fi
echo "$test_name: includes and calls follow model/layers ($order)"
