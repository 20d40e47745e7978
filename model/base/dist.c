/* dist.c -- uncertain inputs: distributions written as text, and their
 * quantile functions for sampling by inversion (see dist.h).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>

#include "capsim/dist.h"
#include "base/parse.h"

/* Name, number of arguments and their names, by kind. */
static const struct {
    const char *name;
    int n_args;
    const char *args;
} kinds[] = {
    [CAP_DIST_NORMAL] = { "normal", 2, "m, sd" },
    [CAP_DIST_LOGNORMAL] = { "lognormal", 2, "median, gsd" },
    [CAP_DIST_GAMMA] = { "gamma", 2, "mean, sd" },
    [CAP_DIST_BETA] = { "beta", 2, "mean, sd" },
    [CAP_DIST_UNIFORM] = { "uniform", 2, "lo, hi" },
    [CAP_DIST_TRIANGULAR] = { "triangular", 3, "lo, mode, hi" },
    [CAP_DIST_RANGE] = { "range", 2, "lo, hi" }
};

#define N_KINDS ((int) (sizeof kinds / sizeof kinds[0]))

/* Limits on the shape parameters of gamma and beta.  Above the upper
 * ones GSL's CDFs fail: near the mode the incomplete gamma function is
 * accurate to about 1e-11 at a shape of 1e4 and 1e-7 at 1e5, and reports
 * errors from 1e6; the incomplete beta function returns NaN from
 * alpha + beta of about 2e6.  The laws are normal to every practical
 * purpose there anyway (the gamma's skewness 2 / sqrt(shape) is below
 * 0.007).  Below the lower ones nearly all the mass sits in a spike at
 * 0 that underflows, and the CDF is too flat to invert accurately. */
#define GAMMA_SHAPE_MAX 1e5
#define BETA_K_MAX 1e6
#define SHAPE_MIN 1e-4

/* Below this a small-x series of the lower tail is exact in doubles
 * (see gamma_quantile and beta_quantile). */
#define TINY_X 1e-20

/* The bracket of the solver in t = log x or t = logit x: exp(t) spans
 * every positive double. */
#define T_MIN (-745.0)
#define T_MAX 709.0

const char *
cap_dist_name(cap_dist_kind kind)
{
    if ((int) kind < 0 || (int) kind >= N_KINDS)
        return "?";
    return kinds[kind].name;
}

/* ---- parameters ------------------------------------------------------ */

/* The 90th percentile of N(0, 1): range(lo, hi) spans +-z90 sd. */
static double
z90(void)
{
    return gsl_cdf_ugaussian_Pinv(0.9);
}

/* shape (mean/sd)^2 and scale sd^2/mean, formed so that neither
 * squares a large or small number on its own. */
static void
gamma_params(const cap_dist *d, double *shape, double *scale)
{
    double r = d->arg[0] / d->arg[1];

    *shape = r * r;
    *scale = d->arg[1] * (d->arg[1] / d->arg[0]);
}

static void
beta_params(const cap_dist *d, double *alpha, double *beta)
{
    double m = d->arg[0], s = d->arg[1];
    double k = m * (1.0 - m) / (s * s) - 1.0;

    *alpha = m * k;
    *beta = (1.0 - m) * k;
}

/* ---- gamma and beta quantiles ------------------------------------------ */

/* One tail of a law as an increasing function g of a variable t, with
 * g(t) = 0 at the quantile sought.  eval returns g(t) and its slope. */
typedef struct {
    double (*eval)(const void *law, double t, double *slope);
    const void *law;
} tail_eq;

/* Solve g(t) = 0 in [lo, hi] from t, by Newton's method safeguarded
 * with bisection (rtsafe of Press et al., Numerical Recipes, sec. 9.4):
 * each evaluation narrows the bracket, and a Newton step that leaves it
 * (or is not a number, where the CDF underflows) is replaced by
 * bisection.  g is log F - log p or log p - log S, with t = log x for
 * the gamma and logit x for the beta: the densities of log X and
 * logit X are log-concave, so log F and log S are concave in t, g is
 * concave or convex, and Newton's method converges monotonically after
 * at most one overshoot.  The bisection is a backstop, and ends the
 * search where GSL's CDF is noisier than the tolerance.  Stops once a
 * step or the bracket is below about 1e-13 in t, for t = log x a
 * relative error in x.  A NaN from the CDF is passed on. */
