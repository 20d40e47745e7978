#!/bin/sh
# cli-force.sh -- what --force replaces, and which --out names capsim
# refuses before any work.
#
# --force replaces an empty folder or a capsim results folder (whose
# manifest.ini lists every file in it) and nothing else: not a folder
# holding a file capsim did not write, not one holding an input of the
# run (the scenario itself, --out proj with proj/my.ini), nor an
# ancestor of one.  Each refusal exits 2, names a file that would have
# been lost, and writes and removes nothing.  An empty name, '.', '..',
# a symbolic link (dangling or not), an existing file and a name with a
# control character are refused the same way.  Exits 77 when the capsim
# binary is missing.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

test_name=cli-force
. "${srcdir:-.}/tests/clilib.sh"

quick=$scenarios/quickstart.ini
cd "$tmp" || exit 1

# refused WHAT WANT ARGS...: capsim run ARGS exits 2 before simulating,
# with WANT in its message, and leaves no temporary folder.
refused() {
    what=$1 want=$2
    shift 2
    run run "$@" --trials 20 --no-plots -q
    [ "$rc" -eq 2 ] || { fail "$what: exit $rc, not 2"; show_err; }
    grep -q -- "$want" "$tmp/err" ||
        { fail "$what: no '$want' in the message"; show_err; }
    ls -a "$tmp" | grep -q '\.tmp-' && fail "$what: a temporary folder was left"
    rm -rf "$tmp"/.*.tmp-* 2>/dev/null
    return 0
}

# The listing of a folder with each file's checksum: what must not change.
snapshot() {
    (cd "$1" && find . -type f -exec cksum {} + | sort)
}

# --- the reports: a wrong --out with --force --------------------------
mkdir -p thesis/sub
echo "chapter one" >thesis/thesis.docx
echo "1,2,3" >thesis/sub/data.csv
before=$(snapshot thesis)
refused "--out thesis --force" "which capsim did not write" \
    "$quick" --out thesis --force
[ "$(snapshot thesis)" = "$before" ] || fail "--force changed thesis/"
grep -q -e "thesis.docx" -e "sub" "$tmp/err" ||
    fail "the refusal names no file of thesis/"

# --- --out proj with the scenario proj/my.ini ---------------------------
mkdir proj
cp "$quick" proj/my.ini
refused "--out proj holding the scenario" "proj/my.ini" \
    proj/my.ini --out proj --force
[ -f proj/my.ini ] || fail "--force removed proj/my.ini, the scenario"
# An ancestor of the input, and the input's folder given another way.
refused "--out . holding the scenario" "not a results folder name" \
    proj/my.ini --out . --force
mkdir -p deep/er
cp "$quick" deep/er/s.ini
refused "--out deep, an ancestor of the scenario" "an input of this run" \
    deep/er/s.ini --out deep --force
refused "--out proj/ (trailing slash)" "an input of this run" \
    proj/my.ini --out proj/ --force
# A scenario hard-linked into a results folder, in place of one of its
# files, is an input too (same device and inode).
cp "$quick" linked.ini
run run linked.ini --out res2 --trials 20 --no-plots -q
[ "$rc" -eq 0 ] || { fail "a first run exited $rc"; show_err; }
rm -f res2/summary.csv
if ln linked.ini res2/summary.csv 2>/dev/null; then
    refused "--out res2 holding a hard link to the scenario" \
        "summary.csv is an input of this run" linked.ini --out res2 --force
    cmp -s linked.ini "$quick" || fail "the hard-linked scenario changed"
fi
run run "$quick" --out res --trials 20 --no-plots -q
[ "$rc" -eq 0 ] || { fail "a first run exited $rc"; show_err; }

# --- a capsim folder with a file added -----------------------------------
echo "my notes" >res/notes.txt
refused "--force on a results folder with notes.txt" \
    "it holds notes.txt, which capsim did not write" "$quick" --out res \
    --force
[ -f res/notes.txt ] || fail "--force removed res/notes.txt"
rm res/notes.txt

# --- what --force does replace ---------------------------------------------
run run "$quick" --out res --trials 20 --force -q
[ "$rc" -eq 0 ] || { fail "--force on a capsim folder exited $rc"; show_err; }
[ -f res/plots/charts.csv ] || [ ! -x "$(command -v gnuplot)" ] ||
    fail "the replaced folder has no plots"
