"""Figures for the trials chapter. Every function returns a :class:`matplotlib.figure.Figure`; none calls
``plt.show()``.

- :func:`plot_trial_workflow` — the generalised workflow (screening → randomisation → infusions →
  assessments → endpoint), after the application note.
- :func:`plot_study31_consort` — CONSORT-style participant flow of Study 31.
- :func:`plot_simulated_trajectories` — simulated mean MADRS per arm and week.
- :func:`plot_study31_week` — Study 31 up to the end of a chosen week: the calendar filled so far and the
  model-predicted plasma concentration (log axis) with its troughs, from
  :func:`lanicemine_lib.trials.study31_week_summary`; the frames of the trial-protocols chapter's main demo
  (alt text :func:`describe_study31_week`), which the chapter builds with ``widgets.Explorer``.

The "design your own trial" demo is in :mod:`lanicemine_lib.figures.lessons` (:func:`~.lessons.plot_design`).

Simulated panels are labelled "simulated, illustrative assumptions". Figures are 6.4 in wide (640 px at
100 dpi).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

# No ``matplotlib.use(...)`` here: calling it after pyplot is imported *switches* the backend, which in Jupyter
# replaces the inline backend with Agg so that ``plt.show()`` shows nothing. Without a display matplotlib
# falls back to Agg by itself.
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle
from matplotlib.ticker import FixedFormatter, FixedLocator, NullLocator

from .. import trials
from .._validation import check_int
from ._style import NOTE_SIZE, WIDTH_IN, styled

__all__ = [
    "WORKFLOW_STEPS",
    "describe_study31_week",
    "plot_simulated_trajectories",
    "plot_study31_consort",
    "plot_study31_week",
    "plot_trial_workflow",
]

_SIM_LABEL = "simulated, illustrative assumptions (not trial results)"
_ARM_COLOURS = ("#6b6b6b", "#1f6fb4", "#c0522b", "#2a7d3b", "#7b3fa0", "#a07b00")


# -----------------------------------------------------------------------------------------------------
# Generalised workflow
# -----------------------------------------------------------------------------------------------------
#: (stage, details) of the generalised workflow drawn by :func:`plot_trial_workflow` (application note, SEED
#: generalisation; endpoints and schedules from the VERIFIED designs).
WORKFLOW_STEPS: tuple[tuple[str, str], ...] = (
    (
        "Screening",
        "adults 18-70 with MDD, inadequate response to\n"
        "antidepressant(s), on an allowed antidepressant;\n"
        "exclusions (psychosis, bipolar, ...)",
    ),
    ("Randomisation", "double-blind: lanicemine or saline placebo,\nadded to the ongoing antidepressant"),
    (
        "Infusions",
        "60-min IV infusions; Study 9: 3 a week for 3 weeks;\nStudy 31: 15 over 12 weeks, decreasing frequency",
    ),
    ("Assessments", "MADRS (primary); CGI, QIDS-SR, SDS;\nsafety: adverse events, vital signs, CADSS"),
    ("Endpoint", "MADRS change from baseline:\nweek 3 (Study 9), week 6 (Study 31)"),
)


@styled
def plot_trial_workflow() -> Figure:
    """The generalised trial workflow, drawn from :data:`WORKFLOW_STEPS` (top to bottom)."""
    n = len(WORKFLOW_STEPS)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 6.0), layout="constrained")
    ax.set_xlim(0, 10)
    ax.set_ylim(n, 0)
    ax.axis("off")
    for i, (stage, detail) in enumerate(WORKFLOW_STEPS):
        yc = i + 0.5
        ax.add_patch(
            FancyBboxPatch(
                (0.05, yc - 0.3),
                2.3,
                0.6,
                boxstyle="round,pad=0.02,rounding_size=0.12",
                facecolor="#dbe8f5",
                edgecolor="#1f6fb4",
                lw=1.2,
            )
        )
        ax.text(1.2, yc, stage, ha="center", va="center", fontweight="bold", fontsize=NOTE_SIZE + 1)
        ax.text(2.55, yc, detail, ha="left", va="center", fontsize=NOTE_SIZE)
        if i < n - 1:
            ax.add_patch(
                FancyArrowPatch(
                    (1.2, yc + 0.31), (1.2, yc + 0.69), arrowstyle="-|>", mutation_scale=12, color="#1f6fb4", lw=1.2
                )
            )
    ax.set_title("Generalised workflow of the lanicemine trials", loc="left")
    fig.supxlabel(
        "Generalised from the application note and the published designs;\nnot a full protocol.",
        fontsize=NOTE_SIZE,
        color="0.3",
    )
    return fig


# -----------------------------------------------------------------------------------------------------
# CONSORT flow of Study 31
# -----------------------------------------------------------------------------------------------------
def _box(
    ax: Any,
    x: float,
    y: float,
    w: float,
    h: float,
    text: str,
    face: str = "#f2f2f2",
    edge: str = "0.35",
    fontsize: float = NOTE_SIZE,
) -> None:
    ax.add_patch(
        FancyBboxPatch(
            (x - w / 2, y - h / 2),
            w,
            h,
            boxstyle="round,pad=0.02,rounding_size=0.08",
            facecolor=face,
            edgecolor=edge,
            lw=1.0,
        )
    )
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize)


def _arrow(ax: Any, xy0: tuple[float, float], xy1: tuple[float, float]) -> None:
    ax.add_patch(FancyArrowPatch(xy0, xy1, arrowstyle="-|>", mutation_scale=11, color="0.3", lw=1.0))


@styled
def plot_study31_consort() -> Figure:
    """CONSORT-style flow of Study 31 from :func:`lanicemine_lib.trials.study31_flow` (CTgov31, Sanacora2017)."""
    flow = trials.study31_flow()
    arms = list(flow.randomised)
    disc = flow.discontinued()
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 6.0), layout="constrained")
    ax.set_xlim(0, 12)
    ax.set_ylim(0, 10)
    ax.axis("off")
    _box(ax, 3.6, 9.3, 4.0, 0.9, f"Enrolled\nn = {flow.enrolled}")
    _box(
        ax,
        9.0,
        8.05,
        5.4,
        1.1,
        f"Not randomised: n = {flow.not_randomised}\n(542 − 302; did not meet the\neligibility criteria; registry)",
        face="white",
        fontsize=NOTE_SIZE,
    )
    _box(ax, 3.6, 6.8, 4.0, 0.9, f"Randomised\nn = {flow.randomised_total}", face="#dbe8f5", edge="#1f6fb4")
    _arrow(ax, (3.6, 8.84), (3.6, 7.26))
    _arrow(ax, (3.6, 8.05), (6.28, 8.05))
    xs = (2.0, 6.0, 10.0)
    for x, arm in zip(xs, arms):
        _arrow(ax, (3.6, 6.34), (x, 5.27))
        _box(
            ax,
            x,
            4.7,
            3.7,
            1.1,
            f"{arm}\nrandomised n = {flow.randomised[arm]}",
            face="#dbe8f5",
            edge="#1f6fb4",
            fontsize=NOTE_SIZE,
        )
        _arrow(ax, (x, 4.13), (x, 3.42))
        _box(
            ax,
            x,
            2.8,
            3.7,
            1.2,
            f"completed n = {flow.completed[arm]}\nnot completed: {disc[arm]}\n(derived)",
            fontsize=NOTE_SIZE,
        )
    total = (
        f"Completed (reported total): {flow.completed_total} of {flow.randomised_total} ({flow.completion_pct:.1f} %)"
    )
    if flow.discrepancy:
        total += f"\nNote: per-arm counts add up to {flow.completed_arm_sum}; the sources do not\nresolve the gap"
    _box(ax, 6.0, 0.8, 11.4, 1.3, total, face="#e3f4e6", edge="#1e7b34", fontsize=NOTE_SIZE)
    ax.set_title("Study 31: participant flow", loc="left")
    fig.supxlabel(
        "Counts from ClinicalTrials.gov NCT01482221 and Sanacora et al. 2017;\n'derived' = subtraction here.",
        fontsize=NOTE_SIZE,
        color="0.3",
    )
    return fig


# -----------------------------------------------------------------------------------------------------
# Study 31 week by week (the trial-protocols chapter's main demo)
# -----------------------------------------------------------------------------------------------------
_S31_WEEKS_TOTAL = trials.STUDY31_WEEKS_TOTAL
_S31_YLIM_MG_L = (1e-5, 30.0)  # fixed log axis (mg/L) so that frames compare
_S31_YTICKS = (1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1.0, 10.0)
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
_S31_FIG_NOTE = "model-predicted (PopPK typical values); infusions per week as published, weekdays illustrative"
_PHASES = ((0.0, 3.0, "3 a week"), (3.0, 6.0, "weekly"), (6.0, 12.0, "every other week"))


def _course_grid(regimen: Any, t_end_h: float) -> np.ndarray:
    """Time grid (h) for a course plot: 0.05 h steps for 4 h from each infusion start (infusion and alpha
    phase, with each infusion's end exactly on the grid), 1 h steps elsewhere, up to ``t_end_h``.

    About 2,000 points for the whole of Study 31 instead of 20,000 on a uniform 0.1 h grid: the line then
    draws fast, and on the log axis the slow beta phase is a straight line that 1 h steps render exactly.
    """
    parts = [np.arange(0.0, t_end_h, 1.0), [t_end_h]]
    for inf in regimen.infusions:
        if inf.start_h < t_end_h:
            parts.append(inf.start_h + np.arange(0.0, 4.0, 0.05))
            parts.append([inf.end_h])
    grid = np.unique(np.concatenate(parts))
    return grid[grid <= t_end_h]


def _fmt_conc(c: float) -> str:
    """A concentration in mg/L for labels: plain decimals down to 0.001, then "m × 10⁻ⁿ"."""
    if c == 0.0:
        return "0"
    if c >= 1e-3:
        return f"{c:.3g}"
    exponent = int(np.floor(np.log10(c)))
    mantissa = c / 10.0**exponent
    power = "10" + str(exponent).translate(_SUPERSCRIPT)
    return power if abs(mantissa - 1.0) < 1e-9 else f"{mantissa:.1f} × {power}"


@styled
def plot_study31_week(week: float, dose_mg: float = 100.0) -> Figure:
    """Study 31 up to the end of one week: the calendar filled so far and the model-predicted concentration.

    Parameters
    ----------
    week : float
        Study week, a whole number in [1, 12]. Infusions and concentrations are shown up to the end of that
        week; later weeks are greyed out.
    dose_mg : float
        Dose per 60-min infusion, mg, in (0, 1000] (default 100 mg, a Study 31 arm).

    Notes
    -----
    Top: plasma concentration (mg/L, **log scale**, fixed 1e-5 to 30 mg/L; a dotted line marks 1 µM of free
    base) of a typical patient from :func:`lanicemine_lib.pk.concentration` (PopPK typical values), with the
    concentration just before each infusion (the *trough*) marked. Troughs below the axis are drawn at its
    floor as downward triangles. Bottom: the calendar, one column per week and one row per weekday, built
    from :func:`lanicemine_lib.trials.dosing_calendar`; infusions given so far are filled and numbered,
    later ones are outlined. The two panels share the time axis (weeks). Fixed axes (no layout engine) keep
    frames comparable and fast.
    """
    from .. import pk

    week = check_int("week", week, "weeks", 1, _S31_WEEKS_TOTAL)
    cal = trials.dosing_calendar("Study 31", dose_mg)
    regimen = pk.Regimen.study31(dose_mg)
    t_end = 168.0 * week
    t = _course_grid(regimen, t_end)
    conc = np.asarray(pk.concentration(t, regimen))
    given = cal[cal["week"] <= week]
    troughs = np.asarray(pk.concentration(given["start_h"].to_numpy(), regimen), dtype=float).ravel()
    summary = trials.study31_week_summary(week, dose_mg)
    lo, hi = _S31_YLIM_MG_L

    fig = plt.figure(figsize=(WIDTH_IN, 5.8))
    ax = fig.add_axes((0.15, 0.47, 0.82, 0.38))
    cax = fig.add_axes((0.15, 0.16, 0.82, 0.21))

    # -- concentration -------------------------------------------------------------------------------
    x = t / 168.0
    ax.plot(x, np.clip(conc, lo * 0.5, None), color="#1f6fb4", lw=1.1)
    one_um = pk.um_to_mg_per_l(1.0)  # 0.198 mg/L (free base)
    ax.axhline(one_um, color="0.45", lw=0.8, ls=":")
    ax.text(7.0, one_um * 1.15, "1 µM", ha="center", va="bottom", fontsize=NOTE_SIZE, color="0.35")
    xs = given["start_h"].to_numpy() / 168.0
    shown = troughs >= lo
    first = given["infusion"].to_numpy() == 1  # before the first infusion there is no drug at all
    ax.plot(xs[shown & ~first], troughs[shown & ~first], "o", ms=4.5, color="#c0522b")
    key = "●  trough (just before an infusion)"
    if np.any(~shown & ~first):
        ax.plot(xs[~shown & ~first], np.full((~shown & ~first).sum(), lo * 1.25), "v", ms=5, color="#c0522b")
        key += f"      ▼  trough below {_fmt_conc(lo)} mg/L"
    # a text key instead of a legend (one text artist: cheaper to draw)
    ax.text(0.015, 0.97, key, transform=ax.transAxes, ha="left", va="top", fontsize=NOTE_SIZE, color="#8a3a1c")
    if week < _S31_WEEKS_TOTAL:
        ax.axvspan(week, _S31_WEEKS_TOTAL, color="0.93", lw=0)
        ax.text(
            (week + _S31_WEEKS_TOTAL) / 2,
            np.sqrt(lo * hi),
            "not yet",
            ha="center",
            va="center",
            fontsize=NOTE_SIZE,
            color="0.5",
        )
    ax.set_yscale("log")
    ax.set_ylim(lo, hi)
    ax.set_xlim(0, _S31_WEEKS_TOTAL)
    # fixed tick positions and no minor ticks: the log axis then draws quickly (frames < 0.15 s)
    ax.yaxis.set_major_locator(FixedLocator(_S31_YTICKS))
    ax.yaxis.set_major_formatter(FixedFormatter([_fmt_conc(v) for v in _S31_YTICKS]))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_locator(FixedLocator(np.arange(_S31_WEEKS_TOTAL + 1)))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_ylabel("plasma (mg/L,\nlog scale)")
    ax.tick_params(labelbottom=False)
    ax.grid(axis="x", color="0.9", lw=0.6)
    ax.spines[["top", "right"]].set_visible(False)
    n = int(summary["n_infusions"])
    fig.text(
        0.12,
        0.975,
        f"Study 31, {dose_mg:g} mg per infusion: the course to the end of week {week}",
        ha="left",
        va="top",
        fontsize=NOTE_SIZE,
    )
    fig.text(
        0.12,
        0.925,
        f"{n} of {len(cal)} infusions ({summary['total_mg']:g} mg in all); trough before "
        f"infusion {n}: {_fmt_conc(summary['last_trough_mg_l'])} mg/L",
        ha="left",
        va="top",
        fontsize=NOTE_SIZE,
        color="#8a3a1c",
    )

    # -- calendar: columns = weeks, rows = weekdays -----------------------------------------------------
    cax.set_xlim(0, _S31_WEEKS_TOTAL)
    cax.set_ylim(7, 0)
    # week columns (white = reached, grey = not yet) and infusion squares (filled = given, outlined = later),
    # each group drawn as one collection: one artist instead of dozens keeps the frame fast
    cols = [Rectangle((w, 0), 1, 7) for w in range(_S31_WEEKS_TOTAL)]
    cax.add_collection(
        PatchCollection(
            cols,
            facecolors=["white" if w < week else "0.93" for w in range(_S31_WEEKS_TOTAL)],
            edgecolors="0.75",
            linewidths=0.6,
        )
    )
    squares = [Rectangle((row.week - 1 + 0.1, row.weekday_index + 0.06), 0.8, 0.88) for row in cal.itertuples()]
    done = (cal["week"] <= week).to_numpy()
    cax.add_collection(
        PatchCollection(squares, facecolors=np.where(done, "#1f6fb4", "none"), edgecolors="#1f6fb4", linewidths=0.8)
    )
    for row, given_yet in zip(cal.itertuples(), done):
        cax.text(
            row.week - 0.5,
            row.weekday_index + 0.52,
            str(row.infusion),
            ha="center",
            va="center",
            fontsize=NOTE_SIZE,
            color="white" if given_yet else "#1f6fb4",
            fontweight="bold",
        )
    cax.set_yticks([0.5, 2.5, 4.5, 6.5], ["Mon", "Wed", "Fri", "Sun"])
    cax.set_xticks(np.arange(_S31_WEEKS_TOTAL) + 0.5, [str(w + 1) for w in range(_S31_WEEKS_TOTAL)])
    cax.tick_params(length=0)
    for spine in cax.spines.values():
        spine.set_visible(False)
    cax.set_xlabel("study week (squares = infusions, numbered)")
    for a, b, label in _PHASES:  # brackets over the three phases of the schedule (one line each: fast)
        cax.plot(
            [a + 0.08, a + 0.08, b - 0.08, b - 0.08], [-0.15, -0.4, -0.4, -0.15], color="0.45", lw=0.8, clip_on=False
        )
        cax.text((a + b) / 2, -0.55, label, ha="center", va="bottom", fontsize=NOTE_SIZE, color="0.3")
    fig.text(
        0.01, 0.01, _S31_FIG_NOTE, ha="left", va="bottom", fontsize=NOTE_SIZE, color="0.3", style="italic", wrap=True
    )
    return fig


def describe_study31_week(week: float, dose_mg: float = 100.0) -> str:
    """Alt text for :func:`plot_study31_week` (the same numbers as the figure)."""
    s = trials.study31_week_summary(week, dose_mg)
    w = int(s["week"])
    phase = "three infusions a week" if w <= 3 else ("one a week" if w <= 6 else "one every other week")
    return (
        f"Study 31 calendar filled up to week {w} ({phase} at this stage): {int(s['n_infusions'])} of 15 "
        f"infusions of {dose_mg:g} mg given. Above it, the model-predicted plasma concentration on a log axis "
        f"peaks near {s['peak_mg_l']:.2f} mg/L at each infusion; the trough just before the latest infusion is "
        f"{_fmt_conc(s['last_trough_mg_l'])} mg/L, and troughs fall as the infusions spread out."
    )


# -----------------------------------------------------------------------------------------------------
# Simulated trajectories
# -----------------------------------------------------------------------------------------------------
@styled
def plot_simulated_trajectories(
    result: trials.SimulationResult | None = None,
    *,
    n_per_arm: int = 100,
    effect: float | Sequence[float] = (-2.0, -4.0),
    n_trials: int = 200,
    seed: int = 0,
    endpoint_week: int = 6,
) -> Figure:
    """Simulated mean MADRS per arm and week (patients still in the trial), labelled illustrative.

    Parameters
    ----------
    result : SimulationResult, optional
        A result of :func:`lanicemine_lib.trials.simulate_trials`; if omitted one is simulated from the other
        arguments (same meaning as there).
    """
    if result is None:
        result = trials.simulate_trials(n_per_arm, effect, n_trials, seed, endpoint_week=endpoint_week)
    elif not isinstance(result, trials.SimulationResult):
        raise ValueError(f"result must be a SimulationResult; got {type(result).__name__}")
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 3.8), layout="constrained")
    weeks = result.visit_weeks
    for k, label in enumerate(result.arm_labels):
        eff = "" if k == 0 else f" (true effect {result.effects[k - 1]:g})"
        ax.plot(
            weeks,
            result.mean_trajectory[k],
            marker="o",
            ms=4,
            lw=1.6,
            color=_ARM_COLOURS[k % len(_ARM_COLOURS)],
            label=label + eff,
            ls="-" if k < 2 else (0, (4, 1.5 * k)),
        )
    ax.set_xlabel("week after first infusion (weeks)")
    ax.set_ylabel("mean MADRS (points, 0-60)")
    ax.set_xticks(weeks)
    lo, hi = np.nanmin(result.mean_trajectory), np.nanmax(result.mean_trajectory)
    ax.set_ylim(max(0.0, min(15.0, lo - 2.0)), min(60.0, max(40.0, hi + 2.0)))
    ax.legend(loc="upper right")
    ax.set_title(
        f"Mean MADRS by arm: {result.n_trials} simulated trials, {result.n_per_arm[0]} per arm",
        loc="left",
    )
    fig.supxlabel(_SIM_LABEL, fontsize=NOTE_SIZE, color="0.3")
    return fig
