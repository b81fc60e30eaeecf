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


def test_design_figure_has_fixed_axes_and_illustrative_label():
    figs = [L.plot_design(e, n_per_arm=30, n_trials=60, seed=1) for e in (-5.0, 0.0)]
    for fig in figs:
        assert isinstance(fig, Figure)
        ax = fig.axes[0]
        assert ax.get_xlim() == L.DESIGN_XLIM and ax.get_ylim() == (0.0, L.DESIGN_YMAX)
        assert "MADRS points" in ax.get_xlabel()
        assert "illustrative assumptions" in _all_text(fig)
    assert "false-positive rate" in _all_text(figs[1]) and "simulated power" in _all_text(figs[0])


def test_design_axes_do_not_depend_on_arm_size_and_power_text_matches_simulation():
    figs = [L.plot_design(-3.0, n_per_arm=n, n_trials=200) for n in (10, 200)]
    lims = [(f.axes[0].get_xlim(), f.axes[0].get_ylim()) for f in figs]
    assert lims[0] == lims[1]
    text = " ".join(t.get_text() for t in figs[1].texts)
    res = T.simulate_trials(200, -3.0, 200, 0)
    assert f"simulated power {100 * res.power[0]:.0f} %" in text
    assert f"t-test formula {100 * T.analytic_power(200, -3.0, 8.0):.0f} %" in text
    alt = L.describe_design(-3.0, n_per_arm=50, n_trials=100)
    assert "50 patients per arm" in alt and "illustrative" in alt


def test_design_accepts_assumptions_and_validates_input():
    a = T.TrialAssumptions(placebo_plateau=20.0, residual_sd=10.0, dropout_by_endpoint=0.4)
    text = L.describe_design(-3.0, n_per_arm=20, n_trials=50, seed=0, assumptions=a)
    assert "placebo response 20 points" in text and "SD 10 points" in text and "dropout 40 %" in text
    with pytest.raises(ValueError, match="^effect must be"):
        L.plot_design(-30.0)
    with pytest.raises(ValueError, match="^n_per_arm must be"):
        L.plot_design(-3.0, n_per_arm=2)
    with pytest.raises(ValueError, match="^assumptions must be"):
        L.plot_design(-3.0, assumptions={"residual_sd": 8})


def test_main_explorer_grid_alt_text_and_frame():
    ex = L.main_explorer()
    assert isinstance(ex, Explorer)
    assert 5 <= len(ex.values) <= 9 and list(ex.values) == sorted(ex.values)
    assert ex.values[ex.initial_index] == -3.0
    small = L.design_explorer(values=(-4.0, 0.0), n_per_arm=20, n_trials=40)
    alt = small.alt_text(-4.0)
    assert alt.startswith("True effect (drug − placebo) -4 MADRS points: Simulated, illustrative")
    assert "20 patients per arm" in alt
    html = small.frame(-4.0)
    assert html.startswith("<img") and "20 patients per arm" in html
    assert not plt.get_fignums()  # the frame closed its figure


def test_two_trials_figure_and_explorer():
    fig = L.plot_two_trials(-2.0, n_pairs=40, seed=2)
    ax = fig.axes[0]
    assert ax.get_xlim() == (-8.0, 0.35) and ax.get_ylim() == (0.0, 1.0)
    assert "exactly one positive" in _all_text(fig) and "illustrative" in _all_text(fig)
    text = L.describe_two_trials(-2.0, n_pairs=40, seed=2)
    assert "exactly one of the two is positive" in text and "simulated" in text
    ex = L.two_trials_explorer(values=(-3.0, 0.0), n_pairs=30)
    assert ex.alt_text(0.0).startswith("True effect (drug − placebo) 0 MADRS points:")
    with pytest.raises(ValueError, match="^effect must be"):
        L.plot_two_trials(-9.0)


def test_ancova_and_power_figures():
    fig = L.plot_ancova_example(n_per_arm=30, effect=-3.0, seed=0)
    ax = fig.axes[0]
    assert "baseline MADRS" in ax.get_xlabel() and ax.get_ylim() == (0.0, 60.0)
    assert "gap = estimated effect" in _all_text(fig)
    fig2 = L.plot_power_curves(effects=(-3.0,), simulate_n=(20,), n_trials=50)
    ax2 = fig2.axes[0]
    assert ax2.get_xlim() == (0.0, 300.0) and ax2.get_ylim() == (0.0, 1.0)
    assert "Study 31" in _all_text(fig2) and "illustrative" in _all_text(fig2)
    assert L.plot_power_curves(effects=(-4.0,), simulate_effect=None).axes
    with pytest.raises(ValueError, match="^effects must be"):
        L.plot_power_curves(effects=(1.0,))


def test_live_controls_build_without_error():
    box = L.design_live_controls(n_trials=30)
    assert len(box.children) == 6
    assert box.children[-1].value.startswith("<img")
