# risk_return.gp -- risk and return: for each party, each option as a
# point of expected net position against expected shortfall (the mean
# loss in the worst 5% of futures), both over the horizon.  Up and to
# the left is better: more expected surplus, a smaller bad-year loss.
#
# capsim defines before loading this file:
#   $points   one block per party (blocks separated by two blank lines):
#             expected shortfall (millions), expected net (millions),
#             option name
#   scenario, years, trials, nparties, party_names[1..nparties],
#   noptions, option_names[1..noptions]
# Edit freely; point shapes keep the parties apart in greyscale print.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

set title sprintf("%s: expected position against a bad year (%d-year horizon, %d trials)", \
    scenario, years, trials) noenhanced
set xlabel "expected shortfall: mean loss in the worst 5% of futures (millions of currency units)"
set ylabel "expected net position (millions of currency units)"
set key outside right top noenhanced box
set grid xtics ytics lc rgb '#dddddd'
set xzeroaxis lt 1 lc rgb '#888888'
set yzeroaxis lt 1 lc rgb '#888888'
set offsets graph 0.08, graph 0.08, graph 0.08, graph 0.08
plot for [i=1:nparties] $points index (i-1) using 1:2 with points \
        pt (i % 7 + 4) ps 1.8 lc rgb '#000000' title party_names[i], \
     for [i=1:nparties] $points index (i-1) using 1:2:3 with labels \
        offset 0.9, 0.7 left font ',9' noenhanced notitle
