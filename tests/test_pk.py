"""Tests of lanicemine_lib.pk: closed form vs ODE reference, PK identities, regimens, bad inputs, populations."""

from __future__ import annotations

import math
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lanicemine_lib import pk
from lanicemine_lib.figures import pk as pkfig

TYPICAL = pk.PKParameters()


def max_rel_err(c: np.ndarray, ref: np.ndarray, floor: float = 1e-3) -> float:
    """max |c - ref| / max(|ref|, floor * max|ref|): relative error, floored at 0.1 % of the peak."""
    c, ref = np.asarray(c), np.asarray(ref)
    scale = np.maximum(np.abs(ref), floor * np.max(np.abs(ref)))
    return float(np.max(np.abs(c - ref) / scale))


# --- closed form vs ODE reference ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "regimen, t_end, method",
    [
        (pk.Regimen.single(100.0), 72.0, "Radau"),
        (pk.Regimen.single(150.0, duration_h=0.25, start_h=3.0), 48.0, "Radau"),
        (pk.Regimen.study9(150.0), 520.0, "Radau"),
        (pk.Regimen.study31(100.0), 2100.0, "LSODA"),
    ],
    ids=["single-100", "single-150-15min-late", "study9", "study31"],
)
def test_closed_form_matches_ode(regimen, t_end, method):
    t = np.linspace(-1.0, t_end, 1501)
    c = pk.concentration(t, regimen)
    ref = pk.ode_concentration(t, regimen, method=method)
    assert max_rel_err(c, ref) <= 1e-8
    assert np.all(c[t < regimen.infusions[0].start_h] == 0.0)


@st.composite
def random_regimens(draw):
    n = draw(st.integers(1, 4))
    gaps = draw(st.lists(st.floats(0.0, 30.0), min_size=n, max_size=n))
    durations = draw(st.lists(st.floats(0.05, 6.0), min_size=n, max_size=n))
    doses = draw(st.lists(st.floats(1.0, 400.0), min_size=n, max_size=n))
    infusions, t = [], 0.0
    for gap, dur, dose in zip(gaps, durations, doses):
        t += gap
        infusions.append(pk.Infusion(t, dose, dur))
        t += dur
    return pk.Regimen(infusions)


@st.composite
def random_params(draw):
    return pk.PKParameters(
        cl=draw(st.floats(2.0, 40.0)),
        v1=draw(st.floats(30.0, 300.0)),
        v2=draw(st.floats(10.0, 200.0)),
        q=draw(st.floats(5.0, 300.0)),
    )


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(regimen=random_regimens(), params=random_params())
def test_closed_form_matches_ode_random(regimen, params):
    t = np.linspace(0.0, regimen.end_h + 48.0, 700)
    c = pk.concentration(t, regimen, params)
    ref = pk.ode_concentration(t, regimen, params, method="LSODA")
    assert max_rel_err(c, ref) <= 1e-8


def test_ode_reference_population_shape():
    pop = pk.PKParameters(cl=[9.0, 10.0], v1=106.0, v2=47.3, q=75.7)
    t = np.linspace(0.0, 30.0, 31)
    ref = pk.ode_concentration(t, pk.Regimen.single(100.0), pop, method="LSODA")
    assert ref.shape == (2, 31)
    assert max_rel_err(pk.concentration(t, pk.Regimen.single(100.0), pop), ref) <= 1e-8


# --- exactness of the fast paths ---------------------------------------------------------------------
def test_uniform_grid_fast_path_equals_direct_path():
    reg = pk.Regimen.study31(100.0)
    pop = pk.simulate_population(reg, 40, 3, [0.0]).params
    t = np.arange(0.0, 2100.0, 0.1)
    fast = pk.concentration(t, reg, pop)
    lam, coef = pop._modes()
    direct = pk._modes_sorted(t, reg, lam, coef).sum(axis=1)
    assert max_rel_err(fast, direct, floor=1e-12) <= 1e-11
    t_irregular = t.copy()
    t_irregular[7] += 0.013  # no longer uniform: direct exponentials
    assert pk._uniform_step(t_irregular, 3.0) is None
    np.testing.assert_allclose(
        pk.concentration(t_irregular, reg, pop),
        pk._modes_sorted(t_irregular, reg, lam, coef).sum(axis=1),
        rtol=1e-13,
        atol=0,
    )


