/* scenario.h -- a scenario file, parsed and validated.
 *
 * A scenario describes one run completely: the population, its demand
 * for each service, the providers and their costs, the commissioner's
 * budget, the contracts, and the options (one contract per provider)
 * to compare.  cap_scenario_load() reads an INI file, checks every
 * section and key, and either returns a complete scenario or fails
 * with the file and line of the first problem; it never returns half a
 * scenario.  The structure is transparent so that the model's modules
 * can read it, but it is owned by the loader: treat it as read-only.
 *
 * Money is in the currency's units (double); rates are per person-year.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_SCENARIO_H
#define CAPSIM_SCENARIO_H

#include <stddef.h>
#include <stdint.h>
#include "capsim/dist.h"
#include "capsim/error.h"
#include "capsim/export.h"

#ifdef __cplusplus
extern "C" {
#endif

struct cap_contract;
struct cap_contract_type;
struct cap_ini_doc;

/* Most providers in one scenario (each gets its own charts). */
#define CAP_MAX_PROVIDERS 32

/* A GP practice (or the whole population when no practices file is
 * given) and its registered list in year 1. */
typedef struct {
    char *name;
    size_t locality;          /* index into cap_scenario.localities */
    double persons;           /* list size in year 1 (whole number) */
} cap_practice;

/* A risk tier: a share of every practice's list with a relative risk. */
typedef struct {
    char *name;
    double share;             /* of the population, tiers add to 1 */
    double relative_risk;     /* > 0, relative to other tiers */
} cap_tier;

/* A service line, delivered by one provider. */
typedef struct {
    char *name;
    size_t provider;          /* index into cap_scenario.providers */
    double rate;              /* events per person-year, year-1 average */
    double unit_cost;         /* provider's mean variable cost per event */
    double cost_cv;           /* coefficient of variation of event cost */
    double tariff;            /* price per event under payment by results */
    double readmission_share; /* of events that are 30-day readmissions */
} cap_service;

typedef struct {
    char *name;
    double fixed_cost;        /* per year */
    double fixed_cost_growth; /* annual growth of the fixed cost */
    double reserves;          /* ruin when cumulative net < -reserves */
} cap_provider;

/* A per-person threshold whose excess the demand engine tallies for a
 * provider: sum over people of max(0, cost with provider - threshold).
 * Collected from the contracts that declare thresholds. */
typedef struct {
    size_t provider;
    double threshold;
} cap_excess_spec;

/* A high-risk pool the demand engine forms for a provider: from year 2
 * the top fraction of people by last year's cost with the provider. */
typedef struct {
    size_t provider;
    double fraction;
} cap_pool_spec;

/* A pooled budget (Section 75 / Better Care Fund style): the
 * commissioner and the local authority pay into a pool, the pool pays
 * the named providers under their own contracts, and the year-end
 * overspend or underspend is split between the two. */
typedef struct {
    char *name;
    unsigned char *member;    /* [provider]: paid from the pool */
    double amount;            /* planned contributions in year 1 */
    double indexation;
    double commissioner_share;/* of contributions; the LA pays the rest */
    double overspend_share;   /* commissioner's share of the difference */
    double commissioner_cap;  /* most the commissioner bears of an
                                 overspend; INFINITY = no cap */
    double local_authority_cap; /* the same for the local authority */
} cap_pooled_budget;

/* A system risk share (alliance): the members' aggregate deviation from
 * their contract payments -- cost minus payment, summed -- is carried by
 * the commissioner and the members in agreed shares, whoever caused
 * it. */
typedef struct {
    char *name;
    unsigned char *member;    /* [provider] */
    double commissioner_share;
    double *share;            /* [provider]: 0 for non-members */
} cap_system_share;

/* A quality score drawn for each trial and year from a Beta law of this
 * mean and sd, for one contract (cap_contract.score_index). */
typedef struct {
    double mean;
    double sd;
} cap_score_spec;

/* Where a key was written.  The `line` fields of the structs below
 * (and engine_line) are positions in the scenario's load: for a file
 * that builds on no other, the line in it; for one with a [scenario]
 * base, a number that also says which of the files, which
 * cap_scenario_where() turns into a file and a line.  0 means none. */

