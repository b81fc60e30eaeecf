"""Open-channel block of NMDA receptors: voltage dependence, trapping and occupancy.

Three layers, from simplest to richest:

1. **Equilibrium block** (:func:`fraction_blocked`). One blocker molecule per open channel, Woodhull voltage
   dependence ``K_D(V) = K_D(0) · exp(zδ·F·V / (R·T))``. For lanicemine ``K_D(0)`` = 60 µM and
   ``K_D(−60 mV)`` = 11 µM are published {Mealing1997}; ``zδ`` is *derived* from these two numbers
   (:func:`woodhull_z_delta`), so the two half-block points are reproduced exactly. Part of lanicemine's block
   is voltage-insensitive (Mealing1997), so zδ is an *effective* value and extrapolations beyond 0 to −60 mV
   (above 0 mV especially) understate block.
2. **Kinetic four-state channel model** (:func:`simulate_protocol`). States C (closed, unblocked),
   O (open), OB (open-blocked) and CB (closed-blocked = trapped)::

        C  --α·[agonist]-->  O        O  --β-->  C
        O  --k_on·[B]-->    OB        OB --k_off--> O
        OB --β-->           CB        CB --α·[agonist]--> OB
        CB --γ-->            C        (egress: escape of the drug from the closed channel)

   Gating is independent of block (blocked channels open and close like unblocked ones), so under a constant
   agonist + blocker, and without egress, the steady-state fraction blocked, defined as ``OB + CB`` (the
   probabilities sum to 1), equals ``c / (c + k_off/k_on)`` — the *kinetic* K_D, see :func:`kinetic_kd_um`.

   **Two trapping models** (:data:`MODELS`, :func:`get_blocker`), both reproducing the trapped fractions of
   Mealing1999 (54 / 86 / 71 % after 120 s): ``"egress"``, the authors' reading — similar on-off kinetics
   (every drug has lanicemine's published k_off), a fast gate (β assumed), and a drug-specific egress rate γ
   fitted to each trapped fraction; and ``"race"`` — γ = 0, a slower gate (β fitted) racing drug-specific
   k_off values (fitted for ketamine and memantine). Their predictions differ when the washout is lengthened:
   trapping falls under egress and stays flat under the race. :data:`DEFAULT_MODEL` is "race". The model is solved
   **exactly**: within a protocol segment the generator matrix ``Q`` is constant, so
   ``p(t) = p(t0) · expm(Q·(t − t0))`` (:func:`scipy.linalg.expm`); segments are chained end to end.
3. **Occupancy over time** (:func:`occupancy_time_course`): the equilibrium block evaluated at the
   model-predicted plasma concentration of :mod:`lanicemine_lib.pk` (block relaxes in about a second,
   concentrations change over hours, so equilibrium is a fair approximation).

Two K_D values for lanicemine
-----------------------------
The published rate constants (k_on = 2.406 × 10⁴ M⁻¹ s⁻¹, k_off = 0.722 s⁻¹) give
``k_off / k_on`` = 30 µM, which is **not** the equilibrium K_D at −60 mV (11 µM) from the same paper: the
numbers come from different protocols. This module keeps both, labelled: :func:`kd_um` is the equilibrium K_D,
:func:`kinetic_kd_um` the kinetic one, and ``fraction_blocked(..., basis="kinetic")`` the block that the
kinetic model reaches at steady state. For ketamine and memantine the two are equal by construction.

Provenance of every parameter is carried in :class:`BlockerParameters` and :class:`GatingParameters`
(``status`` "published", "fitted" or "assumed"); published values, assumptions and fitted values are read from
the evidence registry (:mod:`lanicemine_lib.evidence`). For education only; not a dosing tool.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from scipy.linalg import expm
from scipy.optimize import brentq

from . import evidence as _ev
from ._validation import check_array, check_choice, check_flag, check_int, check_number, check_sequence

if TYPE_CHECKING:  # pragma: no cover - typing only
    from .pk import PKParameters, Regimen

__all__ = [
    "AVAILABLE_DRUGS",
    "BLOCKERS",
    "DEFAULT_GATING",
    "DEFAULT_MODEL",
    "EGRESS_BLOCKERS",
    "EGRESS_GATING",
    "FARADAY_C_PER_MOL",
    "GAS_CONSTANT_J_PER_MOL_K",
    "MODELS",
    "STATES",
    "VOLTAGE_RANGE_MV",
    "BlockerParameters",
    "GatingParameters",
    "ProtocolResult",
    "ProtocolSegment",
    "fit_egress_parameters",
    "fit_trapping_parameters",
    "fraction_blocked",
    "gating_for",
    "generator_matrix",
    "get_blocker",
    "kd_um",
    "kinetic_kd_um",
    "mealing1999_protocol",
    "occupancy_from_plasma",
    "occupancy_time_course",
    "potency_reference",
    "published_block_data",
    "rate_constants",
    "simulate_protocol",
    "steady_state",
    "trapped_fraction",
    "washout_time_course",
    "woodhull_z_delta",
]

# --- physical constants and model constants (immutable) --------------------------------------------
FARADAY_C_PER_MOL = 96485.33212
GAS_CONSTANT_J_PER_MOL_K = 8.314462618
#: Allowed membrane potentials (mV). Woodhull's single-barrier picture is only a description of the data,
#: which were recorded between 0 and −60 mV; outside roughly −120…+60 mV the exponential extrapolation (and
#: NMDA-receptor physiology) make the numbers meaningless, so those voltages are rejected.
VOLTAGE_RANGE_MV = (-120.0, 60.0)
#: Largest blocker concentration accepted (µM); 1 M is far beyond any experiment.
MAX_CONC_UM = 1.0e6
#: Order of the kinetic states in every probability array.
STATES = ("C", "O", "OB", "CB")
AVAILABLE_DRUGS = ("lanicemine", "ketamine", "memantine")
#: The two trapping models (see :func:`get_blocker`): "egress" is the authors' reading of Mealing 1999,
#: "race" the book's earlier model. :data:`DEFAULT_MODEL` is used where no model is named.
MODELS = ("egress", "race")
#: Model used when none is named. "race" is kept as the default so that earlier results stay reproducible;
#: the mechanism chapter teaches both and names the model of every figure.
DEFAULT_MODEL = "race"
_STATUSES = ("published", "fitted", "assumed")
#: Temperature (°C) at which zδ is reported. ASSUMPTION (evidence key ``model.temperature_c``): our sources
#: do not give the recording temperature. Only the reported zδ depends on it (0.756 at 37 °C, 0.719 at 22 °C);
#: the block curves do not, because zδ is derived from the two published K_D values at the same temperature.
DEFAULT_TEMPERATURE_C = float(_ev.value("model.temperature_c"))
#: Voltage (mV) at which the published rate constants are taken to apply. ASSUMPTION (``model.kinetic_reference_mv``);
#: −60 mV is the voltage of the published IC50 and K_D, and Mealing 1999's initial block of 82 % by 50 µM
#: lanicemine is what an 11 µM K_D predicts (50/(50+11) = 0.82), consistent with recording at −60 mV.
KINETIC_REFERENCE_MV = float(_ev.value("model.kinetic_reference_mv"))


def _per_drug(prefix: str, divisor: float = 1.0) -> Mapping[str, float]:
    return MappingProxyType({d: float(_ev.value(f"{prefix}.{d}")) / divisor for d in AVAILABLE_DRUGS})


def _half_width(prefix: str, divisor: float) -> Mapping[str, float]:
    out = {}
    for d in AVAILABLE_DRUGS:
        low, high = _ev.bounds(f"{prefix}.{d}")
        out[d] = round((high - low) / 2.0 / divisor, 10)
    return MappingProxyType(out)


#: Concentrations used by Mealing 1999 (µM) and their published results (fractions), read from the evidence
#: registry (:mod:`lanicemine_lib.evidence`).
MEALING1999_CONC_UM = _per_drug("mealing1999.conc_um")
MEALING1999_INITIAL_BLOCK = _per_drug("mealing1999.initial_block_pct", 100.0)
MEALING1999_INITIAL_BLOCK_PM = _half_width("mealing1999.initial_block_pct", 100.0)
MEALING1999_TRAPPED = _per_drug("mealing1999.trapped_pct", 100.0)
MEALING1999_TRAPPED_PM = _half_width("mealing1999.trapped_pct", 100.0)
MEALING1999_WASHOUT_S = float(_ev.value("mealing1999.washout_s"))
#: Lanicemine's published constants (Mealing1997), read from the evidence registry.
_KD0_UM = float(_ev.value("mealing1997.kd_0mv_um"))
_KD_M60_UM = float(_ev.value("mealing1997.kd_m60mv_um"))
_K_ON_LAN = float(_ev.value("mealing1997.k_on_per_m_s"))
_K_OFF_LAN = float(_ev.value("mealing1997.k_off_per_s"))


def _rt_over_f_mv(temperature_c: float) -> float:
    """Thermal voltage RT/F in mV at ``temperature_c`` (°C)."""
    return GAS_CONSTANT_J_PER_MOL_K * (temperature_c + 273.15) / FARADAY_C_PER_MOL * 1000.0


def woodhull_z_delta(
    kd0_um: float = _KD0_UM,
    kd_at_voltage_um: float = _KD_M60_UM,
    voltage_mv: float = KINETIC_REFERENCE_MV,
    temperature_c: float = DEFAULT_TEMPERATURE_C,
) -> float:
    """Effective valence × electrical distance (zδ) from two K_D values (Woodhull model).

    Solves ``K_D(V) = K_D(0) · exp(zδ·F·V/(R·T))`` for zδ:
    ``zδ = ln(K_D(V)/K_D(0)) · (R·T/F) / V``.

    Parameters
    ----------
    kd0_um : float
        K_D at 0 mV (µM), > 0. Default 60 µM (lanicemine, published, Mealing1997).
    kd_at_voltage_um : float
        K_D at ``voltage_mv`` (µM), > 0. Default 11 µM (lanicemine at −60 mV, published, Mealing1997).
    voltage_mv : float
        The second (hyperpolarised) voltage (mV), in [−120, 0).
    temperature_c : float
        Temperature (°C) in [0, 45]. The recording temperature is not in our sources; the default 37 °C
        is an ASSUMPTION (zδ = 0.756 at 37 °C; 0.719 at 22 °C for the lanicemine values).

    Returns
    -------
    float
        zδ (dimensionless; *derived*). Positive when block is stronger at negative voltages.

    Notes
    -----
    Mealing 1997 also report a *voltage-insensitive* component of lanicemine's block (an interaction with the
    glycine site). A single Woodhull term fitted through two K_D values lumps both components together, so zδ
    is an *effective* value, and curves extrapolated beyond the measured 0 to −60 mV — above 0 mV
    especially, where the voltage-dependent part fades — understate the block.
    """
    kd0_um = check_number("kd0_um", kd0_um, "µM", 0, MAX_CONC_UM, low_open=True)
    kd_at_voltage_um = check_number("kd_at_voltage_um", kd_at_voltage_um, "µM", 0, MAX_CONC_UM, low_open=True)
    voltage_mv = check_number("voltage_mv", voltage_mv, "mV", VOLTAGE_RANGE_MV[0], 0.0, high_open=True)
    temperature_c = check_number("temperature_c", temperature_c, "°C", 0.0, 45.0)
    return math.log(kd_at_voltage_um / kd0_um) * _rt_over_f_mv(temperature_c) / voltage_mv


def _check_text(**fields: Any) -> None:
    """Raise ``ValueError`` naming the first of ``fields`` (name=value) that is not text."""
    for name, value in fields.items():
        if not isinstance(value, str):
            raise ValueError(f"{name} must be text (str); got {value!r}")


@dataclass(frozen=True)
class BlockerParameters:
    """Channel-block parameters of one drug, with provenance.

    Parameters
    ----------
    name : str
        Drug name.
    k_on_per_m_s : float
        Binding (blocking) rate constant k_on at :data:`KINETIC_REFERENCE_MV` (M⁻¹ s⁻¹), > 0.
    k_off_per_s : float
        Unbinding rate constant k_off at :data:`KINETIC_REFERENCE_MV` (s⁻¹), > 0.
    kd0_um : float
        Equilibrium dissociation constant at 0 mV (µM), > 0.
    z_delta : float
        Woodhull effective valence × electrical distance (dimensionless), in [0, 2].
    temperature_c : float
        Temperature (°C) at which ``z_delta`` applies.
    off_voltage_share : float
        Fraction in [0, 1] of the voltage dependence carried by k_off (the rest by k_on) in the kinetic model.
        ASSUMED 0.5 for every drug (no source splits it); it does not affect equilibrium block, only how
        fast block and unblock are at voltages other than −60 mV.
    status : str
        Status of the rate constants: "published" (lanicemine, Mealing1997; in the egress model all three drugs
        share lanicemine's published k_off) or "fitted" (race model: the ketamine and memantine k_off fitted to
        the Mealing 1999 trapped fractions, see :func:`fit_trapping_parameters`).
    kd_status : str
        Status of ``kd0_um`` / ``z_delta``: "published" (lanicemine: derived exactly from the two published
        K_D values) or "assumed" (ketamine, memantine: illustrative).
    source : str
        Bibtex key of the source.
    notes : str
        How the values were obtained.
    egress_per_s : float
        γ, the drug's escape from the closed channel, CB → C (s⁻¹), in [0, 1e4]. 0 in the race model; FITTED
        per drug to its trapped fraction in the egress model (:func:`fit_egress_parameters`).
    model : str
        The trapping model these parameters belong to, one of :data:`MODELS`; it selects the default gating
        (:func:`gating_for`). Custom parameters default to "race".
    """

    name: str
    k_on_per_m_s: float
    k_off_per_s: float
    kd0_um: float
    z_delta: float
    temperature_c: float = DEFAULT_TEMPERATURE_C
    off_voltage_share: float = 0.5
    status: str = "assumed"
    kd_status: str = "assumed"
    source: str = ""
    notes: str = ""
    egress_per_s: float = 0.0
    model: str = "race"

    def __post_init__(self) -> None:
        check_number("k_on_per_m_s", self.k_on_per_m_s, "M^-1 s^-1", 0, 1e12, low_open=True)
        check_number("k_off_per_s", self.k_off_per_s, "s^-1", 0, 1e6, low_open=True)
        check_number("kd0_um", self.kd0_um, "µM", 0, MAX_CONC_UM, low_open=True)
        check_number("z_delta", self.z_delta, "-", 0.0, 2.0)
        check_number("temperature_c", self.temperature_c, "°C", 0.0, 45.0)
        check_number("off_voltage_share", self.off_voltage_share, "-", 0.0, 1.0)
        check_choice("status", self.status, _STATUSES)
        check_choice("kd_status", self.kd_status, _STATUSES)
        _check_text(name=self.name, source=self.source, notes=self.notes)
        check_number("egress_per_s", self.egress_per_s, "s^-1", 0.0, 1e4)
        check_choice("model", self.model, MODELS)

    @property
    def kinetic_kd_um(self) -> float:
        """k_off / k_on at :data:`KINETIC_REFERENCE_MV`, in µM."""
        return self.k_off_per_s / self.k_on_per_m_s * 1e6


@dataclass(frozen=True)
class GatingParameters:
    """Channel gating rates shared by all drugs (gating is independent of block).

    Parameters
    ----------
    opening_rate_per_s : float
        α, opening rate while agonist is present (s⁻¹); zero without agonist. ASSUMED 20 s⁻¹ in both models
        (evidence key ``model.opening_rate_per_s``). Note the model's floor: closed-blocked channels at the
        start of washout are all caught, so the race can never trap less than 1 − α/(α+β).
    closing_rate_per_s : float
        β, closing rate of open and open-blocked channels (s⁻¹), with or without agonist. Race model: FITTED,
        0.788 s⁻¹ reproduces lanicemine's 54 % trapping (Mealing1999) with the published k_off and α = 20 s⁻¹.
        Egress model: ASSUMED 10 s⁻¹, so that the race alone traps about 95 % (see :data:`EGRESS_GATING`).
    escape_rate_per_s : float
        An escape of *every* drug from the closed channel, CB → C (s⁻¹), added to the drug's own
        ``BlockerParameters.egress_per_s``. 0 by default in both models (the egress model keeps its rates per
        drug); exercises may set it to explore "partial trapping".
    status, source : str
        Provenance ("fitted" or "assumed"; see ``notes``).
    notes : str
        Per-rate provenance.
    """

    opening_rate_per_s: float = float(_ev.value("model.opening_rate_per_s"))
    closing_rate_per_s: float = float(_ev.value("model.race.closing_rate_per_s"))
    escape_rate_per_s: float = 0.0
    status: str = "fitted"
    source: str = "Mealing1999"
    notes: str = (
        "race model: alpha 20 s^-1 ASSUMED; beta 0.788 s^-1 FITTED to lanicemine's 54 % trapping (Mealing1999) "
        "with the published k_off; no escape from the closed channel (complete trapping)."
    )

    def __post_init__(self) -> None:
        check_number("opening_rate_per_s", self.opening_rate_per_s, "s^-1", 0, 1e4, low_open=True)
        check_number("closing_rate_per_s", self.closing_rate_per_s, "s^-1", 0, 1e4, low_open=True)
        check_number("escape_rate_per_s", self.escape_rate_per_s, "s^-1", 0, 1e4)
        check_choice("status", self.status, _STATUSES)
        _check_text(source=self.source, notes=self.notes)

    @property
    def open_probability(self) -> float:
        """α/(α+β): open probability under saturating agonist (dimensionless)."""
        return self.opening_rate_per_s / (self.opening_rate_per_s + self.closing_rate_per_s)


#: Gating of the race model (α assumed, β fitted to lanicemine's 54 %).
DEFAULT_GATING = GatingParameters()
#: Gating of the egress model. β = 10 s⁻¹ is an ASSUMPTION (evidence key ``model.egress.closing_rate_per_s``):
#: in the authors' reading the gate shuts before a drug with lanicemine's k_off can leave, so the race alone
#: must trap at least ketamine's 86 % (β above about 3.6 s⁻¹ with α = 20 s⁻¹); 10 s⁻¹ makes it trap 95.5 %,
#: and the drugs lose the rest through egress. The fitted egress rates change little with this choice (for
#: lanicemine 0.0043 s⁻¹ at β = 5 s⁻¹, 0.0050 s⁻¹ at β = 20 s⁻¹).
EGRESS_GATING = GatingParameters(
    closing_rate_per_s=float(_ev.value("model.egress.closing_rate_per_s")),
    status="assumed",
    source="Mealing1999",
    notes=(
        "egress model: alpha 20 s^-1 ASSUMED; beta 10 s^-1 ASSUMED (the race alone traps about 95 %); the escape "
        "from closed channels is each drug's fitted egress_per_s."
    ),
)
_GATING_BY_MODEL: Mapping[str, GatingParameters] = MappingProxyType({"race": DEFAULT_GATING, "egress": EGRESS_GATING})


def gating_for(model: str = DEFAULT_MODEL) -> GatingParameters:
    """The default gating of a trapping model ("race": :data:`DEFAULT_GATING`, "egress": :data:`EGRESS_GATING`).

    Raises
    ------
    ValueError
        For a model other than those in :data:`MODELS`.
    """
    return _GATING_BY_MODEL[check_choice("model", model, MODELS)]


def _build_blockers(model: str) -> Mapping[str, BlockerParameters]:
    zd = woodhull_z_delta(_KD0_UM, _KD_M60_UM, KINETIC_REFERENCE_MV, DEFAULT_TEMPERATURE_C)
    # e-fold factor between 0 and -60 mV implied by lanicemine's zδ: exactly 60/11.
    factor_0_to_m60 = _KD0_UM / _KD_M60_UM
    lan_egress = float(_ev.value("model.egress.egress_per_s.lanicemine")) if model == "egress" else 0.0
    lan = BlockerParameters(
        name="lanicemine",
        k_on_per_m_s=_K_ON_LAN,
        k_off_per_s=_K_OFF_LAN,
        kd0_um=_KD0_UM,
        z_delta=zd,
        status="published",
        kd_status="published",
        source="Mealing1997",
        notes=(
            "k_on, k_off and K_D (60 µM at 0 mV, 11 µM at -60 mV) published (Mealing1997); z_delta derived from "
            "the two K_D values at the assumed 37 °C (an effective value: part of the block is voltage-"
            "insensitive); kinetic constants assumed to apply at -60 mV; off_voltage_share 0.5 assumed."
            + (
                f" Egress model: egress_per_s {lan_egress:g} s^-1 fitted to 54 % trapping (Mealing1999)."
                if model == "egress"
                else ""
            )
        ),
        egress_per_s=lan_egress,
        model=model,
    )
    out = {"lanicemine": lan}
    # Ketamine and memantine. K_D(-60 mV) is ASSUMED from the published initial block (10 µM -> 80 % / 81 %,
    # read as equilibrium one-site block at -60 mV): K_D = c (1 - f) / f. Voltage dependence ASSUMED equal to
    # lanicemine's (illustrative). k_on = k_off / K_D(-60 mV), so the kinetic and equilibrium K_D agree.
    # Race model: k_off FITTED to the trapped fractions (86 %, 71 %) with the shared gating.
    # Egress model: k_off = lanicemine's published value for all three ("similar rapid on-off rates",
    # Mealing1999), egress_per_s FITTED to the trapped fraction.
    for drug in ("ketamine", "memantine"):
        c = MEALING1999_CONC_UM[drug]
        f = MEALING1999_INITIAL_BLOCK[drug]
        kd_m60 = c * (1.0 - f) / f
        if model == "race":
            k_off = float(_ev.value(f"model.race.k_off_per_s.{drug}"))
            egress = 0.0
            how = (
                f"k_off fitted to the Mealing1999 trapped fraction ({MEALING1999_TRAPPED[drug]:.0%}) with the "
                "shared race-model gating"
            )
        else:
            k_off = _K_OFF_LAN
            egress = float(_ev.value(f"model.egress.egress_per_s.{drug}"))
            how = (
                "k_off = lanicemine's published value (similar on-off kinetics, Mealing1999); egress_per_s "
                f"{egress:g} s^-1 fitted to the Mealing1999 trapped fraction ({MEALING1999_TRAPPED[drug]:.0%})"
            )
        out[drug] = BlockerParameters(
            name=drug,
            k_on_per_m_s=k_off / (kd_m60 * 1e-6),
            k_off_per_s=k_off,
            kd0_um=kd_m60 * factor_0_to_m60,
            z_delta=zd,
            status="fitted",
            kd_status="assumed",
            source="Mealing1999",
            notes=(
                f"{how}; K_D(-60 mV) = {kd_m60:.3g} µM assumed from the published initial block ({f:.0%} at "
                f"{c:g} µM); k_on = k_off / K_D(-60 mV); z_delta assumed equal to lanicemine's (illustrative)."
            ),
            egress_per_s=egress,
            model=model,
        )
    return MappingProxyType(out)


#: The drugs of the race model (read-only mapping of frozen dataclasses); the library default.
BLOCKERS: Mapping[str, BlockerParameters] = _build_blockers("race")
#: The drugs of the egress model (shared published k_off, fitted egress rates).
EGRESS_BLOCKERS: Mapping[str, BlockerParameters] = _build_blockers("egress")
_BLOCKERS_BY_MODEL: Mapping[str, Mapping[str, BlockerParameters]] = MappingProxyType(
    {"race": BLOCKERS, "egress": EGRESS_BLOCKERS}
)


def get_blocker(drug: str | BlockerParameters, model: str | None = None) -> BlockerParameters:
    """Return the parameters of ``drug`` under a trapping model, or pass a custom set through.

    Two models explain why lanicemine traps less than ketamine and memantine (Mealing1999), and both
    reproduce the published 54 / 86 / 71 % after a 120 s washout:

    - ``"egress"`` — the authors' reading: the three drugs have similar on-off kinetics, so all share
      lanicemine's published k_off (0.722 s⁻¹), the gate closes fast (:data:`EGRESS_GATING`, β assumed), and
      each drug leaves the *closed* channel at its own fitted rate ``egress_per_s`` (γ, CB → C);
    - ``"race"`` — the book's earlier model: no escape from the closed channel (γ = 0); a slower gate
      (:data:`DEFAULT_GATING`, β fitted) races the drug's own k_off (published for lanicemine, fitted for the
      others).

    Parameters
    ----------
    drug : str or BlockerParameters
        One of :data:`AVAILABLE_DRUGS`, or custom parameters (returned unchanged; they carry their own
        ``model``).
    model : str, optional
        One of :data:`MODELS`; default :data:`DEFAULT_MODEL` ("race"). For custom parameters it must be
        omitted or equal their ``model``.

    Raises
    ------
    ValueError
        For an unknown drug or model (the message lists the allowed values), or a ``model`` that contradicts
        custom parameters.

    Examples
    --------
    >>> get_blocker("ketamine", model="egress").k_off_per_s == get_blocker("lanicemine").k_off_per_s
    True
    >>> get_blocker("lanicemine", model="race").egress_per_s
    0.0
    """
    if model is not None:
        model = check_choice("model", model, MODELS)
    if isinstance(drug, BlockerParameters):
        if model is not None and model != drug.model:
            raise ValueError(
                f"model must match the custom parameters' model ({drug.model!r}) or be omitted; got {model!r}"
            )
        return drug
    drug = check_choice("drug", drug, AVAILABLE_DRUGS)
    return _BLOCKERS_BY_MODEL[model or DEFAULT_MODEL][drug]


def _check_voltage(voltage_mv: Any) -> np.ndarray:
    return check_array("voltage_mv", voltage_mv, "mV", *VOLTAGE_RANGE_MV)


def kd_um(voltage_mv: Any, drug: str | BlockerParameters = "lanicemine") -> np.ndarray | float:
    """Equilibrium dissociation constant K_D(V) = K_D(0)·exp(zδ·F·V/(R·T)) in µM.

    Parameters
    ----------
    voltage_mv : float or array_like
        Membrane potential (mV) in [−120, 60].
    drug : str or BlockerParameters
        "lanicemine" (published: 60 µM at 0 mV, 11 µM at −60 mV), "ketamine" or "memantine" (assumed,
        illustrative), or a custom :class:`BlockerParameters`.

    Returns
    -------
    float or numpy.ndarray
        K_D in µM (a float for scalar input).
    """
    b = get_blocker(drug)
    v = _check_voltage(voltage_mv)
    out = b.kd0_um * np.exp(b.z_delta * v / _rt_over_f_mv(b.temperature_c))
    return float(out) if out.ndim == 0 else out


def kinetic_kd_um(drug: str | BlockerParameters = "lanicemine", voltage_mv: Any = KINETIC_REFERENCE_MV):
    """Kinetic dissociation constant k_off(V)/k_on(V) in µM (30.0 µM for lanicemine at −60 mV).

    Shares the Woodhull voltage dependence of :func:`kd_um`, scaled from :data:`KINETIC_REFERENCE_MV`.
    For lanicemine this differs from the equilibrium K_D (11 µM at −60 mV): both are published
    (Mealing1997) but come from different protocols.

    Parameters
    ----------
    drug : str or BlockerParameters
        Drug name or parameters.
    voltage_mv : float or array_like
        Membrane potential (mV) in [−120, 60]; default −60 mV.

    Returns
    -------
    float or numpy.ndarray
        K_D in µM.
    """
    b = get_blocker(drug)
    v = _check_voltage(voltage_mv)
    out = b.kinetic_kd_um * np.exp(b.z_delta * (v - KINETIC_REFERENCE_MV) / _rt_over_f_mv(b.temperature_c))
    return float(out) if out.ndim == 0 else out


def fraction_blocked(
    conc_um: Any,
    voltage_mv: Any,
    drug: str | BlockerParameters = "lanicemine",
    basis: str = "equilibrium",
) -> np.ndarray | float:
    """Equilibrium fraction of open channels blocked, ``c / (c + K_D(V))`` (dimensionless, 0–1).

    Parameters
    ----------
    conc_um : float or array_like
        Blocker concentration at the receptor (µM), finite, in [0, 1e6].
    voltage_mv : float or array_like
        Membrane potential (mV), in [−120, 60] (the Woodhull exponential is not trusted beyond this range).
        Broadcasts against ``conc_um`` with the usual numpy rules.
    drug : str or BlockerParameters
        "lanicemine", "ketamine" or "memantine" (see :data:`BLOCKERS` for provenance).
    basis : {"equilibrium", "kinetic"}
        "equilibrium" (default) uses the published equilibrium K_D (:func:`kd_um`): for lanicemine half block
        at 60 µM and 0 mV and at 11 µM and −60 mV. "kinetic" uses k_off/k_on (:func:`kinetic_kd_um`), which is
        what the kinetic model reaches at steady state (30 µM for lanicemine at −60 mV).

    Returns
    -------
    float or numpy.ndarray
        Fraction blocked; a float for scalar inputs, otherwise an array of the broadcast shape.

    Raises
    ------
    ValueError
        For negative, NaN or infinite concentrations, voltages out of range, an unknown drug (the message
        lists the drugs) or an unknown basis.

    Examples
    --------
    Lanicemine's published half-block points: 11 µM at −60 mV and 60 µM at 0 mV (Woodhull model):

    >>> round(fraction_blocked(11.0, -60.0), 3), round(fraction_blocked(60.0, 0.0), 3)
    (0.5, 0.5)
    >>> round(fraction_blocked(11.0, 0.0), 2)  # the same concentration blocks less at 0 mV
    0.15
    """
    c = check_array("conc_um", conc_um, "µM", 0.0, MAX_CONC_UM)
    v = _check_voltage(voltage_mv)
    b = get_blocker(drug)
    basis = check_choice("basis", basis, ("equilibrium", "kinetic"))
    try:
        c, v = np.broadcast_arrays(c, v)
    except ValueError:
        raise ValueError(
            f"conc_um (µM) and voltage_mv (mV) must have broadcastable shapes; got {c.shape} and {v.shape}"
        ) from None
    kd = kd_um(v, b) if basis == "equilibrium" else kinetic_kd_um(b, v)
    out = c / (c + np.asarray(kd))
    return float(out) if out.ndim == 0 else out


# --- kinetic model ------------------------------------------------------------------------------------
def rate_constants(
    drug: str | BlockerParameters = "lanicemine", voltage_mv: float = -60.0, *, model: str | None = None
) -> tuple[float, float]:
    """k_on (M⁻¹ s⁻¹) and k_off (s⁻¹) at ``voltage_mv`` (Woodhull scaling from −60 mV).

    ``k_off(V) = k_off·exp(s·zδ·F(V − V_ref)/RT)`` and
    ``k_on(V) = k_on·exp(−(1 − s)·zδ·F(V − V_ref)/RT)``,
    with ``s`` = ``off_voltage_share`` (assumed 0.5) and ``V_ref`` = −60 mV (assumed). At −60 mV these are the
    published (lanicemine; every drug's k_off in the egress model) or fitted (race model: ketamine, memantine)
    values. ``model`` is one of :data:`MODELS` (default :data:`DEFAULT_MODEL`), see :func:`get_blocker`.
    """
    b = get_blocker(drug, model)
    v = check_number("voltage_mv", voltage_mv, "mV", *VOLTAGE_RANGE_MV)
    x = b.z_delta * (v - KINETIC_REFERENCE_MV) / _rt_over_f_mv(b.temperature_c)
    return (
        b.k_on_per_m_s * math.exp(-(1.0 - b.off_voltage_share) * x),
        b.k_off_per_s * math.exp(b.off_voltage_share * x),
    )


@dataclass(frozen=True)
class ProtocolSegment:
    """One piece of a protocol with constant conditions.

    Parameters
    ----------
    duration_s : float
        Length of the segment (s), in (0, 1e5].
    agonist : bool
        Whether agonist (NMDA/glycine) is present (channels can open) or absent.
    blocker_um : float
        Blocker concentration (µM) in [0, 1e6].
    """

    duration_s: float
    agonist: bool
    blocker_um: float = 0.0

    def __post_init__(self) -> None:
        check_number("duration_s", self.duration_s, "s", 0.0, 1e5, low_open=True)
        object.__setattr__(self, "agonist", check_flag("agonist", self.agonist))
        check_number("blocker_um", self.blocker_um, "µM", 0.0, MAX_CONC_UM)


@dataclass(frozen=True)
class ProtocolResult:
    """State probabilities over time from :func:`simulate_protocol`.

    Attributes
    ----------
    t_s : numpy.ndarray
        Times (s), shape (n,).
    probabilities : numpy.ndarray
        Probabilities of the states :data:`STATES` (C, O, OB, CB), shape (n, 4); rows sum to 1.
    segment_starts_s : tuple of float
        Start time (s) of each segment, plus the end of the protocol as the last entry.
    drug : str
        Drug name.
    voltage_mv : float
        Membrane potential (mV).
    """

    t_s: np.ndarray
    probabilities: np.ndarray
    segment_starts_s: tuple[float, ...]
    drug: str
    voltage_mv: float

    def state(self, name: str) -> np.ndarray:
        """Probability of one state ("C", "O", "OB" or "CB") over time."""
        return self.probabilities[:, STATES.index(check_choice("name", name, STATES))]

    @property
    def blocked(self) -> np.ndarray:
        """Fraction of channels carrying a blocker, OB + CB (dimensionless)."""
        return self.probabilities[:, 2] + self.probabilities[:, 3]

    @property
    def open(self) -> np.ndarray:
        """Fraction of channels open and unblocked (conducting), O."""
        return self.probabilities[:, 1]

    def to_frame(self) -> pd.DataFrame:
        """The result as a DataFrame with columns t_s, C, O, OB, CB and blocked."""
        df = pd.DataFrame(self.probabilities, columns=list(STATES))
        df.insert(0, "t_s", self.t_s)
        df["blocked"] = self.blocked
        return df


def _resolve_gating(gating: GatingParameters | None, blocker: BlockerParameters | None = None) -> GatingParameters:
    if gating is None:
        return _GATING_BY_MODEL[blocker.model if blocker is not None else DEFAULT_MODEL]
    if not isinstance(gating, GatingParameters):
        check_choice("gating", f"<{type(gating).__name__}>", ("GatingParameters", "None"))
    return gating


def generator_matrix(
    agonist: bool,
    blocker_um: float,
    drug: str | BlockerParameters = "lanicemine",
    voltage_mv: float = -60.0,
    gating: GatingParameters | None = None,
    *,
    model: str | None = None,
) -> np.ndarray:
    """Generator (rate) matrix Q of the C/O/OB/CB model, rows = from-state (s⁻¹).

    ``Q[i, j]`` is the rate from state i to state j (i ≠ j); each row sums to zero. Probabilities (row
    vector ``p``) obey ``dp/dt = p·Q``. The escape CB → C is the drug's ``egress_per_s`` plus the gating's
    ``escape_rate_per_s``. ``model`` (one of :data:`MODELS`) picks the drug's parameters and, when ``gating``
    is None, the model's gating (:func:`gating_for`).
    """
    seg = ProtocolSegment(1.0, agonist, blocker_um)  # validates agonist and concentration
    blocker = get_blocker(drug, model)
    g = _resolve_gating(gating, blocker)
    k_on, k_off = rate_constants(blocker, voltage_mv)
    a = g.opening_rate_per_s if seg.agonist else 0.0
    b = g.closing_rate_per_s
    q = np.zeros((4, 4))
    C, O, OB, CB = range(4)
    q[C, O] = a
    q[O, C] = b
    q[O, OB] = k_on * seg.blocker_um * 1e-6
    q[OB, O] = k_off
    q[OB, CB] = b
    q[CB, OB] = a
    q[CB, C] = g.escape_rate_per_s + blocker.egress_per_s
    q[np.diag_indices(4)] = -q.sum(axis=1)
    return q


def steady_state(
    blocker_um: float,
    drug: str | BlockerParameters = "lanicemine",
    voltage_mv: float = -60.0,
    gating: GatingParameters | None = None,
    *,
    model: str | None = None,
) -> np.ndarray:
    """Exact steady-state probabilities (C, O, OB, CB) under constant agonist and blocker.

    Solves ``p·Q = 0`` with ``sum(p) = 1`` (the chain is irreducible with agonist present). With no escape
    from the closed channel (the race model) the blocked fraction OB + CB equals
    ``fraction_blocked(blocker_um, voltage_mv, drug, basis="kinetic")``; egress lowers it slightly.
    ``model``: one of :data:`MODELS` (see :func:`get_blocker`).
    """
    q = generator_matrix(True, blocker_um, drug, voltage_mv, gating, model=model)
    a = np.vstack([q.T, np.ones(4)])
    rhs = np.zeros(5)
    rhs[-1] = 1.0
    p, *_ = np.linalg.lstsq(a, rhs, rcond=None)
    return _clean(p)


def _clean(p: np.ndarray) -> np.ndarray:
    """Remove round-off negatives (≥ −1e-12) and renormalise; larger violations are bugs."""
    if np.any(p < -1e-9):
        raise RuntimeError(f"negative probability {p.min()!r} from the exact solution (bug)")
    p = np.clip(p, 0.0, None)
    return p / p.sum(axis=-1, keepdims=True)


def simulate_protocol(
    segments: Sequence[ProtocolSegment],
    drug: str | BlockerParameters = "lanicemine",
    voltage_mv: float = -60.0,
    t_eval: Any = None,
    *,
    initial: Any = None,
    gating: GatingParameters | None = None,
    points_per_segment: int = 200,
    model: str | None = None,
) -> ProtocolResult:
    """Simulate the C/O/OB/CB channel model exactly through a piecewise-constant protocol.

    Within a segment the generator ``Q`` is constant, so ``p(t) = p(t_k)·expm(Q_k·(t − t_k))`` is exact
    (no ODE-solver error); the state at the end of one segment starts the next.

    Parameters
    ----------
    segments : sequence of ProtocolSegment
        The protocol, in order (1 to 1000 segments).
    drug : str or BlockerParameters
        "lanicemine", "ketamine", "memantine" or custom parameters.
    voltage_mv : float
        Holding potential (mV) in [−120, 60]; default −60 mV.
    t_eval : array_like, optional
        Times (s) at which to report, each in [0, total duration]. Default: ``points_per_segment`` evenly
        spaced points in each segment (segment ends included).
    initial : array_like, optional
        Initial probabilities of (C, O, OB, CB), each in [0, 1], summing to 1. Default: all channels in C
        (resting, drug-free).
    gating : GatingParameters, optional
        Shared gating rates; default the model's (:func:`gating_for`).
    points_per_segment : int
        Points per segment for the default time grid, in [2, 10000].
    model : str, optional
        Trapping model, one of :data:`MODELS` (default :data:`DEFAULT_MODEL`); see :func:`get_blocker`.

    Returns
    -------
    ProtocolResult
        Times and state probabilities (non-negative; rows sum to 1).
    """
    if isinstance(segments, ProtocolSegment):
        segs: tuple = (segments,)
    else:
        segs = tuple(check_sequence("segments", segments, "1 to 1000 ProtocolSegment objects (s, µM)"))
    check_int("len(segments)", len(segs), "segments", 1, 1000)
    for s in segs:
        if not isinstance(s, ProtocolSegment):
            check_choice("segments", f"<{type(s).__name__}>", ("ProtocolSegment",))
    b = get_blocker(drug, model)
    voltage_mv = check_number("voltage_mv", voltage_mv, "mV", *VOLTAGE_RANGE_MV)
    g = _resolve_gating(gating, b)
    points_per_segment = check_int("points_per_segment", points_per_segment, "points", 2, 10000)
    if initial is None:
        p0 = np.array([1.0, 0.0, 0.0, 0.0])
    else:
        p0 = check_array("initial", initial, "probability", 0.0, 1.0).reshape(-1)
        check_int("len(initial)", p0.size, "states", 4, 4)
        check_number("sum(initial)", p0.sum(), "probability", 1.0 - 1e-9, 1.0 + 1e-9)
        p0 = p0 / p0.sum()

    starts = np.concatenate([[0.0], np.cumsum([s.duration_s for s in segs])])
    qs = [generator_matrix(s.agonist, s.blocker_um, b, voltage_mv, g) for s in segs]
    p_start = [p0]
    for q, s in zip(qs, segs):
        p_start.append(_clean(p_start[-1] @ expm(q * s.duration_s)))

    if t_eval is None:
        t = np.unique(
            np.concatenate([np.linspace(starts[k], starts[k + 1], points_per_segment) for k in range(len(segs))])
        )
    else:
        t = np.array(check_array("t_eval", t_eval, "s", 0.0, float(starts[-1])), dtype=float).reshape(-1)
    idx = np.clip(np.searchsorted(starts, t, side="right") - 1, 0, len(segs) - 1)
    probs = np.empty((t.size, 4))
    for k in np.unique(idx):
        sel = np.flatnonzero(idx == k)
        # Step from one report time to the next within the segment: p(t_i) = p(t_{i-1})·expm(Q·Δt_i). On an
        # even grid the steps are equal, so the propagator expm(Q·Δt) is computed once and reused (a handful
        # of expm calls per segment instead of one per point); still exact up to floating-point round-off.
        sel = sel[np.argsort(t[sel], kind="stable")]
        cache: dict[float, np.ndarray] = {}
        p, prev = p_start[k], float(starts[k])
        for i in sel:
            dt = float(t[i]) - prev
            key = float(f"{dt:.12g}")
            if key not in cache:
                cache[key] = expm(qs[k] * dt)
            p = p @ cache[key]
            probs[i] = p
            prev = float(t[i])
    probs = _clean(probs) if probs.size else probs
    t.setflags(write=False)
    probs.setflags(write=False)
    return ProtocolResult(t, probs, tuple(float(x) for x in starts), b.name, voltage_mv)


def _protocol_conc(drug: str | BlockerParameters, conc_um: float | None) -> float:
    b = get_blocker(drug)
    if conc_um is None:
        return MEALING1999_CONC_UM.get(b.name, 10.0)
    return check_number("conc_um", conc_um, "µM", 0.0, MAX_CONC_UM, low_open=True)


def mealing1999_protocol(
    drug: str | BlockerParameters = "lanicemine",
    *,
    conc_um: float | None = None,
    loading_s: float = 30.0,
    washout_s: float = MEALING1999_WASHOUT_S,
    reapply_s: float = 20.0,
    voltage_mv: float = -60.0,
    gating: GatingParameters | None = None,
    start_at_steady_state: bool = True,
    points_per_segment: int = 200,
    model: str | None = None,
) -> ProtocolResult:
    """Time course of the Mealing 1999 trapping protocol (model-predicted).

    Agonist + blocker (``loading_s``) → agonist- and drug-free washout (``washout_s``) → agonist without drug
    (``reapply_s``). By default the loading phase starts at the steady state of agonist + blocker (as in the
    paper, block was at steady state before washout); with ``start_at_steady_state=False`` it starts from
    resting, drug-free channels.

    Parameters
    ----------
    drug : str or BlockerParameters
        Drug.
    conc_um : float, optional
        Blocker concentration (µM) during loading, > 0. Default: the paper's (50 µM lanicemine, 10 µM
        ketamine, 10 µM memantine; 10 µM for a custom drug).
    loading_s, washout_s, reapply_s : float
        Phase durations (s), each in (0, 1e5].
    voltage_mv : float
        Holding potential (mV); default −60 mV.
    gating : GatingParameters, optional
        Shared gating (default: the model's, :func:`gating_for`).
    start_at_steady_state : bool
        See above.
    points_per_segment : int
        Time points per phase.
    model : str, optional
        Trapping model, one of :data:`MODELS` (default :data:`DEFAULT_MODEL`); see :func:`get_blocker`.
    """
    for name, value in (("loading_s", loading_s), ("washout_s", washout_s), ("reapply_s", reapply_s)):
        check_number(name, value, "s", 0.0, 1e5, low_open=True)
    check_flag("start_at_steady_state", start_at_steady_state)
    b = get_blocker(drug, model)
    c = _protocol_conc(b, conc_um)
    segs = (
        ProtocolSegment(loading_s, True, c),
        ProtocolSegment(washout_s, False, 0.0),
        ProtocolSegment(reapply_s, True, 0.0),
    )
    initial = steady_state(c, b, voltage_mv, gating) if start_at_steady_state else None
    return simulate_protocol(segs, b, voltage_mv, initial=initial, gating=gating, points_per_segment=points_per_segment)


def washout_time_course(
    drug: str | BlockerParameters = "lanicemine",
    washout_s: float = MEALING1999_WASHOUT_S,
    *,
    conc_um: float | None = None,
    voltage_mv: float = -60.0,
    gating: GatingParameters | None = None,
    n_points: int = 241,
    model: str | None = None,
) -> pd.DataFrame:
    """Fraction of the initial block still present during an agonist- and drug-free washout.

    Starts from the steady state under agonist + blocker (the paper's concentration by default).

    Parameters
    ----------
    drug, conc_um, voltage_mv, gating, model
        As in :func:`trapped_fraction`.
    washout_s : float
        Washout length (s), in (0, 1e5].
    n_points : int
        Number of time points, in [2, 100000].

    Returns
    -------
    pandas.DataFrame
        Columns ``t_s`` (s since washout began), ``block_remaining`` ((OB+CB)/initial block),
        ``trapped`` (CB/initial block: closed around the drug) and ``open_blocked`` (OB/initial block: still
        open, free to unblock). All model-predicted, dimensionless.
    """
    b = get_blocker(drug, model)
    c = _protocol_conc(b, conc_um)
    washout_s = check_number("washout_s", washout_s, "s", 0.0, 1e5, low_open=True)
    n_points = check_int("n_points", n_points, "points", 2, 100000)
    p0 = steady_state(c, b, voltage_mv, gating)
    res = simulate_protocol(
        [ProtocolSegment(washout_s, False, 0.0)],
        b,
        voltage_mv,
        t_eval=np.linspace(0.0, washout_s, n_points),
        initial=p0,
        gating=gating,
    )
    initial_block = p0[2] + p0[3]
    return pd.DataFrame(
        {
            "t_s": res.t_s,
            "block_remaining": res.blocked / initial_block,
            "trapped": res.state("CB") / initial_block,
            "open_blocked": res.state("OB") / initial_block,
        }
    )


def trapped_fraction(
    drug: str | BlockerParameters = "lanicemine",
    washout_s: float = MEALING1999_WASHOUT_S,
    *,
    conc_um: float | None = None,
    voltage_mv: float = -60.0,
    gating: GatingParameters | None = None,
    model: str | None = None,
) -> float:
    """Fraction of the initial block still present after an agonist-free washout (Mealing 1999 protocol).

    Agonist + blocker to steady state (50 µM lanicemine, 10 µM ketamine or memantine by default), then
    agonist- and drug-free washout for ``washout_s``; returns (OB + CB) at the start of agonist re-application
    divided by (OB + CB) at the start of washout. Both models give 0.54 (lanicemine), 0.86 (ketamine) and
    0.71 (memantine) after 120 s, the published values (Mealing1999) — by construction, since their free
    rates were fitted to them (:func:`fit_trapping_parameters`, :func:`fit_egress_parameters`).

    **The race** (both models). When agonist is removed, a channel that is open and blocked (OB) either loses
    its drug (rate k_off; it then closes empty) or closes around it (rate β; it is then trapped), so closing
    wins with probability β / (β + k_off). Channels already closed-and-blocked (CB) at washout are caught
    outright. With ``p = α/(α+β)`` of the block in OB, the race traps

        R = (1 − p) + p · β / (β + k_off)

    within a few 1/(β + k_off) seconds.

    **Egress** (the "egress" model). A trapped drug then leaves the closed channel at rate γ
    (``egress_per_s``), so the trapped fraction keeps falling, roughly as ``R · exp(−γ·t)``. In the
    "race" model γ = 0 and the fraction stays at R however long the washout. That is the experiment that
    tells the two models apart: measure trapping after several washout durations.

    Parameters
    ----------
    drug : str or BlockerParameters
        Drug name or custom parameters.
    washout_s : float
        Washout length (s), in (0, 1e5]; the paper used 120 s.
    conc_um : float, optional
        Loading concentration (µM); default the paper's. With block-independent gating and no egress the
        trapped fraction does not depend on it.
    voltage_mv : float
        Holding potential (mV), in [−120, 60]; default −60 mV (k_off is voltage-dependent).
    gating : GatingParameters, optional
        Gating rates; default the model's (:data:`DEFAULT_GATING` or :data:`EGRESS_GATING`).
    model : str, optional
        "egress" or "race" (:data:`MODELS`); default :data:`DEFAULT_MODEL`. See :func:`get_blocker`.

    Returns
    -------
    float
        Trapped fraction of the initial block (dimensionless, model-predicted).

    Raises
    ------
    ValueError
        For an unknown drug or model (the message lists the allowed values) or an out-of-range number.

    Examples
    --------
    >>> round(trapped_fraction("lanicemine", 120, model="egress"), 2), round(trapped_fraction("lanicemine", 120), 2)
    (0.54, 0.54)
    >>> trapped_fraction("lanicemine", 480, model="egress") < 0.2 < 0.5 < trapped_fraction("lanicemine", 480)
    True
    """
    b = get_blocker(drug, model)
    c = _protocol_conc(b, conc_um)
    washout_s = check_number("washout_s", washout_s, "s", 0.0, 1e5, low_open=True)
    p0 = steady_state(c, b, voltage_mv, gating)
    q = generator_matrix(False, 0.0, b, voltage_mv, gating)
    p1 = _clean(p0 @ expm(q * washout_s))
    return float((p1[2] + p1[3]) / (p0[2] + p0[3]))


@dataclass(frozen=True)
class TrappingFit:
    """Result of :func:`fit_trapping_parameters` (rates in s⁻¹)."""

    opening_rate_per_s: float
    closing_rate_per_s: float
    k_off_per_s: Mapping[str, float] = field(default_factory=dict)


def fit_trapping_parameters(opening_rate_per_s: float = DEFAULT_GATING.opening_rate_per_s) -> TrappingFit:
    """Re-derive the fitted parameters of the race model from the Mealing 1999 trapped fractions.

    Step 1: with lanicemine's published k_off (0.722 s⁻¹) and the assumed opening rate α, solve
    ``trapped = 1 − p·k_off/(β + k_off)`` (p = α/(α+β)) for the shared closing rate β so that lanicemine's
    trapped fraction is 0.54. Step 2: with that β, solve for the k_off of ketamine (0.86) and memantine (0.71).
    Root finding by Brent's method on the closed form (no egress, so the 120 s washout is complete).

    Parameters
    ----------
    opening_rate_per_s : float
        Assumed α (s⁻¹), in [1, 1e4]. Must exceed the lower limit needed to reach 54 % at all.

    Returns
    -------
    TrappingFit
        α, fitted β and fitted k_off per drug (lanicemine's is the published value).
    """
    alpha = check_number("opening_rate_per_s", opening_rate_per_s, "s^-1", 1.0, 1e4)
    k_lan = BLOCKERS["lanicemine"].k_off_per_s

    def trapped(beta: float, k_off: float) -> float:
        return 1.0 - alpha / (alpha + beta) * k_off / (beta + k_off)

    beta = brentq(lambda x: trapped(x, k_lan) - MEALING1999_TRAPPED["lanicemine"], 1e-6, 1e4)
    k = {"lanicemine": k_lan}
    for drug in ("ketamine", "memantine"):
        k[drug] = brentq(lambda x, d=drug: trapped(beta, x) - MEALING1999_TRAPPED[d], 1e-8, 1e6)
    return TrappingFit(alpha, beta, MappingProxyType(k))


def fit_egress_parameters(closing_rate_per_s: float = EGRESS_GATING.closing_rate_per_s) -> Mapping[str, float]:
    """Re-derive the egress model's fitted egress rates γ (s⁻¹) from the Mealing 1999 trapped fractions.

    With every drug's k_off at lanicemine's published value, α = 20 s⁻¹ (assumed) and the given closing rate
    β, solve for each drug the γ (CB → C) at which the model traps the published fraction after 120 s
    (Brent's method on :func:`trapped_fraction`).

    Parameters
    ----------
    closing_rate_per_s : float
        β (s⁻¹), in [5, 1e4]: fast enough for the race alone to trap more than ketamine's 86 %. Default the
        assumed 10 s⁻¹ of :data:`EGRESS_GATING`.

    Returns
    -------
    mapping of str to float
        Fitted γ per drug (s⁻¹).
    """
    beta = check_number("closing_rate_per_s", closing_rate_per_s, "s^-1", 5.0, 1e4)
    gating = replace(EGRESS_GATING, closing_rate_per_s=beta)
    out = {}
    for drug in AVAILABLE_DRUGS:
        base = EGRESS_BLOCKERS[drug]

        def miss(gamma: float, base: BlockerParameters = base, drug: str = drug) -> float:
            b = replace(base, egress_per_s=gamma)
            return trapped_fraction(b, MEALING1999_WASHOUT_S, gating=gating) - MEALING1999_TRAPPED[drug]

        out[drug] = brentq(miss, 0.0, 1.0, xtol=1e-12)
    return MappingProxyType(out)


# --- occupancy over time ------------------------------------------------------------------------------
def occupancy_from_plasma(
    plasma_um: Any,
    voltage_mv: float = -60.0,
    unbound_fraction: float = 1.0,
    brain_to_plasma: float = 1.0,
) -> np.ndarray | float:
    """Equilibrium lanicemine block of open NMDA channels at a given plasma concentration (0–1).

    ``block = fraction_blocked(plasma_um · unbound_fraction · brain_to_plasma, voltage_mv)``.

    Parameters
    ----------
    plasma_um : float or array_like
        Total plasma concentration (µM), in [0, 1e6].
    voltage_mv : float
        Membrane potential (mV), in [−120, 60]; default −60 mV.
    unbound_fraction : float
        Fraction unbound in plasma, in (0, 1]. NOT AVAILABLE in the sources: adjustable assumption; the default
        1.0 (no protein binding) makes the block an upper bound *only with respect to protein binding*, given
        the assumed brain-to-plasma ratio and membrane potential.
    brain_to_plasma : float
        Unbound brain-to-plasma concentration ratio, in (0, 10]. NOT AVAILABLE: adjustable assumption; the
        default 1.0 (free equilibration) is an illustrative choice.
    """
    c = check_array("plasma_um", plasma_um, "µM", 0.0, MAX_CONC_UM)
    fu = check_number("unbound_fraction", unbound_fraction, "-", 0.0, 1.0, low_open=True)
    kp = check_number("brain_to_plasma", brain_to_plasma, "-", 0.0, 10.0, low_open=True)
    return fraction_blocked(c * fu * kp, voltage_mv, "lanicemine")


def occupancy_time_course(
    t_h: Any,
    regimen: Regimen,
    voltage_mv: float = -60.0,
    unbound_fraction: float = 1.0,
    brain_to_plasma: float = 1.0,
    params: PKParameters | None = None,
) -> np.ndarray | float:
    """Model-predicted fraction of open NMDA channels blocked by lanicemine over time (0–1).

    Plasma concentration from :func:`lanicemine_lib.pk.concentration` (mg/L, free base; converted to µM with
    :func:`lanicemine_lib.pk.mg_per_l_to_um`), scaled by ``unbound_fraction × brain_to_plasma``, then the
    equilibrium block :func:`fraction_blocked`. Equilibrium is a fair approximation because block relaxes
    within seconds (k_off ≈ 0.7 s⁻¹) while concentrations change over hours. Note the block applies to
    *open* channels at ``voltage_mv``; it is not a receptor-occupancy measurement.

    Parameters
    ----------
    t_h : float or array_like
        Time since the first dose (h); validated by :mod:`lanicemine_lib.pk`.
    regimen : lanicemine_lib.pk.Regimen
        Dosing regimen, e.g. ``Regimen.single(150)`` or ``Regimen.study9(100)``.
    voltage_mv : float
        Membrane potential (mV), in [−120, 60]; default −60 mV (K_D 11 µM).
    unbound_fraction : float
        In (0, 1]. NOT AVAILABLE; default 1.0 = no protein binding: an upper bound on block only with respect
        to protein binding (given ``brain_to_plasma`` and ``voltage_mv``).
    brain_to_plasma : float
        In (0, 10]. NOT AVAILABLE; default 1.0 (illustrative assumption).
    params : lanicemine_lib.pk.PKParameters, optional
        PK parameters; default the published typical values (PopPK). A population (array fields) gives one
        row per patient.

    Returns
    -------
    float or numpy.ndarray
        Fraction blocked, shape of ``t_h`` (``(n,) + t_h.shape`` for a population).
    """
    check_number("voltage_mv", voltage_mv, "mV", *VOLTAGE_RANGE_MV)
    check_number("unbound_fraction", unbound_fraction, "-", 0.0, 1.0, low_open=True)
    check_number("brain_to_plasma", brain_to_plasma, "-", 0.0, 10.0, low_open=True)
    from . import pk  # lazy: the PK module is developed separately

    conc_mg_l = pk.concentration(t_h, regimen, params if params is not None else pk.PKParameters())
    # Clip round-off negatives (if any) before the unit conversion, which rejects negative concentrations.
    conc_um = np.asarray(pk.mg_per_l_to_um(np.clip(np.asarray(conc_mg_l, dtype=float), 0.0, None)), dtype=float)
    out = occupancy_from_plasma(conc_um, voltage_mv, unbound_fraction, brain_to_plasma)
    return out


# --- published numbers ---------------------------------------------------------------------------------
def published_block_data() -> pd.DataFrame:
    """Mealing 1999 initial block and trapped fraction after 120 s agonist-free washout (VERIFIED).

    Returns
    -------
    pandas.DataFrame
        One row per drug: ``drug``, ``conc_um`` (µM), ``initial_block_pct``, ``initial_block_pm_pct``,
        ``trapped_pct``, ``trapped_pm_pct`` (%; the ± values as reported — our sources do not say
        whether they are SD or SEM), ``washout_s``, ``source``, ``status``.
    """
    rows = []
    for drug in AVAILABLE_DRUGS:
        rows.append(
            {
                "drug": drug,
                "conc_um": MEALING1999_CONC_UM[drug],
                "initial_block_pct": round(100 * MEALING1999_INITIAL_BLOCK[drug]),
                "initial_block_pm_pct": round(100 * MEALING1999_INITIAL_BLOCK_PM[drug]),
                "trapped_pct": round(100 * MEALING1999_TRAPPED[drug]),
                "trapped_pm_pct": round(100 * MEALING1999_TRAPPED_PM[drug]),
                "washout_s": MEALING1999_WASHOUT_S,
                "source": "Mealing1999",
                "status": "VERIFIED",
            }
        )
    return pd.DataFrame(rows)


def potency_reference() -> pd.DataFrame:
    """Published potency and kinetic figures for lanicemine (VERIFIED; read from the evidence registry).

    Returns
    -------
    pandas.DataFrame
        Columns ``quantity``, ``low``, ``high`` (equal for single values), ``unit``, ``text``, ``source``,
        ``status``. The gamma-EEG range is preclinical (mouse, rat and non-human primates), not a human
        finding.
    """
    rows = [
        ("Ki", "azoi.ki_um"),
        ("IC50 at NR2A/NR2B", "azoi.ic50_nr2a_nr2b_um"),
        ("off-rate (as a time)", "azoi.off_time_s"),
        ("trapping", "azoi.trapping_pct"),
        ("plasma concentration giving gamma-EEG increases (mouse, rat, non-human primate)", "azoi.gamma_eeg_plasma_um"),
        ("IC50 at −60 mV (rat cortical neurons)", "mealing1997.ic50_m60mv_um"),
        ("K_D at 0 mV", "mealing1997.kd_0mv_um"),
        ("K_D at −60 mV", "mealing1997.kd_m60mv_um"),
        ("k_on", "mealing1997.k_on_per_m_s"),
        ("k_off", "mealing1997.k_off_per_s"),
    ]
    pretty_units = {"M^-1 s^-1": "M⁻¹ s⁻¹", "s^-1": "s⁻¹"}
    out = []
    for quantity, key in rows:
        f = _ev.fact(key)
        unit = f["unit"]
        if isinstance(f["value"], str):
            low, high = _ev.bounds(key)
            text = f"{f['value']} {unit}"
        else:
            low = high = float(f["value"])
            shown = "2.406 × 10⁴" if key == "mealing1997.k_on_per_m_s" else f"{low:g}"
            text = f"{'~' if key == 'azoi.off_time_s' else ''}{shown} {pretty_units.get(unit, unit)}"
        out.append(
            {
                "quantity": quantity,
                "low": low,
                "high": high,
                "unit": unit,
                "text": text,
                "source": f["source"],
                "status": f["status"],
            }
        )
    return pd.DataFrame(out)
