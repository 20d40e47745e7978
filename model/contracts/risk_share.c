/* risk_share.c -- a target with banded sharing of the deviation.
 *
 *   target_y  = target x (1 + indexation)^(y-1)
 *   deviation = basis_y - target_y
 *   payment_y = target_y + sum over bands k of
 *               share_k x (the part of the deviation inside band k)
 *
 * basis is the provider's total cost (fixed + variable; "cost") or its
 * activity valued at tariff ("activity").  Band edges are fractions of
 * the target and apply alike to overspends and underspends: with
 * "0.02:0, 0.05:0.5, inf:1" the provider carries the first 2% either
 * way, half of the next 3%, and nothing beyond 5%.
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "capsim/contract.h"
#include "terms.h"

#define MAX_BANDS 16

typedef enum { BASIS_COST, BASIS_ACTIVITY } share_basis;

typedef struct {
    double target;            /* NAN until given */
    double indexation;
    share_basis basis;
    size_t n_bands;           /* 0 until given */
    double edge[MAX_BANDS];   /* fractions of the target */
    double share[MAX_BANDS];  /* commissioner's share in the band */
} risk_share_terms;

static void
risk_share_init(void *terms, const cap_scenario *sc)
{
    risk_share_terms *r = terms;

    (void) sc;
    r->target = NAN;
    r->indexation = 0.0;
    r->basis = BASIS_COST;
    r->n_bands = 0;
}

static int
risk_share_set(void *terms, const cap_scenario *sc, const char *key,
               const char *value, char *msg, size_t msglen)
{
    risk_share_terms *r = terms;

    (void) sc;
    if (strcmp(key, "target") == 0)
        return cap_terms_number(value, 0, INFINITY, 1, &r->target, msg,
                                msglen);
    if (strcmp(key, "indexation") == 0)
        return cap_terms_number(value, -1, 1, 1, &r->indexation, msg,
                                msglen);
    if (strcmp(key, "bands") == 0)
        return cap_terms_bands(value, r->edge, r->share, MAX_BANDS,
                               &r->n_bands, msg, msglen);
    if (strcmp(key, "basis") == 0) {
        if (strcmp(value, "cost") == 0) {
            r->basis = BASIS_COST;
        } else if (strcmp(value, "activity") == 0) {
            r->basis = BASIS_ACTIVITY;
        } else {
            snprintf(msg, msglen, "must be cost or activity");
            return CAP_EINPUT;
        }
        return CAP_OK;
    }
    return CAP_CONTRACT_UNKNOWN_KEY;
}

static int
risk_share_finish(void *terms, const cap_scenario *sc, size_t provider,
                  char *msg, size_t msglen)
{
    const risk_share_terms *r = terms;

    if (isnan(r->target)) {
        snprintf(msg, msglen, "needs key 'target' (type risk_share)");
        return CAP_EINPUT;
    }
    if (r->n_bands == 0) {
        snprintf(msg, msglen, "needs key 'bands' (type risk_share)");
        return CAP_EINPUT;
    }
    if (r->basis == BASIS_ACTIVITY)
        return cap_terms_require_tariffs(sc, provider, "basis = activity "
                                         "values activity at tariff", msg,
                                         msglen);
    return CAP_OK;
}

static double
risk_share_pay(const void *terms, const cap_settle_input *in)
{
    const risk_share_terms *r = terms;
    double target = r->target * pow(1.0 + r->indexation, in->year - 1);
    double basis = r->basis == BASIS_COST
        ? cap_tally_provider_cost(in->tally, in->provider, in->year)
        : cap_tally_provider_tariff_value(in->tally, in->provider, in->year);
    double edge[MAX_BANDS];

    for (size_t k = 0; k < r->n_bands; k++)
        edge[k] = r->edge[k] * target;
    return target + cap_banded_share(basis - target, edge, r->share,
                                     r->n_bands);
}

const cap_contract_type cap_contract_risk_share = {
    .name = "risk_share",
    .terms_size = sizeof(risk_share_terms),
    .init = risk_share_init,
    .set = risk_share_set,
    .finish = risk_share_finish,
    .pay = risk_share_pay
};
