/* check_sha256.c -- unit tests for base/sha256.h against FIPS vectors.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "capsim/error.h"
#include "base/sha256.h"
#include "testlib.h"

/* Digests from FIPS 180-4's examples (NIST "SHA256.pdf", "SHA2
 * additional examples"); the boundary lengths were checked against
 * coreutils sha256sum. */
static const char EMPTY_HEX[] =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
static const char ABC_HEX[] =
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
static const char MSG448[] =
    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
static const char MSG448_HEX[] =
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
static const char MILLION_A_HEX[] =
    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

#define MILLION 1000000

static void
digest(const void *data, size_t n, char hex[65])
{
    cap_sha256 c;

    cap_sha256_init(&c);
    cap_sha256_update(&c, data, n);
    cap_sha256_final_hex(&c, hex);
}

START_TEST(empty_message)
{
    char hex[65];

    digest("", 0, hex);
    ck_assert_str_eq(hex, EMPTY_HEX);
}
END_TEST

START_TEST(abc)
{
    char hex[65];

    digest("abc", 3, hex);
    ck_assert_str_eq(hex, ABC_HEX);
}
END_TEST

/* 448 bits fill a block so exactly that the padding needs a second. */
START_TEST(two_block_message)
{
    char hex[65];

    ck_assert_uint_eq(strlen(MSG448), 56);
    digest(MSG448, strlen(MSG448), hex);
    ck_assert_str_eq(hex, MSG448_HEX);
}
END_TEST

/* The same 448-bit message fed one byte at a time. */
START_TEST(two_block_bytewise)
{
    cap_sha256 c;
    char hex[65];

    cap_sha256_init(&c);
    for (size_t i = 0; i < strlen(MSG448); i++)
        cap_sha256_update(&c, MSG448 + i, 1);
    cap_sha256_final_hex(&c, hex);
    ck_assert_str_eq(hex, MSG448_HEX);
}
END_TEST

/* One million 'a' in chunks of 1, 63, 64, 65 and 1000 bytes, cycling,
 * so the buffered tail crosses every block-boundary case. */
START_TEST(million_a_uneven_chunks)
{
    static const size_t sizes[] = { 1, 63, 64, 65, 1000 };
    static char a[1000];
    cap_sha256 c;
    char hex[65];
    size_t done = 0, k = 0;

    memset(a, 'a', sizeof a);
    cap_sha256_init(&c);
    while (done < MILLION) {
        size_t n = sizes[k++ % 5];

        if (n > MILLION - done)
            n = MILLION - done;
        cap_sha256_update(&c, a, n);
        done += n;
    }
    ck_assert_uint_eq(c.length, MILLION);
    cap_sha256_final_hex(&c, hex);
    ck_assert_str_eq(hex, MILLION_A_HEX);
}
END_TEST

/* Lengths around the padding boundary (55 fits one block, 56 does not)
 * and around whole blocks. */
START_TEST(padding_boundaries)
{
    static const struct {
        size_t n;
        const char *hex;
    } cases[] = {
        { 55, "9f4390f8d30c2dd92ec9f095b65e2b9a"
              "e9b0a925a5258e241c9f1e910f734318" },
        { 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f"
              "590ce20f1bde7090ef7970686ec6738a" },
        { 63, "7d3e74a05d7db15bce4ad9ec0658ea98"
              "e3f06eeecf16b4c6fff2da457ddc2f34" },
        { 64, "ffe054fe7ae0cb6dc65c3af9b61d5209"
              "f439851db43d0ba5997337df154668eb" },
        { 65, "635361c48bb9eab14198e76ea8ab7f1a"
              "41685d6ad62aa9146d301d4f17eb0ae0" },
        { 119, "31eba51c313a5c08226adf18d4a359cf"
               "dfd8d2e816b13f4af952f7ea6584dcfb" },
        { 120, "2f3d335432c70b580af0e8e1b3674a7c"
               "020d683aa5f73aaaedfdc55af904c21c" }
    };
    char a[120];
    char hex[65];

    memset(a, 'a', sizeof a);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        digest(a, cases[i].n, hex);
        ck_assert_msg(strcmp(hex, cases[i].hex) == 0,
                      "length %zu: got %s", cases[i].n, hex);
    }
}
END_TEST

START_TEST(file_small)
{
    char *path;
    char hex[65];

    path = test_write_temp_bytes("sha-", MSG448, strlen(MSG448));
    ck_assert_int_eq(cap_sha256_file(path, hex), CAP_OK);
    unlink(path);
    free(path);
    ck_assert_str_eq(hex, MSG448_HEX);
}
END_TEST

/* A million bytes spans many read chunks, the last one partial. */
START_TEST(file_million_a)
{
    char *a = malloc(MILLION);
    char *path;
    char hex[65];

    ck_assert_ptr_nonnull(a);
    memset(a, 'a', MILLION);
    path = test_write_temp_bytes("sha-", a, MILLION);
    free(a);
    ck_assert_int_eq(cap_sha256_file(path, hex), CAP_OK);
    unlink(path);
    free(path);
    ck_assert_str_eq(hex, MILLION_A_HEX);
}
END_TEST

START_TEST(file_empty)
{
    char *path;
    char hex[65];

    path = test_write_temp_bytes("sha-", "", 0);
    ck_assert_int_eq(cap_sha256_file(path, hex), CAP_OK);
    unlink(path);
    free(path);
    ck_assert_str_eq(hex, EMPTY_HEX);
}
END_TEST

START_TEST(file_missing)
{
    char hex[65], path[4200];

    snprintf(path, sizeof path, "%s/no/such.file", test_tmp_dir());
    ck_assert_int_eq(cap_sha256_file(path, hex), CAP_EIO);
    ck_assert_str_eq(hex, "");
}
END_TEST

/* A directory opens on Linux but fails to read: a read error. */
START_TEST(file_is_directory)
{
    char hex[65];

    ck_assert_int_eq(cap_sha256_file(test_tmp_dir(), hex), CAP_EIO);
}
END_TEST

static Suite *
sha256_suite(void)
{
    Suite *s = suite_create("sha256");
    TCase *vectors = tcase_create("vectors");
    TCase *files = tcase_create("files");

    tcase_add_test(vectors, empty_message);
    tcase_add_test(vectors, abc);
    tcase_add_test(vectors, two_block_message);
    tcase_add_test(vectors, two_block_bytewise);
    tcase_add_test(vectors, million_a_uneven_chunks);
    tcase_add_test(vectors, padding_boundaries);
    suite_add_tcase(s, vectors);

    tcase_add_test(files, file_small);
    tcase_add_test(files, file_million_a);
    tcase_add_test(files, file_empty);
    tcase_add_test(files, file_missing);
    tcase_add_test(files, file_is_directory);
    suite_add_tcase(s, files);
    return s;
}

int
main(void)
{
    return test_run(sha256_suite());
}
