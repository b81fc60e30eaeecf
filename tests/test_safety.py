"""Tests for lanicemine_lib.safety and lanicemine_lib.figures.safety.

Reference values are computed independently here (scipy/statsmodels calls or the textbook formula) or are
hand-known published numbers (Newcombe 1998; Fisher's tea-tasting table; the rule of three).
"""

from __future__ import annotations

import dataclasses
import math
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure
from scipy import stats
from statsmodels.stats.contingency_tables import Table2x2
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_effectsize

from lanicemine_lib import safety
from lanicemine_lib.widgets import Explorer

# ------------------------------------------------------------------------------------------ facts table


def test_safety_findings_columns_and_statuses():
    df = safety.safety_findings()
    assert list(df.columns) == ["event", "what_is_known", "direction", "source", "status", "key"]
    assert set(df["status"]) == {"VERIFIED", "SEED", "NOT AVAILABLE"}
    verified = df[df["status"] == "VERIFIED"]
    assert set(verified["source"]) == {"Sanacora2014", "Sanacora2017", "Zarate2013", "PTSD2021"}
    assert set(df.loc[df["status"] == "SEED", "source"]) == {"Seed"}
    # corrected 2026-12-01: "generally well tolerated" is VERIFIED (Study 31 abstract), not a seed statement
    tolerability = df[df["key"] == "safety.tolerability"].iloc[0]
    assert tolerability["status"] == "VERIFIED" and tolerability["source"] == "Sanacora2017"
    # the ketamine comparison is Sanacora 2014's (EEG-aligned doses); Zarate 2013 compared with placebo only
    ketamine = df[df["key"] == "safety.psychotomimetic_sanacora2014"].iloc[0]
    assert "quantitative EEG" in ketamine["what_is_known"] and ketamine["source"] == "Sanacora2014"
    zarate = df[df["key"] == "safety.psychotomimetic_zarate2013"].iloc[0]
    assert "placebo" in zarate["what_is_known"] and "ketamine" not in zarate["what_is_known"]
    # each row is the registry's fact: status and source agree
    from lanicemine_lib import evidence

    for row in df.itertuples():
        fact = evidence.fact(row.key)
        assert (row.status, row.source) == (fact["status"], fact["source"]), row.key


def test_safety_findings_seed_figure_is_attributed_and_not_available_rows_hold_no_numbers():
    df = safety.safety_findings()
    seed_8_4 = df[df["what_is_known"].str.contains("8 %") & df["what_is_known"].str.contains("4 %")]
    assert len(seed_8_4) == 1
    row = seed_8_4.iloc[0]
    assert row["status"] == "SEED" and row["source"] == "Seed"
    assert "application note" in row["what_is_known"] and "not traceable" in row["what_is_known"]
    na = df[df["status"] == "NOT AVAILABLE"]
    assert {"Per-arm dizziness rates (%)", "CADSS values per arm"} <= set(na["event"])
    for text in na["what_is_known"]:
        assert not any(ch.isdigit() for ch in text.replace("Study 31", "")), text
    assert (na["source"] == "").all()
    dizziness = df[df["event"] == "Dizziness"].iloc[0]
    assert dizziness["status"] == "SEED"  # dose-related and transient is application-note only
    ptsd = df[df["source"] == "PTSD2021"].iloc[0]
    assert "No serious adverse events" in ptsd["what_is_known"] and ptsd["status"] == "VERIFIED"


def test_safety_findings_returns_a_fresh_frame():
    a = safety.safety_findings()
    a.loc[0, "status"] = "CHANGED"
    assert safety.safety_findings().loc[0, "status"] != "CHANGED"


# ------------------------------------------------------------------------------------------ comparisons

COUNTS = [(4, 100, 8, 100), (8, 100, 4, 100), (12, 51, 3, 50), (56, 70, 48, 80), (1, 16, 0, 18)]


