"""P2: widget update time — one control change → recomputed and redrawn figure (Agg backend).

For each chapter's main demo — the ``widgets.Explorer`` the chapter builds in its own demo cell, taken from the
notebook (its import cell and demo cell are run, without displaying anything) — this times what the live
slider does on a change — ``Explorer.frame(value)``: compute, draw with Agg, encode the PNG — against a naive
``ipywidgets.interact`` callback that builds the whole figure and displays it through IPython's inline
display path (``plt.show`` under the inline backend is the same ``savefig`` to PNG plus display overhead).
"""

from __future__ import annotations

import io
import json
import statistics
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

BOOK = Path(__file__).resolve().parents[1] / "book"
#: topic -> (chapter notebook, id of its main demo cell, name of the Explorer it builds)
DEMOS = {
    "pk": ("pharmacokinetics", "c027", "length_demo"),
    "mechanism": ("mechanism", "c026", "race_demo"),
    "trials": ("trial_protocols", "c018", "week_demo"),
    "safety": ("safety", "c020", "sample_size_demo"),
    "lessons": ("lessons", "c021", "design_demo"),
}


def chapter_demo(chapter: str, cell_id: str, name: str):
    """The Explorer a chapter builds: run the chapter's import cell and its demo cell (minus ``.static()``)."""
    cells = {
        c.get("id"): "".join(c["source"]) for c in json.loads((BOOK / f"{chapter}.ipynb").read_text("utf-8"))["cells"]
    }
    namespace: dict = {}
    imports = "\n".join(line for line in cells["c003"].splitlines() if not line.startswith("%"))
    exec(compile(imports, f"{chapter}:c003", "exec"), namespace)
    demo = "\n".join(line for line in cells[cell_id].splitlines() if line.strip() != f"{name}.static()")
    exec(compile(demo, f"{chapter}:{cell_id}", "exec"), namespace)
    return namespace[name]


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
    for topic, (chapter, cell_id, name) in DEMOS.items():
        rows.append(_bench_explorer(topic, chapter_demo(chapter, cell_id, name), repeats))
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
