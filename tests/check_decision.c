/* check_decision.c -- the names people read, money written for them, the
 * annual duty's figures and the recommendation against a risk appetite.
 *
 * The annual figures and the decision are checked on outcomes made by
 * hand, where every probability and difference is known exactly.
 *
 * Copyright (C) 2026 the capsim authors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <config.h>
#include <math.h>
#include "testlib.h"
#include "base/money.h"
#include "sim/outcomes.h"

START_TEST(money_is_grouped_with_its_symbol)
{
    static const struct {
        double v;
        const char *currency;
        cap_money_style style;
        const char *want;
    } cases[] = {
        { 1783350.4, "GBP", CAP_MONEY_UNITS, "\xc2\xa3" "1,783,350" },
        { -863201, "GBP", CAP_MONEY_UNITS, "-\xc2\xa3" "863,201" },
        { 999.5, NULL, CAP_MONEY_UNITS, "1,000" },
        { -0.4, "USD", CAP_MONEY_UNITS, "$0" },
        { 1783350, "EUR", CAP_MONEY_MILLIONS, "\xe2\x82\xac" "1.78m" },
        { 17.83e6, NULL, CAP_MONEY_AUTO, "17.8m" },
        { 178.3e6, NULL, CAP_MONEY_AUTO, "178m" },
        { -2.5e9, "GBP", CAP_MONEY_AUTO, "-\xc2\xa3" "2,500m" },
        { 999999, "CHF", CAP_MONEY_AUTO, "CHF 999,999" },
        { NAN, "GBP", CAP_MONEY_AUTO, "n/a" },
    };
    char buf[64];

    for (size_t i = 0; i < TEST_N_OF(cases); i++) {
        cap_money_text(buf, sizeof buf, cases[i].v, cases[i].currency,
                       cases[i].style);
        ck_assert_msg(strcmp(buf, cases[i].want) == 0, "%g: got '%s', "
                      "want '%s'", cases[i].v, buf, cases[i].want);
    }
    ck_assert_str_eq(cap_number_text(buf, sizeof buf, 1234567.25, 1),
                     "1,234,567.2");
    ck_assert_str_eq(cap_number_text(buf, sizeof buf, -123, 0), "-123");
    ck_assert_str_eq(cap_number_text(buf, sizeof buf, 0.5, 3), "0.500");
    /* A short buffer is cut, never overrun. */
    ck_assert_str_eq(cap_number_text(buf, 5, 1234567, 0), "1,23");
}
END_TEST

/* Two options for one provider: a block of 100 and a block of 90. */
static const char two_blocks[] =
    "[scenario]\nyears = 3\ntrials = 2\nseed = 7\n"
    "label = Two blocks\ncurrency = GBP\n"
    "description = A test of names.\n"
    "[population]\npersons = 100\n"
    "[service.visit]\nprovider = acute\nrate = 0.5\nunit_cost = 1\n"
    "[provider.acute]\nlabel = Royal County Hospital NHS Trust\n"
    "reserves = 10\n"
    "[commissioner]\nbudget = 100\n"
    "[contract.high]\ntype = block\nprovider = acute\namount = 100\n"
    "label = A contract's label\n"
    "[contract.low]\ntype = block\nprovider = acute\namount = 90\n"
    "[option.high]\nlabel = The high block\ncontracts = high\n"
    "[option.low]\ncontracts = low\n";

