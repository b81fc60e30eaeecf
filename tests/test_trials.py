"""Tests of lanicemine_lib.trials and lanicemine_lib.figures.trials (published record, calendars, eligibility,
vectorised ANCOVA, simulated power). Runs in well under 30 s."""

from __future__ import annotations

import dataclasses
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from lanicemine_lib import pk
from lanicemine_lib import trials as T
from lanicemine_lib.figures import trials as FT


# ------------------------------------------------------------------------------------------------
# Published record (numbers exactly as in lanicemine-facts.md)
# ------------------------------------------------------------------------------------------------
def _row(df: pd.DataFrame, study: str, arm: str) -> pd.Series:
    sel = df[(df.study == study) & (df.arm == arm)]
    assert len(sel) == 1, (study, arm)
    return sel.iloc[0]


EXPECTED_ARMS = {
    # (study, arm): dose, n_randomized, n_completed, n_total, madrs mean, madrs sd, age mean, age sd, female %
    ("Study 1", "lanicemine 100 mg"): (100, 16, None, 34, None, None, None, None, None),
    ("Study 1", "saline placebo"): (0, 18, None, 34, None, None, None, None, None),
    ("Zarate 2013", "lanicemine 150 mg (period)"): (150, None, None, 22, None, None, None, None, None),
    ("Zarate 2013", "placebo (period)"): (0, None, None, 22, None, None, None, None, None),
    ("Study 9", "lanicemine 100 mg"): (100, 51, None, 152, 33.3, 5.6, 45.9, None, 71),
    ("Study 9", "lanicemine 150 mg"): (150, 51, None, 152, 34.1, 5.0, 46.6, None, 61),
    ("Study 9", "placebo"): (0, 50, None, 152, 33.5, 4.5, 44.4, None, 61),
    ("Study 31", "lanicemine 50 mg"): (50, 101, 80, 302, 36.55, 4.67, 47.7, 11.2, 61.4),
    ("Study 31", "lanicemine 100 mg"): (100, 101, 81, 302, 36.02, 4.74, 47.5, 11.9, 69.3),
    ("Study 31", "placebo"): (0, 100, 77, 302, 35.64, 4.84, 49.5, 11.1, 65),
    ("PTSD trial", "lanicemine 100 mg"): (100, None, None, 24, None, None, None, None, None),
    ("PTSD trial", "placebo"): (0, None, None, 24, None, None, None, None, None),
}
NUMERIC_COLS = (
    "dose_mg",
    "n_randomized",
    "n_completed",
    "n_study_total",
    "baseline_madrs_mean",
    "baseline_madrs_sd",
    "age_mean",
    "age_sd",
    "female_pct",
)


def test_published_trials_match_facts_sheet_and_nan_where_not_available():
    df = T.published_trials()
    assert len(df) == len(EXPECTED_ARMS)
    for (study, arm), expected in EXPECTED_ARMS.items():
        row = _row(df, study, arm)
        for col, value in zip(NUMERIC_COLS, expected):
            if value is None:
                assert math.isnan(row[col]), (study, arm, col, row[col])
            else:
                assert row[col] == value, (study, arm, col, row[col])
    # randomised arms add up to the study totals where arms are split
    for study, total in (("Study 1", 34), ("Study 9", 152), ("Study 31", 302)):
        assert df[df.study == study].n_randomized.sum() == total
    # crossover explained; sources are known bibtex keys
    assert df[df.study == "Zarate 2013"].design.str.contains("crossover").all()
    assert df[df.study == "Zarate 2013"].design.str.contains("same 22 patients").all()
    for keys in df.source:
        assert set(keys.split("; ")) <= set(T.SOURCES)


def test_no_unverified_or_seed_only_numbers_in_tables():
    text = T.published_trials().to_csv() + T.trial_designs().to_csv()
    for banned in ("-5.7", "0.089", "-5.5", "-9.1", "-4.8", "0.006", "0.019", "8 %", "4 %"):
        assert banned not in text, banned


