/* error.c -- status code texts and located diagnostics.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "capsim/error.h"

const char *
cap_strerror(int status)
{
    switch (status) {
    case CAP_OK: return "success";
    case CAP_EINPUT: return "invalid input";
    case CAP_ENOMEM: return "out of memory";
    case CAP_EIO: return "input/output error";
    case CAP_EEXIST: return "results folder exists";
    case CAP_EPLOT: return "plotting failed";
    case CAP_ENUMERIC: return "numerical failure";
    default: return "unknown error";
    }
}

int
cap_diag_set(cap_diag *d, int status, const char *file, int line,
             const char *fmt, ...)
{
    va_list ap;

    if (d == NULL)
        return status;
    snprintf(d->file, sizeof d->file, "%s", file ? file : "");
    d->line = line;
    va_start(ap, fmt);
    vsnprintf(d->message, sizeof d->message, fmt, ap);
    va_end(ap);
    return status;
}
