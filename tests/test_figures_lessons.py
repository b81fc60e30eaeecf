"""Tests of lanicemine_lib.figures.lessons (figures of the "Lessons from Study 31" chapter). Small and fast:
each figure is built once with few simulated trials and closed."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure

from lanicemine_lib import trials as T
from lanicemine_lib.figures import lessons as L
from lanicemine_lib.widgets import Explorer


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _all_text(fig: Figure) -> str:
    return " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))


def _design(effect: float, n_per_arm: int = 30, n_trials: int = 60, seed: int = 1, **kw) -> T.SimulationResult:
    return T.simulate_trials(n_per_arm, effect, n_trials, seed, **kw)


def test_design_figure_has_fixed_axes_and_illustrative_label():
    figs = [L.plot_design(_design(e)) for e in (-5.0, 0.0)]
    for fig in figs:
        assert isinstance(fig, Figure)
        ax = fig.axes[0]
        assert ax.get_xlim() == L.DESIGN_XLIM and ax.get_ylim() == (0.0, L.DESIGN_YMAX)
        assert "MADRS points" in ax.get_xlabel()
        assert "illustrative assumptions" in _all_text(fig)
    assert "false-positive rate" in _all_text(figs[1]) and "simulated power" in _all_text(figs[0])


def test_design_axes_do_not_depend_on_arm_size_and_power_text_matches_simulation():
    results = [_design(-3.0, n_per_arm=n, n_trials=200, seed=0) for n in (10, 200)]
    figs = [L.plot_design(r) for r in results]
    lims = [(f.axes[0].get_xlim(), f.axes[0].get_ylim()) for f in figs]
    assert lims[0] == lims[1]
    text = " ".join(t.get_text() for t in figs[1].texts)
    assert f"simulated power {100 * results[1].power[0]:.0f} %" in text
    assert f"t-test formula {100 * T.analytic_power(200, -3.0, 8.0):.0f} %" in text
    alt = L.describe_design(_design(-3.0, n_per_arm=50, n_trials=100))
    assert "50 patients per arm" in alt and "illustrative" in alt


def test_design_shows_the_assumptions_it_is_given_and_validates_input():
    a = T.TrialAssumptions(placebo_plateau=20.0, residual_sd=10.0, dropout_by_endpoint=0.4)
    text = L.describe_design(_design(-3.0, n_per_arm=20, n_trials=50, seed=0, assumptions=a))
    assert "placebo response 20 points" in text and "SD 10 points" in text and "dropout 40 %" in text
    with pytest.raises(ValueError, match="^result must be a two-arm SimulationResult"):
        L.plot_design(T.simulate_trials(20, (-3.0, -4.0), 10, 0))  # three arms


def test_a_demo_built_in_the_chapter_way_has_matching_frames_and_alt_text():
    """As the lessons chapter builds its demo: one simulation per value, shared by the frame and its alt text."""
    runs = {}

    def simulate(effect: float) -> T.SimulationResult:
        runs.setdefault(effect, _design(effect, n_per_arm=20, n_trials=40))
        return runs[effect]

    ex = Explorer(
        plot=lambda e: L.plot_design(simulate(e)),
        values=[-4, 0],
        label="True effect (drug − placebo)",
        unit="MADRS points",
        describe=lambda e: L.describe_design(simulate(e)),
    )
    alt = ex.alt_text(-4.0)
    assert alt.startswith("True effect (drug − placebo) -4 MADRS points: Simulated, illustrative")
    assert "20 patients per arm" in alt
    html = ex.frame(-4.0)
    assert html.startswith("<img") and "20 patients per arm" in html
    assert not plt.get_fignums()  # the frame closed its figure
    assert list(runs) == [-4.0]  # one simulation served both


def test_two_trials_figure():
    res = T.same_drug_two_trials(effect=-2.0, n_pairs=40, seed=2)
    fig = L.plot_two_trials(res)
    ax = fig.axes[0]
    assert ax.get_xlim() == (-8.0, 0.35) and ax.get_ylim() == (0.0, 1.0)
    assert "exactly one positive" in _all_text(fig) and "illustrative" in _all_text(fig)
    text = L.describe_two_trials(res)
    assert "exactly one of the two is positive" in text and "simulated" in text
    assert f"{100 * res.p_split_analytic:.0f} % by formula" in text
    with pytest.raises(ValueError, match="^result.effect must be"):
        L.plot_two_trials(T.same_drug_two_trials(effect=-9.0, n_pairs=5, seed=0))


def test_ancova_figure_draws_the_fit_it_is_given():
    run = T.simulate_trials(30, -3.0, 1, 0, return_data=True)
    scores = run.madrs[0]
    baseline, endpoint = scores[:, 0], T.locf_endpoint(scores)
    fit = T.ancova_batch(baseline[None], (endpoint - baseline)[None], run.arm)
    fig = L.plot_ancova_example(baseline, endpoint, run.arm, fit, true_effect=-3.0)
    ax = fig.axes[0]
    assert "baseline MADRS" in ax.get_xlabel() and ax.get_ylim() == (0.0, 60.0)
    assert f"gap = estimated effect {fit.estimate[0, 0]:+.1f}" in _all_text(fig)
    placebo, drug = (line for line in ax.get_lines() if line.get_label().startswith("ANCOVA line"))
    gap = drug.get_ydata() - placebo.get_ydata()
    assert gap == pytest.approx([fit.estimate[0, 0]] * 2)  # the two lines are the estimate apart
    slope = (placebo.get_ydata()[1] - placebo.get_ydata()[0]) / (placebo.get_xdata()[1] - placebo.get_xdata()[0])
    assert slope == pytest.approx(1.0 + fit.slope[0])  # endpoint = b0 + (1 + g) baseline
