/* report_html.c -- the pieces of HTML the report is written with.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "capsim/error.h"
#include "output/report_html.h"
#include "output/report_style.h"

void
cap_html_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        default: putc(*s, f);
        }
    }
}

void
cap_html_money(FILE *f, double v, const char *currency,
               cap_money_style style)
{
    char buf[80];

    cap_money_text(buf, sizeof buf, v, currency, style);
    /* A typographic minus: a hyphen reads as a dash in a table. */
    if (buf[0] == '-') {
        fputs("&minus;", f);
        cap_html_text(f, buf + 1);
    } else {
        cap_html_text(f, buf);
    }
}

void
cap_html_money_se(FILE *f, cap_estimate e, const char *currency,
                  cap_money_style style)
{
    cap_html_money(f, e.value, currency, style);
    /* A fixed payment has no error: "± 0" would say nothing. */
    if (!isnan(e.mcse) && e.mcse >= 0.5) {
        /* In the value's unit: "2.02m ± 0.160m", not "± 160,249". */
        if (style == CAP_MONEY_AUTO && fabs(e.value) >= 1e6)
            style = CAP_MONEY_MILLIONS;
        fputs(" <span class=\"se\">&plusmn;&nbsp;", f);
        cap_html_money(f, e.mcse, currency, style);
        fputs("</span>", f);
    }
}

void
cap_html_percent(FILE *f, double p)
{
    double pc = 100.0 * p;

    if (isnan(p))
        fputs("&ndash;", f);
    else if (p <= 0.0)
        fputs("0%", f);
    else if (p >= 1.0)
        fputs("100%", f);
    else if (pc < 0.05)
        fputs("&lt;0.1%", f);
    else if (pc > 99.95)
        fputs("&gt;99.9%", f);
    else if (pc < 9.95 || pc >= 99.0)
        fprintf(f, "%.1f%%", pc);
    else
        fprintf(f, "%.0f%%", pc);
}

void
cap_html_share(FILE *f, double share)
{
    long pc = lround(100.0 * share);

    if (isnan(share))
        fputs("&ndash;", f);
    else
        fprintf(f, "%s%ld%%", pc < 0 ? "&minus;" : "", labs(pc));
}

int
cap_html_svg_figure(FILE *f, const char *path, const char *alt,
                    const char *caption)
{
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    FILE *in = fopen(path, "rb");
    unsigned char chunk[3];
    size_t n;

    if (in == NULL)
        return CAP_EIO;
    fputs("<figure><img alt=\"", f);
    cap_html_text(f, alt);
    fputs("\" src=\"data:image/svg+xml;base64,", f);
    while ((n = fread(chunk, 1, 3, in)) > 0) {
        unsigned v = (unsigned) chunk[0] << 16
                     | (n > 1 ? (unsigned) chunk[1] << 8 : 0)
                     | (n > 2 ? chunk[2] : 0);

        putc(b64[v >> 18 & 63], f);
        putc(b64[v >> 12 & 63], f);
        putc(n > 1 ? b64[v >> 6 & 63] : '=', f);
        putc(n > 2 ? b64[v & 63] : '=', f);
    }
    fclose(in);
    fputs("\">\n<figcaption>", f);
    cap_html_text(f, caption);
    fputs("</figcaption></figure>\n", f);
    return CAP_OK;
}

void
cap_html_head(FILE *f, const char *title, const char *rest)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
          "<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" "
          "content=\"default-src 'none'; img-src data:; "
          "style-src 'unsafe-inline'\">\n<title>", f);
    cap_html_text(f, title);
    cap_html_text(f, rest);
    fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n",
            cap_report_style);
}

int
cap_html_file(FILE *f, const char *path)
{
    FILE *in = fopen(path, "r");
    char buf[4096];
    size_t n;

    if (in == NULL)
        return CAP_EIO;
    while ((n = fread(buf, 1, sizeof buf - 1, in)) > 0) {
        buf[n] = '\0';
        cap_html_text(f, buf);
    }
    fclose(in);
    return CAP_OK;
}
