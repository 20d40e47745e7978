# fan.gp -- a fan chart over the years: the median, the middle 50% and
# the middle 90% of simulated futures, one panel per option (or a single
# panel for system cost, which is the same under every option).
#
# capsim defines before loading this file:
#   $fan      one block per panel: year, p05, p25, p50, p75, p95
#             (millions of currency units)
#   what (the quantity: a party's net, or system cost), panels,
#   scenario, years, trials, noptions, option_names[1..noptions]
# Edit freely; greys keep the bands readable in print.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

cols = panels < 3 ? panels : (panels == 4 ? 2 : 3)
rows = (panels + cols - 1) / cols
set multiplot layout rows, cols title sprintf("%s: %s by year (median, 50%% and 90%% bands; %d trials)", \
    scenario, what, trials) noenhanced
set xlabel "year"
set ylabel "millions of currency units"
set xtics 1
set xrange [0.8:years + 0.2]
set grid ytics lc rgb '#dddddd'
set key top left noenhanced font ',9' opaque
do for [i=1:panels] {
    set title (panels == 1 ? "all options" : option_names[i]) noenhanced
    plot $fan index (i-1) using 1:2:6 with filledcurves lc rgb '#d9d9d9' title '90%', \
         $fan index (i-1) using 1:3:5 with filledcurves lc rgb '#a6a6a6' title '50%', \
         $fan index (i-1) using 1:4 with linespoints lw 2 pt 7 ps 0.6 lc rgb '#000000' title 'median'
}
unset multiplot
