/* terms.h -- reading contract terms from scenario values (internal).
 *
 * Helpers for the set() functions of contract types: each parses value,
 * checks its range and, on failure, writes the reason into msg and
 * returns CAP_EINPUT.
 */
#ifndef CAPSIM_CONTRACT_TERMS_H
#define CAPSIM_CONTRACT_TERMS_H

#include <stddef.h>
#include "capsim/scenario.h"

/* A finite number in [lo, hi] (lo excluded when lo_open). */
int cap_terms_number(const char *value, double lo, double hi, int lo_open,
                     double *out, char *msg, size_t msglen);

/* Band list "edge:share, edge:share, ..., inf:share": edges are
 * fractions of the target, > 0 and increasing, the last one inf;
 * shares in [0, 1].  Writes at most max bands; returns CAP_OK with *n
 * set, or CAP_EINPUT. */
int cap_terms_bands(const char *value, double *edge, double *share,
                    size_t max, size_t *n, char *msg, size_t msglen);

/* Point list "x:y, x:y, ...": x finite, >= 0 and strictly increasing;
 * y in [ylo, yhi].  For tables looked up by interpolation; xname and
 * yname name x and y in messages.  Writes at most max points; returns
 * CAP_OK with *n set, or CAP_EINPUT. */
int cap_terms_points(const char *value, const char *xname,
                     const char *yname, double *x, double *y, size_t max,
                     double ylo, double yhi, size_t *n, char *msg,
                     size_t msglen);

/* Check that every service of provider has a tariff; otherwise write
 * "<why>, but [service.S] has no 'tariff'" into msg and return
 * CAP_EINPUT. */
int cap_terms_require_tariffs(const cap_scenario *sc, size_t provider,
                              const char *why, char *msg, size_t msglen);

#endif /* CAPSIM_CONTRACT_TERMS_H */
