/* xlsx.h -- results.xlsx: a results folder's tables as one workbook.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_OUTPUT_XLSX_H
#define CAPSIM_OUTPUT_XLSX_H

#include <stddef.h>
#include <time.h>
#include "capsim/error.h"
#include "capsim/scenario.h"
#include "capsim/study.h"

/* What the workbook is made from.  Nothing here is owned. */
typedef struct {
    const cap_scenario *scenario; /* names and currency */
    const cap_point *points;      /* the headline's figures, per point */
    size_t n_points;
    const char *dir;              /* the folder holding the tables */
    const char *const *tables;    /* file names in dir, NULL-terminated:
                                     each ".csv" becomes a sheet, in
                                     this order; other names are skipped */
    time_t created;               /* stored as the workbook's creation
                                     time, so a rerun gives its bytes */
    /* Told of a table cut at a sheet's last row; may be NULL. */
    void (*notice)(const char *message, void *user);
    void *notice_user;
} cap_xlsx_input;

/* Whether this build writes workbooks (configure found libxlsxwriter):
 * 1 or 0. */
int cap_xlsx_available(void);

/* Write the workbook to path: a "Headline" sheet, then one sheet per
 * table named as its file without ".csv".  Returns CAP_OK; CAP_EIO
 * with diag "cannot write PATH: REASON" when a table cannot be read or
 * the workbook written (a partial file may be left at path, for the
 * caller's temporary folder to remove); CAP_ENOMEM; or CAP_EINPUT when
 * the build has no libxlsxwriter. */
int cap_write_xlsx(const char *path, const cap_xlsx_input *in,
                   cap_diag *diag);

#endif /* CAPSIM_OUTPUT_XLSX_H */
