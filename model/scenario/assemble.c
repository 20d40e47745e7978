/* assemble.c -- a scenario file and the files it builds on ([scenario]
 * base), read once each and assembled into one document; and a
 * document written back out as one file (`capsim validate --expand`).
 *
 * Each file is parsed on its own (so a duplicate key or a syntax error
 * is that file's), its lines moved to positions of their own (ini_doc.h)
 * so that the assembled document still knows which file wrote each
 * key, then the files are laid one over another, deepest first.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/input_file.h"
#include "base/parse.h"
#include "scenario/assemble.h"

/* The files read so far: the scenario file, then its bases nearest
 * first, each with where it was read from made absolute (to find a
 * cycle however its path was written). */
typedef struct {
    cap_ini_doc *docs[CAP_BASES_MAX + 1];
    char *real[CAP_BASES_MAX + 1];
    size_t n;
} chain;

static void
chain_free(chain *c)
{
    for (size_t i = 0; i < c->n; i++) {
        cap_ini_free(c->docs[i]);
        free(c->real[i]);
    }
}

/* value in the folder of the file at path ("./value" when path names
 * no folder), or value when absolute: a new string, or NULL when out of
 * memory. */
static char *
path_beside(const char *path, const char *value)
{
    const char *slash = strrchr(path, '/');
    size_t folder = slash ? (size_t) (slash - path) + 1 : 2;
    size_t n = strlen(value);
    char *joined;

    if (value[0] == '/')
        folder = 0;
    joined = malloc(folder + n + 1);
    if (joined == NULL)
        return NULL;
    memcpy(joined, slash || folder == 0 ? path : "./", folder);
    memcpy(joined + folder, value, n + 1);
    return joined;
}

char *
cap_ini_path_at(const cap_ini_doc *doc, int pos, const char *value)
{
    const char *path;
    int line;

    cap_ini_where(doc, pos, &path, &line);
    return path_beside(path, value);
}

/* Where the file known as path is read from, made absolute; the path
 * itself when it cannot be (it does not exist: reading it fails
 * next).  NULL when out of memory. */
static char *
real_path(const cap_input_redirect_list *redirect, const char *path)
{
    const char *open = cap_ini_redirected(redirect, path);
    char *real = realpath(open, NULL);

    return real != NULL ? real : cap_strdup(open);
}

/* The chain's files, "a -> b -> c", for a message. */
static void
chain_text(const chain *c, char *buf, size_t size)
{
    size_t len = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < c->n && len < size; i++)
        len += (size_t) snprintf(buf + len, size - len, "%s%s",
                                 i ? " -> " : "", c->docs[i]->path);
}

/* Shift every line of doc by offset, making them positions of the
 * load. */
static void
shift_lines(cap_ini_doc *doc, int offset)
{
    for (size_t i = 0; i < doc->n_entries; i++)
        doc->entries[i].line += offset;
    for (size_t i = 0; i < doc->n_sections; i++)
        doc->sections[i].line += offset;
}

/* Note the base just read, f, in out (the assembled document, whose
 * positions it extends), its positions beginning after those of the
 * file before it, prev.  Returns the offset of its positions, or -1
 * when out of memory. */
static int
note_base(cap_ini_doc *out, const cap_input_file *prev, cap_input_file *f)
{
    size_t n = out->n_bases;
    int before = n > 0 ? out->base_offsets[n - 1] : 0;
    cap_input_file **bases = realloc(out->bases, (n + 1) * sizeof *bases);
    int *offsets;

    if (bases == NULL)
        return -1;
    out->bases = bases;
    offsets = realloc(out->base_offsets, (n + 1) * sizeof *offsets);
    if (offsets == NULL)
        return -1;
    out->base_offsets = offsets;
    /* One past the last line of the file before: a file's lines are at
     * most its line count, so positions of two files never meet. */
    offsets[n] = before + cap_input_file_line(prev, prev->size) + 1;
    bases[n] = cap_input_file_ref(f);
    out->n_bases = n + 1;
    return offsets[n];
}

/* Read the base named by e (the `base` key of the last file of c) into
 * c, checking it first.  Returns CAP_OK or the failure, with diag at
 * e's position. */
