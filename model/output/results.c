/* results.c -- a results folder that appears whole or not at all, and
 * replaces only what capsim wrote.
 *
 * Files are written into a hidden temporary folder beside the final
 * one (PARENT/.NAME.tmp-XXXXXX, holding a marker .capsim-tmp that names
 * the process writing it); commit renames it into place.  rename()
 * within one file system is atomic, so a reader never sees half a
 * folder.  With --force an existing folder is replaced only when it is
 * empty or holds nothing but the files its manifest.ini lists as
 * capsim's, and never when it holds an input of the run; it is moved
 * aside (.NAME.old-XXXXXX) and then only the files it lists are
 * removed.  A later run to the same parent removes the temporary and
 * moved-aside folders of runs that were killed, when their marker or
 * manifest proves them capsim's and their writer is gone.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "capsim/output.h"
#include "base/parse.h"
#include "base/tree.h"

#define MARKER ".capsim-tmp"

/* Split path (no trailing slash) into parent folder and last
 * component. */
static void
split(const char *path, char *parent, size_t np, char *base, size_t nb)
{
    const char *slash = strrchr(path, '/');

    if (slash == NULL) {
        snprintf(parent, np, ".");
        snprintf(base, nb, "%s", path);
    } else if (slash == path) {
        snprintf(parent, np, "/");
        snprintf(base, nb, "%s", slash + 1);
    } else {
        snprintf(parent, np, "%.*s", (int) (slash - path), path);
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

/* Remove a whole tree: only for a temporary folder this run made, or
 * one whose marker proves it capsim's. */
static void
remove_tree(const char *path)
{
    cap_tree_remove(path);
}

/* The file names a results folder's manifest lists (its [outputs] and
 * [other_outputs]), one NUL-terminated name after another in buf.
 * Returns 0, or -1 when dir holds no manifest written by capsim. */
static int
manifest_names(const char *dir, char *buf, size_t size, size_t *used)
{
    char path[2400], line[1600];
    FILE *f;
    int listing = 0, capsim = 0, first = 1, other = 0;

    *used = 0;
    snprintf(path, sizeof path, "%s/manifest.ini", dir);
    f = fopen(path, "r");
    if (f == NULL)
        return -1;
    while (fgets(line, sizeof line, f) != NULL) {
        size_t len = strlen(line);
        char *eq;

        if (first && strncmp(line, "; capsim results manifest", 25) != 0)
            break;
        first = 0;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (line[0] == '[') {
            listing = strcmp(line, "[outputs]") == 0
                      || strcmp(line, "[other_outputs]") == 0;
            capsim |= strcmp(line, "[capsim]") == 0;
            other |= strcmp(line, "[other_outputs]") == 0;
            continue;
        }
        if (!listing || line[0] == ';' || line[0] == '\0')
            continue;
        /* NAME = VALUE: values (checksums, words) hold no " = ". */
        eq = NULL;
        for (char *s = strstr(line, " = "); s; s = strstr(s + 1, " = "))
            eq = s;
        if (eq == NULL || *used + (size_t) (eq - line) + 1 > size)
            continue;
        *eq = '\0';
        memcpy(buf + *used, line, (size_t) (eq - line) + 1);
        *used += (size_t) (eq - line) + 1;
    }
    fclose(f);
    /* Earlier versions of capsim listed neither the manifest nor the
     * report, which they always wrote. */
    if (capsim && !other) {
        static const char implied[] = "manifest.ini\0report.html";

        if (*used + sizeof implied <= size) {
            memcpy(buf + *used, implied, sizeof implied);
            *used += sizeof implied;
        }
    }
    return capsim ? 0 : -1;
}

/* Whether rel is among the names, or (as a folder) holds one of them. */
static int
listed(const char *names, size_t used, const char *rel, int folder)
{
    size_t n = strlen(rel);

    for (size_t i = 0; i < used; i += strlen(names + i) + 1) {
        const char *s = names + i;

        if (!folder && strcmp(s, rel) == 0)
            return 1;
        if (folder && strncmp(s, rel, n) == 0 && s[n] == '/')
            return 1;
    }
    return 0;
}

/* The walk of a folder that is to be replaced: the first entry that
 * bars it, in why (relative name), and its reason. */
typedef struct {
    const cap_results *r;
    const char *names;
    size_t used;
    int capsim;               /* the folder has a capsim manifest */
    char why[1100];
    int input;                /* why names an input of the run */
} scan;

static int
scan_folder(const char *dir, const char *rel, scan *s)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int bad = 0;

    if (d == NULL) {
        snprintf(s->why, sizeof s->why, "%s", rel[0] ? rel : ".");
        return -1;
    }
    while (!bad && (e = readdir(d)) != NULL) {
        char path[2400], name[1100];
        struct stat st;

        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        snprintf(name, sizeof name, "%s%s%s", rel, rel[0] ? "/" : "",
                 e->d_name);
        if (lstat(path, &st) != 0) {
            bad = -1;
        } else {
            for (size_t k = 0; k < s->r->n_inputs; k++)
                if (st.st_dev == s->r->input_dev[k]
                    && st.st_ino == s->r->input_ino[k])
                    s->input = bad = -1;
            if (bad)
                ;
            else if (S_ISDIR(st.st_mode))
                bad = !listed(s->names, s->used, name, 1) ? -1
                      : scan_folder(path, name, s);
            else if (!S_ISREG(st.st_mode)
                     || !listed(s->names, s->used, name, 0))
                bad = -1;
        }
        if (bad && s->why[0] == '\0')
            snprintf(s->why, sizeof s->why, "%s", name);
    }
    closedir(d);
    return bad;
}

/* Whether path (an existing folder) may be replaced: CAP_OK, or
 * CAP_EEXIST with diag naming what would be lost. */
static int
check_replaceable(const cap_results *r, const char *path, cap_diag *diag)
{
    static const size_t size = 64 * 1024;
    char *names = malloc(size);
    char *real = realpath(path, NULL);
    scan s;
    int bad;

    memset(&s, 0, sizeof s);
    s.r = r;
    s.names = names;
    if (names == NULL || real == NULL) {
        free(names);
        free(real);
        return cap_diag_set(diag, CAP_EIO, "", 0, "%s: %s", path,
                            strerror(errno));
    }
    /* An input anywhere below the folder (or the folder itself). */
    for (size_t k = 0; k < r->n_inputs; k++) {
        size_t n = strlen(real);

        if (strncmp(r->input_real[k], real, n) == 0
            && (r->input_real[k][n] == '/' || r->input_real[k][n] == '\0'
                || n == 1)) {
            free(names);
            free(real);
            return cap_diag_set(diag, CAP_EEXIST, "", 0, "%s: not "
                                "replaced: it holds %s, an input of this "
                                "run", path, r->input_given[k]);
        }
    }
    free(real);
    s.capsim = manifest_names(path, names, size, &s.used) == 0;
    bad = scan_folder(path, "", &s);
    free(names);
    if (bad == 0)
        return CAP_OK;
    if (s.input)
        return cap_diag_set(diag, CAP_EEXIST, "", 0, "%s: not replaced: "
                            "%s is an input of this run", path, s.why);
    return cap_diag_set(diag, CAP_EEXIST, "", 0, "%s: not replaced: it "
                        "holds %s, which capsim did not write%s", path,
                        s.why, s.capsim ? "" : " (it has no capsim "
                        "manifest.ini)");
}

/* Remove, from a folder that passed check_replaceable, the files its
 * manifest lists and then the folders left empty; anything that
 * appeared since stays.  Returns 0 when the folder is gone. */
static int
remove_listed(const char *dir)
{
    static const size_t size = 64 * 1024;
    char *names = malloc(size);
    char path[2400];
    size_t used = 0;

    if (names == NULL)
        return -1;
    if (manifest_names(dir, names, size, &used) == 0) {
        /* Deepest names first is not needed: files, then folders. */
        for (size_t i = 0; i < used; i += strlen(names + i) + 1) {
            snprintf(path, sizeof path, "%s/%s", dir, names + i);
            if (strcmp(names + i, "manifest.ini") != 0)
                unlink(path);
        }
        for (size_t i = 0; i < used; i += strlen(names + i) + 1) {
            char *slash;

            snprintf(path, sizeof path, "%s/%s", dir, names + i);
            while ((slash = strrchr(path, '/')) != NULL
                   && (size_t) (slash - path) > strlen(dir)) {
                *slash = '\0';
                rmdir(path);
            }
        }
        snprintf(path, sizeof path, "%s/manifest.ini", dir);
        unlink(path);
    }
    free(names);
    return rmdir(dir);
}

/* This process's start time (clock ticks after boot, field 22 of
 * /proc/PID/stat), or 0 where it cannot be read; with the boot's id,
 * it tells a live writer from a later process given the same pid. */
static unsigned long long
process_start(long pid)
{
    char path[64], buf[1024], *p;
    unsigned long long start = 0;
    FILE *f;
    size_t n;

    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    f = fopen(path, "r");
    if (f == NULL)
        return 0;
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    p = strrchr(buf, ')');    /* the name may hold spaces */
    if (p == NULL)
        return 0;
    p++;
    for (int field = 3; field < 22 && p; field++)
        p = strchr(p + 1, ' ');
    if (p != NULL)
        start = strtoull(p + 1, NULL, 10);
    return start;
}

/* The id of this boot, or "" where there is none to read. */
static void
boot_id(char *out, size_t n)
{
    FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");

    out[0] = '\0';
    if (f != NULL) {
        if (fgets(out, (int) n, f) == NULL)
            out[0] = '\0';
        out[strcspn(out, "\n")] = '\0';
        fclose(f);
    }
}

/* What the marker of a temporary folder says of its writer. */
typedef struct {
    long pid;
    char host[256], boot[64];
    unsigned long long start;
} writer;

static void
this_writer(writer *w)
{
    memset(w, 0, sizeof *w);
    w->pid = (long) getpid();
    if (gethostname(w->host, sizeof w->host - 1) != 0)
        w->host[0] = '\0';
    boot_id(w->boot, sizeof w->boot);
    w->start = process_start(w->pid);
}

/* Whether the marker in dir proves the folder a temporary folder of a
 * capsim run on this host that is no longer running. */
static int
provably_dead(const char *dir)
{
    char path[2420], line[512];
    writer w, me;
    FILE *f;
    int fields = 0;

    snprintf(path, sizeof path, "%s/" MARKER, dir);
    f = fopen(path, "r");
    if (f == NULL)
        return 0;
    memset(&w, 0, sizeof w);
    if (fgets(line, sizeof line, f) == NULL
        || strcmp(line, "capsim temporary results folder\n") != 0) {
        fclose(f);
        return 0;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (sscanf(line, "pid = %ld", &w.pid) == 1)
            fields |= 1;
        else if (strncmp(line, "host = ", 7) == 0) {
            fields |= 2;
            snprintf(w.host, sizeof w.host, "%.255s", line + 7);
        } else if (strncmp(line, "boot = ", 7) == 0)
            snprintf(w.boot, sizeof w.boot, "%.63s", line + 7);
        else
            sscanf(line, "start = %llu", &w.start);
    }
    fclose(f);
    this_writer(&me);
    if (fields != 3 || w.pid <= 0 || strcmp(w.host, me.host) != 0)
        return 0;
    if (w.boot[0] && me.boot[0] && strcmp(w.boot, me.boot) != 0)
        return 1;             /* written before this machine restarted */
    if (w.pid == me.pid)
        return 0;
    if (kill((pid_t) w.pid, 0) != 0 && errno == ESRCH)
        return 1;
    /* The pid is in use: by the writer, unless it started later. */
    return w.start != 0 && process_start(w.pid) != 0
           && process_start(w.pid) != w.start;
}

/* Remove the debris of killed runs to parent/base: .BASE.tmp-XXXXXX
 * folders whose marker proves their writer gone, and .BASE.old-XXXXXX
 * folders that hold nothing but what their capsim manifest lists. */
static void
remove_debris(const cap_results *r, const char *parent, const char *base)
{
    char tmp_prefix[1100], old_prefix[1100];
    DIR *d = opendir(parent);
    struct dirent *e;

    if (d == NULL)
        return;
    snprintf(tmp_prefix, sizeof tmp_prefix, ".%s.tmp-", base);
    snprintf(old_prefix, sizeof old_prefix, ".%s.old-", base);
    while ((e = readdir(d)) != NULL) {
        char path[2400];
        int tmp = strncmp(e->d_name, tmp_prefix, strlen(tmp_prefix)) == 0;
        int old = strncmp(e->d_name, old_prefix, strlen(old_prefix)) == 0;
        struct stat st;

        if ((!tmp && !old)
            || strlen(e->d_name) != strlen(tmp_prefix) + 6)
            continue;
        snprintf(path, sizeof path, "%s/%s", parent, e->d_name);
        if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode))
            continue;
        if (tmp && provably_dead(path))
            remove_tree(path);
        else if (old && check_replaceable(r, path, NULL) == CAP_OK)
            remove_listed(path);
    }
    closedir(d);
}

