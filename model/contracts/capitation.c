/* capitation.c -- a per-head payment for a registered population.
 *
 *   payment_y = per_head x (1 + indexation)^(y-1)
 *               x sum over tiers t of weight_t x persons_ty
 *
 * weight.TIER = w sets a tier's risk weight (default 1).  The provider
 * carries the risk of its population's use of care and of its costs.
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "capsim/contract.h"
#include "terms.h"

typedef struct {
    double per_head;          /* NAN until given */
    double indexation;
    double *weight;           /* [tier], NULL while all are 1 */
    size_t n_tiers;
} capitation_terms;

static void
capitation_init(void *terms, const cap_scenario *sc)
{
    capitation_terms *c = terms;

    c->per_head = NAN;
    c->indexation = 0.0;
    c->weight = NULL;
    c->n_tiers = sc->n_tiers;
}

static int
capitation_set(void *terms, const cap_scenario *sc, const char *key,
               const char *value, char *msg, size_t msglen)
{
    capitation_terms *c = terms;

    if (strcmp(key, "per_head") == 0)
        return cap_terms_number(value, 0, INFINITY, 0, &c->per_head, msg,
                                msglen);
    if (strcmp(key, "indexation") == 0)
        return cap_terms_number(value, -1, 1, 1, &c->indexation, msg,
                                msglen);
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
    const capitation_terms *c = terms;

    (void) sc; (void) provider;
    if (isnan(c->per_head)) {
        snprintf(msg, msglen, "needs key 'per_head' (type capitation)");
        return CAP_EINPUT;
    }
    return CAP_OK;
}

static double
capitation_pay(const void *terms, const cap_settle_input *in)
{
    const capitation_terms *c = terms;
    double heads = 0.0;

    for (size_t t = 0; t < c->n_tiers; t++)
        heads += (c->weight ? c->weight[t] : 1.0)
                 * cap_tally_tier_persons(in->tally, t, in->year);
    return c->per_head * pow(1.0 + c->indexation, in->year - 1) * heads;
}

static void
capitation_release(void *terms)
{
    capitation_terms *c = terms;

    free(c->weight);
    c->weight = NULL;
}

const cap_contract_type cap_contract_capitation = {
    "capitation", sizeof(capitation_terms), capitation_init, capitation_set,
    capitation_finish, capitation_pay, capitation_release
};
