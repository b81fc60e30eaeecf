"""The assignment builder and the grader's pieces that need no kernel (fast)."""

from __future__ import annotations

import ast
import importlib
import sys

import nbformat
import pytest
from conftest import ROOT, cell_source
from test_exercises import exercise_cells

sys.path.insert(0, str(ROOT / "tools"))
assignments = importlib.import_module("assignments")
grade = importlib.import_module("grade")


@pytest.mark.filterwarnings("ignore::DeprecationWarning:traitlets")  # raised inside otter's own imports
@pytest.mark.parametrize("chapter", ["pharmacokinetics", "lessons"])
def test_otter_answer_cell_gives_students_the_stub_and_graders_the_model_answer(chapter: str):
    from otter.assign.solutions import replace_solutions

    for roles in exercise_cells(chapter).values():
        stub, solution = cell_source(roles["stub"]), cell_source(roles["solution"])
        cell = assignments.answer_cell(stub, solution)
        student = "\n".join(replace_solutions(cell.split("\n"), "python"))
        assert student == stub
        clean = assignments.clean_solution(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell)]))
        answer = clean.cells[0].source
        assert "BEGIN" not in answer and "PROMPT" not in answer
        (func,) = [n for n in ast.parse(answer).body if isinstance(n, ast.FunctionDef)]
        assert ast.get_docstring(func) == ast.get_docstring(ast.parse(stub).body[0])
        assert "..." not in answer.split('"""')[-1]


def test_answer_cell_rejects_a_model_answer_with_another_signature():
    stub = 'def f(x):\n    """Doc."""\n    ...\n    return ...'
    with pytest.raises(ValueError, match="signature"):
        assignments.answer_cell(stub, 'def f(x, y):\n    """Doc."""\n    return x')
    with pytest.raises(ValueError, match="docstring"):
        assignments.answer_cell("def f(x):\n    return ...", "def f(x):\n    return x")


def test_prompt_becomes_a_plain_markdown_question():
    text = ":::{exercise} Coding: the concentration\n:label: pk-code-1\nComplete `f`: $C = D/V$.\n:::"
    assert assignments.prompt_markdown(text, 2) == "## Question 2: The concentration\n\nComplete `f`: $C = D/V$."
    with pytest.raises(ValueError, match="exercise"):
        assignments.prompt_markdown("Just text", 1)


def test_setup_imports_only_what_the_answers_use():
    pk = assignments.setup_source(
        assignments.chapter_exercises(nbformat.read(ROOT / "book" / "pharmacokinetics.ipynb", 4))
    )
    lessons = assignments.setup_source(assignments.chapter_exercises(nbformat.read(ROOT / "book" / "lessons.ipynb", 4)))
    assert "from lanicemine_lib.exercises import check" in pk and "scipy" not in pk
    assert "from scipy import stats" in lessons and "from lanicemine_lib import trials" in lessons


def test_every_chapter_has_an_assignment_and_hidden_cases():
    assert set(assignments.chapters()) == {"pharmacokinetics", "mechanism", "trial_protocols", "safety", "lessons"}
    for chapter in assignments.chapters():
        nb = nbformat.read(ROOT / "book" / f"{chapter}.ipynb", 4)
        master = assignments.master_notebook(chapter, nb, grade.yaml.safe_load(assignments.HIDDEN.read_text()))
        raw = [c.source for c in master.cells if c.cell_type == "raw"]
        assert raw[0].startswith("# ASSIGNMENT CONFIG") and "name: " + chapter in raw[0]
        assert sum(r.startswith("# BEGIN QUESTION") for r in raw) == len(exercise_cells(chapter))


def test_precheck_reasons(tmp_path):
    (tmp_path / "a.txt").write_text("hello")
    (tmp_path / "b.ipynb").write_text("{ not json")
    (tmp_path / "c.ipynb").write_text('{"cells": 3}')
    nbformat.write(nbformat.v4.new_notebook(), tmp_path / "d.ipynb")
    (tmp_path / "grades.csv").write_text("old")
    (tmp_path / ".hidden.ipynb").write_text("{}")
    names = [p.name for p in grade.submissions(tmp_path)]
    assert names == ["a.txt", "b.ipynb", "c.ipynb", "d.ipynb"]
    assert "not a Jupyter notebook (.txt)" in grade.precheck(tmp_path / "a.txt")
    assert "not a readable Jupyter notebook" in grade.precheck(tmp_path / "b.ipynb")
    assert "not a readable Jupyter notebook" in grade.precheck(tmp_path / "c.ipynb")
    assert grade.precheck(tmp_path / "d.ipynb") is None


def test_test_messages_keep_the_students_words_only():
    message = (
        "❌ Test case failed\nError at line 5 in test q:\n      assert_correct('k', env)\n"
        "AssertionError: Your values are 60 times too large: minutes where hours belong?"
    )
    assert grade._test_message(message) == "Your values are 60 times too large: minutes where hours belong?"
    assert grade._test_message("❌ failed\nModuleNotFoundError: No module named 'x'").startswith(
        "the test could not run"
    )


def test_grade_folder_rejects_bad_arguments(tmp_path):
    with pytest.raises(ValueError, match="ASSIGNMENT must be one of"):
        grade.grade_folder("nonsense", tmp_path)
    with pytest.raises(ValueError, match="SUBMISSIONS must be a folder"):
        grade.grade_folder("pharmacokinetics", tmp_path / "missing")
    with pytest.raises(ValueError, match=r"jobs must be a whole number in \[1, 64\]"):
        grade.grade_folder("pharmacokinetics", tmp_path, jobs=0)
    with pytest.raises(ValueError, match=r"time_limit_s must be a number in \[5, 3600\] s"):
        grade.grade_folder("pharmacokinetics", tmp_path, time_limit_s=1)
