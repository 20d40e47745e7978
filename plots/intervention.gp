# intervention.gp -- who gains from an intervention: for each option,
# each party's net return over the horizon -- its net with the
# intervention less its net on the same futures without it, the
# programme's cost included.
#
# capsim defines before loading this file:
#   $gains     one row per option: its name (quoted), then per party
#              net return (millions) and two standard errors
#   scenario, intervention, nbars (parties shown), party_names[],
#   party_colours[], money, noptions, option_names[]
# Edit freely.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

set title sprintf("%s: who gains from %s (net return over the horizon)", \
    scenario, intervention) noenhanced
set ylabel sprintf("net with less net without, %s", money) noenhanced
set style data histograms
set style histogram clustered gap 1 errorbars lw 1
set style fill solid 1.0 border lc rgb '#ffffff'
set boxwidth 0.9
set grid ytics lc rgb '#dddddd'
set xzeroaxis lt 1 lc rgb '#000000'
set key below horizontal noenhanced
set xtics noenhanced
plot for [i=1:nbars] $gains using (column(2*i)):(column(2*i+1)):xtic(1) \
    title party_names[i] lc rgb party_colours[i]
