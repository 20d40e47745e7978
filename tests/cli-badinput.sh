#!/bin/sh
# cli-badinput.sh -- a table of bad inputs and capsim's answer to each.
#
# Every row makes one bad input and expects `capsim run` and `capsim
# validate` on it to exit 2 with the first line of stderr
# "capsim: FILE:LINE: ...MESSAGE..." (or "capsim: FILE: ..." where the
# problem has no line), and `run` to write nothing: no results folder
# and no temporary folder left behind.
#
# To add a row, add one line below the "rows" heading with one of:
#   ini_sed  NAME LINE 'MESSAGE' 'SED-SCRIPT'   quickstart.ini edited by sed
#   ini_text NAME LINE 'MESSAGE' 'PRINTF-FORMAT' a whole scenario file
#   csv_text NAME LINE 'MESSAGE' 'PRINTF-FORMAT' quickstart.ini's people
#                                                 from this practices CSV
#   path_row NAME LINE 'MESSAGE' PATH            an existing path as the
#                                                 scenario
# LINE is a number, '=' for the first line the edit changed (ini_sed),
# or '-' when the message names no line.  MESSAGE is matched as a
# substring (a shell pattern's special characters must be escaped).
# Exits 77 when the capsim binary is missing.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

test_name=cli-badinput
. "${srcdir:-.}/tests/clilib.sh"
base=$scenarios/quickstart.ini
rows=0

# check_row NAME INPUT FILE LINE MESSAGE: the checks every row shares;
# INPUT is the scenario given to capsim, FILE the file the message names.
check_row() {
    name=$1 input=$2 file=$3 line=$4 msg=$5
    rows=$((rows + 1))
    if [ "$line" = - ]; then
        want="capsim: $file: "
    else
        want="capsim: $file:$line: "
    fi
    for cmd in run validate; do
        if [ "$cmd" = run ]; then
            run run "$input" --trials 10 --no-plots -q --out "$tmp/res"
        else
            run validate "$input"
        fi
        [ "$rc" -eq 2 ] || fail "$name: $cmd exited $rc, not 2"
        first=$(head -n 1 "$tmp/err")
        case $first in
            "$want"*$msg*) ;;
            *) fail "$name: $cmd said '$first', expected '$want...$msg...'" ;;
        esac
    done
    wrote_nothing "$name"
}

ini_sed() {
    f=$tmp/$1.ini
    line=$2
    sed "$4" "$base" >"$f"
    if cmp -s "$base" "$f"; then
        fail "$1: the edit '$4' changed nothing in quickstart.ini"
        return
    fi
    [ "$line" = = ] &&
        line=$(cmp "$base" "$f" | sed -n 's/.*line \([0-9]*\).*/\1/p')
    check_row "$1" "$f" "$f" "$line" "$3"
}

ini_text() {
    f=$tmp/$1.ini
    # The format is the row's data: printf is how bytes are written.
    # shellcheck disable=SC2059
    printf "$4" >"$f"
    check_row "$1" "$f" "$f" "$2" "$3"
}

csv_text() {
    f=$tmp/$1.ini
    sed "s|^persons *= *30000.*|file = $1.csv|" "$base" >"$f"
    # shellcheck disable=SC2059
    printf "$4" >"$tmp/$1.csv"
    check_row "$1" "$f" "$tmp/$1.csv" "$2" "$3"
}

path_row() {
    check_row "$1" "$4" "$4" "$2" "$3"
}
# (A row whose input the makers above cannot write can call check_row
# itself, as the practices-folder row does.)

# ok_input NAME FILE: an input that must be accepted.
ok_input() {
    run validate "$2"
    if [ "$rc" -ne 0 ]; then
        fail "$1: validate exited $rc, expected 0"
        show_err
    fi
}

# --- rows ----------------------------------------------------------
# NUL bytes: in a value, in a CSV field.
ini_sed  nul-value      =  'NUL byte'  's/^trials = 1000/trials = 5\x00 0/'
csv_text nul-csv        2  'NUL byte'  'practice,locality,persons\nP1,north,10\00000\n'
# Other encodings, by byte-order mark or by their NULs.
ini_text utf16le-bom    1  'saved as UTF-16; save it as UTF-8'  '\377\376[\000s\000]\000\n\000'
ini_text utf16be-bom    1  'saved as UTF-16; save it as UTF-8'  '\376\377\000[\000s\000]\000\n'
ini_text utf16le        1  'saved as UTF-16; save it as UTF-8'  '[\000s\000]\000\n\000'
ini_text utf16be        1  'saved as UTF-16; save it as UTF-8'  '\000[\000s\000]\000\n'
ini_text utf32le-bom    1  'saved as UTF-32; save it as UTF-8'  '\377\376\000\000[\000\000\000'
ini_text utf32be        1  'saved as UTF-32; save it as UTF-8'  '\000\000\000[\000\000\000s'
csv_text utf16-csv      1  'saved as UTF-16'  '\377\376p\000r\000'
# Invalid UTF-8 (Latin-1, an overlong form, a surrogate), at its line.
ini_sed  latin1         =  'not valid UTF-8'  's/^name = quickstart/name = quick\xe9/'
ini_sed  overlong       =  'not valid UTF-8'  's/^; Runs in a few seconds/; \xc0\xaf/'
ini_sed  surrogate      =  'not valid UTF-8'  's/^; Runs in a few seconds/; \xed\xa0\x80/'
csv_text latin1-csv     3  'not valid UTF-8'  'practice,locality,persons\nP1,north,10\nP\351,south,5\n'
# Not regular files, and too large.
path_row directory      -  'not a regular file (it is a directory)'  "$tmp"
path_row device         -  'not a regular file (it is a device)'  /dev/zero
if mkfifo "$tmp/fifo" 2>/dev/null; then
    path_row fifo       -  'not a regular file (it is a FIFO)'  "$tmp/fifo"