@pytest.mark.parametrize("method", ["newcomb", "agresti-caffo", "wald"])
@pytest.mark.parametrize("counts", COUNTS[:4])
def test_risk_difference_matches_statsmodels(counts, method):
    r = safety.risk_difference(*counts, alpha=0.1, method=method)
    low, high = confint_proportions_2indep(*counts, compare="diff", method=method, alpha=0.1)
    assert r.ci_low == pytest.approx(float(low), abs=1e-12)
    assert r.ci_high == pytest.approx(float(high), abs=1e-12)
    assert r.estimate == pytest.approx(counts[0] / counts[1] - counts[2] / counts[3], abs=1e-15)
    assert r.method == method and r.alpha == 0.1 and r.measure == "risk difference"


def test_risk_difference_newcombe_published_example():
    # Newcombe (1998) Stat Med 17:873, example (a) 56/70 vs 48/80, method 10: 0.0524 to 0.3339
    r = safety.risk_difference(56, 70, 48, 80)
    assert r.estimate == pytest.approx(0.2)
    assert (round(r.ci_low, 4), round(r.ci_high, 4)) == (0.0524, 0.3339)


def test_risk_difference_newcombe_from_scipy_wilson_limits():
    # independent construction: Wilson limits from scipy's binomtest, combined by Newcombe's formula
    x1, n1, x2, n2 = 12, 51, 3, 50
    l1, u1 = stats.binomtest(x1, n1).proportion_ci(0.95, method="wilson")
    l2, u2 = stats.binomtest(x2, n2).proportion_ci(0.95, method="wilson")
    p1, p2 = x1 / n1, x2 / n2
    low = p1 - p2 - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = p1 - p2 + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    r = safety.risk_difference(x1, n1, x2, n2)
    assert (r.ci_low, r.ci_high) == pytest.approx((low, high), abs=1e-9)


@pytest.mark.parametrize("alpha", [0.05, 0.2])
@pytest.mark.parametrize("counts", COUNTS)
def test_relative_risk_matches_hand_katz_interval_with_half_correction(counts, alpha):
    x1, n1, x2, n2 = counts
    z = stats.norm.isf(alpha / 2)
    p1, p2 = (x1 + 0.5) / (n1 + 0.5), (x2 + 0.5) / (n2 + 0.5)
    se = math.sqrt(1 / (x1 + 0.5) - 1 / (n1 + 0.5) + 1 / (x2 + 0.5) - 1 / (n2 + 0.5))
    r = safety.relative_risk(*counts, alpha=alpha)
    assert r.ci_low == pytest.approx(p1 / p2 * math.exp(-z * se), rel=1e-10)
    assert r.ci_high == pytest.approx(p1 / p2 * math.exp(z * se), rel=1e-10)
    if x1 > 0 and x2 > 0:
        assert r.estimate == pytest.approx((x1 / n1) / (x2 / n2)) and r.note == ""
    else:
        assert r.estimate == pytest.approx(p1 / p2) and "0.5" in r.note


@pytest.mark.parametrize("alpha", [0.05, 0.2])
@pytest.mark.parametrize("counts", COUNTS)
def test_odds_ratio_matches_table2x2_with_half_added_to_every_cell(counts, alpha):
    x1, n1, x2, n2 = counts
    cells = np.array([[x1, n1 - x1], [x2, n2 - x2]], dtype=float)
    ref = Table2x2(cells + 0.5)
    low, high = ref.oddsratio_confint(alpha=alpha)
    r = safety.odds_ratio(*counts, alpha=alpha)
    assert (r.ci_low, r.ci_high) == pytest.approx((low, high), rel=1e-10)
    if cells.min() > 0:
        assert r.estimate == pytest.approx(Table2x2(cells).oddsratio, rel=1e-12)
    else:
        assert r.estimate == pytest.approx(ref.oddsratio, rel=1e-12)


@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
@pytest.mark.parametrize("counts", COUNTS)
def test_fisher_matches_scipy(counts, alternative):
    x1, n1, x2, n2 = counts
    ref = stats.fisher_exact([[x1, n1 - x1], [x2, n2 - x2]], alternative=alternative)
    r = safety.fisher_exact_test(*counts, alternative=alternative)
    assert r.p_value == pytest.approx(ref.pvalue, rel=1e-12)
    assert r.table == ((x1, n1 - x1), (x2, n2 - x2))


