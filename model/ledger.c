/* ledger.c -- each party's income, spend and net in each year. */
#include <config.h>
#include "capsim/ledger.h"
#include "capsim/contract.h"

size_t
cap_ledger_parties(const cap_scenario *sc)
{
    return sc->n_providers + 2;
}

size_t
cap_ledger_system(const cap_scenario *sc)
{
    return sc->n_providers + 1;
}

const char *
cap_ledger_party_name(const cap_scenario *sc, size_t party)
{
    if (party == 0)
        return "commissioner";
    if (party <= sc->n_providers)
        return sc->providers[party - 1].name;
    return "system";
}

void
cap_ledger_settle(const cap_scenario *sc, size_t option, const cap_tally *t,
                  double *income, double *spend)
{
    const cap_option *o = &sc->options[option];
    size_t years = (size_t) sc->years;
    size_t sys = cap_ledger_system(sc);

    for (int year = 1; year <= sc->years; year++) {
        size_t y = (size_t) (year - 1);
        double budget = cap_scenario_budget(sc, year);
        double paid = 0.0, cost = 0.0;

        for (size_t p = 0; p < sc->n_providers; p++) {
            const cap_contract *c = &sc->contracts[o->contract_of[p]];
            cap_settle_input in = { sc, t, p, year };
            double pay = cap_contract_pay(c, &in);
            double pcost = cap_tally_provider_cost(t, p, year);

            income[(p + 1) * years + y] = pay;
            spend[(p + 1) * years + y] = pcost;
            paid += pay;
            cost += pcost;
        }
        income[y] = budget;
        spend[y] = paid;
        income[sys * years + y] = budget;
        spend[sys * years + y] = cost;
    }
}
