"""The course bundle (``make course``) and the JupyterLab working copy (``make lab``).

``python tools/course.py bundle`` writes ``_build/course/lanicemine-course.zip``: everything a student needs to
run the book on their own computer, without this repository and without ``make``::

    lanicemine-course/
      README.md            how to install and start JupyterLab (Linux, macOS, Windows)
      requirements.txt     the student install set; installs the library's wheel from this folder
      constraints.txt      the exact version of every package that set pulls in (the book's own pins)
      lanicemine_lib-<version>-py3-none-any.whl
      intro.ipynb, pharmacokinetics.ipynb, ...   the student edition of every notebook

The notebooks are the student edition (``tools/student_edition.py``: no solutions, no hidden check cells) in
the form JupyterLab with jupyterlab-myst renders well: the roles it cannot resolve in a single notebook
(``{cite}``, ``{term}``, ``{doc}``, ``{download}``) become plain text, each notebook ends with the references it
cites, and set-up, self-check and other hidden-input cells are folded (``jupyter.source_hidden``).

``python tools/course.py lab`` prepares ``_build/lab/``, a working copy of the notebooks for ``make lab``, so
that running them never writes into ``book/``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))


BOOK = ROOT / "book"
OUT = ROOT / "_build" / "course"
BUNDLE_NAME = "lanicemine-course"
ZIP_PATH = OUT / f"{BUNDLE_NAME}.zip"
LAB_DIR = ROOT / "_build" / "lab"
STUDENT_REQUIREMENTS = ROOT / "requirements-student.txt"
CONSTRAINTS = ROOT / "constraints.txt"
MAX_BUNDLE_BYTES = 5 * 1024 * 1024
# Zip entries get one fixed time stamp, so the same sources always give the same bundle.
ZIP_DATE = (2026, 1, 1, 0, 0, 0)

# The first cell of every notebook (tests/test_course.py keeps the notebooks in step with this text). Tagged
# remove-cell: the web page does not show it; the downloaded notebook and JupyterLab run it (source folded).
SETUP_CELL_ID = "run-setup"
SETUP_SOURCE = '''\
# Set-up (runs first; hidden on the web page): this notebook needs lanicemine_lib, the book's helper library.
import importlib
import pathlib
import subprocess
import sys


class SetupStop(Exception):
    """Stops the notebook with one plain sentence instead of a traceback."""

    def _render_traceback_(self):
        return [str(self)]


try:
    importlib.import_module("lanicemine_lib")
except ModuleNotFoundError:
    _wheels = sorted(pathlib.Path.cwd().glob("lanicemine_lib-*.whl"))
    if not _wheels:
        raise SetupStop(
            "This notebook needs lanicemine_lib, the book's helper library: download the course bundle "
            "(lanicemine-course.zip, linked at the top of every chapter of the web book), unzip it and open the "
            "notebook from that folder, or put the bundle's lanicemine_lib wheel next to this notebook and run "
            "this cell again."
        ) from None
    print(f"Installing {_wheels[-1].name} from this folder ...")
    _pip = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", str(_wheels[-1])], capture_output=True, text=True
    )
    if _pip.returncode:
        raise SetupStop(
            f"Installing {_wheels[-1].name} did not work ({(_pip.stderr.strip() or 'no message').splitlines()[-1]}): "
            "follow the steps in README.md of the course bundle."
        ) from None
    importlib.invalidate_caches()
    try:
        importlib.import_module("lanicemine_lib")
    except ModuleNotFoundError:  # installed where this kernel does not look until it restarts (a user site)
        raise SetupStop(
            "lanicemine_lib is now installed: restart the kernel (Kernel > Restart Kernel) and run this cell again."
        ) from None
'''

# The chapter's opening line that offers the bundle (a markdown cell right after the title cell).
BUNDLE_CELL_ID = "run-bundle"
BUNDLE_LINK = "{download}`course bundle <../_build/course/lanicemine-course.zip>`"
BUNDLE_LINE = (
    f"*Run this chapter yourself:* download the {BUNDLE_LINK} (every chapter as a notebook, the helper library "
    "and a README with the set-up for Windows, macOS and Linux) and open it in JupyterLab. The download button at "
    "the top of the page gives this notebook alone, which needs the bundle's library."
)
BUNDLE_LINE_IN_BUNDLE = (
    "*You are running this chapter from the course bundle.* The first (folded) cell checks that the helper "
    "library is installed; `README.md` in this folder says how to set it up."
)

_ROLE = re.compile(r"\{(?P<role>cite:p|cite:t|term|doc|download)\}`(?P<body>[^`]*)`")


# -- text fallbacks for roles jupyterlab-myst does not resolve in a notebook ------------------------------------
def _split_role(body: str) -> tuple[str | None, str]:
    """``text <target>`` -> (text, target); ``target`` -> (None, target)."""
    match = re.fullmatch(r"\s*(.*?)\s*<([^<>]+)>\s*", body, re.S)
    return (match.group(1), match.group(2).strip()) if match else (None, body.strip())


def _bib_text(value: str) -> str:
    return re.sub(r"[{}]", "", value).replace("--", "–").strip()


def load_bibliography(path: Path = BOOK / "references.bib") -> dict[str, dict]:
    """The book's references as ``key -> {"short": "Author et al.", "year": ..., "full": "..."}``."""
    from pybtex.database import parse_file

    entries = {}
    for key, entry in parse_file(str(path)).entries.items():
        persons = list(entry.persons.get("author", []))
        incomplete = bool(persons) and str(persons[-1]) == "others"
        named = [p for p in persons if str(p) != "others"]
        last = [_bib_text(" ".join(p.last_names) or str(p)) for p in named]
        if not last:
            short = _bib_text(entry.fields.get("title", key))
        elif incomplete or len(last) >= 3:
            short = f"{last[0]} et al."
        elif len(last) == 2:
            short = f"{last[0]} and {last[1]}"
        else:
            short = last[0]
        year = _bib_text(entry.fields.get("year", ""))
        authors = ", ".join(_bib_text(str(p)) for p in named) + (" et al." if incomplete else "")
        parts = [f"{authors} ({year or 'n.d.'})." if authors else "", _bib_text(entry.fields.get("title", "")) + "."]
        venue = entry.fields.get("journal") or entry.fields.get("publisher") or entry.fields.get("howpublished")
        if venue:
            parts.append(f"*{_bib_text(venue)}*.")
        if entry.fields.get("doi"):
            parts.append(f"doi:{entry.fields['doi']}")
        elif entry.fields.get("url"):
            parts.append(entry.fields["url"])
        entries[key] = {"short": short, "year": year, "full": " ".join(p for p in parts if p)}
    return entries


