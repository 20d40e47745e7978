#!/bin/sh
# man-lint.sh -- the manual pages pass mandoc's lint, and
# capsim-scenario(5) names every section and key of
# docs/scenario-format.md.  Skipped (77) without mandoc, unless
# CAPSIM_REQUIRE lists mandoc (CI), when that is a failure.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later
srcdir=${srcdir:-.}
man=$srcdir/docs/man
status=0
fail() { echo "man-lint: FAIL: $*" >&2; status=1; }

# Every key of the format's tables, and every section, has its place
# on the page, set in a macro (a KEY.NAME key by its prefix); this needs
# no mandoc.
keys=$(sed -n 's/^| `\([a-z_]*\)[.A-Za-z_]*` |.*/\1/p' \
       "$srcdir/docs/scenario-format.md" | sort -u)
[ -n "$keys" ] || fail "no keys found in docs/scenario-format.md"
for k in $keys; do
    grep '^\.' "$man/capsim-scenario.5" | grep -qw -e "$k" ||
        fail "capsim-scenario.5 does not describe the key $k"
done
sections=$(sed -n 's/^## \[\([a-z_]*\)[.A-Z]*\]$/\1/p' \
           "$srcdir/docs/scenario-format.md")
[ -n "$sections" ] || fail "no sections found in docs/scenario-format.md"
for s in $sections; do
    grep -q "^\.SS \[$s[].]" "$man/capsim-scenario.5" ||
        fail "capsim-scenario.5 has no heading for [$s]"
done

if ! command -v mandoc >/dev/null 2>&1; then
    case " $CAPSIM_REQUIRE " in
    *" mandoc "*) echo "man-lint: FAIL: mandoc not found" >&2; exit 1 ;;
    esac
    [ "$status" -eq 0 ] || exit 1
    echo "man-lint: no mandoc: lint skipped"
    exit 77
fi
# Warnings and errors fail; style notes (which change between mandoc
# versions) do not.
for page in capsim.1 capsim-scenario.5; do
    out=$(mandoc -Tlint -W warning "$man/$page" 2>&1)
    rc=$?
    [ "$rc" -eq 0 ] && [ -z "$out" ] ||
        fail "mandoc -Tlint $page (exit $rc): $out"
done
[ "$status" -eq 0 ] && echo "man-lint: both pages lint clean and complete"
exit $status
