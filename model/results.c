/* results.c -- a results folder that appears whole or not at all.
 *
 * Files are written into a hidden temporary folder beside the final
 * one; commit renames it into place.  rename() within one file system
 * is atomic, so a reader never sees half a folder.  With --force an
 * existing folder is first moved aside and removed only after the new
 * one is in place.
 */
#include <config.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "capsim/output.h"

/* Split path into parent folder and last component. */
static void
split(const char *path, char *parent, size_t np, char *base, size_t nb)
{
    char tmp[1024];
    char *slash;
    size_t len;

    snprintf(tmp, sizeof tmp, "%s", path);
    len = strlen(tmp);
    while (len > 1 && tmp[len - 1] == '/')
        tmp[--len] = '\0';
    slash = strrchr(tmp, '/');
    if (slash == NULL) {
        snprintf(parent, np, ".");
        snprintf(base, nb, "%s", tmp);
    } else if (slash == tmp) {
        snprintf(parent, np, "/");
        snprintf(base, nb, "%s", slash + 1);
    } else {
        *slash = '\0';
        snprintf(parent, np, "%s", tmp);
        snprintf(base, nb, "%s", slash + 1);
    }
}

/* mkdir -p */
static int
make_folders(const char *path)
{
    char tmp[1024];

    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
        return -1;
    return 0;
}

static int
remove_entry(const char *path, const struct stat *sb, int flag,
             struct FTW *ftw)
{
    (void) sb; (void) flag; (void) ftw;
    return remove(path);
}

static void
remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int
cap_results_begin(cap_results *r, const char *path, int force,
                  cap_diag *diag)
{
    char parent[1024], base[1024];
    struct stat st;

    memset(r, 0, sizeof *r);
    if (strlen(path) >= sizeof r->final_path - 32)
        return cap_diag_set(diag, CAP_EINPUT, "", 0, "results path too "
                            "long: %s", path);
    snprintf(r->final_path, sizeof r->final_path, "%s", path);
    r->force = force;
    if (stat(path, &st) == 0) {
        if (!force)
            return cap_diag_set(diag, CAP_EEXIST, "", 0, "%s exists; use "
                                "--force to replace it, or --out to write "
                                "elsewhere", path);
        if (!S_ISDIR(st.st_mode))
            return cap_diag_set(diag, CAP_EEXIST, "", 0, "%s exists and is "
                                "not a folder", path);
    }
    split(path, parent, sizeof parent, base, sizeof base);
    if (make_folders(parent) != 0)
        return cap_diag_set(diag, CAP_EIO, "", 0, "cannot create %s: %s",
                            parent, strerror(errno));
    snprintf(r->tmp_path, sizeof r->tmp_path, "%s/.%s.tmp-XXXXXX", parent,
             base);
    if (mkdtemp(r->tmp_path) == NULL) {
        int e = errno;

        r->tmp_path[0] = '\0';
        return cap_diag_set(diag, CAP_EIO, "", 0, "cannot create a "
                            "temporary folder in %s: %s", parent,
                            strerror(e));
    }
    /* mkdtemp() makes the folder private; results are ordinary files
     * and get the permissions of any folder the user makes. */
    {
        mode_t mask = umask(0);

        umask(mask);
        chmod(r->tmp_path, 0777 & ~mask);
    }
    return CAP_OK;
}

FILE *
cap_results_open(const cap_results *r, const char *name)
{
    char path[2400];

    snprintf(path, sizeof path, "%s/%s", r->tmp_path, name);
    return fopen(path, "w");
}

int
cap_results_mkdir(const cap_results *r, const char *name)
{
    char path[2400];

    snprintf(path, sizeof path, "%s/%s", r->tmp_path, name);
    return mkdir(path, 0777) == 0 ? CAP_OK : CAP_EIO;
}

int
cap_results_commit(cap_results *r, cap_diag *diag)
{
    char parent[1024], base[1024], old[2200] = "";
    struct stat st;

    split(r->final_path, parent, sizeof parent, base, sizeof base);
    if (stat(r->final_path, &st) == 0) {
        if (!r->force) {
            cap_results_abort(r);
            return cap_diag_set(diag, CAP_EEXIST, "", 0, "%s appeared "
                                "while running; use --force to replace it",
                                r->final_path);
        }
        /* Reserve a unique name, then move the old folder onto it. */
        snprintf(old, sizeof old, "%s/.%s.old-XXXXXX", parent, base);
        if (mkdtemp(old) == NULL || rmdir(old) != 0
            || rename(r->final_path, old) != 0) {
            int e = errno;

            cap_results_abort(r);
            return cap_diag_set(diag, CAP_EIO, "", 0, "cannot move %s "
                                "aside: %s", r->final_path, strerror(e));
        }
    }
    if (rename(r->tmp_path, r->final_path) != 0) {
        int e = errno;

        if (old[0])
            rename(old, r->final_path);   /* put the old results back */
        cap_results_abort(r);
        return cap_diag_set(diag, CAP_EIO, "", 0, "cannot rename results "
                            "into %s: %s", r->final_path, strerror(e));
    }
    r->tmp_path[0] = '\0';
    if (old[0])
        remove_tree(old);
    return CAP_OK;
}

void
cap_results_abort(cap_results *r)
{
    if (r->tmp_path[0])
        remove_tree(r->tmp_path);
    r->tmp_path[0] = '\0';
}