START_TEST(labels_name_sections_and_parties)
{
    cap_scenario *sc = test_scenario(two_blocks);

    ck_assert_str_eq(cap_scenario_label(sc, "scenario"), "Two blocks");
    ck_assert_str_eq(sc->currency, "GBP");
    ck_assert_str_eq(sc->description, "A test of names.");
    ck_assert_str_eq(cap_scenario_label(sc, "contract.high"),
                     "A contract's label");
    ck_assert_ptr_null(cap_scenario_label(sc, "contract.low"));
    ck_assert_str_eq(cap_scenario_option_label(sc, 0), "The high block");
    ck_assert_str_eq(cap_scenario_option_label(sc, 1), "low");
    ck_assert_str_eq(cap_ledger_party_label(sc, 0), "Commissioner");
    ck_assert_str_eq(cap_ledger_party_label(sc, 1),
                     "Royal County Hospital NHS Trust");
    ck_assert_str_eq(cap_ledger_party_label(sc, 2), "Whole system");
    ck_assert_str_eq(cap_ledger_party_name(sc, 1), "acute");
    ck_assert_int_eq(cap_ledger_find_party(sc, "acute"), 1);
    ck_assert_int_eq(cap_ledger_find_party(sc, "nobody"), -1);
    /* The defaults: the commissioner's annual duty, the provider's own
     * reserves, nothing for the system; the commissioner decides. */
    ck_assert_uint_eq(sc->appetite.decides, 0);
    ck_assert_double_eq(sc->appetite.party[0].max_deficit_chance, 0.10);
    ck_assert(isnan(sc->appetite.party[0].reserves));
    ck_assert_double_eq(sc->appetite.party[1].reserves, 10);
    ck_assert_double_eq(sc->appetite.party[1].max_exhaust_chance, 0.05);
    ck_assert(isnan(sc->appetite.party[2].max_deficit_chance));
    cap_scenario_free(sc);
}
END_TEST

static const test_error_case bad_names[] = {
    { NULL, "[scenario]\nyears = 1\ntrials = 2\nseed = 1\n"
      "currency = pounds\n", "currency", 0, "ISO 4217" },
    { NULL, "[scenario]\nyears = 1\ntrials = 2\nseed = 1\n"
      "label = 0123456789012345678901234567890123456789012345678901234"
      "567890123456789012345678901234567890123456789012345678901234567"
      "8901\n", "label", 0, "at most 120 characters" },
    { NULL, "[scenario]\nyears = 1\ntrials = 2\nseed = 1\n"
      "[appetite]\ndecides = nobody\n", "decides", 0, "no such party" },
    { NULL, "[scenario]\nyears = 1\ntrials = 2\nseed = 1\n"
      "[appetite.nobody]\nmax_deficit_chance = 0.1\n", "[appetite.nobody]",
      0, "no party called 'nobody'" },
    { NULL, "[scenario]\nyears = 1\ntrials = 2\nseed = 1\n"
      "[appetite.commissioner]\nmax_exhaust_chance = 0.1\n",
      "max_exhaust_chance", 0, "needs reserves" },
    { NULL, "[scenario]\nyears = 1\ntrials = 2\nseed = 1\n"
      "[appetite.commissioner]\nmax_deficit_chance = 1.5\n",
      "max_deficit_chance", 0, "max_deficit_chance" },
    { NULL, "[scenario]\nyears = 1\ntrials = 2\nseed = 1\n"
      "[appetite.commissioner]\nmax_deficit = 0.1\n",
      "max_deficit =", 0, "unknown key 'max_deficit'" },
};

START_TEST(bad_names_and_appetites_are_located)
{
    /* The rows need the rest of a scenario after their own lines. */
    const test_error_case *c = &bad_names[_i];
    char text[4096];
    test_error_case row = *c;
    const char *tail = two_blocks + strlen("[scenario]\nyears = 3\n"
                                           "trials = 2\nseed = 7\n");

    snprintf(text, sizeof text, "%s%s", c->text,
             strstr(tail, "[population]"));
    row.text = text;
    test_error_case_run(&row);
}
END_TEST

/* Outcomes of sc made by hand: every party's income 0 and spend s(o, p,
 * y, i) from fill; the system's spend is the other parties' sum. */
