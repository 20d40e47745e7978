/* compare.c -- the statistics of a comparison of scenarios: each
 * figure with its Monte Carlo standard error, and each scenario's
 * difference from the first, paired trial by trial where the runs share
 * their streams (capsim/compare.h).
 *
 * A figure of a run is a mean over trials of a per-trial quantity psi
 * (the net itself, or whether it fell below 0), or -- for the worst
 * year's 1-in-20 loss, a quantile -- to first order the mean of its
 * influence function.  The paired difference of two runs on the same
 * trials is then the mean of psi_b - psi_a, whose standard error is
 * sd(psi_b - psi_a) / sqrt(n): small when the two runs move together,
 * as they do when their demand is drawn from the same numbers.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "capsim/compare.h"
#include "capsim/ledger.h"
#include "scenario/ini_doc.h"

static const char *const metric_name[CAP_CMP_METRICS] = {
    "expected_net", "prob_deficit", "prob_deficit_worst_year",
    "worst_year_var95"
};
static const char *const metric_label[CAP_CMP_METRICS] = {
    "expected net", "P(deficit)", "P(deficit) in the worst year",
    "worst year's 1-in-20 loss"
};

const char *
cap_cmp_metric_name(cap_cmp_metric m)
{
    return m < CAP_CMP_METRICS ? metric_name[m] : "";
}

const char *
cap_cmp_metric_label(cap_cmp_metric m)
{
    return m < CAP_CMP_METRICS ? metric_label[m] : "";
}

/* Whether metric m is reported for year (the worst year's figures are
 * the horizon's). */
static int
metric_applies(cap_cmp_metric m, int year)
{
    return m <= CAP_CMP_PROB_DEFICIT || year == CAP_HORIZON;
}

/* Scratch for one figure: x and work hold a run's trials; psi its
 * per-trial contributions. */
typedef struct {
    double *x, *work, *psi;
} scratch;

/* The worst year's 1-in-20 loss, as the run's summary has it (h), and
 * its influence per trial: the worst year's net w_t, its 5% point xi
 * and density f (from the quantile's mcse, sqrt(q (1 - q) / n) / mcse)
 * give psi_t = (1[w_t <= xi] - q) / f, the first-order contribution of
 * trial t to -xi. */
static cap_estimate
worst_year_var95(const cap_cmp_input *in, size_t opt, size_t party,
                 scratch *s)
{
    const cap_outcomes *o = in->o;
    cap_estimate e = in->h->worst[opt * o->parties + party].var95;
    size_t n = o->trials;
    double q = 0.05, xi, f;

    for (size_t t = 0; t < n; t++) {
        double w = INFINITY;

        for (int y = 1; y <= o->years; y++) {
            size_t at = cap_outcomes_at(o, t, opt, party, y);

            w = fmin(w, o->income[at] - o->spend[at]);
        }
        s->x[t] = w;
        s->work[t] = w;
    }
    if (!(e.mcse > 0.0)) {
        for (size_t t = 0; t < n; t++)
            s->psi[t] = 0.0;
        return e;
    }
    xi = -e.value;
    f = sqrt(q * (1.0 - q) / (double) n) / e.mcse;
    for (size_t t = 0; t < n; t++)
        s->psi[t] = ((s->x[t] <= xi ? 1.0 : 0.0) - q) / f;
    return e;
}

/* The year whose P(deficit) is the largest, as the horizon summary
 * took it for P(deficit in the worst year). */
static int
worst_deficit_year(const cap_outcomes *o, const cap_horizon *h,
                   size_t opt, size_t party)
{
    size_t i = opt * o->parties + party;
    int worst = 1;

    for (int y = 2; y <= o->years; y++)
        if (h->year_deficit[i * (size_t) o->years + (size_t) y - 1].value
            > h->year_deficit[i * (size_t) o->years + (size_t) worst
                              - 1].value)
            worst = y;
    return worst;
}

/* Figure m of (opt, party, year) of a run kept trial by trial, with
 * s->psi filled. */
