/* reproduce.c -- capsim verify DIR and capsim reproduce DIR: check a
 * results folder against its manifest, and rerun it from its inputs.
 *
 * verify reads DIR/manifest.ini (output/verify.h), which must be whole,
 * and checks every file of DIR against it.  reproduce reads it the
 * same way, reruns the recorded command (run or tornado, through
 * cli_run_from and cli_tornado_from, so that it runs as they do, under
 * mpirun too) with the recorded seed, trials, engine and flags, its
 * scenario's files read from DIR/inputs, and checks the new folder
 * against the recorded checksums.  Both exit 0 when every file is the
 * same, 1 when one differs, is missing or is extra, 2 when DIR is not a
 * results folder or its manifest is damaged.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "base/tree.h"
#include "output/manifest.h"
#include "output/verify.h"
#include "scenario/engine.h"
#include "sim/ranks.h"
#include "cli/commands.h"
#include "cli/console.h"

/* The exit status of a manifest that could not be read: 2 (not a
 * results folder, or damaged; unreadable counts as not one), but 1 when
 * memory ran out. */
static int
exit_for_manifest(int status)
{
    return status == CAP_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
}

/* Print the checks that are not "same" (all of them when all is set)
 * as "VERDICT  NAME", and return how many are not the same. */
static size_t
print_checks(const cap_file_check *c, size_t n, int all)
{
    size_t bad = 0;

    for (size_t i = 0; i < n; i++) {
        if (c[i].verdict != CAP_FILE_SAME)
            bad++;
        if (all || c[i].verdict != CAP_FILE_SAME)
            printf("%-8s %s\n", cap_file_verdict_name(c[i].verdict),
                   c[i].name);
    }
    return bad;
}

int
cli_verify(const char *dir)
{
    cap_diag diag = { "", 0, "" };
    cap_manifest_doc *m = NULL;
    cap_file_check *checks = NULL;
    size_t n = 0, bad;
    int status = cap_manifest_read(dir, &m, &diag);

    if (status != CAP_OK) {
        cli_report(&diag);
        return exit_for_manifest(status);
    }
    status = cap_manifest_check(m, dir, &checks, &n, &diag);
    cap_manifest_doc_free(m);
    if (status != CAP_OK) {
        cli_report(&diag);
        return cli_exit_for(status);
    }
    bad = print_checks(checks, n, 0);
    cap_file_checks_free(checks, n);
    if (bad > 0) {
        fprintf(stderr, "capsim: %s: %zu file%s of %zu do%s not match "
                "its manifest\n", dir, bad, bad == 1 ? "" : "s", n,
                bad == 1 ? "es" : "");
        return EXIT_RUNTIME;
    }
    printf("%s: all %zu files match its manifest\n", dir, n);
    return EXIT_SUCCESS;
}

/* --- reproduce ------------------------------------------------------ */

/* What the manifest says to rerun. */
typedef struct {
    cap_manifest_doc *m;
    cap_manifest_inputs in;   /* the files to read from DIR/inputs */
    const char *command;
    long trials;
    uint64_t seed;
    cap_engine engine;
    int keep_trials, no_plots;
    int no_waterfall;         /* the run had no growth waterfall */
    time_t started;
    int fixed_clock;          /* the run's clock was SOURCE_DATE_EPOCH */
} recorded_run;

static void
recorded_free(recorded_run *r)
{
    cap_manifest_doc_free(r->m);
    cap_manifest_inputs_free(&r->in);
}

/* A key the rerun needs: its value, or NULL with diag set. */
static const char *
need(const cap_manifest_doc *m, const char *section, const char *key,
     cap_diag *diag)
{
    return cap_manifest_require(m, section, key, "the manifest cannot be "
                                "rerun", diag);
}

/* The recorded start, "YYYY-MM-DDTHH:MM:SSZ". */
static int
read_time(const char *text, time_t *t)
{
    struct tm tm;
    char z = 0;

    memset(&tm, 0, sizeof tm);
    if (sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon,
               &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &z) != 7
        || z != 'Z')
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *t = timegm(&tm);
    return 0;
}

