/* ini_doc.h -- an INI file read into memory with line numbers (internal).
 *
 * libinih parses; this module keeps every key with the line it came
 * from, and every section with the line of its header, so that the
 * scenario builder can check keys in any order and still name the
 * line of a problem.  Each entry also records whether it was used, so
 * unknown keys are found by what is left over.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_INI_DOC_H
#define CAPSIM_INI_DOC_H

#include <stddef.h>
#include "capsim/error.h"
#include "capsim/scenario.h"

/* A key's or a section header's line is a position in the load: its
 * line in the file that wrote it, offset by where that file's positions
 * begin (0 for the scenario file itself, so a file without a base has
 * plain line numbers).  cap_ini_where() turns a position back into a
 * file and line; 0 means no line. */
typedef struct {
    char *section;
    char *key;
    char *value;
    int line;                 /* a position (see above) */
    int used;
} cap_ini_entry;

typedef struct {
    char *name;
    int line;                 /* a position (see above) */
} cap_ini_section;

struct cap_ini_index;
struct cap_input_file;

typedef struct cap_ini_doc {
    char *path;
    struct cap_input_file *file;      /* the bytes parsed (a reference) */
    struct cap_input_file *practices; /* the practices CSV once read (a
                                         reference, carried to clones so
                                         variants never read it again),
                                         or NULL */
    struct cap_input_file **bases;    /* the files it builds on
                                         ([scenario] base), nearest
                                         first: references, carried to
                                         clones */
    size_t n_bases;
    int *base_offsets;                /* where each base's positions
                                         begin: line L of bases[k] is
                                         position base_offsets[k] + L */
    /* Files to read from elsewhere while loading (not owned; only
     * during the load: carried to the clones the load makes, NULL in
     * the scenario's source). */
    const struct cap_input_redirect_list *redirect;
    cap_ini_entry *entries;
    size_t n_entries;
    cap_ini_section *sections;
    size_t n_sections;
    /* Hash tables of the entries and sections, for the lookups below:
     * a cache built on the first lookup and extended to entries added
     * since, owned by the document (NULL until then, or when out of
     * memory: lookups then scan). */
    struct cap_ini_index *index;
} cap_ini_doc;

/* Read path (once, through cap_input_file_read) and parse it.  Returns
 * CAP_OK, or CAP_EIO / CAP_EINPUT / CAP_ENOMEM with diag set (the file's
 * kind, size or encoding, syntax errors, duplicate keys or sections). */
int cap_ini_read(const char *path, cap_ini_doc **out, cap_diag *diag);

/* Parse the captured file; the doc takes a reference to it (doc->file).
 * Returns as cap_ini_read. */
int cap_ini_parse(struct cap_input_file *file, cap_ini_doc **out,
                  cap_diag *diag);
void cap_ini_free(cap_ini_doc *doc);

/* The files a load reads from elsewhere (not owned). */
typedef struct cap_input_redirect_list {
    const cap_input_redirect *items;
    size_t n;
} cap_input_redirect_list;

/* As cap_ini_read(path), reading path from its redirect when redirect
 * (which may be NULL) names it; the doc keeps the pointer for the rest
 * of the load (doc->redirect).  Returns as cap_ini_read. */
int cap_ini_read_redirected(const char *path,
                            const cap_input_redirect_list *redirect,
                            cap_ini_doc **out, cap_diag *diag);

/* Where to open the file known as path: its redirect's stored copy when
 * redirect (which may be NULL) names it, else path itself. */
const char *cap_ini_redirected(const cap_input_redirect_list *redirect,
                               const char *path);

/* Read the input file at path for doc's load (a base, the practices
 * CSV): from its redirect when doc->redirect names it, else from path.
 * Returns as cap_input_file_read. */
int cap_ini_open_input(const cap_ini_doc *doc, const char *path,
                       struct cap_input_file **out, cap_diag *diag);

/* The entry for key in section, or NULL.  Constant time on average
 * (a hash table), so that a file's checks take time in proportion to
 * its size. */
cap_ini_entry *cap_ini_find(const cap_ini_doc *doc, const char *section,
                            const char *key);

/* A deep copy of doc (used flags cleared; the references to its files
 * and bases taken again), or NULL when out of memory. */
cap_ini_doc *cap_ini_clone(const cap_ini_doc *doc);

/* Give key in section the value, adding the key (after the others) when
 * the section lacks it; when line > 0 the entry is also said to come
 * from that position (so a value set by a sweep is reported at the
 * sweep's line, in the file that holds the [sweep]).  The section
 * itself must exist for the builder to read the key.  Returns CAP_OK
 * or CAP_ENOMEM. */
int cap_ini_set(cap_ini_doc *doc, const char *section, const char *key,
                const char *value, int line);

/* An empty document known as path: no entries or sections.  Returns it
 * (free with cap_ini_free), or NULL when out of memory. */
cap_ini_doc *cap_ini_new(const char *path);

/* Add the header of section at position line, after the others, unless
 * doc has the section already.  Returns CAP_OK or CAP_ENOMEM. */
int cap_ini_add_section(cap_ini_doc *doc, const char *section, int line);

/* The file and line of position pos in doc's load: *path the scenario
 * file's path or a base's (pointing into doc), *line the line in it, 0
 * when pos is 0 (no line). */
void cap_ini_where(const cap_ini_doc *doc, int pos, const char **path,
                   int *line);

/* cap_diag_set() at the file and line of position pos in doc's load.
 * Returns code. */
int cap_ini_diag(const cap_ini_doc *doc, cap_diag *diag, int code, int pos,
                 const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* The line of section's header, or 0.  Constant time on average. */
int cap_ini_section_line(const cap_ini_doc *doc, const char *section);

/* The entries of section (which has a [section] header) in document
 * order, then those added by cap_ini_set(): the first when after is
 * NULL, else the one after `after` (an entry of that section), or NULL
 * at the end.  Constant time on average per call, so a section's keys
 * are visited in time proportional to their number, not the file's.
 * The entries are doc's. */
cap_ini_entry *cap_ini_next_in(const cap_ini_doc *doc, const char *section,
                               const cap_ini_entry *after);

/* How many stored names the lookups of doc have compared with the name
 * sought, so far: for tests, which check that it grows in proportion
 * to the number of lookups, not to their product with the file's
 * size. */
size_t cap_ini_probes(const cap_ini_doc *doc);

#endif /* CAPSIM_INI_DOC_H */