static double
solve(const tail_eq *eq, double t, double lo, double hi)
{
    for (int i = 0; i < 300; i++) {
        double slope, g = eq->eval(eq->law, t, &slope), next, tol;

        if (g == 0.0 || isnan(g))
            return isnan(g) ? g : t;
        if (g < 0.0)
            lo = t;
        else
            hi = t;
        next = t - g / slope;
        if (!(next > lo && next < hi))
            next = lo + 0.5 * (hi - lo);
        tol = 1e-13 + 4.0 * DBL_EPSILON * fabs(t);
        if (fabs(next - t) <= tol || hi - lo <= tol)
            return next;
        t = next;
    }
    return t;
}

typedef struct {
    double a;          /* shape of Gamma(a, 1) */
    double lnga;       /* ln Gamma(a) */
    double lp;         /* log of the tail probability sought */
    int upper;         /* solve S(x) = p rather than F(x) = p */
} gamma_tail;

/* t = log x: g = log P(a, x) - lp, or lp - log Q(a, x); the slope is
 * x f(x) / P or x f(x) / Q, with x f(x) = x^a e^-x / Gamma(a). */
static double
gamma_eval(const void *law, double t, double *slope)
{
    const gamma_tail *g = law;
    double x = exp(t);
    double lxf = g->a * t - x - g->lnga;
    double lc = log(g->upper ? gsl_cdf_gamma_Q(x, g->a, 1.0)
                             : gsl_cdf_gamma_P(x, g->a, 1.0));

    *slope = exp(lxf - lc);
    return g->upper ? g->lp - lc : lc - g->lp;
}

/* Quantile of Gamma(a, 1) at u, solving in the tail that u is in so
 * that 1 - u near 1 loses no digits (1 - u is exact for u >= 1/2).  GSL's
 * gsl_cdf_gamma_Pinv and _Qinv are not used: within the u this module
 * reaches they return NaN, or values off by orders of magnitude, for
 * shapes below about 0.1 and above 1e4. */
static double
gamma_quantile(double a, double u)
{
    gamma_tail g;
    tail_eq eq = { gamma_eval, &g };
    double x0, z, c, start;

    /* P(a, x) = x^a / Gamma(a + 1) (1 - a x / (a + 1) + ...), so x0 is
     * a lower bound on the quantile, and equal to it within a relative
     * x0 / (a + 1): exact once x0 < TINY_X.  That takes care of the
     * spike at 0 of small shapes, and of quantiles that underflow. */
    x0 = exp((log(u) + gsl_sf_lngamma(a + 1.0)) / a);
    if (x0 < TINY_X)
        return x0;

    /* Wilson and Hilferty's (1931) cube-root normal approximation as
     * the start where it is defined, else the bound x0. */
    z = gsl_cdf_ugaussian_Pinv(u);
    c = 1.0 - 1.0 / (9.0 * a) + z / (3.0 * sqrt(a));
    start = c > 0.0 ? fmax(a * c * c * c, x0) : x0;

    g.a = a;
    g.lnga = gsl_sf_lngamma(a);
    g.upper = u > 0.5;
    g.lp = log(g.upper ? 1.0 - u : u);
    return exp(solve(&eq, fmin(fmax(log(start), T_MIN), T_MAX), T_MIN,
                     T_MAX));
}

typedef struct {
    double a, b;       /* Beta(a, b) */
    double lnb;        /* ln B(a, b) */
    double lp;         /* log of the tail probability sought */
    int upper;         /* solve S(x) = p rather than F(x) = p */
} beta_tail;

