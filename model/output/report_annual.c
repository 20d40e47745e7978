/* report_annual.c -- the figures of one option and party the report
 * shows.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include "capsim/ledger.h"
#include "output/report_annual.h"

void
cap_report_annual_get(const cap_point *pt, size_t option, size_t party,
                      cap_report_annual *a)
{
    const cap_horizon *h = pt->h;
    size_t at = option * pt->o->parties + party;
    size_t sys = cap_ledger_system(pt->sc);
    const cap_summary *s = &h->s[at];

    a->horizon = s;
    /* The mean of the yearly nets is the horizon's mean over its
     * years, and so is its standard error. */
    a->net_a_year.value = s->mean.value / h->years;
    a->net_a_year.mcse = s->mean.mcse / h->years;
    a->worst_deficit = h->worst_deficit[at];
    a->any_deficit = h->any_deficit[at];
    a->worst_var95 = h->worst[at].var95;
    a->worst_cvar95 = h->worst[at].cvar95;
    a->ruin = h->ruin[at];
    a->share = party < sys ? h->share[option * sys + party] : NAN;
}

cap_estimate
cap_report_year_deficit(const cap_point *pt, size_t option, size_t party,
                        int y)
{
    size_t at = option * pt->o->parties + party;

    return pt->h->year_deficit[at * (size_t) pt->h->years + (size_t) y - 1];
}
