/* tree.c -- removing a folder and everything under it (see tree.h).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <ftw.h>
#include <stdio.h>
#include <sys/stat.h>
#include "base/tree.h"

static int
remove_entry(const char *path, const struct stat *sb, int flag,
             struct FTW *ftw)
{
    (void) sb; (void) flag; (void) ftw;
    return remove(path);
}

int
cap_tree_remove(const char *path)
{
    return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}
