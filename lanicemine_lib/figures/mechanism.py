"""Figures for the mechanism chapter: channel states, voltage-dependent block, trapping, occupancy, pathway, and
the frames of the chapter's demos (:func:`washout_race_figure`, :func:`washout_race_closing_figure`,
:func:`block_at_voltage_figure`), which the chapter builds with ``widgets.Explorer``.

Every function returns a :class:`matplotlib.figure.Figure` sized for a 640-pixel-wide page (about 6.7 in at
96 dpi) and never calls ``plt.show()``. Model curves are labelled *model-predicted*; published points carry
their source key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from .. import mechanism as mech
from .._validation import check_array, check_choice, check_flag, check_number
from ._style import NOTE_SIZE, WIDTH_IN, styled

__all__ = [
    "block_at_voltage_figure",
    "block_curves_figure",
    "block_vs_concentration_figure",
    "block_vs_voltage_figure",
    "occupancy_course_figure",
    "occupancy_infusion_figure",
    "pathway_figure",
    "state_diagram_figure",
    "washout_race_closing_figure",
    "washout_race_figure",
]

DRUG_COLOURS = {"lanicemine": "#1b6ca8", "ketamine": "#c0392b", "memantine": "#7d6608"}
_LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (1, 1)))


def _style(ax) -> None:
    ax.spines[["top", "right"]].set_visible(False)


# --- state diagram -----------------------------------------------------------------------------------
@styled
def state_diagram_figure() -> Figure:
    """The four-state channel model (C, O, OB, CB) as boxes and labelled rate arrows.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 4.6))
    ax.set_xlim(-0.62, 3.62)
    ax.set_ylim(-0.7, 2.55)
    ax.set_axis_off()
    pos = {"C": (0.0, 1.9), "O": (3.0, 1.9), "CB": (0.0, 0.0), "OB": (3.0, 0.0)}
    names = {
        "C": "C\nclosed, unblocked",
        "O": "O\nopen (conducts)",
        "CB": "CB\nclosed-blocked\n(trapped)",
        "OB": "OB\nopen-blocked",
    }
    w, h = 1.0, 0.62
    for key, (x, y) in pos.items():
        colour = "#fdebd0" if key in ("OB", "CB") else "#e8f1fa"
        ax.add_patch(
            FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.04", fc=colour, ec="black", lw=1.2)
        )
        ax.text(x, y, names[key], ha="center", va="center")

    def arrow(p, q, label, offset, text_xy, style="-|>", ls="-"):
        (x1, y1), (x2, y2) = p, q
        ax.add_patch(
            FancyArrowPatch(
                (x1 + offset[0], y1 + offset[1]),
                (x2 + offset[0], y2 + offset[1]),
                arrowstyle=style,
                mutation_scale=14,
                lw=1.3,
                ls=ls,
                color="black",
            )
        )
        ax.text(*text_xy, label, ha="center", va="center")

    # horizontal pairs (top: gating; bottom: gating of the blocked channel)
    arrow((0.55, 1.9), (2.45, 1.9), "", (0, 0.1), (1.5, 2.15))
    ax.text(1.5, 2.15, "α (agonist present only)", ha="center")
    arrow((2.45, 1.9), (0.55, 1.9), "", (0, -0.1), (1.5, 1.6))
    ax.text(1.5, 1.6, "β closing", ha="center", va="top")
    arrow((2.45, 0.0), (0.55, 0.0), "", (0, 0.1), (1.5, 0.3))
    ax.text(1.5, 0.2, "β: closes around the drug\n(trapping)", ha="center", va="bottom")
    arrow((0.55, 0.0), (2.45, 0.0), "", (0, -0.1), (1.5, -0.3))
    ax.text(1.5, -0.2, "α (agonist present only)", ha="center", va="top")
    # vertical pair O <-> OB
    arrow((3.0, 1.55), (3.0, 0.35), "", (-0.12, 0), (0, 0))
    arrow((3.0, 0.35), (3.0, 1.55), "", (0.12, 0), (0, 0))
    ax.text(2.82, 0.95, "k_on·[B]", ha="right", va="center")
    ax.text(3.18, 0.95, "k_off", ha="left", va="center")
    # egress CB -> C (dashed: 0 in the race model, fitted per drug in the egress model)
    arrow((0.0, 0.35), (0.0, 1.55), "", (0, 0), (0, 0), ls="--")
    ax.text(0.1, 0.95, "γ egress\n(race model: 0;\negress model:\nfitted per drug)", ha="left", va="center")
    ax.set_title("Four-state open-channel-block model\n(gating independent of block)")
    fig.tight_layout()
    return fig


