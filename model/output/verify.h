/* verify.h -- read a results folder's manifest.ini back, check that it
 * is whole (its own checksum), and check the folder's files against it:
 * what 'capsim verify' and 'capsim reproduce' are made of.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_VERIFY_H
#define CAPSIM_VERIFY_H

#include <stddef.h>
#include "capsim/error.h"
#include "capsim/scenario.h"

/* One "key = value" line of the manifest, under its [section]. */
typedef struct {
    char *section, *key, *value;
    int line;
} cap_manifest_entry;

/* A manifest as read: its lines in order, and where it is. */
typedef struct {
    char path[1100];          /* DIR/manifest.ini */
    cap_manifest_entry *entries;
    size_t n;
    int schema;               /* [format] schema */
} cap_manifest_doc;

/* Read DIR/manifest.ini and check it: written by capsim, every line
 * readable, schema 3 or later, its last line the SHA-256 of the bytes
 * before it, every file name it lists inside the folder.  Returns
 * CAP_OK with *out (cap_manifest_doc_free); or CAP_EINPUT when DIR is
 * not a results folder or its manifest is damaged, CAP_EIO when it
 * cannot be read, CAP_ENOMEM, with diag naming the file and the line
 * where there is one, and *out NULL. */
int cap_manifest_read(const char *dir, cap_manifest_doc **out,
                      cap_diag *diag);

/* Free a manifest read.  NULL is a no-op. */
void cap_manifest_doc_free(cap_manifest_doc *m);

/* The value of key in [section], which the caller cannot do without:
 * NULL when m lacks it, with diag set to say so and that `so` (e.g.
 * "the manifest cannot be rerun").  The string is m's. */
const char *cap_manifest_require(const cap_manifest_doc *m,
                                 const char *section, const char *key,
                                 const char *so, cap_diag *diag);

/* The inputs a manifest records ([input.N]), as the redirects that load
 * them from the folder's inputs/ (cap_scenario_load_from). */
typedef struct {
    cap_input_redirect *redirects;    /* n of them: recorded points into
                                         the manifest, stored into
                                         stored */
    char (*stored)[1400];             /* DIR/inputs/NAME, one each */
    size_t n;
    const char *scenario;             /* the recorded path of the first
                                         input whose role is scenario */
} cap_manifest_inputs;

/* Read m's inputs, kept in the folder dir, into *out.  Returns CAP_OK,
 * or CAP_EINPUT (an [input.N] lacks its path, stored or role, or no
 * input is a scenario) / CAP_ENOMEM with diag set; *out is then freed.
 * *out points into m, which must outlive it. */
int cap_manifest_inputs_read(const cap_manifest_doc *m, const char *dir,
                             cap_manifest_inputs *out, cap_diag *diag);

/* Free what cap_manifest_inputs_read() allocated (in itself is not
 * freed).  NULL is a no-op. */
void cap_manifest_inputs_free(cap_manifest_inputs *in);

/* The value of key in [section] (the first), or NULL; *line (when not
 * NULL) set to its line.  The string is m's. */
const char *cap_manifest_get(const cap_manifest_doc *m, const char *section,
                             const char *key, int *line);

/* What became of one file. */
typedef enum {
    CAP_FILE_SAME,            /* its checksum is the one recorded */
    CAP_FILE_DIFFERS,         /* it is there with other bytes */
    CAP_FILE_MISSING,         /* recorded, not there */
    CAP_FILE_EXTRA            /* there, not recorded */
} cap_file_verdict;

typedef struct {
    char *name;               /* relative to the folder */
    cap_file_verdict verdict;
} cap_file_check;

/* "same", "differs", "missing" or "extra". */
const char *cap_file_verdict_name(cap_file_verdict v);

/* Check the files of folder dir against the [outputs] m records: each
 * recorded file's verdict in the manifest's order, then every file or
 * folder in dir that m does not record (manifest.ini itself aside), in
 * sorted order.  dir may be m's own folder (verify) or another one
 * (a rerun's, for reproduce).  Returns CAP_OK with *out (n_out of them;
 * free with cap_file_checks_free), or CAP_ENOMEM / CAP_EIO with diag
 * set and *out NULL. */
int cap_manifest_check(const cap_manifest_doc *m, const char *dir,
                       cap_file_check **out, size_t *n_out,
                       cap_diag *diag);

/* Free the checks.  NULL is a no-op. */
void cap_file_checks_free(cap_file_check *c, size_t n);

#endif /* CAPSIM_VERIFY_H */
