/* kde.h -- kernel density estimates of a sample (internal to capsim).
 *
 * A Gaussian kernel with Silverman's rule-of-thumb bandwidth: smooth
 * enough to show the shape of a simulated distribution on a chart,
 * with no tuning by the user.  A sample with no spread (a fixed
 * payment) has no bandwidth of its own; the caller gives the narrowest
 * width worth drawing, and the estimate is then a spike of that width.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_KDE_H
#define CAPSIM_KDE_H

#include <stddef.h>

/* Silverman's rule-of-thumb bandwidth of x[0..n) (n >= 2):
 * 0.9 min(sd, IQR/1.34) n^(-1/5), with the IQR used only when it is
 * positive (a sample with most values equal still gets a width from
 * its sd).  sorted holds n doubles of scratch, left holding x sorted;
 * x is not changed.  Returns 0 when x has no spread. */
double cap_kde_silverman(const double *x, size_t n, double *sorted);

/* The Gaussian kernel density estimate of x[0..n) (n >= 1) with
 * bandwidth h > 0, at the m points grid[], into dens[0..m).  Values
 * more than 8 h from a point are left out of its sum: their kernel is
 * below 1.3e-14 of its peak. */
void cap_kde_gaussian(const double *x, size_t n, double h,
                      const double *grid, size_t m, double *dens);

/* The estimate of x[0..n) (n >= 2) the charts draw: Silverman's
 * bandwidth, but never narrower than min_width (> 0), at the m points
 * grid[], into dens[0..m).  sorted holds n doubles of scratch, left
 * holding x sorted (callers read quantiles from it).  Returns the
 * bandwidth used. */
double cap_kde_estimate(const double *x, size_t n, double *sorted,
                        const double *grid, size_t m, double min_width,
                        double *dens);

#endif /* CAPSIM_KDE_H */
