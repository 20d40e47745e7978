/* manifest.c -- manifest.ini: what a results folder was made from.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdio.h>
#include <time.h>
#include "output/manifest.h"
#include "base/sha256.h"
#include "base/rng.h"
#include "scenario/ini_doc.h"
#include "base/input_file.h"

static void
iso_time(time_t t, char *buf, size_t n)
{
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int
cap_write_manifest(FILE *f, const cap_scenario *sc,
                   const cap_manifest_info *info)
{
    char hex[65], when[32];

    fprintf(f, "; capsim results manifest: rerun with the same scenario, "
            "seed and trials\n; to reproduce every CSV bit for bit, on any "
            "number of threads.\n\n");
    fprintf(f, "[capsim]\nversion = %s\n", PACKAGE_VERSION);
    /* How to cite the version that ran (CITATION.cff in the source). */
    fprintf(f, "cite = the capsim authors (%s). capsim: a Monte Carlo "
            "simulator of capitation and accountable-care contracts, "
            "version %s. GPL-3.0-or-later.\n\n", CAPSIM_RELEASE_YEAR,
            PACKAGE_VERSION);
    /* The tables' layout: 2 since year became a whole number with a
     * period column, and the study tables gained point. */
    fprintf(f, "[format]\nschema = %d\n\n", CAP_RESULTS_SCHEMA);
    fprintf(f, "[run]\nscenario_name = %s\n", sc->name);
    fprintf(f, "engine = %s\n", info->engine);
    fprintf(f, "rng = %s (Random123), streams keyed by seed and "
            "(trial, purpose, year, index)\n", cap_rng_philox->name);
    fprintf(f, "seed = %llu\ntrials = %ld\nyears = %d\nthreads = %d\n",
            info->seed, info->trials, sc->years, info->threads);
    iso_time(info->started, when, sizeof when);
    fprintf(f, "started = %s\n", when);
    iso_time(info->finished, when, sizeof when);
    fprintf(f, "finished = %s\n\n", when);

    /* The checksums of the bytes that were read and simulated, captured
     * at load: the files on disk may have changed since. */
    fprintf(f, "[inputs]\nscenario = %s\n", sc->path);
    fprintf(f, "scenario_sha256 = %s\n", sc->source->file->sha256);
    if (sc->practices_path && sc->source->practices)
        fprintf(f, "practices = %s\npractices_sha256 = %s\n",
                sc->practices_path, sc->source->practices->sha256);
    fprintf(f, "\n[outputs]\n");
    for (size_t i = 0; info->outputs[i] != NULL; i++) {
        char path[1400];

        snprintf(path, sizeof path, "%s/%s", info->results_dir,
                 info->outputs[i]);
        if (cap_sha256_file(path, hex) != CAP_OK)
            return CAP_EIO;
        fprintf(f, "%s = %s\n", info->outputs[i], hex);
    }
    return ferror(f) ? CAP_EIO : CAP_OK;
}
