/* ledger.c -- each party's income, spend and net in each year.
 *
 * Settlement of one option in one year, in order:
 *   1. each provider's contract payment;
 *   2. a system risk share, if the option has one: the members'
 *      aggregate deviation D = sum of (cost - payment) is carried in
 *      agreed shares, so member p is paid cost_p - share_p x D and the
 *      commissioner carries its own share of D through those payments;
 *   3. a pooled budget, if the option has one: the commissioner and the
 *      local authority contribute to the pool in agreed shares, the pool
 *      pays its members' (settled) payments, and the overspend or
 *      underspend O = pool payments - contributions is split, with an
 *      optional cap on one contributor's part of an overspend;
 *   4. each intervention's cost, charged to the commissioner or to the
 *      provider that pays it under this option (and to the system).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include "capsim/ledger.h"
#include "settle/settle.h"
#include "scenario/contract.h"
#include "demand/tally.h"

/* Step 2: payments of the members become cost - share x D. */
static void
settle_system_share(const cap_system_share *ss, size_t n_providers,
                    double *pay, const double *cost)
{
    double deviation = 0.0;

    for (size_t p = 0; p < n_providers; p++)
        if (ss->member[p])
            deviation += cost[p] - pay[p];
    for (size_t p = 0; p < n_providers; p++)
        if (ss->member[p])
            pay[p] = cost[p] - ss->share[p] * deviation;
}

/* Step 3: split the pool's payments between the contributors. */
static void
settle_pool(const cap_pooled_budget *pb, size_t n_providers, int year,
            const double *pay, double *by_commissioner, double *by_la)
{
    double planned = pb->amount * pow(1.0 + pb->indexation, year - 1);
    double paid = 0.0, over, mine, theirs;

    for (size_t p = 0; p < n_providers; p++)
        if (pb->member[p])
            paid += pay[p];
    over = paid - planned;
    mine = pb->overspend_share * over;
    theirs = over - mine;
    if (over > 0.0 && theirs > pb->local_authority_cap) {
        theirs = pb->local_authority_cap;
        mine = over - theirs;
    }
    if (over > 0.0 && mine > pb->commissioner_cap) {
        mine = pb->commissioner_cap;
        theirs = over - mine;
    }
    *by_commissioner = pb->commissioner_share * planned + mine;
    *by_la = (1.0 - pb->commissioner_share) * planned + theirs;
}

void
cap_ledger_settle(const cap_scenario *sc, size_t option, const cap_tally *t,
                  double *income, double *spend)
{
    const cap_option *o = &sc->options[option];
    size_t years = (size_t) sc->years;
    size_t np = sc->n_providers;
    size_t sys = cap_ledger_system(sc);

    for (int year = 1; year <= sc->years; year++) {
        size_t y = (size_t) (year - 1);
        /* On the stack: nothing is allocated inside the trial loop. */
        double pay_p[CAP_MAX_PROVIDERS], cost_p[CAP_MAX_PROVIDERS];
        double paid_by_commissioner = 0.0, cost = 0.0;

        /* 1. Contracts. */
        for (size_t p = 0; p < np; p++) {
            const cap_contract *c = &sc->contracts[o->contract_of[p]];
            cap_settle_input in = { sc, t, p, year, 0, 0.0 };

            if (c->score_index >= 0) {
                in.has_score = 1;
                in.score = t->scores[y * sc->n_scores
                                     + (size_t) c->score_index];
            }
            pay_p[p] = cap_contract_pay(c, &in);
            cost_p[p] = cap_tally_provider_cost(t, p, year);
        }
        /* 2. System risk share. */
        if (o->system_share >= 0)
            settle_system_share(&sc->system_shares[o->system_share], np,
                                pay_p, cost_p);
        for (size_t p = 0; p < np; p++) {
            income[(p + 1) * years + y] = pay_p[p];
            spend[(p + 1) * years + y] = cost_p[p];
            cost += cost_p[p];
        }
        /* 3. Pooled budget. */
        if (o->pooled_budget >= 0) {
            const cap_pooled_budget *pb =
                &sc->pooled_budgets[o->pooled_budget];
            double by_la;

            settle_pool(pb, np, year, pay_p, &paid_by_commissioner, &by_la);
            for (size_t p = 0; p < np; p++)
                if (!pb->member[p])
                    paid_by_commissioner += pay_p[p];
            spend[(np + 1) * years + y] = by_la;
        } else {
            for (size_t p = 0; p < np; p++)
                paid_by_commissioner += pay_p[p];
            if (sc->has_local_authority)
                spend[(np + 1) * years + y] = 0.0;
        }
        /* 4. Interventions' costs, on whoever pays them here. */
        for (size_t k = 0; k < sc->n_interventions; k++) {
            double c = cap_tally_programme_cost(t, k, year);
            long payer = sc->interventions[k].paid_by[option];

            if (payer == CAP_PAID_BY_COMMISSIONER)
                paid_by_commissioner += c;
            else
                spend[((size_t) payer + 1) * years + y] += c;
            cost += c;
        }
        if (sc->has_local_authority)
            income[(np + 1) * years + y] = cap_scenario_la_budget(sc, year);
        income[y] = cap_scenario_budget(sc, year);
        spend[y] = paid_by_commissioner;
        income[sys * years + y] = cap_scenario_budget(sc, year)
                                  + cap_scenario_la_budget(sc, year);
        spend[sys * years + y] = cost;
    }
}
