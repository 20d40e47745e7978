# tornado.gp -- for one option, how far each party's expected net
# position moves as each input goes alone to its low and its high value
# (the others at their medians): one panel per party.
#
# capsim defines before loading this file:
#   $bars      one block per party (blocks separated by two blank
#              lines), one row per input, smallest swing first: row
#              index, "label", change at the low value, change at the
#              high value (millions, from mid)
#   scenario, option, nshared (panels), party_names[], party_colours[],
#   mid[] (each party's expected net with every input at its median,
#   as text), ninputs, longest (characters in the longest label), money
# Edit freely; pale bars are the low values, strong ones the high.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

cols = nshared <= 3 ? 1 : 2
rows = (nshared + cols - 1) / cols
set multiplot layout rows, cols title sprintf("%s, %s: what moves each party's expected net\n(pale: input at its low value; strong: at its high value)", \
    scenario, option) noenhanced
set xlabel sprintf("change in expected net over the horizon, %s", money) noenhanced
set yrange [-0.7:ninputs - 0.3]
set ytics noenhanced font ',9'
set grid xtics lc rgb '#dddddd'
set style fill solid 1.0 border lc rgb '#ffffff'
unset key
set lmargin longest * 0.75 / cols + 3
do for [p=1:nshared] {
    set title sprintf("%s (%s with every input at its median)", party_names[p], mid[p]) noenhanced
    set arrow 1 from 0, graph 0 to 0, graph 1 nohead lc rgb '#000000' front
    plot $bars index (p-1) using (0):1:($3 < 0 ? $3 : 0):($3 < 0 ? 0 : $3):($1 - 0.35):($1 + 0.35):ytic(2) \
            with boxxyerror fs transparent solid 0.35 lc rgb party_colours[p], \
         $bars index (p-1) using (0):1:($4 < 0 ? $4 : 0):($4 < 0 ? 0 : $4):($1 - 0.35):($1 + 0.35) \
            with boxxyerror lc rgb party_colours[p]
}
unset multiplot
unset arrow
