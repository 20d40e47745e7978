# sweep.gp -- one party's expected net position against a swept key,
# one line per option, with a band of two Monte Carlo standard errors,
# and each option's break-even marked.
#
# capsim defines before loading this file:
#   $sweep      one block per option (blocks separated by two blank
#               lines), in order of the key: key value, mean net,
#               mean - 2 se, mean + 2 se (millions, over the horizon)
#   $breakeven  one row per crossing of 0: key value, option number,
#               "the value as text"
#   party, key_name (in words), scenario, years, trials, money,
#   noptions, option_names[], option_colours[]
# Edit freely; the dash patterns are a second cue where lines overlap.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

set title sprintf("%s: expected net of %s as %s varies\n(%d-year horizon, %d trials per point, common random numbers)", \
    scenario, party, key_name, years, trials) noenhanced
set xlabel key_name noenhanced
set ylabel sprintf("expected net over %d years, %s", years, money) noenhanced
set key below horizontal noenhanced
set grid xtics ytics lc rgb '#dddddd'
set xzeroaxis lt 1 lc rgb '#555555'
set style fill transparent solid 0.2 noborder
set offsets 0, 0, graph 0.1, graph 0.1
plot for [i=1:noptions] $sweep index (i-1) using 1:3:4 with filledcurves \
        lc rgb option_colours[i] notitle, \
     for [i=1:noptions] $sweep index (i-1) using 1:2 with linespoints \
        lw 2.5 dt i pt 7 ps 0.6 lc rgb option_colours[i] title option_names[i], \
     $breakeven using 1:(0):(option_colours[int($2)]) with points pt 6 ps 2.2 \
        lw 2 lc rgb variable notitle, \
     $breakeven using 1:(0):(sprintf("break-even\n%s", strcol(3))) with labels \
        offset 0, -1.8 font ',9' notitle