def test_trial_designs():
    d = T.trial_designs().set_index("study")
    assert d.loc["Study 9", "primary_endpoint_week"] == 3
    assert d.loc["Study 31", "primary_endpoint_week"] == 6
    assert d.loc["Study 9", "n_infusions"] == 9 and d.loc["Study 31", "n_infusions"] == 15
    assert (d.infusion_min == 60).all()
    assert d.loc["Study 31", "n_centres"] == 49
    assert d.loc["Study 31", "countries"] == "Chile, Slovakia, South Africa, USA"
    assert d.loc["Study 31", "period"] == "Dec 2011 – Aug 2013"
    assert "HRSD-17 >= 26 (later >= 20)" in d.loc["Study 9", "entry_criteria"]
    assert ">= 2 failed antidepressants" in d.loc["Study 9", "entry_criteria"]
    # corrected 2026-12-01: Study 31 required a lifetime history of >= 3 (not Study 9's registry wording)
    assert "inadequate response to >= 3 antidepressants" in d.loc["Study 31", "entry_criteria"]
    assert "in addition to the current one" not in d.loc["Study 31", "entry_criteria"]
    assert ">= 4 weeks" in d.loc["Study 31", "entry_criteria"]
    assert d.loc["Study 9", "outcome_status"] == "VERIFIED (direction) / SEED (details)"
    assert "the application note reports" in d.loc["Study 9", "outcome"]
    assert "double-blind" in d.loc["Study 31", "design"] and "saline" in d.loc["Study 31", "design"]
    assert "1:1" in d.loc["PTSD trial", "design"]
    assert d.loc["Study 31", "outcome_status"] == "VERIFIED"
    assert d.loc["Study 31", "outcome"].startswith("neither dose")
    assert math.isnan(d.loc["Study 9", "n_centres"])  # NOT AVAILABLE
    assert pd.isna(d.loc["Study 1", "outcome"])  # only an UNVERIFIED figure exists
    assert d.loc["Study 31", "n_total"] == 302 and d.loc["PTSD trial", "n_total"] == 24


def test_study31_flow():
    f = T.study31_flow()
    assert f.enrolled == 542 and f.randomised_total == 302
    assert list(f.randomised.values()) == [101, 101, 100]
    assert list(f.completed.values()) == [80, 81, 77]
    assert f.completed_total == 240
    assert round(f.completion_pct, 1) == 79.5
    assert f.completed_arm_sum == 238 and "238" in f.discrepancy  # the sheet's inconsistency is surfaced
    assert f.discontinued() == {"lanicemine 50 mg": 21, "lanicemine 100 mg": 20, "placebo": 23}
    assert f.not_randomised == 240
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.enrolled = 1  # type: ignore[misc]


# ------------------------------------------------------------------------------------------------
# Calendars (from pk.Regimen)
# ------------------------------------------------------------------------------------------------
def test_dosing_calendars_weeks_and_counts():
    from lanicemine_lib import pk

    c9 = T.dosing_calendar("Study 9", 150)
    c31 = T.dosing_calendar("Study 31", 50)
    assert len(c9) == 9 == len(pk.Regimen.study9(150).infusions)
    assert len(c31) == 15 == len(pk.Regimen.study31(50).infusions)
    assert c9.week.value_counts().sort_index().to_dict() == {1: 3, 2: 3, 3: 3}
    assert c31.week.value_counts().sort_index().to_dict() == {1: 3, 2: 3, 3: 3, 4: 1, 5: 1, 6: 1, 8: 1, 10: 1, 12: 1}
    assert list(c9.infusion) == list(range(1, 10)) and list(c31.infusion) == list(range(1, 16))
    assert set(c9.weekday) == {"Mon", "Wed", "Fri"}
    assert set(c31[c31.week >= 4].weekday) == {"Mon"}
    assert (c9.duration_min == 60).all() and (c31.duration_min == 60).all()
    assert (c9.dose_mg == 150).all() and (c31.dose_mg == 50).all()
    assert c31.start_h.is_monotonic_increasing


@pytest.mark.parametrize(
    "study,dose,name",
    [
        ("Study 10", 100, "study"),
        ("study 9", 100, "study"),
        ("Study 9", 0, "dose_mg"),
        ("Study 31", -5, "dose_mg"),
        ("Study 31", float("nan"), "dose_mg"),
        ("Study 9", "100", "dose_mg"),
    ],
)
def test_dosing_calendar_rejects_bad_input(study, dose, name):
    with pytest.raises(ValueError, match=rf"^{name} must be"):
        T.dosing_calendar(study, dose)