def test_shapes_order_and_scalars():
    reg = pk.Regimen.study9(100.0)
    t = np.linspace(0.0, 500.0, 60)
    c = pk.concentration(t, reg)
    rng = np.random.default_rng(0)
    perm = rng.permutation(60)
    np.testing.assert_array_equal(pk.concentration(t[perm], reg), c[perm])
    assert pk.concentration(t.reshape(3, 4, 5), reg).shape == (3, 4, 5)
    np.testing.assert_array_equal(pk.concentration(t.reshape(6, 10), reg).ravel(), c)
    assert isinstance(pk.concentration(1.0, reg), float)
    assert pk.concentration(-5.0, reg) == 0.0
    pop = pk.PKParameters(cl=np.array([8.0, 9.43, 11.0]))
    assert pk.concentration(t.reshape(6, 10), reg, pop).shape == (3, 6, 10)
    np.testing.assert_allclose(pk.concentration(t, reg, pop)[1], c, rtol=1e-14)
    assert pk.concentration(np.array([]), reg).shape == (0,)


def test_no_cancellation_at_late_times():
    late = pk.Regimen.single(100.0, start_h=50_000.0)
    early = pk.Regimen.single(100.0)
    tau = np.array([0.5, 1.0, 5.0, 100.0, 400.0])
    np.testing.assert_allclose(pk.concentration(50_000.0 + tau, late), pk.concentration(tau, early), rtol=1e-9)
    far = pk.concentration(np.array([1e3, 1e4, 1e5]), early)
    assert np.all(np.isfinite(far)) and np.all(far >= 0) and far[0] > 0


# --- identities --------------------------------------------------------------------------------------
def test_auc_infinity_single_dose():
    reg = pk.Regimen.single(100.0)
    assert pk.auc_infinity(reg) == pytest.approx(100.0 / 9.43, rel=1e-15)
    t = np.concatenate([np.linspace(0.0, 1.0, 20001), np.linspace(1.0, 800.0, 400001)[1:]])
    c = pk.concentration(t, reg)
    assert np.trapezoid(c, t) == pytest.approx(100.0 / 9.43, rel=1e-6)
    assert pk.exposure_metrics(t, c).auc == pytest.approx(100.0 / 9.43, rel=1e-6)


def test_mass_balance():
    reg = pk.Regimen.study9(150.0)
    t = np.concatenate([np.arange(0.0, 600.0, 0.002), [600.0]])
    c = pk.concentration(t, reg)
    eliminated = 9.43 * np.concatenate([[0.0], np.cumsum(0.5 * (c[1:] + c[:-1]) * np.diff(t))])
    central, peripheral = pk.amounts(t, reg)
    np.testing.assert_allclose(central / 106.0, c, rtol=1e-12)
    given_mg = sum(np.clip(t - inf.start_h, 0.0, inf.duration_h) * inf.rate_mg_per_h for inf in reg.infusions)
    np.testing.assert_allclose(eliminated + central + peripheral, given_mg, rtol=0, atol=1e-6 * reg.total_dose_mg)
    assert given_mg[-1] == pytest.approx(1350.0)


def test_superposition():
    two = pk.Regimen([pk.Infusion(0.0, 100.0, 1.0), pk.Infusion(30.0, 150.0, 2.0)])
    t = np.linspace(0.0, 120.0, 2401)
    summed = pk.concentration(t, pk.Regimen.single(100.0)) + pk.concentration(t, pk.Regimen.single(150.0, 2.0, 30.0))
    np.testing.assert_allclose(pk.concentration(t, two), summed, rtol=1e-12, atol=1e-15)


def test_derived_constants_match_facts_sheet():
    assert TYPICAL.terminal_half_life_h == pytest.approx(11.41, abs=0.005)
    assert 9.0 <= TYPICAL.terminal_half_life_h <= 16.0  # the seed's range
    assert TYPICAL.alpha_half_life_h == pytest.approx(0.296, abs=0.0005)
    assert TYPICAL.vss == pytest.approx(153.3, abs=1e-9)
    assert TYPICAL.alpha * TYPICAL.beta == pytest.approx(TYPICAL.k10 * TYPICAL.k21, rel=1e-14)
    assert TYPICAL.alpha + TYPICAL.beta == pytest.approx(TYPICAL.k10 + TYPICAL.k12 + TYPICAL.k21, rel=1e-14)


