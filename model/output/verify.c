/* verify.c -- read a results folder's manifest.ini back and check the
 * folder's files against it (output/verify.h).
 *
 * The manifest is read line by line, as capsim writes it: comments
 * (';'), blank lines, "[section]" and "key = value" (split at the first
 * " = ": capsim's keys never hold one).  Anything else is damage.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "output/verify.h"
#include "base/sha256.h"

/* The largest manifest read: far above any capsim writes. */
#define MANIFEST_MAX ((size_t) 8 << 20)
#define FIRST_LINE "; capsim results manifest"

void
cap_manifest_doc_free(cap_manifest_doc *m)
{
    if (m == NULL)
        return;
    for (size_t i = 0; i < m->n; i++) {
        free(m->entries[i].section);
        free(m->entries[i].key);
        free(m->entries[i].value);
    }
    free(m->entries);
    free(m);
}

const char *
cap_manifest_get(const cap_manifest_doc *m, const char *section,
                 const char *key, int *line)
{
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->entries[i].section, section) == 0
            && strcmp(m->entries[i].key, key) == 0) {
            if (line != NULL)
                *line = m->entries[i].line;
            return m->entries[i].value;
        }
    return NULL;
}

/* The whole file in *text (NUL after it, *size bytes). */
static int
slurp(const char *path, char **text, size_t *size, cap_diag *diag)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 64 * 1024, n = 0;
    char *buf;

    *text = NULL;
    if (f == NULL)
        return cap_diag_set(diag, errno == ENOENT ? CAP_EINPUT : CAP_EIO,
                            "", 0, "%s: %s", path, errno == ENOENT
                            ? "not a results folder: it has no "
                              "manifest.ini" : strerror(errno));
    buf = malloc(cap + 1);
    while (buf != NULL) {
        size_t got = fread(buf + n, 1, cap - n, f);
        char *more;

        n += got;
        if (n < cap || cap >= MANIFEST_MAX)
            break;
        more = realloc(buf, 2 * cap + 1);
        if (more == NULL) {
            free(buf);
            buf = NULL;
        } else {
            buf = more;
            cap *= 2;
        }
    }
    if (buf == NULL || ferror(f)) {
        int e = ferror(f) ? CAP_EIO : CAP_ENOMEM;

        fclose(f);
        free(buf);
        return cap_diag_set(diag, e, "", 0, "%s: %s", path,
                            e == CAP_EIO ? "cannot read it" : "out of memory");
    }
    fclose(f);
    if (n >= MANIFEST_MAX) {
        free(buf);
        return cap_diag_set(diag, CAP_EINPUT, path, 0, "the manifest is "
                            "too large to be capsim's");
    }
    buf[n] = '\0';
    *text = buf;
    *size = n;
    return CAP_OK;
}

/* Add one entry; returns 0, or -1 out of memory. */
static int
add_entry(cap_manifest_doc *m, size_t *cap, const char *section,
          const char *key, size_t nkey, const char *value, int line)
{
    cap_manifest_entry *e;

    if (m->n == *cap) {
        size_t bigger = *cap ? 2 * *cap : 64;
        cap_manifest_entry *more = realloc(m->entries,
                                           bigger * sizeof *more);

        if (more == NULL)
            return -1;
        m->entries = more;
        *cap = bigger;
    }
    e = &m->entries[m->n];
    e->section = strdup(section);
    e->key = strndup(key, nkey);
    e->value = strdup(value);
    e->line = line;
    if (e->section == NULL || e->key == NULL || e->value == NULL) {
        free(e->section);
        free(e->key);
        free(e->value);
        return -1;
    }
    m->n++;
    return 0;
}

/* Split text into entries.  *last_line is the number of the last line
 * and *last_start the offset where it begins. */