def test_fisher_tea_tasting_hand_value_and_odds_ratio_special_cases():
    r = safety.fisher_exact_test(3, 4, 1, 4)  # [[3, 1], [1, 3]]: p = 17/35
    assert r.p_value == pytest.approx(17 / 35, abs=1e-12)
    assert r.odds_ratio == pytest.approx(9.0)
    assert safety.fisher_exact_test(0, 10, 0, 10).odds_ratio is None
    assert "undefined" in safety.fisher_exact_test(0, 10, 0, 10).note
    assert safety.fisher_exact_test(5, 10, 0, 10).odds_ratio == math.inf
    assert safety.fisher_exact_test(0, 10, 5, 10).odds_ratio == 0.0


def test_nnh_when_interval_excludes_zero():
    r = safety.number_needed_to_harm(5, 50, 0, 50)
    rd = safety.risk_difference(5, 50, 0, 50)
    assert rd.ci_low > 0
    assert r.nnh == pytest.approx(10.0)
    assert (r.ci_low, r.ci_high) == pytest.approx((1 / rd.ci_high, 1 / rd.ci_low))
    assert not r.ci_crosses_zero and r.benefit_bound == math.inf
    benefit = safety.number_needed_to_harm(0, 50, 5, 50)
    assert benefit.nnh == pytest.approx(-10.0) and benefit.ci_high < 0 and benefit.harm_bound == math.inf


def test_nnh_when_interval_crosses_zero_is_two_pieces():
    r = safety.number_needed_to_harm(8, 100, 4, 100)
    rd = r.risk_difference
    assert rd.ci_low < 0 < rd.ci_high
    assert r.ci_crosses_zero and r.ci_low is None and r.ci_high is None
    assert r.nnh == pytest.approx(25.0)
    assert r.harm_bound == pytest.approx(1 / rd.ci_high)
    assert r.benefit_bound == pytest.approx(-1 / rd.ci_low)
    assert "includes 0" in r.explanation
    zero = safety.number_needed_to_harm(0, 20, 0, 20)
    assert zero.nnh == math.inf and zero.ci_crosses_zero and math.isfinite(zero.harm_bound)


def test_rule_of_three_hand_values():
    r = safety.rule_of_three(100)
    assert r.rule_of_three == pytest.approx(0.03)
    # exact one-sided 95 % upper bound: (1 - p)^100 = 0.05
    assert r.exact_one_sided_95 == pytest.approx(1 - 0.05 ** (1 / 100), rel=1e-10)
    assert round(r.exact_one_sided_95, 4) == 0.0295
    # upper end of the exact two-sided 95 % interval = one-sided 97.5 % bound: (1 - p)^100 = 0.025
    assert r.exact_two_sided_95 == pytest.approx(1 - 0.025 ** (1 / 100), rel=1e-10)
    assert round(r.exact_two_sided_95, 4) == 0.0362
    ref = stats.binomtest(0, 100).proportion_ci(0.95, method="exact")
    assert r.exact_two_sided_95 == pytest.approx(ref.high, rel=1e-10)
    one = safety.rule_of_three(1)
    assert (one.rule_of_three, one.exact_one_sided_95, one.exact_two_sided_95) == pytest.approx((1.0, 0.95, 0.975))


EDGE_COUNTS = [
    (0, 10, 0, 10),
    (10, 10, 10, 10),
    (0, 1, 0, 1),
    (1, 1, 1, 1),
    (1, 1, 0, 1),
    (0, 1, 1, 1),
    (3, 3, 0, 5),
    (0, 30, 30, 30),
]


