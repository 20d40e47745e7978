#!/bin/sh
# cli-errors.sh -- end-to-end test of capsim's answers to bad input.
#
# A bad value is reported as "capsim: FILE:LINE: ..." with exit 2 and
# no results folder; usage errors exit 2 and point to --help; a full
# standard output is an error.  Exits 77 when the capsim binary is
# missing.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

test_name=cli-errors
. "${srcdir:-.}/tests/clilib.sh"

# --- a value out of range ------------------------------------------
# The quickstart scenario with frailty persistence 1.37, outside [0, 1).
bad=$tmp/bad-persistence.ini
sed 's/^persistence *= *[0-9.]*/persistence = 1.37/' \
    "$scenarios/quickstart.ini" >"$bad"
line=$(grep -n '^persistence = 1.37' "$bad" | cut -d: -f1)
if [ -z "$line" ]; then
    fail "quickstart.ini has no 'persistence =' line to spoil"
    line=0
fi
want="capsim: $bad:$line: "

run run "$bad" --trials 60 --out "$tmp/res"
[ "$rc" -eq 2 ] || fail "run on a bad value exited $rc, not 2"
first=$(head -n 1 "$tmp/err")
case $first in
    "$want"*persistence*) ;;
    *) fail "run: stderr is '$first', expected '$want...persistence...'" ;;
esac
[ ! -e "$tmp/res" ] || fail "run on a bad value wrote a results folder"
for f in "$tmp"/.res.* "$tmp"/.*.tmp-*; do
    [ -e "$f" ] && fail "run on a bad value left $f"
done
cp "$tmp/err" "$tmp/err.run"

run validate "$bad"
[ "$rc" -eq 2 ] || fail "validate on a bad value exited $rc, not 2"
cmp -s "$tmp/err" "$tmp/err.run" ||
    fail "validate's message '$(cat "$tmp/err")' differs from run's"
[ ! -s "$tmp/out" ] || fail "validate on a bad value printed to stdout"

# --- a missing file ------------------------------------------------
# A scenario that cannot be opened is bad input: exit 2, not 1 (the
# loader's CAP_EIO once mapped to a runtime failure).
missing=$tmp/no-such-scenario.ini
run run "$missing" --out "$tmp/res2"
[ "$rc" -eq 2 ] || fail "run on a missing file exited $rc, not 2"
grep -qF "$missing" "$tmp/err" ||
    { fail "the message does not name $missing"; show_err; }
[ ! -e "$tmp/res2" ] || fail "run on a missing file wrote a folder"
run validate "$missing"
[ "$rc" -eq 2 ] || fail "validate on a missing file exited $rc, not 2"

# --- an engine the scenario cannot have ----------------------------
# Case management ranks people, which the aggregate engine has not.
run run "$scenarios/case-management.ini" --engine aggregate -n 2 \
    --out "$tmp/res3"
[ "$rc" -eq 2 ] || fail "--engine aggregate on case management exited $rc"
grep -q "aggregate engine.*case management" "$tmp/err" ||
    { fail "--engine aggregate: no reason given"; show_err; }
[ ! -e "$tmp/res3" ] || fail "--engine aggregate wrote a folder"

# --- a run that cannot fit in memory ------------------------------
# A billion county trials keep terabytes of outcomes: refused at once,
# with the estimate, before any trial runs or any folder is written.
run run "$scenarios/county.ini" -n 1000000000 -q --out "$tmp/res4"
[ "$rc" -eq 1 ] || fail "a run too big for memory exited $rc, not 1"
grep -q "this run needs about .* GiB of memory" "$tmp/err" ||
    { fail "a run too big for memory: no estimate"; show_err; }
[ ! -e "$tmp/res4" ] || fail "a run too big for memory wrote a folder"

# --- usage errors --------------------------------------------------
# usage DESCRIPTION ARGS...: expect exit 2 and a pointer to --help.
usage() {
    what=$1
    shift
    run "$@"
    [ "$rc" -eq 2 ] || fail "$what: exited $rc, not 2"
    grep -q "Try 'capsim --help'" "$tmp/err" ||
        { fail "$what: no \"Try 'capsim --help'\" on stderr"; show_err; }
}

good=$scenarios/quickstart.ini
usage "no command"
usage "unknown command" simulate "$good"
usage "run without a file" run
usage "--trials abc" run --trials abc --out "$tmp/u1" "$good"
usage "--threads 0" run --threads 0 --out "$tmp/u2" "$good"
usage "an unknown option" run --frobnicate --out "$tmp/u3" "$good"
usage "--engine fast" run --engine fast --out "$tmp/u4" "$good"
for d in u1 u2 u3 u4; do
    [ ! -e "$tmp/$d" ] || fail "a usage error wrote $tmp/$d"
done

# --- a full standard output ----------------------------------------
if [ -w /dev/full ]; then
    "$CAPSIM" --help >/dev/full 2>"$tmp/err"
    rc=$?
    [ "$rc" -ne 0 ] || fail "capsim --help >/dev/full exited 0"
fi

if [ "$failed" -ne 0 ]; then
    echo "cli-errors: failed"
    exit 1
fi
echo "cli-errors: all checks passed"
exit 0