/* Read DIR's manifest into r: what ran, with what, and when. */
static int
read_recorded(const char *dir, recorded_run *r, cap_diag *diag)
{
    const char *v[8];
    int status = cap_manifest_read(dir, &r->m, diag);

    if (status != CAP_OK)
        return status;
    v[0] = need(r->m, "run", "command", diag);
    v[1] = need(r->m, "run", "trials", diag);
    v[2] = need(r->m, "run", "seed", diag);
    v[3] = need(r->m, "run", "engine_asked", diag);
    v[4] = need(r->m, "run", "keep_trials", diag);
    v[5] = need(r->m, "run", "plots", diag);
    v[6] = need(r->m, "how", "started", diag);
    v[7] = need(r->m, "how", "clock", diag);
    for (int i = 0; i < 8; i++)
        if (v[i] == NULL)
            return CAP_EINPUT;
    r->command = v[0];
    if (strcmp(r->command, "run") != 0 && strcmp(r->command, "tornado") != 0)
        return cap_diag_set(diag, CAP_EINPUT, r->m->path, 0, "made by "
                            "'capsim %s', which reproduce cannot rerun",
                            r->command);
    r->trials = strtol(v[1], NULL, 10);
    r->seed = strtoull(v[2], NULL, 10);
    r->engine = cap_engine_parse(v[3]) < 0
                ? CAP_ENGINE_DEFAULT : (cap_engine) cap_engine_parse(v[3]);
    r->keep_trials = strcmp(v[4], "yes") == 0;
    /* A run of one year, a sweep and a tornado have none whether asked
     * or not; a run with more than one has one unless --no-waterfall. */
    r->no_waterfall = cap_manifest_get(r->m, "run", "waterfall", NULL)
                      != NULL && strcmp(cap_manifest_get(r->m, "run",
                                        "waterfall", NULL), "no") == 0;
    r->no_plots = strcmp(v[5], "no") == 0;
    r->fixed_clock = strcmp(v[7], "SOURCE_DATE_EPOCH") == 0;
    if (read_time(v[6], &r->started) != 0)
        return cap_diag_set(diag, CAP_EINPUT, r->m->path, 0, "[how] "
                            "started is not a time: the manifest is "
                            "damaged");
    return cap_manifest_inputs_read(r->m, dir, &r->in, diag);
}

/* Before the rerun: where this capsim differs from the one that wrote
 * the folder (its version, commit, libraries and compiler). */
static void
say_build_differences(const cap_manifest_doc *m)
{
    cap_build_fact facts[24];
    size_t n = cap_build_facts(facts, 24);

    for (size_t i = 0; i < n && i < 24; i++) {
        const char *was = cap_manifest_get(m, facts[i].section, facts[i].key,
                                           NULL);

        if (strcmp(facts[i].section, "platform") == 0)
            continue;
        if (was == NULL)
            fprintf(stderr, "capsim: reproduce: the folder records no "
                    "%s; this capsim has %s\n", facts[i].key,
                    facts[i].value);
        else if (strcmp(was, facts[i].value) != 0)
            fprintf(stderr, "capsim: reproduce: recorded with %s %s; "
                    "this capsim has %s\n", facts[i].key, was,
                    facts[i].value);
    }
    /* What the folder records and this build does not know (a commit,
     * when this capsim was built from a tarball). */
    for (size_t e = 0; e < m->n; e++) {
        size_t i = 0;

        if (strcmp(m->entries[e].section, "build") != 0)
            continue;
        while (i < n && i < 24 && strcmp(facts[i].key, m->entries[e].key))
            i++;
        if (i == n || i == 24)
            fprintf(stderr, "capsim: reproduce: recorded with %s %s; "
                    "this capsim has none\n", m->entries[e].key,
                    m->entries[e].value);
    }
}

/* The run's clock as recorded: SOURCE_DATE_EPOCH set to the recorded
 * start when the run had it (the workbook then shows that time), unset
 * otherwise (the workbook shows its fixed date); the report shows the
 * recorded start in either case. */
static void
set_clock(const recorded_run *r)
{
    char epoch[32];

    if (r->fixed_clock) {
        snprintf(epoch, sizeof epoch, "%lld", (long long) r->started);
        setenv("SOURCE_DATE_EPOCH", epoch, 1);
    } else {
        unsetenv("SOURCE_DATE_EPOCH");
    }
}

/* Rank 0, after the rerun: the verdict on every file of the new folder
 * against the recorded checksums.  Returns the exit status. */