static cap_estimate
from_trials(const cap_cmp_input *in, size_t opt, size_t party, int year,
            cap_cmp_metric m, scratch *s)
{
    const cap_outcomes *o = in->o;
    size_t n = o->trials;
    cap_summary sum;

    if (m == CAP_CMP_WORST_YEAR_VAR95)
        return worst_year_var95(in, opt, party, s);
    if (m == CAP_CMP_PROB_DEFICIT_WORST_YEAR) {
        int y = worst_deficit_year(o, in->h, opt, party);

        cap_outcomes_gather(o, opt, party, y, CAP_NET, s->x);
        for (size_t t = 0; t < n; t++)
            s->psi[t] = s->x[t] < 0.0 ? 1.0 : 0.0;
        return in->h->worst_deficit[opt * o->parties + party];
    }
    cap_outcomes_gather(o, opt, party, year, CAP_NET, s->x);
    for (size_t t = 0; t < n; t++)
        s->psi[t] = m == CAP_CMP_EXPECTED_NET ? s->x[t]
                    : (s->x[t] < 0.0 ? 1.0 : 0.0);
    /* The run's summary statistics, for the same figures as summary.csv. */
    cap_stats_summarise(s->x, n, s->work, &sum);
    return m == CAP_CMP_EXPECTED_NET ? sum.mean : sum.prob_deficit;
}

/* Figure m of (opt, party, year) of in; s->psi filled when in has its
 * trials. */
static cap_estimate
figure(const cap_cmp_input *in, size_t opt, size_t party, int year,
       cap_cmp_metric m, scratch *s)
{
    if (in->o != NULL)
        return from_trials(in, opt, party, year, m, s);
    return in->table->cell[cap_cmp_cell(in->table, opt, party, year, m)];
}

/* The standard error of the mean of b[t] - a[t] over n trials.  A
 * difference the same in every trial (a budget changed, demand not)
 * has none: what the arithmetic leaves, within a few units in the last
 * place of the figures, is rounding, and is returned as exactly 0. */
static double
paired_se(const double *a, const double *b, size_t n)
{
    double mean = 0.0, ss = 0.0, size = 0.0, se;

    for (size_t t = 0; t < n; t++) {
        mean += b[t] - a[t];
        size = fmax(size, fmax(fabs(a[t]), fabs(b[t])));
    }
    mean /= (double) n;
    for (size_t t = 0; t < n; t++) {
        double d = b[t] - a[t] - mean;

        ss += d * d;
    }
    se = sqrt(ss / (double) (n - 1) / (double) n);
    return se <= 64.0 * DBL_EPSILON * size ? 0.0 : se;
}

/* Sections whose keys only move money once the demand is drawn: the
 * contracts and their options, the budgets, the appetite and the
 * study's own sections. */
static int
terms_section(const char *section)
{
    static const char *const whole[] = {
        "scenario", "commissioner", "local_authority", "appetite",
        "sensitivity", "sweep", "incentives", NULL
    };
    static const char *const prefix[] = {
        "contract.", "option.", "pooled_budget.", "system_risk_share.",
        "appetite.", NULL
    };

    for (size_t i = 0; whole[i]; i++)
        if (strcmp(section, whole[i]) == 0)
            return 1;
    for (size_t i = 0; prefix[i]; i++)
        if (strncmp(section, prefix[i], strlen(prefix[i])) == 0)
            return 1;
    return 0;
}

/* The first key of a's file that shapes demand and is not the same in
 * b's (absent there, or another value), or NULL. */
static const cap_ini_entry *
demand_key_differing(const cap_ini_doc *a, const cap_ini_doc *b)
{
    for (size_t i = 0; i < a->n_entries; i++) {
        const cap_ini_entry *e = &a->entries[i], *f;

        if (terms_section(e->section) && !(strcmp(e->section, "scenario")
                                           == 0
                                           && strcmp(e->key, "years") == 0))
            continue;
        f = cap_ini_find(b, e->section, e->key);
        if (f == NULL || strcmp(f->value, e->value) != 0)
            return e;
    }
    return NULL;
}

