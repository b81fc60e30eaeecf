"""Shared fixtures and helpers for the test suite."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

# Property tests write no example database into the repository (.hypothesis/) and never replay examples saved
# by an earlier run: a run's result depends only on the code and the test, not on which tests ran before.
settings.register_profile("lanicemine", database=None)
settings.load_profile("lanicemine")

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
BUILD_HTML = ROOT / "_build" / "html"


def toc_files() -> list[str]:
    """Every file named in _toc.yml (without suffix), in order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return files


def notebooks() -> list[Path]:
    """Every notebook under book/ (not checkpoints)."""
    return sorted(p for p in BOOK.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


#: Notebooks that are not teaching chapters: the introduction and the appendix pages (no objectives, exercises
#: or self-checks; nbval still runs them).
NOT_CHAPTERS = frozenset({"intro", "evidence"})


def chapter_notebooks() -> list[Path]:
    """The teaching chapters: every notebook except the introduction and the appendix pages."""
    return [p for p in notebooks() if p.stem not in NOT_CHAPTERS]


def load_notebook(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def cell_source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def cell_tags(cell: dict) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def built_html() -> Path:
    """The built book; the README's test command builds it before running pytest."""
    index = BUILD_HTML / "index.html"
    if not index.exists():
        pytest.fail("_build/html is missing: build the book first (`make html`, or `make test` does both)")
    return BUILD_HTML


def html_pages(root: Path) -> list[Path]:
    """The built pages of every file in the table of contents."""
    return [root / f"{name}.html" for name in toc_files()]


EXERCISE_RE = re.compile(r"^:{3,}\{exercise\}.*?\n:label:\s*(\S+)", re.M | re.S)
SOLUTION_RE = re.compile(r"^:{3,}\{solution(?:-start)?\}\s+(\S+)", re.M)


def blank_below_text(pdf: Path, margin_fraction: float = 0.08) -> list[float]:
    """For each page of ``pdf``, the fraction of its text area left blank below the last mark on it.

    The pages are rendered in grey at 24 dpi by poppler's pdftoppm; the top and bottom ``margin_fraction`` of
    the sheet (margins, running footer) are left out. A page that ends half empty gives about 0.5.
    """
    import tempfile

    import numpy as np
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-r", "24", "-gray", str(pdf), f"{folder}/p"], check=True)
        fractions = []
        for image in sorted(Path(folder).glob("p-*.pgm")):
            pixels = np.asarray(Image.open(image), dtype=float)
            cut = int(pixels.shape[0] * margin_fraction)
            body = pixels[cut : pixels.shape[0] - cut]
            marked = np.nonzero((body < 200).any(axis=1))[0]
            fractions.append(1.0 - (marked[-1] + 1) / body.shape[0] if marked.size else 1.0)
    return fractions
