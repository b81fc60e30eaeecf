"""Bad input to every public function raises ValueError whose message *starts* with the parameter's name.

The project rule (CONTRIBUTING.md): bad input raises ``ValueError`` through ``lanicemine_lib/_validation.py``,
whose messages name the parameter, its unit and the allowed range. The topic files test the main functions in
depth; this table covers every public function and parameter once, so a parameter that loses its check (or
whose error names some other, internal parameter) is caught. Each call fails before any heavy computation.
"""

from __future__ import annotations

import math
import re

import matplotlib

matplotlib.use("Agg")
import ipywidgets as WIDGETS
import matplotlib.figure
import matplotlib.pyplot as plt
import numpy as np
import pytest

from lanicemine_lib import evidence as E
from lanicemine_lib import mechanism as m
from lanicemine_lib import pk
from lanicemine_lib import safety as S
from lanicemine_lib import teaching as TE
from lanicemine_lib import trials as T
from lanicemine_lib import widgets as W
from lanicemine_lib.figures import lessons as FL
from lanicemine_lib.figures import mechanism as FM
from lanicemine_lib.figures import pk as FP
from lanicemine_lib.figures import safety as FS
from lanicemine_lib.figures import trials as FT

NAN = math.nan
REG = pk.Regimen.single(100.0)
T3 = np.array([0.0, 1.0, 2.0])
C3 = np.array([0.0, 0.5, 0.2])
SEG = m.ProtocolSegment(1.0, True, 1.0)
POP_PARAMS = pk.PKParameters(cl=[9.0, 10.0])
OPTIONS = (TE.Option("a", True, "right"), TE.Option("b", False, "wrong"))
EX = dict(plot=lambda v: plt.figure(), values=[1, 2], label="Dose", unit="mg", describe=str)  # a valid Explorer