# --- equilibrium block ----------------------------------------------------------------------------------
def _plot_block_vs_voltage(ax, concs: np.ndarray, drug: str, legend_outside: bool = False) -> None:
    v = np.linspace(-120, 60, 361)
    for i, c in enumerate(concs):
        ax.plot(v, mech.fraction_blocked(c, v, drug), ls=_LINESTYLES[i % len(_LINESTYLES)], lw=1.8, label=f"{c:g} µM")
    if drug == "lanicemine":
        ax.plot([0, -60], [0.5, 0.5], "ko", ms=6, zorder=5, label="published\nhalf block\n(Mealing\net al. 1997)")
    ax.axhline(0.5, color="0.6", lw=0.8, zorder=0)
    ax.set_xlabel("membrane potential (mV)")
    ax.set_ylabel("fraction of open channels blocked")
    ax.set_xlim(-120, 60)
    ax.set_ylim(0, 1)
    # Beside the axes, off the curves (legend_outside=False: inside, framed, at the lower left).
    if legend_outside:
        ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), title="concentration")
    else:
        ax.legend(loc="lower left", title="concentration")
    _style(ax)


def _plot_block_vs_conc(ax, voltages: np.ndarray, drug: str) -> None:
    c = np.logspace(-1, 3, 300)
    for i, v in enumerate(voltages):
        ax.semilogx(
            c, mech.fraction_blocked(c, v, drug), ls=_LINESTYLES[i % len(_LINESTYLES)], lw=1.8, label=f"{v:g} mV"
        )
    if drug == "lanicemine":
        ax.plot([60, 11], [0.5, 0.5], "ko", ms=6, zorder=5, label="published\nhalf block\n(Mealing\net al. 1997)")
    ax.axhline(0.5, color="0.6", lw=0.8, zorder=0)
    ax.set_xlabel("lanicemine concentration (µM)" if drug == "lanicemine" else f"{drug} concentration (µM)")
    ax.set_ylabel("fraction of open channels blocked")
    ax.set_xlim(0.1, 1000)
    ax.set_ylim(0, 1)
    ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), title="potential")  # beside the axes, off the curves
    _style(ax)


@styled
def block_vs_voltage_figure(
    concs_um: Sequence[float] = (3.0, 11.0, 30.0, 60.0, 200.0), drug: str = "lanicemine"
) -> Figure:
    """Equilibrium block vs membrane potential at several concentrations (Woodhull model).

    Parameters
    ----------
    concs_um : sequence of float
        Concentrations (µM), 1–6 values in (0, 1e6].
    drug : str
        "lanicemine" (published K_D; the half-block points are marked), "ketamine" or "memantine" (assumed).
    """
    concs = check_array("concs_um", concs_um, "µM", 0.0, 1e6, low_open=True).reshape(-1)
    check_number("len(concs_um)", concs.size, "values", 1, 6)
    drug = check_choice("drug", drug, mech.AVAILABLE_DRUGS)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 4.0))
    _plot_block_vs_voltage(ax, concs, drug, legend_outside=True)
    ax.set_title(f"{drug} (model): more block at negative potentials", loc="left")
    fig.tight_layout()
    return fig


@styled
def block_vs_concentration_figure(
    voltages_mv: Sequence[float] = (-100.0, -60.0, -30.0, 0.0), drug: str = "lanicemine"
) -> Figure:
    """Equilibrium block vs concentration (log axis) at several membrane potentials.

    Parameters
    ----------
    voltages_mv : sequence of float
        Potentials (mV), 1–6 values in [−120, 60].
    drug : str
        "lanicemine", "ketamine" or "memantine".
    """
    volts = check_array("voltages_mv", voltages_mv, "mV", *mech.VOLTAGE_RANGE_MV).reshape(-1)
    check_number("len(voltages_mv)", volts.size, "values", 1, 6)
    drug = check_choice("drug", drug, mech.AVAILABLE_DRUGS)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 4.0))
    _plot_block_vs_conc(ax, volts, drug)
    ax.set_title(f"{drug} (Woodhull model): block vs concentration", loc="left")
    fig.tight_layout()
    return fig


