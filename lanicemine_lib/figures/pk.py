"""Figures for the pharmacokinetics chapter: model diagram, potency bands, trial courses, population bands, the
closed form against the ODE, and the frames of the demos (dose, infusion length, between-subject variability).

The chapters build their demos themselves (``widgets.Explorer`` with one of these functions as ``plot``), and the
chapter draws its single-dose figure (the alpha and beta phases, from :func:`lanicemine_lib.pk.mode_components`)
in a folded cell of its own. Every number drawn here comes from a public function of :mod:`lanicemine_lib.pk`.

Every function returns a :class:`matplotlib.figure.Figure` sized for a 640-pixel-wide page and never calls
``plt.show()``. Curves from :mod:`lanicemine_lib.pk` are labelled *model-predicted (PopPK typical values)*;
in-vitro potencies are labelled as in-vitro references, not as effective plasma levels.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from .. import evidence, pk
from .._validation import check_array, check_flag, check_int, check_number
from ._style import NOTE_SIZE, WIDTH_IN, styled

__all__ = [
    "plot_closed_form_vs_ode",
    "plot_course",
    "plot_infusion_length",
    "plot_model_diagram",
    "plot_population_band",
    "plot_population_omega",
    "plot_potency_bands",
    "plot_single_infusion",
    "plot_study9_course",
    "plot_study31_course",
]

TYPICAL_NOTE = "model-predicted (PopPK typical values)"
DOSE_COLOURS = {50: "#7fb3d5", 100: "#1b6ca8", 150: "#0b3a5e"}
_FALLBACK = ("#1b6ca8", "#c0392b", "#7d6608", "#2e7d32", "#6a1b9a")

# In-vitro / plasma references of the evidence registry (all VERIFIED; µM).
IC50_UM = float(evidence.value("mealing1997.ic50_m60mv_um"))  # at -60 mV, rat cortical neurons (Mealing1997)
KI_RANGE_UM = evidence.bounds("azoi.ki_um")  # binding Ki (AZOI)
# plasma concentrations giving gamma-EEG increases in mouse, rat and non-human primates (AZOI; preclinical)
GAMMA_EEG_RANGE_UM = evidence.bounds("azoi.gamma_eeg_plasma_um")


def _style(ax) -> None:
    ax.spines[["top"]].set_visible(False)


def _note(fig: Figure, text: str = TYPICAL_NOTE) -> None:
    """A footnote at the bottom left, wrapped to the figure's width."""
    fig.text(0.01, 0.005, text, ha="left", va="bottom", fontsize=NOTE_SIZE, style="italic", color="#555555", wrap=True)


def _colour(dose: float, i: int) -> str:
    return DOSE_COLOURS.get(int(dose)) if float(dose).is_integer() and int(dose) in DOSE_COLOURS else _FALLBACK[i % 5]


def _um_axis(ax) -> None:
    """A secondary y axis in µM (free base) on the right of a mg/L axis."""
    um_per_mg_l = float(pk.mg_per_l_to_um(1.0))  # the conversion factor (the axis also maps negative values)
    sec = ax.secondary_yaxis("right", functions=(lambda c: c * um_per_mg_l, lambda u: u / um_per_mg_l))
    sec.set_ylabel("µM (free base)")


def _doses(doses: Sequence[float], name: str = "doses_mg") -> list[float]:
    arr = check_array(name, doses, "mg", 0.0, 2000.0)
    if arr.ndim != 1 or not 1 <= arr.size <= 5:
        raise ValueError(f"{name} must hold 1 to 5 doses in [0, 2000] mg; got {doses!r}")
    return [float(d) for d in arr]