# ------------------------------------------------------------------------------------------------
# Eligibility
# ------------------------------------------------------------------------------------------------
OK = dict(
    age_years=45,
    diagnosis="MDD recurrent",
    inadequate_responses_current_episode=1,
    on_allowed_antidepressant=True,
    weeks_on_current_antidepressant=6,
    history_of_psychosis=False,
    history_of_bipolar=False,
    substance_use_disorder_past_year=False,
    significant_suicidal_ideation=False,
)


def test_eligible_record_and_boundaries():
    assert T.check_eligibility(OK) == T.EligibilityResult(True, ())
    assert T.check_eligibility(T.Patient(**OK)).eligible
    for age in (18, 70):
        assert T.check_eligibility({**OK, "age_years": age}).eligible
    assert T.check_eligibility({**OK, "diagnosis": "MDD single episode"}).eligible
    assert T.check_eligibility({**OK, "weeks_on_current_antidepressant": 4}).eligible
    with pytest.raises(dataclasses.FrozenInstanceError):
        T.Patient(**OK).age_years = 30  # type: ignore[misc]


@pytest.mark.parametrize(
    "change,prefixes",
    [
        ({"age_years": 17.9}, ["age:"]),
        ({"age_years": 70.5}, ["age:"]),
        ({"diagnosis": "other"}, ["diagnosis:"]),
        ({"diagnosis": "bipolar disorder"}, ["diagnosis:", "bipolar disorder:"]),
        ({"diagnosis": "psychotic disorder"}, ["diagnosis:", "psychosis:"]),
        ({"inadequate_responses_current_episode": 0}, ["prior treatment:"]),
        ({"on_allowed_antidepressant": False}, ["current antidepressant:"]),
        ({"weeks_on_current_antidepressant": 3.9}, ["current antidepressant:"]),
        ({"history_of_psychosis": True}, ["psychosis:"]),
        ({"history_of_bipolar": True}, ["bipolar disorder:"]),
        ({"substance_use_disorder_past_year": True}, ["substance use:"]),
        ({"significant_suicidal_ideation": True}, ["suicidal ideation:"]),
    ],
)
def test_each_criterion_triggers_its_reason(change, prefixes):
    res = T.check_eligibility({**OK, **change})
    assert not res.eligible
    assert [r.split(":")[0] + ":" for r in res.reasons] == prefixes


def test_several_failures_are_all_reported():
    res = T.check_eligibility({**OK, "age_years": 80, "significant_suicidal_ideation": True})
    assert len(res.reasons) == 2


@pytest.mark.parametrize(
    "record,field",
    [
        ({k: v for k, v in OK.items() if k != "age_years"}, "age_years"),
        ({k: v for k, v in OK.items() if k != "history_of_bipolar"}, "history_of_bipolar"),
        ({**OK, "age": 40}, "age"),
        ({**OK, "age_years": -1}, "age_years"),
        ({**OK, "age_years": 121}, "age_years"),
        ({**OK, "age_years": "45"}, "age_years"),
        ({**OK, "age_years": float("nan")}, "age_years"),
        ({**OK, "diagnosis": "MDD"}, "diagnosis"),
        ({**OK, "inadequate_responses_current_episode": 1.5}, "inadequate_responses_current_episode"),
        ({**OK, "inadequate_responses_current_episode": -1}, "inadequate_responses_current_episode"),
        ({**OK, "weeks_on_current_antidepressant": -2}, "weeks_on_current_antidepressant"),
        ({**OK, "history_of_psychosis": "no"}, "history_of_psychosis"),
        ({**OK, "significant_suicidal_ideation": 0}, "significant_suicidal_ideation"),
    ],
)
def test_malformed_records_raise_naming_the_field(record, field):
    with pytest.raises(ValueError, match=field):
        T.check_eligibility(record)


def test_non_mapping_patient_rejected():
    with pytest.raises(ValueError, match="patient"):
        T.check_eligibility([("age_years", 40)])


