/* summary.c -- the tables capsim prints on stdout when a run finishes
 * (the interface is in summary.h).
 *
 * A table is built as text first, cell by cell, then laid out: the
 * figures' columns take the width their widest cell needs and the
 * names get what is left of 80 columns, wrapped onto further lines
 * where they are longer.  Widths are counted in characters, not bytes,
 * so that "£" and accented names line up.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "capsim/ledger.h"
#include "base/money.h"
#include "cli/console.h"
#include "cli/summary.h"

enum {
    MAX_COLUMNS = 5,
    CELL_SIZE = 48,
    TEXT_SIZE = 640,
    GAP = 2,                  /* spaces between columns */
    MIN_LABEL = 16            /* the narrowest the names may get */
};

/* One line of a table: a title across the table (an option's name), or
 * a name and its figures. */
typedef struct {
    int title;                /* a title: text only, no figures */
    int indent;               /* columns before the name */
    char lead[16];            /* the narrow first column, or "" */
    char text[TEXT_SIZE];     /* the title or the name */
    char cell[MAX_COLUMNS][CELL_SIZE];
} table_row;

typedef struct {
    size_t columns;
    const char *head[MAX_COLUMNS][2];  /* each column's two heading lines */
    const char *lead_head;    /* over the first column, NULL: none */
    const char *label_head;   /* over the names */
    table_row *rows;
    size_t n_rows, size;
} table;

/* The characters of UTF-8 text s, up to byte n (continuation bytes do
 * not count). */
static int
text_width(const char *s, size_t n)
{
    int w = 0;

    for (size_t i = 0; i < n && s[i]; i++)
        w += ((unsigned char) s[i] & 0xC0) != 0x80;
    return w;
}

static int
width_of(const char *s)
{
    return text_width(s, strlen(s));
}

/* The bytes of the first line of s when wrapped at width characters:
 * up to the last space that fits, else (one long word) as many
 * characters as fit.  *next gets the start of the rest, its spaces
 * skipped. */
static size_t
wrap_line(const char *s, int width, const char **next)
{
    size_t i = 0, space = 0;
    int w = 0;

    while (s[i]) {
        if (s[i] == ' ')
            space = i;
        if (((unsigned char) s[i] & 0xC0) != 0x80 && ++w > width)
            break;
        i++;
    }
    if (s[i] && space > 0)
        i = space;
    else                       /* keep a character's bytes together */
        while (s[i] && ((unsigned char) s[i] & 0xC0) == 0x80)
            i++;
    *next = s + i;
    while (**next == ' ')
        (*next)++;
    return i;
}

/* Print text wrapped at width characters, each line after indent
 * spaces (first for the first line). */
static void
print_wrapped(const char *text, int first, int indent, int width)
{
    const char *s = text;
    int pad = first;

    do {
        const char *next;
        size_t n = wrap_line(s, width - pad, &next);

        printf("%*s%.*s\n", pad, "", (int) n, s);
        s = next;
        pad = indent;
    } while (*s);
}

/* s right-aligned in width characters. */
static void
print_right(const char *s, int width)
{
    printf("%*s%s", width - width_of(s), "", s);
}

static table_row *
table_add(table *t)
{
    if (t->n_rows == t->size) {
        size_t size = t->size ? 2 * t->size : 16;
        table_row *rows = realloc(t->rows, size * sizeof *rows);

        if (rows == NULL)
            return NULL;
        t->rows = rows;
        t->size = size;
    }
    memset(&t->rows[t->n_rows], 0, sizeof t->rows[0]);
    return &t->rows[t->n_rows++];
}

