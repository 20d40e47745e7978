/* engine.h -- which demand engine a run uses: people (individual) or
 * strata (aggregate), and whether the aggregate engine can simulate a
 * scenario at all.  Decided from the scenario alone, so the loader and
 * the command can say so before any work (engine.c).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_ENGINE_H
#define CAPSIM_ENGINE_H

#include <stddef.h>
#include "capsim/error.h"
#include "capsim/scenario.h"

/* "auto", "individual" or "aggregate"; "default" for the default. */
const char *cap_engine_name(cap_engine e);
/* The engine named, or -1 for an unknown name. */
int cap_engine_parse(const char *name);

/* NULL when the aggregate engine can simulate sc; otherwise why not, as
 * a phrase naming the first feature that needs people ("a per-person
 * stop-loss (contract acute_pbr)"). */
const char *cap_aggregate_unfit(const cap_scenario *sc, char *buf,
                                size_t size);

/* The engine a run of sc uses when asked for `asked` (DEFAULT: the
 * scenario's): INDIVIDUAL or AGGREGATE, or -1 when the aggregate engine
 * was asked for and cannot simulate sc. */
int cap_engine_resolve(const cap_scenario *sc, cap_engine asked);

/* As cap_engine_resolve(), for a run: CAP_OK with *engine set, or
 * CAP_EINPUT with diag saying why the aggregate engine cannot run sc
 * (file sc->path, no line: the choice was made on the command line or
 * by the caller). */
int cap_engine_choose(const cap_scenario *sc, cap_engine asked,
                      cap_engine *engine, cap_diag *diag);

#endif /* CAPSIM_ENGINE_H */
