# incentives.gp -- who gains from prevention: for each option, how much
# each party's net over the horizon changes per avoided event of one
# service (the same futures with that service's rate cut a little).
#
# capsim defines before loading this file:
#   $gains     a header row (option, then per party its name and name_se)
#              and one row per option: change per avoided event
#              (currency units) and two standard errors
#   scenario, service, nparties, noptions
# Edit freely; grey levels keep the parties apart in greyscale print.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

set title sprintf("%s: who gains when one %s event is avoided", \
    scenario, service) noenhanced
set ylabel "change in net over the horizon per avoided event (currency units)"
set xlabel "option"
set style data histograms
set style histogram clustered gap 1 errorbars lw 1
set style fill solid 1.0 border lc rgb '#000000'
set boxwidth 0.9
set grid ytics lc rgb '#dddddd'
set xzeroaxis lt 1 lc rgb '#000000'
set key outside right top noenhanced
set xtics noenhanced
greys = "#e8e8e8 #303030 #8c8c8c #bdbdbd #5a5a5a #f5f5f5"
plot for [i=1:nparties] $gains using (column(2*i)):(column(2*i+1)):xtic(1) \
    title columnheader(2*i) lc rgb word(greys, (i - 1) % 6 + 1)
