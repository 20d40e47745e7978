/* comparison.h -- the comparison folder 'capsim compare' writes:
 * comparison.csv, the charts, manifest.ini and report.html (internal to
 * capsim; docs/comparing.md describes the folder).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_COMPARISON_H
#define CAPSIM_COMPARISON_H

#include <stdio.h>
#include <time.h>
#include "capsim/compare.h"
#include "capsim/output.h"
#include "capsim/study.h"
#include "output/plot.h"

/* What a comparison folder is written from.  Everything is the
 * caller's and only read. */
typedef struct {
    size_t n;                       /* scenarios, >= 2; the first is the
                                       reference */
    const char *const *operand;     /* [n]: each as given (a file or a
                                       results folder) */
    const cap_point *points;        /* [n]: sc; o, h and decision, or
                                       NULL for a folder that kept no
                                       trials */
    const cap_cmp_input *inputs;    /* [n] */
    const cap_comparison *cmp;
    const cap_cmp_key *keys;        /* the keys that differ */
    size_t n_keys;
    long option;                    /* the option (of the first scenario)
                                       whose distributions are charted,
                                       or -1 */
    int no_plots;
    const char *templates_dir;      /* NULL: cap_results_templates() */
    time_t started;                 /* 0: now */
    int argc;                       /* the command line, for the */
    char *const *argv;              /*   manifest */
    void (*notice)(const char *message, void *user);
    void *notice_user;
} cap_comparison_request;

/* Write comparison.csv, then the charts, manifest.ini and report.html
 * into r's temporary folder; the caller commits or aborts r.  Returns
 * CAP_OK, or CAP_EIO / CAP_EPLOT / CAP_ENOMEM with diag set. */
int cap_comparison_fill(const cap_results *r,
                        const cap_comparison_request *rq, cap_diag *diag);

/* comparison.csv (docs/comparing.md).  Returns as cap_write_summary(). */
int cap_write_comparison(FILE *f, const cap_comparison_request *rq,
                         cap_diag *diag);

/* The charts of a comparison into the folder dir, listed in files.
 * Returns CAP_OK, or an error with diag set. */
int cap_plot_comparison(const char *dir, const char *templates,
                        const cap_comparison_request *rq,
                        cap_plot_files *files, cap_diag *diag);

/* report.html of a comparison: plots (or NULL) the charts drawn into
 * plots_dir; record the manifest's record it shows
 * (cap_manifest_record_text), or NULL.  Returns CAP_OK, or
 * CAP_EIO when f or a chart cannot be written or read. */
int cap_write_comparison_report(FILE *f, const cap_comparison_request *rq,
                                const char *plots_dir,
                                const cap_plot_files *plots,
                                const char *record);

/* A scenario of a comparison read from an existing results folder dir
 * of 'capsim run', without running it again: the scenario it was run
 * from (the file its manifest names, which must still hold the bytes it
 * recorded) into pt->sc (owned: pt->owned), and its outcomes trial by
 * trial from trials.csv (pt->o, pt->h, pt->decision) when the run kept
 * them, else its estimates from summary.csv into *table (owned by the
 * caller: cap_cmp_table_free); *in describes it.  Returns CAP_OK, or
 * CAP_EINPUT (with diag naming the file and line) when dir is not a
 * results folder of one run that can be read, CAP_ENOMEM. */
int cap_comparison_gather(const char *dir, cap_point *pt,
                          cap_cmp_table **table, cap_cmp_input *in,
                          char *engine, size_t engine_size, cap_diag *diag);

/* Free a table of estimates.  NULL is a no-op. */
void cap_cmp_table_free(cap_cmp_table *t);

/* Whether path is a folder (1) or not (0). */
int cap_comparison_is_folder(const char *path);

#endif /* CAPSIM_COMPARISON_H */
