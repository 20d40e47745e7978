/* load.h -- the scenario loader, given the contract types it knows.
 *
 * The loader lives in the scenario layer and the contract types in the
 * contracts layer, to its right: so the loader is handed the table of
 * types rather than reaching for it, and the public cap_scenario_load()
 * (in contracts/registry.c) hands it the registry's.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_LOAD_H
#define CAPSIM_LOAD_H

#include <stdio.h>
#include "scenario/contract.h"
#include "capsim/scenario.h"

/* As cap_scenario_load(), its contracts of the types in types (a
 * NULL-terminated table that must outlive the scenario and every
 * variant of it). */
int cap_scenario_load_types(const char *path,
                            const cap_contract_type *const *types,
                            cap_scenario **out, cap_diag *diag);

/* As cap_scenario_load_from(), its contracts of the types in types. */
int cap_scenario_load_types_from(const char *path,
                                 const cap_input_redirect *redirects,
                                 size_t n_redirects,
                                 const cap_contract_type *const *types,
                                 cap_scenario **out, cap_diag *diag);

/* Write sc's scenario as assembled from its file and the files it
 * builds on, as INI text that loads to the same scenario: each header
 * and key with a comment naming the file and line where it was
 * written, uncertain inputs as written (not their medians), and the
 * practices file named by its absolute path, so that the text loads
 * from any folder.  Returns CAP_OK, CAP_ENOMEM or CAP_EIO (out could
 * not be written). */
int cap_scenario_expand(const cap_scenario *sc, FILE *out);

#endif /* CAPSIM_LOAD_H */
