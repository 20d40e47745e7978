/* reproduce.c -- capsim verify DIR and capsim reproduce DIR: check a
 * results folder against its manifest, and rerun it from its inputs.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdio.h>
#include "cli/commands.h"

int
cli_verify(const char *dir)
{
    (void) dir;
    fprintf(stderr, "capsim: verify: not built yet\n");
    return EXIT_RUNTIME;
}

int
cli_reproduce(const run_options *opt)
{
    (void) opt;
    fprintf(stderr, "capsim: reproduce: not built yet\n");
    return EXIT_RUNTIME;
}
