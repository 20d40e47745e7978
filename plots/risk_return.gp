# risk_return.gp -- risk and return a year at a time: for each party,
# each option as a point of expected net per year against the worst
# year's 1-in-20 loss (the loss that the worst year of one future in
# twenty exceeds).  Up and to the left is better.  Points are numbered
# by option, each number placed by capsim clear of the other points.
#
# capsim defines before loading this file:
#   $points   one block per party (blocks separated by two blank lines):
#             worst year's 1-in-20 loss and expected net per year
#             (millions), where its number goes, the option's number
#   scenario, years, trials, money, nshared, party_names[],
#   party_colours[], noptions, option_names[]
# Edit freely; point shapes are a second cue for the parties.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

set title sprintf("%s\nexpected net per year against the worst year (%d trials)", \
    scenario, trials) noenhanced
set xlabel sprintf("worst year's 1-in-20 loss, %s (the loss the worst of %d years exceeds in 1 future in 20)", \
    money, years) noenhanced
set ylabel sprintf("expected net per year, %s", money) noenhanced
set key outside right top noenhanced Left reverse width 1
set grid xtics ytics lc rgb '#dddddd'
set xzeroaxis lt 1 lc rgb '#888888'
set yzeroaxis lt 1 lc rgb '#888888'
set offsets graph 0.08, graph 0.08, graph 0.08, graph 0.08
# A faint line joins a number placed away from its point.
plot for [i=1:nshared] $points index (i-1) using 1:2:($3 - $1):($4 - $2) \
        with vectors nohead lw 0.5 lc rgb '#bbbbbb' notitle, \
     for [i=1:nshared] $points index (i-1) using 1:2 with points \
        pt int(word("7 5 9 13 11", (i - 1) % 5 + 1)) ps 1.8 lc rgb party_colours[i] title party_names[i], \
     for [i=1:nshared] $points index (i-1) using 3:4:(sprintf("%d", $5)) \
        with labels font ',10' tc rgb party_colours[i] notitle, \
     for [k=1:noptions] NaN with points ps 0 lc rgb '#ffffff' \
        title sprintf("%d  %s", k, option_names[k])
