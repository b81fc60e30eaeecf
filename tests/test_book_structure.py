"""The book's sources: table of contents, notebook hygiene, and the teaching layer of every chapter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import (
    BOOK,
    EXERCISE_RE,
    ROOT,
    SOLUTION_RE,
    cell_source,
    cell_tags,
    chapter_notebooks,
    load_notebook,
    notebooks,
    toc_files,
)

from lanicemine_lib.teaching import load_self_checks

NOTEBOOKS = notebooks()
CHAPTERS = chapter_notebooks()
EXPECTED_CHAPTERS = {"pharmacokinetics", "mechanism", "trial_protocols", "safety", "lessons"}


def markdown(nb: dict) -> str:
    return "\n\n".join(cell_source(c) for c in nb["cells"] if c["cell_type"] == "markdown")


def test_toc_and_notebooks_name_the_same_files():
    in_toc = {f for f in toc_files()}
    on_disk = {p.relative_to(ROOT).with_suffix("").as_posix() for p in NOTEBOOKS}
    assert on_disk - in_toc == set(), "notebooks missing from _toc.yml"
    for name in in_toc:
        assert any((ROOT / f"{name}{s}").exists() for s in (".ipynb", ".md")), f"{name} in _toc.yml has no file"


def test_the_design_cards_chapters_exist():
    assert {p.stem for p in CHAPTERS} >= EXPECTED_CHAPTERS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_committed_without_outputs(path: Path):
    nb = load_notebook(path)
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{path.name}: a code cell has stored outputs"
            assert cell.get("execution_count") is None, f"{path.name}: a code cell has an execution count"
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", sorted(BOOK.glob("*.ipynb")) + sorted(BOOK.glob("*.md")), ids=lambda p: p.name)
def test_every_page_carries_the_education_only_note(path: Path):
    text = markdown(load_notebook(path)) if path.suffix == ".ipynb" else path.read_text()
    assert re.search(r"education\s+only", text, re.I), f"{path.name} lacks the education-only note"
    assert re.search(r"not\s+medical\s+advice", text, re.I), f"{path.name} lacks 'not medical advice'"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_figure_cell_has_alt_text(path: Path):
    nb = load_notebook(path)
    for cell in nb["cells"]:
        if cell["cell_type"] != "code" or "remove-cell" in cell_tags(cell):
            continue
        if "plt.show()" in cell_source(cell):
            alt = cell["metadata"].get("mystnb", {}).get("image", {}).get("alt", "")
            assert len(alt.strip()) >= 20, f"{path.name}: figure cell without alt text:\n{cell_source(cell)[:200]}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
class TestChapterTeachingLayer:
    def test_objectives_and_time_up_front(self, path: Path):
        first = markdown({"cells": load_notebook(path)["cells"][:6]})
        assert re.search(r"Learning objectives \(about \d+ minutes\)", first), path.name

    def test_key_takeaways_at_the_end(self, path: Path):
        assert re.search(r"^#+ Key takeaways", markdown(load_notebook(path)), re.M), path.name

    def test_three_exercises_each_with_one_solution(self, path: Path):
        text = markdown(load_notebook(path))
        exercises = EXERCISE_RE.findall(text)
        solutions = SOLUTION_RE.findall(text)
        assert len(exercises) >= 3, f"{path.name}: {len(exercises)} exercises"
        assert sorted(solutions) == sorted(exercises), f"{path.name}: exercises {exercises} vs solutions {solutions}"
        assert len(set(exercises)) == len(exercises)

    def test_an_exercise_uses_code(self, path: Path):
        text = markdown(load_notebook(path))
        assert "{solution-start}" in text, f"{path.name}: no exercise has a code solution"

    def test_three_self_check_questions(self, path: Path):
        nb = load_notebook(path)
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert not [c for c in code if "MultipleChoice(" in cell_source(c)], "questions live in the data files"
        quiz_cells = [c for c in code if "self_check(" in cell_source(c)]
        ids = [i for c in quiz_cells for i in re.findall(r'self_check\("([^"]+)"\)', cell_source(c))]
        assert len(ids) >= 3, f"{path.name}: {len(ids)} self-check questions"
        assert all("remove-input" in cell_tags(c) for c in quiz_cells)
        assert all(c["metadata"]["jupyter"]["source_hidden"] for c in quiz_cells), "folded in JupyterLab"
        assert ids == list(load_self_checks(path.stem)), f"{path.name} shows {ids}"

    def test_interactive_demo_with_kernel_free_view(self, path: Path):
        nb = load_notebook(path)
        code = "\n".join(cell_source(c) for c in nb["cells"] if c["cell_type"] == "code")
        assert ".static()" in code, f"{path.name}: no kernel-free demo"
        assert re.search(r"Think about it", markdown(nb)), f"{path.name}: no question after the demo"

    def test_check_cells_assert_key_numbers(self, path: Path):
        nb = load_notebook(path)
        checks = [c for c in nb["cells"] if "remove-cell" in cell_tags(c) and "assert " in cell_source(c)]
        assert checks, f"{path.name}: no hidden check cell with assertions"

    def test_cites_sources(self, path: Path):
        assert "{cite:" in markdown(load_notebook(path))


def test_glossary_terms_used_exist():
    glossary = (BOOK / "glossary.md").read_text()
    defined = set(re.findall(r"^(\S.*)$", glossary.split("```{glossary}")[1].split("```")[0], re.M))
    used = set()
    for path in NOTEBOOKS:
        for match in re.findall(r"\{term\}`([^`]+)`", markdown(load_notebook(path))):
            used.add(match.split("<")[-1].rstrip(">").strip())
    # Sphinx matches glossary terms case-insensitively
    missing = {t for t in used if t.lower() not in {d.lower() for d in defined}}
    assert not missing, f"terms used but not in the glossary: {missing}"
    required = {
        "NMDA receptor",
        "Open-channel block",
        "Trapping",
        "Use dependence",
        "Voltage dependence",
        "Two-compartment model",
        "CL",
        "V1",
        "V2",
        "Q",
        "α phase",
        "β phase",
        "Cmax",
        "AUC",
        "MADRS",
        "CADSS",
        "Response",
        "Remission",
        "TRD",
        "Adjunctive therapy",
        "Placebo response",
        "Power",
        "ANCOVA",
    }
    assert required <= defined, required - defined


def test_every_citation_key_is_in_the_bibliography():
    bib = (BOOK / "references.bib").read_text()
    keys = set(re.findall(r"^@\w+\{([^,]+),", bib, re.M))
    for path in NOTEBOOKS:
        for group in re.findall(r"\{cite:\w+\}`([^`]+)`", markdown(load_notebook(path))):
            for key in group.split(","):
                assert key.strip() in keys, f"{path.name} cites unknown key {key!r}"
