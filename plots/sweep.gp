# sweep.gp -- one party's expected net position against a swept key,
# one line per option, with a band of two Monte Carlo standard errors.
#
# capsim defines before loading this file:
#   $sweep     one block per option (blocks separated by two blank
#              lines): key value, mean net, mean - 2 se, mean + 2 se
#              (net in millions, over the horizon)
#   party, key_name, scenario, years, trials, noptions,
#   option_names[1..noptions]
# Edit freely; keep the lines distinguishable in greyscale print.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

set title sprintf("%s: expected net position of %s as %s varies\n(%d-year horizon, %d trials per point, common random numbers)", \
    scenario, party, key_name, years, trials) noenhanced
set xlabel key_name noenhanced
set ylabel "expected net position over the horizon (millions of currency units)"
set key top left box opaque noenhanced
set grid xtics ytics lc rgb '#dddddd'
set xzeroaxis lt 1 lc rgb '#888888'
set style fill transparent solid 0.25 noborder
colour(i) = i % 3 == 1 ? '#000000' : i % 3 == 2 ? '#555555' : '#999999'
plot for [i=1:noptions] $sweep index (i-1) using 1:3:4 with filledcurves \
        lc rgb colour(i) notitle, \
     for [i=1:noptions] $sweep index (i-1) using 1:2 with linespoints \
        lw 2.5 dt i pt 7 ps 0.6 lc rgb colour(i) title option_names[i] noenhanced
