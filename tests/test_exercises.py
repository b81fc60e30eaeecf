"""Coding exercises: the chapters' stubs, model answers and in-notebook feedback (lanicemine_lib.exercises).

The model answers and the stubs are read from the chapters themselves, so these tests check what a student and
a teacher actually get. Every exercise also has one plausible wrong answer (a realistic edit of the model
answer: log10 for ln, mV for V, hours for days, …) whose feedback must name the mistake.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml
from conftest import BOOK, ROOT, cell_source, cell_tags, chapter_notebooks, load_notebook

from lanicemine_lib import exercises, mechanism
from lanicemine_lib.exercises import EXERCISES, Feedback, assert_correct, check, evaluate

sys.path.insert(0, str(ROOT / "tools"))
from student_edition import strip_solutions

HIDDEN = yaml.safe_load((ROOT / "tools" / "grading" / "hidden_cases.yml").read_text())

#: One plausible wrong answer per exercise: (text in the model answer, replacement, words the feedback must use).
WRONG_ANSWERS = {
    "pk-macro-constants": (
        [("k12 = q_l_per_h / v1_l", "k12 = q_l_per_h / v2_l"), ("k21 = q_l_per_h / v2_l", "k21 = q_l_per_h / v1_l")],
        "k21 = Q/V2",
    ),
    "pk-closed-form": (
        [("t_after = max(t_h - duration_h, 0.0)", "t_after = t_h if t_h > duration_h else 0.0")],
        "infusion length",
    ),
    "pk-half-life": ([("math.log(c1_mg_per_l / c2_mg_per_l)", "math.log10(c1_mg_per_l / c2_mg_per_l)")], "decimal"),
    "mech-woodhull": ([("volts = voltage_mv / 1000.0", "volts = voltage_mv")], "volts"),
    "mech-trapping": ([("closing_wins = closing_rate_per_s / (", "closing_wins = k_off_per_s / (")], "escapes"),
    "trials-calendar": (
        [("monday = 7 * (week - 1)", "monday = 7 * week"), ("days.append(7 * (week - 1))", "days.append(7 * week)")],
        "one week",
    ),
    "trials-locf": ([("changes.append(observed[-1] - row[0])", "changes.append(row[-1] - row[0])")], "carry"),
    "safety-risk-difference": (
        [
            ("(p_a - low_a) ** 2 + (high_b - p_b) ** 2", "(high_a - p_a) ** 2 + (p_b - low_b) ** 2"),
            (
                "d + math.sqrt((high_a - p_a) ** 2 + (p_b - low_b) ** 2)",
                "d + math.sqrt((p_a - low_a) ** 2 + (high_b - p_b) ** 2)",
            ),
        ],
        "crossed",
    ),
    "safety-zero-events": (
        [
            (
                "return 1 - (1 - confidence) ** (1 / n_patients)",
                "return 1 - math.exp(math.log10(1 - confidence) / n_patients)",
            )
        ],
        "decimal",
    ),
    "lessons-power-simulation": (
        [("rng.normal(0.0, sd,", "rng.normal(0.0, sd**2,"), ("rng.normal(effect, sd,", "rng.normal(effect, sd**2,")],
        "variance",
    ),
    "lessons-sample-size": (
        [("        n += 1\n", "        break\n"), (") ** 2) - 2)", ") ** 2))")],
        "normal-approximation",
    ),
}


def chapter_cells(chapter: str) -> list[dict]:
    return load_notebook(BOOK / f"{chapter}.ipynb")["cells"]


def python_source(cell: dict) -> str:
    """A code cell's source without IPython line magics (the set-up cells' ``%config`` for SVG figures)."""
    return "\n".join(line for line in cell_source(cell).splitlines() if not line.lstrip().startswith("%"))


def exercise_cells(chapter: str) -> dict[str, dict[str, dict]]:
    found: dict[str, dict[str, dict]] = {}
    for cell in chapter_cells(chapter):
        meta = cell.get("metadata", {}).get("lanicemine", {})
        if meta.get("exercise"):
            found.setdefault(meta["exercise"], {})[meta["role"]] = cell
    return found


def namespace(chapter: str) -> dict:
    """A fresh namespace with the chapter's set-up cells run (its imports and the exercises' set-up)."""
    ns: dict = {}
    cells = chapter_cells(chapter)
    # The chapter's import cell: the first code cell after the bundle's set-up cell (id "run-setup").
    first_code = next(c for c in cells if c["cell_type"] == "code" and c.get("id") != "run-setup")
    for cell in cells:
        role = cell.get("metadata", {}).get("lanicemine", {}).get("role")
        if cell is first_code or role == "setup":
            exec(python_source(cell), ns)  # the chapter's own import cells
    return ns


def define(chapter: str, source: str, name: str):
    ns = namespace(chapter)
    tree = ast.parse(source)
    tree.body = [node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.Import, ast.ImportFrom))]
    exec(compile(tree, f"<{chapter}>", "exec"), ns)  # the chapter's model answer (definitions only)
    return ns[name]


def model_answer(key: str):
    ex = EXERCISES[key]
    return define(ex.chapter, cell_source(exercise_cells(ex.chapter)[key]["solution"]), ex.function_name)


def wrong_answer(key: str):
    ex = EXERCISES[key]
    source = cell_source(exercise_cells(ex.chapter)[key]["solution"])
    edits, _ = WRONG_ANSWERS[key]
    for old, new in edits:
        assert old in source, f"{key}: the model answer no longer contains {old!r}; update WRONG_ANSWERS"
        source = source.replace(old, new)
    return define(ex.chapter, source, ex.function_name)


KEYS = sorted(EXERCISES)
CHAPTERS = [p.stem for p in chapter_notebooks()]


# --- the chapters --------------------------------------------------------------------------------------------
def test_every_exercise_has_a_plausible_wrong_answer_here():
    assert set(WRONG_ANSWERS) == set(EXERCISES)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_has_two_coding_exercises_each_complete(chapter: str):
    found = exercise_cells(chapter)
    assert len(found) >= 2, f"{chapter}: {len(found)} coding exercises"
    for key, roles in found.items():
        assert EXERCISES[key].chapter == chapter, key
        assert {"prompt", "stub", "check", "solution", "solution-start", "solution-end"} <= roles.keys(), key


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_stub_check_and_gated_solution_come_in_order(chapter: str):
    cells = chapter_cells(chapter)
    roles = [
        (
            c.get("metadata", {}).get("lanicemine", {}).get("exercise"),
            c.get("metadata", {}).get("lanicemine", {}).get("role"),
        )
        for c in cells
    ]
    for key in exercise_cells(chapter):
        order = [role for k, role in roles if k == key]
        assert order == ["prompt", "stub", "check", "solution-start", "solution", "solution-end"], (key, order)
        i = roles.index((key, "prompt"))
        assert "{exercise}" in cell_source(cells[i]) and ":label:" in cell_source(cells[i])
        assert "{solution-start}" in cell_source(cells[roles.index((key, "solution-start"))])
        assert "{solution-end}" in cell_source(cells[roles.index((key, "solution-end"))])


@pytest.mark.parametrize("key", KEYS)
def test_stub_is_a_documented_unfinished_function(key: str):
    ex = EXERCISES[key]
    cells = exercise_cells(ex.chapter)[key]
    stub = cells["stub"]
    assert "raises-exception" in cell_tags(stub), "nbval and the strict build must accept an unfinished stub"
    tree = ast.parse(cell_source(stub))
    (func,) = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    assert func.name == ex.function_name
    doc = ast.get_docstring(func)
    assert doc and "Parameters" in doc and "Returns" in doc
    assert re.search(r"\b(mg|µM|mV|h|1/h|L|points|fractions?|patients|days?|s|°C)\b", doc), "the docstring states units"
    assert "..." in cell_source(stub).split('"""')[-1]
    assert cell_source(cells["check"]).strip() == f'check("{key}", {ex.function_name})'
    # the model answer has the stub's signature
    (solution,) = [n for n in ast.parse(cell_source(cells["solution"])).body if isinstance(n, ast.FunctionDef)]
    assert ast.dump(solution.args) == ast.dump(func.args)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_solutions_define_nothing_that_later_cells_use(chapter: str):
    cells = chapter_cells(chapter)
    inside, defined = False, set()
    for cell in cells:
        text = cell_source(cell)
        if cell["cell_type"] == "markdown" and "{solution-start}" in text:
            inside = True
            continue
        if cell["cell_type"] == "markdown" and "{solution-end}" in text:
            inside = False
            continue
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse(python_source(cell))
        if inside:
            for node in tree.body:
                if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                    defined.add(node.name)
                elif isinstance(node, ast.Assign):
                    defined |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        else:
            own = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
            used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
            assert not ((used - own) & defined), f"{chapter}: a later cell uses {(used - own) & defined}"


