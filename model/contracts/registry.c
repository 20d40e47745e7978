/* registry.c -- the table of contract types, and what they share.
 *
 * To add a contract type: write model/contracts/NAME.c defining
 * `const cap_contract_type cap_contract_NAME`, declare it below, and
 * add it to the table.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stddef.h>
#include <string.h>
#include "scenario/contract.h"
#include "scenario/load.h"

extern const cap_contract_type cap_contract_pbr;
extern const cap_contract_type cap_contract_block;
extern const cap_contract_type cap_contract_capitation;
extern const cap_contract_type cap_contract_risk_share;
extern const cap_contract_type cap_contract_corridor;
extern const cap_contract_type cap_contract_shared_savings;
extern const cap_contract_type cap_contract_aligned;

const cap_contract_type *const cap_contract_types[] = {
    &cap_contract_pbr,
    &cap_contract_block,
    &cap_contract_capitation,
    &cap_contract_risk_share,
    &cap_contract_corridor,
    &cap_contract_shared_savings,
    &cap_contract_aligned,
    NULL
};

const cap_contract_type *
cap_contract_type_find(const char *name)
{
    for (size_t i = 0; cap_contract_types[i] != NULL; i++)
        if (strcmp(cap_contract_types[i]->name, name) == 0)
            return cap_contract_types[i];
    return NULL;
}

double
cap_contract_pay(const cap_contract *c, const cap_settle_input *in)
{
    return c->type->pay(c->terms, in);
}

double
cap_banded_share(double deviation, const double *edge, const double *share,
                 size_t n_bands)
{
    double size = fabs(deviation);
    double lower = 0.0, part = 0.0;

    for (size_t k = 0; k < n_bands && size > lower; k++) {
        double upper = size < edge[k] ? size : edge[k];

        part += share[k] * (upper - lower);
        lower = edge[k];
    }
    return deviation < 0.0 ? -part : part;
}

/* The loader lives in the scenario layer, to the left of the contract
 * types; the registry hands it this table. */
int
cap_scenario_load(const char *path, cap_scenario **out, cap_diag *diag)
{
    return cap_scenario_load_types(path, cap_contract_types, out, diag);
}

int
cap_scenario_load_from(const char *path,
                       const cap_input_redirect *redirects, size_t n,
                       cap_scenario **out, cap_diag *diag)
{
    return cap_scenario_load_types_from(path, redirects, n,
                                        cap_contract_types, out, diag);
}
