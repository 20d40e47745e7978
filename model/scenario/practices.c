/* practices.c -- read a practices CSV (practice, locality, persons).
 *
 * The file's captured bytes (cap_input_file_read) are fed to libcsv a
 * line at a time so that every row's line is known for messages.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include "scenario/practices.h"
#include "base/input_file.h"
#include "base/parse.h"

enum { COL_PRACTICE, COL_LOCALITY, COL_PERSONS, N_COLS };
static const char *const col_names[N_COLS] = {
    "practice", "locality", "persons"
};

typedef struct {
    cap_scenario *sc;
    cap_diag *diag;
    const char *path;
    int line;
    int status;
    int header_done;
    int col_of_field[16];     /* header: field index -> COL_*, -1 */
    size_t n_header;
    size_t field;             /* index of the next field in the row */
    char *cell[N_COLS];       /* the current row's cells */
    size_t cap_practices, cap_localities;
} reader;

static void
clear_row(reader *r)
{
    for (int c = 0; c < N_COLS; c++) {
        free(r->cell[c]);
        r->cell[c] = NULL;
    }
    r->field = 0;
}

static void
on_field(void *data, size_t len, void *user)
{
    reader *r = user;
    char *text;

    if (r->status != CAP_OK)
        return;
    text = malloc(len + 1);
    if (text == NULL) {
        r->status = CAP_ENOMEM;
        return;
    }
    memcpy(text, data, len);
    text[len] = '\0';
    if (!r->header_done) {
        int col = -1;

        for (int c = 0; c < N_COLS; c++)
            if (strcmp(text, col_names[c]) == 0)
                col = c;
        if (col < 0 || r->field >= 16) {
            r->status = cap_diag_set(r->diag, CAP_EINPUT, r->path, r->line,
                                     "unknown column '%s' (expected "
                                     "practice, locality, persons)", text);
        } else {
            r->col_of_field[r->field] = col;
        }
        free(text);
        r->field++;
        return;
    }
    if (r->field >= r->n_header) {
        r->status = cap_diag_set(r->diag, CAP_EINPUT, r->path, r->line,
                                 "more fields than the header's %zu",
                                 r->n_header);
        free(text);
        return;
    }
    r->cell[r->col_of_field[r->field]] = text;
    r->field++;
}

static long
find_or_add_locality(reader *r, const char *name)
{
    cap_scenario *sc = r->sc;

    for (size_t i = 0; i < sc->n_localities; i++)
        if (strcmp(sc->localities[i], name) == 0)
            return (long) i;
    if (sc->n_localities == r->cap_localities) {
        size_t cap = r->cap_localities ? 2 * r->cap_localities : 16;
        char **grown = realloc(sc->localities, cap * sizeof *grown);

        if (grown == NULL)
            return -1;
        sc->localities = grown;
        r->cap_localities = cap;
    }
    sc->localities[sc->n_localities] = cap_strdup(name);
    if (sc->localities[sc->n_localities] == NULL)
        return -1;
    return (long) sc->n_localities++;
}

static void
add_practice(reader *r)
{
    cap_scenario *sc = r->sc;
    cap_practice *p;
    double persons;
    long loc;

    if (cap_parse_double(r->cell[COL_PERSONS], &persons, 0) != 0
        || persons < 0 || persons != floor(persons) || persons > 4e9) {
        r->status = cap_diag_set(r->diag, CAP_EINPUT, r->path, r->line,
                                 "persons: '%s' is not a whole number >= 0",
                                 r->cell[COL_PERSONS]);
        return;
    }
    for (size_t i = 0; i < sc->n_practices; i++) {
        if (strcmp(sc->practices[i].name, r->cell[COL_PRACTICE]) == 0) {
            r->status = cap_diag_set(r->diag, CAP_EINPUT, r->path, r->line,
                                     "practice '%s' listed twice",
                                     r->cell[COL_PRACTICE]);
            return;
        }
    }
    loc = find_or_add_locality(r, r->cell[COL_LOCALITY]);
    if (loc < 0) {
        r->status = CAP_ENOMEM;
        return;
    }
    if (sc->n_practices == r->cap_practices) {
        size_t cap = r->cap_practices ? 2 * r->cap_practices : 64;
        cap_practice *grown = realloc(sc->practices, cap * sizeof *grown);

        if (grown == NULL) {
            r->status = CAP_ENOMEM;
            return;
        }
        sc->practices = grown;
        r->cap_practices = cap;
    }
    p = &sc->practices[sc->n_practices++];
    p->name = r->cell[COL_PRACTICE];
    r->cell[COL_PRACTICE] = NULL;
    p->locality = (size_t) loc;
    p->persons = persons;
}

static void
on_row(int term, void *user)
{
    reader *r = user;

    (void) term;
    if (r->status != CAP_OK)
        return;
    if (!r->header_done) {
        int seen[N_COLS] = { 0 };

        r->n_header = r->field;
        for (size_t f = 0; f < r->n_header; f++)
            seen[r->col_of_field[f]]++;
        for (int c = 0; c < N_COLS; c++) {
            if (seen[c] != 1) {
                r->status = cap_diag_set(r->diag, CAP_EINPUT, r->path,
                                         r->line, "the header must name "
                                         "column '%s' once", col_names[c]);
                return;
            }
        }
        r->header_done = 1;
        r->field = 0;
        return;
    }
    if (r->field != r->n_header) {
        r->status = cap_diag_set(r->diag, CAP_EINPUT, r->path, r->line,
                                 "%zu fields, the header has %zu",
                                 r->field, r->n_header);
        return;
    }
    add_practice(r);
    clear_row(r);
}

int
cap_practices_parse(const cap_input_file *file, cap_scenario *sc,
                    cap_diag *diag)
{
    struct csv_parser parser;
    reader r;
    const char *p = file->bytes + file->text;
    const char *end = file->bytes + file->size;

    memset(&r, 0, sizeof r);
    r.sc = sc;
    r.diag = diag;
    r.path = file->path;
    if (csv_init(&parser, CSV_STRICT | CSV_APPEND_NULL) != 0)
        return CAP_ENOMEM;
    while (r.status == CAP_OK && p < end) {
        const char *nl = memchr(p, '\n', (size_t) (end - p));
        size_t len = nl ? (size_t) (nl - p) + 1 : (size_t) (end - p);

        r.line++;
        if (csv_parse(&parser, p, len, on_field, on_row, &r) != len
            && r.status == CAP_OK)
            r.status = cap_diag_set(diag, CAP_EINPUT, r.path, r.line,
                                    "malformed CSV: %s",
                                    csv_strerror(csv_error(&parser)));
        p += len;
    }
    if (r.status == CAP_OK)
        csv_fini(&parser, on_field, on_row, &r);
    if (r.status == CAP_OK && sc->n_practices == 0)
        r.status = cap_diag_set(diag, CAP_EINPUT, r.path, r.line,
                                "no practices listed");
    clear_row(&r);
    csv_free(&parser);
    return r.status;
}
