/* pbr.c -- payment by results: tariff x activity, with the national
 * refinements of a marginal rate, unpaid readmissions and CQUIN.
 *
 *   payment_y = (1 + indexation)^(y-1) x (1 + cquin x cquin_score)
 *               x sum over the provider's services s of tariff_s x P_sy
 *
 *   E_sy = N_sy - R_sy   if pay_readmissions = no, else N_sy
 *   P_sy = E_sy                          without a baseline for s,
 *        = min(E_sy, B_s)
 *          + marginal_rate x max(0, E_sy - B_s)   with baseline B_s
 *
 * N_sy is the year's events of service s, R_sy those of them that are
 * 30-day readmissions.  indexation is the annual tariff uplift (default
 * 0: year-1 prices throughout).  The baseline is in events a year and
 * the same in every year; events up to it are paid at full tariff,
 * events above it at marginal_rate x tariff, so the payment is
 * continuous and nondecreasing in activity.
 *
 * Published rules: the NHS marginal rate emergency tariff paid 30% of
 * tariff above a 2008/09 baseline from 2010/11 (HFMA, 1 March 2013),
 * later 70% (HFMA, 3 April 2017 and 31 October 2018); from April 2011
 * an emergency readmission within 30 days of discharge after an
 * elective admission was not paid (HFMA, 1 March 2011); CQUIN was
 * 2.5% of the contract's value before CQUIN in 2016/17 (HFMA, 1 June
 * 2016).  The CQUIN score is fixed, the same in every trial.
 *
 * Without the refinements' keys the payment is tariff x activity, bit
 * for bit as before they existed.  The commissioner carries the volume
 * risk, less what the marginal rate hands to the provider; the provider
 * carries the risk that its cost per event differs from the tariff.
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
    double indexation;
    double marginal_rate;     /* NAN until given */
    double *baseline;         /* [service], NAN where none; NULL: none */
    int pay_readmissions;     /* 0: readmissions are not paid */
    cap_terms_cquin cquin;
} pbr_terms;

static void
pbr_init(void *terms, const cap_scenario *sc)
{
    pbr_terms *t = terms;

    (void) sc;
    t->indexation = 0.0;
    t->marginal_rate = NAN;
    t->baseline = NULL;
    t->pay_readmissions = 1;
    cap_terms_cquin_init(&t->cquin);
}

static const cap_term_spec pbr_keys[] = {
    CAP_TERM_NUM("indexation", -1, 1, 1, pbr_terms, indexation),
    CAP_TERM_NUM("marginal_rate", 0, 1, 0, pbr_terms, marginal_rate),
    CAP_TERM_PER_SERVICE("baseline.", pbr_terms, baseline),
    CAP_TERM_YESNO("pay_readmissions", pbr_terms, pay_readmissions),
};

static int
pbr_set(void *terms, const cap_scenario *sc, const char *key,
        const char *value, char *msg, size_t msglen)
{
    pbr_terms *t = terms;
    int status = cap_terms_read(pbr_keys, CAP_TERMS_N(pbr_keys), terms, sc,
                                key, value, msg, msglen);

    if (status != CAP_CONTRACT_UNKNOWN_KEY)
        return status;
    return cap_terms_cquin_set(&t->cquin, key, value, msg, msglen);
}

/* Every service the provider delivers needs a tariff; a marginal rate
 * and baselines come together, and baselines are for the provider's
 * own services. */
static int
pbr_finish(void *terms, const cap_scenario *sc, size_t provider, char *msg,
           size_t msglen)
{
    pbr_terms *t = terms;
    int status = cap_terms_require_tariffs(sc, provider,
                                           "type pbr pays tariffs", msg,
                                           msglen);

    if (status != CAP_OK)
        return status;
    if (t->baseline != NULL && isnan(t->marginal_rate)) {
        snprintf(msg, msglen, "baseline.SERVICE needs key 'marginal_rate' "
                 "(the share of tariff paid above the baseline)");
        return CAP_EINPUT;
    }
    if (t->baseline == NULL && !isnan(t->marginal_rate)) {
        snprintf(msg, msglen, "marginal_rate needs at least one "
                 "baseline.SERVICE key (the activity it applies above)");
        return CAP_EINPUT;
    }
    status = cap_terms_services_of(sc, provider, t->baseline, "baseline",
                                   msg, msglen);
    if (status != CAP_OK)
        return status;
    return cap_terms_cquin_finish(&t->cquin, msg, msglen);
}

/* Events paid at full tariff up to the baseline b, at rate r above. */
static double
marginal(double events, double b, double r)
{
    return events <= b ? events : b + r * (events - b);
}

static double
pbr_pay(const void *terms, const cap_settle_input *in)
{
    const pbr_terms *t = terms;
    const cap_scenario *sc = in->sc;
    double sum = 0.0;

    /* The same services, order and products as
     * cap_tally_provider_tariff_value(), so that without the
     * refinements the result has the same bits. */
    for (size_t k = 0; k < sc->n_services; k++) {
        const cap_service *s = &sc->services[k];
        double paid;

        if (s->provider != in->provider || !(s->tariff > 0.0))
            continue;
        paid = cap_tally_service_events(in->tally, k, in->year);
        if (!t->pay_readmissions)
            paid -= cap_tally_service_readmissions(in->tally, k, in->year);
        if (t->baseline != NULL && !isnan(t->baseline[k]))
            paid = marginal(paid, t->baseline[k], t->marginal_rate);
        sum += s->tariff * paid;
    }
    return pow(1.0 + t->indexation, in->year - 1) * sum
           * cap_terms_cquin_factor(&t->cquin, in);
}

static int
pbr_score(const void *terms, double *mean, double *sd)
{
    const pbr_terms *t = terms;

    return cap_terms_cquin_drawn(&t->cquin, mean, sd);
}

static void
pbr_release(void *terms)
{
    pbr_terms *t = terms;

    free(t->baseline);
    t->baseline = NULL;
}

const cap_contract_type cap_contract_pbr = {
    .name = "pbr",
    .terms_size = sizeof(pbr_terms),
    .init = pbr_init,
    .set = pbr_set,
    .finish = pbr_finish,
    .pay = pbr_pay,
    .release = pbr_release,
    .score = pbr_score
};