static cap_outcomes *
made_outcomes(const cap_scenario *sc, size_t trials,
              double (*net)(size_t opt, size_t party, int year, size_t i))
{
    cap_outcomes *o = cap_outcomes_alloc(sc, trials, 0);

    ck_assert_ptr_nonnull(o);
    for (size_t i = 0; i < trials; i++)
        for (size_t opt = 0; opt < o->options; opt++)
            for (size_t p = 0; p < o->parties; p++)
                for (int y = 1; y <= o->years; y++) {
                    size_t at = cap_outcomes_at(o, i, opt, p, y);

                    o->income[at] = 0.0;
                    o->spend[at] = -net(opt, p, y, i);
                }
    return o;
}

/* Option 0 ("high"): the commissioner is in deficit in year 2 in 30% of
 * trials (i % 10 < 3), else +5 a year; the provider +1 a year.
 * Option 1 ("low"): the commissioner +4 a year plus 1 in odd trials,
 * never in deficit; the provider loses 12 in year 3 of every fourth
 * trial, exhausting its reserves of 10 in 25% of futures. */
static double
hand_net(size_t opt, size_t party, int year, size_t i)
{
    if (opt == 0)
        return party == 0 ? (year == 2 && i % 10 < 3 ? -1.0 : 5.0) : 1.0;
    if (party == 0)
        return 4.0 + (double) (i % 2);
    return party == 1 && year == 3 && i % 4 == 0 ? -12.0 : 0.0;
}

START_TEST(annual_figures_are_counted_year_by_year)
{
    cap_scenario *sc = test_scenario(two_blocks);
    cap_outcomes *o = made_outcomes(sc, 1000, hand_net);
    cap_horizon *h = NULL;
    cap_diag d = { "", 0, "" };
    size_t np = o->parties;

    ck_assert_int_eq(cap_horizon_alloc(sc, o, &h, &d), CAP_OK);
    ck_assert_int_eq(h->years, 3);
    /* Option 0, commissioner: 30% in year 2 only. */
    ck_assert_double_eq(h->year_deficit[0 * 3 + 0].value, 0.0);
    ck_assert_double_eq_tol(h->year_deficit[0 * 3 + 1].value, 0.3, 1e-12);
    ck_assert_double_eq_tol(h->year_deficit[0 * 3 + 1].mcse,
                            sqrt(0.3 * 0.7 / 1000), 1e-12);
    ck_assert_double_eq_tol(h->worst_deficit[0].value, 0.3, 1e-12);
    ck_assert_double_eq_tol(h->any_deficit[0].value, 0.3, 1e-12);
    /* Over the horizon it never ends in deficit: the annual figures are
     * what a board is held to. */
    ck_assert_double_eq(h->s[0].prob_deficit.value, 0.0);
    /* Its worst year: -1 in 30% of trials, 5 otherwise; the 1-in-20
     * loss is 1 and so is the shortfall. */
    ck_assert_double_eq_tol(h->worst[0].var95.value, 1.0, 1e-12);
    ck_assert_double_eq_tol(h->worst[0].cvar95.value, 1.0, 1e-12);
    /* Option 1, provider: reserves of 10 exhausted by year 3 in 25%. */
    ck_assert_double_eq_tol(h->ruin[1 * np + 1], 0.25, 1e-12);
    ck_assert_double_eq_tol(h->any_deficit[1 * np + 1].value, 0.25, 1e-12);
    /* The commissioner has no reserve: no chance of exhausting one. */
    ck_assert(isnan(h->ruin[0]));
    cap_horizon_free(h);
    cap_outcomes_free(o);
    cap_scenario_free(sc);
}
END_TEST

/* Decide sc on the outcomes of net over trials. */
static cap_decision *
decide(const cap_scenario *sc, size_t trials,
       double (*net)(size_t, size_t, int, size_t))
{
    cap_outcomes *o = made_outcomes(sc, trials, net);
    cap_horizon *h = NULL;
    cap_decision *dec = NULL;
    cap_diag d = { "", 0, "" };

    ck_assert_int_eq(cap_horizon_alloc(sc, o, &h, &d), CAP_OK);
    ck_assert_int_eq(cap_decide(sc, o, h, &dec, &d), CAP_OK);
    cap_horizon_free(h);
    cap_outcomes_free(o);
    return dec;
}

