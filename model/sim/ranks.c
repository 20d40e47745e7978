/* ranks.c -- the processes of an MPI run: blocks of trials, one verdict
 * for all, and every rank's rows for every rank.
 *
 * MPI is called only by the thread that started it, between OpenMP's
 * parallel regions, so MPI_THREAD_FUNNELED is all it needs.  MPI's own
 * failures abort the job (MPI_ERRORS_ARE_FATAL, the default), so the
 * calls' return values are not checked one by one.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef HAVE_MPI
#include <mpi.h>
#endif
#include "sim/ranks.h"

/* Rank's block of n items among count ranks. */
static void
block_of(size_t n, int rank, int count, size_t *lo, size_t *hi)
{
    size_t each = n / (size_t) count, extra = n % (size_t) count;
    size_t r = (size_t) rank;

    *lo = r * each + (r < extra ? r : extra);
    *hi = *lo + each + (r < extra);
}

void
cap_ranks_block(size_t n, size_t *lo, size_t *hi)
{
    block_of(n, cap_ranks_self(), cap_ranks_count(), lo, hi);
}

long
cap_ranks_done(long done, size_t lo, size_t hi, size_t n)
{
    /* Exact when this rank has every item (a single process). */
    if (hi - lo == n || hi == lo)
        return done;
    return (long) ((double) done * (double) n / (double) (hi - lo));
}

#ifndef HAVE_MPI

int
cap_ranks_init(int *argc, char ***argv, cap_diag *diag)
{
    (void) argc; (void) argv; (void) diag;
    return CAP_OK;
}

void
cap_ranks_finish(void)
{
}

int
cap_ranks_self(void)
{
    return 0;
}

int
cap_ranks_count(void)
{
    return 1;
}

int
cap_ranks_agree(int status, size_t at, cap_diag *diag)
{
    (void) at; (void) diag;
    return status;
}

int
cap_ranks_share(int value)
{
    return value;
}

int
cap_ranks_gather(cap_outcomes *o, cap_diag *diag)
{
    (void) o; (void) diag;
    return CAP_OK;
}

#else /* HAVE_MPI */

/* At most this many bytes per rank in one exchange: counts are ints,
 * and some transports mishandle messages beyond 2 GiB.  A build may
 * lower it (CPPFLAGS=-DCAP_RANKS_MESSAGE_BYTES=4096) to exercise the
 * exchange in many rounds. */
#ifndef CAP_RANKS_MESSAGE_BYTES
#define CAP_RANKS_MESSAGE_BYTES (1L << 30)
#endif

/* MPI is up: initialized (by capsim or the program using the library)
 * and not yet finalized. */
static int
running(void)
{
    int started, finished;

    MPI_Initialized(&started);
    if (!started)
        return 0;
    MPI_Finalized(&finished);
    return !finished;
}

int
cap_ranks_init(int *argc, char ***argv, cap_diag *diag)
{
    int provided;

    if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided)
        != MPI_SUCCESS)
        return cap_diag_set(diag, CAP_EIO, "", 0, "cannot start MPI");
    return CAP_OK;
}

void
cap_ranks_finish(void)
{
    if (running())
        MPI_Finalize();
}

int
cap_ranks_self(void)
{
    int rank = 0;

    if (running())
        MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    return rank;
}

int
cap_ranks_count(void)
{
    int count = 1;

    if (running())
        MPI_Comm_size(MPI_COMM_WORLD, &count);
    return count;
}

/* Wait for request r, napping between tests: a rank that finished its
 * share early, or waits while rank 0 writes the results, leaves the
 * cores to the ranks still working (MPI's own waits spin, which slows
 * everyone when ranks share cores). */
static void
wait_politely(MPI_Request *r)
{
    const struct timespec nap = { 0, 1000000 };   /* 1 ms */
    int done = 0;

    MPI_Test(r, &done, MPI_STATUS_IGNORE);
    while (!done) {
        nanosleep(&nap, NULL);
        MPI_Test(r, &done, MPI_STATUS_IGNORE);
    }
}