# --- model diagram -----------------------------------------------------------------------------------
@styled
def plot_model_diagram(params: pk.PKParameters = pk.PKParameters()) -> Figure:
    """The two-compartment model: central (V1) and peripheral (V2) boxes, infusion, Q and CL arrows.

    Parameters
    ----------
    params : PKParameters
        Scalar parameters whose values label the diagram (default: the PopPK typical values, abstract).
    """
    if not isinstance(params, pk.PKParameters) or params.is_population:
        raise ValueError(f"params must be a single-patient PKParameters (L/h, L); got {params!r}")
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 3.3))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 5)
    ax.set_axis_off()
    boxes = {"central": (3.1, 1.5), "peripheral": (8.0, 1.5)}
    w, h = 2.2, 1.8
    labels = {
        "central": f"Central\n(plasma)\nV1 = {params.v1:g} L",
        "peripheral": f"Peripheral\n(tissues)\nV2 = {params.v2:g} L",
    }
    colours = {"central": "#d6e9f8", "peripheral": "#fdebd0"}
    for key, (x, y) in boxes.items():
        ax.add_patch(
            FancyBboxPatch((x - w / 2, y), w, h, boxstyle="round,pad=0.05", fc=colours[key], ec="#333333", lw=1.5)
        )
        ax.text(x, y + h / 2, labels[key], ha="center", va="center")

    def arrow(p0, p1, text, tx, ty, **kw):
        ax.add_patch(FancyArrowPatch(p0, p1, arrowstyle="-|>", mutation_scale=16, lw=1.8, color="#333333", **kw))
        if text:
            ax.text(tx, ty, text, ha="center", va="center")

    cx, cy = boxes["central"]
    px, _ = boxes["peripheral"]
    arrow(
        (cx - 2.7, cy + h / 2),
        (cx - w / 2 - 0.08, cy + h / 2),
        "IV infusion\n(zero order,\n60 min)",
        cx - 2.3,
        cy + h / 2 + 0.85,
    )
    arrow((cx + w / 2 + 0.08, cy + h * 0.68), (px - w / 2 - 0.08, cy + h * 0.68), "", 0, 0)
    arrow((px - w / 2 - 0.08, cy + h * 0.32), (cx + w / 2 + 0.08, cy + h * 0.32), "", 0, 0)
    ax.text((cx + px) / 2, cy + h * 0.68 + 0.2, f"Q = {params.q:g} L/h", ha="center", va="bottom")
    arrow((cx, cy - 0.08), (cx, cy - 1.1), "", 0, 0)
    ax.text(cx + 0.2, cy - 0.75, f"elimination CL = {params.cl:g} L/h", ha="left", va="center")
    ax.set_title("Two-compartment model of lanicemine (PopPK)", loc="left")
    _note(fig, "structure and typical values: PopPK analysis")
    return fig


# --- potency bands -----------------------------------------------------------------------------------
@styled
def plot_potency_bands(doses_mg: Sequence[float] = (50.0, 100.0, 150.0), t_end_h: float = 24.0) -> Figure:
    """Single-infusion profiles in mg/L (left axis) and µM (right axis) against in-vitro potency bands.

    Bands: binding Ki 0.5–3 µM (in vitro, AZOI); plasma concentrations with gamma-EEG increases 1–5 µM
    in mouse, rat and non-human primates (preclinical, AZOI); IC50 9.8 µM at −60 mV in rat cortical neurons
    (in vitro, Mealing1997). The µM axis assumes free base (the salt form used in the trials is not available).
    """
    doses = _doses(doses_mg)
    t_end_h = check_number("t_end_h", t_end_h, "h", 2.0, 500.0)
    t = np.linspace(0.0, t_end_h, 961)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 4.6))
    to_mg = pk.um_to_mg_per_l
    ax.axhspan(
        to_mg(KI_RANGE_UM[0]),
        to_mg(KI_RANGE_UM[1]),
        color="#d5f5e3",
        alpha=0.8,
        lw=0,
        label="Ki 0.5–3 µM (in vitro binding)",
    )
    ax.axhspan(
        to_mg(GAMMA_EEG_RANGE_UM[0]),
        to_mg(GAMMA_EEG_RANGE_UM[1]),
        fill=False,
        hatch="//",
        ec="#a569bd",
        lw=0,
        label="gamma-EEG 1–5 µM (mouse, rat, monkey)",
    )
    ax.axhline(to_mg(IC50_UM), color="#c0392b", ls="--", lw=1.4, label="IC50 9.8 µM at −60 mV (in vitro)")
    top = to_mg(IC50_UM)
    for i, d in enumerate(doses):
        c = np.asarray(pk.concentration(t, pk.Regimen.single(d, 1.0)))
        top = max(top, float(c.max()))
        ax.plot(t, c, color=_colour(d, i), lw=2, label=f"{d:g} mg / 60 min")
    ax.set_ylim(0, top * 1.12)
    ax.set_xlim(0, t_end_h)
    ax.set_xlabel("time since start of infusion (h)")
    ax.set_ylabel("plasma (mg/L)")
    _um_axis(ax)
    _style(ax)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)
    ax.set_title("Plasma levels vs in-vitro potency (references, not targets)", loc="left")
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    _note(fig, TYPICAL_NOTE + "; µM assumes free base; bands: AstraZeneca compound page, Mealing et al. 1997")
    return fig


