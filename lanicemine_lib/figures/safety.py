"""Figures for the safety chapter. Every function returns a :class:`matplotlib.figure.Figure`; none calls
``plt.show()``.

- :func:`plot_power_curve` — power against patients per arm.
- :func:`plot_infusion_length` — infusion length vs Cmax vs the *illustrative* dizziness probability (frames of
  the chapter's infusion-length demo; alt text :func:`describe_infusion_length`).
- :func:`plot_sample_size` — frames of the chapter's main demo, "how many patients would it take to see 8 %
  vs 4 %?": patients per arm → the interval a trial would report at the expected counts and its power (alt
  text :func:`describe_sample_size`).

The chapter builds both demos with ``widgets.Explorer``; every number drawn comes from a public function of
:mod:`lanicemine_lib.safety` or :mod:`lanicemine_lib.pk`.

The 8 % vs 4 % proportions are the application note's dissociative-symptom figures (SEED, not traceable to a
primary source); the figures use them only as an illustrative planning scenario and say so. Figures are
sized 6.4 × 3.8 in, i.e. 640 px wide at 100 dpi.
"""

from __future__ import annotations

from typing import Any

# No ``matplotlib.use(...)`` here: calling it after pyplot is imported *switches* the backend, which in Jupyter
# replaces the inline backend with Agg so that ``plt.show()`` shows nothing. Without a display matplotlib
# falls back to Agg by itself.
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .. import safety
from .._validation import check_int, check_number
from ._style import NOTE_SIZE, WIDTH_IN, styled

__all__ = [
    "describe_infusion_length",
    "describe_sample_size",
    "plot_infusion_length",
    "plot_power_curve",
    "plot_sample_size",
]

_FIGSIZE = (WIDTH_IN, 3.8)
_SEED_NOTE = "8 % vs 4 %: reported by the application note (unconfirmed),\nused here as an illustrative scenario"


def _scenario(n_per_arm: Any, p_active: Any, p_placebo: Any, alpha: Any) -> dict:
    n = check_int("n_per_arm", n_per_arm, "patients per arm", 1, 100_000)
    p_a = check_number("p_active", p_active, "(proportion, fraction)", 0.0, 1.0)
    p_b = check_number("p_placebo", p_placebo, "(proportion, fraction)", 0.0, 1.0)
    x_a, x_b = safety.expected_counts(p_a, n), safety.expected_counts(p_b, n)
    rd = safety.risk_difference(x_a, n, x_b, n, alpha=alpha)
    power = safety.power_two_proportions(p_a, p_b, n, alpha=alpha)
    n80 = safety.n_for_power(p_a, p_b, power=0.8, alpha=alpha) if p_a != p_b else None
    return {"n": n, "p_a": p_a, "p_b": p_b, "x_a": x_a, "x_b": x_b, "rd": rd, "power": power, "n80": n80}