# ------------------------------------------------------------------------------------------------
# Vectorised ANCOVA == statsmodels OLS
# ------------------------------------------------------------------------------------------------
def _sm_fit(baseline, change, arm, n_arms):
    cols = [np.ones(len(arm))] + [(arm == k).astype(float) for k in range(1, n_arms)] + [baseline]
    fit = sm.OLS(change, np.column_stack(cols)).fit()
    return fit.params[1:n_arms], fit.bse[1:n_arms], fit.pvalues[1:n_arms]


def test_ancova_batch_equals_statsmodels():
    rng = np.random.default_rng(7)
    sizes = (12, 15, 9)
    arm = np.repeat(np.arange(3), sizes)
    n_tr = 6
    base = rng.normal(35, 5, (n_tr, arm.size))
    change = -10 + 0.3 * (base - 35) + rng.normal(0, 8, base.shape) - 2.0 * (arm == 1)
    w = (rng.random(base.shape) > 0.2).astype(float)
    res = T.ancova_batch(base, change, arm, w)
    for i in range(n_tr):
        keep = w[i] == 1
        est, se, p = _sm_fit(base[i, keep], change[i, keep], arm[keep], 3)
        np.testing.assert_allclose(res.estimate[i], est, rtol=0, atol=1e-8)
        np.testing.assert_allclose(res.std_error[i], se, rtol=0, atol=1e-8)
        np.testing.assert_allclose(res.p_value[i], p, rtol=0, atol=1e-8)


@settings(max_examples=20, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n0=st.integers(3, 20),
    n1=st.integers(3, 20),
    shift=st.floats(-20, 20),
    slope=st.floats(-2, 2),
)
def test_ancova_batch_equals_statsmodels_property(seed, n0, n1, shift, slope):
    rng = np.random.default_rng(seed)
    arm = np.repeat([0, 1], [n0, n1])
    base = rng.uniform(20, 60, (2, arm.size))
    change = shift * (arm == 1) + slope * base + rng.normal(0, 5, base.shape)
    res = T.ancova_batch(base, change, arm)
    for i in range(2):
        est, se, p = _sm_fit(base[i], change[i], arm, 2)
        assert abs(res.estimate[i, 0] - est[0]) < 1e-8
        assert abs(res.std_error[i, 0] - se[0]) < 1e-8
        assert abs(res.p_value[i, 0] - p[0]) < 1e-8


@pytest.mark.parametrize("missing", ["locf", "completers"])
def test_simulated_trials_analysis_equals_statsmodels(missing):
    r = T.simulate_trials((20, 25, 30), (-3.0, -5.0), 5, 11, missing=missing, return_data=True)
    assert r.madrs.shape == (5, 75, 7)
    for i in range(5):
        y = r.madrs[i]
        n_obs = (~np.isnan(y)).sum(axis=1)
        assert (n_obs >= 2).all()  # everyone has a post-baseline score
        if missing == "locf":
            keep = np.ones(len(y), bool)
            y_end = y[np.arange(len(y)), n_obs - 1]
        else:
            keep = ~np.isnan(y[:, -1])
            y_end = y[keep, -1]
        est, se, p = _sm_fit(y[keep, 0], y_end - y[keep, 0], r.arm[keep], 3)
        np.testing.assert_allclose(r.estimates[i], est, rtol=0, atol=1e-8)
        np.testing.assert_allclose(r.std_errors[i], se, rtol=0, atol=1e-8)
        np.testing.assert_allclose(r.p_values[i], p, rtol=0, atol=1e-8)
        # response / remission per arm, recomputed from the scores
        base = y[keep, 0]
        for k in range(3):
            sel = r.arm[keep] == k
            resp = np.mean((base[sel] - y_end[sel]) >= 0.5 * base[sel])
            remi = np.mean(y_end[sel] <= 10)
            assert r.response_rate[i, k] == pytest.approx(resp, abs=1e-12)
            assert r.remission_rate[i, k] == pytest.approx(remi, abs=1e-12)


def test_ancova_batch_rejects_bad_input():
    with pytest.raises(ValueError, match="baseline and change"):
        T.ancova_batch(np.zeros((2, 4)), np.zeros((2, 5)), [0, 0, 1, 1])
    with pytest.raises(ValueError, match="arm"):
        T.ancova_batch(np.zeros((2, 4)), np.zeros((2, 4)), [0, 0, 0, 0])
    with pytest.raises(ValueError, match="weights"):
        T.ancova_batch(np.zeros((2, 4)), np.zeros((2, 4)), [0, 0, 1, 1], np.full((2, 4), 0.5))
    with pytest.raises(ValueError, match="finite"):
        T.ancova_batch(np.full((1, 4), np.nan), np.zeros((1, 4)), [0, 0, 1, 1])