int
cap_ranks_agree(int status, size_t at, cap_diag *diag)
{
    struct { long at; int rank; } mine, first;    /* MPI_LONG_INT */
    struct { int status; cap_diag diag; } verdict;
    MPI_Request req;

    if (cap_ranks_count() == 1)
        return status;
    /* LONG_MAX: no failure here; a failure's place stays below it. */
    mine.at = status == CAP_OK ? LONG_MAX
            : at < (size_t) LONG_MAX ? (long) at : LONG_MAX - 1;
    mine.rank = cap_ranks_self();
    MPI_Iallreduce(&mine, &first, 1, MPI_LONG_INT, MPI_MINLOC,
                   MPI_COMM_WORLD, &req);
    wait_politely(&req);
    if (first.at == LONG_MAX)
        return CAP_OK;
    memset(&verdict, 0, sizeof verdict);
    if (first.rank == mine.rank) {
        verdict.status = status;
        if (diag != NULL)
            verdict.diag = *diag;
    }
    MPI_Ibcast(&verdict, (int) sizeof verdict, MPI_BYTE, first.rank,
               MPI_COMM_WORLD, &req);
    wait_politely(&req);
    if (diag != NULL)
        *diag = verdict.diag;
    return verdict.status;
}

int
cap_ranks_share(int value)
{
    MPI_Request req;

    if (cap_ranks_count() == 1)
        return value;
    MPI_Ibcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD, &req);
    wait_politely(&req);
    return value;
}

/* One array of the outcomes: rows of width doubles, one row per trial
 * for the first rows trials. */
typedef struct {
    double *base;
    size_t width, rows;
} rows_of;

/* Give every rank every row of a, each rank holding the rows of its
 * block of trials trials.  A row is one MPI datatype, so counts and
 * displacements count rows, and each round moves at most
 * CAP_RANKS_MESSAGE_BYTES from each rank.  count and displ hold one int
 * per rank. */
static void
gather_rows(const rows_of *a, size_t trials, int ranks, int *count,
            int *displ)
{
    size_t step = CAP_RANKS_MESSAGE_BYTES / (a->width * sizeof *a->base);
    size_t longest = 0;
    MPI_Datatype row;

    if (step == 0)
        step = 1;
    for (int r = 0; r < ranks; r++) {
        size_t lo, hi;

        block_of(trials, r, ranks, &lo, &hi);
        if (hi > a->rows)
            hi = a->rows;
        if (lo < hi && hi - lo > longest)
            longest = hi - lo;
    }
    MPI_Type_contiguous((int) a->width, MPI_DOUBLE, &row);
    MPI_Type_commit(&row);
    for (size_t start = 0; start < longest; start += step) {
        for (int r = 0; r < ranks; r++) {
            size_t lo, hi;

            block_of(trials, r, ranks, &lo, &hi);
            if (hi > a->rows)
                hi = a->rows;
            lo = lo + start < hi ? lo + start : hi;
            hi = hi - lo > step ? lo + step : hi;
            count[r] = (int) (hi - lo);
            displ[r] = (int) lo;
        }
        MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, a->base, count,
                       displ, row, MPI_COMM_WORLD);
    }
    MPI_Type_free(&row);
}

int
cap_ranks_gather(cap_outcomes *o, cap_diag *diag)
{
    size_t cells = o->options * o->parties * (size_t) o->years;
    const rows_of array[] = {
        { o->income, cells, o->trials },
        { o->spend, cells, o->trials },
        { o->inputs, o->n_inputs, o->trials },
        { o->interventions,
          o->options * o->n_interventions * CAP_IV_OUTCOMES, o->trials },
        { o->concentration, (size_t) o->years * CAP_N_CONC_GROUPS,
          o->conc_trials },
        { o->persistence, (size_t) o->years, o->conc_trials },
    };
    const size_t n_arrays = sizeof array / sizeof array[0];
    int ranks = cap_ranks_count(), *count, *displ, status;

    if (ranks == 1)
        return CAP_OK;
    /* The same sizes on every rank: all refuse together. */
    for (size_t k = 0; k < n_arrays; k++)
        if (array[k].width > INT_MAX || array[k].rows > INT_MAX)
            return cap_diag_set(diag, CAP_EINPUT, "", 0, "too many "
                                "outcomes per trial or too many trials "
                                "to share among MPI processes (at most "
                                "%d)", INT_MAX);
    count = malloc((size_t) ranks * sizeof *count);
    displ = malloc((size_t) ranks * sizeof *displ);
    status = count && displ ? CAP_OK
        : cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    status = cap_ranks_agree(status, 0, diag);
    for (size_t k = 0; k < n_arrays && status == CAP_OK; k++)
        if (array[k].width > 0 && array[k].rows > 0)
            gather_rows(&array[k], o->trials, ranks, count, displ);
    free(count);
    free(displ);
    return status;
}

#endif /* HAVE_MPI */
