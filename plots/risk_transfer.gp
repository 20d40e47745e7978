# risk_transfer.gp -- each party's share of the system's cost risk,
# stacked per option (the shares add to 1).
#
# capsim defines before loading this file:
#   $shares   a header row (option, then one column per party) and one
#             row per option: -Cov(net, C)/Var(C) over the horizon
#   scenario, years, nparties, noptions
# Edit freely; the grey levels keep the parties apart in greyscale print.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

set title sprintf("%s: who carries the cost risk (%d-year horizon)", \
    scenario, years) noenhanced
set ylabel "share of system cost risk"
set xlabel "option"
set style data histograms
set style histogram rowstacked
set style fill solid 1.0 border lc rgb '#000000'
set boxwidth 0.6
set xrange [-0.6:noptions - 0.4]
set yrange [*:*]
set ytics 0.2
set grid ytics lc rgb '#dddddd'
set xzeroaxis lt 1 lc rgb '#888888'
set key outside right top noenhanced
set xtics noenhanced
greys = "#e8e8e8 #303030 #8c8c8c #bdbdbd #5a5a5a #f5f5f5"
plot for [i=2:nparties+1] $shares using i:xtic(1) title columnheader(i) \
    lc rgb word(greys, (i - 2) % 6 + 1)
