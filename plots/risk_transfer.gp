# risk_transfer.gp -- each party's share of the system's cost risk,
# stacked per option (the shares add to 1), each share written on its
# bar.
#
# capsim defines before loading this file:
#   $shares   one row per option: its name (quoted), then each party's
#             share, -Cov(net, C)/Var(C) over the horizon
#   $values   the labels: option index (from 0), height, "45%"
#   scenario, years, nshared (parties sharing the risk), noptions,
#   option_names[], party_names[], party_colours[]
# Edit freely.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

set title sprintf("%s: who carries the cost risk (%d-year horizon)", \
    scenario, years) noenhanced
set ylabel "share of the system's cost risk"
set style data histograms
set style histogram rowstacked
set style fill solid 1.0 border lc rgb '#ffffff'
set boxwidth 0.6
set xrange [-0.6:noptions - 0.4]
set yrange [*:*]
set ytics 20 format "%.0f%%"
set grid ytics lc rgb '#dddddd'
set xzeroaxis lt 1 lc rgb '#888888'
set key below horizontal noenhanced
set xtics noenhanced nomirror
set style textbox opaque noborder margins 1, 1
plot for [i=2:nshared+1] $shares using (100 * column(i)):xtic(1) \
        title party_names[i-1] lc rgb party_colours[i-1], \
     $values using 1:(100 * $2):3 with labels boxed font ',10' notitle