static int
read_base(chain *c, cap_ini_doc *out, const cap_ini_entry *e,
          cap_diag *diag)
{
    const cap_ini_doc *including = c->docs[c->n - 1];
    char *path, *real, text[400];
    cap_ini_doc *doc;
    cap_diag why;
    int status, offset;

    if (e->value[0] == '\0')
        return cap_ini_diag(out, diag, CAP_EINPUT, e->line,
                            "[scenario] base: value is empty (the file "
                            "this one builds on)");
    path = path_beside(including->path, e->value);
    real = path ? real_path(out->redirect, path) : NULL;
    if (real == NULL) {
        free(path);
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    }
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->real[i], real) == 0) {
            chain_text(c, text, sizeof text);
            status = cap_ini_diag(out, diag, CAP_EINPUT, e->line,
                                  "[scenario] base = %s: a cycle: %s is "
                                  "already in the chain %s",
                                  e->value, path, text);
            free(path);
            free(real);
            return status;
        }
    if (c->n == CAP_BASES_MAX + 1) {
        free(path);
        free(real);
        return cap_ini_diag(out, diag, CAP_EINPUT, e->line,
                            "[scenario] base = %s: bases may be nested at "
                            "most %d deep", e->value, CAP_BASES_MAX);
    }
    status = cap_ini_read_redirected(path, out->redirect, &doc, &why);
    free(path);
    if (status != CAP_OK) {
        free(real);
        if (status == CAP_ENOMEM || why.line > 0) {
            /* A problem inside the base is named where it is. */
            *diag = why;
            return status;
        }
        return cap_ini_diag(out, diag, status, e->line,
                            "[scenario] base = %s: %s: %s", e->value,
                            why.file, why.message);
    }
    offset = note_base(out, c->docs[c->n - 1]->file, doc->file);
    if (offset < 0) {
        cap_ini_free(doc);
        free(real);
        return cap_diag_set(diag, CAP_ENOMEM, "", 0, "out of memory");
    }
    shift_lines(doc, offset);
    c->docs[c->n] = doc;
    c->real[c->n++] = real;
    return CAP_OK;
}

static int
is_base_key(const cap_ini_entry *e)
{
    return strcmp(e->section, "scenario") == 0 && strcmp(e->key, "base") == 0;
}

/* Lay over's sections and keys over under's, into into (empty): under's
 * sections in their order, then over's new ones; under's keys in their
 * order, over's value replacing under's (or removing the key, when
 * empty), then over's new keys.  over's `base` is left out.  Returns
 * CAP_OK or CAP_ENOMEM. */
static int
lay_over(const cap_ini_doc *under, const cap_ini_doc *over,
         cap_ini_doc *into)
{
    int status = CAP_OK;

    for (size_t i = 0; i < under->n_sections && status == CAP_OK; i++) {
        const char *name = under->sections[i].name;
        int line = cap_ini_section_line(over, name);

        status = cap_ini_add_section(into, name,
                                     line > 0 ? line
                                     : under->sections[i].line);
    }
    for (size_t i = 0; i < over->n_sections && status == CAP_OK; i++)
        status = cap_ini_add_section(into, over->sections[i].name,
                                     over->sections[i].line);
    for (size_t i = 0; i < under->n_entries && status == CAP_OK; i++) {
        const cap_ini_entry *e = &under->entries[i];
        const cap_ini_entry *o = cap_ini_find(over, e->section, e->key);

        if (o == NULL)
            status = cap_ini_set(into, e->section, e->key, e->value,
                                 e->line);
        else if (o->value[0] != '\0')
            status = cap_ini_set(into, e->section, e->key, o->value,
                                 o->line);
    }
    for (size_t i = 0; i < over->n_entries && status == CAP_OK; i++) {
        const cap_ini_entry *o = &over->entries[i];

        if (!is_base_key(o) && cap_ini_find(under, o->section, o->key) == NULL)
            status = cap_ini_set(into, o->section, o->key, o->value,
                                 o->line);
    }
    return status;
}

/* Lay the chain's files over one another, deepest first, the last
 * layer into out.  Returns CAP_OK or CAP_ENOMEM. */
