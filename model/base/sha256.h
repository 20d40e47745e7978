/* sha256.h -- SHA-256 (FIPS 180-4), for the checksums in manifests.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CAPSIM_SHA256_H
#define CAPSIM_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t h[8];
    uint64_t length;          /* bytes hashed so far */
    unsigned char block[64];
    size_t used;              /* bytes waiting in block */
} cap_sha256;

void cap_sha256_init(cap_sha256 *c);
void cap_sha256_update(cap_sha256 *c, const void *data, size_t n);
/* Write the digest as 64 lowercase hex digits and a NUL.  c must be
 * initialised again before it hashes anything else. */
void cap_sha256_final_hex(cap_sha256 *c, char hex[65]);

/* Digest of a whole file.  Returns CAP_OK, or CAP_EIO with hex set to
 * the empty string. */
int cap_sha256_file(const char *path, char hex[65]);

#endif /* CAPSIM_SHA256_H */
