/* report_style.c -- the report's stylesheet.
 *
 * On a screen: one column of readable width; tables sit in a box that
 * scrolls sideways on a phone (the page itself never does), images
 * shrink to fit.  In print: A4, charts two to a row and short enough
 * for three rows a page, no table row, list item or chart split across
 * pages, and the appendix (scenario source and checksums) left out.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include "output/report_style.h"

const char cap_report_style[] =
    "*{box-sizing:border-box}"
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,"
    "'Helvetica Neue',Arial,sans-serif;max-width:64em;margin:0 auto;"
    "padding:1em 1em 3em;color:#1a1a1a;line-height:1.4;"
    "overflow-wrap:break-word}"
    "h1{font-size:1.6em;line-height:1.2;margin:.2em 0}"
    "h2{font-size:1.2em;margin:1.2em 0 .4em;padding-bottom:.1em;"
    "border-bottom:1px solid #c8ccd2}"
    "h3{font-size:1.05em;margin:1.1em 0 .3em}"
    "p{margin:.4em 0}"
    ".meta{color:#555;margin:0 0 .5em}"
    ".scroll{overflow-x:auto;max-width:100%}"
    "table{border-collapse:collapse;margin:.4em 0;"
    "font-variant-numeric:tabular-nums}"
    "th,td{border-bottom:1px solid #d5d8dd;padding:.2em .55em;"
    "text-align:right;vertical-align:top}"
    "th{background:#eef1f5;font-weight:600;vertical-align:bottom}"
    "th.name,td.name{text-align:left}"
    "td:not(.name),td.party{white-space:nowrap}"
    /* A value as the user wrote it (a comparison's keys): text that
     * wraps, at any character when it must, not a number kept whole. */
    "td.value{white-space:normal;text-align:left;overflow-wrap:anywhere}"
    "tbody.option td{border-bottom-color:#eef0f3}"
    "tbody.option tr:last-child td{border-bottom:1px solid #aab0b8}"
    "tbody.recommended td{background:#edf6ee}"
    ".yes{color:#176b32;font-weight:600}"
    ".no{color:#a4231a;font-weight:600}"
    ".se{color:#666;font-size:.85em;white-space:nowrap}"
    ".why{color:#444;font-size:.9em}"
    ".recommendation{border-left:4px solid #0b5394;background:#f3f7fc;"
    "padding:.5em .9em;margin:.8em 0}"
    ".note{color:#444;font-size:.9em}"
    ".charts{display:grid;grid-template-columns:"
    "repeat(auto-fill,minmax(min(100%,34em),1fr));gap:.5em 1.5em}"
    "figure{margin:.8em 0;break-inside:avoid}"
    "figure img{display:block;width:100%;height:auto}"
    "figcaption{font-size:.92em;margin-top:.2em}"
    "dl.glossary dt{font-weight:600}"
    "dl.glossary dd{margin:0 0 .5em 0}"
    "details.appendix{margin-top:2em}"
    "details.appendix summary{cursor:pointer;font-weight:600}"
    "details.appendix pre{background:#f4f4f4;padding:.8em;"
    "overflow-x:auto;font-size:.8em}"
    "@media (max-width:40em){body{padding:.6em .6em 2em}"
    "th,td{padding:.2em .35em}table{font-size:.85em}"
    "td.party{white-space:normal;min-width:7em}"
    /* A chart squeezed to a phone's width has text too small to read:
     * keep it at least 40em wide and let it scroll sideways. */
    "figure{overflow-x:auto}figure img{min-width:40em}}"
    "@page{size:A4;margin:12mm 11mm}"
    "@media print{"
    "body{max-width:none;padding:0;font-size:9pt;line-height:1.3}"
    "h1{font-size:16pt}h2{font-size:11.5pt;margin-top:1em}"
    "h2,h3{break-after:avoid;page-break-after:avoid}"
    ".appendix{display:none}"
    "tr,li,dt,dd,figure,.recommendation,tbody.option"
    "{break-inside:avoid;page-break-inside:avoid}"
    "thead{display:table-header-group}"
    ".scroll{overflow:visible}"
    ".charts{grid-template-columns:1fr 1fr;gap:0 6mm}"
    "figure{margin:2mm 0}"
    "figure img{width:auto;max-width:100%;max-height:62mm;margin:0 auto}"
    "figcaption{font-size:8pt}"
    "}";
