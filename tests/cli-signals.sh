#!/bin/sh
# cli-signals.sh -- an interrupted run, a killed one and a full disk
# leave nothing behind.
#
# SIGINT, SIGTERM and SIGHUP during a run remove its temporary folder,
# stop gnuplot and exit 130, 143 and 129; under nohup SIGHUP is ignored.
# After SIGKILL, the next run to the same parent removes the debris its
# marker proves a dead capsim's, and keeps what it cannot prove.  A file
# that cannot be written (a file-size limit) is named once with the
# system's reason, exit 1, and no folder is left.  Exits 77 when the
# capsim binary is missing.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

test_name=cli-signals
. "${srcdir:-.}/tests/clilib.sh"

# A run that is still going when the signal arrives (tens of seconds).
long="$scenarios/county.ini"
long_trials=1000000
cd "$tmp" || exit 1

# wait_for GLOB: until a file matching GLOB exists (10 s at most).
wait_for() {
    i=0
    while [ $i -lt 200 ]; do
        for f in $1; do
            [ -e "$f" ] && return 0
        done
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}

# left DIR: what a run to DIR/r left (its folder, temporary folders).
left() {
    ls -A "$1" 2>/dev/null | grep -e '^r$' -e '^\.r\.'
}

# --- SIGINT, SIGTERM and SIGHUP ---------------------------------------
# A shell may start background commands with SIGINT ignored, which
# capsim then keeps ignoring (as for SIGHUP under nohup): GNU env gives
# SIGINT back its default action where the shell ignores it.
start_bg=
sleep 5 &
probe=$!
sleep 0.2
kill -INT $probe 2>/dev/null
sleep 0.2
signals="INT:130 TERM:143 HUP:129"
if kill -0 $probe 2>/dev/null; then
    kill $probe
    if env --default-signal=INT true 2>/dev/null; then
        start_bg="env --default-signal=INT"
    else
        signals="TERM:143 HUP:129"
        echo "$test_name: background commands ignore SIGINT here; SIGINT not sent"
    fi