@pytest.mark.parametrize("path", [BOOK / "intro.ipynb", *chapter_notebooks()], ids=lambda p: p.stem)
def test_every_think_about_it_prompt_has_a_gated_model_answer(path: Path):
    nb = load_notebook(path)
    prompts = sum(cell_source(c).count("{admonition} Think about it") for c in nb["cells"])
    assert prompts, f"{path.name}: every teaching page asks at least one Think about it question"
    answers = [c for c in nb["cells"] if c.get("metadata", {}).get("lanicemine", {}).get("role") == "think-answer"]
    assert len(answers) == 1, path.name
    text = cell_source(answers[0])
    assert text.startswith("::::{solution}") and text.rstrip().endswith("::::")
    if prompts > 1:
        assert len(re.findall(r"^\*\*\([a-z]\) ", text, re.M)) == prompts, "one labelled answer per prompt"
    assert len(text) > 300 * prompts
    student = strip_solutions(nb)
    assert text not in "\n".join(cell_source(c) for c in student["cells"]), "the student edition must not show it"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_student_edition_keeps_stubs_and_drops_model_answers(chapter: str):
    student = strip_solutions(load_notebook(BOOK / f"{chapter}.ipynb"))
    text = "\n".join(cell_source(c) for c in student["cells"])
    for roles in exercise_cells(chapter).values():
        assert cell_source(roles["stub"]) in text
        assert cell_source(roles["check"]) in text
        assert cell_source(roles["solution"]) not in text