# --- whole courses -----------------------------------------------------------------------------------
@styled
def plot_course(
    regimens: dict[str, pk.Regimen],
    params: pk.PKParameters = pk.PKParameters(),
    tail_h: float = 72.0,
    step_h: float = 0.1,
    title: str = "Whole-course concentration",
) -> Figure:
    """Concentration over whole courses (one line per labelled regimen), x axis in days, infusions marked.

    Parameters
    ----------
    regimens : dict of str to Regimen
        1 to 5 labelled regimens (e.g. ``{"100 mg": Regimen.study9(100)}``).
    params : PKParameters
        Scalar parameters.
    tail_h : float
        Hours shown after the last infusion ends, in [0, 1000].
    step_h : float
        Time step (h), in [0.01, 1].
    title : str
        Figure title.
    """
    if not isinstance(regimens, dict) or not 1 <= len(regimens) <= 5:
        raise ValueError(f"regimens must be a dict of 1 to 5 labelled Regimen objects (mg, h); got {regimens!r}")
    for reg in regimens.values():
        if not isinstance(reg, pk.Regimen):
            raise ValueError(f"regimens must map labels to Regimen objects (mg, h); got {reg!r}")
    if not isinstance(params, pk.PKParameters) or params.is_population:
        raise ValueError(f"params must be a single-patient PKParameters (L/h, L); got {params!r}")
    if title is not None and not isinstance(title, str):
        raise ValueError(f"title must be text (str) or None; got {title!r}")
    tail_h = check_number("tail_h", tail_h, "h", 0.0, 1000.0)
    step_h = check_number("step_h", step_h, "h", 0.01, 1.0)
    end = max(r.end_h for r in regimens.values()) + tail_h
    t = np.arange(0.0, end + step_h / 2, step_h)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 3.9))
    top = 0.0
    for i, (label, reg) in enumerate(regimens.items()):
        c = np.asarray(pk.concentration(t, reg, params))
        top = max(top, float(c.max()))
        dose = reg.infusions[0].dose_mg if reg.n_infusions else 0.0
        ax.plot(t / 24.0, c, lw=1.3, color=_colour(dose, i), label=label)
    first = next(iter(regimens.values()))
    for inf in first.infusions:
        ax.plot(inf.start_h / 24.0, 0, marker="^", color="#555555", ms=5, clip_on=False)
    ax.set_xlabel("day of course (▲ = infusion start)")
    ax.set_ylabel("plasma (mg/L)")
    ax.set_xlim(0, end / 24.0)
    ax.set_ylim(0, top * 1.4)  # head room: the legend sits above the peaks
    _um_axis(ax)
    _style(ax)
    ax.legend(loc="upper right", ncol=len(regimens))
    ax.set_title(title, loc="left")
    fig.tight_layout(rect=(0, 0.09, 1, 1))
    _note(fig, TYPICAL_NOTE + "; weekdays of the schedule assumed (Mon/Wed/Fri)")
    return fig


def plot_study9_course(doses_mg: Sequence[float] = (100.0, 150.0)) -> Figure:
    """Study 9: 3 × 60-min infusions a week for 3 weeks (arms 100 and 150 mg), typical patient."""
    doses = _doses(doses_mg)
    return plot_course({f"{d:g} mg": pk.Regimen.study9(d) for d in doses}, title="Study 9: 9 infusions over 3 weeks")


def plot_study31_course(doses_mg: Sequence[float] = (50.0, 100.0)) -> Figure:
    """Study 31: 15 × 60-min infusions over 12 weeks (arms 50 and 100 mg), typical patient."""
    doses = _doses(doses_mg)
    return plot_course(
        {f"{d:g} mg": pk.Regimen.study31(d) for d in doses}, title="Study 31: 15 infusions over 12 weeks"
    )