static int
parse_lines(cap_manifest_doc *m, char *text, size_t size, int *last_line,
            size_t *last_start, cap_diag *diag)
{
    char section[256] = "";
    size_t cap = 0, at = 0;
    int line = 0;

    while (at < size) {
        char *s = text + at, *nl = memchr(s, '\n', size - at), *eq;
        size_t len = nl ? (size_t) (nl - s) : size - at;

        line++;
        *last_line = line;
        *last_start = at;
        at += len + (nl != NULL);
        if (nl == NULL)
            return cap_diag_set(diag, CAP_EINPUT, m->path, line, "the "
                                "last line has no end: the manifest was "
                                "cut short");
        *nl = '\0';
        if (len > 0 && s[len - 1] == '\r')
            s[--len] = '\0';
        if (memchr(s, '\0', len) != NULL)
            return cap_diag_set(diag, CAP_EINPUT, m->path, line, "a NUL "
                                "byte: the manifest is damaged");
        if (len == 0 || s[0] == ';')
            continue;
        if (s[0] == '[' && s[len - 1] == ']' && len < sizeof section) {
            snprintf(section, sizeof section, "%.*s", (int) len - 2, s + 1);
            continue;
        }
        eq = strstr(s, " = ");
        if (eq == NULL || eq == s || section[0] == '\0')
            return cap_diag_set(diag, CAP_EINPUT, m->path, line, "cannot "
                                "read this line (not [section] or "
                                "key = value): the manifest is damaged");
        if (add_entry(m, &cap, section, s, (size_t) (eq - s), eq + 3, line)
            != 0)
            return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    }
    return CAP_OK;
}

/* The manifest's own checksum: its last line "sha256 = HEX" in
 * [manifest], the SHA-256 of every byte before that line. */
static int
check_self(const cap_manifest_doc *m, const char *text, int last_line,
           size_t last_start, cap_diag *diag)
{
    const cap_manifest_entry *e = m->n ? &m->entries[m->n - 1] : NULL;
    cap_sha256 sum;
    char hex[65];

    if (e == NULL || e->line != last_line
        || strcmp(e->section, "manifest") != 0
        || strcmp(e->key, "sha256") != 0)
        return cap_diag_set(diag, CAP_EINPUT, m->path, last_line, "the "
                            "last line is not the manifest's checksum "
                            "([manifest] sha256): it was cut short or "
                            "added to");
    cap_sha256_init(&sum);
    cap_sha256_update(&sum, text, last_start);
    cap_sha256_final_hex(&sum, hex);
    if (strcmp(hex, e->value) != 0)
        return cap_diag_set(diag, CAP_EINPUT, m->path, e->line, "the "
                            "manifest's checksum does not match its "
                            "contents: it was changed or damaged after it "
                            "was written");
    return CAP_OK;
}

/* A recorded name must stay inside the folder. */
static int
safe_name(const char *name)
{
    const char *s = name;

    if (name[0] == '\0' || name[0] == '/')
        return 0;
    while (*s) {
        size_t n = strcspn(s, "/");

        if ((n == 1 && s[0] == '.') || (n == 2 && s[0] == '.'
                                        && s[1] == '.') || n == 0)
            return 0;
        s += n + (s[n] == '/');
    }
    return 1;
}

/* What the record must hold beyond well-formed lines. */
static int
check_contents(cap_manifest_doc *m, cap_diag *diag)
{
    int line = 0;
    const char *schema = cap_manifest_get(m, "format", "schema", &line);

    if (schema == NULL)
        return cap_diag_set(diag, CAP_EINPUT, m->path, 0, "no [format] "
                            "schema: the manifest is damaged");
    m->schema = atoi(schema);
    if (m->schema < 3)
        return cap_diag_set(diag, CAP_EINPUT, m->path, line, "schema %d: "
                            "written by an earlier capsim, without a "
                            "checksum of itself or its inputs; it cannot "
                            "be verified", m->schema);
    for (size_t i = 0; i < m->n; i++) {
        const cap_manifest_entry *e = &m->entries[i];

        if ((strcmp(e->section, "outputs") == 0 && !safe_name(e->key))
            || (strncmp(e->section, "input.", 6) == 0
                && strcmp(e->key, "stored") == 0 && !safe_name(e->value)))
            return cap_diag_set(diag, CAP_EINPUT, m->path, e->line, "a "
                                "file outside the folder: the manifest is "
                                "damaged");
        if (strcmp(e->section, "outputs") == 0
            && (strlen(e->value) != 64
                || strspn(e->value, "0123456789abcdef") != 64))
            return cap_diag_set(diag, CAP_EINPUT, m->path, e->line, "not "
                                "a SHA-256: the manifest is damaged");
    }
    return CAP_OK;
}

