#!/bin/sh
# cli-mpi.sh -- under mpirun, 2 and 3 processes write the same bytes as
# one process: every file of the results folder, charts included, for a
# run with incentives and every trial kept, a sweep, uncertain inputs
# with an intervention's counterfactual runs, and a tornado; and each
# of those folders reproduces (capsim reproduce) under 2 and 3
# processes, and one made under 3 reproduces as one process.  Bad input,
# an existing folder and a failing trial give one process's message and
# exit status, once, and nothing hangs.
#
# Runs in a build --with-mpi; exits 77 without capsim or mpirun.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

test_name=cli-mpi
. "${srcdir:-.}/tests/clilib.sh"
if [ -z "$MPIRUN" ] || ! command -v "$MPIRUN" >/dev/null 2>&1; then
    echo "cli-mpi: mpirun not found (MPIRUN='$MPIRUN'); skipped"
    exit 77
fi

# The manifest's times (and so the report's) from a fixed clock, so
# that whole folders can be compared byte for byte.
SOURCE_DATE_EPOCH=86400
export SOURCE_DATE_EPOCH
# More processes than this machine has cores; Open MPI refuses to start
# as root unless told it may.
mpirun_flags=--oversubscribe
[ "$(id -u)" = 0 ] && mpirun_flags="$mpirun_flags --allow-run-as-root"
# Containers often forbid the cross-memory attach that Open MPI's
# shared-memory transport uses by default; copying through shared
# memory works everywhere and is as fast for messages this small.
OMPI_MCA_btl_vader_single_copy_mechanism=${OMPI_MCA_btl_vader_single_copy_mechanism:-none}
export OMPI_MCA_btl_vader_single_copy_mechanism
# A hung run fails the test instead of stalling the suite.
limit=
command -v timeout >/dev/null 2>&1 && limit="timeout 120"

# mpi N ARGS...: capsim ARGS under N processes, stdout to $tmp/out,
# stderr to $tmp/err; the exit status is left in $rc.
mpi() {
    n=$1
    shift
    # shellcheck disable=SC2086
    $limit "$MPIRUN" $mpirun_flags -np "$n" "$CAPSIM" "$@" \
        >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [ "$rc" -ne 124 ] || fail "capsim $* under $n processes hung"
}

# one ARGS...: capsim ARGS as one process, the same way.
one() {
    "$CAPSIM" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}

# same A B WHAT: folders A and B hold the same files with the same bytes,
# but for the manifest, which records each run's command line and
# processes: its checksums of them must be the same.
same() {
    (cd "$1" && find . -type f ! -name manifest.ini | sort) >"$tmp/files.a"
    (cd "$2" && find . -type f ! -name manifest.ini | sort) >"$tmp/files.b"
    sed -n '/^\[outputs\]/,/^$/p' "$1/manifest.ini" >"$tmp/outputs.a"
    sed -n '/^\[outputs\]/,/^$/p' "$2/manifest.ini" >"$tmp/outputs.b"
    cmp -s "$tmp/outputs.a" "$tmp/outputs.b" ||
        fail "$3: the manifests' checksums differ"
    if ! cmp -s "$tmp/files.a" "$tmp/files.b"; then
        fail "$3: the folders hold different files"
        diff "$tmp/files.a" "$tmp/files.b" | sed 's/^/    /' >&2
        return
    fi
    differ=0
    while read -r f; do
        cmp -s "$1/$f" "$2/$f" || { fail "$3: $f differs"; differ=1; }
    done <"$tmp/files.a"
    [ $differ = 1 ] ||
        echo "ok: $3: $(wc -l <"$tmp/files.a") files identical"
}

# compare NAME COMMAND FILE ARGS...: COMMAND FILE ARGS as one process
# and under 2 and 3, every results folder compared with the first.
compare() {
    name=$1 command=$2 file=$3
    shift 3
    one "$command" "$file" -j 1 -q -o "$tmp/$name-1" "$@"
    if [ "$rc" -ne 0 ]; then
        fail "$name: one process exited $rc"
        show_err
        return
    fi
    for n in 2 3; do
        mpi $n "$command" "$file" -j 1 -q -o "$tmp/$name-$n" "$@"
        if [ "$rc" -ne 0 ]; then
            fail "$name: $n processes exited $rc"
            show_err
            continue
        fi
        same "$tmp/$name-1" "$tmp/$name-$n" "$name, 1 and $n processes"
    done
}

# --- results: the same bytes -----------------------------------------
# The quickstart with who gains from prevention (reruns of the same
# futures) and every trial's outcomes kept.
cp "$scenarios/quickstart.ini" "$tmp/quickstart.ini"
printf '\n[incentives]\nservice = nonelective\n' >>"$tmp/quickstart.ini"
compare quickstart run "$tmp/quickstart.ini" -n 40 --keep-trials
# The rest without charts, which rank 0 draws from the tables' data.
# A sweep of 5 points.
compare sweep run "$scenarios/sweep-capitation.ini" -n 10 --keep-trials \
    --no-plots
