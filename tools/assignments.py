"""Build the autograded coding assignments, one per chapter, from the chapters' coding-exercise cells.

For every chapter notebook under ``book/`` that has coding exercises, this tool

1. collects the exercise cells the chapter marks in its cell metadata (``"lanicemine": {"role": …,
   "exercise": …}``: the set-up cell, and for each exercise its prompt, stub, check and model answer);
2. writes an otter-grader master notebook (Otter Assign format v1): the prompt, one code cell holding both the
   stub (shown to students) and the model answer (kept for the solution), a public test (the in-notebook
   check's inputs) and a hidden test (inputs from ``tools/grading/hidden_cases.yml``), then the check cell;
3. runs ``otter assign`` on it and arranges the results as::

       _build/assignments/<chapter>/student/<chapter>_assignment.ipynb    hand this out
       _build/assignments/<chapter>/solution/<chapter>_assignment.ipynb   model answers, all checks passing
       _build/assignments/<chapter>/autograder/autograder.zip             what `make grade` needs
       _build/assignments/<chapter>/autograder/tests/*.py                 public and hidden tests (to read)
       _build/assignments/<chapter>/source/<chapter>_master.ipynb         the generated otter master

Both the tests and the in-notebook checks call :mod:`lanicemine_lib.exercises`, which computes the expected
answers with the library's own functions; the hidden inputs exist only in the grader's material. Run with
``make assignments`` (all chapters) or ``python tools/assignments.py pharmacokinetics``.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import zipfile
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
OUT = ROOT / "_build" / "assignments"
HIDDEN = ROOT / "tools" / "grading" / "hidden_cases.yml"


def setup_source(exercises: list[dict]) -> str:
    """The assignment's import cell: math and numpy always, then only what its stubs and answers use (every
    graded notebook starts a fresh kernel, so unused imports cost time per submission)."""
    code = "\n".join(ex["stub"] + "\n" + ex["solution"] for ex in exercises)
    lines = ["import math", "", "import numpy as np"]
    if "stats." in code:
        lines.append("from scipy import stats")
    lines.append("")
    modules = [name for name in ("pk", "mechanism", "safety", "trials") if f"{name}." in code]
    if modules:
        lines.append(f"from lanicemine_lib import {', '.join(modules)}")
    lines.append("from lanicemine_lib.exercises import check")
    return "\n".join(lines)


_FENCE = re.compile(r"^:{3,}\{exercise\}\s*(?P<title>.*)$")


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _role(cell: dict) -> dict:
    return cell.get("metadata", {}).get("lanicemine", {})


def question_name(key: str) -> str:
    """The otter question name of an exercise key (``pk-closed-form`` → ``pk_closed_form``)."""
    return key.replace("-", "_")


def chapter_exercises(nb: dict) -> list[dict]:
    """The coding exercises of a chapter notebook, in order: key, prompt, stub, check, solution sources."""
    found: dict[str, dict] = {}
    for cell in nb["cells"]:
        meta = _role(cell)
        key, role = meta.get("exercise"), meta.get("role")
        if key and role in ("prompt", "stub", "check", "solution"):
            entry = found.setdefault(key, {"key": key})
            if role in entry:
                raise ValueError(f"exercise {key}: two cells with role {role!r}")
            entry[role] = _source(cell)
    exercises = list(found.values())
    for entry in exercises:
        missing = {"prompt", "stub", "check", "solution"} - entry.keys()
        if missing:
            raise ValueError(f"exercise {entry['key']}: no cell with role {sorted(missing)}")
    return exercises


def prompt_markdown(text: str, number: int) -> str:
    """An ``{exercise}`` directive turned into plain Markdown for Jupyter: heading, then the body."""
    lines = text.strip("\n").split("\n")
    match = _FENCE.match(lines[0].strip())
    if not match or not lines[-1].strip().startswith(":::"):
        raise ValueError(f"a coding-exercise prompt must be one {{exercise}} directive; got {lines[0]!r}")
    title = re.sub(r"^Coding:\s*", "", match.group("title")).strip()
    body = [line for line in lines[1:-1] if not re.match(r"^:\w+:", line)]
    title = title[:1].upper() + title[1:]
    return f"## Question {number}: {title}\n\n" + "\n".join(body).strip()


def _split_function(source: str) -> tuple[list[str], list[str], ast.FunctionDef]:
    """(header lines up to the end of the docstring, body lines after it, node) of the first ``def``."""
    tree = ast.parse(source)
    func = next(node for node in tree.body if isinstance(node, ast.FunctionDef))
    first = func.body[0]
    if not (
        isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str)
    ):
        raise ValueError(f"{func.name}: the function needs a docstring")
    lines = source.split("\n")
    return lines[func.lineno - 1 : first.end_lineno], lines[first.end_lineno : func.end_lineno], func


def answer_cell(stub: str, solution: str) -> str:
    """One otter answer cell: the stub's signature and docstring, the model answer's body as the solution and the
    stub's body as the prompt students see."""
    head, stub_body, stub_def = _split_function(stub)
    _, solution_body, solution_def = _split_function(solution)
    if ast.dump(stub_def.args) != ast.dump(solution_def.args) or stub_def.name != solution_def.name:
        raise ValueError(f"{stub_def.name}: the model answer's signature differs from the stub's")
    if any('"""' in line or "'''" in line for line in stub_body):
        raise ValueError(f"{stub_def.name}: the stub's body may not contain triple quotes")
    indent = "    "
    return "\n".join(
        head
        + [f"{indent}# BEGIN SOLUTION NO PROMPT"]
        + solution_body
        + [f"{indent}# END SOLUTION", f'{indent}""" # BEGIN PROMPT']
        + stub_body
        + [f'{indent}""" # END PROMPT']
    )


