"""Grade a folder of submitted assignment notebooks locally with otter-grader, and write ``grades.csv``.

Usage (``make grade ASSIGNMENT=<chapter> SUBMISSIONS=<folder>`` runs this)::

    python tools/grade.py --assignment pharmacokinetics --submissions path/to/folder [--jobs 2] [--time-limit 120]

Every file in the folder (except ``grades.csv`` and hidden files) is one submission. Each notebook is run by
``otter run`` machinery (:func:`otter.api.grade_submission`: no network, no container) against the chapter's
autograder (``_build/assignments/<chapter>/autograder/autograder.zip``, built first if missing or out of date),
in a child process of its own with a time limit. The result is ``<folder>/grades.csv`` with the columns
``submission, question, score, max_score, feedback`` — one row per submission and question.

Nothing a student hands in can stop the others from being graded. A file that is not a notebook, a notebook
that cannot be read, one from another assignment, or one that runs past the time limit gets 0 on every
question, with the reason in ``feedback``. Inside a notebook, a cell that raises does not stop the cells after
it; a cell that runs for longer than the per-cell limit is interrupted; a deleted or unfinished question gets 0
with a reason; every other question is graded.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import multiprocessing
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
assignments = importlib.import_module("assignments")

COLUMNS = ("submission", "question", "score", "max_score", "feedback")
#: Put first on the grading kernels' PYTHONPATH: skips a 2-s import they never need (see the module inside).
KERNEL_PATH = HERE / "grading" / "kernel_path"
DEFAULT_TIME_LIMIT_S = 120.0


@dataclass(frozen=True)
class Question:
    """One graded question: otter name and points."""

    name: str
    max_score: float


def questions(chapter: str) -> list[Question]:
    """The questions of a chapter's assignment, in the notebook's order."""
    nb = json.loads((assignments.BOOK / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    points = yaml.safe_load(assignments.HIDDEN.read_text(encoding="utf-8"))["points"]
    total = float(points["public"] + points["hidden"])
    return [Question(assignments.question_name(ex["key"]), total) for ex in assignments.chapter_exercises(nb)]


def autograder(chapter: str) -> Path:
    """The chapter's autograder zip, rebuilt when the chapter, the hidden cases or the feedback engine changed."""
    zip_path = assignments.OUT / chapter / "autograder" / "autograder.zip"
    sources = [
        assignments.BOOK / f"{chapter}.ipynb",
        assignments.HIDDEN,
        HERE / "assignments.py",
        HERE.parent / "lanicemine_lib" / "exercises.py",
    ]
    if not zip_path.exists() or zip_path.stat().st_mtime < max(p.stat().st_mtime for p in sources):
        assignments.build(chapter)
    return zip_path


# ---------------------------------------------------------------------------------------------------------
# One submission, in a child process
# ---------------------------------------------------------------------------------------------------------
_ASSERTION = re.compile(r"AssertionError: (?P<message>.*)\Z", re.S)


def _test_message(message: str | None) -> str:
    """The student-facing part of an otter test-case message (our feedback, without otter's frame)."""
    text = (message or "").strip()
    match = _ASSERTION.search(text)
    if match:
        return match.group("message").strip()
    last = text.splitlines()[-1].strip() if text else "the test failed"
    return f"the test could not run: {last}"


def _timed_preprocessor(cell_limit_s: int):
    """nbconvert's ExecutePreprocessor with a per-cell time limit that interrupts the cell and carries on."""
    from nbconvert.preprocessors import ExecutePreprocessor
    from traitlets import Bool, Integer

    class TimedExecutePreprocessor(ExecutePreprocessor):
        timeout = Integer(cell_limit_s, allow_none=True).tag(config=True)
        interrupt_on_timeout = Bool(True).tag(config=True)

    return TimedExecutePreprocessor


def _interrupted_cells(nb) -> int:
    count = 0
    for cell in getattr(nb, "cells", []) or []:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" and output.get("ename") in (
                "KeyboardInterrupt",
                "CellTimeoutError",
            ):
                count += 1
    return count


def _grade_child(submission: str, zip_path: str, result_path: str, cell_limit_s: int) -> None:
    """Grade one notebook and write a JSON result; runs in a forked child (output silenced)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(KERNEL_PATH), os.environ.get("PYTHONPATH")) if p)
    try:
        import nbconvert.preprocessors
        from otter.api import grade_submission

        nbconvert.preprocessors.ExecutePreprocessor = _timed_preprocessor(cell_limit_s)
        results = grade_submission(submission, zip_path, quiet=True)
        error = results.catastrophic_error if hasattr(results, "catastrophic_error") else None
        if error is not None:
            payload = {"ok": False, "reason": f"the notebook could not be run: {type(error).__name__}: {error}"}
        else:
            graded = {}
            for name, test_file in results.results.items():
                failed: list[str] = []
                for r in test_file.test_case_results:
                    text = _test_message(r.message)
                    if not r.passed and not any(text in earlier for earlier in failed):
                        failed.append(text)
                graded[name] = {
                    "score": float(test_file.score),
                    "max_score": float(test_file.possible),
                    "messages": failed,
                }
            payload = {"ok": True, "questions": graded, "interrupted": _interrupted_cells(results.notebook)}
    except Exception as err:  # noqa: BLE001 - any failure of one submission becomes its feedback
        text = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        if "Received submission for assignment" in text:
            text = f"this notebook is not this assignment's notebook ({text})"
        payload = {"ok": False, "reason": f"could not be graded: {text}"}
    Path(result_path).write_text(json.dumps(payload), encoding="utf-8")


# ---------------------------------------------------------------------------------------------------------
# The folder
# ---------------------------------------------------------------------------------------------------------
def submissions(folder: Path) -> list[Path]:
    """Every file of the folder that is a submission (not grades.csv, not hidden, not a folder), sorted."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith((".", "~")) and p.name != "grades.csv" and not p.name.endswith("~")
    )


