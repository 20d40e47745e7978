/* console.c -- what the capsim command shows on standard error (the
 * interface is in console.h).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <time.h>
#include "base/money.h"
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

/* A duration for people: "4.2 s", "38 s", "3 min 05 s", "2 h 07 min". */
static void
duration_text(char *buf, size_t n, double s)
{
    long whole = lround(s);

    if (s < 9.95)
        snprintf(buf, n, "%.1f s", s);
    else if (whole < 60)
        snprintf(buf, n, "%ld s", whole);
    else if (whole < 3600)
        snprintf(buf, n, "%ld min %02ld s", whole / 60, whole % 60);
    else
        snprintf(buf, n, "%ld h %02ld min", whole / 3600,
                 (whole % 3600) / 60);
}

/* "capsim: " or "capsim: STAGE: ", the start of every progress line;
 * returns the characters printed. */
static int
print_stage(const cli_progress *p)
{
    return p->stage ? fprintf(stderr, "capsim: %s: ", p->stage)
                    : fprintf(stderr, "capsim: ");
}

/* "of 1,000 trials" or "of 5 runs of 1,000 trials"; returns the
 * characters printed. */
static int
print_extent(const cli_progress *p, long total)
{
    char trials[40];

    cap_number_text(trials, sizeof trials, (double) total, 0);
    return p->runs > 1
        ? fprintf(stderr, "of %ld runs of %s trials", p->runs, trials)
        : fprintf(stderr, "of %s trials", trials);
}

/* The bar on a terminal, redrawn at most four times a second; when the
 * stage is done it says how long it took and ends its line. */
static void
draw_bar(cli_progress *p, double part, long total,
         const struct timespec *now)
{
    double elapsed = seconds_between(&p->start, now);
    char time[40];

    if (part < 1.0 && seconds_between(&p->last, now) < 0.25)
        return;
    p->last = *now;
    fputc('\r', stderr);
    p->drawn = print_stage(p);
    p->drawn += fprintf(stderr, "%3.0f%% ", 100.0 * part);
    p->drawn += print_extent(p, total);
    if (part < 1.0) {
        duration_text(time, sizeof time,
                      part > 0.0 ? elapsed * (1.0 - part) / part : 0.0);
        p->drawn += fprintf(stderr, ", %s left   ", time);
    } else {
        duration_text(time, sizeof time, elapsed);
        fprintf(stderr, ", done in %s   \n", time);
        p->drawn = 0;
        p->finished = 1;
    }
}

/* A line for each tenth of the stage newly done, for a log. */
static void
print_tenths(cli_progress *p, double part, long total,
             const struct timespec *now)
{
    double elapsed = seconds_between(&p->start, now);
    int tenths = (int) floor(part * 10.0 + 1e-9);

    for (int k = p->tenths + 1; k <= tenths && k <= 10; k++) {
        char took[40], left[40];

        duration_text(took, sizeof took, elapsed);
        duration_text(left, sizeof left, elapsed * (1.0 - part) / part);
        print_stage(p);
        fprintf(stderr, "%d%% ", 10 * k);
        print_extent(p, total);
        if (k < 10)
            fprintf(stderr, ", %s elapsed, about %s left\n", took, left);
        else
            fprintf(stderr, ", %s elapsed\n", took);
    }
    if (tenths > p->tenths)
        p->tenths = tenths;
    if (p->tenths >= 10)
        p->finished = 1;
}

/* cap_sim_run's progress callback: done of total trials of the current
 * run of the stage. */
static void
show_progress(long done, long total, void *user)
{
    cli_progress *p = user;
    struct timespec now;
    double part;

    /* Fewer trials done than last time: the stage's next run began. */
    if (done < p->last_done && p->run + 1 < p->runs)
        p->run++;
    p->last_done = done;
    if (p->finished || total <= 0)
        return;
    part = ((double) p->run * (double) total + (double) done)
           / ((double) p->runs * (double) total);
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (p->on_terminal)
        draw_bar(p, part, total, &now);
    else
        print_tenths(p, part, total, &now);
}

void
cli_progress_start(cli_progress *p, cap_sim_config *cfg, int on_terminal)
{
    p->active = 1;
    p->on_terminal = on_terminal;
    cli_progress_stage(p, NULL, 1);
    cfg->progress = show_progress;
    cfg->progress_user = p;
}

void
cli_progress_stage(cli_progress *p, const char *stage, long runs)
{
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    p->last = p->start;
    p->stage = stage;
    p->runs = runs > 0 ? runs : 1;
    p->run = 0;
    p->last_done = 0;
    p->tenths = 0;
    p->finished = 0;
    p->drawn = 0;
}

void
cli_progress_run(cli_progress *p, long k)
{
    p->run = k < p->runs ? k : p->runs - 1;
    p->last_done = 0;
}

void
cli_progress_end(cli_progress *p, long trials)
{
    /* Reported as the last trial of the last run. */
    p->run = p->runs - 1;
    p->last_done = trials;
    if (p->active && !p->finished)
        show_progress(trials, trials, p);
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

/* The CSV files number points from 0 (their point column), and so
 * does everything else that names a point. */
size_t
cli_point_number(size_t p)
{
    return p;
}

/* A plain line per sweep point or tornado run, unless quiet; on a
 * terminal it first wipes the progress bar, which the next report
 * draws again below it. */
void
cli_announce(cli_progress *p, int quiet, const char *what,
             const char *detail)
{
    if (quiet)
        return;
    if (p->drawn > 0) {
        fprintf(stderr, "\r%*s\r", p->drawn, "");
        p->drawn = 0;
    }
    fprintf(stderr, "capsim: %s: %s\n", what, detail);
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

