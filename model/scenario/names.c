/* names.c -- the names people read: every section's "label = ..." key,
 * and the lookups that give an option or a section its label.
 *
 * A label is free text (a trust's full name, "Capitation with a 2%
 * corridor"); identifiers stay what the CSVs, the command line and the
 * scenario's own references use.  Labels are read here, in one pass
 * over the document, so that any section may carry one.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdlib.h>
#include <string.h>
#include "capsim/scenario.h"
#include "base/parse.h"
#include "scenario/scenario_build.h"

/* Longest label kept: a line of a table heading, not a paragraph. */
#define LABEL_MAX 120

/* Whether text is fit to print: no control characters (which would
 * break a terminal, a CSV or the report). */
static int
printable(const char *text)
{
    for (const unsigned char *c = (const unsigned char *) text; *c; c++)
        if (*c < 0x20 || *c == 0x7f)
            return 0;
    return 1;
}

int
cap_build_labels(builder *b)
{
    cap_scenario *sc = b->sc;
    size_t n = 0;

    for (size_t i = 0; i < b->doc->n_entries; i++)
        n += strcmp(b->doc->entries[i].key, "label") == 0;
    if (n == 0)
        return CAP_OK;
    sc->labels = calloc(n, sizeof *sc->labels);
    if (sc->labels == NULL)
        return CAP_ENOMEM;
    for (size_t i = 0; i < b->doc->n_entries; i++) {
        cap_ini_entry *e = &b->doc->entries[i];
        cap_label *l;

        if (strcmp(e->key, "label") != 0)
            continue;
        e->used = 1;
        if (e->value[0] == '\0')
            return cap_build_fail(b, e->line, "[%s] label: value is empty",
                                  e->section);
        if (strlen(e->value) > LABEL_MAX || !printable(e->value))
            return cap_build_fail(b, e->line, "[%s] label = %s: must be "
                                  "at most %d characters of text on one "
                                  "line", e->section, e->value, LABEL_MAX);
        l = &sc->labels[sc->n_labels++];
        l->section = cap_strdup(e->section);
        l->text = cap_strdup(e->value);
        if (l->section == NULL || l->text == NULL)
            return CAP_ENOMEM;
    }
    return CAP_OK;
}

int
cap_build_description(builder *b, const char *currency,
                      const char *description)
{
    cap_scenario *sc = b->sc;

    if (currency != NULL) {
        const cap_ini_entry *e = cap_ini_find(b->doc, "scenario",
                                              "currency");
        int ok = strlen(currency) == 3;

        for (size_t i = 0; ok && i < 3; i++)
            ok = currency[i] >= 'A' && currency[i] <= 'Z';
        if (!ok)
            return cap_build_fail(b, e->line, "[scenario] currency = %s: "
                                  "expected a three-letter ISO 4217 code "
                                  "in capitals, such as GBP, EUR or USD",
                                  currency);
        if ((sc->currency = cap_strdup(currency)) == NULL)
            return CAP_ENOMEM;
    }
    if (description != NULL) {
        if (!printable(description)) {
            const cap_ini_entry *e = cap_ini_find(b->doc, "scenario",
                                                  "description");

            return cap_build_fail(b, e->line, "[scenario] description: "
                                  "must be text on one line");
        }
        if ((sc->description = cap_strdup(description)) == NULL)
            return CAP_ENOMEM;
    }
    return CAP_OK;
}

void
cap_labels_release(cap_scenario *sc)
{
    for (size_t i = 0; i < sc->n_labels; i++) {
        free(sc->labels[i].section);
        free(sc->labels[i].text);
    }
    free(sc->labels);
    free(sc->currency);
    free(sc->description);
}

const char *
cap_scenario_label(const cap_scenario *sc, const char *section)
{
    for (size_t i = 0; i < sc->n_labels; i++)
        if (strcmp(sc->labels[i].section, section) == 0)
            return sc->labels[i].text;
    return NULL;
}

const char *
cap_scenario_option_label(const cap_scenario *sc, size_t option)
{
    const char *name = sc->options[option].name;
    size_t n = strlen(name);

    for (size_t i = 0; i < sc->n_labels; i++) {
        const char *s = sc->labels[i].section;

        if (strncmp(s, "option.", 7) == 0 && strlen(s + 7) == n
            && memcmp(s + 7, name, n) == 0)
            return sc->labels[i].text;
    }
    return name;
}
