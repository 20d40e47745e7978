# tornado.gp -- how far one party's expected net position moves as each
# input goes alone to its low and its high value (others at medians).
#
# capsim defines before loading this file:
#   $bars      one row per input, smallest swing first: row index,
#              "label", change at the low value, change at the high
#              value (millions of currency units, from mid)
#   scenario, party, option, mid (expected net with every input at its
#   median, millions), ninputs, longest (characters in the longest
#   label)
# Edit freely; light bars are the low values, dark the high values.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

set title sprintf("%s, %s: what moves the expected net position of %s\n(from %.2f million with every input at its median)", \
    scenario, option, party, mid) noenhanced
set xlabel "change in expected net position over the horizon (millions of currency units)"
set yrange [-0.7:ninputs - 0.3]
set ytics noenhanced
set grid xtics lc rgb '#dddddd'
set style fill solid 1.0 border lc rgb '#000000'
set key below
set bmargin 6
set arrow from 0, graph 0 to 0, graph 1 nohead lc rgb '#000000'
set lmargin longest * 0.85 + 3
plot $bars using (0):1:($3 < 0 ? $3 : 0):($3 < 0 ? 0 : $3):($1 - 0.35):($1 + 0.35):ytic(2) \
        with boxxyerror lc rgb '#c8c8c8' title "input at its low value", \
     $bars using (0):1:($4 < 0 ? $4 : 0):($4 < 0 ? 0 : $4):($1 - 0.35):($1 + 0.35) \
        with boxxyerror lc rgb '#404040' title "input at its high value"
unset arrow