@pytest.mark.parametrize("dose, mg_l, um", [(50.0, 0.368, 1.86), (100.0, 0.736, 3.71), (150.0, 1.10, 5.57)])
def test_end_of_infusion_concentrations(dose, mg_l, um):
    c = pk.concentration(1.0, pk.Regimen.single(dose))
    assert float(f"{c:.3g}") == mg_l  # the sheet's significant figures
    assert float(f"{pk.mg_per_l_to_um(c):.3g}") == um
    t = np.linspace(0.0, 24.0, 2401)
    exp = pk.exposure_metrics(t, pk.concentration(t, pk.Regimen.single(dose)))
    assert exp.tmax_h == pytest.approx(1.0) and exp.cmax == pytest.approx(c)


def test_unit_round_trip():
    assert pk.mg_per_l_to_um(0.19827) == pytest.approx(1.0)
    x = np.array([0.0, 0.5, 2.0])
    np.testing.assert_allclose(pk.um_to_mg_per_l(pk.mg_per_l_to_um(x)), x, rtol=1e-15)


def test_exposure_time_above_accumulation():
    t = np.array([0.0, 1.0, 2.0, 3.0])
    c = np.array([0.0, 2.0, 2.0, 0.0])
    assert pk.time_above(t, c, 1.0) == pytest.approx(2.0)  # 0.5 + 1 + 0.5
    assert pk.time_above(t, np.vstack([c, 2 * c]), 1.0).tolist() == pytest.approx([2.0, 2.5])
    e = pk.exposure_metrics(t, c, start_h=1.0, end_h=3.0)
    assert (e.cmax, e.auc, e.trough, e.cmin, e.cavg) == pytest.approx((2.0, 3.0, 0.0, 0.0, 1.5))
    assert pk.accumulation_ratio(pk.Regimen.single(100.0)) == pytest.approx(1.0)
    r9 = pk.accumulation_ratio(pk.Regimen.study9(100.0))
    reg = pk.Regimen.study9(100.0)
    ends = pk.concentration(np.array([reg.infusions[0].end_h, reg.infusions[-1].end_h]), reg)
    assert r9 == pytest.approx(ends[1] / ends[0]) and r9 > 1.0


# --- regimens ----------------------------------------------------------------------------------------
def test_study9_schedule():
    reg = pk.Regimen.study9(100.0)
    df = reg.to_frame()
    assert reg.n_infusions == 9 == len(df)
    assert df["day"].tolist() == [0, 2, 4, 7, 9, 11, 14, 16, 18]
    assert df["week"].tolist() == [1, 1, 1, 2, 2, 2, 3, 3, 3]
    assert list(df.columns) == ["start_h", "end_h", "dose_mg", "rate_mg_per_h", "day", "week"]
    assert reg.total_dose_mg == 900.0 and reg.end_h == 18 * 24 + 1.0
    assert (df["end_h"] - df["start_h"]).eq(1.0).all() and df["rate_mg_per_h"].eq(100.0).all()


def test_study31_schedule():
    reg = pk.Regimen.study31(50.0)
    df = reg.to_frame()
    assert reg.n_infusions == 15
    assert df["week"].tolist() == [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 5, 6, 8, 10, 12]
    assert df["day"].tolist()[9:] == [21, 28, 35, 49, 63, 77]
    assert reg.total_dose_mg == 750.0


def test_regimen_sorting_overlap_and_repeated():
    a, b = pk.Infusion(10.0, 50.0, 1.0), pk.Infusion(0.0, 50.0, 1.0)
    assert pk.Regimen([a, b]).infusions == (b, a)
    pk.Regimen([pk.Infusion(0.0, 50.0, 1.0), pk.Infusion(1.0, 50.0, 1.0)])  # back to back is fine
    with pytest.raises(ValueError, match="overlap"):
        pk.Regimen([pk.Infusion(0.0, 50.0, 2.0), pk.Infusion(1.0, 50.0, 1.0)])
    with pytest.raises(ValueError, match="overlap"):
        pk.Regimen.repeated(100.0, [0.0, 0.5], duration_h=1.0)
    rep = pk.Regimen.repeated(100.0, [48.0, 0.0, 24.0])
    assert [i.start_h for i in rep.infusions] == [0.0, 24.0, 48.0]
    assert pk.Regimen([]).n_infusions == 0
    assert np.all(pk.concentration(np.linspace(0, 10, 5), pk.Regimen([])) == 0.0)


