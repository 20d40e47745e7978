/* run.cc -- run.c in C++: the installed headers declare libcapsim's
 * functions extern "C", so a C++ program links them.  It loads a
 * scenario, runs a few trials and prints each party's mean net over the
 * horizon under each option, as run.c does (tests/installcheck.sh
 * compares the two).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cstdio>
#include <memory>
#include <vector>
#include <capsim/capsim.h>

namespace {

struct scenario_free {
    void operator()(cap_scenario *sc) const { cap_scenario_free(sc); }
};
struct outcomes_free {
    void operator()(cap_outcomes *o) const { cap_outcomes_free(o); }
};

int
fail(const cap_diag &diag, int status)
{
    std::fprintf(stderr, "run: %s:%d: %s (%s)\n", diag.file, diag.line,
                 diag.message, cap_strerror(status));
    return 1;
}

} // namespace

int
main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: run SCENARIO.ini\n");
        return 2;
    }
    cap_diag diag = {};
    cap_scenario *loaded = nullptr;
    int status = cap_scenario_load(argv[1], &loaded, &diag);
    std::unique_ptr<cap_scenario, scenario_free> sc(loaded);
    if (status != CAP_OK)
        return fail(diag, status);

    cap_sim_config cfg = {};
    cfg.trials = 20;
    cfg.seed = sc->seed;
    cfg.threads = 1;
    cfg.engine = CAP_ENGINE_DEFAULT;
    cap_outcomes *run = nullptr;
    status = cap_sim_run(sc.get(), &cfg, &run, &diag);
    std::unique_ptr<cap_outcomes, outcomes_free> o(run);
    if (status != CAP_OK)
        return fail(diag, status);

    std::vector<double> x(o->trials), work(o->trials);
    std::printf("option,party,mean_net,mcse\n");
    for (size_t option = 0; option < o->options; option++)
        for (size_t party = 0; party < o->parties; party++) {
            cap_summary s;
            cap_outcomes_gather(o.get(), option, party, 0, CAP_NET,
                                x.data());
            cap_stats_summarise(x.data(), o->trials, work.data(), &s);
            std::printf("%s,%s,%.6g,%.6g\n", sc->options[option].name,
                        cap_ledger_party_name(sc.get(), party),
                        s.mean.value, s.mean.mcse);
        }
    return 0;
}