def notebook_titles(folder: Path = BOOK) -> dict[str, str]:
    """Document name -> title (the first ``# `` heading) of every page in ``folder``."""
    titles = {}
    for path in sorted(folder.glob("*.ipynb")) + sorted(folder.glob("*.md")):
        if path.suffix == ".ipynb":
            nb = json.loads(path.read_text(encoding="utf-8"))
            text = "\n".join(_source(c) for c in nb["cells"] if c["cell_type"] == "markdown")
        else:
            text = path.read_text(encoding="utf-8")
        match = re.search(r"^# (.+)$", text, re.M)
        titles[path.stem] = match.group(1).strip() if match else path.stem
    return titles


def replace_roles(text: str, bib: dict[str, dict], titles: dict[str, str], bundled: set[str]) -> tuple[str, set]:
    """Rewrite the roles of one markdown text as plain MyST; return the text and the citation keys used.

    ``{cite:p}`A,B``` -> (Author, year; Author, year); ``{cite:t}`A``` -> Author (year); ``{term}`` -> its text;
    ``{doc}`` -> the page's title in italics, with the notebook's file name when it is in the bundle;
    ``{download}`` -> its text.
    """
    cited: set[str] = set()

    def cite_parts(body: str) -> list[tuple[str, str]]:
        keys = [k.strip() for k in body.split(",") if k.strip()]
        unknown = [k for k in keys if k not in bib]
        if unknown:
            raise ValueError(f"citation keys not in references.bib: {unknown}")
        cited.update(keys)
        return [(bib[k]["short"], bib[k]["year"]) for k in keys]

    def one(match: re.Match) -> str:
        role, body = match.group("role"), match.group("body")
        if role == "cite:p":
            return "(" + "; ".join(f"{a}, {y}" if y else a for a, y in cite_parts(body)) + ")"
        if role == "cite:t":
            return "; ".join(f"{a} ({y})" if y else a for a, y in cite_parts(body))
        text, target = _split_role(body)
        if role == "term":
            return text or target
        if role == "download":
            return text or Path(target).name
        name = target.split("/")[-1]  # {doc}
        label = text or titles.get(name, name)
        return f"*{label}* (`{name}.ipynb`)" if name in bundled else f"*{label}*"

    return _ROLE.sub(one, text), cited


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _fold(cell: dict) -> dict:
    metadata = json.loads(json.dumps(cell.get("metadata", {})))
    metadata.setdefault("jupyter", {})["source_hidden"] = True
    return {**cell, "metadata": metadata}


