/* manifest.h -- manifest.ini: what a results folder was made from.
 *
 * Enough to reproduce the run and check it bit for bit: capsim's
 * version, the source commit and the libraries it was built with, the
 * command line, the generator, the seed and trials, every input file
 * (kept in inputs/) and every output file with its SHA-256, when it
 * ran, and a checksum of the manifest itself.  The layout is in
 * docs/outputs.md; output/verify.h reads it back.
 *
 * A folder made from several scenarios (a comparison) uses the same
 * writer: cap_manifest_info takes an array of scenarios, and
 * cap_manifest_store_inputs() keeps the files of all of them.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_MANIFEST_H
#define CAPSIM_MANIFEST_H

#include <stdio.h>
#include <time.h>
#include "capsim/output.h"
#include "capsim/scenario.h"

/* The version of the results folder's layout, [format] schema in the
 * manifest: it goes up when a table's columns change their meaning or
 * the folder's layout changes (docs/outputs.md lists each version's
 * changes). */
#define CAP_RESULTS_SCHEMA 3

/* The folder inside a results folder that holds the inputs. */
#define CAP_INPUTS_DIR "inputs"

/* One input kept in the folder: a file a scenario was read from, its
 * bytes as read at load stored as inputs/NAME. */
typedef struct {
    const char *role;         /* "scenario", "base" or "practices" */
    const char *path;         /* as the loader opened it (the scenario's
                                 string; not owned) */
    char stored[320];         /* "inputs/NAME", relative to the folder */
    char sha256[65];
} cap_manifest_input;

typedef struct {
    /* What ran. */
    const char *command;      /* "run", "tornado", "compare", ... */
    int argc;                 /* the command line as given (argv[0] */
    char *const *argv;        /*   included); argc 0: not known */
    const cap_scenario *const *scenarios;   /* n_scenarios >= 1 */
    size_t n_scenarios;
    long trials;              /* as run (after any --trials) */
    unsigned long long seed;  /* as run (after any --seed) */
    const char *engine;       /* the demand engine that ran */
    const char *engine_asked; /* --engine as given: "default" when not */
    int keep_trials, no_plots;
    int waterfall;            /* the growth waterfall was run */
    /* How it ran: what may vary without changing any output. */
    int threads, processes;
    time_t started, finished;
    /* The files. */
    const cap_manifest_input *inputs;       /* from
                                               cap_manifest_store_inputs */
    size_t n_inputs;
    const char *results_dir;  /* the folder holding the outputs now */
    const char *const *outputs;   /* relative names, NULL-terminated */
} cap_manifest_info;

/* Store in r's folder, as inputs/NAME, the bytes of every file each of
 * the n scenarios was read from (cap_scenario_sources(), as read at
 * load), once each: NAME is the file's base name, with characters other
 * than letters, digits, '.', '-' and '_' made '_', and "-2", "-3", ...
 * before its extension where two differ.  Returns CAP_OK with *out (n_out
 * of them; the caller frees the array with free(); it points into the
 * scenarios, which must outlive it), or CAP_EIO / CAP_ENOMEM with diag
 * set and *out NULL. */
int cap_manifest_store_inputs(const cap_results *r,
                              const cap_scenario *const *scenarios,
                              size_t n, cap_manifest_input **out,
                              size_t *n_out, cap_diag *diag);

/* The part of the manifest that is the same for the same scenario,
 * command, seed and trials on any number of threads or processes, in
 * any folder, at any time: [capsim], [format], [run], each [input.N]
 * and [outputs] (what report.html shows).  Returns CAP_OK, or CAP_EIO
 * when an output cannot be read for its checksum or f written. */
int cap_write_manifest_record(FILE *f, const cap_manifest_info *info);

/* The record as text, for report.html to show: *out, which the caller
 * frees with free().  Returns CAP_OK, or a status with diag set and
 * *out NULL. */
int cap_manifest_record_text(const cap_manifest_info *info, char **out,
                             cap_diag *diag);

/* The whole manifest: the record with the command line, how it ran,
 * the build and the platform, then [other_outputs] and last the line
 * "sha256 = HEX" of [manifest]: the SHA-256 of every byte of the file
 * before that line.  Returns as cap_write_manifest_record(), or
 * CAP_ENOMEM. */
int cap_write_manifest(FILE *f, const cap_manifest_info *info);

/* One fact of the build or the platform, as the manifest records it
 * under [build] or [platform]. */
typedef struct {
    const char *section;      /* "capsim", "build" or "platform" */
    const char *key;
    char value[160];
} cap_build_fact;

/* The facts of this build and platform (capsim's version, the commit,
 * the libraries, the compiler, OpenMP, MPI, the system), in the order
 * the manifest writes them, into out (max of them).  Returns how many
 * there are.  Cannot fail. */
size_t cap_build_facts(cap_build_fact *out, size_t max);

#endif /* CAPSIM_MANIFEST_H */