START_TEST(each_party_rejects_what_breaches_its_appetite)
{
    cap_scenario *sc = test_scenario(two_blocks);
    cap_decision *dec = decide(sc, 1000, hand_net);

    /* High breaches the commissioner's 10%, low the provider's 5%. */
    ck_assert_int_eq(dec->acceptable[0 * 3 + 0], 0);
    ck_assert_int_eq(dec->acceptable[0 * 3 + 1], 1);
    ck_assert_int_eq(dec->acceptable[1 * 3 + 0], 1);
    ck_assert_int_eq(dec->acceptable[1 * 3 + 1], 0);
    ck_assert_ptr_nonnull(strstr(dec->why_not[0], "a deficit in year 2 in "
                                 "30.0% of futures, above the 10%"));
    ck_assert_ptr_nonnull(strstr(dec->why_not[4], "reserves of \xc2\xa3" "10 "
                                 "exhausted in 25.0% of futures"));
    ck_assert_ptr_null(dec->why_not[1]);
    ck_assert_int_eq(dec->recommended, -1);
    /* Each is rejected by one party; low is the better for the
     * commissioner: 4.5 a year against high's 5 - 6 x 0.3 / 3 = 4.4. */
    ck_assert_int_eq(dec->closest, 1);
    ck_assert_ptr_nonnull(strstr(dec->summary, "none is recommended"));
    ck_assert_ptr_nonnull(strstr(dec->appetite_text, "Commissioner (default)"));
    cap_decision_free(dec);
    cap_scenario_free(sc);
}
END_TEST

/* Both options acceptable: high pays the commissioner 5 a year plus
 * 3 (i odd) or -3 (i even) in year 1; low pays 5 a year plus m in
 * year 1.  The paired difference per year is (m -/+ 3) / 3. */
static double margin_m;
static double
paired_net(size_t opt, size_t party, int year, size_t i)
{
    if (party != 0)
        return 1.0;
    if (opt == 0)
        return 5.0 + (year == 1 ? (i % 2 ? 3.0 : -3.0) : 0.0);
    return 5.0 + (year == 1 ? margin_m : 0.0);
}

START_TEST(the_best_two_are_compared_on_the_same_futures)
{
    cap_scenario *sc = test_scenario(two_blocks);
    cap_decision *dec;
    double se = 1.0 / sqrt(1000.0) * sqrt(1000.0 / 999.0);

    /* Low is better by 0.3 a year (m = 0.9): the paired differences are
     * 0.3 +/- 1, se = 1/sqrt(n) x sqrt(n/(n-1)), 0.3 > 1.96 se: clear. */
    margin_m = 0.9;
    dec = decide(sc, 1000, paired_net);
    ck_assert_int_eq(dec->recommended, 1);
    ck_assert_int_eq(dec->runner_up, 0);
    ck_assert_double_eq_tol(dec->margin.value, 0.3, 1e-12);
    ck_assert_double_eq_tol(dec->margin.mcse, se, 1e-12);
    ck_assert_int_eq(dec->clear, 1);
    ck_assert_double_eq(dec->trials_to_settle, 0.0);
    ck_assert_ptr_nonnull(strstr(dec->summary, "Recommended: low."));
    ck_assert_ptr_nonnull(strstr(dec->summary, "clear at this run's"));
    /* Every option against the recommended one, paired. */
    ck_assert_double_eq_tol(dec->versus[0].value, -0.3, 1e-12);
    ck_assert_double_eq_tol(dec->versus[0].mcse, se, 1e-12);
    ck_assert_double_eq(dec->versus[1].value, 0.0);
    ck_assert_double_eq(dec->versus[1].mcse, 0.0);
    cap_decision_free(dec);

    /* Better by 0.03 a year: not clear; about 1.96^2 se^2 n / 0.03^2
     * trials would settle it. */
    margin_m = 0.09;
    dec = decide(sc, 1000, paired_net);
    ck_assert_int_eq(dec->recommended, 1);
    ck_assert_int_eq(dec->clear, 0);
    ck_assert_double_eq_tol(dec->trials_to_settle,
                            ceil(1.96 * 1.96 * se * se * 1000 / (0.03 * 0.03)),
                            1.0);
    ck_assert_ptr_nonnull(strstr(dec->summary, "NOT clear"));
    cap_decision_free(dec);
    cap_scenario_free(sc);
}
END_TEST

