"""Two-compartment intravenous-infusion pharmacokinetics of lanicemine, in closed form.

The model is the one of the population-PK analysis {cite:p}`PopPK`: a central compartment (volume ``V1``)
that receives a zero-order intravenous infusion and from which the drug is eliminated (clearance ``CL``),
exchanging with a peripheral compartment (volume ``V2``, inter-compartmental clearance ``Q``)::

    dA1/dt = R(t) - (CL/V1) A1 - (Q/V1) A1 + (Q/V2) A2
    dA2/dt =                     (Q/V1) A1 - (Q/V2) A2           C = A1 / V1

Typical values (VERIFIED, read in the PopPK *abstract*; its Table 1 was not seen, and the abstract prints V2 and Q
without units, so L and L/h are inferred): CL 9.43 L/h, V1 106 L, V2 47.3 L, Q 75.7 L/h. They are read from the
evidence registry (:mod:`lanicemine_lib.evidence`). Everything computed from them (half-lives, Vss,
concentrations) is *model-predicted*.

How the closed form works
-------------------------
The system has two eigenvalues ``alpha > beta > 0``. The plasma concentration is a sum of two *modes*
``C = y_alpha + y_beta``, each obeying ``dy_i/dt = -lambda_i y_i + R(t) c_i`` with
``c_alpha = (alpha - k21) / ((alpha - beta) V1)`` and ``c_beta = (k21 - beta) / ((alpha - beta) V1)``
(both positive). Each mode is propagated exactly from one infusion boundary to the next:

- during an infusion (dose ``D`` over ``T`` h, ``tau`` h after its start)
  ``y_i = y_i(start) exp(-lambda_i tau) + D c_i (tau / T) phi(lambda_i tau)``, with
  ``phi(x) = (1 - exp(-x)) / x`` evaluated through ``expm1`` (accurate for tiny ``x``);
- after it, ``y_i = y_i(end) exp(-lambda_i (t - t_end))``.

Every term is positive, so there is no cancellation, and only ``exp(-lambda (t - t_last_event))`` is ever
evaluated — never differences of large exponentials — so the result stays accurate for any ``t``.
:func:`ode_concentration` solves the same model numerically and is used only to validate this closed form.

Units: time h, dose mg, volume L, clearance L/h, concentration mg/L (``*_um`` helpers convert to µM,
assuming the doses are free base — the salt form used in the trials is NOT AVAILABLE in our sources).

For education only; this is not a dosing tool.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from . import evidence as _ev
from ._validation import check_array, check_flag, check_int, check_number

__all__ = [
    "MOLAR_MASS_FREE_BASE_G_PER_MOL",
    "Exposure",
    "Infusion",
    "PKParameters",
    "PopulationAssumptions",
    "PopulationResult",
    "Regimen",
    "accumulation_ratio",
    "amounts",
    "auc_infinity",
    "concentration",
    "exposure_metrics",
    "lognormal_cv_pct",
    "mg_per_l_to_um",
    "mode_components",
    "ode_concentration",
    "simulate_population",
    "time_above",
    "um_to_mg_per_l",
]

#: Molar mass of lanicemine free base, C13H14N2 (g/mol; DERIVED from the formula;
#: evidence key ``chem.molar_mass_free_base_g_per_mol``).
MOLAR_MASS_FREE_BASE_G_PER_MOL = float(_ev.value("chem.molar_mass_free_base_g_per_mol"))

# Allowed ranges (wide on purpose: they exist to keep the arithmetic finite, not to judge plausibility).
_CL_RANGE = (1e-3, 1e5)  # L/h
_V_RANGE = (1e-3, 1e6)  # L
_Q_RANGE = (1e-3, 1e5)  # L/h
_DOSE_RANGE = (0.0, 2000.0)  # mg
_DURATION_MAX_H = 48.0
_START_MAX_H = 1e5  # about 11 years
_MAX_INFUSIONS = 10_000
_ALPHA_CUTOFF = 40.0  # the alpha mode is dropped once it is < exp(-40) ~ 4e-18 of the beta mode
_TABLE_BLOCK = 128  # times per block of the fast path (scratch stays in cache)


# ---------------------------------------------------------------------------------------------------
# Parameters
# ---------------------------------------------------------------------------------------------------
def _check_param(name: str, value: Any, unit: str, bounds: tuple[float, float]) -> float | np.ndarray:
    """A scalar through check_number, a 1-D population array through check_array (elementwise)."""
    if isinstance(value, (list, tuple, np.ndarray)) and np.ndim(value) > 0:
        arr = _numeric_array(name, value, unit, bounds[0], bounds[1])
        if arr.ndim != 1 or arr.size == 0:
            raise ValueError(
                f"{name} must be a number or a non-empty 1-D array of numbers in "
                f"[{bounds[0]:g}, {bounds[1]:g}] {unit}; got an array of shape {arr.shape}"
            )
        arr = arr.copy()
        arr.setflags(write=False)
        return arr
    return check_number(name, value, unit, bounds[0], bounds[1])


@dataclass(frozen=True, eq=False)
class PKParameters:
    """Two-compartment PK parameters (the PopPK typical values, read in its abstract, by default).

    Parameters
    ----------
    cl : float or 1-D array
        Clearance from the central compartment, L/h, in [0.001, 1e5]. Default 9.43 (PopPK abstract, VERIFIED;
        evidence key ``poppk.cl_l_per_h``).
    v1 : float or 1-D array
        Central volume, L, in [0.001, 1e6]. Default 106 (PopPK abstract, VERIFIED; ``poppk.v1_l``).
    v2 : float or 1-D array
        Peripheral volume, L, in [0.001, 1e6]. Default 47.3 (PopPK abstract, VERIFIED; the abstract prints no
        unit, L inferred; ``poppk.v2_l``).
    q : float or 1-D array
        Inter-compartmental clearance, L/h, in [0.001, 1e5]. Default 75.7 (PopPK abstract, VERIFIED; unit L/h
        inferred; ``poppk.q_l_per_h``).

    Notes
    -----
    **Populations.** Each field may be a scalar (one patient) or a 1-D array (one value per virtual
    patient); scalars are broadcast against arrays, and all array fields must have the same length. Arrays
    are validated *elementwise* (every value finite and in range) and stored read-only. The derived
    properties then return arrays, and :func:`concentration` returns one row per patient. This single
    class is the vectorised path — there is no separate population class.

    Invalid values (``<= 0``, NaN, inf, booleans, strings) raise ``ValueError`` naming the parameter and
    its unit. Derived quantities (``alpha``, ``beta``, half-lives, ``vss``) are *model-predicted*:
    with the defaults, terminal half-life 11.41 h, alpha half-life 0.296 h, Vss 153.3 L (DERIVED).
    """

    cl: float | np.ndarray = float(_ev.value("poppk.cl_l_per_h"))
    v1: float | np.ndarray = float(_ev.value("poppk.v1_l"))
    v2: float | np.ndarray = float(_ev.value("poppk.v2_l"))
    q: float | np.ndarray = float(_ev.value("poppk.q_l_per_h"))

    def __post_init__(self) -> None:
        values = {
            "cl": _check_param("cl", self.cl, "L/h", _CL_RANGE),
            "v1": _check_param("v1", self.v1, "L", _V_RANGE),
            "v2": _check_param("v2", self.v2, "L", _V_RANGE),
            "q": _check_param("q", self.q, "L/h", _Q_RANGE),
        }
        lengths = {name: v.size for name, v in values.items() if isinstance(v, np.ndarray)}
        if len(set(lengths.values())) > 1:
            described = ", ".join(f"{k} has {n}" for k, n in lengths.items())
            raise ValueError(
                f"cl, v1, v2 and q (L/h, L, L, L/h) must be scalars or arrays of one common length; "
                f"got {described} values"
            )
        for name, v in values.items():
            object.__setattr__(self, name, v)

    # -- population helpers ----------------------------------------------------------------------
    @property
    def is_population(self) -> bool:
        """True when at least one field is an array (one value per virtual patient)."""
        return any(isinstance(getattr(self, f), np.ndarray) for f in ("cl", "v1", "v2", "q"))

    @property
    def n_subjects(self) -> int:
        """Number of patients described: 1 for scalar fields, else the common array length."""
        for f in ("cl", "v1", "v2", "q"):
            v = getattr(self, f)
            if isinstance(v, np.ndarray):
                return int(v.size)
        return 1

    def subject(self, i: int) -> PKParameters:
        """The scalar parameters of patient ``i`` (0-based) of a population."""
        i = check_int("i", i, "(patient index)", 0, self.n_subjects - 1)
        pick = {
            f: float(getattr(self, f)[i]) if isinstance(getattr(self, f), np.ndarray) else getattr(self, f)
            for f in ("cl", "v1", "v2", "q")
        }
        return PKParameters(**pick)

    def as_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``(cl, v1, v2, q)`` as float arrays of shape ``(n_subjects,)``."""
        n = self.n_subjects
        return tuple(np.broadcast_to(np.asarray(getattr(self, f), float), (n,)) for f in ("cl", "v1", "v2", "q"))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PKParameters):
            return NotImplemented
        return all(
            np.array_equal(np.asarray(getattr(self, f)), np.asarray(getattr(other, f)))
            and np.ndim(getattr(self, f)) == np.ndim(getattr(other, f))
            for f in ("cl", "v1", "v2", "q")
        )

    def __hash__(self) -> int:
        return hash(tuple(np.asarray(getattr(self, f), float).tobytes() for f in ("cl", "v1", "v2", "q")))

    # -- micro- and macro-constants --------------------------------------------------------------
    @property
    def k10(self) -> float | np.ndarray:
        """Elimination rate constant CL/V1 (1/h)."""
        return self.cl / self.v1

    @property
    def k12(self) -> float | np.ndarray:
        """Central → peripheral rate constant Q/V1 (1/h)."""
        return self.q / self.v1

    @property
    def k21(self) -> float | np.ndarray:
        """Peripheral → central rate constant Q/V2 (1/h)."""
        return self.q / self.v2

    def _macro(self) -> tuple[Any, Any, Any, Any, Any]:
        """Stable ``(alpha, beta, alpha - k21, k21 - beta, alpha - beta)``, all positive.

        With ``d = k10 + k12 - k21`` and ``r = sqrt(d**2 + 4 k12 k21) = alpha - beta``:
        ``alpha - k21 = (d + r)/2`` and ``k21 - beta = (r - d)/2``; whichever of the two would cancel is
        computed as ``2 k12 k21 / (r -+ d)`` instead, and ``beta = k10 k21 / alpha``.
        """
        k10, k12, k21 = self.k10, self.k12, self.k21
        d = np.asarray(k10 + k12 - k21, dtype=float)
        prod = np.asarray(k12 * k21, dtype=float)
        r = np.sqrt(d * d + 4.0 * prod)
        a_minus = np.where(d >= 0, 0.5 * (d + r), 2.0 * prod / (r - np.minimum(d, 0.0)))
        b_minus = np.where(d >= 0, 2.0 * prod / (r + np.maximum(d, 0.0)), 0.5 * (r - d))
        alpha = np.asarray(k10 + k12 + k21, dtype=float) * 0.5 + 0.5 * r
        beta = np.asarray(k10 * k21, dtype=float) / alpha
        out = (alpha, beta, a_minus, b_minus, r)
        if not self.is_population:
            return tuple(float(x) for x in out)  # type: ignore[return-value]
        return out

    @property
    def alpha(self) -> float | np.ndarray:
        """Fast (distribution) macro-constant alpha (1/h)."""
        return self._macro()[0]

    @property
    def beta(self) -> float | np.ndarray:
        """Slow (terminal) macro-constant beta (1/h)."""
        return self._macro()[1]

    @property
    def alpha_half_life_h(self) -> float | np.ndarray:
        """Distribution half-life ln 2 / alpha (h); 0.296 h with the typical values (DERIVED)."""
        return math.log(2.0) / self.alpha

    @property
    def terminal_half_life_h(self) -> float | np.ndarray:
        """Terminal half-life ln 2 / beta (h); 11.41 h with the typical values (DERIVED)."""
        return math.log(2.0) / self.beta

    @property
    def vss(self) -> float | np.ndarray:
        """Volume of distribution at steady state V1 + V2 (L); 153.3 L with the typical values."""
        return self.v1 + self.v2

    def _modes(self) -> tuple[np.ndarray, np.ndarray]:
        """Mode rates ``lam`` (n, 2) in 1/h and unit-dose coefficients ``coef`` (n, 2) in 1/L.

        Column 0 is the alpha mode, column 1 the beta mode; ``coef`` sums to 1/V1.
        """
        alpha, beta, a_minus, b_minus, r = (np.atleast_1d(np.asarray(x, float)) for x in self._macro())
        n = self.n_subjects
        v1 = np.broadcast_to(np.asarray(self.v1, float), (n,))
        lam = np.stack([np.broadcast_to(alpha, (n,)), np.broadcast_to(beta, (n,))], axis=1)
        coef = np.stack([np.broadcast_to(a_minus / (r * v1), (n,)), np.broadcast_to(b_minus / (r * v1), (n,))], axis=1)
        return lam, coef

    def _peripheral_ratio(self) -> np.ndarray:
        """Per-mode ratio (peripheral amount) / (central amount) = k12 / (k21 - lambda_i), shape (n, 2)."""
        _, _, a_minus, b_minus, _ = (np.atleast_1d(np.asarray(x, float)) for x in self._macro())
        n = self.n_subjects
        k12 = np.broadcast_to(np.asarray(self.k12, float), (n,))
        return np.stack([-k12 / np.broadcast_to(a_minus, (n,)), k12 / np.broadcast_to(b_minus, (n,))], axis=1)


