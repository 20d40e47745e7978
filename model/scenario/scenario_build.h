/* scenario_build.h -- the machinery shared by the scenario builders
 * (internal): key tables, located errors, section names.
 *
 * builder.c holds this machinery; scenario.c builds the core sections,
 * contracts_build.c the parties and contracts, arrangements.c the
 * option-level arrangements (pooled budgets, system risk shares).  All
 * read keys through tables of key_spec, so every key is checked the
 * same way and every key left unused is reported as unknown.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_SCENARIO_BUILD_H
#define CAPSIM_SCENARIO_BUILD_H

#include <stddef.h>
#include "capsim/scenario.h"
#include "scenario/ini_doc.h"

/* How a key's value is read and checked. */
typedef enum { KEY_NUMBER, KEY_WHOLE, KEY_SEED, KEY_TEXT } key_kind;

typedef struct {
    const char *key;
    key_kind kind;
    int required;
    double lo, hi;            /* allowed range, inclusive ... */
    int lo_open, hi_open;     /* ... unless open at that end */
    size_t offset;            /* of the field in the target struct */
} key_spec;

#define NUM(k, req, lo, hi, lo_open, hi_open, type, field)             \
    { k, KEY_NUMBER, req, lo, hi, lo_open, hi_open, offsetof(type, field) }
#define WHOLE(k, req, lo, hi, type, field)                             \
    { k, KEY_WHOLE, req, lo, hi, 0, 0, offsetof(type, field) }
#define TEXT(k, req, type, field)                                      \
    { k, KEY_TEXT, req, 0, 0, 0, 0, offsetof(type, field) }

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The builder's state: the document, the scenario under construction
 * and where to report. */
typedef struct {
    cap_ini_doc *doc;
    cap_scenario *sc;
    cap_diag *diag;
    int variant;              /* building a variant: [correlation] may
                                 name inputs the variant has fixed */
} builder;

/* Report a problem at position line of the load: the file (the
 * scenario file or one of its bases) and line where it was written (0:
 * the scenario file, no line).  Returns CAP_EINPUT. */
int cap_build_fail(builder *b, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Read the keys of section into base through spec, marking them used.
 * Missing required keys are reported at the section's line. */
int cap_build_keys(builder *b, const char *section, const key_spec *spec,
                   size_t n_spec, void *base);

/* The part of a section name after "prefix.", or NULL. */
const char *cap_build_suffix(const char *section, const char *prefix);

/* Count sections named "prefix.NAME", checking each NAME. */
int cap_build_count(builder *b, const char *prefix, size_t *count);

/* Whether name is a plain name: letters, digits, '_', '-', '.', not
 * starting with '.'. */
int cap_build_plain_name(const char *name);

/* A kind of [prefix.NAME] section, and how to build one item of it. */
typedef struct {
    const char *prefix;       /* the sections [prefix.NAME] */
    size_t size;              /* bytes of an item */
    const char *none;         /* the error when there is no such
                                 section, or NULL: none is fine */
    size_t most;              /* the most allowed, or 0: no limit */
    /* Build item (zeroed) from section, whose NAME is name; arg is
     * cap_build_sections' arg.  Returns CAP_OK or the failure. */
    int (*build)(builder *b, const char *section, const char *name,
                 void *item, void *arg);
} section_kind;

/* Build every [prefix.NAME] section of b->doc, in the file's order,
 * into a new array: count them (checking each NAME), refuse none or too
 * many as kind says, allocate the items zeroed and store the array in
 * *items (items is the address of the scenario's T * field), then build
 * each, counting it in *n_built before it is built so that
 * cap_scenario_free() frees what a failure leaves half built.  With no
 * such section *items is left as it was.  Returns CAP_OK, CAP_EINPUT
 * with b->diag set, or CAP_ENOMEM; stops at the first failure. */
int cap_build_sections(builder *b, const section_kind *kind, void *items,
                       size_t *n_built, void *arg);

/* Build b->sc (allocated, path set) from b->doc, whose values must all
 * be plain (uncertain inputs already replaced by numbers): scenario.c. */
int cap_build_scenario(builder *b);

/* The parties and contracts (contracts_build.c), in this order: the
 * [provider.NAME] sections (before anything that names a provider),
 * [service.NAME], [commissioner], [contract.NAME] (with the tallies
 * the contracts need gathered once all are built) and, after the
 * arrangements, [option.NAME].  Each returns CAP_OK, CAP_EINPUT with
 * b->diag set, or CAP_ENOMEM. */
int cap_build_providers(builder *b);
int cap_build_services(builder *b);
int cap_build_commissioner(builder *b);
int cap_build_contracts(builder *b);
int cap_build_options(builder *b);

/* Read the study sections -- [correlation], [sweep], [sensitivity] --
 * into b->sc, whose inputs are already registered (study_sections.c). */
int cap_build_study(builder *b);

/* Split "SECTION.KEY" into a section of doc and a key: the longest
 * section name that is a prefix followed by '.' (keys may hold dots,
 * section names too).  Returns 0, or -1 when no section matches. */
int cap_build_split_name(const cap_ini_doc *doc, const char *name,
                         char **section, char **key);

/* Build the option-level arrangements (arrangements.c): the local
 * authority, pooled budgets and system risk shares.  After providers,
 * before options. */
int cap_build_arrangements(builder *b);

/* Read an option's "pooled_budget" and "system_risk_share" keys. */
int cap_build_option_arrangements(builder *b, const char *section,
                                  cap_option *o);

/* Build the [intervention.NAME] sections and [behaviour]
 * (interventions_build.c).  After options: costs are paid per option. */
int cap_build_interventions(builder *b);

/* Free what cap_build_interventions() allocated in sc. */
void cap_interventions_release(cap_scenario *sc);

/* Read every section's "label" key into b->sc->labels (names.c). */
int cap_build_labels(builder *b);

/* Check and keep [scenario] currency and description, either NULL
 * where not given (names.c). */
int cap_build_description(builder *b, const char *currency,
                          const char *description);

/* Free the labels, currency and description (names.c). */
void cap_labels_release(cap_scenario *sc);

/* Build [appetite] and [appetite.PARTY] (appetite.c); after the
 * parties are known. */
int cap_build_appetite(builder *b);

/* Free what cap_build_appetite() allocated in sc. */
void cap_appetite_release(cap_scenario *sc);

#endif /* CAPSIM_SCENARIO_BUILD_H */
