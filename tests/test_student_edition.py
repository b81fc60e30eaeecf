"""The student edition keeps every exercise and removes every solution, check cell and teacher-only page.

The last test runs the real build (``make student``) on a fresh copy of the repository's tracked files, as a
clone would have them, with the existing environment.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import EXERCISE_RE, ROOT, cell_source, load_notebook, notebooks

sys.path.insert(0, str(ROOT / "tools"))
from student_edition import (
    TEACHER_ONLY,
    is_check_cell,
    strip_solution_directives,
    strip_solutions,
    strip_teacher_references,
    student_toc,
    write_student_sources,
)


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
        assert not [c for c in student["cells"] if is_check_cell(c)], f"{path.name}: hidden check cells remain"
        assert "instructor_guide" not in text and not re.search(r"folded solution", text, re.I), path.name
    config = (tmp_path / "src" / "_config.yml").read_text()
    assert "hide_solutions: true" in config
    toc = (tmp_path / "src" / "_toc.yml").read_text()
    for page in TEACHER_ONLY:
        assert page not in toc and not list((tmp_path / "src").glob(f"{page}.*")), page


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


def test_check_cells_are_recognised():
    check = {"cell_type": "code", "metadata": {"tags": ["remove-cell"]}, "source": "# Check cell\nassert x == 1"}
    live = {"cell_type": "code", "metadata": {"tags": ["remove-cell"]}, "source": "# Live version\ndemo.live()"}
    shown = {"cell_type": "code", "metadata": {}, "source": "assert x == 1"}
    assert is_check_cell(check) and not is_check_cell(live) and not is_check_cell(shown)


def test_teacher_only_pages_leave_the_toc_and_the_text():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = json.dumps(student_toc(toc))
    assert all(page not in files for page in TEACHER_ONLY) and "book/pharmacokinetics" in files
    text = (
        "| **read** | the web |\n"
        "| **teach** | See the {doc}`instructor guide <instructor_guide>`: exercises with folded solutions. |\n"
        "More in the {doc}`guide <instructor_guide>` and the {doc}`glossary`."
    )
    assert strip_teacher_references(text) == "| **read** | the web |\nMore in the guide and the {doc}`glossary`."


def _fresh_copy(dest: Path) -> None:
    """The repository's tracked files (as a clone has them), with their working-tree contents."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)


def test_make_student_builds_on_a_fresh_clone(tmp_path):
    clone = tmp_path / "clone"
    _fresh_copy(clone)
    assert not (clone / "_build").exists()
    venv = Path(sys.prefix)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    done = subprocess.run(
        ["make", "student", f"VENV={venv}", "-o", str(venv / ".installed")],  # use this environment as it is
        cwd=clone,
        capture_output=True,
        text=True,
        env=env,
        timeout=3600,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-5000:]
    html = clone / "_build" / "student" / "html"
    assert (html / "book" / "intro.html").exists() and (html / "book" / "pharmacokinetics.html").exists()
    for page in TEACHER_ONLY:
        assert not (html / f"{page}.html").exists(), f"{page} is in the student edition"
    for page in html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "instructor_guide.html" not in text and "performance.html" not in text, page.name
        assert not re.search(r"folded solution", text, re.I), page.name
        assert "solution-start" not in text and "Solution to" not in text, page.name
    assert list(html.glob("_downloads/*/lanicemine-course.zip")), "the student edition serves the bundle"
    handout = sorted(p.name for p in (clone / "_build" / "student" / "notebooks").glob("*.ipynb"))
    assert handout == sorted(p.name for p in notebooks())
