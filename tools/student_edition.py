"""Build the student edition: the same book with every exercise kept and every solution removed.

Writes
- ``_build/student/html/`` — the HTML book built from the student sources (sphinx-exercise's
  ``hide_solutions`` is also on);
- ``_build/student/notebooks/`` — the chapter notebooks as a student runs them in JupyterLab (the same
  notebooks as in the course bundle, ``make course``).

What the student edition leaves out:
- solutions, written as ``{solution}`` directives (text) or between ``{solution-start}`` and
  ``{solution-end}`` cells (code);
- hidden check cells (tagged ``remove-cell``, asserting the chapter's key numbers and exercise answers);
- the teacher-only pages (:data:`TEACHER_ONLY`: the instructor guide and the performance page), and every
  line of the other pages that links them or advertises the solutions.

Run with ``make student`` (which builds the course bundle first: the chapters link it).
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
BUNDLE = Path("_build") / "course" / "lanicemine-course.zip"  # relative to the book's root

# Pages for teachers only: left out of the student edition's table of contents and sources.
TEACHER_ONLY = ("book/instructor_guide", "book/performance")

_FENCE_OPEN = re.compile(r"^(?P<fence>:{3,}|`{3,})\{solution\}.*$")
_DOC_ROLE = re.compile(r"\{doc\}`(?:(?P<text>[^`<]*?)\s*<(?P<target>[^`>]+)>|(?P<bare>[^`]+))`")


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


def is_check_cell(cell: dict) -> bool:
    """A hidden check cell: code tagged ``remove-cell`` that asserts the chapter's numbers (and answers)."""
    if cell["cell_type"] != "code" or "remove-cell" not in cell.get("metadata", {}).get("tags", []):
        return False
    text = _source(cell)
    return text.lstrip().startswith("# Check cell") or re.search(r"^\s*assert\b", text, re.M) is not None


def _doc_target(match: re.Match) -> str:
    return (match.group("target") or match.group("bare")).strip()


def _teacher_link(target: str) -> bool:
    return any(target == page.split("/")[-1] or target.endswith("/" + page.split("/")[-1]) for page in TEACHER_ONLY)


def strip_teacher_references(text: str) -> str:
    """Drop the lines of MyST markdown that link a teacher-only page or advertise the (removed) solutions.

    A table row or list item that links a teacher-only page goes whole; elsewhere the link becomes its text.
    """
    out = []
    for line in text.split("\n"):
        links_teacher = any(_teacher_link(_doc_target(m)) for m in _DOC_ROLE.finditer(line))
        if (links_teacher and re.match(r"\s*(\||[-*] |\d+\. )", line)) or re.search(r"folded solution", line, re.I):
            continue
        if links_teacher:
            line = _DOC_ROLE.sub(
                lambda m: (m.group("text") or m.group("bare")) if _teacher_link(_doc_target(m)) else m.group(0), line
            )
        out.append(line)
    return "\n".join(out)


def student_notebook(nb: dict) -> dict:
    """The student edition of a chapter: no solutions, no check cells, no links to teacher-only pages."""
    stripped = strip_solutions(nb)
    cells = []
    for cell in stripped["cells"]:
        if is_check_cell(cell):
            continue
        if cell["cell_type"] == "markdown":
            cell = {**cell, "source": strip_teacher_references(_source(cell))}
        cells.append(cell)
    return {**stripped, "cells": cells}


def student_toc(toc: dict) -> dict:
    """The table of contents without the teacher-only pages (and without parts left empty)."""

    def keep(entries: list[dict]) -> list[dict]:
        return [e for e in entries if e.get("file") not in TEACHER_ONLY]

    toc = json.loads(json.dumps(toc))
    if "parts" in toc:
        for part in toc["parts"]:
            part["chapters"] = keep(part.get("chapters", []))
        toc["parts"] = [p for p in toc["parts"] if p["chapters"]]
    if "chapters" in toc:
        toc["chapters"] = keep(toc["chapters"])
    return toc


def write_student_sources(src_root: Path = ROOT, dest: Path = OUT / "src") -> list[Path]:
    """Copy the book's sources to ``dest`` as the student edition; return the notebooks written."""
    if dest.exists():
        shutil.rmtree(dest)
    teacher_files = {Path(page).name for page in TEACHER_ONLY}
    shutil.copytree(
        src_root / "book",
        dest / "book",
        ignore=lambda folder, names: [
            n for n in names if n == ".ipynb_checkpoints" or n == "__pycache__" or Path(n).stem in teacher_files
        ],
    )
    shutil.copytree(src_root / "vendor", dest / "vendor")
    bundle = src_root / BUNDLE
    if bundle.exists():  # the chapters link the course bundle; `make student` builds it first
        (dest / BUNDLE).parent.mkdir(parents=True)
        shutil.copy2(bundle, dest / BUNDLE)
    toc = yaml.safe_load((src_root / "_toc.yml").read_text())
    (dest / "_toc.yml").write_text(yaml.safe_dump(student_toc(toc), sort_keys=False, allow_unicode=True))
    config = yaml.safe_load((src_root / "_config.yml").read_text())
    config["title"] = f"{config['title']} (student edition)"
    config["sphinx"]["config"]["hide_solutions"] = True
    (dest / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    for path in sorted((dest / "book").glob("*.md")):
        path.write_text(strip_teacher_references(path.read_text(encoding="utf-8")), encoding="utf-8")
    written = []
    for path in sorted((dest / "book").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(student_notebook(nb), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import course  # the JupyterLab form of the notebooks (roles it cannot render become text)

    notebooks = write_student_sources()
    folder = OUT / "notebooks"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    course.write_lab_notebooks(notebooks, folder)
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
