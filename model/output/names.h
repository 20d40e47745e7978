/* names.h -- names.csv: the names people read beside the identifiers
 * the other tables use.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_OUTPUT_NAMES_H
#define CAPSIM_OUTPUT_NAMES_H

#include <stdio.h>
#include "capsim/error.h"
#include "capsim/scenario.h"

/* names.csv: kind,id,label, one row per scenario, option, party,
 * provider, service, contract, tier, pooled budget, system risk share
 * and intervention, in that order and each in file order.  label is the
 * section's "label =" where given, else the identifier (the parties'
 * as cap_ledger_party_label gives them).  Returns CAP_OK, or CAP_EIO
 * ("cannot write the table: REASON") with diag set. */
int cap_write_names(FILE *f, const cap_scenario *sc, cap_diag *diag);

#endif /* CAPSIM_OUTPUT_NAMES_H */
