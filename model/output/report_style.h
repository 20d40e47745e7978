/* report_style.h -- the report's stylesheet, for the screen (a desk or
 * a phone) and for print (A4).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_REPORT_STYLE_H
#define CAPSIM_REPORT_STYLE_H

/* The CSS of report.html, to go inside its <style> element. */
extern const char cap_report_style[];

#endif /* CAPSIM_REPORT_STYLE_H */
