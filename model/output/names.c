/* names.c -- names.csv: each identifier of the scenario (kind, id) with
 * the label people read for it.  The other tables keep the identifiers,
 * which are stable and safe to join on; this table turns them into the
 * names of a board paper.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdio.h>
#include "output/names.h"
#include "capsim/ledger.h"
#include "base/csv_write.h"
#include "scenario/contract.h"

/* One row: the label of [KIND.ID], or the identifier. */
static void
name_row(cap_csv_writer *w, const cap_scenario *sc, const char *kind,
         const char *id)
{
    char section[512];
    const char *label;

    snprintf(section, sizeof section, "%s.%s", kind, id);
    label = cap_scenario_label(sc, section);
    cap_csv_add_label(w, kind);
    cap_csv_add_text(w, id);
    cap_csv_add_text(w, label ? label : id);
    cap_csv_end_row(w);
}

int
cap_write_names(FILE *f, const cap_scenario *sc, cap_diag *diag)
{
    cap_csv_writer w;
    const char *label = cap_scenario_label(sc, "scenario");

    cap_csv_open(&w, f);
    cap_csv_line(&w, "kind,id,label");
    cap_csv_add_label(&w, "scenario");
    cap_csv_add_text(&w, sc->name);
    cap_csv_add_text(&w, label ? label : sc->name);
    cap_csv_end_row(&w);
    for (size_t i = 0; i < sc->n_options; i++) {
        cap_csv_add_label(&w, "option");
        cap_csv_add_text(&w, sc->options[i].name);
        cap_csv_add_text(&w, cap_scenario_option_label(sc, i));
        cap_csv_end_row(&w);
    }
    for (size_t p = 0; p < cap_ledger_parties(sc); p++) {
        cap_csv_add_label(&w, "party");
        cap_csv_add_text(&w, cap_ledger_party_name(sc, p));
        cap_csv_add_text(&w, cap_ledger_party_label(sc, p));
        cap_csv_end_row(&w);
    }
    for (size_t i = 0; i < sc->n_providers; i++)
        name_row(&w, sc, "provider", sc->providers[i].name);
    for (size_t i = 0; i < sc->n_services; i++)
        name_row(&w, sc, "service", sc->services[i].name);
    for (size_t i = 0; i < sc->n_contracts; i++)
        name_row(&w, sc, "contract", sc->contracts[i].name);
    for (size_t i = 0; i < sc->n_tiers; i++)
        name_row(&w, sc, "tier", sc->tiers[i].name);
    for (size_t i = 0; i < sc->n_pooled_budgets; i++)
        name_row(&w, sc, "pooled_budget", sc->pooled_budgets[i].name);
    for (size_t i = 0; i < sc->n_system_shares; i++)
        name_row(&w, sc, "system_risk_share",
                 sc->system_shares[i].name);
    for (size_t i = 0; i < sc->n_interventions; i++)
        name_row(&w, sc, "intervention", sc->interventions[i].name);
    return cap_csv_finish(&w, diag);
}
