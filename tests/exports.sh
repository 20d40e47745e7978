#!/bin/sh
# exports.sh -- libcapsim exports exactly what its installed headers
# declare.
#
# The library is compiled with hidden visibility and its installed
# headers mark each declaration CAP_EXPORT (include/capsim/export.h).
# This compares the functions the built shared library exports (nm -D)
# with the functions declared in the installed headers (CAPSIM_HEADERS,
# from Makefile.am's capsiminclude_HEADERS; static inline ones are not
# exported), and the variables likewise, and names every difference: a
# declaration not exported lacks CAP_EXPORT or a definition; an export
# not declared is an internal function that escaped.  Skips (77) in a
# --disable-shared build, or where the compiler has no -fvisibility.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

test_name=exports
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
lib=$top_builddir/.libs/libcapsim.so
if [ ! -e "$lib" ]; then
    echo "$test_name: no $lib (a --disable-shared build): skipped"
    exit 77
fi
if [ -n "${CAPSIM_VISIBILITY+set}" ] && [ -z "$CAPSIM_VISIBILITY" ]; then
    echo "$test_name: the compiler has no -fvisibility=hidden: skipped"
    exit 77
fi
headers=${CAPSIM_HEADERS:-$(cd "$srcdir" && ls include/capsim/*.h)}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# What the headers declare, "F name" or "V name" a line: comments, the
# C++ guards and preprocessor lines go, each {...} body becomes the end
# of a statement, and a statement that is not a typedef or static
# declares a function when a name is followed by "(", else a variable
# when it says extern.
for h in $headers; do cat "$srcdir/$h"; done | perl -0777 -ne '
    s{/\*.*?\*/}{ }gs;
    s{^[ \t]*#[ \t]*ifdef[ \t]+__cplusplus\b.*?^[ \t]*#[ \t]*endif[^\n]*}{}gms;
    s{^[ \t]*#(?:[^\n]*\\\n)*[^\n]*}{}gm;
    1 while s/\{[^{}]*\}/;/g;
    for my $st (split /;/) {
        $st =~ s/\s+/ /g;
        $st =~ s/^ //;
        next if $st eq "" || $st =~ /^(typedef|static)\b/;
        if ($st =~ /\b(?!__attribute__)([A-Za-z_]\w*)\s*\(/) {
            print "F $1\n";
        } elsif ($st =~ /\bextern\b.*?\b([A-Za-z_]\w*)\s*(\[[^\]]*\]\s*)*$/) {
            print "V $1\n";
        }
    }' | sort -u >"$tmp/declared"

# What the library exports: functions (T, W, i) and variables (D, R, B,
# V), less the compiler's own ("." names: an OpenMP critical section's
# lock) and the linker's (_init, _fini).
# _edata, _end and __bss_start are the linker's, not capsim's: it
# exports them when a library linked in (libxlsxwriter) exports its own.
nm -D --defined-only --extern-only "$lib" | awk '
    NF == 3 && $3 !~ /^\./ && $3 != "_init" && $3 != "_fini" &&
    $3 != "_edata" && $3 != "_end" && $3 != "__bss_start" {
        if ($2 ~ /^[TWi]$/) print "F", $3
        else if ($2 ~ /^[DRBV]$/) print "V", $3
    }' | sort -u >"$tmp/exported"

fail=0
comm -23 "$tmp/declared" "$tmp/exported" >"$tmp/missing"
comm -13 "$tmp/declared" "$tmp/exported" >"$tmp/extra"
while read -r kind name; do
    echo "$test_name: declared in an installed header, not exported: $name ($kind)"
    fail=1
done <"$tmp/missing"
while read -r kind name; do
    echo "$test_name: exported, declared in no installed header: $name ($kind)"
    fail=1
done <"$tmp/extra"
n=$(grep -c '^F' "$tmp/exported")
if [ "$n" -eq 0 ]; then
    echo "$test_name: read no export from $lib"
    exit 1
fi
[ "$fail" -eq 0 ] && echo "$test_name: $n functions exported, each declared in an installed header, and no other"
exit $fail
