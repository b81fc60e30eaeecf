"""The layout of the code (CONTRIBUTING.md, "Where code goes"), checked.

- Computations a chapter teaches are public functions of the numerics modules (``pk``, ``mechanism``, ``trials``,
  ``safety``) or cells of the chapter. ``lanicemine_lib/figures/`` draws: it imports no private name of a numerics
  module and reads none (``pk._events``, ``trials._check_assumptions``, …), and neither does any chapter.
- A chapter builds its demos in its own cells: ``figures/`` holds no demo factories (``main_explorer`` and the
  like), and every kernel-free demo a chapter shows is an ``Explorer(...)`` built in the cell that shows it.
"""

from __future__ import annotations

import ast
import re

import pytest
from conftest import ROOT, cell_source, load_notebook, notebooks

NUMERICS = ("pk", "mechanism", "trials", "safety")
FIGURES = sorted((ROOT / "lanicemine_lib" / "figures").glob("*.py"))


def _numerics_aliases(tree: ast.Module) -> set[str]:
    """Names under which a module imports the numerics modules (``from .. import mechanism as mech``)."""
    aliases = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in (None, "lanicemine_lib") and node.level in (0, 2):
            aliases |= {a.asname or a.name for a in node.names if a.name in NUMERICS}
        if isinstance(node, ast.Import):
            aliases |= {a.asname or a.name for a in node.names if a.name.split(".")[-1] in NUMERICS}
    return aliases


def private_numerics_uses(source: str) -> list[str]:
    """Every private name of a numerics module that ``source`` imports or reads, as ``module._name``."""
    tree = ast.parse(source)
    aliases = _numerics_aliases(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
            if node.attr.startswith("_"):
                found.append(f"{node.value.id}.{node.attr}")
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            inner = node.value
            if isinstance(inner, ast.Attribute) and inner.attr in NUMERICS:  # lanicemine_lib.pk._x
                found.append(f"{inner.attr}.{node.attr}")
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[-1] in NUMERICS:
            found += [f"{node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
    return found


def test_the_checker_finds_private_uses():
    assert private_numerics_uses("from .. import pk\ny = pk._events(1)") == ["pk._events"]
    assert private_numerics_uses("from .. import mechanism as mech\nmech._clean") == ["mech._clean"]
    assert private_numerics_uses("from ..trials import _check_assumptions") == ["trials._check_assumptions"]
    assert private_numerics_uses("import lanicemine_lib.safety\nlanicemine_lib.safety._check_p") == ["safety._check_p"]
    assert private_numerics_uses("from .. import pk\npk.concentration(1)") == []


@pytest.mark.parametrize("path", FIGURES, ids=[p.name for p in FIGURES])
def test_figures_use_no_private_numerics_name(path):
    assert private_numerics_uses(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", FIGURES, ids=[p.name for p in FIGURES])
def test_figures_hold_no_demo_factories(path):
    """Demo recipes (values, label, unit, caption) belong to the chapters, not to figures/."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = [n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
    factories = [n for n in names if n.endswith("explorer") or "live_controls" in n]
    assert not factories, f"{path.name}: demo factories {factories}"
    assert "Explorer(" not in path.read_text(encoding="utf-8")


def _code_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def _python(source: str) -> str:
    return "\n".join("pass" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.stem)
def test_chapters_use_no_private_library_name(path):
    for cell in _code_cells(load_notebook(path)):
        source = cell_source(cell)
        assert private_numerics_uses(_python(source)) == [], f"{path.stem} {cell.get('id')}"
        assert not re.search(r"from lanicemine_lib[\w.]* import [^\n]*\b_\w", source), f"{path.stem} {cell.get('id')}"


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.stem)
def test_chapters_build_their_demos_in_their_own_cells(path):
    shown = 0
    for cell in _code_cells(load_notebook(path)):
        source = cell_source(cell)
        for name in re.findall(r"^(\w+)\.static\(\)\s*$", source, re.M):
            shown += 1
            assert re.search(rf"^{name} = Explorer\(", source, re.M), (
                f"{path.stem} {cell.get('id')}: {name}.static() shows a demo not built with Explorer(...) in this cell"
            )
            assert re.search(r"^\s+(values|label|unit|describe)=", source, re.M), f"{path.stem}: demo recipe missing"
    if path.stem in ("intro", "pharmacokinetics", "mechanism", "trial_protocols", "safety", "lessons"):
        assert shown >= 1, f"{path.stem}: no kernel-free demo"
