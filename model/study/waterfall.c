/* waterfall.c -- a growth waterfall: why each party's expected spend
 * and net change from year 1 to the last year (capsim/study.h).
 *
 * The causes are keys of the scenario (and its interventions).  State j
 * of the waterfall is the scenario with the first j causes of cap_cause
 * as written and the others switched off: every key of a cause set to
 * 0, every intervention switched off (cap_scenario_counterfactual).
 * Every state is run with the configuration of the run as written
 * (concentration of cost, which changes no outcome, not measured), so
 * on the same seed and streams: the same people, frailties, events and shocks' draws
 * (a switched-off trend or shock still draws its normal, which is then
 * multiplied by 0).  State 7 is the run as written, state 0 the run
 * with every cause off.  With G_j the growth of state j -- the expected
 * amount in the last year less in year 1, each rounded to the cent --
 * cause j's part is G_j - G_(j-1) and "other" is G_0, so the parts add
 * up to G_7 exactly.  A cause the scenario lacks leaves state j equal
 * to state j - 1: it is not run and its part is 0.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "capsim/study.h"
#include "capsim/ledger.h"
#include "scenario/ini_doc.h"
#include "study/rerun.h"

/* The causes that are keys: which sections (a name, or a prefix ending
 * in '.') and key. */
typedef struct {
    cap_cause cause;
    const char *section;
    const char *key;
} cause_key;

static const cause_key cause_keys[] = {
    { CAP_CAUSE_LIST_GROWTH, "population", "growth" },
    { CAP_CAUSE_TREND, "demand", "trend" },
    { CAP_CAUSE_TREND, "demand", "trend_sd" },
    { CAP_CAUSE_SHOCKS, "demand", "shock_sd" },
    { CAP_CAUSE_BEHAVIOUR, "behaviour", "elasticity" },
    { CAP_CAUSE_PRICES, "contract.", "indexation" },
    { CAP_CAUSE_PRICES, "provider.", "fixed_cost_growth" },
    { CAP_CAUSE_FUNDING, "commissioner", "budget_growth" },
    { CAP_CAUSE_FUNDING, "local_authority", "budget_growth" },
    { CAP_CAUSE_FUNDING, "pooled_budget.", "indexation" },
};
#define N_CAUSE_KEYS (sizeof cause_keys / sizeof cause_keys[0])

static const char *const names[CAP_N_CAUSES] = {
    "list_growth", "trend", "shocks", "interventions", "behaviour",
    "prices", "funding", "other"
};
static const char *const labels[CAP_N_CAUSES] = {
    "List growth", "Demand trend", "Shocks", "Interventions",
    "Providers' behaviour", "Prices and indexation", "Budget growth",
    "Other"
};

const char *
cap_cause_name(cap_cause cause)
{
    return (unsigned) cause < CAP_N_CAUSES ? names[cause] : NULL;
}

const char *
cap_cause_label(cap_cause cause)
{
    return (unsigned) cause < CAP_N_CAUSES ? labels[cause] : NULL;
}

/* Whether the entry is key k of the table. */
static int
entry_is(const cap_ini_entry *e, const cause_key *k)
{
    size_t n = strlen(k->section);

    if (strcmp(e->key, k->key) != 0)
        return 0;
    if (k->section[n - 1] == '.')
        return strncmp(e->section, k->section, n) == 0;
    return strcmp(e->section, k->section) == 0;
}

/* Whether a value makes its cause act: anything but nothing and a
 * number equal to 0 (a distribution, an uncertain input, acts). */
static int
acts(const char *value)
{
    char *end;
    double v;

    while (*value == ' ' || *value == '\t')
        value++;
    if (*value == '\0')
        return 0;
    v = strtod(value, &end);
    while (*end == ' ' || *end == '\t')
        end++;
    return *end != '\0' || v != 0.0;
}

/* The settings that switch cause off in sc, into set (n_set of them;
 * set may be NULL to count).  Returns their number. */
