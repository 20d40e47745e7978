/* fuzz_file.c -- the harnesses' temporary folder and files.
 *
 * The only state the harnesses keep is here: the folder's name, made
 * once per process, since a harness is a function called for each
 * input with nowhere else to keep it.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fuzz_file.h"

#define MAX_FILES 4

static struct {
    char dir[4096];
    char path[MAX_FILES][4200];
    size_t n_files;
    int made;                 /* 1 made, -1 failed */
} state;

static void
remove_dir(void)
{
    for (size_t i = 0; i < state.n_files; i++)
        unlink(state.path[i]);
    rmdir(state.dir);
}

const char *
fuzz_dir(void)
{
    if (state.made == 0) {
        const char *tmp = getenv("TMPDIR");

        if (tmp == NULL || tmp[0] == '\0')
            tmp = "/tmp";
        snprintf(state.dir, sizeof state.dir, "%s/capsim-fuzz-XXXXXX", tmp);
        state.made = mkdtemp(state.dir) != NULL ? 1 : -1;
        if (state.made == 1)
            atexit(remove_dir);
        else
            perror("capsim fuzzing: cannot make a temporary folder");
    }
    return state.made == 1 ? state.dir : NULL;
}

const char *
fuzz_file_write(const char *name, const uint8_t *data, size_t size)
{
    const char *dir = fuzz_dir();
    char path[4200];
    size_t i;
    FILE *f;

    if (dir == NULL)
        return NULL;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    for (i = 0; i < state.n_files; i++)
        if (strcmp(state.path[i], path) == 0)
            break;
    if (i == state.n_files) {
        if (i == MAX_FILES)
            return NULL;
        memcpy(state.path[i], path, sizeof path);
        state.n_files++;
    }
    f = fopen(state.path[i], "wb");
    if (f == NULL)
        return NULL;
    if ((size > 0 && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
        return NULL;
    return state.path[i];
}
