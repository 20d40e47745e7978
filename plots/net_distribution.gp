# net_distribution.gp -- density of one party's net position over the
# horizon, one curve per option.
#
# capsim defines before loading this file:
#   $density        one block per option (blocks separated by two blank
#                   lines): net position in millions, density per million
#   party, scenario, years, trials, noptions, option_names[1..noptions],
#   p05[1..noptions], p95[1..noptions]: each option's 5% and 95% points
#   (millions), marked as short ticks along the foot of the chart
# Edit freely; keep the curves distinguishable in greyscale print.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

set title sprintf("%s: net position of %s over %d year%s (%d trials)", \
    scenario, party, years, years > 1 ? "s" : "", trials) noenhanced
set xlabel "net position over the horizon (millions of currency units; positive = surplus)"
set ylabel "probability density (per million)"
set key top left box opaque noenhanced
set grid xtics ytics lc rgb '#dddddd'
set xzeroaxis lt 1 lc rgb '#888888'
set arrow from 0, graph 0 to 0, graph 1 nohead lc rgb '#888888' dt 3
set yrange [0:*]
colour(i) = i % 3 == 1 ? '#000000' : i % 3 == 2 ? '#555555' : '#999999'
# The 5% and 95% points of each option: a tick from the foot of the
# chart, stacked so that options do not hide one another.
do for [i=1:noptions] {
    set arrow from p05[i], graph 0 to p05[i], graph (0.04 * i) nohead \
        lw 2.5 dt i lc rgb colour(i)
    set arrow from p95[i], graph 0 to p95[i], graph (0.04 * i) nohead \
        lw 2.5 dt i lc rgb colour(i)
}
set label 1 "ticks at the foot: each option's 5% and 95% points" \
    at graph 0.99, graph 0.97 right font ',9'
plot for [i=1:noptions] $density index (i-1) using 1:2 with lines \
    lw 2.5 dt i lc rgb colour(i) title option_names[i]
unset arrow
unset label
