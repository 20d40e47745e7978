/* manifest.c -- manifest.ini: what a results folder was made from, and
 * the inputs/ folder that keeps the files it was read from.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/utsname.h>
#include <csv.h>
#include <gsl/gsl_version.h>
#ifdef HAVE_XLSX
#include <xlsxwriter.h>
#endif
#ifdef HAVE_MPI
#include <mpi.h>
#endif
#include "output/manifest.h"
#include "base/sha256.h"
#include "base/rng.h"

static void
iso_time(time_t t, char *buf, size_t n)
{
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* A value on one line: a control character (a newline in a path, say)
 * would end it, so it is written as '?'. */
static void
put_value(FILE *f, const char *s)
{
    for (; *s; s++)
        fputc((unsigned char) *s < 0x20 || *s == 0x7f ? '?' : *s, f);
    fputc('\n', f);
}

/* --- inputs/ -------------------------------------------------------- */

/* The stored name of path: its base name, made safe to be a file's
 * name and an INI key. */
static void
safe_base_name(const char *path, char *out, size_t n)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t k = 0;

    for (; *base && k + 1 < n && k < 200; base++) {
        char c = *base;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                 || (c >= '0' && c <= '9') || c == '.' || c == '-'
                 || c == '_';

        out[k++] = ok ? c : '_';
    }
    out[k] = '\0';
    if (k == 0 || strcmp(out, ".") == 0 || strcmp(out, "..") == 0)
        snprintf(out, n, "input");
}

/* "inputs/NAME", NAME made unique among the first n stored. */
static void
unique_name(const char *path, const cap_manifest_input *kept, size_t n,
            char *out, size_t size)
{
    char base[210], stem[210];
    const char *dot;
    int taken = 1;

    safe_base_name(path, base, sizeof base);
    dot = strrchr(base, '.');
    if (dot == NULL || dot == base)
        dot = base + strlen(base);
    snprintf(stem, sizeof stem, "%.*s", (int) (dot - base), base);
    snprintf(out, size, CAP_INPUTS_DIR "/%s", base);
    for (int suffix = 2; taken; suffix++) {
        taken = 0;
        for (size_t i = 0; i < n && !taken; i++)
            taken = strcmp(kept[i].stored, out) == 0;
        if (taken)
            snprintf(out, size, CAP_INPUTS_DIR "/%s-%d%s", stem, suffix,
                     dot);
    }
}

/* Write one stored copy. */
static int
store_bytes(const cap_results *r, const char *name,
            const cap_scenario_source *src, cap_diag *diag)
{
    FILE *f = cap_results_open(r, name);

    if (f == NULL)
        return cap_diag_set(diag, CAP_EIO, "", 0, "cannot write %s/%s: %s",
                            r->final_path, name, strerror(errno));
    fwrite(src->bytes, 1, src->size, f);
    return cap_results_close(r, f, name, CAP_OK, errno, diag);
}

int
cap_manifest_store_inputs(const cap_results *r,
                          const cap_scenario *const *scenarios, size_t n,
                          cap_manifest_input **out, size_t *n_out,
                          cap_diag *diag)
{
    size_t total = 0, kept = 0;
    cap_manifest_input *list;
    int status = CAP_OK;

    *out = NULL;
    *n_out = 0;
    for (size_t s = 0; s < n; s++)
        total += cap_scenario_sources(scenarios[s], NULL, 0);
    list = calloc(total ? total : 1, sizeof *list);
    if (list == NULL)
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    if (total > 0)
        status = cap_results_mkdir(r, CAP_INPUTS_DIR, diag);
    for (size_t s = 0; s < n && status == CAP_OK; s++) {
        size_t m = cap_scenario_sources(scenarios[s], NULL, 0);
        cap_scenario_source *src = calloc(m ? m : 1, sizeof *src);

        if (src == NULL) {
            status = cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
            break;
        }
        cap_scenario_sources(scenarios[s], src, m);
        for (size_t i = 0; i < m && status == CAP_OK; i++) {
            int seen = 0;

            /* A file two scenarios share (a common base) is kept once. */
            for (size_t k = 0; k < kept && !seen; k++)
                seen = strcmp(list[k].path, src[i].path) == 0
                       && strcmp(list[k].sha256, src[i].sha256) == 0;
            if (seen)
                continue;
            list[kept].role = src[i].role;
            list[kept].path = src[i].path;
            snprintf(list[kept].sha256, sizeof list[kept].sha256, "%s",
                     src[i].sha256);
            unique_name(src[i].path, list, kept, list[kept].stored,
                        sizeof list[kept].stored);
            status = store_bytes(r, list[kept].stored, &src[i], diag);
            kept++;
        }
        free(src);
    }
    if (status != CAP_OK) {
        free(list);
        return status;
    }
    *out = list;
    *n_out = kept;
    return CAP_OK;
}

