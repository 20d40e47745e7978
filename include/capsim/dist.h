/* dist.h -- uncertain inputs: distributions written as text.
 *
 * In a scenario file any numeric key may be written as a distribution
 * instead of a number, e.g. "trend = normal(0.03, 0.01)".  This module
 * reads such text and gives the distribution's quantile function Q
 * (the inverse of its CDF), so that a caller samples by inversion,
 * x = Q(u) for u uniform on (0, 1); it draws no random numbers itself.
 * Arguments are kept as the user wrote them:
 *
 *   normal(m, sd)             sd > 0
 *   lognormal(median, gsd)    median > 0, geometric sd gsd > 1:
 *                             log X ~ N(ln median, (ln gsd)^2)
 *   gamma(mean, sd)           mean > 0, sd > 0: shape (mean/sd)^2,
 *                             scale sd^2/mean
 *   beta(mean, sd)            0 < mean < 1, sd > 0, sd^2 < mean(1 - mean):
 *                             alpha = mean k, beta = (1 - mean) k with
 *                             k = mean(1 - mean)/sd^2 - 1
 *   uniform(lo, hi)           lo < hi
 *   triangular(lo, mode, hi)  lo <= mode <= hi, lo < hi
 *   range(lo, hi)             lo < hi: the normal law whose 10th and 90th
 *                             percentiles are lo and hi (an 80% interval,
 *                             the convention of the NHS's demand models)
 *
 * Besides those conditions, cap_dist_parse() refuses a gamma or beta
 * too narrow for GSL's CDFs, on which their quantiles rest -- shape
 * above 1e5, i.e. sd < mean/316 (gamma), or alpha + beta above 1e6, i.e.
 * sd < sqrt(mean(1 - mean))/1000 (beta); normal(m, sd) is then the same
 * law to every practical purpose, or gamma(mean, sd) for a beta whose
 * mean is within a few sd of 0 -- or so wide that a shape parameter
 * falls below 1e-4 (sd > 100 mean for the gamma), and any distribution
 * whose mean, sd, median or reachable values overflow a double.  A
 * distribution that parses therefore has finite values for every
 * function below.
 *
 * Everything here is a pure function of its arguments (no state), and
 * safe to call from several threads at once.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_DIST_H
#define CAPSIM_DIST_H

#include <stddef.h>
#include "capsim/error.h"
#include "capsim/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    CAP_DIST_NORMAL, CAP_DIST_LOGNORMAL, CAP_DIST_GAMMA, CAP_DIST_BETA,
    CAP_DIST_UNIFORM, CAP_DIST_TRIANGULAR, CAP_DIST_RANGE
} cap_dist_kind;

typedef struct {
    cap_dist_kind kind;
    int n_args;
    double arg[3];     /* as written */
} cap_dist;

/* The least and greatest u the caller may pass to cap_dist_quantile
 * (inversion is done with u clamped into [CAP_DIST_U_MIN,
 * 1 - CAP_DIST_U_MIN]) so a distribution's reachable values are exactly
 * [Q(U_MIN), Q(1-U_MIN)]. */
#define CAP_DIST_U_MIN 0x1p-33

/* Whether text is meant as a distribution: it starts with one of the
 * names (case-sensitive, lower-case) followed by optional spaces and
 * '(', e.g. "normal(" but not a plain number "0.03" or a word "auto".
 * Returns 1 or 0; a test, not a parse (cap_dist_parse may still
 * reject it). */
CAP_EXPORT
int cap_dist_named(const char *text);

/* Parse text (whole string; surrounding spaces allowed, spaces after
 * commas allowed, numbers in strtod syntax).  Returns CAP_OK with *d
 * filled; or CAP_EINPUT, *d untouched, with a one-line plain-English
 * reason in diag->message (when diag is not NULL; its file is empty
 * and its line 0, for the caller to place the text), e.g. "normal(m,
 * sd) needs sd > 0", "beta(mean, sd) needs sd^2 < mean(1 - mean)",
 * "triangular takes 3 numbers (lo, mode, hi), not 2", "junk after
 * ')'" ...  Text that is not meant as a distribution at all
 * (!cap_dist_named) fails the same way: test it first where such text
 * is allowed. */
CAP_EXPORT
int cap_dist_parse(const char *text, cap_dist *d, cap_diag *diag);

/* Quantile (inverse CDF) at u in (0, 1).  u is first clamped into
 * [CAP_DIST_U_MIN, 1 - CAP_DIST_U_MIN], so every result lies in
 * cap_dist_support(); NaN gives NaN.  Non-decreasing in u up to
 * rounding (and, for gamma and beta, the accuracy below).  Closed forms
 * for all but gamma and beta, which are solved from GSL's CDFs to their
 * accuracy: about 1e-12 relative in general, less where a shape
 * parameter is near 1e-4 (a flat CDF) and about 1e-9 for gamma shapes
 * near 1e5; for a beta with one parameter below 10 and the other above
 * 1e5, where GSL's incomplete beta function is an asymptotic
 * approximation, up to about 1e-6 in the far tails. */
CAP_EXPORT
double cap_dist_quantile(const cap_dist *d, double u);

/* The distribution's mean, standard deviation and median (analytic,
 * of the untruncated law; the median of gamma and beta, which has no
 * closed form, is Q(0.5)). */
CAP_EXPORT
double cap_dist_mean(const cap_dist *d);
CAP_EXPORT
double cap_dist_sd(const cap_dist *d);
CAP_EXPORT
double cap_dist_median(const cap_dist *d);

/* Least and greatest values inversion can produce: Q(U_MIN),
 * Q(1 - U_MIN). */
CAP_EXPORT
void cap_dist_support(const cap_dist *d, double *lo, double *hi);

/* Write the distribution back as text, e.g. "normal(0.03, 0.01)" (%g of
 * the args as written, so six significant digits: exact for args
 * written with at most six).  Returns what snprintf returns. */
CAP_EXPORT
int cap_dist_format(const cap_dist *d, char *buf, size_t size);

/* Its name, e.g. "normal"; "?" for a value outside the enum. */
CAP_EXPORT
const char *cap_dist_name(cap_dist_kind kind);

#ifdef __cplusplus
}
#endif

#endif /* CAPSIM_DIST_H */
