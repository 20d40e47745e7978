/* sha256.c -- SHA-256 message digests (FIPS 180-4), for manifest checksums.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>

#include "capsim/error.h"
#include "base/sha256.h"

/* Bytes read from a file per fread() in cap_sha256_file().  The buffer
 * lives on the stack, not in static storage, so that threads may hash
 * files at the same time. */
#define FILE_CHUNK 16384

/* FIPS 180-4, section 4.2.2: the first 32 bits of the fractional parts
 * of the cube roots of the first 64 primes. */
static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
    0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
    0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
    0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
    0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

/* FIPS 180-4, section 5.3.3: the first 32 bits of the fractional parts
 * of the square roots of the first 8 primes. */
static const uint32_t H0[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
};

/* ROTR^n(x) of section 3.2; n is always in 1..31 here, so neither
 * shift is by the full width (which C leaves undefined). */
static uint32_t
rotr(uint32_t x, unsigned n)
{
    return (x >> n) | (x << (32 - n));
}

/* The six logical functions of section 4.1.2. */
static uint32_t
ch(uint32_t x, uint32_t y, uint32_t z)
{
    return (x & y) ^ (~x & z);
}

static uint32_t
maj(uint32_t x, uint32_t y, uint32_t z)
{
    return (x & y) ^ (x & z) ^ (y & z);
}

static uint32_t
big_sigma0(uint32_t x)
{
    return rotr(x, 2) ^ rotr(x, 13) ^ rotr(x, 22);
}

static uint32_t
big_sigma1(uint32_t x)
{
    return rotr(x, 6) ^ rotr(x, 11) ^ rotr(x, 25);
}

static uint32_t
small_sigma0(uint32_t x)
{
    return rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3);
}

static uint32_t
small_sigma1(uint32_t x)
{
    return rotr(x, 17) ^ rotr(x, 19) ^ (x >> 10);
}

/* Hash one 512-bit block into h[] (section 6.2.2, steps 1 to 4).  The
 * message is big-endian (section 3.1), so words are assembled byte by
 * byte, which also makes the code independent of the host's order. */
static void
compress(uint32_t h[8], const unsigned char block[64])
{
    uint32_t w[64];
    uint32_t a, b, c, d, e, f, g, hh;

    /* Step 1: the message schedule. */
    for (int t = 0; t < 16; t++)
        w[t] = (uint32_t) block[4 * t] << 24
             | (uint32_t) block[4 * t + 1] << 16
             | (uint32_t) block[4 * t + 2] << 8
             | (uint32_t) block[4 * t + 3];
    for (int t = 16; t < 64; t++)
        w[t] = small_sigma1(w[t - 2]) + w[t - 7]
             + small_sigma0(w[t - 15]) + w[t - 16];

    /* Step 2: the working variables start from the previous value. */
    a = h[0];
    b = h[1];
    c = h[2];
    d = h[3];
    e = h[4];
    f = h[5];
    g = h[6];
    hh = h[7];

    /* Step 3: 64 rounds; additions are mod 2^32 by unsigned wrap. */
    for (int t = 0; t < 64; t++) {
        uint32_t t1 = hh + big_sigma1(e) + ch(e, f, g) + K[t] + w[t];
        uint32_t t2 = big_sigma0(a) + maj(a, b, c);

        hh = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }

    /* Step 4: the next intermediate hash value. */
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
}

/* Start a new digest: H(0) of section 5.3.3, nothing buffered. */
void
cap_sha256_init(cap_sha256 *c)
{
    memcpy(c->h, H0, sizeof c->h);
    c->length = 0;
    c->used = 0;
}

/* Absorb n bytes.  Whole blocks are hashed as soon as they are
 * complete; a partial block waits in c->block for more data or for
 * cap_sha256_final_hex(), so chunk boundaries never change the digest. */
void
cap_sha256_update(cap_sha256 *c, const void *data, size_t n)
{
    const unsigned char *p = data;

    c->length += n;
    if (c->used > 0) {
        size_t take = 64 - c->used;

        if (take > n)
            take = n;
        memcpy(c->block + c->used, p, take);
        c->used += take;
        p += take;
        n -= take;
        if (c->used < 64)
            return;
        compress(c->h, c->block);
        c->used = 0;
    }
    while (n >= 64) {
        compress(c->h, p);
        p += 64;
        n -= 64;
    }
    if (n > 0) {
        memcpy(c->block, p, n);
        c->used = n;
    }
}

/* Pad and finish (section 5.1.1): a 1 bit, zeros until the length is
 * 448 mod 512 bits, then the message length in bits as a 64-bit
 * big-endian integer.  c is spent afterwards; call cap_sha256_init()
 * before reusing it. */
void
cap_sha256_final_hex(cap_sha256 *c, char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    uint64_t bits = c->length * 8;

    c->block[c->used++] = 0x80;
    if (c->used > 56) {
        /* No room for the length: pad out this block, start another. */
        memset(c->block + c->used, 0, 64 - c->used);
        compress(c->h, c->block);
        c->used = 0;
    }
    memset(c->block + c->used, 0, 56 - c->used);
    for (int i = 0; i < 8; i++)
        c->block[56 + i] = (unsigned char) (bits >> (56 - 8 * i));
    compress(c->h, c->block);
    c->used = 0;

    /* The digest is H(N) written big-endian (section 6.2.2). */
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++)
            hex[8 * i + j] = digits[(c->h[i] >> (28 - 4 * j)) & 0xf];
    hex[64] = '\0';
}

/* Digest of the file at path, read in FILE_CHUNK pieces so large files
 * need no large buffer.  Returns CAP_OK, or CAP_EIO when the file
 * cannot be opened or a read fails; hex is then the empty string. */
int
cap_sha256_file(const char *path, char hex[65])
{
    unsigned char buf[FILE_CHUNK];
    cap_sha256 c;
    FILE *fp;
    size_t got;
    int failed;

    hex[0] = '\0';
    fp = fopen(path, "rb");
    if (fp == NULL)
        return CAP_EIO;
    cap_sha256_init(&c);
    do {
        got = fread(buf, 1, sizeof buf, fp);
        cap_sha256_update(&c, buf, got);
    } while (got == sizeof buf);
    failed = ferror(fp);
    if (fclose(fp) != 0 || failed)
        return CAP_EIO;
    cap_sha256_final_hex(&c, hex);
    return CAP_OK;
}
