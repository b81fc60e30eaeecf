"""Build the student edition: the same book with every exercise kept and every solution removed.

Writes
- ``_build/student/notebooks/`` — the chapter notebooks without solutions (to hand out or upload to a hub);
- ``_build/student/html/`` — the HTML book built from them (sphinx-exercise's ``hide_solutions`` is also on).

Solutions are written as ``{solution}`` directives (text) or between ``{solution-start}`` and
``{solution-end}`` cells (code); both are removed. Run with ``make student``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "_build" / "student"

_FENCE_OPEN = re.compile(r"^(?P<fence>:{3,}|`{3,})\{solution\}.*$")


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def strip_solution_directives(text: str) -> str:
    """Remove every ``{solution}`` directive block (colon or backtick fence) from MyST markdown."""
    out: list[str] = []
    closing: str | None = None
    for line in text.split("\n"):
        if closing is None:
            match = _FENCE_OPEN.match(line.strip())
            if match:
                closing = match.group("fence")
                continue
            out.append(line)
        elif line.strip() == closing:
            closing = None
    if closing is not None:
        raise ValueError("a {solution} block is not closed")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")


def strip_solutions(nb: dict) -> dict:
    """Return a copy of the notebook without solutions; exercises and all other cells are kept."""
    cells: list[dict] = []
    inside_gated = False
    for cell in nb["cells"]:
        text = _source(cell)
        if cell["cell_type"] == "markdown" and "{solution-start}" in text:
            if inside_gated:
                raise ValueError("nested {solution-start}")
            inside_gated = True
            continue
        if cell["cell_type"] == "markdown" and "{solution-end}" in text:
            if not inside_gated:
                raise ValueError("{solution-end} without {solution-start}")
            inside_gated = False
            continue
        if inside_gated:
            continue
        if cell["cell_type"] == "markdown" and "{solution}" in text:
            text = strip_solution_directives(text)
            if not text.strip():
                continue
            cell = {**cell, "source": text}
        cells.append(cell)
    if inside_gated:
        raise ValueError("{solution-start} without {solution-end}")
    return {**nb, "cells": cells}


def write_student_sources(src_root: Path = ROOT, dest: Path = OUT / "src") -> list[Path]:
    """Copy the book's sources to ``dest`` with solutions stripped; return the notebooks written."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(src_root / "book", dest / "book", ignore=shutil.ignore_patterns("*.ipynb_checkpoints"))
    shutil.copytree(src_root / "vendor", dest / "vendor")
    shutil.copy2(src_root / "_toc.yml", dest / "_toc.yml")
    config = yaml.safe_load((src_root / "_config.yml").read_text())
    config["title"] = f"{config['title']} (student edition)"
    config["sphinx"]["config"]["hide_solutions"] = True
    (dest / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    written = []
    for path in sorted((dest / "book").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(strip_solutions(nb), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


def main() -> int:
    notebooks = write_student_sources()
    folder = OUT / "notebooks"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for path in notebooks:
        shutil.copy2(path, folder / path.name)
    build = subprocess.run(
        [
            str(Path(sys.executable).with_name("jupyter-book")),
            "build",
            str(OUT / "src"),
            "--path-output",
            str(OUT),
            "--builder",
            "html",
            "-W",
            "-n",
            "--keep-going",
        ],
        check=False,
    )
    if build.returncode:
        return build.returncode
    html = OUT / "html"
    if html.exists():
        shutil.rmtree(html)
    shutil.move(str(OUT / "_build" / "html"), html)
    print(f"student edition: {html}/index.html and {len(notebooks)} notebooks in {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
