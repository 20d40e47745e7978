/* decision.c -- which options each party can live with, and the option
 * to take.
 *
 * An option is acceptable to a party when it stays within every limit
 * of the party's appetite (capsim/scenario.h, cap_appetite): its chance
 * of a deficit in its worst year, the expected shortfall of its worst
 * year, the chance of exhausting its reserve.  The recommendation is
 * the option every party accepts that gives the deciding party the best
 * expected net.  Options are priced on the same futures (common random
 * numbers), so the best and the next best are compared trial by trial:
 * the paired difference has a far smaller standard error than the two
 * means have apart, and the text says plainly when even that does not
 * settle the choice, and how many trials would.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "capsim/ledger.h"
#include "capsim/study.h"
#include "base/money.h"

/* Two-sided 95%: a difference beyond this many standard errors is
 * taken as settled. */
#define Z95 1.96

/* A growing string; ok turns 0 for good on the first failure. */
typedef struct {
    char *text;
    size_t len, cap;
    int ok;
} text_buf;

static void
say(text_buf *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void
say(text_buf *t, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (!t->ok)
        return;
    va_start(ap, fmt);
    n = vsnprintf(t->text ? t->text + t->len : NULL,
                  t->text ? t->cap - t->len : 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        t->ok = 0;
        return;
    }
    if (t->text == NULL || t->len + (size_t) n + 1 > t->cap) {
        size_t cap = (t->len + (size_t) n + 1) * 2;
        char *grown = realloc(t->text, cap);

        if (grown == NULL) {
            t->ok = 0;
            return;
        }
        t->text = grown;
        t->cap = cap;
        va_start(ap, fmt);
        vsnprintf(t->text + t->len, t->cap - t->len, fmt, ap);
        va_end(ap);
    }
    t->len += (size_t) n;
}

/* A probability as people read it: "36.9%", "under 0.1%". */
static const char *
percent(char *buf, size_t n, double p)
{
    if (p > 0 && p < 0.001)
        snprintf(buf, n, "under 0.1%%");
    else
        snprintf(buf, n, "%.1f%%", 100.0 * p);
    return buf;
}

/* A limit as people read it: "10%". */
static const char *
limit_percent(char *buf, size_t n, double p)
{
    snprintf(buf, n, "%g%%", 100.0 * p);
    return buf;
}

void
cap_decision_free(cap_decision *d)
{
    if (d == NULL)
        return;
    if (d->why_not != NULL)
        for (size_t i = 0; i < d->options * d->parties; i++)
            free(d->why_not[i]);
    free(d->why_not);
    free(d->acceptable);
    free(d->borderline);
    free(d->versus);
    free(d->summary);
    free(d->appetite_text);
    free(d);
}

/* Whether estimate e lies within Z95 standard errors of limit. */
static int
near(cap_estimate e, double limit)
{
    return e.mcse > 0 && fabs(e.value - limit) < Z95 * e.mcse;
}

/* Test (option, party) against the party's appetite: set acceptable,
 * borderline and why_not.  Returns CAP_OK or CAP_ENOMEM. */
static int
judge(const cap_scenario *sc, const cap_horizon *h, size_t opt, size_t p,
      cap_decision *d)
{
    const cap_party_appetite *a = &sc->appetite.party[p];
    size_t at = opt * d->parties + p;
    text_buf why = { NULL, 0, 0, 1 };
    char v[64], lim[64], q_text[64];
    int breaches = 0;

    d->acceptable[at] = 1;
    if (!isnan(a->max_deficit_chance)) {
        cap_estimate e = h->worst_deficit[at];
        int year = 1;

        for (int y = 1; y <= h->years; y++)
            if (h->year_deficit[at * (size_t) h->years + (size_t) y - 1]
                    .value == e.value) {
                year = y;
                break;
            }
        d->borderline[at] |= near(e, a->max_deficit_chance);
        if (e.value > a->max_deficit_chance) {
            say(&why, "%sa deficit in year %d in %s of futures, above the "
                "%s it accepts", breaches++ ? " and " : "", year,
                percent(v, sizeof v, e.value),
                limit_percent(lim, sizeof lim, a->max_deficit_chance));
        }
    }
    if (!isnan(a->max_shortfall)) {
        cap_estimate e = h->worst[at].cvar95;

        d->borderline[at] |= near(e, a->max_shortfall);
        if (e.value > a->max_shortfall)
            say(&why, "%sa worst-year expected shortfall of %s, above the "
                "%s it accepts", breaches++ ? " and " : "",
                cap_money_text(v, sizeof v, e.value, sc->currency,
                               CAP_MONEY_AUTO),
                cap_money_text(lim, sizeof lim, a->max_shortfall,
                               sc->currency, CAP_MONEY_AUTO));
    }
    if (!isnan(a->reserves) && !isnan(h->ruin[at])) {
        double q = h->ruin[at];
        cap_estimate e = { q, sqrt(q * (1 - q) / (double) h->s[at].n) };

        d->borderline[at] |= near(e, a->max_exhaust_chance);
        if (q > a->max_exhaust_chance)
            say(&why, "%sreserves of %s exhausted in %s of futures, above "
                "the %s it accepts", breaches++ ? " and " : "",
                cap_money_text(v, sizeof v, a->reserves, sc->currency,
                               CAP_MONEY_AUTO),
                percent(q_text, sizeof q_text, q),
                limit_percent(lim, sizeof lim, a->max_exhaust_chance));
    }
    if (!why.ok)
        return CAP_ENOMEM;
    d->acceptable[at] = breaches == 0;
    d->why_not[at] = why.text;
    return CAP_OK;
}

/* The decider's expected net per year under a minus under b, paired
 * over the trials; x and y hold o->trials doubles of scratch. */
static cap_estimate
paired_margin(const cap_outcomes *o, size_t a, size_t b, size_t party,
              double *x, double *y)
{
    double sum = 0, sq = 0, n = (double) o->trials;
    cap_estimate e;

    cap_outcomes_gather(o, a, party, CAP_HORIZON, CAP_NET, x);
    cap_outcomes_gather(o, b, party, CAP_HORIZON, CAP_NET, y);
    for (size_t i = 0; i < o->trials; i++) {
        double diff = (x[i] - y[i]) / o->years;

        sum += diff;
        sq += diff * diff;
    }
    e.value = sum / n;
    /* The sample variance, from the sums; never below zero. */
    sq = (sq - sum * sum / n) / (n - 1);
    e.mcse = sq > 0 ? sqrt(sq / n) : 0.0;
    return e;
}

/* The appetite in words, saying which limits are defaults. */
static void
describe_appetite(const cap_scenario *sc, text_buf *t)
{
    const cap_appetite *ap = &sc->appetite;
    int defaults = 0, first = 1;
    char v[64], lim[64];

    for (size_t p = 0; p < ap->n_parties; p++) {
        const cap_party_appetite *a = &ap->party[p];
        int parts = 0;

        if (isnan(a->max_deficit_chance) && isnan(a->max_shortfall)
            && isnan(a->reserves))
            continue;
        defaults |= a->line == 0;
        say(t, "%s%s%s: ", first ? "Risk appetite. " : "; ",
            cap_ledger_party_label(sc, p),
            a->line == 0 ? " (default)" : "");
        first = 0;
        if (!isnan(a->max_deficit_chance))
            say(t, "%sa deficit in any one year in at most %s of futures",
                parts++ ? ", " : "",
                limit_percent(lim, sizeof lim, a->max_deficit_chance));
        if (!isnan(a->max_shortfall))
            say(t, "%san expected shortfall of its worst year of at most "
                "%s", parts++ ? ", " : "",
                cap_money_text(v, sizeof v, a->max_shortfall, sc->currency,
                               CAP_MONEY_AUTO));
        if (!isnan(a->reserves))
            say(t, "%sits reserves of %s exhausted in at most %s of "
                "futures", parts++ ? ", " : "",
                cap_money_text(v, sizeof v, a->reserves, sc->currency,
                               CAP_MONEY_AUTO),
                limit_percent(lim, sizeof lim, a->max_exhaust_chance));
    }
    if (first)
        say(t, "Risk appetite: no party has limits");
    say(t, ". %s decides.", cap_ledger_party_label(sc, ap->decides));
    if (defaults)
        say(t, " Defaults apply where a party has no [appetite.PARTY] "
            "section.");
}

/* The recommendation in words. */
static void
describe(const cap_scenario *sc, const cap_horizon *h, const cap_decision *d,
         text_buf *t)
{
    size_t np = d->parties, dec = d->decider;
    const char *who = cap_ledger_party_label(sc, dec);
    char v[64], se[64];
    int first = 1;

    if (d->recommended >= 0) {
        size_t rec = (size_t) d->recommended;
        double mean = h->s[rec * np + dec].mean.value / h->years;

        say(t, "Recommended: %s. It is within every party's risk appetite, "
            "and of the options that are, it gives %s the best expected "
            "net: %s a year", cap_scenario_option_label(sc, rec), who,
            cap_money_text(v, sizeof v, mean, sc->currency,
                           CAP_MONEY_UNITS));
        if (d->runner_up >= 0) {
            const char *other =
                cap_scenario_option_label(sc, (size_t) d->runner_up);

            say(t, ", %s a year more than %s, the next best (standard "
                "error %s on the same futures).",
                cap_money_text(v, sizeof v, d->margin.value, sc->currency,
                               CAP_MONEY_UNITS), other,
                cap_money_text(se, sizeof se, d->margin.mcse, sc->currency,
                               CAP_MONEY_UNITS));
            if (d->clear)
                say(t, " The difference is clear at this run's "
                    "precision.");
            else if (isinf(d->trials_to_settle))
                say(t, " The two are equal for %s: choose on other "
                    "grounds.", who);
            else
                say(t, " The difference is NOT clear at this run's "
                    "precision: %s and %s are as good as each other until "
                    "a run of about %.0f trials settles it.",
                    cap_scenario_option_label(sc, rec), other,
                    d->trials_to_settle);
        } else {
            say(t, "; it is the only option every party accepts.");
        }
    } else {
        say(t, "No option is within every party's risk appetite, so none "
            "is recommended");
        if (d->closest >= 0)
            say(t, "; the closest is %s, which breaches the fewest "
                "parties' limits and gives %s an expected net of %s a "
                "year", cap_scenario_option_label(sc, (size_t) d->closest),
                who, cap_money_text(v, sizeof v,
                                    h->s[(size_t) d->closest * np + dec]
                                        .mean.value / h->years,
                                    sc->currency, CAP_MONEY_UNITS));
        say(t, ". Change the options' terms, or the appetite if it is "
            "stricter than the board's.");
    }
    for (size_t opt = 0; opt < d->options; opt++) {
        int named = 0;

        for (size_t p = 0; p < np; p++) {
            const char *why = d->why_not[opt * np + p];

            if (why == NULL)
                continue;
            if (!named)
                say(t, "%s%s is not acceptable to ",
                    first ? " " : ". ", cap_scenario_option_label(sc, opt));
            say(t, "%s%s: %s", named ? "; nor to " : "",
                cap_ledger_party_label(sc, p), why);
            first = 0;
            named = 1;
        }
    }
    if (!first)
        say(t, ".");
    first = 1;
    for (size_t i = 0; i < d->options * np; i++)
        if (d->borderline[i]) {
            say(t, "%s%s for %s", first ? " Close to a limit, so the "
                "verdict could change with more trials: " : ", ",
                cap_scenario_option_label(sc, i / np),
                cap_ledger_party_label(sc, i % np));
            first = 0;
        }
    if (!first)
        say(t, ".");
}

/* When no option is acceptable: the option fewest parties reject, the
 * decider's better expected net breaking ties. */
static long
closest_option(const cap_horizon *h, const cap_decision *d)
{
    long best = -1;
    size_t best_rejections = 0;

    for (size_t opt = 0; opt < d->options; opt++) {
        size_t rejections = 0, at = opt * d->parties + d->decider;

        for (size_t p = 0; p < d->parties; p++)
            rejections += !d->acceptable[opt * d->parties + p];
        if (best < 0 || rejections < best_rejections
            || (rejections == best_rejections
                && h->s[at].mean.value
                   > h->s[(size_t) best * d->parties + d->decider]
                         .mean.value)) {
            best = (long) opt;
            best_rejections = rejections;
        }
    }
    return best;
}

/* The acceptable option with the best expected net for the decider,
 * other than skip (or -1). */
static long
best_acceptable(const cap_horizon *h, const cap_decision *d, long skip)
{
    long best = -1;

    for (size_t opt = 0; opt < d->options; opt++) {
        int all = 1;

        for (size_t p = 0; p < d->parties; p++)
            all &= d->acceptable[opt * d->parties + p];
        if (!all || (long) opt == skip)
            continue;
        if (best < 0 || h->s[opt * d->parties + d->decider].mean.value
                        > h->s[(size_t) best * d->parties
                               + d->decider].mean.value)
            best = (long) opt;
    }
    return best;
}

int
cap_decide(const cap_scenario *sc, const cap_outcomes *o,
           const cap_horizon *h, cap_decision **out, cap_diag *diag)
{
    size_t cells = o->options * o->parties;
    cap_decision *d = calloc(1, sizeof *d);
    double *x = malloc(o->trials * sizeof *x);
    double *y = malloc(o->trials * sizeof *y);
    text_buf summary = { NULL, 0, 0, 1 }, appetite = { NULL, 0, 0, 1 };
    int status = CAP_OK;

    *out = NULL;
    if (d != NULL) {
        d->options = o->options;
        d->parties = o->parties;
        d->decider = sc->appetite.decides;
        d->acceptable = calloc(cells, sizeof *d->acceptable);
        d->borderline = calloc(cells, sizeof *d->borderline);
        d->why_not = calloc(cells, sizeof *d->why_not);
        d->versus = calloc(o->options, sizeof *d->versus);
    }
    if (!d || !x || !y || !d->acceptable || !d->borderline || !d->why_not
        || !d->versus
        || sc->appetite.n_parties != o->parties)
        status = CAP_ENOMEM;
    for (size_t i = 0; status == CAP_OK && i < cells; i++)
        status = judge(sc, h, i / o->parties, i % o->parties, d);
    if (status == CAP_OK) {
        d->recommended = best_acceptable(h, d, -1);
        d->runner_up = best_acceptable(h, d, d->recommended);
        d->closest = d->recommended >= 0 ? d->recommended
                                          : closest_option(h, d);
        for (size_t opt = 0; opt < o->options; opt++)
            d->versus[opt] = paired_margin(o, opt, (size_t) d->closest,
                                           d->decider, x, y);
        d->margin = (cap_estimate) { NAN, NAN };
        d->clear = d->recommended >= 0 && d->runner_up < 0;
        if (d->recommended >= 0 && d->runner_up >= 0) {
            /* The recommended option is the closest: the margin is the
             * runner-up's paired difference from it, turned round. */
            cap_estimate ru = d->versus[d->runner_up];
            double m = fabs(ru.value), se = ru.mcse;

            d->margin = (cap_estimate) { -ru.value, se };
            d->clear = m > Z95 * se;
            d->trials_to_settle = d->clear ? 0.0 : m == 0 ? INFINITY
                : ceil(Z95 * Z95 * se * se * (double) o->trials / (m * m));
        }
        describe(sc, h, d, &summary);
        describe_appetite(sc, &appetite);
        if (!summary.ok || !appetite.ok)
            status = CAP_ENOMEM;
        d->summary = summary.text;
        d->appetite_text = appetite.text;
    }
    free(x);
    free(y);
    if (status != CAP_OK) {
        cap_decision_free(d);
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    }
    *out = d;
    return CAP_OK;
}
