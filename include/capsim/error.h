/* error.h -- status codes and located diagnostics for libcapsim.
 *
 * A function that can fail returns one of the CAP_* codes below and
 * gives its results through out-pointers.  Code in the library never
 * prints and never exits: where a failure has a place in an input file,
 * it fills a cap_diag, and the command prints it as
 * "capsim: FILE:LINE: message".
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_ERROR_H
#define CAPSIM_ERROR_H

#include <stddef.h>
#include "capsim/export.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
    CAP_OK = 0,
    CAP_EINPUT = 1,   /* bad scenario or data file: user must fix it */
    CAP_ENOMEM = 2,   /* out of memory */
    CAP_EIO = 3,      /* reading or writing a file failed */
    CAP_EEXIST = 4,   /* results folder exists and --force not given */
    CAP_EPLOT = 5,    /* gnuplot failed */
    CAP_ENUMERIC = 6  /* a numerical routine failed */
};

/* Where and why something failed.  file may be empty (no file involved);
 * line is 0 when the failure has no line (e.g. a missing section). */
typedef struct {
    char file[512];
    int line;
    char message[512];
} cap_diag;

/* One line of text for a status code (a static string). */
CAP_EXPORT
const char *cap_strerror(int status);

/* Fill d (when not NULL) with a located message, printf-style.
 * Returns status, so callers can write `return cap_diag_set(...)`. */
CAP_EXPORT
int cap_diag_set(cap_diag *d, int status, const char *file, int line,
                 const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

#ifdef __cplusplus
}
#endif

#endif /* CAPSIM_ERROR_H */