/* An uncertain input: a numeric key written as a distribution, e.g.
 * "trend = range(0.01, 0.05)".  Each trial draws it once from its own
 * stream (cap_inputs_draw); elsewhere -- validation, the expectations
 * behind "auto" targets, a tornado's other inputs -- it stands at its
 * median. */
typedef struct {
    char *name;               /* "SECTION.KEY" */
    char *section;
    char *key;
    int line;
    cap_dist dist;
} cap_input;

/* A numeric key set to a value: a trial's draw, a sweep point's value,
 * a tornado's low or high end.  line, when > 0, is where the setting
 * was written (errors are reported there). */
typedef struct {
    const char *section;
    const char *key;
    double value;
    int line;
} cap_setting;

typedef enum {
    CAP_DESIGN_NONE,          /* no [sweep]: one point */
    CAP_DESIGN_GRID,          /* every combination of the listed values */
    CAP_DESIGN_LHS,           /* Latin hypercube sample of the ranges */
    CAP_DESIGN_SOBOL          /* Sobol sequence over the ranges */
} cap_design;

typedef struct {
    char *name;               /* "SECTION.KEY" */
    char *section;
    char *key;
    int line;
    double lo, hi;            /* least and greatest value swept */
} cap_sweep_key;

/* A [sweep]: the points of the study, each a value for every key. */
typedef struct {
    cap_design design;
    size_t n_keys;
    cap_sweep_key *keys;
    size_t n_points;
    double *values;           /* [point * n_keys + key] */
} cap_sweep;

/* One input of a tornado and the values it is moved to. */
typedef struct {
    char *name;               /* "SECTION.KEY" */
    char *section;
    char *key;
    int line;
    double low, high;
} cap_sens_input;

/* A tornado ([sensitivity], or every uncertain input by default). */
typedef struct {
    double low_percentile;    /* of an uncertain input: default 0.10 */
    double high_percentile;   /* default 0.90 */
    size_t party;             /* whose mean net the chart shows: a
                                 ledger party index (default 1, the
                                 first provider) */
    size_t n_inputs;
    cap_sens_input *inputs;
} cap_sensitivity;

/* [incentives]: who gains from prevention, by finite difference -- the
 * same futures with one service's rate cut by a small fraction. */
typedef struct {
    long service;             /* index into services, or -1: none */
    double step;              /* fraction of the rate cut, (0, 0.5] */
    int line;                 /* of the section */
} cap_incentives_spec;

/* What an intervention does. */
typedef enum {
    CAP_CASE_MANAGEMENT,      /* enrol the highest-risk people each year
                                 and cut their rates of some services */
    CAP_DEMAND_REDUCTION      /* cut some services' rates for everybody
                                 (a QIPP-style scheme) */
} cap_intervention_type;

/* How case management predicts who is at high risk. */
typedef enum {
    CAP_TARGET_LAST_COST,     /* last year's cost */
    CAP_TARGET_RISK_SCORE     /* a score correlated with this year's
                                 frailty (accuracy = the correlation) */
} cap_targeting;

/* How a run treats an intervention.  Files always say AS_WRITTEN; the
 * counterfactual runs of cap_scenario_counterfactual() switch one off,
 * or deliver a demand reduction's cut in full, on the same streams. */
typedef enum {
    CAP_AS_WRITTEN,
    CAP_SWITCHED_OFF,         /* no effect and no cost; same draws */
    CAP_AS_PLANNED            /* demand reduction: delivery = 1 */
} cap_intervention_mode;

/* Who pays an intervention's cost under one option. */
#define CAP_PAID_BY_COMMISSIONER (-1L)

/* An [intervention.NAME]. */
typedef struct {
    char *name;
    int line;                 /* of the section */
    cap_intervention_type type;
    unsigned char *acts_on;   /* [service]: rates it cuts */
    int start_year;           /* first year it acts (1..) */
    double cost;              /* case management: per enrolee a year;
                                 demand reduction: a year */
    long *paid_by;            /* [option]: CAP_PAID_BY_COMMISSIONER or a
                                 provider index */
    /* Case management. */
    double fraction;          /* enrol the top fraction of the list ... */
    double capacity;          /* ... but at most this many (INFINITY) */
    cap_targeting targeting;
    double accuracy;          /* risk score: correlation with frailty */
    double effect;            /* relative cut of enrolees' rates */
    int ramp_years;           /* effect x min(1, t / ramp_years) in the
                                 programme's year t; 0 = none */
    /* Demand reduction. */
    double cut;               /* planned relative cut of the rates */
    double delivery;          /* share of the cut delivered */
    cap_intervention_mode mode;
} cap_intervention;

