/* pbr.c -- payment by results: tariff x activity.
 *
 *   payment_y = (1 + indexation)^(y-1) x sum over the provider's
 *               services s of tariff_s x N_sy
 *
 * indexation is the annual tariff uplift (default 0: year-1 prices
 * throughout).  The commissioner carries the volume risk; the provider
 * carries the risk that its cost per event differs from the tariff.
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "capsim/contract.h"
#include "terms.h"

typedef struct {
    double indexation;
} pbr_terms;

static int
pbr_set(void *terms, const cap_scenario *sc, const char *key,
        const char *value, char *msg, size_t msglen)
{
    pbr_terms *t = terms;

    (void) sc;
    if (strcmp(key, "indexation") == 0)
        return cap_terms_number(value, -1, 1, 1, &t->indexation, msg,
                                msglen);
    return CAP_CONTRACT_UNKNOWN_KEY;
}

/* Every service the provider delivers needs a tariff. */
static int
pbr_finish(void *terms, const cap_scenario *sc, size_t provider, char *msg,
           size_t msglen)
{
    (void) terms;
    return cap_terms_require_tariffs(sc, provider, "type pbr pays tariffs",
                                     msg, msglen);
}

static double
pbr_pay(const void *terms, const cap_settle_input *in)
{
    const pbr_terms *t = terms;

    return pow(1.0 + t->indexation, in->year - 1)
           * cap_tally_provider_tariff_value(in->tally, in->provider,
                                             in->year);
}

const cap_contract_type cap_contract_pbr = {
    .name = "pbr",
    .terms_size = sizeof(pbr_terms),
    .init = NULL,
    .set = pbr_set,
    .finish = pbr_finish,
    .pay = pbr_pay
};