# --- population --------------------------------------------------------------------------------------
@styled
def plot_population_band(
    result: pk.PopulationResult, q: Sequence[float] = (5, 50, 95), days: bool | None = None
) -> Figure:
    """Percentile band of a simulated population (illustrative) with the median line.

    Parameters
    ----------
    result : PopulationResult
        From :func:`lanicemine_lib.pk.simulate_population`.
    q : sequence of 3 floats
        Lower, middle and upper percentiles (%), strictly increasing.
    days : bool, optional
        Time axis in days; default: days when the profile spans more than 4 days.
    """
    if not isinstance(result, pk.PopulationResult):
        raise ValueError(f"result must be a PopulationResult from simulate_population; got {result!r}")
    if days is not None and not isinstance(days, (bool, np.bool_)):
        raise ValueError(f"days must be one of True, False or None (time axis in days, -); got {days!r}")
    qs = check_array("q", q, "%", 0.0, 100.0)
    if qs.shape != (3,):
        raise ValueError(f"q must hold exactly 3 increasing percentiles in [0, 100] %; got {q!r}")
    lo, mid, hi = result.percentiles(qs)
    t = result.t_h
    if days is None:
        days = bool(t.size and t[-1] - t[0] > 96.0)
    x = t / 24.0 if days else t
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 3.4))
    ax.fill_between(x, lo, hi, color="#aed6f1", alpha=0.8, lw=0, label=f"{qs[0]:g}th–{qs[2]:g}th percentile")
    ax.plot(x, mid, color="#1b6ca8", lw=1.8, label=f"{qs[1]:g}th percentile")
    ax.set_xlabel("day of course" if days else "time (h)")
    ax.set_ylabel("plasma concentration (mg/L)")
    ax.set_xlim(x[0], x[-1])
    ax.set_ylim(0, None)
    _um_axis(ax)
    _style(ax)
    ax.legend(loc="upper right")
    ax.set_title(f"{result.n:,} virtual patients (seed {result.seed})")
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    _note(fig, "illustrative: assumed variability and covariates around PopPK typical values")
    return fig


# --- explorer ----------------------------------------------------------------------------------------
@styled
def plot_single_infusion(
    dose_mg: float,
    duration_h: float = 1.0,
    params: pk.PKParameters = pk.PKParameters(),
    t_max_h: float = 24.0,
    y_max_mg_per_l: float = 3.0,
    show_bands: bool = True,
) -> Figure:
    """One infusion on fixed axes, for :class:`lanicemine_lib.widgets.Explorer` frames.

    The axis limits do not depend on the dose or the infusion length, so frames are comparable; the peak
    (Cmax, end of infusion) is marked and written in the corner in mg/L and µM (free base). If the peak is
    above ``y_max_mg_per_l`` it is clipped and the text says so.

    Parameters
    ----------
    dose_mg : float
        Dose (mg), in [0, 2000].
    duration_h : float
        Infusion length (h), in (0, 48].
    params : PKParameters
        Scalar parameters (default: PopPK typical values).
    t_max_h : float
        Fixed x limit (h), in [1, 500].
    y_max_mg_per_l : float
        Fixed y limit (mg/L), in (0, 100].
    show_bands : bool
        Draw the preclinical gamma-EEG 1–5 µM plasma band (mouse, rat, monkey) and the in-vitro IC50 (9.8 µM)
        line.
    """
    dose_mg = check_number("dose_mg", dose_mg, "mg", 0.0, 2000.0)
    duration_h = check_number("duration_h", duration_h, "h", 0.0, 48.0, low_open=True)
    t_max_h = check_number("t_max_h", t_max_h, "h", 1.0, 500.0)
    y_max = check_number("y_max_mg_per_l", y_max_mg_per_l, "mg/L", 0.0, 100.0, low_open=True)
    if not isinstance(params, pk.PKParameters) or params.is_population:
        raise ValueError(f"params must be a single-patient PKParameters (L/h, L); got {params!r}")
    reg = pk.Regimen.single(dose_mg, duration_h)
    t = np.unique(np.concatenate([np.linspace(0.0, t_max_h, 961), [min(duration_h, t_max_h)]]))
    c = np.asarray(pk.concentration(t, reg, params))
    cmax = float(pk.concentration(duration_h, reg, params))
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 3.6))
    to_mg = pk.um_to_mg_per_l
    if check_flag("show_bands", show_bands):
        ax.axhspan(
            to_mg(GAMMA_EEG_RANGE_UM[0]),
            to_mg(GAMMA_EEG_RANGE_UM[1]),
            fill=False,
            hatch="//",
            ec="#a569bd",
            lw=0,
            label="gamma-EEG 1–5 µM (mouse, rat, monkey)",
        )
        ax.axhline(to_mg(IC50_UM), color="#c0392b", ls="--", lw=1.2, label="IC50 9.8 µM (in vitro, −60 mV)")
    ax.axvspan(0, min(duration_h, t_max_h), color="#f5cba7", alpha=0.5, lw=0, label="infusion")
    ax.plot(t, np.minimum(c, y_max), color="#1b6ca8", lw=2.2, label="plasma concentration")
    clipped = cmax > y_max
    if duration_h <= t_max_h:
        ax.plot(duration_h, min(cmax, y_max), marker="o", color="#0b3a5e", ms=6, clip_on=False)
    text = f"Cmax {cmax:.3g} mg/L = {float(pk.mg_per_l_to_um(cmax)):.3g} µM"
    if clipped:
        text += " (above the axis)"
    ax.set_title(f"{dose_mg:g} mg over {duration_h * 60:g} min: {text}", loc="left")
    ax.set_xlim(0, t_max_h)
    ax.set_ylim(0, y_max)
    ax.set_xlabel("time since start of infusion (h)")
    ax.set_ylabel("plasma concentration (mg/L)")
    _um_axis(ax)
    _style(ax)
    ax.legend(loc="upper right", frameon=True, framealpha=0.85)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    _note(fig, TYPICAL_NOTE + "; µM assumes free base")
    return fig


