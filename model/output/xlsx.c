/* xlsx.c -- results.xlsx: the results folder's tables as one workbook
 * for the spreadsheets finance teams exchange.
 *
 * The "Headline" sheet comes first (xlsx_headline.c).  Then every CSV
 * table of the folder becomes a sheet of its own, read back from the file
 * just written, so that the workbook and the CSVs cannot disagree:
 * numbers are stored as numbers and text as text (a formula-like name
 * loses the ' the CSV guards it with, since a workbook's text cell is
 * never a formula), each sheet's header row is frozen and its columns
 * are as wide as their contents.  The creation time stored in the
 * workbook is the run's clock, so a rerun with SOURCE_DATE_EPOCH gives
 * the same bytes.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "output/xlsx.h"
#include "base/money.h"

#ifdef HAVE_XLSX
#include <csv.h>
#include <xlsxwriter.h>
#include "base/csv_write.h"
#include "output/xlsx_sheets.h"

int
cap_xlsx_available(void)
{
    return 1;
}

/* How a table's column is stored and shown. */
typedef enum {
    COL_NUMBER,               /* a number, shown as it is */
    COL_TEXT,                 /* an identifier or a word */
    COL_WHOLE,                /* a count or an index: point, trial, year */
    COL_MONEY,                /* currency units */
    COL_BY_METRIC             /* summary.csv's value and mcse: money, or
                                 a probability for a prob_* metric */
} col_kind;

#define MAX_COLS 256
#define WIDTH_MIN 8
#define WIDTH_MAX 48

static const char *const text_columns[] = {
    "option", "party", "period", "quantity", "metric", "group", "input",
    "service", "intervention", "type", "measure", "kind", "id", "label",
    "reason"
};

static col_kind
column_kind(const char *table, const char *name)
{
    for (size_t i = 0; i < sizeof text_columns / sizeof *text_columns; i++)
        if (strcmp(name, text_columns[i]) == 0)
            return COL_TEXT;
    if (strcmp(name, "point") == 0 || strcmp(name, "trial") == 0
        || strcmp(name, "year") == 0)
        return COL_WHOLE;
    if (strcmp(table, "summary") == 0
        && (strcmp(name, "value") == 0 || strcmp(name, "mcse") == 0))
        return COL_BY_METRIC;
    if (strcmp(name, "income") == 0 || strcmp(name, "spend") == 0
        || strcmp(name, "net") == 0)
        return COL_MONEY;
    return COL_NUMBER;
}


/* An Excel number format for money: the currency's symbol before the
 * amount ("£#,##0"), a code of letters quoted with a space ("\"CHF
 * \"#,##0"), or none. */
static void
money_format(const cap_scenario *sc, int cents, char *buf, size_t n)
{
    const char *digits = cents ? "#,##0.00" : "#,##0";
    const char *symbol = cap_currency_symbol(sc->currency);
    int letters = symbol[0] >= 'A' && symbol[0] <= 'Z';

    if (letters)
        snprintf(buf, n, "\"%s \"%s", symbol, digits);
    else
        snprintf(buf, n, "%s%s", symbol, digits);
}

static void
make_formats(lxw_workbook *wb, const cap_scenario *sc, cap_xlsx_formats *fm)
{
    char money[64];

    fm->header = workbook_add_format(wb);
    format_set_bold(fm->header);
    format_set_bottom(fm->header, LXW_BORDER_THIN);
    fm->whole = workbook_add_format(wb);
    format_set_num_format(fm->whole, "0");
    money_format(sc, 0, money, sizeof money);
    fm->money = workbook_add_format(wb);
    format_set_num_format(fm->money, money);
    money_format(sc, 1, money, sizeof money);
    fm->money_cents = workbook_add_format(wb);
    format_set_num_format(fm->money_cents, money);
    fm->prob = workbook_add_format(wb);
    format_set_num_format(fm->prob, "0.0%");
    fm->share = workbook_add_format(wb);
    format_set_num_format(fm->share, "0.000");
}

/* ---- the tables ------------------------------------------------- */

/* One table being read into a sheet: in the measuring pass (ws NULL)
 * only the columns' widths are taken. */
