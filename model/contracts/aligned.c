/* aligned.c -- aligned payment and incentive (blended payment): a fixed
 * sum for planned activity, adjusted at a fraction of tariff for
 * activity above or below the plan.
 *
 *   fixed_y   = fixed x (1 + indexation)^(y-1)
 *   plan_sy   = plan_s x (1 + plan_growth)^(y-1)
 *   payment_y = fixed_y x (1 + cquin x cquin_score)
 *               + sum over planned services s of tariff_s
 *                 x (rate_above x max(0, N_sy - plan_sy)
 *                    - rate_below x max(0, plan_sy - N_sy))
 *
 * N_sy is the year's events of service s (readmissions included).
 * rate_below defaults to rate_above.  Services of the provider without
 * a plan are covered by the fixed element alone; tariffs are year-1
 * prices in every year.  The payment is continuous and nondecreasing in
 * activity, with slope rate_above x tariff above the plan and
 * rate_below x tariff below it.  The commissioner carries
 * rate_above (or rate_below) of the volume risk of planned services,
 * the provider the rest and all its cost risk.
 *
 * Published rules: blended payment for emergency care 2019/20, a fixed
 * payment plus 20% of tariff paid or refunded for activity above or
 * below plan (2019/20 National Tariff; HSJ, 2019,
 * hsj.co.uk/appointments/7026392.article); aligned payment and
 * incentive 2022/23, elective activity away from plan at 75% of unit
 * price both ways (HFMA, 31 March 2022; the clawback below plan was not
 * applied that year, HFMA, 5 January 2023), from 2023/24 at 100% of
 * unit price (HFMA, 16 June 2023); CQUIN 1.25% of the fixed element,
 * assumed fully achieved in it and clawed back for shortfalls (HFMA,
 * 13 January 2022 and 20 September 2022).
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
    double fixed;             /* NAN until given */
    double indexation;
    double *plan;             /* [service] events in year 1, NAN where
                               * none; NULL while none given */
    double plan_growth;       /* NAN until given */
    double rate_above;        /* NAN until given */
    double rate_below;        /* NAN until given: rate_above */
    cap_terms_cquin cquin;
} aligned_terms;

static void
aligned_init(void *terms, const cap_scenario *sc)
{
    aligned_terms *a = terms;

    (void) sc;
    a->fixed = NAN;
    a->indexation = 0.0;
    a->plan = NULL;
    a->plan_growth = NAN;
    a->rate_above = NAN;
    a->rate_below = NAN;
    cap_terms_cquin_init(&a->cquin);
}

static const cap_term_spec aligned_keys[] = {
    CAP_TERM_NUM("fixed", 0, INFINITY, 0, aligned_terms, fixed),
    CAP_TERM_NUM("indexation", -1, 1, 1, aligned_terms, indexation),
    CAP_TERM_PER_SERVICE("plan.", aligned_terms, plan),
    CAP_TERM_NUM("plan_growth", -1, 1, 1, aligned_terms, plan_growth),
    CAP_TERM_NUM("rate_above", 0, 1, 0, aligned_terms, rate_above),
    CAP_TERM_NUM("rate_below", 0, 1, 0, aligned_terms, rate_below),
};

static int
aligned_set(void *terms, const cap_scenario *sc, const char *key,
            const char *value, char *msg, size_t msglen)
{
    aligned_terms *a = terms;
    int status = cap_terms_read(aligned_keys, CAP_TERMS_N(aligned_keys),
                                terms, sc, key, value, msg, msglen);

    if (status != CAP_CONTRACT_UNKNOWN_KEY)
        return status;
    return cap_terms_cquin_set(&a->cquin, key, value, msg, msglen);
}

static int
aligned_finish(void *terms, const cap_scenario *sc, size_t provider,
               char *msg, size_t msglen)
{
    aligned_terms *a = terms;
    int status;

    if (isnan(a->fixed)) {
        snprintf(msg, msglen, "needs key 'fixed' (type aligned)");
        return CAP_EINPUT;
    }
    /* Without a plan there is nothing to align: that is a block
     * contract, and more likely a forgotten key. */
    if (a->plan == NULL) {
        snprintf(msg, msglen, "needs at least one plan.SERVICE key (type "
                 "aligned; for a fixed sum alone use type block)");
        return CAP_EINPUT;
    }
    if (isnan(a->rate_above)) {
        snprintf(msg, msglen, "needs key 'rate_above' (type aligned)");
        return CAP_EINPUT;
    }
    status = cap_terms_services_of(sc, provider, a->plan, "plan", msg,
                                   msglen);
    if (status != CAP_OK)
        return status;
    for (size_t k = 0; k < sc->n_services; k++) {
        const cap_service *s = &sc->services[k];

        if (!isnan(a->plan[k]) && isnan(s->tariff)) {
            snprintf(msg, msglen, "plan.%s: activity away from plan is "
                     "paid at tariff, but [service.%s] has no 'tariff'",
                     s->name, s->name);
            return CAP_EINPUT;
        }
    }
    if (isnan(a->rate_below))
        a->rate_below = a->rate_above;
    if (isnan(a->plan_growth))
        a->plan_growth = 0.0;
    return cap_terms_cquin_finish(&a->cquin, msg, msglen);
}

static double
aligned_pay(const void *terms, const cap_settle_input *in)
{
    const aligned_terms *a = terms;
    const cap_scenario *sc = in->sc;
    double fixed = a->fixed * pow(1.0 + a->indexation, in->year - 1);
    double grown = pow(1.0 + a->plan_growth, in->year - 1);
    double variable = 0.0;

    for (size_t k = 0; k < sc->n_services; k++) {
        double plan, events;

        if (isnan(a->plan[k]))
            continue;
        plan = a->plan[k] * grown;
        events = cap_tally_service_events(in->tally, k, in->year);
        if (events >= plan)
            variable += sc->services[k].tariff * a->rate_above
                        * (events - plan);
        else
            variable -= sc->services[k].tariff * a->rate_below
                        * (plan - events);
    }
    return fixed * cap_terms_cquin_factor(&a->cquin, in) + variable;
}

static int
aligned_score(const void *terms, double *mean, double *sd)
{
    const aligned_terms *a = terms;

    return cap_terms_cquin_drawn(&a->cquin, mean, sd);
}

static void
aligned_release(void *terms)
{
    aligned_terms *a = terms;

    free(a->plan);
    a->plan = NULL;
}

const cap_contract_type cap_contract_aligned = {
    .name = "aligned",
    .terms_size = sizeof(aligned_terms),
    .init = aligned_init,
    .set = aligned_set,
    .finish = aligned_finish,
    .pay = aligned_pay,
    .release = aligned_release,
    .score = aligned_score
};
