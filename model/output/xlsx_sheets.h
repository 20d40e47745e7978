/* xlsx_sheets.h -- what the writers of results.xlsx's sheets share:
 * the workbook's cell formats, and the Headline sheet (xlsx_headline.c)
 * that xlsx.c puts first.  Only in a build with libxlsxwriter.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_OUTPUT_XLSX_SHEETS_H
#define CAPSIM_OUTPUT_XLSX_SHEETS_H

#ifdef HAVE_XLSX
#include <xlsxwriter.h>
#include "output/xlsx.h"

/* The workbook's cell formats, made once (owned by the workbook). */
typedef struct {
    lxw_format *header;       /* a header row: bold, a rule below */
    lxw_format *whole;        /* counts and indices: "0" */
    lxw_format *money;        /* currency, whole units: "£#,##0" */
    lxw_format *money_cents;  /* currency with pence: "£#,##0.00" */
    lxw_format *prob;         /* a probability as a percentage */
    lxw_format *share;        /* a share or probability, 3 decimals */
} cap_xlsx_formats;

/* Add the Headline sheet to wb: a row per point, option and party (the
 * system left out) from in's points, then the sign convention and each
 * point's recommendation in words.  Returns CAP_OK, or CAP_EIO with
 * diag set when the sheet cannot be added. */
int cap_xlsx_headline(lxw_workbook *wb, const cap_xlsx_formats *fm,
                      const cap_xlsx_input *in, cap_diag *diag);

#endif /* HAVE_XLSX */
#endif /* CAPSIM_OUTPUT_XLSX_SHEETS_H */
