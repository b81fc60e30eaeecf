"""P6: the printed edition — `make pdf` after the HTML build (both PDFs, A4), and the size of each PDF.

Times ``tools/pdf_edition.py`` (what ``make pdf`` runs once ``_build/html`` is up to date: assemble the print
documents, print each twice with headless Chromium, fix the bookmarks) into a scratch folder, so ``_build/pdf``
is left alone. Needs the built book (it is built first, untimed, when ``_build/html`` is missing) and Chromium
(without it the rows are left out, with a note).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "pdf_edition.py"
TARGET_S = 180.0
TARGET_MB = 15.0


def _chromium() -> bool:
    candidate = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    return bool(shutil.which(candidate) or os.access(candidate, os.X_OK))


def run(quick: bool = False) -> list[dict]:
    if quick:
        return []
    if not _chromium():
        print("P6 skipped: Chromium not found (set CHROMIUM_PATH)", file=sys.stderr)
        return []
    html = ROOT / "_build" / "html"
    if not (html / "index.html").exists():
        jb = str(Path(sys.executable).with_name("jupyter-book"))
        subprocess.run([jb, "build", str(ROOT), "--builder", "html", "-q"], check=True, stdout=subprocess.DEVNULL)
    out = ROOT / "_build" / "bench-pdf"
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(TOOL), "--out", str(out), "--paper", "a4"], stdout=subprocess.DEVNULL, check=False
    )
    elapsed = time.perf_counter() - t0
    report = json.loads((out / "report.json").read_text()) if (out / "report.json").exists() else {"editions": {}}
    rows = [
        {
            "figure": "P6 `make pdf` after the HTML build (instructor + student PDF, A4)",
            "value": elapsed,
            "unit": "s",
            "baseline": "-",
            "ratio": float("nan"),
            "target": f"<= {TARGET_S:.0f} s",
            "met": elapsed <= TARGET_S and result.returncode == 0,
            "detail": f"exit code {result.returncode}; one run on {os.cpu_count()} cores; assemble "
            f"{report.get('assemble_s', '?')} s, print with Chromium {report.get('print_s', '?')} s "
            "(each PDF printed twice: the second print has the contents' page numbers)",
        }
    ]
    for edition, info in report["editions"].items():
        size_mb = info["bytes"] / 1e6
        pages = _page_count(Path(info["pdf"]))
        rows.append(
            {
                "figure": f"P6 PDF size, {edition} edition",
                "value": size_mb,
                "unit": "MB",
                "baseline": "-",
                "ratio": float("nan"),
                "target": f"<= {TARGET_MB:.0f} MB",
                "met": size_mb <= TARGET_MB,
                "detail": f"{pages} A4 pages; figures: demo frames as vectors (SVG), other figures as the "
                "web book's PNGs",
            }
        )
    shutil.rmtree(out, ignore_errors=True)
    return rows


def _page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)
