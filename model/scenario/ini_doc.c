/* ini_doc.c -- an INI file read into memory with line numbers.
 *
 * Debian's libinih is built without line numbers in the handler, so we
 * feed it through our own reader, which counts lines; when the handler
 * runs, the count is the line of the key it is given.  The reader takes
 * its lines from the file's bytes as captured by cap_input_file_read(),
 * never from the file itself.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ini.h>
#include "scenario/ini_doc.h"
#include "base/input_file.h"
#include "base/parse.h"

/* libinih's limit on section names (MAX_SECTION), less its NUL. */
#define SECTION_MAX 50

static void index_free(struct cap_ini_index *ix);

typedef struct {
    const char *next;         /* the bytes not yet read */
    const char *end;
    int line;                 /* lines read so far */
    int at_line_start;        /* the last chunk ended a line */
    cap_ini_doc *doc;
    size_t cap_entries, cap_sections;
    int status;
    cap_diag *diag;
} reader_state;

static int
add_section(reader_state *st, const char *name, int line)
{
    cap_ini_doc *doc = st->doc;
    int first = cap_ini_section_line(doc, name);

    if (first > 0) {
        st->status = cap_diag_set(st->diag, CAP_EINPUT, doc->path, line,
                                  "section [%s] appears twice (first at "
                                  "line %d)", name, first);
        return -1;
    }
    if (doc->n_sections == st->cap_sections) {
        size_t cap = st->cap_sections ? 2 * st->cap_sections : 16;
        cap_ini_section *s = realloc(doc->sections, cap * sizeof *s);

        if (s == NULL) {
            st->status = CAP_ENOMEM;
            return -1;
        }
        doc->sections = s;
        st->cap_sections = cap;
    }
    doc->sections[doc->n_sections].name = cap_strdup(name);
    doc->sections[doc->n_sections].line = line;
    if (doc->sections[doc->n_sections].name == NULL) {
        st->status = CAP_ENOMEM;
        return -1;
    }
    doc->n_sections++;
    return 0;
}

/* fgets() on the captured bytes: at most num - 1 bytes, up to and
 * including a newline.  The bytes hold no NUL (input_file.c refuses
 * them), so strlen() of the piece is its length. */
static char *
next_piece(reader_state *st, char *str, int num)
{
    size_t left = (size_t) (st->end - st->next), n = 0;

    if (left == 0)
        return NULL;
    while (n < left && n < (size_t) num - 1) {
        if (st->next[n++] == '\n')
            break;
    }
    memcpy(str, st->next, n);
    str[n] = '\0';
    st->next += n;
    return str;
}

/* fgets() for libinih that counts lines and notes section headers.
 * It also removes a line's leading white space, so an indented key is
 * an ordinary key: libinih would otherwise take it for the
 * continuation of the previous value.  (A UTF-8 byte-order mark was
 * skipped when the file was read.) */
static char *
read_line(char *str, int num, void *stream)
{
    reader_state *st = stream;
    size_t len;
    int full;

    if (st->status != CAP_OK)
        return NULL;
    if (next_piece(st, str, num) == NULL)
        return NULL;
    len = strlen(str);
    full = len == (size_t) num - 1 && str[len - 1] != '\n';
    if (st->at_line_start) {
        char *p = str;

        st->line++;
        while (*p == ' ' || *p == '\t')
            p++;
        if (p != str)
            memmove(str, p, strlen(p) + 1);
        if (str[0] == '[') {
            const char *close = strchr(str, ']');

            if (close != NULL) {
                char name[SECTION_MAX];
                size_t n = (size_t) (close - str - 1);

                /* libinih truncates longer section names; refuse them
                 * rather than let two sections share a truncated name. */
                if (n >= sizeof name) {
                    st->status = cap_diag_set(st->diag, CAP_EINPUT,
                                              st->doc->path, st->line,
                                              "section name longer than %d "
                                              "characters",
                                              SECTION_MAX - 1);
                    return NULL;
                }
                memcpy(name, str + 1, n);
                name[n] = '\0';
                if (add_section(st, name, st->line) != 0)
                    return NULL;
            } else if (!full) {
                /* libinih would skip the line and report the next one,
                 * or take the next key as part of the section before. */
                st->status = cap_diag_set(st->diag, CAP_EINPUT,
                                          st->doc->path, st->line,
                                          "unclosed section header: '[' "
                                          "without ']'");
                return NULL;
            }
        }
    }
    st->at_line_start = len > 0 && !full;
    /* A piece that fills the buffer without ending the line: libinih
     * would count the rest as another line, so stop here, at the right
     * line. */
    if (full && st->next < st->end) {
        st->status = cap_diag_set(st->diag, CAP_EINPUT, st->doc->path,
                                  st->line, "line longer than %d "
                                  "characters", num - 2);
        return NULL;
    }
    return str;
}

