"""P2: widget update time — one control change → recomputed and redrawn figure (Agg backend).

For each chapter's main demo (``lanicemine_lib.figures.<topic>.main_explorer()``) this times what the live
slider does on a change — ``Explorer.frame(value)``: compute, draw with Agg, encode the PNG — against a naive
``ipywidgets.interact`` callback that builds the whole figure and displays it through IPython's inline
display path (``plt.show`` under the inline backend is the same ``savefig`` to PNG plus display overhead).
"""

from __future__ import annotations

import importlib
import io
import statistics
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

TOPICS = ("pk", "mechanism", "trials", "safety", "lessons")


def _time(fn, repeats):
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return samples


def run(quick: bool = False) -> list[dict]:
    rows = []
    repeats = 2 if quick else 9
    for topic in TOPICS:
        module = importlib.import_module(f"lanicemine_lib.figures.{topic}")
        rows.append(_bench_explorer(topic, module.main_explorer(), repeats))
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)


def _bench_explorer(topic: str, explorer, repeats: int) -> dict:
    """Time one kernel-free frame of ``explorer`` against a naive redraw of the same figure."""
    grid = list(explorer.values)
    values = [grid[(i * 3) % len(grid)] for i in range(repeats)]
    it = iter(values)
    ours = _time(lambda: explorer.frame(next(it)), repeats)
    it2 = iter(values)

    def naive():
        fig = explorer.plot(next(it2))
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=explorer.dpi)  # what the inline backend does on show
        plt.close("all")

    base = _time(naive, repeats)
    med, base_med = statistics.median(ours), statistics.median(base)
    spread = f"min {min(ours) * 1e3:.0f}, max {max(ours) * 1e3:.0f}"
    return {
        "figure": f"P2 widget update, {topic} main demo ({explorer.label})",
        "value": med * 1e3,
        "unit": "ms",
        "baseline": f"naive interact redraw {base_med * 1e3:.0f} ms",
        "ratio": base_med / med,
        "target": "<= 150 ms median",
        "met": med <= 0.150,
        "detail": f"median {med * 1e3:.0f} ms, {spread} over {repeats}",
    }