def test_cell(key: str, cases: list[dict] | None, points: float) -> str:
    """An exception-based otter test: the public inputs (``cases`` None) or the hidden ones."""
    hidden = cases is not None
    call = f"assert_correct({key!r}, env, {cases!r}, hidden=True)" if hidden else f"assert_correct({key!r}, env)"
    return textwrap.dedent(
        f'''\
        """ # BEGIN TEST CONFIG
        points: {points}
        hidden: {str(hidden).lower()}
        """ # END TEST CONFIG
        def test_{"hidden" if hidden else "public"}(env):
            from lanicemine_lib.exercises import assert_correct

            {call}
        '''
    ).strip()


def _title(nb: dict) -> str:
    for cell in nb["cells"]:
        text = _source(cell).strip()
        if cell["cell_type"] == "markdown" and text.startswith("# "):
            return text.split("\n")[0][2:].strip()
    return "Lanicemine"


def master_notebook(chapter: str, nb: dict, hidden: dict) -> nbformat.NotebookNode:
    """The otter master notebook of one chapter."""
    exercises = chapter_exercises(nb)
    if not exercises:
        raise ValueError(f"{chapter}: no coding exercises")
    points = hidden["points"]
    config = {
        "name": chapter,
        "init_cell": False,
        "check_all_cell": False,
        "export_cell": False,
        "run_tests": False,
        "generate": {"pdf": False},
        "tests": {"files": False, "ok_format": False},
    }
    v4 = nbformat.v4
    title = _title(nb)
    cells = [
        v4.new_raw_cell("# ASSIGNMENT CONFIG\n" + yaml.safe_dump(config, sort_keys=False)),
        v4.new_markdown_cell(
            f"# Coding assignment: {title}\n\n"
            "**For education only** — not medical advice and not a dosing tool; the answers are model predictions "
            "and illustrative statistics.\n\n"
            f"These questions come from the *Coding exercises* of the chapter “{title}”; the sections they mention "
            "are in that chapter. For each question, replace every `...` in the function with your code, run the "
            "cell, then run the `check(...)` cell under it: it answers at once, offline. Do not rename the "
            "functions. When you are done, run the whole notebook from the top (Kernel → Restart and run all), "
            "save it and hand in this `.ipynb` file. Your teacher's grader also tries inputs you have not seen."
        ),
        v4.new_code_cell(setup_source(exercises)),
    ]
    for number, ex in enumerate(exercises, start=1):
        key = ex["key"]
        if key not in hidden["cases"]:
            raise ValueError(f"{key}: no hidden cases in {HIDDEN.name}")
        q_points = points["public"] + points["hidden"]
        cells += [
            v4.new_raw_cell(f"# BEGIN QUESTION\nname: {question_name(key)}\npoints: {q_points}\ncheck_cell: false"),
            v4.new_markdown_cell(prompt_markdown(ex["prompt"], number)),
            v4.new_raw_cell("# BEGIN SOLUTION"),
            v4.new_code_cell(answer_cell(ex["stub"], ex["solution"])),
            v4.new_raw_cell("# END SOLUTION"),
            v4.new_raw_cell("# BEGIN TESTS"),
            v4.new_code_cell(test_cell(key, None, points["public"])),
            v4.new_code_cell(test_cell(key, hidden["cases"][key], points["hidden"])),
            v4.new_raw_cell("# END TESTS"),
            v4.new_raw_cell("# END QUESTION"),
            v4.new_code_cell(ex["check"]),
        ]
    master = v4.new_notebook(cells=cells)
    master.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    master.metadata["language_info"] = {"name": "python"}
    return master