# --- the feedback engine -------------------------------------------------------------------------------------
@pytest.mark.parametrize("key", KEYS)
def test_model_answer_passes_public_and_hidden_checks(key: str):
    func = model_answer(key)
    assert check(key, func).passed, check(key, func).message
    assert evaluate(key, func, HIDDEN["cases"][key], hidden=True).passed
    assert_correct(key, {EXERCISES[key].function_name: func}, HIDDEN["cases"][key], hidden=True)


@pytest.mark.parametrize("key", KEYS)
def test_untouched_stub_is_not_answered_yet(key: str):
    ex = EXERCISES[key]
    stub = define(ex.chapter, cell_source(exercise_cells(ex.chapter)[key]["stub"]), ex.function_name)
    feedback = check(key, stub)
    assert not feedback.passed and feedback.status == "unanswered"
    assert "`...`" in feedback.message or "placeholder" in feedback.message
    with pytest.raises(AssertionError, match="placeholder"):
        assert_correct(key, {ex.function_name: stub}, HIDDEN["cases"][key], hidden=True)


@pytest.mark.parametrize("key", KEYS)
def test_plausible_wrong_answer_is_named_in_words(key: str):
    func = wrong_answer(key)
    _, words = WRONG_ANSWERS[key]
    public = check(key, func)
    hidden = evaluate(key, func, HIDDEN["cases"][key], hidden=True)
    assert not public.passed and not hidden.passed
    assert words in public.message, public.message
    assert words in hidden.message, hidden.message


@pytest.mark.parametrize("key", KEYS)
def test_every_listed_mistake_fails_and_is_explained(key: str):
    for mistake in EXERCISES[key].mistakes:
        feedback = evaluate(key, mistake.answer)
        assert not feedback.passed
        assert any(feedback.message.startswith(m.message) for m in EXERCISES[key].mistakes), feedback.message


@pytest.mark.parametrize("key", KEYS)
def test_hidden_feedback_never_reveals_inputs_or_values(key: str):
    func = wrong_answer(key)
    message = evaluate(key, func, HIDDEN["cases"][key], hidden=True).message
    assert "you returned" not in message
    for case in HIDDEN["cases"][key]:
        for value in case.values():
            if isinstance(value, float) and not value.is_integer():  # whole numbers occur in words (ln 10, k12)
                assert not re.search(rf"(?<![\w.]){re.escape(f'{value:g}')}(?![\w])", message), (key, value, message)


