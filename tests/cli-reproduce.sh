#!/bin/sh
# cli-reproduce.sh -- a results folder is self-contained: a run, a
# tornado and a sweep each reproduce from their folder alone (inputs/)
# with every file the same, on 1, 2 and 3 threads; capsim verify finds
# every byte edited in any file, a file deleted and a file added (exit
# 1, naming it), and refuses a folder with no manifest or a damaged one
# (exit 2).
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

test_name=cli-reproduce
. "${srcdir:-.}/tests/clilib.sh"
unset SOURCE_DATE_EPOCH
# reproduce reruns into a temporary folder here, and must remove it.
mkdir "$tmp/t"
TMPDIR=$tmp/t
export TMPDIR

# The scenarios are copies, changed and removed after each run: only
# the folder's inputs/ can give the same results.
mkdir "$tmp/src"
mkdir "$tmp/src/data"
cp "$scenarios/quickstart.ini" "$scenarios/uncertain-growth.ini" \
    "$scenarios/sweep-capitation.ini" "$scenarios/county.ini" "$tmp/src/"
cp "$scenarios/data/county_practices.csv" "$tmp/src/data/"

# make NAME COMMAND FILE ARGS...: a results folder $tmp/NAME.
make_folder() {
    name=$1
    shift
    run "$@" -q -o "$tmp/$name"
    [ "$rc" -eq 0 ] || { fail "$name: capsim $* exited $rc"; show_err; }
}
# A run with every trial kept and its charts, on the system's clock.
make_folder run run "$tmp/src/quickstart.ini" -n 20 --keep-trials -j 2
# A tornado with a fixed clock (SOURCE_DATE_EPOCH) and no charts.
SOURCE_DATE_EPOCH=86400 make_folder tornado tornado \
    "$tmp/src/uncertain-growth.ini" -n 8 --no-plots -j 1
# A sweep of 5 points.
make_folder sweep run "$tmp/src/sweep-capitation.ini" -n 8 --no-plots
# A scenario with a practices CSV.
make_folder county run "$tmp/src/county.ini" -n 4 --no-plots
for f in "$tmp"/src/*.ini; do
    echo "; changed after the run" >>"$f"
done
rm -f "$tmp/src/sweep-capitation.ini" "$tmp/src/data/county_practices.csv"

[ -f "$tmp/run/inputs/quickstart.ini" ] ||
    fail "the run's folder has no inputs/quickstart.ini"
cmp -s "$tmp/run/inputs/quickstart.ini" "$scenarios/quickstart.ini" ||
    fail "inputs/quickstart.ini is not the scenario as read"
grep -q "^report.html = [0-9a-f]\{64\}$" "$tmp/run/manifest.ini" ||
    fail "the manifest has no checksum of report.html"
grep -q "^arg.1 = run$" "$tmp/run/manifest.ini" ||
    fail "the manifest does not record the command line"

# --- reproduce: exit 0 on 1, 2 and 3 threads -----------------------
for name in run tornado sweep; do
    for t in 1 2 3; do
        run reproduce "$tmp/$name" -j "$t" -q
        if [ "$rc" -ne 0 ]; then
            fail "reproduce $name on $t threads exited $rc"
            show_err
            sed 's/^/    stdout: /' "$tmp/out" | grep -v ' same ' >&2
        fi
    done
    grep -q "^same  *report.html$" "$tmp/out" ||
        fail "reproduce $name gives no verdict 'same' on report.html"
    echo "ok: $name reproduced on 1, 2 and 3 threads"
done
# The practices CSV is read from inputs/ too.
grep -q "^stored = inputs/county_practices.csv$" "$tmp/county/manifest.ini" ||
    fail "the manifest does not record the practices CSV's stored copy"
run reproduce "$tmp/county" -q -j 2
[ "$rc" -eq 0 ] || { fail "reproduce of a run with practices exited $rc"; show_err; }
# A SOURCE_DATE_EPOCH of the user's does not change a rerun's clock.
SOURCE_DATE_EPOCH=5 run reproduce "$tmp/run" -q -j 1
[ "$rc" -eq 0 ] || fail "reproduce with another SOURCE_DATE_EPOCH exited $rc"
# --out keeps the rerun, which verifies in turn; the temporary one is
# removed.
run reproduce "$tmp/tornado" -q -o "$tmp/again"
[ "$rc" -eq 0 ] || { fail "reproduce --out exited $rc"; show_err; }
run verify "$tmp/again"
[ "$rc" -eq 0 ] || fail "verify of a reproduced folder exited $rc"
[ -z "$(ls -A "$tmp/t")" ] ||
    fail "reproduce left its temporary folder behind: $(ls -A "$tmp/t")"

# An input changed in the folder: the rerun differs, and says so.
cp -r "$tmp/sweep" "$tmp/sweep-edited"
sed 's/^seed *=.*/seed = 7/' "$tmp/sweep/inputs/sweep-capitation.ini" \
    >"$tmp/sweep-edited/inputs/sweep-capitation.ini"