# (parameter name the message must start with, call). One clearly bad value per parameter: out of the
# documented range, NaN, a wrong type, or a boolean where a number is meant.
CASES: list[tuple[str, object]] = [
    # --- pk ---------------------------------------------------------------------------------------------
    ("cl", lambda: pk.PKParameters(cl=0.0)),
    ("v1", lambda: pk.PKParameters(v1=-1.0)),
    ("v2", lambda: pk.PKParameters(v2=NAN)),
    ("q", lambda: pk.PKParameters(q="75")),
    ("i", lambda: POP_PARAMS.subject(2)),
    ("start_h", lambda: pk.Infusion(-1.0, 100.0)),
    ("dose_mg", lambda: pk.Infusion(0.0, 2001.0)),
    ("duration_h", lambda: pk.Infusion(0.0, 100.0, 0.0)),
    ("infusions", lambda: pk.Regimen([1.0])),
    ("dose_mg", lambda: pk.Regimen.single(-5.0)),
    ("duration_h", lambda: pk.Regimen.single(100.0, duration_h=0.0)),
    ("start_h", lambda: pk.Regimen.single(100.0, start_h=-1.0)),
    ("dose_mg", lambda: pk.Regimen.repeated(-1.0, [0.0])),
    ("start_times_h", lambda: pk.Regimen.repeated(100.0, [0.0, -24.0])),
    ("duration_h", lambda: pk.Regimen.repeated(100.0, [0.0], duration_h=-1.0)),
    ("dose_mg", lambda: pk.Regimen.study9(NAN)),
    ("dose_mg", lambda: pk.Regimen.study31(True)),
    ("t_h", lambda: pk.concentration([0.0, NAN], REG)),
    ("regimen", lambda: pk.concentration(T3, "study 9")),
    ("params", lambda: pk.concentration(T3, REG, {"cl": 9.43})),
    ("t_h", lambda: pk.amounts("1", REG)),
    ("regimen", lambda: pk.amounts(T3, None)),
    ("params", lambda: pk.amounts(T3, REG, 9.43)),
    ("t_h", lambda: pk.ode_concentration([NAN], REG)),
    ("regimen", lambda: pk.ode_concentration(T3, 1.0)),
    ("params", lambda: pk.ode_concentration(T3, REG, "typical")),
    ("rtol", lambda: pk.ode_concentration(T3, REG, rtol=0.0)),
    ("atol", lambda: pk.ode_concentration(T3, REG, atol=-1.0)),
    ("method", lambda: pk.ode_concentration(T3, REG, method="Euler")),
    ("c", lambda: pk.mg_per_l_to_um(-0.1)),
    ("c", lambda: pk.um_to_mg_per_l(NAN)),
    ("t_h", lambda: pk.exposure_metrics([0.0, NAN, 2.0], C3)),
    ("conc", lambda: pk.exposure_metrics(T3, [0.0, -1.0, 0.0])),
    ("start_h", lambda: pk.exposure_metrics(T3, C3, start_h=NAN)),
    ("end_h", lambda: pk.exposure_metrics(T3, C3, end_h=-1.0)),
    ("t_h", lambda: pk.time_above("abc", C3, 0.1)),
    ("conc", lambda: pk.time_above(T3, [0.0, NAN, 0.0], 0.1)),
    ("threshold", lambda: pk.time_above(T3, C3, -0.1)),
    ("regimen", lambda: pk.accumulation_ratio([REG])),
    ("params", lambda: pk.accumulation_ratio(REG, None)),
    ("regimen", lambda: pk.auc_infinity(100.0)),
    ("params", lambda: pk.auc_infinity(REG, "x")),
    ("omega_cl", lambda: pk.PopulationAssumptions(omega_cl=-0.1)),
    ("omega_v1", lambda: pk.PopulationAssumptions(omega_v1=1.5)),
    ("omega_q", lambda: pk.PopulationAssumptions(omega_q=NAN)),
    ("omega_v2", lambda: pk.PopulationAssumptions(omega_v2="0.3")),
    ("cl_lbm_exponent", lambda: pk.PopulationAssumptions(cl_lbm_exponent=NAN)),
    ("lbm_ref_kg", lambda: pk.PopulationAssumptions(lbm_ref_kg=0.0)),
    ("v1_bsa_exponent", lambda: pk.PopulationAssumptions(v1_bsa_exponent=math.inf)),
    ("bsa_ref_m2", lambda: pk.PopulationAssumptions(bsa_ref_m2=-1.0)),
    ("fraction_female", lambda: pk.PopulationAssumptions(fraction_female=1.1)),
    ("use_covariates", lambda: pk.PopulationAssumptions(use_covariates="yes")),
    ("regimen", lambda: pk.simulate_population("Study 9", 5, 1, T3)),
    ("n", lambda: pk.simulate_population(REG, 0, 1, T3)),
    ("seed", lambda: pk.simulate_population(REG, 5, -1, T3)),
    ("t_h", lambda: pk.simulate_population(REG, 5, 1, [NAN])),
    ("params", lambda: pk.simulate_population(REG, 5, 1, T3, params="typical")),
    ("assumptions", lambda: pk.simulate_population(REG, 5, 1, T3, assumptions={"omega_cl": 0.3})),
    # --- mechanism --------------------------------------------------------------------------------------
    ("k_on_per_m_s", lambda: m.BlockerParameters("x", -1.0, 1.0, 50.0, 0.7)),
    ("k_off_per_s", lambda: m.BlockerParameters("x", 1e4, 0.0, 50.0, 0.7)),
    ("kd0_um", lambda: m.BlockerParameters("x", 1e4, 1.0, NAN, 0.7)),
    ("z_delta", lambda: m.BlockerParameters("x", 1e4, 1.0, 50.0, 5.0)),
    ("temperature_c", lambda: m.BlockerParameters("x", 1e4, 1.0, 50.0, 0.7, temperature_c=-300.0)),
    ("off_voltage_share", lambda: m.BlockerParameters("x", 1e4, 1.0, 50.0, 0.7, off_voltage_share=2.0)),
    ("status", lambda: m.BlockerParameters("x", 1e4, 1.0, 50.0, 0.7, status="guessed")),
    ("kd_status", lambda: m.BlockerParameters("x", 1e4, 1.0, 50.0, 0.7, kd_status="guessed")),
    ("opening_rate_per_s", lambda: m.GatingParameters(opening_rate_per_s=0.0)),
    ("closing_rate_per_s", lambda: m.GatingParameters(closing_rate_per_s=-1.0)),
    ("escape_rate_per_s", lambda: m.GatingParameters(escape_rate_per_s=NAN)),
    ("status", lambda: m.GatingParameters(status="guessed")),
    ("duration_s", lambda: m.ProtocolSegment(0.0, True)),
    ("agonist", lambda: m.ProtocolSegment(1.0, 1)),
    ("blocker_um", lambda: m.ProtocolSegment(1.0, True, -1.0)),
    ("name", lambda: SEG_RESULT().state("bound")),
    ("drug", lambda: m.get_blocker("PCP")),
    ("kd0_um", lambda: m.woodhull_z_delta(kd0_um=0.0)),
    ("kd_at_voltage_um", lambda: m.woodhull_z_delta(kd_at_voltage_um=-1.0)),
    ("voltage_mv", lambda: m.woodhull_z_delta(voltage_mv=200.0)),
    ("temperature_c", lambda: m.woodhull_z_delta(temperature_c=NAN)),
    ("voltage_mv", lambda: m.kd_um(-121.0)),
    ("drug", lambda: m.kd_um(-60.0, "MK-801")),
    ("drug", lambda: m.kinetic_kd_um("MK-801")),
    ("voltage_mv", lambda: m.kinetic_kd_um("lanicemine", 61.0)),
    ("conc_um", lambda: m.fraction_blocked(-1.0, -60.0)),
    ("voltage_mv", lambda: m.fraction_blocked(10.0, NAN)),
    ("drug", lambda: m.fraction_blocked(10.0, -60.0, 42)),
    ("basis", lambda: m.fraction_blocked(10.0, -60.0, basis="kinetics")),
    ("drug", lambda: m.rate_constants("aspirin")),
    ("voltage_mv", lambda: m.rate_constants(voltage_mv=-150.0)),
    ("agonist", lambda: m.generator_matrix("yes", 10.0)),
    ("blocker_um", lambda: m.generator_matrix(True, -10.0)),
    ("drug", lambda: m.generator_matrix(True, 10.0, "aspirin")),
    ("voltage_mv", lambda: m.generator_matrix(True, 10.0, voltage_mv=100.0)),
    ("gating", lambda: m.generator_matrix(True, 10.0, gating={"opening_rate_per_s": 20.0})),
    ("blocker_um", lambda: m.steady_state(NAN)),
    ("drug", lambda: m.steady_state(10.0, "aspirin")),
    ("voltage_mv", lambda: m.steady_state(10.0, voltage_mv=-200.0)),
    ("gating", lambda: m.steady_state(10.0, gating="default")),
    ("segments", lambda: m.simulate_protocol([1.0])),
    ("drug", lambda: m.simulate_protocol([SEG], "aspirin")),
    ("voltage_mv", lambda: m.simulate_protocol([SEG], voltage_mv=NAN)),
    ("t_eval", lambda: m.simulate_protocol([SEG], t_eval=[-1.0])),
    ("initial", lambda: m.simulate_protocol([SEG], initial=[1.0, 0.0, 0.0])),
    ("gating", lambda: m.simulate_protocol([SEG], gating=1.0)),
    ("points_per_segment", lambda: m.simulate_protocol([SEG], points_per_segment=1)),
    ("drug", lambda: m.mealing1999_protocol("aspirin")),
    ("conc_um", lambda: m.mealing1999_protocol(conc_um=0.0)),
    ("loading_s", lambda: m.mealing1999_protocol(loading_s=0.0)),
    ("washout_s", lambda: m.mealing1999_protocol(washout_s=-1.0)),
    ("reapply_s", lambda: m.mealing1999_protocol(reapply_s=NAN)),
    ("voltage_mv", lambda: m.mealing1999_protocol(voltage_mv=70.0)),
    ("gating", lambda: m.mealing1999_protocol(gating="default")),
    ("start_at_steady_state", lambda: m.mealing1999_protocol(start_at_steady_state="no")),
    ("points_per_segment", lambda: m.mealing1999_protocol(points_per_segment=0)),
    ("drug", lambda: m.trapped_fraction("aspirin")),
    ("washout_s", lambda: m.trapped_fraction(washout_s=NAN)),
    ("conc_um", lambda: m.trapped_fraction(conc_um=-5.0)),
    ("voltage_mv", lambda: m.trapped_fraction(voltage_mv=100.0)),
    ("gating", lambda: m.trapped_fraction(gating=0.788)),
    ("drug", lambda: m.washout_time_course("aspirin")),
    ("washout_s", lambda: m.washout_time_course(washout_s=0.0)),
    ("conc_um", lambda: m.washout_time_course(conc_um=NAN)),
    ("voltage_mv", lambda: m.washout_time_course(voltage_mv=-130.0)),
    ("gating", lambda: m.washout_time_course(gating="default")),
    ("n_points", lambda: m.washout_time_course(n_points=1)),
    ("opening_rate_per_s", lambda: m.fit_trapping_parameters(-1.0)),
    ("closing_rate_per_s", lambda: m.fit_egress_parameters(NAN)),
    ("model", lambda: m.get_blocker("lanicemine", model="leak")),
    ("model", lambda: m.get_blocker(m.BLOCKERS["lanicemine"], model="egress")),
    ("model", lambda: m.gating_for("leak")),
    ("model", lambda: m.rate_constants(model=1)),
    ("model", lambda: m.generator_matrix(True, 10.0, model="trap")),
    ("model", lambda: m.steady_state(10.0, model="trap")),
    ("model", lambda: m.simulate_protocol([SEG], model="trap")),
    ("model", lambda: m.mealing1999_protocol(model="trap")),
    ("model", lambda: m.trapped_fraction(model="trap")),
    ("model", lambda: m.washout_time_course(model="trap")),
    ("egress_per_s", lambda: m.BlockerParameters("x", 1e4, 1.0, 50.0, 0.7, egress_per_s=-0.1)),
    ("model", lambda: m.BlockerParameters("x", 1e4, 1.0, 50.0, 0.7, model="leaky")),
    # --- evidence --------------------------------------------------------------------------------------------
    ("key", lambda: E.value("no.such.key")),
    ("key", lambda: E.fact(None)),
    ("key", lambda: E.bounds("identity.names")),
    ("chapter", lambda: E.registry("glossary")),
    ("references", lambda: E.reproduced(references={"Vss (L)": "153"})),
    ("references", lambda: E.reproduced(references={"not a row": 1.0})),
    ("table", lambda: E.check_reproduced("all good")),
    ("plasma_um", lambda: m.occupancy_from_plasma(-1.0)),
    ("voltage_mv", lambda: m.occupancy_from_plasma(1.0, voltage_mv=61.0)),
    ("unbound_fraction", lambda: m.occupancy_from_plasma(1.0, unbound_fraction=0.0)),
    ("brain_to_plasma", lambda: m.occupancy_from_plasma(1.0, brain_to_plasma=-1.0)),
    ("t_h", lambda: m.occupancy_time_course([NAN], REG)),
    ("regimen", lambda: m.occupancy_time_course(1.0, "Study 9")),
    ("params", lambda: m.occupancy_time_course(1.0, REG, params="typical")),
    # --- trials -----------------------------------------------------------------------------------------
    ("study", lambda: T.dosing_calendar("Study 10", 100.0)),
    ("dose_mg", lambda: T.dosing_calendar("Study 9", 0.0)),
    ("age_years", lambda: T.Patient(-1, "MDD recurrent", 1, True, 6, False, False, False, False)),
    ("diagnosis", lambda: T.Patient(45, "MDD", 1, True, 6, False, False, False, False)),
    (
        "inadequate_responses_current_episode",
        lambda: T.Patient(45, "MDD recurrent", -1, True, 6, False, False, False, False),
    ),
    ("on_allowed_antidepressant", lambda: T.Patient(45, "MDD recurrent", 1, "yes", 6, False, False, False, False)),
    (
        "weeks_on_current_antidepressant",
        lambda: T.Patient(45, "MDD recurrent", 1, True, NAN, False, False, False, False),
    ),
    ("history_of_psychosis", lambda: T.Patient(45, "MDD recurrent", 1, True, 6, 0, False, False, False)),
    ("history_of_bipolar", lambda: T.Patient(45, "MDD recurrent", 1, True, 6, False, None, False, False)),
    ("substance_use_disorder_past_year", lambda: T.Patient(45, "MDD recurrent", 1, True, 6, False, False, "no", False)),
    ("significant_suicidal_ideation", lambda: T.Patient(45, "MDD recurrent", 1, True, 6, False, False, False, 1)),
    ("patient", lambda: T.check_eligibility("45-year-old")),
    ("baseline_mean", lambda: T.TrialAssumptions(baseline_mean=NAN)),
    ("baseline_sd", lambda: T.TrialAssumptions(baseline_sd=-1.0)),
    ("baseline_min", lambda: T.TrialAssumptions(baseline_min=-5.0)),
    ("baseline_max", lambda: T.TrialAssumptions(baseline_max=61.0)),
    ("placebo_plateau", lambda: T.TrialAssumptions(placebo_plateau=-1.0)),
    ("placebo_tau_weeks", lambda: T.TrialAssumptions(placebo_tau_weeks=0.0)),
    ("residual_sd", lambda: T.TrialAssumptions(residual_sd=NAN)),
    ("visit_correlation", lambda: T.TrialAssumptions(visit_correlation=1.5)),
    ("dropout_by_endpoint", lambda: T.TrialAssumptions(dropout_by_endpoint=-0.1)),
    ("clip_to_scale", lambda: T.TrialAssumptions(clip_to_scale=1)),
    ("response_reduction", lambda: T.TrialAssumptions(response_reduction=1.5)),
    ("remission_max", lambda: T.TrialAssumptions(remission_max=-1.0)),
    ("baseline", lambda: T.ancova_batch(np.full((1, 4), NAN), np.zeros((1, 4)), [0, 0, 1, 1])),
    ("arm", lambda: T.ancova_batch(np.zeros((1, 4)), np.zeros((1, 4)), [0, 0, 0, 0])),
    ("weights", lambda: T.ancova_batch(np.zeros((1, 4)), np.zeros((1, 4)), [0, 0, 1, 1], np.full((1, 4), 2.0))),
    ("n_per_arm", lambda: T.simulate_trials(1, n_trials=2)),
    ("effect", lambda: T.simulate_trials(effect=NAN, n_trials=2)),
    ("n_trials", lambda: T.simulate_trials(n_trials=0)),
    ("seed", lambda: T.simulate_trials(n_trials=2, seed=-1)),
    ("endpoint_week", lambda: T.simulate_trials(n_trials=2, endpoint_week=53)),
    ("assumptions", lambda: T.simulate_trials(n_trials=2, assumptions="default")),
    ("missing", lambda: T.simulate_trials(n_trials=2, missing="mi")),
    ("alpha", lambda: T.simulate_trials(n_trials=2, alpha=1.0)),
    ("return_data", lambda: T.simulate_trials(n_trials=2, return_data=1)),
    ("n_per_arm", lambda: T.analytic_power(1, -3.0, 8.0)),
    ("effect", lambda: T.analytic_power(50, NAN, 8.0)),
    ("sd", lambda: T.analytic_power(50, -3.0, 0.0)),
    ("alpha", lambda: T.analytic_power(50, -3.0, 8.0, alpha=0.0)),
    ("n_per_arm", lambda: T.analytic_positive_probability(0, -3.0, 8.0)),
    ("effect", lambda: T.analytic_positive_probability(50, "big", 8.0)),
    ("sd", lambda: T.analytic_positive_probability(50, -3.0, -8.0)),
    ("alpha", lambda: T.analytic_positive_probability(50, -3.0, 8.0, alpha=1.5)),
    ("n_per_arm", lambda: T.same_drug_two_trials((50, 1), n_pairs=10)),
    ("effect", lambda: T.same_drug_two_trials(effect=NAN, n_pairs=10)),
    ("n_pairs", lambda: T.same_drug_two_trials(n_pairs=0)),
    ("seed", lambda: T.same_drug_two_trials(n_pairs=10, seed=-1)),
    ("endpoint_week", lambda: T.same_drug_two_trials(n_pairs=10, endpoint_week=(3, 53))),
    ("assumptions", lambda: T.same_drug_two_trials(n_pairs=10, assumptions="default")),
    ("alpha", lambda: T.same_drug_two_trials(n_pairs=10, alpha=0.0)),
    # --- safety -----------------------------------------------------------------------------------------
    ("alpha", lambda: S.odds_ratio(1, 10, 1, 10, alpha=2.0)),
    ("alternative", lambda: S.fisher_exact_test(1, 10, 1, 10, alternative="both")),
    ("method", lambda: S.number_needed_to_harm(1, 10, 1, 10, method="score")),
    ("n", lambda: S.rule_of_three(0)),
    ("p_a", lambda: S.power_two_proportions(1.5, 0.04, 100)),
    ("p_b", lambda: S.power_two_proportions(0.08, NAN, 100)),
    ("n_per_arm", lambda: S.power_two_proportions(0.08, 0.04, 0)),
    ("alpha", lambda: S.power_two_proportions(0.08, 0.04, 100, alpha=0.0)),
    ("p_a", lambda: S.expected_ci_halfwidth(-0.1, 0.04, 100)),
    ("p_b", lambda: S.expected_ci_halfwidth(0.08, 2.0, 100)),
    ("n_per_arm", lambda: S.expected_ci_halfwidth(0.08, 0.04, 2.5)),
    ("alpha", lambda: S.expected_ci_halfwidth(0.08, 0.04, 100, alpha=NAN)),
    ("p_a", lambda: S.n_for_power(NAN, 0.04)),
    ("p_b", lambda: S.n_for_power(0.08, -1.0)),
    ("power", lambda: S.n_for_power(0.08, 0.04, power=0.0)),
    ("alpha", lambda: S.n_for_power(0.08, 0.04, alpha=1.0)),
    ("ec50_um", lambda: S.DizzinessModel(ec50_um=-1.0)),
    ("slope", lambda: S.DizzinessModel(slope=0.0)),
    ("baseline", lambda: S.DizzinessModel(baseline=-0.1)),
    ("p_max", lambda: S.DizzinessModel(p_max=1.5)),
    ("label", lambda: S.DizzinessModel(label=3)),
    ("conc_um", lambda: S.DizzinessModel().probability([NAN])),
    ("dose_mg", lambda: S.peak_effect_vs_infusion_length(0.0, [1.0])),
    ("durations_h", lambda: S.peak_effect_vs_infusion_length(100.0, [-1.0])),
    ("model", lambda: S.peak_effect_vs_infusion_length(100.0, [1.0], model="steep")),
    ("params", lambda: S.peak_effect_vs_infusion_length(100.0, [1.0], params="typical")),
    ("items", lambda: S.score_cadss("all zero")),
    ("items", lambda: S.score_madrs([True] * 10)),
    ("baseline", lambda: S.madrs_response(-1, 10)),
    ("current", lambda: S.madrs_response(30, NAN)),
    ("score", lambda: S.madrs_remission(61)),
    # --- widgets ----------------------------------------------------------------------------------------
    ("dpi", lambda: W.figure_to_png(plt.figure(), dpi=10)),
    ("alt", lambda: W.frame_html(b"x", "   ")),
    ("fmt", lambda: W.frame_html(b"x", "a figure", fmt="gif")),
    ("values", lambda: W.Explorer(plot=lambda v: plt.figure(), values=[2, 1], label="Dose", unit="mg", describe=str)),
    (
        "initial",
        lambda: W.Explorer(
            plot=lambda v: plt.figure(), values=[1, 2], label="Dose", unit="mg", describe=str, initial=3
        ),
    ),
    (
        "image_format",
        lambda: W.Explorer(
            plot=lambda v: plt.figure(), values=[1, 2], label="Dose", unit="mg", describe=str, image_format="gif"
        ),
    ),
    # --- figures.pk -------------------------------------------------------------------------------------
    ("params", lambda: FP.plot_model_diagram("typical")),
    ("doses_mg", lambda: FP.plot_potency_bands(doses_mg=[-50.0])),
    ("t_end_h", lambda: FP.plot_potency_bands(t_end_h=600.0)),
    ("params", lambda: FP.plot_course({"a": REG}, params=None)),
    ("tail_h", lambda: FP.plot_course({"a": REG}, tail_h=-1.0)),
    ("step_h", lambda: FP.plot_course({"a": REG}, step_h=0.0)),
    ("doses_mg", lambda: FP.plot_study9_course([NAN])),
    ("doses_mg", lambda: FP.plot_study31_course([0.0, 100.0, 200.0, 300.0, 400.0, 500.0])),
    ("result", lambda: FP.plot_population_band("population")),
    ("dose_mg", lambda: FP.plot_single_infusion(-1.0)),
    ("duration_h", lambda: FP.plot_single_infusion(100.0, 0.0)),
    ("params", lambda: FP.plot_single_infusion(100.0, params="typical")),
    ("t_max_h", lambda: FP.plot_single_infusion(100.0, t_max_h=0.5)),
    ("y_max_mg_per_l", lambda: FP.plot_single_infusion(100.0, y_max_mg_per_l=0.0)),
    ("show_bands", lambda: FP.plot_single_infusion(100.0, show_bands="yes")),
    ("t_h", lambda: FP.plot_closed_form_vs_ode([0.0, NAN, 2.0], C3, C3)),
    ("duration_min", lambda: FP.plot_infusion_length(0.5)),
    ("dose_mg", lambda: FP.plot_infusion_length(60.0, dose_mg=0.0)),
    ("params", lambda: FP.plot_infusion_length(60.0, params="typical")),
    ("t_max_h", lambda: FP.plot_infusion_length(60.0, t_max_h=1.0)),
    ("y_max_mg_per_l", lambda: FP.plot_infusion_length(60.0, y_max_mg_per_l=-1.0)),
    ("omega_cl", lambda: FP.plot_population_omega(1.5)),
    ("dose_mg", lambda: FP.plot_population_omega(0.25, dose_mg=0.0)),
    ("n", lambda: FP.plot_population_omega(0.25, n=5)),
    ("seed", lambda: FP.plot_population_omega(0.25, seed=-1)),
    ("t_end_h", lambda: FP.plot_population_omega(0.25, t_end_h=1.0)),
    ("y_max_mg_per_l", lambda: FP.plot_population_omega(0.25, y_max_mg_per_l=0.0)),
    # --- figures.mechanism ------------------------------------------------------------------------------
    ("concs_um", lambda: FM.block_vs_voltage_figure(concs_um=[0.0])),
    ("drug", lambda: FM.block_vs_voltage_figure(drug="aspirin")),
    ("voltages_mv", lambda: FM.block_vs_concentration_figure(voltages_mv=[-200.0])),
    ("drug", lambda: FM.block_vs_concentration_figure(drug="aspirin")),
    ("drug", lambda: FM.block_curves_figure("aspirin")),
    ("k_off_per_s", lambda: FM.washout_race_figure(50.0)),
    ("closing_rate_per_s", lambda: FM.washout_race_closing_figure(0.0)),
    ("doses_mg", lambda: FM.occupancy_infusion_figure(doses_mg=[2000.0])),
    ("voltage_mv", lambda: FM.occupancy_infusion_figure(voltage_mv=80.0)),
    ("unbound_fraction", lambda: FM.occupancy_infusion_figure(unbound_fraction=0.0)),
    ("brain_to_plasma", lambda: FM.occupancy_infusion_figure(brain_to_plasma=0.0)),
    ("dose_mg", lambda: FM.occupancy_course_figure(dose_mg=0.0)),
    ("voltage_mv", lambda: FM.occupancy_course_figure(voltage_mv=NAN)),
    ("unbound_fraction", lambda: FM.occupancy_course_figure(unbound_fraction=2.0)),
    ("brain_to_plasma", lambda: FM.occupancy_course_figure(brain_to_plasma=-1.0)),
    ("detailed", lambda: FM.pathway_figure("yes")),
    ("voltage_mv", lambda: FM.block_at_voltage_figure(-130.0)),
    # --- figures.trials ---------------------------------------------------------------------------------
    ("week", lambda: FT.plot_study31_week(NAN)),
    ("dose_mg", lambda: FT.plot_study31_week(3, dose_mg=-1.0)),
    ("week", lambda: FT.describe_study31_week(13)),
    ("dose_mg", lambda: FT.describe_study31_week(3, dose_mg=NAN)),
    ("result", lambda: FT.plot_simulated_trajectories("simulation")),
    ("n_per_arm", lambda: FT.plot_simulated_trajectories(n_per_arm=1)),
    ("effect", lambda: FT.plot_simulated_trajectories(effect=NAN)),
    ("n_trials", lambda: FT.plot_simulated_trajectories(n_trials=0)),
    ("seed", lambda: FT.plot_simulated_trajectories(seed=-1)),
    ("endpoint_week", lambda: FT.plot_simulated_trajectories(endpoint_week=0)),
    # --- figures.safety ---------------------------------------------------------------------------------
    ("p_active", lambda: FS.plot_power_curve(p_active=NAN)),
    ("p_placebo", lambda: FS.plot_power_curve(p_placebo=-1.0)),
    ("alpha", lambda: FS.plot_power_curve(alpha=0.0)),
    ("n_max", lambda: FS.plot_power_curve(n_max=0)),
    ("mark_n", lambda: FS.plot_power_curve(mark_n=-5)),
    ("duration_h", lambda: FS.plot_infusion_length(0.0)),
    ("dose_mg", lambda: FS.plot_infusion_length(1.0, dose_mg=-1.0)),
    ("reference_h", lambda: FS.plot_infusion_length(1.0, reference_h=0.0)),
    ("model", lambda: FS.plot_infusion_length(1.0, model="steep")),
    ("params", lambda: FS.plot_infusion_length(1.0, params="typical")),
    ("shortest_h", lambda: FS.plot_infusion_length(1.0, shortest_h=0.0)),
    ("t_end_h", lambda: FS.plot_infusion_length(1.0, t_end_h=100.0)),
    ("duration_h", lambda: FS.describe_infusion_length(NAN)),
    ("dose_mg", lambda: FS.describe_infusion_length(1.0, dose_mg=0.0)),
    ("reference_h", lambda: FS.describe_infusion_length(1.0, reference_h=True)),
    ("model", lambda: FS.describe_infusion_length(1.0, model="steep")),
    ("params", lambda: FS.describe_infusion_length(1.0, params="typical")),
    ("n_per_arm", lambda: FS.plot_sample_size(0)),
    ("p_active", lambda: FS.plot_sample_size(100, p_active=2.0)),
    ("p_placebo", lambda: FS.plot_sample_size(100, p_placebo=-0.5)),
    ("alpha", lambda: FS.plot_sample_size(100, alpha=NAN)),
    ("n_per_arm", lambda: FS.describe_sample_size(NAN)),
    ("n_per_arm", lambda: FS.describe_sample_size(None)),
    ("p_active", lambda: FS.describe_sample_size(100, p_active=2.0)),
    ("p_placebo", lambda: FS.describe_sample_size(100, p_placebo=-0.5)),
    ("alpha", lambda: FS.describe_sample_size(100, alpha=0.0)),
    # --- figures.lessons --------------------------------------------------------------------------------
    # --- explorer factories check every argument up front, before a frame is drawn ------------------------
    ("values", lambda: W.Explorer(plot=lambda v: plt.figure(), values=5.0, label="Dose", unit="mg", describe=str)),
    ("plot", lambda: W.Explorer(**{**EX, "plot": None})),
    ("describe", lambda: W.Explorer(**{**EX, "describe": "dose"})),
    ("label", lambda: W.Explorer(**{**EX, "label": 3})),
    ("unit", lambda: W.Explorer(**{**EX, "unit": None})),
    ("fmt", lambda: W.Explorer(**{**EX, "fmt": "d"})),
    ("dpi", lambda: W.Explorer(**{**EX, "dpi": 10})),
    ("width_px", lambda: W.Explorer(**{**EX, "width_px": 0})),
    # --- numerics added for the chapters (issue 17) -------------------------------------------------------
    ("regimen", lambda: pk.mode_components([1.0], "100 mg")),
    ("t_h", lambda: pk.mode_components([NAN], REG)),
    ("omega", lambda: pk.lognormal_cv_pct(-0.1)),
    ("omega", lambda: pk.lognormal_cv_pct("0.25")),
    ("n_per_arm", lambda: S.power_two_proportions(0.08, 0.04, [10, 0])),
    ("n_per_arm", lambda: S.power_two_proportions(0.08, 0.04, [10, NAN])),
    ("p", lambda: S.expected_counts(1.2, 100)),
    ("p", lambda: S.expected_counts([0.1, -0.1], 100)),
    ("n_per_arm", lambda: S.expected_counts(0.08, 0)),
    ("week", lambda: T.study31_week_summary(0)),
    ("week", lambda: T.study31_week_summary(2.5)),
    ("dose_mg", lambda: T.study31_week_summary(3, dose_mg=-1.0)),
    ("scores", lambda: T.locf_endpoint("high")),
    ("scores", lambda: T.locf_endpoint([[NAN, 20.0]])),
    ("scores", lambda: T.locf_endpoint([])),
    ("p_a", lambda: T.split_probability(1.5, 0.5)),
    ("p_b", lambda: T.split_probability(0.5, [0.2, NAN])),
    # --- figures that draw what they are given -------------------------------------------------------------
    ("baseline", lambda: FL.plot_ancova_example([30.0, -1.0], [20.0, 25.0], [0, 1], ANCOVA_FIT(), -3.0)),
    ("baseline", lambda: FL.plot_ancova_example([30.0, 31.0], [20.0], [0, 1], ANCOVA_FIT(), -3.0)),
    ("fit", lambda: FL.plot_ancova_example([30.0, 31.0], [20.0, 25.0], [0, 1], "fit", -3.0)),
    ("true_effect", lambda: FL.plot_ancova_example([30.0, 31.0], [20.0, 25.0], [0, 1], ANCOVA_FIT(), NAN)),
    ("endpoint_week", lambda: FL.plot_ancova_example([30.0, 31.0], [20.0, 25.0], [0, 1], ANCOVA_FIT(), -3.0, 0)),
    ("result", lambda: FL.plot_design(-3.0)),
    ("result", lambda: FL.describe_design(None)),
    ("result", lambda: FL.plot_two_trials("pair")),
    ("result", lambda: FL.describe_two_trials(-3.0)),
    ("result.effect", lambda: FL.plot_two_trials(TWO_TRIALS_AT(2.0))),
    # --- teaching: self-check questions ---------------------------------------------------------------------
    ("text", lambda: TE.Option(3, True, "x")),
    ("text", lambda: TE.Option("  ", True, "x")),
    ("correct", lambda: TE.Option("a", 1, "x")),
    ("feedback", lambda: TE.Option("a", True, None)),
    ("question", lambda: TE.MultipleChoice(None, OPTIONS)),
    ("options", lambda: TE.MultipleChoice("Q?", "ab")),
    ("options", lambda: TE.MultipleChoice("Q?", OPTIONS[:1])),
    ("options", lambda: TE.MultipleChoice("Q?", (OPTIONS[0], "b"))),
    ("options", lambda: TE.MultipleChoice("Q?", (OPTIONS[1], OPTIONS[1]))),
    ("question_id", lambda: TE.self_check("pk-no-such-question")),
    ("question_id", lambda: TE.self_check(17)),
    ("chapter", lambda: TE.load_self_checks("appendix")),
    # --- widgets: several controls, one figure ------------------------------------------------------------
    ("plot", lambda: W.live_controls(None, {"x": WIDGETS.FloatSlider()}, str)),
    ("describe", lambda: W.live_controls(FIG, {"x": WIDGETS.FloatSlider()}, "alt")),
    ("controls", lambda: W.live_controls(FIG, {}, DESCRIBE)),
    ("controls", lambda: W.live_controls(FIG, [WIDGETS.FloatSlider()], DESCRIBE)),
    ("controls", lambda: W.live_controls(FIG, {"not a name": WIDGETS.FloatSlider()}, DESCRIBE)),
    ("controls", lambda: W.live_controls(FIG, {"x": 3.0}, DESCRIBE)),
    ("width_px", lambda: W.live_controls(FIG, {"x": WIDGETS.FloatSlider()}, DESCRIBE, width_px=0)),
    # --- a scalar where a sequence is expected ------------------------------------------------------------
    ("segments", lambda: m.simulate_protocol(1.0)),
    # --- widget plumbing ----------------------------------------------------------------------------------
    ("fig", lambda: W.figure_to_png("figure")),
    ("fig", lambda: W.figure_to_svg(None)),
    ("image", lambda: W.frame_html("iVBORw0KGgo=", "a figure")),
    ("alt", lambda: W.frame_html(b"x", 3)),
    ("css_width_px", lambda: W.frame_html(b"x", "a figure", css_width_px=0)),
    ("css_width_px", lambda: W.frame_html(b"x", "a figure", css_width_px=1.5)),
    # --- messages name the caller's parameter -------------------------------------------------------------
    ("closed_mg_per_l", lambda: FP.plot_closed_form_vs_ode(T3, [0.0, -1.0, 0.0], C3)),
    ("closed_mg_per_l", lambda: FP.plot_closed_form_vs_ode(T3, np.zeros((2, 3)), C3)),
    ("ode_mg_per_l", lambda: FP.plot_closed_form_vs_ode(T3, C3, [0.0, NAN, 0.0])),
    ("ode_mg_per_l", lambda: FP.plot_closed_form_vs_ode(T3, C3, [0.0, 1.0])),
    ("baseline", lambda: T.ancova_batch("abc", np.zeros((1, 4)), [0, 0, 1, 1])),
    ("change", lambda: T.ancova_batch(np.zeros((1, 4)), [["a", "b", "c", "d"]], [0, 0, 1, 1])),
    ("change", lambda: T.ancova_batch(np.zeros((1, 4)), np.full((1, 4), NAN), [0, 0, 1, 1])),
    ("weights", lambda: T.ancova_batch(np.zeros((1, 4)), np.zeros((1, 4)), [0, 0, 1, 1], "all")),
    # --- options ------------------------------------------------------------------------------------------
    ("days", lambda: FP.plot_population_band(POP_RESULT(), days="yes")),
    ("title", lambda: FP.plot_course({"a": REG}, title=3)),
    ("name", lambda: m.BlockerParameters(3, 1e4, 1.0, 50.0, 0.7)),
    ("source", lambda: m.BlockerParameters("x", 1e4, 1.0, 50.0, 0.7, source=None)),
    ("notes", lambda: m.BlockerParameters("x", 1e4, 1.0, 50.0, 0.7, notes=1)),
    ("source", lambda: m.GatingParameters(source=1)),
    ("notes", lambda: m.GatingParameters(notes=None)),
]


