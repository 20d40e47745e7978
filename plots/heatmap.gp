# heatmap.gp -- one party's expected net position over a grid of two
# swept keys, for one option.
#
# capsim defines before loading this file:
#   $grid      rows "x y net" (net in millions over the horizon; a key
#              whose values reach 100,000 in millions too), a
#              blank line whenever x changes
#   party, option (labels), key_x, key_y (the keys in words), scenario,
#   years, trials, money
# Edit freely.  The cubehelix palette darkens steadily, so the map
# reads in greyscale print; the contour (black edged in white) marks
# break-even.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

set title sprintf("%s, %s: expected net position of %s (%d-year horizon)", \
    scenario, option, party, years) noenhanced
set xlabel key_x noenhanced
set ylabel key_y noenhanced
set cblabel sprintf("expected net over %d years, %s", years, money) noenhanced
set palette cubehelix start 0.5 cycles -1.5 saturation 1
set view map
set key below noenhanced
stats $grid using 3 nooutput
lo = STATS_min
hi = STATS_max
# A map with no variation still gets a colour bar.
if (hi - lo <= 1e-9 * (abs(lo) + 1)) { set cbrange [lo - 1 : hi + 1] }
if (lo < 0 && hi > 0) {
    # Break-even: the zero contour, traced into a datablock.
    set contour base
    set cntrparam levels discrete 0
    unset surface
    set table $zero
    splot $grid using 1:2:3 with lines notitle
    unset table
    unset contour
    set surface
    plot $grid using 1:2:3 with image notitle, \
         $zero using 1:2 with lines lw 5 lc rgb '#ffffff' notitle, \
         $zero using 1:2 with lines lw 2 lc rgb '#000000' title "break-even (expected net 0)"
} else {
    plot $grid using 1:2:3 with image notitle
}