/* Lay the table out in CLI_SUMMARY_WIDTH columns and print it. */
static void
table_print(const table *t)
{
    int w[MAX_COLUMNS], lead = 0, label = CLI_SUMMARY_WIDTH;

    if (t->lead_head != NULL) {
        lead = width_of(t->lead_head);
        for (size_t r = 0; r < t->n_rows; r++)
            if (width_of(t->rows[r].lead) > lead)
                lead = width_of(t->rows[r].lead);
        label -= lead + GAP;
    }
    for (size_t c = 0; c < t->columns; c++) {
        w[c] = width_of(t->head[c][0]);
        if (width_of(t->head[c][1]) > w[c])
            w[c] = width_of(t->head[c][1]);
        for (size_t r = 0; r < t->n_rows; r++)
            if (!t->rows[r].title && width_of(t->rows[r].cell[c]) > w[c])
                w[c] = width_of(t->rows[r].cell[c]);
        label -= GAP + w[c];
    }
    if (label < MIN_LABEL)
        label = MIN_LABEL;
    for (int line = 0; line < 2; line++) {
        const char *left = line ? t->label_head : "";
        char text[4 * CLI_SUMMARY_WIDTH];
        size_t n = 0;

        /* Built whole, so that an empty heading leaves no spaces at
         * the end of the line. */
        if (t->lead_head != NULL)
            n += (size_t) snprintf(text + n, sizeof text - n, "%-*s%*s",
                                   lead, line ? t->lead_head : "", GAP, "");
        n += (size_t) snprintf(text + n, sizeof text - n, "%s%*s", left,
                               label - width_of(left), "");
        for (size_t c = 0; c < t->columns && n < sizeof text; c++)
            n += (size_t) snprintf(text + n, sizeof text - n, "%*s%*s%s",
                                   GAP, "", w[c] - width_of(t->head[c][line]),
                                   "", t->head[c][line]);
        if (n >= sizeof text)
            n = sizeof text - 1;
        while (n > 0 && text[n - 1] == ' ')
            text[--n] = '\0';
        puts(text);
    }
    for (size_t r = 0; r < t->n_rows; r++) {
        const table_row *row = &t->rows[r];
        int at = t->lead_head != NULL ? lead + GAP : 0;
        const char *rest;
        size_t n;
        int used;

        if (row->title) {
            print_wrapped(row->text, at + row->indent, at + row->indent + 4,
                          CLI_SUMMARY_WIDTH);
            continue;
        }
        /* A long name's first lines, then its last with the figures. */
        for (const char *s = row->text;; s = rest) {
            int pad = row->indent + (s != row->text ? 2 : 0);

            n = wrap_line(s, label - pad, &rest);
            if (t->lead_head != NULL)
                printf("%*s%*s", lead, s == row->text ? row->lead : "",
                       GAP, "");
            printf("%*s%.*s", pad, "", (int) n, s);
            used = pad + text_width(s, n);
            if (*rest == '\0')
                break;
            putchar('\n');
        }
        printf("%*s", label - used, "");
        for (size_t c = 0; c < t->columns; c++) {
            printf("%*s", GAP, "");
            print_right(row->cell[c], w[c]);
        }
        putchar('\n');
    }
}

/* Money in the scenario's currency, whole units, thousands grouped. */
static void
money_cell(char *cell, double v, const cap_scenario *sc)
{
    cap_money_text(cell, CELL_SIZE, v, sc->currency, CAP_MONEY_UNITS);
}

/* A loss (positive) as money; one below zero is a gain and says so. */
static void
loss_cell(char *cell, double loss, const cap_scenario *sc)
{
    char money[CELL_SIZE - 8];

    if (round(loss) < 0.0) {
        cap_money_text(money, sizeof money, -loss, sc->currency,
                       CAP_MONEY_UNITS);
        snprintf(cell, CELL_SIZE, "gain %s", money);
    } else {
        money_cell(cell, loss + 0.0, sc);
    }
}

/* A probability or a share as a percentage with the decimals given
 * (+ 0.0 turns a negative zero into "0"). */
static void
percent_cell(char *cell, double v, int decimals)
{
    double scale = pow(10.0, decimals);

    snprintf(cell, CELL_SIZE, "%.*f%%", decimals,
             round(100.0 * v * scale) / scale + 0.0);
}

/* The figures of option opt and party p of one point, into cell[0..3]:
 * the expected net, P(deficit), the 1-in-20 loss and the risk share. */