static int
on_key(void *user, const char *section, const char *key, const char *value)
{
    reader_state *st = user;
    cap_ini_doc *doc = st->doc;
    cap_ini_entry *e;

    if (st->status != CAP_OK)
        return 0;
    if (section[0] == '\0') {
        st->status = cap_diag_set(st->diag, CAP_EINPUT, doc->path, st->line,
                                  "key '%s' outside any [section]", key);
        return 0;
    }
    e = cap_ini_find(doc, section, key);
    if (e != NULL) {
        st->status = cap_diag_set(st->diag, CAP_EINPUT, doc->path, st->line,
                                  "key '%s' in [%s] given twice (first at "
                                  "line %d)", key, section, e->line);
        return 0;
    }
    if (doc->n_entries == st->cap_entries) {
        size_t cap = st->cap_entries ? 2 * st->cap_entries : 64;
        cap_ini_entry *grown = realloc(doc->entries, cap * sizeof *grown);

        if (grown == NULL) {
            st->status = CAP_ENOMEM;
            return 0;
        }
        doc->entries = grown;
        st->cap_entries = cap;
    }
    e = &doc->entries[doc->n_entries];
    e->section = cap_strdup(section);
    e->key = cap_strdup(key);
    e->value = cap_strdup(value);
    e->line = st->line;
    e->used = 0;
    doc->n_entries++;
    if (e->section == NULL || e->key == NULL || e->value == NULL) {
        st->status = CAP_ENOMEM;
        return 0;
    }
    return 1;
}

int
cap_ini_read(const char *path, cap_ini_doc **out, cap_diag *diag)
{
    return cap_ini_read_redirected(path, NULL, out, diag);
}

const char *
cap_ini_redirected(const cap_input_redirect_list *redirect, const char *path)
{
    for (size_t i = 0; redirect != NULL && i < redirect->n; i++)
        if (strcmp(redirect->items[i].recorded, path) == 0)
            return redirect->items[i].stored;
    return path;
}

int
cap_ini_read_redirected(const char *path,
                        const cap_input_redirect_list *redirect,
                        cap_ini_doc **out, cap_diag *diag)
{
    cap_input_file *file;
    int status;

    *out = NULL;
    status = cap_input_file_read_as(path, cap_ini_redirected(redirect, path),
                                    &file, diag);
    if (status != CAP_OK)
        return status;
    status = cap_ini_parse(file, out, diag);
    cap_input_file_unref(file);
    if (status == CAP_OK)
        (*out)->redirect = redirect;
    return status;
}

int
cap_ini_open_input(const cap_ini_doc *doc, const char *path,
                   cap_input_file **out, cap_diag *diag)
{
    return cap_input_file_read_as(path,
                                  cap_ini_redirected(doc->redirect, path),
                                  out, diag);
}

