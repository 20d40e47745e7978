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
#include "output/report_stub.h"

static cap_estimate
chance(double p, size_t n)
{
    cap_estimate e;

    e.value = p;
    e.mcse = sqrt(p * (1.0 - p) / (double) n);
    return e;
}

void
cap_report_annual_get(const cap_point *pt, size_t option, size_t party,
                      cap_report_annual *a)
{
    const cap_outcomes *o = pt->o;
    size_t at = option * o->parties + party;
    size_t sys = cap_ledger_system(pt->sc);
    const cap_summary *s = &pt->h->s[at];
    cap_summary worst = stub_worst(o, option, party);
    double any = 0.0, top = 0.0;

    a->horizon = s;
    a->net_a_year.value = s->mean.value / o->years;
    a->net_a_year.mcse = s->mean.mcse / o->years;
    for (int y = 1; y <= o->years; y++) {
        double p = stub_year_deficit(o, option, party, y);
        top = p > top ? p : top;
    }
    any = worst.prob_deficit.value;
    a->worst_deficit = chance(top, o->trials);
    a->any_deficit = chance(any, o->trials);
    a->worst_var95 = worst.var95;
    a->worst_cvar95 = worst.cvar95;
    a->ruin = pt->h->ruin[at];
    a->share = party < sys ? pt->h->share[option * sys + party] : NAN;
}

cap_estimate
cap_report_year_deficit(const cap_point *pt, size_t option, size_t party,
                        int y)
{
    return chance(stub_year_deficit(pt->o, option, party, y),
                  pt->o->trials);
}
