/* replay.c -- feed files to a fuzzing harness without libFuzzer.
 *
 * Linked with a harness (fuzz_scenario.c or fuzz_practices.c), it
 * calls LLVMFuzzerTestOneInput() once for each file named on the
 * command line or, with none, for each file of its regressions folder
 * (REGRESSIONS, under $srcdir), so the inputs that once crashed run in
 * every `make check`, with any compiler.  Exit status 0 when every file
 * was read and run; 1 when a file or the folder cannot be read.  A
 * crash is the harness's own (the test then fails).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_file.h"

/* Read all of path into *data (the caller frees it).  Returns 0, or -1
 * with errno set. */
static int
read_all(const char *path, uint8_t **data, size_t *size)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0, got;

    if (f == NULL)
        return -1;
    do {
        if (len == cap) {
            uint8_t *grown = realloc(buf, cap = cap ? 2 * cap : 4096);

            if (grown == NULL) {
                free(buf);
                fclose(f);
                return -1;
            }
            buf = grown;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
    } while (got > 0);
    if (ferror(f)) {
        free(buf);
        fclose(f);
        return -1;
    }
    fclose(f);
    *data = buf;
    *size = len;
    return 0;
}

/* Feed the file at path to the harness.  Returns 0, or 1 when it
 * cannot be read. */
static int
replay(const char *path)
{
    uint8_t *data;
    size_t size;

    if (read_all(path, &data, &size) != 0) {
        perror(path);
        return 1;
    }
    printf("%s\n", path);
    fflush(stdout);           /* the name is out before any crash */
    LLVMFuzzerTestOneInput(data, size);
    free(data);
    return 0;
}

/* Each file of folder (but hidden ones), in name order. */
static int
replay_folder(const char *folder)
{
    struct dirent **names;
    int n = scandir(folder, &names, NULL, alphasort), status = 0;

    if (n < 0) {
        perror(folder);
        return 1;
    }
    for (int i = 0; i < n; i++) {
        char path[4096];

        if (names[i]->d_name[0] != '.' && status == 0) {
            if (snprintf(path, sizeof path, "%s/%s", folder,
                         names[i]->d_name) >= (int) sizeof path) {
                fprintf(stderr, "%s/%s: path too long\n", folder,
                        names[i]->d_name);
                status = 1;
            } else {
                status = replay(path);
            }
        }
        free(names[i]);
    }
    free(names);
    return status;
}

int
main(int argc, char **argv)
{
    char folder[4096];
    const char *srcdir = getenv("srcdir");

    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            if (replay(argv[i]) != 0)
                return 1;
        return 0;
    }
    snprintf(folder, sizeof folder, "%s/%s",
             srcdir && srcdir[0] ? srcdir : ".", REGRESSIONS);
    return replay_folder(folder);
}
