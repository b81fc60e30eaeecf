"""The book's figure style: one .mplstyle, applied in a scoped context, legible on a phone, reader words only.

Every public figure function of ``lanicemine_lib.figures`` (the demos' frame functions among them) and every
figure a chapter draws in its own folded cell is rendered and checked:

- all visible text is at least 10 pt, and the figure (tight bounding box, as the book shows it) is at most
  6.2 in wide, so text is at least 8 CSS px when a 390-px phone shows the figure in its 358-px text column;
- no bibtex key ("Mealing1999") or facts-sheet status code ("SEED", "NOT AVAILABLE") appears in figure text
  or in a demo frame's alt text;
- no legend without a frame sits on plotted lines;
- building a figure leaves matplotlib's global settings exactly as they were.
"""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from conftest import cell_source, load_notebook
from matplotlib.figure import Figure
from matplotlib.text import Text

from lanicemine_lib import pk, trials
from lanicemine_lib.figures import _style

ROOT = Path(__file__).resolve().parents[1]
MODULES = ("pk", "mechanism", "trials", "safety", "lessons")
MIN_TEXT_PT = 10.0
PHONE_COLUMN_PX = 358  # the text column of a 390-px phone (measured in the built book)
MIN_PHONE_PX = 8.0
MAX_WIDTH_IN = MIN_TEXT_PT * 4 / 3 * PHONE_COLUMN_PX / (96 * MIN_PHONE_PX)  # 6.2 in

# "PopPK" is both a bibtex key and the pharmacometric abbreviation the chapters define and use ("PopPK typical
# values"): as a word it is reader vocabulary, not a key.
BIB_KEYS = [
    key
    for key in re.findall(r"@\w+\{([^,]+),", (ROOT / "book" / "references.bib").read_text(encoding="utf-8"))
    if key != "PopPK"
]
INTERNAL = re.compile(
    r"\b(?:" + "|".join(map(re.escape, BIB_KEYS)) + r")\b|\bSEED\b|NOT AVAILABLE|\bUNVERIFIED\b|\bVERIFIED\b"
    r"|\bDERIVED\b|\bFITTED\b|facts sheet"
)


def _sample_args() -> dict[str, tuple]:
    t = np.linspace(0.0, 72.0, 73)
    c = np.asarray(pk.concentration(t, pk.Regimen.single(100.0, 1.0)))
    pop = pk.simulate_population(pk.Regimen.single(100.0, 1.0), n=100, seed=1, t_h=np.linspace(0, 48, 97))
    one = trials.simulate_trials(100, -3.0, 1, 3, return_data=True)
    base, end = one.madrs[0][:, 0], trials.locf_endpoint(one.madrs[0])
    fit = trials.ancova_batch(base[None], (end - base)[None], one.arm)
    return {
        "pk.plot_closed_form_vs_ode": (t, c, c * (1 + 1e-12)),
        "pk.plot_course": ({"100 mg": pk.Regimen.study9(100.0)},),
        "pk.plot_infusion_length": (60.0,),
        "pk.plot_population_band": (pop,),
        "pk.plot_population_omega": (0.25,),
        "pk.plot_single_infusion": (100.0,),
        "trials.plot_study31_week": (3,),
        "safety.plot_infusion_length": (1.0,),
        "safety.plot_sample_size": (100,),
        "lessons.plot_ancova_example": (base, end, one.arm, fit, -3.0),
        "lessons.plot_design": (trials.simulate_trials(100, -3.0, 400, 0),),
        "lessons.plot_two_trials": (trials.same_drug_two_trials((50, 100), -3.0, 400, 0),),
    }


def _public_callables():
    """(name, function) for every figure function in the figures package."""
    found = []
    for mod in MODULES:
        module = importlib.import_module(f"lanicemine_lib.figures.{mod}")
        for name in module.__all__:
            obj = getattr(module, name)
            if not callable(obj) or inspect.isclass(obj) or name.startswith("describe"):
                continue
            if inspect.signature(obj).return_annotation in (Figure, "Figure"):
                found.append((f"{mod}.{name}", obj))
    return found


