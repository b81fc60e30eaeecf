"""Published lanicemine trials, their designs and calendars, eligibility, and simulated trials with power.

Two kinds of content live here, and the book keeps them apart:

*Published record* — :func:`published_trials`, :func:`trial_designs`, :func:`study31_flow` and
:func:`dosing_calendar` hold what the book's evidence registry (:mod:`lanicemine_lib.evidence`) records, with
the bibtex key of each source; every number is read from the registry. Values marked NOT AVAILABLE are
``NaN``; values marked UNVERIFIED (for example the Study 1 and Study 9 effect sizes found only on secondary
pages) are not here at all. The Study 9 outcome is VERIFIED in its direction only (the Study 9 abstract); the
application note's "both doses better than placebo at week 3" is a SEED statement, worded as its report.

*Simulation* — :class:`TrialAssumptions`, :func:`simulate_trials`, :func:`locf_endpoint`, :func:`ancova_batch`,
:func:`analytic_power`, :func:`split_probability` and :func:`same_drug_two_trials` simulate many randomised,
placebo-controlled trials
of MADRS scores. Every default in :class:`TrialAssumptions` is an **illustrative assumption** (per-arm
results of the lanicemine trials are NOT AVAILABLE to us); simulated numbers are never trial results.

Sign convention: ``effect`` is the drug-minus-placebo difference in MADRS change from baseline at the
endpoint, in MADRS points; **negative favours the drug** (a larger fall in the depression score).

Everything here is for education only.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
import pandas as pd
from scipy import special, stats

from . import evidence as _ev
from ._validation import check_array, check_choice, check_flag, check_int, check_number

__all__ = [
    "DIAGNOSES",
    "SOURCES",
    "AncovaResult",
    "ConsortFlow",
    "EligibilityResult",
    "Patient",
    "SimulationResult",
    "TrialAssumptions",
    "TwoTrialsResult",
    "analytic_positive_probability",
    "analytic_power",
    "ancova_batch",
    "check_eligibility",
    "dosing_calendar",
    "locf_endpoint",
    "published_trials",
    "same_drug_two_trials",
    "simulate_trials",
    "split_probability",
    "study31_flow",
    "study31_week_summary",
    "trial_designs",
]

NAN = float("nan")

#: bibtex keys (``book/references.bib``) used in the tables of this module.
SOURCES = ("Sanacora2014", "Sanacora2017", "Zarate2013", "Cochrane2021", "CTgov31", "PTSD2021", "Seed")

# 10 items x 0-6 (VERIFIED; evidence keys scale.madrs_items and scale.madrs_item_max)
MADRS_MIN, MADRS_MAX = 0.0, float(_ev.value("scale.madrs_items") * _ev.value("scale.madrs_item_max"))
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
STUDIES = ("Study 9", "Study 31")


# =====================================================================================================
# Published record
# =====================================================================================================


def _v(key: str) -> float:
    """A numeric fact of the evidence registry."""
    return float(_ev.value(key))


def _s31_note() -> str:
    done = [int(_v(f"study31.completed.{a}")) for a in ("50mg", "100mg", "placebo")]
    total, n = int(_v("study31.completed_total")), int(_v("study31.n_total"))
    return (
        f"completers as reported ({'/'.join(map(str, done))}); they add up to {sum(done)}, while the reported "
        f"total is {total} of {n} ({100 * total / n:.1f} %)"
    )


def published_trials() -> pd.DataFrame:
    """One row per arm of the published lanicemine trials, as recorded in the evidence registry.

    Returns
    -------
    pandas.DataFrame
        Columns:

        ``study``, ``arm`` (label), ``design`` (parallel / crossover, with notes),
        ``dose_mg`` (mg per infusion; 0 for placebo/saline),
        ``n_randomized`` and ``n_completed`` (patients per arm),
        ``n_study_total`` (patients in the whole study; the same on every row of a study),
        ``baseline_madrs_mean`` and ``baseline_madrs_sd`` (MADRS points, 0–60),
        ``age_mean`` and ``age_sd`` (years), ``female_pct`` (%),
        ``source`` (bibtex keys separated by ``"; "``), ``notes``.

        ``NaN`` marks a value that is NOT AVAILABLE in our sources — never a guess. In particular the
        crossover (Zarate 2013) has one row per *period*: the same 22 patients appear in both rows, so the
        rows must not be added; per-period counts are not in our sources (``NaN``). The PTSD trial reports
        24 participants in total; its per-arm split is not in our sources (``NaN``).
    """
    cols = [
        "study",
        "arm",
        "design",
        "dose_mg",
        "n_randomized",
        "n_completed",
        "n_study_total",
        "baseline_madrs_mean",
        "baseline_madrs_sd",
        "age_mean",
        "age_sd",
        "female_pct",
        "source",
        "notes",
    ]
    parallel = "parallel, placebo-controlled"
    crossover = (
        "crossover: single infusions one week apart; the two rows are periods of the same 22 patients (do not add them)"
    )

    def arm_row(study: str, key: str, arm: str, dose: float, source: str, notes: str, completed: bool = False):
        """One arm of Study 9 or Study 31, every number read from the evidence registry."""
        prefix = "study9" if study == "Study 9" else "study31"
        age_sd = _v(f"{prefix}.age_sd.{key}") if prefix == "study31" else NAN
        return (
            study,
            arm,
            parallel,
            dose,
            _v(f"{prefix}.n.{key}"),
            _v(f"study31.completed.{key}") if completed else NAN,
            _v(f"{prefix}.n_total"),
            _v(f"{prefix}.baseline_madrs.{key}"),
            _v(f"{prefix}.baseline_madrs_sd.{key}"),
            _v(f"{prefix}.age.{key}"),
            age_sd,
            _v(f"{prefix}.female_pct.{key}"),
            source,
            notes,
        )

    s1_note = "single 60-min infusion vs saline; 16/18 split assigned in the order the arms are listed (drug/saline)"
    s9_src, s9_note = "Cochrane2021; Sanacora2014", "completers per arm not in our sources"
    s31_src = "Cochrane2021; CTgov31; Sanacora2017"
    ptsd_note = "24 participants randomised 1:1; exact per-arm counts not in our sources; not a depression trial"
    blank = (NAN,) * 5
    rows = [
        # Study 1 (Cochrane2021 study characteristics)
        (
            "Study 1",
            "lanicemine 100 mg",
            parallel,
            100,
            _v("study1.n_drug"),
            NAN,
            _v("study1.n_total"),
            *blank,
            "Cochrane2021",
            s1_note,
        ),
        (
            "Study 1",
            "saline placebo",
            parallel,
            0,
            _v("study1.n_placebo"),
            NAN,
            _v("study1.n_total"),
            *blank,
            "Cochrane2021",
            s1_note,
        ),
        # Zarate 2013
        (
            "Zarate 2013",
            "lanicemine 150 mg (period)",
            crossover,
            _v("zarate2013.dose_mg"),
            NAN,
            NAN,
            _v("zarate2013.n_total"),
            *blank,
            "Zarate2013",
            "per-period counts not in our sources",
        ),
        (
            "Zarate 2013",
            "placebo (period)",
            crossover,
            0,
            NAN,
            NAN,
            _v("zarate2013.n_total"),
            *blank,
            "Zarate2013",
            "per-period counts not in our sources",
        ),
        # Study 9 (Cochrane2021 tables; design also Sanacora2014)
        arm_row("Study 9", "100mg", "lanicemine 100 mg", 100, s9_src, s9_note),
        arm_row("Study 9", "150mg", "lanicemine 150 mg", 150, s9_src, s9_note),
        arm_row("Study 9", "placebo", "placebo", 0, s9_src, s9_note),
        # Study 31 (Cochrane2021 baseline tables; flow CTgov31 / Sanacora2017)
        arm_row("Study 31", "50mg", "lanicemine 50 mg", 50, s31_src, _s31_note(), completed=True),
        arm_row("Study 31", "100mg", "lanicemine 100 mg", 100, s31_src, _s31_note(), completed=True),
        arm_row("Study 31", "placebo", "placebo", 0, s31_src, _s31_note(), completed=True),
        # PTSD trial
        (
            "PTSD trial",
            "lanicemine 100 mg",
            "randomised 1:1, placebo-controlled",
            100,
            NAN,
            NAN,
            _v("ptsd.n_total"),
            *blank,
            "PTSD2021",
            ptsd_note,
        ),
        (
            "PTSD trial",
            "placebo",
            "randomised 1:1, placebo-controlled",
            0,
            NAN,
            NAN,
            _v("ptsd.n_total"),
            *blank,
            "PTSD2021",
            ptsd_note,
        ),
    ]
    frame = pd.DataFrame(rows, columns=cols)
    numeric = [c for c in cols if c not in ("study", "arm", "design", "source", "notes")]
    frame[numeric] = frame[numeric].astype(float)
    return frame


def trial_designs() -> pd.DataFrame:
    """One row per published lanicemine study: design, schedule, endpoint, setting, entry and outcome.

    Returns
    -------
    pandas.DataFrame
        Columns: ``study``, ``design``, ``arms``, ``n_total`` (patients), ``schedule`` (text),
        ``n_infusions`` (study infusions per patient in a drug arm; per period for the crossover),
        ``infusion_min`` (minutes per infusion), ``primary_endpoint``, ``primary_endpoint_week`` (weeks after
        the first infusion), ``n_centres``, ``countries``, ``period``, ``entry_criteria``, ``outcome``,
        ``outcome_status`` (facts-sheet status of the outcome statement), ``source`` (bibtex keys).
        ``NaN`` = NOT AVAILABLE in our sources.

    Notes
    -----
    The Study 9 outcome is VERIFIED in its direction (the Study 9 abstract); "both doses better than placebo
    at week 3" is the application note's report (SEED), and per-arm differences are deliberately absent (they
    are UNVERIFIED). The Study 1 result found on a secondary page is UNVERIFIED and is left out. Study 9's
    infusion count (9) is derived from its verified schedule (3 per week for 3 weeks); its 60-min duration is
    an assumption of the book (the length was read for Zarate 2013, Study 1 and Study 31, not for Study 9).
    Every number, and the entry criteria and outcomes, are read from the evidence registry.
    """
    cols = [
        "study",
        "design",
        "arms",
        "n_total",
        "schedule",
        "n_infusions",
        "infusion_min",
        "primary_endpoint",
        "primary_endpoint_week",
        "n_centres",
        "countries",
        "period",
        "entry_criteria",
        "outcome",
        "outcome_status",
        "source",
    ]
    infusion_min = _v("trials.infusion_min")
    s9_week, s31_week = _v("study9.primary_endpoint_week"), _v("study31.primary_endpoint_week")
    na6 = (NAN,) * 6
    rows = [
        (
            "Study 1",
            "parallel, placebo-controlled",
            "lanicemine 100 mg; saline",
            _v("study1.n_total"),
            "single 60-min IV infusion",
            1,
            infusion_min,
            *na6,
            NAN,
            "NOT AVAILABLE (the only effect size found is unverified)",
            "Cochrane2021",
        ),
        (
            "Zarate 2013",
            "crossover",
            "lanicemine 150 mg; placebo",
            _v("zarate2013.n_total"),
            "single 60-min IV infusion of each, one week apart",
            1,
            infusion_min,
            *na6,
            f"MADRS improved from {_v('zarate2013.madrs_onset_min'):.0f} min but was significantly better than "
            f"placebo only through {_v('zarate2013.madrs_significant_until_min'):.0f} min "
            f"(d = {_v('zarate2013.effect_size_d'):.2f}); responders at any time "
            f"{_ev.value('zarate2013.responders_any_time_pct').replace(' vs ', ' % vs ')} %; no psychotomimetic/"
            "dissociative difference from placebo",
            "VERIFIED",
            "Zarate2013",
        ),
        (
            "Study 9",
            "parallel, placebo-controlled, adjunct to an ongoing antidepressant",
            "lanicemine 100 mg; lanicemine 150 mg; placebo",
            _v("study9.n_total"),
            f"{_v('study9.infusions_per_week'):.0f} IV infusions per week for {_v('study9.weeks'):.0f} weeks",
            _v("study9.infusions_per_week") * _v("study9.weeks"),
            _v("study9.infusion_min"),
            f"MADRS change from baseline to week {s9_week:.0f}",
            s9_week,
            NAN,
            NAN,
            NAN,
            _ev.value("study9.entry"),
            f"{_ev.value('study9.outcome_direction')} (direction, abstract); the application note reports "
            f"{_ev.value('study9.outcome_detail')} (effect sizes not verified)",
            "VERIFIED (direction) / SEED (details)",
            "Sanacora2014; Seed; Cochrane2021",
        ),
        (
            "Study 31",
            "randomised, double-blind, placebo-controlled (0.9 % saline), parallel, adjunct to an "
            "ongoing antidepressant",
            "lanicemine 50 mg; lanicemine 100 mg; placebo",
            _v("study31.n_total"),
            "3 infusions/week in weeks 1-3, 1/week in weeks 4-6, then weeks 8, 10 and 12 (15 infusions over 12 weeks)",
            _v("study31.n_infusions"),
            infusion_min,
            f"MADRS change from baseline to week {s31_week:.0f}",
            s31_week,
            _v("study31.n_centres"),
            _ev.value("study31.countries"),
            _ev.value("study31.period"),
            f"age {_ev.value('study31.age_range_years')} years; {_ev.value('study31.entry')}",
            _ev.value("study31.outcome"),
            "VERIFIED",
            "Sanacora2017; CTgov31; Cochrane2021",
        ),
        (
            "PTSD trial",
            "randomised 1:1, placebo-controlled (0.9 % saline) proof-of-mechanism",
            "lanicemine 100 mg; placebo",
            _v("ptsd.n_total"),
            "three 100 mg 60-min infusions over 5 days",
            3,
            infusion_min,
            *na6,
            "no serious adverse events",
            "VERIFIED",
            "PTSD2021",
        ),
    ]
    frame = pd.DataFrame(rows, columns=cols)
    for c in ("n_total", "n_infusions", "infusion_min", "primary_endpoint_week", "n_centres"):
        frame[c] = frame[c].astype(float)
    return frame


_S31_ARMS = {"50mg": "lanicemine 50 mg", "100mg": "lanicemine 100 mg", "placebo": "placebo"}


@dataclass(frozen=True)
class ConsortFlow:
    """Participant flow of Study 31 (CTgov31, Sanacora2017), CONSORT style, as reported.

    Attributes
    ----------
    enrolled : int
        Patients enrolled (CTgov31 wording), 542.
    randomised : dict of str to int
        Patients randomised per arm (101 / 101 / 100; total 302).
    completed : dict of str to int
        Patients completing per arm, as reported (80 / 81 / 77).
    completed_total : int
        Patients completing in total, as reported (240, i.e. 79.5 % of 302).

    Notes
    -----
    The reported per-arm completers add up to 238, not to the reported total of 240. Our sources do not
    resolve the difference of 2, so both are kept as reported and :attr:`discrepancy` says so; the book
    should show it rather than "correct" either number.
    """

    enrolled: int = int(_v("study31.enrolled"))
    randomised: Mapping[str, int] = field(
        default_factory=lambda: {label: int(_v(f"study31.n.{key}")) for key, label in _S31_ARMS.items()}
    )
    completed: Mapping[str, int] = field(
        default_factory=lambda: {label: int(_v(f"study31.completed.{key}")) for key, label in _S31_ARMS.items()}
    )
    completed_total: int = int(_v("study31.completed_total"))
    source: str = "CTgov31; Sanacora2017"

    @property
    def randomised_total(self) -> int:
        """Patients randomised (302)."""
        return int(sum(self.randomised.values()))

    @property
    def completed_arm_sum(self) -> int:
        """Sum of the reported per-arm completers (238; DERIVED — differs from :attr:`completed_total`)."""
        return int(sum(self.completed.values()))

    @property
    def discrepancy(self) -> str:
        """A note when the per-arm completers do not add up to the reported total ("" when they do)."""
        if self.completed_arm_sum == self.completed_total:
            return ""
        return (
            f"the reported per-arm completers ({' + '.join(str(v) for v in self.completed.values())} = "
            f"{self.completed_arm_sum}) do not add up to the reported total ({self.completed_total}); our "
            "sources do not resolve the difference"
        )

    @property
    def not_randomised(self) -> int:
        """Enrolled but not randomised (DERIVED: 542 - 302); they did not fulfil the eligibility criteria (CTgov31)."""
        return self.enrolled - self.randomised_total

    @property
    def completion_pct(self) -> float:
        """Reported completers as % of randomised (240 / 302 = 79.5 %)."""
        return 100.0 * self.completed_total / self.randomised_total

    def discontinued(self) -> dict[str, int]:
        """Randomised minus reported completers per arm (DERIVED; reasons are not in our sources)."""
        return {arm: self.randomised[arm] - self.completed[arm] for arm in self.randomised}

    def to_frame(self) -> pd.DataFrame:
        """One row per arm: randomised, completed, not completed (derived) and completion (%)."""
        rows = [
            {
                "arm": arm,
                "randomised": self.randomised[arm],
                "completed": self.completed[arm],
                "not_completed_derived": self.randomised[arm] - self.completed[arm],
                "completion_pct": 100.0 * self.completed[arm] / self.randomised[arm],
            }
            for arm in self.randomised
        ]
        return pd.DataFrame(rows)


def study31_flow() -> ConsortFlow:
    """The CONSORT numbers of Study 31: 542 enrolled → 302 randomised (101/101/100) → 80/81/77 completed.

    Returns
    -------
    ConsortFlow
        ``completion_pct`` is the reported 240 / 302 = 79.5 %. Note the reported per-arm completers add up
        to 238 (see :attr:`ConsortFlow.discrepancy`).
    """
    return ConsortFlow()


def dosing_calendar(study: str, dose_mg: float) -> pd.DataFrame:
    """The infusion calendar of one study, built from :class:`lanicemine_lib.pk.Regimen`.

    Parameters
    ----------
    study : {"Study 9", "Study 31"}
        Which schedule (``Regimen.study9`` or ``Regimen.study31``).
    dose_mg : float
        Dose per infusion in mg, in (0, 1000] (the published arms used 50, 100 and 150 mg).

    Returns
    -------
    pandas.DataFrame
        Date-free calendar, one row per infusion: ``infusion`` (1, 2, …), ``week`` (1-based study week),
        ``weekday`` (``"Mon"`` … ``"Sun"``), ``weekday_index`` (0 = Monday), ``day`` (0-based day of the
        course, day 0 = the Monday of the first infusion — the convention of ``pk.Regimen.to_frame``),
        ``start_h`` (h after time 0), ``duration_min`` (min) and ``dose_mg`` (mg).

    Notes
    -----
    The sources give infusions *per week* (VERIFIED); the weekday placement (Mon/Wed/Fri, Mondays) is the
    convention of ``pk.Regimen`` — the one source of truth for the schedules — and is illustrative.
    """
    study = check_choice("study", study, STUDIES)
    dose_mg = check_number("dose_mg", dose_mg, "mg", 0.0, 1000.0, low_open=True)
    from . import pk  # imported here so this module imports before pk.py exists

    regimen = pk.Regimen.study9(dose_mg) if study == "Study 9" else pk.Regimen.study31(dose_mg)
    frame = regimen.to_frame().reset_index(drop=True)
    durations = [float(inf.duration_h) for inf in regimen.infusions]  # same order (sorted by start_h)
    day = frame["day"].astype(int).to_numpy()
    out = pd.DataFrame(
        {
            "infusion": np.arange(1, len(frame) + 1),
            "week": frame["week"].astype(int).to_numpy(),
            "weekday": [WEEKDAYS[d % 7] for d in day],
            "weekday_index": day % 7,
            "day": day,
            "start_h": frame["start_h"].astype(float).to_numpy(),
            "duration_min": 60.0 * np.asarray(durations),
            "dose_mg": frame["dose_mg"].astype(float).to_numpy(),
        }
    )
    return out


#: Weeks of Study 31 (the calendar of ``pk.Regimen.study31``: infusions in weeks 1-6, 8, 10 and 12).
STUDY31_WEEKS_TOTAL = 12


def study31_week_summary(week: Any, dose_mg: float = 100.0) -> dict[str, float]:
    """What a typical Study 31 patient has received by the end of ``week`` (model-predicted concentrations).

    Parameters
    ----------
    week : int
        Study week, a whole number in [1, 12] (the end of that week is ``t = 168 * week`` h).
    dose_mg : float
        Dose per 60-min infusion, mg, in (0, 1000] (Study 31 arms: 50 and 100 mg).

    Returns
    -------
    dict
        ``week``; ``n_infusions`` (infusions given in weeks 1 to ``week``); ``total_mg`` (their total dose,
        mg); ``last_trough_mg_l`` (model-predicted concentration just before the latest infusion, mg/L);
        ``end_of_week_mg_l`` (concentration at the end of the week, mg/L); ``peak_mg_l`` (highest
        concentration so far, mg/L: the end of an infusion, where a 60-min infusion peaks). Concentrations
        come from :func:`lanicemine_lib.pk.concentration` with the PopPK typical values.

    Examples
    --------
    >>> s = study31_week_summary(6)
    >>> int(s["n_infusions"]), s["total_mg"]
    (12, 1200.0)
    >>> round(s["peak_mg_l"], 2)  # mg/L, at the end of an infusion in the three-a-week phase
    0.77
    """
    week = check_int("week", week, "weeks", 1, STUDY31_WEEKS_TOTAL)
    dose_mg = check_number("dose_mg", dose_mg, "mg", 0.0, 1000.0, low_open=True)
    from . import pk

    regimen = pk.Regimen.study31(dose_mg)
    t_end = 168.0 * week
    given = [inf for inf in regimen.infusions if inf.start_h < t_end]
    ends = np.array([min(inf.end_h, t_end) for inf in given])
    return {
        "week": float(week),
        "n_infusions": float(len(given)),
        "total_mg": float(sum(inf.dose_mg for inf in given)),
        "last_trough_mg_l": float(pk.concentration(given[-1].start_h, regimen)),
        "end_of_week_mg_l": float(pk.concentration(t_end, regimen)),
        "peak_mg_l": float(np.max(pk.concentration(ends, regimen))),
    }


# =====================================================================================================
# Eligibility
# =====================================================================================================
#: Diagnoses a :class:`Patient` may carry (the first two are eligible).
DIAGNOSES = ("MDD single episode", "MDD recurrent", "bipolar disorder", "psychotic disorder", "other")

_BOOL_FIELDS = (
    "on_allowed_antidepressant",
    "history_of_psychosis",
    "history_of_bipolar",
    "substance_use_disorder_past_year",
    "significant_suicidal_ideation",
)


@dataclass(frozen=True)
class Patient:
    """A screening record, in the fields the generalised entry criteria need.

    Parameters
    ----------
    age_years : float
        Age in years, in [0, 120] (a record outside that range is malformed; 18–70 is eligible).
    diagnosis : str
        One of :data:`DIAGNOSES`: ``"MDD single episode"``, ``"MDD recurrent"``, ``"bipolar disorder"``,
        ``"psychotic disorder"``, ``"other"``.
    inadequate_responses_current_episode : int
        Number of antidepressant treatments with inadequate response in the current episode, in [0, 50].
    on_allowed_antidepressant : bool
        Currently taking an antidepressant allowed by the protocol.
    weeks_on_current_antidepressant : float
        Weeks on that antidepressant before screening, in [0, 1040] weeks.
    history_of_psychosis, history_of_bipolar : bool
        Lifetime history of psychosis / of bipolar disorder.
    substance_use_disorder_past_year : bool
        Substance use disorder within the past year.
    significant_suicidal_ideation : bool
        Significant suicidal ideation at screening.
    """

    age_years: float
    diagnosis: str
    inadequate_responses_current_episode: int
    on_allowed_antidepressant: bool
    weeks_on_current_antidepressant: float
    history_of_psychosis: bool
    history_of_bipolar: bool
    substance_use_disorder_past_year: bool
    significant_suicidal_ideation: bool

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "age_years", check_number("age_years", self.age_years, "years", 0, 120))
        set_(self, "diagnosis", check_choice("diagnosis", self.diagnosis, DIAGNOSES))
        set_(
            self,
            "inadequate_responses_current_episode",
            check_int(
                "inadequate_responses_current_episode", self.inadequate_responses_current_episode, "treatments", 0, 50
            ),
        )
        set_(
            self,
            "weeks_on_current_antidepressant",
            check_number("weeks_on_current_antidepressant", self.weeks_on_current_antidepressant, "weeks", 0, 1040),
        )
        for name in _BOOL_FIELDS:
            set_(self, name, check_flag(name, getattr(self, name)))

    @classmethod
    def from_mapping(cls, record: Mapping[str, Any]) -> Patient:
        """Build a :class:`Patient` from a dict; missing or unknown keys raise ``ValueError`` naming them."""
        if not isinstance(record, Mapping):
            raise ValueError(f"patient must be a Patient or a mapping of its fields; got {type(record).__name__}")
        names = [f.name for f in fields(cls)]
        missing = [n for n in names if n not in record]
        if missing:
            raise ValueError(f"patient record is missing field(s): {', '.join(missing)}")
        unknown = sorted(str(k) for k in record if k not in names)
        if unknown:
            raise ValueError(f"patient record has unknown field(s): {', '.join(unknown)}")
        return cls(**{n: record[n] for n in names})


@dataclass(frozen=True)
class EligibilityResult:
    """Outcome of :func:`check_eligibility`.

    Attributes
    ----------
    eligible : bool
        True when no criterion fails.
    reasons : tuple of str
        One reason per failed criterion, each starting with the criterion's name (``"age: …"``,
        ``"diagnosis: …"``, ``"prior treatment: …"``, ``"current antidepressant: …"``, ``"psychosis: …"``,
        ``"bipolar disorder: …"``, ``"substance use: …"``, ``"suicidal ideation: …"``). Empty when eligible.
    """

    eligible: bool
    reasons: tuple[str, ...]


def check_eligibility(patient: Patient | Mapping[str, Any]) -> EligibilityResult:
    """Apply the application note's *generalised* entry criteria to one screening record.

    These are the seed's summary criteria (SEED), not the full protocol of Study 9 or Study 31. The published
    records are stricter on prior treatment: Study 9 required HRSD-17 ≥ 26 (later ≥ 20) and a history of ≥ 2
    failed antidepressants; Study 31 a lifetime history of inadequate response to ≥ 3 antidepressants
    (Cochrane2021, CTgov31). The generalised list below asks for only one:

    - inclusion: age 18–70 years; MDD, single episode or recurrent; inadequate response to ≥ 1
      antidepressant in the current episode; an allowed antidepressant for ≥ 4 weeks before screening;
    - exclusion: psychosis or bipolar disorder; substance use disorder within the past year; significant
      suicidal ideation.

    Parameters
    ----------
    patient : Patient or mapping
        A :class:`Patient`, or a dict with exactly its fields.

    Returns
    -------
    EligibilityResult

    Raises
    ------
    ValueError
        A missing or unknown field, a wrong type, or an out-of-range value (the message names the field).
    """
    if not isinstance(patient, Patient):
        patient = Patient.from_mapping(patient)
    p = patient
    reasons: list[str] = []
    if not 18.0 <= p.age_years <= 70.0:
        reasons.append(f"age: {p.age_years:g} years is outside 18-70 years")
    if p.diagnosis not in ("MDD single episode", "MDD recurrent"):
        reasons.append(f"diagnosis: {p.diagnosis!r} is not MDD (single episode or recurrent)")
    if p.inadequate_responses_current_episode < 1:
        reasons.append("prior treatment: no inadequate response to an antidepressant in the current episode")
    if not p.on_allowed_antidepressant:
        reasons.append("current antidepressant: not on an allowed antidepressant")
    elif p.weeks_on_current_antidepressant < 4.0:
        reasons.append(
            f"current antidepressant: {p.weeks_on_current_antidepressant:g} weeks before screening (< 4 weeks)"
        )
    if p.history_of_psychosis or p.diagnosis == "psychotic disorder":
        reasons.append("psychosis: history of psychosis (exclusion)")
    if p.history_of_bipolar or p.diagnosis == "bipolar disorder":
        reasons.append("bipolar disorder: history of bipolar disorder (exclusion)")
    if p.substance_use_disorder_past_year:
        reasons.append("substance use: substance use disorder within the past year (exclusion)")
    if p.significant_suicidal_ideation:
        reasons.append("suicidal ideation: significant suicidal ideation (exclusion)")
    return EligibilityResult(eligible=not reasons, reasons=tuple(reasons))


# =====================================================================================================
# Simulation assumptions
# =====================================================================================================
_ASSUMPTION_NOTES: dict[str, tuple[str, str]] = {
    # field: (unit, reason) — every one an illustrative assumption
    "baseline_mean": (
        "MADRS points",
        "between the published arm means of Study 9 (33.3-34.1) and Study 31 (35.64-36.55) (Cochrane2021)",
    ),
    "baseline_sd": ("MADRS points", "the published arm SDs are 4.5-5.6 (Cochrane2021)"),
    "baseline_min": (
        "MADRS points",
        "illustrative entry floor; the trials' MADRS entry threshold is not in our sources (Study 9 used "
        "HRSD-17, a different scale)",
    ),
    "baseline_max": ("MADRS points", "top of the MADRS scale (10 items x 0-6)"),
    "placebo_plateau": (
        "MADRS points",
        "illustrative placebo improvement (about a third of the baseline score); per-arm results are NOT "
        "AVAILABLE, and a high placebo response is named only qualitatively as a post-hoc explanation (SEED)",
    ),
    "placebo_tau_weeks": (
        "weeks",
        "illustrative time constant: about 3/4 of the plateau by week 3 and 95 % by week 6",
    ),
    "residual_sd": (
        "MADRS points",
        "illustrative SD of individual change at any visit; per-arm SDs of change are NOT AVAILABLE; with "
        "baseline SD 5 it gives a baseline-endpoint correlation of about 0.5",
    ),
    "visit_correlation": (
        "-",
        "illustrative AR(1) correlation of a patient's deviations at consecutive weekly visits",
    ),
    "dropout_by_endpoint": (
        "fraction",
        "rounded from Study 31, where 79.5 % of 302 completed (240; VERIFIED flow), i.e. about 20 % did not; "
        "that was over 12 weeks, so it is generous for a week-3 or week-6 endpoint; dropout is completely at "
        "random",
    ),
    "clip_to_scale": ("-", "scores are clipped to the MADRS range 0-60"),
    "response_reduction": ("fraction", "response = >= 50 % reduction from baseline (VERIFIED definition)"),
    "remission_max": ("MADRS points", "remission = MADRS <= 10 (VERIFIED definition in the lanicemine trials)"),
}


@dataclass(frozen=True)
class TrialAssumptions:
    """Illustrative assumptions of :func:`simulate_trials` (every default is labelled and reasoned).

    Model, for patient *i* at weekly visit *t* = 0, 1, …, T (T = endpoint week)::

        MADRS_it = clip( B_i + m_arm(t) + e_it , 0, 60 )
        B_i  ~ Normal(baseline_mean, baseline_sd) truncated to [baseline_min, baseline_max]
        m_placebo(t) = -placebo_plateau * (1 - exp(-t / placebo_tau_weeks))
        m_drug(t)    = m_placebo(t) + effect * (1 - exp(-t / tau)) / (1 - exp(-T / tau))
        e_i0 = 0;  e_it = AR(1) with marginal SD residual_sd and lag-1 correlation visit_correlation

    so the expected drug-minus-placebo difference at the endpoint is exactly ``effect`` before clipping
    and dropout. Dropout is completely at random, after the week-1 visit, with a constant weekly hazard
    that removes ``dropout_by_endpoint`` of patients by week T.

    Parameters
    ----------
    baseline_mean : float
        Mean baseline MADRS, points (default 35; published arm means 33.3–36.55).
    baseline_sd : float
        SD of baseline MADRS, points (default 5; published arm SDs 4.5–5.6).
    baseline_min, baseline_max : float
        Truncation of baseline MADRS, points (defaults 20 and 60; illustrative entry floor, scale top).
    placebo_plateau : float
        Placebo improvement approached over time, MADRS points (default 11, illustrative).
    placebo_tau_weeks : float
        Time constant of that approach, weeks (default 2, illustrative).
    residual_sd : float
        SD of a patient's deviation from the arm mean change, MADRS points (default 8, illustrative).
    visit_correlation : float
        AR(1) lag-1 (one week) correlation of those deviations, in [0, 1) (default 0.7, illustrative).
    dropout_by_endpoint : float
        Fraction that drops out by the endpoint, in [0, 0.9] (default 0.2, from Study 31's 79.5 % completion).
    clip_to_scale : bool
        Clip scores to 0–60 (default True).
    response_reduction : float
        Fractional reduction from baseline that defines response (default 0.5, VERIFIED definition).
    remission_max : float
        MADRS score at or below which a patient is in remission (default 10, VERIFIED definition).
    """

    baseline_mean: float = 35.0
    baseline_sd: float = 5.0
    baseline_min: float = 20.0
    baseline_max: float = 60.0
    placebo_plateau: float = 11.0
    placebo_tau_weeks: float = 2.0
    residual_sd: float = 8.0
    visit_correlation: float = 0.7
    dropout_by_endpoint: float = 0.2
    clip_to_scale: bool = True
    response_reduction: float = 0.5
    remission_max: float = 10.0

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        pts = "MADRS points"
        set_(self, "baseline_mean", check_number("baseline_mean", self.baseline_mean, pts, 0, 60))
        set_(self, "baseline_sd", check_number("baseline_sd", self.baseline_sd, pts, 0, 30, low_open=True))
        set_(self, "baseline_min", check_number("baseline_min", self.baseline_min, pts, 0, 60, high_open=True))
        set_(
            self,
            "baseline_max",
            check_number("baseline_max", self.baseline_max, pts, self.baseline_min, 60, low_open=True),
        )
        set_(self, "placebo_plateau", check_number("placebo_plateau", self.placebo_plateau, pts, 0, 60))
        set_(
            self,
            "placebo_tau_weeks",
            check_number("placebo_tau_weeks", self.placebo_tau_weeks, "weeks", 0, 52, low_open=True),
        )
        set_(self, "residual_sd", check_number("residual_sd", self.residual_sd, pts, 0, 30, low_open=True))
        set_(
            self,
            "visit_correlation",
            check_number("visit_correlation", self.visit_correlation, "-", 0, 1, high_open=True),
        )
        set_(
            self,
            "dropout_by_endpoint",
            check_number("dropout_by_endpoint", self.dropout_by_endpoint, "fraction", 0, 0.9),
        )
        set_(self, "clip_to_scale", check_flag("clip_to_scale", self.clip_to_scale))
        set_(
            self,
            "response_reduction",
            check_number("response_reduction", self.response_reduction, "fraction", 0, 1, low_open=True),
        )
        set_(self, "remission_max", check_number("remission_max", self.remission_max, pts, 0, 60))

    def describe(self) -> pd.DataFrame:
        """Table of every assumption: value, unit, status and the reason for its default."""
        rows = []
        for f in fields(self):
            unit, reason = _ASSUMPTION_NOTES[f.name]
            value = getattr(self, f.name)
            status = (
                "VERIFIED definition"
                if f.name in ("response_reduction", "remission_max")
                else "illustrative assumption"
            )
            rows.append(
                {
                    "assumption": f.name,
                    "value": value,
                    "default": f.default,
                    "unit": unit,
                    "status": status,
                    "reason for default": reason,
                }
            )
        return pd.DataFrame(rows)


# =====================================================================================================
# Missing data: last observation carried forward
# =====================================================================================================
def locf_endpoint(scores: Any) -> np.ndarray:
    """Each patient's last observed score (last observation carried forward, LOCF).

    Parameters
    ----------
    scores : array_like, shape (..., n_visits)
        Scores by visit (MADRS points), ``NaN`` after a patient drops out; the first visit (baseline) must
        be observed. One row per patient, e.g. ``SimulationResult.madrs[0]`` of
        ``simulate_trials(..., return_data=True)``.

    Returns
    -------
    numpy.ndarray, shape (...,)
        The score at each patient's last observed visit: the endpoint score of an LOCF analysis (what
        :func:`simulate_trials` analyses with ``missing="locf"``).

    Examples
    --------
    >>> locf_endpoint([[30.0, 25.0, 20.0], [32.0, 28.0, np.nan]])  # the second patient left after week 1
    array([20., 28.])
    """
    message = f"scores must be numbers by visit (score units; NaN after dropout), shape (..., n_visits); got {scores!r}"
    try:
        if isinstance(scores, (str, bytes)) or np.asarray(scores).dtype.kind in "USVO":
            raise ValueError(message)
        arr = np.asarray(scores, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(message) from None
    if arr.ndim < 1 or arr.shape[-1] == 0:
        raise ValueError(f"scores must have at least one visit (score units), shape (..., n_visits); got {arr.shape}")
    if np.isinf(arr).any() or np.isnan(arr[..., 0]).any():
        raise ValueError("scores must be finite (score units) with the first visit (baseline) observed; got inf or NaN")
    visits = np.arange(arr.shape[-1])
    last = np.where(np.isfinite(arr), visits, 0).max(axis=-1)
    return np.take_along_axis(arr, last[..., None], axis=-1)[..., 0]


# =====================================================================================================
# Batched ANCOVA
# =====================================================================================================
@dataclass(frozen=True)
class AncovaResult:
    """Per-trial ANCOVA contrasts of each arm against the control arm (arm 0).

    Arrays have shape ``(n_trials, n_arms - 1)`` except ``slope``, ``df``, ``residual_sd`` and ``intercept``
    (``(n_trials,)``). ``estimate`` is the baseline-adjusted difference in mean change (arm minus control), in
    outcome units; ``slope`` the common slope of change on baseline; ``intercept`` the control arm's
    intercept ``b0`` (change = ``b0 + slope · baseline`` in the control arm; since endpoint = baseline + change,
    the control arm's endpoint line is ``b0 + (1 + slope) · baseline``).
    Entries are ``NaN`` where a trial cannot be fitted (an empty arm, no residual degrees of freedom, or
    no spread in baseline).
    """

    estimate: np.ndarray
    std_error: np.ndarray
    t_value: np.ndarray
    p_value: np.ndarray
    slope: np.ndarray
    df: np.ndarray
    residual_sd: np.ndarray
    intercept: np.ndarray


def _score_matrix(name: str, value: Any) -> np.ndarray:
    """``value`` as an at-least-2-D array of finite floats, or ``ValueError`` naming ``name`` (text, NaN, …)."""
    message = f"{name} must be finite numbers (score units), shape (n_trials, n_patients); got {value!r}"
    try:
        kind = np.asarray(value).dtype.kind
        if isinstance(value, (str, bytes)) or kind in "USV":
            raise ValueError(message)
        arr = np.atleast_2d(np.asarray(value, dtype=float))
    except (TypeError, ValueError):  # text, ragged nesting and the like
        raise ValueError(message) from None
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must be finite numbers (score units); got NaN or inf")
    return arr


def ancova_batch(
    baseline: Any,
    change: Any,
    arm: Any,
    weights: Any | None = None,
) -> AncovaResult:
    """Fit ``change ~ arm (factor, arm 0 = reference) + baseline`` by OLS for many trials at once.

    This is exactly the ordinary-least-squares model ``y = b0 + sum_k b_k [arm == k] + g * baseline``, fitted
    per trial through per-arm sufficient statistics (counts, means, pooled within-arm sums of squares), so
    it needs no loop over trials. The tests check it against ``statsmodels`` OLS.

    Parameters
    ----------
    baseline, change : array_like, shape (n_trials, n_patients)
        Baseline score and change from baseline (any units; MADRS points here).
    arm : array_like of int, shape (n_patients,)
        Arm index of each patient column, 0 … n_arms − 1, shared by all trials; 0 is the control arm.
    weights : array_like of {0, 1}, shape (n_trials, n_patients), optional
        1 = patient analysed, 0 = excluded (e.g. a non-completer). Default: everyone analysed.

    Returns
    -------
    AncovaResult
        Estimates, standard errors, t values and two-sided p-values of each arm k ≥ 1 versus arm 0.
    """
    x = _score_matrix("baseline", baseline)
    y = _score_matrix("change", change)
    if x.shape != y.shape or x.ndim != 2:
        raise ValueError(
            f"baseline and change must have the same 2-D shape (n_trials, n_patients); got {x.shape} and {y.shape}"
        )
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise ValueError("baseline and change must be finite numbers (score units); got NaN or inf")
    arm_arr = np.asarray(arm)
    if arm_arr.ndim != 1 or arm_arr.shape[0] != x.shape[1]:
        raise ValueError(
            f"arm must be a 1-D array of length n_patients = {x.shape[1]} (arm index); got shape {arm_arr.shape}"
        )
    arm_idx = np.array([check_int("arm", a, "(arm index)", 0) for a in arm_arr], dtype=np.intp)
    n_arms = int(arm_idx.max()) + 1 if arm_idx.size else 0
    if n_arms < 2:
        raise ValueError(f"arm must contain at least 2 arms (arm index 0 and 1); got {n_arms}")
    if weights is None:
        w = np.ones_like(x)
    else:
        try:
            w = np.atleast_2d(np.asarray(weights, dtype=float))
        except (TypeError, ValueError):
            raise ValueError(f"weights must be 0 or 1 (-) with the shape of baseline; got {weights!r}") from None
        if w.shape != x.shape or not np.isin(w, (0.0, 1.0)).all():
            raise ValueError("weights must be 0 or 1 (-) with the shape of baseline")
    onehot = np.zeros((x.shape[1], n_arms))
    onehot[np.arange(x.shape[1]), arm_idx] = 1.0
    return _ancova_core(x, y, w, onehot)


def _ancova_core(x: np.ndarray, y: np.ndarray, w: np.ndarray, onehot: np.ndarray) -> AncovaResult:
    """Batched ANCOVA on validated arrays; ``onehot`` is (n_patients, n_arms)."""
    n_arms = onehot.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        n_a = w @ onehot  # (T, A)
        xbar = ((w * x) @ onehot) / n_a
        ybar = ((w * y) @ onehot) / n_a
        arm_of = np.argmax(onehot, axis=1)
        dx = x - xbar[:, arm_of]
        dy = y - ybar[:, arm_of]
        wdx = w * dx
        wxx = np.einsum("ij,ij->i", wdx, dx)
        wxy = np.einsum("ij,ij->i", wdx, dy)
        slope = wxy / wxx
        resid = dy - slope[:, None] * dx
        rss = np.einsum("ij,ij->i", w * resid, resid)
        df = n_a.sum(axis=1) - n_arms - 1.0
        s2 = rss / df
        diff_x = xbar[:, 1:] - xbar[:, :1]
        est = (ybar[:, 1:] - ybar[:, :1]) - slope[:, None] * diff_x
        var = s2[:, None] * (1.0 / n_a[:, 1:] + 1.0 / n_a[:, :1] + diff_x**2 / wxx[:, None])
        se = np.sqrt(var)
        t = est / se
    bad = (n_a.min(axis=1) < 1) | (df < 1) | ~(wxx > 0) | ~np.isfinite(s2)
    df_ok = np.where(bad, np.nan, df)
    p = 2.0 * stats.t.sf(np.abs(t), df_ok[:, None])
    for arr in (est, se, t, p):
        arr[bad] = np.nan
    slope = np.where(bad, np.nan, slope)
    intercept = ybar[:, 0] - slope * xbar[:, 0]
    return AncovaResult(est, se, t, p, slope, df_ok, np.sqrt(np.where(bad, np.nan, s2)), intercept)


# =====================================================================================================
# Simulation
# =====================================================================================================
@dataclass(frozen=True)
class SimulationResult:
    """Results of :func:`simulate_trials` (simulated, illustrative assumptions — not trial results).

    Attributes
    ----------
    arm_labels : tuple of str
        ``("placebo", "drug 1", …)``; arm 0 is placebo.
    effects : tuple of float
        True drug-minus-placebo effect of each drug arm at the endpoint, MADRS points (negative favours drug).
    n_per_arm : tuple of int
        Patients randomised per arm (placebo first).
    n_trials, endpoint_week, seed : int
    alpha : float
        Two-sided significance level.
    missing : str
        ``"locf"`` or ``"completers"``.
    assumptions : TrialAssumptions
    estimates, std_errors, p_values : ndarray, shape (n_trials, n_drug_arms)
        ANCOVA estimate (MADRS points), its SE and two-sided p-value per trial and drug arm.
    response_rate, remission_rate : ndarray, shape (n_trials, n_arms)
        Fraction of analysed patients responding / remitting at the endpoint, per trial and arm.
    completion_rate : ndarray, shape (n_arms,)
        Fraction of randomised patients observed at the endpoint visit, over all trials.
    visit_weeks : ndarray, shape (n_visits,)
        Weeks 0 … endpoint_week.
    mean_trajectory : ndarray, shape (n_arms, n_visits)
        Mean observed MADRS per arm and visit over all trials (patients still in the trial).
    madrs : ndarray or None, shape (n_trials, n_patients, n_visits)
        Simulated scores with NaN after dropout (only with ``return_data=True``).
    arm : ndarray, shape (n_patients,)
        Arm index of each patient column.
    """

    arm_labels: tuple[str, ...]
    effects: tuple[float, ...]
    n_per_arm: tuple[int, ...]
    n_trials: int
    endpoint_week: int
    seed: int
    alpha: float
    missing: str
    assumptions: TrialAssumptions
    estimates: np.ndarray
    std_errors: np.ndarray
    p_values: np.ndarray
    response_rate: np.ndarray
    remission_rate: np.ndarray
    completion_rate: np.ndarray
    visit_weeks: np.ndarray
    mean_trajectory: np.ndarray
    arm: np.ndarray
    madrs: np.ndarray | None = None

    @property
    def significant(self) -> np.ndarray:
        """Boolean (n_trials, n_drug_arms): two-sided p < alpha (NaN p counts as not significant)."""
        return np.nan_to_num(self.p_values, nan=1.0) < self.alpha

    @property
    def power(self) -> np.ndarray:
        """Fraction of trials significant at two-sided ``alpha``, per drug arm (either direction)."""
        return self.significant.mean(axis=0)

    @property
    def positive_rate(self) -> np.ndarray:
        """Fraction of trials significant *and* favouring the drug (estimate < 0), per drug arm."""
        return (self.significant & (np.nan_to_num(self.estimates) < 0)).mean(axis=0)

    @property
    def power_mc_se(self) -> np.ndarray:
        """Monte Carlo standard error of :attr:`power`, sqrt(p (1 − p) / n_trials)."""
        p = self.power
        return np.sqrt(p * (1 - p) / self.n_trials)

    def summary(self) -> pd.DataFrame:
        """One row per arm: true effect, power, mean estimate, response and remission (simulated)."""
        rows = []
        for k, label in enumerate(self.arm_labels):
            row = {
                "arm": label,
                "n_per_arm": self.n_per_arm[k],
                "true_effect_madrs": 0.0 if k == 0 else self.effects[k - 1],
                "power": NAN if k == 0 else float(self.power[k - 1]),
                "mean_estimate_madrs": NAN if k == 0 else float(np.nanmean(self.estimates[:, k - 1])),
                "response_rate": float(np.nanmean(self.response_rate[:, k])),
                "remission_rate": float(np.nanmean(self.remission_rate[:, k])),
                "completion_rate": float(self.completion_rate[k]),
            }
            rows.append(row)
        frame = pd.DataFrame(rows)
        frame.attrs["label"] = "simulated, illustrative assumptions"
        return frame


_MAX_CHUNK_ELEMENTS = 1_000_000  # scores generated per batch of trials (bounds memory: ~8 MB per array)


def _as_tuple(name: str, value: Any, unit: str, low: float, high: float, integer: bool) -> tuple:
    if isinstance(value, (str, bytes)):
        raise ValueError(
            f"{name} must be a number or a sequence of numbers in [{low:g}, {high:g}] {unit}; got {value!r}"
        )
    if isinstance(value, (Sequence, np.ndarray)) and not np.isscalar(value):
        items = list(np.asarray(value, dtype=object).ravel())
        if not items:
            raise ValueError(f"{name} must not be empty ({unit})")
    else:
        items = [value]
    if integer:
        return tuple(check_int(name, v, unit, int(low), int(high)) for v in items)
    return tuple(check_number(name, v, unit, low, high) for v in items)


def _check_assumptions(assumptions: Any) -> TrialAssumptions:
    """``assumptions`` if it is a :class:`TrialAssumptions`, the defaults for ``None``, else ``ValueError``."""
    if assumptions is None:
        return TrialAssumptions()
    if not isinstance(assumptions, TrialAssumptions):
        raise ValueError(f"assumptions must be a TrialAssumptions; got {type(assumptions).__name__}")
    return assumptions


def simulate_trials(
    n_per_arm: int | Sequence[int] = 50,
    effect: float | Sequence[float] = -3.0,
    n_trials: int = 1000,
    seed: int = 0,
    *,
    endpoint_week: int = 6,
    assumptions: TrialAssumptions | None = None,
    missing: str = "locf",
    alpha: float = 0.05,
    return_data: bool = False,
) -> SimulationResult:
    """Simulate many randomised, placebo-controlled trials of weekly MADRS scores and analyse each by ANCOVA.

    All trials are generated and analysed at once with numpy (arrays shaped
    ``(n_trials, n_patients, n_visits)``, in batches that bound memory); see :class:`TrialAssumptions`
    for the model. Each trial is analysed at ``endpoint_week`` by ANCOVA of change from baseline with arm
    as a factor (placebo = reference) and baseline MADRS as covariate, one model with all arms, giving one
    contrast per drug arm (:func:`ancova_batch`).

    Parameters
    ----------
    n_per_arm : int or sequence of int
        Patients randomised per arm, each in [2, 5000]. One int = equal arms; a sequence gives each arm,
        placebo first (length 1 + number of drug arms).
    effect : float or sequence of float
        True drug-minus-placebo difference in MADRS change at the endpoint, MADRS points, in [-60, 60];
        **negative favours the drug**. One value = a two-arm trial; a sequence = one value per drug arm
        (e.g. ``(-3, -3)`` for a three-arm trial). 0 = no effect.
    n_trials : int
        Number of simulated trials, in [1, 100000].
    seed : int
        Seed of the random generator (``numpy.random.default_rng``), in [0, 2**63 − 1]; same seed, same result.
    endpoint_week : int
        Week of the primary endpoint, in [1, 52]; weekly visits 0 … endpoint_week (Study 9 used 3, Study 31 6).
    assumptions : TrialAssumptions, optional
        Illustrative assumptions; default :class:`TrialAssumptions()`.
    missing : {"locf", "completers"}
        ``"locf"`` (default): every randomised patient is analysed, the last observed score carried forward
        (dropout happens only after the week-1 visit, so everyone has a post-baseline score; LOCF was a
        common primary analysis in trials of that era). ``"completers"``: only patients observed at the
        endpoint are analysed.
    alpha : float
        Two-sided significance level, in (0, 0.5].
    return_data : bool
        Also return the simulated scores (``madrs``; can be large).

    Returns
    -------
    SimulationResult
    """
    effects = _as_tuple("effect", effect, "MADRS points", -60.0, 60.0, integer=False)
    n_arms = len(effects) + 1
    if n_arms > 6:
        raise ValueError(f"effect must hold 1 to 5 drug-arm effects (MADRS points); got {len(effects)}")
    sizes = _as_tuple("n_per_arm", n_per_arm, "patients", 2, 5000, integer=True)
    if len(sizes) == 1:
        sizes = sizes * n_arms
    elif len(sizes) != n_arms:
        raise ValueError(
            f"n_per_arm must be one number or {n_arms} numbers (patients per arm, placebo first); got {len(sizes)}"
        )
    n_trials = check_int("n_trials", n_trials, "trials", 1, 100_000)
    seed = check_int("seed", seed, "-", 0, 2**63 - 1)
    endpoint_week = check_int("endpoint_week", endpoint_week, "weeks", 1, 52)
    assumptions = _check_assumptions(assumptions)
    missing = check_choice("missing", missing, ("locf", "completers"))
    alpha = check_number("alpha", alpha, "-", 0.0, 0.5, low_open=True)
    return_data = check_flag("return_data", return_data)

    a = assumptions
    n_vis = endpoint_week + 1
    weeks = np.arange(n_vis, dtype=float)
    arm = np.repeat(np.arange(n_arms), sizes)
    n_pat = arm.size
    onehot = np.zeros((n_pat, n_arms))
    onehot[np.arange(n_pat), arm] = 1.0

    # expected change from baseline per arm and visit (MADRS points)
    shape_t = 1.0 - np.exp(-weeks / a.placebo_tau_weeks)
    mean_change = np.empty((n_arms, n_vis))
    mean_change[0] = -a.placebo_plateau * shape_t
    for k, eff in enumerate(effects, start=1):
        mean_change[k] = mean_change[0] + eff * shape_t / shape_t[-1]
    mean_change_pat = mean_change[arm]  # (n_pat, n_vis)

    # truncated-normal baseline by inverse CDF
    lo = special.ndtr((a.baseline_min - a.baseline_mean) / a.baseline_sd)
    hi = special.ndtr((a.baseline_max - a.baseline_mean) / a.baseline_sd)
    if not hi - lo > 1e-12:
        raise ValueError(
            "baseline_min/baseline_max leave no probability mass under the baseline distribution "
            "(MADRS points); widen the range or move baseline_mean"
        )
    rho = a.visit_correlation
    innov_sd = a.residual_sd * math.sqrt(1.0 - rho * rho)
    n_trans = n_vis - 2  # week-to-week transitions after the week-1 visit at which dropout can happen
    hazard = 1.0 - (1.0 - a.dropout_by_endpoint) ** (1.0 / n_trans) if n_trans > 0 else 0.0

    rng = np.random.default_rng(seed)
    chunk = max(1, _MAX_CHUNK_ELEMENTS // (n_pat * n_vis))
    est = np.empty((n_trials, n_arms - 1))
    se = np.empty_like(est)
    pv = np.empty_like(est)
    resp = np.empty((n_trials, n_arms))
    remi = np.empty((n_trials, n_arms))
    traj_sum = np.zeros((n_arms, n_vis))
    traj_n = np.zeros((n_arms, n_vis))
    completed = np.zeros(n_arms)
    data = np.empty((n_trials, n_pat, n_vis)) if return_data else None
    vis_idx = np.arange(n_vis)

    mean_change_vp = np.ascontiguousarray(mean_change_pat.T[:, None, :])  # (n_vis, 1, n_pat)
    for start in range(0, n_trials, chunk):
        m = min(chunk, n_trials - start)
        u = rng.random((m, n_pat))
        base = a.baseline_mean + a.baseline_sd * special.ndtri(lo + u * (hi - lo))
        # visit-major layout (n_vis, m, n_pat) so each visit is one contiguous block; scores are generated in
        # float32 (resolution ~1e-5 MADRS points, far below anything that matters) for speed, and analysed
        # in float64
        y = np.empty((n_vis, m, n_pat), dtype=np.float32)
        rng.standard_normal(out=y[1:], dtype=np.float32)
        y[1] *= np.float32(a.residual_sd)
        for j in range(2, n_vis):  # stationary AR(1) deviations, marginal SD residual_sd
            y[j] *= np.float32(innov_sd)
            y[j] += np.float32(rho) * y[j - 1]
        base = base.astype(np.float32).astype(np.float64)  # the baseline exactly as stored in y[0]
        y[1:] += base[None].astype(np.float32)
        y[1:] += mean_change_vp[1:].astype(np.float32)
        y[0] = base
        if a.clip_to_scale:
            np.clip(y, MADRS_MIN, MADRS_MAX, out=y)
        # last observed visit: 1 + number of survived weekly transitions (geometric), capped at the endpoint
        if hazard > 0.0:
            uu = 1.0 - rng.random((m, n_pat))  # in (0, 1]
            survived = np.floor(np.log(uu) / math.log1p(-hazard))
            last = np.minimum(1.0 + survived, n_vis - 1).astype(np.intp)
        else:
            last = np.full((m, n_pat), n_vis - 1, dtype=np.intp)
        complete = last == n_vis - 1

        if missing == "locf":
            y_end = np.take_along_axis(y, last[None], axis=0)[0].astype(np.float64)
            w = np.ones((m, n_pat))
        else:
            y_end = y[-1].astype(np.float64)
            w = complete.astype(float)
        res = _ancova_core(base, y_end - base, w, onehot)
        est[start : start + m] = res.estimate
        se[start : start + m] = res.std_error
        pv[start : start + m] = res.p_value

        with np.errstate(divide="ignore", invalid="ignore"):
            n_an = w @ onehot
            is_resp = (base - y_end) >= a.response_reduction * base
            is_remi = y_end <= a.remission_max
            resp[start : start + m] = ((w * is_resp) @ onehot) / n_an
            remi[start : start + m] = ((w * is_remi) @ onehot) / n_an
        if data is not None:
            observed = vis_idx[:, None, None] <= last[None]
            data[start : start + m] = np.moveaxis(np.where(observed, y.astype(np.float64), np.nan), 0, 2)
        # mean observed trajectory: zero the scores after dropout (visits 0 and 1 are always observed) ...
        for v in range(2, n_vis):
            y[v] *= last >= v
        traj_sum += (y.sum(axis=1, dtype=np.float64) @ onehot).T
        # ... and count, per patient column, the trials still observed at each visit
        last_hist = np.bincount((last + n_vis * np.arange(n_pat)[None, :]).ravel(), minlength=n_vis * n_pat)
        n_ge = np.cumsum(last_hist.reshape(n_pat, n_vis)[:, ::-1], axis=1)[:, ::-1]  # trials with last >= v
        traj_n += (n_ge.T @ onehot).T
        completed += complete.sum(axis=0) @ onehot

    labels = ("placebo",) + tuple(f"drug {k}" for k in range(1, n_arms))
    return SimulationResult(
        arm_labels=labels,
        effects=effects,
        n_per_arm=tuple(sizes),
        n_trials=n_trials,
        endpoint_week=endpoint_week,
        seed=seed,
        alpha=alpha,
        missing=missing,
        assumptions=a,
        estimates=est,
        std_errors=se,
        p_values=pv,
        response_rate=resp,
        remission_rate=remi,
        completion_rate=completed / (n_trials * np.asarray(sizes, dtype=float)),
        visit_weeks=weeks,
        mean_trajectory=traj_sum / traj_n,
        arm=arm,
        madrs=data,
    )


# =====================================================================================================
# Analytic power and the two-trial question
# =====================================================================================================
def _t_setup(n_per_arm: Any, effect: Any, sd: Any, alpha: Any) -> tuple[float, float, float]:
    n = check_int("n_per_arm", n_per_arm, "patients", 2, 5000)
    eff = check_number("effect", effect, "MADRS points", -60, 60)
    sd = check_number("sd", sd, "MADRS points", 0, 60, low_open=True)
    alpha = check_number("alpha", alpha, "-", 0, 0.5, low_open=True)
    df = 2.0 * n - 2.0
    ncp = eff / (sd * math.sqrt(2.0 / n))
    crit = float(stats.t.isf(alpha / 2.0, df))
    return df, ncp, crit


def analytic_power(n_per_arm: int, effect: float, sd: float, alpha: float = 0.05) -> float:
    """Power of a two-sided two-sample t test with equal arms (noncentral t).

    Parameters
    ----------
    n_per_arm : int
        Patients per arm, in [2, 5000].
    effect : float
        True difference in means (drug minus placebo), MADRS points, in [-60, 60].
    sd : float
        Common SD of the outcome (change from baseline), MADRS points, in (0, 60].
    alpha : float
        Two-sided significance level, in (0, 0.5].

    Returns
    -------
    float
        P(|T| > t_crit) with T ~ noncentral t(df = 2n − 2, ncp = effect / (sd · sqrt(2/n))).
        Equals ``alpha`` when ``effect == 0``.

    Examples
    --------
    A true effect of 3 MADRS points with an SD of 8: about Study 31's arm size, then about Study 9's:

    >>> round(analytic_power(100, -3.0, 8.0), 2), round(analytic_power(50, -3.0, 8.0), 2)
    (0.75, 0.46)
    >>> round(analytic_power(100, 0.0, 8.0), 3)  # no effect: the false-positive rate
    0.05
    """
    df, ncp, crit = _t_setup(n_per_arm, effect, sd, alpha)
    return float(stats.nct.sf(crit, df, ncp) + stats.nct.cdf(-crit, df, ncp))


def analytic_positive_probability(n_per_arm: int, effect: float, sd: float, alpha: float = 0.05) -> float:
    """Probability that the two-sided t test is significant *and favours the drug* (estimate < 0).

    Same parameters as :func:`analytic_power`; returns P(T < −t_crit).
    """
    df, ncp, crit = _t_setup(n_per_arm, effect, sd, alpha)
    return float(stats.nct.cdf(-crit, df, ncp))


def split_probability(p_a: Any, p_b: Any) -> float | np.ndarray:
    """Probability that exactly one of two independent trials is positive: ``pA (1 − pB) + pB (1 − pA)``.

    Parameters
    ----------
    p_a, p_b : float or array_like
        Probabilities (in [0, 1]) that trial A and trial B are positive, e.g. from
        :func:`analytic_positive_probability`; arrays broadcast.

    Returns
    -------
    float or numpy.ndarray
        ``2 p (1 − p)`` when the trials are alike; at most 0.5.

    Examples
    --------
    >>> split_probability(0.5, 0.5)
    0.5
    >>> round(split_probability(0.3, 0.6), 2)
    0.54
    """
    a = check_array("p_a", p_a, "(probability, -)", 0.0, 1.0)
    b = check_array("p_b", p_b, "(probability, -)", 0.0, 1.0)
    out = a * (1 - b) + b * (1 - a)
    return float(out) if out.ndim == 0 else out


@dataclass(frozen=True)
class TwoTrialsResult:
    """The same drug and true effect, tested in two independent trials (A and B).

    ``p_positive_*`` are per-trial probabilities of a significant result favouring the drug;
    ``p_split_*`` is the probability that exactly one of the two trials is positive,
    ``pA (1 − pB) + pB (1 − pA)`` (``2 p (1 − p)`` when the trials are alike). ``*_analytic`` use the
    noncentral t with ``sd``; ``*_simulated`` use :func:`simulate_trials` (ANCOVA, dropout, LOCF, clipping).
    """

    n_per_arm: tuple[int, int]
    endpoint_week: tuple[int, int]
    effect: float
    sd: float
    alpha: float
    n_pairs: int
    p_positive_analytic: tuple[float, float]
    p_split_analytic: float
    p_positive_simulated: tuple[float, float]
    p_split_simulated: float
    p_split_mc_se: float

    @property
    def p_positive_mc_se(self) -> tuple[float, float]:
        """Monte Carlo standard errors of ``p_positive_simulated``, sqrt(p (1 − p) / n_pairs)."""
        a, b = (math.sqrt(p * (1 - p) / self.n_pairs) for p in self.p_positive_simulated)
        return a, b


def same_drug_two_trials(
    n_per_arm: int | Sequence[int] = (50, 100),
    effect: float = -3.0,
    n_pairs: int = 2000,
    seed: int = 0,
    *,
    endpoint_week: int | Sequence[int] = (3, 6),
    assumptions: TrialAssumptions | None = None,
    alpha: float = 0.05,
) -> TwoTrialsResult:
    """How often does one true, modest effect give one positive and one negative trial?

    Parameters
    ----------
    n_per_arm : int or pair of int
        Patients per arm in trial A and trial B (two-arm trials), each in [2, 5000]. Default (50, 100),
        roughly the arm sizes of Study 9 and Study 31.
    effect : float
        True drug-minus-placebo effect at each trial's endpoint, MADRS points (negative favours drug),
        in [-60, 60].
    n_pairs : int
        Simulated pairs of trials, in [1, 100000].
    seed : int
        Random seed; trial A and trial B get independent streams spawned from it.
    endpoint_week : int or pair of int
        Endpoint week of trial A and B, each in [1, 52]. Default (3, 6) as in Study 9 and Study 31.
    assumptions : TrialAssumptions, optional
        Illustrative assumptions; ``assumptions.residual_sd`` is the ``sd`` of the analytic formula.
    alpha : float
        Two-sided significance level, in (0, 0.5].

    Returns
    -------
    TwoTrialsResult
    """
    sizes = _as_tuple("n_per_arm", n_per_arm, "patients", 2, 5000, integer=True)
    weeks = _as_tuple("endpoint_week", endpoint_week, "weeks", 1, 52, integer=True)
    if len(sizes) == 1:
        sizes = sizes * 2
    if len(weeks) == 1:
        weeks = weeks * 2
    if len(sizes) != 2 or len(weeks) != 2:
        raise ValueError("n_per_arm and endpoint_week must be one value or a pair (trial A, trial B)")
    effect = check_number("effect", effect, "MADRS points", -60, 60)
    n_pairs = check_int("n_pairs", n_pairs, "pairs", 1, 100_000)
    seed = check_int("seed", seed, "-", 0, 2**63 - 1)
    a = _check_assumptions(assumptions)
    alpha = check_number("alpha", alpha, "-", 0.0, 0.5, low_open=True)

    pa = [analytic_positive_probability(n, effect, a.residual_sd, alpha) for n in sizes]
    seeds = [
        int(s.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1)) for s in np.random.SeedSequence(seed).spawn(2)
    ]
    sims = [
        simulate_trials(n, effect, n_pairs, s, endpoint_week=wk, assumptions=a, alpha=alpha)
        for n, s, wk in zip(sizes, seeds, weeks)
    ]
    pos = [(r.significant[:, 0] & (r.estimates[:, 0] < 0)) for r in sims]
    split = pos[0] != pos[1]
    ps = float(split.mean())
    return TwoTrialsResult(
        n_per_arm=(sizes[0], sizes[1]),
        endpoint_week=(weeks[0], weeks[1]),
        effect=effect,
        sd=a.residual_sd,
        alpha=alpha,
        n_pairs=n_pairs,
        p_positive_analytic=(pa[0], pa[1]),
        p_split_analytic=split_probability(pa[0], pa[1]),
        p_positive_simulated=(float(pos[0].mean()), float(pos[1].mean())),
        p_split_simulated=ps,
        p_split_mc_se=math.sqrt(ps * (1 - ps) / n_pairs),
    )
