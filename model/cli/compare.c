/* compare.c -- capsim compare FILE...: several scenarios side by side
 * in one comparison folder.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdio.h>
#include "cli/commands.h"

int
cli_compare(const run_options *opt)
{
    (void) opt;
    fprintf(stderr, "capsim: compare: not built yet\n");
    return EXIT_RUNTIME;
}
