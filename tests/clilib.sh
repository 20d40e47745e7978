# clilib.sh -- what the command-line tests share.  A test sets test_name (for
# its messages) and sources this file: it skips (exit 77) without the
# capsim binary, and provides $scenarios, a temporary folder $tmp
# removed on exit, fail and $failed, show_err and run.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

if [ -z "$CAPSIM" ] || [ ! -x "$CAPSIM" ]; then
    echo "$test_name: capsim binary not found (CAPSIM='$CAPSIM'); skipped"
    exit 77
fi
scenarios=${CAPSIM_SCENARIOS:-${srcdir:-.}/scenarios}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

failed=0
fail() {
    echo "$test_name: FAIL: $*" >&2
    failed=1
}

# Show a run's stderr when it did something unexpected.
show_err() {
    sed 's/^/    stderr: /' "$tmp/err" >&2
}

# run ARGS...: run capsim, stdout to $tmp/out, stderr to $tmp/err; the
# exit status is left in $rc.
run() {
    "$CAPSIM" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}

# wrote_nothing NAME: a refused `run --out "$tmp/res"` left no results
# folder and no temporary folder beside it (then clears both).
wrote_nothing() {
    [ ! -e "$tmp/res" ] || fail "$1: run wrote a results folder"
    for f in "$tmp"/.res.*; do
        [ -e "$f" ] && fail "$1: run left $f"
    done
    rm -rf "$tmp/res" "$tmp"/.res.*
}

# sha FILE: the file's SHA-256, in hex.
sha() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d' ' -f1
    else
        shasum -a 256 "$1" | cut -d' ' -f1
    fi
}
