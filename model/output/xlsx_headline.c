/* xlsx_headline.c -- the Headline sheet of results.xlsx: for each sweep
 * point, option and party, the figures a board decides with (the annual
 * duty first, then the horizon), from the point's cap_horizon, with the
 * options each party accepts and the recommendation from its
 * cap_decision; money in the scenario's currency, names as labels.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>

#ifdef HAVE_XLSX
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>
#include "output/xlsx_sheets.h"
#include "capsim/ledger.h"
#include "capsim/output.h"

static const char *const headline_columns[] = {
    "Point", "Option", "Party", "Expected net a year",
    "P(deficit in a year)", "P(deficit in any year)",
    "Worst year: 1-in-20 loss", "Worst year: expected shortfall",
    "Share of cost risk", "P(reserves exhausted)", "Net over the horizon",
    "Horizon: 1-in-20 loss", "Acceptable to the party", "Recommended"
};
enum { H_POINT, H_OPTION, H_PARTY, H_ANNUAL_NET, H_YEAR_DEFICIT,
       H_ANY_DEFICIT, H_WORST_VAR95, H_WORST_CVAR95, H_SHARE, H_RUIN,
       H_NET, H_VAR95, H_ACCEPTABLE, H_RECOMMENDED, H_COLUMNS };

/* A number, or a blank cell for one that cannot be estimated. */
static void
put(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v, lxw_format *f)
{
    if (!isnan(v))
        worksheet_write_number(ws, r, c, v, f);
}

static void
headline_row(lxw_worksheet *ws, const cap_xlsx_formats *fm, lxw_row_t r,
             const cap_point *pt, size_t point, size_t opt, size_t p)
{
    const cap_scenario *sc = pt->sc;
    const cap_horizon *h = pt->h;
    size_t parties = cap_ledger_parties(sc), sys = cap_ledger_system(sc);
    size_t i = opt * parties + p;
    const cap_summary *s = &h->s[i];

    put(ws, r, H_POINT, (double) point, fm->whole);
    worksheet_write_string(ws, r, H_OPTION,
                           cap_scenario_option_label(sc, opt), NULL);
    worksheet_write_string(ws, r, H_PARTY, cap_ledger_party_label(sc, p),
                           NULL);
    put(ws, r, H_ANNUAL_NET, s->mean.value / (double) h->years, fm->money);
    put(ws, r, H_YEAR_DEFICIT, h->worst_deficit[i].value, fm->prob);
    put(ws, r, H_ANY_DEFICIT, h->any_deficit[i].value, fm->prob);
    put(ws, r, H_WORST_VAR95, h->worst[i].var95.value, fm->money);
    put(ws, r, H_WORST_CVAR95, h->worst[i].cvar95.value, fm->money);
    put(ws, r, H_SHARE, p < sys ? h->share[opt * sys + p] : NAN,
        fm->share);
    put(ws, r, H_RUIN, h->ruin[i], fm->prob);
    put(ws, r, H_NET, s->mean.value, fm->money);
    put(ws, r, H_VAR95, s->var95.value, fm->money);
    if (pt->decision != NULL) {
        const cap_decision *d = pt->decision;

        worksheet_write_string(ws, r, H_ACCEPTABLE,
                               d->acceptable[i] ? "yes" : "no", NULL);
        if ((long) opt == d->recommended)
            worksheet_write_string(ws, r, H_RECOMMENDED, "yes", NULL);
    }
}

int
cap_xlsx_headline(lxw_workbook *wb, const cap_xlsx_formats *fm,
                  const cap_xlsx_input *in, cap_diag *diag)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Headline");
    lxw_row_t r = 1;

    if (ws == NULL)
        return cap_diag_set(diag, CAP_EIO, "", 0, "results.xlsx: cannot "
                            "add the headline sheet");
    for (lxw_col_t c = 0; c < H_COLUMNS; c++) {
        size_t w = strlen(headline_columns[c]) + 2;

        worksheet_set_column(ws, c, c, (double) (w < 12 ? 12 : w), NULL);
    }
    for (lxw_col_t c = 0; c < H_COLUMNS; c++)
        worksheet_write_string(ws, 0, c, headline_columns[c], fm->header);
    worksheet_freeze_panes(ws, 1, 0);
    for (size_t k = 0; k < in->n_points; k++) {
        const cap_point *pt = &in->points[k];
        size_t sys = cap_ledger_system(pt->sc);

        for (size_t opt = 0; opt < pt->sc->n_options; opt++)
            for (size_t p = 0; p < sys; p++)
                headline_row(ws, fm, r++, pt, k, opt, p);
    }
    r++;
    worksheet_write_string(ws, r++, 0, "Net = income - spend, so a "
                           "loss is positive and a negative loss a gain. "
                           "A year's figures are its own; the horizon's "
                           "are summed over every year.", NULL);
    /* The recommendation and the appetite it was judged by, in words. */
    for (size_t k = 0; k < in->n_points; k++) {
        const cap_decision *d = in->points[k].decision;
        char point[32];

        if (d == NULL)
            continue;
        if (in->n_points > 1) {
            snprintf(point, sizeof point, "Point %zu", k);
            worksheet_write_string(ws, r, 0, point, NULL);
        }
        worksheet_write_string(ws, r++, 1, d->summary, NULL);
        if (k == 0 && d->appetite_text != NULL)
            worksheet_write_string(ws, r++, 1, d->appetite_text, NULL);
    }
    return CAP_OK;
}

#else /* !HAVE_XLSX */

/* A build without libxlsxwriter has no workbook and so no headline;
 * ISO C wants a declaration in every file all the same. */
typedef int cap_xlsx_headline_absent;

#endif /* HAVE_XLSX */