_PROMPT_BLOCK = re.compile(r'^\s*""" # BEGIN PROMPT\n.*?^\s*""" # END PROMPT\n?', re.M | re.S)
_MARKERS = re.compile(r"^\s*# (BEGIN SOLUTION NO PROMPT|END SOLUTION)\n", re.M)


def clean_solution(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The autograder notebook without otter's prompt blocks and solution markers (a readable model answer)."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = _MARKERS.sub("", _PROMPT_BLOCK.sub("", cell.source))
    return nb


def chapters() -> list[str]:
    """The chapters (notebook names under book/) that have coding exercises."""
    return [p.stem for p in sorted(BOOK.glob("*.ipynb")) if chapter_exercises(json.loads(p.read_text("utf-8")))]


def build(chapter: str, out: Path = OUT, hidden_path: Path = HIDDEN) -> Path:
    """Build one chapter's assignment under ``out/<chapter>``; return that folder."""
    path = BOOK / f"{chapter}.ipynb"
    if not path.exists():
        raise ValueError(f"chapter must be the name of a notebook under book/ (one of {chapters()}); got {chapter!r}")
    hidden = yaml.safe_load(hidden_path.read_text(encoding="utf-8"))
    master = master_notebook(chapter, json.loads(path.read_text(encoding="utf-8")), hidden)
    name = f"{chapter}_assignment.ipynb"
    dest = out / chapter
    if dest.exists():
        shutil.rmtree(dest)
    for sub in ("source", "student", "solution", "autograder"):
        (dest / sub).mkdir(parents=True)
    nbformat.write(master, dest / "source" / f"{chapter}_master.ipynb")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        nbformat.write(master, work / name)
        otter = Path(sys.executable).with_name("otter")
        run = subprocess.run(
            [str(otter), "assign", "--no-run-tests", "--no-pdfs", name, "dist"],
            cwd=work,
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode:
            raise RuntimeError(f"otter assign failed for {chapter}:\n{run.stdout}\n{run.stderr}")
        dist = work / "dist"
        shutil.copy2(dist / "student" / name, dest / "student" / name)
        solution = clean_solution(nbformat.read(dist / "autograder" / name, as_version=4))
        nbformat.write(solution, dest / "solution" / name)
        (zip_path,) = (dist / "autograder").glob("*.zip")
        shutil.copy2(zip_path, dest / "autograder" / "autograder.zip")
    with zipfile.ZipFile(dest / "autograder" / "autograder.zip") as archive:
        for member in archive.namelist():
            if member.startswith("tests/") and member.endswith(".py"):
                (dest / "autograder" / "tests").mkdir(exist_ok=True)
                (dest / "autograder" / member).write_bytes(archive.read(member))
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("chapters", nargs="*", help="chapter notebook names (default: every chapter with exercises)")
    args = parser.parse_args(argv)
    for chapter in args.chapters or chapters():
        try:
            dest = build(chapter)
        except (ValueError, RuntimeError) as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
        print(f"{chapter}: {dest.relative_to(ROOT)}/{{student,solution,autograder}}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