def lab_notebook(nb: dict, bib: dict[str, dict], titles: dict[str, str], bundled: set[str]) -> dict:
    """A student-edition notebook in the form JupyterLab renders well (see the module docstring)."""
    cells, cited = [], set()
    for cell in nb["cells"]:
        tags = cell.get("metadata", {}).get("tags", [])
        if cell["cell_type"] == "markdown":
            if cell.get("id") == BUNDLE_CELL_ID:
                cell = {**cell, "source": BUNDLE_LINE_IN_BUNDLE}
            else:
                text, keys = replace_roles(_source(cell), bib, titles, bundled)
                cited |= keys
                cell = {**cell, "source": text}
        elif cell.get("id") == SETUP_CELL_ID or {"hide-input", "remove-input"} & set(tags):
            cell = _fold(cell)
        cells.append(cell)
    if cited:
        lines = ["## References cited in this chapter", ""]
        lines += [f"- {bib[k]['full']}" for k in sorted(cited, key=lambda k: (bib[k]["short"], bib[k]["year"]))]
        cells.append({"cell_type": "markdown", "id": "run-references", "metadata": {}, "source": "\n".join(lines)})
    return {**nb, "cells": cells}


def write_lab_notebooks(student_notebooks: list[Path], folder: Path) -> list[Path]:
    """Write the JupyterLab form of the given student-edition notebooks into ``folder``."""
    bib, titles = load_bibliography(), notebook_titles()
    bundled = {p.stem for p in student_notebooks}
    written = []
    for path in student_notebooks:
        nb = json.loads(path.read_text(encoding="utf-8"))
        target = folder / path.name
        target.write_text(
            json.dumps(lab_notebook(nb, bib, titles, bundled), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        written.append(target)
    return written


# -- the install set ---------------------------------------------------------------------------------------------
def read_pins(path: Path) -> dict[str, str]:
    """``name==version`` lines of a requirements or constraints file, by canonical name."""
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        req = Requirement(line)
        (spec,) = req.specifier  # exact pins only
        if spec.operator != "==":
            raise ValueError(f"{path.name}: {line!r} is not an exact pin")
        pins[canonicalize_name(req.name)] = spec.version
    return pins


def closure(direct: list[str]) -> set[str]:
    """Canonical names of ``direct`` and everything they require here (markers evaluated on this machine)."""
    seen: set[str] = set()
    todo = [(canonicalize_name(name), frozenset()) for name in direct]
    done: set[tuple[str, frozenset]] = set()
    while todo:
        name, extras = todo.pop()
        if (name, extras) in done:
            continue
        done.add((name, extras))
        seen.add(name)
        for line in metadata.requires(name) or []:
            req = Requirement(line)
            if req.marker and not any(req.marker.evaluate({"extra": e}) for e in (extras or {""})):
                continue
            todo.append((canonicalize_name(req.name), frozenset(req.extras)))
    return seen


def student_lock() -> tuple[dict[str, str], dict[str, str]]:
    """(direct pins of requirements-student.txt, exact pins of everything they pull in, from constraints.txt)."""
    direct = read_pins(STUDENT_REQUIREMENTS)
    locked = read_pins(CONSTRAINTS)
    names = closure(list(direct)) - {"lanicemine-lib"}
    missing = sorted(n for n in names if n not in locked)
    if missing:
        raise SystemExit(f"constraints.txt has no pin for {missing}: run `make lock`")
    for name in names:
        installed = metadata.version(name)
        if installed != locked[name]:
            raise SystemExit(f"{name} is {installed} here but {locked[name]} in constraints.txt: run `make install`")
    return direct, {n: locked[n] for n in sorted(names)}


# -- the bundle --------------------------------------------------------------------------------------------------
def build_wheel(dest: Path) -> Path:
    """Build the lanicemine_lib wheel into ``dest`` (from a copy of the sources: nothing is written into them)."""
    with tempfile.TemporaryDirectory(prefix="lanicemine-wheel-") as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(ROOT / name, src / name)
        shutil.copytree(ROOT / "lanicemine_lib", src / "lanicemine_lib", ignore=shutil.ignore_patterns("__pycache__"))
        build = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(dest), str(src)],
            capture_output=True,
            text=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"},  # 2026-01-01: reproducible time stamps
        )
        if build.returncode:
            raise SystemExit(f"building the lanicemine_lib wheel failed:\n{build.stdout}\n{build.stderr}")
    (wheel,) = dest.glob("lanicemine_lib-*.whl")
    return wheel


def requirements_text(direct: dict[str, str], wheel: Path) -> str:
    lines = [
        "# The student install set of the lanicemine book: JupyterLab, the libraries the notebooks use, and the",
        "# book's helper library from the wheel in this folder. Install with:",
        "#     python -m pip install -r requirements.txt",
        "--find-links .",
        "-c constraints.txt",
    ]
    lines += [f"{name}=={version}" for name, version in direct.items()]
    lines.append(f"lanicemine_lib=={wheel.name.split('-')[1]}")
    return "\n".join(lines) + "\n"


