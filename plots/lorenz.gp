# lorenz.gp -- how concentrated the cost of care is among people: the
# share of a year's cost held by the least costly fraction of people,
# one curve per year, against the line of equal shares.
#
# capsim defines before loading this file:
#   $lorenz    one block per year (blocks separated by two blank lines):
#              population share, cost share, at 0, 0.5, 0.8, 0.9, 0.95,
#              0.99 and 1 (from the concentration groups)
#   scenario, years, conc_trials (trials averaged)
# Edit freely; the years differ by colour and by dash pattern.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

set title sprintf("%s: how concentrated cost is among people (mean of %d trials)", \
    scenario, conc_trials) noenhanced
set xlabel "share of people, least costly first"
set ylabel "share of the year's cost of care"
set xrange [0:1]
set yrange [0:1]
set size ratio -1
set grid xtics ytics lc rgb '#dddddd'
set key outside right top
set label 1 "the top 5% of people hold 1 minus the height at 0.95" \
    at graph 0.02, graph 0.80 font ',9'
plot x with lines lc rgb '#999999' dt 3 title "equal shares", \
     for [i=1:years] $lorenz index (i-1) using 1:2 with linespoints \
        lw 2 dt i pt 7 ps 0.5 lc rgb option_colours[(i - 1) % noptions + 1] \
        title sprintf("year %d", i)
unset label
