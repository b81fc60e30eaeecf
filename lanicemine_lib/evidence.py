"""The book's evidence registry: every published or seed-only fact it uses, with its status and source.

One table, :data:`FACTS`, holds each fact once — value, unit, status, bibtex key(s) of ``book/references.bib``,
the chapter that first quotes it and a short note. The numerical modules read their defaults and published
tables from it (:mod:`lanicemine_lib.pk`, :mod:`lanicemine_lib.mechanism`, :mod:`lanicemine_lib.trials`,
:mod:`lanicemine_lib.safety`), so correcting a number here corrects it everywhere. The table is kept as
Python (not a data file) on purpose: the book re-executes every chapter when a library source file changes,
so an edit here can never leave a stale figure behind.

Statuses (:data:`STATUSES`; the meanings of :data:`STATUS_LEGEND`):

- **VERIFIED** — read in the named source (paper abstract, registry record or review table).
- **SEED** — stated only in the application note the book started from; attributed, with a caveat.
- **DERIVED** — computed from verified values (and, where said, stated assumptions); model-predicted.
- **UNVERIFIED** — found only on a secondary page; the book does not state it, so its value is withheld.
- **NOT AVAILABLE** — searched for and not found; never invented.
- **ASSUMPTION** — a choice of this book, stated and adjustable.

:func:`reproduced` builds the appendix's table of model quantities next to the independent references they
must match; :func:`check_reproduced` raises when a row fails, which fails the strict book build.

Examples
--------
>>> from lanicemine_lib import evidence
>>> evidence.value("poppk.cl_l_per_h")
9.43
>>> evidence.fact("poppk.cl_l_per_h")["status"]
'VERIFIED'
>>> evidence.bounds("azoi.gamma_eeg_plasma_um")
(1.0, 5.0)
>>> evidence.value("study31.entry_prior_antidepressants_min")
3.0
>>> len(evidence.registry()) >= 40
True

For education only; not medical advice.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from ._validation import check_choice

__all__ = [
    "CHAPTERS",
    "FACTS",
    "STATUSES",
    "STATUS_LEGEND",
    "Fact",
    "bounds",
    "check_reproduced",
    "fact",
    "keys",
    "reference_values",
    "registry",
    "reproduced",
    "value",
]

STATUSES = ("VERIFIED", "SEED", "DERIVED", "UNVERIFIED", "NOT AVAILABLE", "ASSUMPTION")

#: What each status means and how the book uses a fact with it.
STATUS_LEGEND: Mapping[str, str] = MappingProxyType(
    {
        "VERIFIED": "read in the named source (paper abstract, registry record or review table); stated and cited",
        "SEED": "stated only by the application note the book started from; attributed to it, with a caveat",
        "DERIVED": "computed from verified values (and stated assumptions); labelled model-predicted",
        "UNVERIFIED": "found only on a secondary page; the book does not state it (value withheld)",
        "NOT AVAILABLE": "searched for and not found; never invented (an adjustable assumption where needed)",
        "ASSUMPTION": "a choice of this book, stated with its reason and adjustable",
    }
)

#: Chapters in book order (the ``chapter`` column: where a fact is first quoted).
CHAPTERS = ("intro", "pharmacokinetics", "mechanism", "trial_protocols", "safety", "lessons")


@dataclass(frozen=True)
class Fact:
    """One row of the registry.

    Parameters
    ----------
    key : str
        Unique dotted key, ``<topic>.<name>[_<unit>]`` (e.g. ``"poppk.cl_l_per_h"``).
    value : float, str or None
        The value as the book uses it: a number, a text, or ``None`` where it is withheld or not available.
    unit : str
        Unit of a numeric value (``"-"`` for dimensionless, ``""`` for text).
    status : str
        One of :data:`STATUSES`.
    source : str
        Bibtex keys of ``book/references.bib`` separated by ``"; "`` ("" for an assumption of this book or a
        value that is not available).
    chapter : str
        The chapter (one of :data:`CHAPTERS`) that first quotes the fact.
    note : str
        Where exactly the value was read, or why it has its status.
    low, high : float
        Bounds of a range or confidence interval (NaN when not applicable).
    """

    key: str
    value: float | str | None
    unit: str
    status: str
    source: str
    chapter: str
    note: str = ""
    low: float = math.nan
    high: float = math.nan


def _f(key, value, unit, status, source, chapter, note="", low=math.nan, high=math.nan) -> Fact:
    if isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    return Fact(key, value, unit, status, source, chapter, note, float(low), float(high))


_NA = "NOT AVAILABLE"
_V = "VERIFIED"
_S = "SEED"
_D = "DERIVED"
_A = "ASSUMPTION"
_U = "UNVERIFIED"

# fmt: off
#: The registry, one :class:`Fact` per row (the single place to correct a number).
FACTS: tuple[Fact, ...] = (
    # --- identity, chemistry, history ------------------------------------------------------------------
    _f("identity.names", "lanicemine; AZD6765; BHV-5500; earlier ARL 15896AR / AR-R 15896AR", "", _V,
       "Mealing1999; PTSD2021", "intro"),
    _f("identity.chemical_name", "(1S)-1-phenyl-2-(pyridin-2-yl)ethanamine", "", _V, "ADME2015", "intro"),
    _f("chem.molar_mass_free_base_g_per_mol", 198.27, "g/mol", _D, "PubChemSalt", "pharmacokinetics",
       "computed from the formula C13H14N2 (monoisotopic 198.1157)"),
    _f("chem.molar_mass_dihydrochloride_g_per_mol", 271.18, "g/mol", _V, "PubChemSalt", "pharmacokinetics",
       "C13H16Cl2N2, CAS 153322-06-6 (PubChem-derived catalogue entry)"),
    _f("chem.dose_salt_form", None, "", _NA, "", "pharmacokinetics",
       "which salt the trials used, and whether doses were stated as base, was not found; the book assumes "
       "free base for mg -> µM and says so"),
    _f("history.development_stopped", "2013, by AstraZeneca, after Study 31", "", _S, "Seed", "intro",
       "the application note's report; not checked in a primary source"),
    # --- channel block (Mealing 1997) ------------------------------------------------------------------
    _f("mealing1997.mechanism", "non-competitive, use-dependent, voltage-dependent open-channel (pore) blocker "
       "of NMDA receptors", "", _V, "Mealing1997", "mechanism"),
    _f("mealing1997.ic50_m60mv_um", 9.8, "µM", _V, "Mealing1997", "mechanism",
       "IC50 at -60 mV, rat cortical neurons"),
    _f("mealing1997.k_on_per_m_s", 2.406e4, "M^-1 s^-1", _V, "Mealing1997", "mechanism",
       "binding rate constant; the voltage at which it applies is not on our sheet (assumed -60 mV)"),
    _f("mealing1997.k_off_per_s", 0.722, "s^-1", _V, "Mealing1997", "mechanism", "unbinding rate constant"),
    _f("mealing1997.kd_0mv_um", 60.0, "µM", _V, "Mealing1997", "mechanism", "equilibrium K_D at 0 mV"),
    _f("mealing1997.kd_m60mv_um", 11.0, "µM", _V, "Mealing1997", "mechanism",
       "equilibrium K_D at -60 mV ('strongly voltage-dependent')"),
    _f("mealing1997.voltage_insensitive_component", "part of the block was voltage-insensitive (an interaction "
       "with the glycine site)", "", _V, "Mealing1997", "mechanism",
       "abstract; so the Woodhull z·delta fitted to two K_D values is an effective value"),
    # --- trapping (Mealing 1999) -----------------------------------------------------------------------
    _f("mealing1999.conc_um.lanicemine", 50.0, "µM", _V, "Mealing1999", "mechanism", "loading concentration"),
    _f("mealing1999.conc_um.ketamine", 10.0, "µM", _V, "Mealing1999", "mechanism", "loading concentration"),
    _f("mealing1999.conc_um.memantine", 10.0, "µM", _V, "Mealing1999", "mechanism", "loading concentration"),
    _f("mealing1999.initial_block_pct.lanicemine", 82.0, "%", _V, "Mealing1999", "mechanism", "82 ± 1 %",
       81.0, 83.0),
    _f("mealing1999.initial_block_pct.ketamine", 80.0, "%", _V, "Mealing1999", "mechanism", "80 ± 2 %",
       78.0, 82.0),
    _f("mealing1999.initial_block_pct.memantine", 81.0, "%", _V, "Mealing1999", "mechanism", "81 ± 2 %",
       79.0, 83.0),
    _f("mealing1999.washout_s", 120.0, "s", _V, "Mealing1999", "mechanism", "agonist-free washout"),
    _f("mealing1999.trapped_pct.lanicemine", 54.0, "%", _V, "Mealing1999", "mechanism",
       "54 ± 3 % of the block still present after 120 s washout", 51.0, 57.0),
    _f("mealing1999.trapped_pct.ketamine", 86.0, "%", _V, "Mealing1999", "mechanism", "86 ± 1 %", 85.0, 87.0),
    _f("mealing1999.trapped_pct.memantine", 71.0, "%", _V, "Mealing1999", "mechanism", "71 ± 4 %", 67.0, 75.0),
    _f("mealing1999.interpretation", "the three blockers have similar rapid on-off rates; incomplete trapping "
       "is consistent with closed-channel egress (drug leaving closed channels)", "", _V, "Mealing1999",
       "mechanism", "abstract; the book's 'egress' model follows this reading"),
    # --- AstraZeneca compound page ---------------------------------------------------------------------
    _f("azoi.ki_um", "0.5–3", "µM", _V, "AZOI", "pharmacokinetics", "binding Ki", 0.5, 3.0),
    _f("azoi.ic50_nr2a_nr2b_um", "4–40", "µM", _V, "AZOI", "pharmacokinetics", "IC50 at NR2A/NR2B", 4.0, 40.0),
    _f("azoi.off_time_s", 2.8, "s", _V, "AZOI", "mechanism", "off-rate given as a time (~2.8 s)"),
    _f("azoi.trapping_pct", "52–59", "%", _V, "AZOI", "mechanism", "trapping range", 52.0, 59.0),
    _f("azoi.gamma_eeg_plasma_um", "1–5", "µM", _V, "AZOI", "pharmacokinetics",
       "plasma concentrations giving gamma-EEG increases in mouse, rat and non-human primates (preclinical, "
       "cross-species; also called the targeted plasma range) — not a human EEG finding", 1.0, 5.0),
    _f("seed.pathway", "NMDA block -> disinhibition -> glutamate/AMPA signalling -> BDNF release -> "
       "synaptogenesis", "", _S, "Seed", "mechanism", "a hypothesis; not traced to a primary source"),
    # --- mechanism model: assumptions and fitted values --------------------------------------------------
    _f("model.z_delta", 0.756, "-", _D, "Mealing1997", "mechanism",
       "Woodhull z·delta from K_D 60 µM (0 mV) and 11 µM (-60 mV) at the assumed 37 °C (0.719 at 22 °C); an "
       "effective value, since part of the block is voltage-insensitive"),
    _f("model.kinetic_kd_um", 30.0, "µM", _D, "Mealing1997", "mechanism",
       "k_off / k_on = 0.722 s^-1 / 2.406e4 M^-1 s^-1; not the equilibrium 11 µM at -60 mV (different protocols)"),
    _f("model.temperature_c", 37.0, "°C", _A, "", "mechanism",
       "recording temperature not on our sheet; only the reported z·delta depends on it"),
    _f("model.kinetic_reference_mv", -60.0, "mV", _A, "", "mechanism",
       "voltage at which k_on, k_off apply (and Mealing 1999's holding potential)"),
    _f("model.opening_rate_per_s", 20.0, "s^-1", _A, "", "mechanism", "alpha, both trapping models"),
    _f("model.race.closing_rate_per_s", 0.788, "s^-1", _D, "Mealing1997; Mealing1999", "mechanism",
       "race model: beta fitted so that lanicemine's published k_off gives 54 % trapping"),
    _f("model.race.k_off_per_s.ketamine", 0.134, "s^-1", _D, "Mealing1999", "mechanism",
       "race model: fitted to 86 % trapping (not a measured rate)"),
    _f("model.race.k_off_per_s.memantine", 0.340, "s^-1", _D, "Mealing1999", "mechanism",
       "race model: fitted to 71 % trapping (not a measured rate)"),
    _f("model.egress.closing_rate_per_s", 10.0, "s^-1", _A, "", "mechanism",
       "egress model: chosen so that the race alone traps about 95 % (any beta above about 3.6 s^-1 lets the "
       "race trap the 86 % of ketamine; the fitted egress rates change little with it)"),
    _f("model.egress.egress_per_s.lanicemine", 0.004755, "s^-1", _D, "Mealing1997; Mealing1999", "mechanism",
       "egress model: gamma fitted to 54 % trapping after 120 s with the shared published k_off"),
    _f("model.egress.egress_per_s.ketamine", 0.000875, "s^-1", _D, "Mealing1997; Mealing1999", "mechanism",
       "egress model: gamma fitted to 86 % trapping"),
    _f("model.egress.egress_per_s.memantine", 0.002473, "s^-1", _D, "Mealing1997; Mealing1999", "mechanism",
       "egress model: gamma fitted to 71 % trapping"),
    _f("model.unbound_fraction", 1.0, "-", _A, "", "mechanism",
       "plasma protein binding is NOT AVAILABLE; 1 = no binding, so block is an upper bound only with "
       "respect to protein binding"),
    _f("model.brain_to_plasma", 1.0, "-", _A, "", "mechanism",
       "unbound brain/plasma ratio NOT AVAILABLE; 1 = free equilibration (illustrative)"),
    # --- pharmacokinetics --------------------------------------------------------------------------------
    _f("poppk.structure", "two compartments, zero-order IV input, first-order elimination", "", _V, "PopPK",
       "pharmacokinetics"),
    _f("poppk.n_concentrations", 2531, "samples", _V, "PopPK", "pharmacokinetics",
       "plasma concentrations from studies 8, 13 (phase I) and 1, 9 (phase II)"),
    _f("poppk.n_subjects", 191, "subjects", _V, "PopPK", "pharmacokinetics", "healthy subjects and MDD patients"),
    _f("poppk.cl_l_per_h", 9.43, "L/h", _V, "PopPK", "pharmacokinetics",
       "typical value read in the abstract (its Table 1 was not seen); 90 % CI", 9.12, 9.77),
    _f("poppk.v1_l", 106.0, "L", _V, "PopPK", "pharmacokinetics", "typical value (abstract); 90 % CI", 93.7, 115.0),
    _f("poppk.v2_l", 47.3, "L", _V, "PopPK", "pharmacokinetics",
       "typical value (abstract prints no unit; L inferred); the abstract labels this CI 95 %", 39.6, 56.6),
    _f("poppk.q_l_per_h", 75.7, "L/h", _V, "PopPK", "pharmacokinetics",
       "typical value (abstract prints no unit; L/h inferred); 90 % CI", 51.8, 127.0),
    _f("poppk.covariates", "lean body mass on CL; body surface area on V1", "", _V, "PopPK", "pharmacokinetics"),
    _f("poppk.covariate_equations", None, "", _NA, "", "pharmacokinetics",
       "equations, exponents and reference values not available to us; the book assumes power models"),
    _f("poppk.between_subject_variability", None, "", _NA, "", "pharmacokinetics",
       "omega (%CV) and residual error not available to us; the book's population band uses labelled "
       "assumptions (pk.PopulationAssumptions)"),
    _f("seed.terminal_half_life_h", "9–16", "h", _S, "Seed", "pharmacokinetics", "not checked", 9.0, 16.0),
    _f("adme.design", "6 healthy men, single 150 mg [14C] IV infusion", "", _V, "ADME2015", "pharmacokinetics"),
    _f("adme.cl_l_per_h", 8.3, "L/h", _V, "ADME2015", "pharmacokinetics", "plasma clearance"),
    _f("adme.half_life_h", 16.0, "h", _V, "ADME2015", "pharmacokinetics", "t½ ≈ 16 h"),
    _f("adme.urine_recovery_pct", 93.8, "%", _V, "ADME2015", "pharmacokinetics", "of radioactivity, in urine"),
    _f("adme.parent_share", "84 % of Cmax; 66 % of AUC", "", _V, "ADME2015", "pharmacokinetics",
       "parent drug's share of total plasma radioactivity"),
    _f("adme.metabolites", "O-glucuronide most abundant (~11 % of dose in excreta); each circulating "
       "metabolite < 4 %", "", _V, "ADME2015", "pharmacokinetics"),
    _f("protein_binding", None, "", _NA, "", "pharmacokinetics", "plasma protein binding not found"),
    _f("pk.alpha_half_life_h", 0.296, "h", _D, "PopPK", "pharmacokinetics", "from the four typical values"),
    _f("pk.terminal_half_life_h", 11.41, "h", _D, "PopPK", "pharmacokinetics", "from the four typical values"),
    _f("pk.vss_l", 153.3, "L", _D, "PopPK", "pharmacokinetics", "V1 + V2"),
    _f("pk.c_end_mg_per_l.50", 0.368, "mg/L", _D, "PopPK", "pharmacokinetics",
       "end of a single 60-min infusion, typical patient (1.86 µM as free base)"),
    _f("pk.c_end_mg_per_l.100", 0.736, "mg/L", _D, "PopPK", "pharmacokinetics", "(3.71 µM as free base)"),
    _f("pk.c_end_mg_per_l.150", 1.10, "mg/L", _D, "PopPK", "pharmacokinetics", "(5.57 µM as free base)"),
    _f("pk.c_end_um.50", 1.86, "µM", _D, "PopPK; PubChemSalt", "pharmacokinetics", "free base assumed"),
    _f("pk.c_end_um.100", 3.71, "µM", _D, "PopPK; PubChemSalt", "pharmacokinetics", "free base assumed"),
    _f("pk.c_end_um.150", 5.57, "µM", _D, "PopPK; PubChemSalt", "pharmacokinetics", "free base assumed"),
    # --- trials: infusions and schedules -----------------------------------------------------------------
    _f("trials.infusion_min", 60.0, "min", _V, "Zarate2013; Cochrane2021; CTgov31", "intro",
       "read for Zarate 2013, Study 1 (Cochrane2021) and Study 31 (protocol page)"),
    _f("study9.infusion_min", 60.0, "min", _A, "", "trial_protocols",
       "Study 9's infusion length was not read in a source; 60 min (as in the other trials) is assumed"),
    _f("trials.weekdays", "Mon/Wed/Fri; Mondays in the weekly phases", "", _A, "", "trial_protocols",
       "the sources give infusions per week, not weekdays"),
    # Study 1 and Zarate 2013
    _f("study1.n_total", 34, "patients", _V, "Cochrane2021", "trial_protocols",
       "single 100 mg 60-min infusion vs saline, parallel (16 / 18)"),
    _f("study1.n_drug", 16, "patients", _V, "Cochrane2021", "trial_protocols"),
    _f("study1.n_placebo", 18, "patients", _V, "Cochrane2021", "trial_protocols"),
    _f("study1.madrs_difference_72h", None, "MADRS points", _U, "", "trial_protocols",
       "an effect size appears only on a secondary page; withheld"),
    _f("zarate2013.n_total", 22, "patients", _V, "Zarate2013", "trial_protocols",
       "crossover, single 150 mg 60-min infusion vs placebo one week apart"),
    _f("zarate2013.dose_mg", 150, "mg", _V, "Zarate2013", "trial_protocols"),
    _f("zarate2013.madrs_onset_min", 80, "min", _V, "Zarate2013", "trial_protocols",
       "MADRS improved from 80 min, significantly only through 110 min"),
    _f("zarate2013.madrs_significant_until_min", 110, "min", _V, "Zarate2013", "trial_protocols"),
    _f("zarate2013.effect_size_d", 0.40, "-", _V, "Zarate2013", "trial_protocols", "Cohen's d"),
    _f("zarate2013.responders_any_time_pct", "32 vs 15", "%", _V, "Zarate2013", "trial_protocols",
       "lanicemine vs placebo", 15.0, 32.0),
    # Study 9
    _f("study9.phase", "phase II", "", _V, "PopPK", "trial_protocols",
       "the PopPK abstract lists study 9 as phase II; 'IIb' is the application note's word"),
    _f("study9.n_total", 152, "patients", _V, "Cochrane2021; Sanacora2014", "trial_protocols"),
    _f("study9.n.100mg", 51, "patients", _V, "Cochrane2021", "trial_protocols"),
    _f("study9.n.150mg", 51, "patients", _V, "Cochrane2021", "trial_protocols"),
    _f("study9.n.placebo", 50, "patients", _V, "Cochrane2021", "trial_protocols"),
    _f("study9.infusions_per_week", 3, "per week", _V, "Cochrane2021; Sanacora2014", "trial_protocols",
       "for 3 weeks, adjunct to an ongoing antidepressant"),
    _f("study9.weeks", 3, "weeks", _V, "Cochrane2021; Sanacora2014", "trial_protocols"),
    _f("study9.n_infusions", 9, "infusions", _D, "Cochrane2021; Sanacora2014", "trial_protocols", "3 × 3"),
    _f("study9.primary_endpoint_week", 3, "week", _V, "Cochrane2021; Sanacora2014", "trial_protocols",
       "MADRS change from baseline to week 3"),
    _f("study9.baseline_madrs.100mg", 33.3, "MADRS points", _V, "Cochrane2021", "trial_protocols", "SD 5.6"),
    _f("study9.baseline_madrs_sd.100mg", 5.6, "MADRS points", _V, "Cochrane2021", "trial_protocols"),
    _f("study9.baseline_madrs.150mg", 34.1, "MADRS points", _V, "Cochrane2021", "trial_protocols", "SD 5.0"),
    _f("study9.baseline_madrs_sd.150mg", 5.0, "MADRS points", _V, "Cochrane2021", "trial_protocols"),
    _f("study9.baseline_madrs.placebo", 33.5, "MADRS points", _V, "Cochrane2021", "trial_protocols", "SD 4.5"),
    _f("study9.baseline_madrs_sd.placebo", 4.5, "MADRS points", _V, "Cochrane2021", "trial_protocols"),
    _f("study9.age.100mg", 45.9, "years", _V, "Cochrane2021", "trial_protocols", "mean"),
    _f("study9.age.150mg", 46.6, "years", _V, "Cochrane2021", "trial_protocols", "mean"),
    _f("study9.age.placebo", 44.4, "years", _V, "Cochrane2021", "trial_protocols", "mean"),
    _f("study9.female_pct.100mg", 71.0, "%", _V, "Cochrane2021", "trial_protocols"),
    _f("study9.female_pct.150mg", 61.0, "%", _V, "Cochrane2021", "trial_protocols"),
    _f("study9.female_pct.placebo", 61.0, "%", _V, "Cochrane2021", "trial_protocols"),
    _f("trd.common_definition_failed_treatments_min", 2, "failed treatments", _V, "Gaynes2020",
       "trial_protocols", "no consensus definition; the most common for major depressive disorder (glossary)"),
    _f("study9.entry", "HRSD-17 >= 26 (later >= 20); history of >= 2 failed antidepressants", "", _V,
       "Cochrane2021", "trial_protocols"),
    _f("study9.entry_prior_antidepressants_min", 2, "failed antidepressants", _V, "Cochrane2021",
       "trial_protocols", "history of at least two"),
    _f("study9.outcome_direction", "antidepressant response on placebo-controlled data, maintained with "
       "repeated intermittent dosing", "", _V, "Sanacora2014; PopPK", "trial_protocols",
       "direction only, from the abstract (PopPK: 'efficacy in three of four clinical studies')"),
    _f("study9.outcome_detail", "both doses significantly better than placebo at week 3", "", _S, "Seed",
       "trial_protocols", "the application note's report; any effect size stays out"),
    _f("study9.week3_differences", None, "MADRS points", _U, "", "trial_protocols",
       "per-arm differences appear only on a secondary page; withheld"),
    # Study 31
    _f("study31.n_centres", 49, "centres", _V, "Sanacora2017; CTgov31", "trial_protocols"),
    _f("study31.countries", "Chile, Slovakia, South Africa, USA", "", _V, "Sanacora2017; CTgov31",
       "trial_protocols"),
    _f("study31.period", "Dec 2011 – Aug 2013", "", _V, "Sanacora2017; CTgov31", "trial_protocols"),
    _f("study31.n_total", 302, "patients", _V, "Sanacora2017; CTgov31", "trial_protocols", "randomised"),
    _f("study31.n.50mg", 101, "patients", _V, "Sanacora2017; CTgov31", "trial_protocols"),
    _f("study31.n.100mg", 101, "patients", _V, "Sanacora2017; CTgov31", "trial_protocols"),
    _f("study31.n.placebo", 100, "patients", _V, "Sanacora2017; CTgov31", "trial_protocols"),
    _f("study31.age_range_years", "18–70", "years", _V, "Sanacora2017", "trial_protocols", "", 18.0, 70.0),
    _f("study31.n_infusions", 15, "infusions", _V, "Sanacora2017; CTgov31", "trial_protocols",
       "3/week in weeks 1–3, 1/week in weeks 4–6, weeks 8, 10 and 12; 60 min each"),
    _f("study31.weeks", 12, "weeks", _V, "Sanacora2017; CTgov31", "trial_protocols"),
    _f("study31.primary_endpoint_week", 6, "week", _V, "Sanacora2017", "trial_protocols",
       "MADRS change from baseline to week 6"),
    _f("study31.baseline_madrs.50mg", 36.55, "MADRS points", _V, "Cochrane2021", "trial_protocols", "SD 4.67"),
    _f("study31.baseline_madrs_sd.50mg", 4.67, "MADRS points", _V, "Cochrane2021", "trial_protocols"),
    _f("study31.baseline_madrs.100mg", 36.02, "MADRS points", _V, "Cochrane2021", "trial_protocols", "SD 4.74"),
    _f("study31.baseline_madrs_sd.100mg", 4.74, "MADRS points", _V, "Cochrane2021", "trial_protocols"),
    _f("study31.baseline_madrs.placebo", 35.64, "MADRS points", _V, "Cochrane2021", "trial_protocols",
       "SD 4.84"),
    _f("study31.baseline_madrs_sd.placebo", 4.84, "MADRS points", _V, "Cochrane2021", "trial_protocols"),
    _f("study31.age.50mg", 47.7, "years", _V, "Cochrane2021", "trial_protocols", "mean (SD 11.2)"),
    _f("study31.age_sd.50mg", 11.2, "years", _V, "Cochrane2021", "trial_protocols"),
    _f("study31.age.100mg", 47.5, "years", _V, "Cochrane2021", "trial_protocols", "mean (SD 11.9)"),
    _f("study31.age_sd.100mg", 11.9, "years", _V, "Cochrane2021", "trial_protocols"),
    _f("study31.age.placebo", 49.5, "years", _V, "Cochrane2021", "trial_protocols", "mean (SD 11.1)"),
    _f("study31.age_sd.placebo", 11.1, "years", _V, "Cochrane2021", "trial_protocols"),
    _f("study31.female_pct.50mg", 61.4, "%", _V, "Cochrane2021", "trial_protocols"),
    _f("study31.female_pct.100mg", 69.3, "%", _V, "Cochrane2021", "trial_protocols"),
    _f("study31.female_pct.placebo", 65.0, "%", _V, "Cochrane2021", "trial_protocols"),
    _f("study31.entry", "lifetime history of inadequate response to >= 3 antidepressants; MDD, single episode "
       "or recurrent; an allowed antidepressant for >= 4 weeks before screening", "", _V,
       "Cochrane2021; CTgov31; Sanacora2017", "trial_protocols",
       "corrected 2026-12-01 (an earlier sheet gave Study 9's registry wording, '>= 1 in addition to the "
       "current one')"),
    _f("study31.entry_prior_antidepressants_min", 3, "antidepressants", _V, "Cochrane2021; CTgov31",
       "trial_protocols", "lifetime history of inadequate response"),
    _f("study31.entry_weeks_on_antidepressant_min", 4, "weeks", _V, "Cochrane2021; CTgov31; Sanacora2017",
       "trial_protocols", "on an allowed antidepressant before screening"),
    _f("study31.blinding", "double-blind (registry: quadruple masking)", "", _V, "Sanacora2017; CTgov31",
       "trial_protocols"),
    _f("study31.placebo", "0.9 % saline", "", _V, "Sanacora2017; CTgov31", "trial_protocols"),
    _f("study31.secondary_measures", "MADRS at week 12, response, remission, CGI, QIDS-SR, SDS", "", _V,
       "Sanacora2017; CTgov31", "trial_protocols"),
    _f("study31.enrolled", 542, "patients", _V, "CTgov31", "trial_protocols", "registry's enrolment figure"),
    _f("study31.not_randomised_reason", "did not fulfil the eligibility criteria", "", _V, "CTgov31",
       "trial_protocols", "the 542 - 302 = 240 enrolled but not randomised"),
    _f("study31.completed.50mg", 80, "patients", _V, "CTgov31", "trial_protocols", "per-arm completers"),
    _f("study31.completed.100mg", 81, "patients", _V, "CTgov31", "trial_protocols"),
    _f("study31.completed.placebo", 77, "patients", _V, "CTgov31", "trial_protocols"),
    _f("study31.completed_total", 240, "patients", _V, "CTgov31; Sanacora2017", "trial_protocols",
       "reported as 240 of 302 (79.5 %); the per-arm counts add up to 238"),
    _f("study31.outcome", "neither dose better than placebo on the primary endpoint (MADRS change at week 6) or "
       "any secondary measure", "", _V, "Sanacora2017", "trial_protocols"),
    _f("study31.per_arm_results", None, "", _NA, "", "lessons",
       "per-arm MADRS change, response/remission and adverse-event rates not available to us"),
    _f("study31.post_hoc_explanation", "baseline severity, trial design and patient characteristics; high "
       "placebo response", "", _S, "Seed; Sanacora2017", "lessons",
       "the application note; the Study 31 abstract touches on part of it"),
    # PTSD trial
    _f("ptsd.n_total", 24, "participants", _V, "PTSD2021", "safety", "randomised 1:1"),
    _f("ptsd.allocation", "1:1", "", _V, "PTSD2021", "safety", "exact per-arm counts not in our sources"),
    _f("ptsd.regimen", "three 100 mg 60-min infusions over 5 days vs placebo (0.9 % saline)", "", _V,
       "PTSD2021", "safety"),
    _f("ptsd.serious_adverse_events", 0, "events", _V, "PTSD2021", "safety", "no serious adverse events"),
    # --- safety --------------------------------------------------------------------------------------------
    _f("safety.tolerability", "generally well tolerated", "", _V, "Sanacora2017", "safety", "Study 31, abstract"),
    _f("safety.dizziness", "dizziness was the most common adverse event, dose-related and transient", "", _S,
       "Seed", "safety", "the per-arm rates behind it are not available"),
    _f(
        "safety.psychotomimetic_zarate2013",
        "no psychotomimetic or dissociative difference from placebo",
        "",
        _V,
        "Zarate2013",
        "safety",
        "single 150 mg infusion, crossover, 22 patients; a comparison with placebo only",
    ),
    _f("safety.psychotomimetic_sanacora2014", "doses aligned to ketamine's by quantitative EEG in healthy "
       "volunteers, without ketamine's psychotomimetic/dissociative effects", "", _V, "Sanacora2014", "safety",
       "abstract; direction only"),
    _f("seed.dissociative_pct.100mg", 8.0, "%", _S, "Seed", "safety",
       "'8 % (100 mg) vs 4 % (placebo) reported dissociative symptoms'; not traceable to a study"),
    _f("seed.dissociative_pct.placebo", 4.0, "%", _S, "Seed", "safety", "see above"),
    _f("safety.dizziness_per_arm", None, "%", _NA, "", "safety", "per-arm dizziness rates not found"),
    _f("safety.cadss_per_arm", None, "points", _NA, "", "safety", "CADSS values per arm not found"),
    # --- rating scales -------------------------------------------------------------------------------------
    _f("scale.madrs_items", 10, "items", _V, "Montgomery1979", "trial_protocols", "each 0–6; total 0–60"),
    _f("scale.madrs_item_max", 6, "points", _V, "Montgomery1979", "trial_protocols"),
    _f("scale.madrs_response_fraction", 0.5, "-", _V, "Sanacora2014; Sanacora2017", "trial_protocols",
       ">= 50 % reduction from baseline (lanicemine trials)"),
    _f("scale.madrs_remission_max", 10, "points", _V, "Sanacora2014; Sanacora2017", "trial_protocols",
       "MADRS <= 10 (lanicemine trials)"),
    _f("scale.cadss_items", 23, "items", _V, "Bremner1998", "safety",
       "the 23-item form (each 0–4, total 0–92) used by recent trials, as read in a trial-registry record; "
       "Bremner's original instrument adds observer-rated items; the version used in the lanicemine trials "
       "is not available"),
    _f("scale.cadss_item_max", 4, "points", _V, "Bremner1998", "safety", "23-item form"),
    _f("scale.qids_sr16_max", 27, "points", _V, "Rush2003", "trial_protocols", "range 0–27, self-report"),
    _f("scale.cgi_range", "1–7", "points", _V, "Guy1976", "trial_protocols", "CGI-S and CGI-I each", 1.0, 7.0),
    _f("scale.sds_max", 30, "points", _V, "Sheehan1983", "trial_protocols", "3 items × 0–10"),
)
# fmt: on

_BY_KEY: Mapping[str, Fact] = MappingProxyType({f.key: f for f in FACTS})
_COLUMNS = ["key", "value", "unit", "status", "source", "chapter", "note", "low", "high"]


def keys() -> tuple[str, ...]:
    """All registry keys, in registry order."""
    return tuple(f.key for f in FACTS)


def _get(key: str) -> Fact:
    if not isinstance(key, str) or key not in _BY_KEY:
        raise ValueError(f"key must be a key of the evidence registry (see evidence.keys()); got {key!r}")
    return _BY_KEY[key]


def fact(key: str) -> dict[str, Any]:
    """One registry row as a dict (``key, value, unit, status, source, chapter, note, low, high``).

    Raises
    ------
    ValueError
        For a key that is not in the registry.

    Examples
    --------
    >>> fact("mealing1997.k_off_per_s")["source"]
    'Mealing1997'
    """
    f = _get(key)
    return {c: getattr(f, c) for c in _COLUMNS}


def value(key: str) -> float | str | None:
    """The value of one fact: a float for numeric facts, a text, or ``None`` (withheld / not available).

    Examples
    --------
    >>> value("mealing1997.kd_m60mv_um")
    11.0
    >>> value("study9.phase")
    'phase II'
    >>> value("study31.per_arm_results") is None
    True
    """
    return _get(key).value


def bounds(key: str) -> tuple[float, float]:
    """``(low, high)`` of a range or confidence interval (floats).

    Raises
    ------
    ValueError
        For an unknown key, or a fact without bounds.

    Examples
    --------
    >>> bounds("poppk.cl_l_per_h")
    (9.12, 9.77)
    """
    f = _get(key)
    if math.isnan(f.low) or math.isnan(f.high):
        raise ValueError(f"key must name a fact with a range or interval; {key!r} has none")
    return (f.low, f.high)


def registry(chapter: str | None = None) -> pd.DataFrame:
    """The evidence registry as a new DataFrame, one row per fact.

    Parameters
    ----------
    chapter : str, optional
        Keep only the facts first quoted in this chapter (one of :data:`CHAPTERS`).

    Returns
    -------
    pandas.DataFrame
        Columns ``key, value, unit, status, source, chapter, note, low, high``. ``value`` holds floats, texts
        or ``None``; ``source`` holds bibtex keys of ``book/references.bib`` separated by ``"; "``.

    Examples
    --------
    >>> sorted(set(registry()["status"])) == sorted(STATUSES)
    True
    >>> registry("mechanism")["chapter"].unique().tolist()
    ['mechanism']
    """
    frame = pd.DataFrame([[getattr(f, c) for c in _COLUMNS] for f in FACTS], columns=_COLUMNS)
    frame["value"] = frame["value"].astype(object)
    if chapter is not None:
        chapter = check_choice("chapter", chapter, CHAPTERS)
        frame = frame[frame["chapter"] == chapter].reset_index(drop=True)
    return frame


# ---------------------------------------------------------------------------------------------------------
# Reproduced quantities: model output next to an independent reference
# ---------------------------------------------------------------------------------------------------------
def reference_values() -> dict[str, float]:
    """The independent reference numbers of :func:`reproduced`, by row name (a new dict on every call).

    Each is either a published value (from the registry), a value derived by hand when the sources were
    checked (DERIVED rows), or a closed-form identity; none is computed by the code it checks. A test perturbs
    one of them to check that :func:`check_reproduced` then fails.
    """
    return {
        "alpha half-life (h)": value("pk.alpha_half_life_h"),
        "terminal half-life (h)": value("pk.terminal_half_life_h"),
        "Vss (L)": value("pk.vss_l"),
        "end of 50 mg infusion (mg/L)": value("pk.c_end_mg_per_l.50"),
        "end of 100 mg infusion (mg/L)": value("pk.c_end_mg_per_l.100"),
        "end of 150 mg infusion (mg/L)": value("pk.c_end_mg_per_l.150"),
        "end of 150 mg infusion (µM, free base)": value("pk.c_end_um.150"),
        "z·delta at 37 °C": value("model.z_delta"),
        "kinetic K_D = k_off/k_on (µM)": value("model.kinetic_kd_um"),
        "K_D at 0 mV (µM)": value("mealing1997.kd_0mv_um"),
        "K_D at −60 mV (µM)": value("mealing1997.kd_m60mv_um"),
        "initial block, 50 µM lanicemine at −60 mV (%)": value("mealing1999.initial_block_pct.lanicemine"),
        "trapped, lanicemine, race model (%)": value("mealing1999.trapped_pct.lanicemine"),
        "trapped, ketamine, race model (%)": value("mealing1999.trapped_pct.ketamine"),
        "trapped, memantine, race model (%)": value("mealing1999.trapped_pct.memantine"),
        "trapped, lanicemine, egress model (%)": value("mealing1999.trapped_pct.lanicemine"),
        "trapped, ketamine, egress model (%)": value("mealing1999.trapped_pct.ketamine"),
        "trapped, memantine, egress model (%)": value("mealing1999.trapped_pct.memantine"),
        "Study 9 infusions per patient": value("study9.infusions_per_week") * value("study9.weeks"),
        "Study 31 infusions per patient": value("study31.n_infusions"),
        "Study 31 infusions by the week-6 endpoint": 3.0 * 3.0 + 3.0,
    }


@dataclass(frozen=True)
class _Row:
    name: str
    compute: Callable[[], float]
    reference_label: str
    abs_tol: float
    rel_tol: float = 0.0
    note: str = ""


def _model_rows() -> list[_Row]:
    """The model-side computations (imported lazily: the numerical modules import this one)."""
    from . import mechanism as mech
    from . import pk, trials

    typical = pk.PKParameters()

    def c_end(dose: float) -> float:
        return float(pk.concentration(1.0, pk.Regimen.single(dose)))

    def trapped(drug: str, model: str) -> float:
        return 100.0 * mech.trapped_fraction(drug, 120.0, model=model)

    facts = "derived by hand from the PopPK typical values (registry, DERIVED)"
    rows = [
        _Row("alpha half-life (h)", lambda: typical.alpha_half_life_h, facts, 0.0005),
        _Row("terminal half-life (h)", lambda: typical.terminal_half_life_h, facts, 0.005),
        _Row("Vss (L)", lambda: typical.vss, facts, 0.05),
        _Row("end of 50 mg infusion (mg/L)", lambda: c_end(50.0), facts, 0.0005),
        _Row("end of 100 mg infusion (mg/L)", lambda: c_end(100.0), facts, 0.0005),
        _Row("end of 150 mg infusion (mg/L)", lambda: c_end(150.0), facts, 0.005),
        _Row(
            "end of 150 mg infusion (µM, free base)",
            lambda: float(pk.mg_per_l_to_um(c_end(150.0))),
            facts,
            0.005,
        ),
        _Row("z·delta at 37 °C", mech.woodhull_z_delta, "derived by hand from Mealing 1997's two K_D values", 5e-4),
        _Row(
            "kinetic K_D = k_off/k_on (µM)",
            lambda: float(mech.kinetic_kd_um("lanicemine")),
            "derived by hand from Mealing 1997's rate constants",
            0.05,
        ),
        _Row(
            "K_D at 0 mV (µM)",
            lambda: float(mech.kd_um(0.0)),
            "Mealing 1997 (published)",
            1e-9,
            1e-9,
            "the Woodhull curve must pass through both published points",
        ),
        _Row("K_D at −60 mV (µM)", lambda: float(mech.kd_um(-60.0)), "Mealing 1997 (published)", 1e-9, 1e-9),
        _Row(
            "initial block, 50 µM lanicemine at −60 mV (%)",
            lambda: 100.0 * float(mech.fraction_blocked(50.0, -60.0)),
            "Mealing 1999 (published 82 ± 1 %; an independent experiment)",
            1.0,
            note="a real test: Mealing 1999's initial block was not used to build the model",
        ),
    ]
    for model in ("race", "egress"):
        for drug in mech.AVAILABLE_DRUGS:
            rows.append(
                _Row(
                    f"trapped, {drug}, {model} model (%)",
                    lambda d=drug, mo=model: trapped(d, mo),
                    "Mealing 1999 (published)",
                    0.5,
                    note="consistency only: the model's free rates were fitted to these numbers",
                )
            )
    rows += [
        _Row(
            "Study 9 infusions per patient",
            lambda: float(trials.dosing_calendar("Study 9", 100.0).shape[0]),
            "3 per week × 3 weeks (Cochrane 2021; Sanacora 2014)",
            0.0,
        ),
        _Row(
            "Study 31 infusions per patient",
            lambda: float(trials.dosing_calendar("Study 31", 100.0).shape[0]),
            "15 over 12 weeks (CTgov31)",
            0.0,
        ),
        _Row(
            "Study 31 infusions by the week-6 endpoint",
            lambda: float((trials.dosing_calendar("Study 31", 100.0)["week"] <= 6).sum()),
            "3 × 3 in weeks 1–3 + 1 in each of weeks 4–6 (CTgov31)",
            0.0,
        ),
    ]
    return rows


def _identity_rows() -> list[dict[str, Any]]:
    """Rows whose reference is an independent computation (another library or a closed-form identity)."""
    from scipy import integrate, stats
    from statsmodels.stats.power import TTestIndPower

    from . import pk, safety, trials

    out: list[dict[str, Any]] = []

    def add(name: str, model: float, reference: float, ref_label: str, abs_tol: float, note: str = "") -> None:
        out.append(
            {
                "quantity": name,
                "model": float(model),
                "reference": float(reference),
                "reference_source": ref_label,
                "tolerance": float(abs_tol),
                "note": note,
            }
        )

    typical = pk.PKParameters()
    regimen = pk.Regimen.single(100.0)
    auc_num, _ = integrate.quad(lambda t: float(pk.concentration(t, regimen)), 0.0, 1.0, limit=200)
    tail, _ = integrate.quad(lambda t: float(pk.concentration(t, regimen)), 1.0, 2000.0, limit=400, points=[2, 5, 24])
    add(
        "AUC of 100 mg, numerical integral (mg·h/L)",
        auc_num + tail,
        100.0 / typical.cl,
        "dose / CL (identity)",
        1e-4 * 100.0 / typical.cl,
    )

    course = pk.Regimen.study9(150.0)
    t = np.linspace(0.0, course.end_h + 48.0, 601)
    closed = np.asarray(pk.concentration(t, course))
    ode = np.asarray(pk.ode_concentration(t, course, method="LSODA"))
    add(
        "Study 9 course, 150 mg: largest |closed form − ODE| (mg/L)",
        float(np.max(np.abs(closed - ode))),
        0.0,
        "SciPy solve_ivp (LSODA) on the same differential equations",
        1e-7,
    )

    # ANCOVA: the library's batched fit against statsmodels OLS on one simulated data set (seeded).
    import statsmodels.api as sm

    rng = np.random.default_rng(2026)
    n = 60
    arm = np.repeat([0, 1], n)
    base = rng.normal(35.0, 5.0, 2 * n)
    change = -10.0 - 3.0 * arm + 0.3 * (base - 35.0) + rng.normal(0.0, 8.0, 2 * n)
    ours = trials.ancova_batch(base[None, :], change[None, :], arm)
    fit = sm.OLS(change, sm.add_constant(np.column_stack([arm, base]))).fit()
    add("ANCOVA treatment estimate (MADRS points)", ours.estimate[0, 0], fit.params[1], "statsmodels OLS", 1e-9)
    add("ANCOVA standard error (MADRS points)", ours.std_error[0, 0], fit.bse[1], "statsmodels OLS", 1e-9)
    add("ANCOVA p-value", ours.p_value[0, 0], fit.pvalues[1], "statsmodels OLS", 1e-9)

    # Power of a two-arm t-test: the library (noncentral t, SciPy) against statsmodels.
    add(
        "power, 100 per arm, effect −3, SD 8",
        trials.analytic_power(100, -3.0, 8.0),
        TTestIndPower().power(3.0 / 8.0, 100, 0.05),
        "statsmodels TTestIndPower",
        1e-6,
    )

    # Risk-difference interval: the library against Newcombe's hybrid score interval written out here from
    # Wilson intervals (Newcombe's method 10), a separate implementation of the same published method.
    def wilson(x: int, m: int, z: float) -> tuple[float, float]:
        p = x / m
        centre = (p + z * z / (2 * m)) / (1 + z * z / m)
        half = z * math.sqrt(p * (1 - p) / m + z * z / (4 * m * m)) / (1 + z * z / m)
        return centre - half, centre + half

    z = float(stats.norm.ppf(0.975))
    (l1, u1), (l2, u2) = wilson(8, 100, z), wilson(4, 100, z)
    p1, p2 = 0.08, 0.04
    low = p1 - p2 - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = p1 - p2 + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    rd = safety.risk_difference(8, 100, 4, 100)
    add("risk difference 8/100 vs 4/100, lower 95 % limit", rd.ci_low, low, "Newcombe (Wilson-based), by hand", 1e-9)
    add("risk difference 8/100 vs 4/100, upper 95 % limit", rd.ci_high, high, "Newcombe (Wilson-based), by hand", 1e-9)

    # Sample size for 8 % vs 4 %: the library against the closed normal-approximation formula.
    h = 2 * math.asin(math.sqrt(0.08)) - 2 * math.asin(math.sqrt(0.04))
    n_formula = math.ceil(2 * (z + float(stats.norm.ppf(0.8))) ** 2 / h**2)
    add(
        "patients per arm for 80 % power, 8 % vs 4 %",
        safety.n_for_power(0.08, 0.04),
        n_formula,
        "2(z₀.₉₇₅ + z₀.₈)²/h², rounded up",
        0.0,
    )

    rule = safety.rule_of_three(24)
    add(
        "exact one-sided 95 % bound, 0 events in 24",
        rule.exact_one_sided_95,
        1 - 0.05 ** (1 / 24),
        "1 − 0.05^(1/n)",
        1e-12,
    )
    return out


def reproduced(references: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Model quantities next to the independent references they must match, with tolerance and a mark.

    Parameters
    ----------
    references : mapping of str to float, optional
        Reference values by row name; default :func:`reference_values`. Passing a perturbed copy shows that
        the check can fail (the unit tests do this).

    Returns
    -------
    pandas.DataFrame
        Columns ``quantity``, ``model`` (computed by the library), ``reference``, ``reference_source``,
        ``tolerance`` (absolute, in the quantity's unit), ``difference`` (model − reference), ``passed``
        (bool), ``mark`` ("pass" or "FAIL") and ``note``.

    Raises
    ------
    ValueError
        If ``references`` names a row that does not exist or gives a non-numeric value.
    """
    refs = reference_values()
    if references is not None:
        if not isinstance(references, Mapping):
            raise ValueError(f"references must be a mapping of row name to number; got {type(references).__name__}")
        unknown = sorted(set(references) - set(refs))
        if unknown:
            raise ValueError(f"references must name rows of the table; unknown: {', '.join(map(repr, unknown))}")
        for name, ref in references.items():
            if isinstance(ref, bool) or not isinstance(ref, (int, float)) or not math.isfinite(ref):
                raise ValueError(f"references[{name!r}] must be a finite number; got {ref!r}")
        refs.update({k: float(v) for k, v in references.items()})
    rows = []
    for row in _model_rows():
        model_value = float(row.compute())
        ref = float(refs[row.name])
        tol = row.abs_tol + row.rel_tol * abs(ref)
        rows.append(
            {
                "quantity": row.name,
                "model": model_value,
                "reference": ref,
                "reference_source": row.reference_label,
                "tolerance": tol,
                "note": row.note,
            }
        )
    rows += _identity_rows()
    frame = pd.DataFrame(rows)
    frame["difference"] = frame["model"] - frame["reference"]
    frame["passed"] = frame["difference"].abs() <= frame["tolerance"] + 1e-15
    frame["mark"] = np.where(frame["passed"], "pass", "FAIL")
    cols = ["quantity", "model", "reference", "reference_source", "tolerance", "difference", "passed", "mark", "note"]
    return frame[cols]


def check_reproduced(table: pd.DataFrame) -> None:
    """Raise ``AssertionError`` listing every failed row of a :func:`reproduced` table (silent when all pass).

    Raises
    ------
    ValueError
        If ``table`` lacks the columns ``quantity``, ``model``, ``reference``, ``tolerance`` and ``passed``.
    AssertionError
        If any row failed; the message names each row with model value, reference and tolerance.
    """
    needed = {"quantity", "model", "reference", "tolerance", "passed"}
    if not isinstance(table, pd.DataFrame) or not needed <= set(table.columns):
        raise ValueError(f"table must be a DataFrame from evidence.reproduced() with columns {sorted(needed)}")
    failed = table[~table["passed"].astype(bool)]
    if len(failed):
        lines = [
            f"{r.quantity}: model {r.model:.6g}, reference {r.reference:.6g}, tolerance {r.tolerance:.3g}"
            for r in failed.itertuples()
        ]
        raise AssertionError("reproduced quantities outside tolerance:\n" + "\n".join(lines))
