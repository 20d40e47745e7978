# waterfall.gp -- why a party's expected spend changes from year 1 to
# the last year, under one option: the year-1 amount, each cause's part
# (found by switching the causes on one at a time on the same futures),
# and the last year's amount.
#
# capsim defines before loading this file:
#   $steps     one row per bar, left to right: index, "label", bottom,
#              top (millions), colour (0xRRGGBB), "amount" (the bar's
#              value in millions, signed for a cause)
#   scenario, option, party, last_year, nsteps, ylow, yhigh, money
#   (and party_names[], party_colours[], option_names[] ...)
# Edit freely.  The axis starts at ylow, not at zero, so that the parts
# show beside amounts a hundred times larger.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

set title sprintf("%s, %s:\nwhy %s's expected spend changes from year 1 to year %d", \
    scenario, option, party, last_year) noenhanced
set ylabel sprintf("expected spend in the year, %s", money) noenhanced
set xrange [-0.6:nsteps - 0.4]
set yrange [ylow:yhigh]
set xtics noenhanced rotate by -25 scale 0
set grid ytics lc rgb '#dddddd'
set style fill solid 1.0 border lc rgb '#ffffff'
set bmargin 6
unset key
plot $steps using 1:(($3 + $4) / 2):(0.36):(abs($4 - $3) / 2):5:xtic(2) \
        with boxxyerror lc rgb variable, \
     $steps using 1:($4 > $3 ? $4 : $3):6 with labels offset 0, 0.8 \
        font ',9' noenhanced