@styled
def plot_power_curve(
    p_active: float = 0.08,
    p_placebo: float = 0.04,
    alpha: float = 0.05,
    n_max: int = 1500,
    mark_n: int | None = None,
) -> Figure:
    """Power to detect ``p_active`` vs ``p_placebo`` against patients per arm (illustrative).

    Parameters
    ----------
    p_active, p_placebo : float
        Assumed true proportions (fractions, different from each other); defaults 0.08 and 0.04, the
        application note's 8 % vs 4 % (SEED).
    alpha : float
        Two-sided significance level in (0, 0.5].
    n_max : int
        Largest arm size shown, in [20, 100000] patients.
    mark_n : int, optional
        An arm size (patients) to mark with its power.

    Returns
    -------
    matplotlib.figure.Figure
        Power (normal approximation, :func:`~lanicemine_lib.safety.power_two_proportions`) from 2 to
        ``n_max`` per arm, the 80 % line, the arm size needed for 80 %, and the arm sizes of Study 9
        (≈ 51 per arm) and Study 31 (≈ 101 per arm) for orientation.
    """
    p_a = check_number("p_active", p_active, "(proportion, fraction)", 0.0, 1.0)
    p_b = check_number("p_placebo", p_placebo, "(proportion, fraction)", 0.0, 1.0)
    n_max_ = check_int("n_max", n_max, "patients per arm", 20, 100_000)
    mark = None if mark_n is None else check_int("mark_n", mark_n, "patients per arm", 1, n_max_)
    n80 = safety.n_for_power(p_a, p_b, power=0.8, alpha=alpha)  # also checks alpha and p_a != p_b
    ns = np.unique(np.linspace(2, n_max_, 300).astype(int))
    power = safety.power_two_proportions(p_a, p_b, ns, alpha=alpha)
    fig, ax = plt.subplots(figsize=_FIGSIZE, layout="constrained")
    ax.plot(ns, 100 * power, color="#1f5fa8", lw=2.2, label="power (normal approximation)")
    ax.axhline(80, color="0.4", ls=":", lw=1.2)
    ax.text(n_max_, 81.5, "80 %", ha="right", va="bottom", fontsize=NOTE_SIZE, color="0.3")
    if n80 <= n_max_:
        ax.axvline(n80, color="#2a7d3b", ls="--", lw=1.3)
        ax.text(n80, 50, f" {n80:,} per arm\n for 80 %", fontsize=NOTE_SIZE, color="#2a7d3b", va="center")
    for n_trial, name, offset in ((51, "Study 9", (8, -4)), (101, "Study 31", (8, 10))):
        if n_trial <= n_max_:
            pw = safety.power_two_proportions(p_a, p_b, n_trial, alpha=alpha)
            ax.plot([n_trial], [100 * pw], "s", color="#8a4b08", ms=6)
            ax.annotate(
                f"{name} (≈{n_trial} per arm): {100 * pw:.0f} %",
                (n_trial, 100 * pw),
                xytext=offset,
                textcoords="offset points",
                fontsize=NOTE_SIZE,
                color="#8a4b08",
            )
    if mark is not None:
        pw = safety.power_two_proportions(p_a, p_b, mark, alpha=alpha)
        ax.plot([mark], [100 * pw], "o", color="#b3261e", ms=8, label=f"n = {mark:,}: {100 * pw:.0f} %")
    ax.set_xlim(0, n_max_)
    ax.set_ylim(0, 100)
    ax.set_xlabel("Patients per arm")
    ax.set_ylabel("Power (%)")
    ax.legend(loc="lower right")
    ax.set_title(f"Illustrative power: {100 * p_a:g} % vs {100 * p_b:g} % (two-sided α = {alpha:g})", loc="left")
    fig.supxlabel(_SEED_NOTE, fontsize=NOTE_SIZE, color="0.35")
    return fig


def _infusion_data(
    duration_h: float, dose_mg: float, reference_h: float, model: Any, params: Any, shortest_h: float
) -> dict:
    table = safety.peak_effect_vs_infusion_length(
        dose_mg, [duration_h, reference_h, shortest_h], model=model, params=params
    )
    return {"now": table.iloc[0], "ref": table.iloc[1], "short": table.iloc[2]}


