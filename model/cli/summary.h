/* summary.h -- the tables capsim run and tornado print on stdout when
 * they finish: each option's figures per party, the recommendation,
 * and for a sweep one compact table of its points (internal to the
 * command).  Every line fits 80 columns; names are wrapped, never cut.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_CLI_SUMMARY_H
#define CAPSIM_CLI_SUMMARY_H

#include <stddef.h>
#include "capsim/study.h"

/* The widest line the tables print, in columns. */
enum { CLI_SUMMARY_WIDTH = 80 };

/* Which figures the table of one point shows. */
typedef enum {
    CLI_ANNUAL,               /* the annual duty: per year, worst year */
    CLI_HORIZON               /* the net summed over the horizon */
} cli_figures;

/* Print the summary of the n points on stdout: with one point, a table
 * of each option and party (the annual or the horizon figures), its
 * notes and the recommendation; with a sweep, the points' values and
 * one table of point x option for the deciding party.  Writes only to
 * stdout; out of memory for a table, it prints nothing of it. */
void cli_print_summary(const cap_scenario *base, const cap_point *points,
                       size_t n, cli_figures figures);

#endif /* CAPSIM_CLI_SUMMARY_H */