@pytest.mark.parametrize("counts", EDGE_COUNTS)
def test_edge_cases_are_finite_without_warnings(counts):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        results = [safety.risk_difference(*counts), safety.relative_risk(*counts), safety.odds_ratio(*counts)]
        fisher = safety.fisher_exact_test(*counts)
        nnh = safety.number_needed_to_harm(*counts)
    for r in results:
        values = (r.estimate, r.ci_low, r.ci_high)
        assert all(math.isfinite(v) for v in values), r
        assert r.ci_low <= r.estimate <= r.ci_high, r
    assert -1 <= results[0].ci_low <= results[0].ci_high <= 1
    assert results[1].ci_low > 0 and results[2].ci_low > 0
    assert 0 <= fisher.p_value <= 1
    assert not (isinstance(fisher.odds_ratio, float) and math.isnan(fisher.odds_ratio))
    assert not math.isnan(nnh.nnh) and nnh.explanation


def test_all_events_both_arms_relative_risk_flags_zero_width_interval():
    r = safety.relative_risk(10, 10, 10, 10)
    assert (r.estimate, r.ci_low, r.ci_high) == (1.0, 1.0, 1.0)
    assert "no information" in r.note


@given(
    n_a=st.integers(1, 300),
    n_b=st.integers(1, 300),
    fa=st.floats(0, 1),
    fb=st.floats(0, 1),
    alpha=st.floats(0.001, 0.5),
)
@settings(max_examples=60, deadline=None, database=None)
def test_risk_difference_interval_contains_estimate_and_stays_in_range(n_a, n_b, fa, fb, alpha):
    x_a, x_b = round(fa * n_a), round(fb * n_b)
    r = safety.risk_difference(x_a, n_a, x_b, n_b, alpha=alpha)
    assert -1 <= r.ci_low <= r.estimate <= r.ci_high <= 1


BAD_COUNTS = [
    ((-1, 10, 0, 10), "events_a"),
    ((2.5, 10, 0, 10), "events_a"),
    ((11, 10, 0, 10), "events_a"),
    ((True, 10, 0, 10), "events_a"),
    ((0, 10, 0, 10.5), "n_b"),
    ((0, 10, 12, 10), "events_b"),
    ((0, 10, False, 10), "events_b"),
    ((0, 0, 0, 10), "n_a"),
    ((0, True, 0, 10), "n_a"),
    ((0, 10, 0, -3), "n_b"),
    (("1", 10, 0, 10), "events_a"),
    ((float("nan"), 10, 0, 10), "events_a"),
]

COUNT_FUNCTIONS = [
    safety.risk_difference,
    safety.relative_risk,
    safety.odds_ratio,
    safety.fisher_exact_test,
    safety.number_needed_to_harm,
]


@pytest.mark.parametrize("func", COUNT_FUNCTIONS)
@pytest.mark.parametrize("counts,name", BAD_COUNTS)
def test_bad_counts_rejected_naming_the_parameter(func, counts, name):
    with pytest.raises(ValueError, match=rf"^{name} must be"):
        func(*counts)


@pytest.mark.parametrize(
    "func", [safety.risk_difference, safety.relative_risk, safety.odds_ratio, safety.number_needed_to_harm]
)
@pytest.mark.parametrize("alpha", [0, -0.1, 0.51, 1.0, float("nan"), True])
def test_bad_alpha_rejected(func, alpha):
    with pytest.raises(ValueError, match=r"^alpha must be"):
        func(4, 100, 8, 100, alpha=alpha)


def test_alpha_half_is_accepted_and_method_validated():
    assert safety.risk_difference(4, 100, 8, 100, alpha=0.5).alpha == 0.5
    with pytest.raises(ValueError, match="^method must be one of"):
        safety.risk_difference(4, 100, 8, 100, method="score")
    with pytest.raises(ValueError, match="^alternative must be one of"):
        safety.fisher_exact_test(4, 100, 8, 100, alternative="both")


@pytest.mark.parametrize("n", [0, -1, 2.5, True, "10"])
def test_rule_of_three_rejects_bad_n(n):
    with pytest.raises(ValueError, match=r"^n must be"):
        safety.rule_of_three(n)


# ------------------------------------------------------------------------------------------ planning


def _hand_power(p1, p2, n, alpha):
    h = abs(2 * math.asin(math.sqrt(p1)) - 2 * math.asin(math.sqrt(p2)))
    z = stats.norm.isf(alpha / 2)
    shift = h * math.sqrt(n / 2)
    return stats.norm.sf(z - shift) + stats.norm.cdf(-z - shift)


