"""The benchmarks keep working (tiny sizes; no timing is asserted here)."""

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import run as bench_run  # noqa: E402

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
    assert len(rows) == len(bench_run.bench_widgets.TOPICS)
