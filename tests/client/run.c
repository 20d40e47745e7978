/* run.c -- a C program built on the installed libcapsim alone: it loads
 * a scenario, runs a few trials and prints each party's mean net over
 * the horizon under each option.  tests/installcheck.sh compiles it
 * with `pkg-config --cflags --libs capsim` and checks it agrees with
 * run.cc, the same program in C++.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <capsim/capsim.h>

int
main(int argc, char **argv)
{
    cap_scenario *sc = NULL;
    cap_outcomes *o = NULL;
    cap_sim_config cfg = { 0 };
    cap_diag diag = { { 0 }, 0, { 0 } };
    double *x = NULL, *work = NULL;
    size_t option, party;
    int rc = CAP_OK, status = 1;

    if (argc != 2) {
        fprintf(stderr, "usage: run SCENARIO.ini\n");
        return 2;
    }
    rc = cap_scenario_load(argv[1], &sc, &diag);
    if (rc != CAP_OK)
        goto fail;
    cfg.trials = 20;
    cfg.seed = sc->seed;
    cfg.threads = 1;
    cfg.engine = CAP_ENGINE_DEFAULT;
    rc = cap_sim_run(sc, &cfg, &o, &diag);
    if (rc != CAP_OK)
        goto fail;
    x = malloc(o->trials * sizeof *x);
    work = malloc(o->trials * sizeof *work);
    if (x == NULL || work == NULL) {
        fprintf(stderr, "run: out of memory\n");
        goto done;
    }
    printf("option,party,mean_net,mcse\n");
    for (option = 0; option < o->options; option++)
        for (party = 0; party < o->parties; party++) {
            cap_summary s;
            cap_outcomes_gather(o, option, party, CAP_HORIZON, CAP_NET, x);
            cap_stats_summarise(x, o->trials, work, &s);
            printf("%s,%s,%.6g,%.6g\n", sc->options[option].name,
                   cap_ledger_party_name(sc, party), s.mean.value,
                   s.mean.mcse);
        }
    status = 0;
    goto done;
fail:
    fprintf(stderr, "run: %s:%d: %s (%s)\n", diag.file, diag.line,
            diag.message, cap_strerror(rc));
done:
    free(x);
    free(work);
    cap_outcomes_free(o);
    cap_scenario_free(sc);
    return status;
}