/* Leave in the temporary folder a marker naming this process.  It is
 * written under another name and renamed, so that a marker, once it
 * exists, is whole: a process killed while writing it leaves none
 * rather than a partial one that could never prove its writer gone. */
static int
write_marker(const cap_results *r)
{
    char path[2420], part[2430];
    writer me;
    FILE *f;

    this_writer(&me);
    snprintf(path, sizeof path, "%s/" MARKER, r->tmp_path);
    snprintf(part, sizeof part, "%s.part", path);
    f = fopen(part, "w");
    if (f == NULL)
        return -1;
    fprintf(f, "capsim temporary results folder\npid = %ld\nhost = %s\n"
            "boot = %s\nstart = %llu\nstarted = %lld\n", me.pid, me.host,
            me.boot, me.start, (long long) time(NULL));
    if (ferror(f)) {
        fclose(f);
        return -1;
    }
    if (fclose(f) != 0)
        return -1;
    return rename(part, path) != 0 ? -1 : 0;
}

/* Refuse a results path that cannot be a folder of its own: empty,
 * '.', '..', '/', a control character, a symbolic link (dangling or
 * not), or an existing file that is not a folder. */
static int
check_path(const char *given, const char *path, const char *base,
           cap_diag *diag)
{
    struct stat st;

    if (given[0] == '\0')
        return cap_diag_set(diag, CAP_EINPUT, "", 0, "the results folder "
                            "name is empty");
    if (cap_has_control(given))
        return cap_diag_set(diag, CAP_EINPUT, "", 0, "the results folder "
                            "name holds a control character");
    if (base[0] == '\0' || strcmp(base, ".") == 0
        || strcmp(base, "..") == 0)
        return cap_diag_set(diag, CAP_EINPUT, "", 0, "%s: not a results "
                            "folder name: give a new folder's name", given);
    if (lstat(path, &st) == 0) {
        if (S_ISLNK(st.st_mode))
            return cap_diag_set(diag, CAP_EINPUT, "", 0, "%s is a symbolic "
                                "link; capsim does not write or replace "
                                "results through one", path);
        if (!S_ISDIR(st.st_mode))
            return cap_diag_set(diag, CAP_EINPUT, "", 0, "%s exists and "
                                "is not a folder", path);
    }
    return CAP_OK;
}