static size_t
cause_settings(const cap_scenario *sc, cap_cause cause, cap_setting *set)
{
    const cap_ini_doc *doc = sc->source;
    size_t n = 0;

    for (size_t i = 0; i < doc->n_entries; i++) {
        const cap_ini_entry *e = &doc->entries[i];

        for (size_t k = 0; k < N_CAUSE_KEYS; k++)
            if (cause_keys[k].cause == cause && entry_is(e, &cause_keys[k])
                && acts(e->value)) {
                if (set != NULL)
                    set[n] = (cap_setting) { e->section, e->key, 0.0, 0 };
                n++;
            }
    }
    return n;
}

/* Whether sc has cause. */
static int
has_cause(const cap_scenario *sc, cap_cause cause)
{
    switch (cause) {
    case CAP_CAUSE_INTERVENTIONS: return sc->n_interventions > 0;
    case CAP_CAUSE_BEHAVIOUR: return sc->behaviour.on;
    case CAP_CAUSE_OTHER: return 1;
    default: return cause_settings(sc, cause, NULL) > 0;
    }
}

size_t
cap_waterfall_runs(const cap_scenario *sc)
{
    size_t runs = 0;

    if (sc->years < 2)
        return 0;
    for (int c = 0; c < CAP_CAUSE_OTHER; c++)
        runs += (size_t) has_cause(sc, (cap_cause) c);
    return runs;
}

void
cap_waterfall_free(cap_waterfall *w)
{
    if (w == NULL)
        return;
    free(w->start);
    free(w->end);
    free(w->part);
    free(w);
}

/* The expected amount, to the cent, of measure m of (option, party) in
 * year over o's trials (summed in trial order: the same bits on any
 * number of threads). */
static long long
expected_cents(const cap_outcomes *o, size_t option, size_t party, int year,
               cap_wf_measure m)
{
    double sum = 0.0;

    for (size_t i = 0; i < o->trials; i++) {
        size_t at = cap_outcomes_at(o, i, option, party, year);

        sum += m == CAP_WF_SPEND ? o->spend[at] : o->income[at] - o->spend[at];
    }
    return llround(100.0 * sum / (double) o->trials);
}

/* The growth of every (option, party, measure) in run o, in cents, into
 * growth[cap_waterfall_at()]; with start and end not NULL, also the
 * year-1 and last-year amounts. */
static void
growth_of(const cap_waterfall *w, const cap_outcomes *o, long long *growth,
          long long *start, long long *end)
{
    for (size_t opt = 0; opt < w->options; opt++)
        for (size_t p = 0; p < w->parties; p++)
            for (int m = 0; m < CAP_WF_MEASURES; m++) {
                size_t at = cap_waterfall_at(w, opt, p, (cap_wf_measure) m);
                long long a = expected_cents(o, opt, p, 1, (cap_wf_measure) m);
                long long b = expected_cents(o, opt, p, w->last_year,
                                             (cap_wf_measure) m);

                growth[at] = b - a;
                if (start != NULL) {
                    start[at] = a;
                    end[at] = b;
                }
            }
}

/* sc with every intervention switched off, into *out (the caller frees
 * it), built one counterfactual at a time; each keeps the ones before
 * switched off, and all are planned on sc. */
static int
interventions_off(const cap_scenario *sc, cap_scenario **out,
                  cap_diag *diag)
{
    cap_scenario *v = NULL;
    int status = CAP_OK;

    for (size_t k = 0; k < sc->n_interventions && status == CAP_OK; k++) {
        cap_scenario *next = NULL;

        status = cap_scenario_counterfactual(v ? v : sc, k,
                                             CAP_SWITCHED_OFF, &next, diag);
        cap_scenario_free(v);
        v = next;
    }
    *out = v;
    return status;
}

