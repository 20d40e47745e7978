/* input_file.h -- an input file read once into memory (internal).
 *
 * A scenario and its practices CSV are read exactly once, when the
 * scenario is loaded; the parsers, the manifest's checksums and the
 * report's copy of the scenario all use these bytes, so what a results
 * folder records is what was simulated, whatever happens to the files
 * on disk during the run.
 *
 * Only regular files are read (a FIFO, a directory or a device is
 * refused before anything is read from it), up to CAP_INPUT_MAX bytes,
 * and only UTF-8 text: a UTF-8 byte-order mark is skipped, UTF-16 and
 * UTF-32, NUL bytes and invalid UTF-8 are refused at their line.
 *
 * The loaded scenario and each of its variants hold a reference; the
 * count is atomic because variants are built and freed on several
 * threads at once.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_INPUT_FILE_H
#define CAPSIM_INPUT_FILE_H

#include <stdatomic.h>
#include <stddef.h>
#include "capsim/error.h"

/* The largest input accepted, in bytes (64 MiB): far above any real
 * scenario or practices list, far below what would exhaust memory. */
#define CAP_INPUT_MAX ((size_t) 64 << 20)

typedef struct cap_input_file {
    char *path;               /* as opened */
    char *bytes;              /* the whole file, with a NUL after it */
    size_t size;              /* bytes in the file */
    size_t text;              /* offset of the text: 3 after a UTF-8 BOM */
    char sha256[65];          /* of all size bytes, BOM included */
    atomic_int refs;
} cap_input_file;

/* Read the file at path.  Returns CAP_OK with *out holding one
 * reference (release it with cap_input_file_unref), or CAP_EIO (cannot
 * open or read), CAP_EINPUT (not a regular file, too large, not UTF-8
 * text) or CAP_ENOMEM, with diag set and *out NULL. */
int cap_input_file_read(const char *path, cap_input_file **out,
                        cap_diag *diag);

/* As cap_input_file_read(path), but the bytes come from open_path: the
 * file is known by path (its messages, its f->path) and read from
 * open_path, e.g. the copy a results folder kept of it (see
 * cap_input_redirect in capsim/scenario.h).  Returns as
 * cap_input_file_read; messages name path. */
int cap_input_file_read_as(const char *path, const char *open_path,
                           cap_input_file **out, cap_diag *diag);

/* Another reference to f (which may be NULL); returns f. */
cap_input_file *cap_input_file_ref(cap_input_file *f);

/* Drop a reference; the last frees f.  f may be NULL. */
void cap_input_file_unref(cap_input_file *f);

/* The 1-based line of byte offset off in f's bytes. */
int cap_input_file_line(const cap_input_file *f, size_t off);

#endif /* CAPSIM_INPUT_FILE_H */
