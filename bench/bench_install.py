"""P7: the student install (the course bundle's requirements.txt) against the full install (`make install`).

Each is installed into a fresh virtual environment in a temporary folder, with pip as this machine has it
(its cache and configured indexes: the seconds are those of a warm cache, not of a first download). Counted
like the 167 of the full set: installed distributions as `pip freeze` lists them (pip, setuptools and wheel
excluded); size: the whole environment folder on disk.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

MAX_PACKAGES = 110
MAX_MB = 700


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def measure(requirements: Path, cwd: Path) -> dict:
    """Install ``requirements`` into a fresh venv; return packages, MB and seconds (venv creation included)."""
    with tempfile.TemporaryDirectory(prefix="lanicemine-install-") as tmp:
        venv = Path(tmp) / "venv"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = venv / "bin" / "python"
        install = subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "-r", str(requirements)],
            cwd=cwd,
            capture_output=True,
            text=True,
        )
        if install.returncode:
            raise RuntimeError(f"installing {requirements} failed:\n{install.stderr[-3000:]}")
        seconds = time.perf_counter() - start
        frozen = subprocess.run([str(python), "-m", "pip", "freeze"], capture_output=True, text=True, check=True)
        packages = [line for line in frozen.stdout.splitlines() if line and not line.startswith("#")]
        return {"packages": len(packages), "mb": _size_mb(venv), "seconds": seconds}


def run(quick: bool = False) -> list[dict]:
    if quick:
        return []
    import course

    with tempfile.TemporaryDirectory(prefix="lanicemine-bundle-") as tmp:
        bundle_zip = course.build_bundle(Path(tmp) / "lanicemine-course.zip")
        with zipfile.ZipFile(bundle_zip) as archive:
            archive.extractall(tmp)
        student = measure(Path(tmp) / "lanicemine-course" / "requirements.txt", cwd=Path(tmp))
    full = measure(ROOT / "requirements.txt", cwd=ROOT)
    baseline = f"full install (make install): {full['packages']} packages, {full['mb']:.0f} MB, {full['seconds']:.0f} s"
    detail = (
        f"bundle's requirements.txt into a fresh venv: {student['packages']} packages, {student['mb']:.0f} MB, "
        f"{student['seconds']:.0f} s (warm pip cache); full: {full['seconds']:.0f} s; the student set is "
        f"{student['packages'] / full['packages']:.0%} of the full set's packages and "
        f"{student['mb'] / full['mb']:.0%} of its size"
    )
    return [
        {
            "figure": "P7 student install (course bundle), packages",
            "value": student["packages"],
            "unit": "packages",
            "baseline": baseline,
            "ratio": float("nan"),
            "target": f"<= {MAX_PACKAGES} packages",
            "met": student["packages"] <= MAX_PACKAGES,
            "detail": detail,
        },
        {
            "figure": "P7 student install (course bundle), size",
            "value": student["mb"],
            "unit": "MB",
            "baseline": baseline,
            "ratio": float("nan"),
            "target": f"<= {MAX_MB} MB",
            "met": student["mb"] <= MAX_MB,
            "detail": detail,
        },
    ]