# ------------------------------------------------------------------------------------------------
# Simulation: size, power, reproducibility, assumptions
# ------------------------------------------------------------------------------------------------
def _band(p: float, n: int, k: float = 3.0) -> float:
    return k * math.sqrt(p * (1 - p) / n)


def test_type_one_error_equals_alpha():
    n = 4000
    r = T.simulate_trials(30, (0.0, 0.0), n, 123, endpoint_week=6)
    assert np.all(np.abs(r.power - 0.05) < _band(0.05, n)), r.power
    r2 = T.simulate_trials(25, 0.0, n, 9, endpoint_week=3, missing="completers", alpha=0.1)
    assert abs(r2.power[0] - 0.1) < _band(0.1, n), r2.power


def test_simulated_power_matches_analytic_two_sample():
    a = T.TrialAssumptions(dropout_by_endpoint=0.0, clip_to_scale=False)
    n_trials, n, eff = 4000, 50, -4.0
    r = T.simulate_trials(n, (eff, eff / 2), n_trials, 2024, assumptions=a)
    for k, e in enumerate((eff, eff / 2)):
        expected = T.analytic_power(n, e, a.residual_sd)
        assert abs(r.power[k] - expected) < _band(expected, n_trials) + 0.005, (r.power[k], expected)
    # unbiased estimate of the effect without clipping and dropout
    est = r.estimates[:, 0]
    assert abs(est.mean() - eff) < 4 * est.std() / math.sqrt(n_trials)


def test_analytic_power_properties():
    assert T.analytic_power(50, 0.0, 8.0) == pytest.approx(0.05, abs=1e-12)
    assert T.analytic_power(50, -4.0, 8.0) == pytest.approx(T.analytic_power(50, 4.0, 8.0), abs=1e-12)
    assert T.analytic_power(100, -4.0, 8.0) > T.analytic_power(50, -4.0, 8.0)
    # textbook value: d = 0.5, n = 64 per arm -> about 80 % power
    assert T.analytic_power(64, 4.0, 8.0) == pytest.approx(0.80, abs=0.01)
    # independent reference: statsmodels' two-sample t-test power (Cohen's d = |effect| / sd, equal arms)
    from statsmodels.stats.power import TTestIndPower

    for n, eff, sd, alpha in [(50, -4.0, 8.0, 0.05), (20, -2.0, 10.0, 0.1), (100, -3.0, 8.0, 0.01)]:
        d = abs(eff) / sd
        ref = TTestIndPower().power(d, n, alpha, ratio=1.0, alternative="two-sided")
        assert T.analytic_power(n, eff, sd, alpha=alpha) == pytest.approx(ref, rel=1e-9)
        # positive = significant *and* favouring the drug: one tail at alpha / 2
        one_tail = TTestIndPower().power(-eff / sd, n, alpha / 2, ratio=1.0, alternative="larger")
        assert T.analytic_positive_probability(n, eff, sd, alpha=alpha) == pytest.approx(one_tail, rel=1e-9)
    with pytest.raises(ValueError, match="sd"):
        T.analytic_power(50, -4.0, 0.0)
    with pytest.raises(ValueError, match="n_per_arm"):
        T.analytic_power(1, -4.0, 8.0)


def test_same_seed_same_result_and_seed_matters():
    r1 = T.simulate_trials(40, (-3.0, -2.0), 300, 5)
    r2 = T.simulate_trials(40, (-3.0, -2.0), 300, 5)
    r3 = T.simulate_trials(40, (-3.0, -2.0), 300, 6)
    np.testing.assert_array_equal(r1.estimates, r2.estimates)
    np.testing.assert_array_equal(r1.p_values, r2.p_values)
    np.testing.assert_array_equal(r1.mean_trajectory, r2.mean_trajectory)
    assert not np.array_equal(r1.estimates, r3.estimates)