def test_public_feedback_never_states_the_expected_value():
    func = wrong_answer("pk-closed-form")
    message = check("pk-closed-form", func).message
    expected = exercises._conc_reference(3.0, 100.0, 1.0)
    assert f"{expected:.6g}" not in message and f"{expected:.3f}" not in message


def test_errors_in_student_code_become_words_not_tracebacks():
    def crashes(cl_l_per_h, v1_l, v2_l, q_l_per_h):
        return 1 / 0

    feedback = check("pk-macro-constants", crashes)
    assert feedback.status == "error" and "ZeroDivisionError" in feedback.message
    assert "Traceback" not in feedback.message and "Traceback" not in feedback._repr_html_()

    def partial(cl_l_per_h, v1_l, v2_l, q_l_per_h):
        k10 = ...
        return k10 * 2, 1.0

    assert check("pk-macro-constants", partial).status == "unanswered"
    assert check("pk-macro-constants", None).status == "missing"
    assert check("pk-macro-constants", 3.0).status == "missing"
    assert "unknown" not in check("no-such-exercise", crashes).message
    assert check("no-such-exercise", crashes).status == "error"


def test_wrong_shape_and_type_are_explained():
    assert "2 numbers" in check("pk-macro-constants", lambda *a: 2.0).message
    assert "a single number" in check("pk-macro-constants", lambda *a: 2.0).message
    assert "whole numbers" in check("trials-calendar", lambda a, b: [0.5] * (3 * len(a) + len(b))).message
    assert "str" in check("pk-half-life", lambda *a: "11 h").message


def test_a_function_that_never_ends_is_stopped():
    def endless(t1_h, c1_mg_per_l, t2_h, c2_mg_per_l):
        while True:
            pass

    feedback = evaluate("pk-half-life", endless, time_limit_s=0.5)
    assert feedback.status == "error" and "did not finish within 0.5 s" in feedback.message


def test_unsorted_days_and_unseeded_simulations_get_their_own_advice():
    def unsorted(thrice, weekly):
        return sorted(exercises._calendar_reference(thrice, weekly), reverse=True)

    assert "order" in check("trials-calendar", unsorted).message

    def unseeded(n_per_arm, effect, sd, n_trials=2000, seed=0):
        rng = np.random.default_rng()
        drug = rng.normal(effect, sd, size=(n_trials, n_per_arm))
        placebo = rng.normal(0.0, sd, size=(n_trials, n_per_arm))
        from scipy import stats

        return float(np.mean(stats.ttest_ind(drug, placebo, axis=1).pvalue < 0.05))

    assert "same seed" in check("lessons-power-simulation", unseeded).message


def test_feedback_shows_as_a_coloured_box_and_as_text():
    passed = check("pk-half-life", model_answer("pk-half-life"))
    assert isinstance(passed, Feedback) and passed
    assert "Passed" in repr(passed) and "#e3f4e6" in passed._repr_html_()
    failed = check("pk-half-life", wrong_answer("pk-half-life"))
    assert "Not yet" in repr(failed) and "#fbe9e7" in failed._repr_html_()
    assert "<script" not in failed._repr_html_()


def test_stored_reference_values_match_the_library():
    assert exercises.LANICEMINE_Z_DELTA == mechanism.BLOCKERS["lanicemine"].z_delta
    assert [list(row) for row in exercises._SIMULATED_TRIAL_SEED_11] == exercises.simulated_scores(11)
    assert exercises._FARADAY_C_PER_MOL == mechanism.FARADAY_C_PER_MOL
    assert exercises._GAS_CONSTANT_J_PER_MOL_K == mechanism.GAS_CONSTANT_J_PER_MOL_K


def test_hidden_cases_are_grader_material_only():
    source = (ROOT / "lanicemine_lib" / "exercises.py").read_text()
    for cases in HIDDEN["cases"].values():
        for case in cases:
            assert repr(case) not in source
    assert set(HIDDEN["cases"]) == set(EXERCISES)
    for key, cases in HIDDEN["cases"].items():
        public = [dict(c.inputs) for c in EXERCISES[key].public_cases]
        assert all(case not in public for case in cases), key


def test_bad_arguments_to_the_engine_raise_named_value_errors():
    with pytest.raises(ValueError, match="key must be one of"):
        evaluate("pk-nothing", print)
    with pytest.raises(ValueError, match=r"time_limit_s must be a finite number in \(0, 600\] s"):
        evaluate("pk-half-life", print, time_limit_s=0)