@styled
def block_curves_figure(drug: str = "lanicemine") -> Figure:
    """Two panels: block vs voltage (3, 11, 30, 60, 200 µM) and block vs concentration (−100…0 mV)."""
    drug = check_choice("drug", drug, mech.AVAILABLE_DRUGS)
    fig, (a1, a2) = plt.subplots(2, 1, figsize=(WIDTH_IN, 7.4))  # stacked: legible on a phone
    _plot_block_vs_voltage(a1, np.array([3.0, 11.0, 30.0, 60.0, 200.0]), drug, legend_outside=True)
    _plot_block_vs_conc(a2, np.array([-100.0, -60.0, -30.0, 0.0]), drug)
    a1.set_title("vs potential", loc="left")
    a2.set_title("vs concentration", loc="left")
    zd = mech.get_blocker(drug).z_delta
    fig.suptitle(f"Equilibrium block, Woodhull model\n(zδ = {zd:.2f} at 37 °C, assumed temperature)")
    fig.tight_layout()
    return fig


# --- trapping ---------------------------------------------------------------------------------------
@styled
def _race(k_off_per_s: float, closing_rate_per_s: float) -> Figure:
    blocker = replace(mech.get_blocker("lanicemine"), k_off_per_s=k_off_per_s, status="assumed")
    gating = replace(mech.DEFAULT_GATING, closing_rate_per_s=closing_rate_per_s, status="assumed")
    df = mech.washout_time_course(blocker, washout_s=8.0, conc_um=50.0, gating=gating, n_points=321)
    final = mech.trapped_fraction(blocker, 120.0, conc_um=50.0, gating=gating)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 5.4))
    ax.plot(df.t_s, df.block_remaining, color="black", lw=2.2, label="block remaining (OB + CB)")
    ax.plot(df.t_s, df.trapped, color="#b9770e", lw=1.6, ls="--", label="trapped: closed around drug (CB)")
    ax.plot(df.t_s, df.open_blocked, color="#1b6ca8", lw=1.6, ls="-.", label="open-blocked, can still unblock (OB)")
    for drug, y in mech.MEALING1999_TRAPPED.items():
        ax.axhline(y, color=DRUG_COLOURS[drug], lw=0.8, ls=":")
        ax.text(
            7.95,
            y + 0.01,
            f"{drug} {100 * y:.0f} %",
            fontsize=NOTE_SIZE,
            ha="right",
            va="bottom",
            color=DRUG_COLOURS[drug],
        )
    ax.set_xlim(0, 8)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("time after agonist and drug removal (s)")
    ax.set_ylabel("fraction of initial block")
    # Plain "1/s" (not superscript glyphs) and one legend (no extra figure text): each saves redraw time.
    ax.set_title(
        f"k_off = {k_off_per_s:.3g} 1/s, closing rate β = {closing_rate_per_s:.3g} 1/s\n"
        f"→ {100 * final:.0f} % trapped after 120 s (model)",
        loc="left",
    )
    _style(ax)
    ax.plot([], [], color="0.4", lw=0.8, ls=":", label="published trapped fractions\n(Mealing et al. 1999)")
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower left", ncol=1, bbox_to_anchor=(0.0, 0.01))  # below the axes
    # A fixed layout (no tight_layout) keeps frames identical in geometry and the redraw fast.
    fig.subplots_adjust(left=0.12, right=0.97, top=0.86, bottom=0.43)
    return fig


def washout_race_figure(k_off_per_s: float = 0.722) -> Figure:
    """The washout race at a chosen unblocking rate (for :class:`~lanicemine_lib.widgets.Explorer`).

    Lanicemine at 50 µM with its k_off replaced by ``k_off_per_s``; shared gating (β fitted, α assumed). Fixed
    axes (0–8 s, 0–1) so frames compare. The title gives the model's trapped fraction after 120 s.

    Parameters
    ----------
    k_off_per_s : float
        Unblocking rate (s⁻¹), in [0.01, 20]; published lanicemine value 0.722 s⁻¹ (Mealing1997).
    """
    k = check_number("k_off_per_s", k_off_per_s, "s^-1", 0.01, 20.0)
    return _race(k, mech.DEFAULT_GATING.closing_rate_per_s)