# --- bad inputs --------------------------------------------------------------------------------------
REG = pk.Regimen.single(100.0)
T3 = np.array([0.0, 1.0, 2.0])
C3 = np.array([0.0, 0.5, 0.2])

non_numbers = st.one_of(
    st.just(math.nan),
    st.just(math.inf),
    st.just(-math.inf),
    st.booleans(),
    st.none(),
    st.text(max_size=4),
    st.just([1.0, "x"]),
    st.just({"dose": 1}),
)
negatives = st.floats(max_value=-1e-6, allow_nan=False, allow_infinity=False)
nonpositive = st.one_of(negatives, st.just(0.0), st.just(-0.0))

# (parameter name in the message, call, strategy of bad values)
TARGETS = [
    ("cl", lambda v: pk.PKParameters(cl=v), st.one_of(non_numbers, nonpositive)),
    ("v1", lambda v: pk.PKParameters(v1=v), st.one_of(non_numbers, nonpositive)),
    ("v2", lambda v: pk.PKParameters(v2=v), st.one_of(non_numbers, nonpositive)),
    ("q", lambda v: pk.PKParameters(q=v), st.one_of(non_numbers, nonpositive)),
    (
        "cl",
        lambda v: pk.PKParameters(cl=[9.0, v]),
        st.one_of(st.just(math.nan), st.just(math.inf), st.text(min_size=1, max_size=3), nonpositive),
    ),
    ("start_h", lambda v: pk.Infusion(v, 100.0, 1.0), st.one_of(non_numbers, negatives)),
    ("dose_mg", lambda v: pk.Infusion(0.0, v, 1.0), st.one_of(non_numbers, negatives, st.floats(2000.001, 1e300))),
    ("duration_h", lambda v: pk.Infusion(0.0, 100.0, v), st.one_of(non_numbers, nonpositive, st.floats(48.001, 1e300))),
    ("dose_mg", lambda v: pk.Regimen.single(v), st.one_of(non_numbers, negatives)),
    ("duration_h", lambda v: pk.Regimen.single(100.0, duration_h=v), st.one_of(non_numbers, nonpositive)),
    ("dose_mg", lambda v: pk.Regimen.study9(v), st.one_of(non_numbers, negatives)),
    ("dose_mg", lambda v: pk.Regimen.study31(v), st.one_of(non_numbers, negatives)),
    (
        "start_times_h",
        lambda v: pk.Regimen.repeated(100.0, [0.0, v]),
        st.one_of(st.just(math.nan), st.just(-math.inf), st.text(min_size=1, max_size=3), negatives),
    ),
    ("t_h", lambda v: pk.concentration(v, REG), non_numbers),
    (
        "t_h",
        lambda v: pk.concentration(np.array([0.0, v], dtype=object), REG),
        st.one_of(st.just(math.nan), st.just(math.inf), st.none()),
    ),
    ("regimen", lambda v: pk.concentration(T3, v), st.one_of(non_numbers, st.floats(), st.just(pk.Infusion(0.0, 1.0)))),
    ("params", lambda v: pk.concentration(T3, REG, v), st.one_of(non_numbers, st.floats())),
    ("t_h", lambda v: pk.amounts(v, REG), non_numbers),
    ("rtol", lambda v: pk.ode_concentration(T3, REG, rtol=v), st.one_of(non_numbers, nonpositive)),
    ("c", lambda v: pk.mg_per_l_to_um(v), st.one_of(non_numbers, negatives)),
    ("c", lambda v: pk.um_to_mg_per_l(v), st.one_of(non_numbers, negatives)),
    ("threshold", lambda v: pk.time_above(T3, C3, v), st.one_of(non_numbers, negatives)),
    (
        "conc",
        lambda v: pk.time_above(T3, np.array([0.1, 0.2, v], dtype=object), 0.1),
        st.one_of(st.just(math.nan), st.just(math.inf), negatives),
    ),
    (
        "start_h",
        lambda v: pk.exposure_metrics(T3, C3, start_h=v),
        st.one_of(st.just(math.nan), st.just(math.inf), st.booleans(), st.text(max_size=3)),
    ),
    (
        "end_h",
        lambda v: pk.exposure_metrics(T3, C3, end_h=v),
        st.one_of(st.just(math.nan), st.just(-math.inf), st.booleans(), st.floats(-1e9, -0.001)),
    ),
    ("regimen", lambda v: pk.auc_infinity(v), non_numbers),
    ("regimen", lambda v: pk.accumulation_ratio(v), non_numbers),
    (
        "n",
        lambda v: pk.simulate_population(REG, v, 1, T3),
        st.one_of(non_numbers, st.integers(max_value=0), st.integers(100_001, 10**9), st.floats(0.1, 0.9)),
    ),
    (
        "seed",
        lambda v: pk.simulate_population(REG, 5, v, T3),
        st.one_of(non_numbers, st.integers(max_value=-1), st.just(1.5)),
    ),
    (
        "omega_cl",
        lambda v: pk.PopulationAssumptions(omega_cl=v),
        st.one_of(non_numbers, negatives, st.floats(1.001, 1e9)),
    ),
    ("lbm_ref_kg", lambda v: pk.PopulationAssumptions(lbm_ref_kg=v), st.one_of(non_numbers, nonpositive)),
    (
        "fraction_female",
        lambda v: pk.PopulationAssumptions(fraction_female=v),
        st.one_of(non_numbers, negatives, st.floats(1.001, 10.0)),
    ),
    ("dose_mg", lambda v: pkfig.plot_single_infusion(v), st.one_of(non_numbers, negatives)),
    ("duration_h", lambda v: pkfig.plot_single_infusion(100.0, v), st.one_of(non_numbers, nonpositive)),
]