def test_dropout_and_trajectory_follow_assumptions():
    a = T.TrialAssumptions(dropout_by_endpoint=0.3, clip_to_scale=False)
    r = T.simulate_trials(100, -3.0, 400, 1, assumptions=a)
    assert np.all(np.abs(r.completion_rate - 0.7) < 0.02)
    none = T.simulate_trials(20, -3.0, 20, 1, assumptions=dataclasses.replace(a, dropout_by_endpoint=0.0))
    assert np.all(none.completion_rate == 1.0)
    # placebo mean at endpoint: baseline mean - plateau * (1 - exp(-6 / tau)) (MCAR dropout, no clipping)
    expected = a.baseline_mean - a.placebo_plateau * (1 - math.exp(-6 / a.placebo_tau_weeks))
    assert r.mean_trajectory[0, -1] == pytest.approx(expected, abs=0.3)
    assert r.mean_trajectory[1, -1] - r.mean_trajectory[0, -1] == pytest.approx(-3.0, abs=0.3)


def test_clipping_keeps_scores_on_the_scale():
    a = T.TrialAssumptions(placebo_plateau=30, residual_sd=15)
    r = T.simulate_trials(30, -10.0, 20, 3, assumptions=a, return_data=True)
    vals = r.madrs[~np.isnan(r.madrs)]
    assert vals.min() >= 0 and vals.max() <= 60 and (vals == 0).any()


def test_assumptions_are_documented_and_validated():
    d = T.TrialAssumptions().describe()
    assert set(d.assumption) == {f.name for f in dataclasses.fields(T.TrialAssumptions)}
    assert d["reason for default"].str.len().min() > 20
    assert (d.status == "illustrative assumption").sum() == len(d) - 2
    with pytest.raises(ValueError, match="residual_sd"):
        T.TrialAssumptions(residual_sd=-1)
    with pytest.raises(ValueError, match="baseline_max"):
        T.TrialAssumptions(baseline_min=40, baseline_max=30)
    with pytest.raises(ValueError, match="dropout_by_endpoint"):
        T.TrialAssumptions(dropout_by_endpoint=0.95)
    with pytest.raises(ValueError, match="clip_to_scale"):
        T.TrialAssumptions(clip_to_scale="yes")


@pytest.mark.parametrize(
    "kwargs,name",
    [
        ({"n_per_arm": 1}, "n_per_arm"),
        ({"n_per_arm": 5001}, "n_per_arm"),
        ({"n_per_arm": 2.5}, "n_per_arm"),
        ({"n_per_arm": True}, "n_per_arm"),
        ({"n_per_arm": (10, 10, 10)}, "n_per_arm"),
        ({"n_trials": 0}, "n_trials"),
        ({"n_trials": 100_001}, "n_trials"),
        ({"effect": float("nan")}, "effect"),
        ({"effect": 100.0}, "effect"),
        ({"effect": "big"}, "effect"),
        ({"effect": ()}, "effect"),
        ({"seed": -1}, "seed"),
        ({"seed": 1.5}, "seed"),
        ({"endpoint_week": 0}, "endpoint_week"),
        ({"missing": "mi"}, "missing"),
        ({"alpha": 0.0}, "alpha"),
        ({"assumptions": {"residual_sd": 8}}, "assumptions"),
        ({"return_data": "yes"}, "return_data"),
    ],
)
def test_simulate_trials_rejects_bad_input(kwargs, name):
    with pytest.raises(ValueError, match=name):
        T.simulate_trials(**{"n_trials": 2, **kwargs})


def test_same_drug_two_trials():
    r = T.same_drug_two_trials(60, -3.0, 3000, 8, endpoint_week=6)
    p = r.p_positive_analytic[0]
    assert r.p_positive_analytic[0] == r.p_positive_analytic[1]
    assert r.p_split_analytic == pytest.approx(2 * p * (1 - p), abs=1e-12)
    pa, pb = r.p_positive_simulated
    assert abs(r.p_split_simulated - (pa * (1 - pb) + pb * (1 - pa))) < 4 * r.p_split_mc_se
    # without dropout and clipping, simulation and analytic formula agree
    a = T.TrialAssumptions(dropout_by_endpoint=0.0, clip_to_scale=False)
    r2 = T.same_drug_two_trials((50, 100), -3.0, 3000, 4, assumptions=a)
    for sim, ana in zip(r2.p_positive_simulated, r2.p_positive_analytic):
        assert abs(sim - ana) < _band(ana, 3000) + 0.005
    assert abs(r2.p_split_simulated - r2.p_split_analytic) < 4 * r2.p_split_mc_se + 0.01
    with pytest.raises(ValueError, match="n_per_arm"):
        T.same_drug_two_trials((10, 20, 30))


