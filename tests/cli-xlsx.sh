#!/bin/sh
# cli-xlsx.sh -- results.xlsx read back with Python's openpyxl: the
# Headline sheet first, then one sheet per CSV of the folder, in the
# manifest's order, each with the CSV's rows, numbers stored as numbers
# equal to the CSV's, text as text, and its header row frozen.  Skipped
# (77) without a Python that has openpyxl, unless CAPSIM_REQUIRE lists
# openpyxl (as CI does), when that is a failure.  A build without
# libxlsxwriter must say so and write no workbook.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

test_name=cli-xlsx
. "${srcdir:-.}/tests/clilib.sh"

# The quickstart in pounds, with names for people (labels) of this
# test's own.
sed -e '/^label = /d' -e '/^currency = /d' \
    -e 's/^name = quickstart/&\
currency = GBP\
label = Quickstart, with names/' \
    -e 's/^\[provider\.acute\]/&\
label = Royal County Hospital NHS Trust/' \
    -e 's/^\[option\.pbr\]/&\
label = Payment by results/' \
    "$scenarios/quickstart.ini" >"$tmp/named.ini"
r=$tmp/r
run run "$tmp/named.ini" --trials 60 --keep-trials --no-plots --quiet \
    --out "$r"
[ "$rc" -eq 0 ] || { fail "run exited $rc"; show_err; exit 1; }

# names.csv: each identifier with its label, or itself.
for row in 'kind,id,label' 'scenario,quickstart,"Quickstart, with names"' \
           'option,pbr,Payment by results' 'option,capitation,capitation' \
           'party,commissioner,Commissioner' \
           'party,acute,Royal County Hospital NHS Trust' \
           'provider,acute,Royal County Hospital NHS Trust' \
           'service,elective,elective' 'contract,acute_cap,acute_cap'; do
    grep -qxF "$row" "$r/names.csv" || fail "names.csv lacks $row"
done
if [ ! -e "$r/results.xlsx" ]; then
    # A build without libxlsxwriter: a notice, and nothing listed.
    grep -q "built without libxlsxwriter; results.xlsx not written" \
        "$tmp/err" || fail "no results.xlsx, and no notice why"
    grep -q "^results.xlsx" "$r/manifest.ini" &&
        fail "manifest.ini lists a results.xlsx that is not there"
    [ "$failed" -eq 0 ] || exit 1
    echo "cli-xlsx: built without libxlsxwriter; workbook not checked"
    exit 77
fi
grep -q "^results.xlsx = [0-9a-f]\{64\}$" "$r/manifest.ini" ||
    fail "manifest.ini does not list results.xlsx with its checksum"

# A Python with openpyxl: python3 on PATH, else the system's (Debian's
# python3-openpyxl is for /usr/bin/python3).
python=
for py in ${CAPSIM_PYTHON:-} python3 /usr/bin/python3; do
    if "$py" -c 'import openpyxl' >/dev/null 2>&1; then
        python=$py
        break
    fi
done
if [ -z "$python" ]; then
    case " ${CAPSIM_REQUIRE:-} " in
    *" openpyxl "*) fail "no python3 with openpyxl (CAPSIM_REQUIRE)"
                    exit 1 ;;
    esac
    echo "cli-xlsx: no python3 with openpyxl; workbook not read back"
    exit 77
fi

"$python" - "$r" >"$tmp/py" 2>&1 <<'PY' || fail "$(cat "$tmp/py")"
import csv, math, os, sys
import openpyxl

folder = sys.argv[1]
wb = openpyxl.load_workbook(os.path.join(folder, "results.xlsx"))
problems = []

# The tables, in the manifest's order.
tables = []
with open(os.path.join(folder, "manifest.ini"), encoding="utf-8") as f:
    for line in f:
        name = line.split(" = ")[0]
        if name.endswith(".csv") and "/" not in name:
            tables.append(name[:-4])
want = ["Headline"] + tables
if wb.sheetnames != want:
    problems.append("sheets %s, expected %s" % (wb.sheetnames, want))
for name in ("summary", "risk_transfer", "concentration", "trials",
             "decision", "names"):
    if name not in tables:
        problems.append("no %s.csv among the tables" % name)

text_columns = {"option", "party", "period", "quantity", "metric", "group",
                "input", "service", "intervention", "type", "measure",
                "kind", "id", "label", "reason", "cause"}
for name in tables:
    if name not in wb.sheetnames:
        continue
    ws = wb[name]
    if ws.freeze_panes != "A2":
        problems.append("%s: header not frozen (%s)" % (name, ws.freeze_panes))
    with open(os.path.join(folder, name + ".csv"), newline="",
              encoding="utf-8") as f:
        rows = list(csv.reader(f))
    got = [[c.value for c in row] for row in ws.iter_rows()]
    if len(got) != len(rows):
        problems.append("%s: %d rows in the sheet, %d in the CSV"
                        % (name, len(got), len(rows)))
        continue
    header = rows[0]
    if got[0][:len(header)] != header:
        problems.append("%s: header %s" % (name, got[0]))
    for i, (want_row, got_row) in enumerate(zip(rows[1:], got[1:]), 2):
        for j, field in enumerate(want_row):
            cell = got_row[j] if j < len(got_row) else None
            if field == "":
                ok = cell is None
            elif header[j] in text_columns:
                ok = cell == field
            else:
                ok = (isinstance(cell, (int, float))
                      and not isinstance(cell, bool)
                      and math.isclose(cell, float(field), rel_tol=1e-14,
                                       abs_tol=0.0))
            if not ok:
                problems.append("%s row %d, %s: %r in the sheet, %r in the CSV"
                                % (name, i, header[j], cell, field))
                break
        if len(problems) > 20:
            break

# The headline: a row per option and party, numbers with formats.
ws = wb["Headline"]
if ws.freeze_panes != "A2":
    problems.append("Headline: header not frozen")
head = [c.value for c in ws[1]]
if head[:3] != ["Point", "Option", "Party"]:
    problems.append("Headline header %s" % head)
data = [row for row in ws.iter_rows(min_row=2) if row[2].value]
if len(data) != 8:
    problems.append("Headline: %d rows, not 4 options x 2 parties" % len(data))
if data and [data[0][1].value, data[0][2].value, data[1][2].value] != [
        "Payment by results", "Commissioner",
        "Royal County Hospital NHS Trust"]:
    problems.append("Headline: not the labels: %s"
                    % [c.value for c in data[0][:3]])
money = data[0][3] if data else None
if money is None or not isinstance(money.value, float) \
        or money.number_format != "\u00a3#,##0":
    problems.append("Headline: expected net is not money in pounds (%s)"
                    % (money.number_format if money else None))
# Capitation fixes the commissioner's payments: a deficit in year 3 of
# every future, shown as a probability of 1.
cap = [r for r in data if r[1].value == "capitation"]
if not cap or cap[0][4].value != 1 or cap[0][4].number_format != "0.0%":
    problems.append("Headline: capitation's P(deficit in a year) is not 100%")
# The recommendation: one option, marked on its rows, and in words.
marked = {r[1].value for r in data if r[13].value == "yes"}
if len(marked) != 1:
    problems.append("Headline: recommended options %s" % marked)
words = [r[1].value for r in ws.iter_rows() if isinstance(r[1].value, str)
         and r[1].value.startswith("Recommended: ")]
if len(words) != 1:
    problems.append("Headline: no recommendation in words")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY

if [ "$failed" -ne 0 ]; then
    echo "cli-xlsx: failed"
    exit 1
fi
echo "cli-xlsx: all checks passed"
exit 0
