"""Run every benchmark and print a markdown table (also written to bench/results/latest.md).

Usage: ``python bench/run.py [--quick] [--no-build] [--no-suite] [--install-only]`` (``make bench`` runs
everything; ``--install-only`` measures P7 alone and updates its rows in the results file).
Targets are reported as ratios to a baseline measured in the same run; nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_build
import bench_install
import bench_pdf
import bench_pk
import bench_trials
import bench_widgets


def machine() -> str:
    import numpy as np

    try:
        info = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        blas = f"{info.get('name', '?')} {info.get('version', '')}".strip()
    except Exception:  # noqa: BLE001 - the layout of numpy's build information is not a stable API
        blas = "BLAS unknown"
    return (
        f"{os.cpu_count()} cores, Python {platform.python_version()}, numpy {np.__version__} ({blas}), "
        f"{platform.machine()}, {dt.date.today().isoformat()}"
    )


def _cell(value: object) -> str:
    """Text of one table cell; a literal "|" would end the cell, so it is escaped."""
    return str(value).replace("|", "\\|")


def table(rows: list[dict]) -> str:
    lines = [
        "| figure | value | baseline (same run) | ratio | target | met | detail |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        ratio = (
            "–"
            if r["ratio"] is None or (isinstance(r["ratio"], float) and math.isnan(r["ratio"]))
            else f"{r['ratio']:.0f}×"
        )
        lines.append(
            f"| {_cell(r['figure'])} | {r['value']:.3g} {r['unit']} | {_cell(r['baseline'])} | {ratio} | "
            f"{_cell(r['target'])} | {'yes' if r['met'] else '**no**'} | {_cell(r['detail'])} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny sizes (smoke test), no build")
    parser.add_argument("--no-build", action="store_true", help="skip P4, P5, P6 and P7")
    parser.add_argument("--no-suite", action="store_true", help="skip P5 (the full test command)")
    parser.add_argument("--install-only", action="store_true", help="P7 only (student vs full install)")
    parser.add_argument("--output", type=Path, default=HERE / "results" / "latest.md")
    args = parser.parse_args(argv)

    if args.install_only:
        return _update_rows(args.output, bench_install.run())

    rows = bench_pk.run(quick=args.quick) + bench_widgets.run(quick=args.quick) + bench_trials.run(quick=args.quick)
    if not (args.quick or args.no_build):
        rows += bench_build.run(suite=not args.no_suite)
        rows += bench_pdf.run()
        rows += bench_install.run()
    text = f"Machine: {machine()}\n\n{table(rows)}\n"
    print(text)
    if not args.quick:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text)
    return 0


def _update_rows(output: Path, rows: list[dict]) -> int:
    """Replace (or append) the rows of these figures in an existing results table; print them."""
    new = table(rows).splitlines()[2:]
    print("\n".join(new))
    lines = (
        output.read_text().splitlines() if output.exists() else [f"Machine: {machine()}", "", *table([]).splitlines()]
    )
    figures = {r["figure"] for r in rows}
    kept = [line for line in lines if not any(line.startswith(f"| {_cell(f)} |") for f in figures)]
    last_row = max(i for i, line in enumerate(kept) if line.startswith("|"))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text("\n".join(kept[: last_row + 1] + new + kept[last_row + 1 :]) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