def washout_race_closing_figure(closing_rate_per_s: float = 0.788) -> Figure:
    """The washout race at a chosen channel closing rate β, lanicemine's published k_off (for Explorer).

    Parameters
    ----------
    closing_rate_per_s : float
        Closing rate β (s⁻¹), in [0.01, 20]; the shipped value 0.788 s⁻¹ is FITTED (Mealing1999 lanicemine).
    """
    b = check_number("closing_rate_per_s", closing_rate_per_s, "s^-1", 0.01, 20.0)
    return _race(mech.get_blocker("lanicemine").k_off_per_s, b)


# --- occupancy ---------------------------------------------------------------------------------------
def _assumption_note(unbound_fraction: float, brain_to_plasma: float, voltage_mv: float) -> str:
    return (
        f"Model-predicted; equilibrium block at {voltage_mv:g} mV. Unbound fraction {unbound_fraction:g} and "
        f"brain/plasma ratio {brain_to_plasma:g} are assumptions (not available in the sources); an unbound "
        "fraction of 1 bounds block from above for protein binding only, given brain/plasma ratio 1."
    )


@styled
def occupancy_infusion_figure(
    doses_mg: Sequence[float] = (50.0, 100.0, 150.0),
    voltage_mv: float = -60.0,
    unbound_fraction: float = 1.0,
    brain_to_plasma: float = 1.0,
) -> Figure:
    """Plasma concentration and open-channel block over 24 h after one 60-min infusion.

    Parameters
    ----------
    doses_mg : sequence of float
        1–4 doses (mg, free base assumed), each in (0, 1000].
    voltage_mv : float
        Membrane potential (mV), in [−120, 60].
    unbound_fraction, brain_to_plasma : float
        Assumptions (NOT AVAILABLE), in (0, 1] and (0, 10]. An unbound fraction of 1.0 makes the block an upper
        bound only with respect to protein binding, given the assumed brain/plasma ratio (1.0) and voltage.
    """
    from .. import pk

    doses = check_array("doses_mg", doses_mg, "mg", 0.0, 1000.0, low_open=True).reshape(-1)
    check_number("len(doses_mg)", doses.size, "values", 1, 4)
    voltage_mv = check_number("voltage_mv", voltage_mv, "mV", *mech.VOLTAGE_RANGE_MV)
    t = np.linspace(0.0, 24.0, 961)
    fig, (a1, a2) = plt.subplots(2, 1, figsize=(WIDTH_IN, 7.2))  # stacked: legible on a phone
    a1.axhspan(
        1.0,
        5.0,
        color="#d5f5e3",
        lw=0,
        label="gamma-EEG range 1–5 µM in mouse,\nrat and monkey (AstraZeneca\ncompound page; preclinical)",
    )
    for i, d in enumerate(doses):
        reg = pk.Regimen.single(float(d))
        c_um = np.asarray(pk.mg_per_l_to_um(pk.concentration(t, reg)))
        occ = mech.occupancy_time_course(t, reg, voltage_mv, unbound_fraction, brain_to_plasma)
        ls = _LINESTYLES[i % len(_LINESTYLES)]
        a1.plot(t, c_um, ls=ls, lw=1.8, label=f"{d:g} mg")
        a2.plot(t, occ, ls=ls, lw=1.8, label=f"{d:g} mg")
    a1.set_xlabel("time since start of infusion (h)")
    a1.set_ylabel("plasma (µM, free base)")
    a2.set_xlabel("time since start of infusion (h)")
    a2.set_ylabel("fraction of open\nchannels blocked")
    a2.set_ylim(0, 1)
    a1.set_ylim(0, None)
    a1.set_ylim(0, a1.get_ylim()[1] * 1.6)  # head room for the legend
    a1.set_title("plasma concentration", loc="left")
    a2.set_title(f"open-channel block at {voltage_mv:g} mV", loc="left")
    for ax in (a1, a2):
        ax.set_xlim(0, 24)
        ax.legend(loc="upper right", ncol=2)  # above the curves (see the head room below)
        _style(ax)
    fig.suptitle("One 60-min infusion (typical patient, PopPK)", x=0.02, ha="left")
    fig.text(
        0.01, 0.005, _assumption_note(unbound_fraction, brain_to_plasma, voltage_mv), fontsize=NOTE_SIZE, wrap=True
    )
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    return fig