typedef struct {
    const char *table;        /* its name without ".csv" */
    lxw_worksheet *ws;
    const cap_xlsx_formats *fm;
    size_t cols;              /* the header's */
    col_kind kind[MAX_COLS];
    size_t width[MAX_COLS];
    long metric_col;          /* summary.csv's metric column, or -1 */
    int prob_row;             /* this row's metric is a probability */
    lxw_row_t row;
    lxw_col_t col;
    int cut;                  /* rows beyond a sheet's last were left */
} sheet_fill;

/* A number in a whole field, or not (0). */
static int
parse_number(const char *s, double *v)
{
    char *end;

    if (s[0] == '\0')
        return 0;
    errno = 0;
    *v = strtod(s, &end);
    return *end == '\0' && errno != ERANGE;
}

static lxw_format *
number_format(const sheet_fill *sf, col_kind kind)
{
    switch (kind) {
    case COL_WHOLE: return sf->fm->whole;
    case COL_MONEY: return sf->fm->money_cents;
    case COL_BY_METRIC:
        return sf->prob_row ? sf->fm->share : sf->fm->money_cents;
    default: return NULL;
    }
}

static void
write_field(sheet_fill *sf, const char *s, size_t len)
{
    col_kind kind = sf->col < sf->cols ? sf->kind[sf->col] : COL_TEXT;
    double v;

    if (sf->row == 0) {
        kind = COL_TEXT;
        if (sf->col < MAX_COLS) {
            sf->kind[sf->col] = column_kind(sf->table, s);
            if (strcmp(s, "metric") == 0)
                sf->metric_col = (long) sf->col;
        }
    }
    if ((long) sf->col == sf->metric_col && sf->row > 0)
        sf->prob_row = strncmp(s, "prob_", 5) == 0;
    /* A formula-like name is guarded by a ' in the CSV only. */
    if (s[0] == '\'' && cap_csv_formula_like(s + 1)) {
        s++;
        len--;
    }
    if (sf->ws == NULL) {
        if (sf->col < MAX_COLS && len + 2 > sf->width[sf->col])
            sf->width[sf->col] = len + 2;
    } else if (sf->row == 0) {
        worksheet_write_string(sf->ws, 0, sf->col, s, sf->fm->header);
    } else if (s[0] == '\0') {
        ;                     /* not available: left blank */
    } else if (kind != COL_TEXT && parse_number(s, &v)) {
        worksheet_write_number(sf->ws, sf->row, sf->col, v,
                               number_format(sf, kind));
    } else {
        /* libxlsxwriter refuses text longer than a cell holds
         * (32,767 characters); no table of capsim's has any. */
        worksheet_write_string(sf->ws, sf->row, sf->col, s, NULL);
    }
    sf->col++;
}

static void
on_field(void *field, size_t len, void *user)
{
    sheet_fill *sf = user;

    if (sf->row >= LXW_ROW_MAX) {
        sf->cut = 1;
        return;
    }
    write_field(sf, field ? field : "", field ? len : 0);
}

static void
on_row(int c, void *user)
{
    sheet_fill *sf = user;

    (void) c;
    if (sf->row == 0)
        sf->cols = sf->col < MAX_COLS ? sf->col : MAX_COLS;
    sf->col = 0;
    sf->prob_row = 0;
    if (sf->row < LXW_ROW_MAX)
        sf->row++;
}

/* Read dir/name through the parser into sf.  Returns 0, or -1 with
 * errno set. */
static int
read_table(const char *path, sheet_fill *sf)
{
    struct csv_parser parser;
    char buf[65536];
    size_t n;
    FILE *f = fopen(path, "rb");
    int status = 0;

    if (f == NULL)
        return -1;
    if (csv_init(&parser, CSV_APPEND_NULL) != 0) {
        fclose(f);
        errno = ENOMEM;
        return -1;
    }
    sf->row = 0;
    sf->col = 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        if (csv_parse(&parser, buf, n, on_field, on_row, sf) != n) {
            errno = EINVAL;
            status = -1;
            break;
        }
    if (ferror(f)) {
        errno = EIO;
        status = -1;
    }
    csv_fini(&parser, on_field, on_row, sf);
    csv_free(&parser);
    fclose(f);
    return status;
}

/* The sheet of one table: measured, then written, its header row
 * frozen. */
