"""The evidence registry (lanicemine_lib.evidence): sources, statuses, one place per number, and the appendix checks."""

from __future__ import annotations

import doctest
import math
import re

import pandas as pd
import pytest
from conftest import BOOK

from lanicemine_lib import evidence, mechanism, pk, safety, trials

BIB_KEYS = set(re.findall(r"^@\w+\{([^,]+),", (BOOK / "references.bib").read_text(), re.M))


def test_registry_shape_columns_and_size():
    reg = evidence.registry()
    assert {"key", "value", "unit", "status", "source", "note", "chapter"} <= set(reg.columns)
    assert len(reg) >= 40
    assert reg["key"].is_unique
    assert set(reg["chapter"]) <= set(evidence.CHAPTERS)
    # every chapter has facts, and each chapter's slice is what registry(chapter) returns
    for chapter in evidence.CHAPTERS:
        part = evidence.registry(chapter)
        assert len(part) > 0 and (part["chapter"] == chapter).all(), chapter


def test_every_status_is_valid_and_every_status_is_used():
    reg = evidence.registry()
    assert set(reg["status"]) == set(evidence.STATUSES)
    assert set(evidence.STATUS_LEGEND) == set(evidence.STATUSES)


def test_every_source_key_exists_in_the_bibliography():
    reg = evidence.registry()
    for row in reg.itertuples():
        keys = [k for k in row.source.split("; ") if k]
        assert set(keys) <= BIB_KEYS, (row.key, keys)
        # a published, seed or derived fact names its source; assumptions and missing values need none
        if row.status in ("VERIFIED", "SEED", "DERIVED"):
            assert keys, f"{row.key} ({row.status}) has no source"
        if row.status == "SEED":
            assert "Seed" in keys, row.key


def test_withheld_and_missing_values_hold_no_number():
    reg = evidence.registry()
    for row in reg[reg["status"].isin(["UNVERIFIED", "NOT AVAILABLE"])].itertuples():
        assert row.value is None, row.key
        assert row.note, row.key  # says what was searched for or why it is withheld


def test_values_units_and_ranges_are_consistent():
    for row in evidence.registry().itertuples():
        if isinstance(row.value, float):
            assert math.isfinite(row.value) and row.unit, row.key
        if not math.isnan(row.low):
            assert row.low <= row.high, row.key
            if isinstance(row.value, float):
                assert row.low <= row.value <= row.high, row.key


def test_corrected_facts_of_2026_12_01():
    assert evidence.value("study31.entry_prior_antidepressants_min") == 3.0
    assert "in addition to the current one" not in evidence.value("study31.entry").split("(")[0]
    assert evidence.fact("study31.entry")["status"] == "VERIFIED"
    assert "mouse, rat and non-human primates" in evidence.fact("azoi.gamma_eeg_plasma_um")["note"]
    assert evidence.fact("safety.tolerability")["source"] == "Sanacora2017"
    assert evidence.value("study9.phase") == "phase II"
    assert evidence.fact("study9.infusion_min")["status"] == "ASSUMPTION"
    assert evidence.fact("study9.outcome_direction")["status"] == "VERIFIED"
    assert evidence.fact("study9.outcome_detail")["status"] == "SEED"
    assert "abstract" in evidence.fact("poppk.cl_l_per_h")["note"]
    assert evidence.value("ptsd.allocation") == "1:1"


def test_accessors_and_their_bad_input():
    assert evidence.value("poppk.cl_l_per_h") == 9.43
    assert evidence.bounds("poppk.v2_l") == (39.6, 56.6)
    assert evidence.fact("mealing1997.k_off_per_s")["value"] == 0.722
    assert evidence.keys()[0] == evidence.FACTS[0].key
    with pytest.raises(ValueError, match=r"^key must be a key of the evidence registry"):
        evidence.value("poppk.cl")
    with pytest.raises(ValueError, match=r"^key must"):
        evidence.fact(3)
    with pytest.raises(ValueError, match=r"^key must name a fact with a range"):
        evidence.bounds("poppk.structure")
    with pytest.raises(ValueError, match=r"^chapter must be one of"):
        evidence.registry("appendix")