int
cap_manifest_read(const char *dir, cap_manifest_doc **out, cap_diag *diag)
{
    cap_manifest_doc *m = calloc(1, sizeof *m);
    char *text = NULL;
    size_t size = 0, last_start = 0;
    int last_line = 0, status;

    *out = NULL;
    if (m == NULL)
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    snprintf(m->path, sizeof m->path, "%s/manifest.ini", dir);
    status = slurp(m->path, &text, &size, diag);
    if (status == CAP_OK && strncmp(text, FIRST_LINE, strlen(FIRST_LINE)))
        status = cap_diag_set(diag, CAP_EINPUT, m->path, 1, "not a capsim "
                              "results manifest");
    if (status == CAP_OK) {
        /* The checksum covers the bytes as they are: split a copy (a
         * NUL byte in it is damage, found by parse_lines). */
        char *lines = malloc(size + 1);

        if (lines != NULL)
            memcpy(lines, text, size + 1);
        status = lines == NULL
                 ? cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory")
                 : parse_lines(m, lines, size, &last_line, &last_start,
                               diag);
        free(lines);
    }
    if (status == CAP_OK)
        status = check_contents(m, diag);
    if (status == CAP_OK)
        status = check_self(m, text, last_line, last_start, diag);
    free(text);
    if (status != CAP_OK) {
        cap_manifest_doc_free(m);
        return status;
    }
    *out = m;
    return CAP_OK;
}

const char *
cap_file_verdict_name(cap_file_verdict v)
{
    switch (v) {
    case CAP_FILE_SAME: return "same";
    case CAP_FILE_DIFFERS: return "differs";
    case CAP_FILE_MISSING: return "missing";
    default: return "extra";
    }
}

void
cap_file_checks_free(cap_file_check *c, size_t n)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        free(c[i].name);
    free(c);
}

/* The checks being gathered. */
typedef struct {
    const cap_manifest_doc *m;
    cap_file_check *items;
    size_t n, cap;
} checks;

static int
add_check(checks *c, const char *name, cap_file_verdict v)
{
    if (c->n == c->cap) {
        size_t bigger = c->cap ? 2 * c->cap : 64;
        cap_file_check *more = realloc(c->items, bigger * sizeof *more);

        if (more == NULL)
            return -1;
        c->items = more;
        c->cap = bigger;
    }
    c->items[c->n].name = strdup(name);
    if (c->items[c->n].name == NULL)
        return -1;
    c->items[c->n++].verdict = v;
    return 0;
}

/* Whether the manifest records rel, or (as a folder) a file inside it. */
static int
recorded(const cap_manifest_doc *m, const char *rel, int folder)
{
    size_t n = strlen(rel);

    for (size_t i = 0; i < m->n; i++) {
        const char *k = m->entries[i].key;

        if (strcmp(m->entries[i].section, "outputs") != 0)
            continue;
        if (folder ? strncmp(k, rel, n) == 0 && k[n] == '/'
                   : strcmp(k, rel) == 0)
            return 1;
    }
    return 0;
}

static int
by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Every entry under dir/rel the manifest does not record, as extra. */
static int
find_extra(checks *c, const char *dir, const char *rel)
{
    char path[2400];
    DIR *d;
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0;
    int status = 0;

    snprintf(path, sizeof path, "%s%s%s", dir, rel[0] ? "/" : "", rel);
    d = opendir(path);
    if (d == NULL)
        return -1;
    while ((e = readdir(d)) != NULL && status == 0) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (n == cap) {
            char **more = realloc(names, (cap = cap ? 2 * cap : 32)
                                  * sizeof *more);

            if (more == NULL) {
                status = -1;
                break;
            }
            names = more;
        }
        names[n] = strdup(e->d_name);
        status = names[n] == NULL ? -1 : 0;
        n += names[n] != NULL;
    }
    closedir(d);
    if (n > 0)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n && status == 0; i++) {
        char name[1400];
        struct stat st;

        snprintf(name, sizeof name, "%s%s%s", rel, rel[0] ? "/" : "",
                 names[i]);
        snprintf(path, sizeof path, "%s/%s", dir, name);
        if (lstat(path, &st) != 0)
            continue;
        if (rel[0] == '\0' && strcmp(name, "manifest.ini") == 0)
            continue;
        if (S_ISDIR(st.st_mode) && recorded(c->m, name, 1))
            status = find_extra(c, dir, name);
        else if (!S_ISREG(st.st_mode) || !recorded(c->m, name, 0))
            status = add_check(c, name, CAP_FILE_EXTRA);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return status;
}