@pytest.mark.parametrize(
    "p1,p2,n,alpha", [(0.08, 0.04, 100, 0.05), (0.08, 0.04, 539, 0.05), (0.3, 0.1, 40, 0.01), (0.04, 0.08, 250, 0.1)]
)
def test_power_matches_arcsine_normal_formula(p1, p2, n, alpha):
    expected = _hand_power(p1, p2, n, alpha)
    assert safety.power_two_proportions(p1, p2, n, alpha=alpha) == pytest.approx(expected, rel=1e-9)
    h = proportion_effectsize(p1, p2)
    ref = NormalIndPower().power(h, n, alpha, ratio=1.0, alternative="two-sided")
    assert safety.power_two_proportions(p1, p2, n, alpha=alpha) == pytest.approx(ref, rel=1e-9)


def test_power_properties_and_n_for_power():
    ns = [10, 50, 100, 300, 1000]
    powers = [safety.power_two_proportions(0.08, 0.04, n) for n in ns]
    assert all(b > a for a, b in zip(powers, powers[1:]))
    assert safety.power_two_proportions(0.05, 0.05, 100) == pytest.approx(0.05)
    n = safety.n_for_power(0.04, 0.08)
    assert n == 539  # ((1.95996 + 0.84162) / h)^2 = 538.1 with h = 0.1708
    exact = NormalIndPower().solve_power(proportion_effectsize(0.04, 0.08), power=0.8, alpha=0.05, ratio=1.0)
    assert n == math.ceil(exact)
    assert safety.power_two_proportions(0.04, 0.08, n) >= 0.8 > safety.power_two_proportions(0.04, 0.08, n - 1)
    with pytest.raises(ValueError, match="^p_b must differ"):
        safety.n_for_power(0.1, 0.1)
    with pytest.raises(ValueError, match="^power must be"):
        safety.n_for_power(0.04, 0.08, power=1.0)
    with pytest.raises(ValueError, match="^p_a must be"):
        safety.power_two_proportions(8, 0.04, 100)
    with pytest.raises(ValueError, match="^n_per_arm must be"):
        safety.power_two_proportions(0.08, 0.04, 0)


def test_expected_ci_halfwidth_hand_value_and_scaling():
    hw = safety.expected_ci_halfwidth(0.08, 0.04, 100)
    assert hw == pytest.approx(1.959963985 * math.sqrt((0.08 * 0.92 + 0.04 * 0.96) / 100), rel=1e-8)
    assert safety.expected_ci_halfwidth(0.08, 0.04, 400) == pytest.approx(hw / 2)
    assert safety.expected_ci_halfwidth(0.0, 1.0, 10) == 0.0


# ------------------------------------------------------------------------------------------ dizziness model


def test_dizziness_model_is_monotone_and_anchored():
    m = safety.DizzinessModel()
    c = np.linspace(0, 50, 501)
    p = m.probability(c)
    assert np.all(np.diff(p) > 0)
    assert m.probability(0.0) == pytest.approx(m.baseline)
    assert m.probability(m.ec50_um) == pytest.approx((m.baseline + m.p_max) / 2)
    assert m.probability(1e6) == pytest.approx(m.p_max, abs=1e-6)
    assert isinstance(m.probability(1.0), float)
    assert "illustrative" in m.label.lower() and "assumption" in m.label.lower()