static int
compare_rerun(const recorded_run *r, const char *dir, const char *out)
{
    cap_diag diag = { "", 0, "" };
    cap_file_check *checks = NULL;
    size_t n = 0, bad;
    int status = cap_manifest_check(r->m, out, &checks, &n, &diag);

    if (status != CAP_OK) {
        cli_report(&diag);
        return cli_exit_for(status);
    }
    bad = print_checks(checks, n, 1);
    if (bad > 0) {
        fprintf(stderr, "capsim: reproduce: %zu file%s of %s differ%s from "
                "the recorded ones:", bad, bad == 1 ? "" : "s", dir,
                bad == 1 ? "s" : "");
        for (size_t i = 0; i < n; i++)
            if (checks[i].verdict != CAP_FILE_SAME)
                fprintf(stderr, " %s (%s)", checks[i].name,
                        cap_file_verdict_name(checks[i].verdict));
        fputc('\n', stderr);
    } else {
        printf("%s: reproduced: all %zu files the same\n", dir, n);
    }
    cap_file_checks_free(checks, n);
    return bad > 0 ? EXIT_RUNTIME : EXIT_SUCCESS;
}

/* The rerun's folder when --out is not given: NAME inside a new private
 * folder in $TMPDIR (else /tmp), removed afterwards. */
static int
temporary_out(char *tmp, size_t n_tmp, char *out, size_t n_out)
{
    const char *base = getenv("TMPDIR");

    snprintf(tmp, n_tmp, "%s/capsim-reproduce-XXXXXX",
             base && base[0] ? base : "/tmp");
    if (mkdtemp(tmp) == NULL) {
        fprintf(stderr, "capsim: reproduce: cannot make a temporary "
                "folder in %s\n", base && base[0] ? base : "/tmp");
        tmp[0] = '\0';
        return -1;
    }
    snprintf(out, n_out, "%s/results", tmp);
    return 0;
}

int
cli_reproduce(const run_options *opt)
{
    const char *dir = opt->file;
    cap_diag diag = { "", 0, "" };
    recorded_run r;
    run_options again = *opt;
    cli_rerun rerun;
    char tmp[1100] = "", out[1200];
    int status, code;

    if (opt->trials || opt->seed_given || opt->engine != CAP_ENGINE_DEFAULT
        || opt->keep_trials || opt->no_plots || opt->no_waterfall
        || opt->horizon)
        return cli_usage_error("%s", "reproduce reruns with the recorded "
                               "trials, seed, engine and flags: give it "
                               "only --out, --threads, --force or --quiet");
    memset(&r, 0, sizeof r);
    /* Every rank reads the manifest, as it reads a scenario; should one
     * fail to, all stop with its message. */
    status = cap_ranks_agree(read_recorded(dir, &r, &diag), 0, &diag);
    if (status != CAP_OK) {
        cli_report(&diag);
        recorded_free(&r);
        return exit_for_manifest(status);
    }
    snprintf(out, sizeof out, "%s", opt->out ? opt->out : "");
    code = 0;
    if (cap_ranks_self() == 0) {
        say_build_differences(r.m);
        if (opt->out == NULL)
            code = temporary_out(tmp, sizeof tmp, out, sizeof out);
    }
    if (cap_ranks_share(code) != 0) {
        recorded_free(&r);
        return EXIT_RUNTIME;
    }
    set_clock(&r);
    /* The recorded command, as recorded; threads, --out, --force and
     * --quiet from this line. */
    again.command = r.command;
    again.file = r.in.scenario;
    again.out = out[0] ? out : "results";
    again.trials = r.trials;
    again.seed_given = 1;
    again.seed = r.seed;
    again.engine = r.engine;
    again.keep_trials = r.keep_trials;
    again.no_plots = r.no_plots;
    again.no_waterfall = r.no_waterfall;
    rerun.redirects = r.in.redirects;
    rerun.n_redirects = r.in.n;
    rerun.started = r.started;
    if (!opt->quiet)
        fprintf(stderr, "capsim: reproduce: rerunning 'capsim %s' of %s "
                "from %s/inputs\n", r.command, r.in.scenario, dir);
    code = strcmp(r.command, "tornado") == 0 ? cli_tornado_from(&again,
                                                                &rerun)
                                             : cli_run_from(&again, &rerun);
    if (code == EXIT_SUCCESS && cap_ranks_self() == 0) {
        code = compare_rerun(&r, dir, out);
        if (opt->out != NULL)
            printf("the rerun is in %s\n", out);
    }
    if (tmp[0])
        cap_tree_remove(tmp);
    recorded_free(&r);
    return code;
}