CHAPTERS = ("pharmacokinetics", "mechanism", "trial_protocols", "safety", "lessons")


def folded_figure_cells(chapter: str) -> list[dict]:
    """The chapter's folded cells that draw a figure themselves (a ``@styled`` function, folded in both views)."""
    nb = load_notebook(ROOT / "book" / f"{chapter}.ipynb")
    return [
        c
        for c in nb["cells"]
        if c["cell_type"] == "code"
        and "hide-input" in c["metadata"].get("tags", [])
        and c["metadata"].get("jupyter", {}).get("source_hidden")
        and "@styled" in cell_source(c)
    ]


def _chapter_figure(chapter: str) -> Figure:
    """Run the chapter's import cell and its folded figure cell (``plt.show`` switched off); return ``fig``."""
    nb = load_notebook(ROOT / "book" / f"{chapter}.ipynb")
    imports = next(c for c in nb["cells"] if c.get("id") == "c003")
    code = "\n".join(line for line in cell_source(imports).splitlines() if not line.startswith("%"))
    namespace: dict = {}
    exec(compile(code, f"{chapter}:imports", "exec"), namespace)
    namespace["plt"] = type("NoShow", (), {"show": staticmethod(lambda: None), "subplots": plt.subplots})
    (cell,) = folded_figure_cells(chapter)
    exec(compile(cell_source(cell), f"{chapter}:{cell['id']}", "exec"), namespace)
    return namespace["fig"]


# Demo figures a chapter draws with a plotting function of its own (cell id, function, a value of the slider).
CHAPTER_DEMOS = {"mechanism washout demo": ("mechanism", "ev-mech-demo-plot", "plot_washout_duration", 120.0)}


def _chapter_demo_figure(name: str) -> Figure:
    """Run the chapter's import cell and the demo's plotting cell, then draw one frame of the demo."""
    chapter, cell_id, function, value = CHAPTER_DEMOS[name]
    nb = load_notebook(ROOT / "book" / f"{chapter}.ipynb")
    namespace: dict = {}
    for wanted in ("c003", cell_id):
        cell = next(c for c in nb["cells"] if c.get("id") == wanted)
        code = "\n".join(line for line in cell_source(cell).splitlines() if not line.startswith("%"))
        exec(compile(code, f"{chapter}:{wanted}", "exec"), namespace)
    return namespace[function](value)


CALLABLES = (
    [(name, func, "figure") for name, func in _public_callables()]
    + [(f"chapter {chapter}", chapter, "chapter") for chapter in CHAPTERS]
    + [(name, name, "demo") for name in CHAPTER_DEMOS]
)
SAMPLE_ARGS = _sample_args()


def _build(name, func, kind) -> tuple[Figure, str | None]:
    if kind == "chapter":
        return _chapter_figure(func), None
    if kind == "demo":
        return _chapter_demo_figure(func), None
    sig = inspect.signature(func)
    required = [p for p in sig.parameters.values() if p.default is p.empty]
    args = SAMPLE_ARGS.get(name, ()) if required else ()
    if required and not args:
        pytest.fail(f"{name} needs arguments: add sample arguments to SAMPLE_ARGS in this test", pytrace=False)
    return func(*args), None


def _visible_texts(fig: Figure) -> list[Text]:
    renderer = fig.canvas.get_renderer()
    return [
        t
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and t.get_window_extent(renderer).width > 0
    ]


def test_every_figure_function_is_checked():
    names = {name for name, _f, _k in CALLABLES}
    assert len(names) >= 30, sorted(names)
    assert {"pk.plot_potency_bands", "mechanism.pathway_figure", "lessons.plot_two_trials"} <= names
    assert {"chapter pharmacokinetics", "chapter lessons"} <= names


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_draws_one_figure_in_a_folded_cell(chapter):
    """One figure per chapter is drawn in the chapter itself, one click away: folded in the book and in JupyterLab."""
    cells = folded_figure_cells(chapter)
    assert len(cells) == 1, f"{chapter}: {len(cells)} folded cells that draw a figure with @styled (want 1)"
    source = cell_source(cells[0])
    assert "plt.show()" in source and cells[0]["metadata"].get("mystnb", {}).get("image", {}).get("alt")


