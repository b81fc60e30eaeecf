"""P4: clean book build with every notebook executed, and a rebuild with nothing changed. P5: `make test`."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JB = str(Path(sys.executable).with_name("jupyter-book"))


def _build(out: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run(
        [JB, "build", str(ROOT), "--path-output", str(out), "--builder", "html", "-W", "-n", "--keep-going", "-q"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - t0


def run(quick: bool = False, suite: bool = True) -> list[dict]:
    if quick:
        return []
    out = ROOT / "_build" / "bench-build"
    shutil.rmtree(out, ignore_errors=True)
    clean = _build(out)
    again = _build(out)
    shutil.rmtree(out, ignore_errors=True)
    rows = [
        {
            "figure": "P4 clean build, every notebook executed",
            "value": clean,
            "unit": "s",
            "baseline": "-",
            "ratio": float("nan"),
            "target": "<= 180 s",
            "met": clean <= 180,
            "detail": "one run",
        },
        {
            "figure": "P4 rebuild, nothing changed",
            "value": again,
            "unit": "s",
            "baseline": "-",
            "ratio": float("nan"),
            "target": "<= 15 s",
            "met": again <= 15,
            "detail": "one run",
        },
    ]
    if suite:
        t0 = time.perf_counter()
        result = subprocess.run(["make", "-C", str(ROOT), "test"], stdout=subprocess.DEVNULL, check=False)
        total = time.perf_counter() - t0
        rows.append(
            {
                "figure": "P5 README test command (`make test`, incl. build)",
                "value": total,
                "unit": "s",
                "baseline": "-",
                "ratio": float("nan"),
                "target": "<= 600 s",
                "met": total <= 600 and result.returncode == 0,
                "detail": f"exit code {result.returncode}; one run, with .venv installed and _build/html up to date "
                f"(a fresh clone adds the install and a clean build, P4)",
            }
        )
    return rows