def test_registry_returns_a_fresh_frame():
    reg = evidence.registry()
    reg.loc[0, "value"] = "changed"
    assert evidence.registry().loc[0, "value"] != "changed"


def test_doctests_of_the_registry():
    result = doctest.testmod(evidence, raise_on_error=False, verbose=False)
    assert result.attempted >= 8 and result.failed == 0, result


# --- one place to correct a number: library defaults equal registry values ------------------------------------
def test_pk_defaults_are_the_registry_values():
    p = pk.PKParameters()
    assert (p.cl, p.v1, p.v2, p.q) == tuple(
        evidence.value(k) for k in ("poppk.cl_l_per_h", "poppk.v1_l", "poppk.v2_l", "poppk.q_l_per_h")
    )
    assert pk.MOLAR_MASS_FREE_BASE_G_PER_MOL == evidence.value("chem.molar_mass_free_base_g_per_mol")
    # the registry's DERIVED numbers really are what the model computes from its VERIFIED inputs
    assert round(p.terminal_half_life_h, 2) == evidence.value("pk.terminal_half_life_h")
    assert round(p.alpha_half_life_h, 3) == evidence.value("pk.alpha_half_life_h")
    assert round(p.vss, 1) == evidence.value("pk.vss_l")


def test_mechanism_constants_are_the_registry_values():
    lan = mechanism.BLOCKERS["lanicemine"]
    assert lan.k_on_per_m_s == evidence.value("mealing1997.k_on_per_m_s")
    assert lan.k_off_per_s == evidence.value("mealing1997.k_off_per_s")
    assert lan.kd0_um == evidence.value("mealing1997.kd_0mv_um")
    assert mechanism.kd_um(-60.0) == pytest.approx(evidence.value("mealing1997.kd_m60mv_um"), rel=1e-12)
    for drug in mechanism.AVAILABLE_DRUGS:
        assert 100 * mechanism.MEALING1999_TRAPPED[drug] == pytest.approx(
            evidence.value(f"mealing1999.trapped_pct.{drug}")
        )
        assert mechanism.MEALING1999_CONC_UM[drug] == evidence.value(f"mealing1999.conc_um.{drug}")
        egress = mechanism.get_blocker(drug, model="egress")
        assert egress.egress_per_s == evidence.value(f"model.egress.egress_per_s.{drug}")
    for drug in ("ketamine", "memantine"):
        assert mechanism.BLOCKERS[drug].k_off_per_s == evidence.value(f"model.race.k_off_per_s.{drug}")
    assert mechanism.DEFAULT_GATING.closing_rate_per_s == evidence.value("model.race.closing_rate_per_s")
    assert mechanism.EGRESS_GATING.closing_rate_per_s == evidence.value("model.egress.closing_rate_per_s")
    assert mechanism.DEFAULT_GATING.opening_rate_per_s == evidence.value("model.opening_rate_per_s")
    assert mechanism.DEFAULT_TEMPERATURE_C == evidence.value("model.temperature_c")
    eeg = mechanism.potency_reference().set_index("quantity").filter(like="gamma-EEG", axis=0).iloc[0]
    assert (eeg["low"], eeg["high"]) == evidence.bounds("azoi.gamma_eeg_plasma_um")


def test_fitted_values_in_the_registry_are_the_fits():
    fit = mechanism.fit_trapping_parameters()
    assert fit.closing_rate_per_s == pytest.approx(evidence.value("model.race.closing_rate_per_s"), abs=5e-4)
    for drug in ("ketamine", "memantine"):
        assert fit.k_off_per_s[drug] == pytest.approx(evidence.value(f"model.race.k_off_per_s.{drug}"), abs=5e-4)
    gammas = mechanism.fit_egress_parameters()
    for drug in mechanism.AVAILABLE_DRUGS:
        stored = evidence.value(f"model.egress.egress_per_s.{drug}")
        assert gammas[drug] == pytest.approx(stored, rel=2e-3), drug


