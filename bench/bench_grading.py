"""P6: grading a class — 30 submissions of one chapter's coding assignment with `make grade`'s machinery.

``value`` is the wall time per submission of ``grade_folder("pharmacokinetics", folder, jobs=2)`` on 30
notebooks: 10 model answers, 10 untouched student notebooks and 10 with a wrong answer (log10 for ln in the
half-life question). Every notebook is executed in a fresh kernel and graded by otter-grader's local runner
(``otter.api.grade_submission``), two at a time. The autograder is built before timing starts. Target: at most
3 s per submission on 2 cores.

Run alone with ``python bench/bench_grading.py``; ``make bench`` includes it (not in ``--quick``).
"""

from __future__ import annotations

import importlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

grade = importlib.import_module("grade")

CHAPTER = "pharmacokinetics"
N_SUBMISSIONS = 30
JOBS = 2
TARGET_S = 3.0


def make_class(folder: Path, n: int) -> None:
    """``n`` submissions: model answers, untouched stubs and a log10 mistake, in turn."""
    name = f"{CHAPTER}_assignment.ipynb"
    solution = grade.assignments.OUT / CHAPTER / "solution" / name
    student = grade.assignments.OUT / CHAPTER / "student" / name
    wrong = nbformat.read(solution, as_version=4)
    for cell in wrong.cells:
        if cell.cell_type == "code":
            cell.source = cell.source.replace("math.log(c1_mg_per_l", "math.log10(c1_mg_per_l")
    for i in range(n):
        target = folder / f"student_{i + 1:02d}.ipynb"
        kind = i % 3
        if kind == 0:
            shutil.copy(solution, target)
        elif kind == 1:
            shutil.copy(student, target)
        else:
            nbformat.write(wrong, target)


def run(quick: bool = False) -> list[dict]:
    n = 4 if quick else N_SUBMISSIONS
    grade.autograder(CHAPTER)  # build (or reuse) the autograder outside the timing
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_class(folder, n)
        start = time.perf_counter()
        _, rows = grade.grade_folder(CHAPTER, folder, jobs=JOBS)
        elapsed = time.perf_counter() - start
    per_submission = elapsed / n
    graded = len({r["submission"] for r in rows})
    full = sum(1 for r in rows if r["feedback"] == "passed")
    return [
        {
            "figure": f"P6 grading {n} submissions ({CHAPTER}, {JOBS} at a time)",
            "value": per_submission,
            "unit": "s/submission",
            "baseline": "–",
            "ratio": None,
            "target": f"≤ {TARGET_S:g} s per submission on 2 cores",
            "met": per_submission <= TARGET_S,
            "detail": f"{elapsed:.1f} s for {graded} notebooks, {full} question results passed; "
            f"{os.cpu_count()} cores on this machine",
        }
    ]


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(f"{row['figure']}: {row['value']:.2f} {row['unit']} (target {row['target']}); {row['detail']}")