@styled
def plot_infusion_length(
    duration_h: float,
    dose_mg: float = 100.0,
    reference_h: float = 1.0,
    model: safety.DizzinessModel | None = None,
    params: Any = None,
    shortest_h: float = 0.25,
    t_end_h: float = 8.0,
) -> Figure:
    """Infusion length vs peak concentration vs the *illustrative* dizziness probability.

    Parameters
    ----------
    duration_h : float
        Infusion length in hours, in (0, 24].
    dose_mg : float
        Single dose in mg (default 100 mg, a dose used in the trials).
    reference_h : float
        The reference infusion length, h (default 1 h = the trials' 60-min infusion).
    model : DizzinessModel, optional
        The exposure–safety assumption (default :class:`~lanicemine_lib.safety.DizzinessModel`).
    params : lanicemine_lib.pk.PKParameters, optional
        PK parameters (default: the PopPK typical patient).
    shortest_h : float
        The shortest length on the reader's slider, h; it fixes the concentration axis so frames compare.
    t_end_h : float
        End of the time axis, h, in (0, 72].

    Returns
    -------
    matplotlib.figure.Figure
        Left: concentration (µM, free base) against time for ``duration_h`` and the reference. Right: the
        assumed logistic dizziness curve with both Cmax values marked. AUC (the same for both) is printed.
    """
    from .. import pk

    d = check_number("duration_h", duration_h, "h", 0.0, 24.0, low_open=True)
    ref = check_number("reference_h", reference_h, "h", 0.0, 24.0, low_open=True)
    short = check_number("shortest_h", shortest_h, "h", 0.0, 24.0, low_open=True)
    t_end = check_number("t_end_h", t_end_h, "h", 0.0, 72.0, low_open=True)
    model_ = safety.DizzinessModel() if model is None else model
    params_ = pk.PKParameters() if params is None else params
    data = _infusion_data(d, dose_mg, ref, model_, params_, short)
    now, refrow = data["now"], data["ref"]

    t = np.unique(np.concatenate([np.linspace(0.0, t_end, 500), [d, ref]]))
    c_now = pk.mg_per_l_to_um(np.asarray(pk.concentration(t, pk.Regimen.single(dose_mg, duration_h=d), params_)))
    c_ref = pk.mg_per_l_to_um(np.asarray(pk.concentration(t, pk.Regimen.single(dose_mg, duration_h=ref), params_)))
    y_top = 1.15 * max(data["short"]["cmax_um"], now["cmax_um"], refrow["cmax_um"])

    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(WIDTH_IN, 6.8), layout="constrained")  # stacked for phones
    ax1.plot(t, c_ref, color="0.45", lw=1.8, ls="--", label=f"{60 * ref:g}-min reference")
    ax1.plot(t, c_now, color="#1f5fa8", lw=2.2, label=f"{60 * d:g}-min infusion")
    ax1.plot([now["tmax_h"]], [now["cmax_um"]], "o", color="#1f5fa8", ms=6)
    ax1.plot([refrow["tmax_h"]], [refrow["cmax_um"]], "o", color="0.45", ms=6)
    ax1.set_xlim(0, t_end)
    ax1.set_ylim(0, y_top)
    ax1.set_xlabel("Time from start of infusion (h)")
    ax1.set_ylabel("plasma (µM)")
    ax1.legend(loc="upper right")
    ax1.text(
        0.97,
        0.55,
        f"AUC = {now['auc_mg_h_per_l']:.2f} mg·h/L\n(both infusions)",
        transform=ax1.transAxes,
        ha="right",
        fontsize=NOTE_SIZE,
        color="0.25",
    )

    cgrid = np.linspace(0.0, y_top, 300)
    ax2.plot(cgrid, 100 * model_.probability(cgrid), color="#8a4b08", lw=2)
    ax2.plot(
        [refrow["cmax_um"]],
        [100 * refrow["p_dizziness_at_cmax"]],
        "o",
        color="0.45",
        ms=7,
        label=f"{60 * ref:g} min: {100 * refrow['p_dizziness_at_cmax']:.0f} %",
    )
    ax2.plot(
        [now["cmax_um"]],
        [100 * now["p_dizziness_at_cmax"]],
        "o",
        color="#1f5fa8",
        ms=7,
        label=f"{60 * d:g} min: {100 * now['p_dizziness_at_cmax']:.0f} %",
    )
    ax2.set_xlim(0, y_top)
    ax2.set_ylim(0, 100 * model_.p_max * 1.05)
    ax2.set_xlabel("Cmax (µM)")
    ax2.set_ylabel("Assumed P(dizziness) at Cmax (%)")
    ax2.legend(loc="upper left")
    fig.suptitle(f"{dose_mg:g} mg over {60 * d:g} min\n(model-predicted; dizziness curve assumed)")
    fig.supxlabel("Dizziness curve: " + model_.label, fontsize=NOTE_SIZE, color="0.35", wrap=True)
    return fig


