/* fuzz_file.h -- the temporary files the fuzzing harnesses write.
 *
 * The harnesses reach the library only through cap_scenario_load() and
 * a path, so they keep working however the loader reads its files.  A
 * harness makes its folder once per process (libFuzzer calls it
 * millions of times) and rewrites the file for every input; the folder
 * is removed at exit.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_FUZZ_FILE_H
#define CAPSIM_FUZZ_FILE_H

#include <stddef.h>
#include <stdint.h>

/* The input function libFuzzer (or tests/fuzz/replay.c) calls. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The process's temporary folder (made on the first call, under
 * $TMPDIR or /tmp), or NULL when it cannot be made.  The string is the
 * harness's own; the folder and every file written in it by
 * fuzz_file_write() are removed at exit. */
const char *fuzz_dir(void);

/* Write size bytes of data to name in fuzz_dir(), replacing what was
 * there (at most four names per process).  Returns the file's path,
 * owned by the harness and the same string for the process's life, or
 * NULL when the folder or file cannot be written. */
const char *fuzz_file_write(const char *name, const uint8_t *data,
                            size_t size);

#endif /* CAPSIM_FUZZ_FILE_H */
