/* export.h -- CAP_EXPORT, the mark of what libcapsim exports.
 *
 * The library is built with -fvisibility=hidden, so a function or
 * variable is visible to programs only when its declaration in an
 * installed header carries CAP_EXPORT; everything else in the library
 * stays internal to it.  Compilers without the attribute export all, as
 * before.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_EXPORT_H
#define CAPSIM_EXPORT_H

#if defined(__GNUC__) && __GNUC__ >= 4
#define CAP_EXPORT __attribute__((visibility("default")))
#else
#define CAP_EXPORT
#endif

#endif /* CAPSIM_EXPORT_H */