int
cap_manifest_check(const cap_manifest_doc *m, const char *dir,
                   cap_file_check **out, size_t *n_out, cap_diag *diag)
{
    checks c = { m, NULL, 0, 0 };
    int failed = 0;

    *out = NULL;
    *n_out = 0;
    for (size_t i = 0; i < m->n && !failed; i++) {
        const cap_manifest_entry *e = &m->entries[i];
        char path[2400], hex[65];
        struct stat st;
        cap_file_verdict v;

        if (strcmp(e->section, "outputs") != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->key);
        if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
            v = CAP_FILE_MISSING;
        else if (cap_sha256_file(path, hex) != CAP_OK)
            v = CAP_FILE_DIFFERS;     /* there, but unreadable */
        else
            v = strcmp(hex, e->value) == 0 ? CAP_FILE_SAME
                                           : CAP_FILE_DIFFERS;
        failed = add_check(&c, e->key, v) != 0;
    }
    if (!failed && find_extra(&c, dir, "") != 0)
        failed = 1;
    if (failed) {
        int e = errno;

        cap_file_checks_free(c.items, c.n);
        return cap_diag_set(diag, e == ENOMEM ? CAP_ENOMEM : CAP_EIO, "",
                            0, "%s: %s", dir, e == ENOMEM ? "out of memory"
                            : strerror(e));
    }
    *out = c.items;
    *n_out = c.n;
    return CAP_OK;
}

const char *
cap_manifest_require(const cap_manifest_doc *m, const char *section,
                     const char *key, const char *so, cap_diag *diag)
{
    const char *v = cap_manifest_get(m, section, key, NULL);

    if (v == NULL)
        cap_diag_set(diag, CAP_EINPUT, m->path, 0, "no [%s] %s: %s",
                     section, key, so);
    return v;
}

/* A key an [input.N] needs: its value, or NULL with diag set. */
static const char *
input_key(const cap_manifest_doc *m, const char *section, const char *key,
          cap_diag *diag)
{
    return cap_manifest_require(m, section, key, "the manifest does not "
                                "say where its inputs are", diag);
}

int
cap_manifest_inputs_read(const cap_manifest_doc *m, const char *dir,
                         cap_manifest_inputs *out, cap_diag *diag)
{
    size_t n = 0;
    int status = CAP_OK;

    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < m->n; i++)
        n += strcmp(m->entries[i].key, "stored") == 0
             && strncmp(m->entries[i].section, "input.", 6) == 0;
    out->redirects = calloc(n ? n : 1, sizeof *out->redirects);
    out->stored = calloc(n ? n : 1, sizeof *out->stored);
    if (out->redirects == NULL || out->stored == NULL)
        status = cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    /* [input.1], [input.2], ...: each read from DIR/STORED when the
     * loader opens PATH. */
    for (size_t k = 1; status == CAP_OK && out->n < n; k++) {
        char section[32];
        const char *path, *stored, *role;

        snprintf(section, sizeof section, "input.%zu", k);
        path = input_key(m, section, "path", diag);
        stored = path ? input_key(m, section, "stored", diag) : NULL;
        role = stored ? input_key(m, section, "role", diag) : NULL;
        if (role == NULL) {
            status = CAP_EINPUT;
            break;
        }
        snprintf(out->stored[out->n], sizeof out->stored[0], "%s/%s", dir,
                 stored);
        out->redirects[out->n].recorded = path;
        out->redirects[out->n].stored = out->stored[out->n];
        out->n++;
        if (out->scenario == NULL && strcmp(role, "scenario") == 0)
            out->scenario = path;
    }
    if (status == CAP_OK && out->scenario == NULL)
        status = cap_diag_set(diag, CAP_EINPUT, m->path, 0, "no input has "
                              "the role scenario: the manifest does not "
                              "say what ran");
    if (status != CAP_OK)
        cap_manifest_inputs_free(out);
    return status;
}

void
cap_manifest_inputs_free(cap_manifest_inputs *in)
{
    if (in == NULL)
        return;
    free(in->redirects);
    free(in->stored);
    memset(in, 0, sizeof *in);
}
