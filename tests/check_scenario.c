/* check_scenario.c -- unit tests for cap_scenario_load() and its errors.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif
/* mkstemp(), mkdtemp(), fdopen() and readdir() are POSIX. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "capsim/capsim.h"
#include "scenario/contract.h"

/* Every temporary file goes in this folder, made by main(); whatever a
 * failed test leaves there is removed when the suite ends. */
static char tmp_dir[4096];

/* The path of the scenario last written by load_text(). */
static char last_path[4096];

/* Write text to a new file in tmp_dir whose name starts with prefix;
 * returns its path (malloc'd), which the caller unlinks and frees. */
static char *
write_temp(const char *prefix, const char *text)
{
    size_t n = strlen(tmp_dir) + strlen(prefix) + 16;
    char *path = malloc(n);
    FILE *fp;
    int fd;

    ck_assert_ptr_nonnull(path);
    snprintf(path, n, "%s/%sXXXXXX", tmp_dir, prefix);
    fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    fp = fdopen(fd, "w");
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(fputs(text, fp) >= 0, 1);
    ck_assert_int_eq(fclose(fp), 0);
    return path;
}

/* The last component of path. */
static const char *
base_name(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

/* Write text to a temporary scenario file (name starting with prefix),
 * load it, and remove the file; its path stays in last_path. */
static int
load_named(const char *prefix, const char *text, cap_scenario **sc,
           cap_diag *d)
{
    char *path = write_temp(prefix, text);
    int status;

    snprintf(last_path, sizeof last_path, "%s", path);
    memset(d, 0, sizeof *d);
    status = cap_scenario_load(path, sc, d);
    unlink(path);
    free(path);
    return status;
}

static int
load_text(const char *text, cap_scenario **sc, cap_diag *d)
{
    return load_named("ok-scen-", text, sc, d);
}

/* The line (from 1) of the nth occurrence (from 1) of marker in text;
 * the marker must occur. */
static int
line_of_nth(const char *text, const char *marker, int nth)
{
    const char *at = text;
    int line = 1;

    for (int k = 0; k < nth; k++) {
        at = strstr(k ? at + 1 : at, marker);
        ck_assert_msg(at != NULL, "marker '%s' not in the text", marker);
    }
    for (const char *p = text; p < at; p++)
        line += *p == '\n';
    return line;
}

static int
line_of(const char *text, const char *marker)
{
    return line_of_nth(text, marker, 1);
}

/* Load text and check that it fails with status, in the scenario file,
 * at line, with needle in the message; *out must be left NULL. */
#define EXPECT_FAIL_IN(text, status, path, at, needle)                 \
    do {                                                               \
        cap_scenario dummy_;                                           \
        cap_scenario *sc_ = &dummy_;                                   \
        cap_diag d_;                                                   \
        int st_ = load_text((text), &sc_, &d_);                        \
                                                                       \
        ck_assert_msg(st_ == (status), "status %d, expected %d (%s)",  \
                      st_, (status), d_.message);                      \
        ck_assert_ptr_null(sc_);                                       \
        ck_assert_str_eq(d_.file, (path));                             \
        ck_assert_msg(d_.line == (at), "line %d, expected %d (%s)",    \
                      d_.line, (at), d_.message);                      \
        ck_assert_msg(strstr(d_.message, (needle)) != NULL,            \
                      "message '%s' lacks '%s'", d_.message, (needle)); \
    } while (0)

#define EXPECT_FAIL(text, at, needle)                                  \
    EXPECT_FAIL_IN(text, CAP_EINPUT, last_path, at, needle)

/* A valid scenario, section by section, so that tests can leave one
 * section out or put their own in its place. */
#define SCENARIO_S                                                     \
    "[scenario]\n"                                                     \
    "name = ward7\n"                                                   \
    "years = 4\n"                                                      \
    "trials = 317\n"                                                   \
    "seed = 8675309\n"
#define POPULATION_S                                                   \
    "[population]\n"                                                   \
    "persons = 48213\n"                                                \
    "growth = 0.0137\n"
#define TIERS_S                                                        \
    "[tier.well]\n"                                                    \
    "share = 0.735\n"                                                  \
    "relative_risk = 0.62\n"                                           \
    "[tier.frail]\n"                                                   \
    "share = 0.265\n"                                                  \
    "relative_risk = 2.17\n"
#define FRAILTY_S                                                      \
    "[frailty]\n"                                                      \
    "cv = 0.83\n"                                                      \
    "persistence = 0.57\n"
#define DEMAND_S                                                       \
    "[demand]\n"                                                       \
    "trend = 0.029\n"                                                  \
    "trend_sd = 0.0071\n"                                              \
    "shock_sd = 0.043\n"
#define SERVICES_S                                                     \
    "[service.elective]\n"                                             \
    "provider = acute\n"                                               \
    "rate = 0.137\n"                                                   \
    "unit_cost = 913.5\n"                                              \
    "cost_cv = 0.77\n"                                                 \
    "tariff = 1487\n"                                                  \
    "[service.nursing]\n"                                              \
    "provider = community\n"                                           \
    "rate = 2.31\n"                                                    \
    "unit_cost = 41.7\n"
#define PROVIDERS_S                                                    \
    "[provider.acute]\n"                                               \
    "fixed_cost = 7.31e6\n"                                            \
    "reserves = 1.27e6\n"                                              \
    "[provider.community]\n"                                           \
    "fixed_cost = 2.19e6\n"                                            \
    "fixed_cost_growth = 0.021\n"
#define COMMISSIONER_S                                                 \
    "[commissioner]\n"                                                 \
    "budget = 1.913e7\n"                                               \
    "budget_growth = 0.027\n"
#define CONTRACTS_S                                                    \
    "[contract.acute_pbr]\n"                                           \
    "type = pbr\n"                                                     \
    "provider = acute\n"                                               \
    "[contract.acute_share]\n"                                         \
    "type = risk_share\n"                                              \
    "provider = acute\n"                                               \
    "target = 1.19e7\n"                                                \
    "bands = 0.03:0, 0.08:0.5, inf:1\n"                                \
    "[contract.nursing_block]\n"                                       \
    "type = block\n"                                                   \
    "provider = community\n"                                           \
    "amount = 3.72e6\n"                                                \
    "[contract.nursing_cap]\n"                                         \
    "type = capitation\n"                                              \
    "provider = community\n"                                           \
    "per_head = 76.3\n"
#define OPTIONS_S                                                      \
    "[option.tariff]\n"                                                \
    "contracts = acute_pbr, nursing_block\n"                           \
    "[option.shared]\n"                                                \
    "contracts = nursing_cap, acute_share\n"

/* Everything but the population, contracts and options. */
#define MODEL_S                                                        \
    TIERS_S FRAILTY_S DEMAND_S SERVICES_S PROVIDERS_S COMMISSIONER_S
#define VALID_S                                                        \
    SCENARIO_S POPULATION_S MODEL_S CONTRACTS_S OPTIONS_S

/* A contract section to append to VALID_S: a risk share with bands. */
#define SHARE_WITH_BANDS(b)                                            \
    "[contract.share2]\n"                                              \
    "type = risk_share\n"                                              \
    "provider = acute\n"                                               \
    "target = 1.23e7\n"                                                \
    "bands = " b "\n"

/* -- valid scenarios ---------------------------------------------- */

START_TEST(valid_full)
{
    static const char text[] = VALID_S
        "[contract.weighted]\n"
        "type = capitation\n"
        "provider = community\n"
        "per_head = 81.9\n"
        "weight.frail = 2.4\n";
    static const char *const contract_names[] = {
        "acute_pbr", "acute_share", "nursing_block", "nursing_cap",
        "weighted"
    };
    static const char *const type_names[] = {
        "pbr", "risk_share", "block", "capitation", "capitation"
    };
    static const size_t contract_provider[] = { 0, 0, 1, 1, 1 };
    cap_scenario *sc = NULL;
    cap_diag d;

    ck_assert_int_eq(load_text(text, &sc, &d), CAP_OK);
    ck_assert_ptr_nonnull(sc);
    ck_assert_str_eq(sc->path, last_path);
    ck_assert_str_eq(sc->name, "ward7");
    ck_assert_int_eq(sc->years, 4);
    ck_assert_int_eq(sc->trials, 317);
    ck_assert_uint_eq(sc->seed, 8675309u);

    ck_assert_ptr_null(sc->practices_path);
    ck_assert_uint_eq(sc->n_localities, 1);
    ck_assert_str_eq(sc->localities[0], "all");
    ck_assert_uint_eq(sc->n_practices, 1);
    ck_assert_str_eq(sc->practices[0].name, "all");
    ck_assert_uint_eq(sc->practices[0].locality, 0);
    ck_assert_double_eq(sc->practices[0].persons, 48213.0);
    ck_assert_double_eq(sc->growth, 0.0137);

    ck_assert_uint_eq(sc->n_tiers, 2);
    ck_assert_str_eq(sc->tiers[0].name, "well");
    ck_assert_double_eq(sc->tiers[0].share, 0.735);
    ck_assert_double_eq(sc->tiers[0].relative_risk, 0.62);
    ck_assert_str_eq(sc->tiers[1].name, "frail");
    ck_assert_double_eq(sc->tiers[1].share, 0.265);
    ck_assert_double_eq(sc->tiers[1].relative_risk, 2.17);
    ck_assert_int_eq(cap_scenario_find_tier(sc, "frail"), 1);
    ck_assert_int_eq(cap_scenario_find_tier(sc, "all"), -1);

    ck_assert_double_eq(sc->frailty_cv, 0.83);
    ck_assert_double_eq(sc->persistence, 0.57);
    ck_assert_double_eq(sc->trend, 0.029);
    ck_assert_double_eq(sc->trend_sd, 0.0071);
    ck_assert_double_eq(sc->shock_sd, 0.043);

    ck_assert_uint_eq(sc->n_services, 2);
    ck_assert_str_eq(sc->services[0].name, "elective");
    ck_assert_uint_eq(sc->services[0].provider, 0);
    ck_assert_double_eq(sc->services[0].rate, 0.137);
    ck_assert_double_eq(sc->services[0].unit_cost, 913.5);
    ck_assert_double_eq(sc->services[0].cost_cv, 0.77);
    ck_assert_double_eq(sc->services[0].tariff, 1487.0);
    ck_assert_str_eq(sc->services[1].name, "nursing");
    ck_assert_uint_eq(sc->services[1].provider, 1);
    ck_assert_double_eq(sc->services[1].rate, 2.31);
    ck_assert_double_eq(sc->services[1].unit_cost, 41.7);
    ck_assert_double_eq(sc->services[1].cost_cv, 0.0);
    ck_assert(isnan(sc->services[1].tariff));

    ck_assert_uint_eq(sc->n_providers, 2);
    ck_assert_str_eq(sc->providers[0].name, "acute");
    ck_assert_double_eq(sc->providers[0].fixed_cost, 7.31e6);
    ck_assert_double_eq(sc->providers[0].fixed_cost_growth, 0.0);
    ck_assert_double_eq(sc->providers[0].reserves, 1.27e6);
    ck_assert_str_eq(sc->providers[1].name, "community");
    ck_assert_double_eq(sc->providers[1].fixed_cost_growth, 0.021);
    ck_assert_double_eq(sc->providers[1].reserves, 0.0);
    ck_assert_int_eq(cap_scenario_find_provider(sc, "community"), 1);
    ck_assert_int_eq(cap_scenario_find_provider(sc, "nursing"), -1);
    /* 2.19e6 x 1.021 */
    ck_assert_double_eq_tol(cap_scenario_fixed_cost(sc, 1, 2), 2235990.0,
                            1e-6);

    ck_assert_double_eq(sc->budget, 1.913e7);
    ck_assert_double_eq(sc->budget_growth, 0.027);
    /* 1.913e7 x 1.027^2 = 1.913e7 x 1.054729 */
    ck_assert_double_eq_tol(cap_scenario_budget(sc, 3), 20176965.77, 1e-6);

    ck_assert_uint_eq(sc->n_contracts, 5);
    for (size_t i = 0; i < 5; i++) {
        ck_assert_str_eq(sc->contracts[i].name, contract_names[i]);
        ck_assert_str_eq(sc->contracts[i].type->name, type_names[i]);
        ck_assert_uint_eq(sc->contracts[i].provider, contract_provider[i]);
    }

    ck_assert_uint_eq(sc->n_options, 2);
    ck_assert_str_eq(sc->options[0].name, "tariff");
    ck_assert_uint_eq(sc->options[0].contract_of[0], 0);
    ck_assert_uint_eq(sc->options[0].contract_of[1], 2);
    ck_assert_str_eq(sc->options[1].name, "shared");
    ck_assert_uint_eq(sc->options[1].contract_of[0], 1);
    ck_assert_uint_eq(sc->options[1].contract_of[1], 3);
    cap_scenario_free(sc);
}
END_TEST

/* Only the required keys: defaults everywhere else, one tier "all",
 * and a name taken from the file's name. */
START_TEST(valid_minimal)
{
    static const char text[] =
        "[scenario]\n"
        "years = 2\n"
        "trials = 53\n"
        "seed = 0\n"
        "[population]\n"
        "persons = 9127\n"
        "[service.ed]\n"
        "provider = trust\n"
        "rate = 0.287\n"
        "unit_cost = 212.4\n"
        "[provider.trust]\n"
        "[commissioner]\n"
        "budget = 6.71e5\n"
        "[contract.fixed]\n"
        "type = block\n"
        "provider = trust\n"
        "amount = 5.93e5\n"
        "[option.only]\n"
        "contracts = fixed\n";
    cap_scenario *sc = NULL;
    cap_diag d;

    ck_assert_int_eq(load_text(text, &sc, &d), CAP_OK);
    ck_assert_str_eq(sc->name, base_name(last_path));
    ck_assert_int_eq(sc->years, 2);
    ck_assert_int_eq(sc->trials, 53);
    ck_assert_uint_eq(sc->seed, 0);
    ck_assert_uint_eq(sc->n_tiers, 1);
    ck_assert_str_eq(sc->tiers[0].name, "all");
    ck_assert_double_eq(sc->tiers[0].share, 1.0);
    ck_assert_double_eq(sc->tiers[0].relative_risk, 1.0);
    ck_assert_double_eq(sc->practices[0].persons, 9127.0);
    ck_assert_double_eq(sc->growth, 0.0);
    ck_assert_double_eq(sc->frailty_cv, 0.0);
    ck_assert_double_eq(sc->persistence, 0.0);
    ck_assert_double_eq(sc->trend, 0.0);
    ck_assert_double_eq(sc->shock_sd, 0.0);
    ck_assert_double_eq(sc->budget_growth, 0.0);
    ck_assert_double_eq(sc->services[0].cost_cv, 0.0);
    ck_assert(isnan(sc->services[0].tariff));
    ck_assert_double_eq(sc->providers[0].fixed_cost, 0.0);
    ck_assert_str_eq(sc->contracts[0].type->name, "block");
    ck_assert_uint_eq(sc->options[0].contract_of[0], 0);
    cap_scenario_free(sc);
}
END_TEST

/* No [tier.*] section: one tier "all" holding everyone. */
START_TEST(valid_no_tiers)
{
    static const char text[] = SCENARIO_S POPULATION_S FRAILTY_S DEMAND_S
        SERVICES_S PROVIDERS_S COMMISSIONER_S CONTRACTS_S OPTIONS_S;
    cap_scenario *sc = NULL;
    cap_diag d;

    ck_assert_int_eq(load_text(text, &sc, &d), CAP_OK);
    ck_assert_uint_eq(sc->n_tiers, 1);
    ck_assert_str_eq(sc->tiers[0].name, "all");
    ck_assert_double_eq(sc->tiers[0].share, 1.0);
    ck_assert_double_eq(sc->tiers[0].relative_risk, 1.0);
    ck_assert_int_eq(cap_scenario_find_tier(sc, "all"), 0);
    cap_scenario_free(sc);
}
END_TEST

START_TEST(free_null)
{
    cap_scenario_free(NULL);
}
END_TEST

/* Loading, failing and loading again leaves nothing behind (run the
 * suite under valgrind to see it). */
START_TEST(load_repeatedly)
{
    for (int k = 0; k < 7; k++) {
        cap_scenario *sc = NULL;
        cap_diag d;

        ck_assert_int_eq(load_text(VALID_S, &sc, &d), CAP_OK);
        cap_scenario_free(sc);
        ck_assert_int_eq(load_text(VALID_S "[option.bad]\n"
                                   "contracts = acute_pbr\n", &sc, &d),
                         CAP_EINPUT);
        ck_assert_ptr_null(sc);
    }
}
END_TEST

/* -- structure of the file ---------------------------------------- */

START_TEST(unknown_section)
{
    static const char text[] = VALID_S
        "[tiers.old]\n"
        "share = 1\n";

    EXPECT_FAIL(text, line_of(text, "[tiers.old]"),
                "unknown section [tiers.old]");
}
END_TEST

START_TEST(unknown_key_fixed_section)
{
    static const char text[] = SCENARIO_S POPULATION_S TIERS_S FRAILTY_S
        SERVICES_S PROVIDERS_S COMMISSIONER_S CONTRACTS_S OPTIONS_S
        "[demand]\n"
        "trend = 0.029\n"
        "trend_sdev = 0.0071\n";

    EXPECT_FAIL(text, line_of(text, "trend_sdev"),
                "[demand] unknown key 'trend_sdev'");
}
END_TEST

START_TEST(unknown_key_contract)
{
    static const char text[] = VALID_S
        "[contract.nursing_block2]\n"
        "type = block\n"
        "provider = community\n"
        "amount = 3.72e6\n"
        "indexaton = 0.021\n";

    EXPECT_FAIL(text, line_of(text, "indexaton"),
                "unknown key 'indexaton' for a contract of type block");
}
END_TEST

/* Required keys missing: reported at the section's header. */
START_TEST(missing_required_key)
{
    static const char text[] = VALID_S
        "[service.dental]\n"
        "provider = community\n"
        "rate = 0.41\n";

    EXPECT_FAIL(text, line_of(text, "[service.dental]"),
                "[service.dental] needs key 'unit_cost'");
}
END_TEST

START_TEST(missing_required_seed)
{
    static const char text[] =
        "; no seed\n"
        "[scenario]\n"
        "years = 4\n"
        "trials = 317\n"
        POPULATION_S MODEL_S CONTRACTS_S OPTIONS_S;

    EXPECT_FAIL(text, 2, "[scenario] needs key 'seed'");
}
END_TEST

START_TEST(missing_contract_term)
{
    static const char text[] = VALID_S
        "[contract.nursing_block2]\n"
        "type = block\n"
        "provider = community\n"
        "indexation = 0.018\n";

    EXPECT_FAIL(text, line_of(text, "[contract.nursing_block2]"),
                "needs key 'amount' (type block)");
}
END_TEST

START_TEST(duplicate_key)
{
    static const char text[] = VALID_S
        "[service.dental]\n"
        "provider = community\n"
        "rate = 0.41\n"
        "unit_cost = 58.2\n"
        "rate = 0.44\n";
    char needle[64];

    snprintf(needle, sizeof needle, "given twice (first at line %d)",
             line_of(text, "rate = 0.41"));
    EXPECT_FAIL(text, line_of(text, "rate = 0.44"), needle);
    EXPECT_FAIL(text, line_of(text, "rate = 0.44"),
                "key 'rate' in [service.dental]");
}
END_TEST

START_TEST(duplicate_section)
{
    static const char text[] = VALID_S
        "[provider.acute]\n"
        "reserves = 2.2e6\n";
    char needle[80];

    snprintf(needle, sizeof needle, "section [provider.acute] appears "
             "twice (first at line %d)", line_of(text, "[provider.acute]"));
    EXPECT_FAIL(text, line_of_nth(text, "[provider.acute]", 2), needle);
}
END_TEST

START_TEST(key_before_section)
{
    static const char text[] =
        "; a scenario\n"
        "orphan = 4.2\n"
        VALID_S;

    EXPECT_FAIL(text, 2, "key 'orphan' outside any [section]");
}
END_TEST

START_TEST(missing_scenario_section)
{
    static const char text[] = POPULATION_S MODEL_S CONTRACTS_S OPTIONS_S;

    EXPECT_FAIL(text, 0, "no [scenario] section");
}
END_TEST

/* -- values ------------------------------------------------------- */

START_TEST(negative_rate)
{
    static const char text[] = VALID_S
        "[service.dental]\n"
        "provider = community\n"
        "rate = -0.41\n"
        "unit_cost = 58.2\n";

    EXPECT_FAIL(text, line_of(text, "rate = -0.41"),
                "[service.dental] rate = -0.41: must be in [0, 1000]");
}
END_TEST

START_TEST(persistence_one)
{
    static const char text[] = SCENARIO_S POPULATION_S TIERS_S
        "[frailty]\n"
        "cv = 0.83\n"
        "persistence = 1\n"
        DEMAND_S SERVICES_S PROVIDERS_S COMMISSIONER_S CONTRACTS_S
        OPTIONS_S;

    EXPECT_FAIL(text, line_of(text, "persistence = 1"),
                "[frailty] persistence = 1: must be in [0, 1)");
}
END_TEST

START_TEST(years_zero)
{
    static const char text[] =
        "[scenario]\n"
        "name = ward7\n"
        "years = 0\n"
        "trials = 317\n"
        "seed = 8675309\n"
        POPULATION_S MODEL_S CONTRACTS_S OPTIONS_S;

    EXPECT_FAIL(text, 3, "[scenario] years = 0: must be in [1, 200]");
}
END_TEST

START_TEST(rate_not_a_number)
{
    static const char text[] = VALID_S
        "[service.dental]\n"
        "provider = community\n"
        "rate = lots\n"
        "unit_cost = 58.2\n";

    EXPECT_FAIL(text, line_of(text, "rate = lots"),
                "[service.dental] rate: 'lots' is not a number");
}
END_TEST

/* Reported at the first tier's header. */
START_TEST(tier_shares_not_one)
{
    static const char text[] = SCENARIO_S POPULATION_S
        "[tier.well]\n"
        "share = 0.735\n"
        "relative_risk = 0.62\n"
        "[tier.frail]\n"
        "share = 0.256\n"
        "relative_risk = 2.17\n"
        FRAILTY_S DEMAND_S SERVICES_S PROVIDERS_S COMMISSIONER_S
        CONTRACTS_S OPTIONS_S;

    EXPECT_FAIL(text, line_of(text, "[tier.well]"),
                "tier shares add to 0.991, not 1");
}
END_TEST

/* -- references between sections --------------------------------- */

START_TEST(service_unknown_provider)
{
    static const char text[] = VALID_S
        "[service.talking]\n"
        "provider = mental_health\n"
        "rate = 0.093\n"
        "unit_cost = 611\n";

    EXPECT_FAIL(text, line_of(text, "provider = mental_health"),
                "[service.talking] provider = mental_health: no "
                "[provider.mental_health] section");
}
END_TEST

START_TEST(contract_unknown_provider)
{
    static const char text[] = VALID_S
        "[contract.mh_block]\n"
        "type = block\n"
        "provider = mental_health\n"
        "amount = 1.13e6\n";

    EXPECT_FAIL(text, line_of(text, "provider = mental_health"),
                "[contract.mh_block] provider = mental_health: no "
                "[provider.mental_health] section");
}
END_TEST

START_TEST(unknown_contract_type)
{
    static const char text[] = VALID_S
        "[contract.acute_cv]\n"
        "type = cost_and_volume\n"
        "provider = acute\n";

    EXPECT_FAIL(text, line_of(text, "type = cost_and_volume"),
                "type = cost_and_volume: unknown contract type (known: "
                "pbr, block, capitation, risk_share, corridor, "
                "shared_savings, aligned)");
}
END_TEST

START_TEST(option_unknown_contract)
{
    static const char text[] = VALID_S
        "[option.typo]\n"
        "contracts = acute_pbr, nursing_blok\n";

    EXPECT_FAIL(text, line_of(text, "nursing_blok"),
                "[option.typo] contracts: no [contract.nursing_blok] "
                "section");
}
END_TEST

START_TEST(option_provider_without_contract)
{
    static const char text[] = VALID_S
        "[option.half]\n"
        "contracts = acute_share\n";

    EXPECT_FAIL(text, line_of(text, "contracts = acute_share"),
                "provider community has no contract in this option");
}
END_TEST

START_TEST(option_provider_two_contracts)
{
    static const char text[] = VALID_S
        "[option.both]\n"
        "contracts = acute_pbr, nursing_cap, acute_share\n";

    EXPECT_FAIL(text, line_of(text, "pbr, nursing_cap, acute_share"),
                "provider acute has two contracts (acute_pbr and "
                "acute_share)");
}
END_TEST

/* -- contract terms ----------------------------------------------- */

START_TEST(bands_not_increasing)
{
    static const char text[] = VALID_S
        SHARE_WITH_BANDS("0.05:0, 0.03:0.5, inf:1");

    EXPECT_FAIL(text, line_of(text, "0.05:0, 0.03"),
                "band 2: edges must be > 0 and increasing");
}
END_TEST

START_TEST(bands_share_above_one)
{
    static const char text[] = VALID_S
        SHARE_WITH_BANDS("0.02:0, 0.06:1.25, inf:1");

    EXPECT_FAIL(text, line_of(text, "0.06:1.25"),
                "band 2: share must be in [0, 1]");
}
END_TEST

START_TEST(bands_last_edge_not_inf)
{
    static const char text[] = VALID_S
        SHARE_WITH_BANDS("0.02:0, 0.06:0.5");

    EXPECT_FAIL(text, line_of(text, "0.02:0, 0.06:0.5"),
                "[contract.share2] bands = 0.02:0, 0.06:0.5: the last "
                "band's edge must be inf");
}
END_TEST

START_TEST(capitation_weight_unknown_tier)
{
    static const char text[] = VALID_S
        "[contract.cap2]\n"
        "type = capitation\n"
        "provider = community\n"
        "per_head = 81.7\n"
        "weight.elderly = 1.9\n";

    EXPECT_FAIL(text, line_of(text, "weight.elderly"),
                "weight.elderly = 1.9: no tier named 'elderly'");
}
END_TEST

START_TEST(pbr_without_tariff)
{
    static const char text[] = VALID_S
        "[contract.nursing_pbr]\n"
        "type = pbr\n"
        "provider = community\n";

    EXPECT_FAIL(text, line_of(text, "[contract.nursing_pbr]"),
                "type pbr pays tariffs, but [service.nursing] has no "
                "'tariff'");
}
END_TEST

/* -- population --------------------------------------------------- */

START_TEST(population_persons_and_file)
{
    static const char text[] = SCENARIO_S
        "[population]\n"
        "persons = 48213\n"
        "file = practices.csv\n"
        MODEL_S CONTRACTS_S OPTIONS_S;

    EXPECT_FAIL(text, line_of(text, "[population]"),
                "[population] needs exactly one of 'persons' and 'file'");
}
END_TEST

START_TEST(population_neither)
{
    static const char text[] = SCENARIO_S
        "[population]\n"
        "growth = 0.0137\n"
        MODEL_S CONTRACTS_S OPTIONS_S;

    EXPECT_FAIL(text, line_of(text, "[population]"),
                "[population] needs exactly one of 'persons' and 'file'");
}
END_TEST

/* -- practices CSV ------------------------------------------------ */

static const char practices_csv[] =
    "practice,locality,persons\n"
    "Riverside Surgery,North,7412\n"
    "Elm Tree Practice,South,5093\n"
    "Canal Street MC,North,9187\n"
    "\"Hill, Top Practice\",East,3301\n";

/* Write csv beside a scenario whose [population] names it by a path
 * relative to the scenario, and load that scenario.  The CSV's path is
 * left in csv_path (removed here). */
static int
load_with_practices(const char *csv, cap_scenario **sc, cap_diag *d,
                    char *csv_path, size_t n)
{
    static const char head[] = SCENARIO_S "[population]\nfile = ";
    static const char tail[] = "\ngrowth = 0.0137\n"
        MODEL_S CONTRACTS_S OPTIONS_S;
    char *path = write_temp("ok-prac-", csv);
    char *text = malloc(sizeof head + sizeof tail + strlen(path));
    int status;

    ck_assert_ptr_nonnull(text);
    sprintf(text, "%s%s%s", head, base_name(path), tail);
    snprintf(csv_path, n, "%s", path);
    status = load_text(text, sc, d);
    unlink(path);
    free(path);
    free(text);
    return status;
}

/* Load the CSV and check it fails at line of the CSV with needle. */
#define EXPECT_CSV_FAIL(csv, status, at, needle)                       \
    do {                                                               \
        cap_scenario dummy_;                                           \
        cap_scenario *sc_ = &dummy_;                                   \
        cap_diag d_;                                                   \
        char csv_[4096];                                               \
        int st_ = load_with_practices((csv), &sc_, &d_, csv_,          \
                                      sizeof csv_);                    \
                                                                       \
        ck_assert_msg(st_ == (status), "status %d, expected %d (%s)",  \
                      st_, (status), d_.message);                      \
        ck_assert_ptr_null(sc_);                                       \
        ck_assert_str_eq(d_.file, csv_);                               \
        ck_assert_msg(d_.line == (at), "line %d, expected %d (%s)",    \
                      d_.line, (at), d_.message);                      \
        ck_assert_msg(strstr(d_.message, (needle)) != NULL,            \
                      "message '%s' lacks '%s'", d_.message, (needle)); \
    } while (0)

START_TEST(practices_valid)
{
    cap_scenario *sc = NULL;
    cap_diag d;
    char csv[4096];

    ck_assert_int_eq(load_with_practices(practices_csv, &sc, &d, csv,
                                         sizeof csv), CAP_OK);
    ck_assert_str_eq(sc->practices_path, csv);
    ck_assert_uint_eq(sc->n_localities, 3);
    ck_assert_str_eq(sc->localities[0], "North");
    ck_assert_str_eq(sc->localities[1], "South");
    ck_assert_str_eq(sc->localities[2], "East");
    ck_assert_uint_eq(sc->n_practices, 4);
    ck_assert_str_eq(sc->practices[0].name, "Riverside Surgery");
    ck_assert_uint_eq(sc->practices[0].locality, 0);
    ck_assert_double_eq(sc->practices[0].persons, 7412.0);
    ck_assert_str_eq(sc->practices[1].name, "Elm Tree Practice");
    ck_assert_uint_eq(sc->practices[1].locality, 1);
    ck_assert_double_eq(sc->practices[1].persons, 5093.0);
    ck_assert_str_eq(sc->practices[2].name, "Canal Street MC");
    ck_assert_uint_eq(sc->practices[2].locality, 0);
    ck_assert_double_eq(sc->practices[2].persons, 9187.0);
    ck_assert_str_eq(sc->practices[3].name, "Hill, Top Practice");
    ck_assert_uint_eq(sc->practices[3].locality, 2);
    ck_assert_double_eq(sc->practices[3].persons, 3301.0);
    ck_assert_double_eq(sc->growth, 0.0137);
    cap_scenario_free(sc);
}
END_TEST

/* Columns may come in any order. */
START_TEST(practices_columns_any_order)
{
    static const char text[] =
        "persons,practice,locality\n"
        "6218,Quay Health Centre,Harbour\n"
        "4407,Mill Lane Surgery,Upland\n";
    cap_scenario *sc = NULL;
    cap_diag d;
    char csv[4096];

    ck_assert_int_eq(load_with_practices(text, &sc, &d, csv, sizeof csv),
                     CAP_OK);
    ck_assert_uint_eq(sc->n_practices, 2);
    ck_assert_str_eq(sc->practices[1].name, "Mill Lane Surgery");
    ck_assert_str_eq(sc->localities[sc->practices[1].locality], "Upland");
    ck_assert_double_eq(sc->practices[1].persons, 4407.0);
    cap_scenario_free(sc);
}
END_TEST

START_TEST(practices_persons_not_whole)
{
    EXPECT_CSV_FAIL("practice,locality,persons\n"
                    "Riverside Surgery,North,7412\n"
                    "Elm Tree Practice,South,5093.5\n",
                    CAP_EINPUT, 3,
                    "persons: '5093.5' is not a whole number");
}
END_TEST

START_TEST(practices_missing_column)
{
    EXPECT_CSV_FAIL("practice,persons\n"
                    "Riverside Surgery,7412\n",
                    CAP_EINPUT, 1,
                    "the header must name column 'locality' once");
}
END_TEST

START_TEST(practices_unknown_column)
{
    EXPECT_CSV_FAIL("practice,locality,persons,ccg\n"
                    "Riverside Surgery,North,7412,07K\n",
                    CAP_EINPUT, 1, "unknown column 'ccg'");
}
END_TEST

START_TEST(practices_too_many_fields)
{
    EXPECT_CSV_FAIL("practice,locality,persons\n"
                    "Riverside Surgery,North,7412\n"
                    "Elm Tree Practice,South,5093,spare\n",
                    CAP_EINPUT, 3, "more fields than the header's 3");
}
END_TEST

START_TEST(practices_too_few_fields)
{
    EXPECT_CSV_FAIL("practice,locality,persons\n"
                    "Riverside Surgery,North,7412\n"
                    "Elm Tree Practice,South,5093\n"
                    "Canal Street MC,North\n",
                    CAP_EINPUT, 4, "2 fields, the header has 3");
}
END_TEST

START_TEST(practices_duplicate)
{
    EXPECT_CSV_FAIL("practice,locality,persons\n"
                    "Riverside Surgery,North,7412\n"
                    "Elm Tree Practice,South,5093\n"
                    "Riverside Surgery,South,811\n",
                    CAP_EINPUT, 4, "practice 'Riverside Surgery' listed "
                    "twice");
}
END_TEST

START_TEST(practices_missing_file)
{
    static const char text[] = SCENARIO_S
        "[population]\n"
        "file = no-such-practices.csv\n"
        MODEL_S CONTRACTS_S OPTIONS_S;
    cap_scenario *sc = NULL;
    cap_diag d;
    const char *slash;

    ck_assert_int_eq(load_text(text, &sc, &d), CAP_EIO);
    ck_assert_ptr_null(sc);
    slash = strrchr(d.file, '/');
    ck_assert_ptr_nonnull(slash);
    ck_assert_str_eq(slash + 1, "no-such-practices.csv");
    ck_assert_int_eq(strncmp(d.file, tmp_dir, strlen(tmp_dir)), 0);
    ck_assert_int_eq(d.line, 0);
    ck_assert_ptr_nonnull(strstr(d.message, "cannot open"));
}
END_TEST

/* -- regressions: defects these tests found, fixed in 575c8ee ------ */

/* libinih reads on after a syntax error (INI_STOP_ON_FIRST_ERROR 0);
 * the message once named the file's last line instead of the bad one. */
START_TEST(syntax_error_line)
{
    static const char text[] = SCENARIO_S
        "this line has no equals sign\n"
        POPULATION_S MODEL_S CONTRACTS_S OPTIONS_S;

    EXPECT_FAIL(text, 6, "cannot read this line");
}
END_TEST

/* A UTF-8 byte-order mark before "[scenario]" once hid that header
 * from the section list ("no [scenario] section"). */
START_TEST(bom_before_first_section)
{
    cap_scenario *sc = NULL;
    cap_diag d;

    ck_assert_msg(load_text("\xEF\xBB\xBF" VALID_S, &sc, &d) == CAP_OK,
                  "%s:%d: %s", d.file, d.line, d.message);
    ck_assert_str_eq(sc->name, "ward7");
    cap_scenario_free(sc);
}
END_TEST

/* libinih cuts section names to 49 characters; the section list kept
 * the whole name, so a key present in the file was reported missing.
 * Loading it or refusing the name at its header are both correct. */
START_TEST(long_section_name)
{
    static const char text[] = VALID_S
        "[service.outpatient_and_community_diagnostics_in_primary_care]\n"
        "provider = acute\n"
        "rate = 0.318\n"
        "unit_cost = 127.5\n"
        "tariff = 151\n";
    cap_scenario *sc = NULL;
    cap_diag d;
    int status = load_text(text, &sc, &d);

    if (status == CAP_OK) {
        ck_assert_str_eq(sc->services[2].name, "outpatient_and_community_"
                         "diagnostics_in_primary_care");
        cap_scenario_free(sc);
    } else {
        /* Or a clear refusal at the header. */
        ck_assert_int_eq(status, CAP_EINPUT);
        ck_assert_int_eq(d.line, line_of(text, "[service.outpatient"));
        ck_assert_msg(strstr(d.message, "long") != NULL,
                      "message '%s' does not say the name is too long",
                      d.message);
    }
}
END_TEST

/* Without a name key the name comes from the file's name; when that
 * starts with '.' the error path once dereferenced a NULL entry. */
START_TEST(hidden_file_default_name)
{
    static const char text[] =
        "[scenario]\n"
        "years = 4\n"
        "trials = 317\n"
        "seed = 8675309\n"
        POPULATION_S MODEL_S CONTRACTS_S OPTIONS_S;
    cap_scenario dummy;
    cap_scenario *sc = &dummy;
    cap_diag d;

    ck_assert_int_eq(load_named(".ok-hidden-", text, &sc, &d), CAP_EINPUT);
    ck_assert_ptr_null(sc);
    ck_assert_int_eq(d.line, 1);
    ck_assert_ptr_nonnull(strstr(d.message, "name"));
}
END_TEST

/* A value above an upper bound of 1e9 was refused with "must be >= 2",
 * which it is. */
START_TEST(trials_above_upper_bound)
{
    static const char text[] =
        "[scenario]\n"
        "name = ward7\n"
        "years = 4\n"
        "trials = 1500000000\n"
        "seed = 8675309\n"
        POPULATION_S MODEL_S CONTRACTS_S OPTIONS_S;
    cap_scenario *sc = NULL;
    cap_diag d;

    EXPECT_FAIL(text, 4, "[scenario] trials = 1500000000: must be");
    ck_assert_int_eq(load_text(text, &sc, &d), CAP_EINPUT);
    ck_assert_msg(strstr(d.message, ">= 2") == NULL,
                  "message '%s' hides the upper bound", d.message);
}
END_TEST

/* A value above a finite upper bound names that bound, not only the
 * lower one (budget = 2.5e13 is >= 0, so "must be >= 0" would mislead). */
START_TEST(budget_above_upper_bound)
{
    static const char text[] = SCENARIO_S POPULATION_S TIERS_S FRAILTY_S
        DEMAND_S SERVICES_S PROVIDERS_S
        "[commissioner]\n"
        "budget = 2.5e13\n"
        CONTRACTS_S OPTIONS_S;
    cap_scenario *sc = NULL;
    cap_diag d;

    EXPECT_FAIL(text, line_of(text, "budget = 2.5e13"),
                "[commissioner] budget = 2.5e13: must be");
    ck_assert_int_eq(load_text(text, &sc, &d), CAP_EINPUT);
    ck_assert_msg(strstr(d.message, ">= 0") == NULL,
                  "message '%s' hides the upper bound", d.message);
}
END_TEST

/* libinih reads a line longer than its buffer in pieces and would count
 * each piece as a line; the long line itself must be named. */
START_TEST(long_line_reported_at_its_line)
{
    char text[sizeof VALID_S + 400];

    snprintf(text, sizeof text, "[scenario]\nname = w%0250d\n%s", 7,
             VALID_S + strlen("[scenario]\nname = ward7\n"));
    EXPECT_FAIL(text, 2, "longer than 198 characters");
}
END_TEST

/* -- names, layout and population size ----------------------------- */

/* Lines in text, so that tests can name the line after it. */
static int
lines_in(const char *text)
{
    int n = 0;

    for (; *text; text++)
        n += *text == '\n';
    return n;
}

/* Indented keys are keys, not continuations of the previous value. */
START_TEST(indented_keys_are_keys)
{
    static const char text[] =
        "[scenario]\n  years = 2\n\ttrials = 53\n  seed = 41\n"
        "  [population]\n    persons = 9127\n"
        "[service.ed]\nprovider = trust\n  rate = 0.287\n"
        "  unit_cost = 212.4\n"
        "[provider.trust]\n[commissioner]\n  budget = 6.71e5\n"
        "[contract.fixed]\ntype = block\nprovider = trust\n"
        "  amount = 5.93e5\n[option.only]\n  contracts = fixed\n";
    cap_scenario *sc = NULL;
    cap_diag d;

    ck_assert_int_eq(load_text(text, &sc, &d), CAP_OK);
    ck_assert_int_eq(sc->trials, 53);
    ck_assert_double_eq(sc->practices[0].persons, 9127);
    ck_assert_double_eq(sc->services[0].rate, 0.287);
    cap_scenario_free(sc);
}
END_TEST

/* Names end up in CSV cells, chart file names and gnuplot strings. */
START_TEST(name_with_quote)
{
    EXPECT_FAIL(VALID_S "[provider.o'brien]\n", lines_in(VALID_S) + 1,
                "must be letters, digits");
}
END_TEST

START_TEST(provider_named_system)
{
    EXPECT_FAIL(VALID_S "[provider.system]\n", lines_in(VALID_S) + 1,
                "names a party of its own");
}
END_TEST

/* A misspelt section is named as such, before what it lacks. */
START_TEST(unknown_section_reported_first)
{
    EXPECT_FAIL("[scenario]\nyears = 0\n[sernario]\nseed = 1\n", 3,
                "unknown section [sernario]");
}
END_TEST

/* A practices file of empty lists is a population of nobody. */
START_TEST(population_of_nobody)
{
    cap_scenario dummy;
    cap_scenario *sc = &dummy;
    cap_diag d;
    char csv[4096];
    int st = load_with_practices("practice,locality,persons\n"
                                 "Riverside Surgery,North,0\n"
                                 "Elm Tree Practice,South,0\n",
                                 &sc, &d, csv, sizeof csv);

    ck_assert_int_eq(st, CAP_EINPUT);
    ck_assert_ptr_null(sc);
    ck_assert_int_eq(d.line, lines_in(SCENARIO_S) + 1);
    ck_assert_ptr_nonnull(strstr(d.message, "has no people"));
}
END_TEST

static Suite *
scenario_suite(void)
{
    Suite *s = suite_create("scenario");
    TCase *valid = tcase_create("valid");
    TCase *structure = tcase_create("structure");
    TCase *values = tcase_create("values");
    TCase *refs = tcase_create("references");
    TCase *terms = tcase_create("terms");
    TCase *population = tcase_create("population");
    TCase *fixed = tcase_create("regressions");

    tcase_add_test(valid, valid_full);
    tcase_add_test(valid, valid_minimal);
    tcase_add_test(valid, valid_no_tiers);
    tcase_add_test(valid, free_null);
    tcase_add_test(valid, load_repeatedly);
    suite_add_tcase(s, valid);

    tcase_add_test(structure, unknown_section);
    tcase_add_test(structure, unknown_key_fixed_section);
    tcase_add_test(structure, unknown_key_contract);
    tcase_add_test(structure, missing_required_key);
    tcase_add_test(structure, missing_required_seed);
    tcase_add_test(structure, missing_contract_term);
    tcase_add_test(structure, duplicate_key);
    tcase_add_test(structure, duplicate_section);
    tcase_add_test(structure, key_before_section);
    tcase_add_test(structure, missing_scenario_section);
    suite_add_tcase(s, structure);

    tcase_add_test(values, negative_rate);
    tcase_add_test(values, persistence_one);
    tcase_add_test(values, years_zero);
    tcase_add_test(values, rate_not_a_number);
    tcase_add_test(values, tier_shares_not_one);
    suite_add_tcase(s, values);

    tcase_add_test(refs, service_unknown_provider);
    tcase_add_test(refs, contract_unknown_provider);
    tcase_add_test(refs, unknown_contract_type);
    tcase_add_test(refs, option_unknown_contract);
    tcase_add_test(refs, option_provider_without_contract);
    tcase_add_test(refs, option_provider_two_contracts);
    suite_add_tcase(s, refs);

    tcase_add_test(terms, bands_not_increasing);
    tcase_add_test(terms, bands_share_above_one);
    tcase_add_test(terms, bands_last_edge_not_inf);
    tcase_add_test(terms, capitation_weight_unknown_tier);
    tcase_add_test(terms, pbr_without_tariff);
    suite_add_tcase(s, terms);

    tcase_add_test(population, population_persons_and_file);
    tcase_add_test(population, population_neither);
    tcase_add_test(population, practices_valid);
    tcase_add_test(population, practices_columns_any_order);
    tcase_add_test(population, practices_persons_not_whole);
    tcase_add_test(population, practices_missing_column);
    tcase_add_test(population, practices_unknown_column);
    tcase_add_test(population, practices_too_many_fields);
    tcase_add_test(population, practices_too_few_fields);
    tcase_add_test(population, practices_duplicate);
    tcase_add_test(population, practices_missing_file);
    suite_add_tcase(s, population);

    tcase_add_test(fixed, syntax_error_line);
    tcase_add_test(fixed, bom_before_first_section);
    tcase_add_test(fixed, long_section_name);
    tcase_add_test(fixed, hidden_file_default_name);
    tcase_add_test(fixed, trials_above_upper_bound);
    tcase_add_test(fixed, budget_above_upper_bound);
    tcase_add_test(fixed, long_line_reported_at_its_line);
    tcase_add_test(fixed, indented_keys_are_keys);
    tcase_add_test(fixed, name_with_quote);
    tcase_add_test(fixed, provider_named_system);
    tcase_add_test(fixed, unknown_section_reported_first);
    tcase_add_test(fixed, population_of_nobody);
    suite_add_tcase(s, fixed);
    return s;
}

/* Remove tmp_dir and whatever failed tests left in it. */
static void
remove_tmp_dir(void)
{
    DIR *dir = opendir(tmp_dir);
    struct dirent *e;

    if (dir == NULL)
        return;
    while ((e = readdir(dir)) != NULL) {
        char path[8192];

        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", tmp_dir, e->d_name);
        unlink(path);
    }
    closedir(dir);
    rmdir(tmp_dir);
}

int
main(void)
{
    const char *base = getenv("TMPDIR");
    SRunner *sr;
    int failed;

    if (base == NULL || base[0] == '\0')
        base = "/tmp";
    snprintf(tmp_dir, sizeof tmp_dir, "%s/check_scenario-XXXXXX", base);
    if (mkdtemp(tmp_dir) == NULL) {
        perror("check_scenario: mkdtemp");
        return EXIT_FAILURE;
    }
    sr = srunner_create(scenario_suite());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    remove_tmp_dir();
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
