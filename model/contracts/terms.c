/* terms.c -- reading contract terms from scenario values. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "capsim/error.h"
#include "../parse.h"
#include "terms.h"

int
cap_terms_number(const char *value, double lo, double hi, int lo_open,
                 double *out, char *msg, size_t msglen)
{
    double v;

    if (cap_parse_double(value, &v, 0) != 0) {
        snprintf(msg, msglen, "not a number");
        return CAP_EINPUT;
    }
    if (v < lo || (lo_open && v == lo) || v > hi) {
        if (hi < 1e15)
            snprintf(msg, msglen, "must be in %c%g, %g]",
                     lo_open ? '(' : '[', lo, hi);
        else
            snprintf(msg, msglen, "must be %s %g", lo_open ? ">" : ">=", lo);
        return CAP_EINPUT;
    }
    *out = v;
    return CAP_OK;
}

int
cap_terms_bands(const char *value, double *edge, double *share, size_t max,
                size_t *n, char *msg, size_t msglen)
{
    char buf[512];
    char *items[64];
    int count = cap_parse_list(value, buf, sizeof buf, items,
                               max < 64 ? (int) max : 64);

    if (count <= 0) {
        snprintf(msg, msglen, "expected bands as edge:share, separated by "
                 "commas (at most %zu)", max);
        return CAP_EINPUT;
    }
    for (int i = 0; i < count; i++) {
        char *colon = strchr(items[i], ':');

        if (colon == NULL) {
            snprintf(msg, msglen, "band '%s' is not edge:share", items[i]);
            return CAP_EINPUT;
        }
        *colon = '\0';
        if (cap_parse_double(items[i], &edge[i], 1) != 0
            || cap_parse_double(colon + 1, &share[i], 0) != 0) {
            snprintf(msg, msglen, "band %d: edge and share must be numbers",
                     i + 1);
            return CAP_EINPUT;
        }
        if (edge[i] <= (i ? edge[i - 1] : 0.0)) {
            snprintf(msg, msglen, "band %d: edges must be > 0 and "
                     "increasing", i + 1);
            return CAP_EINPUT;
        }
        if (share[i] < 0.0 || share[i] > 1.0) {
            snprintf(msg, msglen, "band %d: share must be in [0, 1]", i + 1);
            return CAP_EINPUT;
        }
    }
    if (!isinf(edge[count - 1])) {
        snprintf(msg, msglen, "the last band's edge must be inf, so every "
                 "deviation falls in a band");
        return CAP_EINPUT;
    }
    *n = (size_t) count;
    return CAP_OK;
}

int
cap_terms_points(const char *value, const char *xname, const char *yname,
                 double *x, double *y, size_t max, double ylo, double yhi,
                 size_t *n, char *msg, size_t msglen)
{
    char buf[512];
    char *items[64];
    int count = cap_parse_list(value, buf, sizeof buf, items,
                               max < 64 ? (int) max : 64);

    if (count <= 0) {
        snprintf(msg, msglen, "expected points as %s:%s, separated by "
                 "commas (at most %zu)", xname, yname, max);
        return CAP_EINPUT;
    }
    for (int i = 0; i < count; i++) {
        char *colon = strchr(items[i], ':');

        if (colon == NULL) {
            snprintf(msg, msglen, "point '%s' is not %s:%s", items[i],
                     xname, yname);
            return CAP_EINPUT;
        }
        *colon = '\0';
        if (cap_parse_double(items[i], &x[i], 0) != 0
            || cap_parse_double(colon + 1, &y[i], 0) != 0) {
            snprintf(msg, msglen, "point %d: %s and %s must be numbers",
                     i + 1, xname, yname);
            return CAP_EINPUT;
        }
        if (x[i] < 0.0 || (i > 0 && x[i] <= x[i - 1])) {
            snprintf(msg, msglen, "point %d: %s must be >= 0 and "
                     "increasing", i + 1, xname);
            return CAP_EINPUT;
        }
        if (y[i] < ylo || y[i] > yhi) {
            snprintf(msg, msglen, "point %d: %s must be in [%g, %g]",
                     i + 1, yname, ylo, yhi);
            return CAP_EINPUT;
        }
    }
    *n = (size_t) count;
    return CAP_OK;
}

int
cap_terms_require_tariffs(const cap_scenario *sc, size_t provider,
                          const char *why, char *msg, size_t msglen)
{
    for (size_t k = 0; k < sc->n_services; k++) {
        const cap_service *s = &sc->services[k];

        if (s->provider == provider && isnan(s->tariff)) {
            snprintf(msg, msglen, "%s, but [service.%s] has no 'tariff'",
                     why, s->name);
            return CAP_EINPUT;
        }
    }
    return CAP_OK;
}
