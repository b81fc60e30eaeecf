"""Figures for the "Lessons from Study 31" chapter. Every function returns a :class:`matplotlib.figure.Figure`;
none calls ``plt.show()``.

- :func:`plot_ancova_example` — one trial: endpoint against baseline MADRS with the two parallel ANCOVA lines
  (the vertical gap between them is the treatment estimate). The chapter simulates the trial, carries the
  last observation forward and fits the ANCOVA in its own cell; this function draws what it is given.
- :func:`plot_design` — "design your own trial": the spread of effect estimates over simulated trials
  (a :class:`~lanicemine_lib.trials.SimulationResult`), coloured by the verdict of each trial, with simulated
  and formula power; alt text :func:`describe_design`.
- :func:`plot_two_trials` — "same drug, two trials": the chance that exactly one of two trials of the same
  drug is positive, formula curves against the true effect with the simulated points of a
  :class:`~lanicemine_lib.trials.TwoTrialsResult`; alt text :func:`describe_two_trials`.

The chapter builds the demos (``widgets.Explorer`` over the true effect, ``widgets.live_controls`` for the
five-slider version) from these functions and :func:`lanicemine_lib.trials.simulate_trials`. Everything
simulated is labelled "simulated, illustrative assumptions" on the figure. The frame functions of the demos
use a fixed axes position and no layout engine, so frames line up and render quickly.
"""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .. import trials
from .._validation import check_array, check_int, check_number
from ._style import NOTE_SIZE, WIDTH_IN, styled

__all__ = [
    "DESIGN_XLIM",
    "DESIGN_YMAX",
    "STUDY9_ARM",
    "STUDY31_ARM",
    "TWO_TRIALS_XLIM",
    "describe_design",
    "describe_two_trials",
    "plot_ancova_example",
    "plot_design",
    "plot_two_trials",
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
    baseline: Any,
    endpoint: Any,
    arm: Any,
    fit: trials.AncovaResult,
    true_effect: float,
    endpoint_week: int = 6,
) -> Figure:
    """One two-arm trial analysed by ANCOVA: endpoint against baseline MADRS, two parallel lines.

    Parameters
    ----------
    baseline, endpoint : array_like, shape (n_patients,)
        Each patient's baseline and endpoint MADRS (points, 0 to 60); the endpoint is the last observed score
        (:func:`lanicemine_lib.trials.locf_endpoint`).
    arm : array_like of {0, 1}, shape (n_patients,)
        0 = placebo, 1 = drug.
    fit : AncovaResult
        The ANCOVA of this one trial: ``trials.ancova_batch(baseline[None], (endpoint - baseline)[None], arm)``.
    true_effect : float
        The true effect the trial was simulated with (MADRS points, in [-20, 20]), printed beside the estimate.
    endpoint_week : int
        Endpoint week (axis label), in [1, 52].

    Notes
    -----
    The model ``change = b0 + b1·drug + g·baseline`` is the same fit as ``endpoint = b0 + b1·drug +
    (1 + g)·baseline``; the figure draws the second form (``fit.intercept`` is ``b0``, ``fit.slope`` is ``g``),
    whose two lines are ``b1`` (``fit.estimate``) apart vertically.
    """
    base = check_array("baseline", baseline, "MADRS points", 0, 60)
    y_end = check_array("endpoint", endpoint, "MADRS points", 0, 60)
    arm = np.asarray(arm)
    if base.ndim != 1 or y_end.shape != base.shape or arm.shape != base.shape or not np.isin(arm, (0, 1)).all():
        raise ValueError(
            "baseline, endpoint and arm must be 1-D and of one length (one value per patient; arm 0 or 1); "
            f"got shapes {base.shape}, {y_end.shape} and {arm.shape}"
        )
    if not isinstance(fit, trials.AncovaResult) or fit.estimate.shape != (1, 1):
        raise ValueError(f"fit must be the AncovaResult of one two-arm trial (from trials.ancova_batch); got {fit!r}")
    effect = check_number("true_effect", true_effect, "MADRS points", -20, 20)
    endpoint_week = check_int("endpoint_week", endpoint_week, "weeks", 1, 52)
    slope_end = 1.0 + float(fit.slope[0])
    est, se, p = float(fit.estimate[0, 0]), float(fit.std_error[0, 0]), float(fit.p_value[0, 0])
    intercept0 = float(fit.intercept[0])

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
# Design your own trial
# -----------------------------------------------------------------------------------------------------
#: Fixed x range (MADRS points) and y top (density per MADRS point) of :func:`plot_design`.
DESIGN_XLIM = (-14.0, 8.0)
DESIGN_YMAX = 0.7
_DESIGN_BINS = np.arange(DESIGN_XLIM[0], DESIGN_XLIM[1] + 0.25, 0.5)


def _check_design(result: Any) -> trials.SimulationResult:
    if not isinstance(result, trials.SimulationResult) or len(result.arm_labels) != 2:
        raise ValueError(f"result must be a two-arm SimulationResult from trials.simulate_trials; got {result!r}")
    return result