/* What an intervention did in a year: the fields of the demand
 * engine's record of it, and of cap_outcomes.interventions.  Avoided
 * events and cost are those its cut removed, with every other
 * intervention in place; the cohort is the people newly enrolled by
 * case management this year who were registered last year (what a
 * before-and-after evaluation follows). */
typedef enum {
    CAP_IV_ENROLLED,          /* people enrolled (case management) */
    CAP_IV_AVOIDED_EVENTS,
    CAP_IV_AVOIDED_COST,
    CAP_IV_PLANNED_COST,      /* demand reduction: cut x the cost of its
                                 services before the cut */
    CAP_IV_COHORT,            /* people newly enrolled */
    CAP_IV_COHORT_BEFORE,     /* their cost last year */
    CAP_IV_COHORT_AFTER,      /* their cost this year */
    CAP_IV_COHORT_AVOIDED,    /* the cost the cut removed from them */
    CAP_IV_FIELDS
} cap_iv_field;

/* [behaviour]: providers supply more or less discretionary activity as
 * the contract they hold pays more or less than its marginal cost.
 * (docs/model.md, section 12). */
typedef struct {
    int on;                   /* a [behaviour] section with elasticity > 0
                                 and some discretionary share > 0 */
    double elasticity;        /* epsilon >= 0 */
    double *discretionary;    /* [service]: share of the rate that is
                                 discretionary, 0..1 */
} cap_behaviour;

/* An option: one contract for each provider, and optionally one pooled
 * budget and one system risk share. */
typedef struct {
    char *name;
    size_t *contract_of;      /* [provider] -> index into contracts */
    long pooled_budget;       /* index into pooled_budgets, or -1 */
    long system_share;        /* index into system_shares, or -1 */
} cap_option;

/* A section's "label = ..." key: the name people read for it. */
typedef struct {
    char *section;            /* "option.pbr", "provider.acute" ... */
    char *text;
} cap_label;

/* What one party can live with ([appetite.PARTY]).  A limit that is
 * NAN does not apply. */
typedef struct {
    double max_deficit_chance;/* largest acceptable P(deficit) in any
                                 one year, 0..1 */
    double max_shortfall;     /* largest acceptable expected shortfall
                                 of the worst year (the mean loss in its
                                 worst 1 in 20), money >= 0 */
    double reserves;          /* a reserve the party must not exhaust:
                                 its cumulative net must stay above
                                 -reserves at every year end */
    double max_exhaust_chance;/* largest acceptable chance of that */
    int line;                 /* the section's line, or 0: defaults */
} cap_party_appetite;

/* The risk appetite ([appetite], [appetite.PARTY]): which party
 * decides, and each party's limits (the defaults where no section is
 * given; see docs/scenario-format.md). */
typedef struct {
    size_t decides;           /* party index (capsim/ledger.h) */
    size_t n_parties;         /* cap_ledger_parties(); the system's
                                 entry has no limits */
    cap_party_appetite *party;/* [n_parties] */
} cap_appetite;

/* Which engine simulates demand.  CAP_ENGINE_DEFAULT, in a run's
 * configuration, means the scenario's own choice ([scenario] engine). */
typedef enum {
    CAP_ENGINE_DEFAULT,
    CAP_ENGINE_AUTO,          /* aggregate when it can price the
                                 scenario, else individual */
    CAP_ENGINE_INDIVIDUAL,
    CAP_ENGINE_AGGREGATE
} cap_engine;

