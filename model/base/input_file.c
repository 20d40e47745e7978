/* input_file.c -- an input file read once into memory (see input_file.h).
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/input_file.h"
#include "base/parse.h"
#include "base/sha256.h"

/* What kind of file mode is, for a message; NULL for a regular file. */
static const char *
kind_of(mode_t mode)
{
    if (S_ISREG(mode))
        return NULL;
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "a special file";
}

int
cap_input_file_line(const cap_input_file *f, size_t off)
{
    int line = 1;

    for (size_t i = 0; i < off && i < f->size; i++)
        if (f->bytes[i] == '\n')
            line++;
    return line;
}

/* The encoding a file starting with b (n bytes) was saved in, when it
 * is UTF-16 or UTF-32: by its byte-order mark, or else by the NULs
 * that ASCII text has in those encodings.  NULL for anything else. */
static const char *
wide_encoding(const unsigned char *b, size_t n)
{
    if (n >= 4 && memcmp(b, "\xFF\xFE\0\0", 4) == 0)
        return "UTF-32";
    if (n >= 4 && memcmp(b, "\0\0\xFE\xFF", 4) == 0)
        return "UTF-32";
    if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE)
                   || (b[0] == 0xFE && b[1] == 0xFF)))
        return "UTF-16";
    if (n >= 4 && ((b[0] && !b[1] && !b[2] && !b[3])
                   || (!b[0] && !b[1] && !b[2] && b[3])))
        return "UTF-32";
    if (n >= 4 && ((b[0] && !b[1] && b[2] && !b[3])
                   || (!b[0] && b[1] && !b[2] && b[3])))
        return "UTF-16";
    return NULL;
}

/* The length of the UTF-8 sequence at b (n bytes left), or 0 when it
 * is not one (RFC 3629: no overlong forms, no surrogates, nothing
 * above U+10FFFF). */
