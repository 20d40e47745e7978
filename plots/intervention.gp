# intervention.gp -- who gains from an intervention: for each option,
# each party's net return over the horizon -- its net with the
# intervention less its net on the same futures without it, the
# programme's cost included.
#
# capsim defines before loading this file:
#   $gains     a header row (option, then per party its name and name_se)
#              and one row per option: net return (currency units) and
#              two standard errors
#   scenario, intervention, nparties, noptions
# Edit freely; grey levels keep the parties apart in greyscale print.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

set title sprintf("%s: who gains from %s (net return over the horizon)", \
    scenario, intervention) noenhanced
set ylabel "net with less net without (currency units)"
set xlabel "option"
set style data histograms
set style histogram clustered gap 1 errorbars lw 1
set style fill solid 1.0 border lc rgb '#000000'
set boxwidth 0.9
set grid ytics lc rgb '#dddddd'
set xzeroaxis lt 1 lc rgb '#000000'
set key outside right top noenhanced
set xtics noenhanced
set format y "%.1s%c"
greys = "#e8e8e8 #303030 #8c8c8c #bdbdbd #5a5a5a #f5f5f5 #000000"
plot for [i=1:nparties] $gains using (column(2*i)):(column(2*i+1)):xtic(1) \
    title columnheader(2*i) lc rgb word(greys, (i - 1) % 7 + 1)