fi
if truncate -s 65M "$tmp/huge.ini" 2>/dev/null; then
    path_row too-large  -  'larger than the limit of 64 MiB'  "$tmp/huge.ini"
    rm -f "$tmp/huge.ini"
fi
mkdir "$tmp/csv-dir.csv"
sed 's|^persons *= *30000.*|file = csv-dir.csv|' "$base" >"$tmp/csv-dir.ini"
check_row csv-dir "$tmp/csv-dir.ini" "$tmp/csv-dir.csv" - 'not a regular file (it is a directory)'
# Numbers are decimals: no hexadecimal, no infinity or nan spellings.
ini_sed  hex-whole      =  "'0x10' is not a whole number"  's/^trials = 1000/trials = 0x10/'
ini_sed  hex-float      =  "'0x1p-4' is not a number"  's/^cv = 1.0 /cv = 0x1p-4 /'
ini_sed  hex-dist       =  "'0x640' is not a number"  's/^unit_cost = 1600 .*/unit_cost = lognormal(0x640, 1.08)/'
ini_sed  inf-dist       =  "'inf' is not a number"  's/^unit_cost = 1600 .*/unit_cost = lognormal(inf, 1.08)/'
ini_sed  infinity       =  "'infinity' is not a number"  's/^trend = 0.03 /trend = infinity /'
ini_sed  INF            =  "'INF' is not a number"  's/^trend = 0.03 /trend = INF /'
ini_sed  nan            =  "'nan' is not a number"  's/^trend = 0.03 /trend = nan /'
ini_sed  inf-key        =  "'inf' is not a number"  's/^trend = 0.03 /trend = inf /'
ini_sed  INF-band       =  'must be numbers'  's/inf:1/INF:1/'
ini_sed  hex-band       =  'must be numbers'  's/0.05:0.5/0x1p-4:0.5/'
csv_text hex-csv        2  "'0x10' is not a whole number"  'practice,locality,persons\nP1,north,0x10\n'
csv_text inf-csv        2  "'inf' is not a whole number"  'practice,locality,persons\nP1,north,inf\n'
# A section header without its ']', at its own line.
ini_sed  unclosed       =  "unclosed section header"  's/^\[tier.well\].*/[tier.well/'
ini_sed  unclosed-opt   =  "unclosed section header"  's/^\[option.capitation\]/[option.share/'

[ "$rows" -gt 30 ] || fail "only $rows rows ran"

# --- accepted ------------------------------------------------------
# A UTF-8 byte-order mark (as Excel writes it) is skipped.
printf '\357\273\277' >"$tmp/bom.ini"
cat "$base" >>"$tmp/bom.ini"
ok_input bom-ini "$tmp/bom.ini"
sed 's|^persons *= *30000.*|file = bom.csv|' "$base" >"$tmp/bom-csv.ini"
printf '\357\273\277practice,locality,persons\nP1,north,30000\n' \
    >"$tmp/bom.csv"
ok_input bom-csv "$tmp/bom-csv.ini"
# 'inf' is a band's last edge, as documented.
ok_input inf-band "$base"

# --- formula-like names --------------------------------------------
# Accepted, and written to the CSVs with a leading ' so a spreadsheet
# shows them as text; numbers (negative ones included) are untouched.
sed 's/^\[option.capitation\]/[option.-2-3]/' "$base" >"$tmp/formula.ini"
run run "$tmp/formula.ini" --trials 10 --no-plots -q --out "$tmp/formula"
if [ "$rc" -ne 0 ]; then
    fail "formula: run exited $rc, expected 0"
    show_err
else
    for t in summary.csv risk_transfer.csv; do
        grep -q "^0,'-2-3," "$tmp/formula/$t" ||
            fail "formula: $t has no row for option '-2-3"
        grep -q "^0,-2-3," "$tmp/formula/$t" &&
            fail "formula: $t has -2-3 bare, which a spreadsheet computes"
    done
    # Every field but the option's is left as it was: no ' before a
    # number, and negative numbers are still there.
    awk -F, 'NR > 1 { for (i = 1; i <= NF; i++)
                          if (i != 2 && substr($i, 1, 1) == "\047") exit 1 }' \
        "$tmp/formula/summary.csv" ||
        fail "formula: summary.csv has a ' outside the option column"
    grep -q ',-[0-9]' "$tmp/formula/summary.csv" ||
        fail "formula: summary.csv has no negative number left as a number"
fi

exit "$failed"
