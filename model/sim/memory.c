/* memory.c -- how much memory a run needs, and how much there is: a
 * run that cannot fit is refused before it starts rather than killed
 * when memory runs out.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>
#include <omp.h>
#include "capsim/sim.h"
#include "scenario/engine.h"
#include "capsim/ledger.h"

double
cap_sim_memory_kept(const cap_scenario *sc, const cap_sim_config *cfg)
{
    double trials = (double) cfg->trials, years = sc->years;
    double conc = (double) (cfg->concentration_trials < cfg->trials
                            ? cfg->concentration_trials : cfg->trials);
    double cells = (double) sc->n_options * (double) cap_ledger_parties(sc)
                   * years;

    return trials * (cells * 16.0 + (double) sc->n_inputs * 8.0
                     + (double) sc->n_options
                       * (double) sc->n_interventions
                       * CAP_IV_OUTCOMES * 8.0)
           + conc * years * (CAP_N_CONC_GROUPS + 1) * 8.0;
}

double
cap_sim_memory(const cap_scenario *sc, const cap_sim_config *cfg)
{
    double ids, per_thread;
    double conc = (double) (cfg->concentration_trials < cfg->trials
                            ? cfg->concentration_trials : cfg->trials);
    double years = sc->years;
    int threads = cfg->threads > 0 ? cfg->threads : omp_get_max_threads();
    int engine = cap_engine_resolve(sc, cfg->engine);

    /* The largest list over the horizon, with room for growth. */
    ids = cap_scenario_persons(sc)
          * fmax(1.0, pow(1.0 + sc->growth, years - 1.0));
    per_thread = 3.0 * years * (double) sc->n_services
                 * (double) sc->n_practices * (double) sc->n_tiers * 8.0;
    if (engine != CAP_ENGINE_AGGREGATE || conc > 0.0) {
        /* Frailty; with concentration each year's cost and registration
         * and the selection scratch; pools and interventions' arrays. */
        per_thread += ids * 8.0;
        if (conc > 0.0)
            per_thread += ids * (years * 9.0 + 16.0);
        per_thread += ids * ((double) sc->n_pools * 17.0
                             + (sc->n_interventions ? 24.0 + 2.0
                                * (double) (sc->n_interventions + 1)
                                * 9.0 : 0.0));
    }
    return cap_sim_memory_kept(sc, cfg) + threads * per_thread + ids * 12.0;
}

double
cap_sim_memory_available(void)
{
    FILE *f = fopen("/proc/meminfo", "r");
    char line[256];
    double kib = 0.0;

    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "MemAvailable: %lf kB", &kib) == 1)
            break;
    if (f)
        fclose(f);
    if (kib > 0.0)
        return kib * 1024.0;
    return (double) sysconf(_SC_PHYS_PAGES) * (double) sysconf(_SC_PAGESIZE);
}
