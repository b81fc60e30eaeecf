"""Tests of lanicemine_lib.mechanism and its figures: published anchors, exact kinetics, input checks."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, replace

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from lanicemine_lib import mechanism as m
from lanicemine_lib import pk
from lanicemine_lib.figures import mechanism as fm
from lanicemine_lib.widgets import Explorer

PUBLISHED_TRAPPED = {"lanicemine": 0.54, "ketamine": 0.86, "memantine": 0.71}


# --- equilibrium block ----------------------------------------------------------------------------------
def test_half_block_points_published():
    assert m.fraction_blocked(60, 0) == pytest.approx(0.5, abs=1e-12)
    assert m.fraction_blocked(11, -60) == pytest.approx(0.5, abs=1e-12)
    assert m.kd_um(0.0) == pytest.approx(60.0, rel=1e-12)
    assert m.kd_um(-60.0) == pytest.approx(11.0, rel=1e-12)


def test_block_stronger_when_hyperpolarised_and_monotone_in_conc():
    v = np.linspace(-120, 60, 50)
    b = m.fraction_blocked(20.0, v)
    assert np.all(np.diff(b) < 0)
    c = np.logspace(-2, 4, 50)
    assert np.all(np.diff(m.fraction_blocked(c, -60.0)) > 0)
    assert m.fraction_blocked(0.0, -60.0) == 0.0


def test_z_delta_value_and_temperature():
    zd37 = m.woodhull_z_delta(60, 11, -60, 37.0)
    zd22 = m.woodhull_z_delta(60, 11, -60, 22.0)
    assert zd37 == pytest.approx(0.7557, abs=5e-4)
    assert zd22 == pytest.approx(0.7191, abs=5e-4)
    # Woodhull: K_D(V) = K_D(0) exp(z delta F V / RT)  =>  z delta = RT ln(K_D(0) / K_D(V)) / (F |V|)
    from scipy.constants import R, physical_constants, zero_Celsius

    faraday = physical_constants["Faraday constant"][0]
    for temp_c, zd in ((37.0, zd37), (22.0, zd22)):
        expected = R * (zero_Celsius + temp_c) * np.log(60.0 / 11.0) / (faraday * 0.060)
        assert zd == pytest.approx(expected, rel=1e-6)
    assert m.BLOCKERS["lanicemine"].z_delta == pytest.approx(zd37, rel=1e-12)
    # The curve itself does not depend on the reporting temperature.
    alt = replace(m.BLOCKERS["lanicemine"], z_delta=zd22, temperature_c=22.0)
    assert m.fraction_blocked(11, -60, alt) == pytest.approx(0.5, abs=1e-12)


def test_kinetic_kd_differs_from_equilibrium_for_lanicemine_only():
    assert m.kinetic_kd_um("lanicemine") == pytest.approx(30.0, rel=1e-3)
    assert m.kd_um(-60, "lanicemine") == pytest.approx(11.0)
    for drug in ("ketamine", "memantine"):
        assert m.kinetic_kd_um(drug, -60) == pytest.approx(m.kd_um(-60, drug), rel=1e-9)
        assert m.kinetic_kd_um(drug, -20) == pytest.approx(m.kd_um(-20, drug), rel=1e-9)


def test_initial_block_assumption_for_ketamine_memantine_matches_mealing1999():
    assert m.fraction_blocked(10, -60, "ketamine") == pytest.approx(0.80, abs=1e-9)
    assert m.fraction_blocked(10, -60, "memantine") == pytest.approx(0.81, abs=1e-9)
    # lanicemine's equilibrium K_D also predicts the published 82 % at 50 µM, -60 mV
    assert m.fraction_blocked(50, -60, "lanicemine") == pytest.approx(0.82, abs=0.01)


def test_vectorisation_shapes():
    c = np.array([1.0, 10.0, 100.0])
    v = np.array([[-100.0], [-60.0], [0.0], [40.0]])
    out = m.fraction_blocked(c, v)
    assert out.shape == (4, 3)
    assert out[1, 1] == pytest.approx(m.fraction_blocked(10.0, -60.0))
    assert isinstance(m.fraction_blocked(10.0, -60.0), float)
    assert m.fraction_blocked([1.0, 2.0], -60.0).shape == (2,)
    assert m.kd_um(np.zeros((2, 5))).shape == (2, 5)
    with pytest.raises(ValueError, match="broadcastable"):
        m.fraction_blocked(np.ones(3), np.zeros(4) - 60)


@given(
    c=st.floats(0.0, 1e5, allow_nan=False),
    v=st.floats(-120.0, 60.0, allow_nan=False),
    drug=st.sampled_from(m.AVAILABLE_DRUGS),
)
@settings(max_examples=60, deadline=None)
def test_fraction_blocked_bounded(c, v, drug):
    f = m.fraction_blocked(c, v, drug)
    assert 0.0 <= f <= 1.0


@pytest.mark.parametrize("bad", [-1.0, float("nan"), float("inf"), -float("inf"), [1.0, -0.1], "ten", True])
def test_bad_concentration_rejected(bad):
    with pytest.raises(ValueError, match="conc_um"):
        m.fraction_blocked(bad, -60)


@pytest.mark.parametrize("bad", [-121.0, 61.0, float("nan"), [-60.0, 100.0]])
def test_bad_voltage_rejected(bad):
    with pytest.raises(ValueError, match=r"voltage_mv.*\[-120, 60\] mV"):
        m.fraction_blocked(10.0, bad)


def test_unknown_drug_lists_available():
    with pytest.raises(ValueError) as err:
        m.fraction_blocked(10.0, -60.0, "phencyclidine")
    for drug in m.AVAILABLE_DRUGS:
        assert repr(drug) in str(err.value)
    with pytest.raises(ValueError, match="lanicemine"):
        m.trapped_fraction("MK-801")
    with pytest.raises(ValueError, match="basis"):
        m.fraction_blocked(10.0, -60.0, basis="other")


def test_parameters_frozen_and_labelled():
    lan = m.BLOCKERS["lanicemine"]
    with pytest.raises(FrozenInstanceError):
        lan.k_on_per_m_s = 1.0  # type: ignore[misc]
    assert (lan.k_on_per_m_s, lan.k_off_per_s, lan.kd0_um) == (2.406e4, 0.722, 60.0)
    assert lan.status == "published" and lan.source == "Mealing1997"
    for drug in ("ketamine", "memantine"):
        assert m.BLOCKERS[drug].status == "fitted"
        assert m.BLOCKERS[drug].kd_status == "assumed"
    with pytest.raises(ValueError, match="status"):
        replace(lan, status="guessed")
    with pytest.raises(ValueError, match="k_off_per_s"):
        replace(lan, k_off_per_s=-1.0)
    with pytest.raises(TypeError):
        m.BLOCKERS["new"] = lan  # read-only mapping


# --- kinetic model --------------------------------------------------------------------------------------
def _check_probabilities(p: np.ndarray) -> None:
    assert np.all(p >= 0.0)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, atol=1e-12)


@pytest.mark.parametrize("drug", m.AVAILABLE_DRUGS)
def test_protocol_probabilities_valid(drug):
    res = m.mealing1999_protocol(drug, start_at_steady_state=False)
    _check_probabilities(res.probabilities)
    assert res.probabilities.shape == (res.t_s.size, 4)
    assert np.all(np.diff(res.t_s) > 0)


def test_generator_rows_sum_to_zero_and_agonist_gates_opening():
    q = m.generator_matrix(True, 30.0, "lanicemine", -60.0)
    np.testing.assert_allclose(q.sum(axis=1), 0.0, atol=1e-12)
    q0 = m.generator_matrix(False, 30.0, "lanicemine", -60.0)
    assert q0[0, 1] == 0.0 and q0[3, 2] == 0.0
    assert q[0, 1] == pytest.approx(m.DEFAULT_GATING.opening_rate_per_s)
    assert q[1, 2] == pytest.approx(2.406e4 * 30e-6)
    assert q[2, 1] == pytest.approx(0.722)


def test_expm_solution_matches_independent_ode_solver():
    from scipy.integrate import solve_ivp

    q = m.generator_matrix(True, 50.0, "lanicemine", -60.0)
    sol = solve_ivp(lambda t, p: p @ q, (0, 5), [1, 0, 0, 0], rtol=1e-10, atol=1e-12, t_eval=[0.3, 1.0, 5.0])
    res = m.simulate_protocol([m.ProtocolSegment(5.0, True, 50.0)], "lanicemine", t_eval=[0.3, 1.0, 5.0])
    np.testing.assert_allclose(res.probabilities, sol.y.T, atol=1e-8)


@given(
    durations=st.lists(st.floats(0.01, 50.0), min_size=1, max_size=4),
    agonists=st.lists(st.booleans(), min_size=4, max_size=4),
    concs=st.lists(st.floats(0.0, 500.0), min_size=4, max_size=4),
    v=st.floats(-120.0, 60.0),
    drug=st.sampled_from(m.AVAILABLE_DRUGS),
)
@settings(max_examples=25, deadline=None)
def test_probabilities_sum_to_one_for_any_protocol(durations, agonists, concs, v, drug):
    segs = [m.ProtocolSegment(d, a, c) for d, a, c in zip(durations, agonists, concs)]
    res = m.simulate_protocol(segs, drug, v, points_per_segment=20)
    _check_probabilities(res.probabilities)


def test_segments_chain_exactly():
    one = m.simulate_protocol([m.ProtocolSegment(10.0, True, 40.0)], t_eval=[10.0])
    two = m.simulate_protocol([m.ProtocolSegment(4.0, True, 40.0), m.ProtocolSegment(6.0, True, 40.0)], t_eval=[10.0])
    np.testing.assert_allclose(one.probabilities, two.probabilities, atol=1e-13)


@pytest.mark.parametrize("drug", m.AVAILABLE_DRUGS)
@pytest.mark.parametrize("conc", [3.0, 30.0, 300.0])
@pytest.mark.parametrize("v", [-100.0, -60.0, 0.0])
def test_steady_state_matches_kinetic_equilibrium(drug, conc, v):
    """Fraction blocked = OB + CB (all states sum to 1) under constant agonist + drug."""
    res = m.simulate_protocol([m.ProtocolSegment(600.0, True, conc)], drug, v, t_eval=[600.0])
    blocked = res.blocked[-1]
    assert blocked == pytest.approx(m.fraction_blocked(conc, v, drug, basis="kinetic"), abs=1e-9)
    assert blocked == pytest.approx(m.steady_state(conc, drug, v)[2:].sum(), abs=1e-9)
    # block-independent gating: OB/(O+OB) gives the same number
    p = res.probabilities[-1]
    assert p[2] / (p[1] + p[2]) == pytest.approx(blocked, abs=1e-9)
    if drug != "lanicemine":  # kinetic and equilibrium K_D agree by construction
        assert blocked == pytest.approx(m.fraction_blocked(conc, v, drug), abs=1e-9)


def test_lanicemine_steady_state_documents_the_30_vs_11_um_discrepancy():
    ss = m.steady_state(50.0, "lanicemine", -60.0)[2:].sum()
    assert ss == pytest.approx(50 / (50 + 30.008), abs=1e-4)
    assert m.fraction_blocked(50, -60) - ss > 0.15


# --- trapping -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("drug", m.AVAILABLE_DRUGS)
def test_trapped_fraction_reproduces_mealing1999(drug):
    assert m.trapped_fraction(drug, 120.0) == pytest.approx(PUBLISHED_TRAPPED[drug], abs=0.03)


def test_trapping_ordering_and_race_formula():
    t = {d: m.trapped_fraction(d) for d in m.AVAILABLE_DRUGS}
    assert t["lanicemine"] < t["memantine"] < t["ketamine"]
    g = m.DEFAULT_GATING
    k = m.BLOCKERS["lanicemine"].k_off_per_s
    closed_form = 1 - g.open_probability * k / (g.closing_rate_per_s + k)
    assert t["lanicemine"] == pytest.approx(closed_form, abs=1e-9)
    faster = replace(m.BLOCKERS["lanicemine"], k_off_per_s=5.0)
    assert m.trapped_fraction(faster) < t["lanicemine"] - 0.2
    slower_close = replace(g, closing_rate_per_s=0.1)
    assert m.trapped_fraction("lanicemine", gating=slower_close) < t["lanicemine"] - 0.2


def test_trapped_fraction_independent_of_loading_concentration():
    a = m.trapped_fraction("lanicemine", conc_um=5.0)
    b = m.trapped_fraction("lanicemine", conc_um=500.0)
    assert a == pytest.approx(b, abs=1e-9)


def test_escape_rate_makes_trapping_partial():
    leaky = replace(m.DEFAULT_GATING, escape_rate_per_s=0.01)
    assert m.trapped_fraction("ketamine", 120.0, gating=leaky) < m.trapped_fraction("ketamine", 120.0) - 0.3


def test_fit_reproduces_shipped_parameters():
    fit = m.fit_trapping_parameters()
    assert fit.closing_rate_per_s == pytest.approx(m.DEFAULT_GATING.closing_rate_per_s, rel=2e-3)
    for drug in ("ketamine", "memantine"):
        assert fit.k_off_per_s[drug] == pytest.approx(m.BLOCKERS[drug].k_off_per_s, rel=5e-3)
    with pytest.raises(ValueError, match="opening_rate_per_s"):
        m.fit_trapping_parameters(0.0)


def test_washout_time_course():
    df = m.washout_time_course("lanicemine", 120.0, n_points=121)
    assert list(df.columns) == ["t_s", "block_remaining", "trapped", "open_blocked"]
    assert df.block_remaining.iloc[0] == pytest.approx(1.0)
    assert np.all(np.diff(df.block_remaining) <= 1e-12)
    assert df.block_remaining.iloc[-1] == pytest.approx(m.trapped_fraction("lanicemine"), abs=1e-9)
    np.testing.assert_allclose(df.trapped + df.open_blocked, df.block_remaining, atol=1e-12)


def test_protocol_inputs_rejected():
    with pytest.raises(ValueError, match="duration_s"):
        m.ProtocolSegment(0.0, True, 1.0)
    with pytest.raises(ValueError, match="blocker_um"):
        m.ProtocolSegment(1.0, True, -1.0)
    with pytest.raises(ValueError, match="agonist"):
        m.ProtocolSegment(1.0, "yes", 1.0)  # type: ignore[arg-type]
    seg = m.ProtocolSegment(1.0, True, 1.0)
    with pytest.raises(ValueError, match="t_eval"):
        m.simulate_protocol([seg], t_eval=[2.0])
    with pytest.raises(ValueError, match="initial"):
        m.simulate_protocol([seg], initial=[0.5, 0.6, 0.0, 0.0])
    with pytest.raises(ValueError, match="segments"):
        m.simulate_protocol([])
    with pytest.raises(ValueError, match="voltage_mv"):
        m.simulate_protocol([seg], voltage_mv=-150)
    with pytest.raises(ValueError, match="washout_s"):
        m.trapped_fraction("lanicemine", washout_s=-1)


# --- occupancy ------------------------------------------------------------------------------------------
def test_occupancy_bounded_and_monotone_in_dose():
    t = np.linspace(0, 48, 481)
    prev = np.zeros_like(t)
    for dose in (25.0, 50.0, 100.0, 150.0, 300.0):
        occ = m.occupancy_time_course(t, pk.Regimen.single(dose))
        assert occ.shape == t.shape
        assert np.all((occ >= 0) & (occ <= 1))
        assert np.all(occ >= prev) and np.all(occ[1:] > prev[1:])
        prev = occ


def test_occupancy_matches_equilibrium_at_end_of_infusion():
    reg = pk.Regimen.single(150.0)
    c_um = pk.mg_per_l_to_um(pk.concentration(1.0, reg))
    assert m.occupancy_time_course(1.0, reg) == pytest.approx(c_um / (c_um + 11.0), rel=1e-9)
    # assumptions lower the block; default (1.0, 1.0) is the upper bound
    assert m.occupancy_time_course(1.0, reg, unbound_fraction=0.5) < m.occupancy_time_course(1.0, reg)
    assert m.occupancy_time_course(1.0, reg, voltage_mv=0.0) < m.occupancy_time_course(1.0, reg)


def test_occupancy_over_courses():
    t = np.arange(0, 84 * 24, 0.5)
    for reg in (pk.Regimen.study9(100.0), pk.Regimen.study31(100.0)):
        occ = m.occupancy_time_course(t, reg)
        assert np.all((occ >= 0) & (occ <= 1)) and occ.max() > 0.1


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"unbound_fraction": 0.0}, "unbound_fraction"),
        ({"unbound_fraction": 1.5}, "unbound_fraction"),
        ({"brain_to_plasma": 0.0}, "brain_to_plasma"),
        ({"brain_to_plasma": 11.0}, "brain_to_plasma"),
        ({"voltage_mv": 80.0}, "voltage_mv"),
    ],
)
def test_occupancy_bad_assumptions_rejected(kwargs, name):
    with pytest.raises(ValueError, match=name):
        m.occupancy_time_course(1.0, pk.Regimen.single(100.0), **kwargs)


# --- tables ---------------------------------------------------------------------------------------------
def test_published_tables():
    df = m.published_block_data().set_index("drug")
    assert df.loc["lanicemine", ["initial_block_pct", "trapped_pct", "trapped_pm_pct"]].tolist() == [82, 54, 3]
    assert df.loc["ketamine", ["conc_um", "initial_block_pct", "trapped_pct"]].tolist() == [10, 80, 86]
    assert df.loc[
        "memantine", ["initial_block_pct", "initial_block_pm_pct", "trapped_pct", "trapped_pm_pct"]
    ].tolist() == [81, 2, 71, 4]
    assert set(df.source) == {"Mealing1999"}
    ref = m.potency_reference().set_index("quantity")
    assert ref.loc["Ki", ["low", "high"]].tolist() == [0.5, 3.0]
    assert ref.loc["IC50 at −60 mV (rat cortical neurons)", "low"] == 9.8
    assert ref.loc["trapping", ["low", "high"]].tolist() == [52.0, 59.0]
    eeg = ref.loc["plasma concentration giving gamma-EEG increases (mouse, rat, non-human primate)"]
    assert eeg["source"] == "AZOI" and [eeg["low"], eeg["high"]] == [1.0, 5.0]  # preclinical, not human


# --- figures --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "func",
    [
        fm.state_diagram_figure,
        fm.block_curves_figure,
        fm.block_vs_voltage_figure,
        fm.block_vs_concentration_figure,
        fm.washout_race_figure,
        fm.washout_race_closing_figure,
        fm.occupancy_infusion_figure,
        fm.occupancy_course_figure,
        fm.pathway_figure,
    ],
)
def test_figures_return_figures_with_labelled_axes(func):
    before = set(plt.get_fignums())
    fig = func()
    try:
        assert isinstance(fig, Figure)
        assert fig.get_size_inches()[0] * 96 <= 660
        for ax in fig.axes:
            if ax.axison:
                assert ax.get_xlabel() or ax.get_ylabel()
    finally:
        plt.close(fig)
    assert set(plt.get_fignums()) == before


def test_pathway_marked_hypothesis():
    fig = fm.pathway_figure()
    texts = " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))
    plt.close(fig)
    assert "Hypothesis" in texts and "not established" in texts and "application note" in texts
    with pytest.raises(ValueError, match="^detailed must be"):
        fm.pathway_figure(1)


def test_race_figure_works_in_explorer_with_fixed_axes():
    fig_a, fig_b = fm.washout_race_figure(0.1), fm.washout_race_figure(5.0)
    assert fig_a.axes[0].get_xlim() == fig_b.axes[0].get_xlim()
    assert fig_a.axes[0].get_ylim() == fig_b.axes[0].get_ylim()
    plt.close(fig_a)
    plt.close(fig_b)

    def describe(k: float) -> str:
        trapped = m.trapped_fraction(replace(m.BLOCKERS["lanicemine"], k_off_per_s=k))
        return f"{100 * trapped:.0f} % of the block trapped"

    ex = Explorer(plot=fm.washout_race_figure, values=[0.1, 0.722, 3.0], label="k_off", unit="s^-1", describe=describe)
    assert "<img" in ex.frame(0.722)
    with pytest.raises(ValueError, match="k_off_per_s"):
        fm.washout_race_figure(0.0)
    with pytest.raises(ValueError, match="drug"):
        fm.block_curves_figure("ketamin")


# --- two trapping models: egress (the authors' reading) and the race ------------------------------------------
@pytest.mark.parametrize("model", ["egress", "race"])
def test_both_models_reproduce_the_published_trapped_fractions(model):
    for drug, published in PUBLISHED_TRAPPED.items():
        assert m.trapped_fraction(drug, washout_s=120, model=model) == pytest.approx(published, abs=0.005), drug


def test_egress_model_shares_the_published_k_off_and_fits_one_egress_rate_per_drug():
    k_off = m.BLOCKERS["lanicemine"].k_off_per_s
    egress = {d: m.get_blocker(d, model="egress") for d in m.AVAILABLE_DRUGS}
    assert all(b.k_off_per_s == k_off == 0.722 for b in egress.values())  # "similar kinetics" (Mealing1999)
    assert all(b.model == "egress" for b in egress.values())
    gammas = {d: b.egress_per_s for d, b in egress.items()}
    assert gammas["lanicemine"] > gammas["memantine"] > gammas["ketamine"] > 0  # least trapped leaks fastest
    # the race model has no egress, and drug-specific k_off
    race = {d: m.get_blocker(d, model="race") for d in m.AVAILABLE_DRUGS}
    assert all(b.egress_per_s == 0.0 for b in race.values())
    assert race["ketamine"].k_off_per_s < race["memantine"].k_off_per_s < race["lanicemine"].k_off_per_s
    # both models keep the same equilibrium K_D for every drug
    for d in m.AVAILABLE_DRUGS:
        assert egress[d].kinetic_kd_um == pytest.approx(race[d].kinetic_kd_um, rel=1e-12)
    # the egress model's gating: the race alone catches at least ketamine's 86 % before any egress
    g = m.gating_for("egress")
    p = g.open_probability
    race_catch = (1 - p) + p * g.closing_rate_per_s / (g.closing_rate_per_s + k_off)
    assert race_catch >= 0.86 and race_catch == pytest.approx(0.955, abs=0.001)


def test_the_default_model_is_the_race_and_old_calls_keep_working():
    assert m.DEFAULT_MODEL == "race"
    for d in m.AVAILABLE_DRUGS:
        assert m.get_blocker(d) is m.BLOCKERS[d] is m.get_blocker(d, model="race")
        assert m.trapped_fraction(d) == m.trapped_fraction(d, model="race")
    assert m.gating_for() is m.DEFAULT_GATING


def test_the_washout_experiment_tells_the_models_apart():
    washouts = [10.0, 30.0, 60.0, 120.0, 240.0, 480.0]
    race = [m.trapped_fraction("lanicemine", w, model="race") for w in washouts]
    egress = [m.trapped_fraction("lanicemine", w, model="egress") for w in washouts]
    assert max(race) - min(race) < 1e-6  # flat: nothing leaves a closed channel
    assert all(a > b for a, b in zip(egress, egress[1:]))  # falls with every longer washout
    assert egress[0] > 0.85 and egress[-1] < 0.12
    assert egress[-1] < race[-1] - 0.4
    # after the race is over, the egress model decays as exp(-gamma t) (independent closed-form check)
    gamma = m.get_blocker("lanicemine", model="egress").egress_per_s
    assert egress[5] / egress[4] == pytest.approx(np.exp(-gamma * 240.0), rel=0.02)
    # and washout_time_course agrees with trapped_fraction at every time
    course = m.washout_time_course("lanicemine", washout_s=480.0, n_points=5, model="egress")
    for t, left in zip(course["t_s"], course["block_remaining"]):
        if t > 0:
            assert left == pytest.approx(m.trapped_fraction("lanicemine", t, model="egress"), rel=1e-9)


def test_fit_egress_parameters_recovers_the_shipped_rates():
    fitted = m.fit_egress_parameters()
    for d in m.AVAILABLE_DRUGS:
        assert fitted[d] == pytest.approx(m.get_blocker(d, model="egress").egress_per_s, rel=2e-3)
    # a faster gate leaves less to egress: the fitted rates grow only a little with beta
    faster = m.fit_egress_parameters(20.0)
    assert fitted["lanicemine"] < faster["lanicemine"] < 1.1 * fitted["lanicemine"]


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: m.get_blocker("lanicemine", model="leak"), r"^model must be one of 'egress', 'race'"),
        (lambda: m.trapped_fraction("lanicemine", model="Egress"), r"^model must be one of 'egress', 'race'"),
        (
            lambda: m.trapped_fraction("PCP", model="egress"),
            r"^drug must be one of 'lanicemine', 'ketamine', 'memantine'",
        ),
        (lambda: m.gating_for("trap"), r"^model must be one of"),
        (lambda: m.get_blocker(m.BLOCKERS["ketamine"], model="egress"), r"^model must match the custom parameters"),
        (lambda: m.fit_egress_parameters(1.0), r"^closing_rate_per_s must be"),
    ],
)
def test_unknown_model_or_drug_names_the_allowed_values(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_protocol_functions_accept_the_model():
    res = m.mealing1999_protocol("memantine", model="egress", points_per_segment=5)
    end_of_washout = res.blocked[np.searchsorted(res.t_s, res.segment_starts_s[2])]
    start = res.blocked[np.searchsorted(res.t_s, res.segment_starts_s[1])]
    assert end_of_washout / start == pytest.approx(0.71, abs=0.01)
    q = m.generator_matrix(False, 0.0, "lanicemine", model="egress")
    assert q[3, 0] == m.get_blocker("lanicemine", model="egress").egress_per_s
    assert np.allclose(q.sum(axis=1), 0.0)
    p = m.steady_state(50.0, "lanicemine", model="egress")
    assert p.sum() == pytest.approx(1.0) and p[2] + p[3] < m.fraction_blocked(50.0, -60.0, basis="kinetic")
    assert m.rate_constants("ketamine", model="egress")[1] == pytest.approx(0.722)