static int
lay_chain(const chain *c, cap_ini_doc *out)
{
    cap_ini_doc *under = c->docs[c->n - 1], *made = NULL;
    int status = CAP_OK;

    for (size_t k = c->n - 1; k-- > 0 && status == CAP_OK;) {
        cap_ini_doc *into = k == 0 ? out : cap_ini_new(out->path);

        status = into ? lay_over(under, c->docs[k], into) : CAP_ENOMEM;
        cap_ini_free(made);
        made = into != out ? into : NULL;
        under = into;
    }
    cap_ini_free(made);
    return status;
}

int
cap_ini_read_assembled(const char *path,
                       const cap_input_redirect_list *redirect,
                       cap_ini_doc **out, cap_diag *diag)
{
    chain c = { { NULL }, { NULL }, 0 };
    cap_ini_doc *doc = NULL;
    const cap_ini_entry *e;
    int status;

    *out = NULL;
    status = cap_ini_read_redirected(path, redirect, &c.docs[0], diag);
    if (status != CAP_OK)
        return status;
    c.n = 1;
    if (cap_ini_find(c.docs[0], "scenario", "base") == NULL) {
        *out = c.docs[0];
        return CAP_OK;
    }
    c.real[0] = real_path(redirect, path);
    doc = cap_ini_new(path);
    status = c.real[0] && doc ? CAP_OK : CAP_ENOMEM;
    if (status == CAP_OK) {
        doc->file = cap_input_file_ref(c.docs[0]->file);
        doc->redirect = redirect;
    }
    while (status == CAP_OK
           && (e = cap_ini_find(c.docs[c.n - 1], "scenario", "base")) != NULL)
        status = read_base(&c, doc, e, diag);
    if (status == CAP_OK)
        status = lay_chain(&c, doc);
    chain_free(&c);
    if (status != CAP_OK) {
        if (status == CAP_ENOMEM)
            cap_diag_set(diag, status, path, 0, "out of memory");
        cap_ini_free(doc);
        return status;
    }
    *out = doc;
    return CAP_OK;
}

/* The comment naming where position pos was written: "  ; FILE:LINE",
 * or "" for no position. */
static void
origin_comment(const cap_ini_doc *doc, int pos, char *buf, size_t size)
{
    const char *path;
    int line;

    buf[0] = '\0';
    if (pos <= 0)
        return;
    cap_ini_where(doc, pos, &path, &line);
    snprintf(buf, size, "    ; %s:%d", path, line);
}

/* Write text, then its comment on the same line when the two fit the
 * reader's line (libinih's 200 characters), else the comment first on
 * a line of its own. */
static void
write_line(FILE *out, const char *text, const char *comment)
{
    if (strlen(text) + strlen(comment) <= 190)
        fprintf(out, "%s%s\n", text, comment);
    else
        fprintf(out, "%s\n%s\n", comment[0] ? comment + 4 : "", text);
}

int
cap_ini_write(const cap_ini_doc *doc, const char *head, FILE *out)
{
    char comment[600];

    while (head != NULL && *head) {
        size_t n = strcspn(head, "\n");

        fprintf(out, "; %.*s\n", (int) n, head);
        head += n + (head[n] == '\n');
    }
    for (size_t s = 0; s < doc->n_sections; s++) {
        const cap_ini_section *sec = &doc->sections[s];
        size_t n = strlen(sec->name) + 3;
        char *text = malloc(n);

        if (text == NULL)
            return CAP_ENOMEM;
        snprintf(text, n, "[%s]", sec->name);
        origin_comment(doc, sec->line, comment, sizeof comment);
        fputs("\n", out);
        write_line(out, text, comment);
        free(text);
        for (const cap_ini_entry *e = cap_ini_next_in(doc, sec->name, NULL);
             e != NULL; e = cap_ini_next_in(doc, sec->name, e)) {
            n = strlen(e->key) + strlen(e->value) + 4;
            text = malloc(n);
            if (text == NULL)
                return CAP_ENOMEM;
            snprintf(text, n, "%s =%s%s", e->key, e->value[0] ? " " : "",
                     e->value);
            origin_comment(doc, e->line, comment, sizeof comment);
            write_line(out, text, comment);
            free(text);
        }
    }
    return fflush(out) == 0 && !ferror(out) ? CAP_OK : CAP_EIO;
}