def test_dizziness_model_validation_and_frozen():
    with pytest.raises(ValueError, match="^p_max must be"):
        safety.DizzinessModel(baseline=0.3, p_max=0.2)
    with pytest.raises(ValueError, match="^ec50_um must be"):
        safety.DizzinessModel(ec50_um=0)
    with pytest.raises(ValueError, match="^conc_um must be"):
        safety.DizzinessModel().probability(-1.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        safety.DizzinessModel().ec50_um = 2.0  # type: ignore[misc]


def test_slower_infusion_lowers_cmax_and_probability_at_equal_auc():
    # needs lanicemine_lib.pk (written in parallel); fails if it is missing
    table = safety.peak_effect_vs_infusion_length(100.0, [0.25, 0.5, 1.0, 2.0, 4.0])
    assert isinstance(table, pd.DataFrame)
    assert np.all(np.diff(table["cmax_um"]) < 0)
    assert np.all(np.diff(table["p_dizziness_at_cmax"]) < 0)
    auc = table["auc_mg_h_per_l"].to_numpy()
    assert auc == pytest.approx(np.full_like(auc, auc[0]), rel=1e-6)
    from lanicemine_lib import pk

    assert auc[0] == pytest.approx(100.0 / pk.PKParameters().cl, rel=1e-6)  # AUC = dose / CL
    slow_cl = safety.peak_effect_vs_infusion_length(100.0, [1.0], params=pk.PKParameters(cl=4.715))
    assert slow_cl["auc_mg_h_per_l"].iloc[0] == pytest.approx(2 * auc[0], rel=1e-6)
    one_hour = table[table["duration_h"] == 1.0].iloc[0]
    assert one_hour["cmax_um"] == pytest.approx(3.71, rel=1e-2)  # facts sheet, model-predicted 100 mg
    assert one_hour["tmax_h"] == pytest.approx(1.0, abs=0.02)


def test_peak_effect_rejects_bad_input():
    with pytest.raises(ValueError, match="^dose_mg must be"):
        safety.peak_effect_vs_infusion_length(-5, [1.0])
    with pytest.raises(ValueError, match="^durations_h must be"):
        safety.peak_effect_vs_infusion_length(100, [0.0, 1.0])
    with pytest.raises(ValueError, match="^model must be"):
        safety.peak_effect_vs_infusion_length(100, [1.0], model="steep")
    from lanicemine_lib import pk

    with pytest.raises(ValueError, match="^params must be"):
        safety.peak_effect_vs_infusion_length(100, [1.0], params=pk.PKParameters(cl=np.array([9.0, 10.0])))


# ------------------------------------------------------------------------------------------ scales


def test_score_ranges_and_vectorised_rows():
    assert safety.score_madrs([0] * 10) == 0
    assert safety.score_madrs([6] * 10) == 60
    assert safety.score_cadss([4] * 23) == 92
    assert safety.score_cadss(np.zeros(23)) == 0
    rows = np.array([[1] * 10, [6] * 10, list(range(6)) + [0, 1, 2, 3]])
    assert safety.score_madrs(rows).tolist() == [10, 60, 21]
    assert isinstance(safety.score_madrs([1] * 10), int)


@pytest.mark.parametrize(
    "func,items,pattern",
    [
        (safety.score_madrs, [1] * 9, r"item count"),
        (safety.score_cadss, [1] * 24, r"item count"),
        (safety.score_madrs, [0, 0, 0, 7, 0, 0, 0, 0, 0, 0], r"MADRS item 4"),
        (safety.score_madrs, [0, 0, -1, 0, 0, 0, 0, 0, 0, 0], r"MADRS item 3"),
        (safety.score_cadss, [0] * 22 + [5], r"CADSS item 23"),
        (safety.score_cadss, [0.5] + [0] * 22, r"CADSS item 1.*whole number"),
        (safety.score_madrs, [np.nan] + [0] * 9, r"MADRS item 1"),
        (safety.score_madrs, [True] * 10, r"^items must be"),
        (safety.score_madrs, np.zeros((2, 2, 10)), r"^items.ndim"),
        (safety.score_madrs, [[0] * 10, [0] * 9 + [9]], r"MADRS item 10"),
    ],
)
def test_score_rejects_bad_items(func, items, pattern):
    with pytest.raises(ValueError, match=pattern):
        func(items)


def test_madrs_response_and_remission():
    assert safety.madrs_response(30, 15) is True  # exactly 50 %
    assert safety.madrs_response(30, 16) is False
    assert safety.madrs_response(31, 15.5) is True
    assert safety.madrs_response([30, 30, 20], [10, 20, 10]).tolist() == [True, False, True]
    assert safety.madrs_remission(10) is True and safety.madrs_remission(11) is False
    assert safety.madrs_remission([0, 10, 10.5, 60]).tolist() == [True, True, False, False]
    with pytest.raises(ValueError, match="^baseline must be"):
        safety.madrs_response(0, 0)
    with pytest.raises(ValueError, match="^current must be"):
        safety.madrs_response(30, 61)
    with pytest.raises(ValueError, match="^current must have the shape"):
        safety.madrs_response([30, 30], [1, 2, 3])
    with pytest.raises(ValueError, match="^score must be"):
        safety.madrs_remission(-1)


# ------------------------------------------------------------------------------------------ figures


@pytest.fixture
def no_show(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("figure functions must not call plt.show()")

    monkeypatch.setattr(plt, "show", refuse)
    yield
    plt.close("all")


def _all_text(fig: Figure) -> str:
    return " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))


def test_sample_size_figure_has_fixed_axes_labels_and_illustrative_note(no_show):
    from lanicemine_lib.figures import safety as fs

    limits = []
    for n in (25, 100, 1600):
        fig = fs.plot_sample_size(n)
        assert isinstance(fig, Figure)
        ax = fig.axes[0]
        limits.append((ax.get_xlim(), fig.axes[1].get_xlim()))
        assert "percentage points" in ax.get_xlabel()
        text = _all_text(fig)
        assert "Illustrative" in text and "reported by the application note" in text
        assert f"{n:,} patients per arm" in text
        assert 600 <= fig.get_figwidth() * fig.dpi <= 680
        plt.close(fig)
    assert limits[0] == limits[1] == limits[2]
    assert "includes zero" in fs.describe_sample_size(100)
    assert "excludes zero" in fs.describe_sample_size(1600)


def test_power_and_forest_figures(no_show):
    from lanicemine_lib.figures import safety as fs

    fig = fs.plot_power_curve(mark_n=300)
    ax = fig.axes[0]
    assert ax.get_ylabel() == "Power (%)" and ax.get_xlabel() == "Patients per arm"
    assert "Illustrative" in _all_text(fig) and "539" in _all_text(fig)


def test_power_accepts_an_array_of_arm_sizes():
    ns = np.array([10, 51, 101, 539, 2000])
    curve = safety.power_two_proportions(0.08, 0.04, ns)
    assert isinstance(curve, np.ndarray) and curve.shape == (5,)
    assert curve.tolist() == [safety.power_two_proportions(0.08, 0.04, int(n)) for n in ns]
    smooth = safety.power_two_proportions(0.08, 0.04, np.geomspace(10, 2000, 50))
    assert np.all(np.diff(smooth) > 0)  # a curve over real arm sizes rises
    assert safety.power_two_proportions(0.05, 0.05, [10, 20]).tolist() == [0.05, 0.05]
    assert safety.expected_counts(0.08, 100) == 8 and safety.expected_counts(0.045, 100) == 5  # half up
    assert safety.expected_counts([0.08, 0.04], 539).tolist() == [43, 22]


def test_infusion_figure_and_explorer_frame(no_show):
    from lanicemine_lib.figures import safety as fs

    fig = fs.plot_infusion_length(2.0)
    ax1, ax2 = fig.axes
    assert "(µM)" in ax1.get_ylabel() and "(h)" in ax1.get_xlabel() and "(µM)" in ax2.get_xlabel()
    assert "illustrative assumption" in _all_text(fig)
    assert "same AUC" in fs.describe_infusion_length(2.0)
    with pytest.raises(ValueError, match="^duration_h must be"):
        fs.plot_infusion_length(0.0)
    explorer = Explorer(  # as the chapter builds its demo
        plot=lambda h: fs.plot_infusion_length(h, shortest_h=0.5),
        values=[0.5, 1.0],
        label="Infusion length",
        unit="h",
        describe=fs.describe_infusion_length,
    )
    html = explorer.frame(1.0)
    assert html.startswith("<img") and "Infusion length 1 h: Illustrative assumption" in html