/* t = logit x: g = log I_x(a, b) - lp, or lp - log(1 - I_x(a, b)); the
 * slope is x (1 - x) f(x) / I_x or / (1 - I_x), with x (1 - x) f(x) =
 * x^a (1 - x)^b / B(a, b).  log x and log(1 - x) come from t directly,
 * accurate where x or 1 - x is tiny. */
static double
beta_eval(const void *law, double t, double *slope)
{
    const beta_tail *g = law;
    double e = exp(-fabs(t));
    double x = t < 0.0 ? e / (1.0 + e) : 1.0 / (1.0 + e);
    double lx = (t < 0.0 ? t : 0.0) - log1p(e);
    double l1x = (t > 0.0 ? -t : 0.0) - log1p(e);
    double lc = log(g->upper ? gsl_cdf_beta_Q(x, g->a, g->b)
                             : gsl_cdf_beta_P(x, g->a, g->b));

    *slope = exp(g->a * lx + g->b * l1x - g->lnb - lc);
    return g->upper ? g->lp - lc : lc - g->lp;
}

/* The quantile of Beta(a, b) with lower and upper tail probabilities
 * pl and pu = 1 - pl, known to be at most 1/2.  The smaller of pl and
 * pu must be exact (the other is 1 minus it, rounded), and as for the
 * gamma the equation is in that tail: F(x) = pl or S(x) = pu. */
static double
beta_low_quantile(double a, double b, double pl, double pu)
{
    beta_tail g;
    tail_eq eq = { beta_eval, &g };
    double lnb = gsl_sf_lnbeta(a, b), lpl, x0, start, mean, sd, xn;

    /* I_x(a, b) = x^a / (a B(a, b)) (1 + (1 - b) a / (a + 1) x + ...),
     * so x0 is the quantile within a relative |1 - b| x0 / (a + 1):
     * exact once (1 + b) x0 < TINY_X. */
    lpl = pl <= pu ? log(pl) : log1p(-pu);
    x0 = exp((lpl + log(a) + lnb) / a);
    if ((1.0 + b) * x0 < TINY_X)
        return x0;

    /* Start from the normal approximation, or from x0 when that is
     * out of (0, 1/2] or below x0, a lower bound for b >= 1. */
    mean = a / (a + b);
    sd = sqrt(mean * (b / (a + b)) / (a + b + 1.0));
    xn = mean + gsl_cdf_ugaussian_Pinv(pl) * sd;
    start = xn > 0.0 && xn <= 0.5 && !(b >= 1.0 && x0 > xn) ? xn
                                                             : fmin(x0, 0.5);

    g.a = a;
    g.b = b;
    g.lnb = lnb;
    g.upper = pl > pu;
    g.lp = g.upper ? log(pu) : lpl;
    start = solve(&eq, fmax(log(start) - log1p(-start), T_MIN), T_MIN, 0.0);
    return exp(start) / (1.0 + exp(start));
}

/* Quantile of Beta(a, b) at u.  A quantile above 1/2 is found as
 * 1 - y, with y the (1 - u)-quantile of Beta(b, a) (the law of 1 - X):
 * the solver then always works with the smaller of x and 1 - x, whose
 * digits a result near 0 needs, and which 1 - x would lose.  1 - u is
 * exact for u >= 1/2, so the smaller tail probability always is. */
static double
beta_quantile(double a, double b, double u)
{
    if (u <= gsl_cdf_beta_P(0.5, a, b))
        return beta_low_quantile(a, b, u, 1.0 - u);
    return 1.0 - beta_low_quantile(b, a, 1.0 - u, u);
}

/* ---- quantile, moments ----------------------------------------------- */

