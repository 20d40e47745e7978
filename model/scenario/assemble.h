/* assemble.h -- a scenario file and the files it builds on, assembled
 * into one document, and that document written back out (internal).
 *
 * A file may build on another: `[scenario] base = FILE` reads FILE
 * first, then applies the file's own sections and keys over it, and
 * FILE may have a base of its own.  The document assembled keeps, for
 * every key and section header, the position where it was written
 * (ini_doc.h), so every later error names that file and line.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_ASSEMBLE_H
#define CAPSIM_ASSEMBLE_H

#include <stdio.h>
#include "scenario/ini_doc.h"

/* The longest chain of bases: a file, its base, the base's base, ...
 * at most this many bases below the file. */
#define CAP_BASES_MAX 8

/* Read path and, when it names one, its base, and the base's base, ...
 * each once, through redirect (which may be NULL), and assemble them:
 * the deepest base first, each nearer file's sections and keys over it
 * (a section in both has its keys merged, the nearer file's value
 * winning; a key the nearer file gives an empty value is removed; the
 * `base` keys themselves are not kept).  The document is known by
 * path, holds a reference to each file read (doc->file and doc->bases,
 * nearest first) and keeps redirect for the rest of the load.  Without
 * a base it is path's document as cap_ini_read_redirected() reads it.
 * Returns CAP_OK with *out the caller's (cap_ini_free), or CAP_EIO,
 * CAP_EINPUT or CAP_ENOMEM with diag set and *out NULL: a base missing,
 * not a regular file, in a cycle or more than CAP_BASES_MAX deep is
 * reported at the `base =` line that names it. */
int cap_ini_read_assembled(const char *path,
                           const cap_input_redirect_list *redirect,
                           cap_ini_doc **out, cap_diag *diag);

/* The file named by value, a path written at position pos of doc's
 * load: value itself when absolute, else value in the folder of the
 * file that wrote it.  Returns a new string (the caller frees it), or
 * NULL when out of memory. */
char *cap_ini_path_at(const cap_ini_doc *doc, int pos, const char *value);

/* Write doc as INI text that reads back as the same sections and keys
 * in the same order, each header and key followed by a comment naming
 * the file and line where it was written; head, when not NULL, is
 * written first as comment lines (it may hold several lines).
 * Returns CAP_OK, CAP_ENOMEM, or CAP_EIO when out cannot be written. */
int cap_ini_write(const cap_ini_doc *doc, const char *head, FILE *out);

#endif /* CAPSIM_ASSEMBLE_H */
