# exceedance.gp -- the probability that a party's loss over the horizon
# exceeds x, one line per option.  Read across at 0.05 for the 1-in-20
# loss and at 0.01 for the 1-in-100 loss.
#
# capsim defines before loading this file:
#   $curves   one block per option: loss (millions; negative = surplus),
#             probability of exceeding it
#   party, scenario, years, trials, floor_p (the smallest probability
#   the trials can show), noptions, option_names[1..noptions]
# Edit freely; dash types keep the options apart in greyscale print.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

set title sprintf("%s: probability that %s's loss over %d years exceeds x (%d trials)", \
    scenario, party, years, trials) noenhanced
set xlabel "loss over the horizon, x (millions of currency units; negative = surplus)"
set ylabel "probability the loss exceeds x"
set logscale y
set yrange [floor_p:1]
set ytics ("1" 1, "0.5" 0.5, "0.2" 0.2, "0.1" 0.1, "0.05" 0.05, \
    "0.02" 0.02, "0.01" 0.01, "0.005" 0.005, "0.002" 0.002, "0.001" 0.001)
set key top right box opaque noenhanced
set grid xtics ytics mytics lc rgb '#dddddd'
set arrow from graph 0, first 0.05 to graph 1, first 0.05 nohead dt 3 lc rgb '#888888'
set arrow from graph 0, first 0.01 to graph 1, first 0.01 nohead dt 3 lc rgb '#888888'
plot for [i=1:noptions] $curves index (i-1) using 1:2 with lines lw 2.5 \
    dt i lc rgb (i % 3 == 1 ? '#000000' : i % 3 == 2 ? '#555555' : '#999999') \
    title option_names[i]
unset arrow
unset logscale y
