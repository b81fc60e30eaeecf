"""Assignments and grading: `make assignments` and `make grade` on real notebooks (otter-grader, locally).

Slow (each graded notebook starts its own kernel), so everything lives in this one file: pytest-xdist's
``--dist loadfile`` keeps it on one worker, and the assignments are built once per session.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, cell_source, chapter_notebooks
from test_exercises import WRONG_ANSWERS, exercise_cells

from lanicemine_lib.exercises import EXERCISES

OUT = ROOT / "_build" / "assignments"
CHAPTERS = [p.stem for p in chapter_notebooks()]
COLUMNS = ["submission", "question", "score", "max_score", "feedback"]


def qname(key: str) -> str:
    return key.replace("-", "_")


@pytest.fixture(scope="module")
def assignments() -> Path:
    """`make assignments`, run once for this module."""
    run = subprocess.run(["make", "assignments"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    return OUT


def notebook(chapter: str, kind: str) -> Path:
    return OUT / chapter / kind / f"{chapter}_assignment.ipynb"


def make_grade(chapter: str, folder: Path, *extra: str) -> list[dict]:
    run = subprocess.run(
        ["make", "grade", f"ASSIGNMENT={chapter}", f"SUBMISSIONS={folder}", *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    with (folder / "grades.csv").open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == COLUMNS
        return list(reader)


def by(rows: list[dict]) -> dict[tuple[str, str], dict]:
    return {(r["submission"], r["question"]): r for r in rows}


def wrong_notebook(chapter: str) -> nbformat.NotebookNode:
    """The solution notebook with each answer cell given its plausible mistake (log10 for ln, mV for V, …)."""
    nb = nbformat.read(notebook(chapter, "solution"), as_version=4)
    for key in exercise_cells(chapter):
        edits, _ = WRONG_ANSWERS[key]
        name = EXERCISES[key].function_name
        (cell,) = [c for c in nb.cells if c.cell_type == "code" and f"def {name}(" in c.source]
        for old, new in edits:
            assert old in cell.source, (key, old)
            cell.source = cell.source.replace(old, new)
    return nb


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_assignment_files_for_students_and_graders(assignments: Path, chapter: str):
    student, solution = notebook(chapter, "student"), notebook(chapter, "solution")
    assert (assignments / chapter / "autograder" / "autograder.zip").is_file()
    keys = list(exercise_cells(chapter))
    tests = sorted(p.stem for p in (assignments / chapter / "autograder" / "tests").glob("*.py"))
    assert tests == sorted(qname(k) for k in keys)
    s_text = student.read_text(encoding="utf-8")
    student_nb = nbformat.read(student, as_version=4)
    solution_nb = nbformat.read(solution, as_version=4)
    for key, roles in exercise_cells(chapter).items():
        stub = cell_source(roles["stub"])
        assert any(c.source.strip() == stub.strip() for c in student_nb.cells), f"{key}: the stub is not verbatim"
        assert any(c.source.strip() == cell_source(roles["check"]).strip() for c in student_nb.cells)
        model_body = cell_source(roles["solution"]).split('"""')[-1].split("\n\n\n")[0].strip()
        answer_lines = [line.strip() for line in model_body.split("\n") if line.strip() and line.strip() not in stub]
        assert answer_lines, key
        assert all(line in "\n".join(c.source for c in solution_nb.cells) for line in answer_lines)
        student_code = "\n".join(c.source for c in student_nb.cells if c.cell_type == "code")
        assert not any(line in student_code for line in answer_lines if len(line) > 12), key
    assert "hidden=True" not in s_text and "BEGIN SOLUTION" not in s_text and "BEGIN PROMPT" not in s_text
    assert not any("BEGIN PROMPT" in c.source or "BEGIN SOLUTION" in c.source for c in solution_nb.cells)
    assert student_nb.metadata["otter"]["assignment_name"] == chapter
    assert "education only" in s_text.lower()


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_grading_solution_student_and_wrong_answers(assignments: Path, chapter: str, tmp_path: Path):
    shutil.copy(notebook(chapter, "solution"), tmp_path / "solution.ipynb")
    shutil.copy(notebook(chapter, "student"), tmp_path / "untouched.ipynb")
    nbformat.write(wrong_notebook(chapter), tmp_path / "mistakes.ipynb")
    rows = make_grade(chapter, tmp_path)
    keys = list(exercise_cells(chapter))
    assert len(rows) == 3 * len(keys)
    table = by(rows)
    for key in keys:
        q = qname(key)
        full = table[("solution.ipynb", q)]
        assert float(full["score"]) == float(full["max_score"]) > 0 and full["feedback"] == "passed"
        blank = table[("untouched.ipynb", q)]
        assert float(blank["score"]) == 0 and "`...`" in blank["feedback"]
        wrong = table[("mistakes.ipynb", q)]
        assert float(wrong["score"]) < float(wrong["max_score"])
        assert WRONG_ANSWERS[key][1] in wrong["feedback"], wrong["feedback"]
        assert "Traceback" not in wrong["feedback"] + blank["feedback"]


