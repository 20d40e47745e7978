# fan.gp -- a fan chart over the years: the median, the middle 50% and
# the middle 90% of simulated futures, one panel per option in the
# option's colour (or a single panel for the system's cost, the same
# under every option).
#
# capsim defines before loading this file:
#   $fan      one block per panel: year, p05, p25, p50, p75, p95
#             (millions)
#   what (the quantity: a party's net, or the cost of care), panels,
#   scenario, years, trials, money, noptions, option_names[],
#   option_colours[]
# Edit freely.  The title explains the bands, so no legend covers them.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

cols = panels < 3 ? panels : (panels == 4 ? 2 : 3)
rows = (panels + cols - 1) / cols
set multiplot layout rows, cols title sprintf("%s: %s by year, %d futures\nline: the median; dark band: the middle 50%%; light band: the middle 90%%", \
    scenario, what, trials) noenhanced
set xlabel "year"
set ylabel money noenhanced
set xtics 1
set xrange [0.8:years + 0.2]
set grid ytics lc rgb '#dddddd'
unset key
set xzeroaxis lt 1 lc rgb '#888888'
set style fill transparent solid 0.22 noborder
do for [i=1:panels] {
    c = panels == 1 ? '#000000' : option_colours[i]
    set title (panels == 1 ? "all options" : option_names[i]) noenhanced
    plot $fan index (i-1) using 1:2:6 with filledcurves lc rgb c title '90% of futures', \
         $fan index (i-1) using 1:3:5 with filledcurves lc rgb c title '50%', \
         $fan index (i-1) using 1:4 with linespoints lw 2.5 pt 7 ps 0.6 lc rgb c title 'median'
}
unset multiplot