@st.composite
def bad_calls(draw):
    index = draw(st.integers(0, len(TARGETS) - 1))
    name, call, values = TARGETS[index]
    return name, call, draw(values)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bad=bad_calls())
def test_bad_inputs_raise_value_error_naming_the_parameter(bad):
    name, call, value = bad
    try:
        with pytest.raises(ValueError) as err:
            call(value)
    finally:
        plt.close("all")
    # the message starts with the parameter's name (a bare `name in message` passed for "n" and "c" whatever
    # the message said, since "must be a finite number in" contains both letters)
    assert re.match(rf"{re.escape(name)}\b.* must ", str(err.value)), str(err.value)


@settings(max_examples=40, deadline=None)
@given(regimen=random_regimens(), params=random_params(), t=st.lists(st.floats(-100.0, 1e6), min_size=1, max_size=30))
def test_valid_inputs_never_give_nan(regimen, params, t):
    c = np.asarray(pk.concentration(np.array(t), regimen, params))
    assert np.all(np.isfinite(c)) and np.all(c >= 0.0)


# --- population --------------------------------------------------------------------------------------
def test_population_is_deterministic_and_ordered():
    reg = pk.Regimen.study9(100.0)
    t = np.arange(0.0, 500.0, 0.5)
    a = pk.simulate_population(reg, 300, 11, t)
    b = pk.simulate_population(reg, 300, 11, t)
    c = pk.simulate_population(reg, 300, 12, t)
    np.testing.assert_array_equal(a.conc_mg_per_l, b.conc_mg_per_l)
    pd.testing.assert_frame_equal(a.covariates, b.covariates)
    assert not np.array_equal(a.conc_mg_per_l, c.conc_mg_per_l)
    assert a.conc_mg_per_l.shape == (300, t.size) and a.n == 300
    lo, mid, hi = a.percentiles()
    assert np.all(lo <= mid) and np.all(mid <= hi) and np.any(lo < hi)
    assert a.params.subject(5) == pk.PKParameters(*(float(x[5]) for x in a.params.as_arrays()))
    np.testing.assert_allclose(a.conc_mg_per_l[5], pk.concentration(t, reg, a.params.subject(5)), rtol=1e-13)
    frame = a.parameters_frame()
    assert len(frame) == 300 and {"cl_l_per_h", "lbm_kg", "bsa_m2"} <= set(frame.columns)