double
cap_dist_quantile(const cap_dist *d, double u)
{
    const double *x = d->arg;
    double p, q, w, r;

    if (isnan(u))
        return u;
    if (u < CAP_DIST_U_MIN)
        u = CAP_DIST_U_MIN;
    if (u > 1.0 - CAP_DIST_U_MIN)
        u = 1.0 - CAP_DIST_U_MIN;

    switch (d->kind) {
    case CAP_DIST_NORMAL:
        return x[0] + x[1] * gsl_cdf_ugaussian_Pinv(u);
    case CAP_DIST_LOGNORMAL:
        /* median exp(s z) rather than exp(ln median + s z): Q(1/2) is
         * then the median exactly. */
        return x[0] * exp(log(x[1]) * gsl_cdf_ugaussian_Pinv(u));
    case CAP_DIST_GAMMA:
        gamma_params(d, &p, &q);
        return q * gamma_quantile(p, u);
    case CAP_DIST_BETA:
        beta_params(d, &p, &q);
        return beta_quantile(p, q, u);
    case CAP_DIST_UNIFORM:
        return x[0] + u * (x[1] - x[0]);
    case CAP_DIST_TRIANGULAR:
        /* With width w and the mode at a fraction r of it, F(mode) = r,
         * and the two branches of the inverse are
         *   lo + w sqrt(u r)  and  hi - w sqrt((1 - u)(1 - r)),
         * written so that nothing is squared (no overflow for large
         * values); Q(r) = hi - w (1 - r) = mode. */
        w = x[2] - x[0];
        r = (x[1] - x[0]) / w;
        if (u < r)
            return x[0] + w * sqrt(u * r);
        return x[2] - w * sqrt((1.0 - u) * (1.0 - r));
    case CAP_DIST_RANGE:
        /* mid + half z / z90 puts Q(0.1) and Q(0.9) on lo and hi to
         * within rounding. */
        w = 0.5 * (x[1] - x[0]);
        return x[0] + w + w * (gsl_cdf_ugaussian_Pinv(u) / z90());
    }
    return NAN;
}

double
cap_dist_mean(const cap_dist *d)
{
    const double *x = d->arg;
    double s, w;

    switch (d->kind) {
    case CAP_DIST_NORMAL:
    case CAP_DIST_GAMMA:
    case CAP_DIST_BETA:
        return x[0];
    case CAP_DIST_LOGNORMAL:
        s = log(x[1]);
        return x[0] * exp(0.5 * s * s);
    case CAP_DIST_UNIFORM:
    case CAP_DIST_RANGE:
        return x[0] + 0.5 * (x[1] - x[0]);
    case CAP_DIST_TRIANGULAR:
        /* (lo + mode + hi) / 3, as lo + (w + (mode - lo)) / 3. */
        w = x[2] - x[0];
        return x[0] + (w + (x[1] - x[0])) / 3.0;
    }
    return NAN;
}

double
cap_dist_sd(const cap_dist *d)
{
    const double *x = d->arg;
    double s, w, r;

    switch (d->kind) {
    case CAP_DIST_NORMAL:
    case CAP_DIST_GAMMA:
    case CAP_DIST_BETA:
        return x[1];
    case CAP_DIST_LOGNORMAL:
        /* mean sqrt(e^(s^2) - 1); expm1 keeps a narrow law's sd. */
        s = log(x[1]);
        return cap_dist_mean(d) * sqrt(expm1(s * s));
    case CAP_DIST_UNIFORM:
        return (x[1] - x[0]) / sqrt(12.0);
    case CAP_DIST_TRIANGULAR:
        /* var = ((hi - lo)^2 + (mode - lo)^2 + (hi - mode)^2) / 36
         *     = w^2 (1 + r^2 + (1 - r)^2) / 36. */
        w = x[2] - x[0];
        r = (x[1] - x[0]) / w;
        return w * sqrt(1.0 + r * r + (1.0 - r) * (1.0 - r)) / 6.0;
    case CAP_DIST_RANGE:
        return (x[1] - x[0]) / (2.0 * z90());
    }
    return NAN;
}

double
cap_dist_median(const cap_dist *d)
{
    switch (d->kind) {
    case CAP_DIST_NORMAL:
    case CAP_DIST_LOGNORMAL:
        return d->arg[0];
    case CAP_DIST_UNIFORM:
    case CAP_DIST_RANGE:
        return cap_dist_mean(d);
    case CAP_DIST_GAMMA:
    case CAP_DIST_BETA:
    case CAP_DIST_TRIANGULAR:
        break;
    }
    return cap_dist_quantile(d, 0.5);
}