# With its plots, it is replaced again (the manifest lists them all).
for f in manifest.ini report.html; do
    grep -q "^$f = " res/manifest.ini || fail "manifest.ini does not list $f"
done
run run "$quick" --out res --trials 20 --force -q
[ "$rc" -eq 0 ] || { fail "--force on a folder with plots exited $rc"; show_err; }
# A folder of an earlier capsim, whose manifest has no [other_outputs]
# (it listed neither itself nor report.html), is capsim's too.
sed '/^\[other_outputs\]/,$d' res/manifest.ini >res/manifest.new &&
    mv res/manifest.new res/manifest.ini
run run "$quick" --out res --trials 20 --force -q
[ "$rc" -eq 0 ] ||
    { fail "--force on an earlier capsim's folder exited $rc"; show_err; }
ls -A | grep -q '^\.res\.old-' && fail "an earlier capsim's folder was kept aside"
mkdir empty
run run "$quick" --out empty --trials 20 --no-plots --force -q
[ "$rc" -eq 0 ] || { fail "--force on an empty folder exited $rc"; show_err; }
[ -f empty/summary.csv ] || fail "the empty folder was not replaced"
# A folder that only looks like capsim's: a manifest not written by it.
mkdir fake
printf '[outputs]\nthesis.docx = 0\n' >fake/manifest.ini
echo "chapter two" >fake/thesis.docx
refused "--force on a folder with a manifest not from capsim" \
    "which capsim did not write" "$quick" --out fake --force
[ -f fake/thesis.docx ] || fail "--force removed fake/thesis.docx"

# --- checked again at the end: a file added during the run ------------------
run run "$quick" --out mid --trials 20 --no-plots -q
[ "$rc" -eq 0 ] || { fail "a first run to mid exited $rc"; show_err; }
before=$(snapshot mid)
"$CAPSIM" run "$scenarios/county.ini" --trials 3000 --no-plots --no-waterfall -q --force \
    --out mid >"$tmp/out" 2>"$tmp/err" &
pid=$!
i=0
while [ $i -lt 400 ] && ! ls -A | grep -q '^\.mid\.tmp-'; do
    sleep 0.05
    i=$((i + 1))
done
ls -A | grep -q '^\.mid\.tmp-' || fail "the run to mid made no temporary folder"
echo "added while it ran" >mid/added.txt
wait $pid
rc=$?
[ "$rc" -eq 2 ] || { fail "a file added during the run: exit $rc, not 2"; show_err; }
grep -q "it holds added.txt, which capsim did not write" "$tmp/err" ||
    { fail "a file added during the run is not named"; show_err; }
rm -f mid/added.txt
[ "$(snapshot mid)" = "$before" ] || fail "the refused folder mid changed"
ls -A | grep -q -e '^\.mid\.tmp-' -e '^\.mid\.old-' &&
    fail "the refused run left a temporary or old folder"

# --- --out names refused before any work ------------------------------------
refused "--out ''" "name is empty" "$quick" --out ""
ln -s nowhere dangling
refused "--out a dangling link" "symbolic link" "$quick" --out dangling
refused "--out a dangling link/" "symbolic link" "$quick" --out dangling/ \
    --force
[ ! -e nowhere ] || fail "capsim wrote through the dangling link"
mkdir target
ln -s target link
refused "--out a link to a folder" "symbolic link" "$quick" --out link --force
[ -z "$(ls -A target)" ] || fail "capsim wrote through the link"
echo "text" >afile
refused "--out an existing file" "not a folder" "$quick" --out afile --force
[ "$(cat afile)" = "text" ] || fail "--force replaced the file afile"
refused "--out .." "not a results folder name" "$quick" --out .. --force
refused "--out x/.." "not a results folder name" "$quick" --out x/..
refused "--out with a newline" "control character" "$quick" --out "$(printf 'a\nb')"
refused "--out with a tab" "control character" "$quick" --out "$(printf 'a\tb')"
# Refused before simulating (at the start, not after the whole run):
# the temporary folder is never made, and a scenario with many trials
# is refused at once.
start=$(date +%s)
run run "$scenarios/county.ini" --trials 100000 --out afile --force -q
[ "$rc" -eq 2 ] || fail "--out afile with many trials: exit $rc, not 2"
[ $(( $(date +%s) - start )) -le 5 ] ||
    fail "--out afile was refused only after the simulation"

if [ "$failed" -ne 0 ]; then
    echo "cli-force: failed"
    exit 1
fi
echo "cli-force: all checks passed"
exit 0