def test_population_median_near_typical():
    t = np.array([0.0, 1.0])
    res = pk.simulate_population(pk.Regimen.single(100.0), 4000, 5, t)
    cl, v1, v2, q = res.params.as_arrays()
    assert np.median(cl) == pytest.approx(9.43, rel=0.1)
    assert np.median(v1) == pytest.approx(106.0, rel=0.1)
    assert np.median(v2) == pytest.approx(47.3, rel=0.05)
    assert np.std(np.log(q)) == pytest.approx(0.3, rel=0.1)
    plain = pk.simulate_population(
        pk.Regimen.single(100.0), 4000, 5, t, assumptions=pk.PopulationAssumptions(use_covariates=False)
    )
    assert np.median(plain.params.as_arrays()[0]) == pytest.approx(9.43, rel=0.03)
    fixed = pk.simulate_population(
        pk.Regimen.single(100.0),
        10,
        5,
        t,
        assumptions=pk.PopulationAssumptions(omega_cl=0, omega_v1=0, omega_q=0, omega_v2=0, use_covariates=False),
    )
    np.testing.assert_allclose(fixed.conc_mg_per_l[:, 1], pk.concentration(1.0, pk.Regimen.single(100.0)), rtol=1e-14)


def test_use_covariates_must_be_a_boolean():
    assert pk.PopulationAssumptions(use_covariates=np.bool_(False)).use_covariates is False
    for bad in (1, "no", None):
        with pytest.raises(ValueError, match="^use_covariates must be"):
            pk.PopulationAssumptions(use_covariates=bad)


def test_population_parameters_validation():
    with pytest.raises(ValueError, match="common length"):
        pk.PKParameters(cl=[1.0, 2.0], v1=[100.0, 100.0, 100.0])
    with pytest.raises(ValueError, match="params"):
        pk.simulate_population(REG, 5, 1, T3, params=pk.PKParameters(cl=[9.0, 10.0]))
    p = pk.PKParameters(cl=[9.0, 10.0])
    assert p.is_population and p.n_subjects == 2 and p.terminal_half_life_h.shape == (2,)
    assert not TYPICAL.is_population and TYPICAL == pk.PKParameters() and hash(TYPICAL) == hash(pk.PKParameters())


# --- figures -----------------------------------------------------------------------------------------
def test_figures_return_figures():
    from matplotlib.figure import Figure

    pop = pk.simulate_population(pk.Regimen.single(100.0), 50, 1, np.linspace(0.0, 48.0, 97))
    figs = [
        pkfig.plot_model_diagram(),
        pkfig.plot_potency_bands(),
        pkfig.plot_study9_course(),
        pkfig.plot_study31_course(),
        pkfig.plot_population_band(pop),
        pkfig.plot_single_infusion(100.0),
        pkfig.plot_single_infusion(300.0, 0.25),
    ]
    try:
        for fig in figs:
            assert isinstance(fig, Figure)
            assert fig.get_figwidth() * 96 <= 660
        limits = [(fig.axes[0].get_xlim(), fig.axes[0].get_ylim()) for fig in figs[-2:]]
        assert limits[0] == limits[1]  # explorer frames share their axes
    finally:
        plt.close("all")


# --- the two modes -------------------------------------------------------------------------------------
def test_mode_components_add_up_and_decay_as_single_exponentials():
    reg = pk.Regimen.study9(100.0)
    t = np.linspace(0.0, 600.0, 3001)
    fast, slow = pk.mode_components(t, reg)
    assert np.allclose(fast + slow, pk.concentration(t, reg), rtol=1e-12, atol=1e-15)
    p = pk.PKParameters()
    after = t[t >= reg.end_h]
    f_after, s_after = pk.mode_components(after, reg)
    assert np.allclose(s_after, s_after[0] * np.exp(-p.beta * (after - after[0])), rtol=1e-10)
    assert np.allclose(f_after, f_after[0] * np.exp(-p.alpha * (after - after[0])), rtol=1e-10, atol=1e-300)
    shuffled = t[::-1]  # any order of times
    assert np.array_equal(pk.mode_components(shuffled, reg)[1], slow[::-1])
    pop = pk.PKParameters(cl=[9.0, 10.0])
    assert pk.mode_components([1.0, 2.0], reg, pop)[0].shape == (2, 2)
    assert isinstance(pk.mode_components(1.0, reg)[0], float)


def test_lognormal_cv():
    assert pk.lognormal_cv_pct(0.0) == 0.0
    assert pk.lognormal_cv_pct(0.25) == pytest.approx(100 * np.sqrt(np.exp(0.0625) - 1))
    assert pk.lognormal_cv_pct(0.01) == pytest.approx(1.0, rel=1e-3)  # about omega for small omega
