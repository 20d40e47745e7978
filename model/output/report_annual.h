/* report_annual.h -- the figures of one option and party the report
 * shows, gathered from a point's horizon summary: the annual duty (each
 * year's chance of a deficit, the worst year's losses) beside the
 * figures over the whole horizon.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_REPORT_ANNUAL_H
#define CAPSIM_REPORT_ANNUAL_H

#include "capsim/stats.h"
#include "capsim/study.h"

typedef struct {
    cap_estimate net_a_year;   /* expected net a year: the horizon's
                                  mean over its years */
    cap_estimate worst_deficit;/* P(deficit) in the year it is likeliest */
    cap_estimate any_deficit;  /* P(a deficit in at least one year) */
    cap_estimate worst_var95;  /* the worst year's 1-in-20 loss */
    cap_estimate worst_cvar95; /* and its expected shortfall */
    double ruin;               /* P(reserves exhausted), NAN: no reserve */
    const cap_summary *horizon;/* net over the horizon (the point's) */
    double share;              /* share of the system's cost risk; NAN
                                  for the system itself */
} cap_report_annual;

/* Fill *a with the figures of (option, party) at point pt, which has
 * been run.  Nothing is allocated. */
void cap_report_annual_get(const cap_point *pt, size_t option, size_t party,
                           cap_report_annual *a);

/* P(deficit) of (option, party) at pt in year y (1..years). */
cap_estimate cap_report_year_deficit(const cap_point *pt, size_t option,
                                     size_t party, int y);

#endif /* CAPSIM_REPORT_ANNUAL_H */
