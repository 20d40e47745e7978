/* capitation.c -- a per-head payment for a registered population, with
 * the risk-sharing refinements of the risk-adjustment literature.
 *
 *   K_y       = per_head x (1 + indexation)^(y-1)
 *               x sum over tiers t of weight_t x persons_ty
 *   K_y      is computed on the people outside the high-risk pool
 *   payment_y = (1 - proportional) x (K_y + PoolCost_y)
 *               + proportional x Cost_y
 *               + stop_loss_share x Excess_y(stop_loss)
 *
 * weight.TIER = w sets a tier's risk weight (default 1).  Without the
 * refinements the provider carries all the risk of its population's use
 * of care and of its costs.  Two ways of sharing it back (van de Ven and
 * Ellis, Handbook of Health Economics 2000, ch. 14; van Barneveld et al.
 * 2001):
 *   - proportional: the commissioner pays a fixed share of the
 *     provider's whole cost (fixed plus variable), and the capitation is
 *     cut by the same share;
 *   - excess of loss (per-person stop-loss): the commissioner pays
 *     stop_loss_share of each person's annual cost with the provider
 *     above stop_loss.  The demand engine tallies that excess.
 *   - high-risk pooling: from year 2, the top pool_fraction of people
 *     by last year's cost with the provider (the predicted high risks)
 *     are carved out of the capitation and their cost is paid as it
 *     falls.  Year 1 has no history, so its pool is empty.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scenario/contract.h"
#include "demand/tally.h"
#include "contracts/terms.h"

typedef struct {
    double per_head;          /* NAN until given */
    double indexation;
    double *weight;           /* [tier], NULL while all are 1 */
    size_t n_tiers;
    double proportional;      /* commissioner's share of all cost */
    double stop_loss;         /* per-person threshold; NAN = none */
    double stop_loss_share;   /* commissioner's share above it */
    double pool_fraction;     /* high-risk pool paid at cost; 0 = none */
} capitation_terms;

static void
capitation_init(void *terms, const cap_scenario *sc)
{
    capitation_terms *c = terms;

    c->per_head = NAN;
    c->indexation = 0.0;
    c->weight = NULL;
    c->n_tiers = sc->n_tiers;
    c->proportional = 0.0;
    c->stop_loss = NAN;
    c->stop_loss_share = NAN;
    c->pool_fraction = 0.0;
}

static const cap_term_spec capitation_keys[] = {
    CAP_TERM_NUM("per_head", 0, INFINITY, 0, capitation_terms, per_head),
    CAP_TERM_NUM("indexation", -1, 1, 1, capitation_terms, indexation),
    CAP_TERM_NUM("proportional", 0, 1, 0, capitation_terms, proportional),
    CAP_TERM_NUM("stop_loss", 0, INFINITY, 1, capitation_terms, stop_loss),
    CAP_TERM_NUM("stop_loss_share", 0, 1, 0, capitation_terms,
                 stop_loss_share),
    CAP_TERM_NUM("pool_fraction", 0, 0.5, 1, capitation_terms,
                 pool_fraction),
};

static int
capitation_set(void *terms, const cap_scenario *sc, const char *key,
               const char *value, char *msg, size_t msglen)
{
    capitation_terms *c = terms;
    int status = cap_terms_read(capitation_keys, CAP_TERMS_N(capitation_keys),
                                terms, sc, key, value, msg, msglen);

    if (status != CAP_CONTRACT_UNKNOWN_KEY)
        return status;
    if (strncmp(key, "weight.", 7) == 0) {
        long t = cap_scenario_find_tier(sc, key + 7);

        if (t < 0) {
            snprintf(msg, msglen, "no tier named '%s'", key + 7);
            return CAP_EINPUT;
        }
        if (c->weight == NULL) {
            c->weight = malloc(c->n_tiers * sizeof *c->weight);
            if (c->weight == NULL) {
                snprintf(msg, msglen, "out of memory");
                return CAP_ENOMEM;
            }
            for (size_t i = 0; i < c->n_tiers; i++)
                c->weight[i] = 1.0;
        }
        return cap_terms_number(value, 0, INFINITY, 0, &c->weight[t], msg,
                                msglen);
    }
    return CAP_CONTRACT_UNKNOWN_KEY;
}

static int
capitation_finish(void *terms, const cap_scenario *sc, size_t provider,
                  char *msg, size_t msglen)
{
    capitation_terms *c = terms;

    (void) sc; (void) provider;
    if (isnan(c->per_head)) {
        snprintf(msg, msglen, "needs key 'per_head' (type capitation)");
        return CAP_EINPUT;
    }
    if (!isnan(c->stop_loss_share) && isnan(c->stop_loss)) {
        snprintf(msg, msglen, "stop_loss_share needs a stop_loss "
                 "threshold");
        return CAP_EINPUT;
    }
    if (!isnan(c->stop_loss) && isnan(c->stop_loss_share))
        c->stop_loss_share = 1.0;
    return CAP_OK;
}

static double
capitation_pay(const void *terms, const cap_settle_input *in)
{
    const capitation_terms *c = terms;
    double heads = 0.0, pay;

    /* Pooled people are carved out of the capitation and paid at cost. */
    for (size_t t = 0; t < c->n_tiers; t++) {
        double persons = cap_tally_tier_persons(in->tally, t, in->year);

        if (c->pool_fraction > 0.0)
            persons -= cap_tally_pool_persons(in->tally, in->provider,
                                              c->pool_fraction, t,
                                              in->year);
        heads += (c->weight ? c->weight[t] : 1.0) * persons;
    }
    pay = c->per_head * pow(1.0 + c->indexation, in->year - 1) * heads;
    if (c->pool_fraction > 0.0)
        pay += cap_tally_pool_cost(in->tally, in->provider,
                                   c->pool_fraction, in->year);
    if (c->proportional > 0.0)
        pay = (1.0 - c->proportional) * pay + c->proportional
              * cap_tally_provider_cost(in->tally, in->provider, in->year);
    if (!isnan(c->stop_loss))
        pay += c->stop_loss_share
               * cap_tally_excess(in->tally, in->provider, c->stop_loss,
                                  in->year);
    return pay;
}

static size_t
capitation_thresholds(const void *terms, double *out, size_t max)
{
    const capitation_terms *c = terms;

    if (isnan(c->stop_loss) || max < 1)
        return 0;
    out[0] = c->stop_loss;
    return 1;
}

static size_t
capitation_pools(const void *terms, double *out, size_t max)
{
    const capitation_terms *c = terms;

    if (c->pool_fraction <= 0.0 || max < 1)
        return 0;
    out[0] = c->pool_fraction;
    return 1;
}

static void
capitation_release(void *terms)
{
    capitation_terms *c = terms;

    free(c->weight);
    c->weight = NULL;
}

const cap_contract_type cap_contract_capitation = {
    .name = "capitation",
    .terms_size = sizeof(capitation_terms),
    .init = capitation_init,
    .set = capitation_set,
    .finish = capitation_finish,
    .pay = capitation_pay,
    .release = capitation_release,
    .thresholds = capitation_thresholds,
    .pools = capitation_pools
};