def describe_infusion_length(
    duration_h: float, dose_mg: float = 100.0, reference_h: float = 1.0, model: Any = None, params: Any = None
) -> str:
    """Alt text for :func:`plot_infusion_length`."""
    from .. import pk

    d = check_number("duration_h", duration_h, "h", 0.0, 24.0, low_open=True)
    check_number("reference_h", reference_h, "h", 0.0, 24.0, low_open=True)
    model_ = safety.DizzinessModel() if model is None else model
    params_ = pk.PKParameters() if params is None else params
    data = _infusion_data(d, dose_mg, reference_h, model_, params_, d)
    now, ref = data["now"], data["ref"]
    return (
        f"Illustrative assumption for dizziness, model-predicted concentrations (typical patient): {dose_mg:g} mg "
        f"over {60 * d:g} minutes peaks at {now['cmax_um']:.2f} µM "
        f"versus {ref['cmax_um']:.2f} µM for the {60 * reference_h:g}-minute reference, with the same AUC of "
        f"{now['auc_mg_h_per_l']:.2f} mg·h/L; the assumed dizziness probability at the peak is "
        f"{100 * now['p_dizziness_at_cmax']:.0f} % versus {100 * ref['p_dizziness_at_cmax']:.0f} %."
    )


# ---------------------------------------------------------------------------------------------------------
# Frames of the chapter's main demo: patients per arm → interval width and power
# ---------------------------------------------------------------------------------------------------------
_N_AXIS = (10, 2000)  # patients per arm shown on the power panel (log axis)
_RD_AXIS = (-15.0, 25.0)  # risk difference axis, percentage points