/* The practices CSV's checksum, or NULL where sc has none. */
static const char *
practices_sha(const cap_scenario *sc)
{
    cap_scenario_source src[16];
    size_t n = cap_scenario_sources(sc, src, 16);

    for (size_t i = 0; i < n && i < 16; i++)
        if (strcmp(src[i].role, "practices") == 0)
            return src[i].sha256;
    return NULL;
}

int
cap_compare_common_draws(const cap_cmp_input *a, const cap_cmp_input *b,
                         char *why, size_t n)
{
    const cap_scenario *sa = a->sc, *sb = b->sc;
    const cap_ini_entry *e;
    const char *pa = practices_sha(sa), *pb = practices_sha(sb);

    if (a->seed != b->seed) {
        snprintf(why, n, "they ran with different seeds (%llu and %llu)",
                 (unsigned long long) a->seed, (unsigned long long) b->seed);
        return 0;
    }
    if (a->trials != b->trials) {
        snprintf(why, n, "they ran different numbers of trials (%ld and "
                 "%ld)", a->trials, b->trials);
        return 0;
    }
    if (strcmp(a->engine, b->engine) != 0) {
        snprintf(why, n, "they ran different demand engines (%s and %s)",
                 a->engine, b->engine);
        return 0;
    }
    if ((e = demand_key_differing(sa->source, sb->source)) != NULL
        || (e = demand_key_differing(sb->source, sa->source)) != NULL) {
        snprintf(why, n, "[%s] %s differs, which changes how demand is "
                 "drawn", e->section, e->key);
        return 0;
    }
    if ((pa == NULL) != (pb == NULL)
        || (pa != NULL && strcmp(pa, pb) != 0)) {
        snprintf(why, n, "their practices files differ");
        return 0;
    }
    if (sa->n_inputs != sb->n_inputs) {
        snprintf(why, n, "their uncertain inputs differ");
        return 0;
    }
    for (size_t k = 0; k < sa->n_inputs; k++)
        if (strcmp(sa->inputs[k].name, sb->inputs[k].name) != 0) {
            snprintf(why, n, "their uncertain inputs differ (%s and %s)",
                     sa->inputs[k].name, sb->inputs[k].name);
            return 0;
        }
    why[0] = '\0';
    return 1;
}

/* How in[s] stands to in[0]. */
static void
pair_up(const cap_cmp_input *in, size_t s, cap_cmp_pairing *p)
{
    const cap_cmp_input *a = &in[0], *b = &in[s];
    char why[400];

    memset(p, 0, sizeof *p);
    p->paired = a->o != NULL && b->o != NULL && a->seed == b->seed
                && a->o->trials == b->o->trials;
    p->common_draws = cap_compare_common_draws(a, b, why, sizeof why);
    if (a->o == NULL || b->o == NULL)
        snprintf(p->why, sizeof p->why, "unpaired: %s kept no trials "
                 "(run it with --keep-trials to pair)",
                 a->o == NULL ? "the first" : "this one");
    else if (!p->paired)
        snprintf(p->why, sizeof p->why, "unpaired: %s", why);
    else if (!p->common_draws)
        snprintf(p->why, sizeof p->why, "paired, but the demand is not "
                 "drawn the same: %s", why);
    p->common_draws = p->common_draws && p->paired;
}

long
cap_cmp_find_option(const cap_scenario *sc, const char *name)
{
    for (size_t i = 0; i < sc->n_options; i++)
        if (strcmp(sc->options[i].name, name) == 0)
            return (long) i;
    return -1;
}

const char *
cap_cmp_title(const cap_scenario *sc)
{
    const char *t = cap_scenario_label(sc, "scenario");

    return t ? t : sc->name;
}

static size_t
option_count(const cap_cmp_input *in)
{
    return in->o ? in->o->options : in->table->options;
}

static size_t
party_count(const cap_cmp_input *in)
{
    return in->o ? in->o->parties : in->table->parties;
}

static int
year_count(const cap_cmp_input *in)
{
    return in->o ? in->o->years : in->table->years;
}

/* Row r's difference from the first scenario, where it has the row's
 * option, party and period; s holds scenario r->scenario's psi, ref the
 * first's scratch. */
