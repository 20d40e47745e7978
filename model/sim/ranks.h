/* ranks.h -- the processes of an MPI run (internal to capsim).
 *
 * Built --with-mpi and started by mpirun, every process (rank) runs the
 * same command on the same inputs.  Each simulates its own contiguous
 * block of trials; then they exchange their rows, so every rank holds
 * every trial's outcomes and takes exactly the same path afterwards.
 * Trials keep their global numbers, and a trial's number keys its
 * random streams, so the outcomes are the same bits however the trials
 * are split.  Where a rank can fail on its own (a trial, memory, a
 * file), the ranks agree on one verdict before going on, so none waits
 * for a partner that has given up.
 *
 * Without MPI, before MPI_Init, after MPI_Finalize or with a single
 * process there is one rank, and every function here is trivial.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_RANKS_H
#define CAPSIM_RANKS_H

#include <stddef.h>
#include "capsim/error.h"
#include "capsim/sim.h"

/* Start MPI, if built with it (the command calls this first, and
 * cap_ranks_finish on every way out).  Returns CAP_OK, or CAP_EIO with
 * diag filled. */
int cap_ranks_init(int *argc, char ***argv, cap_diag *diag);
void cap_ranks_finish(void);

/* This process's rank (0..count-1) and the number of ranks. */
int cap_ranks_self(void);
int cap_ranks_count(void);

/* This rank's block [*lo, *hi) of n items: contiguous, in rank order,
 * the first n % count ranks one item longer. */
void cap_ranks_block(size_t n, size_t *lo, size_t *hi);

/* One verdict for all ranks.  Each passes its status and, when it
 * failed, where (a trial's number, or 0 when there is no order); every
 * rank gets back the status and diag of the failure at the lowest
 * place, ties to the lowest rank, or CAP_OK when none failed.  Ranks
 * that finish early wait without spinning. */
int cap_ranks_agree(int status, size_t at, cap_diag *diag);

/* Rank 0's value, on every rank (e.g. an exit status decided there). */
int cap_ranks_share(int value);

/* After each rank has filled the rows of its block of o's trials
 * (cap_ranks_block(o->trials, ...)), give every rank every trial's
 * rows.  Returns CAP_OK or, on every rank, the same failure with diag
 * filled. */
int cap_ranks_gather(cap_outcomes *o, cap_diag *diag);

/* Trials done by all ranks, estimated from this rank's done of its
 * block [lo, hi) of n: for progress shown by one rank. */
long cap_ranks_done(long done, size_t lo, size_t hi, size_t n);

#endif /* CAPSIM_RANKS_H */
