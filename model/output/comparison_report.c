/* comparison_report.c -- report.html of a comparison.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include "output/comparison.h"

int
cap_write_comparison_report(FILE *f, const cap_comparison_request *rq,
                            const char *plots_dir,
                            const cap_plot_files *plots,
                            const char *manifest_path)
{
    (void) rq; (void) plots_dir; (void) plots; (void) manifest_path;
    fputs("<!DOCTYPE html>\n", f);
    return CAP_OK;
}