def constraints_text(locked: dict[str, str]) -> str:
    lines = ["# Exact versions of every package the student install set pulls in (the book's own pins)."]
    lines += [f"{name}=={version}" for name, version in locked.items()]
    return "\n".join(lines) + "\n"


README = """\
# Lanicemine: an interactive textbook — course bundle

Every chapter of the book as a Jupyter notebook, with the book's helper library (`lanicemine_lib`). For
education only: not medical advice, not a dosing tool.

You need Python 3.11 or newer (<https://www.python.org/downloads/>; on Windows tick "Add python.exe to PATH").
Open a terminal in this folder (Windows: in File Explorer, type `cmd` in the address bar of this folder).

## Set up once (about 700 MB, a few minutes)

Linux and macOS:

```bash
python3 -m venv .venv
.venv/bin/python -m pip install -r requirements.txt
```

Windows:

```bat
py -m venv .venv
.venv\\Scripts\\python -m pip install -r requirements.txt
```

## Start JupyterLab (every time)

Linux and macOS: `.venv/bin/jupyter lab`. Windows: `.venv\\Scripts\\jupyter lab`.

JupyterLab opens in your browser. Open `intro.ipynb` or a chapter and choose *Run > Run All Cells*. The first,
folded cell of each notebook checks that the helper library is installed (and installs it from the wheel in
this folder if it is not). Your changes and outputs stay in these copies; keep the zip file to start afresh.

## What is here

| file | what |
|---|---|
| `intro.ipynb` and the chapters | the book; exercises without solutions (your teacher has them) |
| `lanicemine_lib-*.whl` | the helper library |
| `requirements.txt`, `constraints.txt` | what the set-up installs, at the versions the book is tested with |

On a JupyterHub or in Colab, upload the notebooks and the wheel into one folder and run the notebooks:
their first cell installs the wheel.
"""


def _zip_write(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(f"{BUNDLE_NAME}/{name}", date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def build_bundle(zip_path: Path = ZIP_PATH) -> Path:
    """Write the course bundle (see the module docstring); return its path."""
    from student_edition import write_student_sources

    direct, locked = student_lock()
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lanicemine-course-") as tmp:
        tmp = Path(tmp)
        student = write_student_sources(dest=tmp / "src")
        (tmp / "lab").mkdir()
        notebooks = write_lab_notebooks(student, tmp / "lab")
        wheel = build_wheel(tmp / "wheel")
        partial = zip_path.with_suffix(".zip.tmp")
        with zipfile.ZipFile(partial, "w") as archive:
            _zip_write(archive, "README.md", README.encode())
            _zip_write(archive, "requirements.txt", requirements_text(direct, wheel).encode())
            _zip_write(archive, "constraints.txt", constraints_text(locked).encode())
            _zip_write(archive, wheel.name, wheel.read_bytes())
            for path in notebooks:
                _zip_write(archive, path.name, path.read_bytes())
        partial.replace(zip_path)
    size = zip_path.stat().st_size
    if size > MAX_BUNDLE_BYTES:
        raise SystemExit(f"{zip_path} is {size / 1e6:.1f} MB, over the 5 MB budget")
    print(f"course bundle: {zip_path} ({size / 1e3:.0f} kB, {len(notebooks)} notebooks, {wheel.name})")
    return zip_path


# -- the JupyterLab working copy for `make lab` ------------------------------------------------------------------
def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def prepare_lab(dest: Path = LAB_DIR, book: Path = BOOK) -> list[str]:
    """Copy the notebooks into ``dest`` for JupyterLab; return messages about copies that were kept.

    A copy is refreshed when ``book/`` has a newer version and the copy is still the one made last time; a copy
    that was changed (run and saved, edited) is kept, so a reader's work is never overwritten.
    """
    dest.mkdir(parents=True, exist_ok=True)
    manifest_path = dest / ".copied-from-book.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    notes = []
    for source in sorted(book.glob("*.ipynb")):
        target = dest / source.name
        if target.exists() and _sha256(target) != manifest.get(source.name):
            if _sha256(source) != manifest.get(source.name):
                notes.append(
                    f"kept your copy of {source.name}; book/{source.name} has changed since "
                    f"(delete {target} to get the new version)"
                )
            continue
        shutil.copy2(source, target)
        manifest[source.name] = _sha256(target)
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["bundle", "lab"])
    args = parser.parse_args(argv)
    if args.what == "bundle":
        build_bundle()
    else:
        for note in prepare_lab():
            print(note)
        print(f"JupyterLab working copy: {LAB_DIR.relative_to(ROOT)}/ (book/ is never opened or written)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
