/* report_waterfall.h -- the report's section on the growth waterfall:
 * why each party's expected spend and net change from year 1 to the
 * last year, under the recommended option.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_REPORT_WATERFALL_H
#define CAPSIM_REPORT_WATERFALL_H

#include <stdio.h>
#include "output/report.h"

/* Write the section "Why spending grows" to f, money in currency (an
 * ISO code or NULL), when in->waterfall is not NULL; nothing
 * otherwise.  f's error state is left for the caller to test. */
void cap_report_waterfall(FILE *f, const cap_report_input *in,
                          const char *currency);

#endif /* CAPSIM_REPORT_WATERFALL_H */