@styled
def plot_design(result: trials.SimulationResult) -> Figure:
    """ "Design your own trial": how the estimated effect spreads over simulated trials, and the power.

    Parameters
    ----------
    result : SimulationResult
        Simulated two-arm trials from :func:`lanicemine_lib.trials.simulate_trials` (the chapter's demo: 400
        trials with 100 patients per arm, one seed for every frame, so only the design changes between frames).

    Notes
    -----
    Axes are fixed (x: :data:`DESIGN_XLIM`; y: 0 to :data:`DESIGN_YMAX`) so that frames compare. The
    histogram is stacked by verdict: green = positive trial, grey = not significant, red = significant in
    the wrong direction. The "t-test formula" is :func:`lanicemine_lib.trials.analytic_power` with the
    assumed SD (no dropout), for comparison with the simulated ANCOVA power.
    """
    res = _check_design(result)
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


def describe_design(result: trials.SimulationResult) -> str:
    """Alt text for :func:`plot_design` (the same simulated trials, the same numbers)."""
    res = _check_design(result)
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


# -----------------------------------------------------------------------------------------------------
# Same drug, two trials
# -----------------------------------------------------------------------------------------------------
#: x range of :func:`plot_two_trials` (true effect, MADRS points).
TWO_TRIALS_XLIM = (-8.0, 0.0)
_TWO_GRID = np.linspace(TWO_TRIALS_XLIM[0], TWO_TRIALS_XLIM[1], 33)


def _check_two(result: Any) -> trials.TwoTrialsResult:
    if not isinstance(result, trials.TwoTrialsResult):
        raise ValueError(f"result must be a TwoTrialsResult from trials.same_drug_two_trials; got {result!r}")
    check_number("result.effect", result.effect, "MADRS points", *TWO_TRIALS_XLIM)
    return result


@styled
def plot_two_trials(result: trials.TwoTrialsResult) -> Figure:
    """ "Same drug, two trials": P(A positive), P(B positive) and P(exactly one positive) against the effect.

    Parameters
    ----------
    result : TwoTrialsResult
        From :func:`lanicemine_lib.trials.same_drug_two_trials`, at a true effect in [-8, 0] MADRS points (the
        x range), which is marked with the simulated points.

    Notes
    -----
    Curves: :func:`lanicemine_lib.trials.analytic_positive_probability` (noncentral t, no dropout) for each
    trial and :func:`lanicemine_lib.trials.split_probability`. Points: the simulated probabilities of
    ``result`` (ANCOVA, dropout, LOCF) with 95 % Monte Carlo intervals. Fixed axes (x −8 to 0.35, y 0 to 1).
    """
    res = _check_two(result)
    (na, nb), (wa, wb) = res.n_per_arm, res.endpoint_week
    pa = np.array([trials.analytic_positive_probability(na, e, res.sd, res.alpha) for e in _TWO_GRID])
    pb = np.array([trials.analytic_positive_probability(nb, e, res.sd, res.alpha) for e in _TWO_GRID])
    split = trials.split_probability(pa, pb)
    fig = plt.figure(figsize=(WIDTH_IN, 6.4))
    ax = fig.add_axes((0.13, 0.47, 0.84, 0.46))
    ax.plot(_TWO_GRID, pa, color="#8fb8de", lw=2, label=f"A positive ({na}/arm, week {wa})")
    ax.plot(_TWO_GRID, pb, color=_DRUG, lw=2, label=f"B positive ({nb}/arm, week {wb})")
    ax.plot(_TWO_GRID, split, color="black", lw=2.4, label="exactly one positive")
    e = res.effect
    ax.axvline(e, color="0.5", lw=1.0, ls="--")
    sims = (res.p_positive_simulated[0], res.p_positive_simulated[1], res.p_split_simulated)
    ses = [*res.p_positive_mc_se, res.p_split_mc_se]
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
    ax.set_xlim(TWO_TRIALS_XLIM[0], TWO_TRIALS_XLIM[1] + 0.35)  # room for the points at an effect of 0
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


def describe_two_trials(result: trials.TwoTrialsResult) -> str:
    """Alt text for :func:`plot_two_trials` (the same simulation, the same numbers)."""
    res = _check_two(result)
    (na, nb), (wa, wb) = res.n_per_arm, res.endpoint_week
    return (
        f"Formula curves and simulated points (illustrative): for a true effect of {res.effect:g} MADRS points, "
        f"trial A ({na} patients per arm, week {wa}) is positive with probability "
        f"{100 * res.p_positive_analytic[0]:.0f} % by formula ({100 * res.p_positive_simulated[0]:.0f} % "
        f"simulated), trial B ({nb} per arm, week {wb}) {100 * res.p_positive_analytic[1]:.0f} % "
        f"({100 * res.p_positive_simulated[1]:.0f} % simulated), and exactly one of the two is positive "
        f"{100 * res.p_split_analytic:.0f} % by formula ({100 * res.p_split_simulated:.0f} % simulated)."
    )