static void
fill_figures(char cell[][CELL_SIZE], const cap_scenario *sc,
             const cap_point *pt, size_t opt, size_t p, cli_figures fig)
{
    const cap_horizon *h = pt->h;
    size_t at = opt * pt->o->parties + p;
    const cap_summary *s = &h->s[at];
    double share = h->share[opt * cap_ledger_system(sc) + p];

    if (fig == CLI_HORIZON) {
        money_cell(cell[0], s->mean.value, sc);
        percent_cell(cell[1], s->prob_deficit.value, 1);
        loss_cell(cell[2], s->var95.value, sc);
    } else {
        money_cell(cell[0], s->mean.value / (double) pt->o->years, sc);
        percent_cell(cell[1], h->worst_deficit[at].value, 1);
        loss_cell(cell[2], h->worst[at].var95.value, sc);
    }
    percent_cell(cell[3], share, 0);
}

/* The four columns' headings, annual or over the horizon; over_years
 * (n bytes) holds the "over 3 years" they may point at. */
static void
set_heads(table *t, cli_figures fig, char *over_years, size_t n, int years)
{
    snprintf(over_years, n, "over %d year%s", years, years == 1 ? "" : "s");
    t->columns = 4;
    t->head[0][0] = "Expected net";
    t->head[0][1] = fig == CLI_HORIZON ? over_years : "a year";
    t->head[1][0] = "P(deficit";
    t->head[1][1] = fig == CLI_HORIZON ? "in total)" : "in a year)";
    t->head[2][0] = fig == CLI_HORIZON ? "1-in-20 loss" : "Worst year's";
    t->head[2][1] = fig == CLI_HORIZON ? over_years : "1-in-20 loss";
    t->head[3][0] = "Risk";
    t->head[3][1] = "share";
}

/* What the columns mean, and where the rest is. */
static void
print_notes(const cap_outcomes *o, cli_figures fig)
{
    char note[1200], trials[40];

    cap_number_text(trials, sizeof trials, (double) o->trials, 0);
    if (fig == CLI_HORIZON)
        snprintf(note, sizeof note, "Expected net: income less spending "
                 "summed over the %d years, on average. P(deficit in "
                 "total): the chance that the sum is negative. 1-in-20 "
                 "loss: the loss over the %d years that 1 future in 20 "
                 "exceeds (\"gain\" where even then the sum is a "
                 "surplus). Risk share: the party's share of the system's "
                 "cost risk. From %s futures; without --horizon capsim "
                 "shows the annual figures.", o->years, o->years, trials);
    else
        snprintf(note, sizeof note, "Expected net a year: income less "
                 "spending, on average over the %d years. P(deficit in a "
                 "year): the chance of a deficit in the party's most "
                 "exposed year. Worst year's 1-in-20 loss: the loss in a "
                 "future's worst year that 1 future in 20 exceeds (\"gain\" "
                 "where even that year is a surplus). Risk share: the "
                 "party's share of the system's cost risk. From %s "
                 "futures; the figures over the whole horizon are in "
                 "summary.csv (or run with --horizon).", o->years,
                 trials);
    print_wrapped(note, 0, 0, CLI_SUMMARY_WIDTH);
}

/* One point: each option's title, then a row per party. */
static void
print_point(const cap_scenario *sc, const cap_point *pt, cli_figures fig)
{
    const cap_decision *d = pt->decision;
    size_t sys = cap_ledger_system(sc);
    char over_years[40];
    table t = { 0 };
    int ok = 1;

    set_heads(&t, fig, over_years, sizeof over_years, pt->o->years);
    t.label_head = "Option and party";
    for (size_t opt = 0; opt < pt->o->options && ok; opt++) {
        table_row *row = table_add(&t);

        if ((ok = row != NULL) == 0)
            break;
        row->title = 1;
        snprintf(row->text, sizeof row->text, "%s%s",
                 cap_scenario_option_label(sc, opt),
                 d && d->recommended == (long) opt ? " (recommended)" : "");
        for (size_t p = 0; p < sys && ok; p++) {
            if ((ok = (row = table_add(&t)) != NULL) == 0)
                break;
            row->indent = 2;
            snprintf(row->text, sizeof row->text, "%s",
                     cap_ledger_party_label(sc, p));
            fill_figures(row->cell, sc, pt, opt, p, fig);
        }
    }
    if (ok) {
        table_print(&t);
        print_notes(pt->o, fig);
        if (d && d->summary && fig == CLI_ANNUAL) {
            putchar('\n');
            print_wrapped(d->summary, 0, 0, CLI_SUMMARY_WIDTH);
            /* The appetite behind the verdicts, defaults said. */
            if (d->appetite_text) {
                putchar('\n');
                print_wrapped(d->appetite_text, 0, 0, CLI_SUMMARY_WIDTH);
            }
        }
    }
    free(t.rows);
}

