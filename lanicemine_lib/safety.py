"""Safety of lanicemine: what is known, risk statistics for small samples, and rating-scale scoring.

What the sources support is short (see :func:`safety_findings`): lanicemine was "generally well tolerated" in
Study 31 (Sanacora2017), dizziness was the most common adverse event (dose-related and transient — application
note only), a single 150 mg infusion caused no psychotomimetic or dissociative difference from placebo
(Zarate2013), and doses aligned to ketamine's by quantitative EEG in healthy volunteers came without ketamine's
psychotomimetic and dissociative effects (Sanacora2014). **Per-arm adverse-event rates are not available** in
the book's sources, so every count used with the statistics below is either a reader's own input or a clearly
labelled hypothetical. The findings and the scale sizes are read from the evidence registry
(:mod:`lanicemine_lib.evidence`).

The module has four parts:

1. :func:`safety_findings` — the facts table, with status (VERIFIED / SEED / NOT AVAILABLE) and source key.
2. Two-arm comparisons of adverse-event counts, built on :mod:`scipy.stats` and :mod:`statsmodels`:
   :func:`risk_difference`, :func:`relative_risk`, :func:`odds_ratio`, :func:`fisher_exact_test`,
   :func:`number_needed_to_harm`, :func:`rule_of_three`; planning helpers :func:`power_two_proportions`,
   :func:`expected_ci_halfwidth`, :func:`expected_counts`, :func:`n_for_power`.
3. An *illustrative* exposure–safety model, :class:`DizzinessModel`, and
   :func:`peak_effect_vs_infusion_length`, which uses :mod:`lanicemine_lib.pk` to show why a slower
   infusion lowers the peak concentration while the exposure (AUC = dose / CL) stays the same.
4. Rating-scale helpers: :func:`score_cadss`, :func:`score_madrs`, :func:`madrs_response`,
   :func:`madrs_remission`.

Conventions: "arm a" is the arm of interest (e.g. lanicemine) and "arm b" the comparator (e.g. placebo),
so a positive risk difference and a relative risk above 1 mean *more* events on arm a. Proportions are
dimensionless fractions in [0, 1] (not percent).

For education only; not medical advice.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import integrate, stats
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_effectsize

from . import evidence as _ev
from ._validation import check_array, check_choice, check_int, check_number

__all__ = [
    "CADSS_ITEMS",
    "CADSS_ITEM_MAX",
    "MADRS_ITEMS",
    "MADRS_ITEM_MAX",
    "MADRS_REMISSION_MAX",
    "Comparison",
    "DizzinessModel",
    "FisherResult",
    "NNHResult",
    "RuleOfThreeResult",
    "expected_ci_halfwidth",
    "expected_counts",
    "fisher_exact_test",
    "madrs_remission",
    "madrs_response",
    "n_for_power",
    "number_needed_to_harm",
    "odds_ratio",
    "peak_effect_vs_infusion_length",
    "power_two_proportions",
    "relative_risk",
    "risk_difference",
    "rule_of_three",
    "safety_findings",
    "score_cadss",
    "score_madrs",
]

#: Number of CADSS items and the highest score of one item (total 0–92).
CADSS_ITEMS = int(_ev.value("scale.cadss_items"))  # the 23-item form of recent trials (see the registry note)
CADSS_ITEM_MAX = int(_ev.value("scale.cadss_item_max"))
#: Number of MADRS items and the highest score of one item (total 0–60).
MADRS_ITEMS = int(_ev.value("scale.madrs_items"))
MADRS_ITEM_MAX = int(_ev.value("scale.madrs_item_max"))
#: Remission threshold used in the lanicemine trials: MADRS total ≤ 10.
MADRS_REMISSION_MAX = int(_ev.value("scale.madrs_remission_max"))

_RD_METHODS = ("newcomb", "agresti-caffo", "wald")
_AUC_FOLLOW_H = 168.0  # h of numerical integration after the infusion before the log-linear tail


# ---------------------------------------------------------------------------------------------------------
# 1. What is known
# ---------------------------------------------------------------------------------------------------------
#: The rows of :func:`safety_findings`: (event, evidence-registry key, direction).
_FINDINGS = (
    ("Overall tolerability (Study 31)", "safety.tolerability", "—"),
    ("Dizziness", "safety.dizziness", "More frequent at higher doses (reported, not checked)"),
    (
        "Psychotomimetic / dissociative effects (single 150 mg infusion, crossover, 22 patients)",
        "safety.psychotomimetic_zarate2013",
        "No difference from placebo",
    ),
    (
        "Psychotomimetic / dissociative effects at doses aligned to ketamine's by quantitative EEG",
        "safety.psychotomimetic_sanacora2014",
        "Fewer than with ketamine (direction only)",
    ),
    (
        "Dissociative symptoms, 100 mg vs placebo",
        "seed.dissociative_pct.100mg",
        "Numerically higher on 100 mg (unconfirmed)",
    ),
    (
        "Serious adverse events, PTSD trial (24 participants, three 100 mg 60-min infusions over 5 days)",
        "ptsd.serious_adverse_events",
        "None observed",
    ),
    ("Per-arm dizziness rates (%)", "safety.dizziness_per_arm", "—"),
    ("CADSS values per arm", "safety.cadss_per_arm", "—"),
    ("Study 31 per-arm adverse-event rates", "study31.per_arm_results", "—"),
)


def _what_is_known(key: str) -> str:
    f = _ev.fact(key)
    if key == "seed.dissociative_pct.100mg":
        placebo = _ev.value("seed.dissociative_pct.placebo")
        return (
            f"The application note reports {f['value']:g} % (100 mg) vs {placebo:g} % (placebo); not traceable to "
            "a primary source — use only with this attribution and caveat."
        )
    if key == "ptsd.serious_adverse_events":
        return "No serious adverse events."
    if f["status"] == "NOT AVAILABLE":
        return "Not found in the book's sources; do not invent. Simulations treat it as an adjustable assumption."
    if f["status"] == "SEED":
        return f"The application note reports that {f['value']}; {f['note']}."
    text = str(f["value"])
    return text[0].upper() + text[1:] + (f" ({f['note']})." if f["note"] else ".")


def safety_findings() -> pd.DataFrame:
    """The safety facts the book's sources support, one row per finding (from the evidence registry).

    Returns
    -------
    pandas.DataFrame
        Columns ``event``, ``what_is_known``, ``direction``, ``source`` (bibtex keys of
        ``book/references.bib``; an empty string for NOT AVAILABLE rows, which have no source), ``status``
        (``"VERIFIED"``, ``"SEED"`` or ``"NOT AVAILABLE"``) and ``key`` (the evidence-registry key). A new
        frame is built on every call.

    Notes
    -----
    SEED rows come from the application note only: state them as "the application note reports …" with a
    caveat. The "8 % (100 mg) vs 4 % (placebo)" dissociative-symptom figure could not be traced to a primary
    source. NOT AVAILABLE rows must not be filled in with invented numbers. Zarate 2013 compared lanicemine
    with placebo only; the comparison with ketamine is Sanacora 2014's (doses aligned by quantitative EEG in
    healthy volunteers).
    """
    rows = []
    for event, key, direction in _FINDINGS:
        f = _ev.fact(key)
        rows.append((event, _what_is_known(key), direction, f["source"], f["status"], key))
    return pd.DataFrame(rows, columns=["event", "what_is_known", "direction", "source", "status", "key"])


# ---------------------------------------------------------------------------------------------------------
# 2. Two-arm comparisons
# ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Comparison:
    """A two-arm comparison with its confidence interval.

    Attributes
    ----------
    measure : str
        ``"risk difference"`` (arm a − arm b, a fraction in [−1, 1]), ``"relative risk"`` (arm a / arm b)
        or ``"odds ratio"`` (odds on arm a / odds on arm b).
    estimate : float
        The point estimate (always finite; see the function's notes for zero cells).
    ci_low, ci_high : float
        The two-sided ``1 − alpha`` confidence interval (finite).
    alpha : float
        The two-sided error rate of the interval.
    method : str
        The statsmodels method name used for the interval.
    note : str
        Anything the reader must know about this result (e.g. a continuity correction); ``""`` if nothing.
    """

    measure: str
    estimate: float
    ci_low: float
    ci_high: float
    alpha: float
    method: str
    note: str = ""


@dataclass(frozen=True)
class FisherResult:
    """Result of Fisher's exact test on a 2 × 2 table.

    Attributes
    ----------
    odds_ratio : float or None
        The sample odds ratio ``a·d / (b·c)`` as returned by :func:`scipy.stats.fisher_exact`; ``0`` or
        ``inf`` when one product is zero, and ``None`` when it is undefined (``0/0``, e.g. no events in
        either arm).
    p_value : float
        The exact p-value (in [0, 1]).
    alternative : str
        ``"two-sided"``, ``"greater"`` (more events on arm a) or ``"less"``.
    table : tuple
        The table ``((events_a, non-events_a), (events_b, non-events_b))``.
    note : str
        Explanation when ``odds_ratio`` is ``None``, ``0`` or ``inf``; ``""`` otherwise.
    """

    odds_ratio: float | None
    p_value: float
    alternative: str
    table: tuple[tuple[int, int], tuple[int, int]]
    note: str = ""


@dataclass(frozen=True)
class NNHResult:
    """Number needed to harm, derived from a risk difference.

    Attributes
    ----------
    nnh : float
        ``1 / RD`` (patients). Positive: one extra event on arm a for every ``nnh`` patients treated.
        Negative: arm a has *fewer* events; ``|nnh|`` is then a number needed to treat for one fewer event.
        ``inf`` when the risk difference is exactly 0.
    ci_low, ci_high : float or None
        The interval for ``nnh`` when the risk-difference interval lies on one side of 0 (``1/ci_high_RD``,
        ``1/ci_low_RD``). ``None`` when the risk-difference interval includes 0: the NNH interval is then
        two disjoint pieces running through infinity, described by ``harm_bound`` and ``benefit_bound``.
    harm_bound : float
        Smallest NNH (patients) compatible with the data: the interval covers "NNH from ``harm_bound`` to
        ∞" when the RD interval includes 0. ``inf`` when the RD interval does not reach above 0; equal to
        ``ci_low`` when it lies wholly above 0.
    benefit_bound : float
        Smallest number needed to treat for one *fewer* event (patients, positive) compatible with the data.
        ``inf`` when the RD interval does not reach below 0; equal to ``-ci_high`` when it lies wholly
        below 0.
    ci_crosses_zero : bool
        Whether the risk-difference interval includes 0.
    risk_difference : Comparison
        The underlying risk difference.
    explanation : str
        A sentence a reader can quote.
    """

    nnh: float
    ci_low: float | None
    ci_high: float | None
    harm_bound: float
    benefit_bound: float
    ci_crosses_zero: bool
    risk_difference: Comparison
    explanation: str


@dataclass(frozen=True)
class RuleOfThreeResult:
    """Upper bounds on an event rate when 0 events were seen in ``n`` patients.

    Attributes
    ----------
    n : int
        Patients observed, with no events.
    rule_of_three : float
        ``min(3/n, 1)``: the quick approximation to the one-sided 95 % upper bound (fraction). It is good for
        ``n`` ≳ 30; for small ``n`` it overstates the exact bound, and for ``n ≤ 3`` it is capped at 1.
    exact_one_sided_95 : float
        Exact (Clopper–Pearson) one-sided 95 % upper bound, ``1 − 0.05**(1/n)``, i.e. the 0.95 quantile of
        Beta(1, n). This is the bound the rule of three approximates (``−ln 0.05 ≈ 2.996``).
    exact_two_sided_95 : float
        Upper end of the exact two-sided 95 % Clopper–Pearson interval (= one-sided 97.5 % bound),
        ``1 − 0.025**(1/n)``, as given by :meth:`scipy.stats.binomtest(0, n).proportion_ci`.
    """

    n: int
    rule_of_three: float
    exact_one_sided_95: float
    exact_two_sided_95: float


def _check_counts(events_a: Any, n_a: Any, events_b: Any, n_b: Any) -> tuple[int, int, int, int]:
    n_a_ = check_int("n_a", n_a, "patients", 1)
    n_b_ = check_int("n_b", n_b, "patients", 1)
    x_a = check_int("events_a", events_a, "patients with the event (at most n_a)", 0, n_a_)
    x_b = check_int("events_b", events_b, "patients with the event (at most n_b)", 0, n_b_)
    return x_a, n_a_, x_b, n_b_


def _check_alpha(alpha: Any) -> float:
    return check_number("alpha", alpha, "(two-sided error rate, -)", 0.0, 0.5, low_open=True)


def risk_difference(
    events_a: int, n_a: int, events_b: int, n_b: int, alpha: float = 0.05, method: str = "newcomb"
) -> Comparison:
    """Risk difference (arm a − arm b) with a confidence interval from statsmodels.

    Parameters
    ----------
    events_a, events_b : int
        Patients with the event on each arm (whole numbers in [0, n]).
    n_a, n_b : int
        Patients on each arm (≥ 1).
    alpha : float
        Two-sided error rate in (0, 0.5]; 0.05 gives a 95 % interval.
    method : {"newcomb", "agresti-caffo", "wald"}
        Interval method of :func:`statsmodels.stats.proportion.confint_proportions_2indep`. The default,
        Newcombe's hybrid score interval (method 10 of Newcombe 1998, built from two Wilson intervals), keeps
        good coverage with small counts and with 0 or all events, and always stays inside [−1, 1].
        ``"agresti-caffo"`` adds one event and one non-event to each arm; ``"wald"`` is the textbook normal
        interval, which collapses to zero width when an arm has 0 or all events — shown for teaching only.

    Returns
    -------
    Comparison
        ``estimate`` = events_a/n_a − events_b/n_b (fraction). Interval ends are clipped to [−1, 1] (only
        ``"agresti-caffo"`` can exceed them); the note says when that happened.

    Examples
    --------
    >>> r = risk_difference(56, 70, 48, 80)   # Newcombe (1998), example (a)
    >>> round(r.ci_low, 4), round(r.ci_high, 4)
    (0.0524, 0.3339)
    """
    x_a, n_a_, x_b, n_b_ = _check_counts(events_a, n_a, events_b, n_b)
    alpha_ = _check_alpha(alpha)
    method_ = check_choice("method", method, _RD_METHODS)
    low, high = confint_proportions_2indep(x_a, n_a_, x_b, n_b_, method=method_, compare="diff", alpha=alpha_)
    low, high = float(low), float(high)
    notes = []
    if low < -1.0 or high > 1.0:
        low, high = max(low, -1.0), min(high, 1.0)
        notes.append("interval clipped to [-1, 1]")
    if method_ == "wald" and (x_a in (0, n_a_) or x_b in (0, n_b_)):
        notes.append("Wald interval is unreliable (too narrow) with 0 or all events in an arm")
    return Comparison(
        measure="risk difference",
        estimate=x_a / n_a_ - x_b / n_b_,
        ci_low=low,
        ci_high=high,
        alpha=alpha_,
        method=method_,
        note="; ".join(notes),
    )


def relative_risk(events_a: int, n_a: int, events_b: int, n_b: int, alpha: float = 0.05) -> Comparison:
    """Relative risk (risk on arm a / risk on arm b) with a log-scale confidence interval.

    Parameters
    ----------
    events_a, n_a, events_b, n_b : int
        As in :func:`risk_difference`.
    alpha : float
        Two-sided error rate in (0, 0.5].

    Returns
    -------
    Comparison
        The interval is statsmodels ``confint_proportions_2indep(..., compare="ratio",
        method="log-adjusted")``: the Katz log interval after adding 0.5 to each arm's events and patients,
        so it is finite even with zero counts. ``estimate`` is the sample ratio; when an arm has 0 events the
        sample ratio is 0, ∞ or undefined, so the estimate is the same 0.5-corrected ratio the interval is
        centred on, and ``note`` says so.

    Notes
    -----
    If every patient in both arms has the event, the log interval has zero width at 1 (no information about
    the ratio, not certainty); the note says so — use the risk difference instead.
    """
    x_a, n_a_, x_b, n_b_ = _check_counts(events_a, n_a, events_b, n_b)
    alpha_ = _check_alpha(alpha)
    low, high = confint_proportions_2indep(x_a, n_a_, x_b, n_b_, method="log-adjusted", compare="ratio", alpha=alpha_)
    notes = []
    if x_a == 0 or x_b == 0:
        estimate = ((x_a + 0.5) / (n_a_ + 0.5)) / ((x_b + 0.5) / (n_b_ + 0.5))
        notes.append("an arm has 0 events: estimate uses the 0.5 correction (sample ratio is 0, inf or 0/0)")
    else:
        estimate = (x_a / n_a_) / (x_b / n_b_)
    if x_a == n_a_ and x_b == n_b_:
        notes.append("all patients had the event in both arms: zero-width interval carries no information")
    return Comparison(
        measure="relative risk",
        estimate=float(estimate),
        ci_low=float(low),
        ci_high=float(high),
        alpha=alpha_,
        method="log-adjusted",
        note="; ".join(notes),
    )


def odds_ratio(events_a: int, n_a: int, events_b: int, n_b: int, alpha: float = 0.05) -> Comparison:
    """Odds ratio (odds on arm a / odds on arm b) with a logit (Woolf) confidence interval.

    Parameters
    ----------
    events_a, n_a, events_b, n_b : int
        As in :func:`risk_difference`.
    alpha : float
        Two-sided error rate in (0, 0.5].

    Returns
    -------
    Comparison
        The interval is statsmodels ``confint_proportions_2indep(..., compare="odds-ratio",
        method="logit-adjusted")``: Woolf's interval after adding 0.5 to every cell of the 2 × 2 table
        (Haldane–Anscombe), finite for any counts. ``estimate`` is the sample odds ratio when no cell is 0,
        otherwise the 0.5-corrected odds ratio the interval is centred on (flagged in ``note``).
    """
    x_a, n_a_, x_b, n_b_ = _check_counts(events_a, n_a, events_b, n_b)
    alpha_ = _check_alpha(alpha)
    low, high = confint_proportions_2indep(
        x_a, n_a_, x_b, n_b_, method="logit-adjusted", compare="odds-ratio", alpha=alpha_
    )
    a, b, c, d = x_a, n_a_ - x_a, x_b, n_b_ - x_b
    if min(a, b, c, d) == 0:
        estimate = ((a + 0.5) * (d + 0.5)) / ((b + 0.5) * (c + 0.5))
        note = "a cell of the 2x2 table is 0: estimate uses the Haldane-Anscombe 0.5 correction"
    else:
        estimate = (a * d) / (b * c)
        note = ""
    return Comparison(
        measure="odds ratio",
        estimate=float(estimate),
        ci_low=float(low),
        ci_high=float(high),
        alpha=alpha_,
        method="logit-adjusted",
        note=note,
    )


def fisher_exact_test(events_a: int, n_a: int, events_b: int, n_b: int, alternative: str = "two-sided") -> FisherResult:
    """Fisher's exact test of equal event risks, via :func:`scipy.stats.fisher_exact`.

    Parameters
    ----------
    events_a, n_a, events_b, n_b : int
        As in :func:`risk_difference`.
    alternative : {"two-sided", "greater", "less"}
        ``"greater"`` tests whether arm a has the higher risk.

    Returns
    -------
    FisherResult
        The p-value and the sample odds ratio (``None`` when undefined, with a note).
    """
    x_a, n_a_, x_b, n_b_ = _check_counts(events_a, n_a, events_b, n_b)
    alt = check_choice("alternative", alternative, ("two-sided", "greater", "less"))
    table = ((x_a, n_a_ - x_a), (x_b, n_b_ - x_b))
    res = stats.fisher_exact(table, alternative=alt)
    a, b = table[0]
    c, d = table[1]
    ad, bc = a * d, b * c
    if ad == 0 and bc == 0:
        ratio: float | None = None
        note = "odds ratio undefined (0/0): no events in either arm, all events in both, or similar"
    elif bc == 0:
        ratio = math.inf
        note = "odds ratio is infinite: a zero cell in the denominator"
    elif ad == 0:
        ratio = 0.0
        note = "odds ratio is 0: a zero cell in the numerator"
    else:
        ratio = float(res.statistic)
        note = ""
    return FisherResult(
        odds_ratio=ratio, p_value=float(min(max(res.pvalue, 0.0), 1.0)), alternative=alt, table=table, note=note
    )


def number_needed_to_harm(
    events_a: int, n_a: int, events_b: int, n_b: int, alpha: float = 0.05, method: str = "newcomb"
) -> NNHResult:
    """Number needed to harm (NNH = 1 / risk difference) with Altman's treatment of its interval.

    Parameters
    ----------
    events_a, n_a, events_b, n_b : int
        As in :func:`risk_difference`; arm a is the treatment whose harm is counted.
    alpha : float
        Two-sided error rate in (0, 0.5].
    method : str
        Risk-difference interval method (see :func:`risk_difference`).

    Returns
    -------
    NNHResult
        ``nnh`` in patients (``inf`` when RD = 0). When the RD interval lies wholly above 0 the NNH interval
        is ``(1/ci_high, 1/ci_low)``; wholly below 0 the same formula gives a negative interval (benefit).
        When it includes 0 (either end touching 0 counts), ``ci_low``/``ci_high`` are ``None`` and the
        interval is the two disjoint pieces "NNH ≥ ``harm_bound``" and "NNT (benefit) ≥ ``benefit_bound``"
        (Altman, BMJ 1998;317:1309).
    """
    rd = risk_difference(events_a, n_a, events_b, n_b, alpha=alpha, method=method)
    nnh = math.inf if rd.estimate == 0 else 1.0 / rd.estimate
    level = f"{100 * (1 - rd.alpha):g} %"
    if rd.ci_low > 0:
        lo, hi = 1.0 / rd.ci_high, 1.0 / rd.ci_low
        return NNHResult(
            nnh,
            lo,
            hi,
            lo,
            math.inf,
            False,
            rd,
            f"One extra patient with the event for every {nnh:.1f} treated ({level} CI {lo:.1f} to {hi:.1f}).",
        )
    if rd.ci_high < 0:
        lo, hi = 1.0 / rd.ci_high, 1.0 / rd.ci_low
        return NNHResult(
            nnh,
            lo,
            hi,
            math.inf,
            -hi,
            False,
            rd,
            f"Fewer events on arm a: one fewer patient with the event for every {abs(nnh):.1f} treated "
            f"({level} CI {abs(hi):.1f} to {abs(lo):.1f}).",
        )
    harm = 1.0 / rd.ci_high if rd.ci_high > 0 else math.inf
    benefit = -1.0 / rd.ci_low if rd.ci_low < 0 else math.inf
    point = (
        "no difference (NNH infinite)"
        if math.isinf(nnh)
        else f"NNH {nnh:.1f}"
        if nnh > 0
        else (f"one fewer event per {abs(nnh):.1f} treated")
    )
    return NNHResult(
        nnh,
        None,
        None,
        harm,
        benefit,
        True,
        rd,
        f"Point estimate: {point}. The {level} CI of the risk difference includes 0, so the NNH interval "
        f"is not one range: it runs from NNH {harm:.1f} up to infinity (harm) and, on the other side, from "
        f"{benefit:.1f} treated per event avoided up to infinity (benefit). The data are compatible with "
        f"harm, no effect or benefit.",
    )


def rule_of_three(n: int) -> RuleOfThreeResult:
    """Upper bounds for the event rate after observing 0 events in ``n`` patients.

    Parameters
    ----------
    n : int
        Patients observed (≥ 1), none with the event.

    Returns
    -------
    RuleOfThreeResult
        The rule of three (``3/n``, capped at 1) beside the exact Clopper–Pearson bounds computed with
        :mod:`scipy.stats` (one-sided 95 % from ``beta.ppf(0.95, 1, n)``; two-sided 95 % from
        ``binomtest(0, n).proportion_ci(method="exact")``). For ``n = 100``: 0.03, 0.0295 and 0.0362.

    Examples
    --------
    >>> r = rule_of_three(24)  # no events in 24 participants
    >>> r.rule_of_three, round(r.exact_one_sided_95, 3)
    (0.125, 0.117)
    """
    n_ = check_int("n", n, "patients", 1)
    one_sided = float(stats.beta.ppf(0.95, 1, n_))
    two_sided = float(stats.binomtest(0, n_).proportion_ci(confidence_level=0.95, method="exact").high)
    return RuleOfThreeResult(
        n=n_, rule_of_three=min(3.0 / n_, 1.0), exact_one_sided_95=one_sided, exact_two_sided_95=two_sided
    )


# ---------------------------------------------------------------------------------------------------------
# Planning: power and precision
# ---------------------------------------------------------------------------------------------------------
def _check_p(name: str, value: Any) -> float:
    return check_number(name, value, "(proportion, fraction)", 0.0, 1.0)


def _check_n_per_arm(n_per_arm: Any) -> int | np.ndarray:
    """One arm size (a whole number) or an array of arm sizes (a curve: real numbers allowed), each >= 1 patient."""
    if np.ndim(n_per_arm) == 0:
        return check_int("n_per_arm", n_per_arm, "patients per arm", 1)
    return check_array("n_per_arm", n_per_arm, "patients per arm", 1.0)


def power_two_proportions(p_a: float, p_b: float, n_per_arm: Any, alpha: float = 0.05) -> float | np.ndarray:
    """Power of a two-sided test comparing two event proportions with ``n_per_arm`` patients per arm.

    Parameters
    ----------
    p_a, p_b : float
        True event proportions (fractions in [0, 1]), e.g. 0.08 and 0.04.
    n_per_arm : int or array_like
        Patients per arm (a whole number ≥ 1; equal arms). An array of arm sizes (each ≥ 1; values between
        whole numbers are allowed, for a smooth curve) gives the power curve.
    alpha : float
        Two-sided significance level in (0, 0.5].

    Returns
    -------
    float or numpy.ndarray
        Power in [alpha, 1) (an array shaped like ``n_per_arm`` for an array): statsmodels
        :class:`~statsmodels.stats.power.NormalIndPower` with Cohen's arcsine effect size
        ``h = proportion_effectsize(p_a, p_b)`` (normal approximation, both rejection tails counted). With rare
        events and small arms this approximation is rough; the book's figures say so. Equal proportions give
        power = alpha.

    Examples
    --------
    The application note's 8 % vs 4 % (an illustrative planning scenario) with Study 31's arm size:

    >>> round(power_two_proportions(0.08, 0.04, 101), 2)
    0.23
    >>> power_two_proportions(0.08, 0.04, [51, 101, 539]).round(2)
    array([0.14, 0.23, 0.8 ])
    """
    p_a_ = _check_p("p_a", p_a)
    p_b_ = _check_p("p_b", p_b)
    n = _check_n_per_arm(n_per_arm)
    alpha_ = _check_alpha(alpha)
    h = abs(float(proportion_effectsize(p_a_, p_b_)))
    if h == 0.0:
        return alpha_ if np.ndim(n) == 0 else np.full(np.shape(n), alpha_)
    power = NormalIndPower().power(effect_size=h, nobs1=n, alpha=alpha_, ratio=1.0, alternative="two-sided")
    return float(power) if np.ndim(n) == 0 else np.asarray(power, dtype=float)


def expected_counts(p: Any, n_per_arm: Any) -> int | np.ndarray:
    """Events expected in an arm of ``n_per_arm`` patients at a true proportion ``p``, rounded half up.

    A planning device: the interval a trial "would report" is the one computed from these counts.

    Parameters
    ----------
    p : float or array_like
        True event proportion(s) (fractions in [0, 1]).
    n_per_arm : int
        Patients in the arm (>= 1).

    Returns
    -------
    int or numpy.ndarray
        ``floor(p · n + 0.5)`` (an int array for array ``p``).

    Examples
    --------
    >>> expected_counts(0.08, 100), expected_counts(0.04, 100)
    (8, 4)
    >>> expected_counts([0.08, 0.04], 25)
    array([2, 1])
    """
    n = check_int("n_per_arm", n_per_arm, "patients per arm", 1)
    if np.ndim(p) == 0:
        return math.floor(_check_p("p", p) * n + 0.5)
    arr = check_array("p", p, "(proportion, fraction)", 0.0, 1.0)
    return np.floor(arr * n + 0.5).astype(int)


def expected_ci_halfwidth(p_a: float, p_b: float, n_per_arm: int, alpha: float = 0.05) -> float:
    """Expected half-width of the confidence interval of the risk difference (planning value).

    Parameters
    ----------
    p_a, p_b : float
        Assumed true event proportions (fractions in [0, 1]).
    n_per_arm : int
        Patients per arm (≥ 1).
    alpha : float
        Two-sided error rate in (0, 0.5].

    Returns
    -------
    float
        ``z(1 − alpha/2) · sqrt(p_a(1 − p_a)/n + p_b(1 − p_b)/n)`` as a fraction (the Wald half-width at the
        assumed proportions; ``z`` from :func:`scipy.stats.norm.isf`). It is 0 when both proportions are 0
        or 1 — then use :func:`risk_difference` (Newcombe) on expected counts instead.
    """
    p_a_ = _check_p("p_a", p_a)
    p_b_ = _check_p("p_b", p_b)
    n = check_int("n_per_arm", n_per_arm, "patients per arm", 1)
    alpha_ = _check_alpha(alpha)
    z = float(stats.norm.isf(alpha_ / 2))
    return z * math.sqrt(p_a_ * (1 - p_a_) / n + p_b_ * (1 - p_b_) / n)


def n_for_power(p_a: float, p_b: float, power: float = 0.8, alpha: float = 0.05) -> int:
    """Patients per arm needed to reach ``power`` (same approximation as :func:`power_two_proportions`).

    Parameters
    ----------
    p_a, p_b : float
        Assumed true proportions (fractions in [0, 1]); they must differ.
    power : float
        Target power in (alpha, 1).
    alpha : float
        Two-sided significance level in (0, 0.5].

    Returns
    -------
    int
        ``ceil`` of :meth:`NormalIndPower.solve_power` for ``nobs1`` (equal arms).
        Example: 0.04 vs 0.08 at 80 % power needs 539 per arm.
    """
    p_a_ = _check_p("p_a", p_a)
    p_b_ = _check_p("p_b", p_b)
    alpha_ = _check_alpha(alpha)
    power_ = check_number("power", power, "(probability, -)", alpha_, 1.0, low_open=True, high_open=True)
    h = abs(float(proportion_effectsize(p_a_, p_b_)))
    if h == 0.0:
        raise ValueError(
            f"p_b must differ from p_a (proportion, fraction) for a finite sample size; got p_a={p_a_!r}, p_b={p_b_!r}"
        )
    n = NormalIndPower().solve_power(effect_size=h, nobs1=None, alpha=alpha_, power=power_, ratio=1.0)
    return math.ceil(float(np.asarray(n).item()) - 1e-9)


# ---------------------------------------------------------------------------------------------------------
# 3. Illustrative exposure–safety model
# ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DizzinessModel:
    """ILLUSTRATIVE ASSUMPTION: probability of transient dizziness vs plasma lanicemine concentration.

    ``p(C) = baseline + (p_max − baseline) / (1 + (ec50_um / C) ** slope)``, a logistic curve in
    ``log C`` (Hill form), with ``p(0) = baseline``.

    **None of these parameters is fitted to data.** The book's sources report only that dizziness was the
    most common adverse event and dose-related and transient (application note, SEED); per-arm dizziness
    rates and any concentration–effect data are NOT AVAILABLE. The defaults are chosen only to give a
    readable curve: ``ec50_um = 5`` µM sits at the upper end of the 1–5 µM plasma range linked to gamma-EEG
    increases in mouse, rat and non-human primates (AZOI; a preclinical range, not a human finding) and near
    the model-predicted end-of-infusion concentration for 150 mg (5.57 µM);
    ``baseline = 0.05`` stands for background dizziness on placebo; ``p_max = 0.6`` and ``slope = 2`` are
    arbitrary. Change them and see how the conclusions move.

    Parameters
    ----------
    ec50_um : float
        Concentration (µM) giving half of the drug-related rise, > 0.
    slope : float
        Hill slope (dimensionless), in (0, 10].
    baseline : float
        Probability at zero concentration, in [0, 1).
    p_max : float
        Probability at very high concentration, in (baseline, 1].
    label : str
        Caption used by figures; states that the model is an assumption.
    """

    ec50_um: float = 5.0
    slope: float = 2.0
    baseline: float = 0.05
    p_max: float = 0.6
    label: str = "illustrative assumption (not fitted to data; per-arm dizziness rates not available)"

    def __post_init__(self) -> None:
        check_number("ec50_um", self.ec50_um, "µM", 0.0, math.inf, low_open=True)
        check_number("slope", self.slope, "(Hill slope, -)", 0.0, 10.0, low_open=True)
        base = check_number("baseline", self.baseline, "(probability, -)", 0.0, 1.0, high_open=True)
        check_number("p_max", self.p_max, "(probability, -)", base, 1.0, low_open=True)
        if not isinstance(self.label, str) or not self.label.strip():
            raise ValueError(f"label must be a non-empty description (text); got {self.label!r}")

    def probability(self, conc_um: Any) -> Any:
        """Predicted probability (fraction) of transient dizziness at plasma concentration ``conc_um`` (µM ≥ 0).

        Returns a float for a scalar input, else a float array of the input's shape.
        """
        c = check_array("conc_um", conc_um, "µM", 0.0)
        with np.errstate(divide="ignore"):
            frac = np.where(c > 0, 1.0 / (1.0 + (self.ec50_um / np.where(c > 0, c, 1.0)) ** self.slope), 0.0)
        p = self.baseline + (self.p_max - self.baseline) * frac
        return float(p) if p.ndim == 0 else p


def peak_effect_vs_infusion_length(
    dose_mg: float,
    durations_h: Sequence[float],
    model: DizzinessModel | None = None,
    params: Any = None,
) -> pd.DataFrame:
    """Peak concentration, exposure and illustrative dizziness probability for several infusion lengths.

    Parameters
    ----------
    dose_mg : float
        Single IV dose in mg, in (0, 1000].
    durations_h : sequence of float
        Infusion lengths in hours, each in (0, 24].
    model : DizzinessModel, optional
        The exposure–safety assumption (default :class:`DizzinessModel()`).
    params : lanicemine_lib.pk.PKParameters, optional
        PK parameters of one patient (default ``PKParameters()``: the typical patient of the PopPK model);
        population (array-valued) parameters are rejected.

    Returns
    -------
    pandas.DataFrame
        One row per duration: ``duration_h``, ``cmax_mg_per_l``, ``cmax_um`` (free base), ``tmax_h``,
        ``auc_mg_h_per_l`` (AUC from 0 to ∞: :func:`scipy.integrate.quad` over the infusion and one week
        after it, plus the usual log-linear tail ``C_last / λz``; it equals dose / CL for every duration)
        and ``p_dizziness_at_cmax`` (model-predicted, **illustrative**). A longer infusion lowers Cmax — and
        so the predicted peak-related effect — while AUC is unchanged.
    """
    from . import pk  # imported here so this module loads even without pk

    dose = check_number("dose_mg", dose_mg, "mg", 0.0, 1000.0, low_open=True)
    durations = check_array("durations_h", durations_h, "h", 0.0, 24.0, low_open=True)
    if durations.ndim != 1 or durations.size == 0:
        raise ValueError(
            f"durations_h must be a non-empty 1-D sequence of infusion lengths in (0, 24] h; got {durations_h!r}"
        )
    model_ = DizzinessModel() if model is None else model
    if not isinstance(model_, DizzinessModel):
        raise ValueError(f"model must be a DizzinessModel (illustrative assumption); got {model!r}")
    params_ = pk.PKParameters() if params is None else params
    if not isinstance(params_, pk.PKParameters) or params_.is_population:
        raise ValueError(
            f"params must be a single-patient PKParameters (scalar CL, Q in L/h; V1, V2 in L); got {params!r}"
        )

    rows = []
    for d in durations:
        regimen = pk.Regimen.single(dose, duration_h=float(d))
        t = np.unique(np.concatenate([np.linspace(0.0, 1.5 * d + 2.0, 601), [d]]))
        conc = np.asarray(pk.concentration(t, regimen, params_), dtype=float)
        i = int(np.argmax(conc))
        cmax = float(conc[i])

        def c_at(x: float, regimen: Any = regimen) -> float:
            return float(np.asarray(pk.concentration(np.array([x]), regimen, params_), dtype=float)[0])

        during, _ = integrate.quad(c_at, 0.0, float(d), limit=200)
        t_last = float(d) + _AUC_FOLLOW_H
        after, _ = integrate.quad(c_at, float(d), t_last, limit=400)
        # tail beyond t_last: C_last / lambda_z, lambda_z from the log-linear slope over the last 24 h
        c_last, c_prev = c_at(t_last), c_at(t_last - 24.0)
        tail = c_last * 24.0 / math.log(c_prev / c_last) if 0 < c_last < c_prev else 0.0
        rows.append(
            {
                "duration_h": float(d),
                "cmax_mg_per_l": cmax,
                "cmax_um": float(pk.mg_per_l_to_um(cmax)),
                "tmax_h": float(t[i]),
                "auc_mg_h_per_l": during + after + tail,
                "p_dizziness_at_cmax": model_.probability(float(pk.mg_per_l_to_um(cmax))),
            }
        )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------------------
# 4. Rating scales
# ---------------------------------------------------------------------------------------------------------
def _score_items(items: Any, scale: str, n_items: int, item_max: int) -> Any:
    unit = f"{scale} item points"
    try:
        arr = np.asarray(items, dtype=float)
    except (TypeError, ValueError):
        arr = check_array("items", items, unit, 0.0, float(item_max))  # raises with the standard message
    if np.asarray(items).dtype == bool:
        check_array("items", items, unit, 0.0, float(item_max))  # raises: booleans are not scores
    check_int("items.ndim", arr.ndim, "(1 = one patient, 2 = patients x items)", 1, 2)
    check_int(f"len(items) ({scale} item count)", arr.shape[-1], "items", n_items, n_items)
    for j in range(n_items):
        col = arr[..., j]
        name = f"items[..., {j}] ({scale} item {j + 1})"
        check_array(name, col, "points", 0.0, float(item_max))
        frac = col[col != np.round(col)]
        if frac.size:
            check_int(name, float(frac.flat[0]), "points", 0, item_max)  # raises: not a whole number
    total = arr.sum(axis=-1).astype(int)
    return int(total) if total.ndim == 0 else total


def score_cadss(items: Any) -> Any:
    """Total score of the Clinician-Administered Dissociative States Scale (CADSS).

    Parameters
    ----------
    items : array_like
        23 item scores, each a whole number 0–4 (points); or a 2-D array, one patient per row.

    Returns
    -------
    int or numpy.ndarray of int
        Total 0–92 points (one per row for 2-D input).

    Raises
    ------
    ValueError
        Wrong item count, or an item out of 0–4 or not whole; the message names the item index.
    """
    return _score_items(items, "CADSS", CADSS_ITEMS, CADSS_ITEM_MAX)


def score_madrs(items: Any) -> Any:
    """Total score of the Montgomery–Åsberg Depression Rating Scale (MADRS).

    Parameters
    ----------
    items : array_like
        10 item scores, each a whole number 0–6 (points); or a 2-D array, one patient per row.

    Returns
    -------
    int or numpy.ndarray of int
        Total 0–60 points (one per row for 2-D input).

    Raises
    ------
    ValueError
        Wrong item count, or an item out of 0–6 or not whole; the message names the item index.
    """
    return _score_items(items, "MADRS", MADRS_ITEMS, MADRS_ITEM_MAX)


def madrs_response(baseline: Any, current: Any) -> Any:
    """Whether MADRS fell by at least 50 % from baseline (the trials' response definition).

    Parameters
    ----------
    baseline : float or array_like
        Baseline MADRS total, points in [1, 60] (0 leaves the percentage undefined).
    current : float or array_like
        Current MADRS total, points in [0, 60]; broadcast against ``baseline``.

    Returns
    -------
    bool or numpy.ndarray of bool
        ``current ≤ baseline / 2`` (compared as ``2·current ≤ baseline``, so exact halves count).
    """
    b = check_array("baseline", baseline, "MADRS points", 1.0, 60.0)
    c = check_array("current", current, "MADRS points", 0.0, 60.0)
    try:
        np.broadcast_shapes(b.shape, c.shape)
    except ValueError:
        raise ValueError(
            f"current must have the shape of baseline or broadcast against it (MADRS points); got shapes "
            f"{c.shape} and {b.shape}"
        ) from None
    out = 2.0 * c <= b
    return bool(out) if np.ndim(out) == 0 else out


def madrs_remission(score: Any) -> Any:
    """Whether a MADRS total counts as remission (≤ 10 points, the lanicemine trials' definition).

    Parameters
    ----------
    score : float or array_like
        MADRS total, points in [0, 60].

    Returns
    -------
    bool or numpy.ndarray of bool
    """
    s = check_array("score", score, "MADRS points", 0.0, 60.0)
    out = s <= MADRS_REMISSION_MAX
    return bool(out) if out.ndim == 0 else out