int
cap_ini_parse(cap_input_file *file, cap_ini_doc **out, cap_diag *diag)
{
    reader_state st;
    cap_ini_doc *doc;
    int r;

    *out = NULL;
    doc = calloc(1, sizeof *doc);
    if (doc == NULL)
        return CAP_ENOMEM;
    doc->path = cap_strdup(file->path);
    if (doc->path == NULL) {
        cap_ini_free(doc);
        return CAP_ENOMEM;
    }
    doc->file = cap_input_file_ref(file);
    memset(&st, 0, sizeof st);
    st.next = file->bytes + file->text;
    st.end = file->bytes + file->size;
    st.doc = doc;
    st.at_line_start = 1;
    st.diag = diag;
    r = ini_parse_stream(read_line, &st, on_key, &st);
    if (st.status == CAP_OK && r > 0)
        st.status = cap_diag_set(diag, CAP_EINPUT, doc->path, r,
                                 "cannot read this line: expected "
                                 "[section] or key = value (at most %d "
                                 "characters)", INI_MAX_LINE - 2);
    else if (st.status == CAP_OK && r < 0)
        st.status = CAP_ENOMEM;
    if (st.status != CAP_OK) {
        cap_ini_free(doc);
        return st.status;
    }
    *out = doc;
    return CAP_OK;
}

void
cap_ini_free(cap_ini_doc *doc)
{
    if (doc == NULL)
        return;
    for (size_t i = 0; i < doc->n_entries; i++) {
        free(doc->entries[i].section);
        free(doc->entries[i].key);
        free(doc->entries[i].value);
    }
    for (size_t i = 0; i < doc->n_sections; i++)
        free(doc->sections[i].name);
    free(doc->entries);
    free(doc->sections);
    free(doc->path);
    index_free(doc->index);
    cap_input_file_unref(doc->file);
    cap_input_file_unref(doc->practices);
    for (size_t i = 0; i < doc->n_bases; i++)
        cap_input_file_unref(doc->bases[i]);
    free(doc->bases);
    free(doc->base_offsets);
    free(doc);
}

cap_ini_doc *
cap_ini_new(const char *path)
{
    cap_ini_doc *doc = calloc(1, sizeof *doc);

    if (doc != NULL && (doc->path = cap_strdup(path)) == NULL) {
        free(doc);
        return NULL;
    }
    return doc;
}

int
cap_ini_add_section(cap_ini_doc *doc, const char *section, int line)
{
    cap_ini_section *grown;
    char *name;

    if (cap_ini_section_line(doc, section) > 0)
        return CAP_OK;
    name = cap_strdup(section);
    grown = realloc(doc->sections, (doc->n_sections + 1) * sizeof *grown);
    if (grown != NULL)
        doc->sections = grown;
    if (name == NULL || grown == NULL) {
        free(name);
        return CAP_ENOMEM;
    }
    doc->sections[doc->n_sections].name = name;
    doc->sections[doc->n_sections].line = line;
    doc->n_sections++;
    return CAP_OK;
}

void
cap_ini_where(const cap_ini_doc *doc, int pos, const char **path, int *line)
{
    /* Positions grow along the chain of bases: the last base whose
     * positions begin below pos holds it, else the file itself. */
    for (size_t k = doc->n_bases; k-- > 0;)
        if (pos > doc->base_offsets[k]) {
            *path = doc->bases[k]->path;
            *line = pos - doc->base_offsets[k];
            return;
        }
    *path = doc->path;
    *line = pos;
}

int
cap_ini_diag(const cap_ini_doc *doc, cap_diag *diag, int code, int pos,
             const char *fmt, ...)
{
    char msg[sizeof diag->message];
    const char *path;
    int line;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cap_ini_where(doc, pos, &path, &line);
    return cap_diag_set(diag, code, path, line, "%s", msg);
}

/* The lookups' index: two open-addressing hash tables (linear
 * probing), one of entries by (section, key) and one of sections by
 * name.  A slot holds an array index plus one (0 = empty), not a
 * pointer, since the arrays move as they grow.  Entries and sections
 * are only ever appended, and their names never change, so the tables
 * are brought up to date by adding what was appended since the last
 * lookup; lookups made while a file is read (duplicate checks) thus
 * cost the same on average as any other. */
