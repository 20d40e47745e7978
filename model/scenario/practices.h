/* practices.h -- read a practices CSV into a scenario (internal).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_PRACTICES_H
#define CAPSIM_PRACTICES_H

#include "capsim/error.h"
#include "capsim/scenario.h"

struct cap_input_file;

/* Parse file, a CSV with a header naming the columns practice, locality
 * and persons (in any order), into sc's practices and localities; file
 * stays the caller's.  Returns CAP_OK, or CAP_EINPUT / CAP_ENOMEM with
 * diag naming the CSV file and line. */
int cap_practices_parse(const struct cap_input_file *file, cap_scenario *sc,
                        cap_diag *diag);

#endif /* CAPSIM_PRACTICES_H */