fi
wait $probe 2>/dev/null
for s in $signals; do
    sig=${s%:*} want=${s#*:}
    mkdir "d$sig"
    $start_bg "$CAPSIM" run "$long" --trials $long_trials --out "d$sig/r" \
        -q 2>"$tmp/err" &
    pid=$!
    if ! wait_for "d$sig/.r.tmp-*/.capsim-tmp"; then
        fail "SIG$sig: no temporary folder appeared"
    fi
    sleep 0.3
    kill -$sig $pid
    wait $pid
    rc=$?
    [ "$rc" -eq "$want" ] || { fail "SIG$sig: exit $rc, not $want"; show_err; }
    [ -z "$(left "d$sig")" ] ||
        fail "SIG$sig left $(left "d$sig" | tr '\n' ' ')"
    grep -q "interrupted by SIG$sig" "$tmp/err" ||
        { fail "SIG$sig: no 'interrupted' message"; show_err; }
done

# --- gnuplot is stopped with capsim ---------------------------------------
# A gnuplot that says its pid and never finishes.
cat >fake-gnuplot <<'EOS'
#!/bin/sh
echo $$ >"$FAKE_GNUPLOT_PID"
exec sleep 60
EOS
chmod +x fake-gnuplot
mkdir dg
FAKE_GNUPLOT_PID=$tmp/gnuplot.pid CAPSIM_GNUPLOT=$tmp/fake-gnuplot \
    "$CAPSIM" run "$scenarios/quickstart.ini" --trials 50 --out dg/r -q \
    2>"$tmp/err" &
pid=$!
if wait_for "$tmp/gnuplot.pid" && sleep 0.2 && [ -s "$tmp/gnuplot.pid" ]; then
    gp=$(cat "$tmp/gnuplot.pid")
    kill -TERM $pid
    wait $pid
    rc=$?
    [ "$rc" -eq 143 ] || { fail "SIGTERM while drawing: exit $rc"; show_err; }
    sleep 0.2
    if kill -0 "$gp" 2>/dev/null; then
        fail "gnuplot ($gp) still runs after capsim was stopped"
        kill "$gp"
    fi
    [ -z "$(left dg)" ] || fail "SIGTERM while drawing left $(left dg)"
else
    fail "the fake gnuplot did not start"
    kill $pid
    wait $pid
fi

# --- nohup: SIGHUP stays ignored --------------------------------------------
if command -v nohup >/dev/null 2>&1; then
    mkdir dn
    nohup "$CAPSIM" run "$scenarios/quickstart.ini" --trials 20000 --out dn/r \
        -q --no-plots >/dev/null 2>"$tmp/err" &
    pid=$!
    wait_for "dn/.r.tmp-*" || fail "nohup: no temporary folder appeared"
    kill -HUP $pid 2>/dev/null
    wait $pid
    rc=$?
    [ "$rc" -eq 0 ] || { fail "under nohup, SIGHUP ended the run ($rc)"; show_err; }
    [ -f dn/r/summary.csv ] || fail "under nohup, no results after SIGHUP"
fi

# --- debris after SIGKILL ----------------------------------------------------
mkdir dk
"$CAPSIM" run "$long" --trials $long_trials --out dk/r -q 2>/dev/null &
pid=$!
wait_for "dk/.r.tmp-*/.capsim-tmp" || fail "SIGKILL: no temporary folder"
kill -KILL $pid
wait $pid 2>/dev/null
killed=$(ls -A dk | grep '^\.r\.tmp-')
[ -n "$killed" ] || fail "SIGKILL left no debris to test with"
# Debris capsim cannot prove its own stays: no marker; a marker of a
# live process; a marker of another host; a moved-aside folder that
# holds a file its manifest does not list.
mkdir dk/.r.tmp-nomark
echo "mine" >dk/.r.tmp-nomark/keep.txt
sleep 30 &
alive=$!
for d in alive other; do
    mkdir "dk/.r.tmp-$d"
    echo "mine" >"dk/.r.tmp-$d/keep.txt"
done
sed "s/^pid = .*/pid = $alive/" "dk/$killed/.capsim-tmp" \
    >dk/.r.tmp-alive/.capsim-tmp
sed "s/^host = .*/host = another-host.example/" "dk/$killed/.capsim-tmp" \
    >dk/.r.tmp-other/.capsim-tmp
"$CAPSIM" run "$scenarios/quickstart.ini" --trials 20 --out old -q \
    --no-plots || fail "a run to make an old folder failed"
cp -R old dk/.r.old-AAAAAA
cp -R old dk/.r.old-BBBBBB
echo "mine" >dk/.r.old-BBBBBB/keep.txt
# A name that is only like a temporary folder's.
mkdir dk/.r.tmp-notes
echo "mine" >dk/.r.tmp-notes/keep.txt
run run "$scenarios/quickstart.ini" --trials 20 --out dk/r -q --no-plots
[ "$rc" -eq 0 ] || { fail "the run after SIGKILL exited $rc"; show_err; }
[ ! -e "dk/$killed" ] || fail "the killed run's $killed was not removed"
[ ! -e dk/.r.old-AAAAAA ] || fail "the moved-aside capsim folder was kept"
for d in .r.tmp-nomark .r.tmp-alive .r.tmp-other .r.old-BBBBBB .r.tmp-notes
do
    [ -f "dk/$d/keep.txt" ] || fail "a run removed dk/$d, which it could not prove its own"
done
[ -f dk/r/summary.csv ] || fail "the run after SIGKILL wrote no results"
ls -A dk/r | grep -q capsim-tmp && fail "the marker is in the results folder"
kill $alive 2>/dev/null

# --- write errors: a file-size limit -------------------------------------------
# ulimit -f counts blocks of 512 or 1024 bytes by shell: 1 block stops
# summary.csv; 400 (200 or 400 kB) lets the tables and charts through
# and stops report.html (over 500 kB).
for case in 1:summary.csv 400:report.html; do
    limit=${case%:*} file=${case#*:}
    mkdir "dw$limit"
    (ulimit -f "$limit" && exec "$CAPSIM" run "$scenarios/quickstart.ini" \
        --trials 200 --out "dw$limit/r" -q) >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [ "$rc" -eq 1 ] || { fail "ulimit -f $limit: exit $rc, not 1"; show_err; }
    want="capsim: cannot write dw$limit/r/$file: "
    grep -q "^$want" "$tmp/err" ||
        { fail "ulimit -f $limit: no '$want...'"; show_err; }
    [ "$(wc -l <"$tmp/err")" -eq 1 ] ||
        { fail "ulimit -f $limit: more than one line of complaint"; show_err; }
    [ -z "$(left "dw$limit")" ] ||
        fail "ulimit -f $limit left $(left "dw$limit" | tr '\n' ' ')"
done

if [ "$failed" -ne 0 ]; then
    echo "cli-signals: failed"
    exit 1
fi
echo "cli-signals: all checks passed"
exit 0
