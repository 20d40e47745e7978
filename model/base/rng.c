/* rng.c -- Random123's Philox4x32-10 as a GSL generator with streams.
 *
 * Random123 ships a generic GSL adapter, but it hides the counter; we
 * need to set the counter to name a stream (see rng.h), so the adapter
 * here is our own: the state is Philox's counter and key plus the four
 * 32-bit words of the current block.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <string.h>
#include <Random123/philox.h>
#include "base/rng.h"

typedef struct {
    philox4x32_ctr_t ctr;     /* v[0] counts blocks within the stream */
    philox4x32_key_t key;
    philox4x32_ctr_t out;     /* the current block */
    unsigned next;            /* next word of out to hand out; 4 = none */
} philox_state;

static unsigned long int
philox_get(void *vstate)
{
    philox_state *s = vstate;

    if (s->next == 4) {
        s->out = philox4x32(s->ctr, s->key);
        s->ctr.v[0]++;
        s->next = 0;
    }
    return s->out.v[s->next++];
}

static double
philox_get_double(void *vstate)
{
    /* In [0, 1), as GSL requires of get_double. */
    return (double) philox_get(vstate) / 4294967296.0;
}

/* gsl_rng_set(): the GSL seed becomes the key; the stream is (0,0,0,0).
 * capsim itself keys generators with cap_rng_alloc(). */
static void
philox_set(void *vstate, unsigned long int seed)
{
    philox_state *s = vstate;
    uint64_t k = (uint64_t) seed;

    memset(s, 0, sizeof *s);
    s->key.v[0] = (uint32_t) k;
    s->key.v[1] = (uint32_t) (k >> 32);
    s->next = 4;
}

static const gsl_rng_type philox_type = {
    "philox4x32-10",
    0xffffffffUL,             /* max */
    0,                        /* min */
    sizeof(philox_state),
    philox_set,
    philox_get,
    philox_get_double
};

const gsl_rng_type *cap_rng_philox = &philox_type;

gsl_rng *
cap_rng_alloc(uint64_t seed)
{
    gsl_rng *r = gsl_rng_alloc(cap_rng_philox);
    philox_state *s;

    if (r == NULL)
        return NULL;
    s = r->state;
    memset(s, 0, sizeof *s);
    s->key.v[0] = (uint32_t) seed;
    s->key.v[1] = (uint32_t) (seed >> 32);
    s->next = 4;
    return r;
}

void
cap_rng_seek(gsl_rng *r, uint32_t trial, cap_stream_purpose purpose,
             uint32_t year, uint32_t index)
{
    philox_state *s = r->state;

    s->ctr.v[0] = 0;
    s->ctr.v[1] = index;
    s->ctr.v[2] = ((uint32_t) purpose << 24) | (year & 0xffffffu);
    s->ctr.v[3] = trial;
    s->next = 4;
}
