/* console.c -- what the capsim command shows on the terminal (the
 * interface is in console.h).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <time.h>
#include "capsim/ledger.h"
#include "sim/ranks.h"
#include "cli/console.h"
#include "cli/options.h"

/* Print a diagnostic as "capsim: FILE:LINE: message". */
void
cli_report(const cap_diag *d)
{
    /* Under mpirun the ranks agree on every failure; rank 0 says so. */
    if (cap_ranks_self() != 0)
        return;
    if (d->file[0] && d->line > 0)
        fprintf(stderr, "capsim: %s:%d: %s\n", d->file, d->line,
                d->message);
    else if (d->file[0])
        fprintf(stderr, "capsim: %s: %s\n", d->file, d->message);
    else
        fprintf(stderr, "capsim: %s\n", d->message);
}

int
cli_exit_for(int status)
{
    return status == CAP_EINPUT || status == CAP_EEXIST ? EXIT_USAGE
                                                        : EXIT_RUNTIME;
}

/* A scenario that cannot be loaded is bad input, even when the cause is
 * a file that cannot be opened; only running out of memory is not. */
int
cli_exit_for_load(int status)
{
    return status == CAP_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
}

static double
seconds_between(const struct timespec *a, const struct timespec *b)
{
    return (double) (b->tv_sec - a->tv_sec)
           + 1e-9 * (double) (b->tv_nsec - a->tv_nsec);
}

static void
show_progress(long done, long total, void *user)
{
    cli_progress *p = user;
    struct timespec now;
    double elapsed, rate;

    clock_gettime(CLOCK_MONOTONIC, &now);
    if (p->finished
        || (done < total && seconds_between(&p->last, &now) < 0.25))
        return;
    p->last = now;
    elapsed = seconds_between(&p->start, &now);
    rate = elapsed > 0.0 ? (double) done / elapsed : 0.0;
    fprintf(stderr, "\rcapsim: %ld/%ld trials (%3.0f%%), %.1f trials/s, "
            "%.0f s left   ", done, total, 100.0 * (double) done
            / (double) total, rate,
            rate > 0.0 ? (double) (total - done) / rate : 0.0);
    if (done == total) {
        fputc('\n', stderr);
        p->finished = 1;
    }
}
void
cli_progress_start(cli_progress *p, cap_sim_config *cfg)
{
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    p->last = p->start;
    p->finished = 0;
    cfg->progress = show_progress;
    cfg->progress_user = p;
}

/* A few lines a finance director reads first: per option and party,
 * the expected net over the horizon, the 1-in-20 loss and the share of
 * cost risk. */
void
cli_print_overview(const cap_scenario *sc, const cap_outcomes *o,
               const cap_horizon *h)
{
    size_t sys = cap_ledger_system(sc);

    printf("%-14s %-14s %16s %16s %9s %11s\n", "option", "party",
           "mean net", "1-in-20 loss", "P(deficit)", "risk share");
    for (size_t opt = 0; opt < o->options; opt++) {
        for (size_t p = 0; p < sys; p++) {
            const cap_summary *s = &h->s[opt * o->parties + p];

            /* + 0.0 turns a negative zero into "0.000". */
            printf("%-14.14s %-14.14s %16.0f %16.0f %9.3f %11.3f\n",
                   sc->options[opt].name, cap_ledger_party_name(sc, p),
                   s->mean.value, s->var95.value, s->prob_deficit.value,
                   round(h->share[opt * sys + p] * 1000.0) / 1000.0 + 0.0);
        }
    }
    printf("(net summed over %d years; loss = VaR 95%%; risk share = "
           "-Cov(net, cost)/Var(cost))\n", o->years);
}

/* The values of point p's swept keys, "a = 1, b = 2", into buf. */
void
cli_point_label(const cap_scenario *base, size_t p, char *buf, size_t size)
{
    const cap_sweep *sw = &base->sweep;
    size_t n = 0;

    buf[0] = '\0';
    for (size_t k = 0; k < sw->n_keys && n < size; k++)
        n += (size_t) snprintf(buf + n, size - n, "%s%s = %g",
                               k ? ", " : "", sw->keys[k].name,
                               sw->values[p * sw->n_keys + k]);
}

/* A plain line per sweep point or tornado run (beside the progress bar
 * on a terminal), unless quiet. */
void
cli_announce(int quiet, const char *what, size_t k, size_t n,
             const char *detail)
{
    if (!quiet && n > 1)
        fprintf(stderr, "capsim: %s %zu/%zu: %s\n", what, k, n, detail);
}

/* Flush stdout and fail if it could not be written (capsim >/dev/full
 * must not exit 0). */
int
cli_close_stdout(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "capsim: write error on standard output\n");
        return code ? code : EXIT_RUNTIME;
    }
    return code;
}

