"""The benchmarks keep working (tiny sizes; no timing is asserted here)."""

import re
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import run as bench_run

KEYS = {"figure", "value", "unit", "baseline", "ratio", "target", "met", "detail"}


def test_quick_benchmarks_produce_complete_rows(capsys):
    assert bench_run.main(["--quick"]) == 0
    out = capsys.readouterr().out
    assert "| figure |" in out
    for name in ("bench_pk", "bench_trials", "bench_widgets"):
        rows = getattr(bench_run, name).run(quick=True)
        assert rows, name
        for row in rows:
            assert KEYS <= row.keys(), (name, row.keys())
            assert row["value"] > 0


def test_every_chapter_has_a_main_demo_for_the_widget_benchmark():
    rows = bench_run.bench_widgets.run(quick=True)
    assert len(rows) == len(bench_run.bench_widgets.DEMOS) == 5
    assert all("main demo" in row["figure"] for row in rows)


def test_table_cells_cannot_break_the_markdown_table():
    row = {
        "figure": "a",
        "value": 1.0,
        "unit": "s",
        "baseline": "b",
        "ratio": 2.0,
        "target": "t",
        "met": True,
        "detail": "max |diff| 1e-14",
    }
    line = bench_run.table([row]).splitlines()[-1]
    assert len(re.findall(r"(?<!\\)\|", line)) == 8  # seven cells, whatever the text holds