static void
difference(const cap_cmp_input *in, const cap_comparison *c,
           cap_cmp_row *r, scratch *s, scratch *ref)
{
    const cap_cmp_input *a = &in[0], *b = &in[r->scenario];
    long ao = cap_cmp_find_option(a->sc, b->sc->options[r->option].name);
    long ap = cap_ledger_find_party(a->sc, cap_ledger_party_name(
                                       b->sc, r->party));
    cap_estimate e;

    r->has_diff = 0;
    if (ao < 0 || ap < 0 || (size_t) ao >= option_count(a)
        || (size_t) ap >= party_count(a)
        || (r->year == CAP_HORIZON ? year_count(a) != year_count(b)
                                   : r->year > year_count(a)))
        return;
    e = figure(a, (size_t) ao, (size_t) ap, r->year, r->metric, ref);
    r->has_diff = 1;
    r->diff.value = r->value.value - e.value;
    r->diff_se_independent = sqrt(r->value.mcse * r->value.mcse
                                  + e.mcse * e.mcse);
    r->diff.mcse = c->pairing[r->scenario].paired
                   ? paired_se(ref->psi, s->psi, b->o->trials)
                   : r->diff_se_independent;
}

/* Append scenario s's rows (and their differences) to c. */
static int
scenario_rows(const cap_cmp_input *in, size_t s, cap_comparison *c,
              size_t *cap, scratch *sc_s, scratch *ref)
{
    const cap_cmp_input *b = &in[s];
    int years = year_count(b);

    for (size_t opt = 0; opt < option_count(b); opt++)
        for (size_t p = 0; p < party_count(b); p++)
            for (int k = 1; k <= years + 1; k++) {
                int year = k <= years ? k : CAP_HORIZON;

                for (int m = 0; m < CAP_CMP_METRICS; m++) {
                    cap_cmp_row *r;

                    if (!metric_applies((cap_cmp_metric) m, year))
                        continue;
                    if (c->n_rows == *cap) {
                        size_t grown = *cap ? 2 * *cap : 256;
                        cap_cmp_row *more = realloc(c->rows, grown
                                                    * sizeof *more);

                        if (more == NULL)
                            return CAP_ENOMEM;
                        c->rows = more;
                        *cap = grown;
                    }
                    r = &c->rows[c->n_rows++];
                    memset(r, 0, sizeof *r);
                    r->scenario = s;
                    r->option = opt;
                    r->party = p;
                    r->year = year;
                    r->metric = (cap_cmp_metric) m;
                    r->value = figure(b, opt, p, year, r->metric, sc_s);
                    r->diff.value = r->diff.mcse = NAN;
                    r->diff_se_independent = NAN;
                    if (s > 0)
                        difference(in, c, r, sc_s, ref);
                }
            }
    return CAP_OK;
}

static void
scratch_free(scratch *s)
{
    free(s->x);
    free(s->work);
    free(s->psi);
}

static int
scratch_alloc(scratch *s, size_t n)
{
    s->x = malloc(n * sizeof *s->x);
    s->work = malloc(n * sizeof *s->work);
    s->psi = malloc(n * sizeof *s->psi);
    return s->x && s->work && s->psi ? 0 : -1;
}

int
cap_compare(const cap_cmp_input *in, size_t n, cap_comparison **out,
            cap_diag *diag)
{
    cap_comparison *c = calloc(1, sizeof *c);
    size_t most = 2, cap = 0;
    scratch a = { NULL, NULL, NULL }, b = { NULL, NULL, NULL };
    int status = CAP_OK;

    *out = NULL;
    for (size_t s = 0; s < n; s++)
        if (in[s].o != NULL && in[s].o->trials > most)
            most = in[s].o->trials;
    if (c == NULL || scratch_alloc(&a, most) != 0
        || scratch_alloc(&b, most) != 0
        || (c->pairing = calloc(n, sizeof *c->pairing)) == NULL)
        status = CAP_ENOMEM;
    if (status == CAP_OK) {
        c->n_scenarios = n;
        c->pairing[0].paired = in[0].o != NULL;
        c->pairing[0].common_draws = in[0].o != NULL;
        for (size_t s = 1; s < n; s++)
            pair_up(in, s, &c->pairing[s]);
    }
    for (size_t s = 0; s < n && status == CAP_OK; s++)
        status = scenario_rows(in, s, c, &cap, &b, &a);
    scratch_free(&a);
    scratch_free(&b);
    if (status != CAP_OK) {
        cap_comparison_free(c);
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    }
    *out = c;
    return CAP_OK;
}