/* --- the build ------------------------------------------------------ */

static void
fact(cap_build_fact *out, size_t max, size_t *n, const char *section,
     const char *key, const char *value)
{
    if (*n < max) {
        out[*n].section = section;
        out[*n].key = key;
        snprintf(out[*n].value, sizeof out[*n].value, "%s", value);
    }
    (*n)++;
}

/* The MPI library's own account of itself, first line, or "none". */
static void
mpi_version(char *buf, size_t n)
{
#ifdef HAVE_MPI
    char v[MPI_MAX_LIBRARY_VERSION_STRING];
    int len = 0;

    MPI_Get_library_version(v, &len);
    v[strcspn(v, "\n,")] = '\0';
    snprintf(buf, n, "%s (MPI %d.%d)", v, MPI_VERSION, MPI_SUBVERSION);
#else
    snprintf(buf, n, "none (built without MPI)");
#endif
}

size_t
cap_build_facts(cap_build_fact *out, size_t max)
{
    size_t n = 0;
    char v[160];
    struct utsname u;

    fact(out, max, &n, "capsim", "version", PACKAGE_VERSION);
#ifdef CAPSIM_COMMIT
    fact(out, max, &n, "build", "commit", CAPSIM_COMMIT);
    fact(out, max, &n, "build", "commit_changed", CAPSIM_COMMIT_DIRTY);
#endif
    fact(out, max, &n, "build", "gsl", gsl_version);
    fact(out, max, &n, "build", "random123", CAPSIM_RANDOM123_VERSION);
    fact(out, max, &n, "build", "inih", CAPSIM_INIH_VERSION);
    snprintf(v, sizeof v, "%d.%d.%d", CSV_MAJOR, CSV_MINOR, CSV_RELEASE);
    fact(out, max, &n, "build", "libcsv", v);
    fact(out, max, &n, "build", "check", CAPSIM_CHECK_VERSION);
#ifdef HAVE_XLSX
    fact(out, max, &n, "build", "libxlsxwriter", LXW_VERSION);
#else
    fact(out, max, &n, "build", "libxlsxwriter", "none");
#endif
#if defined __clang__
    fact(out, max, &n, "build", "compiler", "clang " __clang_version__);
#elif defined __GNUC__
    fact(out, max, &n, "build", "compiler", "gcc " __VERSION__);
#else
    fact(out, max, &n, "build", "compiler", "unknown");
#endif
#ifdef _OPENMP
    snprintf(v, sizeof v, "%ld", (long) _OPENMP);
    fact(out, max, &n, "build", "openmp", v);
#endif
    mpi_version(v, sizeof v);
    fact(out, max, &n, "build", "mpi", v);
    if (uname(&u) == 0)
        snprintf(v, sizeof v, "%.40s %.60s %.40s", u.sysname, u.release,
                 u.machine);
    else
        snprintf(v, sizeof v, "unknown");
    fact(out, max, &n, "platform", "system", v);
    return n;
}

/* --- the manifest --------------------------------------------------- */

/* [run] scenario_name (and years): one per scenario, numbered when a
 * folder was made from several. */
static void
put_scenarios(FILE *f, const cap_manifest_info *info)
{
    for (size_t s = 0; s < info->n_scenarios; s++) {
        const cap_scenario *sc = info->scenarios[s];
        char tag[32] = "";

        if (info->n_scenarios > 1)
            snprintf(tag, sizeof tag, ".%zu", s + 1);
        fprintf(f, "scenario_name%s = ", tag);
        put_value(f, sc->name);
        fprintf(f, "years%s = %d\n", tag, sc->years);
    }
}

int
cap_write_manifest_record(FILE *f, const cap_manifest_info *info)
{
    fprintf(f, "[capsim]\nversion = %s\n", PACKAGE_VERSION);
    /* How to cite the version that ran (CITATION.cff in the source). */
    fprintf(f, "cite = the capsim authors (%s). capsim: a Monte Carlo "
            "simulator of capitation and accountable-care contracts, "
            "version %s. GPL-3.0-or-later.\n\n", CAPSIM_RELEASE_YEAR,
            PACKAGE_VERSION);
    /* The layout: 3 since the folder keeps its inputs and the manifest
     * the command, the build and its own checksum. */
    fprintf(f, "[format]\nschema = %d\n\n", CAP_RESULTS_SCHEMA);
    fprintf(f, "[run]\ncommand = %s\n", info->command);
    put_scenarios(f, info);
    fprintf(f, "engine = %s\nengine_asked = %s\n", info->engine,
            info->engine_asked);
    fprintf(f, "rng = %s (Random123), streams keyed by seed and "
            "(trial, purpose, year, index)\n", cap_rng_philox->name);
    fprintf(f, "seed = %llu\ntrials = %ld\n", info->seed, info->trials);
    fprintf(f, "keep_trials = %s\nplots = %s\nwaterfall = %s\n\n",
            info->keep_trials ? "yes" : "no",
            info->no_plots ? "no" : "yes", info->waterfall ? "yes" : "no");
    /* The files read and simulated, as they were read at load (the
     * files on disk may have changed since), and where their bytes are
     * kept. */
    for (size_t i = 0; i < info->n_inputs; i++) {
        const cap_manifest_input *in = &info->inputs[i];

        fprintf(f, "[input.%zu]\nrole = %s\npath = ", i + 1, in->role);
        put_value(f, in->path);
        fprintf(f, "stored = %s\nsha256 = %s\n\n", in->stored, in->sha256);
    }
    fprintf(f, "[outputs]\n");
    for (size_t i = 0; info->outputs[i] != NULL; i++) {
        char path[1400], hex[65];

        snprintf(path, sizeof path, "%s/%s", info->results_dir,
                 info->outputs[i]);
        if (cap_sha256_file(path, hex) != CAP_OK)
            return CAP_EIO;
        fprintf(f, "%s = %s\n", info->outputs[i], hex);
    }
    return ferror(f) ? CAP_EIO : CAP_OK;
}

