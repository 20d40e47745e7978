/* report_html.h -- the pieces of HTML the report is written with: text
 * escaped, money and chances for people, embedded images and files.
 *
 * Every function writes to a FILE the caller owns and leaves its error
 * state for the caller to test with ferror().
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_REPORT_HTML_H
#define CAPSIM_REPORT_HTML_H

#include <stdio.h>
#include "capsim/stats.h"
#include "base/money.h"

/* Write s with &, <, > and " escaped. */
void cap_html_text(FILE *f, const char *s);

/* Write v as money in currency (an ISO code or NULL) in style
 * (cap_money_text's), a minus sign as U+2212. */
void cap_html_money(FILE *f, double v, const char *currency,
                    cap_money_style style);

/* Write e's value as money and, where its standard error is neither
 * zero nor missing, " ± se" in a muted span, in millions where the
 * value is (style CAP_MONEY_AUTO). */
void cap_html_money_se(FILE *f, cap_estimate e, const char *currency,
                       cap_money_style style);

/* Write a probability p (0..1) as a percentage rounded for people:
 * whole percents, one decimal below 10% and between 99% and 100%
 * ("0.4%", "99.6%"), exactly "0%" and "100%" only when p is 0 or 1. */
void cap_html_percent(FILE *f, double p);

/* Write a share (any sign, 0.87 = 87%) as a whole percentage. */
void cap_html_share(FILE *f, double share);

/* Write the SVG file at path as a <figure> holding an <img> (a base64
 * data URI, RFC 4648) with alt text alt and a <figcaption> caption.
 * Returns CAP_OK, or CAP_EIO when path cannot be read (nothing is
 * written then). */
int cap_html_svg_figure(FILE *f, const char *path, const char *alt,
                        const char *caption);

/* Write the start of a report page up to and including <body>: the
 * doctype, the character set, the viewport, a Content-Security-Policy
 * that allows only inline styles and data: images, the title (title
 * then rest, escaped; rest may be "") and the report's stylesheet. */
void cap_html_head(FILE *f, const char *title, const char *rest);

/* Write the file at path, escaped.  Returns CAP_OK, or CAP_EIO when it
 * cannot be read. */
int cap_html_file(FILE *f, const char *path);

#endif /* CAPSIM_REPORT_HTML_H */