int
cap_results_begin(cap_results *r, const char *path, cap_replace force,
                  const char *const *inputs, cap_diag *diag)
{
    char parent[1024], base[1024];
    size_t len;
    struct stat st;
    int status;

    memset(r, 0, sizeof *r);
    if (strlen(path) >= sizeof r->final_path - 32)
        return cap_diag_set(diag, CAP_EINPUT, "", 0, "results path too "
                            "long: %s", path);
    /* "out/" names the folder out. */
    snprintf(r->final_path, sizeof r->final_path, "%s", path);
    len = strlen(r->final_path);
    while (len > 1 && r->final_path[len - 1] == '/')
        r->final_path[--len] = '\0';
    r->force = force;
    split(r->final_path, parent, sizeof parent, base, sizeof base);
    status = check_path(path, r->final_path, base, diag);
    if (status != CAP_OK)
        return status;
    for (size_t k = 0; inputs && inputs[k] && k < CAP_RESULTS_INPUTS;
         k++) {
        char *real = realpath(inputs[k], NULL);

        if (real == NULL || stat(real, &st) != 0) {
            free(real);
            continue;         /* the loader has read it; cannot happen */
        }
        snprintf(r->input_real[r->n_inputs], sizeof r->input_real[0],
                 "%s", real);
        snprintf(r->input_given[r->n_inputs], sizeof r->input_given[0],
                 "%s", inputs[k]);
        r->input_dev[r->n_inputs] = st.st_dev;
        r->input_ino[r->n_inputs] = st.st_ino;
        r->n_inputs++;
        free(real);
    }
    if (stat(r->final_path, &st) == 0) {
        if (force == CAP_REPLACE_NEVER)
            return cap_diag_set(diag, CAP_EEXIST, "", 0, "%s exists; use "
                                "--force to replace it, or --out to write "
                                "elsewhere", r->final_path);
        status = check_replaceable(r, r->final_path, diag);
        if (status != CAP_OK)
            return status;
    }
    if (make_folders(parent) != 0)
        return cap_diag_set(diag, CAP_EIO, "", 0, "cannot create %s: %s",
                            parent, strerror(errno));
    remove_debris(r, parent, base);
    snprintf(r->tmp_path, sizeof r->tmp_path, "%s/.%s.tmp-XXXXXX", parent,
             base);
    if (mkdtemp(r->tmp_path) == NULL) {
        int e = errno;

        r->tmp_path[0] = '\0';
        return cap_diag_set(diag, CAP_EIO, "", 0, "cannot create a "
                            "temporary folder in %s: %s", parent,
                            strerror(e));
    }
    if (write_marker(r) != 0) {
        int e = errno;

        cap_results_abort(r);
        return cap_diag_set(diag, CAP_EIO, "", 0, "cannot write a "
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
cap_results_close(const cap_results *r, FILE *f, const char *name,
                  int status, int saved_errno, cap_diag *diag)
{
    int e = status == CAP_EIO || ferror(f) ? saved_errno : 0;

    if (fflush(f) != 0 && e == 0)
        e = errno;
    if (ferror(f) && e == 0)
        e = EIO;
    if (fclose(f) != 0 && e == 0)
        e = errno;
    if (e == 0 && status == CAP_EIO)
        e = EIO;
    if (e != 0)
        return cap_diag_set(diag, CAP_EIO, "", 0, "cannot write %s/%s: %s",
                            r->final_path, name, strerror(e));
    if (status != CAP_OK)
        return cap_diag_set(diag, status, "", 0, "cannot write %s/%s: %s",
                            r->final_path, name, cap_strerror(status));
    return CAP_OK;
}

int
cap_results_mkdir(const cap_results *r, const char *name, cap_diag *diag)
{
    char path[2400];

    snprintf(path, sizeof path, "%s/%s", r->tmp_path, name);
    if (mkdir(path, 0777) != 0)
        return cap_diag_set(diag, CAP_EIO, "", 0, "cannot write %s/%s: %s",
                            r->final_path, name, strerror(errno));
    return CAP_OK;
}

int
cap_results_commit(cap_results *r, cap_diag *diag)
{
    char parent[1024], base[1024], old[2200] = "", marker[2400];
    struct stat st;

    split(r->final_path, parent, sizeof parent, base, sizeof base);
    if (lstat(r->final_path, &st) == 0) {
        int status = CAP_OK;

        /* It may have appeared or changed during the run. */
        if (r->force == CAP_REPLACE_NEVER)
            status = cap_diag_set(diag, CAP_EEXIST, "", 0, "%s appeared "
                                  "while running; use --force to replace "
                                  "it", r->final_path);
        else if (S_ISLNK(st.st_mode) || !S_ISDIR(st.st_mode))
            status = check_path(r->final_path, r->final_path, base, diag);
        else
            status = check_replaceable(r, r->final_path, diag);
        if (status != CAP_OK) {
            cap_results_abort(r);
            return status;
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
    /* The marker goes first: a folder in place holds only results. */
    snprintf(marker, sizeof marker, "%s/" MARKER, r->tmp_path);
    unlink(marker);
    if (rename(r->tmp_path, r->final_path) != 0) {
        int e = errno;

        if (old[0])
            rename(old, r->final_path);   /* put the old results back */
        cap_results_abort(r);
        return cap_diag_set(diag, CAP_EIO, "", 0, "cannot rename results "
                            "into %s: %s", r->final_path, strerror(e));
    }
    r->tmp_path[0] = '\0';
    /* Only what its manifest lists: a file that appeared in the old
     * folder since it was checked keeps it (and itself) in place. */
    if (old[0])
        remove_listed(old);
    return CAP_OK;
}

void
cap_results_abort(cap_results *r)
{
    if (r->tmp_path[0])
        remove_tree(r->tmp_path);
    r->tmp_path[0] = '\0';
}