void
cap_comparison_free(cap_comparison *c)
{
    if (c == NULL)
        return;
    free(c->pairing);
    free(c->rows);
    free(c);
}

const cap_cmp_row *
cap_cmp_find_row(const cap_comparison *c, const cap_cmp_input *in, size_t s,
                 const char *option, const char *party, int year,
                 cap_cmp_metric m)
{
    const cap_scenario *sc = in[s].sc;

    for (size_t i = 0; i < c->n_rows; i++) {
        const cap_cmp_row *r = &c->rows[i];

        if (r->scenario == s && r->year == year && r->metric == m
            && strcmp(sc->options[r->option].name, option) == 0
            && strcmp(cap_ledger_party_name(sc, r->party), party) == 0)
            return r;
    }
    return NULL;
}

/* Whether (section, key) is already among keys[0..n). */
static int
listed(const cap_cmp_key *keys, size_t n, const char *section,
       const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(keys[i].section, section) == 0
            && strcmp(keys[i].key, key) == 0)
            return 1;
    return 0;
}

/* Fill k with (section, key) across the n files; returns 1 when the
 * values differ, 0 when every file has the same. */
static int
key_across(const cap_scenario *const *sc, size_t n, const char *section,
           const char *key, cap_cmp_key *k)
{
    int differs = 0;

    k->section = section;
    k->key = key;
    for (size_t s = 0; s < n; s++) {
        const cap_ini_entry *e = cap_ini_find(sc[s]->source, section, key);

        k->value[s] = e ? e->value : NULL;
        k->line[s] = e ? e->line : 0;
        if (s > 0 && (k->value[s] == NULL) != (k->value[0] == NULL))
            differs = 1;
        else if (s > 0 && k->value[s] != NULL
                 && strcmp(k->value[s], k->value[0]) != 0)
            differs = 1;
    }
    return differs;
}

int
cap_compare_keys(const cap_scenario *const *sc, size_t n,
                 cap_cmp_key **keys, size_t *n_keys, cap_diag *diag)
{
    cap_cmp_key *k = NULL;
    size_t count = 0, cap = 0;

    *keys = NULL;
    *n_keys = 0;
    for (size_t s = 0; s < n; s++) {
        const cap_ini_doc *doc = sc[s]->source;

        for (size_t i = 0; i < doc->n_entries; i++) {
            const cap_ini_entry *e = &doc->entries[i];

            if (listed(k, count, e->section, e->key))
                continue;
            if (count == cap) {
                size_t grown = cap ? 2 * cap : 16;
                cap_cmp_key *more = realloc(k, grown * sizeof *more);

                if (more == NULL)
                    goto oom;
                k = more;
                cap = grown;
            }
            k[count].value = malloc(n * sizeof *k[count].value);
            k[count].line = malloc(n * sizeof *k[count].line);
            if (k[count].value == NULL || k[count].line == NULL) {
                free(k[count].value);
                free(k[count].line);
                goto oom;
            }
            if (key_across(sc, n, e->section, e->key, &k[count])) {
                count++;
            } else {
                free(k[count].value);
                free(k[count].line);
            }
        }
    }
    *keys = k;
    *n_keys = count;
    return CAP_OK;
oom:
    cap_cmp_keys_free(k, count);
    return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
}

void
cap_cmp_keys_free(cap_cmp_key *keys, size_t n_keys)
{
    if (keys == NULL)
        return;
    for (size_t i = 0; i < n_keys; i++) {
        free(keys[i].value);
        free(keys[i].line);
    }
    free(keys);
}