run reproduce "$tmp/sweep-edited" -q
[ "$rc" -eq 1 ] || fail "reproduce of a folder whose input changed exited $rc"
grep -q "^differs  *inputs/sweep-capitation.ini$" "$tmp/out" ||
    fail "reproduce does not say inputs/sweep-capitation.ini differs"

# --- verify ---------------------------------------------------------
run verify "$tmp/run"
[ "$rc" -eq 0 ] || { fail "verify of a fresh folder exited $rc"; show_err; }

# Every byte of every file: here the first and the last of each.
(cd "$tmp/run" && find . -type f ! -name manifest.ini | sed 's|^\./||' |
    sort) >"$tmp/files"
[ "$(grep -c . "$tmp/files")" -gt 20 ] || fail "too few files to check"
grep -q "^inputs/" "$tmp/files" || fail "no inputs/ file to check"
flip() {   # flip FILE OFFSET: change the byte at OFFSET
    old=$(dd if="$1" bs=1 skip="$2" count=1 2>/dev/null)
    new=x
    [ "$old" = x ] && new=y
    printf '%s' "$new" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}
n_checked=0
while read -r f; do
    size=$(wc -c <"$tmp/run/$f")
    cp "$tmp/run/$f" "$tmp/keep"
    for at in 0 $((size - 1)); do
        flip "$tmp/run/$f" "$at"
        run verify "$tmp/run"
        if [ "$rc" -ne 1 ] || ! grep -q "^differs  *$f$" "$tmp/out"; then
            fail "verify after a byte of $f changed: exit $rc, not 1 naming it"
        fi
        cp "$tmp/keep" "$tmp/run/$f"
    done
    n_checked=$((n_checked + 1))
done <"$tmp/files"
echo "ok: a byte changed in any of $n_checked files: verify names it"

# A file deleted, a file added (inside inputs/ too).
mv "$tmp/run/summary.csv" "$tmp/keep"
run verify "$tmp/run"
{ [ "$rc" -eq 1 ] && grep -q "^missing  *summary.csv$" "$tmp/out"; } ||
    fail "verify of a folder missing summary.csv: exit $rc, not 1 naming it"
mv "$tmp/keep" "$tmp/run/summary.csv"
for extra in notes.txt inputs/extra.csv plots/x.png; do
    echo 1 >"$tmp/run/$extra"
    run verify "$tmp/run"
    { [ "$rc" -eq 1 ] && grep -q "^extra  *$extra$" "$tmp/out"; } ||
        fail "verify of a folder with $extra added: exit $rc, not 1 naming it"
    rm -f "$tmp/run/$extra"
done
run verify "$tmp/run"
[ "$rc" -eq 0 ] || fail "verify after restoring every file exited $rc"

# --- not a results folder, a damaged manifest: exit 2 --------------
mkdir "$tmp/empty"
run verify "$tmp/empty"
[ "$rc" -eq 2 ] || fail "verify of a folder with no manifest exited $rc"
run reproduce "$tmp/empty"
[ "$rc" -eq 2 ] || fail "reproduce of a folder with no manifest exited $rc"
cp "$tmp/run/manifest.ini" "$tmp/keep"
# A byte of the record changed (the seed's last digit).
sed 's/^\(seed = .*\)[0-9]$/\10/; s/^\(seed = .*\)[1-9]0$/\11/' \
    "$tmp/keep" >"$tmp/run/manifest.ini"
cmp -s "$tmp/keep" "$tmp/run/manifest.ini" && fail "the manifest was not edited"
run verify "$tmp/run"
[ "$rc" -eq 2 ] || fail "verify of an edited manifest exited $rc, not 2"
grep -q "manifest.ini:[0-9][0-9]*: the manifest's checksum" "$tmp/err" ||
    fail "verify of an edited manifest does not say FILE:LINE: $(cat "$tmp/err")"
run reproduce "$tmp/run" -q
[ "$rc" -eq 2 ] || fail "reproduce of an edited manifest exited $rc, not 2"
# Cut short, and a line that is not INI.
head -n 20 "$tmp/keep" >"$tmp/run/manifest.ini"
run verify "$tmp/run"
[ "$rc" -eq 2 ] || fail "verify of a manifest cut short exited $rc"
{ head -n 5 "$tmp/keep"; echo "garbage"; sed 1,5d "$tmp/keep"; } \
    >"$tmp/run/manifest.ini"
run verify "$tmp/run"
{ [ "$rc" -eq 2 ] && grep -q "manifest.ini:6: cannot read" "$tmp/err"; } ||
    fail "verify of an unreadable line: exit $rc, $(cat "$tmp/err")"
cp "$tmp/keep" "$tmp/run/manifest.ini"
run verify "$tmp/run"
[ "$rc" -eq 0 ] || fail "verify after restoring the manifest exited $rc"

exit "$failed"