def test_trial_tables_read_the_registry():
    arms = trials.published_trials().set_index(["study", "arm"])
    assert arms.loc[("Study 9", "lanicemine 100 mg"), "n_randomized"] == evidence.value("study9.n.100mg")
    assert arms.loc[("Study 31", "placebo"), "baseline_madrs_mean"] == evidence.value("study31.baseline_madrs.placebo")
    assert arms.loc[("Study 31", "lanicemine 50 mg"), "age_sd"] == evidence.value("study31.age_sd.50mg")
    designs = trials.trial_designs().set_index("study")
    assert designs.loc["Study 31", "n_centres"] == evidence.value("study31.n_centres")
    assert evidence.value("study31.entry") in designs.loc["Study 31", "entry_criteria"]
    assert designs.loc["Study 9", "infusion_min"] == evidence.value("study9.infusion_min")
    flow = trials.study31_flow()
    assert flow.enrolled == evidence.value("study31.enrolled")
    assert flow.completed_total == evidence.value("study31.completed_total")
    assert trials.MADRS_MAX == evidence.value("scale.madrs_items") * evidence.value("scale.madrs_item_max")


def test_safety_scales_and_findings_read_the_registry():
    assert safety.CADSS_ITEMS * safety.CADSS_ITEM_MAX == 92
    assert safety.CADSS_ITEMS == evidence.value("scale.cadss_items")
    assert safety.MADRS_REMISSION_MAX == evidence.value("scale.madrs_remission_max")
    findings = safety.safety_findings()
    assert set(findings["key"]) <= set(evidence.keys())


# --- the appendix's reproduced table ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def reproduced() -> pd.DataFrame:
    return evidence.reproduced()


def test_reproduced_table_passes_and_covers_the_required_quantities(reproduced):
    evidence.check_reproduced(reproduced)  # silent when everything passes
    assert reproduced["passed"].all() and set(reproduced["mark"]) == {"pass"}
    names = " | ".join(reproduced["quantity"])
    for needed in (
        "alpha half-life",
        "terminal half-life",
        "Vss",
        "end of 100 mg infusion",
        "AUC of 100 mg",
        "closed form − ODE",
        "K_D at 0 mV",
        "K_D at −60 mV",
        "trapped, lanicemine, race model",
        "trapped, lanicemine, egress model",
        "trapped, ketamine, egress model",
        "trapped, memantine, race model",
        "Study 9 infusions",
        "Study 31 infusions",
        "ANCOVA treatment estimate",
        "risk difference",
    ):
        assert needed in names, needed
    # references are never computed by the code they check: no reference equals its model value by identity
    # unless it comes from another library or a closed form (those rows name it)
    for row in reproduced.itertuples():
        assert row.reference_source, row.quantity


def test_a_perturbed_reference_makes_the_check_fail():
    refs = evidence.reference_values()
    bad = {"terminal half-life (h)": refs["terminal half-life (h)"] + 0.5, "trapped, ketamine, egress model (%)": 80.0}
    table = evidence.reproduced(references=bad)
    failed = set(table.loc[~table["passed"], "quantity"])
    assert failed == set(bad)
    assert set(table.loc[~table["passed"], "mark"]) == {"FAIL"}
    with pytest.raises(AssertionError, match="terminal half-life"):
        evidence.check_reproduced(table)


def test_reproduced_rejects_bad_input():
    with pytest.raises(ValueError, match=r"^references must name rows"):
        evidence.reproduced(references={"no such row": 1.0})
    with pytest.raises(ValueError, match=r"^references\['Vss \(L\)'\] must be a finite number"):
        evidence.reproduced(references={"Vss (L)": math.nan})
    with pytest.raises(ValueError, match=r"^references must be a mapping"):
        evidence.reproduced(references=[1.0])
    with pytest.raises(ValueError, match=r"^table must be a DataFrame"):
        evidence.check_reproduced(pd.DataFrame({"quantity": ["x"]}))