@styled
def plot_sample_size(n_per_arm: int, p_active: float = 0.08, p_placebo: float = 0.04, alpha: float = 0.05) -> Figure:
    """How many patients per arm to tell ``p_active`` from ``p_placebo``: interval width and power (illustrative).

    Parameters
    ----------
    n_per_arm : int
        Patients per arm, in [10, 2000] (the range of the power axis).
    p_active, p_placebo : float
        Assumed true event proportions (fractions, different from each other). Defaults 0.08 and 0.04: the
        application note's dissociative-symptom figures (SEED; their source study could not be identified),
        used only as a planning scenario.
    alpha : float
        Two-sided error rate in (0, 0.5].

    Returns
    -------
    matplotlib.figure.Figure
        Left: the risk-difference interval (Newcombe) a trial would report if it saw exactly the expected
        counts ``round(p·n)``, on a fixed axis from −15 to +25 percentage points, with 0 and the assumed
        true difference marked. Right: power (normal approximation, as
        :func:`~lanicemine_lib.safety.power_two_proportions`) against patients per arm on a log axis from 10
        to 2000, with ``n_per_arm`` and the 80 % arm size marked. Drawn without a layout engine so one frame
        renders quickly.
    """
    n = check_int("n_per_arm", n_per_arm, "patients per arm", _N_AXIS[0], _N_AXIS[1])
    sc = _scenario(n, p_active, p_placebo, alpha)
    if sc["n80"] is None:
        raise ValueError(
            f"p_active must differ from p_placebo (proportion, fraction); got {p_active!r} and {p_placebo!r}"
        )
    rd, power, n80 = sc["rd"], sc["power"], sc["n80"]
    est, lo, hi = 100 * rd.estimate, 100 * rd.ci_low, 100 * rd.ci_high
    true_diff = 100 * (sc["p_a"] - sc["p_b"])
    excludes = rd.ci_low > 0 or rd.ci_high < 0
    colour = "#1f5fa8" if excludes else "#8a4b08"
    level = f"{100 * (1 - rd.alpha):g} %"

    fig = plt.figure(figsize=(WIDTH_IN, 6.6))
    # stacked (legible on a phone), fixed geometry so frames line up
    fig.subplots_adjust(left=0.12, right=0.97, bottom=0.14, top=0.88, hspace=0.6)
    ax1, ax2 = fig.subplots(2, 1, gridspec_kw={"height_ratios": [1, 1.5]})
    # Few text artists on purpose: text layout dominates the time to render a frame.

    # left: the interval a trial of this size would report at the expected counts
    ax1.axvline(0, color="0.3", lw=1.2)
    ax1.axvline(true_diff, color="#2a7d3b", ls="--", lw=1.5)
    ax1.plot([max(lo, _RD_AXIS[0]), min(hi, _RD_AXIS[1])], [0.15, 0.15], color=colour, lw=5, solid_capstyle="butt")
    ax1.plot([est], [0.15], "o", color=colour, ms=9, mec="white")
    ax1.text(true_diff + 0.6, 0.93, "assumed true", va="top", fontsize=NOTE_SIZE, color="#2a7d3b")
    ax1.text(
        0.98,
        -0.75,
        f"{sc['x_a']}/{n} vs {sc['x_b']}/{n}: {lo:+.1f} to {hi:+.1f}; "
        f"width {hi - lo:.1f} points, {'excludes' if excludes else 'includes'} 0",
        transform=ax1.get_yaxis_transform(),
        ha="right",
        va="bottom",
        fontsize=NOTE_SIZE,
        color=colour,
        bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "0.75"},
    )
    ax1.set_xlim(*_RD_AXIS)
    ax1.set_ylim(-0.8, 1.0)  # the interval sits at 0.15, its numbers below it
    ax1.set_yticks([])
    ax1.set_xticks([-10, 0, 10, 20])
    ax1.set_xlabel("Risk difference (percentage points)")
    ax1.set_title(f"{level} CI at the expected counts", color=colour, loc="left")

    # right: power against arm size
    grid = np.geomspace(_N_AXIS[0], _N_AXIS[1], 120)
    ax2.plot(grid, 100 * safety.power_two_proportions(sc["p_a"], sc["p_b"], grid, rd.alpha), color="#1f5fa8", lw=2)
    ax2.axhline(80, color="0.45", ls=":", lw=1.2)
    ax2.axvline(n80, color="#2a7d3b", ls="--", lw=1.2)
    ax2.text(n80 / 1.08, 4, f"{n80:,} per arm\nfor 80 %", ha="right", fontsize=NOTE_SIZE, color="#2a7d3b")
    ax2.plot([n], [100 * power], "o", color=colour, ms=9, mec="white")
    ax2.set_xscale("log")
    ax2.set_xlim(*_N_AXIS)
    ax2.set_ylim(0, 100)
    ax2.set_xticks([10, 100, 1000], ["10", "100", "1000"])
    ax2.set_yticks([0, 20, 40, 60, 80, 100])
    ax2.minorticks_off()
    ax2.set_xlabel("Patients per arm (log scale)")
    ax2.set_ylabel("Power (%)")
    ax2.set_title(f"Power ≈ {100 * power:.0f} % (two-sided α = {rd.alpha:g})", color=colour, loc="left")

    fig.suptitle(
        f"Illustrative: {100 * sc['p_a']:g} % vs {100 * sc['p_b']:g} %, {n:,} patients per arm", x=0.02, ha="left"
    )
    fig.text(0.01, 0.01, _SEED_NOTE, ha="left", fontsize=NOTE_SIZE, color="0.35")
    return fig


def describe_sample_size(n_per_arm: float, p_active: float = 0.08, p_placebo: float = 0.04, alpha: float = 0.05) -> str:
    """Alt text for :func:`plot_sample_size` (what a sighted reader sees)."""
    n = check_number("n_per_arm", n_per_arm, "patients per arm", 1, 100_000)
    sc = _scenario(int(n), p_active, p_placebo, alpha)
    rd = sc["rd"]
    verdict = "excludes zero" if rd.ci_low > 0 or rd.ci_high < 0 else "includes zero"
    return (
        f"Illustrative scenario {100 * sc['p_a']:g} % vs {100 * sc['p_b']:g} %: at the expected counts "
        f"{sc['x_a']} of {sc['n']} vs {sc['x_b']} of {sc['n']}, the {100 * (1 - rd.alpha):g} % interval of the "
        f"risk difference runs from {100 * rd.ci_low:+.1f} to {100 * rd.ci_high:+.1f} percentage points "
        f"(width {100 * (rd.ci_high - rd.ci_low):.1f}) and {verdict}; the power curve marks about "
        f"{100 * sc['power']:.0f} % power at this arm size, and {sc['n80']:,} per arm for 80 % power."
    )