/* Whether every party accepts option opt under decision d. */
static int
accepted_by_all(const cap_decision *d, size_t opt, size_t parties,
                size_t sys)
{
    for (size_t p = 0; p < sys; p++)
        if (!d->acceptable[opt * parties + p])
            return 0;
    return 1;
}

/* A sweep: the points' values, then a row per point and option with
 * the deciding party's annual figures. */
static void
print_sweep(const cap_scenario *base, const cap_point *points, size_t n)
{
    const cap_decision *d0 = points[0].decision;
    size_t decider = d0 ? d0->decider : 0, sys = cap_ledger_system(base);
    char over_years[40], line[TEXT_SIZE], trials[40];
    table t = { 0 };
    int ok = 1;

    puts("Points (numbered as in the point column of the CSV files):");
    for (size_t p = 0; p < n; p++) {
        char label[TEXT_SIZE - 32];

        cli_point_label(base, p, label, sizeof label);
        snprintf(line, sizeof line, "%4zu  %s", cli_point_number(p), label);
        print_wrapped(line, 0, 8, CLI_SUMMARY_WIDTH);
    }
    putchar('\n');
    snprintf(line, sizeof line, "Figures for %s: %s.", d0 ? "the deciding "
             "party" : "the first party", cap_ledger_party_label(base,
             decider));
    print_wrapped(line, 0, 2, CLI_SUMMARY_WIDTH);
    set_heads(&t, CLI_ANNUAL, over_years, sizeof over_years,
              points[0].o->years);
    t.lead_head = "Point";
    t.label_head = "Option";
    if (d0) {
        t.columns = 4;
        t.head[3][0] = "";
        t.head[3][1] = "Verdict";
    } else {
        t.columns = 3;
    }
    for (size_t p = 0; p < n && ok; p++) {
        const cap_decision *d = points[p].decision;

        for (size_t opt = 0; opt < points[p].o->options && ok; opt++) {
            table_row *row = table_add(&t);
            char spare[MAX_COLUMNS][CELL_SIZE];

            if ((ok = row != NULL) == 0)
                break;
            snprintf(row->lead, sizeof row->lead, "%zu",
                     cli_point_number(p));
            snprintf(row->text, sizeof row->text, "%s",
                     cap_scenario_option_label(points[p].sc, opt));
            fill_figures(spare, points[p].sc, &points[p], opt, decider,
                         CLI_ANNUAL);
            memcpy(row->cell, spare, 3 * sizeof spare[0]);
            if (d)
                snprintf(row->cell[3], CELL_SIZE, "%s",
                         d->recommended == (long) opt ? "recommended"
                         : accepted_by_all(d, opt, points[p].o->parties,
                                           sys) ? "acceptable" : "rejected");
        }
    }
    if (ok) {
        table_print(&t);
        cap_number_text(trials, sizeof trials,
                        (double) points[0].o->trials, 0);
        snprintf(line, sizeof line, "Expected net a year: on average over "
                 "the %d years. P(deficit in a year): in the most exposed "
                 "year. Worst year's 1-in-20 loss: exceeded in 1 future in "
                 "20 (\"gain\" where even then a surplus).%s From %s "
                 "futures at each point; every party's figures are in "
                 "summary.csv.", points[0].o->years, d0 ? " Verdict: "
                 "whether every party accepts the option (else rejected), "
                 "and the one recommended at the point." : "", trials);
        print_wrapped(line, 0, 0, CLI_SUMMARY_WIDTH);
    }
    free(t.rows);
}

void
cli_print_summary(const cap_scenario *base, const cap_point *points,
                  size_t n, cli_figures figures)
{
    if (n == 1)
        print_point(points[0].sc, &points[0], figures);
    else if (n > 1)
        print_sweep(base, points, n);
}