static int
table_sheet(lxw_workbook *wb, const cap_xlsx_formats *fm, const char *dir,
            const char *file, const cap_xlsx_input *in, cap_diag *diag)
{
    char path[2400], name[64];
    sheet_fill *sf = calloc(1, sizeof *sf);
    size_t len = strlen(file);

    if (sf == NULL)
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    snprintf(name, sizeof name, "%.*s", (int) (len - 4), file);
    snprintf(path, sizeof path, "%s/%s", dir, file);
    sf->table = name;
    sf->fm = fm;
    sf->metric_col = -1;
    if (read_table(path, sf) != 0) {
        int e = errno;

        free(sf);
        return cap_diag_set(diag, CAP_EIO, "", 0, "cannot read %s for "
                            "results.xlsx: %s", file, strerror(e));
    }
    sf->ws = workbook_add_worksheet(wb, name);
    if (sf->ws == NULL) {
        free(sf);
        return cap_diag_set(diag, CAP_EIO, "", 0, "results.xlsx: cannot "
                            "add the sheet %s", name);
    }
    for (size_t c = 0; c < sf->cols; c++) {
        size_t w = sf->width[c] < WIDTH_MIN ? WIDTH_MIN
                 : sf->width[c] > WIDTH_MAX ? WIDTH_MAX : sf->width[c];

        /* Money is shown grouped, with a symbol: a few more places. */
        if (sf->kind[c] == COL_MONEY || sf->kind[c] == COL_BY_METRIC)
            w += 5;
        worksheet_set_column(sf->ws, (lxw_col_t) c, (lxw_col_t) c,
                             (double) w, NULL);
    }
    worksheet_freeze_panes(sf->ws, 1, 0);
    sf->cut = 0;
    if (read_table(path, sf) != 0) {
        int e = errno;

        free(sf);
        return cap_diag_set(diag, CAP_EIO, "", 0, "cannot read %s for "
                            "results.xlsx: %s", file, strerror(e));
    }
    if (sf->cut && in->notice != NULL) {
        char msg[256];

        snprintf(msg, sizeof msg, "%s has more rows than a sheet holds; "
                 "its sheet in results.xlsx stops at row %lu", file,
                 (unsigned long) LXW_ROW_MAX);
        in->notice(msg, in->notice_user);
    }
    free(sf);
    return CAP_OK;
}

int
cap_write_xlsx(const char *path, const cap_xlsx_input *in, cap_diag *diag)
{
    lxw_workbook_options opt = { .constant_memory = LXW_TRUE,
                                 .tmpdir = NULL, .use_zip64 = LXW_FALSE };
    lxw_doc_properties props;
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    cap_xlsx_formats fm;
    lxw_error e;
    int status;

    if (wb == NULL)
        return cap_diag_set(diag, CAP_EIO, "", 0, "cannot write %s: %s",
                            path, strerror(errno ? errno : EIO));
    memset(&props, 0, sizeof props);
    props.created = in->created;
    /* The scenario's title (libxlsxwriter copies, never changes it). */
    props.title = (char *) (cap_scenario_label(in->scenario, "scenario")
                            ? cap_scenario_label(in->scenario, "scenario")
                            : in->scenario->name);
    workbook_set_properties(wb, &props);
    make_formats(wb, in->scenario, &fm);
    status = cap_xlsx_headline(wb, &fm, in, diag);
    for (size_t t = 0; status == CAP_OK && in->tables[t] != NULL; t++) {
        size_t len = strlen(in->tables[t]);

        if (len > 4 && strcmp(in->tables[t] + len - 4, ".csv") == 0
            && strchr(in->tables[t], '/') == NULL)
            status = table_sheet(wb, &fm, in->dir, in->tables[t], in,
                                 diag);
    }
    e = workbook_close(wb);
    if (status == CAP_OK && e != LXW_NO_ERROR)
        status = cap_diag_set(diag, CAP_EIO, "", 0, "cannot write %s: %s",
                              path, lxw_strerror(e));
    return status;
}

#else /* !HAVE_XLSX */

int
cap_xlsx_available(void)
{
    return 0;
}

int
cap_write_xlsx(const char *path, const cap_xlsx_input *in, cap_diag *diag)
{
    (void) in;
    return cap_diag_set(diag, CAP_EINPUT, "", 0, "cannot write %s: capsim "
                        "was built without libxlsxwriter", path);
}

#endif /* HAVE_XLSX */
