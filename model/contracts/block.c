/* block.c -- a block contract: a fixed sum whatever the activity.
 *
 *   payment_y = amount x (1 + indexation)^(y-1)
 *
 * The provider carries all volume and cost risk.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "scenario/contract.h"
#include "contracts/terms.h"

typedef struct {
    double amount;            /* NAN until given */
    double indexation;
} block_terms;

static void
block_init(void *terms, const cap_scenario *sc)
{
    block_terms *b = terms;

    (void) sc;
    b->amount = NAN;
    b->indexation = 0.0;
}

static const cap_term_spec block_keys[] = {
    CAP_TERM_NUM("amount", 0, INFINITY, 0, block_terms, amount),
    CAP_TERM_NUM("indexation", -1, 1, 1, block_terms, indexation),
};

static int
block_set(void *terms, const cap_scenario *sc, const char *key,
          const char *value, char *msg, size_t msglen)
{
    return cap_terms_read(block_keys, CAP_TERMS_N(block_keys), terms, sc,
                          key, value, msg, msglen);
}

static int
block_finish(void *terms, const cap_scenario *sc, size_t provider,
             char *msg, size_t msglen)
{
    const block_terms *b = terms;

    (void) sc; (void) provider;
    if (isnan(b->amount)) {
        snprintf(msg, msglen, "needs key 'amount' (type block)");
        return CAP_EINPUT;
    }
    return CAP_OK;
}

static double
block_pay(const void *terms, const cap_settle_input *in)
{
    const block_terms *b = terms;

    return b->amount * pow(1.0 + b->indexation, in->year - 1);
}

const cap_contract_type cap_contract_block = {
    .name = "block",
    .terms_size = sizeof(block_terms),
    .init = block_init,
    .set = block_set,
    .finish = block_finish,
    .pay = block_pay
};