def test_bad_submissions_lose_nothing_else(assignments: Path, tmp_path: Path):
    chapter = "pharmacokinetics"
    solution = notebook(chapter, "solution")
    shutil.copy(solution, tmp_path / "good.ipynb")
    (tmp_path / "essay.txt").write_text("My answers are in my head.", encoding="utf-8")
    (tmp_path / "broken.ipynb").write_text('{"cells": [ not json', encoding="utf-8")
    shutil.copy(notebook("mechanism", "student"), tmp_path / "other_chapter.ipynb")

    first = nbformat.read(solution, as_version=4)
    first.cells.insert(0, nbformat.v4.new_code_cell('raise RuntimeError("the first cell fails")'))
    nbformat.write(first, tmp_path / "first_cell_raises.ipynb")

    deleted = nbformat.read(solution, as_version=4)
    deleted.cells = [c for c in deleted.cells if "def concentration_after_infusion(" not in c.source]
    nbformat.write(deleted, tmp_path / "deleted_question.ipynb")

    endless = nbformat.read(solution, as_version=4)
    for _ in range(3):  # each loop is interrupted after TIME_LIMIT/2; three of them exceed the whole limit
        endless.cells.insert(2, nbformat.v4.new_code_cell("while True:\n    pass"))
    nbformat.write(endless, tmp_path / "endless_loop.ipynb")

    rows = make_grade(chapter, tmp_path, "TIME_LIMIT=30")
    names = {r["submission"] for r in rows}
    assert names == {
        "good.ipynb",
        "essay.txt",
        "broken.ipynb",
        "other_chapter.ipynb",
        "first_cell_raises.ipynb",
        "deleted_question.ipynb",
        "endless_loop.ipynb",
    }
    questions = [qname(k) for k in exercise_cells(chapter)]
    assert len(rows) == len(names) * len(questions)
    table = by(rows)

    def scores(sub: str) -> list[float]:
        return [float(table[(sub, q)]["score"]) for q in questions]

    def feedback(sub: str) -> str:
        return " ".join(table[(sub, q)]["feedback"] for q in questions)

    full = [float(table[("good.ipynb", q)]["max_score"]) for q in questions]
    assert scores("good.ipynb") == full
    assert scores("first_cell_raises.ipynb") == full
    for sub, reason in [
        ("essay.txt", "not a Jupyter notebook"),
        ("broken.ipynb", "not a readable Jupyter notebook"),
        ("other_chapter.ipynb", "not this assignment"),
        ("endless_loop.ipynb", "time limit of 30 s"),
    ]:
        assert scores(sub) == [0.0] * len(questions), sub
        assert all(reason in table[(sub, q)]["feedback"] for q in questions), (sub, feedback(sub))
    lost = table[("deleted_question.ipynb", "pk_closed_form")]
    assert float(lost["score"]) == 0 and "not defined" in lost["feedback"]
    kept = [q for q in questions if q != "pk_closed_form"]
    assert all(
        float(table[("deleted_question.ipynb", q)]["score"]) == float(table[("deleted_question.ipynb", q)]["max_score"])
        for q in kept
    )
    assert "Traceback" not in json.dumps(rows)


def test_make_grade_explains_bad_arguments(tmp_path: Path):
    run = subprocess.run(["make", "grade"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode != 0 and "usage: make grade ASSIGNMENT=<chapter>" in run.stdout
    run = subprocess.run(
        ["make", "grade", "ASSIGNMENT=nonsense", f"SUBMISSIONS={tmp_path}"], cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode != 0 and "ASSIGNMENT must be one of" in run.stderr