static size_t
utf8_length(const unsigned char *b, size_t n)
{
    size_t len;
    unsigned lo = 0x80, hi = 0xBF;

    if (b[0] < 0x80)
        return 1;
    if (b[0] >= 0xC2 && b[0] <= 0xDF)
        len = 2;
    else if (b[0] >= 0xE0 && b[0] <= 0xEF) {
        len = 3;
        if (b[0] == 0xE0)
            lo = 0xA0;
        else if (b[0] == 0xED)
            hi = 0x9F;
    } else if (b[0] >= 0xF0 && b[0] <= 0xF4) {
        len = 4;
        if (b[0] == 0xF0)
            lo = 0x90;
        else if (b[0] == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (n < len || b[1] < lo || b[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (b[i] < 0x80 || b[i] > 0xBF)
            return 0;
    return len;
}

/* Check that f is UTF-8 text and set f->text past a byte-order mark. */
static int
check_text(cap_input_file *f, cap_diag *diag)
{
    const unsigned char *b = (const unsigned char *) f->bytes;
    const char *wide = wide_encoding(b, f->size);
    int line = 1;

    if (wide != NULL)
        return cap_diag_set(diag, CAP_EINPUT, f->path, 1, "the file is "
                            "saved as %s; save it as UTF-8", wide);
    f->text = f->size >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    for (size_t i = f->text; i < f->size;) {
        size_t len;

        if (b[i] == '\0')
            return cap_diag_set(diag, CAP_EINPUT, f->path, line,
                                "NUL byte in the text (is this a text "
                                "file?)");
        if (b[i] == '\n')
            line++;
        len = utf8_length(b + i, f->size - i);
        if (len == 0)
            return cap_diag_set(diag, CAP_EINPUT, f->path, line,
                                "not valid UTF-8 (byte 0x%02X); save the "
                                "file as UTF-8", b[i]);
        i += len;
    }
    return CAP_OK;
}

/* Read all of fd (a regular file of about expect bytes) into f. */
static int
read_all(int fd, size_t expect, cap_input_file *f, cap_diag *diag)
{
    size_t cap = expect + 1, n = 0;
    char *buf = malloc(cap + 1);

    if (buf == NULL)
        return cap_diag_set(diag, CAP_ENOMEM, f->path, 0, "out of memory");
    for (;;) {
        ssize_t got;

        if (n == cap) {
            /* The file grew since fstat(): read on, to the limit. */
            size_t more = cap * 2 > CAP_INPUT_MAX + 1 ? CAP_INPUT_MAX + 1
                                                      : cap * 2;
            char *grown;

            if (more <= cap)
                break;
            grown = realloc(buf, more + 1);
            if (grown == NULL) {
                free(buf);
                return cap_diag_set(diag, CAP_ENOMEM, f->path, 0,
                                    "out of memory");
            }
            buf = grown;
            cap = more;
        }
        got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int e = errno;

            free(buf);
            return cap_diag_set(diag, CAP_EIO, f->path, 0, "cannot read: "
                                "%s", strerror(e));
        }
        if (got == 0)
            break;
        n += (size_t) got;
    }
    if (n > CAP_INPUT_MAX) {
        free(buf);
        return cap_diag_set(diag, CAP_EINPUT, f->path, 0, "larger than "
                            "the limit of %zu MiB for an input file",
                            CAP_INPUT_MAX >> 20);
    }
    buf[n] = '\0';
    f->bytes = buf;
    f->size = n;
    return CAP_OK;
}

int
cap_input_file_read(const char *path, cap_input_file **out, cap_diag *diag)
{
    return cap_input_file_read_as(path, path, out, diag);
}

int
cap_input_file_read_as(const char *path, const char *open_path,
                       cap_input_file **out, cap_diag *diag)
{
    cap_input_file *f;
    struct stat st;
    const char *kind;
    cap_sha256 h;
    int fd, status;

    *out = NULL;
    /* O_NONBLOCK so that opening a FIFO with no writer cannot hang;
     * fstat() then refuses it before anything is read. */
    fd = open(open_path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return cap_diag_set(diag, CAP_EIO, path, 0, "cannot open: %s",
                            strerror(errno));
    if (fstat(fd, &st) != 0) {
        int e = errno;

        close(fd);
        return cap_diag_set(diag, CAP_EIO, path, 0, "cannot read: %s",
                            strerror(e));
    }
    kind = kind_of(st.st_mode);
    if (kind != NULL) {
        close(fd);
        return cap_diag_set(diag, CAP_EINPUT, path, 0, "not a regular "
                            "file (it is %s)", kind);
    }
    if ((unsigned long long) st.st_size > CAP_INPUT_MAX) {
        close(fd);
        return cap_diag_set(diag, CAP_EINPUT, path, 0, "larger than the "
                            "limit of %zu MiB for an input file",
                            CAP_INPUT_MAX >> 20);
    }
    f = calloc(1, sizeof *f);
    if (f == NULL || (f->path = cap_strdup(path)) == NULL) {
        free(f);
        close(fd);
        return cap_diag_set(diag, CAP_ENOMEM, path, 0, "out of memory");
    }
    atomic_init(&f->refs, 1);
    status = read_all(fd, (size_t) st.st_size, f, diag);
    close(fd);
    if (status == CAP_OK)
        status = check_text(f, diag);
    if (status != CAP_OK) {
        cap_input_file_unref(f);
        return status;
    }
    cap_sha256_init(&h);
    cap_sha256_update(&h, f->bytes, f->size);
    cap_sha256_final_hex(&h, f->sha256);
    *out = f;
    return CAP_OK;
}

cap_input_file *
cap_input_file_ref(cap_input_file *f)
{
    if (f != NULL)
        atomic_fetch_add(&f->refs, 1);
    return f;
}

void
cap_input_file_unref(cap_input_file *f)
{
    if (f == NULL || atomic_fetch_sub(&f->refs, 1) != 1)
        return;
    free(f->bytes);
    free(f->path);
    free(f);
}
