/* comparison_charts.c -- the charts of a comparison.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include "output/comparison.h"

int
cap_plot_comparison(const char *dir, const char *templates,
                    const cap_comparison_request *rq,
                    cap_plot_files *files, cap_diag *diag)
{
    (void) dir; (void) templates; (void) rq; (void) diag;
    files->n = 0;
    return CAP_OK;
}