# ---------------------------------------------------------------------------------------------------
# Regimens
# ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Infusion:
    """One zero-order intravenous infusion.

    Parameters
    ----------
    start_h : float
        Start time (h since the start of the course), in [0, 1e5].
    dose_mg : float
        Dose infused (mg), in [0, 2000].
    duration_h : float
        Infusion length (h), in (0, 48]. The trials used 60-min infusions (VERIFIED).
    """

    start_h: float
    dose_mg: float
    duration_h: float = 1.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "start_h", check_number("start_h", self.start_h, "h", 0.0, _START_MAX_H))
        object.__setattr__(self, "dose_mg", check_number("dose_mg", self.dose_mg, "mg", *_DOSE_RANGE))
        object.__setattr__(
            self,
            "duration_h",
            check_number("duration_h", self.duration_h, "h", 0.0, _DURATION_MAX_H, low_open=True),
        )

    @property
    def end_h(self) -> float:
        """End time of the infusion (h)."""
        return self.start_h + self.duration_h

    @property
    def rate_mg_per_h(self) -> float:
        """Infusion rate dose/duration (mg/h)."""
        return self.dose_mg / self.duration_h


@dataclass(frozen=True)
class Regimen:
    """A course of non-overlapping infusions, kept sorted by start time.

    Parameters
    ----------
    infusions : sequence of Infusion
        The infusions in any order (0 to 10,000 of them); they are stored as a tuple sorted by ``start_h``.

    Raises
    ------
    ValueError
        If an element is not an :class:`Infusion`, or if two infusions **overlap** (one starts before the
        previous one ends). The model assumes a single infusion line, so overlapping infusions are
        rejected rather than summed; back-to-back infusions (start == previous end) are allowed.

    Notes
    -----
    Calendar convention of the trial constructors: ``t = 0`` is the start of the first infusion, on a
    Monday (day 0); an infusion on day ``d`` starts at ``t = 24 d`` h; weeks are numbered from 1.
    """

    infusions: tuple[Infusion, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        items = self.infusions
        if isinstance(items, Infusion) or not isinstance(items, (list, tuple)):
            raise ValueError(
                f"infusions must be a list or tuple of Infusion objects (times in h, doses in mg); got {items!r}"
            )
        check_int("number of infusions", len(items), "infusions", 0, _MAX_INFUSIONS)
        for item in items:
            if not isinstance(item, Infusion):
                raise ValueError(
                    f"infusions must contain only Infusion objects (times in h, doses in mg); got {item!r}"
                )
        ordered = tuple(sorted(items, key=lambda inf: inf.start_h))
        for prev, nxt in zip(ordered, ordered[1:]):
            try:
                check_number("start_h", nxt.start_h, "h", prev.end_h)
            except ValueError as err:
                raise ValueError(
                    f"infusions must not overlap: the infusion starting at {nxt.start_h:g} h begins before the "
                    f"previous one (start {prev.start_h:g} h, {prev.duration_h:g} h long) ends at "
                    f"{prev.end_h:g} h ({err})"
                ) from None
        object.__setattr__(self, "infusions", ordered)

    # -- constructors ----------------------------------------------------------------------------
    @classmethod
    def single(cls, dose_mg: float, duration_h: float = 1.0, start_h: float = 0.0) -> Regimen:
        """One infusion of ``dose_mg`` mg over ``duration_h`` h starting at ``start_h`` h."""
        return cls((Infusion(start_h, dose_mg, duration_h),))

    @classmethod
    def repeated(cls, dose_mg: float, start_times_h: Sequence[float], duration_h: float = 1.0) -> Regimen:
        """The same infusion (``dose_mg`` mg over ``duration_h`` h) started at each of ``start_times_h`` (h)."""
        times = _numeric_array("start_times_h", start_times_h, "h", 0.0, _START_MAX_H)
        if times.ndim != 1:
            raise ValueError(f"start_times_h must be a 1-D sequence of times in [0, 1e+05] h; got shape {times.shape}")
        return cls(tuple(Infusion(float(t), dose_mg, duration_h) for t in times))

    @classmethod
    def study9(cls, dose_mg: float) -> Regimen:
        """Study 9: three infusions a week for 3 weeks (9 infusions; VERIFIED design), 60 min each (ASSUMED).

        Two assumptions of the book: the infusion length (60 min, as in the other lanicemine trials; Study 9's
        own was not read in a source) and the days (the published design gives only "3 per week"): Monday,
        Wednesday, Friday — days 0, 2, 4 of each week, each infusion starting at ``t = 24 * day`` h.
        The trial arms were 100 mg and 150 mg.

        Examples
        --------
        >>> reg = Regimen.study9(100.0)
        >>> reg.n_infusions, reg.total_dose_mg
        (9, 900.0)
        >>> [inf.start_h for inf in reg.infusions[:4]]  # Monday, Wednesday, Friday, Monday (h)
        [0.0, 48.0, 96.0, 168.0]
        """
        days = [7 * w + d for w in range(3) for d in (0, 2, 4)]
        return cls.repeated(dose_mg, [24.0 * d for d in days], float(_ev.value("study9.infusion_min")) / 60.0)

    @classmethod
    def study31(cls, dose_mg: float) -> Regimen:
        """Study 31: fifteen 60-min infusions over 12 weeks (VERIFIED schedule, CTgov31).

        3 per week in weeks 1–3 (Mon/Wed/Fri: days 0, 2, 4 of the week), 1 per week in weeks 4–6 (Monday),
        then 1 in each of weeks 8, 10 and 12 (Monday): 9 + 3 + 3 = 15. Weekdays are the book's assumption.
        The trial arms were 50 mg and 100 mg.
        """
        days = [7 * w + d for w in range(3) for d in (0, 2, 4)]
        days += [7 * (week - 1) for week in (4, 5, 6, 8, 10, 12)]
        return cls.repeated(dose_mg, [24.0 * d for d in days], 1.0)

    # -- summaries -------------------------------------------------------------------------------
    @property
    def n_infusions(self) -> int:
        """Number of infusions."""
        return len(self.infusions)

    @property
    def total_dose_mg(self) -> float:
        """Sum of all doses (mg)."""
        return float(sum(inf.dose_mg for inf in self.infusions))

    @property
    def end_h(self) -> float:
        """End of the last infusion (h); 0 for an empty regimen."""
        return max((inf.end_h for inf in self.infusions), default=0.0)

    def to_frame(self) -> pd.DataFrame:
        """One row per infusion: ``start_h``, ``end_h``, ``dose_mg``, ``rate_mg_per_h``, ``day``, ``week``.

        ``day`` is the 0-based day of the course (``floor(start_h / 24)``; day 0 is the first Monday) and
        ``week`` the 1-based week (``day // 7 + 1``). The index (``infusion``) counts infusions from 1.
        """
        rows = [
            {
                "start_h": inf.start_h,
                "end_h": inf.end_h,
                "dose_mg": inf.dose_mg,
                "rate_mg_per_h": inf.rate_mg_per_h,
                "day": int(inf.start_h // 24),
                "week": int(inf.start_h // 24) // 7 + 1,
            }
            for inf in self.infusions
        ]
        frame = pd.DataFrame(rows, columns=["start_h", "end_h", "dose_mg", "rate_mg_per_h", "day", "week"])
        frame.index = pd.RangeIndex(1, len(rows) + 1, name="infusion")
        return frame.astype({"day": int, "week": int})


# ---------------------------------------------------------------------------------------------------
# Closed-form solution
# ---------------------------------------------------------------------------------------------------
def _check_regimen(regimen: Any) -> Regimen:
    if not isinstance(regimen, Regimen):
        raise ValueError(f"regimen must be a Regimen (times in h, doses in mg); got {regimen!r}")
    return regimen


def _check_params(params: Any) -> PKParameters:
    if not isinstance(params, PKParameters):
        raise ValueError(f"params must be a PKParameters (CL, Q in L/h; V1, V2 in L); got {params!r}")
    return params


def _phi(x: np.ndarray) -> np.ndarray:
    """(1 - exp(-x)) / x for x >= 0, with phi(0) = 1 (accurate for tiny x through expm1)."""
    num = -np.expm1(-x)
    return np.divide(num, x, out=np.ones_like(x), where=x > 0)


def _events(regimen: Regimen, lam: np.ndarray, coef: np.ndarray) -> list[tuple]:
    """Per infusion: (start, end, dose, duration, mode state at start (n,2), mode state at end (n,2))."""
    out = []
    state = np.zeros_like(lam)
    last_end = None
    for inf in regimen.infusions:
        if last_end is not None:
            state = state * np.exp(-lam * (inf.start_h - last_end))
        y_end = state * np.exp(-lam * inf.duration_h) + inf.dose_mg * coef * _phi(lam * inf.duration_h)
        out.append((inf.start_h, inf.end_h, inf.dose_mg, inf.duration_h, state, y_end))
        state, last_end = y_end, inf.end_h
    return out


def _modes_sorted(ts: np.ndarray, regimen: Regimen, lam: np.ndarray, coef: np.ndarray) -> np.ndarray:
    """Generic exact path: the two mode values (n, 2, m) at sorted times ``ts`` (direct exponentials)."""
    n, m = lam.shape[0], ts.size
    out = np.zeros((n, 2, m))
    ev = _events(regimen, lam, coef)
    for k, (s, e, dose, dur, y0, y1) in enumerate(ev):
        i0, i1 = np.searchsorted(ts, s, "left"), np.searchsorted(ts, e, "left")
        i2 = np.searchsorted(ts, ev[k + 1][0], "left") if k + 1 < len(ev) else m
        if i1 > i0:
            tau = ts[i0:i1] - s
            x = lam[:, :, None] * tau
            out[:, :, i0:i1] = y0[:, :, None] * np.exp(-x) + dose * coef[:, :, None] * (tau / dur) * _phi(x)
        if i2 > i1:
            out[:, :, i1:i2] = y1[:, :, None] * np.exp(-lam[:, :, None] * (ts[i1:i2] - e))
    return out


def _uniform_step(ts: np.ndarray, lam_max: float) -> float | None:
    """The step of a uniform sorted grid if treating it as exactly uniform costs < 1e-11 relative error."""
    m = ts.size
    if m < 64:
        return None
    h = (ts[-1] - ts[0]) / (m - 1)
    if not h > 0:
        return None
    dev = float(np.max(np.abs(ts - (ts[0] + h * np.arange(m)))))
    return h if 2.0 * dev * lam_max <= 1e-11 else None


def _concentration_sorted(ts: np.ndarray, regimen: Regimen, lam: np.ndarray, coef: np.ndarray) -> np.ndarray:
    """Fast exact path: C at sorted times ``ts``, returned as an (n, m) view of a time-major (m, n) array.

    Time-major memory keeps every write contiguous, and the work is done in blocks of 128 times so that
    the scratch space stays in cache. On a uniform grid (step ``h``, uniform to within 1e-11 / lambda) each
    mode uses a table ``exp(-lambda h r)``, r < 128, times one exponential per block and patient, which
    is exact to a few ulp. Elsewhere the exponentials are evaluated directly. The alpha mode is added only
    in blocks where, for some patient, it is not below exp(-40) of the beta mode.
    """
    n, m = lam.shape[0], ts.size
    out = np.empty((m, n))
    ev = _events(regimen, lam, coef)
    first = int(np.searchsorted(ts, ev[0][0], "left")) if ev else m
    out[:first] = 0.0
    alpha, beta = lam[:, 0], lam[:, 1]
    block = _TABLE_BLOCK
    h = _uniform_step(ts, float(alpha.max()))
    if h is not None:
        steps = (h * np.arange(block))[:, None]
        tables = (np.exp(-steps * alpha), np.exp(-steps * beta))
    scratch = np.empty((min(block, m), n))
    gap = alpha - beta
    for k, (s, e, dose, dur, y0, y1) in enumerate(ev):
        i0, i1 = np.searchsorted(ts, s, "left"), np.searchsorted(ts, e, "left")
        i2 = np.searchsorted(ts, ev[k + 1][0], "left") if k + 1 < len(ev) else m
        if i1 > i0:  # during the infusion: both modes, direct formula
            tau = (ts[i0:i1] - s)[:, None]
            total = np.zeros((i1 - i0, n))
            for mode in (0, 1):
                x = tau * lam[:, mode]
                total += y0[:, mode] * np.exp(-x) + (dose / dur) * coef[:, mode] * tau * _phi(x)
            out[i0:i1] = total
        if i2 <= i1:
            continue
        # after the infusion: y_i(end) * exp(-lambda_i (t - end)); alpha only where it matters
        ya, yb = y1[:, 0], y1[:, 1]
        with np.errstate(divide="ignore"):
            log_ratio = np.log(ya) - np.log(yb)
        need = np.where(ya > 0, (np.where(yb > 0, log_ratio, np.inf) + _ALPHA_CUTOFF) / gap, -np.inf)
        cut_h = float(np.max(need))
        for j in range(i1, i2, block):
            width = min(block, i2 - j)
            dst = out[j : j + width]
            lag = ts[j] - e
            if h is not None:
                np.multiply(tables[1][:width], yb * np.exp(-beta * lag), out=dst)
            else:
                np.multiply((ts[j : j + width] - e)[:, None], -beta, out=dst)
                np.exp(dst, out=dst)
                dst *= yb
            if lag > cut_h:
                continue
            sel = need > lag  # patients whose alpha mode still matters in this block
            if sel.mean() < 0.5:  # few patients (small alpha - beta): work on their columns only
                idx = np.flatnonzero(sel)
                if h is not None:
                    part = tables[0][:width, idx] * (ya[idx] * np.exp(-alpha[idx] * lag))
                else:
                    part = np.exp((ts[j : j + width] - e)[:, None] * -alpha[idx]) * ya[idx]
                dst[:, idx] += part
                continue
            target = scratch[:width]
            if h is not None:
                np.multiply(tables[0][:width], ya * np.exp(-alpha * lag), out=target)
            else:
                np.multiply((ts[j : j + width] - e)[:, None], -alpha, out=target)
                np.exp(target, out=target)
                target *= ya
            dst += target
    return out.T


def _numeric_array(name: str, value: Any, unit: str, low: float = -math.inf, high: float = math.inf) -> np.ndarray:
    """check_array, after rejecting text (``check_array`` alone would turn ``"1"`` into 1.0)."""
    message = f"{name} must be finite numbers in [{low:g}, {high:g}] {unit}; got {value!r}"
    try:
        kind = np.asarray(value).dtype.kind
    except (TypeError, ValueError):  # ragged nesting and the like
        raise ValueError(message) from None
    if isinstance(value, (str, bytes)) or kind in "USV":
        raise ValueError(message)
    return check_array(name, value, unit, low, high)


def _prepare_times(t_h: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Validated times: (original-shape array, sorted flat array, inverse order or None if already sorted)."""
    t = _numeric_array("t_h", t_h, "h")
    flat = t.ravel()
    if flat.size > 1 and np.any(flat[1:] < flat[:-1]):
        order = np.argsort(flat, kind="stable")
        return t, flat[order], order
    return t, flat, None


def concentration(t_h: Any, regimen: Regimen, params: PKParameters = PKParameters()) -> np.ndarray | float:
    """Plasma concentration (mg/L) of the two-compartment infusion model, in closed form.

    Parameters
    ----------
    t_h : float or array_like
        Times (h since the start of the course), any shape, finite. Times before the first infusion
        (including negative times) give 0.
    regimen : Regimen
        The infusions.
    params : PKParameters
        Scalar parameters (one patient; default: PopPK typical values) or a population (array fields of
        length ``n``).

    Returns
    -------
    float or numpy.ndarray
        mg/L, *model-predicted*. Shape ``t.shape`` for scalar parameters (a float for scalar ``t_h``);
        ``(n,) + t.shape`` for a population (for 1-D ``t_h`` this array is stored time-major, i.e.
        Fortran-ordered; use ``np.ascontiguousarray`` if C order matters).

    Notes
    -----
    Exact (see the module docstring): exact state propagation of the two modes across the infusion
    boundaries, evaluated only through ``exp(-lambda (t - t_event))`` and ``expm1``. The alpha mode is
    skipped where it is below ``exp(-40)`` (~4e-18) of the beta mode, i.e. below rounding. On a uniform
    sorted grid the beta mode is built from a small exponential table (exact to ~1e-11 relative at worst),
    which makes 1,000 patients × the 12-week Study 31 course on a 0.1 h grid take a few tens of ms.
    No ODE solver is used.

    Examples
    --------
    100 mg infused over 60 min: the peak at the end of the infusion, and 23 h later (mg/L):

    >>> reg = Regimen.single(100.0, duration_h=1.0)
    >>> round(concentration(1.0, reg), 3)
    0.736
    >>> concentration([0.5, 1.0, 24.0], reg).round(3)
    array([0.404, 0.736, 0.153])
    """
    regimen = _check_regimen(regimen)
    params = _check_params(params)
    t, ts, order = _prepare_times(t_h)
    lam, coef = params._modes()
    n = lam.shape[0]
    conc = _concentration_sorted(ts, regimen, lam, coef) if ts.size else np.zeros((n, 0))
    if order is not None:
        unsorted = np.empty_like(conc)
        unsorted[:, order] = conc
        conc = unsorted
    if params.is_population:
        return conc.reshape((n,) + t.shape)
    result = conc[0].reshape(t.shape)
    return float(result) if result.ndim == 0 else result


def amounts(
    t_h: Any, regimen: Regimen, params: PKParameters = PKParameters()
) -> tuple[np.ndarray | float, np.ndarray | float]:
    """Drug amounts (mg) in the central and peripheral compartments, in closed form.

    Parameters and shapes as in :func:`concentration`. Returns ``(central_mg, peripheral_mg)``; the
    amount in the body is their sum and ``central_mg / V1`` equals :func:`concentration`. The peripheral
    amount is ``V1 * sum_i y_i * k12 / (k21 - lambda_i)`` over the two modes ``y_i`` (exact; its absolute
    rounding error is of the order of 1e-16 × the dose).
    """
    regimen = _check_regimen(regimen)
    params = _check_params(params)
    t, ts, order = _prepare_times(t_h)
    lam, coef = params._modes()
    n = lam.shape[0]
    modes = _modes_sorted(ts, regimen, lam, coef)
    v1 = np.broadcast_to(np.asarray(params.v1, float), (n,))[:, None]
    central = v1 * modes.sum(axis=1)
    peripheral = v1 * np.einsum("nk,nkm->nm", params._peripheral_ratio(), modes)
    result = []
    for arr in (central, np.maximum(peripheral, 0.0)):
        if order is not None:
            tmp = np.empty_like(arr)
            tmp[:, order] = arr
            arr = tmp
        if params.is_population:
            result.append(arr.reshape((n,) + t.shape))
        else:
            r = arr[0].reshape(t.shape)
            result.append(float(r) if r.ndim == 0 else r)
    return result[0], result[1]


def mode_components(
    t_h: Any, regimen: Regimen, params: PKParameters = PKParameters()
) -> tuple[np.ndarray | float, np.ndarray | float]:
    """The two exponential *modes* of the concentration: its fast (alpha) and slow (beta) parts (mg/L).

    ``concentration = alpha part + beta part`` at every time. After the last infusion has ended each part
    decays as one exponential, ``exp(-alpha t)`` and ``exp(-beta t)``: on a log axis the beta part is the
    straight terminal line and the alpha part the steep early phase (the "alpha and beta phases").

    Parameters
    ----------
    t_h : float or array_like
        Times (h since the start of the course), any shape, finite.
    regimen : Regimen
        The infusions.
    params : PKParameters
        Scalar parameters (one patient; default: PopPK typical values) or a population.

    Returns
    -------
    tuple
        ``(alpha_part, beta_part)`` in mg/L, *model-predicted*, each shaped like :func:`concentration`'s result.

    Examples
    --------
    >>> reg = Regimen.single(100.0, duration_h=1.0)
    >>> fast, slow = mode_components([1.0, 24.0], reg)
    >>> [round(float(x), 3) for x in fast + slow]  # the two parts add up to the concentration
    [0.736, 0.153]
    >>> [round(float(x), 3) for x in fast]  # the alpha part is gone a day later
    [0.118, 0.0]
    """
    regimen = _check_regimen(regimen)
    params = _check_params(params)
    t, ts, order = _prepare_times(t_h)
    lam, coef = params._modes()
    n = lam.shape[0]
    modes = _modes_sorted(ts, regimen, lam, coef)  # (n, 2, m)
    if order is not None:
        unsorted = np.empty_like(modes)
        unsorted[:, :, order] = modes
        modes = unsorted
    result = []
    for k in (0, 1):
        part = modes[:, k, :]
        if params.is_population:
            result.append(part.reshape((n,) + t.shape))
        else:
            r = part[0].reshape(t.shape)
            result.append(float(r) if r.ndim == 0 else r)
    return result[0], result[1]


# ---------------------------------------------------------------------------------------------------
# Numerical reference (validation and benchmark only)
# ---------------------------------------------------------------------------------------------------
def ode_concentration(
    t_h: Any,
    regimen: Regimen,
    params: PKParameters = PKParameters(),
    rtol: float = 1e-10,
    atol: float | None = None,
    method: str = "Radau",
) -> np.ndarray | float:
    """Reference solution of the same model with :func:`scipy.integrate.solve_ivp` (validation only).

    The book never uses this function; it exists to check :func:`concentration` and to time it. The ODE
    in amounts (mg) is integrated segment by segment, restarting at every infusion start and end (where the
    input rate jumps), with dense output evaluated at the requested times.

    Parameters
    ----------
    t_h, regimen, params
        As in :func:`concentration` (populations are solved one patient at a time).
    rtol : float
        Relative tolerance, in [1e-13, 1e-3]. LSODA's achieved global error can be several times its
        tolerance (e.g. for fast distribution: small V1 with large Q), so LSODA is run at
        ``max(rtol / 10, 1e-13)`` to stay a reference at the 1e-8 level; Radau uses ``rtol`` as given.
    atol : float, optional
        Absolute tolerance on the amounts (mg), in (0, 1]; default ``1e-14 * max(total dose, 1 mg)``.
    method : {"Radau", "LSODA"}
        The integrator.

    Returns
    -------
    float or numpy.ndarray
        mg/L, same shape as :func:`concentration`.
    """
    from scipy.integrate import solve_ivp  # local: only the reference needs scipy

    regimen = _check_regimen(regimen)
    params = _check_params(params)
    rtol = check_number("rtol", rtol, "-", 1e-13, 1e-3)
    if atol is None:
        atol = 1e-14 * max(regimen.total_dose_mg, 1.0)
    atol = check_number("atol", atol, "mg", 0.0, 1.0, low_open=True)
    if method not in ("Radau", "LSODA"):
        raise ValueError(f"method must be one of 'Radau', 'LSODA'; got {method!r}")
    solver_rtol = max(rtol / 10.0, 1e-13) if method == "LSODA" else rtol
    t, ts, order = _prepare_times(t_h)
    m = ts.size
    cl, v1, v2, q = params.as_arrays()
    n = cl.size
    conc = np.zeros((n, m))
    bounds = sorted({b for inf in regimen.infusions for b in (inf.start_h, inf.end_h)})
    if bounds and m and ts[-1] > bounds[-1]:
        bounds.append(float(ts[-1]))
    for i in range(n):
        k10, k12, k21 = cl[i] / v1[i], q[i] / v1[i], q[i] / v2[i]
        jac = np.array([[-(k10 + k12), k21], [k12, -k21]])
        y = np.zeros(2)
        for a, b in zip(bounds, bounds[1:]):
            mid = 0.5 * (a + b)
            rate = sum(inf.rate_mg_per_h for inf in regimen.infusions if inf.start_h <= mid < inf.end_h)

            def rhs(_t: float, yy: np.ndarray, rate: float = rate, jac: np.ndarray = jac) -> np.ndarray:
                out = jac @ yy
                out[0] += rate
                return out

            sol = solve_ivp(
                rhs,
                (a, b),
                y,
                method=method,
                rtol=solver_rtol,
                atol=atol,
                dense_output=True,
                jac=jac if method == "Radau" else None,
            )
            if not sol.success:  # pragma: no cover - solver failure is not expected for this linear system
                raise RuntimeError(f"solve_ivp failed on [{a}, {b}] h: {sol.message}")
            j0, j1 = np.searchsorted(ts, a, "left"), np.searchsorted(ts, b, "right")
            if j1 > j0:
                conc[i, j0:j1] = sol.sol(ts[j0:j1])[0] / v1[i]
            y = sol.y[:, -1]
    if order is not None:
        tmp = np.empty_like(conc)
        tmp[:, order] = conc
        conc = tmp
    conc = np.maximum(conc, 0.0)
    if params.is_population:
        return conc.reshape((n,) + t.shape)
    r = conc[0].reshape(t.shape)
    return float(r) if r.ndim == 0 else r


# ---------------------------------------------------------------------------------------------------
# Units
# ---------------------------------------------------------------------------------------------------
def mg_per_l_to_um(c: Any) -> np.ndarray | float:
    """Convert mg/L to µM (µmol/L), assuming the drug is **free base** (198.27 g/mol).

    The salt form used in the trials, and whether doses were stated as base, is NOT AVAILABLE in the facts
    sheet; the book assumes free base and says so. ``c`` must be finite and >= 0 (mg/L).
    """
    arr = _numeric_array("c", c, "mg/L", 0.0)
    out = arr * 1000.0 / MOLAR_MASS_FREE_BASE_G_PER_MOL
    return float(out) if out.ndim == 0 else out


def um_to_mg_per_l(c: Any) -> np.ndarray | float:
    """Convert µM to mg/L, assuming free base (198.27 g/mol); the inverse of :func:`mg_per_l_to_um`."""
    arr = _numeric_array("c", c, "µM", 0.0)
    out = arr * MOLAR_MASS_FREE_BASE_G_PER_MOL / 1000.0
    return float(out) if out.ndim == 0 else out


# ---------------------------------------------------------------------------------------------------
# Exposure metrics
# ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Exposure:
    """Exposure summary over a time window (floats for one profile, arrays of shape (n,) for n profiles).

    Attributes
    ----------
    cmax : float or ndarray
        Highest concentration on the grid in the window (unit of ``conc``, normally mg/L).
    tmax_h : float or ndarray
        Time of ``cmax`` (h; first occurrence).
    auc : float or ndarray
        Area under the curve by the trapezoid rule on the grid points inside the window (unit of
        ``conc`` × h, normally mg·h/L).
    trough : float or ndarray
        Concentration at the last grid point of the window — the pre-dose (trough) value when the window
        ends just before the next infusion.
    cmin : float or ndarray
        Lowest concentration on the grid in the window.
    cavg : float or ndarray
        ``auc`` divided by the window length (unit of ``conc``; equals ``trough`` for a 1-point window).
    start_h, end_h : float
        The window actually used (first and last grid point inside it).
    """

    cmax: float | np.ndarray
    tmax_h: float | np.ndarray
    auc: float | np.ndarray
    trough: float | np.ndarray
    cmin: float | np.ndarray
    cavg: float | np.ndarray
    start_h: float
    end_h: float


def _check_profile(
    t_h: Any, conc: Any, *, t_name: str = "t_h", conc_name: str = "conc"
) -> tuple[np.ndarray, np.ndarray]:
    """Validated (times, concentrations) of a profile; ``t_name`` / ``conc_name`` are the caller's names."""
    t = _numeric_array(t_name, t_h, "h")
    if t.ndim != 1 or t.size == 0:
        raise ValueError(f"{t_name} must be a non-empty 1-D array of times in h; got shape {t.shape}")
    if t.size > 1 and np.any(np.diff(t) <= 0):
        raise ValueError(f"{t_name} must be strictly increasing times in h; got a non-increasing step")
    c = _numeric_array(conc_name, conc, "mg/L (or the unit of the profile)", 0.0)
    if c.ndim not in (1, 2) or c.shape[-1] != t.size:
        raise ValueError(
            f"{conc_name} must have shape ({t.size},) or (n, {t.size}) to match {t_name} (mg/L); got shape {c.shape}"
        )
    return t, c


def _window(t: np.ndarray, start_h: Any, end_h: Any) -> np.ndarray:
    lo = t[0] if start_h is None else check_number("start_h", start_h, "h")
    hi = t[-1] if end_h is None else check_number("end_h", end_h, "h", lo)
    mask = (t >= lo) & (t <= hi)
    if not mask.any():
        raise ValueError(
            f"start_h and end_h must enclose at least one time of t_h (h); got the window [{lo:g}, {hi:g}] h"
        )
    return mask


def exposure_metrics(t_h: Any, conc: Any, start_h: float | None = None, end_h: float | None = None) -> Exposure:
    """Cmax, Tmax, AUC (trapezoid), trough, Cmin and Cavg of a profile over ``[start_h, end_h]``.

    Parameters
    ----------
    t_h : array_like
        Strictly increasing times (h), 1-D.
    conc : array_like
        Concentrations, shape ``(len(t_h),)`` or ``(n, len(t_h))`` (mg/L or µM; >= 0).
    start_h, end_h : float, optional
        Window (h); defaults to the whole grid. Only grid points inside the window are used (no
        interpolation at the edges), so put grid points on the window's edges for an exact window.

    Returns
    -------
    Exposure

    Examples
    --------
    >>> t = np.linspace(0.0, 48.0, 4801)  # every 0.01 h for two days
    >>> e = exposure_metrics(t, concentration(t, Regimen.single(100.0)))
    >>> round(e.cmax, 3), e.tmax_h, round(e.auc, 2)  # mg/L, h, mg·h/L (dose / CL = 10.6 over all time)
    (0.736, 1.0, 10.02)
    """
    t, c = _check_profile(t_h, conc)
    mask = _window(t, start_h, end_h)
    tw, cw = t[mask], c[..., mask]
    imax = np.argmax(cw, axis=-1)
    auc = np.trapezoid(cw, tw, axis=-1) if tw.size > 1 else np.zeros(cw.shape[:-1])
    span = tw[-1] - tw[0]
    cavg = auc / span if span > 0 else cw[..., -1]

    def _out(x: Any) -> Any:
        x = np.asarray(x, float)
        return float(x) if x.ndim == 0 else x

    return Exposure(
        cmax=_out(cw.max(axis=-1)),
        tmax_h=_out(tw[imax]),
        auc=_out(auc),
        trough=_out(cw[..., -1]),
        cmin=_out(cw.min(axis=-1)),
        cavg=_out(cavg),
        start_h=float(tw[0]),
        end_h=float(tw[-1]),
    )


def time_above(t_h: Any, conc: Any, threshold: float) -> np.ndarray | float:
    """Hours during which ``conc`` exceeds ``threshold``, interpolating linearly between grid points.

    Parameters
    ----------
    t_h : array_like
        Strictly increasing times (h), 1-D.
    conc : array_like
        Concentrations, shape ``(len(t_h),)`` or ``(n, len(t_h))``.
    threshold : float
        In the unit of ``conc`` (e.g. mg/L), >= 0.

    Returns
    -------
    float or ndarray
        Hours above the threshold (per profile for 2-D ``conc``).

    Examples
    --------
    Hours above 1 µM (0.198 mg/L of free base) after 100 mg over 60 min:

    >>> t = np.linspace(0.0, 48.0, 4801)
    >>> round(time_above(t, concentration(t, Regimen.single(100.0)), um_to_mg_per_l(1.0)), 1)
    19.5
    """
    t, c = _check_profile(t_h, conc)
    thr = check_number("threshold", threshold, "(unit of conc)", 0.0)
    if t.size < 2:
        return 0.0 if c.ndim == 1 else np.zeros(c.shape[0])
    a, b = c[..., :-1] - thr, c[..., 1:] - thr
    dt = np.diff(t)
    both = (a > 0) & (b > 0)
    cross = (a > 0) != (b > 0)
    denom = np.where(cross, np.abs(a) + np.abs(b), 1.0)
    frac_above = np.where(a > 0, a, b) / denom
    total = np.sum(np.where(both, dt, 0.0) + np.where(cross, frac_above * dt, 0.0), axis=-1)
    return float(total) if np.ndim(total) == 0 else total


def accumulation_ratio(regimen: Regimen, params: PKParameters = PKParameters()) -> float | np.ndarray:
    """End-of-infusion concentration of the **last** infusion divided by that of the **first** (-).

    Definition used by the book: ``C(end of last infusion) / C(end of first infusion)``, both exact
    (closed form). For equal doses it measures how much drug carried over from earlier infusions; with
    60-min infusions the end of an infusion is where the concentration peaks. The first infusion must have a
    dose > 0. Returns 1.0 for a single infusion; an array for a population.
    """
    regimen = _check_regimen(regimen)
    params = _check_params(params)
    if regimen.n_infusions == 0:
        raise ValueError("regimen must contain at least one infusion (mg over h); got an empty regimen")
    check_number("dose_mg of the first infusion", regimen.infusions[0].dose_mg, "mg", 0.0, low_open=True)
    c = concentration(np.array([regimen.infusions[0].end_h, regimen.infusions[-1].end_h]), regimen, params)
    ratio = np.asarray(c)[..., 1] / np.asarray(c)[..., 0]
    return float(ratio) if np.ndim(ratio) == 0 else ratio


def auc_infinity(regimen: Regimen, params: PKParameters = PKParameters()) -> float | np.ndarray:
    """Exact AUC from 0 to infinity (mg·h/L) = total dose / CL (linear PK; *model-predicted*)."""
    regimen = _check_regimen(regimen)
    params = _check_params(params)
    out = regimen.total_dose_mg / params.cl
    return float(out) if np.ndim(out) == 0 else np.asarray(out, float)


# ---------------------------------------------------------------------------------------------------
# Virtual populations
# ---------------------------------------------------------------------------------------------------
def lognormal_cv_pct(omega: Any) -> np.ndarray | float:
    """Coefficient of variation (%) of a log-normally distributed parameter with log-scale SD ``omega``.

    ``P_i = P_typ exp(eta)``, ``eta ~ N(0, omega²)`` has ``CV = sqrt(exp(omega²) − 1)``: close to ``omega``
    itself for small ``omega`` (so ω = 0.25 is "about 25 %CV").

    Parameters
    ----------
    omega : float or array_like
        Log-scale SD (-), finite, in [0, 3].

    Returns
    -------
    float or numpy.ndarray
        CV in percent.

    Examples
    --------
    >>> round(lognormal_cv_pct(0.25), 1)
    25.4
    >>> lognormal_cv_pct([0.0, 0.5]).round(1)
    array([ 0. , 53.3])
    """
    arr = _numeric_array("omega", omega, "(log-scale SD, -)", 0.0, 3.0)
    out = 100.0 * np.sqrt(np.expm1(arr**2))
    return float(out) if out.ndim == 0 else out


@dataclass(frozen=True)
class PopulationAssumptions:
    """Between-subject variability and covariate models — all **adjustable illustrative assumptions**.

    The PopPK analysis retained lean body mass (LBM) on CL and body surface area (BSA)
    on V1 (VERIFIED), but the covariate equations, exponents, reference values and the between-subject
    variances are NOT AVAILABLE. The defaults below are therefore *assumptions*, chosen for illustration:

    Parameters
    ----------
    omega_cl, omega_v1, omega_q, omega_v2 : float
        SD of the log-normal between-subject variability (``P_i = P_typ * exp(eta)``, ``eta ~ N(0, omega²)``),
        in [0, 1] (-). Defaults 0.25, 0.25, 0.3, 0.3: typical of small-molecule IV drugs, chosen for
        illustration (≈ 25–30 %CV).
    cl_lbm_exponent : float
        Power-model exponent of LBM on CL, in [0, 2]; default 0.75 (allometric-style assumption).
    lbm_ref_kg : float
        Reference LBM (kg) at which CL equals its typical value, in [20, 120]; default 55 kg (assumption).
    v1_bsa_exponent : float
        Power-model exponent of BSA on V1, in [0, 2]; default 1.0 (proportional; assumption).
    bsa_ref_m2 : float
        Reference BSA (m²), in [1, 3]; default 1.9 m² (assumption).
    fraction_female : float
        Share of women among virtual patients, in [0, 1]; default 0.65 (in the range of the trial arms,
        61–71 % female, VERIFIED for Studies 9 and 31).
    use_covariates : bool
        If False, only the log-normal variability is applied (covariates are still drawn and reported).

    Notes
    -----
    Virtual-patient body size (illustrative, not trial data — the trials' body sizes are NOT AVAILABLE):
    weight log-normal with median 84 kg (men) / 72 kg (women) and log-SD 0.18; height normal 176 ± 7 cm
    (men) / 163 ± 7 cm (women); both clipped to 40–180 kg and 145–205 cm. LBM by the Boer formula
    (men 0.407 W + 0.267 H − 19.2; women 0.252 W + 0.473 H − 48.3; W kg, H cm); BSA by Mosteller
    (sqrt(W H / 3600)). ``CL_i = CL_typ (LBM_i / lbm_ref_kg)^cl_lbm_exponent exp(eta_CL)`` and
    ``V1_i = V1_typ (BSA_i / bsa_ref_m2)^v1_bsa_exponent exp(eta_V1)``.
    """

    omega_cl: float = 0.25
    omega_v1: float = 0.25
    omega_q: float = 0.3
    omega_v2: float = 0.3
    cl_lbm_exponent: float = 0.75
    lbm_ref_kg: float = 55.0
    v1_bsa_exponent: float = 1.0
    bsa_ref_m2: float = 1.9
    fraction_female: float = 0.65
    use_covariates: bool = True

    def __post_init__(self) -> None:
        for name in ("omega_cl", "omega_v1", "omega_q", "omega_v2"):
            object.__setattr__(self, name, check_number(name, getattr(self, name), "(log-scale SD, -)", 0.0, 1.0))
        for name in ("cl_lbm_exponent", "v1_bsa_exponent"):
            object.__setattr__(self, name, check_number(name, getattr(self, name), "-", 0.0, 2.0))
        object.__setattr__(self, "lbm_ref_kg", check_number("lbm_ref_kg", self.lbm_ref_kg, "kg", 20.0, 120.0))
        object.__setattr__(self, "bsa_ref_m2", check_number("bsa_ref_m2", self.bsa_ref_m2, "m²", 1.0, 3.0))
        object.__setattr__(
            self, "fraction_female", check_number("fraction_female", self.fraction_female, "-", 0.0, 1.0)
        )
        object.__setattr__(self, "use_covariates", check_flag("use_covariates", self.use_covariates))


@dataclass(frozen=True, eq=False)
class PopulationResult:
    """Virtual patients and their concentration profiles (illustrative simulation).

    Attributes
    ----------
    t_h : ndarray
        Times (h), shape (m,).
    regimen : Regimen
    params : PKParameters
        Individual parameters (array fields of length n).
    covariates : pandas.DataFrame
        One row per patient: ``female`` (bool), ``weight_kg``, ``height_cm``, ``lbm_kg``, ``bsa_m2``.
    conc_mg_per_l : ndarray
        Concentrations (mg/L), shape (n, m), model-predicted.
    seed : int
    assumptions : PopulationAssumptions
    """

    t_h: np.ndarray
    regimen: Regimen
    params: PKParameters
    covariates: pd.DataFrame
    conc_mg_per_l: np.ndarray
    seed: int
    assumptions: PopulationAssumptions

    @property
    def n(self) -> int:
        """Number of virtual patients."""
        return self.conc_mg_per_l.shape[0]

    def percentiles(self, q: Sequence[float] = (5, 50, 95)) -> np.ndarray:
        """Percentiles across patients at each time: array of shape (len(q), m), mg/L.

        ``q`` are percentages in [0, 100], strictly increasing.
        """
        qs = _numeric_array("q", q, "%", 0.0, 100.0)
        if qs.ndim != 1 or qs.size == 0 or np.any(np.diff(qs) <= 0):
            raise ValueError(
                f"q must be a non-empty, strictly increasing sequence of percentages in [0, 100] %; got {q!r}"
            )
        return np.percentile(self.conc_mg_per_l, qs, axis=0)

    def parameters_frame(self) -> pd.DataFrame:
        """Individual parameters (``cl_l_per_h``, ``v1_l``, ``v2_l``, ``q_l_per_h``, ``terminal_half_life_h``)
        joined with the covariates, one row per patient."""
        cl, v1, v2, q = self.params.as_arrays()
        frame = pd.DataFrame(
            {
                "cl_l_per_h": cl,
                "v1_l": v1,
                "v2_l": v2,
                "q_l_per_h": q,
                "terminal_half_life_h": np.broadcast_to(self.params.terminal_half_life_h, cl.shape),
            }
        )
        return pd.concat([frame, self.covariates.reset_index(drop=True)], axis=1)


def simulate_population(
    regimen: Regimen,
    n: int,
    seed: int,
    t_h: Any,
    params: PKParameters = PKParameters(),
    assumptions: PopulationAssumptions = PopulationAssumptions(),
) -> PopulationResult:
    """Simulate ``n`` virtual patients (illustrative): covariates, individual parameters, profiles.

    Parameters
    ----------
    regimen : Regimen
    n : int
        Number of virtual patients, in [1, 100000].
    seed : int
        Seed of the ``numpy.random.Generator`` (whole number in [0, 2**32 - 1]); the same seed gives the
        same result.
    t_h : array_like
        Times (h), 1-D.
    params : PKParameters
        Typical values (scalars) for the reference patient; default the PopPK typical values (abstract).
    assumptions : PopulationAssumptions
        Variability and covariate assumptions (see there; all are labelled assumptions).

    Returns
    -------
    PopulationResult
    """
    regimen = _check_regimen(regimen)
    n = check_int("n", n, "patients", 1, 100_000)
    seed = check_int("seed", seed, "(random seed)", 0, 2**32 - 1)
    params = _check_params(params)
    if params.is_population:
        raise ValueError("params must hold scalar typical values (L/h, L) for simulate_population; got arrays")
    if not isinstance(assumptions, PopulationAssumptions):
        raise ValueError(f"assumptions must be a PopulationAssumptions; got {assumptions!r}")
    t = _numeric_array("t_h", t_h, "h")
    if t.ndim != 1:
        raise ValueError(f"t_h must be a 1-D array of times in h; got shape {t.shape}")

    rng = np.random.default_rng(seed)
    female = rng.random(n) < assumptions.fraction_female
    weight = np.clip(np.where(female, 72.0, 84.0) * np.exp(0.18 * rng.standard_normal(n)), 40.0, 180.0)
    height = np.clip(np.where(female, 163.0, 176.0) + 7.0 * rng.standard_normal(n), 145.0, 205.0)
    lbm = np.where(female, 0.252 * weight + 0.473 * height - 48.3, 0.407 * weight + 0.267 * height - 19.2)
    bsa = np.sqrt(weight * height / 3600.0)
    eta = (
        rng.standard_normal((4, n))
        * np.array([assumptions.omega_cl, assumptions.omega_v1, assumptions.omega_v2, assumptions.omega_q])[:, None]
    )
    cl_cov = (lbm / assumptions.lbm_ref_kg) ** assumptions.cl_lbm_exponent if assumptions.use_covariates else 1.0
    v1_cov = (bsa / assumptions.bsa_ref_m2) ** assumptions.v1_bsa_exponent if assumptions.use_covariates else 1.0
    individual = PKParameters(
        cl=params.cl * cl_cov * np.exp(eta[0]),
        v1=params.v1 * v1_cov * np.exp(eta[1]),
        v2=params.v2 * np.exp(eta[2]),
        q=params.q * np.exp(eta[3]),
    )
    covariates = pd.DataFrame(
        {"female": female, "weight_kg": weight, "height_cm": height, "lbm_kg": lbm, "bsa_m2": bsa}
    )
    conc = concentration(t, regimen, individual)
    return PopulationResult(
        t_h=t,
        regimen=regimen,
        params=individual,
        covariates=covariates,
        conc_mg_per_l=np.asarray(conc),
        seed=seed,
        assumptions=assumptions,
    )
