# sweep_scatter.gp -- a sampled sweep (Latin hypercube or Sobol), or a
# grid of three keys or more: one party's expected net at each point
# against each swept key in turn, one panel per key, the points of each
# option and a smooth through them.  The other keys
# vary too, so the scatter round a curve shows how much they matter.
#
# capsim defines before loading this file:
#   $points    per key, per option, two blocks (separated by two blank
#              lines): the points, key value and mean net (millions,
#              over the horizon); then the smooth through them (a
#              locally weighted straight-line fit), key value and net
#   party, nkeys, key_names[] (in words), scenario, years, trials,
#   money, noptions, option_names[], option_colours[]
# Edit freely.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

cols = nkeys < 3 ? nkeys : (nkeys == 4 ? 2 : 3)
rows = (nkeys + cols - 1) / cols
set multiplot layout rows, cols title sprintf("%s: expected net of %s over %d years at each sampled point (%d trials per point)", \
    scenario, party, years, trials) noenhanced
set ylabel sprintf("expected net, %s", money) noenhanced
set grid xtics ytics lc rgb '#dddddd'
set xzeroaxis lt 1 lc rgb '#555555'
# One legend for every panel, at the foot of the page; each panel keeps
# the same margin so the panels are the same size.
set bmargin 6
set key at screen 0.5, screen 0.01 center bottom horizontal noenhanced
do for [k=1:nkeys] {
    set xlabel key_names[k] noenhanced
    if (k > 1) { unset key }
    plot for [i=1:noptions] $points index (2 * ((k-1) * noptions + i - 1)) using 1:2 \
            with points pt 7 ps 0.8 lc rgb option_colours[i] notitle, \
         for [i=1:noptions] $points index (2 * ((k-1) * noptions + i - 1) + 1) using 1:2 \
            with lines lw 2.5 dt i lc rgb option_colours[i] title option_names[i]
}
unset multiplot
