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

A test that changes the environment (``tests/test_course.py`` uninstalls the library, as on a laptop that has
only the bundle's set) holds it exclusively; a test that only uses it (JupyterLab) holds it shared, so the two
never overlap. When an exclusive hold ends the library is installed again from the bundle's wheel, so every
user finds the environment as it was built. Not collected as a test module.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
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
    lock : Path
        The file that ``held`` locks.
    build_seconds : float or None
        How long this process took to build it (None: another worker built it, or an earlier call did).
    """

    venv: Path
    bundle: Path
    lock: Path
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

    @contextlib.contextmanager
    def held(self, *, exclusive: bool) -> Iterator[StudentVenv]:
        """Hold the environment: ``exclusive`` while a test changes it, shared while a test only uses it.

        On leaving an exclusive hold, the library is installed again (from the bundle's wheel) if the test
        left it uninstalled.
        """
        with _flocked(self.lock, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH):
            try:
                yield self
            finally:
                if exclusive and not library_importable(self.python):
                    reinstall = subprocess.run(
                        [
                            str(self.python),
                            "-m",
                            "pip",
                            "install",
                            "--quiet",
                            "--no-index",
                            "--find-links",
                            str(self.bundle),
                            "lanicemine_lib",
                        ],
                        capture_output=True,
                        text=True,
                        env=self.environ(),
                    )
                    assert reinstall.returncode == 0, reinstall.stderr[-2000:]


@contextlib.contextmanager
def _flocked(path: Path, mode: int) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, mode)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of this test run that every xdist worker shares (outside the repository)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def library_importable(python: Path) -> bool:
    probe = subprocess.run([str(python), "-c", "import lanicemine_lib"], capture_output=True, cwd="/")
    return probe.returncode == 0


def student_venv(tmp_path_factory: pytest.TempPathFactory) -> StudentVenv:
    """The run's student environment, built on first use (see the module docstring)."""
    home = run_base(tmp_path_factory) / "student-env"
    home.mkdir(exist_ok=True)
    assert ROOT not in home.resolve().parents, f"{home} is inside the repository"
    ready, failed = home / "ready.json", home / "failed.txt"
    env = StudentVenv(venv=home / "venv", bundle=home / "bundle" / course.BUNDLE_NAME, lock=home / "use.lock")
    with _flocked(home / "build.lock", fcntl.LOCK_EX):
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
    return StudentVenv(venv=env.venv, bundle=env.bundle, lock=env.lock, build_seconds=seconds)


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