typedef struct cap_scenario {
    char *path;               /* as given to the loader */
    char *name;
    char *currency;           /* [scenario] currency: an ISO 4217 code
                                 ("GBP"), or NULL: none given */
    char *description;        /* [scenario] description: a paragraph
                                 for readers, or NULL */
    size_t n_labels;
    cap_label *labels;        /* every section's label, in file order */
    int years;                /* horizon H >= 1 */
    long trials;
    uint64_t seed;
    cap_engine engine;        /* [scenario] engine; AUTO when not given */
    int engine_line;          /* where it was given, or 0 */

    char *practices_path;     /* the practices CSV as opened, or NULL */
    size_t n_localities;
    char **localities;
    size_t n_practices;
    cap_practice *practices;
    double growth;            /* list growth per year, > -1 */

    size_t n_tiers;
    cap_tier *tiers;

    double frailty_cv;        /* sd of frailty (mean 1); 0 = none */
    double persistence;       /* year-to-year correlation, [0, 1) */

    double trend;             /* expected annual growth of all rates */
    double trend_sd;          /* sd of that growth, drawn once a trial */
    double shock_sd;          /* sd of the annual common shock (mean 1) */

    size_t n_services;
    cap_service *services;
    size_t n_providers;
    cap_provider *providers;

    double budget;            /* commissioner's allocation in year 1 */
    double budget_growth;

    int has_local_authority;  /* a [local_authority] section: a party */
    double la_budget;         /* its allocation in year 1 */
    double la_budget_growth;
    size_t n_pooled_budgets;
    cap_pooled_budget *pooled_budgets;
    size_t n_system_shares;
    cap_system_share *system_shares;

    size_t n_contracts;
    struct cap_contract *contracts;
    size_t n_options;
    cap_option *options;

    size_t n_excess;
    cap_excess_spec *excess;  /* distinct (provider, threshold) pairs */
    size_t n_pools;
    cap_pool_spec *pools;     /* distinct (provider, fraction) pairs */
    size_t n_scores;
    cap_score_spec *scores;   /* drawn quality scores, one per contract
                                 that asks */

    size_t n_inputs;
    cap_input *inputs;        /* uncertain inputs, in file order */
    double *input_chol;       /* [n_inputs^2] lower Cholesky factor of
                                 the normal-copula correlation; NULL =
                                 independent */
    cap_sweep sweep;
    cap_sensitivity sensitivity;
    cap_incentives_spec incentives;
    size_t n_interventions;
    cap_intervention *interventions; /* in file order */
    cap_behaviour behaviour;
    cap_appetite appetite;
    struct cap_ini_doc *source; /* the file as read, for variants */
    /* The scenario the contracts were planned on: terms set to "auto"
     * take their expectations from it.  NULL = this scenario.  A
     * trial's draws and a tornado's ends do not renegotiate the
     * contracts; a sweep point does (see cap_scenario_variant). */
    const struct cap_scenario *plan;
    /* The contract types "type =" may name, NULL-terminated (not
     * owned: the table of the library's registry of contracts). */
    const struct cap_contract_type *const *contract_types;
} cap_scenario;

/* Read and validate the scenario file at path, its contracts of the
 * types in the library's registry.  On success *out holds a scenario
 * the caller frees with cap_scenario_free().  On failure
 * returns CAP_EINPUT (or CAP_EIO, CAP_ENOMEM) with diag naming the file,
 * line and problem, and *out is left NULL. */
CAP_EXPORT
int cap_scenario_load(const char *path, cap_scenario **out, cap_diag *diag);

/* A file the loader is to read from somewhere else: the file it would
 * open as `recorded` (the path exactly as the loader forms it: the
 * scenario's path as given, a base's or the practices CSV's joined to
 * its including file's folder) is read from `stored` instead, and is
 * still known as `recorded` in messages, in sc->path and in the
 * manifest.  Reproducing a results folder redirects every input to the
 * copy the folder kept in inputs/. */
typedef struct {
    const char *recorded;
    const char *stored;
} cap_input_redirect;

/* As cap_scenario_load(path), reading each file named in redirects
 * (n of them; redirects may be NULL when n is 0) from its stored copy.
 * A file not named is read from its path.  The redirects are only read
 * during the call.  Returns as cap_scenario_load(). */
CAP_EXPORT
int cap_scenario_load_from(const char *path,
                           const cap_input_redirect *redirects, size_t n,
                           cap_scenario **out, cap_diag *diag);