void
cap_dist_support(const cap_dist *d, double *lo, double *hi)
{
    *lo = cap_dist_quantile(d, CAP_DIST_U_MIN);
    *hi = cap_dist_quantile(d, 1.0 - CAP_DIST_U_MIN);
}

int
cap_dist_format(const cap_dist *d, char *buf, size_t size)
{
    if (d->n_args == 3)
        return snprintf(buf, size, "%s(%g, %g, %g)", cap_dist_name(d->kind),
                        d->arg[0], d->arg[1], d->arg[2]);
    return snprintf(buf, size, "%s(%g, %g)", cap_dist_name(d->kind),
                    d->arg[0], d->arg[1]);
}

/* ---- parsing ----------------------------------------------------------- */

/* Write the reason into diag (no file, no line: the text is the
 * caller's to place), returning CAP_EINPUT for cap_dist_parse. */
static int
fail(cap_diag *diag, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static int
fail(cap_diag *diag, const char *fmt, ...)
{
    va_list ap;

    if (diag != NULL) {
        diag->file[0] = '\0';
        diag->line = 0;
        va_start(ap, fmt);
        vsnprintf(diag->message, sizeof diag->message, fmt, ap);
        va_end(ap);
    }
    return CAP_EINPUT;
}

static const char *
skip_space(const char *s)
{
    while (isspace((unsigned char) *s))
        s++;
    return s;
}

/* The conditions on the arguments of each kind, in the order the user
 * is most likely to have got wrong; NULL when all hold, else the
 * reason. */
static const char *
invalid(const cap_dist *d)
{
    const double *x = d->arg;
    double p, q;

    switch (d->kind) {
    case CAP_DIST_NORMAL:
        if (!(x[1] > 0.0))
            return "normal(m, sd) needs sd > 0";
        break;
    case CAP_DIST_LOGNORMAL:
        if (!(x[0] > 0.0))
            return "lognormal(median, gsd) needs median > 0";
        if (!(x[1] > 1.0))
            return "lognormal(median, gsd) needs gsd > 1 "
                   "(gsd is a factor: 1.2 for about +-20%)";
        break;
    case CAP_DIST_GAMMA:
        if (!(x[0] > 0.0))
            return "gamma(mean, sd) needs mean > 0";
        if (!(x[1] > 0.0))
            return "gamma(mean, sd) needs sd > 0";
        gamma_params(d, &p, &q);
        if (!(p <= GAMMA_SHAPE_MAX))
            return "gamma(mean, sd) needs sd >= mean/316 "
                   "(for a narrower law use normal(m, sd))";
        if (!(p >= SHAPE_MIN))
            return "gamma(mean, sd) needs sd <= 100 mean";
        break;
    case CAP_DIST_BETA:
        if (!(x[0] > 0.0 && x[0] < 1.0))
            return "beta(mean, sd) needs 0 < mean < 1";
        if (!(x[1] > 0.0))
            return "beta(mean, sd) needs sd > 0";
        if (!(x[1] * x[1] < x[0] * (1.0 - x[0])))
            return "beta(mean, sd) needs sd^2 < mean(1 - mean)";
        beta_params(d, &p, &q);
        if (!(p + q <= BETA_K_MAX))
            return "beta(mean, sd) needs sd >= sqrt(mean(1 - mean))/1000 "
                   "(for a narrower law use normal(m, sd))";
        if (!(p >= SHAPE_MIN && q >= SHAPE_MIN))
            return "beta(mean, sd): sd too large for this mean (a shape "
                   "parameter falls below 1e-4)";
        break;
    case CAP_DIST_UNIFORM:
        if (!(x[0] < x[1]))
            return "uniform(lo, hi) needs lo < hi";
        break;
    case CAP_DIST_TRIANGULAR:
        if (!(x[0] < x[2]))
            return "triangular(lo, mode, hi) needs lo < hi";
        if (!(x[0] <= x[1] && x[1] <= x[2]))
            return "triangular(lo, mode, hi) needs lo <= mode <= hi";
        break;
    case CAP_DIST_RANGE:
        if (!(x[0] < x[1]))
            return "range(lo, hi) needs lo < hi";
        break;
    }
    return NULL;
}

/* The kind text names followed by '(' (spaces allowed around the
 * name), with *after pointing past the '('; -1 when text does not. */
static int
named_kind(const char *text, const char **after)
{
    const char *s = skip_space(text);
    size_t len = 0;
    int kind = -1;

    while (s[len] >= 'a' && s[len] <= 'z')
        len++;
    for (int k = 0; k < N_KINDS; k++)
        if (strlen(kinds[k].name) == len
            && memcmp(kinds[k].name, s, len) == 0)
            kind = k;
    if (kind < 0)
        return -1;
    s = skip_space(s + len);
    if (*s != '(')
        return -1;
    *after = s + 1;
    return kind;
}

int
cap_dist_named(const char *text)
{
    const char *after;

    return named_kind(text, &after) >= 0;
}

int
cap_dist_parse(const char *text, cap_dist *d, cap_diag *diag)
{
    const char *s, *reason;
    int kind = named_kind(text, &s), n = 0;
    cap_dist got;
    double lo, hi;

    /* A name, then '(': anything else is not meant as a distribution
     * (a number, or a word such as "auto"). */
    if (kind < 0)
        return fail(diag, "not a distribution: a name such as normal "
                    "followed by '('");
    s = skip_space(s);

    /* Numbers separated by commas, up to ')'.  Extra numbers are
     * counted but not kept, for the message. */
    if (*s == ')') {
        s++;
    } else {
        for (;;) {
            char *end;
            double v;

            s = skip_space(s);
            if (*s == '\0')
                return fail(diag, "missing ')'");
            /* Decimals only: strtod alone would also read hexadecimal
             * numbers, "infinity" and "nan". */
            errno = 0;
            v = strtod(s, &end);
            if (end == s || (size_t) (end - s) != cap_decimal_span(s)) {
                size_t tok = strcspn(s, ",)");

                if (tok == 0)
                    return fail(diag, "a number is missing "
                                "before '%c'", *s);
                return fail(diag, "'%.*s' is not a number",
                            (int) (tok > 40 ? 40 : tok), s);
            }
            if (!isfinite(v) || errno == ERANGE)
                return fail(diag, "'%.*s' is not a finite "
                            "number in the range of a double",
                            (int) (end - s > 40 ? 40 : end - s), s);
            if (n < 3)
                got.arg[n] = v;
            n++;
            s = skip_space(end);
            if (*s == ',') {
                s++;
                continue;
            }
            if (*s == ')') {
                s++;
                break;
            }
            if (*s == '\0')
                return fail(diag, "missing ')'");
            return fail(diag, "expected ',' or ')' after a "
                        "number, not '%.20s'", s);
        }
    }
    s = skip_space(s);
    if (*s != '\0')
        return fail(diag, "junk after ')': '%.20s'", s);
    if (n != kinds[kind].n_args)
        return fail(diag, "%s takes %d numbers (%s), not %d",
                    kinds[kind].name, kinds[kind].n_args, kinds[kind].args,
                    n);

    got.kind = (cap_dist_kind) kind;
    got.n_args = n;
    for (int i = n; i < 3; i++)
        got.arg[i] = 0.0;
    reason = invalid(&got);
    if (reason != NULL)
        return fail(diag, "%s", reason);

    /* Valid parameters can still be too extreme for doubles, e.g.
     * lognormal(1, 1e100), whose mean is e^26500. */
    cap_dist_support(&got, &lo, &hi);
    if (!isfinite(cap_dist_mean(&got)) || !isfinite(cap_dist_sd(&got))
        || !isfinite(cap_dist_median(&got)) || !isfinite(lo)
        || !isfinite(hi) || !(cap_dist_sd(&got) > 0.0))
        return fail(diag, "%s: numbers too extreme to compute "
                    "with (its mean, sd or range overflows)",
                    kinds[kind].name);
    *d = got;
    return CAP_OK;
}