# Uncertain inputs (drawn per trial, kept in inputs.csv) and a demand
# reduction's counterfactual runs.
compare uncertain run "$scenarios/system_risk_share.ini" -n 6 \
    --keep-trials --no-plots
# The individual engine, person by person.
compare individual run "$scenarios/quickstart.ini" -n 12 --engine individual \
    --keep-trials --no-plots
# A tornado: one run per input moved.
compare tornado tornado "$scenarios/uncertain-growth.ini" -n 10 --no-plots

# --- reproduce: every rank reruns, rank 0 writes and compares -------
# Its temporary folders go here, and must be gone afterwards.
mkdir "$tmp/t"
for name in quickstart sweep tornado; do
    for n in 2 3; do
        TMPDIR=$tmp/t mpi $n reproduce "$tmp/$name-1" -j 1 -q
        if [ "$rc" -ne 0 ]; then
            fail "reproduce $name under $n processes exited $rc"
            show_err
            grep -v '^same ' "$tmp/out" | sed 's/^/    stdout: /' >&2
        elif [ "$(grep -c '^same ' "$tmp/out")" -lt 5 ] ||
            grep -qv '^same \|reproduced: all' "$tmp/out"; then
            fail "reproduce $name under $n processes: not one verdict per file"
            sed 's/^/    stdout: /' "$tmp/out" >&2
        else
            echo "ok: $name reproduced under $n processes"
        fi
    done
done
# A folder made under 3 processes, reproduced by one.
TMPDIR=$tmp/t one reproduce "$tmp/tornado-3" -j 2 -q
[ "$rc" -eq 0 ] || { fail "reproduce of a 3-process tornado exited $rc"; show_err; }
# (Open MPI keeps its own session folder there too.)
left=$(ls -A "$tmp/t" | grep '^capsim-reproduce-')
[ -z "$left" ] || fail "reproduce left temporary folders: $left"

# --- failures: one process's verdict, said once ----------------------
# expect WHAT STATUS N ARGS...: ARGS as one process and under N exit
# STATUS with the same capsim: lines, each once.
expect() {
    what=$1 status=$2 n=$3
    shift 3
    one "$@"
    [ "$rc" -eq "$status" ] ||
        { fail "$what: one process exited $rc, not $status"; show_err; }
    grep '^capsim:' "$tmp/err" >"$tmp/said.1"
    [ -s "$tmp/said.1" ] || fail "$what: one process said nothing"
    mpi "$n" "$@"
    [ "$rc" -eq "$status" ] ||
        { fail "$what: $n processes exited $rc, not $status"; show_err; }
    grep '^capsim:' "$tmp/err" >"$tmp/said.n"
    if cmp -s "$tmp/said.1" "$tmp/said.n"; then
        echo "ok: $what: exit $status and the same message under $n"
    else
        fail "$what: $n processes said other than one process"
        sed 's/^/    /' "$tmp/said.1" "$tmp/said.n" >&2
    fi
}

# Bad input: frailty persistence outside [0, 1).
sed 's/^persistence *= *[0-9.]*/persistence = 1.37/' \
    "$scenarios/quickstart.ini" >"$tmp/bad.ini"
expect "bad input" 2 3 run "$tmp/bad.ini" -n 20 -q -o "$tmp/bad"
[ ! -e "$tmp/bad" ] || fail "bad input under mpirun wrote a results folder"
expect "bad input, validate" 2 2 validate "$tmp/bad.ini"

# An existing folder without --force: rank 0 refuses for all.
before=$(cat "$tmp/quickstart-1/summary.csv")
expect "existing folder" 2 3 run "$tmp/quickstart.ini" -n 40 -q \
    -o "$tmp/quickstart-1"
grep -q -- "--force" "$tmp/said.n" || fail "the refusal does not mention --force"
[ "$before" = "$(cat "$tmp/quickstart-1/summary.csv")" ] ||
    fail "a refused run under mpirun changed the existing folder"

# A trial that fails: a corridor whose uncertain thresholds can cross.
# With this seed the first of them to cross is trial 28, in the last
# rank's block of trials under 3 processes; the others must report it.
cp "$scenarios/quickstart.ini" "$tmp/crossing.ini"
cat >>"$tmp/crossing.ini" <<'INI'

[contract.acute_corridor]
type = corridor
provider = acute
target = 20.9e6
inner = uniform(0.02, 0.06)
outer = uniform(0.05, 0.09)

[option.corridor]
contracts = acute_corridor
INI
expect "failing trial" 2 3 run "$tmp/crossing.ini" -n 40 -s 10 -q \
    --no-plots -o "$tmp/crossing"
grep -q "trial 28 draws" "$tmp/said.n" ||
    fail "the failing trial is not trial 28: $(cat "$tmp/said.n")"
[ ! -e "$tmp/crossing" ] || fail "a failing run wrote a results folder"

# A usage error.
expect "usage error" 2 2 run "$tmp/quickstart.ini" --trials 1

exit $failed
