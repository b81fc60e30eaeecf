"""The student edition keeps every exercise and removes every solution."""

import json
import sys

import pytest
from conftest import EXERCISE_RE, ROOT, cell_source, load_notebook, notebooks

sys.path.insert(0, str(ROOT / "tools"))
from student_edition import strip_solution_directives, strip_solutions, write_student_sources


def test_student_sources_have_exercises_but_no_solutions(tmp_path):
    written = write_student_sources(dest=tmp_path / "src")
    assert len(written) == len(notebooks())
    for path in written:
        original = load_notebook(ROOT / "book" / path.name)
        student = json.loads(path.read_text())
        text = "\n".join(cell_source(c) for c in student["cells"])
        assert "{solution" not in text, path.name
        assert EXERCISE_RE.findall(text) == EXERCISE_RE.findall("\n".join(cell_source(c) for c in original["cells"]))
        # no solution body survives: every line that only a solution had is gone
        solution_lines = _solution_lines(original)
        remaining = set(text.split("\n"))
        assert not (solution_lines & remaining), (path.name, sorted(solution_lines & remaining)[:3])
    config = (tmp_path / "src" / "_config.yml").read_text()
    assert "hide_solutions: true" in config


def _solution_lines(nb):
    """Lines that appear inside solutions and nowhere else in the notebook."""
    inside, sol, other = False, set(), set()
    for cell in nb["cells"]:
        text = cell_source(cell)
        if "{solution-start}" in text:
            inside = True
            continue
        if "{solution-end}" in text:
            inside = False
            continue
        target = sol if inside else other
        for line in text.split("\n"):
            target.add(line)
    return {l for l in sol - other if len(l.strip()) > 8}


def test_text_solution_blocks_are_removed():
    text = "Before\n\n::::{solution} ex-1\n:class: dropdown\n\nThe answer is 42.\n::::\n\nAfter"
    assert strip_solution_directives(text) == "Before\n\nAfter"


def test_gated_solution_cells_are_removed():
    nb = {
        "cells": [
            {"cell_type": "markdown", "source": ":::{exercise}\n:label: e\nDo it.\n:::"},
            {"cell_type": "markdown", "source": ":::{solution-start} e\n:class: dropdown\n:::"},
            {"cell_type": "code", "source": "secret = 42"},
            {"cell_type": "markdown", "source": ":::{solution-end}\n:::"},
            {"cell_type": "code", "source": "kept = 1"},
        ]
    }
    out = strip_solutions(nb)
    assert [cell_source(c) for c in out["cells"]] == [":::{exercise}\n:label: e\nDo it.\n:::", "kept = 1"]


def test_unbalanced_gates_are_errors():
    with pytest.raises(ValueError):
        strip_solutions({"cells": [{"cell_type": "markdown", "source": ":::{solution-start} e\n:::"}]})