@pytest.mark.parametrize("name, func, kind", CALLABLES, ids=[c[0] for c in CALLABLES])
def test_figure_is_legible_on_a_phone_and_uses_reader_words(name, func, kind):
    before = dict(matplotlib.rcParams)
    n_figs = len(plt.get_fignums())
    fig, alt = _build(name, func, kind)
    try:
        assert dict(matplotlib.rcParams) == before, f"{name} changed matplotlib's global settings"
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        texts = _visible_texts(fig)
        small = sorted({(round(t.get_fontsize(), 1), t.get_text()[:40]) for t in texts if t.get_fontsize() < 9.95})
        assert not small, f"{name}: text below {MIN_TEXT_PT} pt: {small[:6]}"
        width_in = fig.get_tightbbox(renderer).width
        assert width_in <= MAX_WIDTH_IN, (
            f"{name}: {width_in:.2f} in wide; text would shrink below {MIN_PHONE_PX} CSS px on a phone "
            f"(at most {MAX_WIDTH_IN:.2f} in)"
        )
        words = [t.get_text() for t in texts] + ([alt] if alt else [])
        internal = sorted({m.group(0) for w in words for m in INTERNAL.finditer(w)})
        assert not internal, f"{name}: internal keys or status codes shown to readers: {internal}"
        for ax, legend in [(a, a.get_legend()) for a in fig.axes if a.get_legend()] + [
            (None, leg) for leg in fig.legends
        ]:
            if legend.get_frame_on():
                continue
            box = legend.get_window_extent(renderer)
            for a in [ax] if ax is not None else fig.axes:
                for line in a.get_lines():
                    xy = line.get_transform().transform(np.column_stack(line.get_data()).astype(float))
                    inside = (xy[:, 0] > box.x0) & (xy[:, 0] < box.x1) & (xy[:, 1] > box.y0) & (xy[:, 1] < box.y1)
                    assert not inside.any(), f"{name}: an unframed legend sits on the line {line.get_label()!r}"
    finally:
        plt.close(fig)
    assert len(plt.get_fignums()) == n_figs, f"{name} left figures open"


def test_style_file_ships_with_the_package_and_sets_the_sizes():
    assert _style.STYLE_PATH.is_file() and _style.STYLE_PATH.parent.name == "lanicemine_lib"
    style = matplotlib.rc_params_from_file(str(_style.STYLE_PATH), use_default_template=False)
    assert style["font.size"] == 12
    sizes = [style[k] for k in ("xtick.labelsize", "ytick.labelsize", "legend.fontsize", "axes.labelsize")]
    assert min(float(s) for s in sizes) >= MIN_TEXT_PT
    assert _style.NOTE_SIZE >= MIN_TEXT_PT
    assert style["figure.figsize"][0] == _style.WIDTH_IN <= MAX_WIDTH_IN


def test_styled_is_scoped_even_when_the_function_fails():
    before = dict(matplotlib.rcParams)

    @_style.styled
    def broken() -> Figure:
        assert matplotlib.rcParams["font.size"] == 12  # the style is active inside
        raise ValueError("x must be positive")

    with pytest.raises(ValueError, match="x must be positive"):
        broken()
    assert dict(matplotlib.rcParams) == before


def test_styled_keeps_the_signature():
    from lanicemine_lib.figures.pk import plot_potency_bands

    assert list(inspect.signature(plot_potency_bands).parameters) == ["doses_mg", "t_end_h"]


def test_ticks_take_the_style_sizes_even_when_drawn_later():
    """Tick labels are created when a figure is first drawn; a styled figure drawn outside the style keeps them."""
    from lanicemine_lib.figures.pk import plot_potency_bands

    fig = plot_potency_bands()
    try:
        fig.canvas.draw()  # outside the style context, as plt.show() or savefig does later
        sizes = {t.get_fontsize() for ax in fig.axes for t in ax.get_xticklabels() + ax.get_yticklabels()}
        assert sizes and min(sizes) >= MIN_TEXT_PT, sizes
    finally:
        plt.close(fig)
