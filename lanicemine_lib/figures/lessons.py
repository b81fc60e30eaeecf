"""Figures for the "Lessons from Study 31" chapter. Every function returns a :class:`matplotlib.figure.Figure`;
none calls ``plt.show()``.

- :func:`plot_ancova_example` — one simulated trial: endpoint MADRS against baseline MADRS with the two
  parallel ANCOVA lines (the vertical gap between them is the treatment estimate).
- :func:`plot_power_curves` — power of a two-arm trial against patients per arm (noncentral-t formula) for a
  few true effects, with simulated ANCOVA points; the arm sizes of Study 9 and Study 31 are marked.
- :func:`plot_design` — "design your own trial": the spread of effect estimates over simulated trials,
  coloured by the verdict of each trial, with simulated and formula power. :func:`design_explorer` /
  :func:`main_explorer` step through the true effect (kernel-free); :func:`design_live_controls` adds
  sliders for patients per arm, true effect, placebo response, variability and dropout (needs a kernel).
- :func:`plot_two_trials` — "same drug, two trials": the chance that exactly one of two trials of the same
  drug is positive, formula curves against the true effect with simulated points
  (:func:`two_trials_explorer`).

Everything simulated uses :func:`lanicemine_lib.trials.simulate_trials` with the illustrative
:class:`~lanicemine_lib.trials.TrialAssumptions`, takes a ``seed`` and is labelled "simulated, illustrative
assumptions" on the figure. Figures are 6.4 in wide (640 px at 100 dpi). The frame functions of the demos
use a fixed axes position and no layout engine, so frames line up and render quickly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .. import trials
from .._validation import check_int, check_number, check_sequence
from ._style import NOTE_SIZE, WIDTH_IN, styled

__all__ = [
    "DESIGN_XLIM",
    "DESIGN_YMAX",
    "STUDY9_ARM",
    "STUDY31_ARM",
    "describe_design",
    "describe_two_trials",
    "design_explorer",
    "design_live_controls",
    "main_explorer",
    "plot_ancova_example",
    "plot_design",
    "plot_power_curves",
    "plot_two_trials",
    "two_trials_explorer",
]

_SIM_LABEL = "simulated, illustrative assumptions (not trial results)"
_PLACEBO, _DRUG = "#6b6b6b", "#1f6fb4"
_GREEN, _GREY, _RED = "#1e7b34", "#b9b9b9", "#b3261e"

#: Patients randomised per arm, rounded: Study 9 had 50-51 per arm (152 in total) and Study 31 100-101
#: (302 in total) — VERIFIED, Cochrane2021 / Sanacora2017 (see :func:`lanicemine_lib.trials.published_trials`).
STUDY9_ARM = 50
STUDY31_ARM = 100


# -----------------------------------------------------------------------------------------------------
# ANCOVA, one trial
# -----------------------------------------------------------------------------------------------------
@styled
def plot_ancova_example(
    n_per_arm: int = 100,
    effect: float = -3.0,
    seed: int = 3,
    endpoint_week: int = 6,
    assumptions: trials.TrialAssumptions | None = None,
) -> Figure:
    """One simulated two-arm trial analysed by ANCOVA: endpoint against baseline MADRS, two parallel lines.

    Parameters
    ----------
    n_per_arm : int
        Patients randomised per arm, in [5, 1000].
    effect : float
        True drug-minus-placebo effect at the endpoint, MADRS points (negative favours drug), in [-20, 20].
    seed : int
        Random seed of the simulated trial.
    endpoint_week : int
        Endpoint week, in [1, 52].
    assumptions : TrialAssumptions, optional
        Illustrative assumptions (default :class:`~lanicemine_lib.trials.TrialAssumptions`).

    Notes
    -----
    The endpoint score is the last observed score (LOCF), as in :func:`~lanicemine_lib.trials.simulate_trials`.
    The model ``change = b0 + b1·drug + g·baseline`` is the same fit as ``endpoint = b0 + b1·drug +
    (1 + g)·baseline``; the figure draws the second form, whose two lines are ``b1`` apart vertically.
    """
    n = check_int("n_per_arm", n_per_arm, "patients", 5, 1000)
    effect = check_number("effect", effect, "MADRS points", -20, 20)
    res = trials.simulate_trials(
        n, effect, 1, seed, endpoint_week=endpoint_week, assumptions=assumptions, return_data=True
    )
    scores = res.madrs[0]  # (n_patients, n_visits), NaN after dropout
    base = scores[:, 0]
    last = np.where(np.isfinite(scores), np.arange(scores.shape[1]), 0).max(axis=1)
    y_end = scores[np.arange(scores.shape[0]), last]
    arm = res.arm
    fit = trials.ancova_batch(base[None], (y_end - base)[None], arm)
    slope_end = 1.0 + float(fit.slope[0])
    est, se, p = float(fit.estimate[0, 0]), float(fit.std_error[0, 0]), float(fit.p_value[0, 0])
    intercept0 = float(np.mean(y_end[arm == 0]) - slope_end * np.mean(base[arm == 0]))

    fig = plt.figure(figsize=(WIDTH_IN, 5.4))
    ax = fig.add_axes((0.13, 0.32, 0.84, 0.6))
    xs = np.array([20.0, 52.0])
    for k, (label, colour, marker) in enumerate((("placebo", _PLACEBO, "o"), ("drug", _DRUG, "^"))):
        sel = arm == k
        ax.scatter(
            base[sel],
            y_end[sel],
            s=14,
            color=colour,
            marker=marker,
            alpha=0.65,
            lw=0,
            label=f"{label} patients (n = {int(sel.sum())})",
        )
        ax.plot(xs, intercept0 + k * est + slope_end * xs, color=colour, lw=2.2, label=f"ANCOVA line, {label}")
    xm = 47.0
    y0, y1 = intercept0 + slope_end * xm, intercept0 + est + slope_end * xm
    ax.annotate(
        "",
        xy=(xm, y1),
        xytext=(xm, y0),
        arrowprops=dict(arrowstyle="<|-|>", color="black", lw=1.4, shrinkA=0, shrinkB=0, mutation_scale=8),
    )
    ax.annotate(
        f"gap = estimated effect {est:+.1f}",
        xy=(xm, (y0 + y1) / 2),
        xytext=(xm - 1.0, min(y0, y1) - 9),
        ha="center",
        va="top",
        fontsize=NOTE_SIZE,
        arrowprops=dict(arrowstyle="-", color="0.3", lw=0.8),
    )
    ax.set_xlim(*xs)
    ax.set_ylim(0, 60)
    ax.set_xlabel("baseline MADRS (points)")
    ax.set_ylabel(f"MADRS at week {endpoint_week} (points, LOCF)")
    fig.legend(loc="lower left", bbox_to_anchor=(0.0, 0.05), ncol=2)  # below the axes, off the points
    ax.text(
        0.99,
        0.03,
        f"true effect {effect:g}; estimate {est:+.1f} (SE {se:.1f}), p = {p:.2g}",
        transform=ax.transAxes,
        ha="right",
        va="bottom",
        fontsize=NOTE_SIZE,
    )
    ax.set_title("One simulated trial, ANCOVA: two parallel lines, one gap", loc="left")
    fig.text(0.01, 0.01, _SIM_LABEL, ha="left", va="bottom", fontsize=NOTE_SIZE, color="0.3")
    return fig


# -----------------------------------------------------------------------------------------------------
# Power against sample size
# -----------------------------------------------------------------------------------------------------
@styled
def plot_power_curves(
    effects: Sequence[float] = (-2.0, -3.0, -4.0, -5.0),
    sd: float = 8.0,
    simulate_effect: float | None = -3.0,
    simulate_n: Sequence[int] = (25, 50, 100, 150, 200),
    n_trials: int = 400,
    seed: int = 0,
    endpoint_week: int = 6,
) -> Figure:
    """Power of a two-arm trial against patients per arm, for a few true effects.

    Parameters
    ----------
    effects : sequence of float
        True drug-minus-placebo effects, MADRS points (negative favours drug), each in [-20, 0).
    sd : float
        SD of the change from baseline, MADRS points, in (0, 30] (default 8, the illustrative
        ``TrialAssumptions.residual_sd``).
    simulate_effect : float or None
        Effect (MADRS points) for which simulated trials (ANCOVA, 20 % dropout, LOCF) are added as points;
        ``None`` for none. Their SD is ``sd`` (the other assumptions are the defaults).
    simulate_n : sequence of int
        Patients per arm of the simulated points, each in [5, 300].
    n_trials : int
        Simulated trials per point, in [50, 5000].
    seed : int
        Random seed of the simulations.
    endpoint_week : int
        Endpoint week of the simulations.
    """
    effects = check_sequence("effects", effects, "1 to 6 effects in [-20, 0) MADRS points")
    effects = [check_number("effects", e, "MADRS points", -20, 0, high_open=True) for e in effects]
    if not 1 <= len(effects) <= 6:
        raise ValueError(f"effects must hold 1 to 6 values (MADRS points); got {len(effects)}")
    sd = check_number("sd", sd, "MADRS points", 0, 30, low_open=True)
    n_trials = check_int("n_trials", n_trials, "trials", 50, 5000)
    check_int("seed", seed, "-", 0, 2**63 - 1)
    if simulate_effect is not None:
        # checked here, before any figure exists, so that bad input leaves no half-drawn figure behind
        check_number("simulate_effect", simulate_effect, "MADRS points", -20, 20)
        simulate_n = check_sequence("simulate_n", simulate_n, "1 or more arm sizes in [5, 300] patients")
        for n in simulate_n:
            check_int("simulate_n", n, "patients", 5, 300)
        if not simulate_n:
            raise ValueError("simulate_n must hold at least 1 arm size in [5, 300] patients; got none")
        check_int("endpoint_week", endpoint_week, "weeks", 1, 52)
    ns = np.arange(5, 301, 5)
    colours = ("#8fb8de", "#1f6fb4", "#0b3c6b", "#7b3fa0", "#a07b00", "#2a7d3b")
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 5.6), layout="constrained")
    ax.axhline(0.8, color="0.6", lw=0.9, ls=":")
    ax.text(300, 0.81, "80 %", ha="right", va="bottom", fontsize=NOTE_SIZE, color="0.35")
    for x, name in ((STUDY9_ARM, "Study 9\n(~50/arm)"), (STUDY31_ARM, "Study 31\n(~100/arm)")):
        ax.axvline(x, color="0.45", lw=1.0, ls="--")
        ax.text(x + 3, 0.03, name, fontsize=NOTE_SIZE, color="0.25", va="bottom")
    for k, e in enumerate(effects):
        pw = [trials.analytic_power(int(n), e, sd) for n in ns]
        ax.plot(ns, pw, color=colours[k % len(colours)], lw=2, label=f"true effect {e:g} (formula)")
    if simulate_effect is not None:
        e = check_number("simulate_effect", simulate_effect, "MADRS points", -20, 20)
        a = trials.TrialAssumptions(residual_sd=sd)
        pts = []
        for i, n in enumerate(simulate_n):
            n = check_int("simulate_n", n, "patients", 5, 300)
            r = trials.simulate_trials(n, e, n_trials, seed + i, endpoint_week=endpoint_week, assumptions=a)
            pts.append((n, float(r.power[0]), float(r.power_mc_se[0])))
        arr = np.array(pts)
        ax.errorbar(
            arr[:, 0],
            arr[:, 1],
            yerr=1.96 * arr[:, 2],
            fmt="o",
            color="black",
            ms=5,
            capsize=3,
            label=f"effect {e:g}: simulated ANCOVA,\ndropout, LOCF ({n_trials} trials\neach, 95 % MC interval)",
        )
    ax.set_xlim(0, 300)
    ax.set_ylim(0, 1)
    ax.set_xlabel("patients per arm")
    ax.set_ylabel("power (two-sided α = 0.05)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2)  # below the axes, off the curves
    ax.set_title(f"Power of a two-arm trial (SD of change {sd:g} points)", loc="left")
    fig.supxlabel("formula: noncentral t; points: " + _SIM_LABEL, fontsize=NOTE_SIZE, color="0.3")
    return fig


# -----------------------------------------------------------------------------------------------------
# Design your own trial
# -----------------------------------------------------------------------------------------------------
#: Fixed x range (MADRS points) and y top (density per MADRS point) of :func:`plot_design`.
DESIGN_XLIM = (-14.0, 8.0)
DESIGN_YMAX = 0.7
_DESIGN_BINS = np.arange(DESIGN_XLIM[0], DESIGN_XLIM[1] + 0.25, 0.5)


def _design_sim(
    effect: Any,
    n_per_arm: Any,
    n_trials: int,
    seed: int,
    endpoint_week: int,
    assumptions: trials.TrialAssumptions | None,
) -> trials.SimulationResult:
    effect = check_number("effect", effect, "MADRS points", -20, 20)
    n = check_int("n_per_arm", n_per_arm, "patients", 5, 1000)
    return trials.simulate_trials(n, effect, n_trials, seed, endpoint_week=endpoint_week, assumptions=assumptions)


@styled
def _design_figure(res: trials.SimulationResult) -> Figure:
    est = res.estimates[:, 0]
    finite = np.isfinite(est)
    sig = res.significant[:, 0]
    pos, neg = sig & (est < 0), sig & (est > 0)
    ns = ~sig & finite
    fig = plt.figure(figsize=(WIDTH_IN, 6.4))
    ax = fig.add_axes((0.06, 0.47, 0.92, 0.5))  # fixed geometry: frames line up; numbers and legend below
    total = max(int(finite.sum()), 1)
    width = float(_DESIGN_BINS[1] - _DESIGN_BINS[0])
    bottom = np.zeros(_DESIGN_BINS.size - 1)
    for sel, colour, label in (
        (pos, _GREEN, "positive (significant,\nfavours drug)"),
        (ns, _GREY, "not significant"),
        (neg, _RED, "significant,\nfavours placebo"),
    ):
        counts, _ = np.histogram(est[sel], bins=_DESIGN_BINS)
        top = bottom + counts / (total * width)
        ax.stairs(top, _DESIGN_BINS, baseline=bottom, fill=True, color=colour, label=label)
        bottom = top
    eff = res.effects[0]
    ax.axvline(0.0, color="0.15", lw=1.0)
    ax.axvline(eff, color=_DRUG, lw=1.6, ls="--", label=f"true effect ({eff:g})")
    ax.set_xlim(*DESIGN_XLIM)
    ax.set_ylim(0, DESIGN_YMAX)
    ax.set_xticks(np.arange(-12.0, DESIGN_XLIM[1] + 0.1, 4.0))
    ax.set_yticks([])
    ax.set_xlabel("estimated effect, drug − placebo\n(MADRS points; negative favours drug)")
    ax.set_ylabel("share of simulated trials")
    a = res.assumptions
    n = res.n_per_arm[0]
    formula = trials.analytic_power(n, eff, a.residual_sd, res.alpha)
    lo, hi = np.nanpercentile(est, [5, 95])
    what = "false-positive rate" if eff == 0 else "power"
    fig.text(
        0.52,
        0.325,
        f"{n} patients per arm\n"
        f"assumed placebo response {a.placebo_plateau:g} points,\n"
        f"SD of change {a.residual_sd:g} points, dropout {100 * a.dropout_by_endpoint:.0f} %\n"
        f"simulated {what} {100 * res.power[0]:.0f} % (± {100 * res.power_mc_se[0]:.0f})\n"
        f"t-test formula {100 * formula:.0f} %\n"
        f"90 % of estimates: {lo:.1f} to {hi:.1f}",
        va="top",
        ha="left",
        fontsize=NOTE_SIZE,
        linespacing=1.3,
    )
    fig.legend(loc="upper left", bbox_to_anchor=(0.0, 0.335))
    fig.text(
        0.01,
        0.012,
        f"{res.n_trials} simulated trials, ANCOVA at week {res.endpoint_week}; "
        "illustrative assumptions (not trial results)",
        ha="left",
        va="bottom",
        fontsize=NOTE_SIZE,
        color="0.3",
    )
    return fig


def _design_text(res: trials.SimulationResult) -> str:
    est = res.estimates[:, 0]
    lo, hi = np.nanpercentile(est, [5, 95])
    a = res.assumptions
    return (
        f"Simulated, illustrative: histogram of the estimated effect in {res.n_trials} two-arm trials with "
        f"{res.n_per_arm[0]} patients per arm, true effect {res.effects[0]:g} MADRS points, placebo response "
        f"{a.placebo_plateau:g} points, SD {a.residual_sd:g} points, dropout {100 * a.dropout_by_endpoint:.0f} %; "
        f"90 % of estimates lie between {lo:.1f} and {hi:.1f}; {100 * res.positive_rate[0]:.0f} % of trials "
        f"are positive (significant and favouring the drug) and {100 * (1 - res.power[0]):.0f} % are not "
        "significant."
    )


def plot_design(
    effect: float,
    n_per_arm: int = STUDY31_ARM,
    n_trials: int = 400,
    seed: int = 0,
    endpoint_week: int = 6,
    assumptions: trials.TrialAssumptions | None = None,
) -> Figure:
    """ "Design your own trial": how the estimated effect spreads over simulated trials, and the power.

    Parameters
    ----------
    effect : float
        True drug-minus-placebo effect at the endpoint, MADRS points, in [-20, 20]; negative favours drug.
    n_per_arm : int
        Patients randomised per arm, in [5, 1000] (default 100, about Study 31's arms).
    n_trials : int
        Simulated trials (default 400: a Monte Carlo SE of power of at most 2.5 percentage points).
    seed : int
        Random seed (the same for every frame, so only the design changes between frames).
    endpoint_week : int
        Endpoint week, in [1, 52] (default 6, as in Study 31).
    assumptions : TrialAssumptions, optional
        Illustrative assumptions (placebo response, SD, dropout, …).

    Notes
    -----
    Axes are fixed (x: :data:`DESIGN_XLIM`; y: 0 to :data:`DESIGN_YMAX`) so that frames compare. The
    histogram is stacked by verdict: green = positive trial, grey = not significant, red = significant in
    the wrong direction. The "t-test formula" is :func:`lanicemine_lib.trials.analytic_power` with the
    assumed SD (no dropout), for comparison with the simulated ANCOVA power.
    """
    return _design_figure(_design_sim(effect, n_per_arm, n_trials, seed, endpoint_week, assumptions))


def describe_design(
    effect: float,
    n_per_arm: int = STUDY31_ARM,
    n_trials: int = 400,
    seed: int = 0,
    endpoint_week: int = 6,
    assumptions: trials.TrialAssumptions | None = None,
) -> str:
    """Alt text for :func:`plot_design` (same simulation, same numbers)."""
    return _design_text(_design_sim(effect, n_per_arm, n_trials, seed, endpoint_week, assumptions))


def _memo_sim(simulate: Any) -> Any:
    """Wrap ``simulate(value)`` in a one-entry memo so that a frame and its alt text share one simulation."""
    memo: dict[float, Any] = {}

    def get(value: float) -> Any:
        key = float(value)
        if key not in memo:
            memo.clear()
            memo[key] = simulate(key)
        return memo[key]

    return get


def _check_effect_values(values: Any, low: float, high: float) -> list:
    """The grid of true effects of an explorer as a list, each checked against the plot's range (MADRS points)."""
    grid = check_sequence("values", values, f"2 to 25 true effects in [{low:g}, {high:g}] MADRS points")
    for v in grid:
        check_number("values", v, "MADRS points", low, high)
    return grid


def _check_sim_args(n: Any, n_name: str, n_unit: str, seed: Any, assumptions: Any) -> None:
    """The simulation arguments shared by the explorers, with the ranges of :mod:`lanicemine_lib.trials`."""
    check_int(n_name, n, n_unit, 1, 100_000)
    check_int("seed", seed, "-", 0, 2**63 - 1)
    trials._check_assumptions(assumptions)


def _pair(name: str, value: Any, unit: str, low: int, high: int) -> tuple:
    """``value`` (trial A, trial B) as a tuple of whole numbers in [low, high] ``unit``, or ``ValueError``."""
    what = f"whole numbers in [{low}, {high}] {unit}"
    items = check_sequence(name, value, f"2 {what} (trial A, trial B)")
    if not 1 <= len(items) <= 2:
        raise ValueError(f"{name} must be a pair of {what} (trial A, trial B); got {len(items)} values")
    for v in items:
        check_int(name, v, unit, low, high)
    return tuple(items)


def _effect_explorer(values: Sequence[float], simulate: Any, figure: Any, text: Any) -> Any:
    """A kernel-free :class:`~lanicemine_lib.widgets.Explorer` over the true effect (MADRS points).

    ``simulate(effect)`` runs the simulation of one frame (memoised, so the frame and its alt text share it);
    ``figure(result)`` and ``text(result)`` draw the frame and write its alt text. Initial frame: −3 if on the
    grid.
    """
    from ..widgets import Explorer

    sim = _memo_sim(simulate)
    return Explorer(
        plot=lambda e: figure(sim(e)),
        values=list(values),
        label="True effect (drug − placebo)",
        unit="MADRS points",
        describe=lambda e: text(sim(e)),
        initial=-3.0 if -3.0 in values else None,
    )


def design_explorer(
    values: Sequence[float] = (-6.0, -5.0, -4.0, -3.0, -2.0, -1.0, 0.0),
    n_per_arm: int = STUDY31_ARM,
    n_trials: int = 400,
    seed: int = 0,
    endpoint_week: int = 6,
    assumptions: trials.TrialAssumptions | None = None,
) -> Any:
    """A kernel-free :class:`~lanicemine_lib.widgets.Explorer` over the true effect for :func:`plot_design`.

    Parameters are those of :func:`plot_design`; ``values`` is the grid of true effects (MADRS points, each in
    [-20, 20], strictly increasing). Initial frame: −3 if on the grid. Every argument is checked here, before
    any frame is drawn.
    """
    values = _check_effect_values(values, -20.0, 20.0)
    check_int("n_per_arm", n_per_arm, "patients", 5, 1000)
    _check_sim_args(n_trials, "n_trials", "trials", seed, assumptions)
    check_int("endpoint_week", endpoint_week, "weeks", 1, 52)
    return _effect_explorer(
        values,
        lambda e: _design_sim(e, n_per_arm, n_trials, seed, endpoint_week, assumptions),
        _design_figure,
        _design_text,
    )


def main_explorer() -> Any:
    """The chapter's main demo (used by ``bench/bench_widgets.py``): :func:`design_explorer` with defaults.

    Seven true effects from −6 to 0 MADRS points, 100 patients per arm, 400 simulated trials per frame.
    """
    return design_explorer()


def design_live_controls(n_trials: int = 400, seed: int = 0, endpoint_week: int = 6) -> Any:
    """The live, multi-control "design your own trial" (needs a running kernel, e.g. JupyterLab).

    Sliders: patients per arm (10–400), true effect (−8 to 2 MADRS points), placebo response
    (``placebo_plateau``, 0–30 points), SD of change (``residual_sd``, 4–14 points) and dropout by the
    endpoint (0–60 %). Other assumptions keep their :class:`~lanicemine_lib.trials.TrialAssumptions`
    defaults. Returns an ``ipywidgets.VBox``; each change redraws :func:`plot_design`.
    """
    import ipywidgets as widgets

    from ..widgets import figure_to_png, frame_html

    style = {"description_width": "12em"}
    layout = widgets.Layout(width="min(560px, 100%)")
    base = trials.TrialAssumptions()
    sliders = {
        "n_per_arm": widgets.IntSlider(
            value=STUDY31_ARM, min=10, max=400, step=10, description="Patients per arm", style=style, layout=layout
        ),
        "effect": widgets.FloatSlider(
            value=-3.0,
            min=-8.0,
            max=2.0,
            step=0.5,
            description="True effect (MADRS points)",
            style=style,
            layout=layout,
        ),
        "placebo_plateau": widgets.FloatSlider(
            value=base.placebo_plateau,
            min=0.0,
            max=30.0,
            step=1.0,
            description="Placebo response (points)",
            style=style,
            layout=layout,
        ),
        "residual_sd": widgets.FloatSlider(
            value=base.residual_sd,
            min=4.0,
            max=14.0,
            step=0.5,
            description="SD of change (points)",
            style=style,
            layout=layout,
        ),
        "dropout": widgets.FloatSlider(
            value=100 * base.dropout_by_endpoint,
            min=0.0,
            max=60.0,
            step=5.0,
            description="Dropout by endpoint (%)",
            style=style,
            layout=layout,
        ),
    }
    for s in sliders.values():
        s.continuous_update = False
    image = widgets.HTML()

    def render(_: Any = None) -> None:
        v = {k: s.value for k, s in sliders.items()}
        a = dataclasses.replace(
            base,
            placebo_plateau=v["placebo_plateau"],
            residual_sd=v["residual_sd"],
            dropout_by_endpoint=v["dropout"] / 100.0,
        )
        res = _design_sim(v["effect"], v["n_per_arm"], n_trials, seed, endpoint_week, a)
        image.value = frame_html(figure_to_png(_design_figure(res)), _design_text(res), css_width_px=640)

    for s in sliders.values():
        s.observe(render, names="value")
    render()
    box = widgets.VBox([*sliders.values(), image])
    box.add_class("lanicemine-explorer-live")
    return box


# -----------------------------------------------------------------------------------------------------
# Same drug, two trials
# -----------------------------------------------------------------------------------------------------
_TWO_XLIM = (-8.0, 0.0)
_TWO_GRID = np.linspace(_TWO_XLIM[0], _TWO_XLIM[1], 33)


def _two_sim(
    effect: Any,
    n_per_arm: Sequence[int],
    endpoint_week: Sequence[int],
    n_pairs: int,
    seed: int,
    assumptions: trials.TrialAssumptions | None,
) -> trials.TwoTrialsResult:
    effect = check_number("effect", effect, "MADRS points", _TWO_XLIM[0], _TWO_XLIM[1])
    return trials.same_drug_two_trials(
        _pair("n_per_arm", n_per_arm, "patients", 2, 5000),
        effect,
        n_pairs,
        seed,
        endpoint_week=_pair("endpoint_week", endpoint_week, "weeks", 1, 52),
        assumptions=assumptions,
    )


@styled
def _two_figure(res: trials.TwoTrialsResult) -> Figure:
    (na, nb), (wa, wb) = res.n_per_arm, res.endpoint_week
    pa = np.array([trials.analytic_positive_probability(na, e, res.sd, res.alpha) for e in _TWO_GRID])
    pb = np.array([trials.analytic_positive_probability(nb, e, res.sd, res.alpha) for e in _TWO_GRID])
    split = pa * (1 - pb) + pb * (1 - pa)
    fig = plt.figure(figsize=(WIDTH_IN, 6.4))
    ax = fig.add_axes((0.13, 0.47, 0.84, 0.46))
    ax.plot(_TWO_GRID, pa, color="#8fb8de", lw=2, label=f"A positive ({na}/arm, week {wa})")
    ax.plot(_TWO_GRID, pb, color=_DRUG, lw=2, label=f"B positive ({nb}/arm, week {wb})")
    ax.plot(_TWO_GRID, split, color="black", lw=2.4, label="exactly one positive")
    e = res.effect
    ax.axvline(e, color="0.5", lw=1.0, ls="--")
    sims = (res.p_positive_simulated[0], res.p_positive_simulated[1], res.p_split_simulated)
    ses = [np.sqrt(p * (1 - p) / res.n_pairs) for p in sims]
    ax.errorbar([e] * 3, sims, yerr=1.96 * np.array(ses), fmt="none", ecolor="0.2", capsize=3, lw=1)
    ax.scatter(
        [e] * 3,
        sims,
        s=36,
        c=["#8fb8de", _DRUG, "black"],
        edgecolors="white",
        zorder=3,
        label="simulated (95 % MC interval)",
    )
    ax.set_xlim(_TWO_XLIM[0], _TWO_XLIM[1] + 0.35)  # room for the points at an effect of 0
    ax.set_ylim(0, 1)
    ax.set_xlabel("true effect, drug − placebo (MADRS points)")
    ax.set_ylabel("probability")
    # Legend and numbers below the axes, off the curves.
    fig.legend(loc="upper left", bbox_to_anchor=(0.01, 0.34))
    fig.text(
        0.56,
        0.335,
        f"at a true effect of {e:g}:\n"
        f"P(A positive): formula {100 * res.p_positive_analytic[0]:.0f} %, sim. {100 * sims[0]:.0f} %\n"
        f"P(B positive): formula {100 * res.p_positive_analytic[1]:.0f} %, sim. {100 * sims[1]:.0f} %\n"
        f"P(exactly one): formula {100 * res.p_split_analytic:.0f} %, sim. {100 * sims[2]:.0f} %",
        fontsize=NOTE_SIZE,
        va="top",
        ha="left",
    )
    ax.set_title("Same drug, two trials: how often do they disagree?", loc="left")
    fig.text(
        0.01,
        0.01,
        f"lines: t-test formula (SD {res.sd:g}); points: {res.n_pairs} pairs, " + _SIM_LABEL,
        ha="left",
        va="bottom",
        wrap=True,
        fontsize=NOTE_SIZE,
        color="0.3",
    )
    return fig


def _two_text(res: trials.TwoTrialsResult) -> str:
    (na, nb), (wa, wb) = res.n_per_arm, res.endpoint_week
    return (
        f"Formula curves and simulated points (illustrative): for a true effect of {res.effect:g} MADRS points, "
        f"trial A ({na} patients per arm, week {wa}) is positive with probability "
        f"{100 * res.p_positive_analytic[0]:.0f} % by formula ({100 * res.p_positive_simulated[0]:.0f} % "
        f"simulated), trial B ({nb} per arm, week {wb}) {100 * res.p_positive_analytic[1]:.0f} % "
        f"({100 * res.p_positive_simulated[1]:.0f} % simulated), and exactly one of the two is positive "
        f"{100 * res.p_split_analytic:.0f} % by formula ({100 * res.p_split_simulated:.0f} % simulated)."
    )


def plot_two_trials(
    effect: float = -3.0,
    n_per_arm: Sequence[int] = (STUDY9_ARM, STUDY31_ARM),
    endpoint_week: Sequence[int] = (3, 6),
    n_pairs: int = 400,
    seed: int = 0,
    assumptions: trials.TrialAssumptions | None = None,
) -> Figure:
    """ "Same drug, two trials": P(A positive), P(B positive) and P(exactly one positive) against the effect.

    Parameters
    ----------
    effect : float
        True drug-minus-placebo effect, MADRS points, in [-8, 0] (the x range); marked with simulated points.
    n_per_arm : pair of int
        Patients per arm in trial A and trial B (default 50 and 100, about Study 9 and Study 31).
    endpoint_week : pair of int
        Endpoint weeks of trial A and B (default 3 and 6, as in Study 9 and Study 31).
    n_pairs : int
        Simulated pairs of trials (default 400).
    seed : int
        Random seed.
    assumptions : TrialAssumptions, optional
        Illustrative assumptions; ``residual_sd`` is the SD of the formula curves.

    Notes
    -----
    Curves: :func:`lanicemine_lib.trials.analytic_positive_probability` (noncentral t, no dropout), and
    ``pA (1 − pB) + pB (1 − pA)``. Points: :func:`lanicemine_lib.trials.same_drug_two_trials` (ANCOVA,
    dropout, LOCF). Fixed axes (x −8 to 0.35, y 0 to 1).
    """
    return _two_figure(_two_sim(effect, n_per_arm, endpoint_week, n_pairs, seed, assumptions))


def describe_two_trials(
    effect: float = -3.0,
    n_per_arm: Sequence[int] = (STUDY9_ARM, STUDY31_ARM),
    endpoint_week: Sequence[int] = (3, 6),
    n_pairs: int = 400,
    seed: int = 0,
    assumptions: trials.TrialAssumptions | None = None,
) -> str:
    """Alt text for :func:`plot_two_trials` (same simulation, same numbers)."""
    return _two_text(_two_sim(effect, n_per_arm, endpoint_week, n_pairs, seed, assumptions))


def two_trials_explorer(
    values: Sequence[float] = (-6.0, -5.0, -4.0, -3.0, -2.0, -1.0, 0.0),
    n_per_arm: Sequence[int] = (STUDY9_ARM, STUDY31_ARM),
    endpoint_week: Sequence[int] = (3, 6),
    n_pairs: int = 400,
    seed: int = 0,
    assumptions: trials.TrialAssumptions | None = None,
) -> Any:
    """A kernel-free :class:`~lanicemine_lib.widgets.Explorer` over the true effect for :func:`plot_two_trials`.

    Parameters are those of :func:`plot_two_trials`; ``values`` is the grid of true effects (MADRS points, each
    in [-8, 0], strictly increasing). Every argument is checked here, before any frame is drawn.
    """
    values = _check_effect_values(values, _TWO_XLIM[0], _TWO_XLIM[1])
    _pair("n_per_arm", n_per_arm, "patients", 2, 5000)
    _pair("endpoint_week", endpoint_week, "weeks", 1, 52)
    _check_sim_args(n_pairs, "n_pairs", "pairs", seed, assumptions)
    return _effect_explorer(
        values, lambda e: _two_sim(e, n_per_arm, endpoint_week, n_pairs, seed, assumptions), _two_figure, _two_text
    )
