"""The course bundle (``make course``): what it holds, and that it runs outside the repository.

The slow tests here use a fresh virtual environment in a temporary folder outside the repository with only the
bundle's ``requirements.txt`` installed (pip reaches PyPI and this machine's wheel cache, nothing else), built
once per test run for this file and the JupyterLab test (``tests/student_venv.py``; these tests work in a
clone of it), and execute the notebooks with nbclient in that environment's own kernel:

- every notebook of the bundle runs with no error, the first one installing the library from the wheel beside
  it (the library is uninstalled first, as on a student's laptop that has only the bundle's set);
- a chapter notebook alone, without the library and without the wheel, stops at its first cell with one
  friendly sentence, and no traceback.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from conftest import BOOK, ROOT, cell_source, cell_tags, chapter_notebooks, load_notebook, notebooks
from student_venv import student_venv

sys.path.insert(0, str(ROOT / "tools"))
import course
from student_edition import is_check_cell

FRIENDLY = "This notebook needs lanicemine_lib, the book's helper library"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """A freshly built bundle (in a temporary folder), unzipped; yields its folder."""
    base = tmp_path_factory.mktemp("course")
    zip_path = course.build_bundle(base / "lanicemine-course.zip")
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
        assert all(n.startswith("lanicemine-course/") for n in names), names
        archive.extractall(base / "unzipped")
    return base / "unzipped" / "lanicemine-course"


# -- the chapters' sources ---------------------------------------------------------------------------------
@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.stem)
def test_every_notebook_starts_with_the_setup_cell(path: Path):
    first = load_notebook(path)["cells"][0]
    assert first["cell_type"] == "code" and first["id"] == course.SETUP_CELL_ID, path.name
    assert cell_source(first) == course.SETUP_SOURCE.rstrip("\n"), (
        f"{path.name}: set-up cell differs from tools/course.py"
    )
    assert "remove-cell" in cell_tags(first), "hidden on the web page"
    assert first["metadata"]["jupyter"]["source_hidden"] is True, "folded in JupyterLab"


@pytest.mark.parametrize("path", chapter_notebooks(), ids=lambda p: p.stem)
def test_every_chapter_opens_with_the_bundle_link(path: Path):
    cells = load_notebook(path)["cells"]
    title = next(i for i, c in enumerate(cells) if c["cell_type"] == "markdown" and cell_source(c).startswith("# "))
    line = cells[title + 1]
    assert line["id"] == course.BUNDLE_CELL_ID and course.BUNDLE_LINK in cell_source(line), path.name
    assert "download button" in cell_source(line), "the single notebook's route points to the bundle"


def test_the_intro_links_the_bundle_in_its_run_row():
    text = "\n".join(cell_source(c) for c in load_notebook(BOOK / "intro.ipynb")["cells"])
    row = next(line for line in text.split("\n") if line.startswith("| **run"))
    assert course.BUNDLE_LINK in row and "make lab" not in row


# -- what the bundle holds ---------------------------------------------------------------------------------
def test_bundle_files_and_size(bundle: Path):
    zip_size = (bundle.parents[1] / "lanicemine-course.zip").stat().st_size
    assert zip_size <= 5 * 1024 * 1024, f"{zip_size / 1e6:.1f} MB"
    names = {p.name for p in bundle.iterdir()}
    expected = {p.name for p in notebooks()} | {"README.md", "requirements.txt", "constraints.txt"}
    assert expected <= names, expected - names
    wheels = [n for n in names if re.fullmatch(r"lanicemine_lib-[\d.]+-py3-none-any\.whl", n)]
    assert len(wheels) == 1, names
    with zipfile.ZipFile(bundle / wheels[0]) as wheel:
        inside = wheel.namelist()
    assert "lanicemine_lib/pk.py" in inside and "lanicemine_lib/figures/pk.py" in inside
    assert any(n.startswith("lanicemine_lib/selfchecks/") and n.endswith(".json") for n in inside), "self-check data"
    assert not (names - expected - set(wheels)), f"unexpected files: {names - expected - set(wheels)}"


def test_bundle_requirements_install_the_wheel_and_the_books_pins(bundle: Path):
    lines = [line for line in (bundle / "requirements.txt").read_text().splitlines() if not line.startswith("#")]
    assert "--find-links ." in lines and "-c constraints.txt" in lines
    wheel_version = next(bundle.glob("lanicemine_lib-*.whl")).name.split("-")[1]
    assert f"lanicemine_lib=={wheel_version}" in lines
    book_pins = course.read_pins(ROOT / "constraints.txt")
    student = course.read_pins(bundle / "requirements.txt") | course.read_pins(bundle / "constraints.txt")
    student.pop("lanicemine-lib")
    assert {
        "jupyterlab",
        "jupyterlab-myst",
        "ipywidgets",
        "numpy",
        "scipy",
        "pandas",
        "matplotlib",
        "statsmodels",
    } <= set(student)
    differ = {
        name: (version, book_pins.get(name)) for name, version in student.items() if book_pins.get(name) != version
    }
    assert not differ, f"student pins that differ from constraints.txt: {differ}"
    for heavy in ("jupyter-book", "sphinx", "playwright", "pytest", "ruff", "hypothesis", "nbval"):
        assert heavy not in student, f"{heavy} is not needed to run the notebooks"


def test_bundle_readme_covers_three_systems_without_make(bundle: Path):
    readme = (bundle / "README.md").read_text()
    for needle in ("Linux", "macOS", "Windows", "pip install -r requirements.txt", r"\Scripts\python", "jupyter lab"):
        assert needle in readme, needle
    assert "make " not in readme and "education" in readme


@pytest.mark.parametrize("name", [p.name for p in notebooks()])
def test_bundle_notebooks_are_the_student_edition(bundle: Path, name: str):
    student = json.loads((bundle / name).read_text(encoding="utf-8"))
    original = load_notebook(BOOK / name)
    text = "\n".join(cell_source(c) for c in student["cells"])
    assert "{solution" not in text and "Solution" not in text
    assert not [c for c in student["cells"] if is_check_cell(c)], "hidden check cells"
    assert not re.search(r"^\s*assert\b", text, re.M), "no assertion of the answers"
    # roles that jupyterlab-myst cannot resolve in one notebook are plain text; directives it renders stay
    assert not re.search(r"\{(cite:p|cite:t|term|doc|download)\}`", text), re.findall(r"\{[a-z:]+\}`[^`]*`", text)[:5]
    assert text.count(":::{exercise}") == cell_text(original).count(":::{exercise}")
    if "{cite:" in cell_text(original):
        assert student["cells"][-1]["source"].startswith("## References cited in this chapter")
    # the code a student sees: no self-check answers, and folded set-up and self-check cells
    for cell in student["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = cell_source(cell)
        assert not re.search(r"\bcorrect\b", source, re.I) and "Option(" not in source, source[:200]
        if "self_check(" in source or cell.get("id") == course.SETUP_CELL_ID:
            assert cell["metadata"]["jupyter"]["source_hidden"] is True, source[:80]
        assert cell.get("outputs") == [], "no stored outputs"
    assert student["cells"][0]["id"] == course.SETUP_CELL_ID


def cell_text(nb: dict) -> str:
    return "\n".join(cell_source(c) for c in nb["cells"])


def test_role_fallbacks_read_as_text():
    bib = {
        "A2014": {"short": "Sanacora et al.", "year": "2014", "full": "x"},
        "B": {"short": "AstraZeneca authors", "year": "", "full": "y"},
    }
    text, cited = course.replace_roles(
        "see {cite:p}`A2014,B`; {cite:t}`A2014` wrote; a {term}`two-compartment model <Two-compartment model>`, "
        "{term}`CL`, {doc}`mechanism`, {doc}`the glossary <glossary>`, the {download}`bundle <../x.zip>`",
        bib,
        {"mechanism": "Mechanism: how it blocks", "glossary": "Glossary"},
        {"mechanism"},
    )
    assert text == (
        "see (Sanacora et al., 2014; AstraZeneca authors); Sanacora et al. (2014) wrote; a two-compartment model, "
        "CL, *Mechanism: how it blocks* (`mechanism.ipynb`), *the glossary*, the bundle"
    )
    assert cited == {"A2014", "B"}
    with pytest.raises(ValueError, match="not in references.bib"):
        course.replace_roles("{cite:p}`Nope`", bib, {}, set())


def test_the_bibliography_shortens_author_lists():
    bib = course.load_bibliography()
    assert bib["Sanacora2014"]["short"] == "Sanacora et al." and bib["Sanacora2014"]["year"] == "2014"
    assert "Molecular Psychiatry" in bib["Sanacora2014"]["full"]


# -- make lab: a working copy, never book/ -----------------------------------------------------------------
def test_make_lab_opens_the_working_copy_not_the_book():
    dry = subprocess.run(["make", "-n", "-o", ".venv/.installed", "lab"], cwd=ROOT, capture_output=True, text=True)
    assert dry.returncode == 0, dry.stderr
    lab_lines = [line for line in dry.stdout.splitlines() if "jupyter lab" in line]
    assert lab_lines and all("_build/lab" in line and "book" not in line.split("jupyter lab")[1] for line in lab_lines)


def test_lab_copy_keeps_the_readers_work(tmp_path: Path):
    book, lab = tmp_path / "book", tmp_path / "lab"
    book.mkdir()
    (book / "a.ipynb").write_text("A1")
    (book / "b.ipynb").write_text("B1")
    assert course.prepare_lab(lab, book) == []
    assert (lab / "a.ipynb").read_text() == "A1"
    (lab / "a.ipynb").write_text("A1 with my outputs")  # the reader ran and saved it
    (book / "a.ipynb").write_text("A2")
    (book / "b.ipynb").write_text("B2")  # untouched copy: refreshed
    notes = course.prepare_lab(lab, book)
    assert (lab / "a.ipynb").read_text() == "A1 with my outputs" and (lab / "b.ipynb").read_text() == "B2"
    assert len(notes) == 1 and "a.ipynb" in notes[0]
    assert (book / "a.ipynb").read_text() == "A2", "book/ is only read"


# -- outside the repository: a fresh environment with only the bundle's requirements -----------------------
RUN_NOTEBOOK = textwrap.dedent(
    """
    import json, sys
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    path, timeout = sys.argv[1], int(sys.argv[2])
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(__import__("pathlib").Path(path).parent)}})
    try:
        client.execute()
        error = None
    except CellExecutionError as exc:
        error = exc.ename
    cells = [{"id": c.get("id"), "count": c.get("execution_count"), "outputs": c.get("outputs", [])}
             for c in nb.cells if c.cell_type == "code"]
    print(json.dumps({"error": error, "cells": cells}))
    """
)


@pytest.fixture(scope="module")
def student_env(tmp_path_factory) -> Path:
    """A student environment of this module's own (these tests uninstall the library); yields its python.

    A clone of the run's shared student environment (tests/student_venv.py: a fresh venv outside the repository
    with only the bundle's requirements.txt installed, built once per test run and checked there), so that the
    JupyterLab test, which uses the shared one, never finds the library gone.
    """
    shared = student_venv(tmp_path_factory)
    return shared.clone(tmp_path_factory.mktemp("student-venv") / "venv").python


def _run(python: Path, notebook: Path, timeout: int = 600) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "JUPYTER"))}
    done = subprocess.run(
        [str(python), "-c", RUN_NOTEBOOK, str(notebook), str(timeout)],
        cwd=notebook.parent,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout * 4,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _uninstall_library(python: Path) -> None:
    subprocess.run([str(python), "-m", "pip", "uninstall", "--yes", "--quiet", "lanicemine_lib"], check=True)
    probe = subprocess.run([str(python), "-c", "import lanicemine_lib"], capture_output=True, cwd="/")
    assert probe.returncode != 0, "lanicemine_lib is still importable"


def test_a_chapter_alone_without_the_library_stops_with_one_friendly_sentence(student_env, bundle, tmp_path):
    _uninstall_library(student_env)
    alone = tmp_path / "pharmacokinetics.ipynb"  # downloaded alone: no wheel beside it
    alone.write_bytes((bundle / alone.name).read_bytes())
    result = _run(student_env, alone)
    first, *rest = result["cells"]
    assert result["error"] == "SetupStop", result["error"]
    (output,) = first["outputs"]
    assert output["output_type"] == "error"
    # what JupyterLab shows for an error is its traceback field: here, one sentence and nothing else
    assert output["traceback"] == [output["evalue"]], output["traceback"]
    shown = "\n".join(output["traceback"])
    assert shown.startswith(FRIENDLY) and "lanicemine-course.zip" in shown and "Traceback" not in shown
    assert "\n" not in shown and "File " not in shown
    assert all(cell["count"] is None for cell in rest), "the notebook stopped at its first cell"


def test_every_bundle_notebook_runs_in_the_fresh_environment(student_env, bundle):
    _uninstall_library(student_env)  # as on a laptop: the first notebook installs the wheel beside it
    order = ["intro.ipynb"] + sorted(p.name for p in bundle.glob("*.ipynb") if p.name != "intro.ipynb")
    for position, name in enumerate(order):
        result = _run(student_env, bundle / name)
        assert result["error"] is None, f"{name}: {result['error']}"
        errors = [o for c in result["cells"] for o in c["outputs"] if o["output_type"] == "error"]
        assert not errors, f"{name}: {errors[:1]}"
        assert all(c["count"] is not None for c in result["cells"]), f"{name}: a cell did not run"
        setup_text = "".join(o.get("text", "") for o in result["cells"][0]["outputs"])
        if position == 0:
            assert "Installing lanicemine_lib-" in setup_text, "the first notebook installed the wheel"
        else:
            assert setup_text == "", f"{name}: the set-up cell printed {setup_text!r}"
    assert not list(bundle.glob(".ipynb_checkpoints")), "nbclient saves nothing"


def test_a_clone_of_the_student_environment_leaves_the_shared_one_as_built(tmp_path_factory, tmp_path):
    shared = student_venv(tmp_path_factory)
    clone = shared.clone(tmp_path / "venv")
    _uninstall_library(clone.python)  # asserts that the clone lost it
    probe = subprocess.run(
        [str(shared.python), "-c", "import lanicemine_lib; print(lanicemine_lib.__file__)"],
        capture_output=True,
        text=True,
        cwd="/",
    )
    assert probe.returncode == 0, probe.stderr[-1000:]
    assert Path(probe.stdout.strip()).is_relative_to(shared.venv), probe.stdout