# ------------------------------------------------------------------------------------------------
# Figures
# ------------------------------------------------------------------------------------------------
def test_study31_week_summary_follows_the_calendar():
    cal = T.dosing_calendar("Study 31", 50.0)
    for week in range(1, 13):
        s = T.study31_week_summary(week, 50.0)
        given = cal[cal["week"] <= week]
        assert s["n_infusions"] == len(given) and s["total_mg"] == 50.0 * len(given)
        regimen = pk.Regimen.study31(50.0)
        assert s["last_trough_mg_l"] == pk.concentration(given["start_h"].iloc[-1], regimen)
        fine = np.arange(0.0, 168.0 * week, 0.01)  # the peak on a fine grid is no higher than at an infusion end
        assert pk.concentration(fine, regimen).max() <= s["peak_mg_l"] * (1 + 1e-12)
    assert T.study31_week_summary(12)["n_infusions"] == 15


def test_locf_endpoint_carries_the_last_observed_score_forward():
    scores = np.array([[30.0, 25.0, 20.0, 18.0], [32.0, 28.0, np.nan, np.nan], [28.0, np.nan, np.nan, np.nan]])
    assert T.locf_endpoint(scores).tolist() == [18.0, 28.0, 28.0]
    assert T.locf_endpoint(scores[None]).shape == (1, 3)  # any leading shape
    run = T.simulate_trials(40, -3.0, 1, 5, return_data=True, assumptions=T.TrialAssumptions(clip_to_scale=False))
    endpoint = T.locf_endpoint(run.madrs[0])
    fit = T.ancova_batch(run.madrs[0][:, 0][None], (endpoint - run.madrs[0][:, 0])[None], run.arm)
    assert fit.estimate[0, 0] == pytest.approx(run.estimates[0, 0], rel=1e-6)  # what simulate_trials analyses


def test_ancova_intercept_is_the_control_arms_line():
    x = np.array([[30.0, 32.0, 35.0, 29.0, 31.0, 33.0]])
    arm = [0, 0, 0, 1, 1, 1]
    y = -4.0 + 0.2 * x - 3.0 * np.array(arm)  # exact, no noise
    fit = T.ancova_batch(x, y, arm)
    assert fit.intercept[0] == pytest.approx(-4.0) and fit.slope[0] == pytest.approx(0.2)
    assert fit.estimate[0, 0] == pytest.approx(-3.0)


def test_split_probability_matches_the_two_trials_result():
    assert T.split_probability(0.5, 0.5) == 0.5 and T.split_probability(0.0, 1.0) == 1.0
    assert T.split_probability([0.2, 0.8], 0.5).tolist() == [0.5, 0.5]
    r = T.same_drug_two_trials(effect=-3.0, n_pairs=50, seed=1)
    assert r.p_split_analytic == T.split_probability(*r.p_positive_analytic)
    se_a, _ = r.p_positive_mc_se
    p = r.p_positive_simulated[0]
    assert se_a == pytest.approx((p * (1 - p) / 50) ** 0.5)


def test_other_figures_return_figures_with_labels():
    for make in (FT.plot_trial_workflow, FT.plot_study31_consort, FT.plot_simulated_trajectories):
        fig = make()
        try:
            assert isinstance(fig, Figure)
        finally:
            plt.close(fig)
    fig = FT.plot_study31_consort()
    try:
        text = " ".join(t.get_text() for t in fig.axes[0].texts)
        for s in ("542", "302", "101", "100", "80", "81", "77", "240", "79.5 %"):
            assert s in text, s
    finally:
        plt.close(fig)
    fig = FT.plot_simulated_trajectories(n_trials=20)
    try:
        all_text = " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))
        assert "simulated, illustrative assumptions" in all_text
        assert "MADRS" in fig.axes[0].get_ylabel() and "week" in fig.axes[0].get_xlabel()
    finally:
        plt.close(fig)