START_TEST(a_stated_appetite_replaces_the_defaults)
{
    char text[4096];
    cap_scenario *sc;
    cap_decision *dec;

    snprintf(text, sizeof text, "%s[appetite]\ndecides = acute\n"
             "[appetite.acute]\nreserves = 20\nmax_exhaust_chance = 0.3\n"
             "[appetite.commissioner]\nmax_deficit_chance = 0.5\n"
             "max_shortfall = 0.5\n", two_blocks);
    sc = test_scenario(text);
    ck_assert_uint_eq(sc->appetite.decides, 1);
    dec = decide(sc, 1000, hand_net);
    /* High: the commissioner's worst-year shortfall is 1 > 0.5. */
    ck_assert_int_eq(dec->acceptable[0], 0);
    ck_assert_ptr_nonnull(strstr(dec->why_not[0], "expected shortfall"));
    /* Low: 25% of futures lose 12 > 20? no: reserves of 20 hold. */
    ck_assert_int_eq(dec->acceptable[1 * 3 + 1], 1);
    ck_assert_int_eq(dec->recommended, 1);
    ck_assert_ptr_null(strstr(dec->appetite_text, "(default)"));
    ck_assert_ptr_nonnull(strstr(dec->appetite_text, "Royal County "
                                 "Hospital NHS Trust decides."));
    cap_decision_free(dec);
    cap_scenario_free(sc);
}
END_TEST

START_TEST(decision_csv_has_a_row_per_option_and_party)
{
    cap_scenario *sc = test_scenario(two_blocks);
    cap_point pt = { sc, NULL, NULL, NULL, NULL };
    cap_diag d = { "", 0, "" };
    char line[512];
    FILE *f = tmpfile();
    int rows = 0;

    pt.decision = decide(sc, 1000, hand_net);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(cap_write_decision(f, &pt, 1, &d), CAP_OK);
    rewind(f);
    ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
    ck_assert_str_eq(line, "point,option,party,decides,acceptable,"
                     "borderline,recommended,closest,net_vs_chosen,mcse,"
                     "reason\n");
    while (fgets(line, sizeof line, f) != NULL)
        rows++;
    ck_assert_int_eq(rows, 2 * 3);
    fclose(f);
    cap_decision_free(pt.decision);
    cap_scenario_free(sc);
}
END_TEST

static Suite *
decision_suite(void)
{
    Suite *s = suite_create("decision");
    TCase *t = tcase_create("core");

    tcase_add_test(t, money_is_grouped_with_its_symbol);
    tcase_add_test(t, labels_name_sections_and_parties);
    tcase_add_loop_test(t, bad_names_and_appetites_are_located, 0,
                        TEST_N_OF(bad_names));
    tcase_add_test(t, annual_figures_are_counted_year_by_year);
    tcase_add_test(t, each_party_rejects_what_breaches_its_appetite);
    tcase_add_test(t, the_best_two_are_compared_on_the_same_futures);
    tcase_add_test(t, a_stated_appetite_replaces_the_defaults);
    tcase_add_test(t, decision_csv_has_a_row_per_option_and_party);
    suite_add_tcase(s, t);
    return s;
}

int
main(void)
{
    return test_run(decision_suite());
}
