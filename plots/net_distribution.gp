# net_distribution.gp -- density of one party's net position over the
# horizon, one curve per option; an option with (almost) no spread is a
# labelled vertical line at its median, so that its spike does not
# flatten the other curves.
#
# capsim defines before loading this file:
#   $density        one block per option (blocks separated by two blank
#                   lines): net position in millions, density per million;
#                   for a fixed option, the two ends of its line
#   party, scenario, years, trials, money (the axis unit: "£m", or
#   "millions"), top (the height of the tallest curve), noptions,
#   option_names[], option_colours[], p05[], p95[] (each option's 5% and
#   95% points, millions), fixed_at[] (a fixed option's median, else
#   NaN), fixed_text[] (its label); series, when defined, what a curve
#   is ("scenario" in a comparison; "option" otherwise)
# Edit freely; the dash patterns are a second cue where lines overlap.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

set title sprintf("%s: net position of %s over %d year%s (%d trials)", \
    scenario, party, years, years > 1 ? "s" : "", trials) noenhanced
set xlabel sprintf("net position over %d year%s, %s (positive = surplus)", \
    years, years > 1 ? "s" : "", money) noenhanced
set ylabel "probability density"
set format y ""
set key below horizontal noenhanced
set grid xtics lc rgb '#dddddd'
set arrow from 0, graph 0 to 0, graph 1 nohead lc rgb '#888888' dt 3
set yrange [0:top * 1.05]
set border 3
set style textbox opaque noborder margins 0.5, 0.5
set xtics nomirror
unset ytics
# The 5% and 95% points of each spread option: a tick in its colour
# from the foot of the chart, stacked so options do not hide one another.
do for [i=1:noptions] {
    if (fixed_at[i] != fixed_at[i]) {
        set arrow from p05[i], graph 0 to p05[i], graph (0.035 * i) nohead \
            lw 3 lc rgb option_colours[i]
        set arrow from p95[i], graph 0 to p95[i], graph (0.035 * i) nohead \
            lw 3 lc rgb option_colours[i]
    } else {
        set label (10 + i) fixed_text[i] at fixed_at[i], graph 0.12 \
            rotate by 90 left offset 1.3, 0 font ',9' boxed front \
            tc rgb option_colours[i] noenhanced
    }
}
# series: what the curves are ("option"; "scenario" in a comparison).
set label 1 sprintf("ticks at the foot: each %s's 5%% and 95%% points", \
    exists("series") ? series : "option") \
    at graph 0.99, graph 0.97 right font ',9'
plot for [i=1:noptions] $density index (i-1) using 1:2 with lines \
    lw 2.5 dt i lc rgb option_colours[i] title option_names[i]
unset arrow
unset label