def precheck(path: Path) -> str | None:
    """Why a file cannot be graded at all (None when it is a readable notebook)."""
    if path.suffix.lower() != ".ipynb":
        return f"not a Jupyter notebook ({path.suffix or 'no extension'}): hand in the .ipynb file"
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
    except Exception as err:  # noqa: BLE001 - unreadable files of any kind are reported, not raised
        first = str(err).strip().splitlines()[0][:200] if str(err).strip() else type(err).__name__
        return f"not a readable Jupyter notebook ({type(err).__name__}: {first})"
    return None


def _rows_for(path: Path, qs: list[Question], outcome: dict) -> list[dict]:
    rows = []
    note = ""
    if outcome.get("ok") and outcome.get("interrupted"):
        note = " (a cell ran longer than the per-cell limit and was stopped: an endless loop?)"
    for q in qs:
        if not outcome.get("ok"):
            rows.append(_row(path, q, 0.0, outcome["reason"]))
            continue
        graded = outcome["questions"].get(q.name)
        if graded is None:
            rows.append(_row(path, q, 0.0, "not graded: the autograder has no test for this question"))
            continue
        feedback = "passed" if not graded["messages"] else " / ".join(graded["messages"])
        rows.append(_row(path, q, graded["score"], feedback + note))
    return rows


def _row(path: Path, q: Question, score: float, feedback: str) -> dict:
    return {"submission": path.name, "question": q.name, "score": score, "max_score": q.max_score, "feedback": feedback}


def grade_folder(
    chapter: str, folder: Path, jobs: int = 2, time_limit_s: float = DEFAULT_TIME_LIMIT_S
) -> tuple[Path, list[dict]]:
    """Grade every submission in ``folder``; write and return ``folder/grades.csv`` and its rows."""
    if chapter not in assignments.chapters():
        raise ValueError(f"ASSIGNMENT must be one of {assignments.chapters()}; got {chapter!r}")
    if not folder.is_dir():
        raise ValueError(f"SUBMISSIONS must be a folder of notebooks; got {str(folder)!r}")
    if not 1 <= jobs <= 64:
        raise ValueError(f"jobs must be a whole number in [1, 64] (processes); got {jobs}")
    if not 5 <= time_limit_s <= 3600:
        raise ValueError(f"time_limit_s must be a number in [5, 3600] s; got {time_limit_s}")
    qs = questions(chapter)
    zip_path = autograder(chapter)
    import otter.api  # noqa: F401 - imported once here so that every forked child starts with it loaded

    outcomes: dict[Path, dict] = {}
    to_run: list[Path] = []
    for path in submissions(folder):
        reason = precheck(path)
        if reason:
            outcomes[path] = {"ok": False, "reason": reason}
        else:
            to_run.append(path)

    # fork: each child starts with otter already imported (fast); spawn where fork is unsafe or missing.
    ctx = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    cell_limit = max(2, int(time_limit_s / 2))
    with tempfile.TemporaryDirectory() as tmp:
        running: dict[Path, tuple] = {}
        pending = list(enumerate(to_run))
        while pending or running:
            while pending and len(running) < jobs:
                index, path = pending.pop(0)
                result = Path(tmp) / f"{index}.json"
                child = ctx.Process(target=_grade_child, args=(str(path), str(zip_path), str(result), cell_limit))
                child.start()
                running[path] = (child, result, time.monotonic() + time_limit_s)
            time.sleep(0.05)
            for path, (child, result, deadline) in list(running.items()):
                if child.is_alive() and time.monotonic() < deadline:
                    continue
                if child.is_alive():
                    child.kill()  # its kernel notices that its parent is gone and exits too
                    child.join()
                    outcomes[path] = {
                        "ok": False,
                        "reason": f"grading stopped after the time limit of {time_limit_s:g} s: a cell or function "
                        "ran too long (an endless loop?)",
                    }
                else:
                    child.join()
                    try:
                        outcomes[path] = json.loads(result.read_text(encoding="utf-8"))
                    except (OSError, ValueError):
                        outcomes[path] = {"ok": False, "reason": f"the grader stopped (exit code {child.exitcode})"}
                del running[path]

    rows = [row for path in sorted(outcomes) for row in _rows_for(path, qs, outcomes[path])]
    out = folder / "grades.csv"
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return out, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--assignment", required=True, help="chapter name, e.g. pharmacokinetics")
    parser.add_argument("--submissions", required=True, type=Path, help="folder of submitted notebooks")
    parser.add_argument("--jobs", type=int, default=2, help="submissions graded at once (default 2)")
    parser.add_argument(
        "--time-limit", type=float, default=DEFAULT_TIME_LIMIT_S, help="seconds per submission (default 120)"
    )
    args = parser.parse_args(argv)
    start = time.monotonic()
    try:
        out, rows = grade_folder(args.assignment, args.submissions, args.jobs, args.time_limit)
    except (ValueError, RuntimeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    totals: dict[str, list[float]] = {}
    for row in rows:
        got = totals.setdefault(row["submission"], [0.0, 0.0])
        got[0] += row["score"]
        got[1] += row["max_score"]
    for name, (score, possible) in totals.items():
        print(f"{name}: {score:g} / {possible:g}")
    elapsed = time.monotonic() - start
    print(f"{len(totals)} submissions graded in {elapsed:.1f} s; wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
