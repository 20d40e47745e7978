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

/* Check that every service of provider has a tariff; otherwise write
 * "<why>, but [service.S] has no 'tariff'" into msg and return
 * CAP_EINPUT. */
int cap_terms_require_tariffs(const cap_scenario *sc, size_t provider,
                              const char *why, char *msg, size_t msglen);

/* A per-service number, for a key "PREFIX.SERVICE" (SERVICE given in
 * service): SERVICE must name a [service.SERVICE] section and value be
 * a finite number >= 0.  *values ([service], NAN where no key was
 * given) is allocated on the first call, and the terms that hold it
 * free it in their release().  Which provider the service belongs to
 * is checked later, by cap_terms_services_of(). */
int cap_terms_service_number(const cap_scenario *sc, const char *service,
                             const char *value, double **values, char *msg,
                             size_t msglen);

/* Check that every service with a value in values (NULL: none) is one
 * of provider's; otherwise write "prefix.S: [service.S] is delivered by
 * P, not by Q" into msg and return CAP_EINPUT. */
int cap_terms_services_of(const cap_scenario *sc, size_t provider,
                          const double *values, const char *prefix,
                          char *msg, size_t msglen);

/* A quality incentive (CQUIN): a fraction `cquin` of a contract's
 * value paid on top of it, scaled by the achievement `cquin_score`.
 * Both are in [0, 1]; NAN until given. */
typedef struct {
    double rate;
    double score;
} cap_terms_cquin;

void cap_terms_cquin_init(cap_terms_cquin *q);

/* Take key if it is "cquin" or "cquin_score": CAP_OK or CAP_EINPUT;
 * CAP_CONTRACT_UNKNOWN_KEY for any other key. */
int cap_terms_cquin_set(cap_terms_cquin *q, const char *key,
                        const char *value, char *msg, size_t msglen);

/* After all keys: a score without cquin is an error; otherwise set the
 * defaults (no cquin: rate 0; no score: full achievement, 1). */
int cap_terms_cquin_finish(cap_terms_cquin *q, char *msg, size_t msglen);

/* The factor on the value the incentive is paid on: 1 + rate x score
 * (exactly 1 without cquin).  Only after cap_terms_cquin_finish(). */
double cap_terms_cquin_factor(const cap_terms_cquin *q);

#endif /* CAPSIM_CONTRACT_TERMS_H */
