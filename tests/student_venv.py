"""The student's environment, built once per test run and shared by the test files that need it.

The course bundle's promise is that a fresh virtual environment with only its ``requirements.txt`` (JupyterLab,
jupyterlab-myst, ipywidgets and the scientific libraries, about 700 MB) runs every notebook. Two test files use
such an environment: ``tests/test_course.py`` runs the bundle's notebooks in it with nbclient, and
``tests/test_browser_lab.py`` starts JupyterLab from it and drives the student notebook in Chromium. Building
it takes minutes, so it is built once per test run:

- in the run's temporary base folder (pytest's ``tmp_path_factory``; under xdist the folder the workers'
  folders share), outside the repository;
- by whichever worker asks first, under a file lock; the others wait and reuse it. A failed build is recorded,
  and a worker that asks later fails at once with the same message instead of building again.

Nobody changes the shared environment. A test that does (``tests/test_course.py`` uninstalls the library, as on
a laptop that has only the bundle's set) works in a ``clone``: a copy whose files are hard links (about 2 s
and no extra disk instead of 10 s and 700 MB). That is safe because pip and Python replace files and never
rewrite them in place: pip unlinks a file before it writes it, uninstalling moves or unlinks, and Python writes
bytecode to a new file that it renames over the old one. Not collected as a test module.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import course  # tools/ is not a package: its folder goes on sys.path above

INSTALL_TIMEOUT = 1800  # s: pip install of the whole student set, from PyPI or this machine's wheel cache
NOT_STUDENT_PACKAGES = ("jupyter-book", "Sphinx", "playwright", "pytest")


@dataclass(frozen=True)
class StudentVenv:
    """A built student environment.

    Attributes
    ----------
    venv : Path
        The virtual environment (outside the repository).
    bundle : Path
        The unzipped course bundle it was installed from. Shared by every worker: read it, copy it, but run
        nothing in it.
    build_seconds : float or None
        How long this process took to build it (None: another worker built it, or an earlier call did).
    """

    venv: Path
    bundle: Path
    build_seconds: float | None = None

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    def environ(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        """The environment of a process started "in" the venv, as a student's activated shell has it.

        Nothing of the test run's own environment reaches it: no ``PYTHON*``, ``VIRTUAL_ENV`` or ``JUPYTER*``
        variable, and the venv's ``bin`` comes first on ``PATH``.
        """
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "JUPYTER"))}
        env["PATH"] = os.pathsep.join([str(self.venv / "bin"), env.get("PATH", os.defpath)])
        env["VIRTUAL_ENV"] = str(self.venv)
        env.update(extra or {})
        return env

    def clone(self, dest: Path) -> StudentVenv:
        """A copy of the environment at ``dest`` (outside the repository), for a test that changes it.

        Files are hard links where the file system allows (see the module docstring), copies otherwise; the
        copy's ``bin/python`` finds its own ``site-packages``, so ``python -m pip`` and ``python -m ...``
        act on the copy only.
        """
        shutil.copytree(self.venv, dest, symlinks=True, copy_function=_link_or_copy)
        return StudentVenv(venv=dest, bundle=self.bundle)


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:  # another file system
        shutil.copy2(src, dst)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if need be) across processes."""
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of this test run that every xdist worker shares (outside the repository)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def student_venv(tmp_path_factory: pytest.TempPathFactory) -> StudentVenv:
    """The run's student environment, built on first use (see the module docstring)."""
    home = run_base(tmp_path_factory) / "student-env"
    home.mkdir(exist_ok=True)
    assert ROOT not in home.resolve().parents, f"{home} is inside the repository"
    ready, failed = home / "ready.json", home / "failed.txt"
    env = StudentVenv(venv=home / "venv", bundle=home / "bundle" / course.BUNDLE_NAME)
    with _locked(home / "build.lock"):
        if failed.exists():
            pytest.fail(f"the student environment failed to build (in another test):\n{failed.read_text()}")
        if ready.exists():
            return env
        start = time.monotonic()
        try:
            _build(env)
        except BaseException as exc:
            failed.write_text(f"{type(exc).__name__}: {exc}")
            raise
        seconds = round(time.monotonic() - start, 1)
        ready.write_text(json.dumps({"build_seconds": seconds, "pid": os.getpid()}) + "\n")
    return StudentVenv(venv=env.venv, bundle=env.bundle, build_seconds=seconds)


def _build(env: StudentVenv) -> None:
    """Build the bundle, unzip it, create the venv and install only the bundle's requirements.txt into it."""
    home = env.venv.parent
    zip_path = course.build_bundle(home / "lanicemine-course.zip")
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(home / "bundle")
    assert (env.bundle / "requirements.txt").is_file(), sorted(p.name for p in env.bundle.iterdir())
    subprocess.run([sys.executable, "-m", "venv", str(env.venv)], check=True)
    install = subprocess.run(
        [str(env.python), "-m", "pip", "install", "--quiet", "-r", str(env.bundle / "requirements.txt")],
        cwd=home,  # not the bundle's folder: requirements.txt must find the wheel by itself
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    frozen = subprocess.run([str(env.python), "-m", "pip", "freeze"], capture_output=True, text=True, check=True).stdout
    assert "lanicemine_lib @ file://" in frozen or "lanicemine-lib==" in frozen.lower() or "lanicemine_lib==" in frozen
    for absent in NOT_STUDENT_PACKAGES:
        assert not re.search(rf"^{absent}==", frozen, re.M | re.I), f"{absent} was installed"
