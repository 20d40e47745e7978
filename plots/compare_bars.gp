# compare_bars.gp -- one party's figure under each option, a bar per
# scenario side by side, each with its 95% interval (1.96 Monte Carlo
# standard errors) as an error bar.
#
# capsim defines before loading this file:
#   $bars     one row per option: its name (quoted), then for each
#             scenario the figure and its standard error
#   ymin, ymax (the range, 0 and every error bar within it, in the
#   units drawn), title_text, ylabel_text, percent (1: the figure is a probability,
#   drawn as a percentage), nscenarios, scenario_names[],
#   scenario_colours[]
# Edit freely.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

set title title_text noenhanced
set ylabel ylabel_text noenhanced
set style data histograms
set style histogram errorbars gap 1 lw 1.5
set style fill solid 1.0 border lc rgb '#333333'
set boxwidth 0.9
set grid ytics lc rgb '#dddddd'
set xzeroaxis lt 1 lc rgb '#888888'
set key below horizontal noenhanced
set xtics noenhanced nomirror
set yrange [ymin:ymax]
if (percent) { set format y "%.0f%%" } else { set format y "%.3g" }
scale = percent ? 100 : 1
plot for [i=1:nscenarios] $bars using (scale * column(2*i)):(1.96 * scale * column(2*i+1)):xtic(1) \
        title scenario_names[i] lc rgb scenario_colours[i]