@styled
def occupancy_course_figure(
    dose_mg: float = 100.0,
    voltage_mv: float = -60.0,
    unbound_fraction: float = 1.0,
    brain_to_plasma: float = 1.0,
) -> Figure:
    """Open-channel block over a Study 9 (3 weeks) and a Study 31 (12 weeks) course of infusions.

    Parameters
    ----------
    dose_mg : float
        Dose per infusion (mg), in (0, 1000]. Study 9 used 100 and 150 mg; Study 31 50 and 100 mg.
    voltage_mv, unbound_fraction, brain_to_plasma : float
        As in :func:`occupancy_infusion_figure`.
    """
    from .. import pk

    dose_mg = check_number("dose_mg", dose_mg, "mg", 0.0, 1000.0, low_open=True)
    voltage_mv = check_number("voltage_mv", voltage_mv, "mV", *mech.VOLTAGE_RANGE_MV)
    fig, axes = plt.subplots(2, 1, figsize=(WIDTH_IN, 5.6))
    for ax, (label, reg, days) in zip(
        axes,
        (
            ("Study 9: 3 a week for 3 weeks", pk.Regimen.study9(dose_mg), 24),
            ("Study 31: 15 infusions over 12 weeks", pk.Regimen.study31(dose_mg), 84),
        ),
    ):
        t = np.arange(0.0, days * 24.0 + 1e-9, 0.05)
        occ = mech.occupancy_time_course(t, reg, voltage_mv, unbound_fraction, brain_to_plasma)
        ax.plot(t / 24.0, occ, color=DRUG_COLOURS["lanicemine"], lw=1.2)
        ax.set_xlim(0, days)
        ax.set_ylim(0, 1)
        ax.set_title(f"{label}, {dose_mg:g} mg per infusion", loc="left")
        ax.set_ylabel("fraction blocked")
        _style(ax)
    axes[-1].set_xlabel("time since first infusion (days)")
    fig.text(
        0.01, 0.005, _assumption_note(unbound_fraction, brain_to_plasma, voltage_mv), fontsize=NOTE_SIZE, wrap=True
    )
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    return fig


