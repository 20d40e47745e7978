/* manifest.h -- manifest.ini: what a results folder was made from.
 *
 * Enough to reproduce the run and check it bit for bit: capsim's
 * version, the generator, the seed and trials, every input file with
 * its SHA-256, every output file with its SHA-256, and when it ran.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_MANIFEST_H
#define CAPSIM_MANIFEST_H

#include <stdio.h>
#include <time.h>
#include "capsim/scenario.h"

/* The version of the results folder's layout, [format] schema in the
 * manifest: it goes up when a table's columns change their meaning
 * (docs/outputs.md lists each version's changes). */
#define CAP_RESULTS_SCHEMA 2

typedef struct {
    long trials;              /* as run (after any --trials) */
    unsigned long long seed;  /* as run (after any --seed) */
    int threads;
    const char *engine;       /* the demand engine that ran */
    time_t started, finished;
    const char *results_dir;  /* the folder holding the outputs now */
    const char *const *outputs;   /* relative names, NULL-terminated */
} cap_manifest_info;

/* Write the manifest to f.  Returns CAP_OK, or CAP_EIO when an input or
 * output cannot be read for its checksum. */
int cap_write_manifest(FILE *f, const cap_scenario *sc,
                       const cap_manifest_info *info);

#endif /* CAPSIM_MANIFEST_H */
