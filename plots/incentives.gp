# incentives.gp -- who gains from prevention: for each option, how much
# each party's net over the horizon changes per avoided event of one
# service (the same futures with that service's rate cut a little).
#
# capsim defines before loading this file:
#   $gains     one row per option: its name (quoted), then per party
#              change per avoided event and two standard errors
#   scenario, service, unit (of money: "£", or "currency units"), nbars (parties shown), party_names[],
#   party_colours[], money, noptions, option_names[]
# Edit freely.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

set title sprintf("%s: who gains when one %s event is avoided", \
    scenario, service) noenhanced
set ylabel sprintf("change in net over the horizon per avoided event, %s", unit) noenhanced
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