# --- pathway --------------------------------------------------------------------------------------------
@styled
def pathway_figure(detailed: bool = True) -> Figure:
    """The proposed downstream pathway as a flow diagram, marked as a hypothesis.

    The facts sheet lists the chain NMDA block → disinhibition → glutamate/AMPA signalling → BDNF release →
    synaptogenesis as SEED (the application note's claim; proposed, not established). With ``detailed=True``
    two steps that are *not* on the facts sheet — the interneuron target and mTOR — are drawn dashed and
    footnoted; they need their own citation before the book states them.

    Parameters
    ----------
    detailed : bool
        Include the dashed, unsourced steps (default True).
    """
    detailed = check_flag("detailed", detailed)
    if detailed:
        steps = [
            ("NMDA-receptor\nblock (on\ninterneurons*)", False),
            ("disinhibition", False),
            ("glutamate burst", False),
            ("AMPA-receptor\nactivation", False),
            ("BDNF release", False),
            ("mTOR signalling*", True),
            ("synaptogenesis", False),
        ]
    else:  # exactly the facts sheet's SEED chain
        steps = [
            ("NMDA-receptor\nblock", False),
            ("disinhibition", False),
            ("glutamate/AMPA\nsignalling", False),
            ("BDNF release", False),
            ("synaptogenesis", False),
        ]
    n = len(steps)
    ncol = 3  # a snake of three boxes per row: legible on a phone
    nrow = -(-n // ncol)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 1.3 + 1.25 * nrow))
    ax.set_xlim(0, ncol)
    ax.set_ylim(1.55 - (nrow - 1) * 1.1 - 0.45, 2.25)
    ax.set_axis_off()
    centres = []
    for i in range(n):
        row, col = divmod(i, ncol)
        col = col if row % 2 == 0 else ncol - 1 - col  # snake layout
        centres.append((col + 0.5, 1.55 - row * 1.1))
    for (text, dashed), (x, y) in zip(steps, centres):
        ax.add_patch(
            FancyBboxPatch(
                (x - 0.42, y - 0.28),
                0.84,
                0.56,
                boxstyle="round,pad=0.03",
                fc="#f4ecf7",
                ec="#6c3483",
                lw=1.3,
                ls="--" if dashed else "-",
            )
        )
        ax.text(x, y, text, ha="center", va="center", fontsize=NOTE_SIZE + 1)
    for (x1, y1), (x2, y2) in zip(centres, centres[1:]):
        if y1 == y2:
            sx = 0.45 if x2 > x1 else -0.45
            start, end = (x1 + sx, y1), (x2 - sx, y2)
        else:
            start, end = (x1, y1 - 0.31), (x2, y2 + 0.31)
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=14, lw=1.3, color="#6c3483"))
    ax.text(
        ncol / 2,
        2.15,
        "Hypothesis: proposed, not established",
        ha="center",
        va="center",
        fontweight="bold",
        color="#922b21",
    )
    note = "Reported by the application note, with a caveat: a proposed mechanism, not an established one."
    if detailed:
        note += " * Dashed, starred steps: not in the book's sources; cite a source before stating them."
    fig.text(0.01, 0.01, note, fontsize=NOTE_SIZE, wrap=True)
    fig.tight_layout(rect=(0, 0.1 if nrow > 2 else 0.14, 1, 1))
    return fig


# --- demo frames -----------------------------------------------------------------------------------------
@styled
def block_at_voltage_figure(voltage_mv: float = -60.0) -> Figure:
    """Equilibrium lanicemine block vs concentration at one membrane potential, on fixed axes.

    The curve at ``voltage_mv`` is drawn over faint reference curves at 0 and −60 mV (the two potentials with
    published K_D values, Mealing1997); the half-block concentration K_D(V) is marked and printed.

    Parameters
    ----------
    voltage_mv : float
        Membrane potential (mV), in [−120, 60].
    """
    v = check_number("voltage_mv", voltage_mv, "mV", *mech.VOLTAGE_RANGE_MV)
    c = np.logspace(-1, 3, 200)
    kd = mech.kd_um(v)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 3.8))
    for ref, ls in ((0.0, ":"), (-60.0, "--")):
        ax.semilogx(
            c,
            mech.fraction_blocked(c, ref),
            color="0.6",
            lw=1.2,
            ls=ls,
            label=f"{ref:g} mV (published K_D {mech.kd_um(ref):.0f} µM)",
        )
    ax.semilogx(c, mech.fraction_blocked(c, v), color=DRUG_COLOURS["lanicemine"], lw=2.4, label=f"{v:g} mV")
    ax.plot([kd], [0.5], "o", color=DRUG_COLOURS["lanicemine"], ms=7, zorder=5)
    ax.text(
        0.98,
        0.06,
        f"half block at {v:g} mV:\nK_D = {kd:.3g} µM",
        transform=ax.transAxes,
        ha="right",
        va="bottom",
        color=DRUG_COLOURS["lanicemine"],
    )
    ax.axhline(0.5, color="0.8", lw=0.8, zorder=0)
    ax.set_xlim(0.1, 1000)
    ax.set_ylim(0, 1)
    # Plain tick labels (no mathtext powers of ten): easier to read and much faster to draw.
    ax.set_xticks([0.1, 1, 10, 100, 1000], ["0.1", "1", "10", "100", "1000"])
    ax.set_xlabel("lanicemine concentration (µM)")
    ax.set_ylabel("fraction of open\nchannels blocked")
    ax.set_title(f"Equilibrium block at {v:g} mV (Woodhull model)")
    ax.legend(loc="upper left")
    _style(ax)
    fig.subplots_adjust(left=0.14, right=0.97, top=0.9, bottom=0.15)
    return fig
