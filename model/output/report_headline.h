/* report_headline.h -- the report's tables of options: the headline
 * (each party's year, option by option, and which it can accept), the
 * recommendation in words, and the detail tables further down.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_REPORT_HEADLINE_H
#define CAPSIM_REPORT_HEADLINE_H

#include <stdio.h>
#include "capsim/study.h"

/* The headline table of point pt (run): for each option and each party
 * (not the whole system) the expected net a year, the chance of a
 * deficit in its worst year, the worst year's 1-in-20 loss, its share
 * of the cost risk and, with a decision d (or NULL), whether it can
 * accept the option (why not on hover).  Money in currency (an ISO code
 * or NULL). */
void cap_report_headline(FILE *f, const cap_point *pt, const cap_decision *d,
                         const char *currency);

/* The recommendation of decision d in words: its summary (which says
 * why each option ruled out is) and the appetite it was judged
 * against.  Writes nothing when d is NULL. */
void cap_report_recommendation(FILE *f, const cap_decision *d);

/* The detail tables of point pt: each year's figures (the chance of a
 * deficit in each year, the worst year's losses, reserves) and the
 * figures over the whole horizon, for every party and the system. */
void cap_report_detail(FILE *f, const cap_point *pt, const char *currency);

#endif /* CAPSIM_REPORT_HEADLINE_H */
