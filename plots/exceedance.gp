# exceedance.gp -- the probability that a party's loss over the horizon
# exceeds x, one line per option.  Where a line crosses "1 in 20" is the
# loss exceeded in one future in twenty; "1 in 100", in one in a hundred.
#
# capsim defines before loading this file:
#   $curves   one block per option: loss (millions; negative = surplus),
#             probability of exceeding it
#   party, scenario, years, trials, money, floor_p (the smallest
#   probability the trials can show), noptions, option_names[],
#   option_colours[]
# Edit freely; the dash patterns are a second cue where lines overlap.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

set title sprintf("%s: chance that %s's loss over %d years exceeds x (%d trials)", \
    scenario, party, years, trials) noenhanced
set xlabel sprintf("loss over %d years, x, %s (negative = surplus)", years, money) noenhanced
set ylabel "chance the loss exceeds x"
set logscale y
set yrange [floor_p:1]
set ytics ("1" 1, "0.5" 0.5, "0.2" 0.2, "0.1" 0.1, "0.05" 0.05, \
    "0.02" 0.02, "0.01" 0.01, "0.005" 0.005, "0.002" 0.002, "0.001" 0.001)
set key below horizontal noenhanced
set grid xtics ytics mytics lc rgb '#eeeeee'
set arrow from graph 0, first 0.05 to graph 1, first 0.05 nohead dt 2 lw 1.5 lc rgb '#555555'
set label "1 in 20" at graph 0.005, first 0.05 left offset 0, 0.6 font ',10' tc rgb '#333333'
if (floor_p <= 0.01) {
    set arrow from graph 0, first 0.01 to graph 1, first 0.01 nohead dt 2 lw 1.5 lc rgb '#555555'
    set label "1 in 100" at graph 0.005, first 0.01 left offset 0, 0.6 font ',10' tc rgb '#333333'
}
plot for [i=1:noptions] $curves index (i-1) using 1:2 with lines lw 2.5 \
    dt i lc rgb option_colours[i] title option_names[i]
unset arrow
unset label
unset logscale y
