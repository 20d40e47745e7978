/* points.c -- the points of a sweep: their scenarios and their runs.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include "capsim/study.h"
#include "base/csv_write.h"
#include "scenario/ini_doc.h"
#include "study/rerun.h"

void
cap_points_free(cap_point *points, size_t n)
{
    if (points == NULL)
        return;
    for (size_t i = 0; i < n; i++) {
        cap_decision_free(points[i].decision);
        cap_horizon_free(points[i].h);
        cap_outcomes_free(points[i].o);
        cap_scenario_free(points[i].owned);
    }
    free(points);
}

int
cap_points_build(const cap_scenario *base, cap_point **points, size_t *n,
                 cap_diag *diag)
{
    const cap_sweep *sw = &base->sweep;
    size_t count = sw->design == CAP_DESIGN_NONE ? 1 : sw->n_points;
    cap_point *pts = calloc(count, sizeof *pts);
    cap_setting *set = calloc(sw->n_keys + 1, sizeof *set);
    int status = pts && set ? CAP_OK : CAP_ENOMEM;

    *points = NULL;
    *n = 0;
    if (status == CAP_OK && sw->design == CAP_DESIGN_NONE)
        pts[0].sc = base;
    for (size_t p = 0; status == CAP_OK && sw->design != CAP_DESIGN_NONE
         && p < count; p++) {
        for (size_t k = 0; k < sw->n_keys; k++)
            set[k] = (cap_setting) { sw->keys[k].section, sw->keys[k].key,
                                     sw->values[p * sw->n_keys + k],
                                     sw->keys[k].line };
        status = cap_rerun_variant(base, set, sw->n_keys, CAP_PLAN_AGAIN,
                                   NULL, NULL, &pts[p].owned, diag);
        pts[p].sc = pts[p].owned;
    }
    free(set);
    if (status != CAP_OK) {
        if (status == CAP_ENOMEM)
            cap_diag_set(diag, status, "", 0, "out of memory");
        cap_points_free(pts, count);
        return status;
    }
    *points = pts;
    *n = count;
    return CAP_OK;
}

int
cap_points_memory_check(const cap_scenario *base, const cap_point *points,
                        size_t n, const cap_sim_config *cfg, double avail,
                        cap_diag *diag)
{
    const double gib = 1073741824.0;
    double kept = 0.0, work = 0.0, one = 0.0;

    if (base->sweep.design == CAP_DESIGN_NONE || n < 2)
        return CAP_OK;        /* one run: cap_sim_run checks it */
    if (!(avail > 0.0))
        avail = cap_sim_memory_available();
    if (!(avail > 0.0))
        return CAP_OK;
    for (size_t p = 0; p < n; p++) {
        double k = cap_sim_memory_kept(points[p].sc, cfg);
        double all = cap_sim_memory(points[p].sc, cfg);

        kept += k;
        one = fmax(one, k);
        work = fmax(work, all - k);
    }
    if (kept + work <= avail)
        return CAP_OK;
    /* The [sweep] may be in a base: named where it was written. */
    return cap_ini_diag(base->source, diag, CAP_EINPUT,
                        cap_ini_section_line(base->source, "sweep"),
                        "[sweep]: the %zu points need about %.1f GiB of "
                        "memory together and %.1f GiB is available (each "
                        "point keeps up to %.1f GiB of outcomes, %ld "
                        "trials' worth, until the results are written, "
                        "and a run needs up to %.1f GiB more while it "
                        "runs): run fewer trials or fewer points, or "
                        "model fewer people or fewer threads",
                        n, (kept + work) / gib, avail / gib, one / gib,
                        cfg->trials, work / gib);
}

int
cap_point_run(cap_point *pt, size_t index, const cap_sim_config *cfg,
              cap_diag *diag)
{
    int status = cap_sim_run(pt->sc, cfg, &pt->o, diag);

    if (status != CAP_OK)
        return status;
    pt->o->point = index;
    status = cap_horizon_alloc(pt->sc, pt->o, &pt->h, diag);
    if (status != CAP_OK)
        return status;
    return cap_decide(pt->sc, pt->o, pt->h, &pt->decision, diag);
}

int
cap_write_points(FILE *f, const cap_scenario *base, cap_diag *diag)
{
    const cap_sweep *sw = &base->sweep;
    cap_csv_writer w;

    cap_csv_open(&w, f);
    cap_csv_add_label(&w, "point");
    for (size_t k = 0; k < sw->n_keys; k++)
        cap_csv_add_text(&w, sw->keys[k].name);
    cap_csv_end_row(&w);
    for (size_t p = 0; p < sw->n_points; p++) {
        cap_csv_add_integer(&w, (long) p);
        for (size_t k = 0; k < sw->n_keys; k++)
            cap_csv_add_number(&w, sw->values[p * sw->n_keys + k]);
        cap_csv_end_row(&w);
    }
    return cap_csv_finish(&w, diag);
}
