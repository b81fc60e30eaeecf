"""The examples in the library's docstrings (numpydoc ``Examples`` sections) run and give what they show.

Students meet these functions in the exercises; each example is a small, checked piece of documentation.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import lanicemine_lib

MODULES = sorted(name for _finder, name, _pkg in pkgutil.walk_packages(lanicemine_lib.__path__, "lanicemine_lib."))

#: Public functions students call in the chapters and exercises: each must carry at least one example.
MUST_HAVE_EXAMPLES = (
    "pk.concentration",
    "pk.Regimen.study9",
    "pk.exposure_metrics",
    "pk.time_above",
    "pk.mode_components",
    "pk.lognormal_cv_pct",
    "mechanism.fraction_blocked",
    "mechanism.trapped_fraction",
    "trials.analytic_power",
    "trials.locf_endpoint",
    "trials.study31_week_summary",
    "trials.split_probability",
    "safety.risk_difference",
    "safety.rule_of_three",
    "safety.power_two_proportions",
    "safety.expected_counts",
    "teaching.self_check",
)


def _run(module_name: str) -> doctest.TestResults:
    module = importlib.import_module(module_name)
    return doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS, verbose=False)


@pytest.mark.parametrize("module_name", MODULES)
def test_docstring_examples_pass(module_name):
    result = _run(module_name)
    assert result.failed == 0, f"{module_name}: {result.failed} of {result.attempted} examples failed (see output)"


def test_at_least_a_dozen_examples_run():
    attempted = sum(_run(name).attempted for name in MODULES)
    assert attempted >= 12, attempted


@pytest.mark.parametrize("dotted", MUST_HAVE_EXAMPLES)
def test_functions_students_call_have_examples(dotted):
    module_name, *attrs = dotted.split(".")
    obj = importlib.import_module(f"lanicemine_lib.{module_name}")
    for attr in attrs:
        obj = getattr(obj, attr)
    tests = doctest.DocTestFinder(recurse=False).find(obj, dotted)
    assert any(t.examples for t in tests), f"{dotted} has no doctested example"