def ANCOVA_FIT() -> T.AncovaResult:
    return T.ancova_batch([[30.0, 32.0, 31.0, 29.0]], [[-10.0, -8.0, -12.0, -13.0]], [0, 0, 1, 1])


def TWO_TRIALS_AT(effect: float) -> T.TwoTrialsResult:
    return T.same_drug_two_trials(n_per_arm=20, effect=effect, n_pairs=5, seed=0)


def FIG(**values) -> matplotlib.figure.Figure:
    return plt.figure()


def DESCRIBE(**values) -> str:
    return "a figure"


def SEG_RESULT() -> m.ProtocolResult:
    return m.simulate_protocol([SEG], points_per_segment=2)


def POP_RESULT() -> pk.PopulationResult:
    return pk.simulate_population(REG, 5, 1, T3)


@pytest.mark.parametrize("name, call", CASES, ids=[f"{i}-{c[0]}" for i, c in enumerate(CASES)])
def test_bad_input_raises_value_error_starting_with_the_parameter_name(name, call):
    try:
        with pytest.raises(ValueError) as info:
            call()
    finally:
        plt.close("all")
    message = str(info.value)
    # the message names the parameter first ("dose_mg must be ...", "len(doses_mg) must ...", "items[3] ...")
    assert re.match(rf"(len\()?{re.escape(name)}\b", message), message
    assert " must " in message, message