/* Run state j (causes 0..j-1 as written, the rest off) into *o. */
static int
run_state(const cap_scenario *sc, int j, const cap_sim_config *cfg,
          cap_outcomes **o, cap_diag *diag)
{
    size_t n = 0, max = 0;
    cap_setting *set;
    cap_scenario *ivoff = NULL;
    int status = CAP_OK;

    for (int c = j; c < CAP_CAUSE_OTHER; c++)
        max += cause_settings(sc, (cap_cause) c, NULL);
    set = malloc((max ? max : 1) * sizeof *set);
    if (set == NULL)
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    for (int c = j; c < CAP_CAUSE_OTHER; c++)
        n += cause_settings(sc, (cap_cause) c, set + n);
    if (j <= CAP_CAUSE_INTERVENTIONS && sc->n_interventions > 0)
        status = interventions_off(sc, &ivoff, diag);
    if (status == CAP_OK)
        status = cap_rerun_variant(ivoff ? ivoff : sc, set, n, CAP_PLAN_KEEP,
                                   cfg, o, NULL, diag);
    cap_scenario_free(ivoff);
    free(set);
    return status;
}

/* Allocate w's arrays for sc. */
static cap_waterfall *
waterfall_new(const cap_scenario *sc)
{
    cap_waterfall *w = calloc(1, sizeof *w);
    size_t n;

    if (w == NULL)
        return NULL;
    w->options = sc->n_options;
    w->parties = cap_ledger_parties(sc);
    w->last_year = sc->years;
    n = w->options * w->parties * CAP_WF_MEASURES;
    w->start = calloc(n, sizeof *w->start);
    w->end = calloc(n, sizeof *w->end);
    w->part = calloc(n * CAP_N_CAUSES, sizeof *w->part);
    if (w->start == NULL || w->end == NULL || w->part == NULL) {
        cap_waterfall_free(w);
        return NULL;
    }
    for (int c = 0; c < CAP_N_CAUSES; c++)
        w->present[c] = has_cause(sc, (cap_cause) c);
    return w;
}

int
cap_waterfall_run(const cap_scenario *sc, const cap_outcomes *o,
                  const cap_sim_config *cfg, cap_waterfall **out,
                  cap_diag *diag)
{
    cap_waterfall *w;
    cap_outcomes *own = NULL;
    cap_sim_config plain = *cfg;
    long long *later, *now;
    size_t n;
    int status = CAP_OK;

    *out = NULL;
    /* Measuring concentration changes no outcome (the aggregate engine
     * measures it on people of their own streams) but costs people:
     * the states do without. */
    plain.concentration_trials = 0;
    if (sc->years < 2 || sc->sweep.design != CAP_DESIGN_NONE)
        return cap_diag_set(diag, CAP_EINPUT, sc->path, 0, "a growth "
                            "waterfall needs one point of more than one "
                            "year");
    w = waterfall_new(sc);
    n = w ? w->options * w->parties * CAP_WF_MEASURES : 0;
    later = malloc((n ? n : 1) * sizeof *later);
    now = malloc((n ? n : 1) * sizeof *now);
    if (w == NULL || later == NULL || now == NULL) {
        cap_waterfall_free(w);
        free(later);
        free(now);
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    }
    if (o == NULL) {
        status = cap_sim_run(sc, &plain, &own, diag);
        o = own;
        w->runs++;
    }
    if (status == CAP_OK)
        growth_of(w, o, later, w->start, w->end);
    cap_outcomes_free(own);
    /* Down from the run as written: state j lacks cause j. */
    for (int j = CAP_CAUSE_OTHER - 1; j >= 0 && status == CAP_OK; j--) {
        cap_outcomes *s = NULL;

        if (!w->present[j])
            continue;
        status = run_state(sc, j, &plain, &s, diag);
        if (status != CAP_OK)
            break;
        w->runs++;
        growth_of(w, s, now, NULL, NULL);
        cap_outcomes_free(s);
        for (size_t at = 0; at < n; at++) {
            w->part[at * CAP_N_CAUSES + (size_t) j] = later[at] - now[at];
            later[at] = now[at];
        }
    }
    for (size_t at = 0; at < n && status == CAP_OK; at++)
        w->part[at * CAP_N_CAUSES + CAP_CAUSE_OTHER] = later[at];
    free(later);
    free(now);
    if (status != CAP_OK) {
        cap_waterfall_free(w);
        return status;
    }
    *out = w;
    return CAP_OK;
}
