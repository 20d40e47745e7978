/* tree.h -- removing a folder and everything under it.
 *
 * For folders capsim made itself (a results folder's temporary copy, an
 * old folder moved aside): the callers decide what may be removed;
 * this only removes it.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_TREE_H
#define CAPSIM_TREE_H

/* Remove path and everything under it, deepest first, never following
 * a symbolic link (a link is removed, not what it points to).  Returns
 * 0, or -1 with errno set by the first removal that failed (the rest
 * are still tried).  Safe to call from a thread that handles signals:
 * it allocates only through nftw(). */
int cap_tree_remove(const char *path);

#endif /* CAPSIM_TREE_H */