/* The file and line of position pos (a `line` field of sc's structs):
 * *path the scenario file's or a base's path (sc's string), *line the
 * line in it, 0 when pos is 0.  Cannot fail. */
CAP_EXPORT
void cap_scenario_where(const cap_scenario *sc, int pos, const char **path,
                        int *line);

/* One file a scenario was read from, as it was read at load time. */
typedef struct {
    const char *role;         /* "scenario", "base" (a file it builds on,
                                 through [scenario] base) or "practices"
                                 (the practices CSV) */
    const char *path;         /* as the loader opened it (or as
                                 recorded, when redirected) */
    const char *sha256;       /* of its bytes, 64 hex digits */
    const char *bytes;        /* the whole file, NUL after it */
    size_t size;              /* bytes, BOM included */
} cap_scenario_source;

/* The files sc was read from, in order: the scenario file, then each
 * base it builds on (nearest first), then the practices CSV.  Fills
 * out[0 .. min(count, max) - 1] (out may be NULL when max is 0) and
 * returns count, the number there are.  Everything pointed to is sc's
 * and lives as long as it.  Cannot fail. */
CAP_EXPORT
size_t cap_scenario_sources(const cap_scenario *sc, cap_scenario_source *out,
                            size_t max);

/* Whether a variant's contract terms set to "auto" are planned again. */
typedef enum {
    CAP_PLAN_KEEP,   /* stay as planned on base: what happens after
                        signing (a trial's draws, a tornado's ends) */
    CAP_PLAN_AGAIN   /* recomputed for the variant: another plan (a
                        sweep point) */
} cap_plan;

/* The scenario with the given numeric keys set to values (uncertain
 * inputs among them become fixed; the others stay uncertain).  The
 * variant is validated like a file; on failure diag names the line of
 * the offending key or setting.  plan says what becomes of the contract
 * terms set to "auto" (cap_plan); with CAP_PLAN_KEEP base must outlive
 * the variant.  Returns as cap_scenario_load(). */
CAP_EXPORT
int cap_scenario_variant(const cap_scenario *base, const cap_setting *set,
                         size_t n_set, cap_plan plan, cap_scenario **out,
                         cap_diag *diag);

/* A counterfactual of base: the same scenario (no key changed, the
 * same uncertain inputs) with intervention k run in mode (switched off,
 * or as planned).  Its trials use base's streams, so the difference
 * between the two runs is the intervention's doing.  Returns as
 * cap_scenario_load(). */
CAP_EXPORT
int cap_scenario_counterfactual(const cap_scenario *base, size_t k,
                                cap_intervention_mode mode,
                                cap_scenario **out, cap_diag *diag);

/* Free a scenario and everything it owns.  NULL is a no-op. */
CAP_EXPORT
void cap_scenario_free(cap_scenario *sc);

/* Index of the tier, service, provider... named name, or -1 when
 * there is none: a lookup, not a failure, so no status and no diag. */
CAP_EXPORT
long cap_scenario_find_tier(const cap_scenario *sc, const char *name);
CAP_EXPORT
long cap_scenario_find_provider(const cap_scenario *sc, const char *name);

/* The label of [section] (e.g. "option.pbr"), or NULL where it has
 * none.  The string belongs to sc. */
CAP_EXPORT
const char *cap_scenario_label(const cap_scenario *sc, const char *section);

/* Option's name for people: its label, else its identifier.  Never
 * NULL; the string belongs to sc. */
CAP_EXPORT
const char *cap_scenario_option_label(const cap_scenario *sc,
                                      size_t option);

/* The people on the practices' lists in year 1. */
CAP_EXPORT
double cap_scenario_persons(const cap_scenario *sc);

/* Budget in year y (1..H): budget x (1 + budget_growth)^(y-1). */
CAP_EXPORT
double cap_scenario_budget(const cap_scenario *sc, int year);

/* The local authority's budget in year y (0 without one). */
CAP_EXPORT
double cap_scenario_la_budget(const cap_scenario *sc, int year);

/* Fixed cost of provider p in year y. */
CAP_EXPORT
double cap_scenario_fixed_cost(const cap_scenario *sc, size_t p, int year);

#ifdef __cplusplus
}
#endif

#endif /* CAPSIM_SCENARIO_H */