# --- closed form vs ODE -------------------------------------------------------------------------------
@styled
def plot_closed_form_vs_ode(t_h, closed_mg_per_l, ode_mg_per_l) -> Figure:
    """The closed form (line) against the numerical ODE solution (dots), and their relative difference.

    The arrays are computed by the caller (with :func:`lanicemine_lib.pk.concentration` and
    :func:`lanicemine_lib.pk.ode_concentration`), so the notebook can report the same numbers it plots.

    Parameters
    ----------
    t_h : array_like
        Strictly increasing times (h), 1-D, 2 to 5000 points.
    closed_mg_per_l, ode_mg_per_l : array_like
        Concentrations (mg/L, >= 0) at ``t_h`` from the closed form and from the ODE solver.
    """
    t = check_array("t_h", t_h, "h")
    if t.ndim != 1 or not 2 <= t.size <= 5000 or np.any(np.diff(t) <= 0):
        raise ValueError(f"t_h must hold 2 to 5000 strictly increasing times (h); got shape {t.shape}")
    closed = check_array("closed_mg_per_l", closed_mg_per_l, "mg/L", 0.0)
    ode = check_array("ode_mg_per_l", ode_mg_per_l, "mg/L", 0.0)
    for name, profile in (("closed_mg_per_l", closed), ("ode_mg_per_l", ode)):
        if profile.shape != t.shape:
            raise ValueError(
                f"{name} must be a 1-D profile of {t.size} concentrations (mg/L, >= 0) matching t_h; "
                f"got shape {profile.shape}"
            )
    pos = ode > 0
    rel = np.abs(closed[pos] - ode[pos]) / ode[pos]
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(WIDTH_IN, 4.6), sharex=True, gridspec_kw={"height_ratios": [2.2, 1]})
    ax1.plot(t, closed, color="#1b6ca8", lw=2, label="closed form (pk.concentration)")
    every = max(1, t.size // 36)
    ax1.plot(
        t[::every], ode[::every], "o", ms=4, mfc="none", mec="#c0392b", mew=1.2, label="ODE solver (solve_ivp, Radau)"
    )
    ax1.set_ylabel("concentration (mg/L)")
    ax1.set_ylim(0, None)
    ax1.legend(loc="upper right")
    ax2.semilogy(t[pos], np.maximum(rel, 1e-17), color="#555555", lw=1.2)
    ax2.axhline(1e-8, color="#c0392b", ls="--", lw=1.2, label="tolerance checked by the book, 1e-8")
    ax2.set_ylim(1e-17, 1e-3)
    ax2.set_ylabel("relative\ndifference")
    ax2.set_xlabel("time since start of infusion (h)")
    ax2.set_xlim(t[0], t[-1])
    ax2.legend(loc="upper right")
    for ax in (ax1, ax2):
        _style(ax)
    ax1.set_title(f"Closed form vs ODE: largest relative difference {rel.max():.1e}", loc="left")
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    _note(fig)
    return fig


# --- infusion length (main demo) ----------------------------------------------------------------------
@styled
def plot_infusion_length(
    duration_min: float,
    dose_mg: float = 100.0,
    params: pk.PKParameters = pk.PKParameters(),
    t_max_h: float = 12.0,
    y_max_mg_per_l: float = 1.0,
) -> Figure:
    """The same dose infused over ``duration_min`` minutes, against the trials' 60-minute infusion.

    Fixed axes (so frames are comparable); the peak (Cmax, end of infusion) is marked, and the box gives
    Cmax in mg/L and µM (free base) and AUC from 0 to infinity (= dose / CL, the same for every length).

    Parameters
    ----------
    duration_min : float
        Infusion length (min), in [1, 480].
    dose_mg : float
        Dose (mg), in (0, 2000].
    params : PKParameters
        Scalar parameters (default: PopPK typical values).
    t_max_h : float
        Fixed x limit (h), in [2, 500].
    y_max_mg_per_l : float
        Fixed y limit (mg/L), in (0, 100]; a higher peak is clipped and the box says so.
    """
    duration_min = check_number("duration_min", duration_min, "min", 1.0, 480.0)
    dose_mg = check_number("dose_mg", dose_mg, "mg", 0.0, 2000.0, low_open=True)
    t_max_h = check_number("t_max_h", t_max_h, "h", 2.0, 500.0)
    y_max = check_number("y_max_mg_per_l", y_max_mg_per_l, "mg/L", 0.0, 100.0, low_open=True)
    if not isinstance(params, pk.PKParameters) or params.is_population:
        raise ValueError(f"params must be a single-patient PKParameters (L/h, L); got {params!r}")
    dur_h = duration_min / 60.0
    reg = pk.Regimen.single(dose_mg, dur_h)
    ref = pk.Regimen.single(dose_mg, 1.0)
    t = np.unique(np.concatenate([np.linspace(0.0, t_max_h, 721), [1.0, min(dur_h, t_max_h)]]))
    c = np.asarray(pk.concentration(t, reg, params))
    c_ref = np.asarray(pk.concentration(t, ref, params))
    cmax = float(pk.concentration(dur_h, reg, params))
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 4.9))
    one_um = pk.um_to_mg_per_l(1.0)
    ax.axhline(one_um, color="#a569bd", ls=":", lw=1.6, label="1 µM: lower end of the preclinical\ngamma-EEG range")
    ax.axvspan(0, min(dur_h, t_max_h), color="#f5cba7", alpha=0.5, lw=0, label=f"infusion ({duration_min:g} min)")
    ax.plot(t, c_ref, color="#888888", lw=1.5, ls="--", label="over 60 min, as in the trials")
    ax.plot(t, np.minimum(c, y_max), color="#1b6ca8", lw=2.2, label=f"over {duration_min:g} min")
    if dur_h <= t_max_h:
        ax.plot(dur_h, min(cmax, y_max), marker="o", color="#0b3a5e", ms=6, clip_on=False)
    text = (
        f"Cmax {cmax:.3f} mg/L = {float(pk.mg_per_l_to_um(cmax)):.2f} µM"
        + (" (above the axis)" if cmax > y_max else "")
        + f"\nAUC 0–∞ = dose / CL = {pk.auc_infinity(reg, params):.1f} mg·h/L"
    )
    ax.text(0.98, 0.95, text, transform=ax.transAxes, ha="right", va="top", bbox=dict(fc="white", ec="#bbbbbb", pad=4))
    ax.set_xlim(0, t_max_h)
    ax.set_ylim(0, y_max)
    ax.set_xlabel("time since start of infusion (h)")
    ax.set_ylabel("plasma (mg/L)")
    ax.set_title(f"{dose_mg:g} mg over {duration_min:g} min", loc="left")
    _um_axis(ax)
    # The legend sits below the axes, off the curves.
    fig.legend(loc="lower left", bbox_to_anchor=(0.0, 0.09), ncol=2, borderaxespad=0.3)
    fig.subplots_adjust(left=0.12, right=0.87, bottom=0.34, top=0.93)  # fixed: frames align, no layout pass
    _note(fig, TYPICAL_NOTE + "; lengths other than 60 min are what-ifs; µM assumes free base")
    return fig


