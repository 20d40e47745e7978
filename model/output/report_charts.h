/* report_charts.h -- the report's charts: each embedded with alt text
 * that says what it shows and a one-sentence reading of it.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_REPORT_CHARTS_H
#define CAPSIM_REPORT_CHARTS_H

#include <stdio.h>
#include "output/report.h"

/* The charts of in (the SVGs of in->charts in in->plots_dir), the risk,
 * tornado, sweep and intervention charts first.  A chart's reading is
 * the caption column of plots/charts.csv where it has one, else made
 * here from the run's figures.  Money in currency (an ISO code or
 * NULL).  Returns CAP_OK (also when there are no charts: a note says
 * so), or CAP_EIO when a chart cannot be read. */
int cap_report_charts(FILE *f, const cap_report_input *in,
                      const char *currency);

#endif /* CAPSIM_REPORT_CHARTS_H */
