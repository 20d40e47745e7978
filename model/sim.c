/* sim.c -- the Monte Carlo driver: many trials, every option.
 *
 * Per trial (numbers match the comments in the loop):
 *   1. simulate the trial's demand into this thread's tally;
 *   2. settle every option against that same tally (common random
 *      numbers), writing the trial's own rows of the outcome arrays;
 *   3. for the first concentration_trials trials, record how
 *      concentrated cost is among people.
 * Nothing is allocated inside the loop, and nothing a trial computes
 * depends on another trial, so any thread count gives the same bits.
 */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>
#include "capsim/sim.h"
#include "capsim/demand.h"
#include "capsim/ledger.h"
#include "capsim/population.h"
#include "capsim/stats.h"
#include "capsim/tally.h"

const double cap_conc_fraction[CAP_N_CONC_GROUPS] = {
    0.01, 0.05, 0.10, 0.20, -0.50
};
const char *const cap_conc_names[CAP_N_CONC_GROUPS] = {
    "top1", "top5", "top10", "top20", "bottom50"
};

void
cap_outcomes_free(cap_outcomes *o)
{
    if (o == NULL)
        return;
    free(o->income);
    free(o->spend);
    free(o->concentration);
    free(o);
}

void
cap_outcomes_gather(const cap_outcomes *o, size_t option, size_t party,
                    int year, cap_quantity q, double *x)
{
    int first = year ? year : 1, last = year ? year : o->years;

    for (size_t i = 0; i < o->trials; i++) {
        double sum = 0.0;

        for (int y = first; y <= last; y++) {
            size_t at = cap_outcomes_at(o, i, option, party, y);

            sum += q == CAP_INCOME ? o->income[at]
                 : q == CAP_SPEND ? o->spend[at]
                 : o->income[at] - o->spend[at];
        }
        x[i] = sum;
    }
}

double
cap_outcomes_prob_ruin(const cap_outcomes *o, size_t option, size_t party,
                       int last, double reserves)
{
    size_t ruined = 0;

    for (size_t i = 0; i < o->trials; i++) {
        double cum = 0.0;
        int hit = 0;

        for (int y = 1; y <= last; y++) {
            size_t at = cap_outcomes_at(o, i, option, party, y);

            cum += o->income[at] - o->spend[at];
            hit |= cum < -reserves;
        }
        ruined += (size_t) hit;
    }
    return (double) ruined / (double) o->trials;
}

static cap_outcomes *
outcomes_alloc(const cap_scenario *sc, size_t trials, size_t conc_trials)
{
    cap_outcomes *o = calloc(1, sizeof *o);
    size_t cells;

    if (o == NULL)
        return NULL;
    o->trials = trials;
    o->options = sc->n_options;
    o->parties = cap_ledger_parties(sc);
    o->years = sc->years;
    o->conc_trials = conc_trials;
    cells = trials * o->options * o->parties * (size_t) o->years;
    o->income = malloc(cells * sizeof *o->income);
    o->spend = malloc(cells * sizeof *o->spend);
    o->concentration = malloc((conc_trials ? conc_trials : 1)
                              * (size_t) o->years * CAP_N_CONC_GROUPS
                              * sizeof *o->concentration);
    if (!o->income || !o->spend || !o->concentration) {
        cap_outcomes_free(o);
        return NULL;
    }
    return o;
}

/* Shares of cost held by each concentration group among the people
 * registered in year. */
static void
record_concentration(const cap_demand *d, const cap_population *pop,
                     int year, double *work, double *out)
{
    const unsigned char *registered;
    const double *cost = cap_demand_person_costs(d, year, &registered);
    size_t n = 0;
    double total = 0.0;

    for (uint32_t id = 0; id < pop->n_ids; id++) {
        if (registered[id]) {
            work[n++] = cost[id];
            total += cost[id];
        }
    }
    for (int g = 0; g < CAP_N_CONC_GROUPS; g++) {
        /* work is reordered by each call but keeps the same values. */
        out[g] = total > 0.0 && n > 0
            ? cap_stats_concentration(work, n, cap_conc_fraction[g],
                                      work + n)
            : 0.0;
    }
}

int
cap_sim_run(const cap_scenario *sc, const cap_sim_config *cfg,
            cap_outcomes **out, cap_diag *diag)
{
    cap_population *pop = NULL;
    cap_outcomes *o;
    size_t trials = (size_t) cfg->trials;
    size_t conc = cfg->concentration_trials < cfg->trials
        ? (size_t) cfg->concentration_trials : trials;
    size_t per_trial;
    int threads = cfg->threads > 0 ? cfg->threads : omp_get_max_threads();
    int status;
    int failed = 0;
    long done = 0;

    *out = NULL;
    if (cfg->trials < 1 || cfg->trials > 4294967295L)
        return cap_diag_set(diag, CAP_EINPUT, "", 0,
                            "trials must be from 1 to 2^32-1");
    status = cap_population_alloc(sc, &pop);
    if (status == CAP_EINPUT)
        return cap_diag_set(diag, status, sc->path, 0, "the population "
                            "exceeds 2^32-1 people");
    if (status != CAP_OK)
        return cap_diag_set(diag, status, "", 0, "out of memory");
    o = outcomes_alloc(sc, trials, conc);
    if (o == NULL) {
        cap_population_free(pop);
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory for "
                            "%zu trials' outcomes", trials);
    }
    per_trial = o->options * o->parties * (size_t) o->years;

#pragma omp parallel num_threads(threads)
    {
        cap_demand *d = cap_demand_alloc(sc, pop, cfg->seed, conc > 0);
        cap_tally *t = cap_tally_alloc(sc, pop);
        double *work = conc > 0
            ? malloc(2 * (size_t) (pop->n_ids ? pop->n_ids : 1)
                     * sizeof *work)
            : NULL;
        int ok = d != NULL && t != NULL && (conc == 0 || work != NULL);

        if (!ok) {
#pragma omp atomic write
            failed = 1;
        }
#pragma omp barrier
        if (!failed) {
#pragma omp for schedule(dynamic, 1)
            for (size_t trial = 0; trial < trials; trial++) {
                size_t base = trial * per_trial;

                /* 1. Demand. */
                cap_demand_simulate(d, (uint32_t) trial, t);
                /* 2. Every option on the same demand. */
                for (size_t opt = 0; opt < o->options; opt++) {
                    size_t off = base + opt * o->parties * (size_t) o->years;

                    cap_ledger_settle(sc, opt, t, o->income + off,
                                      o->spend + off);
                }
                /* 3. Concentration of cost among people. */
                if (trial < conc) {
                    for (int year = 1; year <= sc->years; year++)
                        record_concentration(
                            d, pop, year, work,
                            o->concentration
                            + (trial * (size_t) o->years
                               + (size_t) (year - 1)) * CAP_N_CONC_GROUPS);
                }
#pragma omp atomic
                done++;
                if (cfg->progress && omp_get_thread_num() == 0) {
                    long seen;
#pragma omp atomic read
                    seen = done;
                    cfg->progress(seen, cfg->trials, cfg->progress_user);
                }
            }
        }
        free(work);
        cap_tally_free(t);
        cap_demand_free(d);
    }
    cap_population_free(pop);
    if (failed) {
        cap_outcomes_free(o);
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory for "
                            "the simulation's working space");
    }
    if (cfg->progress)
        cfg->progress(cfg->trials, cfg->trials, cfg->progress_user);
    *out = o;
    return CAP_OK;
}