# --- population variability (second demo) -------------------------------------------------------------
@styled
def plot_population_omega(
    omega_cl: float,
    dose_mg: float = 100.0,
    n: int = 1000,
    seed: int = 2024,
    t_end_h: float = 48.0,
    y_max_mg_per_l: float = 1.2,
) -> Figure:
    """The 5th–95th percentile band of one 60-min infusion for an assumed between-subject SD of CL.

    All other assumptions stay at the defaults of :class:`lanicemine_lib.pk.PopulationAssumptions`
    (illustrative; the published variances are NOT AVAILABLE). Fixed axes so frames are comparable; the box
    gives the band at the peak (1 h) and at the last time shown.

    Parameters
    ----------
    omega_cl : float
        Log-scale SD of between-subject variability in CL, in [0, 1] (-).
    dose_mg : float
        Dose (mg), in (0, 2000].
    n : int
        Virtual patients, in [10, 20000].
    seed : int
        Random seed (same seed, same patients: only omega_cl changes between frames).
    t_end_h : float
        Last time shown (h), in [2, 500].
    y_max_mg_per_l : float
        Fixed y limit (mg/L), in (0, 100].
    """
    omega_cl = check_number("omega_cl", omega_cl, "(log-scale SD, -)", 0.0, 1.0)
    dose_mg = check_number("dose_mg", dose_mg, "mg", 0.0, 2000.0, low_open=True)
    n = check_int("n", n, "patients", 10, 20000)
    t_end_h = check_number("t_end_h", t_end_h, "h", 2.0, 500.0)
    y_max = check_number("y_max_mg_per_l", y_max_mg_per_l, "mg/L", 0.0, 100.0, low_open=True)
    t = np.linspace(0.0, t_end_h, 241)
    res = pk.simulate_population(
        pk.Regimen.single(dose_mg, 1.0), n, seed, t, assumptions=pk.PopulationAssumptions(omega_cl=omega_cl)
    )
    lo, mid, hi = res.percentiles((5, 50, 95))
    typical = np.asarray(pk.concentration(t, pk.Regimen.single(dose_mg, 1.0)))
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 4.7))
    ax.fill_between(
        t,
        np.minimum(lo, y_max),
        np.minimum(hi, y_max),
        color="#aed6f1",
        alpha=0.85,
        lw=0,
        label="5th–95th percentile",
    )
    ax.plot(t, np.minimum(mid, y_max), color="#1b6ca8", lw=1.8, label="median")
    ax.plot(t, typical, color="#333333", lw=1.0, ls="--", label="typical patient (PopPK)")
    i_peak = int(np.argmin(np.abs(t - 1.0)))
    cv = pk.lognormal_cv_pct(omega_cl)
    text = f"band at 1 h: {lo[i_peak]:.2f}–{hi[i_peak]:.2f} mg/L\nband at {t_end_h:g} h: {lo[-1]:.3f}–{hi[-1]:.3f} mg/L"
    ax.text(0.97, 0.95, text, transform=ax.transAxes, ha="right", va="top", bbox=dict(fc="white", ec="#bbbbbb", pad=4))
    ax.set_xlim(0, t_end_h)
    ax.set_ylim(0, y_max)
    ax.set_xlabel("time since start of a 60-min infusion (h)")
    ax.set_ylabel("plasma (mg/L)")
    ax.set_title(f"{n:,} virtual patients, {dose_mg:g} mg; ω_CL = {omega_cl:g} (≈ {cv:.0f} %CV)", loc="left")
    _um_axis(ax)
    _style(ax)
    # The legend sits below the axes, off the band.
    fig.legend(loc="lower left", bbox_to_anchor=(0.0, 0.09), ncol=2, borderaxespad=0.3)
    fig.subplots_adjust(left=0.12, right=0.87, bottom=0.35, top=0.93)  # fixed: frames align, no layout pass
    _note(fig, f"illustrative: assumed variability and covariates around PopPK typical values; seed {seed}")
    return fig