typedef struct {
    size_t *slot;
    size_t cap;               /* a power of two, or 0 */
    size_t indexed;           /* array items added so far */
} hash_table;

struct cap_ini_index {
    hash_table entries;
    hash_table sections;
    size_t probes;            /* names compared (cap_ini_probes) */
    /* Each section's entries in document order, as chains: next[i] is
     * the entry after entry i in its section, head[s] and tail[s]
     * section s's first and last (all plus one, 0 = none).  An entry
     * of a section without a header is in no chain. */
    size_t *next, *head, *tail;
    size_t chained;           /* entries linked so far */
    size_t cap_next, cap_heads;
};

/* FNV-1a of a and, when b is not NULL, a separator and b. */
static size_t
hash_names(const char *a, const char *b)
{
    uint64_t h = 14695981039346656037u;

    for (const unsigned char *p = (const unsigned char *) a; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    if (b != NULL) {
        h = (h ^ 0xffu) * 1099511628211u;   /* no name holds 0xff alone */
        for (const unsigned char *p = (const unsigned char *) b; *p; p++)
            h = (h ^ *p) * 1099511628211u;
    }
    return (size_t) h;
}

static size_t
entry_hash(const cap_ini_doc *doc, size_t i)
{
    return hash_names(doc->entries[i].section, doc->entries[i].key);
}

static size_t
section_hash(const cap_ini_doc *doc, size_t i)
{
    return hash_names(doc->sections[i].name, NULL);
}

static int
entry_is(const cap_ini_doc *doc, size_t i, const char *section,
         const char *key)
{
    return strcmp(doc->entries[i].section, section) == 0
           && strcmp(doc->entries[i].key, key) == 0;
}

static int
section_is(const cap_ini_doc *doc, size_t i, const char *name,
           const char *unused)
{
    (void) unused;
    return strcmp(doc->sections[i].name, name) == 0;
}

/* Bring t up to date with the first n items (hashed by hash, compared
 * by same).  Returns 0, or -1 when out of memory (t is then freed and
 * the lookups scan). */
static int
table_update(hash_table *t, const cap_ini_doc *doc, size_t n,
             size_t (*hash)(const cap_ini_doc *, size_t))
{
    if (t->indexed == n)
        return 0;
    if (2 * n >= t->cap) {
        size_t cap = t->cap ? t->cap : 64;
        size_t *slot;

        while (2 * n >= cap)
            cap *= 2;
        slot = calloc(cap, sizeof *slot);
        if (slot == NULL) {
            free(t->slot);
            memset(t, 0, sizeof *t);
            return -1;
        }
        free(t->slot);
        t->slot = slot;
        t->cap = cap;
        t->indexed = 0;
    }
    for (; t->indexed < n; t->indexed++) {
        size_t at = hash(doc, t->indexed) & (t->cap - 1);

        /* Names are unique (the reader refuses a second one), so the
         * item goes in the first free slot. */
        while (t->slot[at] != 0)
            at = (at + 1) & (t->cap - 1);
        t->slot[at] = t->indexed + 1;
    }
    return 0;
}

/* The index of the item named (a, b) among n, or n when none. */
static size_t
table_find(hash_table *t, const cap_ini_doc *doc, size_t n, const char *a,
           const char *b, int (*same)(const cap_ini_doc *, size_t,
                                      const char *, const char *),
           size_t *probes)
{
    size_t at;

    if (t->cap == 0)          /* nothing indexed yet */
        return n;
    at = hash_names(a, b) & (t->cap - 1);
    for (; t->slot[at] != 0; at = (at + 1) & (t->cap - 1)) {
        ++*probes;
        if (same(doc, t->slot[at] - 1, a, b))
            return t->slot[at] - 1;
    }
    return n;
}

static void
index_free(struct cap_ini_index *ix)
{
    if (ix == NULL)
        return;
    free(ix->entries.slot);
    free(ix->sections.slot);
    free(ix->next);
    free(ix->head);
    free(ix->tail);
    free(ix);
}

/* Grow *a (of *cap items) to hold n, zeroing the new items.  Returns
 * 0, or -1 when out of memory. */
static int
grow_zeroed(size_t **a, size_t *cap, size_t n)
{
    size_t want = *cap ? *cap : 64;
    size_t *grown;

    if (n <= *cap)
        return 0;
    while (want < n)
        want *= 2;
    grown = realloc(*a, want * sizeof *grown);
    if (grown == NULL)
        return -1;
    memset(grown + *cap, 0, (want - *cap) * sizeof *grown);
    *a = grown;
    *cap = want;
    return 0;
}

/* Link the entries added since the last call into their sections'
 * chains.  Returns 0, or -1 when out of memory. */
static int
chain_update(struct cap_ini_index *ix, const cap_ini_doc *doc)
{
    size_t heads_cap = ix->cap_heads;

    if (grow_zeroed(&ix->next, &ix->cap_next, doc->n_entries) != 0
        || grow_zeroed(&ix->head, &ix->cap_heads, doc->n_sections) != 0
        || grow_zeroed(&ix->tail, &heads_cap, doc->n_sections) != 0)
        return -1;
    for (; ix->chained < doc->n_entries; ix->chained++) {
        size_t i = ix->chained;
        size_t sec = table_find(&ix->sections, doc, doc->n_sections,
                                doc->entries[i].section, NULL, section_is,
                                &ix->probes);

        if (sec == doc->n_sections)
            continue;
        if (ix->tail[sec] == 0)
            ix->head[sec] = i + 1;
        else
            ix->next[ix->tail[sec] - 1] = i + 1;
        ix->tail[sec] = i + 1;
    }
    return 0;
}

/* doc's index, made or brought up to date, or NULL when out of memory.
 * The index is a cache of the document, not part of what it says, so
 * a lookup in a const document may still fill it in. */
static struct cap_ini_index *
index_of(const cap_ini_doc *doc)
{
    cap_ini_doc *d = (cap_ini_doc *) doc;

    if (d->index == NULL && (d->index = calloc(1, sizeof *d->index)) == NULL)
        return NULL;
    /* Sections first: the chains find an entry's section by name. */
    if (table_update(&d->index->sections, doc, doc->n_sections,
                     section_hash) != 0
        || table_update(&d->index->entries, doc, doc->n_entries,
                        entry_hash) != 0
        || chain_update(d->index, doc) != 0) {
        index_free(d->index);
        d->index = NULL;
    }
    return d->index;
}

cap_ini_entry *
cap_ini_find(const cap_ini_doc *doc, const char *section, const char *key)
{
    struct cap_ini_index *ix = index_of(doc);
    size_t i;

    if (ix != NULL) {
        i = table_find(&ix->entries, doc, doc->n_entries, section, key,
                       entry_is, &ix->probes);
        return i < doc->n_entries ? &doc->entries[i] : NULL;
    }
    for (i = 0; i < doc->n_entries; i++)
        if (entry_is(doc, i, section, key))
            return &doc->entries[i];
    return NULL;
}

int
cap_ini_section_line(const cap_ini_doc *doc, const char *section)
{
    struct cap_ini_index *ix = index_of(doc);
    size_t i;

    if (ix != NULL) {
        i = table_find(&ix->sections, doc, doc->n_sections, section, NULL,
                       section_is, &ix->probes);
        return i < doc->n_sections ? doc->sections[i].line : 0;
    }
    for (i = 0; i < doc->n_sections; i++)
        if (section_is(doc, i, section, NULL))
            return doc->sections[i].line;
    return 0;
}

cap_ini_entry *
cap_ini_next_in(const cap_ini_doc *doc, const char *section,
                const cap_ini_entry *after)
{
    struct cap_ini_index *ix = index_of(doc);
    size_t i;

    if (ix != NULL) {
        if (after != NULL)
            i = ix->next[(size_t) (after - doc->entries)];
        else {
            size_t sec = table_find(&ix->sections, doc, doc->n_sections,
                                    section, NULL, section_is, &ix->probes);

            i = sec < doc->n_sections ? ix->head[sec] : 0;
        }
        return i > 0 ? &doc->entries[i - 1] : NULL;
    }
    /* Out of memory for the index: scan. */
    i = after != NULL ? (size_t) (after - doc->entries) + 1 : 0;
    for (; i < doc->n_entries; i++)
        if (strcmp(doc->entries[i].section, section) == 0
            && cap_ini_section_line(doc, section) > 0)
            return &doc->entries[i];
    return NULL;
}

size_t
cap_ini_probes(const cap_ini_doc *doc)
{
    return doc->index ? doc->index->probes : 0;
}

cap_ini_doc *
cap_ini_clone(const cap_ini_doc *doc)
{
    cap_ini_doc *c = calloc(1, sizeof *c);
    int ok;

    if (c == NULL)
        return NULL;
    c->path = cap_strdup(doc->path);
    c->file = cap_input_file_ref(doc->file);
    c->practices = cap_input_file_ref(doc->practices);
    /* A clone made during a load reads the load's files (the practices
     * CSV) from where the load reads them. */
    c->redirect = doc->redirect;
    if (doc->n_bases > 0) {
        c->bases = calloc(doc->n_bases, sizeof *c->bases);
        c->base_offsets = malloc(doc->n_bases * sizeof *c->base_offsets);
        if (c->bases == NULL || c->base_offsets == NULL) {
            cap_ini_free(c);
            return NULL;
        }
        memcpy(c->base_offsets, doc->base_offsets,
               doc->n_bases * sizeof *c->base_offsets);
        for (size_t i = 0; i < doc->n_bases; i++)
            c->bases[c->n_bases++] = cap_input_file_ref(doc->bases[i]);
    }
    c->entries = calloc(doc->n_entries + 1, sizeof *c->entries);
    c->sections = calloc(doc->n_sections + 1, sizeof *c->sections);
    ok = c->path && c->entries && c->sections;
    for (size_t i = 0; ok && i < doc->n_entries; i++) {
        const cap_ini_entry *e = &doc->entries[i];
        cap_ini_entry *d = &c->entries[i];

        d->section = cap_strdup(e->section);
        d->key = cap_strdup(e->key);
        d->value = cap_strdup(e->value);
        d->line = e->line;
        c->n_entries++;
        ok = d->section && d->key && d->value;
    }
    for (size_t i = 0; ok && i < doc->n_sections; i++) {
        c->sections[i].name = cap_strdup(doc->sections[i].name);
        c->sections[i].line = doc->sections[i].line;
        c->n_sections++;
        ok = c->sections[i].name != NULL;
    }
    if (!ok) {
        cap_ini_free(c);
        return NULL;
    }
    return c;
}

int
cap_ini_set(cap_ini_doc *doc, const char *section, const char *key,
            const char *value, int line)
{
    cap_ini_entry *e = cap_ini_find(doc, section, key);
    char *v = cap_strdup(value);

    if (v == NULL)
        return CAP_ENOMEM;
    if (e == NULL) {
        cap_ini_entry *grown = realloc(doc->entries, (doc->n_entries + 1)
                                                     * sizeof *grown);

        if (grown == NULL) {
            free(v);
            return CAP_ENOMEM;
        }
        doc->entries = grown;
        e = &doc->entries[doc->n_entries];
        e->section = cap_strdup(section);
        e->key = cap_strdup(key);
        e->value = NULL;
        e->line = line;
        e->used = 0;
        if (e->section == NULL || e->key == NULL) {
            free(e->section);
            free(e->key);
            free(v);
            return CAP_ENOMEM;
        }
        doc->n_entries++;
    }
    free(e->value);
    e->value = v;
    if (line > 0)
        e->line = line;
    return CAP_OK;
}
