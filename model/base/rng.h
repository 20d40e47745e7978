/* rng.h -- counter-based random streams keyed by (seed, trial, stream).
 *
 * capsim draws every random number from Random123's Philox4x32-10,
 * wrapped as a GSL generator so GSL's distributions can use it.  The
 * generator's key is the run's 64-bit seed; its 128-bit counter is
 *
 *     [ block | index | purpose << 24 | year | trial ]
 *       32 bit  32 bit   8 + 24 bit            32 bit
 *
 * so a stream is named by (trial, purpose, year, index) -- e.g. the
 * demand draws of person 4711 in year 3 of trial 12 -- and holds 2^34
 * numbers.  A trial's numbers therefore depend on the seed and the
 * trial index alone, never on which thread or process draws them, and
 * the same person-year gets the same numbers in every variant of a run
 * (common random numbers).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_RNG_H
#define CAPSIM_RNG_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

/* What a stream is for.  Numbers are part of the reproducibility
 * contract: never renumber, only add. */
typedef enum {
    CAP_STREAM_SYSTEM = 1,   /* trial-wide draws: trend, annual shocks */
    CAP_STREAM_PERSON = 2,   /* one person's draws in one year */
    CAP_STREAM_SCORE = 3,    /* a contract's quality score in one year */
    CAP_STREAM_INPUTS = 4,   /* a trial's uncertain inputs */
    CAP_STREAM_DESIGN = 5,   /* a Latin hypercube sweep's points */
    CAP_STREAM_BEHAVIOUR = 6,/* a person's extra discretionary events */
    CAP_STREAM_THINNING = 7, /* which of a person's events a cut removes */
    CAP_STREAM_TARGETING = 8,/* a person's risk-score noise */
    CAP_STREAM_STRATUM = 9   /* one stratum's draws in one year, in the
                                aggregate engine */
} cap_stream_purpose;

/* The GSL generator type behind cap_rng (name "philox4x32-10"). */
extern const gsl_rng_type *cap_rng_philox;

/* Allocate a generator keyed by seed.  Returns NULL when out of memory.
 * Free with gsl_rng_free(). */
gsl_rng *cap_rng_alloc(uint64_t seed);

/* Position r at the start of stream (trial, purpose, year, index).
 * Cheap: no numbers are generated until the next draw. */
void cap_rng_seek(gsl_rng *r, uint32_t trial, cap_stream_purpose purpose,
                  uint32_t year, uint32_t index);

#endif /* CAPSIM_RNG_H */