/* What may differ between two runs that give the same outputs: the
 * command line, the threads and processes, the times, the build. */
static void
put_circumstances(FILE *f, const cap_manifest_info *info)
{
    cap_build_fact facts[24];
    size_t n = cap_build_facts(facts, 24);
    const char *section = "";
    char when[32];

    fprintf(f, "\n[command]\n");
    for (int i = 0; i < info->argc; i++) {
        fprintf(f, "arg.%d = ", i);
        put_value(f, info->argv[i]);
    }
    fprintf(f, "\n[how]\nthreads = %d\nprocesses = %d\n", info->threads,
            info->processes);
    iso_time(info->started, when, sizeof when);
    fprintf(f, "started = %s\n", when);
    iso_time(info->finished, when, sizeof when);
    fprintf(f, "finished = %s\n", when);
    fprintf(f, "clock = %s\n", getenv("SOURCE_DATE_EPOCH") != NULL
            && getenv("SOURCE_DATE_EPOCH")[0] ? "SOURCE_DATE_EPOCH"
            : "system");
    for (size_t i = 0; i < n && i < 24; i++) {
        if (strcmp(facts[i].section, "capsim") == 0)
            continue;         /* the version is in the record */
        if (strcmp(facts[i].section, section) != 0) {
            section = facts[i].section;
            fprintf(f, "\n[%s]\n", section);
        }
        fprintf(f, "%s = %s\n", facts[i].key, facts[i].value);
    }
    fputc('\n', f);
}

int
cap_write_manifest(FILE *f, const cap_manifest_info *info)
{
    char *text = NULL, hex[65];
    size_t size = 0;
    FILE *m = open_memstream(&text, &size);
    cap_sha256 sum;
    int status;

    if (m == NULL)
        return CAP_ENOMEM;
    fprintf(m, "; capsim results manifest: every file of this folder with "
            "its SHA-256, and\n; what made them.  'capsim verify DIR' "
            "checks the files; 'capsim reproduce\n; DIR' reruns the "
            "command from inputs/ and compares every output.\n\n");
    status = cap_write_manifest_record(m, info);
    /* After the record, what may differ between runs that give the
     * same outputs. */
    if (status == CAP_OK) {
        put_circumstances(m, info);
        /* So that the manifest lists every file capsim wrote (--force
         * replaces nothing else). */
        fprintf(m, "[other_outputs]\nmanifest.ini = this file\n\n"
                "[manifest]\n; the SHA-256 of every byte of this file "
                "before the next line\n");
    }
    if (fclose(m) != 0 && status == CAP_OK)
        status = CAP_ENOMEM;
    if (status == CAP_OK) {
        cap_sha256_init(&sum);
        cap_sha256_update(&sum, text, size);
        cap_sha256_final_hex(&sum, hex);
        fwrite(text, 1, size, f);
        fprintf(f, "sha256 = %s\n", hex);
    }
    free(text);
    if (status == CAP_OK && ferror(f))
        status = CAP_EIO;
    return status;
}

int
cap_manifest_record_text(const cap_manifest_info *info, char **out,
                         cap_diag *diag)
{
    size_t size = 0;
    FILE *m;
    int status;

    *out = NULL;
    m = open_memstream(out, &size);
    if (m == NULL)
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    status = cap_write_manifest_record(m, info);
    if (fclose(m) != 0 && status == CAP_OK)
        status = CAP_ENOMEM;
    if (status != CAP_OK) {
        free(*out);
        *out = NULL;
        return cap_diag_set(diag, status, "", 0, "cannot read back the "
                            "files written: %s", cap_strerror(status));
    }
    return CAP_OK;
}
